//! `matchday backup` and `matchday restore` end to end: a backup taken while another
//! process imports a big file is one consistent snapshot; a restore refuses every file
//! it cannot trust without changing anything, and keeps the database it replaces.

mod common;

use common::matchday;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use rusqlite::Connection;

fn repo_file(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
        .display()
        .to_string()
}

fn ok(dir: &Path, db: &Path, args: &[&str]) -> String {
    let out = matchday(dir, db, args);
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The one-line error and exit 1 of a command that must fail.
fn refusal(dir: &Path, db: &Path, args: &[&str]) -> String {
    let out = matchday(dir, db, args);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
    assert!(out.stdout.is_empty(), "{args:?}: {out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "not one line: {err}");
    err.trim_end().to_string()
}

/// Every file in `dir`, with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

fn count(path: &Path, table: &str) -> i64 {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn integrity(path: &Path) -> String {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn team_names(dir: &Path, db: &Path) -> Vec<String> {
    let teams: serde_json::Value =
        serde_json::from_str(&ok(dir, db, &["teams", "--format", "json"])).unwrap();
    let mut names: Vec<String> = teams
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

/// A season file of a league of `teams` clubs meeting home and away, one round a day
/// (the circle method, so no club plays twice on a day), every match played.
fn big_league(teams: usize) -> (String, usize) {
    let mut text = String::from(
        "matchday-season 1\ncompetition: Big League\nslug: big-league\nseason: 2023-24\nformat: league\nrules: english-history\npoints: 3-1-0\n\n",
    );
    let name = |i: usize| format!("Club {i:03}");
    for i in 0..teams {
        text.push_str(&format!("team: {}\n", name(i)));
    }
    let start = chrono::NaiveDate::from_ymd_opt(2023, 8, 1).unwrap();
    let rounds = teams - 1;
    let mut matches = 0;
    for leg in 0..2 {
        for round in 0..rounds {
            let day = start + chrono::Days::new((leg * rounds + round) as u64);
            text.push_str(&format!("\n== Matchday {}\n", leg * rounds + round + 1));
            let mut ring: Vec<usize> = (1..teams).collect();
            ring.rotate_left(round);
            let mut order = vec![0];
            order.extend(ring);
            for k in 0..teams / 2 {
                let (a, b) = (order[k], order[teams - 1 - k]);
                let (home, away) = if leg == 0 { (a, b) } else { (b, a) };
                let score = format!("{}-{}", (home * 7 + away) % 4, (home + away * 3) % 3);
                text.push_str(&format!("{day} | {} | {} | {score}\n", name(home), name(away)));
                matches += 1;
            }
        }
    }
    (text, matches)
}

#[test]
fn a_backup_while_another_process_imports_a_big_file_is_one_consistent_checked_snapshot() {
    let env = common::Env::new();
    let dir = env.dir.path();
    let db = env.db();
    ok(
        dir,
        &db,
        &["import", &repo_file("tests/fixtures/mini-league.txt")],
    );
    let (before_teams, before_matches) = (count(&db, "team"), count(&db, "match"));
    let (text, added) = big_league(80);
    let big = dir.join("big.season");
    std::fs::write(&big, text).unwrap();

    let mut import = Command::new(env!("CARGO_BIN_EXE_matchday"))
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&big)
        .current_dir(dir)
        .env_remove("MATCHDAY_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut copies = Vec::new();
    let mut during = 0;
    loop {
        let finished = import.try_wait().unwrap().is_some();
        let copy = dir.join(format!("copy-{}.db", copies.len()));
        let said = ok(dir, &db, &["backup", copy.to_str().unwrap()]);
        assert!(said.contains("integrity ok"), "{said}");
        copies.push(copy);
        if finished {
            break;
        }
        // Still running once this backup was done: it was taken during the import.
        if import.try_wait().unwrap().is_none() {
            during += 1;
        }
    }
    let out = import.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the import failed beside the backups: {out:?}"
    );
    assert!(during >= 1, "no backup was taken while the import ran");
    for copy in &copies {
        assert_eq!(integrity(copy), "ok", "{}", copy.display());
        let (teams, matches) = (count(copy, "team"), count(copy, "match"));
        // The import is one transaction: a copy has none of it or all of it.
        let none = (teams, matches) == (before_teams, before_matches);
        let all = (teams, matches) == (before_teams + 80, before_matches + added as i64);
        assert!(
            none || all,
            "{}: {teams} teams, {matches} matches",
            copy.display()
        );
    }
    let last = copies.last().unwrap();
    assert_eq!(count(last, "match"), before_matches + added as i64);
    // A copy is a database matchday reads as it is.
    let table = ok(dir, last, &["table", "Big League"]);
    assert!(table.contains("Club 000"), "{table}");
    eprintln!(
        "{} backups, {during} during the import of {added} matches",
        copies.len()
    );
}

#[test]
fn a_backup_never_overwrites_unasked_and_never_leaves_half_a_file() {
    let env = common::Env::new();
    let dir = env.dir.path();
    let db = env.db();
    ok(
        dir,
        &db,
        &["import", &repo_file("tests/fixtures/mini-league.txt")],
    );
    let said = ok(dir, &db, &["backup", "saved.db"]);
    assert!(
        said.starts_with(&format!("backed up {} to saved.db: ", db.display())),
        "{said}"
    );
    assert!(
        said.contains("schema version")
            && said.contains("4 teams")
            && said.contains("8 matches (6 played, 2 not)"),
        "{said}"
    );
    let saved = dir.join("saved.db");
    assert_eq!(count(&saved, "match"), 8);

    ok(dir, &db, &["team", "add", "Zed"]);
    let before = files(dir);
    let err = refusal(dir, &db, &["backup", "saved.db"]);
    assert!(err.contains("saved.db already exists; add --force"), "{err}");
    assert!(files(dir) == before, "a refused backup changed a file");
    let err = refusal(dir, &db, &["backup", db.to_str().unwrap(), "--force"]);
    assert!(err.contains("the database itself"), "{err}");
    let err = refusal(dir, &db, &["backup", "no/such/folder/b.db"]);
    assert!(err.contains("cannot"), "{err}");
    let err = refusal(dir, &dir.join("none.db"), &["backup", "b.db"]);
    assert!(err.contains("no matchday database"), "{err}");
    assert!(files(dir) == before, "a refused backup changed a file");
    assert!(!dir.join("no").exists() && !dir.join("none.db").exists());

    ok(dir, &db, &["backup", "saved.db", "--force"]);
    assert!(team_names(dir, &saved).contains(&"Zed".to_string()));
    // Only the database, its log and the backup: no temporary file left beside them.
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("matchday.db"))
        .collect();
    assert_eq!(names, ["saved.db"]);
}

#[test]
fn a_restore_replaces_the_database_and_keeps_the_one_it_replaced() {
    let env = common::Env::new();
    let dir = env.dir.path();
    let db = env.db();
    ok(
        dir,
        &db,
        &["import", &repo_file("tests/fixtures/mini-league.txt")],
    );
    ok(dir, &db, &["backup", "saved.db"]);
    ok(dir, &db, &["team", "add", "Zed"]);
    ok(
        dir,
        &db,
        &[
            "result",
            "Southbury 2-0 Northfield",
            "-c",
            "Mini League",
            "-d",
            "2023-09-02",
        ],
    );
    let saved = std::fs::read(dir.join("saved.db")).unwrap();

    let said = ok(dir, &db, &["restore", "saved.db"]);
    let mut lines = said.lines();
    let first = lines.next().unwrap();
    assert!(
        first.starts_with(&format!("restored {} from saved.db: ", db.display())),
        "{said}"
    );
    assert!(
        first.contains("integrity ok") && first.contains("(6 played, 2 not)"),
        "{said}"
    );
    let kept_line = lines.next().unwrap();
    let kept = PathBuf::from(
        kept_line
            .strip_prefix("the database it replaced is kept in ")
            .unwrap(),
    );
    let stamp = kept.file_name().unwrap().to_string_lossy().into_owned();
    let stamp = stamp.strip_prefix("matchday.db.before-restore-").unwrap();
    assert!(
        chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S").is_ok(),
        "{stamp}"
    );

    assert!(!team_names(dir, &db).contains(&"Zed".to_string()));
    assert!(team_names(dir, &kept).contains(&"Zed".to_string()));
    assert_eq!(count(&kept, "match WHERE status = 'played'"), 7);
    assert_eq!(count(&db, "match WHERE status = 'played'"), 6);
    assert_eq!(integrity(&kept), "ok");
    assert_eq!(
        std::fs::read(dir.join("saved.db")).unwrap(),
        saved,
        "the backup was written to"
    );
    // The restored database takes writes as any other.
    ok(dir, &db, &["team", "add", "Zed"]);
}

#[test]
fn a_backup_of_an_older_schema_is_upgraded_as_it_is_restored() {
    let env = common::Env::new();
    let dir = env.dir.path();
    let db = env.db();
    ok(dir, &db, &["team", "add", "Zed"]);
    let old = dir.join("v3.db");
    std::fs::copy(repo_file("tests/schema/v3.db"), &old).unwrap();
    let said = ok(dir, &db, &["restore", "v3.db"]);
    assert!(
        said.contains(&format!(
            "v3.db was at schema version 3; the restored database was upgraded to version {}",
            matchday_store::SCHEMA_VERSION
        )),
        "{said}"
    );
    let table = ok(dir, &db, &["table", "Mini League"]);
    assert!(table.contains("Northfield"), "{table}");
    assert!(!team_names(dir, &db).contains(&"Zed".to_string()));
    // The file restored from is left at its version.
    let conn = Connection::open_with_flags(&old, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 3);
}

#[test]
fn a_restore_refuses_every_file_it_cannot_trust_in_one_line_changing_nothing() {
    let env = common::Env::new();
    let dir = env.dir.path();
    let db = env.db();
    ok(
        dir,
        &db,
        &["import", &repo_file("tests/fixtures/mini-league.txt")],
    );
    ok(dir, &db, &["backup", "good.db"]);

    let newer = dir.join("newer.db");
    std::fs::copy(dir.join("good.db"), &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", matchday_store::SCHEMA_VERSION + 1)
        .unwrap();
    Connection::open(dir.join("invoices.db"))
        .unwrap()
        .execute_batch("CREATE TABLE invoice (id INTEGER PRIMARY KEY); INSERT INTO invoice VALUES (1);")
        .unwrap();
    Connection::open(dir.join("marked.db"))
        .unwrap()
        .pragma_update(None, "application_id", 0x0F05_5A1E)
        .unwrap();
    std::fs::write(dir.join("notes.txt"), "Northfield 2-1 Southbury\n".repeat(100)).unwrap();
    std::fs::write(dir.join("empty.db"), b"").unwrap();
    // The page of the match table's pairing index overwritten; the schema left whole.
    let mut bytes = std::fs::read(dir.join("good.db")).unwrap();
    let good = Connection::open(dir.join("good.db")).unwrap();
    let page: i64 = good.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    let page = page as usize;
    let root: i64 = good
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'match_meetings'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(good);
    let root = root as usize;
    for b in &mut bytes[(root - 1) * page..root * page] {
        *b = 0x5A;
    }
    std::fs::write(dir.join("damaged.db"), &bytes).unwrap();
    let truncated = &std::fs::read(dir.join("good.db")).unwrap()[..3 * page];
    std::fs::write(dir.join("truncated.db"), truncated).unwrap();

    let before = files(dir);
    let cases = [
        ("newer.db", "newer than this matchday knows"),
        ("invoices.db", "is not a matchday database"),
        ("marked.db", "is not a matchday database"),
        ("notes.txt", "is not a matchday database"),
        ("empty.db", "is not a matchday database"),
        ("damaged.db", "is damaged"),
        ("truncated.db", "is damaged"),
        ("missing.db", "there is no file there"),
        ("matchday.db", "the database itself"),
    ];
    for (file, says) in cases {
        let err = refusal(dir, &db, &["restore", file]);
        assert!(err.starts_with("error: nothing restored"), "{file}: {err}");
        assert!(err.contains(says), "{file}: {err}");
        assert!(files(dir) == before, "restoring {file} changed a file");
    }
}

/// Issue 19: a file with matchday's application id and schema version but no tables was
/// restored over the database (no copy kept) with "nothing restored, ... is as it was";
/// backups missing a table or trigger, or with a match whose date is not a date, were
/// restored with "integrity ok" and every command failed after. Each is refused in one
/// line naming what is wrong, changing no file; README.md is named as no SQLite file at all.
#[test]
fn a_restore_refuses_a_backup_unlike_matchdays_schema_or_with_a_row_that_does_not_read_back() {
    let env = common::Env::new();
    let dir = env.dir.path();
    let db = env.db();
    ok(
        dir,
        &db,
        &["import", &repo_file("tests/fixtures/mini-league.txt")],
    );
    ok(dir, &db, &["backup", "good.db"]);
    Connection::open(dir.join("forged.db"))
        .unwrap()
        .execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = {};",
            matchday_store::APPLICATION_ID,
            matchday_store::SCHEMA_VERSION
        ))
        .unwrap();
    let damaged = |name: &str, sql: &str| {
        std::fs::copy(dir.join("good.db"), dir.join(name)).unwrap();
        Connection::open(dir.join(name))
            .unwrap()
            .execute_batch(sql)
            .unwrap();
    };
    damaged("no-zone.db", "DROP TABLE zone");
    damaged("no-change-row.db", "DROP TABLE change_row");
    damaged("no-deduction.db", "DROP TABLE deduction");
    damaged("no-trigger.db", "DROP TRIGGER change_log_match_update");
    damaged("bad-date.db", "UPDATE match SET date = 'not-a-date' WHERE id = 7");
    std::fs::copy(repo_file("README.md"), dir.join("README.md")).unwrap();

    let before = files(dir);
    let cases = [
        (
            "forged.db",
            "forged.db has matchday's mark but none of its tables",
        ),
        ("no-zone.db", "no-zone.db is missing table zone"),
        ("no-change-row.db", "no-change-row.db is missing table change_row"),
        ("no-deduction.db", "no-deduction.db is missing table deduction"),
        (
            "no-trigger.db",
            "no-trigger.db is missing trigger change_log_match_update",
        ),
        (
            "bad-date.db",
            "bad-date.db: Mini League 2023-24 cannot be read: match 7 has a date that is not a date: 'not-a-date'",
        ),
        (
            "README.md",
            "README.md is not a matchday database: it is not an SQLite database at all",
        ),
    ];
    for (file, says) in cases {
        let err = refusal(dir, &db, &["restore", file]);
        assert_eq!(
            err.strip_prefix(&format!(
                "error: nothing restored, {} is as it was: ",
                db.display()
            )),
            Some(&*format!(
                "{says}{}",
                if file == "README.md" {
                    "; it was left untouched"
                } else {
                    ""
                }
            )),
            "{file}"
        );
        assert!(files(dir) == before, "restoring {file} changed a file");
    }
    // Every command still reads the database as it was.
    let table = ok(dir, &db, &["table", "Mini League"]);
    assert!(table.contains("Northfield"), "{table}");
}
