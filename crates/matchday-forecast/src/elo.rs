//! Elo ratings over every stored result: one number per club, updated match by match in
//! date order across all competitions and seasons.
//!
//! The formulation is the World Football Elo Ratings' (eloratings.net, after Bob Runyan's
//! 1997 method, itself Arpad Elo's chess system), as ClubElo (clubelo.com) applies it to
//! clubs:
//!
//! - the home side's expected score is `We = 1 / (10^(-dr/400) + 1)`, where `dr` is the
//!   home rating minus the away rating, plus [`EloParameters::home_advantage`] points
//!   unless the ground is neutral;
//! - after the match the home side gains `K · G · (W - We)` and the away side loses the
//!   same, so every update is zero-sum: `W` is 1 for a win, ½ for a draw, 0 for a loss,
//!   counted on the score when play ended (extra time counts; a match still level after
//!   extra time is a draw whoever won the shoot-out);
//! - `G` grows with the winning margin `N` as World Football Elo's does: 1 for a draw or
//!   one goal, 1.5 for two, `(11 + N) / 8` for three or more.
//!
//! A club's first rated match gives it a rating: the mean rating, that day, of the
//! already-rated clubs entered in the same competition-season, less
//! [`EloParameters::newcomer_gap`] (0 by default: see below); a competition-season with
//! no rated club yet (the first Football League, 1888-89) starts everyone at
//! [`EloParameters::start`]. Ratings do not decay between seasons (nor do World Football
//! Elo's or ClubElo's).
//!
//! Win, draw and loss probabilities come from the same rating difference by an ordered
//! logistic split of Elo's curve ([`EloParameters::probabilities`]): the home side wins
//! with `1 / (10^(-(dr - m)/400) + 1)`, loses with `1 / (10^((dr + m)/400) + 1)`, and the
//! rest is a draw, for a draw margin `m` in rating points.
//!
//! The parameters ([`EloParameters::default`]) were chosen by measurement: a grid search
//! (K 6 to 40, home advantage 40 to 120, draw margin 60 to 120, newcomer gap 0 to 150)
//! minimising the mean ranked probability score of the pre-match probabilities over every
//! English league match since 1888-89 (engsoccerdata's `england.csv`: 207,908 scored,
//! each club's first match left out). K 12, home advantage 110 and draw margin 110 score
//! 0.2099 (the division's home/draw/away frequencies so far: 0.2166); the surface is flat
//! near them (K 10 or 15, or either margin 10 points off, within 0.0003). Of newcomer
//! gaps of 0 or more, 0 (the division's mean) scores best on this data; a gap below 0 (a
//! newcomer above the mean) scores 0.0001 better, too little to rate an unknown club
//! above its division.
//! `cargo bench -p matchday-forecast --bench ratings` prints the scores of the chosen
//! values and their neighbours (`MATCHDAY_BENCH_ELO_GRID=1`: the whole grid).

use std::collections::HashMap;

use chrono::NaiveDate;
use matchday_core::{Match, MatchStatus, Venue};
use serde::{Deserialize, Serialize};

use crate::{OutcomeProbabilities, PRIOR_FREQUENCIES, PRIOR_FREQUENCY_MATCHES, ProbabilityScore};

/// The constants of the rating: see the module's documentation for the formulas.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EloParameters {
    /// Points at stake in a match decided by one goal or drawn, before the margin
    /// multiplier.
    pub k: f64,
    /// Points added to the home side's rating when its expectation is worked out.
    pub home_advantage: f64,
    /// Rating points on either side of level within which a draw is the likeliest split.
    pub draw_margin: f64,
    /// Points below the mean of its competition-season a club starts at.
    pub newcomer_gap: f64,
    /// A club's rating when nobody it meets has one yet.
    pub start: f64,
}

impl Default for EloParameters {
    /// The values measured best on English league history (see the module's documentation).
    fn default() -> EloParameters {
        EloParameters {
            k: 12.0,
            home_advantage: 110.0,
            draw_margin: 110.0,
            newcomer_gap: 0.0,
            start: 1500.0,
        }
    }
}

/// Elo's logistic curve: the expected score of a side `difference` points above the other.
fn logistic(difference: f64) -> f64 {
    1.0 / (10f64.powf(-difference / 400.0) + 1.0)
}

