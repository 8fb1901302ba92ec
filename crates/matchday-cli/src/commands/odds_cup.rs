//! `matchday odds CUP`: each team's chance of reaching each knockout round of a cup or
//! tournament, and of winning it (the league path is `odds.rs`).

use std::collections::BTreeMap;

use matchday_core::{Catalogue, KnockoutDraw, KnockoutRules, Round, TeamId};
use matchday_forecast::{
    ModelOptions, SimulationOptions, TeamChances, TournamentForecast, chance_text, simulate_tournament,
};
use matchday_store::Store;
use serde::Serialize;

use crate::args::OutputFormat;
use crate::render;

#[derive(Debug, Serialize)]
struct RoundJson {
    round: String,
    drawn_by_simulation: bool,
}

#[derive(Debug, Serialize)]
struct TeamJson {
    team: String,
    /// Round name → the chance of playing in it.
    reach: BTreeMap<String, f64>,
    win: f64,
}

#[derive(Debug, Serialize)]
struct CupOddsJson {
    competition: String,
    season: String,
    as_of: Option<chrono::NaiveDate>,
    sims: u64,
    seed: u64,
    draw: KnockoutDraw,
    rounds: Vec<RoundJson>,
    teams: Vec<TeamJson>,
}

/// Forecasts the cup or tournament `competition` names.
pub fn run(
    store: &Store,
    args: &super::odds::Args,
    competition: &str,
    catalogue: &Catalogue,
) -> anyhow::Result<String> {
    let read = store.read();
    let names = read.team_names()?;
    let found = read.find_competition(competition, args.when.season, None)?;
    let mut loaded = super::Loaded::of(&read, found)?;
    let assumed = args
        .given
        .apply(&read, &loaded.competition, &mut loaded.matches, args.when.as_of)?;
    let options = SimulationOptions {
        sims: args.sims,
        seed: args.seed,
    };
    let (forecast, rules) = forecast(&read, &loaded, &[], args.when.as_of, catalogue, &options)?;
    let competition = &loaded.competition;
    let asked = args.team.as_deref().map(|t| read.resolve_team(t)).transpose()?;
    let name = |id: TeamId| names.get(&id).cloned().unwrap_or_default();
    // Likeliest winners first, then the furthest they are likely to go.
    let mut rows: Vec<&TeamChances> = forecast.teams.iter().filter(|t| t.in_play).collect();
    rows.sort_by(|a, b| {
        b.win
            .total_cmp(&a.win)
            .then_with(|| {
                b.reach
                    .iter()
                    .rev()
                    .zip(a.reach.iter().rev())
                    .map(|(x, y)| x.total_cmp(y))
                    .find(|o| o.is_ne())
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .then_with(|| name(a.team).cmp(&name(b.team)))
    });
    if let Some(team) = asked
        && !rows.iter().any(|r| r.team == team)
    {
        anyhow::bail!(
            "{} is not in {} {} any more",
            render::escaped(names.get(&team).map_or("that team", String::as_str)),
            competition.name,
            competition.season
        );
    }
    let round_names: Vec<String> = forecast.rounds.iter().map(|r| r.round.name()).collect();
    let output = match args.format {
        OutputFormat::Json => render::json(&CupOddsJson {
            competition: competition.name.clone(),
            season: competition.season.to_string(),
            as_of: args.when.as_of,
            sims: forecast.sims,
            seed: forecast.seed,
            draw: rules.draw,
            rounds: forecast
                .rounds
                .iter()
                .map(|r| RoundJson {
                    round: r.round.name(),
                    drawn_by_simulation: r.drawn_by_simulation,
                })
                .collect(),
            teams: rows
                .iter()
                .map(|t| TeamJson {
                    team: name(t.team),
                    reach: round_names.iter().cloned().zip(t.reach.iter().copied()).collect(),
                    win: t.win,
                })
                .collect(),
        }),
        OutputFormat::Csv => {
            let mut headers = vec!["team".to_string()];
            headers.extend(
                round_names
                    .iter()
                    .map(|r| r.to_lowercase().replace([' ', '-'], "_")),
            );
            headers.push("win".into());
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|t| {
                    let mut line = vec![name(t.team)];
                    line.extend(t.reach.iter().chain([&t.win]).map(|p| format!("{p:.4}")));
                    line
                })
                .collect();
            let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
            render::csv(&headers, &cells)
        }
        OutputFormat::Table => Ok(render_table(
            competition,
            args.when.as_of,
            &forecast,
            &rows,
            (&rules, asked),
            &name,
        )),
    };
    output.map(|out| assumed.said(out, args.format))
}

/// A round's name in a narrow column: "R16", "QF".
fn short(round: Round) -> String {
    match round {
        Round::RoundOf(n) => format!("R{n}"),
        Round::Numbered(n) => format!("Rd{n}"),
        Round::Playoff => "PO".into(),
        Round::QuarterFinal => "QF".into(),
        Round::SemiFinal => "SF".into(),
        Round::Final => "F".into(),
        other => other.name(),
    }
}

fn render_table(
    competition: &matchday_core::Competition,
    as_of: Option<chrono::NaiveDate>,
    forecast: &TournamentForecast,
    rows: &[&TeamChances],
    (rules, asked): (&KnockoutRules, Option<TeamId>),
    name: &dyn Fn(TeamId) -> String,
) -> String {
    use render::grid::plain_cells;
    use render::{Grid, Step};
    let screen = render::screen::current();
    let mut head = format!("{} {}", competition.name, competition.season);
    if let Some(day) = as_of {
        head.push_str(&format!(", as of {day}"));
    }
    let runs = if forecast.sims == 1 { "run" } else { "runs" };
    head.push_str(&format!(
        ": {} simulated {runs}, seed {}",
        forecast.sims, forecast.seed
    ));
    let mut text = render::prose(&head, &screen);
    let mut grid = Grid::new();
    let names: Vec<String> = rows.iter().map(|r| name(r.team)).collect();
    let team = grid.clubs(&names.iter().map(String::as_str).collect::<Vec<_>>());
    let mut steps = vec![Step::Narrow(team)];
    let mut columns = Vec::new();
    let headers = forecast
        .rounds
        .iter()
        .map(|r| (r.round.name(), short(r.round)))
        .chain([("Win".to_string(), "Win".to_string())]);
    for (i, (header, narrow)) in headers.enumerate() {
        let cells = plain_cells(rows.iter().map(|r| {
            let p = r.reach.get(i).copied().unwrap_or(r.win);
            chance_text(p, r.settled[i])
        }));
        let col = grid.column(&header, true, cells.clone());
        grid.narrower(col, &narrow, cells);
        columns.push(col);
    }
    steps.push(Step::NarrowAll(columns));
    grid.steps(&steps);
    if let Some(row) = asked.and_then(|t| rows.iter().position(|r| r.team == t)) {
        grid.strong_row(row);
    }
    text.push_str(&grid.render(&screen).text);
    let drawn: Vec<String> = forecast
        .rounds
        .iter()
        .filter(|r| r.drawn_by_simulation)
        .map(|r| r.round.name())
        .collect();
    let how = match rules.draw {
        KnockoutDraw::Open => "an open draw",
        KnockoutDraw::Seeded => "a seeded draw after the table, then open draws",
        KnockoutDraw::Bracket => "a seeded draw after the table, then a fixed bracket",
    };
    let mut notes = String::new();
    if forecast.table_stage {
        notes.push_str("The groups are played out first; teams level on every criterion are split by lot.\n");
    }
    if drawn.is_empty() {
        notes.push_str("Every round shown was drawn by the competition.\n");
    } else {
        notes.push_str(&format!(
            "Drawn by the simulation ({how}): {}.\n",
            drawn.join(", ")
        ));
    }
    notes.push_str(
        "Each match from the model fitted on this competition's results; extra time is a third of a \
         match, penalties a coin toss. 100% and 0% mean settled by the results.",
    );
    text.push_str(&render::prose(&notes, &screen));
    text
}

/// The cup or tournament `loaded` holds simulated from `as_of` on, as `odds` shows it,
/// with the knockout rules of its edition in the catalogue; the model also knows the
/// competition-seasons `in_hand` as held (with any result given), the rest as stored.
pub fn forecast(
    read: &matchday_store::Reader<'_>,
    loaded: &super::Loaded,
    in_hand: &[(&matchday_core::Competition, &[matchday_core::Match])],
    as_of: Option<chrono::NaiveDate>,
    catalogue: &Catalogue,
    options: &SimulationOptions,
) -> anyhow::Result<(TournamentForecast, KnockoutRules)> {
    let competition = &loaded.competition;
    let mut teams: Vec<TeamId> = read.entrants(competition.id.expect("stored"))?;
    for m in &loaded.matches {
        for t in [m.pairing.home(), m.pairing.away()] {
            if !teams.contains(&t) {
                teams.push(t);
            }
        }
    }
    let edition = catalogue
        .entry_of(competition)
        .and_then(|e| e.edition(competition.season));
    let rules = edition.map(|e| e.knockout().clone()).unwrap_or_default();
    let neutral: Vec<Round> = edition.map(|e| e.neutral_rounds().to_vec()).unwrap_or_default();
    let model = super::known_results::cup_model(
        read,
        competition,
        &loaded.matches,
        in_hand,
        &teams,
        as_of,
        &ModelOptions::default(),
    )?;
    let forecast = simulate_tournament(
        competition,
        &teams,
        &loaded.matches,
        as_of,
        (&rules, &neutral),
        &model,
        options,
    )?;
    Ok((forecast, rules))
}
