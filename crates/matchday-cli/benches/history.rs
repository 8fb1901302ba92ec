//! All of English league history at once: the speed goals of matchday at scale.
//!
//! Run with `cargo bench -p matchday-cli --bench history`. Needs engsoccerdata's
//! `england.csv` (208,028 matches, every English league match since 1888) in
//! `../shared/data` beside the checkout, and says so and stops when it is not there.
//! Prints, each against its goal:
//!
//! - `matchday import england.csv` into a new database: wall and CPU time (the median of
//!   three runs) and peak resident memory; beside the `sqlite3` shell's `.import` of
//!   the same file into a bare table, timed in the same run when `sqlite3` is installed.
//! - every final table of every season and tier, each under its era's rules and
//!   deductions, read from that database and computed in one process;
//! - single tables at dates through the biggest season, database read included;
//! - `matchday table`, `matchday track`, `matchday h2h` and `matchday ratings` as whole commands,
//!   process start to output.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Usage, mib, run};
use matchday_core::{Standings, TableOptions, View};
use matchday_store::Store;

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// The median run of `runs` by wall time.
fn median_run(runs: usize, mut once: impl FnMut() -> Usage) -> Usage {
    let mut all: Vec<Usage> = (0..runs).map(|_| once()).collect();
    all.sort_by_key(|u| u.wall);
    all.swap_remove(runs / 2)
}

/// The `sqlite3` shell, when installed.
fn sqlite3() -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("sqlite3"))
        .find(|p| p.is_file())
}

fn fresh(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
}

fn matchday(db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_matchday"));
    command.arg("--db").arg(db);
    command
}

/// Every final table of every competition-season stored, as `matchday table` makes each.
fn every_final_table(store: &Store) -> usize {
    let read = store.read();
    let mut tables = 0;
    for competition in read.competitions().unwrap() {
        let id = competition.id.unwrap();
        let matches = read.matches(id).unwrap();
        let teams = read.entrants(id).unwrap();
        let deductions = read.deductions(id).unwrap();
        let decisions = read.decisions(id).unwrap();
        let standings = Standings::compute(
            &competition,
            &teams,
            &matches,
            &deductions,
            TableOptions::default(),
        )
        .with_decisions(&competition.regulations(), &decisions, None);
        std::hint::black_box(standings);
        tables += 1;
    }
    tables
}

fn main() {
    let csv = common::root().join("../shared/data/engsoccerdata/england.csv");
    if !csv.is_file() {
        println!(
            "history: skipped: {} is not there (engsoccerdata's england.csv, in ../shared/data beside the checkout)",
            csv.display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    println!("English league history: {}", csv.display());
    // MATCHDAY_BENCH_ONLY=tables skips the imports, for a database the last run kept.
    let kept = std::env::temp_dir().join("matchday-history-bench.db");
    if std::env::var("MATCHDAY_BENCH_ONLY").as_deref() == Ok("tables") && kept.is_file() {
        reading(&kept);
        return;
    }

    let yardstick = sqlite3().map(|shell| {
        let bare = dir.path().join("bare.db");
        median_run(3, || {
            fresh(&bare);
            run(Command::new(&shell)
                .arg(&bare)
                .arg(".mode csv")
                .arg(format!(".import '{}' m", csv.display())))
        })
    });
    let import = median_run(3, || {
        fresh(&db);
        run(matchday(&db).arg("import").arg(&csv))
    });
    println!(
        "  matchday import, new database       {:>9} wall {:>9} CPU  peak {:>9}   goal < 3 s, < 200 MiB",
        secs(import.wall),
        secs(import.cpu),
        mib(import.peak)
    );
    match &yardstick {
        Some(y) => println!(
            "  sqlite3 .import into a bare table   {:>9} wall {:>9} CPU               matchday: {:.1}x its wall time (goal <= 2x)",
            secs(y.wall),
            secs(y.cpu),
            import.wall.as_secs_f64() / y.wall.as_secs_f64()
        ),
        None => println!("  sqlite3 .import: no sqlite3 shell installed, no yardstick"),
    }

    fresh(&kept);
    std::fs::copy(&db, &kept).unwrap();
    reading(&db);
}

/// The figures of reading the database of league history at `db`.
fn reading(db: &Path) {
    let store = Store::open_read_only(db).unwrap();
    let mut times = Vec::new();
    let mut tables = 0;
    for _ in 0..5 {
        let (start, cpu) = (Instant::now(), common::cpu_now());
        tables = every_final_table(&store);
        times.push((start.elapsed(), common::cpu_now() - cpu));
    }
    times.sort();
    println!(
        "  every final table ({tables}), one process {:>9} wall {:>9} CPU (median of 5)   goal < 500 ms",
        ms(times[2].0),
        ms(times[2].1)
    );

    // Single tables through the biggest season, each read from the database as a command does.
    let read = store.read();
    let biggest = read
        .competitions()
        .unwrap()
        .into_iter()
        .max_by_key(|c| read.matches(c.id.unwrap()).unwrap().len())
        .unwrap();
    let mut days: Vec<_> = read
        .matches(biggest.id.unwrap())
        .unwrap()
        .iter()
        .map(|m| m.date)
        .collect();
    days.sort();
    days.dedup();
    let mut times: Vec<Duration> = days
        .iter()
        .map(|&day| {
            let start = Instant::now();
            let competition = read
                .find_competition(&biggest.slug, Some(biggest.season), None)
                .unwrap();
            let id = competition.id.unwrap();
            let options = TableOptions {
                as_of: Some(day),
                view: View::Total,
                provisional: false,
            };
            std::hint::black_box(Standings::compute(
                &competition,
                &read.entrants(id).unwrap(),
                &read.matches(id).unwrap(),
                &read.deductions(id).unwrap(),
                options,
            ));
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "  a table on each of the {} days of {} {}: median {}, slowest {}   goal < 10 ms",
        days.len(),
        biggest.name,
        biggest.season,
        ms(times[times.len() / 2]),
        ms(*times.last().unwrap())
    );
    drop(store);

    // Whole commands, process start to output.
    let season = biggest.season.to_string();
    let middle = days[days.len() / 2].to_string();
    let commands: [(&str, Vec<&str>); 4] = [
        ("matchday table (latest season)", vec!["table", "Premier League"]),
        (
            "matchday table --season --as-of",
            vec!["table", &biggest.slug, "--season", &season, "--as-of", &middle],
        ),
        ("matchday track Arsenal", vec!["track", "Arsenal"]),
        // Every league meeting since 1894, read across 130 seasons.
        (
            "matchday h2h Liverpool Everton",
            vec!["h2h", "Liverpool", "Everton"],
        ),
    ];
    for (label, args) in commands {
        let runs = 21;
        let mut all: Vec<Usage> = (0..runs).map(|_| run(matchday(db).args(&args))).collect();
        all.sort_by_key(|u| u.wall);
        println!(
            "  {label:<34} median {:>8}, fastest {:>8} (of {runs})   goal < 50 ms",
            ms(all[runs / 2].wall),
            ms(all[0].wall)
        );
    }
    // Elo over every result stored: each match read and rated (issue 22).
    let runs = 7;
    let mut all: Vec<Usage> = (0..runs).map(|_| run(matchday(db).arg("ratings"))).collect();
    all.sort_by_key(|u| u.wall);
    println!(
        "  {:<34} median {:>8}, fastest {:>8} (of {runs})   goal < 1 s",
        "matchday ratings (every match)",
        ms(all[runs / 2].wall),
        ms(all[0].wall)
    );
}
