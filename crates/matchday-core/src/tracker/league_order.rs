//! A league's order on a date: its one table, or for a split league whose
//! sections are known, section by section.
//!
//! After a split every club of a higher section finishes above every club of a
//! lower one, whatever the points (Austria halves them at the split; a bottom-six
//! club in Scotland may end on more points than a top-six one), and each section
//! is ordered by its own table. The combined table of all matches is not the
//! league's order then: Austria 2023-24's combined table has Salzburg first,
//! the Championship round Sturm Graz.

use chrono::NaiveDate;

use super::CompetitionSeason;
use crate::{Match, Stage, Standings, TableOptions, TeamId, View};

/// A league's order: the rows, best first, and for a split league each team's section.
#[derive(Debug, Clone)]
pub(super) struct LeagueOrder {
    /// The rows in the league's order; positions run 1 to n across the sections.
    pub(super) table: Standings,
    /// The sections, from the top, with their teams, once the split is known.
    sections: Vec<(String, Vec<TeamId>)>,
}

impl LeagueOrder {
    /// The order of `teams` on `as_of` (the whole season if none) from the league's own matches.
    pub(super) fn compute(season: CompetitionSeason<'_>, teams: &[TeamId], as_of: Option<NaiveDate>) -> Self {
        let competition = season.competition;
        let league = league_matches(season.matches);
        let combined = || LeagueOrder {
            table: Standings::compute(
                competition,
                teams,
                &league,
                season.deductions,
                TableOptions {
                    as_of,
                    view: View::Total,
                    provisional: false,
                },
            ),
            sections: Vec::new(),
        };
        let Some(split) = competition.structure.split() else {
            return combined();
        };
        // Results after the as-of day are still to play, keeping their place in the calendar,
        // which decides which phase a match belongs to.
        let masked: Vec<Match> = league.iter().map(|m| m.as_it_stood(as_of)).collect();
        let deductions: Vec<_> = season
            .deductions
            .iter()
            .filter(|d| d.applies_on(as_of))
            .cloned()
            .collect();
        // Before the split is settled the sections are not known: the one table is the order.
        // A league whose teams do not fill the sections (a file of another size) has one table too.
        let Ok(tables) = split.tables(competition, teams, &masked, &deductions) else {
            return combined();
        };
        if !tables.settled {
            return combined();
        }
        let rows = tables
            .sections
            .iter()
            .flat_map(|s| s.rows.iter().map(|r| r.row.clone()))
            .collect();
        let sections = tables
            .sections
            .iter()
            .map(|s| (s.name.clone(), s.rows.iter().map(|r| r.row.team).collect()))
            .collect();
        LeagueOrder {
            table: Standings {
                rows,
                notes: Vec::new(),
            },
            sections,
        }
    }

    /// The section `team` plays in after the split, once known.
    pub(super) fn section_of(&self, team: TeamId) -> Option<&str> {
        self.sections
            .iter()
            .find(|(_, teams)| teams.contains(&team))
            .map(|(name, _)| name.as_str())
    }

    /// The leader of `team`'s part of the league: its section's first after a split,
    /// else the table's, and the team second to it.
    pub(super) fn leaders_for(&self, team: TeamId) -> (Option<&crate::Row>, Option<&crate::Row>) {
        let rows: Vec<&crate::Row> = match self.sections.iter().find(|(_, teams)| teams.contains(&team)) {
            Some((_, teams)) => self
                .table
                .rows
                .iter()
                .filter(|r| teams.contains(&r.team))
                .collect(),
            None => self.table.rows.iter().collect(),
        };
        (rows.first().copied(), rows.get(1).copied())
    }
}

/// The league's own matches: a knockout after it (play-offs, stored with a typed
/// knockout stage) is no part of the table.
pub(super) fn league_matches(matches: &[Match]) -> Vec<Match> {
    matches.iter().filter(|m| !is_knockout(m)).cloned().collect()
}

/// Whether `m` is a match of a knockout stage after the league: only a stored
/// typed stage says so, since a league's own labels ("Round 3") may read as rounds.
pub(super) fn is_knockout(m: &Match) -> bool {
    matches!(m.stage, Some(Stage::Knockout(_)))
}
