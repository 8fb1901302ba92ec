//! Persistence for matchday on SQLite.
//!
//! Open a [`Store`] once, read through [`Store::read`], and make every change
//! inside [`Store::write`], which runs it as one transaction: if the closure
//! returns an error, nothing it did is kept. This is the only crate that
//! writes SQL; everything it returns is a core type.
//!
//! ```
//! use matchday_store::Store;
//! let mut store = Store::open_in_memory().unwrap();
//! let id = store.write(|w| w.add_team("Liverpool", &["LFC".to_string()])).unwrap();
//! assert_eq!(store.read().resolve_team("lfc").unwrap(), id);
//! ```
#![deny(missing_docs)]

mod backup;
mod change_log;
mod clubs;
mod edit;
mod error;
mod import;
mod migrate;
mod prune;
mod reader;
mod regulations;
mod rows;
mod undo;
mod writer;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};

pub use backup::{Contents, Restored, backup, restore};
pub use change_log::{Change, ChangeId, ChangeKind, RowAction, RowChange, RowCount, Subject};
pub use clubs::{Club, ClubId, MergeConflict, Merged};
pub use edit::{
    DeductionCandidate, DeductionChanged, DeductionChoice, DeductionEdit, DeductionId, MatchCandidate,
    MatchChanged, MatchChoice, MatchEdit, Renamed,
};
pub use error::StoreError;
pub use import::{ImportSummary, Uncatalogued};
pub use prune::{Compacted, Pruned};
pub use reader::{MatchFilter, PlayedScore, Reader};
pub use undo::Reversal;
pub use writer::{Added, LiveRecorded, Recorded, Writer};

/// `PRAGMA application_id` of every matchday database: the ASCII bytes "MDay".
///
/// A database that carries another id, or tables matchday does not know, is
/// another program's and is refused without being written to.
pub const APPLICATION_ID: i32 = 0x4D44_6179;

/// The schema version this build writes (`PRAGMA user_version`): one per migration.
/// A database at an older version is upgraded by the first write; a newer one is refused.
pub const SCHEMA_VERSION: i64 = migrate::MIGRATIONS.len() as i64;

/// How long a writer waits for another process's lock (an import of a whole
/// league history holds it for seconds) before giving up with [`StoreError::Busy`].
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The page size of a new database file, in bytes.
const NEW_PAGE_SIZE: i64 = 16 * 1024;

/// The database: one SQLite file with foreign keys on and a write-ahead log.
pub struct Store {
    conn: Connection,
    /// The command line logged with each change this store makes.
    command_line: Option<String>,
    /// The catalogue whose names find competitions (none: the bundled one).
    catalogue: Option<matchday_core::Catalogue>,
    /// Where the database is to be made, for a store opened where there was no file
    /// ([`Store::open_creating_on_write`]): until its first change commits it is held
    /// in memory, so a refused command leaves no file behind.
    unborn: Option<PathBuf>,
}

impl Store {
    fn with(conn: Connection) -> Store {
        Store {
            conn,
            command_line: None,
            catalogue: None,
            unborn: None,
        }
    }

    /// Sets the command line logged with every change from now on (the CLI gives
    /// its arguments, shell-quoted); without one, changes are logged with none.
    pub fn set_command_line(&mut self, line: impl Into<String>) {
        self.command_line = Some(line.into());
    }

    /// Sets the catalogue whose names (and aliases) find competitions from now on, as
    /// the CLI reads it with the user's own file over the bundled one; without one, the
    /// bundled catalogue's.
    pub fn set_catalogue(&mut self, catalogue: matchday_core::Catalogue) {
        self.catalogue = Some(catalogue);
    }

