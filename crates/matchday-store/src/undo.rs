//! Undo and redo: each reverses one logged change exactly, as a new logged change.
//!
//! A change is reversed by replaying its rows newest first: a row it added is
//! deleted, a row it removed is inserted again with its rowid, a row it updated
//! gets its columns back. Which changes may be reversed is the undo stack's rule
//! (see `change_log::Stacks`): only the newest change still in effect, so the rows
//! are as the change left them. Each row is checked against what the change left
//! all the same, and a row changed without the log (another program) refuses the
//! whole undo, with nothing changed.
//!
//! The first undo of a change logs the rows it put back, as any write does: a bulk
//! write's rows are logged as a run of rowids, so the undo holds the only copy of them
//! once they are gone. Undoing or redoing an undo or a redo logs none: it replays the
//! rows of the change it reverses, read backwards (a mirror, see `change_log::Source`),
//! with the triggers dropped while it runs, so undo and redo cycles do not grow the log.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde_json::{Map, Value};

use crate::change_log::{self, Change, ChangeId, ChangeKind, Entry, RowChange, Run};
use crate::{Reader, Store, StoreError};

/// One change an undo or redo reversed.
#[derive(Debug, Clone, PartialEq)]
pub struct Reversal {
    /// The change reversed, as the log showed it before.
    pub reversed: Change,
    /// The new change that reversed it.
    pub by: ChangeId,
}

/// Undo reverses changes; redo reverses undos.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Undo,
    Redo,
}

impl Store {
    /// Reverses the newest `count` changes still in effect, newest first, in one
    /// transaction; each reversal is logged as a change that undoes it.
    ///
    /// # Errors
    /// [`StoreError::NothingToUndo`] when fewer than `count` changes are in effect,
    /// [`StoreError::ChangedOutsideLog`] when a row is not as the change left it;
    /// in both cases nothing is changed.
    pub fn undo(&mut self, count: usize) -> Result<Vec<Reversal>, StoreError> {
        self.reverse(count, Direction::Undo)
    }

    /// Reverses the newest `count` undos, re-applying what they reversed. Only undos
    /// that no other change has followed can be redone.
    ///
    /// # Errors
    /// [`StoreError::NothingToRedo`] when fewer than `count` undos can be redone,
    /// and as [`Store::undo`].
    pub fn redo(&mut self, count: usize) -> Result<Vec<Reversal>, StoreError> {
        self.reverse(count, Direction::Redo)
    }

    fn reverse(&mut self, count: usize, direction: Direction) -> Result<Vec<Reversal>, StoreError> {
        let command = self.command_line.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        change_log::file_unlogged(&tx)?;
        // Rows come back in the reverse of the order they went, which can put a row
        // before the one it refers to; the references are checked at commit instead.
        tx.pragma_update(None, "defer_foreign_keys", "ON")?;
        let reader = Reader::new(&tx);
        let stacks = change_log::Stacks::of(&tx)?;
        let targets: Vec<ChangeId> = match direction {
            Direction::Undo => stacks.applied.iter().rev().copied().collect(),
            Direction::Redo => stacks.undone.iter().rev().copied().collect(),
        };
        if count == 0 || targets.len() < count {
            let (asked, available) = (count, targets.len());
            return Err(match (direction, stacks.pruned) {
                (Direction::Undo, Some(prune)) => StoreError::UndoReachesPrune {
                    asked,
                    available,
                    prune: prune.0,
                },
                (Direction::Undo, None) => StoreError::NothingToUndo { asked, available },
                (Direction::Redo, _) => StoreError::NothingToRedo { asked, available },
            });
        }
        let mut reversals = Vec::with_capacity(count);
        let mut columns = Columns::default();
        for target in targets.into_iter().take(count) {
            let reversed = reader.change(target)?.ok_or(StoreError::Corrupt {
                table: "change",
                detail: format!("change {} is missing", target.0),
            })?;
            // An undo or a redo reversed again logs nothing: see the module's comment.
            let mirror = matches!(reversed.kind, ChangeKind::Undo(_) | ChangeKind::Redo(_));
            if mirror {
                change_log::suspend_triggers(&tx)?;
            }
            // A page at a time, newest first: the rows of an import of a whole league
            // history would take hundreds of MiB at once. The rows this reversal logs go
            // under a change of their own, so they never join the pages read.
            let mut before = None;
            loop {
                let page = reader.change_entries_newest_first(target, before, ROWS_PER_PAGE)?;
                let Some(&(last, _)) = page.last() else { break };
                for (_, entry) in &page {
                    match entry {
                        Entry::Row(row) => reverse_row(&tx, &mut columns, target, row)?,
                        Entry::Run(run) => reverse_run(&tx, target, run)?,
                    }
                }
                before = Some(last);
            }
            let by = if mirror {
                change_log::install_triggers(&tx)?;
                change_log::close_mirror(&tx, command.as_deref(), target)?
            } else {
                change_log::close(&tx, command.as_deref(), Some(target))?.ok_or(StoreError::Corrupt {
                    table: "change",
                    detail: format!("change {} has no rows to reverse", target.0),
                })?
            };
            reversals.push(Reversal { reversed, by });
        }
        tx.commit()?;
        Ok(reversals)
    }
}

/// How many logged rows an undo or redo holds in memory at once: a few under test, so
/// every undo and redo the tests make reads its change over several pages.
const ROWS_PER_PAGE: usize = if cfg!(test) { 3 } else { 4096 };

/// The columns of each table met, and the statements that read and put back its rows,
/// made once per undo: an undo of a league history's import reverses 200,000 rows.
#[derive(Default)]
struct Columns(HashMap<String, TableSql>);

