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

mod error;
mod import;
mod migrate;
mod reader;
mod regulations;
mod rows;
mod writer;

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

pub use error::StoreError;
pub use import::ImportSummary;
pub use reader::{MatchFilter, Reader};
pub use writer::{Added, Recorded, Writer};

/// The database: one SQLite file with foreign keys on and a write-ahead log.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if missing) the database at `path` and brings its schema up to date.
    ///
    /// # Errors
    /// When the file cannot be opened or was written by a newer matchday.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        Store::prepare(conn)
    }

    /// A fresh database in memory, for tests.
    ///
    /// # Errors
    /// Only if SQLite cannot start.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::prepare(Connection::open_in_memory()?)
    }

    fn prepare(mut conn: Connection) -> Result<Store, StoreError> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate::migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// Reads without changing anything.
    pub fn read(&self) -> Reader<'_> {
        Reader::new(&self.conn)
    }

    /// Runs `change` as one transaction, committed only if it returns `Ok`.
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
        let value = {
            let mut writer = Writer::new(&tx);
            change(&mut writer)?
        };
        tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }
}

#[cfg(test)]
mod tests;
