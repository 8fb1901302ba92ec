//! Schema migrations, counted in `PRAGMA user_version`.

use matchday_core::{Format, Stage};
use std::path::Path;

use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use crate::rows::StageColumns;
use crate::{APPLICATION_ID, StoreError};

/// The migrations in order, by file name; each is applied once, inside a transaction.
pub(crate) const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_initial", include_str!("../migrations/0001_initial.sql")),
    (
        "0002_regulations",
        include_str!("../migrations/0002_regulations.sql"),
    ),
    ("0003_structure", include_str!("../migrations/0003_structure.sql")),
    (
        "0004_honest_scores",
        include_str!("../migrations/0004_honest_scores.sql"),
    ),
    ("0005_rounds", include_str!("../migrations/0005_rounds.sql")),
    (
        "0006_change_log",
        include_str!("../migrations/0006_change_log.sql"),
    ),
    ("0007_clubs", include_str!("../migrations/0007_clubs.sql")),
    (
        "0008_faster_imports",
        include_str!("../migrations/0008_faster_imports.sql"),
    ),
    ("0009_meetings", include_str!("../migrations/0009_meetings.sql")),
    (
        "0010_settlements_and_qualifying",
        include_str!("../migrations/0010_settlements_and_qualifying.sql"),
    ),
    (
        "0011_alias_keys",
        include_str!("../migrations/0011_alias_keys.sql"),
    ),
    (
        "0012_live_scores",
        include_str!("../migrations/0012_live_scores.sql"),
    ),
    (
        "0013_closing_odds",
        include_str!("../migrations/0013_closing_odds.sql"),
    ),
];

/// The schema version from which every change to the data is logged.
const LOGGED_FROM: i64 = 6;

/// What a migration needs done in Rust after its SQL, in the same transaction.
fn after(name: &str, tx: &Transaction<'_>) -> Result<(), StoreError> {
    match name {
        "0005_rounds" => fill_stages(tx, false),
        // Labels of rounds this version first reads ("First qualifying round") were stored untyped.
        "0010_settlements_and_qualifying" => fill_stages(tx, true),
        "0007_clubs" => crate::clubs::fill_clubs(tx),
        _ => Ok(()),
    }
}

