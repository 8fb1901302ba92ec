//! Timings and model quality on real data (needs `shared/data` beside the checkout).
//!
//! Run with `cargo bench -p matchday-forecast`; `MATCHDAY_BENCH_ONLY=simulation` times the
//! simulation alone; `MATCHDAY_BENCH_ONLY=numpy` times it on one thread and on two and
//! writes the model and the forecast for `scripts/numpy_simulate.py` (see
//! `scripts/bench-numpy.sh`); `MATCHDAY_BENCH_ONLY=magic` times the magic numbers alone,
//! and `MATCHDAY_BENCH_MAGIC_DAY=2023-12-09` each magic number of that day of the
//! 2023-24 Premier League.

#[path = "../tests/support/england.rs"]
#[allow(dead_code)]
mod england;

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use matchday_forecast::{
    Forecast, History, HistoryResult, LeagueState, MatchModel, ModelOptions, SimulationOptions, Verdict,
    ZoneMagic, backtest, evaluate_halves, simulate,
};

fn state_on(season: &england::LeagueSeason, day: Option<NaiveDate>) -> LeagueState {
    LeagueState::new(
        &season.competition,
        &season.teams,
        &season.matches,
        &season.deductions,
        day,
    )
    .expect("a valid league")
}

/// Times exact positions at every match day; returns (median, slowest, day of slowest).
fn time_positions(season: &england::LeagueSeason) -> (Duration, Duration, NaiveDate, usize) {
    let mut times = Vec::new();
    for day in season.match_days() {
        let state = state_on(season, Some(day));
        let start = Instant::now();
        let ranges = state.position_ranges();
        let took = start.elapsed();
        assert_eq!(ranges.len(), season.teams.len());
        assert!(ranges.iter().all(|r| r.exact), "{day}: a search ran out of nodes");
        if took > Duration::from_millis(100) {
            println!("  slow day: {day}: {:.1} ms", took.as_secs_f64() * 1e3);
        }
        times.push((took, day));
    }
    let count = times.len();
    let slowest = *times.iter().max().expect("days");
    times.sort();
    (times[count / 2].0, slowest.0, slowest.1, count)
}

/// Times magic numbers for every club and zone at every match day; prints the median and
/// slowest, and how many numbers were not exact.
fn time_magic(label: &str, season: &england::LeagueSeason) {
    let mut times = Vec::new();
    // Numbers not exact: guarantees, and still possible.
    let mut inexact = (0, 0);
    let mut asked = 0;
    // Every fourth match day: a whole season takes minutes in mid-season.
    for day in season.match_days().into_iter().step_by(4) {
        let state = state_on(season, Some(day));
        let start = Instant::now();
        let ranges = state.position_ranges();
        let magic = state.magic_numbers(&ranges).expect("no split");
        let took = start.elapsed();
        let open: Vec<(bool, bool)> = magic
            .iter()
            .flat_map(|t| &t.zones)
            .filter_map(|(_, _, m)| match m {
                ZoneMagic::Open(n) => Some((n.guarantee_exact, n.still_possible_exact)),
                _ => None,
            })
            .collect();
        asked += open.len();
        inexact.0 += open.iter().filter(|e| !e.0).count();
        inexact.1 += open.iter().filter(|e| !e.1).count();
        times.push((took, day));
    }
    let count = times.len();
    let slowest = *times.iter().max().expect("days");
    times.sort();
    println!(
        "magic numbers (every club and zone, with the positions), {label}, {count} match days: \
         median {:.1} ms, slowest {:.1} ms ({}); of {asked} open zones, {} guarantees and {} still-possibles not exact",
        times[count / 2].0.as_secs_f64() * 1e3,
        slowest.0.as_secs_f64() * 1e3,
        slowest.1,
        inexact.0,
        inexact.1
    );
}

