//! A match model: time-weighted Poisson attack and defence ratings with a home
//! advantage and the Dixon-Coles correction for low scores.
//!
//! Home goals are Poisson with mean `home_base · attack[home] · defence[away]`, away goals
//! with mean `away_base · attack[away] · defence[home]`. The ratings are fitted by
//! maximum likelihood with each result weighted by its age (a half-life in days), by
//! coordinate ascent: each rating's update is the exact maximum given the others. A few
//! pseudo-matches at average strength keep ratings sane early in a season. The
//! Dixon-Coles `rho` is then chosen on a grid. Everything is deterministic.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{LeagueState, PlayedResult};

/// How to fit a [`MatchModel`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ModelOptions {
    /// A result this many days old counts half as much as one played on the as-of day.
    pub half_life_days: f64,
    /// Pseudo-matches at average strength added to each team's ratings.
    pub prior_matches: f64,
    /// Scores are modelled up to this many goals a side; the rest of the mass is spread back.
    pub max_goals: u8,
}

impl Default for ModelOptions {
    fn default() -> Self {
        ModelOptions {
            half_life_days: 180.0,
            prior_matches: 3.0,
            max_goals: 10,
        }
    }
}

/// Home win, draw and away win probabilities.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct OutcomeProbabilities {
    /// The home team wins.
    pub home: f64,
    /// A draw.
    pub draw: f64,
    /// The away team wins.
    pub away: f64,
}

impl OutcomeProbabilities {
    /// One third each: the forecast of someone who knows nothing.
    pub const EQUAL: OutcomeProbabilities = OutcomeProbabilities {
        home: 1.0 / 3.0,
        draw: 1.0 / 3.0,
        away: 1.0 / 3.0,
    };
}

/// Fitted attack and defence ratings for the teams of one league.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchModel {
    attack: Vec<f64>,
    defence: Vec<f64>,
    home_base: f64,
    away_base: f64,
    rho: f64,
    max_goals: u8,
}

/// Typical goals per match at home and away in European leagues, used when nothing is known.
const DEFAULT_HOME_GOALS: f64 = 1.5;
const DEFAULT_AWAY_GOALS: f64 = 1.2;

impl MatchModel {
    /// Fits the model on the results counted in `state` (those on or before its as-of day).
    pub fn fit(state: &LeagueState, options: &ModelOptions) -> MatchModel {
        let day = state.as_of().or_else(|| state.results().last().map(|r| r.date));
        MatchModel::fit_results(state.teams().len(), state.results(), day, options)
    }

    /// Fits the model for `teams` teams on `results`, weighting each by its age on `day`.
    pub fn fit_results(
        teams: usize,
        results: &[PlayedResult],
        day: Option<NaiveDate>,
        options: &ModelOptions,
    ) -> MatchModel {
        let weight = |r: &PlayedResult| match day {
            Some(day) if options.half_life_days > 0.0 => {
                let age = (day - r.date).num_days().max(0) as f64;
                0.5f64.powf(age / options.half_life_days)
            }
            _ => 1.0,
        };
        let weights: Vec<f64> = results.iter().map(weight).collect();
        let total_weight: f64 = weights.iter().sum();
        let mut model = MatchModel {
            attack: vec![1.0; teams],
            defence: vec![1.0; teams],
            home_base: DEFAULT_HOME_GOALS,
            away_base: DEFAULT_AWAY_GOALS,
            rho: 0.0,
            max_goals: options.max_goals,
        };
        if total_weight <= 0.0 {
            return model;
        }
        // League averages, shrunk towards the defaults like the ratings.
        let prior = options.prior_matches;
        let home_goals: f64 = results
            .iter()
            .zip(&weights)
            .map(|(r, w)| w * f64::from(r.home_goals))
            .sum();
        let away_goals: f64 = results
            .iter()
            .zip(&weights)
            .map(|(r, w)| w * f64::from(r.away_goals))
            .sum();
        model.home_base = (home_goals + prior * DEFAULT_HOME_GOALS) / (total_weight + prior);
        model.away_base = (away_goals + prior * DEFAULT_AWAY_GOALS) / (total_weight + prior);
        let mut scored = vec![prior; teams];
        let mut conceded = vec![prior; teams];
        for (r, w) in results.iter().zip(&weights) {
            scored[r.home] += w * f64::from(r.home_goals);
            scored[r.away] += w * f64::from(r.away_goals);
            conceded[r.home] += w * f64::from(r.away_goals);
            conceded[r.away] += w * f64::from(r.home_goals);
        }
        let mut exposure = vec![0.0; teams];
        for _ in 0..200 {
            let mut change: f64 = 0.0;
            exposure.fill(prior);
            for (r, w) in results.iter().zip(&weights) {
                exposure[r.home] += w * model.home_base * model.defence[r.away];
                exposure[r.away] += w * model.away_base * model.defence[r.home];
            }
            for i in 0..teams {
                let next = scored[i] / exposure[i];
                change = change.max((next - model.attack[i]).abs());
                model.attack[i] = next;
            }
            exposure.fill(prior);
            for (r, w) in results.iter().zip(&weights) {
                exposure[r.away] += w * model.home_base * model.attack[r.home];
                exposure[r.home] += w * model.away_base * model.attack[r.away];
            }
            for i in 0..teams {
                let next = conceded[i] / exposure[i];
                change = change.max((next - model.defence[i]).abs());
                model.defence[i] = next;
            }
            let (mut home_exposure, mut away_exposure) = (0.0, 0.0);
            for (r, w) in results.iter().zip(&weights) {
                home_exposure += w * model.attack[r.home] * model.defence[r.away];
                away_exposure += w * model.attack[r.away] * model.defence[r.home];
            }
            model.home_base = (home_goals + prior * DEFAULT_HOME_GOALS) / (home_exposure + prior);
            model.away_base = (away_goals + prior * DEFAULT_AWAY_GOALS) / (away_exposure + prior);
            if change < 1e-9 {
                break;
            }
        }
        model.rho = best_rho(&model, results, &weights);
        model
    }

