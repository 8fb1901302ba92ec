//! Restores of damaged backups (issue 19): a backup with matchday's header but not its
//! schema, or holding a row that does not read back, is refused before anything is
//! replaced, and a property test damages a valid backup at random to hold that law.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use matchday_core::{
    DeductionRecord, Format, MatchRecord, MatchStatus, Season, SeasonRecord, TeamRecord, Venue, Zone,
};
use proptest::prelude::*;
use rusqlite::Connection;

use super::{backup, restore};
use crate::{Store, StoreError};

/// A league of four clubs, its first rounds played, with zones and a deduction.
fn league(name: &str, clubs: [&str; 4], played: usize) -> SeasonRecord {
    let [a, b, c, d] = clubs;
    let rounds = [[(a, b), (c, d)], [(a, c), (b, d)], [(a, d), (b, c)]];
    let start = NaiveDate::from_ymd_opt(2023, 8, 12).unwrap();
    let mut matches = Vec::new();
    for (round, pairs) in rounds.iter().enumerate() {
        for (home, away) in pairs {
            let status = if matches.len() < played {
                MatchStatus::Played(format!("{}-1", matches.len() % 3).parse().unwrap())
            } else {
                MatchStatus::Scheduled
            };
            matches.push(MatchRecord {
                date: start + chrono::Days::new(7 * round as u64),
                kickoff: None,
                home: home.to_string(),
                away: away.to_string(),
                venue: Venue::Home,
                round: Some(format!("Matchday {}", round + 1)),
                group: None,
                leg: None,
                replay: false,
                status,
                line: matches.len() + 1,
                closing_odds: None,
            });
        }
    }
    SeasonRecord {
        competition: name.into(),
        season: Some(Season::starting(2023)),
        format: Some(Format::League),
        zones: vec![
            Zone {
                name: "champions".into(),
                first: 1,
                last: 1,
            },
            Zone {
                name: "relegation".into(),
                first: 4,
                last: 4,
            },
        ],
        teams: clubs
            .iter()
            .map(|c| TeamRecord {
                name: c.to_string(),
                aliases: vec![format!("{c} FC")],
            })
            .collect(),
        deductions: vec![DeductionRecord {
            team: d.into(),
            points: 3,
            effective: start,
            reason: "administration".into(),
        }],
        matches,
        ..SeasonRecord::default()
    }
}

/// A database at `path` holding a small league with results, zones, a deduction and
/// some undo history (a result entered, undone and redone, a team added and undone).
fn small_league(path: &Path) {
    let clubs = ["Arsenal", "Burnley", "Chelsea", "Everton"];
    let mut store = Store::open(path).unwrap();
    store
        .write(|w| w.import(&league("Test League", clubs, 3), None))
        .unwrap();
    store
        .write(|w| w.import(&league("Test League", clubs, 4), None))
        .unwrap();
    store.undo(1).unwrap();
    store.redo(1).unwrap();
    store.write(|w| w.add_team("Fulham", &[])).unwrap();
    store.undo(1).unwrap();
}

/// Another league beside it, with clubs of its own.
fn other_league(path: &Path) {
    let clubs = ["Hull", "Ipswich", "Leeds", "Millwall"];
    let mut store = Store::open(path).unwrap();
    store
        .write(|w| w.import(&league("Other League", clubs, 4), None))
        .unwrap();
}

/// The database file and its write-ahead log, as bytes.
fn state(db: &Path) -> (Option<Vec<u8>>, Option<Vec<u8>>) {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    (std::fs::read(db).ok(), std::fs::read(PathBuf::from(wal)).ok())
}

/// The files beside the database a restore keeps or leaves.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("before-restore") || n.ends_with(".tmp"))
        .collect()
}

