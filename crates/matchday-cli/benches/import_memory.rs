//! How much memory `matchday import` takes, against the size of what it reads.
//!
//! Run with `cargo bench -p matchday-cli --bench import_memory`. Each case runs the
//! real binary on a new database in a temporary folder and prints the files' total
//! size, the process's peak resident memory (`wait4`'s `ru_maxrss`), their ratio and
//! the time. The goal: at most 2x the size read, and under 200 MiB for all of English
//! league history.
//!
//! Cases: every English league season since 1888 (engsoccerdata's `england.csv` from
//! `../shared/data`, written as one season file each, when it is there); the real
//! openfootball files; and a generated history of big leagues, `MATCHDAY_BENCH_MB`
//! megabytes (default 60) as season files and as many again as Football.TXT. Then inputs
//! past the bounds, which must be refused: `/dev/zero`, `/dev/urandom`, a 100 MB line and
//! 100 MB of short lines, each with its peak.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// What one import took.
struct Measured {
    bytes: u64,
    peak: u64,
    time: Duration,
}

/// Imports `files` with the binary into a new database in `dir`; its peak memory and time.
fn import(dir: &Path, files: &[PathBuf]) -> Measured {
    let db = dir.join("bench.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.join(format!("bench.db{suffix}")));
    }
    let bytes = files.iter().map(|f| std::fs::metadata(f).unwrap().len()).sum();
    let usage = common::run(
        Command::new(env!("CARGO_BIN_EXE_matchday"))
            .arg("--db")
            .arg(&db)
            .arg("import")
            .args(files),
    );
    let (peak, time) = (usage.peak, usage.wall);
    Measured { bytes, peak, time }
}

fn report(label: &str, files: usize, m: &Measured) {
    println!(
        "{label:<44} {files:>5} files {:>11}  peak {:>10}  ratio {:>5.2}x  {:>7.2} s",
        common::mib(m.bytes),
        common::mib(m.peak),
        m.peak as f64 / m.bytes as f64,
        m.time.as_secs_f64()
    );
}

/// Writes each record of engsoccerdata's England file as a season file in `dir`.
fn english_history(csv: &Path, dir: &Path) -> Vec<PathBuf> {
    let text = std::fs::read_to_string(csv).unwrap();
    let records = matchday_formats::engsoccer::parse(&text).unwrap();
    std::fs::create_dir_all(dir).unwrap();
    records
        .iter()
        .enumerate()
        .map(|(i, record)| {
            let path = dir.join(format!("{i:04}.season"));
            std::fs::write(&path, matchday_formats::season_file::write(record)).unwrap();
            path
        })
        .collect()
}

/// The rounds of a double round robin of `n` clubs (the circle method).
fn double_round_robin(n: usize) -> Vec<Vec<(usize, usize)>> {
    let first: Vec<Vec<(usize, usize)>> = (0..n - 1)
        .map(|r| {
            (0..n / 2)
                .map(|i| {
                    let a = if i == 0 { 0 } else { (r + i) % (n - 1) + 1 };
                    let b = (r + n - 1 - i) % (n - 1) + 1;
                    if (r + i) % 2 == 0 { (a, b) } else { (b, a) }
                })
                .collect()
        })
        .collect();
    let second: Vec<_> = first
        .iter()
        .map(|round| round.iter().map(|&(h, a)| (a, h)).collect())
        .collect();
    first.into_iter().chain(second).collect()
}

fn club(league: usize, i: usize) -> String {
    format!("League {league} Club {i} Athletic")
}

/// Seasons of `clubs`-club leagues (1,560 matches each for 40) as season files or
/// Football.TXT, until `megabytes` are written (at least one); one file a season.
fn big_leagues(dir: &Path, megabytes: u64, football_txt: bool, clubs: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let rounds = double_round_robin(clubs);
    let mut files = Vec::new();
    let mut written = 0;
    for n in 0.. {
        let (league, year) = (n / 120, 1890 + n % 120);
        let mut text = String::new();
        let date = |r: usize| {
            chrono::NaiveDate::from_ymd_opt(year as i32, 8, 1).unwrap()
                + chrono::Days::new((7 * (r / 4) + [0, 1, 3, 4][r % 4]) as u64)
        };
        if football_txt {
            let _ = writeln!(text, "= Big League {league} {year}/{:02}\n", (year + 1) % 100);
        } else {
            let _ = writeln!(
                text,
                "matchday-season 1\ncompetition: Big League {league}\nseason: {year}-{:02}\nformat: league\n",
                (year + 1) % 100
            );
        }
        for (r, round) in rounds.iter().enumerate() {
            let day = date(r);
            if football_txt {
                let _ = writeln!(text, "\nMatchday {}\n[{}]", r + 1, day.format("%b/%-d %Y"));
            } else {
                let _ = writeln!(text, "\n== Matchday {}", r + 1);
            }
            for (i, &(h, a)) in round.iter().enumerate() {
                let (x, y) = ((r * 7 + i * 3) % 5, (r + i * 5 + n) % 4);
                let (home, away) = (club(league, h), club(league, a));
                if football_txt {
                    let _ = writeln!(text, "  {home}  {x}-{y}  {away}");
                } else {
                    let _ = writeln!(text, "{day} | {home} | {away} | {x}-{y}");
                }
            }
        }
        let path = dir.join(format!("{n:05}.{}", if football_txt { "txt" } else { "season" }));
        written += text.len() as u64;
        std::fs::write(&path, text).unwrap();
        files.push(path);
        if written >= megabytes * 1_000_000 {
            break;
        }
    }
    files
}

