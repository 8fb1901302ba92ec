//! Elo over every English league match since 1888-89 (needs `shared/data` beside the
//! checkout): how long rating it takes, how good its pre-match probabilities are, and
//! how the default parameters compare with their neighbours.
//!
//! Run with `cargo bench -p matchday-forecast --bench ratings`;
//! `MATCHDAY_BENCH_ELO_GRID=1` searches the whole grid the defaults were chosen from.

#[path = "../tests/support/england.rs"]
#[allow(dead_code)]
mod england;

use std::time::Instant;

use matchday_forecast::{EloParameters, EloRatings, RatedMatch};

/// One of the parameters, to move.
type Field = fn(&mut EloParameters) -> &mut f64;

/// Mean RPS over every match after each club's first, for `parameters`.
fn rps(games: &[RatedMatch], parameters: EloParameters) -> f64 {
    EloRatings::rate(0, games, parameters).score(|_| true).elo.rps
}

fn main() {
    let Some((names, history)) = england::league_history() else {
        println!("no ../shared/data: nothing to measure");
        return;
    };
    let games: Vec<RatedMatch> = history.iter().map(|h| h.game).collect();
    let defaults = EloParameters::default();
    let mut times = Vec::new();
    let mut ratings = None;
    for _ in 0..7 {
        let start = Instant::now();
        ratings = Some(EloRatings::rate(names.len(), &games, defaults));
        times.push(start.elapsed());
    }
    times.sort();
    let ratings = ratings.expect("rated");
    println!(
        "ratings: {} English league matches, {} clubs, rated in median {:.1} ms (fastest {:.1} ms)",
        games.len(),
        names.len(),
        times[3].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3
    );
    let start = Instant::now();
    let last = ratings
        .first_day()
        .map(|_| games.iter().map(|g| g.date).max().expect("a day"));
    let table = ratings.on(last.expect("a day"));
    println!(
        "ratings on the last day ({} clubs rated) read in {:.2} ms",
        table.iter().flatten().count(),
        start.elapsed().as_secs_f64() * 1e3
    );
    let all = ratings.score(|_| true);
    println!(
        "every match after each club's first ({}): RPS Elo {:.4}, frequencies {:.4}; log loss Elo {:.4}, frequencies {:.4}",
        all.matches, all.elo.rps, all.frequencies.rps, all.elo.log_loss, all.frequencies.log_loss
    );
    // The top flight's competition-seasons since 1990-91.
    let top_flight: std::collections::HashSet<usize> = history
        .iter()
        .filter(|h| h.tier == 1 && h.season >= 1990)
        .map(|h| h.game.competition)
        .collect();
    let top = ratings.score(|g| top_flight.contains(&g.competition));
    println!(
        "top flight since 1990-91 ({} matches): RPS Elo {:.4}, frequencies {:.4}; log loss Elo {:.4}, frequencies {:.4}",
        top.matches, top.elo.rps, top.frequencies.rps, top.elo.log_loss, top.frequencies.log_loss
    );
    // Each parameter moved alone: the defaults should score lowest.
    println!(
        "RPS with one parameter moved (defaults {:.5}):",
        rps(&games, defaults)
    );
    let moves: [(&str, Field, [f64; 4]); 4] = [
        ("k", |p| &mut p.k, [-5.0, -2.5, 2.5, 5.0]),
        (
            "home_advantage",
            |p| &mut p.home_advantage,
            [-20.0, -10.0, 10.0, 20.0],
        ),
        ("draw_margin", |p| &mut p.draw_margin, [-20.0, -10.0, 10.0, 20.0]),
        (
            "newcomer_gap",
            |p| &mut p.newcomer_gap,
            [-50.0, -25.0, 25.0, 50.0],
        ),
    ];
    for (name, field, steps) in moves {
        let cells: Vec<String> = steps
            .iter()
            .map(|step| {
                let mut p = defaults;
                *field(&mut p) += step;
                format!("{:+} {:.5}", step, rps(&games, p))
            })
            .collect();
        println!("  {name:<15} {}", cells.join("  "));
    }
    if std::env::var_os("MATCHDAY_BENCH_ELO_GRID").is_some() {
        grid(&games);
    }
}

/// The search the defaults came from: every combination, best first.
fn grid(games: &[RatedMatch]) {
    let mut scored = Vec::new();
    for k in [6.0, 8.0, 10.0, 12.0, 15.0, 20.0, 25.0, 30.0, 40.0] {
        for home_advantage in [40.0, 55.0, 70.0, 80.0, 90.0, 100.0, 110.0, 120.0] {
            for draw_margin in [60.0, 70.0, 85.0, 90.0, 100.0, 110.0, 120.0] {
                for newcomer_gap in [0.0, 50.0, 100.0, 150.0] {
                    let p = EloParameters {
                        k,
                        home_advantage,
                        draw_margin,
                        newcomer_gap,
                        ..EloParameters::default()
                    };
                    scored.push((rps(games, p), p));
                }
            }
        }
    }
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (rps, p) in scored.iter().take(10) {
        println!(
            "  RPS {rps:.5}: k {} home advantage {} draw margin {} newcomer gap {}",
            p.k, p.home_advantage, p.draw_margin, p.newcomer_gap
        );
    }
}
