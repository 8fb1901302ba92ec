//! A season replayed: every played match forecast from only the results before its day,
//! and the forecasts scored against what happened, beside two baselines.
//!
//! The model is refitted once per match day (matches on one day share a fit, as nothing
//! of that day is known before it) on every result of its [`History`] before that day,
//! from every competition stored, weighting results by their age on that day. Each
//! day's fit starts from the day before's, which makes a season's 100-odd fits quick.
//!
//! When the matches carry the market's closing odds, [`score_market`] adds the market as
//! a forecaster, and compares every forecaster on the matches it priced only.

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use matchday_core::ClosingOdds;

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
    /// The market: the closing odds stored with the match, margin taken out; none for a
    /// match without them (and for means over matches some of which lack them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub market: Option<T>,
}

impl<T> Forecasters<T> {
    /// Each forecaster's value through `f`.
    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Forecasters<U> {
        Forecasters {
            model: f(self.model),
            frequencies: f(self.frequencies),
            equal_odds: f(self.equal_odds),
            market: self.market.map(f),
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
    /// Each forecaster's mean score over [`Backtest::matches`] (the market's is none: it
    /// priced only some of them; see [`Backtest::against_market`]).
    pub mean: Forecasters<ProbabilityScore>,
    /// Every forecaster, the market with them, on the matches the market priced: set by
    /// [`score_market`] when any match has closing odds.
    pub against_market: Option<MarketComparison>,
}

/// The forecasters' mean scores on the same matches: those with the market's closing odds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MarketComparison {
    /// Matches scored: those of the backtest the market priced.
    pub matches: usize,
    /// Each forecaster's mean score over those matches, the market's included.
    pub mean: Forecasters<ProbabilityScore>,
}

/// The home, draw and away probabilities closing odds give, margin taken out
/// proportionally ([`ClosingOdds::probabilities`]).
pub fn market_probabilities(odds: &ClosingOdds) -> OutcomeProbabilities {
    let [home, draw, away] = odds.probabilities();
    OutcomeProbabilities { home, draw, away }
}

/// Adds the market to `test`: each match `market` gives closing odds for gets the
/// market's forecast and score, and [`Backtest::against_market`] every forecaster's mean
/// over those matches only, so the market is compared with the others on the same
/// matches. Left without the market when no match has odds.
pub fn score_market(test: &mut Backtest, market: impl Fn(&PlayedResult) -> Option<ClosingOdds>) {
    let mut priced = Vec::new();
    for m in &mut test.matches {
        let Some(odds) = market(&m.result) else {
            continue;
        };
        let forecast = market_probabilities(&odds);
        m.forecast.market = Some(forecast);
        m.score.market = Some(ProbabilityScore::of(forecast, outcome_of(&m.result)));
        priced.push(m.score);
    }
    if priced.is_empty() {
        test.against_market = None;
        return;
    }
    let mean = |pick: fn(&Forecasters<ProbabilityScore>) -> ProbabilityScore| {
        ProbabilityScore::mean(priced.iter().map(pick))
    };
    test.against_market = Some(MarketComparison {
        matches: priced.len(),
        mean: Forecasters {
            model: mean(|s| s.model),
            frequencies: mean(|s| s.frequencies),
            equal_odds: mean(|s| s.equal_odds),
            market: Some(mean(|s| s.market.expect("priced"))),
        },
    });
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
                        market: None,
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
        market: None,
    };
    Some(Backtest {
        refits: days.len(),
        matches,
        mean,
        against_market: None,
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

    /// The backtest of `results` among `teams` teams, the league's own results its only
    /// history, from `from` on.
    fn replayed(teams: usize, results: &[PlayedResult], from: Option<NaiveDate>) -> Option<Backtest> {
        backtest(
            &History::of_league(teams, results),
            results,
            from,
            &ModelOptions::default(),
        )
    }

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
        let test = replayed(4, &results, None).expect("matches");
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
        let test = replayed(4, &results, None).expect("matches");
        assert_eq!(test.refits, 10);
        assert_eq!(test.matches.len(), 20);
        // Changing a result changes no forecast made on or before its day.
        let mut changed = results.clone();
        changed[13] = PlayedResult {
            home_goals: 7,
            ..changed[13]
        };
        let other = replayed(4, &changed, None).expect("matches");
        // Result 13 is on day 7, the last of the first fourteen.
        for i in 0..14 {
            assert_eq!(test.matches[i].forecast, other.matches[i].forecast, "match {i}");
        }
        assert_ne!(test.matches[15].forecast.model, other.matches[15].forecast.model);
    }

    #[test]
    fn scores_are_bounded_and_the_strong_team_is_seen() {
        let results = season(30);
        let test = replayed(4, &results, None).expect("matches");
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
        let test = replayed(2, &results, None).expect("matches");
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
    fn the_market_is_scored_on_the_matches_it_priced_beside_the_others_on_those_same_matches() {
        use matchday_core::{ClosingOdds, OddsSource};
        let results = season(10);
        let mut test = replayed(4, &results, None).expect("matches");
        let plain = test.clone();
        // Odds on team 0's home matches only: short on the home win.
        let odds = ClosingOdds::new(OddsSource::Pinnacle, 1.25, 6.0, 11.0).expect("prices");
        score_market(&mut test, |r| (r.home == 0).then_some(odds));
        let priced: Vec<&BacktestMatch> = test.matches.iter().filter(|m| m.result.home == 0).collect();
        assert_eq!(priced.len(), 5);
        let comparison = test.against_market.expect("some matches priced");
        assert_eq!(comparison.matches, 5);
        // The margin taken out proportionally: 1/1.25, 1/6, 1/11 over their sum.
        let sum = 0.8 + 1.0 / 6.0 + 1.0 / 11.0;
        let p = priced[0].forecast.market.expect("priced");
        assert!((p.home - 0.8 / sum).abs() < 1e-12 && (p.away - 1.0 / 11.0 / sum).abs() < 1e-12);
        // Each forecaster's comparison mean is over the priced matches, not the season.
        let over = |pick: fn(&Forecasters<ProbabilityScore>) -> ProbabilityScore| {
            ProbabilityScore::mean(priced.iter().map(|m| pick(&m.score)))
        };
        assert_eq!(comparison.mean.model, over(|s| s.model));
        assert_eq!(comparison.mean.frequencies, over(|s| s.frequencies));
        assert_eq!(comparison.mean.equal_odds, over(|s| s.equal_odds));
        assert_eq!(comparison.mean.market, Some(over(|s| s.market.expect("priced"))));
        assert_ne!(comparison.mean.model, test.mean.model);
        // Team 0 won every home match: the market that said so beats the others there.
        assert!(comparison.mean.market.expect("priced").rps < comparison.mean.frequencies.rps);
        // Matches without odds have no market, and the season's means are as before.
        assert!(
            test.matches
                .iter()
                .filter(|m| m.result.home != 0)
                .all(|m| m.forecast.market.is_none() && m.score.market.is_none())
        );
        assert_eq!(test.mean, plain.mean);
        assert_eq!(test.mean.market, None);
        // No odds at all: no market.
        let mut none = plain.clone();
        score_market(&mut none, |_| None);
        assert_eq!(none, plain);
    }

    #[test]
    fn from_scores_only_later_days_but_fits_on_everything_before() {
        let results = season(10);
        let all = replayed(4, &results, None).expect("matches");
        let from = NaiveDate::from_ymd_opt(2024, 1, 6).expect("a day");
        let later = replayed(4, &results, Some(from)).expect("matches");
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
        assert_eq!(replayed(4, &results, Some(after)), None);
        assert_eq!(replayed(4, &[], None), None);
    }
}
