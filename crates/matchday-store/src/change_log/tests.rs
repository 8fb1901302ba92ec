//! The change log and undo, on in-memory databases: every write is logged in its
//! transaction, and undo puts every data table back byte for byte.

use chrono::{Datelike, NaiveDate};
use matchday_core::{
    Competition, Decision, Deduction, Format, Match, MatchRecord, MatchStatus, OffThePitch, Pairing, Season,
    SeasonRecord, Venue,
};
use proptest::prelude::*;
use rusqlite::types::Value as Sql;

use super::{Change, ChangeKind, RowAction, Subject, data_tables};
use crate::{Store, StoreError};

/// Every data table, every row with its rowid and every column's value and type.
pub(crate) fn dump(store: &Store) -> String {
    let conn = &store.conn;
    let mut out = String::new();
    for table in data_tables(conn).unwrap() {
        out.push_str(&format!("[{table}]\n"));
        let mut stmt = conn
            .prepare(&format!("SELECT rowid, * FROM \"{table}\" ORDER BY rowid"))
            .unwrap();
        let width = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..width)
                    .map(|i| r.get::<_, Sql>(i).map(|v| format!("{v:?}")))
                    .collect::<Result<Vec<_>, _>>()
            })
            .unwrap();
        for row in rows {
            out.push_str(&row.unwrap().join("|"));
            out.push('\n');
        }
    }
    out
}

fn change_count(store: &Store) -> i64 {
    store
        .conn
        .query_row("SELECT count(*) FROM change", [], |r| r.get(0))
        .unwrap()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(if m >= 7 { 2023 } else { 2024 }, m, d).unwrap()
}

fn line(i: usize, date: NaiveDate, home: &str, away: &str, score: Option<&str>) -> MatchRecord {
    MatchRecord {
        date,
        kickoff: None,
        home: home.into(),
        away: away.into(),
        venue: Venue::Home,
        round: None,
        group: None,
        leg: None,
        replay: false,
        status: match score {
            Some(s) => MatchStatus::Played(s.parse().unwrap()),
            None => MatchStatus::Scheduled,
        },
        line: i + 1,
        closing_odds: None,
    }
}

fn league(matches: Vec<MatchRecord>) -> SeasonRecord {
    SeasonRecord {
        competition: "League".into(),
        season: Some(Season::starting(2023)),
        matches,
        ..SeasonRecord::default()
    }
}

/// A league of four with one result and one fixture, as `matchday import` would store it.
fn imported(store: &mut Store) -> Competition {
    let record = league(vec![
        line(0, day(8, 12), "Alpha", "Beta", Some("2-1")),
        line(1, day(8, 19), "Gamma", "Delta", None),
    ]);
    store.write(|w| w.import(&record, None)).unwrap();
    store.read().find_competition("League", None, None).unwrap()
}

fn game(store: &Store, home: &str, away: &str, date: NaiveDate, status: MatchStatus) -> Match {
    let read = store.read();
    let pairing = Pairing::new(read.resolve_team(home).unwrap(), read.resolve_team(away).unwrap()).unwrap();
    Match::new(date, pairing, status)
}

fn played(score: &str) -> MatchStatus {
    MatchStatus::Played(score.parse().unwrap())
}

/// Checks that `write` is logged as one change, that undoing it gives back the
/// tables byte for byte, and that redoing it gives back what it wrote.
fn undo_restores(store: &mut Store, write: impl FnOnce(&mut Store)) {
    let before = dump(store);
    let changes = change_count(store);
    write(store);
    let after = dump(store);
    assert_ne!(before, after, "the write changed something");
    assert_eq!(change_count(store), changes + 1, "one change logged");
    let undone = store.undo(1).unwrap();
    assert_eq!(undone.len(), 1);
    assert_eq!(dump(store), before, "undo restores every table");
    let redone = store.redo(1).unwrap();
    assert_eq!(redone[0].reversed.id, undone[0].by);
    assert_eq!(dump(store), after, "undoing the undo re-applies the change");
}

