//! The change log: every change to stored data, as the transaction that made it
//! left it, read back as typed values.
//!
//! Rows are logged by triggers (see `migrations/0006_change_log.sql`), so no
//! write can forget to log itself: the triggers are generated here from the
//! columns of every data table, after migration 0006 and again after every later
//! one, so a column or table added later is logged as well.
//!
//! An undo or redo of an undo or redo stores no rows of its own: its rows are exactly
//! those of the change it reverses, newest first with before and after swapped, so it
//! is read from that change's rows (a mirror, see [`Source`]). Only the first undo of a
//! change stores a copy of what it reversed, and undoing and redoing it again and again
//! adds one `change` row each time rather than a copy of every row it touched. The log
//! reads the same either way: the counts, rows and subject of a mirror are those its
//! triggers would have logged.
//!
//! `matchday log prune` removes the oldest changes (see `prune.rs`) and leaves a change
//! of its own with no rows and no change undone: a [`ChangeKind::Prune`].

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use matchday_core::Match;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value};

use crate::rows::{MATCH_COLUMNS, MatchRow};
use crate::{Reader, StoreError};

/// The log's own tables, which are never logged.
pub(crate) const LOG_TABLES: &[&str] = &["change", "change_row"];

/// The id of the change the triggers are filing rows under: the one after the newest stored.
const PENDING: &str = "(SELECT coalesce(max(id), 0) + 1 FROM change)";

/// The format of [`Change::at`] as stored.
const AT_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";

/// One entry of the change log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChangeId(pub i64);

/// What happened to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowAction {
    /// The row was inserted.
    Added,
    /// Some of its columns changed.
    Updated,
    /// The row was deleted.
    Removed,
}

impl RowAction {
    /// The action's name in JSON output: "added", "updated", "removed".
    pub fn name(self) -> &'static str {
        match self {
            RowAction::Added => "added",
            RowAction::Updated => "updated",
            RowAction::Removed => "removed",
        }
    }
}

/// What a change was, as the undo stack reads the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// A change a command made to the data.
    Edit,
    /// The reversal of the change it names (`matchday undo`).
    Undo(ChangeId),
    /// The reversal of an undo, re-applying what it reversed (`matchday redo`).
    Redo(ChangeId),
    /// Older changes removed from the log (`matchday log prune`); it changed no data and
    /// cannot be undone, and the changes it removed can no longer be undone either.
    Prune,
}

/// How many rows of one table a change touched one way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowCount {
    /// The table, as SQL names it ("match", "team_alias").
    pub table: String,
    /// What happened to them.
    pub action: RowAction,
    /// How many.
    pub count: usize,
}

/// What the one row a change touched was, when it touched one row only.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// A match, before and after (absent before it was added, and after it was removed).
    Match {
        /// The home team's name.
        home: String,
        /// The away team's name.
        away: String,
        /// The match before the change (boxed: a match is far larger than the other subjects).
        before: Option<Box<Match>>,
        /// The match after it.
        after: Option<Box<Match>>,
    },
    /// A team, by its name before and after.
    Team {
        /// The name before (absent when it was added).
        before: Option<String>,
        /// The name after (absent when it was removed).
        after: Option<String>,
    },
    /// Another name of a team.
    Alias {
        /// The team's name.
        team: String,
        /// The alias.
        alias: String,
    },
    /// A points deduction.
    Deduction {
        /// The team's name.
        team: String,
        /// Points taken (negative: given back).
        points: i64,
        /// The day it counts from.
        effective: NaiveDate,
    },
    /// A team entered in a competition-season.
    Entrant {
        /// The team's name.
        team: String,
    },
    /// A competition-season.
    Competition {
        /// Its name.
        name: String,
        /// Its season, as stored ("2023-24").
        season: String,
    },
    /// A row of another table; the counts say what it was.
    Other,
}

/// One entry of the change log.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Its id, in the order the changes were made.
    pub id: ChangeId,
    /// When it was made (to the second).
    pub at: DateTime<Utc>,
    /// The command line that made it, shell-quoted; `None` when it was not made by
    /// the matchday command (a library caller, or another program with the file).
    pub command: Option<String>,
    /// A change, an undo or a redo.
    pub kind: ChangeKind,
    /// Whether a later change undid it and nothing redid it since.
    pub undone: bool,
    /// How many rows of each table it added, updated and removed, by table then action.
    pub counts: Vec<RowCount>,
    /// What the row was, when it touched exactly one.
    pub subject: Option<Subject>,
}

