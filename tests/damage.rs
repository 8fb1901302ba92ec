//! Tests that do the damage on purpose: many real `matchday` processes writing one
//! database at once, and real processes killed (SIGKILL) at random points of a write.
//!
//! After every kill the database must be exactly as it was before the command or as
//! the command leaves it (every data table, the schema and its version compared),
//! pass `PRAGMA integrity_check`, and take the next write.
//!
//! `MATCHDAY_DAMAGE_KILLS=N` sets the kills per scenario (default 40, what CI runs);
//! `MATCHDAY_DAMAGE_SEED=N` replays the kill delays of a run (each scenario prints its
//! seed). Run with `-- --nocapture` to see the tallies.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Instant;

/// The binary run on the database `db`, from `dir`.
fn matchday_command(dir: &Path, db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_matchday"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .current_dir(dir)
        .env_remove("MATCHDAY_DB")
        .env("NO_COLOR", "1");
    command
}

fn matchday(dir: &Path, db: &Path, args: &[&str]) -> Output {
    matchday_command(dir, db, args).output().unwrap()
}

fn succeeds(dir: &Path, db: &Path, args: &[&str]) -> String {
    let out = matchday(dir, db, args);
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// Sixteen clubs, named so that no name is part of another.
const CLUBS: [&str; 16] = [
    "Ashford Town",
    "Barton Rovers",
    "Carlow Athletic",
    "Dunmore United",
    "Elmstead Wanderers",
    "Fenwick Albion",
    "Garston Park",
    "Hexham Harriers",
    "Ilford Vale",
    "Jarrow Borough",
    "Kendal Rangers",
    "Lydney Celtic",
    "Marlow Forest",
    "Norham Swifts",
    "Oakham City",
    "Penrith Dynamo",
];

/// The rounds of a single round robin of `n` teams (the circle method): in each
/// round every team plays once, and each pairing meets once over all rounds.
fn round_robin(n: usize) -> Vec<Vec<(usize, usize)>> {
    (0..n - 1)
        .map(|r| {
            (0..n / 2)
                .map(|i| {
                    let a = if i == 0 { 0 } else { (r + i) % (n - 1) + 1 };
                    let b = (r + n - 1 - i) % (n - 1) + 1;
                    // Alternate grounds so home and away are spread.
                    if (r + i) % 2 == 0 { (a, b) } else { (b, a) }
                })
                .collect()
        })
        .collect()
}

/// A double round robin: the single one, then the same rounds with grounds swapped.
fn double_round_robin(n: usize) -> Vec<Vec<(usize, usize)>> {
    let first = round_robin(n);
    let second: Vec<_> = first
        .iter()
        .map(|round| round.iter().map(|&(h, a)| (a, h)).collect())
        .collect();
    first.into_iter().chain(second).collect()
}

/// The day of round `r` of a season starting in `year`: Saturdays from early August.
fn round_date(year: i32, r: usize) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(year, 8, 5).unwrap() + chrono::Days::new(7 * r as u64)
}

/// A score that depends on where the match sits, so a result stored in the wrong
/// place shows.
fn score_of(year: i32, r: usize, i: usize) -> (u8, u8) {
    (
        ((r * 7 + i * 3) % 5) as u8,
        ((r + i * 5 + year as usize) % 4) as u8,
    )
}

/// A league season file of `teams`, holding the matches of `rounds`; rounds in
/// `played` have results, the others are fixtures.
fn league_file(
    name: &str,
    year: i32,
    teams: &[String],
    rounds: &[Vec<(usize, usize)>],
    played: usize,
) -> String {
    let mut text = format!(
        "matchday-season 1\ncompetition: {name}\nseason: {year}-{:02}\nformat: league\n\n",
        (year + 1) % 100
    );
    for team in teams {
        text.push_str(&format!("team: {team}\n"));
    }
    for (r, round) in rounds.iter().enumerate() {
        text.push_str(&format!("\n== Matchday {}\n", r + 1));
        for (i, &(h, a)) in round.iter().enumerate() {
            let date = round_date(year, r);
            if r < played {
                let (x, y) = score_of(year, r, i);
                text.push_str(&format!("{date} | {} | {} | {x}-{y}\n", teams[h], teams[a]));
            } else {
                text.push_str(&format!("{date} | {} | {}\n", teams[h], teams[a]));
            }
        }
    }
    text
}