#[test]
fn every_kind_of_write_is_logged_with_its_command_line() {
    let mut store = Store::open_in_memory().unwrap();
    store.set_command_line("matchday import league.season");
    let comp = imported(&mut store);
    let log = store.read().changes(None).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].command.as_deref(), Some("matchday import league.season"));
    assert_eq!(log[0].kind, ChangeKind::Edit);
    let count = |table: &str, action| {
        log[0]
            .counts
            .iter()
            .find(|c| c.table == table && c.action == action)
            .map_or(0, |c| c.count)
    };
    assert_eq!(count("match", RowAction::Added), 2);
    assert_eq!(count("team", RowAction::Added), 4);
    assert_eq!(count("competition", RowAction::Added), 1);

    // Each write below is one change more, with the row it touched.
    let expect = |store: &mut Store, what: &str, write: &dyn Fn(&mut Store)| {
        let n = change_count(store);
        write(store);
        assert_eq!(change_count(store), n + 1, "{what} is logged");
        store.read().changes(Some(1)).unwrap().remove(0)
    };
    let result = expect(&mut store, "a result", &|s| {
        let m = game(s, "Gamma", "Delta", day(8, 19), played("5-2"));
        s.write(|w| w.record_result(&comp, &m, false)).unwrap();
    });
    match result.subject {
        Some(Subject::Match {
            home,
            away,
            before: Some(before),
            after: Some(after),
        }) => {
            assert_eq!((home.as_str(), away.as_str()), ("Gamma", "Delta"));
            assert!(before.status.is_pending());
            assert_eq!(after.status.result().unwrap().to_string(), "5-2");
        }
        other => panic!("{other:?}"),
    }
    let fixture = expect(&mut store, "a fixture", &|s| {
        let m = game(s, "Beta", "Alpha", day(9, 2), MatchStatus::Scheduled);
        s.write(|w| w.add_fixture(&comp, &m)).unwrap();
    });
    assert!(matches!(
        fixture.subject,
        Some(Subject::Match {
            before: None,
            after: Some(_),
            ..
        })
    ));
    let deduction = expect(&mut store, "a deduction", &|s| {
        let team = s.read().resolve_team("Alpha").unwrap();
        let d = Deduction {
            team,
            points: 3,
            effective: day(9, 1),
            reason: "late".into(),
        };
        s.write(|w| w.add_deduction(&comp, &d)).unwrap();
    });
    assert!(matches!(
        deduction.subject,
        Some(Subject::Deduction { points: 3, .. })
    ));
    let team = expect(&mut store, "a team", &|s| {
        s.write(|w| w.add_team("Epsilon", &[])).unwrap();
    });
    assert_eq!(
        team.subject,
        Some(Subject::Team {
            before: None,
            after: Some("Epsilon".into())
        })
    );
    let alias = expect(&mut store, "an alias", &|s| {
        let id = s.read().resolve_team("Epsilon").unwrap();
        s.write(|w| w.add_alias(id, "Eps")).unwrap();
    });
    assert!(matches!(alias.subject, Some(Subject::Alias { ref alias, .. }) if alias == "Eps"));
    let entrant = expect(&mut store, "an entrant", &|s| {
        let id = s.read().resolve_team("Epsilon").unwrap();
        s.write(|w| w.add_entrant(comp.id.unwrap(), id)).unwrap();
    });
    assert!(matches!(entrant.subject, Some(Subject::Entrant { .. })));
    expect(&mut store, "regulations", &|s| {
        let mut c = s.read().competition(comp.id.unwrap()).unwrap();
        c.rank_by = matchday_core::RankBy::PointsPerGame;
        s.write(|w| w.set_regulations(&c)).unwrap();
    });
    expect(&mut store, "a status", &|s| {
        let m = s.read().matches(comp.id.unwrap()).unwrap();
        let pending = m.iter().find(|m| m.status.is_pending()).unwrap();
        s.write(|w| w.set_status(pending.id.unwrap(), MatchStatus::Postponed))
            .unwrap();
    });
    expect(&mut store, "a competition", &|s| {
        let mut c = comp.clone();
        c.id = None;
        c.slug = "cup".into();
        c.name = "Cup".into();
        s.write(|w| w.add_competition(&c)).unwrap();
    });
}

#[test]
fn a_write_that_changes_nothing_or_fails_logs_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let comp = imported(&mut store);
    let logged = change_count(&store);
    let before = dump(&store);
    // The same file again, a read inside a write, an alias a team already has.
    let record = league(vec![
        line(0, day(8, 12), "Alpha", "Beta", Some("2-1")),
        line(1, day(8, 19), "Gamma", "Delta", None),
    ]);
    store.write(|w| w.import(&record, None)).unwrap();
    store.write(|w| w.teams()).unwrap();
    let alpha = store.read().resolve_team("Alpha").unwrap();
    store.write(|w| w.add_alias(alpha, "alpha")).unwrap();
    // The same regulations again.
    let same = store.read().competition(comp.id.unwrap()).unwrap();
    store.write(|w| w.set_regulations(&same)).unwrap();
    assert_eq!(change_count(&store), logged);
    // A write that fails after writing keeps neither its rows nor its log entry.
    let failed: Result<(), StoreError> = store.write(|w| {
        w.add_team("Zeta", &[])?;
        w.add_team("Zeta", &[])?;
        Ok(())
    });
    assert!(failed.is_err());
    let refused = game(&store, "Alpha", "Beta", day(8, 12), played("1-0"));
    assert!(store.write(|w| w.record_result(&comp, &refused, false)).is_err());
    assert_eq!(change_count(&store), logged);
    let rows: i64 = store
        .conn
        .query_row("SELECT count(*) FROM change_row", [], |r| r.get(0))
        .unwrap();
    let filed: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM change_row JOIN change ON change.id = change_id",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, filed, "every logged row belongs to a change");
    assert_eq!(dump(&store), before);
}