impl EloParameters {
    /// The rating difference a match is played at: the home side's rating less the away
    /// side's, plus the home advantage unless the ground is neutral.
    pub fn difference(&self, home: f64, away: f64, neutral: bool) -> f64 {
        home - away + if neutral { 0.0 } else { self.home_advantage }
    }

    /// The home side's expected score (a win 1, a draw ½), `We` in World Football Elo.
    pub fn expected_score(&self, home: f64, away: f64, neutral: bool) -> f64 {
        logistic(self.difference(home, away, neutral))
    }

    /// Home win, draw and away win probabilities at a rating difference (from
    /// [`EloParameters::difference`]).
    pub fn probabilities(&self, difference: f64) -> OutcomeProbabilities {
        let home = logistic(difference - self.draw_margin);
        let away = logistic(-difference - self.draw_margin);
        OutcomeProbabilities {
            home,
            draw: 1.0 - home - away,
            away,
        }
    }

    /// Points the home side gains (the away side loses as many) for a result of
    /// `home_goals`-`away_goals` against an expected score of `expected`.
    pub fn change(&self, expected: f64, home_goals: u8, away_goals: u8) -> f64 {
        let actual = match home_goals.cmp(&away_goals) {
            std::cmp::Ordering::Greater => 1.0,
            std::cmp::Ordering::Equal => 0.5,
            std::cmp::Ordering::Less => 0.0,
        };
        self.k * margin_multiplier(home_goals.abs_diff(away_goals)) * (actual - expected)
    }
}

/// World Football Elo's weight for the winning margin: 1 for a draw or one goal, 1.5 for
/// two, (11 + N) / 8 for N of three or more.
pub fn margin_multiplier(margin: u8) -> f64 {
    match margin {
        0 | 1 => 1.0,
        2 => 1.5,
        n => (11.0 + f64::from(n)) / 8.0,
    }
}

/// A played match as the rating sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatedMatch {
    /// The day it was played.
    pub date: NaiveDate,
    /// The first-named side, by index.
    pub home: usize,
    /// The second-named side, by index.
    pub away: usize,
    /// The home side's goals when play ended (after extra time when there was any).
    pub home_goals: u8,
    /// The away side's goals when play ended.
    pub away_goals: u8,
    /// Played on neutral ground: no home advantage.
    pub neutral: bool,
    /// Its competition-season, by any number the caller likes: a newcomer starts below
    /// the mean of the rated clubs entered in it.
    pub competition: usize,
}

impl RatedMatch {
    /// `game` as the rating sees it, with its clubs numbered `home` and `away` and its
    /// competition-season `competition`: the score when play ended (after extra time
    /// when there was any; a shoot-out's kicks are not goals, so a tie settled by one
    /// is a draw). `None` for a match not played: still to play, or a result awarded
    /// off the pitch, which says nothing of either side's strength.
    pub fn of(game: &Match, home: usize, away: usize, competition: usize) -> Option<RatedMatch> {
        let MatchStatus::Played(result) = &game.status else {
            return None;
        };
        let score = result.extra_time().or(result.score())?;
        Some(RatedMatch {
            date: game.date,
            home,
            away,
            home_goals: score.home(),
            away_goals: score.away(),
            neutral: game.venue == Venue::Neutral,
            competition,
        })
    }
}

/// One match rated: the ratings it was played at and what it changed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EloStep {
    /// The match.
    pub game: RatedMatch,
    /// The home side's rating before it (its starting rating at its first match).
    pub home_before: f64,
    /// The away side's rating before it.
    pub away_before: f64,
    /// Points the home side gained; the away side lost as many.
    pub change: f64,
    /// The home, draw and away probabilities the ratings gave it beforehand.
    pub forecast: OutcomeProbabilities,
    /// Whether this was the home side's first rated match.
    pub home_first: bool,
    /// Whether this was the away side's first rated match.
    pub away_first: bool,
}

impl EloStep {
    /// The home side's rating after the match.
    pub fn home_after(&self) -> f64 {
        self.home_before + self.change
    }

    /// The away side's rating after the match.
    pub fn away_after(&self) -> f64 {
        self.away_before - self.change
    }
}

/// A club's rating at the end of a day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TeamRating {
    /// The rating.
    pub rating: f64,
    /// Matches rated so far.
    pub matches: usize,
    /// The day of its latest rated match.
    pub last_played: NaiveDate,
}

