//! `matchday table`: league standings, or a group stage's tables.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use matchday_core::{
    Competition, Deduction, Match, MatchStatus, RankBy, Standings, TableOptions, TeamId, View,
};
use matchday_store::Store;
use serde::Serialize;

use crate::args::OutputFormat;
use crate::render;

/// Print a league table
///
/// Standings under the competition's own tie-breakers and point deductions,
/// on any date, for all matches or only home or away ones. For a group
/// stage, every group's table, or one with --group. Zones show in the total
/// table only. Where only a criterion off the pitch (fair play, lots) separates
/// teams, they share the place and the note names it, until `matchday decide`
/// records the decision. A competition ranked by points per game shows a PPG
/// column; cancelled matches are counted under the table. A split league
/// (Austria, Scotland) shows each section's table with --stage, with the
/// points carried over from the regular season. Scores of matches in play
/// (`matchday result --live`) are counted as they stand: the table is then
/// provisional, a "•" marks each club playing (JSON: "provisional": true) and
/// a "Live:" line under it lists the matches. Fixtures dated before the as-of
/// day (today, while the season is on) still without a result are not counted,
/// and a warning on stderr says how many and names the earliest.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday table premier-league --as-of 2024-02-01
  matchday table \"Premier League\" --season 2023-24 --view away --format json
  matchday table \"Europa League\" --group E
  matchday table Euro --season 2024 --thirds
  matchday table austria --season 2024-25 --stage Championship
  matchday table premier-league --as-of 2024-04-01 \\
      --given \"Arsenal 0-2 Aston Villa\" --given \"Everton 2-0 Liverpool\"")]
pub struct Args {
    /// The competition: its slug or part of its name
    pub competition: String,

    #[command(flatten)]
    pub when: super::When,

    #[command(flatten)]
    pub given: super::given::Given,

    /// All matches, or only home or away ones
    #[arg(long, value_enum, default_value = "total")]
    pub view: ViewArg,

    /// Only this group of a group stage
    #[arg(long)]
    pub group: Option<String>,

    /// The teams placed third across the groups, ranked, with the qualifying line
    #[arg(long, conflicts_with_all = ["group", "view"])]
    pub thirds: bool,

    /// One stage of a split league: "Regular season" or a section such as Championship or Relegation
    #[arg(long, conflicts_with_all = ["group", "view", "thirds"])]
    pub stage: Option<String>,

    /// Show this club's row in bold (on a colour terminal)
    #[arg(long, short)]
    pub team: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// `--view` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ViewArg {
    /// All matches
    Total,
    /// Home matches only
    Home,
    /// Away matches only
    Away,
}

impl From<ViewArg> for View {
    fn from(v: ViewArg) -> View {
        match v {
            ViewArg::Total => View::Total,
            ViewArg::Home => View::Home,
            ViewArg::Away => View::Away,
        }
    }
}

/// One row of JSON output; field names are a stable contract.
#[derive(Debug, Serialize)]
pub struct TableRow {
    /// None before the season's first match, when positions mean nothing.
    position: Option<u16>,
    shared: bool,
    team: String,
    played: u16,
    won: u16,
    drawn: u16,
    lost: u16,
    goals_for: u32,
    goals_against: u32,
    goal_difference: i32,
    points: i32,
    deducted: i32,
    form: String,
    zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    /// Points per game, when the competition is ranked by it.
    #[serde(skip_serializing_if = "Option::is_none")]
    points_per_game: Option<f64>,
    /// Whether the row counts the score so far of a match the club is playing now.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    provisional: bool,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<String> {
    let read = store.read();
    let competition = read.find_competition(&args.competition, args.when.season, None)?;
    anyhow::ensure!(
        competition.format != matchday_core::Format::Knockout,
        "{} is a knockout cup with no table: try `matchday bracket {}`",
        competition.name,
        competition.slug
    );
    let id = competition.id.expect("stored");
    let mut matches = read.matches(id)?;
    let assumed = args
        .given
        .apply(&read, &competition, &mut matches, args.when.as_of)?;
    let deductions = read.deductions(id)?;
    let decisions = read.decisions(id)?;
    let names = read.team_names()?;
    let asked = args.team.as_deref().map(|t| read.resolve_team(t)).transpose()?;
    let counted = "the table counts only the results stored";
    super::overdue::warn(&competition, &matches, args.when.as_of, &names, counted);
    let screen = render::screen::current();
    if args.thirds {
        return super::thirds::run(
            &competition,
            &matches,
            &decisions,
            args.when.as_of,
            &names,
            args.format,
        )
        .map(|out| assumed.said(out, args.format));
    }
    if let Some(stage) = &args.stage {
        let teams = read.entrants(id)?;
        let season = matchday_core::CompetitionSeason {
            competition: &competition,
            matches: &matches,
            deductions: &deductions,
            decisions: &decisions,
            // A section's table does not depend on the league's tier.
            tier: None,
        };
        return super::stage::run(season, &teams, stage, args.when.as_of, &names, args.format)
            .map(|out| assumed.said(out, args.format));
    }
    let options = TableOptions {
        as_of: args.when.as_of,
        view: args.view.into(),
        provisional: true,
    };

