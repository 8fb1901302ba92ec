//! A league as it stands on a date: the table so far and the fixtures left.
//!
//! The fixtures left come from the competition-season's [`Structure`]: the stored
//! league matches still to play, plus the meetings its league stage (and, once the
//! sections are drawn, its split) says are due but are not stored. Knockout
//! matches (a league's play-offs) belong to no table and are left out.

use std::collections::HashMap;

use chrono::NaiveDate;
use matchday_core::{
    Competition, Decision, Deduction, Match, MatchStatus, PhaseKind, PointsScheme, RankBy, Regulations,
    SplitRules, Stage, Standings, TableOptions, TeamId, Zone,
};

use crate::ForecastError;

/// The most teams a league may have here: team sets are kept as 64-bit masks.
pub const MAX_TEAMS: usize = 64;

/// A fixture still to be played, between two teams given by their index in [`LeagueState::teams`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixture {
    /// Index of the home team (for a derived meeting, the side that has hosted the pair less).
    pub home: usize,
    /// Index of the away team.
    pub away: usize,
    /// The stored date, or `None` for a meeting the structure says is due but no match stores.
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

/// One section of a split league whose sections are drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Its name ("Top six", "Relegation round").
    pub name: String,
    /// The league position its top team takes (7 for a bottom six of twelve).
    pub first: u16,
    /// Its teams, by index in [`LeagueState::teams`], in its table's order.
    pub members: Vec<usize>,
}

/// Where a split league stands on the day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitStage {
    /// The regular season is not over: after it every team plays `rounds_after` more
    /// rounds in a section the table at the split decides, so those matches have no
    /// fixtures yet.
    Pending(SplitRules),
    /// The regular season is over and the sections are known: teams finish within
    /// their section's positions, ranked on the points carried plus those won in it.
    Drawn {
        /// The rules of the split.
        rules: SplitRules,
        /// The sections, from the top of the table down.
        sections: Vec<Section>,
        /// Points carried from the regular season, per team.
        carried: Vec<i32>,
        /// Whether a half point was rounded away when carrying, per team: such a team
        /// goes ahead of one level with it (Austria).
        rounded_down: Vec<bool>,
    },
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
    split: Option<SplitStage>,
    /// `hosted[home * n + away]`: the season's league meetings `home` hosts `away`, stored or derived.
    hosted: Vec<u16>,
}