#[test]
fn the_log_tables_refuse_updates_and_deletes() {
    let mut store = Store::open_in_memory().unwrap();
    imported(&mut store);
    for sql in [
        "UPDATE change SET command = 'forged'",
        "DELETE FROM change",
        "UPDATE change_row SET after = NULL",
        "DELETE FROM change_row",
    ] {
        let err = store.conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    // Undo only ever adds to the log.
    let rows = |s: &Store| -> i64 {
        s.conn
            .query_row("SELECT count(*) FROM change_row", [], |r| r.get(0))
            .unwrap()
    };
    let before = rows(&store);
    let import = store.read().changes(None).unwrap().remove(0);
    store.undo(1).unwrap();
    // The import logged its matches as one run; its undo logs each match it removes.
    assert!(rows(&store) > before);
    let undo = store.read().changes(Some(1)).unwrap().remove(0);
    let total = |c: &Change| c.counts.iter().map(|n| n.count).sum::<usize>();
    assert_eq!(total(&undo), total(&import));
    assert_eq!(change_count(&store), 2);
}

#[test]
fn undo_restores_a_result_a_fixture_a_deduction_an_alias_and_an_import() {
    let mut store = Store::open_in_memory().unwrap();
    undo_restores(&mut store, |s| {
        imported(s);
    });
    let comp = store.read().find_competition("League", None, None).unwrap();
    undo_restores(&mut store, |s| {
        let m = game(s, "Gamma", "Delta", day(8, 19), played("5-2"));
        s.write(|w| w.record_result(&comp, &m, false)).unwrap();
    });
    undo_restores(&mut store, |s| {
        let m = game(s, "Alpha", "Beta", day(8, 12), played("0-0"));
        s.write(|w| w.record_result(&comp, &m, true)).unwrap();
    });
    undo_restores(&mut store, |s| {
        let m = game(s, "Delta", "Alpha", day(10, 7), MatchStatus::Scheduled);
        s.write(|w| w.add_fixture(&comp, &m)).unwrap();
    });
    undo_restores(&mut store, |s| {
        let team = s.read().resolve_team("Beta").unwrap();
        let d = Deduction {
            team,
            points: 6,
            effective: day(11, 1),
            reason: "administration".into(),
        };
        s.write(|w| w.add_deduction(&comp, &d)).unwrap();
    });
    undo_restores(&mut store, |s| {
        let team = s.read().resolve_team("Beta").unwrap();
        s.write(|w| w.add_alias(team, "The Betas")).unwrap();
    });
    // A second import that adds one match and updates another: undoing it removes the
    // one and restores the other, nothing else.
    undo_restores(&mut store, |s| {
        let record = league(vec![
            line(0, day(8, 12), "Alpha", "Beta", Some("3-1")),
            line(1, day(8, 19), "Gamma", "Delta", Some("5-2")),
            line(2, day(8, 26), "Beta", "Gamma", Some("1-1")),
        ]);
        let summary = s.write(|w| w.import(&record, None)).unwrap();
        assert_eq!((summary.matches_added, summary.matches_updated), (1, 1));
    });
}

#[test]
fn undo_restores_a_decision_and_the_one_it_replaced() {
    let mut store = Store::open_in_memory().unwrap();
    let record = SeasonRecord {
        competition: "World Cup".into(),
        season: Some(Season::calendar(2018)),
        format: Some(Format::GroupsKnockout),
        matches: vec![MatchRecord {
            venue: Venue::Neutral,
            round: Some("Matchday 1".into()),
            group: Some("H".into()),
            ..line(0, "2018-06-24".parse().unwrap(), "Japan", "Senegal", Some("2-2"))
        }],
        ..SeasonRecord::default()
    };
    store.write(|w| w.import(&record, None)).unwrap();
    let wc = store.read().find_competition("world cup", None, None).unwrap();
    let read = store.read();
    let (japan, senegal) = (
        read.resolve_team("Japan").unwrap(),
        read.resolve_team("Senegal").unwrap(),
    );
    let decide = |teams, by| Decision::new(Some("H".into()), teams, by).unwrap();
    let lots = decide(vec![senegal, japan], OffThePitch::DrawingOfLots);
    undo_restores(&mut store, |s| {
        s.write(|w| w.record_decision(&wc, &lots)).unwrap()
    });
    // Replacing it deletes the old decision and its teams (a cascade): all restored.
    let fair_play = decide(vec![japan, senegal], OffThePitch::FairPlay);
    undo_restores(&mut store, |s| {
        s.write(|w| w.record_decision(&wc, &fair_play)).unwrap()
    });
}

#[test]
fn cascades_replaces_and_upserts_are_logged_and_undone() {
    let mut store = Store::open_in_memory().unwrap();
    imported(&mut store);
    // A competition deleted with everything that cascades from it.
    undo_restores(&mut store, |s| {
        s.write(|w| {
            w.conn()
                .execute("DELETE FROM competition", [])
                .map_err(StoreError::from)
        })
        .unwrap();
        let log = s.read().changes(Some(1)).unwrap().remove(0);
        assert!(
            log.counts
                .iter()
                .any(|c| c.table == "match" && c.action == RowAction::Removed)
        );
        assert!(
            log.counts
                .iter()
                .any(|c| c.table == "zone" && c.action == RowAction::Removed)
        );
    });
    // INSERT OR REPLACE deletes the row it replaces: logged, so undone exactly.
    undo_restores(&mut store, |s| {
        s.write(|w| {
            w.conn()
                .execute(
                    "INSERT OR REPLACE INTO team (id, name, key) VALUES (1, 'Renamed', 'renamed')",
                    [],
                )
                .map_err(StoreError::from)
        })
        .unwrap();
    });
    // An upsert's update is logged as an update.
    undo_restores(&mut store, |s| {
        s.write(|w| {
            w.conn()
                .execute(
                    "INSERT INTO team (id, name, key) VALUES (1, 'Upserted', 'upserted')
                     ON CONFLICT (id) DO UPDATE SET name = excluded.name, key = excluded.key",
                    [],
                )
                .map_err(StoreError::from)
        })
        .unwrap();
        let log = s.read().changes(Some(1)).unwrap().remove(0);
        assert_eq!(log.counts.len(), 1);
        assert_eq!(log.counts[0].action, RowAction::Updated);
    });
}

#[test]
fn undo_goes_back_in_order_and_refuses_what_it_cannot_do() {
    let mut store = Store::open_in_memory().unwrap();
    let empty = dump(&store);
    assert!(matches!(
        store.undo(1),
        Err(StoreError::NothingToUndo {
            asked: 1,
            available: 0
        })
    ));
    assert!(matches!(store.redo(1), Err(StoreError::NothingToRedo { .. })));
    let comp = imported(&mut store);
    let one = dump(&store);
    let m = game(&store, "Gamma", "Delta", day(8, 19), played("1-0"));
    store.write(|w| w.record_result(&comp, &m, false)).unwrap();
    let two = dump(&store);
    store.write(|w| w.add_team("Epsilon", &[])).unwrap();
    let three = dump(&store);
    // More than there is: refused, nothing changed, nothing logged.
    let err = store.undo(4).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NothingToUndo {
                asked: 4,
                available: 3
            }
        ),
        "{err}"
    );
    assert_eq!(dump(&store), three);
    assert_eq!(change_count(&store), 3);
    // Undo twice: the team, then the result; each reversal is a change of its own.
    let undone = store.undo(2).unwrap();
    let ids: Vec<i64> = undone.iter().map(|r| r.reversed.id.0).collect();
    assert_eq!(ids, [3, 2]);
    assert_eq!(dump(&store), one);
    let log = store.read().changes(None).unwrap();
    assert_eq!(log[0].kind, ChangeKind::Undo(crate::ChangeId(2)));
    assert_eq!(log[1].kind, ChangeKind::Undo(crate::ChangeId(3)));
    assert!(log.iter().any(|c| c.id.0 == 2 && c.undone));
    // Going on from there undoes the import; redo brings them back in order.
    store.undo(1).unwrap();
    assert_eq!(dump(&store), empty);
    store.redo(2).unwrap();
    assert_eq!(dump(&store), two);
    // A new change ends what can be redone: the team stays undone.
    store.write(|w| w.add_team("Zeta", &[])).unwrap();
    assert!(matches!(store.redo(1), Err(StoreError::NothingToRedo { .. })));
    store.undo(1).unwrap();
    assert_eq!(dump(&store), two);
}

