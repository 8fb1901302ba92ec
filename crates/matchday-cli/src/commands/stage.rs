//! `matchday table COMPETITION --stage NAME`: one section of a split league
//! (Austria's Championship and Relegation rounds, Scotland's top and bottom
//! six), with the points each club carried over from the regular season, or
//! the regular season's table at the split.

use std::collections::HashMap;

use chrono::NaiveDate;
use matchday_core::{CompetitionSeason, Match, Row, SplitTables, TeamId};
use serde::Serialize;

use crate::args::OutputFormat;
use crate::render;

/// The name of the regular season's table, as `--stage` takes it.
const REGULAR_SEASON: &str = "Regular season";

/// One row of a stage's table as JSON; field names are a stable contract.
#[derive(Debug, Serialize)]
pub struct StageRow {
    position: u16,
    shared: bool,
    team: String,
    played: u16,
    won: u16,
    drawn: u16,
    lost: u16,
    goals_for: u32,
    goals_against: u32,
    goal_difference: i32,
    /// Points brought from the regular season (after halving, where the league halves).
    carried: Option<i32>,
    /// Whether halving dropped a half point (such a club goes ahead of one level with it).
    rounded_down: bool,
    points: i32,
}

/// The table of the stage called `wanted` of a split league, in `format`.
///
/// # Errors
/// When the competition does not split, names no such stage, or its entrants
/// do not fill the sections.
pub fn run(
    season: CompetitionSeason<'_>,
    teams: &[TeamId],
    wanted: &str,
    as_of: Option<NaiveDate>,
    names: &HashMap<TeamId, String>,
    format: OutputFormat,
) -> anyhow::Result<String> {
    let CompetitionSeason {
        competition,
        matches,
        deductions,
        ..
    } = season;
    let Some(split) = competition.structure.split() else {
        anyhow::bail!(
            "{} {} is played as one table, with no stages: drop --stage",
            competition.name,
            competition.season
        );
    };
    let mut stages = vec![REGULAR_SEASON.to_string()];
    stages.extend(split.sections().iter().map(|s| s.name.clone()));
    let Some(stage) = stages.iter().find(|s| same_name(s, wanted)) else {
        anyhow::bail!(
            "{} {} has no stage '{wanted}' (stages: {})",
            competition.name,
            competition.season,
            stages.join(", ")
        );
    };
    // Results after the as-of date are still to play; they keep their place in the calendar.
    let matches: Vec<Match> = matches.iter().map(|m| m.as_it_stood(as_of)).collect();
    let tables: SplitTables = split.tables(competition, teams, &matches, deductions)?;
    let name = |t: TeamId| names.get(&t).cloned().unwrap_or_default();
    let rows: Vec<StageRow> = if stage == REGULAR_SEASON {
        tables
            .at_split
            .rows
            .iter()
            .map(|r| stage_row(r, None, false, &name))
            .collect()
    } else {
        let section = tables
            .sections
            .iter()
            .find(|s| &s.name == stage)
            .expect("a section of the split");
        section
            .rows
            .iter()
            .map(|r| stage_row(&r.row, Some(r.carried), r.rounded_down, &name))
            .collect()
    };
    match format {
        OutputFormat::Json => render::json(&rows),
        OutputFormat::Csv => render::csv(&CSV_HEADERS, &rows.iter().map(csv_cells).collect::<Vec<_>>()),
        OutputFormat::Table => {
            let mut text = format!("{} {}, {stage}", competition.name, competition.season);
            if let Some(day) = as_of {
                text.push_str(&format!(", as of {day}"));
            }
            text.push('\n');
            let screen = render::screen::current();
            text.push_str(&render_rows(&rows, stage != REGULAR_SEASON, &screen));
            let mut under = String::new();
            if stage == REGULAR_SEASON {
                under.push_str(&format!(
                    "  The table after {} rounds, when the league splits.\n",
                    split.rounds_before()
                ));
            } else if rows.iter().any(|r| r.rounded_down) {
                under.push_str(
                    "  * half a point was rounded away when the points were halved: such a club goes ahead of one level with it.\n",
                );
            }
            if !tables.settled {
                under.push_str("  The regular season is not finished: the sections are as they stand.\n");
            }
            text.push_str(&render::prose(&under, &screen));
            Ok(text)
        }
    }
}

