//! A season replayed: every played match forecast from only the results before its day,
//! and the forecasts scored against what happened, beside two baselines.
//!
//! The model is refitted once per match day (matches on one day share a fit, as nothing
//! of that day is known before it) on every result of its [`History`] before that day,
//! from every competition stored, weighting results by their age on that day. Each
//! day's fit starts from the day before's, which makes a season's 100-odd fits quick.

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::quality::outcome_of;
use crate::{History, MatchModel, ModelOptions, OutcomeProbabilities, PlayedResult, ProbabilityScore};

/// Home win, draw and away win shares the frequencies baseline starts from, before a
/// league has played: about what Europe's top leagues have seen since 2000.
pub const PRIOR_FREQUENCIES: OutcomeProbabilities = OutcomeProbabilities {
    home: 0.45,
    draw: 0.26,
    away: 0.29,
};

/// Pseudo-matches at [`PRIOR_FREQUENCIES`] counted with a league's results so far: the
/// first day gets the prior exactly, and a day with few results no zero share.
pub const PRIOR_FREQUENCY_MATCHES: f64 = 10.0;

/// One value for each forecaster a backtest compares.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Forecasters<T> {
    /// The match model, fitted on the results before the day.
    pub model: T,
    /// The league's home, draw and away frequencies before the day.
    pub frequencies: T,
    /// One third each.
    pub equal_odds: T,
}

impl<T> Forecasters<T> {
    /// Each forecaster's value through `f`.
    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Forecasters<U> {
        Forecasters {
            model: f(self.model),
            frequencies: f(self.frequencies),
            equal_odds: f(self.equal_odds),
        }
    }
}

/// One match of a backtest: what each forecaster said before its day, and its scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BacktestMatch {
    /// The match and its result.
    pub result: PlayedResult,
    /// Results played before its day: what the model and the frequencies knew.
    pub known: usize,
    /// Each forecaster's home, draw and away probabilities.
    pub forecast: Forecasters<OutcomeProbabilities>,
    /// Each forecaster's score on this match.
    pub score: Forecasters<ProbabilityScore>,
}

/// A backtest of a season's played matches.
#[derive(Debug, Clone, PartialEq)]
pub struct Backtest {
    /// The matches scored, by date.
    pub matches: Vec<BacktestMatch>,
    /// Match days scored: the model was fitted once for each.
    pub refits: usize,
    /// Each forecaster's mean score over [`Backtest::matches`].
    pub mean: Forecasters<ProbabilityScore>,
}

/// The league's home, draw and away frequencies in `results`, counted with
/// [`PRIOR_FREQUENCY_MATCHES`] pseudo-matches at [`PRIOR_FREQUENCIES`].
pub fn frequencies_so_far(results: &[PlayedResult]) -> OutcomeProbabilities {
    let mut counts = [0.0f64; 3];
    for r in results {
        counts[outcome_of(r)] += 1.0;
    }
    let prior = PRIOR_FREQUENCY_MATCHES;
    let total = results.len() as f64 + prior;
    OutcomeProbabilities {
        home: (counts[0] + prior * PRIOR_FREQUENCIES.home) / total,
        draw: (counts[1] + prior * PRIOR_FREQUENCIES.draw) / total,
        away: (counts[2] + prior * PRIOR_FREQUENCIES.away) / total,
    }
}