/// Every read the commands make, at the store's level, on the database at `db`; then a
/// write and its undo. Panics, naming what failed, when one does not work.
fn every_read_works(db: &Path) {
    let store = Store::open_read_only(db).unwrap_or_else(|e| panic!("open to read: {e}"));
    let read = store.read();
    read.teams().expect("teams");
    read.team_names().expect("team names");
    read.clubs().expect("clubs");
    for competition in read.competitions().expect("competitions") {
        let id = competition.id.unwrap();
        let found = read
            .find_competition(&competition.slug, Some(competition.season), None)
            .expect("find the competition");
        assert_eq!(found.id, Some(id));
        read.matches(id).expect("matches");
        read.deductions(id).expect("deductions");
        read.decisions(id).expect("decisions");
        read.entrants(id).expect("entrants");
        read.season_record(id).expect("season record");
    }
    read.list_matches(&crate::MatchFilter::default())
        .expect("results");
    for change in read.changes(None).expect("the log") {
        read.change_rows(change.id).expect("a change's rows");
    }
    drop(store);
    let mut store = Store::open(db).unwrap_or_else(|e| panic!("open to write: {e}"));
    store.write(|w| w.add_team("Zed Athletic", &[])).expect("a write");
    store.undo(1).expect("its undo");
}

/// A scratch folder with `live.db` (a league) and `backup.db` (a backup of it taken
/// before a team was added to the live one).
struct Scene {
    dir: tempfile::TempDir,
}

impl Scene {
    fn new() -> Scene {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("live.db");
        small_league(&live);
        backup(&live, &dir.path().join("backup.db"), false).unwrap();
        Store::open(&live)
            .unwrap()
            .write(|w| w.add_team("Kept FC", &[]))
            .unwrap();
        Scene { dir }
    }

    fn live(&self) -> PathBuf {
        self.dir.path().join("live.db")
    }

    fn backup(&self) -> PathBuf {
        self.dir.path().join("backup.db")
    }

    /// A copy of the backup damaged by `sql`.
    fn damaged(&self, name: &str, sql: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::copy(self.backup(), &path).unwrap();
        Connection::open(&path).unwrap().execute_batch(sql).unwrap();
        path
    }
}

/// Issue 19: a file with matchday's application id and schema version but no tables
/// replaced the live database, keeping no copy, while saying "nothing restored"; backups
/// missing a table or a trigger, or holding a row that does not read back, were restored
/// with "integrity ok" and every command failed after. Each is refused, naming what is
/// wrong, and the live database is left byte for byte.
#[test]
fn a_restore_refuses_a_backup_unlike_matchdays_schema_or_with_a_row_that_does_not_read_back() {
    let scene = Scene::new();
    let forged = scene.dir.path().join("forged.db");
    Connection::open(&forged)
        .unwrap()
        .execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = {};",
            crate::APPLICATION_ID,
            crate::SCHEMA_VERSION
        ))
        .unwrap();
    let readme = scene.dir.path().join("README.md");
    std::fs::write(&readme, "# matchday\n\nA football season tracker.\n".repeat(40)).unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (forged, "forged.db has matchday's mark but none of its tables"),
        (
            scene.damaged("no-zone.db", "DROP TABLE zone"),
            "no-zone.db is missing table zone",
        ),
        (
            scene.damaged("no-log.db", "DROP TABLE change_row"),
            "no-log.db is missing table change_row",
        ),
        (
            scene.damaged("no-deductions.db", "DROP TABLE deduction"),
            "no-deductions.db is missing table deduction",
        ),
        (
            scene.damaged("no-trigger.db", "DROP TRIGGER change_log_match_insert"),
            "no-trigger.db is missing trigger change_log_match_insert",
        ),
        (
            scene.damaged("no-index.db", "DROP INDEX match_by_date"),
            "no-index.db is missing index match_by_date",
        ),
        (
            scene.damaged("extra-column.db", "ALTER TABLE team ADD COLUMN nickname TEXT"),
            "extra-column.db has a table team with a column nickname that matchday does not make",
        ),
        (
            scene.damaged("extra-table.db", "CREATE TABLE invoice (id INTEGER PRIMARY KEY)"),
            "extra-table.db has table invoice that matchday does not make",
        ),
        (
            scene.damaged(
                "bad-date.db",
                "UPDATE match SET date = 'not-a-date' WHERE id = (SELECT min(id) FROM match)",
            ),
            "bad-date.db: Test League 2023-24 cannot be read: match 1 has a date that is not a date: 'not-a-date'",
        ),
        (
            scene.damaged("bad-score.db", "UPDATE match SET ft_home = 'two' WHERE id = 1"),
            "bad-score.db: Test League 2023-24 cannot be read: match 1 has a value of type Text in its ft_home column",
        ),
        (
            readme,
            "README.md is not a matchday database: it is not an SQLite database at all",
        ),
    ];
    let live = scene.live();
    let before = state(&live);
    for (from, says) in cases {
        let err = restore(&live, &from).unwrap_err().to_string();
        assert!(err.contains(says), "{}: {err}", from.display());
        assert!(!err.contains('\n'), "{err}");
        assert!(
            state(&live) == before,
            "{}: the live database changed",
            from.display()
        );
        assert_eq!(
            leftovers(scene.dir.path()),
            Vec::<String>::new(),
            "{}",
            from.display()
        );
    }
    // The undamaged backup is restored, and says where the replaced database is kept.
    let restored = restore(&live, &scene.backup()).unwrap();
    let kept = restored.kept.expect("the replaced database is kept");
    assert!(kept.to_string_lossy().contains("live.db.before-restore-"));
    let kept_teams = Store::open_read_only(&kept).unwrap().read().teams().unwrap();
    assert!(kept_teams.iter().any(|t| t.name == "Kept FC"));
    every_read_works(&live);
}

