//! `matchday odds`: how likely each final position and zone is.

use std::io::IsTerminal;

use matchday_core::TeamId;
use matchday_forecast::{MatchModel, ModelOptions, SimulationOptions, simulate};
use matchday_store::Store;
use serde::Serialize;

use crate::args::OutputFormat;
use crate::render;

/// Forecast a league season: the chance of each final place and zone
///
/// Match outcomes come from a time-weighted Dixon-Coles model fitted on the
/// results stored up to the as-of date; the remaining fixtures are simulated
/// under the competition's own tie-breakers and deductions. The same seed
/// gives the same answer.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday odds premier-league --as-of 2024-02-01
  matchday odds \"Premier League\" --season 2023-24 --as-of 2024-04-01 --sims 1000000 --seed 7 --format json")]
pub struct Args {
    /// The league: its slug or part of its name
    pub competition: String,

    #[command(flatten)]
    pub when: super::When,

    /// Seasons to simulate
    #[arg(long, default_value_t = 100_000, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub sims: u64,

    /// The random seed
    #[arg(long, default_value_t = 2024)]
    pub seed: u64,

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

pub fn run(store: &Store, args: Args) -> anyhow::Result<String> {
    let read = store.read();
    let names = read.team_names()?;
    let super::League { loaded, state } = super::League::load(&read, &args.competition, args.when)?;
    let model = MatchModel::fit(&state, &ModelOptions::default());
    let options = SimulationOptions {
        sims: args.sims,
        seed: args.seed,
    };
    // A progress bar only for people: on a terminal, for the table, and for long runs.
    let show_bar =
        args.format == OutputFormat::Table && std::io::stderr().is_terminal() && args.sims >= 200_000;
    let bar = indicatif::ProgressBar::new(args.sims);
    if show_bar {
        bar.set_style(
            indicatif::ProgressStyle::with_template("simulating {bar:40} {pos}/{len} seasons ({eta} left)")
                .expect("valid template"),
        );
    } else {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let forecast = simulate(&state, &model, &options, &|done| bar.set_position(done));
    // Only the exact method may call a zone certain; the simulation only estimates.
    let ranges = state.position_ranges();
    let certainty = |team: TeamId, zone: &str| -> Option<bool> {
        let i = state.index_of(team)?;
        let z = loaded.competition.zones.iter().find(|z| z.name == zone)?;
        if ranges[i].settled_within(z.first, z.last) {
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
    match args.format {
        OutputFormat::Json => render::json(&rows),
        OutputFormat::Csv => {
            let mut headers = vec!["team".to_string(), "points".into(), "expected_points".into()];
            headers.extend(zone_names.iter().cloned());
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
            let mut text = format!("{} {}", loaded.competition.name, loaded.competition.season);
            if let Some(day) = args.when.as_of {
                text.push_str(&format!(", as of {day}"));
            }
            text.push_str(&format!(
                ": {} simulated seasons, seed {}\n",
                forecast.sims, forecast.seed
            ));
            let mut headers = vec![
                "Team".to_string(),
                "Pts".into(),
                "xPts".into(),
                "Likeliest".into(),
            ];
            headers.extend(zone_names.iter().cloned());
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let likeliest = r
                        .positions
                        .iter()
                        .enumerate()
                        .max_by(|a, b| a.1.total_cmp(b.1))
                        .map(|(p, chance)| {
                            format!("{} ({})", render::ordinal(p as u16 + 1), percent(*chance, None))
                        })
                        .unwrap_or_default();
                    let mut line = vec![
                        r.team.clone(),
                        r.points.to_string(),
                        format!("{:.1}", r.expected_points),
                        likeliest,
                    ];
                    line.extend(
                        zone_names
                            .iter()
                            .map(|z| percent(r.zones.get(z).copied().unwrap_or(0.0), certainty(r.id, z))),
                    );
                    line
                })
                .collect();
            let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
            let right: Vec<usize> = (1..headers.len()).collect();
            text.push_str(&render::grid(&headers, &cells, &right));
            text.push_str(
                "Zones: the chance of finishing in each; 100% and 0% mean settled mathematically.\n",
            );
            Ok(text)
        }
    }
}

/// A probability as people read it: "100%" and "0%" only when `certain` says the
/// exact method settled it, so a rare outcome no simulation hit still reads "<1%".
fn percent(p: f64, certain: Option<bool>) -> String {
    if certain == Some(true) {
        "100%".into()
    } else if certain == Some(false) {
        "0%".into()
    } else if p >= 0.995 {
        ">99%".into()
    } else if p < 0.005 {
        "<1%".into()
    } else {
        format!("{:.0}%", p * 100.0)
    }
}
