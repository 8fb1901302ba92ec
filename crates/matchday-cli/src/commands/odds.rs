//! `matchday odds`: how likely each final position and zone is.

use std::io::IsTerminal;

use matchday_core::TeamId;
use matchday_forecast::{ModelOptions, SimulationOptions, chance_text, final_places, simulate};
use matchday_store::Store;
use serde::Serialize;

use crate::args::OutputFormat;
use crate::render;

/// Forecast a league season (the chance of each final place and zone), or a cup or
/// tournament (the chance of reaching each round and of winning it)
///
/// Match outcomes come from a Dixon-Coles model (Poisson attack and defence
/// ratings, a home edge, more 0-0s and 1-1s than independent goals give) fitted
/// on every result stored up to the as-of date: this league's, its earlier
/// seasons', other divisions' and cups', each weighted by its age (a result a
/// year and a quarter old, 450 days, counts half as much as one of the day: the
/// half-life that scored best over six Championship and La Liga seasons). A club
/// is one team across competitions, so a promoted or relegated club carries its
/// rating; one new to the league with no stored results (its last division is
/// not stored) starts as the mean of the clubs that left the league. Each
/// competition has its own goal rates and home edge; neutral grounds have none.
/// The remaining fixtures are simulated under the competition's own tie-breakers
/// and deductions. The same seed
/// gives the same answer. Fixtures dated before the as-of day (today, while
/// the season is on) still without a result are simulated as still to play,
/// and a warning on stderr says how many and names the earliest.
///
/// A cup or tournament is played out through its structure: groups or a league
/// phase ranked under their tie-breakers (best-placed qualifiers included), then
/// knockout ties of one match or two legs, with extra time (a third of a match's
/// goals) and penalties (a coin toss), or replays where the catalogue says so.
/// Rounds not yet drawn are drawn as the catalogue says (open, seeded, or a fixed
/// bracket), and the output names them.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday odds premier-league --as-of 2024-02-01
  matchday odds \"Premier League\" --season 2023-24 --as-of 2024-04-01 --sims 1000000 --seed 7 --format json
  matchday odds premier-league --as-of 2024-04-01 \\
      --given \"Arsenal 0-2 Aston Villa\"
  matchday odds --team Liverpool --as-of 2024-02-01   (the next match in each competition)
  matchday odds fa-cup --season 2023-24 --as-of 2024-01-20   (a cup: each round and the win)

The next match (--team without a competition): the same model, fitted on every
result stored before the end of the as-of day (without one, before the match) in
every competition and season, the match's competition's goal rates and home edge
applying; the output names the competition-seasons. A final on neutral ground gives
neither side the home edge. Extra time and penalties are not modelled: the chances
are after 90 minutes. Nothing is sampled, so the same data gives the same odds.")]
pub struct Args {
    /// The league, cup or tournament: its slug or part of its name. Without it, --team gives the club's next
    /// match in every competition: the win/draw/loss chances after 90 minutes and the
    /// three likeliest scores
    #[arg(required_unless_present = "team")]
    pub competition: Option<String>,

    #[command(flatten)]
    pub when: super::When,

    #[command(flatten)]
    pub given: super::given::Given,

    /// Seasons to simulate: the default 100,000 take well under 0.1 s, a million about
    /// 0.35 s (a release build on 2 cores; 0.7 s with one busy)
    #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub sims: u64,

    /// The random seed
    #[arg(long, default_value_t = 2024)]
    pub seed: u64,