/// Times scenarios for every club and every zone still open to it, for the round of the
/// season's fixtures dated `first..=last` as of the day before `first`; prints the median
/// and the slowest question.
fn time_scenarios(season: &england::LeagueSeason, first: NaiveDate, last: NaiveDate) {
    let state = state_on(season, first.checked_sub_days(Days::new(1)));
    let round: Vec<usize> = (0..state.fixtures().len())
        .filter(|&f| state.fixtures()[f].date.is_some_and(|d| first <= d && d <= last))
        .collect();
    let mut times = Vec::new();
    for team in 0..state.teams().len() {
        for zone in state.zones() {
            let start = Instant::now();
            let scenarios = state.scenarios(team, &zone, &round).expect("a round");
            let took = start.elapsed();
            let name = season.name(state.teams()[team]).to_string();
            assert!(
                scenarios.exact,
                "{name}, {}: a search ran out of nodes",
                zone.name
            );
            if scenarios.before != Verdict::Undecided {
                continue;
            }
            let named = scenarios
                .clinched
                .iter()
                .chain(&scenarios.eliminated)
                .chain(&scenarios.undecided)
                .map(|c| c.outcomes.len())
                .max()
                .unwrap_or(0);
            times.push((took, name, zone.name, named));
        }
    }
    let count = times.len();
    times.sort_by_key(|t| t.0);
    let (median, slowest) = (&times[count / 2], &times[count - 1]);
    println!(
        "scenarios, Premier League 2023-24, the {} matches of {first}..{last}, {count} (club, zone) questions \
         still open: median {:.2} ms, slowest {:.2} ms ({}, {}; conditions name up to {} matches)",
        round.len(),
        median.0.as_secs_f64() * 1e3,
        slowest.0.as_secs_f64() * 1e3,
        slowest.1,
        slowest.2,
        slowest.3
    );
}

/// Times scenarios for every club and zone still open, for the next match day as of
/// the eve of every match day of the season; prints the median and the slowest.
fn time_scenarios_all_season(season: &england::LeagueSeason) {
    let mut times = Vec::new();
    let mut inexact = 0;
    for day in season.match_days() {
        let state = state_on(season, day.checked_sub_days(Days::new(1)));
        let round = state.next_round(None);
        for team in 0..state.teams().len() {
            for zone in state.zones() {
                let start = Instant::now();
                let scenarios = state.scenarios(team, &zone, &round).expect("a round");
                let took = start.elapsed();
                if took > Duration::from_secs(1) {
                    println!(
                        "  slow question: {day}, {}, {}: {:.2} s, {} matches{}",
                        season.name(state.teams()[team]),
                        zone.name,
                        took.as_secs_f64(),
                        round.len(),
                        if scenarios.exact { "" } else { ", not exact" }
                    );
                }
                inexact += usize::from(!scenarios.exact);
                if scenarios.before == Verdict::Undecided {
                    times.push((took, day, season.name(state.teams()[team]).to_string(), zone.name));
                }
            }
        }
    }
    let count = times.len();
    times.sort_by_key(|t| t.0);
    let (median, slowest) = (&times[count / 2], &times[count - 1]);
    println!(
        "scenarios, Premier League 2023-24, the next match day on the eve of each of its days, {count} \
         (club, zone) questions still open: median {:.2} ms, slowest {:.2} ms ({}, {}, {}); {inexact} not exact",
        median.0.as_secs_f64() * 1e3,
        slowest.0.as_secs_f64() * 1e3,
        slowest.1,
        slowest.2,
        slowest.3
    );
}

/// The CPU time of every thread of this process so far, where Linux tells it
/// (`/proc/self/task/*/schedstat`, in nanoseconds): the wall time alone says little on
/// a busy machine.
fn cpu_time() -> Option<Duration> {
    let mut nanos = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        nanos += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(nanos))
}

/// Times the simulation from mid-season (31 December 2023) and from 1 February 2024,
/// the date the goal of a million seasons in under a second is set on.
fn time_simulations(season: &england::LeagueSeason) {
    for (year, month, day) in [(2023, 12, 31), (2024, 2, 1)] {
        time_simulation(season, NaiveDate::from_ymd_opt(year, month, day).expect("a date"));
    }
}

