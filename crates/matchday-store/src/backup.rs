//! Copies of the database: a backup written while other processes may be
//! writing, and a restore that checks its file before replacing anything.
//!
//! Both go through SQLite's online backup API, which copies pages under
//! SQLite's own locks: a backup reads one snapshot of the live database (in
//! write-ahead-log mode that blocks no writer), and a restore writes the
//! live database in one write transaction, so other matchday processes see
//! either the old contents or the new, and never a file renamed under them.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use crate::migrate::{self, Identity};
use crate::{BUSY_TIMEOUT, SCHEMA_VERSION, Store, StoreError};

/// What a copy of the database holds, as read back from the copy itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    /// The file.
    pub path: PathBuf,
    /// Its size in bytes (its pages).
    pub bytes: u64,
    /// Its schema version (`PRAGMA user_version`).
    pub schema_version: i64,
    /// Stored teams.
    pub teams: u64,
    /// Stored competition-seasons.
    pub competitions: u64,
    /// Stored matches, played or not.
    pub matches: u64,
    /// Of those, the ones with a result (played or awarded).
    pub results: u64,
    /// Stored points deductions.
    pub deductions: u64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// What the database holds now (schema version after any upgrade).
    pub contents: Contents,
    /// The schema version of the file restored from, when it was older and was upgraded.
    pub upgraded_from: Option<i64>,
    /// Where the replaced database was kept; `None` when there was no database to replace.
    pub kept: Option<PathBuf>,
}

/// Writes a consistent copy of the database at `database` to `to`, while other
/// processes may be writing to it.
///
/// The copy is written to a temporary file beside `to`, integrity-checked, made a
/// self-contained file (no write-ahead log), flushed to disk and only then given its
/// name, so `to` never holds half a backup. A database of an older schema is copied as
/// it is (nothing is upgraded); one newer than this build is refused.
///
/// # Errors
/// When there is no matchday database at `database`, when `to` exists and
/// `overwrite` is false, when `to` is the database itself, or when the copy
/// cannot be written or fails its integrity check.
pub fn backup(database: &Path, to: &Path, overwrite: bool) -> Result<Contents, StoreError> {
    crate::refuse_memory(database)?;
    if !database.is_file() {
        return Err(StoreError::NoDatabase(database.to_path_buf()));
    }
    refuse_same_file(database, to)?;
    if to.is_dir() {
        return Err(StoreError::CopyTarget {
            path: to.to_path_buf(),
            problem: "it is a folder; give a file name".into(),
        });
    }
    if to.exists() && !overwrite {
        return Err(StoreError::CopyExists(to.to_path_buf()));
    }
    let source = Store::open_source(database)?;
    let (identity, found) = migrate::identify(&source, database)?;
    if identity == Identity::Empty {
        return Err(StoreError::NoDatabase(database.to_path_buf()));
    }
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    write_copy(&source, to, overwrite)
}

