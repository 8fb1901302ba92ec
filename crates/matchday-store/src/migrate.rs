//! Schema migrations, counted in `PRAGMA user_version`.

use matchday_core::{Format, Stage};
use rusqlite::{Connection, Transaction, params};

use crate::StoreError;
use crate::rows::StageColumns;

/// The migrations in order, by file name; each is applied once, inside a transaction.
const MIGRATIONS: &[(&str, &str)] = &[
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
];

/// What a migration needs done in Rust after its SQL, in the same transaction.
fn after(name: &str, tx: &Transaction<'_>) -> Result<(), StoreError> {
    match name {
        "0005_rounds" => fill_stages(tx),
        _ => Ok(()),
    }
}

/// Fills the typed stage columns of the stored matches from their labels,
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
        fill_stages(&tx).unwrap();
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
        migrate(&mut conn).unwrap();
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