    let groups: BTreeSet<String> = matches.iter().filter_map(|m| m.group.clone()).collect();
    let tables: Vec<(Option<String>, Vec<TeamId>)> = match &args.group {
        Some(wanted) => {
            let group = find_group(&groups, wanted, &competition)?;
            vec![(Some(group.clone()), matchday_core::group_teams(&matches, group))]
        }
        None if !groups.is_empty() => groups
            .iter()
            .map(|g| (Some(g.clone()), matchday_core::group_teams(&matches, g)))
            .collect(),
        None => vec![(None, read.entrants(id)?)],
    };

    if let Some(team) = asked
        && !tables.iter().any(|(_, teams)| teams.contains(&team))
    {
        anyhow::bail!(
            "{} is not in {} {}",
            render::escaped(names.get(&team).map_or("that team", String::as_str)),
            competition.name,
            competition.season
        );
    }
    let mut json_rows = Vec::new();
    let mut text = String::new();
    let mut csv_cells = Vec::new();
    for (group, teams) in &tables {
        let group_matches: Vec<Match> = match group {
            Some(g) => matches
                .iter()
                .filter(|m| m.group.as_ref() == Some(g))
                .cloned()
                .collect(),
            None => matches.clone(),
        };
        let mut standings = Standings::compute(&competition, teams, &group_matches, &deductions, options);
        if options.view == View::Total {
            standings = standings.with_decisions(&competition.regulations(), &decisions, group.as_deref());
        }
        let playing = playing_now(&group_matches, options.as_of);
        let rows = table_rows(
            &competition,
            &standings,
            &names,
            group.clone(),
            options.view,
            &playing,
        );
        if args.format == OutputFormat::Table {
            if !text.is_empty() {
                text.push('\n');
            }
            let moved = matchday_core::movement(
                &competition,
                teams,
                &group_matches,
                &deductions,
                options,
                &standings,
            );
            let looks = Looks {
                moved,
                strong: asked.and_then(|t| standings.rows.iter().position(|r| r.team == t)),
            };
            text.push_str(&render::prose(
                &heading(&competition, group.as_deref(), &args),
                &screen,
            ));
            text.push_str(&render_table(&rows, competition.rank_by, &looks, &screen));
            let mut under = live_line(
                &playing,
                &names,
                "Provisional: the scores so far are counted as if final.",
            );
            if standings.has_begun() {
                under.push_str(&notes(&standings, &deductions, args.when.as_of, &names));
            } else {
                under.push_str(NOT_STARTED);
            }
            let cancelled = group_matches
                .iter()
                .filter(|m| matches!(m.status, MatchStatus::Cancelled))
                .count();
            match cancelled {
                0 => {}
                1 => under.push_str("  1 match was cancelled and never played.\n"),
                n => under.push_str(&format!("  {n} matches were cancelled and never played.\n")),
            }
            if let Some(split) = competition.structure.split() {
                let sections: Vec<&str> = split.sections().iter().map(|s| s.name.as_str()).collect();
                under.push_str(&format!(
                    "  All matches counted in full; the league splits after {} rounds: see --stage {}.\n",
                    split.rounds_before(),
                    sections.join(" or --stage ")
                ));
            }
            if competition.rank_by == RankBy::PointsPerGame {
                under.push_str(
                    "  Ranked by points per game (points after deductions, divided by matches played).\n",
                );
            }
            text.push_str(&render::prose(&under, &screen));
        }
        csv_cells.extend(rows.iter().map(csv_cells_of));
        json_rows.extend(rows);
    }
    let output = match args.format {
        OutputFormat::Json => render::json(&json_rows),
        OutputFormat::Csv => render::csv(&CSV_HEADERS, &csv_cells),
        OutputFormat::Table => Ok(text),
    };
    output.map(|out| assumed.said(out, args.format))
}

