//! Timings of the tournament simulation: 100,000 runs of the World Cup 2026 from the
//! start of its group stage (the goal is under a second on 2 cores, release build).
//!
//! The structure is the catalogue's World Cup 2026 edition (48 teams, 12 groups of 4,
//! the top two and the eight best thirds to a round of 32, a bracket after it, every
//! match at neutral grounds), with its 72 group fixtures built here: the forecast crate
//! reads no files, and the timing does not depend on the names. The teams' strengths
//! differ (a model fitted on made-up results), as a real forecast's do.
//!
//! Run with `cargo bench -p matchday-forecast --bench tournament`.

use std::time::Instant;

use chrono::NaiveDate;
use matchday_core::{
    Catalogue, Competition, Match, MatchStatus, Pairing, PointsScheme, Season, Stage, TeamId,
};
use matchday_forecast::{MatchModel, ModelOptions, PlayedResult, SimulationOptions, simulate_tournament};

const TEAMS: usize = 48;

fn world_cup_2026() -> (Competition, Vec<Match>, matchday_core::KnockoutRules) {
    let season: Season = "2026".parse().expect("a season");
    let edition = Catalogue::bundled()
        .find("World Cup")
        .and_then(|e| e.edition(season))
        .expect("the catalogue's World Cup 2026");
    let competition = Competition {
        id: None,
        slug: "world-cup".into(),
        name: "World Cup".into(),
        season,
        format: edition.structure().format(),
        structure: edition.structure().clone(),
        rules: edition.rules(),
        points: PointsScheme::THREE,
        zones: edition.zones(4),
        away_goals: false,
        rank_by: edition.rank_by(),
    };
    let day = |d| NaiveDate::from_ymd_opt(2026, 6, d).expect("a date");
    let mut matches = Vec::new();
    for group in 0..12 {
        let team = |k: usize| TeamId((group * 4 + k + 1) as i64);
        // Three matchdays of two matches each, as every group of four.
        for (matchday, pairs) in [[(0, 1), (2, 3)], [(0, 2), (3, 1)], [(3, 0), (1, 2)]]
            .iter()
            .enumerate()
        {
            for &(a, b) in pairs {
                let mut m = Match::new(
                    day(11 + (matchday as u32) * 6 + (group as u32) / 3),
                    Pairing::new(team(a), team(b)).expect("two teams"),
                    MatchStatus::Scheduled,
                );
                m.group = Some(((b'A' + group as u8) as char).to_string());
                m.stage = Some(Stage::Group);
                matches.push(m);
            }
        }
    }
    (competition, matches, edition.knockout().clone())
}

/// A model where team `i` is a little weaker than team `i - 1`.
fn graded_model() -> MatchModel {
    let day = NaiveDate::from_ymd_opt(2026, 6, 1).expect("a date");
    let mut results = Vec::new();
    for a in 0..TEAMS {
        for b in (a + 1)..TEAMS.min(a + 6) {
            results.push(PlayedResult {
                home: a,
                away: b,
                home_goals: 2,
                away_goals: 1,
                date: day,
            });
        }
    }
    MatchModel::fit_results(TEAMS, &results, Some(day), &ModelOptions::default())
}

/// The CPU time this process has used, in seconds (Linux: /proc/self/stat's user and
/// system ticks, at 100 a second): on a machine other sessions share, the wall clock
/// says more about them than about this code.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which ends with ')'): utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    let (competition, matches, rules) = world_cup_2026();
    let teams: Vec<TeamId> = (1..=TEAMS as i64).map(TeamId).collect();
    let model = graded_model();
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 10);
    let run = |sims: u64| {
        let options = SimulationOptions { sims, seed: 2026 };
        let start = Instant::now();
        let forecast = simulate_tournament(
            &competition,
            &teams,
            &matches,
            as_of,
            (&rules, &[]),
            &model,
            &options,
        )
        .expect("the World Cup 2026 simulates");
        (start.elapsed(), forecast)
    };
    // A warm-up, then the timed runs.
    let _ = run(10_000);
    let mut times = Vec::new();
    let mut last = None;
    let cpu_before = cpu_seconds();
    for _ in 0..5 {
        let (took, forecast) = run(100_000);
        times.push(took);
        last = Some(forecast);
    }
    let cpu = cpu_before.zip(cpu_seconds()).map(|(a, b)| (b - a) / 5.0);
    times.sort();
    let forecast = last.expect("runs");
    let favourite = forecast
        .teams
        .iter()
        .max_by(|a, b| a.win.total_cmp(&b.win))
        .expect("teams");
    println!(
        "World Cup 2026 from the start of its group stage (48 teams, 72 group matches, round of 32), \
         100,000 runs on {} threads: median {:.0} ms, fastest {:.0} ms, slowest {:.0} ms (5 timings); \
         strongest side wins {:.1}%",
        rayon::current_num_threads(),
        times[2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[4].as_secs_f64() * 1e3,
        favourite.win * 100.0,
    );
    if let Some(cpu) = cpu {
        println!(
            "  CPU time per 100,000 runs: {:.2} s, so {:.2} s on {} idle cores",
            cpu,
            cpu / rayon::current_num_threads() as f64,
            rayon::current_num_threads()
        );
    }
}