/// Every match rated, in date order: ratings on any day, a club's history, and the
/// forecasts Elo made before each match.
#[derive(Debug, Clone, PartialEq)]
pub struct EloRatings {
    parameters: EloParameters,
    teams: usize,
    steps: Vec<EloStep>,
}

impl EloRatings {
    /// Rates `matches` (in any order: they are taken by date, keeping the given order
    /// within a day) for clubs numbered below `teams` (more are counted when a match
    /// names a higher index).
    pub fn rate(teams: usize, matches: &[RatedMatch], parameters: EloParameters) -> EloRatings {
        let mut games = matches.to_vec();
        games.sort_by_key(|m| m.date);
        let teams = games
            .iter()
            .map(|m| m.home.max(m.away) + 1)
            .max()
            .unwrap_or(0)
            .max(teams);
        // Who is entered in each competition-season: a newcomer's rating is their mean's.
        let mut entrants: HashMap<usize, Vec<usize>> = HashMap::new();
        for m in &games {
            for team in [m.home, m.away] {
                let list = entrants.entry(m.competition).or_default();
                if !list.contains(&team) {
                    list.push(team);
                }
            }
        }
        let mut rating: Vec<Option<f64>> = vec![None; teams];
        let mut steps = Vec::with_capacity(games.len());
        for game in games {
            let entry = |rating: &[Option<f64>]| -> f64 {
                let rated: Vec<f64> = entrants[&game.competition]
                    .iter()
                    .filter_map(|&t| rating[t])
                    .collect();
                if rated.is_empty() {
                    parameters.start
                } else {
                    rated.iter().sum::<f64>() / rated.len() as f64 - parameters.newcomer_gap
                }
            };
            let (home_first, away_first) = (rating[game.home].is_none(), rating[game.away].is_none());
            // Both newcomers' ratings come from the clubs rated before the match.
            let start = (home_first || away_first).then(|| entry(&rating));
            let home_before = rating[game.home].or(start).expect("rated or a newcomer");
            let away_before = rating[game.away].or(start).expect("rated or a newcomer");
            let difference = parameters.difference(home_before, away_before, game.neutral);
            let change = parameters.change(logistic(difference), game.home_goals, game.away_goals);
            let step = EloStep {
                game,
                home_before,
                away_before,
                change,
                forecast: parameters.probabilities(difference),
                home_first,
                away_first,
            };
            rating[game.home] = Some(step.home_after());
            rating[game.away] = Some(step.away_after());
            steps.push(step);
        }
        EloRatings {
            parameters,
            teams,
            steps,
        }
    }

    /// The constants rated with.
    pub fn parameters(&self) -> &EloParameters {
        &self.parameters
    }

    /// Every match rated, by date.
    pub fn steps(&self) -> &[EloStep] {
        &self.steps
    }

    /// The day of the first match rated, if any.
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.steps.first().map(|s| s.game.date)
    }

    /// Each club's rating at the end of `day` (none for a club not yet rated), by index.
    pub fn on(&self, day: NaiveDate) -> Vec<Option<TeamRating>> {
        let mut ratings: Vec<Option<TeamRating>> = vec![None; self.teams];
        let known = self.steps.partition_point(|s| s.game.date <= day);
        for step in &self.steps[..known] {
            for (team, after) in [
                (step.game.home, step.home_after()),
                (step.game.away, step.away_after()),
            ] {
                let matches = ratings[team].map_or(0, |r| r.matches) + 1;
                ratings[team] = Some(TeamRating {
                    rating: after,
                    matches,
                    last_played: step.game.date,
                });
            }
        }
        ratings
    }

    /// A club's matches rated, by date, each with its rating after it.
    pub fn history(&self, team: usize) -> Vec<(&EloStep, f64)> {
        self.steps
            .iter()
            .filter_map(|s| {
                if s.game.home == team {
                    Some((s, s.home_after()))
                } else if s.game.away == team {
                    Some((s, s.away_after()))
                } else {
                    None
                }
            })
            .collect()
    }

    /// The home, draw and away probabilities for `home` against `away` on `day`, from
    /// their ratings at the end of the day before; `None` while either is unrated.
    pub fn fixture(
        &self,
        home: usize,
        away: usize,
        neutral: bool,
        day: NaiveDate,
    ) -> Option<OutcomeProbabilities> {
        let ratings = self.on(day.pred_opt()?);
        let (h, a) = (ratings.get(home).copied()??, ratings.get(away).copied()??);
        Some(
            self.parameters
                .probabilities(self.parameters.difference(h.rating, a.rating, neutral)),
        )
    }
}