fn clubs() -> Vec<String> {
    CLUBS.iter().map(|c| c.to_string()).collect()
}

// ---------------------------------------------------------------- concurrency

/// What one writer of the concurrency test enters: in each of the first 15 rounds of
/// the sixteen clubs' round robin, its own match of the round (8 writers, 8 matches a round).
fn writer_results(writer: usize) -> Vec<(chrono::NaiveDate, String, String, (u8, u8))> {
    round_robin(16)
        .into_iter()
        .enumerate()
        .map(|(r, round)| {
            let (h, a) = round[writer];
            (
                round_date(2023, r),
                CLUBS[h].to_string(),
                CLUBS[a].to_string(),
                score_of(2023, r, writer),
            )
        })
        .collect()
}

/// Runs 8 writers at once, each entering its 15 results one command at a time into
/// the competition `competition(writer)`, first running `setup(writer)` (if any).
/// Returns the writes that failed, and how many were attempted.
fn write_results_at_once(
    dir: &Path,
    db: &Path,
    setup: impl Fn(usize) -> Option<Vec<String>> + Sync,
    competition: impl Fn(usize) -> String + Sync,
) -> (Vec<String>, usize) {
    let attempted = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..8)
            .map(|w| {
                let (setup, competition, attempted) = (&setup, &competition, &attempted);
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    if let Some(args) = setup(w) {
                        let args: Vec<&str> = args.iter().map(String::as_str).collect();
                        let out = matchday(dir, db, &args);
                        if !out.status.success() {
                            failures.push(format!(
                                "writer {w} setup: {}",
                                String::from_utf8_lossy(&out.stderr)
                            ));
                            return failures;
                        }
                    }
                    let competition = competition(w);
                    for (date, home, away, (x, y)) in writer_results(w) {
                        let result = format!("{home} {x}-{y} {away}");
                        let date = date.to_string();
                        attempted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let out = matchday(dir, db, &["result", &result, "-c", &competition, "-d", &date]);
                        if !out.status.success() {
                            failures.push(format!("{result}: {}", String::from_utf8_lossy(&out.stderr)));
                        }
                    }
                    failures
                })
            })
            .collect();
        threads.into_iter().flat_map(|t| t.join().unwrap()).collect()
    });
    (failures, attempted.into_inner())
}

/// A stored result: competition, date, home, away and the score.
type StoredResult = (String, String, String, String, (u64, u64));

/// Every stored result.
fn stored_results(dir: &Path, db: &Path) -> Vec<StoredResult> {
    let rows: serde_json::Value =
        serde_json::from_str(&succeeds(dir, db, &["results", "--format", "json"])).unwrap();
    let mut found: Vec<_> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let ft = &row["full_time"];
            (
                row["competition"].as_str().unwrap().to_string(),
                row["date"].as_str().unwrap().to_string(),
                row["home"].as_str().unwrap().to_string(),
                row["away"].as_str().unwrap().to_string(),
                (ft[0].as_u64().unwrap(), ft[1].as_u64().unwrap()),
            )
        })
        .collect();
    found.sort();
    found
}

fn expected_results(competition: impl Fn(usize) -> String) -> Vec<StoredResult> {
    let mut all: Vec<_> = (0..8)
        .flat_map(|w| {
            let name = competition(w);
            writer_results(w)
                .into_iter()
                .map(move |(d, h, a, (x, y))| (name.clone(), d.to_string(), h, a, (x as u64, y as u64)))
        })
        .collect();
    all.sort();
    all
}