#[test]
fn a_row_changed_behind_the_logs_back_refuses_the_undo() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let mut store = Store::open(&path).unwrap();
    store.write(|w| w.add_team("Alpha", &[])).unwrap();
    // Another program's REPLACE, without recursive triggers, deletes row 1 unseen.
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute(
            "INSERT OR REPLACE INTO team (id, name, key) VALUES (1, 'Omega', 'omega')",
            [],
        )
        .unwrap();
    drop(other);
    // What was logged of it (the insert) is filed as a change made outside matchday...
    store.write(|w| w.teams()).unwrap();
    let log = store.read().changes(None).unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].command, None);
    // ...which can be undone; Alpha's own change then no longer matches the row.
    store.undo(1).unwrap();
    let before = dump(&store);
    let err = store.undo(1).unwrap_err();
    assert!(
        matches!(err, StoreError::ChangedOutsideLog { change: 1, .. }),
        "{err}"
    );
    assert_eq!(dump(&store), before);
}

#[test]
fn migration_0006_logs_nothing_of_the_data_already_stored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for (_, sql) in &crate::migrate::MIGRATIONS[..5] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 5;
             INSERT INTO team (id, name, key) VALUES (1, 'Alpha', 'alpha'), (2, 'Beta', 'beta');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert!(store.read().changes(None).unwrap().is_empty());
    store.write(|w| w.add_team("Gamma", &[])).unwrap();
    let log = store.read().changes(None).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].counts.len(), 1);
    assert_eq!(log[0].counts[0].count, 1);
    assert_eq!(store.read().teams().unwrap().len(), 3);
}

/// A match of a generated import: home and away team indexes, day, score if played.
type Game = (usize, usize, u32, Option<(u8, u8)>);

/// One write a person could make, on a small league.
#[derive(Debug, Clone)]
enum Write {
    Import(Vec<Game>),
    Result(usize, usize, u32, (u8, u8)),
    Fixture(usize, usize, u32),
    Deduct(usize, i32),
    Team(usize),
    Alias(usize, usize),
}

const NAMES: [&str; 5] = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"];

fn a_write() -> impl Strategy<Value = Write> {
    let team = 0..NAMES.len();
    let date = 0u32..200;
    let score = (0u8..4, 0u8..4);
    prop_oneof![
        prop::collection::vec(
            (
                team.clone(),
                team.clone(),
                date.clone(),
                prop::option::of(score.clone())
            ),
            1..5
        )
        .prop_map(Write::Import),
        (team.clone(), team.clone(), date.clone(), score).prop_map(|(h, a, d, s)| Write::Result(h, a, d, s)),
        (team.clone(), team.clone(), date).prop_map(|(h, a, d)| Write::Fixture(h, a, d)),
        (team.clone(), -2i32..4).prop_map(|(t, p)| Write::Deduct(t, p)),
        team.clone().prop_map(Write::Team),
        (team, 0usize..3).prop_map(|(t, a)| Write::Alias(t, a)),
    ]
}

fn season_day(offset: u32) -> NaiveDate {
    day(8, 1) + chrono::Days::new(u64::from(offset))
}