/// One row a change touched, with its columns before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct RowChange {
    /// The table.
    pub table: String,
    /// The row's rowid (its `id`, where the table has one).
    pub row_id: i64,
    /// Every column before the change; `None` for a row added.
    pub before: Option<Map<String, Value>>,
    /// Every column after the change; `None` for a row removed.
    pub after: Option<Map<String, Value>>,
}

impl RowChange {
    /// Whether the row was added, updated or removed.
    pub fn action(&self) -> RowAction {
        match (&self.before, &self.after) {
            (None, _) => RowAction::Added,
            (Some(_), None) => RowAction::Removed,
            (Some(_), Some(_)) => RowAction::Updated,
        }
    }
}

fn quoted(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Every data table: all but SQLite's and the log's own.
pub(crate) fn data_tables(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
             ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(tables
        .into_iter()
        .filter(|t| !LOG_TABLES.contains(&t.as_str()))
        .collect())
}

/// A table's columns, in their order.
fn columns(conn: &Connection, table: &str) -> Result<Vec<String>, StoreError> {
    let names = conn
        .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
        .query_map([table], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(names)
}

/// `json_object('a', NEW."a", ...)` of a row's columns, as `NEW` or `OLD` in a trigger
/// or the table's own columns in a query.
fn json_of(columns: &[String], row: Option<&str>) -> String {
    let prefix = row.map(|r| format!("{r}.")).unwrap_or_default();
    let pairs: Vec<String> = columns
        .iter()
        .map(|c| format!("{}, {prefix}{}", literal(c), quoted(c)))
        .collect();
    format!("json_object({})", pairs.join(", "))
}

/// (Re)creates the triggers that log every insert, update and delete of every data
/// table. Run after migration 0006 and every later one, so the triggers always
/// name every column; creating a trigger changes no row, so this logs nothing.
/// Their text is part of the schema a restore checks a backup against
/// (`migrate::check_schema`): a change to it comes with a migration that remakes them.
pub(crate) fn install_triggers(conn: &Connection) -> Result<(), StoreError> {
    for table in data_tables(conn)? {
        create_triggers(conn, &table, None)?;
    }
    Ok(())
}

/// (Re)creates the three triggers logging `table`'s rows. With `up_to`, they log only
/// rows whose rowid is at most that: the rows a bulk write adds above it are logged
/// once, as it ends, by [`end_bulk`].
fn create_triggers(conn: &Connection, table: &str, up_to: Option<i64>) -> Result<(), StoreError> {
    let cols = columns(conn, table)?;
    let (new, old) = (json_of(&cols, Some("NEW")), json_of(&cols, Some("OLD")));
    let name = |action: &str| quoted(&format!("change_log_{table}_{action}"));
    let t = quoted(table);
    let tbl = literal(table);
    let changed = {
        let list = |r: &str| {
            cols.iter()
                .map(|c| format!("{r}.{}", quoted(c)))
                .collect::<Vec<_>>()
        };
        format!("({}) IS NOT ({})", list("OLD").join(", "), list("NEW").join(", "))
    };
    let insert = name("insert");
    let update = name("update");
    let delete = name("delete");
    let (insert_trigger, and_either, update_guard, delete_guard) = match up_to {
        None => (
            format!(
                "CREATE TRIGGER {insert} AFTER INSERT ON {t} BEGIN
                 INSERT INTO change_row (change_id, tbl, row_id, before, after)
                 VALUES ({PENDING}, {tbl}, NEW.rowid, NULL, {new});
             END;"
            ),
            String::new(),
            String::new(),
            String::new(),
        ),
        // No insert trigger at all: even one that logs nothing costs an insert a third of
        // its time. New rows are then given rowids above `n` as long as row `n` is there,
        // so it stays.
        Some(n) => (
            String::new(),
            format!(" AND (OLD.rowid <= {n} OR NEW.rowid <= {n})"),
            format!(
                "SELECT RAISE(ABORT, 'a bulk write moves no row it did not add') \
                 WHERE OLD.rowid = {n} AND NEW.rowid IS NOT {n};\n                 "
            ),
            format!(
                "SELECT RAISE(ABORT, 'a bulk write removes no row it did not add') \
                 WHERE OLD.rowid = {n};\n                 "
            ),
        ),
    };
    let when_old = up_to
        .map(|n| format!(" WHEN OLD.rowid <= {n}"))
        .unwrap_or_default();
    conn.execute_batch(&format!(
        "DROP TRIGGER IF EXISTS {insert};
             DROP TRIGGER IF EXISTS {update};
             DROP TRIGGER IF EXISTS {delete};
             {insert_trigger}
             -- An update that sets every column to what it was changes nothing, and is not logged.
             CREATE TRIGGER {update} AFTER UPDATE ON {t} WHEN {changed}{and_either} BEGIN
                 {update_guard}INSERT INTO change_row (change_id, tbl, row_id, before, after)
                 VALUES ({PENDING}, {tbl}, NEW.rowid, {old}, {new});
             END;
             CREATE TRIGGER {delete} AFTER DELETE ON {t}{when_old} BEGIN
                 {delete_guard}INSERT INTO change_row (change_id, tbl, row_id, before, after)
                 VALUES ({PENDING}, {tbl}, OLD.rowid, {old}, NULL);
             END;"
    ))?;
    Ok(())
}

/// The tables a bulk write logs at its end: those an import adds most rows to. A table
/// whose rows refer to another's comes after it: an undo reverses the runs newest first,
/// so a match's odds are removed before the match (whose deletion would cascade to them).
const BULK_TABLES: &[&str] = &["match", "match_odds"];

/// The page cache of a connection that has made a bulk write, in KiB.
const BULK_CACHE_KIB: i64 = 96 * 1024;

/// A bulk write under way: for each of [`BULK_TABLES`], the largest rowid before it.
///
/// Logging 200,000 inserted matches by a trigger each, with a JSON copy of every row,
/// was most of an import's time and three quarters of its database. During a bulk write
/// such a table has no insert trigger, and its update and delete triggers log only rows
/// at or below that rowid, as ever; [`end_bulk`] then logs the rows above it, which the
/// write added, as one run of rowids (see `migrations/0008_faster_imports.sql`): their
/// columns are in the table. When the write removed some of the rows it added, so that
/// they are not one run, each is logged as added with its columns, in one statement.
/// New rows get rowids above the largest as long as that row stays, so the write may
/// not remove or move it (its triggers refuse). A row added and then changed or removed
/// by the same write is so logged as its net effect, which is what the change did; undo
/// reverses it exactly as a row a trigger logged. The triggers are changed inside the
/// write's own transaction, so no other connection ever sees them changed, and a write
/// that fails or is killed rolls them back with its rows.
#[must_use = "a bulk write must be ended, or its rows are not logged"]
pub(crate) struct BulkLog {
    above: Vec<(&'static str, i64)>,
}

/// Starts a bulk write: see [`BulkLog`].
pub(crate) fn begin_bulk(conn: &Connection) -> Result<BulkLog, StoreError> {
    // A bulk write's pages stay in memory until it commits, rather than spilling to the
    // journal as SQLite's 2 MiB cache fills and being written twice: league history
    // is about 100 MiB. Not part of the transaction, so it holds for the connection.
    conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
    let mut above = Vec::with_capacity(BULK_TABLES.len());
    for &table in BULK_TABLES {
        let max: i64 = conn.query_row(
            &format!("SELECT coalesce(max(rowid), 0) FROM {}", quoted(table)),
            [],
            |r| r.get(0),
        )?;
        create_triggers(conn, table, Some(max))?;
        above.push((table, max));
    }
    Ok(BulkLog { above })
}

/// Ends a bulk write: logs the rows it added, then puts the usual triggers back.
pub(crate) fn end_bulk(conn: &Connection, bulk: BulkLog) -> Result<(), StoreError> {
    let change = pending(conn)?;
    for (table, max) in bulk.above {
        let (first, last, count): (Option<i64>, Option<i64>, i64) = conn.query_row(
            &format!(
                "SELECT min(rowid), max(rowid), count(*) FROM {} WHERE rowid > ?1",
                quoted(table)
            ),
            [max],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        match (first, last) {
            (Some(first), Some(last)) if last - first + 1 == count => {
                conn.prepare_cached(
                    "INSERT INTO change_row (change_id, tbl, row_id, before, after, last_row_id)
                     VALUES (?1, ?2, ?3, NULL, NULL, ?4)",
                )?
                .execute(params![change, table, first, last])?;
            }
            (Some(_), Some(_)) => {
                let cols = columns(conn, table)?;
                conn.execute(
                    &format!(
                        "INSERT INTO change_row (change_id, tbl, row_id, before, after)
                         SELECT ?1, ?2, rowid, NULL, {} FROM {} WHERE rowid > ?3 ORDER BY rowid",
                        json_of(&cols, None),
                        quoted(table)
                    ),
                    params![change, table, max],
                )?;
            }
            _ => {}
        }
        create_triggers(conn, table, None)?;
    }
    Ok(())
}

fn pending(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached(&format!("SELECT {PENDING}"))?
        .query_row([], |r| r.get(0))?)
}

fn has_rows(conn: &Connection, change: i64) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM change_row WHERE change_id = ?1)")?
        .query_row([change], |r| r.get(0))?)
}