/// The exact schema check takes every real backup matchday has written, of every version:
/// the files each version made, kept in tests/schema, restore and upgrade.
#[test]
fn a_backup_of_every_earlier_schema_version_passes_the_schema_check_and_is_restored() {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/schema");
    let mut versions = 0;
    for entry in std::fs::read_dir(&schemas).unwrap() {
        let from = entry.unwrap().path();
        if from.extension().is_none_or(|e| e != "db") {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("old.db");
        std::fs::copy(&from, &copy).unwrap();
        let live = dir.path().join("live.db");
        small_league(&live);
        let restored = restore(&live, &copy).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
        assert_eq!(restored.contents.schema_version, crate::SCHEMA_VERSION);
        every_read_works(&live);
        versions += 1;
    }
    assert!(versions >= 9, "only {versions} schema files");
}

/// Issue 19: a stored row that does not read back took down every command. Only its own
/// competition-season's reads fail, naming it and the row; another's, and the list of
/// competitions, still read.
#[test]
fn a_row_that_does_not_read_back_fails_only_its_own_competitions_reads() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    small_league(&db);
    other_league(&db);
    // What is damaged, what the error says, and whether it is the competition's own row
    // (or its zones), read with it, or rows read apart from it.
    let damage = [
        (
            "UPDATE match SET date = 'not-a-date' WHERE id = 2",
            "match 2 has a date that is not a date: 'not-a-date'",
            false,
        ),
        (
            "UPDATE match SET kickoff = '25:99' WHERE id = 2",
            "match 2 has a kick-off that is not a time: '25:99'",
            false,
        ),
        (
            "UPDATE match SET ft_home = 'two' WHERE id = 1",
            "match 1 has a value of type Text in its ft_home column",
            false,
        ),
        (
            "UPDATE deduction SET effective = '2023-02-30' WHERE competition_id = 1",
            "deduction 1 has a date that is not a date: '2023-02-30'",
            false,
        ),
        (
            "UPDATE zone SET last = 'bottom' WHERE name = 'relegation' AND competition_id = 1",
            "has a value of type Text in its last column",
            true,
        ),
        (
            "UPDATE competition SET season = '0-01' WHERE id = 1",
            "competition 1 has a value that cannot be",
            true,
        ),
        (
            "UPDATE competition SET points = 'many' WHERE id = 1",
            "competition 1 has a value that cannot be",
            true,
        ),
    ];
    for (sql, says, own_row) in damage {
        let conn = Connection::open(&db).unwrap();
        // Only the first competition-season's rows are damaged, and put back after.
        conn.execute_batch(&format!("SAVEPOINT damage; {sql};")).unwrap();
        let store = Store::with(conn);
        let read = store.read();
        let other = read.find_competition("other-league", None, None).unwrap();
        let other_id = other.id.unwrap();
        assert_eq!(read.matches(other_id).unwrap().len(), 6, "{sql}");
        read.deductions(other_id).unwrap();
        read.decisions(other_id).unwrap();
        read.competition(other_id).unwrap();
        let hull = read.resolve_team("Hull").unwrap();
        assert_eq!(read.competitions_of(hull).unwrap().len(), 1, "{sql}");
        read.list_matches(&crate::MatchFilter {
            team: Some(hull),
            ..crate::MatchFilter::default()
        })
        .unwrap();
        let listing = read.competition_listing().unwrap();
        let readable = listing.iter().filter(|c| c.is_ok()).count();
        assert_eq!(readable, if own_row { 1 } else { 2 }, "{sql}");
        let mut errors: Vec<String> = listing
            .into_iter()
            .filter_map(Result::err)
            .map(|e| e.to_string())
            .collect();
        // The broken competition-season's own reads fail, naming it and the row.
        let own = read.find_competition("test-league", None, None).and_then(|c| {
            let id = c.id.unwrap();
            read.matches(id)?;
            read.deductions(id)?;
            Ok(c)
        });
        errors.push(own.unwrap_err().to_string());
        for err in errors {
            assert!(
                err.starts_with("Test League ") && err.contains(" cannot be read: "),
                "{sql}: {err}"
            );
            assert!(err.contains(says), "{sql}: {err}");
        }

        store
            .conn
            .execute_batch("ROLLBACK TO damage; RELEASE damage;")
            .unwrap();
    }
}