/// Forecasts every result in `results` (a league season's, its teams indexed as in
/// `history`) played on or after `from` (all when `None`) with the model fitted on the
/// results of `history` of earlier days only, and scores them; the frequencies baseline
/// counts the league's own earlier results.
///
/// Returns `None` when no result is to be scored.
pub fn backtest(
    history: &History,
    results: &[PlayedResult],
    from: Option<NaiveDate>,
    options: &ModelOptions,
) -> Option<Backtest> {
    let mut sorted = results.to_vec();
    sorted.sort_by_key(|r| r.date);
    let mut days: Vec<NaiveDate> = sorted
        .iter()
        .map(|r| r.date)
        .filter(|d| from.is_none_or(|from| *d >= from))
        .collect();
    days.dedup();
    if days.is_empty() {
        return None;
    }
    let models = fits_by_day(history, &days, options);
    let per_day: Vec<Vec<BacktestMatch>> = days
        .par_iter()
        .zip(&models)
        .map(|(&day, model)| {
            let known = sorted.partition_point(|r| r.date < day);
            let before = &sorted[..known];
            let frequencies = frequencies_so_far(before);
            sorted[known..]
                .iter()
                .take_while(|r| r.date == day)
                .map(|r| {
                    let forecast = Forecasters {
                        model: model.outcome(r.home, r.away),
                        frequencies,
                        equal_odds: OutcomeProbabilities::EQUAL,
                    };
                    let outcome = outcome_of(r);
                    BacktestMatch {
                        result: *r,
                        known,
                        forecast,
                        score: forecast.map(|p| ProbabilityScore::of(p, outcome)),
                    }
                })
                .collect()
        })
        .collect();
    let matches: Vec<BacktestMatch> = per_day.into_iter().flatten().collect();
    let mean = |pick: fn(&Forecasters<ProbabilityScore>) -> ProbabilityScore| {
        ProbabilityScore::mean(matches.iter().map(|m| pick(&m.score)))
    };
    let mean = Forecasters {
        model: mean(|s| s.model),
        frequencies: mean(|s| s.frequencies),
        equal_odds: mean(|s| s.equal_odds),
    };
    Some(Backtest {
        refits: days.len(),
        matches,
        mean,
    })
}

/// The days are split into this many runs of consecutive days, fitted in parallel,
/// each day of a run from the day before's fit (its first from nothing). The runs are
/// fixed by the days alone, so the answer does not depend on the threads.
const WARM_RUNS: usize = 2;