/// Closes the change the triggers have been filing rows under, with the command line
/// that made it and the change it undoes, if any row changed: a write that changed
/// nothing leaves no entry. Returns the change's id when it was stored.
pub(crate) fn close(
    conn: &Connection,
    command: Option<&str>,
    undoes: Option<ChangeId>,
) -> Result<Option<ChangeId>, StoreError> {
    let id = pending(conn)?;
    if !has_rows(conn, id)? {
        return Ok(None);
    }
    conn.prepare_cached(&format!(
        "INSERT INTO change (id, at, command, undoes) VALUES (?1, strftime('{AT_FORMAT}', 'now'), ?2, ?3)"
    ))?
    .execute(params![id, command, undoes.map(|u| u.0)])?;
    Ok(Some(ChangeId(id)))
}

/// Stores an undo or redo of an undo or redo, which logs no rows: they are those of the
/// change it reversed, read backwards (see [`Source`]). Returns its id.
pub(crate) fn close_mirror(
    conn: &Connection,
    command: Option<&str>,
    undoes: ChangeId,
) -> Result<ChangeId, StoreError> {
    let id = pending(conn)?;
    if has_rows(conn, id)? {
        // The triggers were dropped while it ran, and rows written before were filed.
        return Err(StoreError::Corrupt {
            table: "change_row",
            detail: format!("rows were logged under the reversal of change {}", undoes.0),
        });
    }
    conn.prepare_cached(&format!(
        "INSERT INTO change (id, at, command, undoes) VALUES (?1, strftime('{AT_FORMAT}', 'now'), ?2, ?3)"
    ))?
    .execute(params![id, command, undoes.0])?;
    Ok(ChangeId(id))
}

