//! Pruning the change log: the oldest changes removed, for the space they take, after
//! which they can no longer be undone; then the file compacted to give the space back.
//!
//! The log is otherwise append-only (its triggers refuse deletes): a prune drops those
//! triggers inside its own transaction and puts them back as they were before it commits.
//! It removes the changes made before a day, except those a change it keeps still reads:
//! the change an undo or redo reverses, and the rows a mirror reads (see
//! `change_log::Source`), are kept with it, so every change left reads and reverses as
//! before. What it removed is a whole undo history (a change with its undos and redos),
//! so the undo stack read from what is left is the one before, less what was removed:
//! undo stops where the removed changes begin. The prune leaves a change of its own, with
//! no rows, so the log says it happened and a change's number is never given twice.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::NaiveDate;
use rusqlite::{Connection, TransactionBehavior, params};

use crate::{Store, StoreError, change_log};

/// What a prune of the change log removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pruned {
    /// How many changes it removed.
    pub changes: usize,
    /// How many changes made before the day it kept, because a later undo or redo reads them.
    pub kept_older: usize,
    /// The space the removed changes took in the file, in bytes, now free for later
    /// writes; [`Store::compact`] gives it back.
    pub freed_bytes: u64,
    /// The prune's own entry in the log; `None` when nothing was removed.
    pub logged_as: Option<crate::ChangeId>,
}

/// The file's size before and after [`Store::compact`], with its write-ahead log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Compacted {
    /// Bytes before.
    pub before: u64,
    /// Bytes after.
    pub after: u64,
}

/// The log's own triggers that refuse a delete, dropped while a prune runs.
const APPEND_ONLY: &[&str] = &["change_is_append_only_delete", "change_row_is_append_only_delete"];

impl Store {
    /// Removes from the change log every change made before the start of `before` (UTC),
    /// but those a later change still reads, in one transaction, and logs the prune as a
    /// change with no rows. The changes removed can no longer be undone, and the prune
    /// itself cannot be undone once it commits.
    ///
    /// # Errors
    /// Database errors; nothing is changed.
    pub fn prune_log(&mut self, before: NaiveDate) -> Result<Pruned, StoreError> {
        let command = self.command_line.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        change_log::file_unlogged(&tx)?;
        let log: Vec<(i64, String, Option<i64>)> = tx
            .prepare("SELECT id, at, undoes FROM change ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let day = before.format("%Y-%m-%dT00:00:00Z").to_string();
        // The changes older than the first made on or after the day: by the log's order, not
        // its clock, so a clock set back cannot leave a change out of the middle.
        let first_kept = log.iter().position(|(_, at, _)| *at >= day).unwrap_or(log.len());
        let mut kept: BTreeSet<i64> = log[first_kept..].iter().map(|c| c.0).collect();
        // Newest first, so a kept change's target is kept before its own target is asked.
        for (id, _, undoes) in log.iter().rev() {
            if let (true, Some(target)) = (kept.contains(id), undoes) {
                kept.insert(*target);
            }
        }
        let pruned: Vec<i64> = log[..first_kept]
            .iter()
            .map(|c| c.0)
            .filter(|id| !kept.contains(id))
            .collect();
        let kept_older = first_kept - pruned.len();
        if pruned.is_empty() {
            return Ok(Pruned {
                changes: 0,
                kept_older,
                freed_bytes: 0,
                logged_as: None,
            });
        }
        let newest = log.last().map_or(0, |c| c.0);
        let free_pages = |conn: &Connection| -> Result<i64, StoreError> {
            Ok(conn.pragma_query_value(None, "freelist_count", |r| r.get(0))?)
        };
        let free_before = free_pages(&tx)?;
        let triggers: Vec<String> = APPEND_ONLY
            .iter()
            .map(|name| {
                tx.query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )
            })
            .collect::<Result<_, _>>()?;
        for name in APPEND_ONLY {
            tx.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
        }
        {
            let mut rows = tx.prepare("DELETE FROM change_row WHERE change_id = ?1")?;
            let mut change = tx.prepare("DELETE FROM change WHERE id = ?1")?;
            // Newest first: an undo goes before the change it names.
            for id in pruned.iter().rev() {
                rows.execute([id])?;
                change.execute([id])?;
            }
        }
        for sql in &triggers {
            tx.execute_batch(sql)?;
        }
        // Numbered after every change there was, so no number is given twice.
        let id = newest + 1;
        tx.execute(
            "INSERT INTO change (id, at, command, undoes) VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?2, NULL)",
            params![id, command],
        )?;
        let page_size: i64 = tx.pragma_query_value(None, "page_size", |r| r.get(0))?;
        let freed = (free_pages(&tx)? - free_before).max(0) * page_size;
        tx.commit()?;
        Ok(Pruned {
            changes: pruned.len(),
            kept_older,
            freed_bytes: u64::try_from(freed).unwrap_or(0),
            logged_as: Some(crate::ChangeId(id)),
        })
    }

    /// Rewrites the database file without its free pages (SQLite's `VACUUM`), giving back
    /// the space removed rows took; nothing stored changes, rowids included. One
    /// transaction of its own, which cannot run inside another: a compaction cut short
    /// leaves the file as it was. It needs free disk space about the size of the file, and
    /// holds the write lock while it runs.
    ///
    /// # Errors
    /// Database errors, such as a full disk; the file is then as it was.
    pub fn compact(&mut self) -> Result<Compacted, StoreError> {
        let before = self.file_bytes();
        // The copy VACUUM builds goes to a temporary file, not memory: a file of league
        // history with its log is hundreds of MiB.
        self.conn.pragma_update(None, "temp_store", "FILE")?;
        let vacuumed = self.conn.execute_batch("VACUUM");
        let restored = self.conn.pragma_update(None, "temp_store", "MEMORY");
        vacuumed?;
        restored?;
        // The rewritten pages are in the write-ahead log until a checkpoint moves them into
        // the file and cuts both to size; a reader still in an older snapshot can hold it
        // back, and then the last connection to close finishes it.
        if self.file_path().is_some() {
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(Compacted {
            before,
            after: self.file_bytes(),
        })
    }

    fn file_path(&self) -> Option<PathBuf> {
        self.conn.path().filter(|p| !p.is_empty()).map(PathBuf::from)
    }

    /// The size of the database file and its write-ahead log, in bytes (0 in memory).
    fn file_bytes(&self) -> u64 {
        let Some(path) = self.file_path() else {
            return 0;
        };
        let mut wal = path.clone().into_os_string();
        wal.push("-wal");
        [path, PathBuf::from(wal)]
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum()
    }
}

#[cfg(test)]
mod tests;
