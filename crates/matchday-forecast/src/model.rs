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

use crate::{DivisionChange, LeagueState, PlayedResult};

/// How to fit a [`MatchModel`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ModelOptions {
    /// A result this many days old counts half as much as one played on the as-of day.
    /// The default, 450 days, scored best (mean RPS) over football-data.co.uk's
    /// Championship and La Liga seasons 2021-22 to 2023-24 fitted on every earlier
    /// result: 180 days scored 0.0018 worse, 300 days 0.0004, 650 days the same.
    pub half_life_days: f64,
    /// Pseudo-matches at average strength added to each team's ratings.
    pub prior_matches: f64,
    /// Scores are modelled up to this many goals a side; the rest of the mass is spread back.
    pub max_goals: u8,
}

impl ModelOptions {
    /// How much a result played on `date` counts on `day`: one on the day, a half
    /// after [`ModelOptions::half_life_days`], and so on (no decay with a half-life of 0).
    pub fn weight(&self, day: NaiveDate, date: NaiveDate) -> f64 {
        if self.half_life_days > 0.0 {
            let age = (day - date).num_days().max(0) as f64;
            0.5f64.powf(age / self.half_life_days)
        } else {
            1.0
        }
    }
}

impl Default for ModelOptions {
    fn default() -> Self {
        ModelOptions {
            half_life_days: 450.0,
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

/// `rows` with those of one pairing (home side, away side, ground, competition) made
/// one, of their total weight; their goals are left at 0, as only weights are summed.
fn meetings(rows: &[WeightedResult]) -> Vec<WeightedResult> {
    let key = |r: &WeightedResult| (r.home, r.away, r.competition, r.neutral);
    let mut sorted = rows.to_vec();
    sorted.sort_by_key(key);
    let mut out: Vec<WeightedResult> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match out.last_mut() {
            Some(last) if key(last) == key(&r) => last.weight += r.weight,
            _ => out.push(WeightedResult {
                home_goals: 0,
                away_goals: 0,
                ..r
            }),
        }
    }
    out
}

/// The grid `rho` is chosen on: this step, from `-RHO_STEPS` to `RHO_STEPS` steps.
const RHO_STEP: f64 = 0.005;
const RHO_STEPS: i32 = 40;

/// Coordinate-ascent rounds at most, and the largest change in a rating that counts as
/// converged: it moves a match's probabilities by about a hundred-thousandth, below the
/// fourth decimal they are shown to.
const MAX_ROUNDS: usize = 200;
const CONVERGED: f64 = 1e-5;

/// A result as a fit sees it: who played where, the goals, and how much it counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct WeightedResult {
    pub home: usize,
    pub away: usize,
    pub home_goals: u8,
    pub away_goals: u8,
    pub weight: f64,
    pub neutral: bool,
    /// Whose goal rates apply: 0 for the competition forecast, others numbered as the caller likes.
    pub competition: usize,
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
        let rows: Vec<WeightedResult> = results
            .iter()
            .map(|r| WeightedResult {
                home: r.home,
                away: r.away,
                home_goals: r.home_goals,
                away_goals: r.away_goals,
                weight: day.map_or(1.0, |day| options.weight(day, r.date)),
                neutral: false,
                competition: 0,
            })
            .collect();
        MatchModel::fit_weighted(teams, &rows, &[], options, None)
    }