/// The cases' files, written by a process of their own (this binary run again), so
/// that this one stays small: a child's peak memory counts its parent's from before
/// it started another program.
fn generate(dir: &Path) -> Vec<(String, Vec<PathBuf>)> {
    let list = dir.join("cases.txt");
    let status = Command::new(std::env::current_exe().unwrap())
        .env("MATCHDAY_BENCH_GENERATE", dir)
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(list).unwrap();
    text.lines()
        .map(|line| {
            let mut parts = line.split('\t');
            let label = parts.next().unwrap().to_string();
            (label, parts.map(PathBuf::from).collect())
        })
        .collect()
}

/// Writes the cases' files into `dir`, and their list (a label, then the files) into `cases.txt`.
fn write_cases(dir: &Path) {
    let shared = common::root().join("../shared/data");
    let mut cases: Vec<(String, Vec<PathBuf>)> = Vec::new();
    let csv = shared.join("engsoccerdata/england.csv");
    if csv.is_file() {
        let files = english_history(&csv, &dir.join("history"));
        cases.push(("English league history 1888- (season files)".into(), files));
    }
    for (label, path) in [
        (
            "openfootball Premier League 2023-24",
            "openfootball/england/2023-24/1-premierleague.txt",
        ),
        (
            "openfootball Champions League 2023-24",
            "openfootball/champions-league/2023-24/cl.txt",
        ),
    ] {
        if shared.join(path).is_file() {
            cases.push((label.into(), vec![shared.join(path)]));
        }
    }
    let megabytes = std::env::var("MATCHDAY_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    for (football_txt, label) in [(false, "season files"), (true, "Football.TXT")] {
        let folder = dir.join(label.replace('.', "-"));
        let files = big_leagues(&folder.join("40"), megabytes, football_txt, 40);
        cases.push((
            format!("40-club leagues, one season ({label})"),
            files[..1].to_vec(),
        ));
        cases.push((format!("40-club leagues, every season ({label})"), files));
        // The largest single file: one season of 9,900 matches.
        let files = big_leagues(&folder.join("100"), 0, football_txt, 100);
        cases.push((format!("100-club league, one season ({label})"), files));
    }
    let mut list = String::new();
    for (label, files) in cases {
        list.push_str(&label);
        for file in files {
            list.push('\t');
            list.push_str(&file.display().to_string());
        }
        list.push('\n');
    }
    std::fs::write(dir.join("cases.txt"), list).unwrap();
}

fn main() {
    if let Some(dir) = std::env::var_os("MATCHDAY_BENCH_GENERATE") {
        write_cases(Path::new(&dir));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let cases = generate(dir.path());
    println!("peak resident memory of `matchday import` into a new database");
    for (label, files) in cases {
        report(&label, files.len(), &import(dir.path(), &files));
    }
    refusals(dir.path());
}

/// Writes `megabytes` of `line` repeated to `path`, a block at a time (this process stays small).
fn repeated(path: &Path, line: &[u8], megabytes: usize) -> PathBuf {
    use std::io::Write;
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let block = line.repeat(64 * 1024 / line.len());
    for _ in 0..(megabytes * 1_000_000).div_ceil(block.len()) {
        file.write_all(&block).unwrap();
    }
    path.to_path_buf()
}

/// Issue 19: inputs past the bounds (64 MiB a file, 1 MiB a line) are refused when the
/// bound is reached: `/dev/zero` grew to 5.8 GB in 20 s before, `/dev/urandom` to 2.6 GB,
/// and a 100 MB single line took 583 MB. Each must fail, and its peak is printed.
fn refusals(dir: &Path) {
    println!("peak resident memory of `matchday import` refusing what is past the bounds");
    let inputs = [
        ("/dev/zero (one endless line)", PathBuf::from("/dev/zero")),
        (
            "/dev/urandom (endless random bytes)",
            PathBuf::from("/dev/urandom"),
        ),
        (
            "a 100 MB single line",
            repeated(&dir.join("one-line.txt"), b"x", 100),
        ),
        (
            "100 MB of short lines",
            repeated(
                &dir.join("lines.season"),
                b"2024-01-31 | Liverpool FC | Chelsea FC | 4-1\n",
                100,
            ),
        ),
    ];
    for (label, path) in inputs {
        let db = dir.join("refused.db");
        let started = std::time::Instant::now();
        // Waited for with wait4, which is what gives its peak memory.
        #[allow(clippy::zombie_processes)]
        let child = Command::new(env!("CARGO_BIN_EXE_matchday"))
            .arg("--db")
            .arg(&db)
            .arg("import")
            .arg(&path)
            .env_remove("MATCHDAY_DB")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let (status, peak, _) = common::wait_with_usage(child.id() as libc::pid_t);
        assert!(status != 0, "{label}: the import was not refused");
        println!(
            "{label:<44} refused      peak {:>10}  {:>7.2} s",
            common::mib(peak),
            started.elapsed().as_secs_f64()
        );
    }
}
