//! A league season day by day: every team's place, points and gap to the leader
//! after each match day.
//!
//! A *match day* is a date on which at least one result of the league counts,
//! or on which a point deduction takes effect. After each one the whole table is
//! drawn up again under the competition's own tie-breakers, deductions and
//! decisions off the pitch ([`Standings::compute`]), so a place on the chart is
//! the place `matchday table --as-of DATE` prints for that date. A team's line
//! starts on its first match day with a match played or points deducted.
//!
//! Cost: one table per match day, each linear in the season's matches; a
//! 38-round league has a hundred-odd match days, so a season is a hundred-odd
//! tables: about 2 ms for 20 teams and 3.5 ms for 24 (`cargo bench -p
//! matchday-report`), so nothing is kept between days.

use chrono::NaiveDate;
use matchday_core::{Competition, Decision, Deduction, Match, Standings, TableOptions, TeamId, View, Zone};

/// One team's standing after one match day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The match day.
    pub date: NaiveDate,
    /// Its place in the table after that day.
    pub position: u16,
    /// Whether it shares the place (level on every criterion the results decide).
    pub shared: bool,
    /// Its points after that day, after deductions.
    pub points: i32,
    /// The leader's points less its own.
    pub gap_to_leader: i32,
    /// Matches it has played.
    pub played: u16,
}

/// One team's season as a line: its standing after each match day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamProgress {
    /// The team.
    pub team: TeamId,
    /// Its standing after each match day from its first on, in date order.
    pub steps: Vec<Step>,
}

/// A league season match day by match day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The match days, in order.
    pub dates: Vec<NaiveDate>,
    /// Every team's line, in the order of the table after the last match day.
    pub lines: Vec<TeamProgress>,
    /// The number of places in the table.
    pub places: u16,
    /// The competition's zones, to shade.
    pub zones: Vec<Zone>,
}

impl Progress {
    /// Every team's standing after each match day up to the end of `as_of` (all of them
    /// when `None`).
    pub fn compute(
        competition: &Competition,
        teams: &[TeamId],
        matches: &[Match],
        deductions: &[Deduction],
        decisions: &[Decision],
        as_of: Option<NaiveDate>,
    ) -> Progress {
        Progress::of_group(competition, teams, matches, deductions, decisions, None, as_of)
    }

    /// As [`Progress::compute`], for one group of a group stage (`teams` its teams,
    /// `matches` its matches): the decisions off the pitch recorded for that group apply.
    /// With `None`, a league's (or a league phase's) table.
    pub fn of_group(
        competition: &Competition,
        teams: &[TeamId],
        matches: &[Match],
        deductions: &[Deduction],
        decisions: &[Decision],
        group: Option<&str>,
        as_of: Option<NaiveDate>,
    ) -> Progress {
        let within = |day: NaiveDate| as_of.is_none_or(|last| day <= last);
        let mut dates: Vec<NaiveDate> = matches
            .iter()
            // A knockout tie after a league phase changes no table: no match day of it.
            .filter(|m| !matches!(m.stage, Some(matchday_core::Stage::Knockout(_))))
            .filter(|m| m.result_as_of(as_of).is_some_and(|r| r.score().is_some()))
            .map(|m| m.date)
            .chain(deductions.iter().map(|d| d.effective).filter(|&d| within(d)))
            .collect();
        dates.sort_unstable();
        dates.dedup();
        let regulations = competition.regulations();
        let mut lines: Vec<TeamProgress> = teams
            .iter()
            .map(|&team| TeamProgress {
                team,
                steps: Vec::with_capacity(dates.len()),
            })
            .collect();
        let index: std::collections::HashMap<TeamId, usize> =
            teams.iter().enumerate().map(|(i, &t)| (t, i)).collect();
        let mut last_order: Vec<TeamId> = teams.to_vec();
        for &date in &dates {
            let options = TableOptions {
                as_of: Some(date),
                view: View::Total,
                provisional: false,
            };
            let table = Standings::compute(competition, teams, matches, deductions, options).with_decisions(
                &regulations,
                decisions,
                group,
            );
            let leader = table.rows.first().map_or(0, |r| r.points);
            for row in &table.rows {
                if row.played == 0 && row.deducted == 0 {
                    continue;
                }
                lines[index[&row.team]].steps.push(Step {
                    date,
                    position: row.position,
                    shared: row.shared,
                    points: row.points,
                    gap_to_leader: leader - row.points,
                    played: row.played,
                });
            }
            last_order = table.rows.iter().map(|r| r.team).collect();
        }
        lines.sort_by_key(|line| last_order.iter().position(|&t| t == line.team));
        Progress {
            dates,
            lines,
            places: u16::try_from(teams.len()).unwrap_or(u16::MAX),
            zones: competition.zones.clone(),
        }
    }