/// Times a million simulated seasons of `season` from `from`, and names the likeliest champion.
fn time_simulation(season: &england::LeagueSeason, from: NaiveDate) {
    let state = state_on(season, Some(from));
    let model = MatchModel::fit(&state, &ModelOptions::default());
    let options = SimulationOptions {
        sims: 1_000_000,
        seed: 2024,
    };
    let (start, cpu) = (Instant::now(), cpu_time());
    let forecast = simulate(&state, &model, &options, &|_| {});
    let (wall, cpu) = (
        start.elapsed(),
        cpu_time().zip(cpu).map(|(end, start)| end - start),
    );
    println!(
        "1,000,000 simulated seasons of the Premier League from {from} ({} fixtures left, {} threads): {:.2} s{}",
        state.fixtures().len(),
        rayon::current_num_threads(),
        wall.as_secs_f64(),
        cpu.map(|cpu| format!(" ({:.2} s CPU)", cpu.as_secs_f64()))
            .unwrap_or_default()
    );
    let leader = forecast
        .teams
        .iter()
        .max_by(|a, b| a.positions[0].total_cmp(&b.positions[0]))
        .expect("teams");
    println!(
        "  likeliest champion: {} ({:.1}%)",
        season.name(leader.team),
        leader.positions[0] * 100.0
    );
}

/// The fastest of `runs` timings of a million seasons from `state` on `pool`, in wall
/// time and in CPU time (the least of each), and the last forecast.
fn fastest_simulation(
    state: &LeagueState,
    model: &MatchModel,
    pool: &rayon::ThreadPool,
    runs: usize,
) -> (Duration, Option<Duration>, Forecast) {
    let options = SimulationOptions {
        sims: 1_000_000,
        seed: 2024,
    };
    let (mut walls, mut cpus) = (Vec::new(), Vec::new());
    let mut last = None;
    for _ in 0..runs {
        let (start, cpu) = (Instant::now(), cpu_time());
        last = Some(pool.install(|| simulate(state, model, &options, &|_| {})));
        walls.push(start.elapsed());
        cpus.extend(cpu_time().zip(cpu).map(|(end, start)| end - start));
    }
    let fastest = walls.iter().min().copied().expect("at least one run");
    (
        fastest,
        cpus.iter().min().copied(),
        last.expect("at least one run"),
    )
}

/// The numpy comparison's Rust half: fits the model on the Premier League as of
/// 1 February 2024, times a million seasons on one thread and on two (the fastest of
/// `MATCHDAY_BENCH_RUNS`, 5 unless given), and writes to `MATCHDAY_NUMPY_EXPORT` (a JSON
/// file) what `scripts/numpy_simulate.py` needs to simulate the same model the same way:
/// the standings, each remaining fixture's expected goals, Dixon-Coles rho and the
/// grid's size, with the timings and matchday's chance of every place to compare.
fn export_for_numpy(season: &england::LeagueSeason) {
    let from = NaiveDate::from_ymd_opt(2024, 2, 1).expect("a date");
    let state = state_on(season, Some(from));
    let model = MatchModel::fit(&state, &ModelOptions::default());
    let runs = std::env::var("MATCHDAY_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    // Both pools live until the end: the CPU time counts the threads alive, and a pool's
    // threads leaving during the other's runs would take theirs away.
    let pools = [1, 2].map(|threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool")
    });
    let (one, one_cpu, _) = fastest_simulation(&state, &model, &pools[0], runs);
    let (two, two_cpu, forecast) = fastest_simulation(&state, &model, &pools[1], runs);
    let cpu = |cpu: Option<Duration>| cpu.map(|cpu| format!(" ({:.3} s CPU)", cpu.as_secs_f64()));
    println!(
        "1,000,000 simulated seasons of the Premier League from {from} ({} fixtures left), fastest of {runs}: \
         {:.3} s on 1 thread{}, {:.3} s on 2{}",
        state.fixtures().len(),
        one.as_secs_f64(),
        cpu(one_cpu).unwrap_or_default(),
        two.as_secs_f64(),
        cpu(two_cpu).unwrap_or_default(),
    );
    let n = state.teams().len();
    let (mut goals_for, mut goals_against) = (vec![0u32; n], vec![0u32; n]);
    for r in state.results() {
        goals_for[r.home] += u32::from(r.home_goals);
        goals_against[r.home] += u32::from(r.away_goals);
        goals_for[r.away] += u32::from(r.away_goals);
        goals_against[r.away] += u32::from(r.home_goals);
    }
    let export = serde_json::json!({
        "competition": "Premier League 2023-24",
        "from": from.to_string(),
        "teams": state.teams().iter().map(|&t| season.name(t)).collect::<Vec<_>>(),
        "points": state.points(),
        "goals_for": goals_for,
        "goals_against": goals_against,
        "tie_breakers": ["points", "goal difference", "goals scored"],
        "rho": model.rho(),
        "max_goals": model.max_goals(),
        "fixtures": state.fixtures().iter().map(|f| {
            let (home_goals, away_goals) = model.expected_goals(f.home, f.away);
            serde_json::json!({ "home": f.home, "away": f.away, "home_goals": home_goals, "away_goals": away_goals })
        }).collect::<Vec<_>>(),
        "matchday": {
            "sims": forecast.sims,
            "seed": forecast.seed,
            "runs": runs,
            "seconds_1_thread": one.as_secs_f64(),
            "seconds_2_threads": two.as_secs_f64(),
            "cpu_seconds_1_thread": one_cpu.map(|cpu| cpu.as_secs_f64()),
            "cpu_seconds_2_threads": two_cpu.map(|cpu| cpu.as_secs_f64()),
            "positions": forecast.teams.iter().map(|t| &t.positions).collect::<Vec<_>>(),
        },
    });
    match std::env::var_os("MATCHDAY_NUMPY_EXPORT") {
        Some(path) => {
            std::fs::write(&path, serde_json::to_string_pretty(&export).expect("JSON"))
                .expect("the export written");
            println!("  written to {}", path.to_string_lossy());
        }
        None => println!(
            "  (MATCHDAY_NUMPY_EXPORT=FILE writes the model and forecast for scripts/numpy_simulate.py)"
        ),
    }
}