/// Replaces the database at `database` with the backup at `from`, after checking it.
///
/// Before anything is replaced, the file must pass `PRAGMA integrity_check`, be
/// matchday's, have a schema version no newer than this build's, and have exactly the
/// schema matchday makes at that version (tables, columns, indexes, triggers). It is
/// copied beside the database, upgraded there when older, and checked again (integrity,
/// schema, foreign keys), and every row of it is read back through the store's own
/// readers. Then, holding the database's write lock, the contents it replaces
/// are written to `DATABASE.before-restore-YYYYMMDDTHHMMSS` (UTC) and the checked copy
/// is written into the open database through the online backup API, in one write
/// transaction. Other processes keep their connections; they see the old or the new.
///
/// # Errors
/// Every check that fails is an error, and then nothing has been changed; only
/// [`StoreError::RestoredButFailed`] comes after the database was replaced.
pub fn restore(database: &Path, from: &Path) -> Result<Restored, StoreError> {
    crate::refuse_memory(database)?;
    crate::refuse_memory(from)?;
    if !from.is_file() {
        return Err(StoreError::CopyTarget {
            path: from.to_path_buf(),
            problem: "there is no file there".into(),
        });
    }
    refuse_same_file(database, from)?;

    // The file to restore from: read only, checked as it is.
    let source = Store::open_source(from).map_err(|err| not_a_database(err, from))?;
    let (identity, found) = migrate::identify(&source, from).map_err(|err| not_a_database(err, from))?;
    if identity == Identity::Empty || found == 0 {
        return Err(StoreError::NotADatabase {
            path: from.to_path_buf(),
            why: "it is empty",
        });
    }
    if found > SCHEMA_VERSION {
        return Err(StoreError::CopyTooNew {
            path: from.to_path_buf(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    integrity(&source, from)?;
    migrate::check_schema(&source, from, found)?;

    // The database it would replace: matchday's and readable by this build, or none yet.
    let existed = database.metadata().is_ok_and(|m| m.len() > 0);
    if existed {
        let live = Store::open_source(database)?;
        let (_, live_version) = migrate::identify(&live, database)?;
        if live_version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                found: live_version,
                known: SCHEMA_VERSION,
            });
        }
    }

    // Upgrade and check a copy beside the database, so the live one goes straight
    // from its old contents to the restored ones at this build's schema.
    let staged = Scratch::beside(database, "restore")?;
    let mut copy = Connection::open(&staged.path)?;
    copy_pages(&source, &mut copy)?;
    drop(source);
    migrate::migrate(&mut copy, from)?;
    integrity(&copy, from)?;
    migrate::check_schema(&copy, from, SCHEMA_VERSION)?;
    let dangling: i64 = copy.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    if dangling > 0 {
        return Err(StoreError::Damaged {
            path: from.to_path_buf(),
            problem: format!("{dangling} rows refer to rows that are not there"),
        });
    }
    // Every row as the commands will read it, so none of them fails on what is restored.
    crate::Reader::new(&copy)
        .every_row()
        .map_err(|err| match not_a_database(err, from) {
            err @ (StoreError::Busy | StoreError::Damaged { .. } | StoreError::NotADatabase { .. }) => err,
            err => StoreError::UnreadableCopy {
                path: from.to_path_buf(),
                source: Box::new(err),
            },
        })?;

    let mut live = Connection::open(database)?;
    live.busy_timeout(BUSY_TIMEOUT)?;
    // Asked again on the connection that writes: the file may have been created meanwhile.
    let (_, live_version) = crate::identified(&live, database)?;
    if live_version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found: live_version,
            known: SCHEMA_VERSION,
        });
    }
    live.pragma_update(None, "journal_mode", "WAL")?;
    // A write-ahead-logged database only takes pages of its own size.
    let live_page: i64 = live.pragma_query_value(None, "page_size", |r| r.get(0))?;
    let copy_page: i64 = copy.pragma_query_value(None, "page_size", |r| r.get(0))?;
    if live_page != copy_page {
        copy.pragma_update(None, "page_size", live_page)?;
        copy.execute_batch("VACUUM")?;
    }
    let pages: i64 = copy.pragma_query_value(None, "page_count", |r| r.get(0))?;
    // Counted before the swap, so nothing after it can fail but the swap itself.
    let contents = contents_of(&copy, database)?;

    let kept = {
        let restoring = Backup::new(&copy, &mut live)?;
        // The first page takes the live database's write lock, held until the last one:
        // from here no other process can commit, so what is kept is exactly what is replaced.
        let first = step(&restoring, 1)?;
        let kept = if existed && pages > 1 && first == StepResult::More {
            let replaced = Connection::open(database)?;
            replaced.busy_timeout(BUSY_TIMEOUT)?;
            Some(write_copy(&replaced, &kept_name(database), false)?.path)
        } else {
            None
        };
        if first != StepResult::Done {
            step(&restoring, -1)?;
        }
        kept
    };
    drop(copy);
    drop(staged);
    // A restored file from before the application id is marked by its upgrade; check
    // what the live database now says about itself. It has been replaced: say so.
    let replaced = |problem: String| StoreError::RestoredButFailed {
        database: database.to_path_buf(),
        from: from.to_path_buf(),
        problem,
        kept: kept.clone(),
    };
    match migrate::identify(&live, database) {
        Ok((Identity::Matchday, now)) if now == SCHEMA_VERSION => {}
        Ok((identity, now)) => {
            return Err(replaced(format!("it reads as version {now} ({identity:?})")));
        }
        Err(err) => return Err(replaced(err.to_string())),
    }
    Ok(Restored {
        contents,
        upgraded_from: Some(found).filter(|&v| v < SCHEMA_VERSION),
        kept,
    })
}