    /// Opens (creating if missing) the database at `path` for writing and brings its schema up to date.
    ///
    /// A database of another program is refused before anything is written to it;
    /// a matchday database from before the application id is adopted (marked) here.
    ///
    /// # Errors
    /// When the file cannot be opened, is not matchday's, or was written by a newer matchday.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        refuse_memory(path)?;
        // While processes create or upgrade a database at once, SQLite can answer "busy"
        // without waiting (the journal-mode switch, a log being set up): start over until
        // the same deadline a write waits for.
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        let mut pause = std::time::Duration::from_millis(5);
        loop {
            match Store::open_for_writing(path) {
                Err(StoreError::Busy) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(std::time::Duration::from_millis(200));
                }
                opened => return opened,
            }
        }
    }

    fn open_for_writing(path: &Path) -> Result<Store, StoreError> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Checked before the journal mode moves, so another program's file, and one of a
        // newer matchday, are left as they were.
        let (_, found) = identified(&conn, path)?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                found,
                known: SCHEMA_VERSION,
            });
        }
        // For a new file only (an existing one keeps its own): pages of 16 KiB rather than 4
        // make a quarter of the writes and B-tree splits, which was a tenth of an import of
        // league history, and read a season's matches in fewer pages.
        conn.pragma_update(None, "page_size", NEW_PAGE_SIZE)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // A row an INSERT OR REPLACE deletes is then logged like any other delete.
        conn.pragma_update(None, "recursive_triggers", "ON")?;
        // A statement's own rollback journal (every insert a trigger logs has one) is kept in
        // memory rather than in a temporary file: an import of league history writes 200,000.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        migrate::migrate(&mut conn, path)?;
        Ok(Store::with(conn))
    }

    /// Opens the database at `path` for writing as [`Store::open`] does, but where there
    /// is no file yet, makes none until a write commits a change: the new database is
    /// held in memory, and the first [`Store::write`] that changes something writes it
    /// whole to a hidden file beside `path` and links it into place. A command refused
    /// before then (an unknown name, a file that cannot be read) leaves nothing behind.
    ///
    /// # Errors
    /// As [`Store::open`].
    pub fn open_creating_on_write(path: &Path) -> Result<Store, StoreError> {
        refuse_memory(path)?;
        if std::fs::symlink_metadata(path).is_ok() {
            return Store::open(path);
        }
        let mut conn = Connection::open_in_memory()?;
        // As a new file is made (see `open_for_writing`): the copy keeps the page size.
        conn.pragma_update(None, "page_size", NEW_PAGE_SIZE)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "recursive_triggers", "ON")?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        migrate::migrate(&mut conn, path)?;
        Ok(Store {
            unborn: Some(path.to_path_buf()),
            ..Store::with(conn)
        })
    }

    /// Writes a database held in memory to its file, the first time a change commits:
    /// whole, to a hidden file in the same folder, made durable, then linked into place,
    /// which fails rather than replace a file another process made meanwhile. A copy
    /// cut short (a killed process) is only ever the hidden file.
    fn bring_to_disk(&mut self, path: &Path) -> Result<(), StoreError> {
        let cannot = |e: std::io::Error| StoreError::CannotCreate {
            path: path.to_path_buf(),
            problem: e.to_string(),
        };
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(cannot)?;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Named as backup's scratch files are, so that one killed while it copied (as large
        // as the new database) is cleaned away by the next command that makes one.
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        backup::clean_stale(folder, &name, "new");
        let staged = path.with_file_name(format!(".{name}.new-{}-0.tmp", std::process::id()));
        let _ = std::fs::remove_file(&staged);
        let staged_text = staged.to_str().ok_or_else(|| StoreError::CannotCreate {
            path: path.to_path_buf(),
            problem: "its name is not valid UTF-8".into(),
        })?;
        let linked = self
            .conn
            .execute("VACUUM INTO ?1", [staged_text])
            .map_err(StoreError::from)
            .and_then(|_| {
                // SQLite does not sync a VACUUM INTO copy.
                std::fs::File::open(&staged)
                    .and_then(|f| f.sync_all())
                    .map_err(cannot)?;
                match std::fs::hard_link(&staged, path) {
                    Ok(()) => Ok(()),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        Err(StoreError::CreatedMeanwhile(path.to_path_buf()))
                    }
                    // A file system without hard links: moved instead, unless the file is there now.
                    Err(_) if std::fs::symlink_metadata(path).is_ok() => {
                        Err(StoreError::CreatedMeanwhile(path.to_path_buf()))
                    }
                    Err(_) => std::fs::rename(&staged, path).map_err(cannot),
                }
            });
        let _ = std::fs::remove_file(&staged);
        linked?;
        let opened = Store::open(path)?;
        self.conn = opened.conn;
        self.unborn = None;
        Ok(())
    }

    /// Opens the existing database at `path` for reading only: nothing is created,
    /// migrated or switched, so a read-only file or folder can be read.
    ///
    /// # Errors
    /// When there is no database at `path`, it is not matchday's, or its schema
    /// is older (a write command upgrades it) or newer than this build's.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        refuse_memory(path)?;
        if !path.is_file() {
            return Err(StoreError::NoDatabase(path.to_path_buf()));
        }
        let conn = Store::open_source(path)?;
        migrate::check_readable(&conn, path)?;
        Ok(Store::with(conn))
    }

    /// A connection that only reads the matchday file at `path`, of any schema version;
    /// refuses another program's file.
    fn open_source(path: &Path) -> Result<Connection, StoreError> {
        match Store::read_only_connection(path, false) {
            Ok(conn) => Ok(conn),
            // A write-ahead-logged file in a folder we cannot write to has no shared-memory
            // file to read through; nobody can be writing it from here, so read it as it is,
            // unless its log holds commits: read as it is, the file would miss them.
            Err(StoreError::Sqlite(_)) => {
                refuse_unread_log(path)?;
                Store::read_only_connection(path, true)
            }
            Err(other) => Err(other),
        }
    }

    fn read_only_connection(path: &Path, immutable: bool) -> Result<Connection, StoreError> {
        use rusqlite::OpenFlags;
        let conn = if immutable {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            Connection::open_with_flags(file_uri(path, "mode=ro&immutable=1"), flags)?
        } else {
            // Read-write without create, but query-only: as the last connection to close it
            // tidies away the write-ahead log's side files as any matchday process does, where a
            // read-only connection would leave them behind. SQLite falls back to reading only
            // when the file is write-protected.
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            conn.pragma_update(None, "query_only", "ON")?;
            conn
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Touch the file now, so a file that cannot be read fails here and not mid-command.
        identified(&conn, path)?;
        Ok(conn)
    }

    /// A fresh database in memory, for tests.
    ///
    /// # Errors
    /// Only if SQLite cannot start.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "recursive_triggers", "ON")?;
        migrate::migrate(&mut conn, Path::new(":memory:"))?;
        Ok(Store::with(conn))
    }

    /// Reads without changing anything.
    pub fn read(&self) -> Reader<'_> {
        let names = self
            .catalogue
            .as_ref()
            .unwrap_or_else(|| matchday_core::Catalogue::bundled());
        Reader::new(&self.conn).named_by(names)
    }

    /// Runs `change` as one transaction, committed only if it returns `Ok`.
    ///
    /// What it changed is logged in the same transaction as one change (with the
    /// command line set by [`Store::set_command_line`]), or not at all when it changed nothing.
    ///
    /// # Errors
    /// Whatever `change` returns, or a database error; in both cases nothing is kept.
    pub fn write<T, E>(&mut self, change: impl FnOnce(&mut Writer<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        change_log::file_unlogged(&tx)?;
        let value = {
            let mut writer = Writer::new(&tx);
            change(&mut writer)?
        };
        let logged = change_log::close(&tx, self.command_line.as_deref(), None)?;
        tx.commit().map_err(StoreError::from)?;
        if logged.is_some()
            && let Some(path) = self.unborn.clone()
        {
            self.bring_to_disk(&path)?;
        }
        Ok(value)
    }

    /// Runs `change` as [`Store::write`] does, as a bulk write ([`Writer::in_bulk`]): for
    /// writes of thousands of rows, such as an import of league history.
    ///
    /// Its references between rows (a match's teams and competition, an entrant's team, ...)
    /// are checked once, in the same transaction as it ends, rather than row by row as
    /// SQLite does for every other write: that was a fifth of such an import's time. So
    /// nothing is cascaded either, and a row it leaves referring to one that is not there
    /// refuses the whole write with [`StoreError::DanglingReference`].
    ///
    /// # Errors
    /// As [`Store::write`]; [`StoreError::DanglingReference`].
    pub fn write_in_bulk<T, E>(
        &mut self,
        change: impl FnOnce(&mut Writer<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        // Switched outside the transaction: inside one, SQLite ignores the setting.
        self.conn
            .pragma_update(None, "foreign_keys", "OFF")
            .map_err(StoreError::from)?;
        let written = self.write(|w| -> Result<T, E> {
            let value = w.in_bulk(change)?;
            references_hold(w.conn())?;
            Ok(value)
        });
        // Back on whatever happened: every other write is checked row by row.
        let restored = self.conn.pragma_update(None, "foreign_keys", "ON");
        let value = written?;
        restored.map_err(StoreError::from)?;
        Ok(value)
    }
}

/// Refuses, naming the first, rows that refer to a row that is not there.
fn references_hold(conn: &Connection) -> Result<(), StoreError> {
    let dangling = conn
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .next()
        .transpose()?;
    match dangling {
        None => Ok(()),
        Some((table, row, parent)) => Err(StoreError::DanglingReference { table, row, parent }),
    }
}

/// Says whose the database is, refusing another program's, without writing to it.
///
/// Closing the last connection checkpoints the write-ahead log into the file and removes
/// its side files. That is harmless when the log is empty, so it is only held back when a
/// log was already there and the file is not yet known to be matchday's.
fn identified(conn: &Connection, path: &Path) -> Result<(migrate::Identity, i64), StoreError> {
    use rusqlite::config::DbConfig;
    let mut log = path.as_os_str().to_owned();
    log.push("-wal");
    let hold_back = Path::new(&log).exists();
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, hold_back)?;
    let identity = migrate::identify(conn, path)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
    Ok(identity)
}

/// Refuses to read the database at `path` as an unchanging file when its write-ahead log
/// holds commits: read so, it would miss them (a folder that cannot be written has no
/// shared-memory file through which SQLite reads a log).
fn refuse_unread_log(path: &Path) -> Result<(), StoreError> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal = std::path::PathBuf::from(wal);
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(StoreError::UnreadableLog {
            database: path.to_path_buf(),
            log: wal,
        });
    }
    Ok(())
}

/// `:memory:` keeps nothing once the command ends, so a command given it would say
/// "added" and lose it.
fn refuse_memory(path: &Path) -> Result<(), StoreError> {
    let text = path.to_string_lossy();
    if text.is_empty() || text == ":memory:" || text.starts_with("file:") {
        return Err(StoreError::NotAFile(text.into_owned()));
    }
    Ok(())
}

/// A `file:` URI for `path`, with the characters a URI gives meaning to escaped.
fn file_uri(path: &Path, query: &str) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for c in absolute.to_string_lossy().chars() {
        match c {
            '?' | '#' | '%' => uri.push_str(&format!("%{:02X}", c as u32)),
            _ => uri.push(c),
        }
    }
    uri.push('?');
    uri.push_str(query);
    uri
}

#[cfg(test)]
mod tests;
