//! Importing seasons whose every match names two teams not met before: the cost of
//! resolving and storing each new team must stay the same however many there are.
//!
//! Run with `cargo bench -p matchday-cli --bench team_names`. Writes matchday season files
//! of 5,000, 10,000, 20,000 and 40,000 matches, each between two clubs of new names (then
//! the same with a team list giving every club an alias), and imports each with the `matchday` binary into a new database, printing the wall time, the
//! time per thousand matches and the peak memory. Goal: linear, the time per thousand
//! matches about the same at every size.

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use common::{mib, run};

/// A made-up place name for `n`, different for every `n`: syllables, as a base-20 number.
fn place(mut n: usize) -> String {
    const SYLLABLES: [&str; 20] = [
        "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "da", "fe", "go", "hu", "ja", "pe", "ri", "su", "ba",
        "co", "di", "ma",
    ];
    let mut name = String::new();
    loop {
        name.push_str(SYLLABLES[n % 20]);
        n /= 20;
        if n == 0 {
            break;
        }
    }
    let mut chars = name.chars();
    let first = chars.next().unwrap().to_ascii_uppercase();
    std::iter::once(first).chain(chars).collect()
}

/// A league season of `count` matches, each between two clubs no other match names;
/// `listed`, with a team list giving each club another name, as matchday's own files do.
fn season(count: usize, listed: bool) -> String {
    let mut text = String::from(
        "matchday-season 1\ncompetition: New Names League\nslug: new-names-league\nseason: 2023-24\nformat: league\n\n",
    );
    if listed {
        for i in 0..2 * count {
            let (name, suffix) = (place(i), if i % 2 == 0 { "Town" } else { "Rovers" });
            writeln!(text, "team: {name} {suffix} | {name}").unwrap();
        }
        text.push('\n');
    }
    let first = chrono::NaiveDate::from_ymd_opt(2023, 8, 1).unwrap();
    for i in 0..count {
        let date = first + chrono::Days::new((i % 280) as u64);
        writeln!(
            text,
            "{date} | {} Town | {} Rovers | {}-{}",
            place(2 * i),
            place(2 * i + 1),
            i % 4,
            i % 3
        )
        .unwrap();
    }
    text
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    println!("Importing seasons whose every match names two new teams");
    for (listed, count) in [false, true]
        .into_iter()
        .flat_map(|listed| [5_000, 10_000, 20_000, 40_000].map(|count| (listed, count)))
    {
        if count == 5_000 {
            println!(
                "{}",
                if listed {
                    " with a team list giving each team an alias:"
                } else {
                    " matches only:"
                }
            );
        }
        let file = dir.path().join(format!("new-names-{count}-{listed}.season"));
        std::fs::write(&file, season(count, listed)).unwrap();
        let db = dir.path().join(format!("new-names-{count}-{listed}.db"));
        let usage = run(Command::new(env!("CARGO_BIN_EXE_matchday"))
            .arg("--db")
            .arg(&db)
            .arg("import")
            .arg(&file)
            .stderr(std::process::Stdio::null()));
        let secs = usage.wall.as_secs_f64();
        println!(
            "  {count:>6} matches, {:>6} teams: {secs:>7.2} s wall {:>7.2} s CPU  {:>6.3} s per 1,000 matches  peak {}",
            2 * count,
            usage.cpu.as_secs_f64(),
            secs * 1000.0 / count as f64,
            mib(usage.peak)
        );
        check(&db, 2 * count);
    }
}

/// Every team was stored: the import did what it says.
fn check(db: &Path, teams: usize) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let stored: i64 = conn
        .query_row("SELECT count(*) FROM team", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored as usize, teams, "{}", db.display());
}