fn integrity(db: &Path) -> String {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn eight_processes_enter_fifteen_results_each_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();

    // An existing database: one league, its sixteen clubs entered, no matches yet;
    // all eight writers enter results into it, so every write checks the others'.
    let existing = dir.join("existing.db");
    let season = dir.join("damage-league.season");
    std::fs::write(&season, league_file("Damage League", 2023, &clubs(), &[], 0)).unwrap();
    succeeds(dir, &existing, &["import", season.to_str().unwrap()]);
    let one = |_: usize| "Damage League".to_string();
    let (failures, attempted) = write_results_at_once(dir, &existing, |_| None, one);
    assert!(failures.is_empty(), "{failures:?}");
    let found = stored_results(dir, &existing);
    println!(
        "existing database: {attempted} results written at once by 8 processes, {} found",
        found.len()
    );
    assert_eq!(attempted, 120);
    assert_eq!(found, expected_results(one));
    assert_eq!(integrity(&existing), "ok");

    // A new database: the eight writers create it at once, each importing its own league
    // of the same clubs (so they also race to create the teams), then enter its results.
    let new = dir.join("new.db");
    let league = |w: usize| format!("Writer {w} League");
    for w in 0..8 {
        std::fs::write(
            dir.join(format!("writer-{w}.season")),
            league_file(&league(w), 2023, &clubs(), &[], 0),
        )
        .unwrap();
    }
    let setup = |w: usize| Some(vec!["import".to_string(), format!("writer-{w}.season")]);
    let (failures, attempted) = write_results_at_once(dir, &new, setup, league);
    assert!(failures.is_empty(), "{failures:?}");
    let found = stored_results(dir, &new);
    println!(
        "new database: {attempted} results written at once by 8 processes, {} found",
        found.len()
    );
    assert_eq!(attempted, 120);
    assert_eq!(found, expected_results(league));
    let teams: serde_json::Value =
        serde_json::from_str(&succeeds(dir, &new, &["teams", "--format", "json"])).unwrap();
    assert_eq!(teams.as_array().unwrap().len(), 16, "a club was created twice");
    assert_eq!(integrity(&new), "ok");
}

// ---------------------------------------------------------------- crashes

/// A small seeded generator (SplitMix64), so a run's kill points can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name)
        .ok()
        .map(|v| v.parse().unwrap_or_else(|_| panic!("{name}={v} is not a number")))
}

fn kills() -> usize {
    env_number("MATCHDAY_DAMAGE_KILLS").unwrap_or(40) as usize
}