impl LeagueState {
    /// The league of `teams` as it stands on `as_of` (or with everything stored, when `None`).
    ///
    /// Points count deductions effective by `as_of`; knockout matches (play-offs after
    /// the league) are not league matches and are left out. Remaining fixtures are the
    /// stored league matches still to play on that date, plus, for each pair of teams,
    /// the meetings the structure's league stage says are due beyond those stored (three
    /// in a league of three meetings), without a date. In a split league, once every
    /// regular-season match is played the sections are drawn from the table at the split
    /// and the pairs within a section are due the split's meetings too; before then the
    /// rounds after the split wait for sections (see [`SplitStage`]).
    ///
    /// # Errors
    /// [`ForecastError::NoTeams`], [`ForecastError::TooManyTeams`],
    /// [`ForecastError::DuplicateTeam`], [`ForecastError::RankedByPointsPerGame`], or
    /// [`ForecastError::SplitTeams`] when a split league's sections do not hold its teams.
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
        // Gaps and positions are counted in points; a table ranked by points per game
        // (a curtailed season) would need another mathematics.
        if competition.rank_by == RankBy::PointsPerGame {
            return Err(ForecastError::RankedByPointsPerGame);
        }
        let mut index: HashMap<TeamId, usize> = HashMap::new();
        for (i, &team) in teams.iter().enumerate() {
            if index.insert(team, i).is_some() {
                return Err(ForecastError::DuplicateTeam(team));
            }
        }
        let league: Vec<&Match> = matches
            .iter()
            .filter(|m| !matches!(m.stage, Some(Stage::Knockout(_))))
            .collect();
        let in_force: Vec<Deduction> = deductions
            .iter()
            .filter(|d| d.applies_on(as_of))
            .cloned()
            .collect();
        let mut standings = Standings::compute(
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
        let split = match competition.structure.split() {
            Some(rules) => Some(split_stage(
                rules,
                competition,
                teams,
                &league,
                &in_force,
                as_of,
                &index,
            )?),
            None => None,
        };
        if let Some((_, Some(sections))) = &split {
            // The table that counts is the sections' tables, one under the other.
            standings = sections.clone();
        }
        let split = split.map(|(stage, _)| stage);
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
        let (results, fixtures, hosted) =
            results_and_fixtures(competition, &league, &index, split.as_ref(), as_of);
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
            deductions: in_force,
            split,
            hosted,
        })
    }

    /// The state with the recorded `decisions` off the pitch applied to its table, as
    /// the league table applies them (those the results no longer allow are left out).
    ///
    /// Once a split league's sections are drawn the table is the sections' tables,
    /// which take no decisions, as the sections' own tables do not.
    pub fn with_decisions(mut self, decisions: &[Decision]) -> LeagueState {
        if !matches!(self.split, Some(SplitStage::Drawn { .. })) {
            self.standings = self.standings.with_decisions(&self.regulations, decisions, None);
        }
        self
    }

    /// The teams, in the order given; other slices here are indexed the same way.
    pub fn teams(&self) -> &[TeamId] {
        &self.teams
    }

    /// The index of `team`, if it is in the league.
    pub fn index_of(&self, team: TeamId) -> Option<usize> {
        self.teams.iter().position(|&t| t == team)
    }

    /// Points so far, after deductions; once a split league's sections are drawn, the
    /// points carried plus those won in the section, as the section ranks them.
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

    /// The fixtures still to play whose teams are known: before a split, the regular
    /// season's only (see [`LeagueState::split`]).
    pub fn fixtures(&self) -> &[Fixture] {
        &self.fixtures
    }

    /// Meetings of the season's league stage each team hosts each other, stored or
    /// derived: `hosted[home * n + away]`.
    pub(crate) fn hosted(&self) -> &[u16] {
        &self.hosted
    }

    /// Where a split league stands; `None` for a league that does not split.
    pub fn split(&self) -> Option<&SplitStage> {
        self.split.as_ref()
    }

    /// Whether nothing is left to play: every fixture played, and no split still to
    /// come (whose sections' meetings have no fixtures yet).
    pub fn is_finished(&self) -> bool {
        self.fixtures.is_empty() && !matches!(self.split, Some(SplitStage::Pending(_)))
    }

    /// Matches still to play, per team: the fixtures, and before a split the rounds after it.
    pub fn remaining(&self) -> Vec<u16> {
        let after = match &self.split {
            Some(SplitStage::Pending(rules)) => rules.rounds_after(),
            _ => 0,
        };
        let mut left = vec![after; self.teams.len()];
        for f in &self.fixtures {
            left[f.home] += 1;
            left[f.away] += 1;
        }
        left
    }

    /// The table as it stands, from the core's standings with the competition's tie-breakers;
    /// once a split league's sections are drawn, the sections' tables one under the other.
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

    /// The competition's zones; if it names none (a season added by hand), those of its
    /// edition in the bundled catalogue for a table of its size, if it has one.
    pub fn zones(&self) -> Vec<Zone> {
        if !self.zones.is_empty() {
            return self.zones.clone();
        }
        let c = &self.competition;
        matchday_core::Catalogue::bundled()
            .find(&c.slug)
            .or_else(|| matchday_core::Catalogue::bundled().find(&c.name))
            .and_then(|entry| entry.edition(c.season))
            .map(|edition| edition.zones(self.teams.len() as u16))
            .unwrap_or_default()
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

    /// The most points each team can still reach: before a split whose points are
    /// halved, in the section's points (the most it can carry, plus every match after).
    pub fn max_points(&self) -> Vec<i32> {
        let win = i32::from(self.scheme.win);
        let left = self.remaining();
        match &self.split {
            Some(SplitStage::Pending(rules)) => {
                let after = i32::from(rules.rounds_after());
                (0..self.teams.len())
                    .map(|i| {
                        let regular = i32::from(left[i]) - after;
                        rules.carry_over().carry(self.points[i] + win * regular).0 + win * after
                    })
                    .collect()
            }
            _ => left
                .iter()
                .zip(&self.points)
                .map(|(&left, &p)| p + win * i32::from(left))
                .collect(),
        }
    }
}