    /// Fits the model for `teams` teams on weighted results, each newcomer of `changes`
    /// drawn towards the mean of the teams that left its division rather than towards
    /// an average team, starting from `warm` when it rates as many teams (the answer is
    /// the same maximum, reached in fewer rounds).
    ///
    /// Each competition ([`WeightedResult::competition`]) has its own home and away goal
    /// rates (a second tier scores less than a first, one country's home edge is not
    /// another's); the model forecasts competition 0's matches, with its rates and a
    /// `rho` fitted on its results (on all, when it has none).
    pub(crate) fn fit_weighted(
        teams: usize,
        rows: &[WeightedResult],
        changes: &[DivisionChange],
        options: &ModelOptions,
        warm: Option<&MatchModel>,
    ) -> MatchModel {
        let unfitted = MatchModel {
            attack: vec![1.0; teams],
            defence: vec![1.0; teams],
            home_base: DEFAULT_HOME_GOALS,
            away_base: DEFAULT_AWAY_GOALS,
            rho: 0.0,
            max_goals: options.max_goals,
        };
        let total_weight: f64 = rows.iter().map(|r| r.weight).sum();
        if total_weight <= 0.0 {
            return unfitted;
        }
        let mut model = match warm {
            Some(warm) if warm.attack.len() == teams => MatchModel {
                max_goals: options.max_goals,
                ..warm.clone()
            },
            _ => unfitted,
        };
        let competitions = rows.iter().map(|r| r.competition + 1).max().unwrap_or(1);
        // Each competition's home and away rates; the forecast's own start where the warm fit left them.
        let mut bases = vec![(DEFAULT_HOME_GOALS, DEFAULT_AWAY_GOALS); competitions];
        bases[0] = (model.home_base, model.away_base);
        let base_of = |bases: &[(f64, f64)], r: &WeightedResult| -> (f64, f64) {
            let (h, a) = bases[r.competition];
            if r.neutral {
                ((h + a) / 2.0, (h + a) / 2.0)
            } else {
                (h, a)
            }
        };
        // League averages, shrunk towards the defaults like the ratings; a match on
        // neutral ground says nothing about the home edge, so only the others count.
        let prior = options.prior_matches;
        let mut goals = vec![(0.0, 0.0); competitions];
        let mut scored = vec![0.0; teams];
        let mut conceded = vec![0.0; teams];
        for r in rows {
            let (h, a) = (f64::from(r.home_goals), f64::from(r.away_goals));
            if !r.neutral {
                goals[r.competition].0 += r.weight * h;
                goals[r.competition].1 += r.weight * a;
            }
            scored[r.home] += r.weight * h;
            scored[r.away] += r.weight * a;
            conceded[r.home] += r.weight * a;
            conceded[r.away] += r.weight * h;
        }
        // The rounds below need only each pairing's total weight (home side, away side,
        // ground, competition): seasons of a division repeat most pairings, so adding
        // them up once makes each round cheaper.
        let meetings = meetings(rows);
        // The strength each team's pseudo-matches are played at: an average team's,
        // or for a newcomer to a division, the mean of the teams that left it.
        let mut attack_centre = vec![1.0; teams];
        let mut defence_centre = vec![1.0; teams];
        let mut exposure = vec![0.0; teams];
        let mut base_exposure = vec![(0.0, 0.0); competitions];
        for _ in 0..MAX_ROUNDS {
            for change in changes {
                let (attack, defence) = change.leavers_mean(&model);
                for &n in &change.newcomers {
                    attack_centre[n] = attack;
                    defence_centre[n] = defence;
                }
            }
            let mut change: f64 = 0.0;
            exposure.fill(prior);
            for r in &meetings {
                let (bh, ba) = base_of(&bases, r);
                exposure[r.home] += r.weight * bh * model.defence[r.away];
                exposure[r.away] += r.weight * ba * model.defence[r.home];
            }
            for i in 0..teams {
                let next = (scored[i] + prior * attack_centre[i]) / exposure[i];
                change = change.max((next - model.attack[i]).abs());
                model.attack[i] = next;
            }
            exposure.fill(prior);
            for r in &meetings {
                let (bh, ba) = base_of(&bases, r);
                exposure[r.away] += r.weight * bh * model.attack[r.home];
                exposure[r.home] += r.weight * ba * model.attack[r.away];
            }
            for i in 0..teams {
                let next = (conceded[i] + prior * defence_centre[i]) / exposure[i];
                change = change.max((next - model.defence[i]).abs());
                model.defence[i] = next;
            }
            base_exposure.fill((prior, prior));
            for r in meetings.iter().filter(|r| !r.neutral) {
                let e = &mut base_exposure[r.competition];
                e.0 += r.weight * model.attack[r.home] * model.defence[r.away];
                e.1 += r.weight * model.attack[r.away] * model.defence[r.home];
            }
            for (c, base) in bases.iter_mut().enumerate() {
                let next = (
                    (goals[c].0 + prior * DEFAULT_HOME_GOALS) / base_exposure[c].0,
                    (goals[c].1 + prior * DEFAULT_AWAY_GOALS) / base_exposure[c].1,
                );
                change = change.max((next.0 - base.0).abs()).max((next.1 - base.1).abs());
                *base = next;
            }
            if change < CONVERGED {
                break;
            }
        }
        (model.home_base, model.away_base) = bases[0];
        let own: Vec<WeightedResult> = rows.iter().filter(|r| r.competition == 0).copied().collect();
        model.rho = best_rho(&model, if own.is_empty() { rows } else { &own });
        model
    }