/// A table's columns, and the statements of [`reverse_row`] for it.
struct TableSql {
    columns: Vec<String>,
    /// The row as JSON, by rowid.
    current: String,
    /// Deletes the row, by rowid.
    delete: String,
    /// Puts the row back from its JSON, every column given (the common case).
    insert_all: String,
    /// Sets every column from its JSON.
    update_all: String,
}

impl Columns {
    fn of(&mut self, conn: &Connection, table: &str) -> Result<&TableSql, StoreError> {
        if !self.0.contains_key(table) {
            let columns: Vec<String> = conn
                .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
                .query_map([table], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let all: Vec<&String> = columns.iter().collect();
            let quoted_table = quoted(table);
            let pairs: Vec<String> = columns
                .iter()
                .map(|c| format!("'{}', {}", c.replace('\'', "''"), quoted(c)))
                .collect();
            let sql = TableSql {
                current: format!(
                    "SELECT json_object({}) FROM {quoted_table} WHERE rowid = ?1",
                    pairs.join(", ")
                ),
                delete: format!("DELETE FROM {quoted_table} WHERE rowid = ?1"),
                insert_all: insert_sql(&quoted_table, &all),
                update_all: update_sql(&quoted_table, &all),
                columns,
            };
            self.0.insert(table.to_string(), sql);
        }
        Ok(&self.0[table])
    }
}

/// Inserts a row with its rowid (?1) and the columns `kept` from the JSON bound as ?2.
fn insert_sql(table: &str, kept: &[&String]) -> String {
    format!(
        "INSERT INTO {table} (rowid, {}) VALUES (?1, {})",
        kept.iter().map(|c| quoted(c)).collect::<Vec<_>>().join(", "),
        kept.iter().map(|c| extract(c)).collect::<Vec<_>>().join(", ")
    )
}

/// Sets the columns `kept` of the row with rowid ?1 from the JSON bound as ?2.
fn update_sql(table: &str, kept: &[&String]) -> String {
    format!(
        "UPDATE {table} SET {} WHERE rowid = ?1",
        kept.iter()
            .map(|c| format!("{} = {}", quoted(c), extract(c)))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn quoted(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

/// `json_extract(?2, '$."column"')`: the value of a column in the JSON bound as ?2.
fn extract(column: &str) -> String {
    let path = format!("$.\"{column}\"").replace('\'', "''");
    format!("json_extract(?2, '{path}')")
}

/// Puts one row back as it was before the change, after checking it is as the change left it.
fn reverse_row(
    conn: &Connection,
    columns: &mut Columns,
    change: ChangeId,
    row: &RowChange,
) -> Result<(), StoreError> {
    let sql = columns.of(conn, &row.table)?;
    let cols = &sql.columns;
    let conflict = || StoreError::ChangedOutsideLog {
        change: change.0,
        table: row.table.clone(),
        row: row.row_id,
    };
    if cols.is_empty() {
        return Err(conflict());
    }
    let current: Option<String> = conn
        .prepare_cached(&sql.current)?
        .query_row([row.row_id], |r| r.get(0))
        .optional()?;
    let as_left = match (&row.after, current) {
        (None, None) => true,
        (Some(after), Some(current)) => same_as(after, &current),
        _ => false,
    };
    if !as_left {
        return Err(conflict());
    }
    match &row.before {
        None => {
            conn.prepare_cached(&sql.delete)?.execute([row.row_id])?;
        }
        Some(before) => {
            // Columns the row had then; one added to the table since keeps its default.
            let kept: Vec<&String> = cols.iter().filter(|c| before.contains_key(c.as_str())).collect();
            let json = serde_json::to_string(before).expect("a JSON object serialises");
            let every = kept.len() == cols.len();
            let statement: std::borrow::Cow<'_, str> = match (row.after.is_none(), every) {
                (true, true) => sql.insert_all.as_str().into(),
                (true, false) => insert_sql(&quoted(&row.table), &kept).into(),
                (false, true) => sql.update_all.as_str().into(),
                (false, false) => update_sql(&quoted(&row.table), &kept).into(),
            };
            conn.prepare_cached(&statement)?
                .execute(params![row.row_id, json])?;
        }
    }
    Ok(())
}

/// Removes the rows of a run a bulk write added, after checking every one is still
/// there; the undo's delete triggers log each of them, so a redo puts them back. Nothing
/// still in effect came after the change (the undo stack's rule), so they are as it
/// left them unless another program changed them without the log: a row missing or
/// added in the run's span refuses the undo.
fn reverse_run(conn: &Connection, change: ChangeId, run: &Run) -> Result<(), StoreError> {
    let table = quoted(&run.table);
    let present: i64 = conn.query_row(
        &format!("SELECT count(*) FROM {table} WHERE rowid BETWEEN ?1 AND ?2"),
        [run.first, run.last],
        |r| r.get(0),
    )?;
    if present != run.last - run.first + 1 {
        return Err(StoreError::ChangedOutsideLog {
            change: change.0,
            table: run.table.clone(),
            row: run.first,
        });
    }
    conn.execute(
        &format!("DELETE FROM {table} WHERE rowid BETWEEN ?1 AND ?2"),
        [run.first, run.last],
    )?;
    Ok(())
}

/// Whether the row now (as JSON) holds every value the change left in it.
fn same_as(left: &Map<String, Value>, current: &str) -> bool {
    match serde_json::from_str::<Value>(current) {
        Ok(Value::Object(now)) => left.iter().all(|(k, v)| now.get(k) == Some(v)),
        _ => false,
    }
}