/// Fills the typed stage columns of the stored matches from their labels,
/// with the parser imports use, so a re-import finds what it would write;
/// with `untyped_only`, only those of matches stored with no typed stage.
fn fill_stages(tx: &Transaction<'_>, untyped_only: bool) -> Result<(), StoreError> {
    let rows: Vec<(i64, String, String, String)> = tx
        .prepare(&format!(
            "SELECT match.id, competition.format, match.grp, match.round
             FROM match JOIN competition ON competition.id = match.competition_id{}",
            if untyped_only {
                " WHERE match.stage IS NULL"
            } else {
                ""
            }
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut update =
        tx.prepare("UPDATE match SET stage = ?2, round_kind = ?3, round_number = ?4 WHERE id = ?1")?;
    for (id, format, group, round) in rows {
        let format: Format = format.parse()?;
        let stage = Stage::typed_for_labels(format, Some(group.as_str()), Some(round.as_str()));
        let columns = StageColumns::of(stage);
        update.execute(params![
            id,
            columns.stage,
            columns.round_kind,
            columns.round_number
        ])?;
    }
    Ok(())
}

/// The tables of a matchday database from before the application id (schema versions 1 to 5).
const UNMARKED_TABLES: &[&str] = &[
    "team",
    "team_alias",
    "competition",
    "zone",
    "entrant",
    "match",
    "deduction",
    "decision",
    "decision_team",
    // A version-6 file whose id was cleared by hand still holds matchday's log.
    "change",
    "change_row",
    // And a version-7 one its clubs.
    "club",
];

/// Whose a database is, as its header and tables say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Identity {
    /// No tables, no id, no version: a new file, matchday's to fill.
    Empty,
    /// Marked with matchday's application id.
    Matchday,
    /// Matchday's tables and schema version, from before the id: adopted on the first write.
    Unmarked,
}

/// Says whose the database is, refusing one that is another program's, and gives its
/// schema version. Only reads, and all in one read transaction, so what it sees is one
/// snapshot even while another process is creating or upgrading the database: its marks
/// and its schema are never read from either side of another process's commit.
pub(crate) fn identify(conn: &Connection, path: &Path) -> Result<(Identity, i64), StoreError> {
    if !conn.is_autocommit() {
        // Already inside a transaction (a migration's, under the write lock): one snapshot.
        return identify_in_snapshot(conn, path);
    }
    conn.execute_batch("BEGIN DEFERRED")?;
    let identified = identify_in_snapshot(conn, path);
    // Only read: nothing to keep, and a failed rollback must not hide what was found.
    let _ = conn.execute_batch("ROLLBACK");
    identified
}

fn identify_in_snapshot(conn: &Connection, path: &Path) -> Result<(Identity, i64), StoreError> {
    let (application_id, version, tables, objects): (i32, i64, String, i64) = conn.query_row(
        "SELECT (SELECT application_id FROM pragma_application_id),
                (SELECT user_version FROM pragma_user_version),
                (SELECT coalesce(group_concat(name, ' '), '') FROM sqlite_schema
                  WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'),
                (SELECT count(*) FROM sqlite_schema)",
        [],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
    )?;
    let tables: Vec<&str> = tables.split(' ').filter(|t| !t.is_empty()).collect();
    let foreign = || StoreError::NotMatchday {
        path: path.to_path_buf(),
        application_id: Some(application_id).filter(|&id| id != 0),
    };
    if application_id == APPLICATION_ID {
        return Ok((Identity::Matchday, version));
    }
    if application_id != 0 {
        return Err(foreign());
    }
    // Empty means nothing at all: a file holding only a view or an index is another's.
    if objects == 0 && version == 0 {
        return Ok((Identity::Empty, version));
    }
    // Files were marked from version 5 on: an unmarked file is adopted only when its schema
    // is exactly the one matchday's own migrations made at its version.
    let ours = (1..=UNMARKED_UP_TO).contains(&version)
        && tables.contains(&"team")
        && tables.contains(&"match")
        && tables.iter().all(|t| UNMARKED_TABLES.contains(t))
        && schema_of(conn)? == expected_schema(version)?;
    if ours {
        Ok((Identity::Unmarked, version))
    } else {
        Err(foreign())
    }
}

/// The last schema version matchday wrote without its application id.
const UNMARKED_UP_TO: i64 = 5;

/// One object of a schema: (type, name, table, SQL with its spacing folded).
type SchemaObject = (String, String, String, String);

/// A schema as its objects, in order, for comparing.
fn schema_of(conn: &Connection) -> Result<Vec<SchemaObject>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema
          WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let sql: String = r.get(3)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                sql.split_whitespace().collect::<Vec<_>>().join(" "),
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The schema matchday's migrations 1 to `version` make, on a database in memory.
fn expected_schema(version: i64) -> Result<Vec<SchemaObject>, StoreError> {
    schema_of(&expected_database(version)?)
}

/// An empty database in memory with the schema matchday makes at `version`: its
/// migrations applied as an upgrade applies them, change-log triggers and all.
fn expected_database(version: i64) -> Result<Connection, StoreError> {
    let mut conn = Connection::open_in_memory()?;
    let tx = conn.transaction()?;
    apply(&tx, 0, version.clamp(0, MIGRATIONS.len() as i64))?;
    tx.commit()?;
    Ok(conn)
}

/// Refuses a file whose schema is not exactly the one matchday makes at `version`
/// (its tables with their columns and constraints, indexes and triggers, the change log's
/// triggers made in Rust among them), naming the first difference: a file with
/// matchday's header and anything else in it is not a database matchday can read.
pub(crate) fn check_schema(conn: &Connection, path: &Path, version: i64) -> Result<(), StoreError> {
    let found = schema_of(conn)?;
    let model = expected_database(version)?;
    let expected = schema_of(&model)?;
    if found == expected {
        return Ok(());
    }
    let unlike = |problem: String| StoreError::SchemaUnlikeMatchdays {
        path: path.to_path_buf(),
        problem,
    };
    if !found.iter().any(|o| o.0 == "table") {
        return Err(unlike("has matchday's mark but none of its tables".into()));
    }
    let find = |schema: &[SchemaObject], kind: &str, name: &str| -> Option<SchemaObject> {
        schema.iter().find(|o| o.0 == kind && o.1 == name).cloned()
    };
    let mut kinds: Vec<&str> = vec!["table", "index", "trigger"];
    for o in found.iter().chain(&expected) {
        if !kinds.contains(&o.0.as_str()) {
            kinds.push(&o.0);
        }
    }
    for kind in kinds {
        let missing: Vec<&str> = expected
            .iter()
            .filter(|o| o.0 == kind && find(&found, kind, &o.1).is_none())
            .map(|o| o.1.as_str())
            .collect();
        match missing.as_slice() {
            [] => {}
            [one] => return Err(unlike(format!("is missing {kind} {one}"))),
            [first, second, more @ ..] => {
                let more = match more.len() {
                    0 => String::new(),
                    n => format!(" and {n} more"),
                };
                return Err(unlike(format!("is missing {kind}s {first}, {second}{more}")));
            }
        }
        if let Some(extra) = found
            .iter()
            .find(|o| o.0 == kind && find(&expected, kind, &o.1).is_none())
        {
            return Err(unlike(format!(
                "has {kind} {} that matchday does not make",
                extra.1
            )));
        }
        for theirs in found.iter().filter(|o| o.0 == kind) {
            let ours = find(&expected, kind, &theirs.1).expect("checked above");
            if *theirs == ours {
                continue;
            }
            if kind == "table" {
                return Err(unlike(table_difference(conn, &model, &theirs.1)?));
            }
            return Err(unlike(format!("has {kind} {} unlike matchday's", theirs.1)));
        }
    }
    Err(unlike("has a schema unlike matchday's".into()))
}

/// How the table `name` in `found` differs from matchday's, in `model`: a column
/// missing, added or changed, or else its constraints.
fn table_difference(found: &Connection, model: &Connection, name: &str) -> Result<String, StoreError> {
    type Column = (String, String, bool, Option<String>, i64);
    let columns = |conn: &Connection| -> Result<Vec<Column>, StoreError> {
        Ok(conn
            .prepare("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?1)")?
            .query_map([name], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?)
    };
    let (theirs, ours) = (columns(found)?, columns(model)?);
    let named = |list: &[Column], column: &str| list.iter().find(|c| c.0 == column).cloned();
    if let Some(gone) = ours.iter().find(|c| named(&theirs, &c.0).is_none()) {
        return Ok(format!("has a table {name} without its column {}", gone.0));
    }
    if let Some(added) = theirs.iter().find(|c| named(&ours, &c.0).is_none()) {
        return Ok(format!(
            "has a table {name} with a column {} that matchday does not make",
            added.0
        ));
    }
    if let Some(changed) = theirs.iter().find(|c| named(&ours, &c.0).as_ref() != Some(*c)) {
        return Ok(format!(
            "has a table {name} whose column {} is unlike matchday's",
            changed.0
        ));
    }
    Ok(format!(
        "has a table {name} whose constraints are unlike matchday's"
    ))
}

/// Checks that a database opened read-only can be read as it is: matchday's,
/// not empty, and at this build's schema version (reads never migrate).
pub(crate) fn check_readable(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let (identity, found) = identify(conn, path)?;
    if identity == Identity::Empty {
        return Err(StoreError::NoDatabase(path.to_path_buf()));
    }
    let known = MIGRATIONS.len() as i64;
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    if found < known {
        return Err(StoreError::TooOld { found, known });
    }
    Ok(())
}

/// Brings the schema up to date in one transaction, so an upgrade cut short (a crash,
/// a kill, a full disk) leaves the file at the version it had, never part-way. The
/// transaction takes the write lock before it reads `user_version`, so processes opening
/// the same new database at once apply each migration exactly once between them.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let known = MIGRATIONS.len() as i64;
    // Up to date and marked: nothing to write, so no need to wait for the lock.
    if identify(conn, path)? == (Identity::Matchday, known) {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Asked again under the lock: another process may have created or changed it meanwhile.
    let (identity, found) = identify(&tx, path)?;
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    if identity != Identity::Matchday {
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    apply(&tx, found, known)?;
    tx.pragma_update(None, "user_version", known)?;
    tx.commit()?;
    Ok(())
}

/// Applies the migrations after version `from` up to `to`, each with what it needs done
/// in Rust (rows filled, the change log's triggers remade), inside `tx`.
fn apply(tx: &Transaction<'_>, from: i64, to: i64) -> Result<(), StoreError> {
    let (from, to) = (from as usize, to as usize);
    for (version, (name, sql)) in (from as i64 + 1..).zip(&MIGRATIONS[from..to]) {
        tx.execute_batch(sql)?;
        after(name, tx)?;
        if version >= LOGGED_FROM {
            // The log's triggers name every column, so they follow every schema change;
            // rows a migration rewrites are logged as a change of their own.
            crate::change_log::install_triggers(tx)?;
            crate::change_log::file_unlogged(tx)?;
        }
        if sql.contains("PRAGMA writable_schema = ON") {
            // A constraint rewritten in place is only read once the schema version moves on;
            // the next statement, in this same transaction, rereads the schema.
            let version: i64 = tx.pragma_query_value(None, "schema_version", |row| row.get(0))?;
            tx.pragma_update(None, "schema_version", version + 1)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn bytes(path: &Path) -> Vec<u8> {
        std::fs::read(path).unwrap()
    }

    fn pragma(path: &Path, name: &str) -> String {
        let conn = Connection::open(path).unwrap();
        conn.pragma_query_value(None, name, |r| r.get::<_, rusqlite::types::Value>(0))
            .map(|v| format!("{v:?}"))
            .unwrap()
    }

    #[test]
    fn a_new_database_is_marked_as_matchdays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        drop(Store::open(&path).unwrap());
        assert_eq!(
            pragma(&path, "application_id"),
            format!("Integer({APPLICATION_ID})")
        );
        assert_eq!(pragma(&path, "journal_mode"), "Text(\"wal\")");
        // Reopening, for reading or writing, takes it as matchday's.
        drop(Store::open_read_only(&path).unwrap());
        drop(Store::open(&path).unwrap());
    }

    #[test]
    fn another_programs_database_is_refused_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let tables = dir.path().join("tables.db");
        Connection::open(&tables)
            .unwrap()
            .execute_batch("CREATE TABLE invoice (id INTEGER PRIMARY KEY); INSERT INTO invoice VALUES (1);")
            .unwrap();
        // Another program's write-ahead-logged file: not switched, not checkpointed, no side files left.
        let logged = dir.path().join("logged.db");
        Connection::open(&logged)
            .unwrap()
            .execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE invoice (id INTEGER);")
            .unwrap();
        let marked = dir.path().join("marked.db");
        Connection::open(&marked)
            .unwrap()
            .pragma_update(None, "application_id", 0x0F05_5A1E)
            .unwrap();
        // Someone else's id on a file with matchday's own tables is still someone else's.
        let lookalike = dir.path().join("lookalike.db");
        {
            let mut conn = Connection::open(&lookalike).unwrap();
            migrate(&mut conn, &lookalike).unwrap();
            conn.pragma_update(None, "application_id", 7).unwrap();
        }
        // Matchday's tables beside one of another program's.
        let mixed = dir.path().join("mixed.db");
        {
            let mut conn = Connection::open(&mixed).unwrap();
            migrate(&mut conn, &mixed).unwrap();
            conn.execute_batch("PRAGMA application_id = 0; CREATE TABLE invoice (id INTEGER);")
                .unwrap();
        }
        for path in [&tables, &logged, &marked, &lookalike, &mixed] {
            let before = bytes(path);
            let journal = pragma(path, "journal_mode");
            for opened in [Store::open(path), Store::open_read_only(path)] {
                let err = opened.err().expect("refused");
                assert!(matches!(err, StoreError::NotMatchday { .. }), "{err}");
                assert!(err.to_string().contains("is not a matchday database"), "{err}");
            }
            assert_eq!(bytes(path), before, "{} was written to", path.display());
            assert_eq!(pragma(path, "journal_mode"), journal);
            assert!(!path.with_extension("db-wal").exists());
        }
        let err = Store::open(&marked).err().unwrap().to_string();
        assert!(err.contains("application id is 0x0f055a1e"), "{err}");
    }

    #[test]
    fn a_database_from_before_the_id_is_marked_on_the_first_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            // Version 5 as its build wrote it, before files were marked.
            let conn = Connection::open(&path).unwrap();
            for (_, sql) in &MIGRATIONS[..5] {
                conn.execute_batch(sql).unwrap();
            }
            conn.execute_batch(
                "PRAGMA user_version = 5; INSERT INTO team (id, name, key) VALUES (1, 'Sample FC', 'sample fc');",
            )
            .unwrap();
        }
        let before = bytes(&path);
        // A read never upgrades: refused as older, the file untouched.
        assert!(matches!(
            Store::open_read_only(&path),
            Err(StoreError::TooOld { .. })
        ));
        assert_eq!(bytes(&path), before);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.read().teams().unwrap().len(), 1);
        drop(store);
        assert_eq!(
            pragma(&path, "application_id"),
            format!("Integer({APPLICATION_ID})")
        );
    }

    /// Issue 19: another program's files were adopted: one with tables named `team` and
    /// `match` at user_version 8 was stamped with matchday's id, at user_version 3 switched to
    /// WAL, and one holding only a view was given matchday's tables. Only a schema exactly one
    /// of matchday's own unmarked versions is adopted; anything else is refused, untouched.
    #[test]
    fn another_programs_file_is_never_adopted_or_changed() {
        let dir = tempfile::tempdir().unwrap();
        let cases = [
            (
                "teams-v8.db",
                "CREATE TABLE team (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE match (id INTEGER PRIMARY KEY); PRAGMA user_version = 8;",
            ),
            (
                "teams-v3.db",
                "CREATE TABLE team (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE match (id INTEGER PRIMARY KEY); PRAGMA user_version = 3;",
            ),
            ("view.db", "CREATE VIEW answer AS SELECT 42;"),
        ];
        for (name, sql) in cases {
            let path = dir.path().join(name);
            Connection::open(&path).unwrap().execute_batch(sql).unwrap();
            let before = bytes(&path);
            for opened in [Store::open(&path).err(), Store::open_read_only(&path).err()] {
                assert!(
                    matches!(opened, Some(StoreError::NotMatchday { .. })),
                    "{name}: {opened:?}"
                );
            }
            assert_eq!(bytes(&path), before, "{name} was written to");
            assert_eq!(pragma(&path, "journal_mode"), "Text(\"delete\")", "{name}");
            assert_eq!(pragma(&path, "application_id"), "Integer(0)", "{name}");
        }
    }

    #[test]
    fn a_read_neither_creates_nor_upgrades() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no/such/folder/m.db");
        assert!(matches!(
            Store::open_read_only(&missing),
            Err(StoreError::NoDatabase(_))
        ));
        assert!(!dir.path().join("no").exists());
        let empty = dir.path().join("empty.db");
        std::fs::write(&empty, b"").unwrap();
        assert!(matches!(
            Store::open_read_only(&empty),
            Err(StoreError::NoDatabase(_))
        ));
        assert!(bytes(&empty).is_empty());

        let old = dir.path().join("v3.db");
        {
            let conn = Connection::open(&old).unwrap();
            for (_, sql) in &MIGRATIONS[..3] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 3).unwrap();
        }
        let before = bytes(&old);
        let err = Store::open_read_only(&old).err().unwrap();
        assert!(matches!(err, StoreError::TooOld { found: 3, .. }), "{err}");
        assert_eq!(bytes(&old), before);
        drop(Store::open(&old).unwrap());
        drop(Store::open_read_only(&old).unwrap());

        for path in [":memory:", ""] {
            assert!(matches!(
                Store::open(Path::new(path)),
                Err(StoreError::NotAFile(_))
            ));
            assert!(matches!(
                Store::open_read_only(Path::new(path)),
                Err(StoreError::NotAFile(_))
            ));
        }
        assert!(!Path::new(":memory:").exists());
    }

    #[test]
    fn a_writer_kept_waiting_too_long_is_told_to_try_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut store = Store::open(&path).unwrap();
        store
            .conn
            .busy_timeout(std::time::Duration::from_millis(50))
            .unwrap();
        let holder = Connection::open(&path).unwrap();
        holder.execute_batch("BEGIN IMMEDIATE").unwrap();
        let err = store.write(|w| w.add_team("Zed", &[])).err().unwrap();
        assert!(matches!(err, StoreError::Busy), "{err:?}");
        assert!(err.is_retryable());
        assert!(err.to_string().contains("try again"), "{err}");
        holder.execute_batch("ROLLBACK").unwrap();
        store.write(|w| w.add_team("Zed", &[])).unwrap();
    }

    #[test]
    fn migrates_once_and_refuses_newer_schemas() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, MIGRATIONS.len() as i64);
        conn.pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(
            migrate(&mut conn, Path::new(":memory:")),
            Err(StoreError::TooNew { found: 99, .. })
        ));
    }

    #[test]
    fn an_upgrade_that_fails_part_way_leaves_the_old_version_whole() {
        // A version-1 file whose match constraint is spelt so that migration 4 cannot
        // find it: migrations 2 and 3 succeed first, and must not be kept without it.
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0].1).unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO team (id, name, key) VALUES (1, 'A', 'a');
             PRAGMA writable_schema = ON;
             UPDATE sqlite_schema SET sql = replace(sql, 'CHECK ((status', 'CHECK  ((status')
              WHERE type = 'table' AND name = 'match';
             PRAGMA writable_schema = OFF;",
        )
        .unwrap();
        assert!(migrate(&mut conn, Path::new(":memory:")).is_err());
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 1);
        let decision_tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'decision'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(decision_tables, 0, "migration 2 was kept");
        let teams: i64 = conn
            .query_row("SELECT count(*) FROM team", [], |r| r.get(0))
            .unwrap();
        assert_eq!(teams, 1);
    }

    fn cup_record(format: Format) -> matchday_core::SeasonRecord {
        use matchday_core::{MatchRecord, MatchStatus, Season, SeasonRecord, Venue};
        let rounds = [
            ("Group A", Some("A"), "Brazil", "Spain"),
            ("Round of 32", None, "Brazil", "Japan"),
            ("Quarter-final", None, "Brazil", "France"),
            ("Match for third place", None, "Japan", "Spain"),
            ("Final", None, "France", "Brazil"),
            ("Bogus", None, "France", "Japan"),
            ("", None, "Spain", "France"),
        ];
        SeasonRecord {
            competition: "World Cup".into(),
            season: Some(Season::starting(2026)),
            format: Some(format),
            matches: rounds
                .iter()
                .enumerate()
                .map(|(i, (round, group, home, away))| MatchRecord {
                    date: chrono::NaiveDate::from_ymd_opt(2026, 6, 11 + i as u32).unwrap(),
                    kickoff: None,
                    home: home.to_string(),
                    away: away.to_string(),
                    venue: Venue::Home,
                    round: Some(round.to_string()).filter(|r| !r.is_empty()),
                    group: group.map(str::to_string),
                    leg: None,
                    replay: false,
                    status: MatchStatus::Played("1-0".parse().unwrap()),
                    line: i + 1,
                    closing_odds: None,
                })
                .collect(),
            ..SeasonRecord::default()
        }
    }

    #[test]
    fn rounds_are_stored_typed_and_filled_from_labels_as_an_import_types_them() {
        use matchday_core::{Round, Stage};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut store = crate::Store::open(&path).unwrap();
        store
            .write(|w| w.import(&cup_record(Format::GroupsKnockout), None))
            .unwrap();
        store
            .write(|w| w.import(&cup_record(Format::League), Some("League")))
            .unwrap();
        let stages = |store: &crate::Store, name: &str| -> Vec<Option<Stage>> {
            let read = store.read();
            let comp = read.find_competition(name, None, None).unwrap();
            let mut matches = read.matches(comp.id.unwrap()).unwrap();
            matches.sort_by_key(|m| m.date);
            matches.into_iter().map(|m| m.stage).collect()
        };
        let cup = [
            Some(Stage::Group),
            Some(Stage::Knockout(Round::RoundOf(32))),
            Some(Stage::Knockout(Round::QuarterFinal)),
            Some(Stage::Knockout(Round::ThirdPlace)),
            Some(Stage::Knockout(Round::Final)),
            None,
            None,
        ];
        assert_eq!(stages(&store, "World Cup"), cup);
        // A league's labels are matchdays, but for its play-off rounds.
        let league: Vec<Option<Stage>> = cup
            .iter()
            .map(|s| s.filter(|s| matches!(s, Stage::Knockout(_))))
            .collect();
        assert_eq!(stages(&store, "League"), league);
        drop(store);

        // A database from before 0005: its rows are filled from their labels on opening.
        let mut conn = Connection::open(&path).unwrap();
        conn.execute_batch("UPDATE match SET stage = NULL, round_kind = NULL, round_number = NULL")
            .unwrap();
        let tx = conn.transaction().unwrap();
        fill_stages(&tx, false).unwrap();
        tx.commit().unwrap();
        drop(conn);
        let mut store = crate::Store::open(&path).unwrap();
        assert_eq!(stages(&store, "World Cup"), cup);
        assert_eq!(stages(&store, "League"), league);
        // The filled rows are what an import writes: re-importing changes nothing.
        for (format, name) in [(Format::GroupsKnockout, None), (Format::League, Some("League"))] {
            let again = store.write(|w| w.import(&cup_record(format), name)).unwrap();
            assert_eq!((again.matches_added, again.matches_updated), (0, 0));
            assert_eq!(again.matches_unchanged, 7);
        }
    }

    #[test]
    fn the_typed_columns_refuse_impossible_rounds() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        conn.execute_batch(
            "INSERT INTO team (id, name, key) VALUES (1, 'A', 'a'), (2, 'B', 'b');
             INSERT INTO competition (id, slug, name, season, season_start, format, rules, points)
                 VALUES (1, 'c', 'C', '2026', 2026, 'knockout', 'classic', '3-1-0');",
        )
        .unwrap();
        let insert = |stage: &str, kind: &str, number: &str| {
            conn.execute_batch(&format!(
                "INSERT INTO match (competition_id, date, home_id, away_id, venue, status, stage, round_kind, round_number)
                 VALUES (1, '2026-06-11', 1, 2, 'home', 'scheduled', {stage}, {kind}, {number});
                 DELETE FROM match;"
            ))
        };
        assert!(insert("'knockout'", "'final'", "NULL").is_ok());
        assert!(insert("'knockout'", "'round_of'", "32").is_ok());
        assert!(insert("'group'", "NULL", "NULL").is_ok());
        assert!(insert("NULL", "NULL", "NULL").is_ok());
        assert!(
            insert("'group'", "'final'", "NULL").is_err(),
            "a round outside the knockout stage"
        );
        assert!(
            insert("'knockout'", "'final'", "2").is_err(),
            "a final has no number"
        );
        assert!(
            insert("'knockout'", "'numbered'", "NULL").is_err(),
            "Round n needs its n"
        );
        assert!(insert("'league'", "NULL", "NULL").is_err());
        // Version 9's rounds before the competition proper.
        assert!(insert("'knockout'", "'qualifying'", "2").is_ok());
        assert!(insert("'knockout'", "'preliminary'", "NULL").is_ok());
        assert!(insert("'knockout'", "'qualifying_playoff'", "NULL").is_ok());
        assert!(
            insert("'knockout'", "'qualifying'", "NULL").is_err(),
            "a qualifying round needs its number"
        );
        assert!(insert("'knockout'", "'qualifying_playoff'", "1").is_err());
    }

    #[test]
    fn closing_odds_are_prices_above_one_from_a_known_source_and_go_with_their_match() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        conn.execute_batch(
            "INSERT INTO team (id, name, key) VALUES (1, 'A', 'a'), (2, 'B', 'b');
             INSERT INTO competition (id, slug, name, season, season_start, format, rules, points)
                 VALUES (1, 'c', 'C', '2023-24', 2023, 'league', 'plain', '3-1-0');
             INSERT INTO match (id, competition_id, date, home_id, away_id, venue, status)
                 VALUES (7, 1, '2023-08-12', 1, 2, 'home', 'scheduled');",
        )
        .unwrap();
        let insert = |match_id: i64, source: &str, prices: &str| {
            conn.execute_batch(&format!(
                "INSERT INTO match_odds (match_id, source, home, draw, away)
                 VALUES ({match_id}, '{source}', {prices}); DELETE FROM match_odds;"
            ))
        };
        for source in ["pinnacle", "market_average", "bet365"] {
            assert!(insert(7, source, "2.1, 3.4, 3.6").is_ok(), "{source}");
        }
        assert!(insert(7, "tote", "2.1, 3.4, 3.6").is_err());
        for prices in [
            "1.0, 3.4, 3.6",
            "2.1, 0.5, 3.6",
            "2.1, 3.4, NULL",
            "2.1, 3.4, 9e999",
        ] {
            assert!(insert(7, "pinnacle", prices).is_err(), "{prices}");
        }
        assert!(insert(8, "pinnacle", "2.1, 3.4, 3.6").is_err(), "no such match");
        conn.execute_batch(
            "INSERT INTO match_odds (match_id, source, home, draw, away) VALUES (7, 'bet365', 2, 3, 4);",
        )
        .unwrap();
        assert!(
            conn.execute_batch(
                "INSERT INTO match_odds (match_id, source, home, draw, away) VALUES (7, 'pinnacle', 2, 3, 4);"
            )
            .is_err(),
            "one set of odds per match"
        );
        conn.execute_batch("DELETE FROM competition").unwrap();
        let left: i64 = conn
            .query_row("SELECT count(*) FROM match_odds", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0, "a competition's matches take their odds with them");
    }

    #[test]
    fn a_settlement_without_kicks_is_one_of_four_and_never_beside_the_kicks() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        conn.execute_batch(
            "INSERT INTO team (id, name, key) VALUES (1, 'A', 'a'), (2, 'B', 'b');
             INSERT INTO competition (id, slug, name, season, season_start, format, rules, points)
                 VALUES (1, 'c', 'C', '2026', 2026, 'knockout', 'classic', '3-1-0');",
        )
        .unwrap();
        let insert = |status: &str, pens: &str, settlement: &str| {
            conn.execute_batch(&format!(
                "INSERT INTO match (competition_id, date, home_id, away_id, venue, status, ft_home, ft_away,
                                    pen_home, pen_away, settlement)
                 VALUES (1, '2026-06-11', 1, 2, 'home', {status}, 1, 1, {pens}, {settlement});
                 DELETE FROM match;"
            ))
        };
        for settlement in [
            "'penalties_home'",
            "'penalties_away'",
            "'lot_home'",
            "'lot_away'",
            "'unrecorded_home'",
            "'unrecorded_away'",
            "NULL",
        ] {
            assert!(
                insert("'played'", "NULL, NULL", settlement).is_ok(),
                "{settlement}"
            );
        }
        assert!(insert("'played'", "4, 3", "NULL").is_ok());
        assert!(
            insert("'played'", "4, 3", "'penalties_home'").is_err(),
            "kicks and no kicks"
        );
        assert!(insert("'played'", "NULL, NULL", "'coin'").is_err());
    }

    #[test]
    fn labels_of_rounds_first_read_by_version_9_are_typed_on_upgrade() {
        use matchday_core::{Round, Stage};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut record = cup_record(Format::Knockout);
        record.matches[5].round = Some("First qualifying round".into());
        let mut store = crate::Store::open(&path).unwrap();
        store.write(|w| w.import(&record, None)).unwrap();
        drop(store);
        // As version 8 stored it: a label it could not read, untyped; the step
        // after 0009 types it, and leaves the typed rows as they were.
        let mut conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "UPDATE match SET stage = NULL, round_kind = NULL, round_number = NULL
              WHERE round = 'First qualifying round';
             UPDATE match SET round_kind = 'quarter_final', round_number = NULL WHERE round = 'Round of 32';",
        )
        .unwrap();
        let tx = conn.transaction().unwrap();
        fill_stages(&tx, true).unwrap();
        tx.commit().unwrap();
        drop(conn);
        let store = crate::Store::open(&path).unwrap();
        let read = store.read();
        let typed = |label: &str| -> Vec<Option<Stage>> {
            read.matches(
                read.find_competition("World Cup", None, None)
                    .unwrap()
                    .id
                    .unwrap(),
            )
            .unwrap()
            .into_iter()
            .filter(|m| m.round.as_deref() == Some(label))
            .map(|m| m.stage)
            .collect()
        };
        assert_eq!(
            typed("Round of 32"),
            [Some(Stage::Knockout(Round::QuarterFinal))],
            "typed rows are left alone"
        );
        let comp = read.find_competition("World Cup", None, None).unwrap();
        let stages: Vec<Option<Stage>> = read
            .matches(comp.id.unwrap())
            .unwrap()
            .into_iter()
            .filter(|m| m.round.as_deref() == Some("First qualifying round"))
            .map(|m| m.stage)
            .collect();
        assert_eq!(stages, [Some(Stage::Knockout(Round::Qualifying(1)))]);
    }

    #[test]
    fn a_version_1_database_takes_played_matches_without_their_90_minutes() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0].1).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO team (id, name, key) VALUES (1, 'A', 'a'), (2, 'B', 'b');
             INSERT INTO competition (id, slug, name, season, season_start, format, rules, points)
                 VALUES (1, 'cup', 'Cup', '2023-24', 2023, 'knockout', 'classic', '3-1-0');",
        )
        .unwrap();
        let insert = |conn: &Connection, round: &str, ft: Option<i64>, et: Option<i64>| {
            conn.execute(
                "INSERT INTO match (competition_id, date, home_id, away_id, venue, round, status,
                     ft_home, ft_away, et_home, et_away)
                 VALUES (1, '2024-01-01', 1, 2, 'home', ?1, 'played', ?2, ?2, ?3, 0)",
                rusqlite::params![round, ft, et],
            )
        };
        assert!(insert(&conn, "Round 1", None, Some(1)).is_err());
        insert(&conn, "Round 1", Some(0), None).unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        insert(&conn, "Round 2", None, Some(1)).unwrap();
        // A played match still needs a score.
        assert!(insert(&conn, "Round 3", None, None).is_err());
        let kept: i64 = conn
            .query_row("SELECT count(*) FROM match", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, 2);
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
    }
}
