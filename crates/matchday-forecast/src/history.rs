//! The match model over history: fitted on every stored result before a day, from
//! every competition and season (league and cup matches, earlier seasons, other
//! divisions), each weighted by its age, so that a team's first match of a season
//! already has a rating from the last.
//!
//! A club is one team across competitions, so a joint fit links divisions through the
//! clubs promoted and relegated between them and through cup matches between their
//! clubs. A club new to a division with no stored results of its own (it came from a
//! division that is not stored) is drawn instead towards the mean strength of the
//! clubs that left that division ([`DivisionChange`]): the clubs that swap places
//! between two divisions are, on the whole, alike. Matches on neutral ground give
//! neither side the home edge.

use chrono::NaiveDate;

use crate::model::WeightedResult;
use crate::{ForecastError, MatchModel, ModelOptions, PlayedResult};

/// A result on the day gets weight 1; one weighing less than this on the day (over six
/// and a half half-lives old, eight years at the default 450 days) is left out of a fit:
/// a season of such results counts for less than half a match of the day.
pub const NEGLIGIBLE_WEIGHT: f64 = 1e-2;

/// A stored result of any competition, its teams as indices into a [`History`]'s teams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryResult {
    /// Index of the home team (the first-named on neutral ground).
    pub home: usize,
    /// Index of the away team.
    pub away: usize,
    /// Goals by the home team (90 minutes).
    pub home_goals: u8,
    /// Goals by the away team.
    pub away_goals: u8,
    /// The day it was played.
    pub date: NaiveDate,
    /// Whether it was played on neutral ground.
    pub neutral: bool,
    /// Whose goal rates and home edge apply: 0 for the competition forecast (its
    /// earlier seasons too), any other number for each other competition.
    pub competition: usize,
}

impl From<PlayedResult> for HistoryResult {
    fn from(r: PlayedResult) -> HistoryResult {
        HistoryResult {
            home: r.home,
            away: r.away,
            home_goals: r.home_goals,
            away_goals: r.away_goals,
            date: r.date,
            neutral: false,
            competition: 0,
        }
    }
}

/// A division's change of clubs between two seasons: the newcomers are rated, before
/// their results say otherwise, as the mean of the leavers (geometric, attack and
/// defence apart).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DivisionChange {
    /// Clubs in the division this season that were not in it the season before.
    pub newcomers: Vec<usize>,
    /// Clubs in it the season before that are not in it this season.
    pub leavers: Vec<usize>,
}

impl DivisionChange {
    /// The leavers' mean attack and defence under `model`; an average team's without leavers.
    pub(crate) fn leavers_mean(&self, model: &MatchModel) -> (f64, f64) {
        if self.leavers.is_empty() {
            return (1.0, 1.0);
        }
        let n = self.leavers.len() as f64;
        let (mut attack, mut defence) = (0.0, 0.0);
        for &t in &self.leavers {
            let (a, d) = model.rating(t);
            attack += a.ln();
            defence += d.ln();
        }
        ((attack / n).exp(), (defence / n).exp())
    }
}

/// Every stored result the model may learn from, by date, and the divisions' changes of clubs.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    teams: usize,
    results: Vec<HistoryResult>,
    changes: Vec<DivisionChange>,
}

impl History {
    /// The history of `teams` teams: `results` (in any order) and `changes`.
    ///
    /// # Errors
    /// [`ForecastError::TeamOutOfRange`] when a result or change names a team past `teams`.
    pub fn new(
        teams: usize,
        mut results: Vec<HistoryResult>,
        changes: Vec<DivisionChange>,
    ) -> Result<History, ForecastError> {
        let indices = results.iter().flat_map(|r| [r.home, r.away]).chain(
            changes
                .iter()
                .flat_map(|c| c.newcomers.iter().chain(&c.leavers).copied()),
        );
        if let Some(index) = indices.filter(|&i| i >= teams).max() {
            return Err(ForecastError::TeamOutOfRange { index, teams });
        }
        // By date, then by everything else: the same results in any order fit the same.
        results.sort_by_key(|r| {
            (
                r.date,
                r.home,
                r.away,
                r.home_goals,
                r.away_goals,
                r.neutral,
                r.competition,
            )
        });
        Ok(History {
            teams,
            results,
            changes,
        })
    }