/// The name the replaced database is kept under; never an existing file's.
fn kept_name(database: &Path) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let mut name = database.as_os_str().to_owned();
    name.push(format!(".before-restore-{stamp}"));
    let base = PathBuf::from(name);
    let mut candidate = base.clone();
    let mut n = 2;
    while candidate.exists() {
        let mut next = base.as_os_str().to_owned();
        next.push(format!("-{n}"));
        candidate = PathBuf::from(next);
        n += 1;
    }
    candidate
}

/// Copies every page of `source` into `to`, in one step so the copy is one snapshot.
fn copy_pages(source: &Connection, to: &mut Connection) -> Result<(), StoreError> {
    let copying = Backup::new(source, to)?;
    step(&copying, -1)?;
    Ok(())
}

/// One backup step, waiting out a busy or locked database up to [`BUSY_TIMEOUT`].
fn step(backup: &Backup<'_, '_>, pages: i32) -> Result<StepResult, StoreError> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    let mut pause = std::time::Duration::from_millis(5);
    loop {
        match backup.step(pages)? {
            StepResult::Busy | StepResult::Locked if Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(std::time::Duration::from_millis(200));
            }
            StepResult::Busy | StepResult::Locked => return Err(StoreError::Busy),
            done_or_more => return Ok(done_or_more),
        }
    }
}

/// Writes a checked, self-contained copy of `source` to `to` through a temporary
/// file beside it; `to` is only ever absent, its old self, or the whole copy.
fn write_copy(source: &Connection, to: &Path, overwrite: bool) -> Result<Contents, StoreError> {
    let scratch = Scratch::beside(to, "backup")?;
    {
        let mut copy = Connection::open(&scratch.path)?;
        copy_pages(source, &mut copy)?;
        // One file to keep or move, readable where nothing may be written.
        copy.pragma_update(None, "journal_mode", "DELETE")?;
        integrity(&copy, to)?;
    }
    let io = |err: std::io::Error| StoreError::CopyTarget {
        path: to.to_path_buf(),
        problem: err.to_string(),
    };
    std::fs::File::open(&scratch.path)
        .and_then(|f| f.sync_all())
        .map_err(io)?;
    if overwrite {
        std::fs::rename(&scratch.path, to).map_err(io)?;
    } else {
        // A link fails if the name is taken, even by a file made since it was checked.
        match std::fs::hard_link(&scratch.path, to) {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(StoreError::CopyExists(to.to_path_buf()));
            }
            // A file system without hard links: check, then move.
            Err(_) if !to.exists() => std::fs::rename(&scratch.path, to).map_err(io)?,
            Err(_) => return Err(StoreError::CopyExists(to.to_path_buf())),
        }
    }
    drop(scratch);
    if let Some(folder) = to.parent().filter(|p| !p.as_os_str().is_empty()) {
        // The new name is only durable once the folder is; not every system can sync one.
        let _ = std::fs::File::open(folder).and_then(|f| f.sync_all());
    }
    let written = Store::open_source(to)?;
    contents_of(&written, to)
}

/// Refuses a file that fails `PRAGMA integrity_check`, quoting its first problem.
fn integrity(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check(5)")
        .and_then(|mut check| check.query_map([], |r| r.get(0))?.collect())
        .map_err(|err| not_a_database(err.into(), path))?;
    if problems == ["ok"] {
        return Ok(());
    }
    Err(StoreError::Damaged {
        path: path.to_path_buf(),
        problem: problems.first().cloned().unwrap_or_default(),
    })
}

