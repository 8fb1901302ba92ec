//! A league that splits: after a number of rounds the table is cut into
//! sections by position, and each section plays on among itself with the
//! points of the first phase carried over.
//!
//! - Scotland: after 33 rounds the top six and the bottom six play five more
//!   rounds each, carrying their points in full.
//! - Austria (since 2018-19): after 22 rounds a Championship round of the top
//!   six and a Relegation round of the bottom six play ten more rounds each,
//!   carrying half their points, rounded down. A team whose points were
//!   rounded down goes ahead of a team level on points whose were not (the
//!   Bundesliga's rule: "wurde bei einem dieser Klubs ein halber Punkt
//!   abgerundet, wird dieser Klub vorgereiht"); then the rule set's own
//!   criteria decide.
//!
//! Which matches belong to which phase is read from the matches themselves:
//! each team's first `rounds_before` matches (by date) are the first phase,
//! its next `rounds_after` the section's, and anything after (a play-off)
//! belongs to neither. A section's table counts every match of its teams in
//! both phases for games, goals and head-to-head, and ranks on the carried
//! points plus the points won in the section.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::tiebreak::CompactResult;
use crate::{
    Competition, Deduction, Match, MatchStatus, RankScratch, RankingRules, Row, Standings, TableOptions,
    TeamId, TeamTotals, View, rank_teams,
};

/// How the first phase's points carry into the sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CarryOver {
    /// Every point carries over (Scotland).
    Full,
    /// Half the points carry over, rounded down (Austria: 33 gives 16, 34 gives 17).
    HalvedRoundedDown,
}

impl CarryOver {
    /// The points carried from `points` won in the first phase, and whether a
    /// half point was dropped by rounding down.
    pub fn carry(self, points: i32) -> (i32, bool) {
        match self {
            CarryOver::Full => (points, false),
            CarryOver::HalvedRoundedDown => (points.div_euclid(2), points.rem_euclid(2) == 1),
        }
    }
}

/// One section of a split: a name and the positions at the split it takes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SplitSection {
    /// "Championship", "Relegation".
    pub name: String,
    /// The first position at the split that goes into this section (1-based).
    pub first: u16,
    /// The last position, inclusive.
    pub last: u16,
}

/// What is wrong with a split's rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitRulesError {
    /// No rounds before or after the split.
    #[error("a split needs rounds both before it and after it")]
    NoRounds,
    /// No sections, or a single one.
    #[error("a split needs at least two sections")]
    TooFewSections,
    /// A section with no name, or two with the same.
    #[error("section names must be given and differ: '{0}'")]
    BadName(String),
    /// The sections do not cover positions 1 to n in order without gaps or overlaps.
    #[error("section '{0}' does not start right after the section before it (the first starts at 1)")]
    NotContiguous(String),
}

/// What is wrong with a season for its split.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    /// The league has a different number of teams than the sections hold.
    #[error("the sections hold {sections} teams, the league has {teams}")]
    TeamCount {
        /// Teams in the sections.
        sections: u16,
        /// Teams given.
        teams: usize,
    },
}

/// The rules of a split: after how many rounds, into which sections, and how
/// the points carry over. Built by [`SplitRules::new`], which checks them;
/// deserializing checks them the same way.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "SplitRulesData", into = "SplitRulesData")]
pub struct SplitRules {
    rounds_before: u16,
    rounds_after: u16,
    sections: Vec<SplitSection>,
    carry_over: CarryOver,
}

/// The unchecked form of [`SplitRules`], for serde.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SplitRulesData {
    rounds_before: u16,
    rounds_after: u16,
    sections: Vec<SplitSection>,
    carry_over: CarryOver,
}

impl TryFrom<SplitRulesData> for SplitRules {
    type Error = SplitRulesError;
    fn try_from(d: SplitRulesData) -> Result<SplitRules, SplitRulesError> {
        SplitRules::new(d.rounds_before, d.rounds_after, d.sections, d.carry_over)
    }
}

impl From<SplitRules> for SplitRulesData {
    fn from(r: SplitRules) -> SplitRulesData {
        SplitRulesData {
            rounds_before: r.rounds_before,
            rounds_after: r.rounds_after,
            sections: r.sections,
            carry_over: r.carry_over,
        }
    }
}