    /// A league season's own results and nothing else: what the model knew before it learned history.
    pub fn of_league(teams: usize, results: &[PlayedResult]) -> History {
        let mut results: Vec<HistoryResult> = results.iter().map(|&r| r.into()).collect();
        results.sort_by_key(|r| (r.date, r.home, r.away, r.home_goals, r.away_goals));
        History {
            teams: results
                .iter()
                .map(|r| r.home.max(r.away) + 1)
                .max()
                .unwrap_or(0)
                .max(teams),
            results,
            changes: Vec::new(),
        }
    }

    /// This history without the results that cannot reach teams `0..first` (a league's):
    /// those of clubs never linked to them by a chain of matches. They could move the
    /// league's ratings only through the goal rates all share, and they cost every fit.
    pub fn linked_to(mut self, first: usize) -> History {
        let mut parent: Vec<usize> = (0..self.teams).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        for r in &self.results {
            let (a, b) = (root(&mut parent, r.home), root(&mut parent, r.away));
            parent[a.max(b)] = a.min(b);
        }
        for i in 1..first.min(self.teams) {
            let (a, b) = (root(&mut parent, 0), root(&mut parent, i));
            parent[a.max(b)] = a.min(b);
        }
        if self.teams > 0 {
            let league = root(&mut parent, 0);
            self.results.retain(|r| root(&mut parent, r.home) == league);
        }
        self
    }

    /// How many teams are rated.
    pub fn teams(&self) -> usize {
        self.teams
    }

    /// Every result, by date.
    pub fn results(&self) -> &[HistoryResult] {
        &self.results
    }

    /// The divisions' changes of clubs.
    pub fn changes(&self) -> &[DivisionChange] {
        &self.changes
    }

    /// The results played before `day`, by date.
    pub fn before(&self, day: NaiveDate) -> &[HistoryResult] {
        &self.results[..self.results.partition_point(|r| r.date < day)]
    }

