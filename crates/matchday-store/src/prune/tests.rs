//! Pruning the change log: what goes, what stays, and undo stopping where it went.

use chrono::NaiveDate;

use crate::change_log::tests::dump;
use crate::{ChangeId, ChangeKind, Store, StoreError};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// Dates the changes `ids` to `at`, as if they had been made then (the log refuses updates,
/// so its trigger is set aside meanwhile).
fn made_at(store: &Store, ids: &[i64], at: &str) {
    let conn = &store.conn;
    let trigger: String = conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'change_is_append_only_update'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute_batch("DROP TRIGGER change_is_append_only_update")
        .unwrap();
    for id in ids {
        conn.execute(
            "UPDATE change SET at = ?2 WHERE id = ?1",
            rusqlite::params![id, at],
        )
        .unwrap();
    }
    conn.execute_batch(&trigger).unwrap();
}

fn ids(store: &Store) -> Vec<i64> {
    let mut ids: Vec<i64> = store
        .read()
        .changes(None)
        .unwrap()
        .iter()
        .map(|c| c.id.0)
        .collect();
    ids.sort();
    ids
}

fn team_names(store: &Store) -> Vec<String> {
    store
        .read()
        .teams()
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect()
}

fn add_team(store: &mut Store, name: &str) {
    store.write(|w| w.add_team(name, &[])).unwrap();
}

#[test]
fn a_prune_removes_the_changes_before_the_day_and_undo_stops_where_they_were() {
    let mut store = Store::open_in_memory().unwrap();
    add_team(&mut store, "Alpha");
    add_team(&mut store, "Beta");
    made_at(&store, &[1, 2], "2024-01-10T12:00:00Z");
    add_team(&mut store, "Gamma");
    store.set_command_line("matchday log prune --before 2024-02-01");
    let pruned = store.prune_log(day("2024-02-01")).unwrap();
    assert_eq!(pruned.changes, 2);
    assert_eq!(pruned.kept_older, 0);
    assert_eq!(pruned.logged_as, Some(ChangeId(4)));
    assert_eq!(ids(&store), [3, 4]);
    let log = store.read().changes(None).unwrap();
    assert_eq!(log[0].kind, ChangeKind::Prune);
    assert!(log[0].counts.is_empty());
    assert_eq!(
        log[0].command.as_deref(),
        Some("matchday log prune --before 2024-02-01")
    );
    // The change after the day is undone; the ones before it are not there to undo.
    let err = store.undo(2).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::UndoReachesPrune {
                asked: 2,
                available: 1,
                prune: 4
            }
        ),
        "{err}"
    );
    store.undo(1).unwrap();
    assert_eq!(team_names(&store), ["Alpha", "Beta"]);
    let before = dump(&store);
    let err = store.undo(1).unwrap_err();
    assert_eq!(
        err.to_string(),
        "nothing more to undo: older changes were pruned from the log (change 4, `matchday log prune`) \
         and cannot be undone; nothing was changed"
    );
    assert_eq!(dump(&store), before);
    // Redo is as it was: the undo made after the prune can be redone.
    store.redo(1).unwrap();
    assert_eq!(store.read().teams().unwrap().len(), 3);
}

#[test]
fn a_prune_keeps_the_older_changes_a_later_undo_or_redo_reads() {
    let mut store = Store::open_in_memory().unwrap();
    add_team(&mut store, "Alpha");
    add_team(&mut store, "Beta");
    store.undo(1).unwrap();
    made_at(&store, &[1, 2, 3], "2024-01-10T12:00:00Z");
    // The redo reads the undo's rows (it stores none), and the undo names Beta's change.
    store.redo(1).unwrap();
    let with_beta = dump(&store);
    let pruned = store.prune_log(day("2024-02-01")).unwrap();
    assert_eq!((pruned.changes, pruned.kept_older), (1, 2));
    assert_eq!(ids(&store), [2, 3, 4, 5]);
    assert_eq!(dump(&store), with_beta);
    // The redo still undoes and redoes exactly; Alpha's change is gone and stays.
    store.undo(1).unwrap();
    assert_eq!(team_names(&store), ["Alpha"]);
    assert!(matches!(
        store.undo(1),
        Err(StoreError::UndoReachesPrune { available: 0, .. })
    ));
    store.redo(1).unwrap();
    assert_eq!(dump(&store), with_beta);
    let log = store.read().changes(None).unwrap();
    assert!(log.iter().all(|c| store.read().change_rows(c.id).is_ok()));
}

#[test]
fn nothing_made_before_the_day_prunes_nothing_and_logs_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    add_team(&mut store, "Alpha");
    let pruned = store.prune_log(day("2024-02-01")).unwrap();
    assert_eq!((pruned.changes, pruned.logged_as), (0, None));
    assert_eq!(ids(&store), [1]);
}

#[test]
fn a_prune_of_every_change_never_gives_a_number_twice() {
    let mut store = Store::open_in_memory().unwrap();
    add_team(&mut store, "Alpha");
    add_team(&mut store, "Beta");
    let tomorrow = chrono::Utc::now().date_naive().succ_opt().unwrap();
    assert_eq!(store.prune_log(tomorrow).unwrap().changes, 2);
    add_team(&mut store, "Gamma");
    assert_eq!(ids(&store), [3, 4]);
    // A second prune removes the first one's entry too, and numbers on.
    let pruned = store.prune_log(tomorrow).unwrap();
    assert_eq!((pruned.changes, pruned.logged_as), (2, Some(ChangeId(5))));
}

#[test]
fn compacting_gives_the_space_back_and_keeps_every_row_and_rowid() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let mut store = Store::open(&path).unwrap();
    // Aliases (a table with no INTEGER PRIMARY KEY) with a gap in their rowids.
    let team = store.write(|w| w.add_team("Alpha", &[])).unwrap();
    for alias in ["A1", "A2", "A3"] {
        store.write(|w| w.add_alias(team, alias)).unwrap();
    }
    store
        .write(|w| {
            w.conn()
                .execute("DELETE FROM team_alias WHERE alias = 'A2'", [])
                .map_err(StoreError::from)
        })
        .unwrap();
    // Log enough rows to be worth giving back: a team renamed many times.
    for i in 0..400 {
        let name = format!("Alpha {i} {}", "x".repeat(200));
        store
            .write(|w| {
                w.conn()
                    .execute("UPDATE team SET name = ?1 WHERE id = 1", [name])
                    .map_err(StoreError::from)
            })
            .unwrap();
    }
    let before = dump(&store);
    let tomorrow = chrono::Utc::now().date_naive().succ_opt().unwrap();
    let pruned = store.prune_log(tomorrow).unwrap();
    assert!(pruned.freed_bytes > 100_000, "{pruned:?}");
    let compacted = store.compact().unwrap();
    assert!(compacted.after + 100_000 < compacted.before, "{compacted:?}");
    assert_eq!(dump(&store), before);
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(dump(&store), before);
}

#[test]
fn a_prune_and_undos_that_store_no_rows_leave_matchdays_exact_schema() {
    let mut store = Store::open_in_memory().unwrap();
    add_team(&mut store, "Alpha");
    store.undo(1).unwrap();
    store.redo(1).unwrap();
    store.undo(1).unwrap();
    let tomorrow = chrono::Utc::now().date_naive().succ_opt().unwrap();
    store.prune_log(tomorrow).unwrap();
    // Their triggers are dropped and made again: the same, as a restore checks them.
    crate::migrate::check_schema(&store.conn, std::path::Path::new("m.db"), crate::SCHEMA_VERSION).unwrap();
}