impl SplitRules {
    /// A split after `rounds_before` rounds into `sections` (by position at
    /// the split, from first place down), each playing `rounds_after` rounds.
    ///
    /// # Errors
    /// [`SplitRulesError`] when there are no rounds on either side, fewer than
    /// two sections, a section without a name or with another's, or sections
    /// that do not cover positions 1 to n in order.
    pub fn new(
        rounds_before: u16,
        rounds_after: u16,
        sections: Vec<SplitSection>,
        carry_over: CarryOver,
    ) -> Result<SplitRules, SplitRulesError> {
        if rounds_before == 0 || rounds_after == 0 {
            return Err(SplitRulesError::NoRounds);
        }
        if sections.len() < 2 {
            return Err(SplitRulesError::TooFewSections);
        }
        let mut next = 1;
        for (i, s) in sections.iter().enumerate() {
            if s.name.trim().is_empty() || sections[..i].iter().any(|o| o.name == s.name) {
                return Err(SplitRulesError::BadName(s.name.clone()));
            }
            if s.first != next || s.last < s.first {
                return Err(SplitRulesError::NotContiguous(s.name.clone()));
            }
            next = s.last + 1;
        }
        Ok(SplitRules {
            rounds_before,
            rounds_after,
            sections,
            carry_over,
        })
    }

    /// The Austrian Bundesliga's split (since 2018-19): after 22 rounds the top
    /// six play a Championship round and the bottom six a Relegation round of
    /// ten rounds each, with half their points, rounded down.
    pub fn austrian_bundesliga() -> SplitRules {
        SplitRules::halves(
            22,
            10,
            6,
            "Championship",
            "Relegation",
            CarryOver::HalvedRoundedDown,
        )
    }

    /// The Scottish Premiership's split: after 33 rounds the top six and the
    /// bottom six play five more rounds each, with all their points.
    pub fn scottish_premiership() -> SplitRules {
        SplitRules::halves(33, 5, 6, "Top six", "Bottom six", CarryOver::Full)
    }

    fn halves(before: u16, after: u16, half: u16, top: &str, bottom: &str, carry: CarryOver) -> SplitRules {
        let sections = vec![
            SplitSection {
                name: top.into(),
                first: 1,
                last: half,
            },
            SplitSection {
                name: bottom.into(),
                first: half + 1,
                last: 2 * half,
            },
        ];
        SplitRules::new(before, after, sections, carry).expect("a valid preset")
    }

    /// Rounds before the split.
    pub fn rounds_before(&self) -> u16 {
        self.rounds_before
    }

    /// Rounds each section plays after it.
    pub fn rounds_after(&self) -> u16 {
        self.rounds_after
    }

    /// How often two clubs of one section meet after the split: its rounds over
    /// the opponents in the largest section (Austria: 10 rounds, 5 opponents, 2).
    pub fn meetings_after(&self) -> u8 {
        let largest = self
            .sections
            .iter()
            .map(|s| s.last - s.first + 1)
            .max()
            .unwrap_or(2);
        u8::try_from(self.rounds_after.div_ceil(largest.saturating_sub(1).max(1))).unwrap_or(u8::MAX)
    }

    /// The sections, from the top of the table down.
    pub fn sections(&self) -> &[SplitSection] {
        &self.sections
    }

    /// How the points carry over.
    pub fn carry_over(&self) -> CarryOver {
        self.carry_over
    }

    /// The number of teams the sections hold.
    pub fn teams(&self) -> u16 {
        self.sections.last().map_or(0, |s| s.last)
    }