    /// The line of `team`, if it is in the league.
    pub fn line(&self, team: TeamId) -> Option<&TeamProgress> {
        self.lines.iter().find(|l| l.team == team)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{competition, day, deductions, matches, teams};

    #[test]
    fn a_match_day_is_a_date_with_a_result_or_a_deduction() {
        let p = Progress::compute(&competition(), &teams(), &matches(), &deductions(), &[], None);
        assert_eq!(p.dates, vec![day(1), day(3), day(5), day(8)]);
        assert_eq!(p.places, 4);
        // Each step is the table as drawn up on that day.
        for date in &p.dates {
            let table = Standings::compute(
                &competition(),
                &teams(),
                &matches(),
                &deductions(),
                TableOptions {
                    as_of: Some(*date),
                    view: View::Total,
                    provisional: false,
                },
            );
            for row in table.rows.iter().filter(|r| r.played > 0) {
                let step = p
                    .line(row.team)
                    .unwrap()
                    .steps
                    .iter()
                    .find(|s| s.date == *date)
                    .unwrap();
                assert_eq!((step.position, step.points), (row.position, row.points));
                assert_eq!(step.gap_to_leader, table.rows[0].points - row.points);
            }
        }
    }

    #[test]
    fn a_line_starts_at_the_teams_first_match() {
        let p = Progress::compute(&competition(), &teams(), &matches(), &deductions(), &[], None);
        let west = p.line(TeamId(4)).unwrap();
        assert_eq!(west.steps[0].date, day(3));
        assert_eq!(p.line(TeamId(1)).unwrap().steps.len(), 4);
    }

    #[test]
    fn the_deduction_moves_the_leader_on_its_own_day() {
        let p = Progress::compute(&competition(), &teams(), &matches(), &deductions(), &[], None);
        let north = p.line(TeamId(1)).unwrap();
        assert_eq!(north.steps[2].points, 9);
        assert_eq!(north.steps[3].points, 6);
        assert_eq!(north.steps[3].gap_to_leader, 0, "still top on 6");
        // Lines are in the order of the last table.
        assert_eq!(p.lines[0].team, TeamId(1));
    }

    #[test]
    fn as_of_stops_the_chart() {
        let p = Progress::compute(
            &competition(),
            &teams(),
            &matches(),
            &deductions(),
            &[],
            Some(day(4)),
        );
        assert_eq!(p.dates, vec![day(1), day(3)]);
        let none = Progress::compute(
            &competition(),
            &teams(),
            &matches(),
            &[],
            &[],
            Some(NaiveDate::from_ymd_opt(2024, 2, 1).unwrap()),
        );
        assert!(none.dates.is_empty());
    }

    /// After a league phase, the knockout play-offs change no table: no match day of theirs.
    #[test]
    fn a_knockout_tie_is_no_match_day() {
        let mut matches = matches();
        let mut tie = matchday_core::testing::played(9, 1, 2, 1, 0);
        tie.stage = Some(matchday_core::Stage::Knockout(matchday_core::Round::Final));
        matches.push(tie);
        let p = Progress::compute(&competition(), &teams(), &matches, &deductions(), &[], None);
        assert_eq!(p.dates, vec![day(1), day(3), day(5), day(8)]);
    }
}