/// The model fitted for each of `days` (in order) on the results of `history` before it.
fn fits_by_day(history: &History, days: &[NaiveDate], options: &ModelOptions) -> Vec<MatchModel> {
    let runs: Vec<Vec<MatchModel>> = days
        .par_chunks(days.len().div_ceil(WARM_RUNS).max(1))
        .map(|run| {
            let mut fits: Vec<MatchModel> = Vec::with_capacity(run.len());
            for &day in run {
                let fit = history.fit(day, options, fits.last());
                fits.push(fit);
            }
            fits
        })
        .collect();
    runs.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::result;

    /// Four teams, two matches a day for `days` days; team 0 wins at home and away.
    fn season(days: u32) -> Vec<PlayedResult> {
        let mut results = Vec::new();
        for day in 1..=days {
            let other = 1 + (day as usize % 3);
            let (a, b) = match other {
                1 => (2, 3),
                2 => (1, 3),
                _ => (1, 2),
            };
            if day % 2 == 0 {
                results.push(result(0, other, 3, 0, day));
            } else {
                results.push(result(other, 0, 0, 2, day));
            }
            results.push(result(a, b, (day % 3) as u8, 1, day));
        }
        results
    }

    #[test]
    fn a_match_before_any_result_gets_the_prior() {
        let results = season(6);
        let test = backtest(
            &History::of_league(4, &results),
            &results,
            None,
            &ModelOptions::default(),
        )
        .expect("matches");
        let first = &test.matches[0];
        assert_eq!(first.known, 0);
        assert_eq!(first.forecast.frequencies, PRIOR_FREQUENCIES);
        // The model knows nothing either: every match of the first day gets the same odds.
        let unfitted = MatchModel::fit_results(4, &[], None, &ModelOptions::default());
        assert_eq!(first.forecast.model, unfitted.outcome(0, 1));
        assert_eq!(test.matches[1].forecast.model, first.forecast.model);
        // The second day knows the first day's two results, and no more.
        assert_eq!(test.matches[2].known, 2);
        assert_ne!(test.matches[2].forecast.frequencies, PRIOR_FREQUENCIES);
    }

    #[test]
    fn matches_on_one_day_share_a_fit_and_later_results_are_not_seen() {
        let results = season(10);
        let options = ModelOptions::default();
        let test = backtest(&History::of_league(4, &results), &results, None, &options).expect("matches");
        assert_eq!(test.refits, 10);
        assert_eq!(test.matches.len(), 20);
        // Changing a result changes no forecast made on or before its day.
        let mut changed = results.clone();
        changed[13] = PlayedResult {
            home_goals: 7,
            ..changed[13]
        };
        let other = backtest(&History::of_league(4, &changed), &changed, None, &options).expect("matches");
        // Result 13 is on day 7, the last of the first fourteen.
        for i in 0..14 {
            assert_eq!(test.matches[i].forecast, other.matches[i].forecast, "match {i}");
        }
        assert_ne!(test.matches[15].forecast.model, other.matches[15].forecast.model);
    }

    #[test]
    fn scores_are_bounded_and_the_strong_team_is_seen() {
        let results = season(30);
        let test = backtest(
            &History::of_league(4, &results),
            &results,
            None,
            &ModelOptions::default(),
        )
        .expect("matches");
        for m in &test.matches {
            for s in [m.score.model, m.score.frequencies, m.score.equal_odds] {
                assert!((0.0..=1.0).contains(&s.rps), "{s:?}");
                assert!(s.log_loss >= 0.0 && s.log_loss.is_finite(), "{s:?}");
            }
            for p in [m.forecast.model, m.forecast.frequencies] {
                assert!((p.home + p.draw + p.away - 1.0).abs() < 1e-9, "{p:?}");
            }
        }
        // Team 0 wins every match: the model learns it, the frequencies cannot.
        assert!(test.mean.model.rps < test.mean.frequencies.rps, "{:?}", test.mean);
    }

    #[test]
    fn equal_odds_score_the_known_constants() {
        let results = vec![
            result(0, 1, 2, 0, 1),
            result(1, 0, 1, 1, 2),
            result(0, 1, 0, 3, 3),
        ];
        let test = backtest(
            &History::of_league(2, &results),
            &results,
            None,
            &ModelOptions::default(),
        )
        .expect("matches");
        let rps: Vec<f64> = test.matches.iter().map(|m| m.score.equal_odds.rps).collect();
        // Home win and away win: ((1/3)² + (2/3)²) / 2 = 5/18; a draw: ((1/3)² + (1/3)²) / 2 = 1/9.
        let expected = [5.0 / 18.0, 1.0 / 9.0, 5.0 / 18.0];
        for (got, want) in rps.iter().zip(expected) {
            assert!((got - want).abs() < 1e-12, "{got} != {want}");
        }
        for m in &test.matches {
            assert!((m.score.equal_odds.log_loss - 3f64.ln()).abs() < 1e-12);
        }
        assert!((test.mean.equal_odds.rps - (5.0 / 18.0 * 2.0 + 1.0 / 9.0) / 3.0).abs() < 1e-12);
    }

    #[test]
    fn from_scores_only_later_days_but_fits_on_everything_before() {
        let results = season(10);
        let options = ModelOptions::default();
        let all = backtest(&History::of_league(4, &results), &results, None, &options).expect("matches");
        let from = NaiveDate::from_ymd_opt(2024, 1, 6).expect("a day");
        let later =
            backtest(&History::of_league(4, &results), &results, Some(from), &options).expect("matches");
        assert_eq!(later.refits, 5);
        assert_eq!(later.matches.len(), 10);
        // The same matches and forecasts; the model's agree to the fit's tolerance, as
        // the first day scored is fitted from nothing rather than from the day before's.
        for (a, b) in later.matches.iter().zip(&all.matches[10..]) {
            assert_eq!(
                (a.result, a.known, a.forecast.frequencies),
                (b.result, b.known, b.forecast.frequencies)
            );
            let (p, q) = (a.forecast.model, b.forecast.model);
            assert!(
                (p.home - q.home).abs() + (p.away - q.away).abs() < 1e-5,
                "{p:?} {q:?}"
            );
        }
        let after = NaiveDate::from_ymd_opt(2024, 2, 1).expect("a day");
        assert_eq!(
            backtest(&History::of_league(4, &results), &results, Some(after), &options),
            None
        );
        assert_eq!(backtest(&History::of_league(4, &[]), &[], None, &options), None);
    }
}
