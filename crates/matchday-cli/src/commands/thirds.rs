//! `matchday table COMPETITION --thirds`: the teams placed third (or the place the
//! competition's best-placed rule names) across groups, ranked, with the qualifying line.

use std::collections::HashMap;

use chrono::NaiveDate;
use matchday_core::{Competition, Decision, Line, Match, PlacedRanking, TeamId};
use serde::Serialize;

use super::track::placed_teams;
use crate::args::OutputFormat;
use crate::render;

/// One row of the ranking as JSON; field names are a stable contract.
#[derive(Debug, Serialize)]
pub struct PlacedRow {
    rank: u16,
    shared: bool,
    team: String,
    group: Option<String>,
    played: u16,
    won: u16,
    drawn: u16,
    lost: u16,
    goals_for: u32,
    goals_against: u32,
    goal_difference: i32,
    points: i32,
    line: Line,
}

/// The ranking of the competition's placed teams, in `format`.
///
/// # Errors
/// When the competition's structure sends no team on by a ranking across groups.
pub fn run(
    competition: &Competition,
    matches: &[Match],
    decisions: &[Decision],
    as_of: Option<NaiveDate>,
    names: &HashMap<TeamId, String>,
    format: OutputFormat,
) -> anyhow::Result<String> {
    let Some(ranking) = PlacedRanking::compute(competition, matches, decisions, as_of) else {
        anyhow::bail!(
            "{} {} ranks no teams across groups: only places in each group go on",
            competition.name,
            competition.season
        );
    };
    let rows: Vec<PlacedRow> = ranking
        .teams
        .iter()
        .map(|s| PlacedRow {
            rank: s.rank,
            shared: s.shared,
            team: names.get(&s.row.team).cloned().unwrap_or_default(),
            group: s.group.clone(),
            played: s.row.played,
            won: s.row.won,
            drawn: s.row.drawn,
            lost: s.row.lost,
            goals_for: s.row.goals_for,
            goals_against: s.row.goals_against,
            goal_difference: s.row.goal_difference(),
            points: s.row.points,
            line: s.line,
        })
        .collect();
    match format {
        OutputFormat::Json => render::json(&rows),
        OutputFormat::Csv => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.rank.to_string(),
                        r.shared.to_string(),
                        r.team.clone(),
                        r.group.clone().unwrap_or_default(),
                        r.played.to_string(),
                        r.won.to_string(),
                        r.drawn.to_string(),
                        r.lost.to_string(),
                        r.goals_for.to_string(),
                        r.goals_against.to_string(),
                        r.goal_difference.to_string(),
                        r.points.to_string(),
                        line_word(r.line).to_string(),
                    ]
                })
                .collect();
            render::csv(
                &[
                    "rank",
                    "shared",
                    "team",
                    "group",
                    "played",
                    "won",
                    "drawn",
                    "lost",
                    "goals_for",
                    "goals_against",
                    "goal_difference",
                    "points",
                    "line",
                ],
                &cells,
            )
        }
        OutputFormat::Table => Ok(render_thirds(competition, &ranking, &rows, as_of)),
    }
}

/// The ranking as a table, a rule under the last team through, and a line on what it means.
pub fn render_thirds(
    competition: &Competition,
    ranking: &PlacedRanking,
    rows: &[PlacedRow],
    as_of: Option<NaiveDate>,
) -> String {
    let mut text = format!(
        "{} {}, {} across the groups",
        competition.name,
        competition.season,
        placed_teams(ranking.place)
    );
    if let Some(day) = as_of {
        text.push_str(&format!(", as of {day}"));
    }
    text.push('\n');
    let mut grid = render::Grid::new();
    let records: Vec<_> = rows
        .iter()
        .map(|r| {
            let record = [
                u32::from(r.played),
                u32::from(r.won),
                u32::from(r.drawn),
                u32::from(r.lost),
                r.goals_for,
                r.goals_against,
            ];
            (r.rank, r.shared, r.team.as_str(), record, r.goal_difference)
        })
        .collect();
    let steps = render::record_columns(&mut grid, &records, "Pos");
    grid.column(
        "Grp",
        false,
        render::grid::plain_cells(rows.iter().map(|r| r.group.clone().unwrap_or_default())),
    );
    grid.column(
        "Pts",
        true,
        render::grid::plain_cells(rows.iter().map(|r| r.points.to_string())),
    );
    grid.column(
        "",
        false,
        rows.iter()
            .map(|r| {
                let style = match r.line {
                    Line::Through => render::paint::WIN,
                    Line::Out => render::paint::LOSS,
                    Line::Level => render::paint::DRAW,
                };
                render::Painted::styled(line_word(r.line), style)
            })
            .collect(),
    );
    grid.steps(&steps);
    let screen = render::screen::current();
    text.push_str(&grid.render(&screen).text);
    let mut under = String::new();
    under.push_str(&format!(
        "The best {} go on{}.\n",
        ranking.count,
        if ranking.complete {
            ""
        } else {
            "; groups still playing, so this is as things stand"
        }
    ));
    if rows.iter().any(|r| r.line == Line::Level) {
        under.push_str(
            "Teams marked level are level on every results criterion across the line: \
             the regulations decide off the pitch.\n",
        );
    }
    text.push_str(&render::prose(&under, &screen));
    text
}

/// Which side of the qualifying line a team is on, in a word.
fn line_word(line: Line) -> &'static str {
    match line {
        Line::Through => "through",
        Line::Out => "out",
        Line::Level => "level",
    }
}