fn seed(scenario: &str) -> u64 {
    let base = env_number("MATCHDAY_DAMAGE_SEED").unwrap_or(0x6d61_7463_6864_6179);
    // Each scenario its own stream, so changing one does not move another's kill points.
    scenario
        .bytes()
        .fold(base, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// Everything a database holds, as text: its schema version and application id, its
/// schema, and every row of every table in a fixed order. A missing file reads as an
/// empty database, which is what a new file killed before its first commit must be.
fn dump(db: &Path) -> String {
    use std::fmt::Write as _;
    let conn = if db.exists() {
        rusqlite::Connection::open(db).unwrap()
    } else {
        rusqlite::Connection::open_in_memory().unwrap()
    };
    let mut out = String::new();
    let (version, id): (i64, i64) = conn
        .query_row(
            "SELECT user_version, application_id FROM pragma_user_version, pragma_application_id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    writeln!(out, "user_version {version}, application_id {id}").unwrap();
    let schema: Vec<(String, String, Option<String>)> = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (kind, name, sql) in &schema {
        writeln!(out, "{kind} {name}: {}", sql.as_deref().unwrap_or("")).unwrap();
    }
    for (_, table, _) in schema.iter().filter(|(kind, _, _)| kind == "table") {
        // A change's time and command line (which names the database path) differ between
        // the killed run and the run that made the expected state; what it changed does not.
        let columns = if table == "change" { "id, undoes" } else { "*" };
        let mut statement = conn
            .prepare(&format!("SELECT {columns} FROM \"{table}\""))
            .unwrap();
        let columns = statement.column_count();
        let mut rows: Vec<String> = statement
            .query_map([], |r| {
                (0..columns)
                    .map(|c| r.get::<_, rusqlite::types::Value>(c).map(|v| format!("{v:?}")))
                    .collect::<Result<Vec<_>, _>>()
                    .map(|cells| cells.join(" | "))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        writeln!(out, "{table}: {} rows", rows.len()).unwrap();
        for row in rows {
            writeln!(out, "  {row}").unwrap();
        }
    }
    out
}

/// A database file with its side files, copied to `to` (which must not exist yet).
fn copy_database(from: &Path, to: &Path) {
    if from.exists() {
        std::fs::copy(from, to).unwrap();
    }
}

fn remove_database(db: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(path));
    }
}

/// What a command is allowed to leave behind, by name ("before", "after", ...).
struct States(Vec<(&'static str, String)>);

/// How the kills of one scenario went.
#[derive(Debug, Default)]
struct Tally {
    /// Processes killed while still running.
    killed: usize,
    /// Processes that had finished before their kill came.
    finished: usize,
    /// How often each allowed state was found afterwards.
    found: Vec<(&'static str, usize)>,
}

/// Kills `args` run on copies of `pristine` (which may not exist: a new database)
/// `kills` times at seeded random delays spread over the command's measured run time,
/// and checks each copy afterwards against `states`.
fn kill_repeatedly(
    scenario: &'static str,
    dir: &Path,
    pristine: &Path,
    args: &[&str],
    states: &States,
) -> Tally {
    let kills = kills();
    let seed = seed(scenario);
    // How long the whole command takes here, so the kills spread over all of it: the
    // fastest of three runs, as the first may share the cores with this binary's other
    // tests and the kills after them then mostly land after a faster command has ended.
    let timing = dir.join(format!("{scenario}-timing.db"));
    let duration = (0..3)
        .map(|_| {
            copy_database(pristine, &timing);
            let started = Instant::now();
            let _ = matchday(dir, &timing, args);
            let took = started.elapsed();
            remove_database(&timing);
            took
        })
        .min()
        .expect("three runs");
    println!(
        "{scenario}: the command takes {:.0} ms; {kills} kills, seed {seed} (MATCHDAY_DAMAGE_SEED replays)",
        duration.as_secs_f64() * 1e3
    );
    let mut rng = Rng(seed);
    let mut tally = Tally {
        found: states.0.iter().map(|(name, _)| (*name, 0)).collect(),
        ..Tally::default()
    };
    for kill in 0..kills {
        let db = dir.join(format!("{scenario}-{kill}.db"));
        copy_database(pristine, &db);
        let delay = duration.mul_f64(rng.unit() * 1.1);
        let mut child: Child = matchday_command(dir, &db, args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_some() {
            tally.finished += 1;
        } else {
            tally.killed += 1;
        }
        // SIGKILL on unix: no destructor, no flush, no rollback runs.
        child.kill().unwrap();
        child.wait().unwrap();
        let what = format!("{scenario}, kill {kill} after {delay:?} (seed {seed})");
        let now = dump(&db);
        let Some(state) = states.0.iter().position(|(_, dump)| *dump == now) else {
            let names: Vec<_> = states.0.iter().map(|(name, _)| *name).collect();
            panic!("{what}: the database is none of {names:?}:\n{now}");
        };
        tally.found[state].1 += 1;
        if db.exists() {
            assert_eq!(integrity(&db), "ok", "{what}");
        }
        let next = matchday(dir, &db, &["team", "add", "Next Write Wanderers"]);
        assert!(next.status.success(), "{what}: the next write failed: {next:?}");
        assert_eq!(integrity(&db), "ok", "{what}, after the next write");
        remove_database(&db);
    }
    println!("{scenario}: {tally:?}");
    assert_eq!(tally.killed + tally.finished, kills);
    // The delays spread over the run: most kills must land while it runs.
    assert!(
        tally.killed * 2 >= kills,
        "{scenario}: only {} of {kills} kills hit a running process",
        tally.killed
    );
    tally
}

/// The state `args` leaves a copy of `pristine` in, run to the end.
fn state_after(dir: &Path, pristine: &Path, args: &[&str], must_succeed: bool) -> String {
    let db = dir.join("reference.db");
    copy_database(pristine, &db);
    let out = matchday(dir, &db, args);
    assert_eq!(out.status.success(), must_succeed, "{args:?}: {out:?}");
    let state = dump(&db);
    remove_database(&db);
    state
}

/// The 24 clubs of the history league: the sixteen, and eight of their reserve sides.
fn history_club(i: usize) -> String {
    if i < 16 {
        CLUBS[i].to_string()
    } else {
        format!("{} Reserves", CLUBS[i - 16])
    }
}

/// Ten seasons of a 24-club league, the first already stored with its first half played:
/// the import updates those fixtures, completes that season and adds nine more (5,520
/// matches), all in one transaction.
fn history_files(dir: &Path) -> (Vec<String>, String) {
    let teams: Vec<String> = (0..24).map(history_club).collect();
    let rounds = double_round_robin(24);
    let partial = dir.join("history-2014.partial.season");
    std::fs::write(&partial, league_file("History League", 2014, &teams, &rounds, 23)).unwrap();
    let files = (2014..2024)
        .map(|year| {
            let path = dir.join(format!("history-{year}.season"));
            std::fs::write(
                &path,
                league_file("History League", year, &teams, &rounds, rounds.len()),
            )
            .unwrap();
            path.display().to_string()
        })
        .collect();
    (files, partial.display().to_string())
}

/// A database that holds one partly played season of the history league, checkpointed
/// into its one file.
fn history_database(dir: &Path) -> (PathBuf, Vec<String>) {
    let (files, partial) = history_files(dir);
    let db = dir.join("history.db");
    succeeds(dir, &db, &["import", &partial]);
    (db, files)
}

#[test]
fn a_large_import_killed_anywhere_leaves_the_database_before_or_after() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let (pristine, files) = history_database(dir);
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    let states = States(vec![
        ("before", dump(&pristine)),
        ("after", state_after(dir, &pristine, &args, true)),
    ]);
    kill_repeatedly("import", dir, &pristine, &args, &states);
    assert_eq!(dump(&pristine), states.0[0].1, "the pristine copy changed");
}

#[test]
fn a_result_killed_anywhere_leaves_the_database_before_or_after() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let (pristine, _) = history_database(dir);
    // A fixture of the partly played season's second half, completed.
    let rounds = double_round_robin(24);
    let (h, a) = rounds[23][0];
    let result = format!("{} 3-2 {}", history_club(h), history_club(a));
    let date = round_date(2014, 23).to_string();
    let args = ["result", &result, "-c", "History League", "-d", &date];
    let states = States(vec![
        ("before", dump(&pristine)),
        ("after", state_after(dir, &pristine, &args, true)),
    ]);
    assert_ne!(states.0[0].1, states.0[1].1);
    kill_repeatedly("result", dir, &pristine, &args, &states);
}

/// A database of schema version 1 (the first migration only), as the first release
/// wrote it, holding three competitions of 24 clubs' double round robins (1,656 matches)
/// for every later migration to rewrite.
fn version_1_database(dir: &Path) -> PathBuf {
    let db = dir.join("version-1.db");
    let migrations = Path::new(env!("CARGO_MANIFEST_DIR")).join("../matchday-store/migrations");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(&std::fs::read_to_string(migrations.join("0001_initial.sql")).unwrap())
        .unwrap();
    conn.execute_batch("PRAGMA user_version = 1; BEGIN").unwrap();
    for i in 0..24_i64 {
        let name = format!("Old Club {i}");
        conn.execute(
            "INSERT INTO team (id, name, key) VALUES (?1, ?2, ?3)",
            rusqlite::params![i + 1, name, name.to_lowercase()],
        )
        .unwrap();
    }
    let rounds = double_round_robin(24);
    for (c, year) in (0_i64..).zip([2020, 2021, 2022]) {
        conn.execute(
            "INSERT INTO competition (id, slug, name, season, season_start, format, rules, points)
             VALUES (?1, 'old-league', 'Old League', ?2, ?3, 'league', 'classic', '3-1-0')",
            rusqlite::params![c + 1, format!("{year}-{:02}", (year + 1) % 100), year],
        )
        .unwrap();
        for t in 0..24_i64 {
            conn.execute(
                "INSERT INTO entrant (competition_id, team_id) VALUES (?1, ?2)",
                rusqlite::params![c + 1, t + 1],
            )
            .unwrap();
        }
        for (r, round) in rounds.iter().enumerate() {
            for (i, &(h, a)) in round.iter().enumerate() {
                let (x, y) = score_of(year, r, i);
                conn.execute(
                    "INSERT INTO match (competition_id, date, home_id, away_id, venue, round, status,
                         ft_home, ft_away, ht_home, ht_away)
                     VALUES (?1, ?2, ?3, ?4, 'home', ?5, 'played', ?6, ?7, 0, 0)",
                    rusqlite::params![
                        c + 1,
                        round_date(year, r).to_string(),
                        h as i64 + 1,
                        a as i64 + 1,
                        format!("Matchday {}", r + 1),
                        x,
                        y
                    ],
                )
                .unwrap();
            }
        }
    }
    conn.execute_batch("COMMIT").unwrap();
    drop(conn);
    db
}

#[test]
fn an_upgrade_killed_anywhere_leaves_the_old_version_or_the_new() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let pristine = version_1_database(dir);
    // A write upgrades the file (one transaction), then adds the team (another).
    let args = ["team", "add", "Zed Rovers"];
    let states = States(vec![
        ("before", dump(&pristine)),
        // A refused write still upgrades: the state between the two transactions.
        (
            "upgraded",
            state_after(dir, &pristine, &["team", "add", "Old Club 3"], false),
        ),
        ("after", state_after(dir, &pristine, &args, true)),
    ]);
    let latest = format!("user_version {},", matchday_store::SCHEMA_VERSION);
    assert!(states.0[1].1.starts_with(&latest), "{}", states.0[1].1);
    kill_repeatedly("upgrade", dir, &pristine, &args, &states);
}

#[test]
fn a_new_database_killed_while_it_is_created_is_empty_or_whole() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let pristine = dir.join("never-created.db");
    let args = ["team", "add", "Zed Rovers"];
    let states = States(vec![
        ("before", dump(&pristine)),
        // A write refused after the file is opened: created, nothing in it.
        (
            "created",
            state_after(
                dir,
                &pristine,
                &["result", "Zed 1-0 Yew", "-c", "none", "-d", "2024-01-01"],
                false,
            ),
        ),
        ("after", state_after(dir, &pristine, &args, true)),
    ]);
    kill_repeatedly("new-database", dir, &pristine, &args, &states);
}

/// Issue 19: a stored row that does not read back (a date that is not a date, a zone
/// whose place is text, a competition's season that is no season) took down every
/// command. Another competition's `table`, `results` and `track`, and `competitions`,
/// still work; the broken competition's own commands fail in one line naming it and
/// the row.
#[test]
fn a_row_that_does_not_read_back_takes_down_only_its_own_competitions_commands() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let db = dir.join("m.db");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    succeeds(
        dir,
        &db,
        &["import", fixtures.join("mini-league.txt").to_str().unwrap()],
    );
    std::fs::write(
        dir.join("other.season"),
        "matchday-season 1\ncompetition: Other League\nslug: other-league\nseason: 2023-24\n\
         format: league\nrules: plain\npoints: 3-1-0\n\nteam: Hull\nteam: Leeds\n\n\
         2023-08-12 | Hull | Leeds | 2-0\n2023-08-19 | Leeds | Hull | 1-1\n",
    )
    .unwrap();
    succeeds(dir, &db, &["import", "other.season"]);
    let pristine = std::fs::read(&db).unwrap();
    let broken = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT id FROM competition WHERE slug = 'mini-league'", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap();
    let damage = [
        (
            format!(
                "UPDATE match SET date = 'not-a-date' WHERE id = (SELECT min(id) FROM match WHERE competition_id = {broken})"
            ),
            "has a date that is not a date: 'not-a-date'",
        ),
        (
            format!("UPDATE zone SET last = 'bottom' WHERE competition_id = {broken}"),
            "has a value of type Text in its last column",
        ),
        (
            format!("UPDATE competition SET season = '0-01' WHERE id = {broken}"),
            "has a value that cannot be",
        ),
    ];
    for (sql, says) in damage {
        std::fs::write(&db, &pristine).unwrap();
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute_batch(&sql)
            .unwrap();
        let table = succeeds(dir, &db, &["table", "other-league"]);
        assert!(
            table.contains("Hull") && table.contains("Leeds"),
            "{sql}: {table}"
        );
        let results = succeeds(dir, &db, &["results", "-c", "other-league"]);
        assert!(results.contains("Hull"), "{sql}: {results}");
        let track = succeeds(dir, &db, &["track", "Leeds"]);
        assert!(track.contains("Other League"), "{sql}: {track}");
        let out = matchday(dir, &db, &["competitions"]);
        assert!(out.status.success(), "{sql}: {out:?}");
        let listed = String::from_utf8(out.stdout).unwrap();
        assert!(listed.contains("other-league"), "{sql}: {listed}");
        for args in [["table", "mini-league"], ["results", "-c"]] {
            let mut args = args.to_vec();
            if args[0] == "results" {
                args.push("mini-league");
            }
            let out = matchday(dir, &db, &args);
            assert!(!out.status.success(), "{sql}: {args:?}");
            assert!(out.stdout.is_empty(), "{sql}: {args:?}");
            let err = String::from_utf8(out.stderr).unwrap();
            assert_eq!(err.lines().count(), 1, "{sql}: {args:?}: {err}");
            assert!(
                err.starts_with("error: Mini League ")
                    && err.contains(" cannot be read: ")
                    && err.contains(says),
                "{sql}: {args:?}: {err}"
            );
        }
    }
}