    /// The table at the split and each section's table, from `matches` of
    /// the league (play-offs after the sections may be included: they are
    /// left out as each team's matches beyond both phases).
    ///
    /// Deductions that take effect by the last first-phase match count in the
    /// first phase (and carry over with its points); later ones come off the
    /// section's points in full.
    ///
    /// # Errors
    /// [`SplitError::TeamCount`] when `teams` is not the number the sections hold.
    pub fn tables(
        &self,
        competition: &Competition,
        teams: &[TeamId],
        matches: &[Match],
        deductions: &[Deduction],
    ) -> Result<SplitTables, SplitError> {
        if teams.len() != usize::from(self.teams()) {
            return Err(SplitError::TeamCount {
                sections: self.teams(),
                teams: teams.len(),
            });
        }
        let (first, second) = self.phases(matches);
        let first_matches: Vec<Match> = first.iter().map(|&i| matches[i].clone()).collect();
        let split_day = first_matches.iter().map(|m| m.date).max();
        let (early, late): (Vec<Deduction>, Vec<Deduction>) = deductions
            .iter()
            .cloned()
            .partition(|d| split_day.is_none_or(|day| d.effective <= day));
        let at_split = Standings::compute(
            competition,
            teams,
            &first_matches,
            &early,
            TableOptions {
                as_of: None,
                view: View::Total,
                provisional: false,
            },
        );
        let settled = first_matches.len() * 2 == teams.len() * usize::from(self.rounds_before)
            && first_matches.iter().all(|m| m.status.result().is_some());
        let sections = self
            .sections
            .iter()
            .map(|section| {
                let members: Vec<TeamId> = at_split.rows
                    [usize::from(section.first - 1)..usize::from(section.last)]
                    .iter()
                    .map(|r| r.team)
                    .collect();
                let carried: Vec<(i32, bool)> = members
                    .iter()
                    .map(|&t| self.carry_over.carry(at_split.row(t).expect("a member").points))
                    .collect();
                let counted: Vec<(&Match, bool)> = first
                    .iter()
                    .map(|&i| (&matches[i], false))
                    .chain(second.iter().map(|&i| (&matches[i], true)))
                    .filter(|(m, _)| {
                        members.contains(&m.pairing.home()) || members.contains(&m.pairing.away())
                    })
                    .collect();
                section_table(competition, section, &members, &carried, &counted, &late)
            })
            .collect();
        Ok(SplitTables {
            at_split,
            settled,
            sections,
        })
    }

    /// The indices of the first phase's matches and of the sections' matches.
    fn phases(&self, matches: &[Match]) -> (Vec<usize>, Vec<usize>) {
        let mut order: Vec<usize> = (0..matches.len())
            .filter(|&i| counts(&matches[i].status))
            .collect();
        order.sort_by_key(|&i| (matches[i].date, matches[i].kickoff));
        let mut seen: HashMap<TeamId, u16> = HashMap::new();
        let (mut first, mut second) = (Vec::new(), Vec::new());
        let before = self.rounds_before;
        let end = before + self.rounds_after;
        for i in order {
            let m = &matches[i];
            let home = *seen.entry(m.pairing.home()).or_default();
            let away = *seen.entry(m.pairing.away()).or_default();
            *seen.get_mut(&m.pairing.home()).expect("entered") += 1;
            *seen.get_mut(&m.pairing.away()).expect("entered") += 1;
            if home < before && away < before {
                first.push(i);
            } else if (before..end).contains(&home) && (before..end).contains(&away) {
                second.push(i);
            }
        }
        (first, second)
    }
}

/// Whether a match takes one of its teams' places in the calendar: a
/// postponed, abandoned or cancelled match is played again or not at all.
fn counts(status: &MatchStatus) -> bool {
    !matches!(
        status,
        MatchStatus::Postponed | MatchStatus::Abandoned | MatchStatus::Cancelled
    )
}

/// The table at a split and the tables of its sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitTables {
    /// The table after the first phase, which decides the sections.
    pub at_split: Standings,
    /// Whether every first-phase match has been played, so that the sections are known.
    pub settled: bool,
    /// Each section's table, in the order of the rules.
    pub sections: Vec<SectionTable>,
}

/// One section's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionTable {
    /// The section's name.
    pub name: String,
    /// Rows in table order. Positions count from the section's first position
    /// in the league (the Relegation round's top team is 7th).
    pub rows: Vec<SectionRow>,
}

/// A row of a section's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionRow {
    /// The row: games and goals over both phases, points carried plus won in the section.
    pub row: Row,
    /// The points carried over from the first phase.
    pub carried: i32,
    /// Whether a half point was dropped when the points were halved.
    pub rounded_down: bool,
}