/// Counts what a copy holds.
fn contents_of(conn: &Connection, path: &Path) -> Result<Contents, StoreError> {
    let count = |sql: &str| -> Result<u64, StoreError> {
        Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
    };
    Ok(Contents {
        path: path.to_path_buf(),
        // Pages, not the file's length: a write-ahead-logged file grows only at its checkpoint.
        bytes: conn.query_row(
            "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64,
        schema_version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
        teams: count("SELECT count(*) FROM team")?,
        competitions: count("SELECT count(*) FROM competition")?,
        matches: count("SELECT count(*) FROM match")?,
        results: count("SELECT count(*) FROM match WHERE status IN ('played', 'awarded')")?,
        deductions: count("SELECT count(*) FROM deduction")?,
    })
}

/// A file that SQLite cannot read as a database, or finds damaged on reading, is named as such.
fn not_a_database(err: StoreError, path: &Path) -> StoreError {
    let StoreError::Sqlite(sqlite) = &err else {
        return err;
    };
    match sqlite.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: path.to_path_buf(),
            why: "it is not an SQLite database at all",
        },
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path: path.to_path_buf(),
            problem: sqlite.to_string(),
        },
        _ => err,
    }
}

/// Refuses to copy a database onto itself (the same file under another name too).
fn refuse_same_file(database: &Path, other: &Path) -> Result<(), StoreError> {
    let same = match (database.canonicalize(), other.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(StoreError::CopyTarget {
            path: other.to_path_buf(),
            problem: "it is the database itself".into(),
        });
    }
    Ok(())
}

/// A temporary file beside another, removed (with any SQLite side files) when dropped.
struct Scratch {
    path: PathBuf,
}

impl Scratch {
    /// Claims a fresh name beside `near`, in the same folder so a rename stays on one file system.
    fn beside(near: &Path, purpose: &str) -> Result<Scratch, StoreError> {
        let folder = near
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = near
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        clean_stale(folder, &name, purpose);
        let mut n = 0u32;
        loop {
            let path = folder.join(format!(".{name}.{purpose}-{}-{n}.tmp", std::process::id()));
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(_) => return Ok(Scratch { path }),
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
                Err(err) => {
                    return Err(StoreError::CopyTarget {
                        path: near.to_path_buf(),
                        problem: format!("cannot write in {}: {err}", folder.display()),
                    });
                }
            }
        }
    }
}

/// Removes the scratch files a killed backup or restore left beside `name` in `folder`
/// (`.live.db.backup-4242-0.tmp` and its SQLite side files, as large as the database): those
/// of a process no longer running. A running process's files, and this one's, are left.
fn clean_stale(folder: &Path, name: &str, purpose: &str) {
    let prefix = format!(".{name}.{purpose}-");
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else {
            continue;
        };
        // "4242-0.tmp", "4242-0.tmp-wal": the process id comes first.
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let scratch = rest.ends_with(".tmp")
            || [".tmp-journal", ".tmp-wal", ".tmp-shm"]
                .iter()
                .any(|s| rest.ends_with(s));
        if scratch && pid != std::process::id() && !process_runs(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether process `pid` is running; where that cannot be told, it is taken to be.
fn process_runs(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return true;
    }
    proc.join(pid.to_string()).exists()
}

impl Drop for Scratch {
    fn drop(&mut self) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let mut side = self.path.as_os_str().to_owned();
            side.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(side));
        }
    }
}