/// Makes the write; refusals are part of the game (they must log nothing).
fn make(store: &mut Store, write: &Write) {
    let comp = store.read().find_competition("League", None, None).ok();
    let team = |s: &Store, i: usize| s.read().resolve_team(NAMES[i]).ok();
    let pair = |s: &Store, h: usize, a: usize| Pairing::new(team(s, h)?, team(s, a)?).ok();
    let _ = match write {
        Write::Import(lines) => {
            let record = league(
                lines
                    .iter()
                    .enumerate()
                    .map(|(i, &(h, a, d, score))| {
                        let score = score.map(|(x, y)| format!("{x}-{y}"));
                        line(i, season_day(d), NAMES[h], NAMES[a], score.as_deref())
                    })
                    .collect(),
            );
            store.write(|w| w.import(&record, None)).map(drop)
        }
        Write::Result(h, a, d, (x, y)) => match (&comp, pair(store, *h, *a)) {
            (Some(c), Some(p)) => {
                let m = Match::new(season_day(*d), p, played(&format!("{x}-{y}")));
                store.write(|w| w.record_result(c, &m, d % 2 == 0)).map(drop)
            }
            _ => Ok(()),
        },
        Write::Fixture(h, a, d) => match (&comp, pair(store, *h, *a)) {
            (Some(c), Some(p)) => {
                let m = Match::new(season_day(*d), p, MatchStatus::Scheduled);
                store.write(|w| w.add_fixture(c, &m)).map(drop)
            }
            _ => Ok(()),
        },
        Write::Deduct(t, points) => match (&comp, team(store, *t)) {
            (Some(c), Some(team)) => {
                let d = Deduction {
                    team,
                    points: *points,
                    effective: season_day(10),
                    reason: "test".into(),
                };
                store.write(|w| w.add_deduction(c, &d)).map(drop)
            }
            _ => Ok(()),
        },
        Write::Team(t) => store.write(|w| w.add_team(NAMES[*t], &[])).map(drop),
        Write::Alias(t, a) => match team(store, *t) {
            Some(id) => store
                .write(|w| w.add_alias(id, &format!("{} {a}", &NAMES[*t][..2])))
                .map(drop),
            None => Ok(()),
        },
    };
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Undoing every change of any sequence of writes leaves the database as it began,
    /// and redoing them all leaves it as they did.
    #[test]
    fn undoing_every_write_gives_back_the_empty_database(writes in prop::collection::vec(a_write(), 1..12)) {
        let mut store = Store::open_in_memory().unwrap();
        let empty = dump(&store);
        for write in &writes {
            let before = (dump(&store), change_count(&store));
            make(&mut store, write);
            let after = (dump(&store), change_count(&store));
            // A change is logged exactly when the data changed.
            prop_assert_eq!(before.0 != after.0, after.1 == before.1 + 1);
            prop_assert!(after.1 <= before.1 + 1);
        }
        let full = dump(&store);
        let changes = store.read().undoable().unwrap().len();
        if changes > 0 {
            store.undo(changes).unwrap();
        }
        prop_assert_eq!(dump(&store), empty.clone());
        if changes > 0 {
            store.redo(changes).unwrap();
        }
        prop_assert_eq!(dump(&store), full.clone());
        // Again, now that each undo and redo reverses one that stored no rows of its own.
        if changes > 0 {
            store.undo(changes).unwrap();
            prop_assert_eq!(dump(&store), empty);
            store.redo(changes).unwrap();
        }
        prop_assert_eq!(dump(&store), full);
    }
}

/// Runs `sql` as a write of its own, as matchday would make it.
fn write_sql(store: &mut Store, sql: &str) {
    store
        .write(|w| w.conn().execute(sql, []).map_err(StoreError::from))
        .unwrap();
}

/// The rows of one table a change logged, as (row id, added?, removed?).
fn logged_rows(store: &Store, table: &str) -> Vec<(i64, bool, bool)> {
    let newest = store.read().changes(Some(1)).unwrap().remove(0).id;
    store
        .read()
        .change_rows(newest)
        .unwrap()
        .into_iter()
        .filter(|r| r.table == table)
        .map(|r| (r.row_id, r.before.is_none(), r.after.is_none()))
        .collect()
}

/// Inserts a fixture of competition `id` with plain SQL, as another program might.
fn add_fixture(
    conn: &rusqlite::Connection,
    id: i64,
    home: i64,
    away: i64,
    date: &str,
) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT INTO match (competition_id, home_id, away_id, date, venue, round, grp, leg, replay, status)
         VALUES (?1, ?2, ?3, ?4, 'home', '', '', 0, 0, 'scheduled')",
        rusqlite::params![id, home, away, date],
    )
}