    /// Show this club's row in bold (on a colour terminal); without a competition, the
    /// club's next match in each competition
    #[arg(long, short)]
    pub team: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

#[derive(Debug, Serialize)]
struct OddsJson {
    #[serde(skip)]
    id: TeamId,
    team: String,
    points: i32,
    expected_points: f64,
    positions: Vec<f64>,
    zones: std::collections::BTreeMap<String, f64>,
    best_simulated: u16,
    worst_simulated: u16,
}

pub fn run(
    store: &Store,
    args: Args,
    catalogue: &dyn Fn() -> anyhow::Result<matchday_core::Catalogue>,
) -> anyhow::Result<String> {
    let Some(competition) = args.competition.as_deref() else {
        let team = args.team.as_deref().unwrap_or_default();
        return super::next_match::run(store, team, args.when, &args.given, args.format);
    };
    // A cup or tournament is forecast round by round (odds_cup.rs).
    let format = store
        .read()
        .find_competition(competition, args.when.season, None)?
        .format;
    if format != matchday_core::Format::League {
        return super::odds_cup::run(store, &args, competition, &catalogue()?);
    }
    let read = store.read();
    let names = read.team_names()?;
    let asked = args.team.as_deref().map(|t| read.resolve_team(t)).transpose()?;
    let (super::League { loaded, state }, assumed) =
        super::League::load_assuming(&read, competition, args.when, &args.given)?;
    let counted = "the odds take them as still to play";
    super::overdue::warn(
        &loaded.competition,
        &loaded.matches,
        args.when.as_of,
        &names,
        counted,
    );
    // The table's order honours decisions off the pitch, as `matchday table` does.
    let state = state.with_decisions(&loaded.decisions);
    if let Some(team) = asked
        && !state.teams().contains(&team)
    {
        anyhow::bail!(
            "{} is not in {} {}",
            render::escaped(names.get(&team).map_or("that team", String::as_str)),
            loaded.competition.name,
            loaded.competition.season
        );
    }
    let (model, fitted_on) =
        super::known_results::league_model(&read, &loaded.competition, &state, &ModelOptions::default())?;
    let options = SimulationOptions {
        sims: args.sims,
        seed: args.seed,
    };
    // With every match played the places are final: nothing is left to simulate.
    let settled_season = final_places(&state, &model);
    let finished = settled_season.is_some();
    // A progress bar only for people: on a terminal, for the table, and for long runs.
    let show_bar = !finished
        && args.format == OutputFormat::Table
        && std::io::stderr().is_terminal()
        && args.sims >= 200_000;
    let bar = indicatif::ProgressBar::new(args.sims);
    if show_bar {
        bar.set_style(
            indicatif::ProgressStyle::with_template("simulating {bar:40} {pos}/{len} seasons ({eta} left)")
                .expect("valid template"),
        );
    } else {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let forecast = match settled_season {
        Some(last) => last,
        None => simulate(&state, &model, &options, &|done| bar.set_position(done)),
    };
    // Only the exact method (or a season played out) may call a place or zone certain;
    // the simulation only estimates.
    let ranges = state.position_ranges();
    let final_place = |team: TeamId| -> Option<u16> {
        let t = forecast.teams.iter().find(|t| t.team == team)?;
        finished.then_some(t.best_simulated)
    };
    let settled_place = |team: TeamId| -> Option<u16> {
        let i = state.index_of(team)?;
        final_place(team).or((ranges[i].best == ranges[i].worst).then_some(ranges[i].best))
    };
    let certainty = |team: TeamId, zone: &str| -> Option<bool> {
        let i = state.index_of(team)?;
        let z = loaded.competition.zones.iter().find(|z| z.name == zone)?;
        if let Some(place) = final_place(team) {
            Some((z.first..=z.last).contains(&place))
        } else if ranges[i].settled_within(z.first, z.last) {
            Some(true)
        } else if ranges[i].excluded_from(z.first, z.last) {
            Some(false)
        } else {
            None
        }
    };
    bar.finish_and_clear();

    let name = |id: TeamId| names.get(&id).cloned().unwrap_or_default();
    // Table order: as the league stands now.
    let order: Vec<TeamId> = state.standings().rows.iter().map(|r| r.team).collect();
    let mut teams_out: Vec<&matchday_forecast::TeamForecast> = forecast.teams.iter().collect();
    teams_out.sort_by_key(|t| order.iter().position(|&o| o == t.team));
    let rows: Vec<OddsJson> = teams_out
        .iter()
        .map(|t| OddsJson {
            id: t.team,
            team: name(t.team),
            points: t.points,
            expected_points: (t.expected_points * 100.0).round() / 100.0,
            positions: t.positions.clone(),
            zones: t.zones.iter().map(|z| (z.zone.clone(), z.probability)).collect(),
            best_simulated: t.best_simulated,
            worst_simulated: t.worst_simulated,
        })
        .collect();
    let zone_names: Vec<String> = loaded.competition.zones.iter().map(|z| z.name.clone()).collect();
    let certainty = &certainty;
    let settled_place = &settled_place;
    let output = match args.format {
        OutputFormat::Json => render::json(&rows),
        OutputFormat::Csv => {
            let mut headers = vec!["team".to_string(), "points".into(), "expected_points".into()];
            // Headers are snake_case, as every CSV's: "champions-league" is champions_league.
            headers.extend(zone_names.iter().map(|z| z.replace(['-', ' '], "_")));
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let mut line = vec![
                        r.team.clone(),
                        r.points.to_string(),
                        format!("{:.2}", r.expected_points),
                    ];
                    line.extend(
                        zone_names
                            .iter()
                            .map(|z| format!("{:.4}", r.zones.get(z).copied().unwrap_or(0.0))),
                    );
                    line
                })
                .collect();
            let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
            render::csv(&headers, &cells)
        }
        OutputFormat::Table => {
            let view = OddsView {
                competition: &loaded.competition,
                as_of: args.when.as_of,
                sims: forecast.sims,
                seed: forecast.seed,
                fitted_on,
                fixtures_left: state.fixtures().len(),
                strong: asked.and_then(|t| rows.iter().position(|r| r.id == t)),
                finished,
            };
            let settled = Settled {
                place: settled_place,
                zone: certainty,
            };
            Ok(render_odds(&view, &rows, &settled, &render::screen::current()))
        }
    };
    output.map(|out| assumed.said(out, args.format))
}

