//! The change log's size over undo/redo cycles of English league history.
//!
//! Run with `cargo bench -p matchday-cli --bench undo_cycles`. Needs engsoccerdata's
//! `england.csv` in `../shared/data` beside the checkout, and says so and stops when it
//! is not there. Imports it into a new database with the `matchday` binary, then runs
//! `matchday undo` and `matchday redo` ten times, printing after each the change log's
//! rows and the bytes of JSON they hold, the database file's size (with its write-ahead
//! log) and what the command took; then `matchday log prune --before tomorrow` and the
//! file's size once compacted. Goal: the log stops growing after the first undo, which
//! alone must keep a copy of the rows it removed.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Usage, mib, run};

fn matchday(db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_matchday"));
    command.arg("--db").arg(db);
    command
}

/// The database and its write-ahead log, in bytes.
fn file_bytes(db: &Path) -> u64 {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    [db, Path::new(&wal)]
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}

/// The change log's rows and the bytes of JSON they hold.
fn log_size(db: &Path) -> (i64, i64) {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row(
        "SELECT count(*), coalesce(sum(coalesce(length(before), 0) + coalesce(length(after), 0)), 0)
         FROM change_row",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

fn line(what: &str, db: &Path, usage: Option<&Usage>) {
    let (rows, json) = log_size(db);
    let took = usage.map_or_else(String::new, |u| {
        format!("{:>7.2} s wall {:>9} peak", u.wall.as_secs_f64(), mib(u.peak))
    });
    println!(
        "  {what:<22} log rows {rows:>8}  log JSON {:>10}  file {:>10}  {took}",
        mib(u64::try_from(json).unwrap_or(0)),
        mib(file_bytes(db))
    );
}

fn main() {
    let csv = common::root().join("../shared/data/engsoccerdata/england.csv");
    if !csv.is_file() {
        println!(
            "undo_cycles: skipped: {} is not there (engsoccerdata's england.csv, in ../shared/data beside the checkout)",
            csv.display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    println!("The change log over ten undo/redo cycles of {}", csv.display());
    let import = run(matchday(&db).arg("import").arg(&csv));
    line("import", &db, Some(&import));
    for cycle in 1..=10 {
        let undo = run(matchday(&db).arg("undo"));
        line(&format!("cycle {cycle:>2}: undo"), &db, Some(&undo));
        let redo = run(matchday(&db).arg("redo"));
        line(&format!("cycle {cycle:>2}: redo"), &db, Some(&redo));
    }
    let prune = run(matchday(&db).args(["log", "prune", "--before", "tomorrow"]));
    line("log prune (all)", &db, Some(&prune));
}
