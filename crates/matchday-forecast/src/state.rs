//! A league as it stands on a date: the table so far and the fixtures left.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use matchday_core::{
    Competition, Deduction, Format, Match, PointsScheme, Regulations, Standings, TableOptions, TeamId, Zone,
};

use crate::ForecastError;

/// The most teams a league may have here: team sets are kept as 64-bit masks.
pub const MAX_TEAMS: usize = 64;

/// A fixture still to be played, between two teams given by their index in [`LeagueState::teams`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixture {
    /// Index of the home team.
    pub home: usize,
    /// Index of the away team.
    pub away: usize,
    /// The stored date, or `None` for a pairing derived from the double round-robin.
    pub date: Option<NaiveDate>,
}

/// A result counted in the table so far, by team index, for models and head-to-head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlayedResult {
    /// Index of the home team.
    pub home: usize,
    /// Index of the away team.
    pub away: usize,
    /// Goals by the home team (90 minutes).
    pub home_goals: u8,
    /// Goals by the away team.
    pub away_goals: u8,
    /// The day it was played.
    pub date: NaiveDate,
}

/// A league on a date: every team's record so far and the fixtures still to play.
#[derive(Debug, Clone)]
pub struct LeagueState {
    teams: Vec<TeamId>,
    points: Vec<i32>,
    played: Vec<u16>,
    goals_for: Vec<u32>,
    goals_against: Vec<u32>,
    results: Vec<PlayedResult>,
    fixtures: Vec<Fixture>,
    standings: Standings,
    scheme: PointsScheme,
    regulations: Regulations,
    zones: Vec<Zone>,
    as_of: Option<NaiveDate>,
    competition: Competition,
    deductions: Vec<Deduction>,
}

impl LeagueState {
    /// The league of `teams` as it stands on `as_of` (or with everything stored, when `None`).
    ///
    /// Points count deductions effective by `as_of`. Remaining fixtures are the stored
    /// matches still to play on that date; in a league format, every ordered pairing of a
    /// double round-robin with no stored match at all is added as a fixture without a date.
    ///
    /// # Errors
    /// [`ForecastError::NoTeams`], [`ForecastError::TooManyTeams`] or
    /// [`ForecastError::DuplicateTeam`].
    pub fn new(
        competition: &Competition,
        teams: &[TeamId],
        matches: &[Match],
        deductions: &[Deduction],
        as_of: Option<NaiveDate>,
    ) -> Result<LeagueState, ForecastError> {
        if teams.is_empty() {
            return Err(ForecastError::NoTeams);
        }
        if teams.len() > MAX_TEAMS {
            return Err(ForecastError::TooManyTeams(teams.len()));
        }
        let mut index: HashMap<TeamId, usize> = HashMap::new();
        for (i, &team) in teams.iter().enumerate() {
            if index.insert(team, i).is_some() {
                return Err(ForecastError::DuplicateTeam(team));
            }
        }
        let standings = Standings::compute(
            competition,
            teams,
            matches,
            deductions,
            TableOptions {
                as_of,
                ..TableOptions::default()
            },
        );
        let n = teams.len();
        let mut points = vec![0; n];
        let mut played = vec![0; n];
        let mut goals_for = vec![0; n];
        let mut goals_against = vec![0; n];
        for row in &standings.rows {
            let i = index[&row.team];
            points[i] = row.points;
            played[i] = row.played;
            goals_for[i] = row.goals_for;
            goals_against[i] = row.goals_against;
        }
        let mut results = Vec::new();
        let mut fixtures = Vec::new();
        let mut stored: HashSet<(usize, usize)> = HashSet::new();
        for m in matches {
            let (Some(&home), Some(&away)) = (index.get(&m.pairing.home()), index.get(&m.pairing.away()))
            else {
                continue;
            };
            stored.insert((home, away));
            if let Some(result) = m.result_as_of(as_of) {
                // A league match always has its 90-minute score (no extra time in a league).
                let Some(score) = result.score() else { continue };
                results.push(PlayedResult {
                    home,
                    away,
                    home_goals: score.home(),
                    away_goals: score.away(),
                    date: m.date,
                });
            } else if m.is_remaining_as_of(as_of) {
                fixtures.push(Fixture {
                    home,
                    away,
                    date: Some(m.date),
                });
            }
        }
        if competition.format == Format::League {
            for home in 0..n {
                for away in 0..n {
                    if home != away && !stored.contains(&(home, away)) {
                        fixtures.push(Fixture {
                            home,
                            away,
                            date: None,
                        });
                    }
                }
            }
        }
        results.sort_by_key(|r| r.date);
        Ok(LeagueState {
            teams: teams.to_vec(),
            points,
            played,
            goals_for,
            goals_against,
            results,
            fixtures,
            standings,
            scheme: competition.points,
            regulations: competition.regulations(),
            zones: competition.zones.clone(),
            as_of,
            competition: competition.clone(),
            deductions: deductions
                .iter()
                .filter(|d| d.applies_on(as_of))
                .cloned()
                .collect(),
        })
    }