#[cfg(test)]
mod damaged;

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_teams(path: &Path, names: &[&str]) -> Store {
        let mut store = Store::open(path).unwrap();
        for name in names {
            store.write(|w| w.add_team(name, &[])).unwrap();
        }
        store
    }

    fn team_names(path: &Path) -> Vec<String> {
        let store = Store::open_read_only(path).unwrap();
        let mut names: Vec<String> = store
            .read()
            .teams()
            .unwrap()
            .into_iter()
            .map(|t| t.name)
            .collect();
        names.sort();
        names
    }

    fn journal_mode(path: &Path) -> String {
        Connection::open(path)
            .unwrap()
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_backup_is_a_checked_self_contained_copy_that_never_overwrites_unasked() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        let store = store_with_teams(&db, &["Arsenal", "Chelsea"]);
        let to = dir.path().join("copy.db");
        let contents = backup(&db, &to, false).unwrap();
        assert_eq!(contents.teams, 2);
        assert_eq!(contents.schema_version, SCHEMA_VERSION);
        assert_eq!(contents.bytes, std::fs::metadata(&to).unwrap().len());
        assert_eq!(journal_mode(&to), "delete");
        assert_eq!(team_names(&to), ["Arsenal", "Chelsea"]);
        drop(store);

        let before = std::fs::read(&to).unwrap();
        let err = backup(&db, &to, false).unwrap_err();
        assert!(matches!(err, StoreError::CopyExists(_)), "{err}");
        assert!(err.to_string().contains("--force"), "{err}");
        assert_eq!(std::fs::read(&to).unwrap(), before);
        store_with_teams(&db, &["Everton"]);
        backup(&db, &to, true).unwrap();
        assert_eq!(team_names(&to), ["Arsenal", "Chelsea", "Everton"]);

        let err = backup(&db, &db, true).unwrap_err();
        assert!(err.to_string().contains("the database itself"), "{err}");
        let err = backup(&dir.path().join("none.db"), &to, true).unwrap_err();
        assert!(matches!(err, StoreError::NoDatabase(_)), "{err}");
        // Nothing is left behind beside the copies.
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["copy.db", "m.db"]);
    }

    #[test]
    #[cfg(unix)]
    fn the_scratch_files_of_a_killed_backup_are_cleaned_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        drop(store_with_teams(&db, &["Arsenal"]));
        // A process id above the kernel's largest (4194304) never runs: its files are stale.
        let stale = [
            ".copy.db.backup-4294967-0.tmp",
            ".copy.db.backup-4294967-0.tmp-journal",
        ];
        for name in stale {
            std::fs::write(dir.path().join(name), b"as large as the database").unwrap();
        }
        // A running process's scratch file (this test's own parent's, say) and other files stay.
        let running = format!(".copy.db.backup-{}-0.tmp", std::os::unix::process::parent_id());
        let kept = [running.as_str(), ".other.db.backup-4294967-0.tmp", "notes.tmp"];
        for name in kept {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        backup(&db, &dir.path().join("copy.db"), false).unwrap();
        for name in stale {
            assert!(!dir.path().join(name).exists(), "{name} left behind");
        }
        for name in kept {
            assert!(dir.path().join(name).exists(), "{name} removed");
        }
    }

    #[test]
    fn a_backup_taken_while_another_connection_writes_is_one_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        drop(store_with_teams(&db, &[]));
        let writer = {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&db).unwrap();
                for batch in 0..40 {
                    // Ten teams per transaction: a consistent copy holds a multiple of ten.
                    store
                        .write(|w| {
                            for i in 0..10 {
                                w.add_team(&format!("Team {batch} {i}"), &[])?;
                            }
                            Ok::<_, StoreError>(())
                        })
                        .unwrap();
                }
            })
        };
        let mut seen = Vec::new();
        for n in 0..15 {
            let to = dir.path().join(format!("copy{n}.db"));
            let contents = backup(&db, &to, false).unwrap();
            assert_eq!(contents.teams % 10, 0, "a copy holds half a transaction");
            seen.push(contents.teams);
        }
        writer.join().unwrap();
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    }

    #[test]
    fn a_restore_replaces_the_database_and_keeps_what_it_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        let other = store_with_teams(&db, &["Arsenal"]);
        let saved = dir.path().join("saved.db");
        backup(&db, &saved, false).unwrap();
        let saved_bytes = std::fs::read(&saved).unwrap();
        drop(other);
        // Another process keeps its connection open across the restore.
        let mut other = store_with_teams(&db, &["Chelsea"]);

        let restored = restore(&db, &saved).unwrap();
        assert_eq!(restored.contents.teams, 1);
        assert_eq!(restored.upgraded_from, None);
        let kept = restored.kept.expect("kept");
        assert!(
            kept.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("m.db.before-restore-2"),
            "{}",
            kept.display()
        );
        assert_eq!(team_names(&kept), ["Arsenal", "Chelsea"]);
        assert_eq!(team_names(&db), ["Arsenal"]);
        assert_eq!(
            std::fs::read(&saved).unwrap(),
            saved_bytes,
            "the backup was written to"
        );
        assert_eq!(journal_mode(&db), "wal");
        // The open connection reads the restored contents and goes on writing.
        assert_eq!(other.read().teams().unwrap().len(), 1);
        other.write(|w| w.add_team("Everton", &[])).unwrap();
        drop(other);
        assert_eq!(team_names(&db), ["Arsenal", "Everton"]);

        // A second restore in the same second keeps under another name.
        let again = restore(&db, &saved).unwrap().kept.unwrap();
        assert_ne!(again, kept);
        assert_eq!(team_names(&again), ["Arsenal", "Everton"]);
        assert_eq!(team_names(&kept), ["Arsenal", "Chelsea"]);
    }

    #[test]
    fn a_restore_waits_for_a_writer_and_keeps_what_it_committed() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        drop(store_with_teams(&db, &["Arsenal"]));
        let saved = dir.path().join("saved.db");
        backup(&db, &saved, false).unwrap();
        let holder = Connection::open(&db).unwrap();
        holder
            .execute_batch("BEGIN IMMEDIATE; INSERT INTO team (name, key) VALUES ('Chelsea', 'chelsea');")
            .unwrap();
        let restoring = {
            let (db, saved) = (db.clone(), saved.clone());
            std::thread::spawn(move || restore(&db, &saved).unwrap())
        };
        std::thread::sleep(std::time::Duration::from_millis(300));
        holder.execute_batch("COMMIT").unwrap();
        let restored = restoring.join().unwrap();
        // What the writer committed before the restore took the lock is in the kept file.
        assert_eq!(team_names(&restored.kept.unwrap()), ["Arsenal", "Chelsea"]);
        assert_eq!(team_names(&db), ["Arsenal"]);
    }

    #[test]
    fn a_restore_into_no_database_creates_it_and_keeps_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        drop(store_with_teams(&db, &["Arsenal"]));
        let saved = dir.path().join("saved.db");
        backup(&db, &saved, false).unwrap();
        let fresh = dir.path().join("fresh.db");
        let restored = restore(&fresh, &saved).unwrap();
        assert_eq!(restored.kept, None);
        assert_eq!(team_names(&fresh), ["Arsenal"]);
    }

    #[test]
    fn a_restore_refuses_a_file_it_cannot_trust_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        drop(store_with_teams(&db, &["Arsenal"]));
        let good = dir.path().join("good.db");
        backup(&db, &good, false).unwrap();

        let newer = dir.path().join("newer.db");
        std::fs::copy(&good, &newer).unwrap();
        Connection::open(&newer)
            .unwrap()
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let foreign = dir.path().join("foreign.db");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE invoice (id INTEGER PRIMARY KEY)")
            .unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(
            &text,
            "not a database at all, but long enough to have a header ".repeat(20),
        )
        .unwrap();
        let empty = dir.path().join("empty.db");
        std::fs::write(&empty, b"").unwrap();
        // Damage a page of the index, leaving the header whole.
        let damaged = dir.path().join("damaged.db");
        let mut bytes = std::fs::read(&good).unwrap();
        // The page size, from the file's header (a new database's is larger than SQLite's 4 KiB).
        let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
        for b in &mut bytes[page + 8..2 * page] {
            *b = 0xA5;
        }
        std::fs::write(&damaged, &bytes).unwrap();

        let cases: [(&Path, &str); 6] = [
            (&newer, "newer than this matchday knows"),
            (&foreign, "is not a matchday database"),
            (&text, "is not a matchday database"),
            (&empty, "is not a matchday database"),
            (&damaged, "is damaged"),
            (&dir.path().join("missing.db"), "there is no file there"),
        ];
        let live = std::fs::read(&db).unwrap();
        for (from, says) in cases {
            let before = std::fs::read(from).ok();
            let err = restore(&db, from).unwrap_err().to_string();
            assert!(err.contains(says), "{}: {err}", from.display());
            assert_eq!(
                std::fs::read(from).ok(),
                before,
                "{} was written to",
                from.display()
            );
            assert_eq!(
                std::fs::read(&db).unwrap(),
                live,
                "{}: the database changed",
                from.display()
            );
        }
        let err = restore(&db, &db).unwrap_err().to_string();
        assert!(err.contains("the database itself"), "{err}");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("before-restore") || n.ends_with(".tmp"))
            .collect();
        assert!(names.is_empty(), "{names:?}");

        // A newer live database is not replaced by this build.
        Connection::open(&db)
            .unwrap()
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let live = std::fs::read(&db).unwrap();
        let err = restore(&db, &good).unwrap_err();
        assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
        assert_eq!(std::fs::read(&db).unwrap(), live);
    }
}