#[test]
fn a_bulk_write_logs_what_it_left_and_undo_reverses_it_exactly() {
    let mut store = Store::open_in_memory().unwrap();
    let competition = imported(&mut store);
    let id = competition.id.unwrap().0;
    // Rows added, then changed and removed by the same bulk write, around rows that were
    // there before it, one of them removed and one changed.
    undo_restores(&mut store, |s| {
        s.write(|w| {
            w.in_bulk(|w| {
                let conn = w.conn();
                let add = |home: i64, away: i64, date: &str| add_fixture(conn, id, home, away, date);
                // The newest row stays: the rows added are told by being above it.
                let max: i64 = conn.query_row("SELECT max(id) FROM match", [], |r| r.get(0))?;
                assert!(conn.execute("DELETE FROM match WHERE id = ?1", [max]).is_err());
                assert!(
                    conn.execute("UPDATE match SET id = 0 WHERE id = ?1", [max])
                        .is_err()
                );
                conn.execute("DELETE FROM match WHERE id = 1", [])?;
                add(1, 3, "2023-09-02")?;
                add(2, 4, "2023-09-09")?;
                add(3, 1, "2023-09-16")?;
                conn.execute(
                    "UPDATE match SET date = '2023-09-23' WHERE date = '2023-09-09'",
                    [],
                )?;
                conn.execute("DELETE FROM match WHERE date = '2023-09-16'", [])?;
                conn.execute(
                    "UPDATE match SET ft_home = 1, ft_away = 0, status = 'played' WHERE id = ?1",
                    [max],
                )?;
                Ok::<_, StoreError>(())
            })
        })
        .unwrap();
        // The row removed and the one changed that were there before are logged as ever; the
        // rows added are logged once each as they were left, the one removed again not at all.
        let mut rows = logged_rows(s, "match");
        rows.sort();
        assert_eq!(
            rows,
            vec![
                (1, false, true),
                (2, false, false),
                (3, true, false),
                (4, true, false)
            ],
            "{rows:?}"
        );
    });
    // Writes after a bulk write are logged by the usual triggers again.
    write_sql(&mut store, "UPDATE match SET kickoff = '15:00' WHERE id = 2");
    assert_eq!(logged_rows(&store, "match"), vec![(2, false, false)]);
}

#[test]
fn a_failed_bulk_write_still_logs_what_it_added_if_the_transaction_goes_on() {
    let mut store = Store::open_in_memory().unwrap();
    imported(&mut store);
    let bad = league(vec![
        line(0, day(8, 12), "Epsilon", "Zeta", Some("1-0")),
        // Outside the season: refused, after the first match was added.
        line(
            1,
            day(7, 1).with_year(2030).unwrap(),
            "Zeta",
            "Epsilon",
            Some("1-0"),
        ),
    ]);
    store
        .write(|w| {
            let good = league(vec![line(0, day(9, 2), "Epsilon", "Zeta", Some("2-2"))]);
            w.in_bulk(|w| {
                assert!(w.import(&bad, Some("Other")).is_err());
                w.import(&good, Some("Third"))
            })
        })
        .unwrap();
    let added = logged_rows(&store, "match");
    let stored: i64 = store
        .conn
        .query_row("SELECT count(*) FROM match WHERE id > 2", [], |r| r.get(0))
        .unwrap();
    assert_eq!(added.len() as i64, stored, "every match stored is logged");
    store.undo(1).unwrap();
    let left: i64 = store
        .conn
        .query_row("SELECT count(*) FROM match", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 2);
}