/// Drops the triggers logging every data table, inside a write's transaction, while an
/// undo or redo stores no rows (see [`close_mirror`]); [`install_triggers`] puts them
/// back before it ends, and a write that fails rolls them back with its rows.
pub(crate) fn suspend_triggers(conn: &Connection) -> Result<(), StoreError> {
    for table in data_tables(conn)? {
        for action in ["insert", "update", "delete"] {
            conn.execute_batch(&format!(
                "DROP TRIGGER IF EXISTS {}",
                quoted(&format!("change_log_{table}_{action}"))
            ))?;
        }
    }
    Ok(())
}

/// Where the rows of a change are stored: its own, or for a mirror (an undo or redo of an
/// undo or redo, which stores none), those of the nearest change back along what each
/// reverses that stores some, read newest first with before and after swapped when an odd
/// number of reversals lie between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Source {
    /// The change whose rows are stored.
    pub(crate) stored: ChangeId,
    /// Whether the rows are read backwards: newest first, before and after swapped.
    pub(crate) flipped: bool,
}

/// Where the rows of `change` are stored (see [`Source`]). A prune's change has none and
/// reverses nothing: its source is itself, with no rows.
pub(crate) fn source(conn: &Connection, change: ChangeId) -> Result<Source, StoreError> {
    let mut at = change;
    let mut flipped = false;
    loop {
        if has_rows(conn, at.0)? {
            return Ok(Source { stored: at, flipped });
        }
        let undoes: Option<Option<i64>> = conn
            .prepare_cached("SELECT undoes FROM change WHERE id = ?1")?
            .query_row([at.0], |r| r.get(0))
            .optional()?;
        match undoes {
            Some(Some(target)) => {
                at = ChangeId(target);
                flipped = !flipped;
            }
            Some(None) => return Ok(Source { stored: at, flipped }),
            None => {
                return Err(StoreError::Corrupt {
                    table: "change",
                    detail: format!("change {} reverses change {}, which is missing", change.0, at.0),
                });
            }
        }
    }
}