/// The matches in play among `matches` that a table as of `as_of` counts.
pub(crate) fn playing_now(matches: &[Match], as_of: Option<NaiveDate>) -> Vec<&Match> {
    matchday_core::in_play(matches)
        .map(|(m, _)| m)
        .filter(|m| as_of.is_none_or(|day| m.date <= day))
        .collect()
}

/// The line under a table with matches in play: "  • Live: Liverpool 1-0 Chelsea (60').",
/// then `counted`, how the table counts them; nothing with no match in play.
pub(crate) fn live_line(playing: &[&Match], names: &HashMap<TeamId, String>, counted: &str) -> String {
    if playing.is_empty() {
        return String::new();
    }
    let matches: Vec<String> = playing
        .iter()
        .filter_map(|m| {
            let live = m.status.live()?;
            let minute = live.minute().map(|m| format!(" ({m})")).unwrap_or_default();
            Some(format!(
                "{} {} {}{minute}",
                names[&m.pairing.home()],
                live.score(),
                names[&m.pairing.away()]
            ))
        })
        .collect();
    format!("  • Live: {}. {counted}\n", matches.join(", "))
}

/// The line under a table before the season's first match.
pub(crate) const NOT_STARTED: &str = "  The season has not started: no match played yet, so no positions.\n";

/// The group of `groups` that `wanted` names ("E", "Group E", "e"), or an error listing them.
pub fn find_group<'a>(
    groups: &'a BTreeSet<String>,
    wanted: &str,
    competition: &Competition,
) -> anyhow::Result<&'a String> {
    let wanted = wanted.trim().trim_start_matches("Group ");
    groups
        .iter()
        .find(|g| g.eq_ignore_ascii_case(wanted))
        .ok_or_else(|| {
            anyhow::anyhow!(
                "{} {} has no group '{wanted}'{}",
                competition.name,
                competition.season,
                if groups.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (groups: {})",
                        groups.iter().cloned().collect::<Vec<_>>().join(", ")
                    )
                }
            )
        })
}

fn heading(competition: &Competition, group: Option<&str>, args: &Args) -> String {
    let mut line = format!("{} {}", competition.name, competition.season);
    if let Some(g) = group {
        line.push_str(&format!(", Group {g}"));
    }
    match args.view {
        ViewArg::Total => {}
        ViewArg::Home => line.push_str(", home matches"),
        ViewArg::Away => line.push_str(", away matches"),
    }
    if let Some(day) = args.when.as_of {
        line.push_str(&format!(", as of {day}"));
    }
    line.push('\n');
    line
}

/// The narrowest zone a position lies in: 1st is "champions" rather than "champions-league".
/// Zones belong to the total table: a home or away table decides nothing.
pub(crate) fn zone_of(competition: &Competition, position: u16, view: View) -> Option<String> {
    if view != View::Total {
        return None;
    }
    matchday_core::narrowest_zone(&competition.zones, position).map(|z| z.name.clone())
}

fn table_rows(
    competition: &Competition,
    standings: &Standings,
    names: &HashMap<TeamId, String>,
    group: Option<String>,
    view: View,
    playing: &[&Match],
) -> Vec<TableRow> {
    // Before the first match every club is level on nothing: no positions, no zones.
    let begun = standings.has_begun();
    standings
        .rows
        .iter()
        .map(|r| TableRow {
            position: begun.then_some(r.position),
            shared: begun && r.shared,
            team: names[&r.team].clone(),
            played: r.played,
            won: r.won,
            drawn: r.drawn,
            lost: r.lost,
            goals_for: r.goals_for,
            goals_against: r.goals_against,
            goal_difference: r.goal_difference(),
            points: r.points,
            deducted: r.deducted,
            form: r.form_text(),
            zone: zone_of(competition, r.position, view).filter(|_| begun),
            group: group.clone(),
            points_per_game: (competition.rank_by == RankBy::PointsPerGame).then(|| {
                if r.played == 0 {
                    0.0
                } else {
                    f64::from(r.points) / f64::from(r.played)
                }
            }),
            provisional: playing.iter().any(|m| m.pairing.involves(r.team)),
        })
        .collect()
}

