//! How good the match model's probabilities are: fitted on the first half of a season,
//! scored on the second, against two baselines.

use serde::{Deserialize, Serialize};

use crate::{MatchModel, ModelOptions, OutcomeProbabilities, PlayedResult};

/// Mean scores of a set of probability forecasts; lower is better for both.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProbabilityScore {
    /// Mean ranked probability score over home win, draw, away win.
    pub rps: f64,
    /// Mean negative natural log of the probability given to what happened.
    pub log_loss: f64,
}

/// The model against the baselines on the second half of a season.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct QualityReport {
    /// Results the model was fitted on.
    pub fitted_on: usize,
    /// Results scored.
    pub scored: usize,
    /// The fitted model.
    pub model: ProbabilityScore,
    /// Home, draw and away frequencies of the first half, the same for every match.
    pub frequencies: ProbabilityScore,
    /// One third each.
    pub equal_odds: ProbabilityScore,
}

/// The ranked probability score of one forecast given the result (0 home win, 1 draw, 2 away win).
pub fn ranked_probability_score(p: OutcomeProbabilities, outcome: usize) -> f64 {
    let observed = [outcome == 0, outcome <= 1];
    let forecast = [p.home, p.home + p.draw];
    forecast
        .iter()
        .zip(observed)
        .map(|(f, o)| (f - f64::from(u8::from(o))).powi(2))
        .sum::<f64>()
        / 2.0
}

/// What happened in `r`: 0 a home win, 1 a draw, 2 an away win (the index [`ranked_probability_score`] takes).
pub(crate) fn outcome_of(r: &PlayedResult) -> usize {
    match r.home_goals.cmp(&r.away_goals) {
        std::cmp::Ordering::Greater => 0,
        std::cmp::Ordering::Equal => 1,
        std::cmp::Ordering::Less => 2,
    }
}

impl ProbabilityScore {
    /// The scores of one forecast `p` given the result (0 home win, 1 draw, 2 away win).
    pub fn of(p: OutcomeProbabilities, outcome: usize) -> ProbabilityScore {
        ProbabilityScore {
            rps: ranked_probability_score(p, outcome),
            // A forecast of exactly 0 for what happened would score infinity; it is capped.
            log_loss: -[p.home, p.draw, p.away][outcome].max(1e-12).ln(),
        }
    }

    /// The mean of `scores` (0 for both when there are none).
    pub fn mean(scores: impl IntoIterator<Item = ProbabilityScore>) -> ProbabilityScore {
        let (mut rps, mut log_loss, mut count) = (0.0, 0.0, 0usize);
        for s in scores {
            rps += s.rps;
            log_loss += s.log_loss;
            count += 1;
        }
        let count = count.max(1) as f64;
        ProbabilityScore {
            rps: rps / count,
            log_loss: log_loss / count,
        }
    }
}

fn score(
    results: &[PlayedResult],
    forecast: impl Fn(&PlayedResult) -> OutcomeProbabilities,
) -> ProbabilityScore {
    ProbabilityScore::mean(
        results
            .iter()
            .map(|r| ProbabilityScore::of(forecast(r), outcome_of(r))),
    )
}

/// Fits on the first half of `results` (by date) and scores the second half.
///
/// Returns `None` when there are fewer than two results.
pub fn evaluate_halves(
    teams: usize,
    results: &[PlayedResult],
    options: &ModelOptions,
) -> Option<QualityReport> {
    if results.len() < 2 {
        return None;
    }
    let mut sorted = results.to_vec();
    sorted.sort_by_key(|r| r.date);
    let half = sorted.len() / 2;
    // Keep a matchday whole: the second half starts on a later day than the first ends.
    let split_day = sorted[half - 1].date;
    let cut = sorted.partition_point(|r| r.date <= split_day);
    let (first, second) = sorted.split_at(cut);
    if second.is_empty() {
        return None;
    }
    let model = MatchModel::fit_results(teams, first, Some(split_day), options);
    let mut counts = [0.0f64; 3];
    for r in first {
        counts[outcome_of(r)] += 1.0;
    }
    let total = first.len() as f64;
    let frequencies = OutcomeProbabilities {
        home: counts[0] / total,
        draw: counts[1] / total,
        away: counts[2] / total,
    };
    Some(QualityReport {
        fitted_on: first.len(),
        scored: second.len(),
        model: score(second, |r| model.outcome(r.home, r.away)),
        frequencies: score(second, |_| frequencies),
        equal_odds: score(second, |_| OutcomeProbabilities::EQUAL),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranked_probability_score_rewards_confidence_in_the_right_outcome() {
        let sure = OutcomeProbabilities {
            home: 1.0,
            draw: 0.0,
            away: 0.0,
        };
        assert_eq!(ranked_probability_score(sure, 0), 0.0);
        assert_eq!(ranked_probability_score(sure, 2), 1.0);
        let third = 1.0 / 3.0;
        let even = OutcomeProbabilities {
            home: third,
            draw: third,
            away: third,
        };
        // ((1/3)^2 + (2/3 - 1)^2) / 2 for a draw.
        assert!((ranked_probability_score(even, 1) - 1.0 / 9.0).abs() < 1e-12);
    }
}