/// Files rows logged with no change of their own (written by another program with
/// foreign keys off) under a change with no command line, so the next change
/// does not claim them as its own.
pub(crate) fn file_unlogged(conn: &Connection) -> Result<Option<ChangeId>, StoreError> {
    close(conn, None, None)
}

/// Which changes are in effect and which undos can be redone, as the log says.
///
/// The log is read as an undo stack: a change is pushed; an undo reverses the
/// change on top, which moves to the redo stack; a redo reverses the undo on top
/// of that one and is pushed like a change; any other change empties the redo
/// stack, since it may build on what the undos left. So an undo or a redo only
/// ever reverses a change that nothing still in effect came after, and it is exact.
#[derive(Debug, Default)]
pub(crate) struct Stacks {
    /// Changes in effect, oldest first.
    pub(crate) applied: Vec<ChangeId>,
    /// Undos that can be redone, oldest first.
    pub(crate) undone: Vec<ChangeId>,
    kinds: HashMap<ChangeId, ChangeKind>,
    /// Changes undone (reversed, and not re-applied since).
    reversed: HashMap<ChangeId, bool>,
    /// The newest prune of the log: the changes before it that it removed cannot be undone.
    pub(crate) pruned: Option<ChangeId>,
}

impl Stacks {
    /// The stacks as the log reads.
    pub(crate) fn of(conn: &Connection) -> Result<Stacks, StoreError> {
        let log: Vec<(i64, Option<i64>, bool)> = conn
            .prepare_cached(
                "SELECT id, undoes, EXISTS (SELECT 1 FROM change_row WHERE change_id = change.id)
                 FROM change ORDER BY id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let mut stacks = Stacks::default();
        for (id, undoes, has_rows) in log {
            let id = ChangeId(id);
            let target = undoes.map(ChangeId);
            let kind = match target {
                // A prune changed no data: the stacks stay as they were, less what it removed.
                None if !has_rows => {
                    stacks.pruned = Some(id);
                    ChangeKind::Prune
                }
                Some(t) if stacks.applied.last() == Some(&t) => {
                    stacks.applied.pop();
                    stacks.undone.push(id);
                    stacks.reversed.insert(t, true);
                    ChangeKind::Undo(t)
                }
                Some(t) if stacks.undone.last() == Some(&t) => {
                    stacks.undone.pop();
                    stacks.applied.push(id);
                    stacks.reversed.insert(t, true);
                    // What the undo reversed is in effect again.
                    if let Some(ChangeKind::Undo(original)) = stacks.kinds.get(&t) {
                        stacks.reversed.insert(*original, false);
                    }
                    ChangeKind::Redo(t)
                }
                // Only made by this rule, so never seen; read as a change, which it is.
                _ => {
                    stacks.applied.push(id);
                    stacks.undone.clear();
                    ChangeKind::Edit
                }
            };
            stacks.kinds.insert(id, kind);
        }
        Ok(stacks)
    }
}

/// A row of `change_row` as read: its table, row id, and JSON before and after.
type LoggedRow = (String, i64, Option<String>, Option<String>);

/// The rows a bulk write added to a table, logged as one run: every rowid from `first`
/// to `last` (see `migrations/0008_faster_imports.sql`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    /// The table.
    pub(crate) table: String,
    /// The first rowid.
    pub(crate) first: i64,
    /// The last rowid.
    pub(crate) last: i64,
}

/// One entry of the log as stored: a row, or a run of rows added.
enum LoggedEntry {
    Row(LoggedRow),
    Run(Run),
}

/// One entry of the log, its JSON read: what undo reverses.
pub(crate) enum Entry {
    /// One row, with its columns before and after.
    Row(RowChange),
    /// A run of rows a bulk write added, as they are in their table.
    Run(Run),
}

/// The columns [`logged_entry`] reads, in its order.
const ENTRY_COLUMNS: &str = "seq, tbl, row_id, before, after, last_row_id";