    /// The teams, in the order given; other slices here are indexed the same way.
    pub fn teams(&self) -> &[TeamId] {
        &self.teams
    }

    /// The index of `team`, if it is in the league.
    pub fn index_of(&self, team: TeamId) -> Option<usize> {
        self.teams.iter().position(|&t| t == team)
    }

    /// Points so far, after deductions.
    pub fn points(&self) -> &[i32] {
        &self.points
    }

    /// Matches played so far.
    pub fn played(&self) -> &[u16] {
        &self.played
    }

    /// Goals scored so far.
    pub fn goals_for(&self) -> &[u32] {
        &self.goals_for
    }

    /// Goals conceded so far.
    pub fn goals_against(&self) -> &[u32] {
        &self.goals_against
    }

    /// The results counted so far, oldest first.
    pub fn results(&self) -> &[PlayedResult] {
        &self.results
    }

    /// The fixtures still to play.
    pub fn fixtures(&self) -> &[Fixture] {
        &self.fixtures
    }

    /// Fixtures still to play, per team.
    pub fn remaining(&self) -> Vec<u16> {
        let mut left = vec![0; self.teams.len()];
        for f in &self.fixtures {
            left[f.home] += 1;
            left[f.away] += 1;
        }
        left
    }

    /// The table as it stands, from the core's standings with the competition's tie-breakers.
    pub fn standings(&self) -> &Standings {
        &self.standings
    }

    /// Points for a win, a draw and a defeat.
    pub fn scheme(&self) -> PointsScheme {
        self.scheme
    }

    /// The ranking regulations (points, tie-breakers, what happens when level).
    pub fn regulations(&self) -> &Regulations {
        &self.regulations
    }

    /// The competition's zones; if it names none, the usual ones for its rules and size.
    pub fn zones(&self) -> Vec<Zone> {
        if self.zones.is_empty() {
            Zone::defaults_for(
                self.competition.rules,
                self.competition.season,
                self.teams.len() as u16,
            )
        } else {
            self.zones.clone()
        }
    }

    /// The day the state is drawn up for.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of
    }

    /// The competition.
    pub fn competition(&self) -> &Competition {
        &self.competition
    }

    /// Deductions in force on the day.
    pub fn deductions(&self) -> &[Deduction] {
        &self.deductions
    }

    /// The most points each team can still reach.
    pub fn max_points(&self) -> Vec<i32> {
        let win = i32::from(self.scheme.win);
        self.remaining()
            .iter()
            .zip(&self.points)
            .map(|(&left, &p)| p + win * i32::from(left))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{competition, day, deductions, matches, teams};

    #[test]
    fn counts_what_was_known_on_the_day() {
        let state =
            LeagueState::new(&competition(), &teams(), &matches(), &deductions(), Some(day(10))).unwrap();
        assert_eq!(state.points(), [9, 1, 1, 2]);
        assert_eq!(state.played(), [3, 3, 3, 3]);
        // The match of day 12 is still to play on day 10, and four pairings were never stored.
        assert_eq!(state.fixtures().len(), 6);
        assert_eq!(state.fixtures().iter().filter(|f| f.date.is_none()).count(), 4);
        assert_eq!(state.remaining(), [3, 3, 3, 3]);
        assert_eq!(state.max_points(), [18, 10, 10, 11]);
        assert_eq!(state.standings().rows[0].team, TeamId(1));

        let before_deduction =
            LeagueState::new(&competition(), &teams(), &matches(), &deductions(), Some(day(4))).unwrap();
        assert_eq!(before_deduction.points(), [6, 1, 1, 2]);
        assert_eq!(before_deduction.remaining(), [4, 4, 4, 4]);

        let everything = LeagueState::new(&competition(), &teams(), &matches(), &deductions(), None).unwrap();
        assert_eq!(everything.points(), [10, 2, 1, 2]);
        assert_eq!(everything.fixtures().len(), 5);
    }

    #[test]
    fn refuses_a_league_it_cannot_hold() {
        let c = competition();
        assert_eq!(
            LeagueState::new(&c, &[], &[], &[], None).unwrap_err(),
            ForecastError::NoTeams
        );
        let twice = [TeamId(1), TeamId(1)];
        assert_eq!(
            LeagueState::new(&c, &twice, &[], &[], None).unwrap_err(),
            ForecastError::DuplicateTeam(TeamId(1))
        );
        let many: Vec<TeamId> = (0..65).map(TeamId).collect();
        assert_eq!(
            LeagueState::new(&c, &many, &[], &[], None).unwrap_err(),
            ForecastError::TooManyTeams(65)
        );
    }
}