    /// The model fitted on the results played before `day`, each weighted by its age on
    /// `day` ([`ModelOptions::weight`]; those weighing under [`NEGLIGIBLE_WEIGHT`] left
    /// out), starting from `warm` (the fit of an earlier day, which makes this one quicker).
    pub fn fit(&self, day: NaiveDate, options: &ModelOptions, warm: Option<&MatchModel>) -> MatchModel {
        let before = self.before(day);
        let oldest = before.partition_point(|r| options.weight(day, r.date) < NEGLIGIBLE_WEIGHT);
        let rows: Vec<WeightedResult> = before[oldest..]
            .iter()
            .map(|r| WeightedResult {
                home: r.home,
                away: r.away,
                home_goals: r.home_goals,
                away_goals: r.away_goals,
                weight: options.weight(day, r.date),
                neutral: r.neutral,
                competition: r.competition,
            })
            .collect();
        MatchModel::fit_weighted(self.teams, &rows, &self.changes, options, warm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::day;

    fn game(home: usize, away: usize, goals: (u8, u8), date: NaiveDate) -> HistoryResult {
        HistoryResult {
            home,
            away,
            home_goals: goals.0,
            away_goals: goals.1,
            date,
            neutral: false,
            competition: 0,
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a day")
    }

    /// A season of a division of four, each pair meeting home and away, with `strength`
    /// (goals scored against an average side at home) for each of four teams.
    fn season(teams: [usize; 4], strength: [u8; 4], start: NaiveDate) -> Vec<HistoryResult> {
        let mut out = Vec::new();
        let mut d = start;
        for round in 0..4 {
            for (i, &h) in teams.iter().enumerate() {
                for (j, &a) in teams.iter().enumerate() {
                    if i != j {
                        let goals = (
                            (strength[i] + 1).saturating_sub(strength[j] / 2),
                            strength[j].saturating_sub(strength[i] / 2),
                        );
                        out.push(game(h, a, goals, d));
                    }
                }
                d += chrono::Duration::days(7 + round);
            }
        }
        out
    }

    #[test]
    fn weights_halve_each_half_life_and_nothing_decays_without_one() {
        let options = ModelOptions {
            half_life_days: 100.0,
            ..ModelOptions::default()
        };
        let today = date(2024, 5, 1);
        assert_eq!(options.weight(today, today), 1.0);
        assert!((options.weight(today, today - chrono::Duration::days(100)) - 0.5).abs() < 1e-12);
        assert!((options.weight(today, today - chrono::Duration::days(300)) - 0.125).abs() < 1e-12);
        let flat = ModelOptions {
            half_life_days: 0.0,
            ..options
        };
        assert_eq!(flat.weight(today, date(1990, 1, 1)), 1.0);
    }

    #[test]
    fn a_fit_before_a_day_ignores_that_day_and_later() {
        let results = season([0, 1, 2, 3], [3, 2, 1, 0], date(2023, 8, 5));
        let cut = results[20].date;
        let history = History::new(4, results.clone(), Vec::new()).expect("in range");
        let options = ModelOptions::default();
        let fitted = history.fit(cut, &options, None);
        // Changing every result on or after the day changes nothing.
        let changed: Vec<HistoryResult> = results
            .iter()
            .map(|r| {
                if r.date >= cut {
                    game(r.away, r.home, (9, 0), r.date)
                } else {
                    *r
                }
            })
            .collect();
        let other = History::new(4, changed, Vec::new()).expect("in range");
        assert_eq!(other.fit(cut, &options, None), fitted);
        // And the fit is the same whatever order the results came in.
        let mut reversed = results;
        reversed.reverse();
        let again = History::new(4, reversed, Vec::new()).expect("in range");
        assert_eq!(again.fit(cut, &options, None), fitted);
        assert_ne!(
            history.fit(cut + chrono::Duration::days(30), &options, None),
            fitted
        );
    }

    #[test]
    fn a_warm_start_reaches_the_same_ratings() {
        let results = season([0, 1, 2, 3], [3, 2, 1, 0], date(2023, 8, 5));
        let history = History::new(4, results, Vec::new()).expect("in range");
        let options = ModelOptions::default();
        let earlier = history.fit(date(2023, 10, 1), &options, None);
        let cold = history.fit(date(2023, 11, 1), &options, None);
        let warm = history.fit(date(2023, 11, 1), &options, Some(&earlier));
        // The same to the fit's tolerance: a ten-thousandth in a rating, less in a chance.
        for t in 0..4 {
            let (a, b) = (cold.rating(t), warm.rating(t));
            assert!(
                (a.0 - b.0).abs() < 1e-3 && (a.1 - b.1).abs() < 1e-3,
                "{a:?} {b:?}"
            );
            let (p, q) = (cold.outcome(t, (t + 1) % 4), warm.outcome(t, (t + 1) % 4));
            assert!(
                (p.home - q.home).abs() < 1e-4 && (p.away - q.away).abs() < 1e-4,
                "{p:?} {q:?}"
            );
        }
        assert_eq!(cold.rho(), warm.rho());
    }

    #[test]
    fn a_promoted_club_carries_its_strength_into_the_new_division() {
        // Division A: 0 to 3; division B: 4 to 7. Club 4 dominates B, then replaces
        // club 3 (A's weakest) in A. Before the new season, it is rated above A's
        // average: its results against B's clubs, who are linked to A by club 3's
        // earlier seasons, carry over.
        let options = ModelOptions::default();
        let mut results = season([0, 1, 2, 3], [3, 2, 2, 0], date(2021, 8, 7));
        results.extend(season([4, 5, 6, 3], [4, 1, 1, 2], date(2022, 8, 6)));
        results.extend(season([0, 1, 2, 7], [3, 2, 2, 1], date(2022, 8, 6)));
        results.extend(season([4, 5, 6, 7], [5, 1, 1, 0], date(2023, 1, 7)));
        let history = History::new(8, results, Vec::new()).expect("in range");
        let model = history.fit(date(2023, 8, 1), &options, None);
        let (promoted, _) = model.rating(4);
        let (weakest, _) = model.rating(3);
        assert!(promoted > 1.0 && promoted > weakest, "{:?}", model);
        let first = model.outcome(4, 1);
        assert!(first.home > first.away, "{first:?}");
    }

    #[test]
    fn a_newcomer_with_no_results_is_rated_as_the_clubs_that_left() {
        // Division of five: 0 and 1 strong, 2 average, 3 and 4 weak. 3 and 4 leave;
        // 5 and 6 come from a division not stored.
        let mut results = season([0, 1, 2, 3], [3, 3, 1, 0], date(2022, 8, 6));
        results.extend(season([0, 1, 2, 4], [3, 3, 1, 0], date(2023, 1, 7)));
        let options = ModelOptions::default();
        let change = DivisionChange {
            newcomers: vec![5, 6],
            leavers: vec![3, 4],
        };
        let plain = History::new(7, results.clone(), Vec::new()).expect("in range");
        let informed = History::new(7, results, vec![change]).expect("in range");
        let day = date(2023, 8, 1);
        let (plain, informed) = (plain.fit(day, &options, None), informed.fit(day, &options, None));
        // Without the change, a newcomer is an average side; with it, it is as weak as the leavers.
        assert_eq!(plain.rating(5), (1.0, 1.0));
        let leavers = DivisionChange {
            newcomers: vec![],
            leavers: vec![3, 4],
        }
        .leavers_mean(&informed);
        let (a, d) = informed.rating(5);
        assert!(
            (a - leavers.0).abs() < 1e-4 && (d - leavers.1).abs() < 1e-4,
            "{a} {d} {leavers:?}"
        );
        assert!(a < 1.0 && d > 1.0, "{a} {d}");
        assert_eq!(informed.rating(5), informed.rating(6));
        assert!(informed.outcome(0, 5).home > plain.outcome(0, 5).home);
    }

    #[test]
    fn neutral_ground_gives_no_home_edge() {
        let mut results = season([0, 1, 2, 3], [2, 2, 2, 2], date(2023, 8, 5));
        results.push(HistoryResult {
            neutral: true,
            ..game(0, 1, (1, 1), date(2024, 5, 1))
        });
        let history = History::new(4, results, Vec::new()).expect("in range");
        let model = history.fit(date(2024, 5, 2), &ModelOptions::default(), None);
        let home = model.outcome_at(0, 1, false);
        let neutral = model.outcome_at(0, 1, true);
        assert!(home.home > home.away, "{home:?}");
        assert!((neutral.home - model.outcome_at(1, 0, true).away).abs() < 1e-12);
        assert!(neutral.home < home.home, "{neutral:?} {home:?}");
    }

    #[test]
    fn results_never_linked_to_the_league_are_left_out() {
        let mut results = season([0, 1, 2, 3], [3, 2, 1, 0], date(2023, 8, 5));
        let elsewhere = season([4, 5, 6, 7], [3, 2, 1, 0], date(2023, 8, 5));
        results.extend(&elsewhere);
        let history = History::new(8, results.clone(), Vec::new()).expect("in range");
        let linked = history.clone().linked_to(4);
        assert_eq!(linked.results().len(), results.len() - elsewhere.len());
        assert!(linked.results().iter().all(|r| r.home < 4 && r.away < 4));
        // One cup match between the two links them.
        results.push(game(0, 5, (1, 0), date(2024, 1, 6)));
        let cup = History::new(8, results.clone(), Vec::new()).expect("in range");
        assert_eq!(cup.linked_to(4).results().len(), results.len());
    }

    #[test]
    fn a_team_past_the_count_is_refused() {
        let results = vec![game(0, 4, (1, 0), day(1))];
        assert_eq!(
            History::new(4, results, Vec::new()),
            Err(ForecastError::TeamOutOfRange { index: 4, teams: 4 })
        );
    }
}