fn same_name(stage: &str, wanted: &str) -> bool {
    let plain = |s: &str| s.trim().to_lowercase().replace(" round", "");
    plain(stage) == plain(wanted)
}

fn stage_row(r: &Row, carried: Option<i32>, rounded_down: bool, name: &dyn Fn(TeamId) -> String) -> StageRow {
    StageRow {
        position: r.position,
        shared: r.shared,
        team: name(r.team),
        played: r.played,
        won: r.won,
        drawn: r.drawn,
        lost: r.lost,
        goals_for: r.goals_for,
        goals_against: r.goals_against,
        goal_difference: r.goal_difference(),
        carried,
        rounded_down,
        points: r.points,
    }
}

const CSV_HEADERS: [&str; 13] = [
    "position",
    "shared",
    "team",
    "played",
    "won",
    "drawn",
    "lost",
    "goals_for",
    "goals_against",
    "goal_difference",
    "carried",
    "rounded_down",
    "points",
];

impl StageRow {
    /// Played, won, drawn, lost, goals for and against.
    fn record(&self) -> [u32; 6] {
        [
            self.played.into(),
            self.won.into(),
            self.drawn.into(),
            self.lost.into(),
            self.goals_for,
            self.goals_against,
        ]
    }
}

fn csv_cells(r: &StageRow) -> Vec<String> {
    let mut cells = render::record_csv_cells(r.position, r.shared, &r.team, r.record(), r.goal_difference);
    cells.extend([
        r.carried.map(|c| c.to_string()).unwrap_or_default(),
        r.rounded_down.to_string(),
        r.points.to_string(),
    ]);
    cells
}

/// The stage's table for a terminal; a section shows the points carried over.
fn render_rows(rows: &[StageRow], section: bool, screen: &render::Screen) -> String {
    use render::grid::plain_cells;
    let mut grid = render::Grid::new();
    let records: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.position,
                r.shared,
                r.team.as_str(),
                r.record(),
                r.goal_difference,
            )
        })
        .collect();
    let steps = render::record_columns(&mut grid, &records, "Pos");
    if section {
        grid.column(
            "Carried",
            true,
            plain_cells(rows.iter().map(|r| {
                let mark = if r.rounded_down { "*" } else { "" };
                format!("{}{mark}", r.carried.unwrap_or(0))
            })),
        );
    }
    grid.column(
        "Pts",
        true,
        plain_cells(rows.iter().map(|r| r.points.to_string())),
    );
    grid.steps(&steps);
    grid.render(screen).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_names_are_matched_loosely() {
        assert!(same_name("Championship", "championship round"));
        assert!(same_name("Relegation", "Relegation"));
        assert!(same_name("Regular season", "regular SEASON"));
        assert!(!same_name("Championship", "Relegation"));
    }

    #[test]
    fn a_section_shows_the_points_carried_with_their_rounding() {
        let row = |position, team: &str, carried, rounded_down, points| StageRow {
            position,
            shared: false,
            team: team.into(),
            played: 32,
            won: 20,
            drawn: 5,
            lost: 7,
            goals_for: 60,
            goals_against: 30,
            goal_difference: 30,
            carried: Some(carried),
            rounded_down,
            points,
        };
        let text = render_rows(
            &[
                row(1, "Sturm Graz", 22, true, 43),
                row(2, "Salzburg", 22, false, 43),
            ],
            true,
            &render::Screen::default(),
        );
        assert!(text.contains("Carried"), "{text}");
        assert!(text.contains("22*"), "{text}");
        let lines: Vec<&str> = text.lines().filter(|l| l.contains("Salzburg")).collect();
        assert!(lines[0].contains("22 ") && !lines[0].contains("22*"), "{text}");
    }
}