/// Times a backtest of the whole season (every match forecast from the results before its
/// day, the model refitted once per match day), five times; prints the median and fastest.
fn time_backtest(label: &str, season: &england::LeagueSeason) {
    let full = state_on(season, None);
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let start = Instant::now();
        let test = backtest(
            &History::of_league(season.teams.len(), full.results()),
            full.results(),
            None,
            &ModelOptions::default(),
        );
        times.push(start.elapsed());
        last = test;
    }
    let test = last.expect("a season");
    times.sort();
    println!(
        "backtest, {label}: {} matches, {} refits ({} threads): median {:.3} s, fastest {:.3} s; \
         RPS model {:.4}, frequencies {:.4}, equal odds {:.4}",
        test.matches.len(),
        test.refits,
        rayon::current_num_threads(),
        times[2].as_secs_f64(),
        times[0].as_secs_f64(),
        test.mean.model.rps,
        test.mean.frequencies.rps,
        test.mean.equal_odds.rps
    );
}

/// Times a backtest of `season` (tier 1 of `year`) with the model over history: every
/// match of England's four divisions from `from_year` on before each match day, the
/// season's clubs first; five times, printing the median and fastest.
fn time_history_backtest(season: &england::LeagueSeason, year: i32, from_year: i32) {
    let full = state_on(season, None);
    let mut index: std::collections::HashMap<String, usize> = season
        .names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), i))
        .collect();
    let mut results: Vec<HistoryResult> = full.results().iter().map(|&r| r.into()).collect();
    for start in from_year..=year {
        for tier in 1..=4u8 {
            if start == year && tier == 1 {
                continue;
            }
            let Some(other) = england::load(start, tier) else {
                continue;
            };
            let competition = usize::from(tier);
            for m in &other.matches {
                let Some(score) = m.status.result().and_then(|r| r.score()) else {
                    continue;
                };
                let mut of = |team| {
                    let next = index.len();
                    *index.entry(other.name(team).to_string()).or_insert(next)
                };
                let (home, away) = (of(m.pairing.home()), of(m.pairing.away()));
                results.push(HistoryResult {
                    home,
                    away,
                    home_goals: score.home(),
                    away_goals: score.away(),
                    date: m.date,
                    neutral: false,
                    competition: if tier == 1 { 0 } else { competition },
                });
            }
        }
    }
    let known = results.len();
    let history = History::new(index.len(), results, Vec::new()).expect("indices in range");
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let start = Instant::now();
        let test = backtest(&history, full.results(), None, &ModelOptions::default());
        times.push(start.elapsed());
        last = test;
    }
    let test = last.expect("a season");
    times.sort();
    println!(
        "backtest over history, Premier League {year}: {} matches, {} refits on {known} results \
         (tiers 1-4 from {from_year}): median {:.3} s, fastest {:.3} s; RPS model {:.4}, frequencies {:.4}",
        test.matches.len(),
        test.refits,
        times[2].as_secs_f64(),
        times[0].as_secs_f64(),
        test.mean.model.rps,
        test.mean.frequencies.rps,
    );
}