const CSV_HEADERS: [&str; 15] = [
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
    "points",
    "deducted",
    "form",
    "zone",
    "group",
];

impl TableRow {
    /// Played, won, drawn, lost, goals for and against.
    pub(crate) fn record(&self) -> [u32; 6] {
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

fn csv_cells_of(r: &TableRow) -> Vec<String> {
    let mut cells = render::record_csv_cells(
        r.position.unwrap_or_default(),
        r.shared,
        &r.team,
        r.record(),
        r.goal_difference,
    );
    if r.position.is_none() {
        cells[0].clear();
    }
    cells.extend([
        r.points.to_string(),
        r.deducted.to_string(),
        r.form.clone(),
        r.zone.clone().unwrap_or_default(),
        r.group.clone().unwrap_or_default(),
    ]);
    cells
}

/// What a terminal table shows besides its rows.
#[derive(Debug, Clone, Default)]
pub struct Looks {
    /// Places each row moved since the previous matchday (up is positive), when known.
    pub moved: Option<Vec<i32>>,
    /// The row of the club asked about, shown in bold.
    pub strong: Option<usize>,
}

/// The terminal table: a "=" marks a shared position, a "*" points deducted, a "•" a
/// club playing now (a provisional row); a
/// PPG column when points per game rank it. Narrower screens get short club
/// names, zone labels (with a key under the table), then fewer columns.
pub fn render_table(rows: &[TableRow], rank_by: RankBy, looks: &Looks, screen: &render::Screen) -> String {
    use render::grid::plain_cells;
    use render::paint::{self, Painted};
    use render::{Grid, Step};

    let zone_style = |r: &TableRow| r.zone.as_deref().map(paint::zone_style).unwrap_or_default();
    let mut grid = Grid::new();
    // Before the season's first match no row has a position, and the column is left out.
    if rows.iter().any(|r| r.position.is_some()) {
        grid.column(
            "Pos",
            true,
            rows.iter()
                .map(|r| {
                    let position = r.position.map(|p| p.to_string()).unwrap_or_default();
                    let text = if r.shared {
                        format!("{position}=")
                    } else {
                        position
                    };
                    Painted::styled(text, zone_style(r))
                })
                .collect(),
        );
    }
    let team = grid.clubs(&rows.iter().map(|r| r.team.as_str()).collect::<Vec<_>>());
    let number = |grid: &mut Grid, header: &str, value: &dyn Fn(&TableRow) -> String| {
        grid.column(header, true, plain_cells(rows.iter().map(value)))
    };
    // A "•" marks a club playing now, whose row counts its score so far.
    number(&mut grid, "P", &|r| {
        if r.provisional {
            format!("{}•", r.played)
        } else {
            r.played.to_string()
        }
    });
    let won = number(&mut grid, "W", &|r| r.won.to_string());
    let drawn = number(&mut grid, "D", &|r| r.drawn.to_string());
    let lost = number(&mut grid, "L", &|r| r.lost.to_string());
    let goals_for = number(&mut grid, "GF", &|r| r.goals_for.to_string());
    let goals_against = number(&mut grid, "GA", &|r| r.goals_against.to_string());
    number(&mut grid, "GD", &|r| render::signed(i64::from(r.goal_difference)));
    number(&mut grid, "Pts", &|r| {
        if r.deducted != 0 {
            format!("{}*", r.points)
        } else {
            r.points.to_string()
        }
    });
    if rank_by == RankBy::PointsPerGame {
        number(&mut grid, "PPG", &|r| {
            format!("{:.2}", r.points_per_game.unwrap_or(0.0))
        });
    }
    let form = grid.column("Form", false, rows.iter().map(|r| paint::form(&r.form)).collect());
    let zone_cells = |label: &dyn Fn(&str) -> String| -> Vec<Painted> {
        rows.iter()
            .map(|r| Painted::styled(r.zone.as_deref().map(label).unwrap_or_default(), zone_style(r)))
            .collect()
    };
    let zone = grid.column("Zone", false, zone_cells(&|z| z.to_string()));
    grid.narrower(zone, "Zone", zone_cells(&paint::zone_label));
    let moved = looks
        .moved
        .as_ref()
        .map(|moved| grid.column("Move", true, moved.iter().map(|&n| paint::movement(n)).collect()));
    let mut steps = vec![Step::Narrow(team)];
    steps.extend(moved.map(Step::Drop));
    steps.extend([
        Step::Narrow(zone),
        Step::Drop(goals_for),
        Step::Drop(goals_against),
        Step::Drop(form),
        Step::Drop(won),
        Step::Drop(drawn),
        Step::Drop(lost),
    ]);
    grid.steps(&steps);
    if let Some(row) = looks.strong {
        grid.strong_row(row);
    }
    let drawn = grid.render(screen);
    let mut text = drawn.text.clone();
    if drawn.form_of(zone) == Some(1)
        && let Some(key) = paint::zone_key(rows.iter().filter_map(|r| r.zone.as_deref()))
    {
        text.push_str(&render::prose(&format!("Zone: {key}"), screen));
    }
    if let Some(col) = moved
        && drawn.form_of(col) == Some(0)
    {
        text.push_str("Move: places up or down since the previous matchday.\n");
    }
    text
}

/// Lines under the table: deductions with their dates, then what tie-breakers decided.
fn notes(
    standings: &Standings,
    deductions: &[Deduction],
    as_of: Option<NaiveDate>,
    names: &HashMap<TeamId, String>,
) -> String {
    let mut text = String::new();
    for row in standings.rows.iter().filter(|r| r.deducted != 0) {
        let parts: Vec<String> = deductions
            .iter()
            .filter(|d| d.team == row.team && d.applies_on(as_of))
            .map(|d| {
                if d.points > 0 {
                    format!("-{} on {} ({})", d.points, d.effective, d.reason)
                } else {
                    format!("+{} back on {} ({})", -d.points, d.effective, d.reason)
                }
            })
            .collect();
        let net = if row.deducted > 0 {
            format!("{} points deducted", row.deducted)
        } else {
            format!("{} points added", -row.deducted)
        };
        text.push_str(&format!("* {}: {net}: {}\n", names[&row.team], parts.join("; ")));
    }
    for note in &standings.notes {
        let hint = if note.awaits_decision() {
            " Record it with `matchday decide`."
        } else {
            ""
        };
        text.push_str(&format!("  {}{hint}\n", note.render(|t| names[&t].clone())));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(position: u16, team: &str, zone: Option<&str>) -> TableRow {
        TableRow {
            position: Some(position),
            shared: false,
            team: team.into(),
            played: 34,
            won: 20,
            drawn: 10,
            lost: 4,
            goals_for: 100,
            goals_against: 40,
            goal_difference: 60,
            points: 70,
            deducted: 0,
            form: "WWDLW".into(),
            zone: zone.map(str::to_string),
            group: None,
            points_per_game: None,
            provisional: false,
        }
    }

    #[test]
    fn a_table_with_many_zones_and_long_names_fits_80_columns_with_a_key() {
        let rows = vec![
            row(1, "FC Bayern München", Some("champions")),
            row(2, "Borussia Mönchengladbach", Some("champions-league")),
            row(5, "Eintracht Frankfurt", Some("europa-league")),
            row(6, "Sport-Club Freiburg", Some("conference-league")),
            row(16, "1. FC Union Berlin", Some("relegation-play-off")),
            row(17, "VfL Bochum 1848", Some("relegation")),
        ];
        let looks = Looks {
            moved: Some(vec![0, 1, -1, 2, 0, -2]),
            strong: Some(0),
        };
        let narrow = render_table(&rows, RankBy::Points, &looks, &render::Screen::plain(80));
        assert!(narrow.lines().all(|l| l.chars().count() <= 80), "{narrow}");
        assert!(
            narrow.contains("Bayern") && !narrow.contains("München"),
            "{narrow}"
        );
        assert!(narrow.contains("RPO relegation-play-off"), "{narrow}");
        let wide = render_table(&rows, RankBy::Points, &looks, &render::Screen::plain(140));
        assert!(
            wide.contains("FC Bayern München") && wide.contains("▲2"),
            "{wide}"
        );
        assert!(
            wide.contains("relegation-play-off │") || wide.contains("relegation-play-off ┆"),
            "{wide}"
        );
    }
}