/// Where a split league stands on `as_of`: its sections are drawn once every
/// regular-season match is played by then, and their tables are then the table.
fn split_stage(
    rules: &SplitRules,
    competition: &Competition,
    teams: &[TeamId],
    league: &[&Match],
    deductions: &[Deduction],
    as_of: Option<NaiveDate>,
    index: &HashMap<TeamId, usize>,
) -> Result<(SplitStage, Option<Standings>), ForecastError> {
    if teams.len() != usize::from(rules.teams()) {
        return Err(ForecastError::SplitTeams {
            sections: rules.teams(),
            teams: teams.len(),
        });
    }
    let tables = rules
        .tables(competition, teams, &as_seen_on(league, as_of), deductions)
        .map_err(|_| ForecastError::SplitTeams {
            sections: rules.teams(),
            teams: teams.len(),
        })?;
    if !tables.settled {
        return Ok((SplitStage::Pending(rules.clone()), None));
    }
    let mut carried = vec![0; teams.len()];
    let mut rounded_down = vec![false; teams.len()];
    let sections = rules
        .sections()
        .iter()
        .zip(&tables.sections)
        .map(|(section, table)| Section {
            name: section.name.clone(),
            first: section.first,
            members: table
                .rows
                .iter()
                .map(|r| {
                    let i = index[&r.row.team];
                    carried[i] = r.carried;
                    rounded_down[i] = r.rounded_down;
                    i
                })
                .collect(),
        })
        .collect();
    let table = Standings {
        rows: tables
            .sections
            .into_iter()
            .flat_map(|s| s.rows.into_iter().map(|r| r.row))
            .collect(),
        notes: Vec::new(),
    };
    let stage = SplitStage::Drawn {
        rules: rules.clone(),
        sections,
        carried,
        rounded_down,
    };
    Ok((stage, Some(table)))
}

/// `league` as it was known on `as_of`: results after that day are still to play,
/// keeping their place in the calendar (which decides each match's phase).
fn as_seen_on(league: &[&Match], as_of: Option<NaiveDate>) -> Vec<Match> {
    league
        .iter()
        .map(|&m| {
            let mut m = m.clone();
            if as_of.is_some_and(|day| m.date > day) && m.status.result().is_some() {
                m.status = MatchStatus::Scheduled;
            }
            m
        })
        .collect()
}

/// How often `a` and `b` meet in the league on the day's knowledge: the league stage's
/// meetings, and the split's as well when both are in one drawn section.
fn meetings_due(meetings: u8, split: Option<&SplitStage>, section_of: &[usize], a: usize, b: usize) -> usize {
    let after = match split {
        Some(SplitStage::Drawn { rules, .. }) if section_of[a] == section_of[b] => rules.meetings_after(),
        _ => 0,
    };
    usize::from(meetings) + usize::from(after)
}

/// The side of `a` and `b` to host their next meeting when no match says: the one that
/// has hosted the pair less (`hosted[x * n + y]`: meetings `x` hosts `y`), the first
/// given when level. Two meetings are then home and away; a third goes to either.
pub(crate) fn next_venue(hosted: &[u16], n: usize, a: usize, b: usize) -> (usize, usize) {
    if hosted[b * n + a] < hosted[a * n + b] {
        (b, a)
    } else {
        (a, b)
    }
}