/// Elo's pre-match probabilities scored against what happened, beside the frequencies
/// baseline of `matchday backtest`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EloScore {
    /// Matches scored.
    pub matches: usize,
    /// Elo's mean scores.
    pub elo: ProbabilityScore,
    /// The mean scores of each competition-season's home, draw and away shares before
    /// the match's day, counted with [`PRIOR_FREQUENCY_MATCHES`] pseudo-matches at
    /// [`PRIOR_FREQUENCIES`].
    pub frequencies: ProbabilityScore,
}

impl EloRatings {
    /// Scores the forecasts of the matches `keep` picks, leaving out each club's first
    /// match (its rating was a guess).
    pub fn score(&self, keep: impl Fn(&RatedMatch) -> bool) -> EloScore {
        // Each competition-season's results of earlier days, and of the day being scored.
        let mut counts: HashMap<usize, ([f64; 3], [f64; 3], NaiveDate)> = HashMap::new();
        let (mut elo, mut frequencies) = (Vec::new(), Vec::new());
        for step in &self.steps {
            let game = step.game;
            let outcome = match game.home_goals.cmp(&game.away_goals) {
                std::cmp::Ordering::Greater => 0,
                std::cmp::Ordering::Equal => 1,
                std::cmp::Ordering::Less => 2,
            };
            let (before, today, day) = counts
                .entry(game.competition)
                .or_insert(([0.0; 3], [0.0; 3], game.date));
            if *day < game.date {
                for (b, t) in before.iter_mut().zip(today.iter_mut()) {
                    *b += std::mem::take(t);
                }
                *day = game.date;
            }
            if keep(&game) && !step.home_first && !step.away_first {
                let total = before.iter().sum::<f64>() + PRIOR_FREQUENCY_MATCHES;
                let prior = [
                    PRIOR_FREQUENCIES.home,
                    PRIOR_FREQUENCIES.draw,
                    PRIOR_FREQUENCIES.away,
                ];
                let share = |i: usize| (before[i] + PRIOR_FREQUENCY_MATCHES * prior[i]) / total;
                let baseline = OutcomeProbabilities {
                    home: share(0),
                    draw: share(1),
                    away: share(2),
                };
                elo.push(ProbabilityScore::of(step.forecast, outcome));
                frequencies.push(ProbabilityScore::of(baseline, outcome));
            }
            today[outcome] += 1.0;
        }
        EloScore {
            matches: elo.len(),
            elo: ProbabilityScore::mean(elo),
            frequencies: ProbabilityScore::mean(frequencies),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, 1).expect("a day") + chrono::Days::new(u64::from(n))
    }

    fn game(date: u32, home: usize, away: usize, goals: (u8, u8)) -> RatedMatch {
        RatedMatch {
            date: day(date),
            home,
            away,
            home_goals: goals.0,
            away_goals: goals.1,
            neutral: false,
            competition: 0,
        }
    }

    #[test]
    fn expected_scores_are_symmetric_and_sum_to_one() {
        let p = EloParameters::default();
        for (a, b) in [(1500.0, 1500.0), (1700.0, 1450.0), (1320.0, 1880.0)] {
            let home = p.expected_score(a, b, true);
            let away = p.expected_score(b, a, true);
            assert!((home + away - 1.0).abs() < 1e-12, "{home} + {away}");
        }
        assert_eq!(p.expected_score(1600.0, 1600.0, true), 0.5);
        // 400 points is ten to one.
        assert!((p.expected_score(1900.0, 1500.0, true) - 10.0 / 11.0).abs() < 1e-12);
    }