/// One section's table from `counted`, its teams' matches of both phases
/// (each marked whether it is a section match), `carried` points by member,
/// and the deductions taken after the split.
fn section_table(
    competition: &Competition,
    section: &SplitSection,
    members: &[TeamId],
    carried: &[(i32, bool)],
    counted: &[(&Match, bool)],
    late: &[Deduction],
) -> SectionTable {
    let index: HashMap<TeamId, usize> = members.iter().enumerate().map(|(i, &t)| (t, i)).collect();
    let points = competition.points;
    let mut totals = vec![TeamTotals::default(); members.len()];
    let mut rows: Vec<Row> = members.iter().map(|&team| Row::empty(team)).collect();
    let mut section_points = vec![0i32; members.len()];
    let mut results = Vec::new();
    for &(m, in_section) in counted {
        let Some(result) = m.status.result() else { continue };
        // League matches last 90 minutes, so the final score is the 90 minutes.
        let score = result.final_score();
        let home = index.get(&m.pairing.home()).copied();
        let away = index.get(&m.pairing.away()).copied();
        if let (Some(h), Some(a)) = (home, away) {
            results.push(CompactResult {
                home: h as u16,
                away: a as u16,
                home_goals: score.home(),
                away_goals: score.away(),
            });
        }
        for (team, scored, conceded, is_away) in [
            (home, score.home(), score.away(), false),
            (away, score.away(), score.home(), true),
        ] {
            let Some(t) = team else { continue };
            totals[t].add_match(scored, conceded, is_away, points);
            let row = &mut rows[t];
            row.played += 1;
            row.goals_for += u32::from(scored);
            row.goals_against += u32::from(conceded);
            let won = match scored.cmp(&conceded) {
                std::cmp::Ordering::Greater => {
                    row.won += 1;
                    points.win
                }
                std::cmp::Ordering::Equal => {
                    row.drawn += 1;
                    points.draw
                }
                std::cmp::Ordering::Less => {
                    row.lost += 1;
                    points.loss
                }
            };
            if in_section {
                section_points[t] += i32::from(won);
            }
        }
    }
    for d in late {
        if let Some(&t) = index.get(&d.team) {
            rows[t].deducted += d.points;
            section_points[t] -= d.points;
        }
    }
    for (t, row) in rows.iter_mut().enumerate() {
        let (carry, rounded) = carried[t];
        row.points = carry + section_points[t];
        // Ranked in half points: a team whose half point was rounded away is
        // half a point ahead of one level with it whose was not.
        totals[t].points = 2 * row.points + i32::from(rounded);
    }
    let regulations = competition.regulations().with_points(points);
    let rules = RankingRules::new(&regulations, &[]);
    let mut scratch = RankScratch::default();
    let placements = rank_teams(&rules, &totals, &results, &mut scratch).to_vec();
    let mut slots: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
    let rows = placements
        .iter()
        .map(|p| {
            let t = usize::from(p.team);
            let mut row = slots[t].take().expect("each team placed once");
            row.position = section.first - 1 + p.position;
            row.shared = p.shared;
            SectionRow {
                row,
                carried: carried[t].0,
                rounded_down: carried[t].1,
            }
        })
        .collect();
    SectionTable {
        name: section.name.clone(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::{Format, MatchResult, Pairing, PointsScheme, RuleSet, Season};

    #[test]
    fn halving_rounds_down() {
        let halve = |p| CarryOver::HalvedRoundedDown.carry(p);
        assert_eq!(halve(33), (16, true));
        assert_eq!(halve(34), (17, false));
        assert_eq!(halve(0), (0, false));
        assert_eq!(halve(-3), (-2, true));
        assert_eq!(CarryOver::Full.carry(33), (33, false));
    }

    #[test]
    fn the_constructor_checks_the_sections() {
        let section = |name: &str, first, last| SplitSection {
            name: name.into(),
            first,
            last,
        };
        let new = |sections| SplitRules::new(22, 10, sections, CarryOver::Full);
        assert!(new(vec![section("Top", 1, 6), section("Bottom", 7, 12)]).is_ok());
        assert_eq!(
            new(vec![section("Top", 1, 6), section("Bottom", 8, 12)]),
            Err(SplitRulesError::NotContiguous("Bottom".into()))
        );
        assert_eq!(
            new(vec![section("Top", 2, 6), section("Bottom", 7, 12)]),
            Err(SplitRulesError::NotContiguous("Top".into()))
        );
        assert_eq!(
            new(vec![section("Top", 1, 6), section("Top", 7, 12)]),
            Err(SplitRulesError::BadName("Top".into()))
        );
        assert_eq!(
            new(vec![section("All", 1, 12)]),
            Err(SplitRulesError::TooFewSections)
        );
        assert_eq!(
            SplitRules::new(0, 10, SplitRules::austrian_bundesliga().sections, CarryOver::Full),
            Err(SplitRulesError::NoRounds)
        );
        let json = serde_json::to_string(&SplitRules::austrian_bundesliga()).unwrap();
        assert!(json.contains("\"carry_over\":\"halved-rounded-down\""), "{json}");
        let back: SplitRules = serde_json::from_str(&json).unwrap();
        assert_eq!(back, SplitRules::austrian_bundesliga());
        let bad = json.replace("\"first\":7", "\"first\":8");
        assert!(serde_json::from_str::<SplitRules>(&bad).is_err());
    }

    fn team(i: i64) -> TeamId {
        TeamId(i)
    }

    fn played(day: u32, home: i64, away: i64, score: &str) -> Match {
        let date = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(u64::from(day));
        let result: MatchResult = score.parse().unwrap();
        Match::new(
            date,
            Pairing::new(team(home), team(away)).unwrap(),
            MatchStatus::Played(result),
        )
    }

    fn competition() -> Competition {
        Competition {
            id: None,
            slug: "mini".into(),
            name: "Mini".into(),
            season: Season::starting(2024),
            format: Format::League,
            structure: crate::Structure::of_format(Format::League),
            // Points, goal difference, goals: the rounding comes before them all.
            rules: RuleSet::EnglishHistory,
            points: PointsScheme::default(),
            zones: Vec::new(),
            away_goals: false,
            rank_by: crate::RankBy::Points,
        }
    }

    #[test]
    fn a_tie_on_halved_points_goes_to_the_team_that_lost_half_a_point() {
        // A single round robin of four: 1 has 7 points, 2 has 6, 3 has 3, 4 has 1.
        let first = [
            played(1, 1, 2, "1-0"),
            played(1, 3, 4, "1-0"),
            played(2, 1, 3, "1-0"),
            played(2, 2, 4, "2-0"),
            played(3, 1, 4, "0-0"),
            played(3, 2, 3, "3-0"),
        ];
        // Halved: 3 (rounded down), 3, 1 (rounded down), 0 (rounded down).
        // Then 1 and 2 draw twice; 3 and 4 win one each.
        let second = [
            played(4, 1, 2, "1-1"),
            played(4, 3, 4, "2-0"),
            played(5, 2, 1, "3-3"),
            played(5, 4, 3, "1-0"),
            // A play-off after both phases: in no section's table.
            played(6, 2, 3, "5-0"),
        ];
        let matches: Vec<Match> = first.iter().chain(&second).cloned().collect();
        let section = |name: &str, first, last| SplitSection {
            name: name.into(),
            first,
            last,
        };
        let rules = SplitRules::new(
            3,
            2,
            vec![section("Top", 1, 2), section("Bottom", 3, 4)],
            CarryOver::HalvedRoundedDown,
        )
        .unwrap();
        let teams = [team(1), team(2), team(3), team(4)];
        let tables = rules.tables(&competition(), &teams, &matches, &[]).unwrap();
        assert!(tables.settled);
        let at_split: Vec<(i64, i32)> = tables
            .at_split
            .rows
            .iter()
            .map(|r| (r.team.0, r.points))
            .collect();
        assert_eq!(at_split, [(1, 7), (2, 6), (3, 3), (4, 1)]);
        let top = &tables.sections[0];
        let shown: Vec<(i64, i32, i32, bool, u16, u16)> = top
            .rows
            .iter()
            .map(|r| {
                (
                    r.row.team.0,
                    r.row.points,
                    r.carried,
                    r.rounded_down,
                    r.row.position,
                    r.row.played,
                )
            })
            .collect();
        // Both on 3 + 2 = 5: team 1 had half a point rounded away, so it goes
        // ahead, though team 2's goal difference (the next criterion) is better.
        assert_eq!(shown, [(1, 5, 3, true, 1, 5), (2, 5, 3, false, 2, 5)]);
        assert!(top.rows[1].row.goal_difference() > top.rows[0].row.goal_difference());
        let bottom = &tables.sections[1];
        let shown: Vec<(i64, u16, i32, i32, u16)> = bottom
            .rows
            .iter()
            .map(|r| {
                (
                    r.row.team.0,
                    r.row.position,
                    r.row.points,
                    r.carried,
                    r.row.played,
                )
            })
            .collect();
        assert_eq!(shown, [(3, 3, 4, 1, 5), (4, 4, 3, 0, 5)]);
        // Wrong team count.
        assert_eq!(
            rules.tables(&competition(), &teams[..3], &matches, &[]),
            Err(SplitError::TeamCount {
                sections: 4,
                teams: 3
            })
        );
    }
}
