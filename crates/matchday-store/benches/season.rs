//! How long importing and tabling seasons takes.
//!
//! Run with `cargo bench -p matchday-store`. Uses the bundled
//! `data/premier-league-2023-24.season`, and `../shared/data` beside the
//! checkout when it is there: the openfootball 2023-24 Premier League and
//! engsoccerdata's every English league match since 1888.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use matchday_core::{SeasonRecord, Standings, TableOptions};
use matchday_store::Store;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The median of `runs` timings of `f`.
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(std::hint::black_box(f()));
        times.push(start.elapsed());
    }
    times.sort();
    (times[runs / 2], last.expect("ran"))
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn import(record: &SeasonRecord, path: Option<&Path>) -> Store {
    let mut store = match path {
        Some(p) => {
            let _ = std::fs::remove_file(p);
            Store::open(p).unwrap()
        }
        None => Store::open_in_memory().unwrap(),
    };
    store.write(|w| w.import(record, None)).unwrap();
    store
}

fn season(record: &SeasonRecord, label: &str, dir: &Path) {
    println!("{label}: {} matches", record.matches.len());
    let (t, store) = median(11, || import(record, None));
    println!("  import into an in-memory database      {}", ms(t));
    let file = dir.join("bench.db");
    let (t, _) = median(5, || import(record, Some(&file)));
    println!("  import into a database file (WAL)      {}", ms(t));
    let read = store.read();
    let competition = read.competitions().unwrap().remove(0);
    let id = competition.id.unwrap();
    let (t, _) = median(21, || {
        let matches = read.matches(id).unwrap();
        let teams = read.entrants(id).unwrap();
        let deductions = read.deductions(id).unwrap();
        Standings::compute(
            &competition,
            &teams,
            &matches,
            &deductions,
            TableOptions::default(),
        )
    });
    println!("  load from the database and table       {}", ms(t));
    let matches = read.matches(id).unwrap();
    let teams = read.entrants(id).unwrap();
    let mut dates: Vec<_> = matches.iter().map(|m| m.date).collect();
    dates.sort();
    dates.dedup();
    let (t, _) = median(5, || {
        for &day in &dates {
            let options = TableOptions {
                as_of: Some(day),
                ..TableOptions::default()
            };
            std::hint::black_box(Standings::compute(&competition, &teams, &matches, &[], options));
        }
    });
    println!(
        "  a table on each of its {} match days    {} ({} per table)",
        dates.len(),
        ms(t),
        ms(t / dates.len() as u32)
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = root().join("data/premier-league-2023-24.season");
    if let Ok(text) = std::fs::read_to_string(&bundled) {
        let (t, record) = median(21, || matchday_formats::season_file::parse(&text).unwrap());
        println!("parse data/premier-league-2023-24.season  {}", ms(t));
        season(
            &record,
            "Premier League 2023-24 (bundled season file)",
            dir.path(),
        );
    }
    let shared = root().join("../shared/data");
    let txt = shared.join("openfootball/england/2023-24/1-premierleague.txt");
    if let Ok(text) = std::fs::read_to_string(&txt) {
        let (t, _) = median(21, || matchday_formats::football_txt::parse(&text).unwrap());
        println!("parse openfootball 1-premierleague.txt    {}", ms(t));
    }
    let csv = shared.join("engsoccerdata/england.csv");
    if let Ok(text) = std::fs::read_to_string(&csv) {
        let start = Instant::now();
        let records = matchday_formats::engsoccer::parse(&text).unwrap();
        let parsed = start.elapsed();
        let total: usize = records.iter().map(|r| r.matches.len()).sum();
        println!(
            "English league history (engsoccerdata): {} seasons, {total} matches",
            records.len()
        );
        println!("  parse                                  {}", ms(parsed));
        let file = dir.path().join("history.db");
        let start = Instant::now();
        let mut store = Store::open(&file).unwrap();
        store
            .write(|w| {
                for record in &records {
                    w.import(record, None)?;
                }
                Ok::<_, matchday_store::StoreError>(())
            })
            .unwrap();
        println!(
            "  import into a database file             {}",
            ms(start.elapsed())
        );
        let start = Instant::now();
        let read = store.read();
        let mut tables = 0;
        for competition in read.competitions().unwrap() {
            let id = competition.id.unwrap();
            let matches = read.matches(id).unwrap();
            let teams = read.entrants(id).unwrap();
            std::hint::black_box(Standings::compute(
                &competition,
                &teams,
                &matches,
                &[],
                TableOptions::default(),
            ));
            tables += 1;
        }
        println!(
            "  every final table ({tables}), from the database {}",
            ms(start.elapsed())
        );
    }
}