    /// The home and away sides' base goal rates: on neutral ground, the mean of the two.
    fn bases(&self, neutral: bool) -> (f64, f64) {
        if neutral {
            let base = (self.home_base + self.away_base) / 2.0;
            (base, base)
        } else {
            (self.home_base, self.away_base)
        }
    }

    /// A team's attack and defence ratings (1 is average; defence above 1 concedes more).
    pub fn rating(&self, team: usize) -> (f64, f64) {
        (self.attack[team], self.defence[team])
    }

    /// How many teams are rated.
    pub fn teams(&self) -> usize {
        self.attack.len()
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

    /// Expected goals for the first- and second-named team on neutral ground: neither has
    /// the home edge, so each side's base is the mean of the home and away bases.
    pub fn expected_goals_neutral(&self, first: usize, second: usize) -> (f64, f64) {
        self.expected_goals_at(first, second, true)
    }

    /// [`MatchModel::expected_goals`], or on neutral ground ([`MatchModel::expected_goals_neutral`]).
    pub fn expected_goals_at(&self, home: usize, away: usize, neutral: bool) -> (f64, f64) {
        let (bh, ba) = self.bases(neutral);
        (
            bh * self.attack[home] * self.defence[away],
            ba * self.attack[away] * self.defence[home],
        )
    }

    /// [`MatchModel::score_grid`], or on neutral ground ([`MatchModel::expected_goals_neutral`]).
    pub fn score_grid_at(&self, home: usize, away: usize, neutral: bool) -> Vec<f64> {
        let (lh, la) = self.expected_goals_at(home, away, neutral);
        score_grid(lh, la, self.rho, self.max_goals)
    }

    /// Home win, draw and away win probabilities.
    pub fn outcome(&self, home: usize, away: usize) -> OutcomeProbabilities {
        self.outcome_at(home, away, false)
    }

    /// [`MatchModel::outcome`], or on neutral ground: first-named win, draw, second-named win.
    pub fn outcome_at(&self, home: usize, away: usize, neutral: bool) -> OutcomeProbabilities {
        let size = usize::from(self.max_goals) + 1;
        let grid = self.score_grid_at(home, away, neutral);
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

/// The `rho` on a grid of steps of 0.005 from -0.2 to 0.2 that makes the weighted results
/// likeliest, the Poisson means held fixed.
///
/// Only 0-0, 1-0, 0-1 and 1-1 depend on `rho`, and each of their log-factors is concave
/// in it, so the likelihood is too: a ternary search over the grid finds the grid's best
/// in about 20 evaluations rather than 81.
fn best_rho(model: &MatchModel, rows: &[WeightedResult]) -> f64 {
    let low: Vec<(usize, usize, f64, f64, f64)> = rows
        .iter()
        .filter(|r| r.home_goals <= 1 && r.away_goals <= 1)
        .map(|r| {
            let (lh, la) = model.expected_goals_at(r.home, r.away, r.neutral);
            (
                usize::from(r.home_goals),
                usize::from(r.away_goals),
                lh,
                la,
                r.weight,
            )
        })
        .collect();
    let log_likelihood = |step: i32| -> f64 {
        let rho = f64::from(step) * RHO_STEP;
        let mut total = 0.0;
        for &(h, a, lh, la, w) in &low {
            let t = tau(h, a, lh, la, rho);
            if t <= 0.0 {
                return f64::NEG_INFINITY;
            }
            total += w * t.ln();
        }
        total
    };
    let (mut lo, mut hi) = (-RHO_STEPS, RHO_STEPS);
    while hi - lo > 2 {
        let m1 = lo + (hi - lo) / 3;
        let m2 = hi - (hi - lo) / 3;
        // Ties keep the lower side, as the grid's first best was kept.
        if log_likelihood(m1) >= log_likelihood(m2) {
            hi = m2;
        } else {
            lo = m1;
        }
    }
    let mut best = (f64::NEG_INFINITY, 0);
    for step in lo..=hi {
        let l = log_likelihood(step);
        if l > best.0 {
            best = (l, step);
        }
    }
    f64::from(best.1) * RHO_STEP
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