/// A row of `change_row`, as its place in the log and its entry.
fn logged_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, LoggedEntry)> {
    let (seq, table, row_id): (i64, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
    let entry = match r.get::<_, Option<i64>>(5)? {
        Some(last) => LoggedEntry::Run(Run {
            table,
            first: row_id,
            last,
        }),
        None => LoggedEntry::Row((table, row_id, r.get(3)?, r.get(4)?)),
    };
    Ok((seq, entry))
}

/// A logged row, its JSON read.
fn row_change((table, row_id, before, after): LoggedRow) -> Result<RowChange, StoreError> {
    Ok(RowChange {
        before: parse_object(before, &table)?,
        after: parse_object(after, &table)?,
        table,
        row_id,
    })
}

fn parse_object(text: Option<String>, table: &str) -> Result<Option<Map<String, Value>>, StoreError> {
    let Some(text) = text else { return Ok(None) };
    match serde_json::from_str(&text) {
        Ok(Value::Object(map)) => Ok(Some(map)),
        _ => Err(StoreError::Corrupt {
            table: "change_row",
            detail: format!("a row of {table} that is not a JSON object"),
        }),
    }
}

impl Reader<'_> {
    /// The change log, newest first: at most `limit` entries when given.
    ///
    /// # Errors
    /// Database errors, and log rows that cannot be read back.
    pub fn changes(&self, limit: Option<usize>) -> Result<Vec<Change>, StoreError> {
        let stacks = Stacks::of(self.conn)?;
        let limit = limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let heads: Vec<(i64, String, Option<String>)> = self
            .conn
            .prepare_cached("SELECT id, at, command FROM change ORDER BY id DESC LIMIT ?1")?
            .query_map([limit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        heads
            .into_iter()
            .map(|(id, at, command)| self.entry(&stacks, ChangeId(id), &at, command))
            .collect()
    }

    /// One entry of the change log, if there is one with that id.
    ///
    /// # Errors
    /// Database errors, and log rows that cannot be read back.
    pub fn change(&self, id: ChangeId) -> Result<Option<Change>, StoreError> {
        let head: Option<(String, Option<String>)> = self
            .conn
            .prepare_cached("SELECT at, command FROM change WHERE id = ?1")?
            .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((at, command)) = head else {
            return Ok(None);
        };
        let stacks = Stacks::of(self.conn)?;
        self.entry(&stacks, id, &at, command).map(Some)
    }

    fn entry(
        &self,
        stacks: &Stacks,
        change: ChangeId,
        at: &str,
        command: Option<String>,
    ) -> Result<Change, StoreError> {
        let source = source(self.conn, change)?;
        let mut counts: Vec<RowCount> = self
            .conn
            .prepare_cached(
                // A run (both NULL) is so many rows added.
                "SELECT tbl, before IS NULL, after IS NULL AND last_row_id IS NULL,
                        sum(CASE WHEN last_row_id IS NULL THEN 1 ELSE last_row_id - row_id + 1 END)
                 FROM change_row WHERE change_id = ?1
                 GROUP BY 1, 2, 3",
            )?
            .query_map([source.stored.0], |r| {
                let (table, added, removed, count): (String, bool, bool, i64) =
                    (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                // Read backwards, a row added was removed and one removed added.
                let action = match (added, removed, source.flipped) {
                    (true, _, false) | (false, true, true) => RowAction::Added,
                    (false, true, false) | (true, _, true) => RowAction::Removed,
                    (false, false, _) => RowAction::Updated,
                };
                Ok(RowCount {
                    table,
                    action,
                    count: usize::try_from(count).unwrap_or(0),
                })
            })?
            .collect::<Result<_, _>>()?;
        counts.sort_by(|a, b| (&a.table, a.action).cmp(&(&b.table, b.action)));
        let subject = if counts.len() == 1 && counts[0].count == 1 {
            let rows = self.change_rows(change)?;
            rows.first().map(|row| self.subject(row)).transpose()?
        } else {
            None
        };
        let at = DateTime::parse_from_str(&format!("{at} +0000"), &format!("{AT_FORMAT} %z"))
            .map_err(|_| StoreError::Corrupt {
                table: "change",
                detail: format!("bad time {at}"),
            })?
            .with_timezone(&Utc);
        Ok(Change {
            id: change,
            at,
            command,
            kind: stacks.kinds.get(&change).copied().unwrap_or(ChangeKind::Edit),
            undone: stacks.reversed.get(&change).copied().unwrap_or(false),
            counts,
            subject,
        })
    }

    /// The rows one change touched, in the order it touched them, each row of a run a bulk
    /// write logged with its columns as the change left them.
    ///
    /// # Errors
    /// Database errors, and log rows that cannot be read back.
    pub fn change_rows(&self, change: ChangeId) -> Result<Vec<RowChange>, StoreError> {
        let source = source(self.conn, change)?;
        let mut rows = self.stored_rows(source.stored)?;
        if source.flipped {
            rows.reverse();
            for row in &mut rows {
                std::mem::swap(&mut row.before, &mut row.after);
            }
        }
        Ok(rows)
    }

    /// The rows a change stored, in the order it touched them.
    fn stored_rows(&self, change: ChangeId) -> Result<Vec<RowChange>, StoreError> {
        let entries: Vec<(i64, LoggedEntry)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ENTRY_COLUMNS} FROM change_row WHERE change_id = ?1 ORDER BY seq"
            ))?
            .query_map([change.0], logged_entry)?
            .collect::<Result<_, _>>()?;
        let mut rows = Vec::with_capacity(entries.len());
        for (seq, entry) in entries {
            match entry {
                LoggedEntry::Row(row) => rows.push(row_change(row)?),
                LoggedEntry::Run(run) => rows.extend(self.run_as_left(seq, &run)?),
            }
        }
        Ok(rows)
    }

    /// The rows of a run logged at `seq`, as the change left them: each is the `before`
    /// of the first row the log holds of it after `seq`, or else as it is now.
    fn run_as_left(&self, seq: i64, run: &Run) -> Result<Vec<RowChange>, StoreError> {
        let mut left: HashMap<i64, Option<String>> = HashMap::new();
        let later: Vec<(i64, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT row_id, before FROM change_row
                 WHERE tbl = ?1 AND row_id BETWEEN ?2 AND ?3 AND seq > ?4 AND last_row_id IS NULL
                 ORDER BY seq",
            )?
            .query_map(params![run.table, run.first, run.last, seq], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<Result<_, _>>()?;
        for (row_id, before) in later {
            left.entry(row_id).or_insert(before);
        }
        let cols = columns(self.conn, &run.table)?;
        let now: HashMap<i64, String> = self
            .conn
            .prepare(&format!(
                "SELECT rowid, {} FROM {} WHERE rowid BETWEEN ?1 AND ?2",
                json_of(&cols, None),
                quoted(&run.table)
            ))?
            .query_map([run.first, run.last], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        (run.first..=run.last)
            .map(|row_id| {
                let after = match left.get(&row_id) {
                    Some(before) => before.clone(),
                    None => now.get(&row_id).cloned(),
                };
                // A row of the run is there until a logged change removes it, which logs it.
                let Some(after) = after else {
                    return Err(StoreError::Corrupt {
                        table: "change_row",
                        detail: format!("row {row_id} of {} is missing from a run of the log", run.table),
                    });
                };
                row_change((run.table.clone(), row_id, None, Some(after)))
            })
            .collect()
    }

    /// At most `limit` of the entries of one change, newest first, each with its place in
    /// the log: those after the place `after` when given (the last place of the page
    /// before). Undo reads a change a page at a time this way, so reversing a large change
    /// stays small in memory. A mirror's entries are those of the change it reads (see
    /// [`Source`]), backwards when flipped.
    ///
    /// # Errors
    /// Database errors, and log rows that cannot be read back.
    pub(crate) fn change_entries_newest_first(
        &self,
        change: ChangeId,
        after: Option<i64>,
        limit: usize,
    ) -> Result<Vec<(i64, Entry)>, StoreError> {
        let source = source(self.conn, change)?;
        // Newest first is the stored change's order read backwards, oldest first read forwards.
        let (order, beyond, start) = if source.flipped {
            (">", "ASC", i64::MIN)
        } else {
            ("<", "DESC", i64::MAX)
        };
        let entries: Vec<(i64, LoggedEntry)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT {ENTRY_COLUMNS} FROM change_row
                 WHERE change_id = ?1 AND seq {order} ?2 ORDER BY seq {beyond} LIMIT ?3"
            ))?
            .query_map(
                params![
                    source.stored.0,
                    after.unwrap_or(start),
                    i64::try_from(limit).unwrap_or(i64::MAX)
                ],
                logged_entry,
            )?
            .collect::<Result<_, _>>()?;
        entries
            .into_iter()
            .map(|(seq, entry)| {
                let entry = match entry {
                    LoggedEntry::Row(row) => {
                        let mut row = row_change(row)?;
                        if source.flipped {
                            std::mem::swap(&mut row.before, &mut row.after);
                        }
                        Entry::Row(row)
                    }
                    LoggedEntry::Run(run) if !source.flipped => Entry::Run(run),
                    // A mirror reads an undo's or a redo's rows, which are never a run.
                    LoggedEntry::Run(run) => {
                        return Err(StoreError::Corrupt {
                            table: "change_row",
                            detail: format!(
                                "change {} reverses a run of {} rows of {}",
                                change.0,
                                run.last - run.first + 1,
                                run.table
                            ),
                        });
                    }
                };
                Ok((seq, entry))
            })
            .collect()
    }

    /// The name of a team, as stored, or as the log last saw it when it is gone.
    fn logged_team_name(&self, id: i64) -> Result<String, StoreError> {
        let stored: Option<String> = self
            .conn
            .prepare_cached("SELECT name FROM team WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        if let Some(name) = stored {
            return Ok(name);
        }
        let logged: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT json_extract(coalesce(before, after), '$.name') FROM change_row
                 WHERE tbl = 'team' AND row_id = ?1 AND last_row_id IS NULL ORDER BY seq DESC LIMIT 1",
            )?
            .query_row([id], |r| r.get(0))
            .optional()?
            .flatten();
        Ok(logged.unwrap_or_else(|| format!("#{id}")))
    }

    /// A match as a row of the log holds it.
    fn logged_match(&self, row: &Map<String, Value>) -> Result<Match, StoreError> {
        let picks: Vec<String> = MATCH_COLUMNS
            .split(',')
            .map(|c| format!("json_extract(?1, {})", literal(&format!("$.\"{}\"", c.trim()))))
            .collect();
        let text = Value::Object(row.clone()).to_string();
        let parsed = self
            .conn
            .prepare_cached(&format!("SELECT {}", picks.join(", ")))?
            .query_row([text], MatchRow::from_row)?;
        parsed.into_match()
    }

    fn subject(&self, row: &RowChange) -> Result<Subject, StoreError> {
        let Some(latest) = row.after.as_ref().or(row.before.as_ref()) else {
            return Ok(Subject::Other);
        };
        let int = |key: &str| latest.get(key).and_then(Value::as_i64).unwrap_or_default();
        let text = |map: Option<&Map<String, Value>>, key: &str| {
            map.and_then(|m| m.get(key))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        Ok(match row.table.as_str() {
            "match" => {
                let before = row.before.as_ref().map(|r| self.logged_match(r)).transpose()?;
                let after = row.after.as_ref().map(|r| self.logged_match(r)).transpose()?;
                let teams = after.as_ref().or(before.as_ref()).map(|m| m.pairing);
                let (home, away) = match teams {
                    Some(p) => (
                        self.logged_team_name(p.home().0)?,
                        self.logged_team_name(p.away().0)?,
                    ),
                    None => (String::new(), String::new()),
                };
                Subject::Match {
                    home,
                    away,
                    before: before.map(Box::new),
                    after: after.map(Box::new),
                }
            }
            "team" => Subject::Team {
                before: text(row.before.as_ref(), "name"),
                after: text(row.after.as_ref(), "name"),
            },
            "team_alias" => Subject::Alias {
                team: self.logged_team_name(int("team_id"))?,
                alias: text(Some(latest), "alias").unwrap_or_default(),
            },
            "deduction" => Subject::Deduction {
                team: self.logged_team_name(int("team_id"))?,
                points: int("points"),
                effective: text(Some(latest), "effective")
                    .and_then(|d| crate::rows::parse_date(&d).ok())
                    .unwrap_or_default(),
            },
            "entrant" => Subject::Entrant {
                team: self.logged_team_name(int("team_id"))?,
            },
            "competition" => Subject::Competition {
                name: text(Some(latest), "name").unwrap_or_default(),
                season: text(Some(latest), "season").unwrap_or_default(),
            },
            _ => Subject::Other,
        })
    }

    /// The changes `undo` would reverse next, newest first.
    #[cfg(test)]
    pub(crate) fn undoable(&self) -> Result<Vec<ChangeId>, StoreError> {
        Ok(Stacks::of(self.conn)?.applied.into_iter().rev().collect())
    }
}

#[cfg(test)]
pub(crate) mod tests;
