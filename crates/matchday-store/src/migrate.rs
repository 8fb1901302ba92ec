//! Schema migrations, counted in `PRAGMA user_version`.

use matchday_core::{Format, Stage};
use rusqlite::{Connection, Transaction, params};

use crate::StoreError;
use crate::rows::StageColumns;

/// The migrations in order, by file name; each is applied once, inside a transaction.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_initial", include_str!("../migrations/0001_initial.sql")),
    ("0003_structure", include_str!("../migrations/0003_structure.sql")),
    ("0005_rounds", include_str!("../migrations/0005_rounds.sql")),
];

/// What a migration needs done in Rust after its SQL, in the same transaction.
fn after(name: &str, tx: &Transaction<'_>) -> Result<(), StoreError> {
    match name {
        "0005_rounds" => fill_stages(tx),
        _ => Ok(()),
    }
}

/// Fills the typed stage columns of the stored cup matches from their labels,
/// with the parser imports use, so a re-import finds what it would write.
fn fill_stages(tx: &Transaction<'_>) -> Result<(), StoreError> {
    let rows: Vec<(i64, String, String, String)> = tx
        .prepare(
            "SELECT match.id, competition.format, match.grp, match.round
             FROM match JOIN competition ON competition.id = match.competition_id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let mut update =
        tx.prepare("UPDATE match SET stage = ?2, round_kind = ?3, round_number = ?4 WHERE id = ?1")?;
    for (id, format, group, round) in rows {
        let format: Format = format.parse()?;
        if format == Format::League {
            continue;
        }
        let stage = Stage::from_labels(Some(group.as_str()), Some(round.as_str())).ok();
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

pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let known = MIGRATIONS.len() as i64;
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        after(name, &tx)?;
        tx.pragma_update(None, "user_version", (index + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_once_and_refuses_newer_schemas() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, MIGRATIONS.len() as i64);
        conn.pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(StoreError::TooNew { found: 99, .. })
        ));
    }
}