fn main() {
    if !england::data_dir().join("engsoccerdata/england.csv").exists() {
        println!("no ../shared/data: nothing to measure");
        return;
    }
    let premier = england::load(2023, 1).expect("Premier League 2023-24");
    // MATCHDAY_BENCH_ONLY picks one part (see the module's comment).
    match std::env::var("MATCHDAY_BENCH_ONLY").as_deref() {
        Ok("simulation") => return time_simulations(&premier),
        Ok("numpy") => return export_for_numpy(&premier),
        Ok("magic") => {
            time_magic("Premier League 2023-24", &premier);
            let championship = england::load(2023, 2).expect("Championship 2023-24");
            return time_magic("Championship 2023-24", &championship);
        }
        _ => {}
    }
    if let Ok(day) = std::env::var("MATCHDAY_BENCH_MAGIC_DAY") {
        magic_day(&premier, day.parse().expect("a date"));
        return;
    }
    time_backtest("Premier League 2023-24", &premier);
    time_history_backtest(&premier, 2023, 2013);
    let (median, slowest, day, days) = time_positions(&premier);
    println!(
        "exact positions, Premier League 2023-24, {days} match days: median {:.2} ms, slowest {:.2} ms ({day})",
        median.as_secs_f64() * 1e3,
        slowest.as_secs_f64() * 1e3
    );
    time_magic("Premier League 2023-24", &premier);
    let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).expect("a date");
    // The last two rounds: the 37th (10 matches, 11 to 13 May) and the final day.
    time_scenarios(&premier, day(5, 11), day(5, 13));
    time_scenarios(&premier, day(5, 19), day(5, 19));
    if std::env::var_os("MATCHDAY_BENCH_SCENARIOS_SEASON").is_some() {
        time_scenarios_all_season(&premier);
    }
    let championship = england::load(2023, 2).expect("Championship 2023-24");
    let (median, slowest, day, days) = time_positions(&championship);
    println!(
        "exact positions, Championship 2023-24, {days} match days: median {:.2} ms, slowest {:.2} ms ({day})",
        median.as_secs_f64() * 1e3,
        slowest.as_secs_f64() * 1e3
    );

    time_magic("Championship 2023-24", &championship);

    time_simulations(&premier);

    let full = state_on(&premier, None);
    let report =
        evaluate_halves(premier.teams.len(), full.results(), &ModelOptions::default()).expect("a season");
    println!(
        "model quality, fitted on {} results, scored on {}: RPS / log loss",
        report.fitted_on, report.scored
    );
    for (name, score) in [
        ("model", report.model),
        ("H/D/A frequencies", report.frequencies),
        ("equal odds", report.equal_odds),
    ] {
        println!("  {name:<18} {:.4} / {:.4}", score.rps, score.log_loss);
    }
}

/// Times each team's magic number for each zone on `day`, one question at a time on one
/// thread, and prints them with the exactness marks (`?`): where a day's time goes.
fn magic_day(season: &england::LeagueSeason, day: NaiveDate) {
    let state = state_on(season, Some(day));
    let ranges = state.position_ranges();
    let n = state.teams().len();
    let fixtures: Vec<(usize, usize)> = state.fixtures().iter().map(|f| (f.home, f.away)).collect();
    let mut total = 0.0;
    for zone in state.zones() {
        let place = matchday_forecast::zone_boundary(&zone, n as u16);
        for (x, range) in ranges.iter().enumerate() {
            if range.exact && (range.worst <= place || range.best > place) || usize::from(place) >= n {
                continue;
            }
            let start = Instant::now();
            let magic = matchday_forecast::magic_numbers(state.points(), &fixtures, state.scheme(), x, place);
            let took = start.elapsed().as_secs_f64() * 1e3;
            total += took;
            if let ZoneMagic::Open(m) = magic {
                let mark = |exact: bool| if exact { "" } else { "?" };
                println!(
                    "{:>24} place {place:>2}: {took:8.1} ms  sure {:?}{} possible {}{}",
                    season.name(state.teams()[x]),
                    m.guarantee,
                    mark(m.guarantee_exact),
                    m.still_possible,
                    mark(m.still_possible_exact)
                );
            }
        }
    }
    println!("total {total:.1} ms (one question at a time)");
}