/// The entries of `change_row` a change logged for `table`: (row id, last row id of a run).
fn entries(store: &Store, change: i64, table: &str) -> Vec<(i64, Option<i64>)> {
    store
        .conn
        .prepare("SELECT row_id, last_row_id FROM change_row WHERE change_id = ?1 AND tbl = ?2 ORDER BY seq")
        .unwrap()
        .query_map(rusqlite::params![change, table], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn an_import_logs_its_matches_as_one_run_read_back_as_the_import_left_them() {
    let mut store = Store::open_in_memory().unwrap();
    imported(&mut store);
    assert_eq!(entries(&store, 1, "match"), vec![(1, Some(2))]);
    let as_imported = store.read().change_rows(super::ChangeId(1)).unwrap();
    let matches: Vec<_> = as_imported.iter().filter(|r| r.table == "match").collect();
    assert_eq!(matches.len(), 2);
    assert!(matches.iter().all(|r| r.action() == RowAction::Added));
    let count = store.read().change(super::ChangeId(1)).unwrap().unwrap().counts;
    assert!(
        count
            .iter()
            .any(|c| c.table == "match" && c.action == RowAction::Added && c.count == 2),
        "{count:?}"
    );
    // A later change to one of its rows, and another removing the other: the import's
    // entry still reads the rows as the import left them.
    write_sql(&mut store, "UPDATE match SET kickoff = '15:00' WHERE id = 1");
    write_sql(&mut store, "DELETE FROM match WHERE id = 2");
    assert_eq!(store.read().change_rows(super::ChangeId(1)).unwrap(), as_imported);
    // Undone newest first, the import's run is removed whole and every table is as before it.
    store.undo(3).unwrap();
    assert_eq!(dump(&store).matches('|').count(), 0, "{}", dump(&store));
    store.redo(3).unwrap();
    assert_eq!(store.read().change_rows(super::ChangeId(1)).unwrap(), as_imported);
}

#[test]
fn a_bulk_write_that_removed_a_row_between_two_it_added_logs_each_row() {
    let mut store = Store::open_in_memory().unwrap();
    let competition = imported(&mut store);
    let id = competition.id.unwrap().0;
    undo_restores(&mut store, |s| {
        s.write(|w| {
            w.in_bulk(|w| {
                let conn = w.conn();
                for (home, away, date) in [(1, 3, "2023-09-02"), (2, 4, "2023-09-09"), (3, 1, "2023-09-16")] {
                    add_fixture(conn, id, home, away, date)?;
                }
                conn.execute("DELETE FROM match WHERE date = '2023-09-09'", [])?;
                Ok::<_, StoreError>(())
            })
        })
        .unwrap();
        assert_eq!(entries(s, 2, "match"), vec![(3, None), (5, None)]);
    });
}

#[test]
fn a_run_missing_a_row_behind_the_logs_back_refuses_the_undo() {
    let mut store = Store::open_in_memory().unwrap();
    imported(&mut store);
    store
        .conn
        .execute_batch("DROP TRIGGER change_log_match_delete; DELETE FROM match WHERE id = 2;")
        .unwrap();
    let before = dump(&store);
    let err = store.undo(1).unwrap_err();
    assert!(
        matches!(err, StoreError::ChangedOutsideLog { change: 1, ref table, .. } if table == "match"),
        "{err:?}"
    );
    assert_eq!(dump(&store), before, "nothing changed");
}

fn logged_row_count(store: &Store) -> i64 {
    store
        .conn
        .query_row("SELECT count(*) FROM change_row", [], |r| r.get(0))
        .unwrap()
}

/// The newest change as the log reads it, with its rows.
fn newest(store: &Store) -> (Change, Vec<super::RowChange>) {
    let change = store.read().changes(Some(1)).unwrap().remove(0);
    let rows = store.read().change_rows(change.id).unwrap();
    (change, rows)
}

#[test]
fn undoing_and_redoing_again_and_again_stores_the_undone_rows_once_and_reads_the_same() {
    let mut store = Store::open_in_memory().unwrap();
    let comp = imported(&mut store);
    let m = game(&store, "Gamma", "Delta", day(8, 19), played("5-2"));
    store.write(|w| w.record_result(&comp, &m, false)).unwrap();
    let full = dump(&store);
    store.undo(2).unwrap();
    let empty = dump(&store);
    let (first_undo, first_undo_rows) = newest(&store);
    store.redo(1).unwrap();
    let (first_redo, first_redo_rows) = newest(&store);
    store.redo(1).unwrap();
    assert_eq!(dump(&store), full);
    let (result_redo, result_redo_rows) = newest(&store);
    // The first undo of each change stored what it reversed; from here nothing is copied.
    let stored = logged_row_count(&store);
    for cycle in 0..4 {
        store.undo(2).unwrap();
        assert_eq!(dump(&store), empty, "cycle {cycle}");
        let (undo, rows) = newest(&store);
        assert_eq!(
            rows, first_undo_rows,
            "the import undone again reads as the first time"
        );
        assert_eq!(undo.counts, first_undo.counts);
        assert_eq!(undo.subject, first_undo.subject);
        assert!(matches!(undo.kind, ChangeKind::Undo(_)));
        store.redo(1).unwrap();
        let (redo, rows) = newest(&store);
        assert_eq!(
            (redo.counts, rows),
            (first_redo.counts.clone(), first_redo_rows.clone())
        );
        store.redo(1).unwrap();
        let (redo, rows) = newest(&store);
        assert_eq!(rows, result_redo_rows);
        assert_eq!(redo.subject, result_redo.subject);
        assert_eq!(dump(&store), full, "cycle {cycle}");
        assert_eq!(logged_row_count(&store), stored, "cycle {cycle}: no rows copied");
    }
    // A redo reads as what it did: the result put back, the import's rows added again.
    assert!(
        result_redo_rows
            .iter()
            .all(|r| r.before.as_ref().unwrap()["status"] == "scheduled"
                && r.after.as_ref().unwrap()["status"] == "played")
    );
    assert!(first_redo_rows.iter().all(|r| r.action() == RowAction::Added));
    // A new change still ends what can be redone, and undo goes on back to the empty database.
    store.undo(1).unwrap();
    store.write(|w| w.add_team("Epsilon", &[])).unwrap();
    assert!(matches!(store.redo(1), Err(StoreError::NothingToRedo { .. })));
    store.undo(2).unwrap();
    assert_eq!(dump(&store), empty);
}

#[test]
fn a_row_changed_behind_the_logs_back_refuses_an_undo_that_stores_no_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let mut store = Store::open(&path).unwrap();
    store.write(|w| w.add_team("Alpha", &[])).unwrap();
    store.undo(1).unwrap();
    store.redo(1).unwrap();
    // Another program renames the team with the log's triggers dropped, unseen.
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch("DROP TRIGGER change_log_team_update; UPDATE team SET name = 'Omega' WHERE id = 1;")
        .unwrap();
    drop(other);
    crate::change_log::install_triggers(&store.conn).unwrap();
    let before = dump(&store);
    let changes = change_count(&store);
    let err = store.undo(1).unwrap_err();
    assert!(matches!(err, StoreError::ChangedOutsideLog { .. }), "{err}");
    assert_eq!(dump(&store), before);
    assert_eq!(change_count(&store), changes);
}

use matchday_core::testing::live;

#[test]
fn each_step_of_a_live_score_is_one_change_that_undo_restores() {
    let mut store = Store::open_in_memory().unwrap();
    let comp = imported(&mut store);
    // The fixture goes live, the score moves on, then the result is confirmed.
    undo_restores(&mut store, |s| {
        let m = game(s, "Gamma", "Delta", day(8, 19), live(1, 0, Some(30)));
        s.write(|w| w.record_live(&comp, &m)).unwrap();
    });
    undo_restores(&mut store, |s| {
        let m = game(s, "Gamma", "Delta", day(8, 19), live(1, 1, Some(75)));
        s.write(|w| w.record_live(&comp, &m)).unwrap();
    });
    undo_restores(&mut store, |s| {
        let m = game(s, "Gamma", "Delta", day(8, 19), played("1-1"));
        s.write(|w| w.confirm_live(&comp, &m)).unwrap();
    });
    // A match not stored at all goes live as a new one.
    undo_restores(&mut store, |s| {
        let m = game(s, "Beta", "Alpha", day(9, 2), live(0, 0, None));
        s.write(|w| w.record_live(&comp, &m)).unwrap();
    });
    // The log reads a live score back as one.
    let stored = store.read().matches(comp.id.unwrap()).unwrap();
    let shown: Vec<String> = stored
        .iter()
        .filter_map(|m| m.status.live().map(|l| l.to_string()))
        .collect();
    assert_eq!(shown, ["0-0"], "the first is final, the second in play");
    let newest = store.read().changes(Some(1)).unwrap().remove(0);
    let rows = store.read().change_rows(newest.id).unwrap();
    let after = rows[0].after.as_ref().unwrap();
    assert_eq!(
        (&after["status"], &after["live_home"]),
        (&serde_json::json!("scheduled"), &serde_json::json!(0))
    );
}

/// A league of four whose two results carry closing odds (Pinnacle's, then Bet365's)
/// and whose fixture has none.
fn with_odds(home_price: f64) -> SeasonRecord {
    use matchday_core::{ClosingOdds, OddsSource};
    let mut record = league(vec![
        line(0, day(8, 12), "Alpha", "Beta", Some("2-1")),
        line(1, day(8, 12), "Gamma", "Delta", Some("0-0")),
        line(2, day(8, 19), "Beta", "Gamma", None),
    ]);
    record.matches[0].closing_odds =
        Some(ClosingOdds::new(OddsSource::Pinnacle, home_price, 3.4, 3.6).unwrap());
    record.matches[1].closing_odds = Some(ClosingOdds::new(OddsSource::Bet365, 1.5, 4.2, 6.5).unwrap());
    record
}

fn stored_odds(store: &Store) -> Vec<(String, f64, f64, f64)> {
    let read = store.read();
    let Ok(comp) = read.find_competition("League", None, None) else {
        return Vec::new();
    };
    let odds = read.closing_odds(comp.id.unwrap()).unwrap();
    let mut all: Vec<_> = read
        .matches(comp.id.unwrap())
        .unwrap()
        .iter()
        .filter_map(|m| odds.get(&m.id.unwrap()))
        .map(|o| (o.source().to_string(), o.home(), o.draw(), o.away()))
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

#[test]
fn closing_odds_are_stored_with_their_import_and_undone_with_it() {
    let mut store = Store::open_in_memory().unwrap();
    undo_restores(&mut store, |store| {
        let summary = store.write(|w| w.import(&with_odds(2.1), None)).unwrap();
        assert_eq!(summary.closing_odds, 2);
    });
    assert_eq!(
        stored_odds(&store),
        [
            ("bet365".to_string(), 1.5, 4.2, 6.5),
            ("pinnacle".to_string(), 2.1, 3.4, 3.6)
        ]
    );
    // The same file again changes nothing and logs nothing.
    let changes = change_count(&store);
    store.write(|w| w.import(&with_odds(2.1), None)).unwrap();
    assert_eq!(change_count(&store), changes);
    // A newer copy with other prices replaces them, as one change undo reverses.
    undo_restores(&mut store, |store| {
        store.write(|w| w.import(&with_odds(2.25), None)).unwrap();
    });
    assert_eq!(stored_odds(&store)[1].1, 2.25);
    // A copy of the season without odds (another format) takes none away.
    let mut plain = with_odds(2.25);
    for m in &mut plain.matches {
        m.closing_odds = None;
    }
    let summary = store.write(|w| w.import(&plain, None)).unwrap();
    assert_eq!(summary.closing_odds, 0);
    assert_eq!(stored_odds(&store).len(), 2);
}

#[test]
fn deleting_a_match_deletes_its_odds_and_undo_puts_both_back() {
    let mut store = Store::open_in_memory().unwrap();
    store.write(|w| w.import(&with_odds(2.1), None)).unwrap();
    let alpha_beta = game(&store, "Alpha", "Beta", day(8, 12), played("2-1"));
    let id = store
        .read()
        .matches(
            store
                .read()
                .find_competition("League", None, None)
                .unwrap()
                .id
                .unwrap(),
        )
        .unwrap()
        .into_iter()
        .find(|m| m.pairing == alpha_beta.pairing)
        .unwrap()
        .id
        .unwrap();
    undo_restores(&mut store, |store| {
        store
            .write(|w| w.delete_match(&crate::MatchChoice::Id(id), true))
            .unwrap();
        assert_eq!(stored_odds(store).len(), 1, "no odds left without their match");
        let orphans: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM match_odds WHERE match_id NOT IN (SELECT id FROM match)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0);
    });
    // Undone, both came back (the dumps matched); redone, the match and its odds are gone again.
    assert_eq!(stored_odds(&store).len(), 1);
}

#[test]
fn a_season_imported_as_of_a_day_keeps_only_the_odds_of_matches_by_then() {
    let mut store = Store::open_in_memory().unwrap();
    let mut record = with_odds(2.1);
    record.matches[1].date = day(8, 20);
    record.matches[1].status = played("1-1");
    let catalogue = matchday_core::Catalogue::bundled();
    let summary = store
        .write(|w| w.import_as_of(&record, None, catalogue, day(8, 13)))
        .unwrap();
    assert_eq!(summary.closing_odds, 1);
    assert_eq!(stored_odds(&store), [("pinnacle".to_string(), 2.1, 3.4, 3.6)]);
}