/// What an odds table says besides its rows.
struct OddsView<'a> {
    competition: &'a matchday_core::Competition,
    as_of: Option<chrono::NaiveDate>,
    sims: u64,
    seed: u64,
    /// Results the model was fitted on.
    fitted_on: usize,
    fixtures_left: usize,
    /// The row of the club asked about.
    strong: Option<usize>,
    /// Whether every match is played: the places are final, and nothing was simulated.
    finished: bool,
}

/// What is settled exactly, beside the simulation's estimates.
struct Settled<'a> {
    /// A club's place, once no other is possible.
    place: &'a dyn Fn(TeamId) -> Option<u16>,
    /// Whether a club is certain of a zone (true) or certain to miss it (false).
    zone: &'a dyn Fn(TeamId, &str) -> Option<bool>,
}

fn render_odds(
    view: &OddsView<'_>,
    rows: &[OddsJson],
    settled: &Settled<'_>,
    screen: &render::Screen,
) -> String {
    use render::grid::plain_cells;
    use render::paint::{self, Painted};
    use render::{Grid, Step};

    let competition = view.competition;
    let mut text = format!("{} {}", competition.name, competition.season);
    if let Some(day) = view.as_of {
        text.push_str(&format!(", as of {day}"));
    }
    if view.finished {
        text.push_str(": every match played, the final places");
    } else {
        let seasons = if view.sims == 1 { "season" } else { "seasons" };
        text.push_str(&format!(
            ": {} simulated {seasons}, seed {}",
            view.sims, view.seed
        ));
    }
    let mut text = render::prose(&text, screen);
    let mut grid = Grid::new();
    let team = grid.clubs(&rows.iter().map(|r| r.team.as_str()).collect::<Vec<_>>());
    grid.column(
        "Pts",
        true,
        plain_cells(rows.iter().map(|r| r.points.to_string())),
    );
    // A season played out has no expected points beside its points, and one place each.
    let expected = (!view.finished).then(|| {
        grid.column(
            "xPts",
            true,
            plain_cells(rows.iter().map(|r| format!("{:.1}", r.expected_points))),
        )
    });
    let likeliest = grid.column(
        if view.finished { "Place" } else { "Likeliest" },
        true,
        plain_cells(rows.iter().map(|r| {
            match (settled.place)(r.id) {
                Some(place) if view.finished => render::ordinal(place),
                Some(place) => format!("{} ({})", render::ordinal(place), chance_text(1.0, Some(true))),
                None => r
                    .positions
                    .iter()
                    .enumerate()
                    .max_by(|a, b| a.1.total_cmp(b.1))
                    .map(|(p, chance)| {
                        format!(
                            "{} ({})",
                            render::ordinal(p as u16 + 1),
                            chance_text(*chance, None)
                        )
                    })
                    .unwrap_or_default(),
            }
        })),
    );
    let mut steps = vec![Step::Narrow(team)];
    let mut zone_cols = Vec::new();
    for zone in &competition.zones {
        let style = paint::zone_style(&zone.name);
        let cells: Vec<Painted> = rows
            .iter()
            .map(|r| {
                let p = r.zones.get(&zone.name).copied().unwrap_or(0.0);
                let certain = (settled.zone)(r.id, &zone.name);
                let shown = chance_text(p, certain);
                match certain {
                    Some(true) => Painted::styled(shown, style.bold()),
                    Some(false) => Painted::styled(shown, paint::DIM),
                    None if p >= 0.5 => Painted::styled(shown, style),
                    None => Painted::plain(shown),
                }
            })
            .collect();
        let col = grid.column(&zone.name, true, cells.clone());
        grid.narrower(col, &paint::zone_label(&zone.name), cells);
        zone_cols.push(col);
    }
    steps.push(Step::NarrowAll(zone_cols.clone()));
    steps.push(Step::Drop(likeliest));
    steps.extend(expected.map(Step::Drop));
    grid.steps(&steps);
    if let Some(row) = view.strong {
        grid.strong_row(row);
    }
    let drawn = grid.render(screen);
    text.push_str(&drawn.text);
    let key = match paint::zone_key(competition.zones.iter().map(|z| z.name.as_str())) {
        Some(key) if zone_cols.iter().any(|&c| drawn.form_of(c) == Some(1)) => format!(" ({key})"),
        _ => String::new(),
    };
    let mut notes = if view.finished {
        format!("Every match is played: nothing is simulated, and each place and zone{key} is final.")
    } else {
        format!("Zones: the chance of finishing in each{key}; 100% and 0% mean settled mathematically.")
    };
    if view.fitted_on == 0 && view.fixtures_left > 0 {
        notes.push_str(
            "\nNo results yet to fit the model on (pre-season): every club is rated alike, \
             so these odds only say what the fixtures and deductions allow.",
        );
    }
    text.push_str(&render::prose(&notes, screen));
    text
}