/// One way of damaging a backup file.
#[derive(Debug, Clone)]
enum Damage {
    /// Drop the `n`th table, index or trigger (of those sorted by name).
    Drop(usize),
    /// Add, rename or drop a column of the `n`th table.
    Alter(usize, u8),
    /// Write a value that matchday never writes into a column of a row.
    Value {
        table: usize,
        column: usize,
        row: usize,
        value: &'static str,
    },
    /// Cut the file to this share of its length (in 1/256ths).
    Truncate(u8),
    /// Overwrite bytes at these shares of the file's length (in 1/65536ths).
    Flip(Vec<(u16, u8)>),
}

const VALUES: &[&str] = &[
    "'not-a-date'",
    "'2023-02-30'",
    "'25:99'",
    "-1",
    "1.5",
    "x'00ff'",
    "NULL",
    "''",
    "99999999999",
    "'weird'",
    "'{}'",
    "0",
];

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        3 => (0usize..64).prop_map(Damage::Drop),
        2 => (0usize..16, 0u8..3).prop_map(|(t, how)| Damage::Alter(t, how)),
        6 => (0usize..16, 0usize..24, 0usize..32, proptest::sample::select(VALUES))
            .prop_map(|(table, column, row, value)| Damage::Value { table, column, row, value }),
        1 => any::<u8>().prop_map(Damage::Truncate),
        2 => proptest::collection::vec((any::<u16>(), any::<u8>()), 1..8).prop_map(Damage::Flip),
    ]
}