    /// Expected goals for the home and away team.
    pub fn expected_goals(&self, home: usize, away: usize) -> (f64, f64) {
        (
            self.home_base * self.attack[home] * self.defence[away],
            self.away_base * self.attack[away] * self.defence[home],
        )
    }

    /// The Dixon-Coles correction for low scores (negative makes 0-0 and 1-1 likelier).
    pub fn rho(&self) -> f64 {
        self.rho
    }

    /// The most goals a side is modelled to score.
    pub fn max_goals(&self) -> u8 {
        self.max_goals
    }

    /// Score probabilities: entry `h * (max_goals + 1) + a` is the chance of `h`-`a`; they sum to 1.
    pub fn score_grid(&self, home: usize, away: usize) -> Vec<f64> {
        let (lh, la) = self.expected_goals(home, away);
        score_grid(lh, la, self.rho, self.max_goals)
    }

    /// Home win, draw and away win probabilities.
    pub fn outcome(&self, home: usize, away: usize) -> OutcomeProbabilities {
        let size = usize::from(self.max_goals) + 1;
        let grid = self.score_grid(home, away);
        let mut p = OutcomeProbabilities {
            home: 0.0,
            draw: 0.0,
            away: 0.0,
        };
        for h in 0..size {
            for a in 0..size {
                let q = grid[h * size + a];
                match h.cmp(&a) {
                    std::cmp::Ordering::Greater => p.home += q,
                    std::cmp::Ordering::Equal => p.draw += q,
                    std::cmp::Ordering::Less => p.away += q,
                }
            }
        }
        p
    }
}

fn poisson(lambda: f64, max: u8) -> Vec<f64> {
    let mut p = Vec::with_capacity(usize::from(max) + 1);
    let mut term = (-lambda).exp();
    for k in 0..=u32::from(max) {
        p.push(term);
        term *= lambda / f64::from(k + 1);
    }
    p
}

/// Dixon and Coles' adjustment to independent Poisson probabilities of low scores.
fn tau(h: usize, a: usize, lh: f64, la: f64, rho: f64) -> f64 {
    match (h, a) {
        (0, 0) => 1.0 - lh * la * rho,
        (0, 1) => 1.0 + lh * rho,
        (1, 0) => 1.0 + la * rho,
        (1, 1) => 1.0 - rho,
        _ => 1.0,
    }
}

fn score_grid(lh: f64, la: f64, rho: f64, max: u8) -> Vec<f64> {
    let ph = poisson(lh, max);
    let pa = poisson(la, max);
    let size = usize::from(max) + 1;
    let mut grid = vec![0.0; size * size];
    for h in 0..size {
        for a in 0..size {
            grid[h * size + a] = ph[h] * pa[a] * tau(h, a, lh, la, rho).max(0.0);
        }
    }
    // Scores beyond the grid are so rare that spreading their mass back changes nothing that matters.
    let total: f64 = grid.iter().sum();
    grid.iter_mut().for_each(|q| *q /= total);
    grid
}

/// The `rho` on a grid that makes the weighted results likeliest, the Poisson means held fixed.
fn best_rho(model: &MatchModel, results: &[PlayedResult], weights: &[f64]) -> f64 {
    let mut best = (f64::NEG_INFINITY, 0.0);
    for step in -40..=40 {
        let rho = f64::from(step) * 0.005;
        let mut log_likelihood = 0.0;
        for (r, w) in results.iter().zip(weights) {
            let (lh, la) = model.expected_goals(r.home, r.away);
            let t = tau(usize::from(r.home_goals), usize::from(r.away_goals), lh, la, rho);
            if t <= 0.0 {
                log_likelihood = f64::NEG_INFINITY;
                break;
            }
            log_likelihood += w * t.ln();
        }
        if log_likelihood > best.0 {
            best = (log_likelihood, rho);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::result;

    #[test]
    fn a_team_that_scores_more_rates_higher_and_home_helps() {
        let mut results = Vec::new();
        for day in 1..=20 {
            results.push(result(0, 1, 3, 0, day));
            results.push(result(1, 2, 1, 1, day));
            results.push(result(2, 0, 0, 2, day));
        }
        let model = MatchModel::fit_results(3, &results, None, &ModelOptions::default());
        let strong = model.outcome(0, 1);
        let weak = model.outcome(1, 0);
        assert!(strong.home > 0.7, "{strong:?}");
        assert!(weak.away > weak.home, "{weak:?}");
        let total = strong.home + strong.draw + strong.away;
        assert!((total - 1.0).abs() < 1e-9);
        let grid = model.score_grid(2, 1);
        assert!((grid.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        // Fitting twice gives the same numbers.
        assert_eq!(
            model,
            MatchModel::fit_results(3, &results, None, &ModelOptions::default())
        );
    }

    #[test]
    fn with_no_results_every_match_is_a_home_edge_coin() {
        let model = MatchModel::fit_results(4, &[], None, &ModelOptions::default());
        let p = model.outcome(0, 3);
        assert!(p.home > p.away && p.away > 0.2, "{p:?}");
        assert_eq!(model.outcome(1, 2), p);
    }
}