/// The results counted so far, the fixtures left, and who hosts whom in the season's
/// league meetings (`hosted[home * n + away]`, stored or derived).
fn results_and_fixtures(
    competition: &Competition,
    league: &[&Match],
    index: &HashMap<TeamId, usize>,
    split: Option<&SplitStage>,
    as_of: Option<NaiveDate>,
) -> (Vec<PlayedResult>, Vec<Fixture>, Vec<u16>) {
    let n = index.len();
    let mut section_of = vec![0; n];
    if let Some(SplitStage::Drawn { sections, .. }) = split {
        for (s, section) in sections.iter().enumerate() {
            for &i in &section.members {
                section_of[i] = s;
            }
        }
    }
    // Without a league stage (never for a league) no meeting is known to be due.
    let meetings = match competition.structure.league_stage().map(|p| &p.kind) {
        Some(PhaseKind::League { meetings }) => Some(*meetings),
        _ => None,
    };
    // Each pair's stored meetings (match, home, away, place in `league` to keep the stored order).
    type Meeting<'m> = (&'m Match, usize, usize, usize);
    let mut by_pair: HashMap<(usize, usize), Vec<Meeting<'_>>> = HashMap::new();
    for (i, &m) in league.iter().enumerate() {
        let (Some(&home), Some(&away)) = (index.get(&m.pairing.home()), index.get(&m.pairing.away())) else {
            continue;
        };
        by_pair
            .entry((home.min(away), home.max(away)))
            .or_default()
            .push((m, home, away, i));
    }
    let mut results = Vec::new();
    let mut stored_fixtures: Vec<(usize, Fixture)> = Vec::new();
    let mut derived = Vec::new();
    let mut hosted = vec![0u16; n * n];
    for a in 0..n {
        for b in a + 1..n {
            let mut stored = by_pair.remove(&(a, b)).unwrap_or_default();
            stored.sort_by_key(|(m, ..)| (m.date, m.kickoff));
            // Before a split, stored meetings beyond the regular season's belong to sections
            // not drawn yet on the day: they are not fixtures of the teams' known matches.
            let regular_only = matches!(split, Some(SplitStage::Pending(_)));
            let due = meetings.map(|m| {
                if regular_only {
                    usize::from(m)
                } else {
                    meetings_due(m, split, &section_of, a, b)
                }
            });
            let counted = match (regular_only, due) {
                (true, Some(due)) => stored.len().min(due),
                _ => stored.len(),
            };
            for (k, &(m, home, away, i)) in stored.iter().enumerate() {
                if let Some(result) = m.result_as_of(as_of) {
                    // A league match always has its 90-minute score (no extra time in a league).
                    if let Some(score) = result.score() {
                        results.push(PlayedResult {
                            home,
                            away,
                            home_goals: score.home(),
                            away_goals: score.away(),
                            date: m.date,
                        });
                    }
                } else if k < counted && m.is_remaining_as_of(as_of) {
                    stored_fixtures.push((
                        i,
                        Fixture {
                            home,
                            away,
                            date: Some(m.date),
                        },
                    ));
                }
                if k < counted {
                    hosted[home * n + away] += 1;
                }
            }
            // Every stored match takes a meeting's place, played or not (a cancelled one
            // is not played again); the meetings due beyond them are derived.
            for _ in counted..due.unwrap_or(0) {
                let (home, away) = next_venue(&hosted, n, a, b);
                hosted[home * n + away] += 1;
                derived.push(Fixture {
                    home,
                    away,
                    date: None,
                });
            }
        }
    }
    stored_fixtures.sort_by_key(|&(i, _)| i);
    derived.sort_by_key(|f| (f.home, f.away));
    let fixtures = stored_fixtures
        .into_iter()
        .map(|(_, f)| f)
        .chain(derived)
        .collect();
    results.sort_by_key(|r| r.date);
    (results, fixtures, hosted)
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
    fn a_match_in_play_is_a_fixture_left_and_its_score_is_not_counted() {
        let mut stored = matches();
        // The fixture of day 20 (4 v 3) in play at 2-0: still to play to every exact answer.
        stored.last_mut().unwrap().status = matchday_core::testing::live(2, 0, Some(70));
        let state = LeagueState::new(&competition(), &teams(), &stored, &deductions(), None).unwrap();
        let before = LeagueState::new(&competition(), &teams(), &matches(), &deductions(), None).unwrap();
        assert_eq!(state.points(), before.points());
        assert_eq!(state.played(), before.played());
        assert_eq!(state.fixtures(), before.fixtures());
        assert_eq!(state.remaining(), before.remaining());
        assert!(state.fixtures().iter().any(|f| f.date == Some(day(20))));
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

    #[test]
    fn three_meetings_are_due_when_the_structure_says_three() {
        let mut c = competition();
        c.set_structure(matchday_core::Structure::league(3).unwrap());
        // Six matches played, one stored to play: each pair is due three meetings.
        let state = LeagueState::new(&c, &teams(), &matches(), &[], Some(day(10))).unwrap();
        assert_eq!(state.fixtures().len(), 3 * 6 - 6);
        assert_eq!(state.remaining(), [6, 6, 6, 6]);
        let derived = |a: usize, b: usize| -> Vec<(usize, usize)> {
            state
                .fixtures()
                .iter()
                .filter(|f| f.date.is_none() && [(a, b), (b, a)].contains(&(f.home, f.away)))
                .map(|f| (f.home, f.away))
                .collect()
        };
        // Teams 1 and 2 have a meeting at each ground stored: the third is derived, at 1's.
        assert_eq!(derived(0, 1), [(0, 1)]);
        // Teams 1 and 3 met once, at 1's: the second meeting is at 3's, the third at 1's.
        assert_eq!(derived(0, 2), [(0, 2), (2, 0)]);
    }

    #[test]
    fn play_off_matches_are_not_league_matches() {
        let mut stored = matches();
        let play_off = |m: Match| Match {
            stage: Some(Stage::Knockout(matchday_core::Round::SemiFinal)),
            ..m
        };
        // A play-off played before the day and one still to come.
        stored.push(play_off(matchday_core::testing::played(9, 1, 2, 5, 0)));
        stored.push(play_off(matchday_core::testing::fixture(25, 2, 1)));
        let with = LeagueState::new(&competition(), &teams(), &stored, &[], Some(day(10))).unwrap();
        let without = LeagueState::new(&competition(), &teams(), &matches(), &[], Some(day(10))).unwrap();
        assert_eq!(with.results(), without.results());
        assert_eq!(with.fixtures(), without.fixtures());
        assert_eq!(with.points(), without.points());
    }

    #[test]
    fn a_season_ranked_by_points_per_game_is_refused() {
        let mut c = competition();
        c.rank_by = RankBy::PointsPerGame;
        let refused = LeagueState::new(&c, &teams(), &matches(), &[], None).unwrap_err();
        assert_eq!(refused, ForecastError::RankedByPointsPerGame);
        assert!(refused.to_string().contains("points per game"));
    }

    #[test]
    fn the_sections_are_drawn_once_the_regular_season_is_played() {
        use crate::testing::{split_competition, split_matches};
        let full = split_competition(matchday_core::CarryOver::Full);
        let state = LeagueState::new(&full, &teams(), &split_matches(), &[], None).unwrap();
        let Some(SplitStage::Drawn { sections, .. }) = state.split() else {
            panic!("drawn: {:?}", state.split())
        };
        assert_eq!(sections[0].members, [0, 2]);
        assert_eq!(sections[1].members, [1, 3]);
        assert_eq!(sections[1].first, 3);
        // Two meetings more within each section, none across.
        let mut pairs: Vec<(usize, usize)> = state.fixtures().iter().map(|f| (f.home, f.away)).collect();
        pairs.sort();
        assert_eq!(pairs, [(0, 2), (1, 3), (2, 0), (3, 1)]);
        assert_eq!(state.remaining(), [2, 2, 2, 2]);
        let order: Vec<TeamId> = state.standings().rows.iter().map(|r| r.team).collect();
        assert_eq!(order, [TeamId(1), TeamId(3), TeamId(2), TeamId(4)]);

        // Halved and rounded down: 9 gives 4, 4 gives 2, 2 gives 1, 1 gives 0.
        let halved = split_competition(matchday_core::CarryOver::HalvedRoundedDown);
        let state = LeagueState::new(&halved, &teams(), &split_matches(), &[], None).unwrap();
        assert_eq!(state.points(), [4, 1, 2, 0]);
        assert_eq!(state.max_points(), [10, 7, 8, 6]);
    }

    #[test]
    fn before_the_split_the_rounds_after_it_wait_for_sections() {
        use crate::testing::{split_competition, split_matches};
        let c = split_competition(matchday_core::CarryOver::HalvedRoundedDown);
        let state = LeagueState::new(&c, &teams(), &split_matches(), &[], Some(day(2))).unwrap();
        assert!(matches!(state.split(), Some(SplitStage::Pending(_))));
        // The third round's two matches are the fixtures; two rounds after the split follow.
        assert_eq!(state.fixtures().len(), 2);
        assert_eq!(state.remaining(), [3, 3, 3, 3]);
        // 1 has 6: at most 9 at the split, 4 carried, then two wins.
        assert_eq!(state.points(), [6, 1, 3, 1]);
        assert_eq!(state.max_points()[0], 4 + 6);
    }

    #[test]
    fn a_decision_off_the_pitch_orders_the_table() {
        // Nothing played: all four level on everything, listed in the order given; the
        // plain rules call no play-off, so they share the place until a decision.
        let mut c = competition();
        c.rules = matchday_core::RuleSet::Plain;
        let state = LeagueState::new(&c, &teams(), &[], &[], None).unwrap();
        let order = |s: &LeagueState| -> Vec<i64> { s.standings().rows.iter().map(|r| r.team.0).collect() };
        assert_eq!(order(&state), [1, 2, 3, 4]);
        let lots = Decision::new(
            None,
            vec![TeamId(4), TeamId(3), TeamId(2), TeamId(1)],
            matchday_core::OffThePitch::DrawingOfLots,
        )
        .unwrap();
        let decided = state.with_decisions(&[lots]);
        assert_eq!(order(&decided), [4, 3, 2, 1]);
        assert_eq!(decided.standings().rows[0].position, 1);
    }
}