/// Applies `damage` to the file at `path`; SQL the file refuses (a constraint, a
/// column an index needs) leaves it as it was.
fn apply(path: &Path, damage: &Damage) {
    let names = |conn: &Connection, sql: &str| -> Vec<(String, String)> {
        conn.prepare(sql)
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .unwrap_or_default()
    };
    let tables = |conn: &Connection| -> Vec<String> {
        names(
            conn,
            "SELECT type, name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
        )
        .into_iter()
        .map(|(_, n)| n)
        .collect()
    };
    match damage {
        Damage::Drop(n) => {
            let conn = Connection::open(path).unwrap();
            let objects = names(
                &conn,
                "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite%' ORDER BY name",
            );
            if let Some((kind, name)) = objects.get(n % objects.len().max(1)) {
                let _ = conn.execute_batch(&format!("DROP {kind} \"{name}\""));
            }
        }
        Damage::Alter(n, how) => {
            let conn = Connection::open(path).unwrap();
            let tables = tables(&conn);
            let Some(table) = tables.get(n % tables.len().max(1)) else {
                return;
            };
            let Ok(column) = conn.query_row(
                &format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid DESC LIMIT 1"),
                [],
                |r| r.get::<_, String>(0),
            ) else {
                return;
            };
            let sql = match how {
                0 => format!("ALTER TABLE \"{table}\" ADD COLUMN extra TEXT"),
                1 => format!("ALTER TABLE \"{table}\" RENAME COLUMN \"{column}\" TO renamed"),
                _ => format!("ALTER TABLE \"{table}\" DROP COLUMN \"{column}\""),
            };
            let _ = conn.execute_batch(&sql);
        }
        Damage::Value {
            table,
            column,
            row,
            value,
        } => {
            let conn = Connection::open(path).unwrap();
            let tables = tables(&conn);
            let Some(table) = tables.get(table % tables.len().max(1)) else {
                return;
            };
            let columns = names(
                &conn,
                &format!("SELECT type, name FROM pragma_table_info('{table}') ORDER BY cid"),
            );
            let Some((_, column)) = columns.get(column % columns.len().max(1)) else {
                return;
            };
            let rows: i64 = conn
                .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| r.get(0))
                .unwrap_or(0);
            if rows > 0 {
                let offset = *row as i64 % rows;
                let _ = conn.execute_batch(&format!(
                    "UPDATE \"{table}\" SET \"{column}\" = {value}
                      WHERE rowid = (SELECT rowid FROM \"{table}\" ORDER BY rowid LIMIT 1 OFFSET {offset})"
                ));
            }
        }
        Damage::Truncate(share) => {
            let bytes = std::fs::read(path).unwrap();
            let keep = bytes.len() * usize::from(*share) / 256;
            std::fs::write(path, &bytes[..keep]).unwrap();
        }
        Damage::Flip(at) => {
            let mut bytes = std::fs::read(path).unwrap();
            let len = bytes.len();
            for (share, byte) in at {
                if len > 0 {
                    bytes[len * usize::from(*share) / 65536] = *byte;
                }
            }
            std::fs::write(path, &bytes).unwrap();
        }
    }
}

/// A scratch folder in memory where there is one: a restore syncs what it writes to disk,
/// which on disk is most of each case's time.
fn scratch() -> tempfile::TempDir {
    let memory = Path::new("/dev/shm");
    match memory.is_dir() {
        true => tempfile::tempdir_in(memory).unwrap_or_else(|_| tempfile::tempdir().unwrap()),
        false => tempfile::tempdir().unwrap(),
    }
}

/// The law of restoring a damaged backup: either it is refused and the live database
/// (file and log) is byte for byte as it was, with no copy kept, or it is restored and
/// every read the commands make works on what it holds.
#[test]
fn a_damaged_backup_is_refused_leaving_the_database_or_restored_and_reads() {
    let template = Scene::new();
    let config = ProptestConfig {
        cases: 32,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let strategy = proptest::collection::vec(damage(), 1..4);
    let (refused, restored) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
    runner
        .run(&strategy, |damages| {
            let dir = scratch();
            let live = dir.path().join("live.db");
            let from = dir.path().join("backup.db");
            std::fs::copy(template.live(), &live).unwrap();
            std::fs::copy(template.backup(), &from).unwrap();
            for damage in &damages {
                apply(&from, damage);
            }
            let before = state(&live);
            match restore(&live, &from) {
                Err(err) => {
                    refused.set(refused.get() + 1);
                    let text = err.to_string();
                    prop_assert!(!text.contains('\n'), "{}", text);
                    prop_assert!(
                        state(&live) == before,
                        "refused ({}) but the live database changed",
                        text
                    );
                    prop_assert!(
                        leftovers(dir.path()).is_empty(),
                        "refused ({}) but kept a copy",
                        text
                    );
                    prop_assert!(!matches!(err, StoreError::RestoredButFailed { .. }), "{}", text);
                }
                Ok(done) => {
                    restored.set(restored.get() + 1);
                    prop_assert!(
                        done.kept.is_some(),
                        "restored without keeping the replaced database"
                    );
                    every_read_works(&live);
                }
            }
            Ok(())
        })
        .unwrap();
    eprintln!(
        "{} damaged backups refused, {} restored",
        refused.get(),
        restored.get()
    );
}
