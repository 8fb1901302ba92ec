//! Schema migrations, counted in `PRAGMA user_version`.

use rusqlite::Connection;

use crate::StoreError;

/// The migrations in order; each is applied once, inside a transaction.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0004_honest_scores.sql"),
];

pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let known = MIGRATIONS.len() as i64;
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        if sql.contains("PRAGMA writable_schema = ON") {
            // A constraint rewritten in place is only read once the schema version moves on.
            let version: i64 = tx.pragma_query_value(None, "schema_version", |row| row.get(0))?;
            tx.pragma_update(None, "schema_version", version + 1)?;
        }
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

    #[test]
    fn a_version_1_database_takes_played_matches_without_their_90_minutes() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
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
        migrate(&mut conn).unwrap();
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