    #[test]
    fn home_advantage_is_worth_its_points_and_neutral_ground_none() {
        let p = EloParameters::default();
        let at_home = p.expected_score(1500.0, 1500.0, false);
        assert!(at_home > 0.5);
        assert!((at_home - p.expected_score(1500.0 + p.home_advantage, 1500.0, true)).abs() < 1e-12);
        assert_eq!(p.expected_score(1500.0, 1500.0, true), 0.5);
        let level = p.probabilities(p.difference(1500.0, 1500.0, true));
        assert!((level.home - level.away).abs() < 1e-12, "{level:?}");
        let home = p.probabilities(p.difference(1500.0, 1500.0, false));
        assert!(home.home > home.away, "{home:?}");
        for q in [level, home, p.probabilities(900.0), p.probabilities(-900.0)] {
            assert!(q.home > 0.0 && q.draw > 0.0 && q.away > 0.0, "{q:?}");
            assert!((q.home + q.draw + q.away - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn updates_are_zero_sum_and_scaled_by_the_margin() {
        let p = EloParameters::default();
        let ratings = EloRatings::rate(2, &[game(0, 0, 1, (1, 0)), game(1, 1, 0, (4, 0))], p);
        let [first, second] = ratings.steps() else {
            panic!("two steps")
        };
        // Level newcomers at 1500: the home side was expected to score We > ½.
        let we = p.expected_score(1500.0, 1500.0, false);
        assert!((first.change - p.k * (1.0 - we)).abs() < 1e-12);
        assert!((first.home_after() + first.away_after() - 3000.0).abs() < 1e-9);
        // A four-goal win counts (11 + 4) / 8 times a one-goal win.
        let we = p.expected_score(first.away_after(), first.home_after(), false);
        assert!((second.change - p.k * 15.0 / 8.0 * (1.0 - we)).abs() < 1e-12);
        assert_eq!(margin_multiplier(2), 1.5);
        let after = ratings.on(day(1));
        let total: f64 = after.iter().flatten().map(|r| r.rating).sum();
        assert!((total - 3000.0).abs() < 1e-9);
        assert_eq!(after[0].map(|r| r.matches), Some(2));
    }

    #[test]
    fn a_draw_moves_points_to_the_weaker_side_and_a_shoot_out_is_not_seen() {
        let p = EloParameters::default();
        // Team 0 beats 2 twice; then 0 and 1 draw on neutral ground (level after extra
        // time; whoever won the kicks, the rating sees a draw).
        let games = [
            game(0, 0, 2, (3, 0)),
            game(1, 2, 0, (0, 2)),
            RatedMatch {
                neutral: true,
                ..game(2, 0, 1, (1, 1))
            },
        ];
        let ratings = EloRatings::rate(3, &games, p);
        let last = ratings.steps()[2];
        assert!(last.home_before > last.away_before);
        assert!(last.change < 0.0, "the stronger side loses points in a draw");
        let expected = p.expected_score(last.home_before, last.away_before, true);
        assert!((last.change - p.k * (0.5 - expected)).abs() < 1e-12);
    }

    #[test]
    fn a_newcomer_starts_below_the_mean_of_its_competition() {
        let p = EloParameters::default();
        let mut games = vec![game(0, 0, 1, (2, 0)), game(0, 2, 3, (0, 1))];
        // Team 4 joins competition 1 with 0, 1 and 3; team 2 is not entered there.
        games.push(RatedMatch {
            competition: 1,
            ..game(5, 4, 0, (0, 0))
        });
        games.push(RatedMatch {
            competition: 1,
            ..game(6, 3, 1, (0, 0))
        });
        let ratings = EloRatings::rate(5, &games, p);
        let before = ratings.on(day(4));
        let mean = (before[0].expect("rated").rating
            + before[3].expect("rated").rating
            + before[1].expect("rated").rating)
            / 3.0;
        let step = ratings.steps()[2];
        assert!(step.home_first && !step.away_first);
        assert!((step.home_before - (mean - p.newcomer_gap)).abs() < 1e-9);
        // The first matches of all met nobody rated: they start at `start`.
        assert_eq!(ratings.steps()[0].home_before, p.start);
        assert_eq!(ratings.on(day(4))[4], None);
        // A fixture on day 5 is forecast from the ratings at the end of day 4.
        let (r0, r3) = (before[0].expect("rated").rating, before[3].expect("rated").rating);
        assert_eq!(
            ratings.fixture(0, 3, false, day(5)),
            Some(p.probabilities(p.difference(r0, r3, false)))
        );
        assert_eq!(ratings.fixture(0, 4, false, day(5)), None);
        assert_eq!(ratings.first_day(), Some(day(0)));
    }

    #[test]
    fn a_later_result_changes_nothing_before_its_day() {
        let p = EloParameters::default();
        let mut games = vec![
            game(0, 0, 1, (2, 0)),
            game(3, 1, 0, (1, 1)),
            game(1, 0, 1, (0, 3)),
        ];
        let ratings = EloRatings::rate(2, &games, p);
        games[1].home_goals = 5;
        let other = EloRatings::rate(2, &games, p);
        assert_eq!(ratings.on(day(2)), other.on(day(2)));
        assert_ne!(ratings.on(day(3)), other.on(day(3)));
        // Taken by date: the match of day 1 is rated second.
        assert_eq!(ratings.steps()[1].game.date, day(1));
        assert_eq!(ratings.history(1).len(), 3);
    }

    #[test]
    fn a_match_is_rated_on_the_score_when_play_ended() {
        use matchday_core::{ExtraTimeAfter, MatchResult, Pairing, Score, TeamId};
        let score = |h, a| Score::new(h, a).expect("a score");
        let pairing = Pairing::new(TeamId(1), TeamId(2)).expect("two teams");
        let played = |result: MatchResult| Match::new(day(3), pairing, MatchStatus::Played(result));
        // 1-1 after 90 minutes, 2-1 after extra time: a home win by one goal.
        let extra_time = MatchResult::from_parts(
            Some(score(1, 1)),
            None,
            Some(score(2, 1)),
            None,
            ExtraTimeAfter::LevelMatch,
        )
        .expect("a result");
        let rated = RatedMatch::of(&played(extra_time), 0, 1, 7).expect("played");
        assert_eq!((rated.home_goals, rated.away_goals, rated.competition), (2, 1, 7));
        assert!(!rated.neutral);
        // 0-0, 1-1 after extra time, 4-2 on penalties at a neutral ground: a draw.
        let shoot_out = MatchResult::from_parts(
            Some(score(0, 0)),
            None,
            Some(score(1, 1)),
            Some(score(4, 2)),
            ExtraTimeAfter::LevelMatch,
        )
        .expect("a result");
        let mut game = played(shoot_out);
        game.venue = Venue::Neutral;
        let rated = RatedMatch::of(&game, 0, 1, 0).expect("played");
        assert_eq!((rated.home_goals, rated.away_goals, rated.neutral), (1, 1, true));
        // Awarded and unplayed matches are not rated.
        let awarded = Match::new(
            day(3),
            pairing,
            MatchStatus::Awarded(MatchResult::full_time(score(3, 0))),
        );
        assert_eq!(RatedMatch::of(&awarded, 0, 1, 0), None);
        assert_eq!(
            RatedMatch::of(&Match::new(day(3), pairing, MatchStatus::Scheduled), 0, 1, 0),
            None
        );
    }

    proptest! {
        #[test]
        fn established_clubs_ratings_sum_to_their_starting_ratings(
            games in prop::collection::vec((0usize..6, 0usize..6, 0u8..7, 0u8..7, 0u32..40, any::<bool>(), 0usize..3), 1..60)
        ) {
            let games: Vec<RatedMatch> = games
                .into_iter()
                .filter(|g| g.0 != g.1)
                .map(|(home, away, h, a, date, neutral, competition)| RatedMatch {
                    neutral,
                    competition,
                    ..game(date, home, away, (h, a))
                })
                .collect();
            let ratings = EloRatings::rate(6, &games, EloParameters::default());
            // Every club's first rating, summed: what the ratings of all rated clubs sum to
            // after every day, as no update creates or destroys a point.
            let mut started = 0.0;
            for step in ratings.steps() {
                if step.home_first {
                    started += step.home_before;
                }
                if step.away_first {
                    started += step.away_before;
                }
                let total: f64 = ratings.on(step.game.date).iter().flatten().map(|r| r.rating).sum();
                let entered: f64 = ratings
                    .steps()
                    .iter()
                    .take_while(|s| s.game.date <= step.game.date)
                    .map(|s| {
                        f64::from(u8::from(s.home_first)) * s.home_before
                            + f64::from(u8::from(s.away_first)) * s.away_before
                    })
                    .sum();
                prop_assert!((total - entered).abs() < 1e-6, "{total} != {entered}");
            }
            let total: f64 = ratings.on(day(40)).iter().flatten().map(|r| r.rating).sum();
            prop_assert!((total - started).abs() < 1e-6);
        }
    }
}
