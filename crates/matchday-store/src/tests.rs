//! Store tests on an in-memory database.

use chrono::NaiveDate;
use matchday_core::{
    Competition, Format, Match, MatchRecord, MatchResult, MatchStatus, Pairing, PointsScheme, RuleSet,
    Season, SeasonRecord, Venue,
};

use crate::{Recorded, Store, StoreError};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(if m >= 7 { 2023 } else { 2024 }, m, d).unwrap()
}

fn record(lines: &[(u32, u32, &str, &str, Option<&str>)]) -> SeasonRecord {
    SeasonRecord {
        competition: "English Premier League".into(),
        season: Some(Season::starting(2023)),
        matches: lines
            .iter()
            .enumerate()
            .map(|(i, (m, d, home, away, score))| MatchRecord {
                date: day(*m, *d),
                kickoff: None,
                home: home.to_string(),
                away: away.to_string(),
                venue: Venue::Home,
                round: Some("Matchday 1".into()),
                group: None,
                leg: None,
                replay: false,
                status: match score {
                    Some(s) => MatchStatus::Played(s.parse().unwrap()),
                    None => MatchStatus::Scheduled,
                },
                line: i + 1,
                closing_odds: None,
            })
            .collect(),
        ..SeasonRecord::default()
    }
}

fn premier_league(store: &mut Store) -> Competition {
    let rec = record(&[
        (1, 31, "Liverpool FC", "Chelsea FC", Some("4-1")),
        (2, 4, "Arsenal FC", "Liverpool FC", None),
        (8, 12, "Manchester City FC", "Manchester United FC", Some("3-0")),
    ]);
    store.write(|w| w.import(&rec, Some("Premier League"))).unwrap();
    store.read().find_competition("premier", None, None).unwrap()
}

#[test]
fn import_is_idempotent_and_cleans_names() {
    let mut store = Store::open_in_memory().unwrap();
    let rec = record(&[
        (1, 31, "Liverpool FC", "Chelsea FC", Some("4-1")),
        (2, 4, "Arsenal FC", "Liverpool FC", None),
    ]);
    let first = store.write(|w| w.import(&rec, None)).unwrap();
    assert_eq!((first.teams_created, first.matches_added), (3, 2));
    let again = store.write(|w| w.import(&rec, None)).unwrap();
    assert_eq!(
        (again.teams_created, again.matches_added, again.matches_unchanged),
        (0, 0, 2)
    );
    let names: Vec<String> = store
        .read()
        .teams()
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, vec!["Arsenal", "Chelsea", "Liverpool"]);
    let comp = store
        .read()
        .find_competition("Premier League", None, None)
        .unwrap();
    assert_eq!(comp.rules, RuleSet::PremierLeague);
    // Three clubs are too few for relegation places: only the title is a zone.
    assert_eq!(
        comp.zones.iter().map(|z| z.to_string()).collect::<Vec<_>>(),
        vec!["champions=1"]
    );
    assert_eq!(store.read().matches(comp.id.unwrap()).unwrap().len(), 2);
}

#[test]
fn a_bad_line_stores_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let rec = record(&[
        (1, 31, "Liverpool", "Chelsea", Some("4-1")),
        (1, 31, "Everton", "Everton", Some("1-1")),
    ]);
    let err = store.write(|w| w.import(&rec, None)).unwrap_err();
    assert_eq!(err.to_string(), "line 2: a team cannot play itself");
    assert!(store.read().teams().unwrap().is_empty());
    assert!(store.read().competitions().unwrap().is_empty());
}

#[test]
fn results_complete_fixtures_and_refuse_duplicates() {
    let mut store = Store::open_in_memory().unwrap();
    let comp = premier_league(&mut store);
    let r = store.read();
    let (ars, liv) = (
        r.resolve_team("Arsenal").unwrap(),
        r.resolve_team("Liverpool").unwrap(),
    );
    let played = |score: &str, date| {
        Match::new(
            date,
            Pairing::new(ars, liv).unwrap(),
            MatchStatus::Played(score.parse::<MatchResult>().unwrap()),
        )
    };
    // The fixture was on 4 Feb; a result on 3 Feb completes it, and says so.
    let rec = store
        .write(|w| w.record_result(&comp, &played("3-1", day(2, 3)), false))
        .unwrap();
    assert!(
        matches!(rec, Recorded::CompletedRearranged { scheduled, .. } if scheduled == day(2, 4)),
        "{rec:?}"
    );
    assert_eq!(store.read().matches(comp.id.unwrap()).unwrap().len(), 3);
    let err = store
        .write(|w| w.record_result(&comp, &played("1-1", day(2, 3)), false))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Arsenal v Liverpool on 2024-02-03 already has a result (3-1); add --replace to overwrite it"
    );
    let rec = store
        .write(|w| w.record_result(&comp, &played("1-1", day(2, 3)), true))
        .unwrap();
    assert!(matches!(rec, Recorded::Replaced(_)));
    let err = store
        .write(|w| w.record_result(&comp, &played("1-1", day(9, 3)), false))
        .unwrap_err();
    assert!(err.to_string().contains("Matchday 1"), "{err}");
    let err = store.write(|w| {
        w.record_result(
            &comp,
            &played("1-1", NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()),
            false,
        )
    });
    assert!(matches!(err, Err(StoreError::Domain(_))));
}

#[test]
fn teams_resolve_with_aliases_and_say_what_is_close() {
    let mut store = Store::open_in_memory().unwrap();
    premier_league(&mut store);
    let r = store.read();
    assert_eq!(
        r.resolve_team("Man City").unwrap(),
        r.resolve_team("Manchester City").unwrap()
    );
    assert_eq!(
        r.resolve_team("Manchester").unwrap_err().to_string(),
        "'Manchester' could be Manchester City or Manchester United: be more precise"
    );
    assert_eq!(
        r.resolve_team("Chelsae").unwrap_err().to_string(),
        "no team called 'Chelsae' (did you mean Chelsea?)"
    );
    let err = store.write(|w| w.add_team("Liverpool FC", &[])).unwrap_err();
    assert_eq!(err.to_string(), "a team called 'Liverpool' already exists");
}

#[test]
fn competitions_are_found_by_slug_part_or_season() {
    let mut store = Store::open_in_memory().unwrap();
    premier_league(&mut store);
    let next = Competition {
        id: None,
        slug: "premier-league".into(),
        name: "Premier League".into(),
        season: Season::starting(2024),
        format: Format::League,
        structure: matchday_core::Structure::of_format(Format::League),
        rules: RuleSet::PremierLeague,
        points: PointsScheme::THREE,
        zones: vec![],
        away_goals: false,
        rank_by: matchday_core::RankBy::Points,
    };
    store.write(|w| w.add_competition(&next)).unwrap();
    let r = store.read();
    assert_eq!(
        r.find_competition("premier-league", None, None).unwrap().season,
        Season::starting(2024)
    );
    assert_eq!(
        r.find_competition("PREMIER", None, Some(day(2, 1)))
            .unwrap()
            .season,
        Season::starting(2023)
    );
    assert!(
        r.find_competition("premier", Some(Season::starting(1990)), None)
            .is_err()
    );
    assert!(matches!(
        r.find_competition("bundesliga", None, None),
        Err(StoreError::UnknownCompetition { .. })
    ));
    let err = store.write(|w| w.add_competition(&next)).unwrap_err();
    assert_eq!(err.to_string(), "Premier League 2024-25 already exists");
}

#[test]
fn one_competition_under_two_slugs_is_found_by_its_season_or_the_name_typed() {
    // engsoccerdata stores the European Cup and the UEFA Champions League apart; the
    // catalogue calls both "champions-league", which must not make that name ambiguous.
    let mut store = Store::open_in_memory().unwrap();
    store.set_catalogue(matchday_core::Catalogue::bundled().clone());
    for (slug, name, year) in [
        ("european-cup", "European Cup", 1990),
        ("uefa-champions-league", "UEFA Champions League", 1992),
    ] {
        let edition = Competition {
            id: None,
            slug: slug.into(),
            name: name.into(),
            season: Season::starting(year),
            format: Format::Knockout,
            structure: matchday_core::Structure::of_format(Format::Knockout),
            rules: RuleSet::Plain,
            points: PointsScheme::THREE,
            zones: vec![],
            away_goals: false,
            rank_by: matchday_core::RankBy::Points,
        };
        store.write(|w| w.add_competition(&edition)).unwrap();
    }
    let r = store.read();
    let found = |season: Option<i32>| {
        r.find_competition("champions-league", season.map(Season::starting), None)
            .map(|c| c.slug)
    };
    assert_eq!(found(Some(1990)).unwrap(), "european-cup");
    assert_eq!(found(Some(1992)).unwrap(), "uefa-champions-league");
    assert_eq!(found(None).unwrap(), "uefa-champions-league");
}

/// A tournament file of two groups of three meeting once, then a final.
fn tournament() -> SeasonRecord {
    let mut rec = record(&[]);
    rec.competition = "Euro".into();
    rec.season = Some(Season::calendar(2024));
    let groups = [
        ("A", ["Spain", "Italy", "Croatia"]),
        ("B", ["France", "Austria", "Poland"]),
    ];
    let mut line = 0;
    for (label, [a, b, c]) in groups {
        for (home, away) in [(a, b), (b, c), (c, a)] {
            line += 1;
            rec.matches.push(MatchRecord {
                date: NaiveDate::from_ymd_opt(2024, 6, 14 + line as u32).unwrap(),
                kickoff: None,
                home: home.into(),
                away: away.into(),
                venue: Venue::Neutral,
                round: Some(format!("Group {label}")),
                group: Some(label.into()),
                leg: None,
                replay: false,
                status: MatchStatus::Played("1-0".parse().unwrap()),
                line,
                closing_odds: None,
            });
        }
    }
    rec.format = Some(Format::GroupsKnockout);
    rec
}

#[test]
fn the_structure_is_chosen_stored_and_read_back() {
    let mut store = Store::open_in_memory().unwrap();
    store.write(|w| w.import(&tournament(), None)).unwrap();
    let euro = store.read().find_competition("euro", None, None).unwrap();
    assert_eq!(euro.format, Format::GroupsKnockout);
    assert_eq!(euro.structure.format(), Format::GroupsKnockout);
    let groups = euro.structure.group_phase().unwrap();
    assert_eq!(groups.kind, matchday_core::PhaseKind::Groups { meetings: 1 });
    // The catalogue's Euro 2024: the top two and the four best thirds, whatever of it is stored.
    assert_eq!(
        groups.qualification,
        matchday_core::Qualification::top_and_best(2, 4)
    );
    // A league file keeps a league of two meetings, though only its first round is stored.
    let pl = premier_league(&mut store);
    assert_eq!(pl.structure, matchday_core::Structure::league(2).unwrap());
    // A stored structure is read through its check: a broken one is a corrupt row, not a panic.
    store
        .conn
        .execute("UPDATE competition SET structure = '[]' WHERE slug = 'euro'", [])
        .unwrap();
    let err = store.read().find_competition("euro", None, None).unwrap_err();
    assert!(
        matches!(&err, StoreError::UnreadableCompetition { source, .. }
            if matches!(**source, StoreError::UnreadableRow { table: "competition", .. })),
        "{err}"
    );
    // A structure that disagrees with the format column is corrupt too.
    let league = serde_json::to_string(&matchday_core::Structure::league(2).unwrap()).unwrap();
    store
        .conn
        .execute(
            "UPDATE competition SET structure = ?1 WHERE slug = 'euro'",
            [league],
        )
        .unwrap();
    assert!(store.read().find_competition("euro", None, None).is_err());
}

#[test]
fn a_result_keeps_only_the_scores_given_and_every_check_runs_in_the_write() {
    let mut store = Store::open_in_memory().unwrap();
    let league = premier_league(&mut store);
    let cup = Competition {
        id: None,
        slug: "fa-cup".into(),
        name: "FA Cup".into(),
        season: Season::starting(2023),
        format: Format::Knockout,
        structure: matchday_core::Structure::of_format(Format::Knockout),
        rules: RuleSet::EnglishHistory,
        points: PointsScheme::THREE,
        zones: Vec::new(),
        away_goals: false,
        rank_by: matchday_core::RankBy::Points,
    };
    let cup_id = store.write(|w| w.add_competition(&cup)).unwrap();
    let cup = Competition {
        id: Some(cup_id),
        ..cup
    };
    let r = store.read();
    let (ars, liv) = (
        r.resolve_team("Arsenal").unwrap(),
        r.resolve_team("Liverpool").unwrap(),
    );
    let game = |score: &str, date, round: &str| {
        let mut m = Match::new(
            date,
            Pairing::new(ars, liv).unwrap(),
            MatchStatus::Played(score.parse::<MatchResult>().unwrap()),
        );
        m.round = Some(round.into());
        m
    };
    store
        .write(|w| w.record_result(&cup, &game("2-1 aet", day(1, 7), "Round 3"), false))
        .unwrap();
    let stored = store.read().matches(cup_id).unwrap();
    let result = stored[0].status.result().unwrap();
    assert_eq!(
        (result.score(), result.final_score().to_string()),
        (None, "2-1".to_string())
    );
    // The cup check is the store's: Liverpool are out, whoever writes.
    let err = store
        .write(|w| w.record_result(&cup, &game("1-0", day(1, 27), "Round 4"), false))
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Refused(matchday_core::Refusal::Cup(_))),
        "{err}"
    );
    // A league result with a shoot-out is refused inside the write.
    let err = store
        .write(|w| w.record_result(&league, &game("1-1, 4-3 pens", day(2, 4), "Matchday 1"), false))
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Refused(matchday_core::Refusal::BeyondNinetyMinutesInLeague)
    ));
}

#[test]
fn text_is_checked_before_it_is_written() {
    let mut store = Store::open_in_memory().unwrap();
    let competition = premier_league(&mut store);
    for bad in ["", "Zed\u{1b}[2J", "Tab\tFC", "Nul\0"] {
        let err = store.write(|w| w.add_team(bad, &[])).unwrap_err();
        assert!(matches!(err, StoreError::Text(_)), "{bad:?}: {err}");
    }
    let err = store
        .write(|w| w.add_team("Zed", &["Z\u{202E}ed".into()]))
        .unwrap_err();
    assert!(matches!(err, StoreError::Text(_)), "{err}");
    assert!(
        store.read().resolve_team("Zed").is_err(),
        "a refused write keeps nothing"
    );
    let pairing = Pairing::new(
        store.read().resolve_team("Liverpool").unwrap(),
        store.read().resolve_team("Arsenal").unwrap(),
    )
    .unwrap();
    let mut m = Match::new(day(3, 2), pairing, MatchStatus::Scheduled);
    m.round = Some("Matchday\u{1b}[H".into());
    let err = store.write(|w| w.add_fixture(&competition, &m)).unwrap_err();
    assert!(matches!(err, StoreError::Text(_)), "{err}");
}

#[test]
fn the_same_deduction_twice_is_stored_once() {
    let mut store = Store::open_in_memory().unwrap();
    let competition = premier_league(&mut store);
    let team = store.read().resolve_team("Liverpool").unwrap();
    let deduction = |reason: &str| matchday_core::Deduction {
        team,
        points: 3,
        effective: day(2, 1),
        reason: reason.into(),
    };
    let first = store
        .write(|w| w.add_deduction(&competition, &deduction("late")))
        .unwrap();
    assert_eq!(first, crate::Added::New);
    let again = store
        .write(|w| w.add_deduction(&competition, &deduction("late")))
        .unwrap();
    assert_eq!(again, crate::Added::AlreadyStored);
    let other = store
        .write(|w| w.add_deduction(&competition, &deduction("other")))
        .unwrap_err();
    assert!(
        matches!(&other, StoreError::DeductionStored { reason } if reason == "late"),
        "{other}"
    );
    let id = competition.id.unwrap();
    let stored = store.read().deductions(id).unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].reason, "late");
}

// Correcting mistakes safely (issue 8).

/// The stored match of `home` v `away` in `competition`, if any.
fn stored_between(store: &Store, competition: &Competition, home: &str, away: &str) -> Vec<Match> {
    let r = store.read();
    let pairing = Pairing::new(r.resolve_team(home).unwrap(), r.resolve_team(away).unwrap()).unwrap();
    r.matches(competition.id.unwrap())
        .unwrap()
        .into_iter()
        .filter(|m| m.pairing == pairing)
        .collect()
}

#[test]
fn replace_only_overwrites_the_result_of_that_day() {
    let mut store = Store::open_in_memory().unwrap();
    let comp = premier_league(&mut store);
    let before = stored_between(&store, &comp, "Liverpool", "Chelsea");
    let r = store.read();
    let pairing = Pairing::new(
        r.resolve_team("Liverpool").unwrap(),
        r.resolve_team("Chelsea").unwrap(),
    )
    .unwrap();
    let later = Match::new(day(3, 1), pairing, MatchStatus::Played("2-2".parse().unwrap()));
    for replace in [true, false] {
        let err = store
            .write(|w| w.record_result(&comp, &later, replace))
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::MatchExists { date, result: Some(r), .. } if *date == day(1, 31) && r == "4-1"),
            "replace {replace}: {err}"
        );
        // --replace would not do it, so the refusal does not suggest it.
        assert!(!err.to_string().contains("--replace"), "{err}");
        assert!(err.to_string().contains("matchday edit match"), "{err}");
        assert_eq!(stored_between(&store, &comp, "Liverpool", "Chelsea"), before);
    }
    // On the day of the stored result, --replace overwrites it, and only it.
    let same_day = Match {
        date: day(1, 31),
        ..later
    };
    let rec = store.write(|w| w.record_result(&comp, &same_day, true)).unwrap();
    assert_eq!(rec, Recorded::Replaced(before[0].id.unwrap()));
    let after = stored_between(&store, &comp, "Liverpool", "Chelsea");
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].status, same_day.status);
}

#[test]
fn an_import_never_turns_stored_results_back_into_fixtures() {
    let mut store = Store::open_in_memory().unwrap();
    let rec = record(&[
        (8, 12, "Manchester City FC", "Manchester United FC", Some("3-0")),
        (1, 31, "Liverpool FC", "Chelsea FC", Some("4-1")),
        (2, 4, "Arsenal FC", "Liverpool FC", Some("1-3")),
        (3, 4, "Chelsea FC", "Arsenal FC", None),
    ]);
    store.write(|w| w.import(&rec, None)).unwrap();
    let comp = store.read().find_competition("premier", None, None).unwrap();
    let before = store.read().matches(comp.id.unwrap()).unwrap();
    let err = store
        .write(|w| w.import(&rec.as_of(day(1, 1)), None))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::WouldUnplayResults { count: 2, competition, .. } if competition == "Premier League 2023-24"),
        "{err}"
    );
    assert_eq!(store.read().matches(comp.id.unwrap()).unwrap(), before);
    // A cut-off that takes nothing back is an import like any other.
    let same = store.write(|w| w.import(&rec.as_of(day(2, 4)), None)).unwrap();
    assert_eq!((same.matches_updated, same.matches_unchanged), (0, 4));
}

fn count(store: &mut Store, table: &str) -> i64 {
    store
        .write(|w| -> Result<i64, StoreError> {
            Ok(w.conn()
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
        })
        .unwrap()
}

#[test]
fn a_bulk_write_checks_references_as_it_ends_and_keeps_none_dangling() {
    let mut store = Store::open_in_memory().unwrap();
    let league = premier_league(&mut store);
    let entrants = count(&mut store, "entrant");
    let dangling = "INSERT INTO entrant (competition_id, team_id) VALUES (?1, 9999)";
    let refused = store.write_in_bulk(|w| -> Result<(), StoreError> {
        w.conn().execute(dangling, [league.id.unwrap().0])?;
        Ok(())
    });
    match refused {
        Err(StoreError::DanglingReference { table, parent, .. }) => {
            assert_eq!((table.as_str(), parent.as_str()), ("entrant", "team"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(count(&mut store, "entrant"), entrants);
    // Every other write is checked row by row again, by SQLite itself.
    let row_by_row = store
        .write(|w| -> Result<usize, StoreError> { Ok(w.conn().execute(dangling, [league.id.unwrap().0])?) });
    assert!(matches!(row_by_row, Err(StoreError::Sqlite(_))), "{row_by_row:?}");
    // A bulk write that leaves every reference whole is kept.
    let rec = record(&[(3, 2, "Chelsea FC", "Everton FC", Some("2-0"))]);
    store
        .write_in_bulk(|w| w.import(&rec, Some("Premier League")))
        .unwrap();
    assert_eq!(count(&mut store, "match"), 4);
}

#[test]
fn a_new_database_has_large_pages_and_an_older_one_keeps_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let page_size = |path: &std::path::Path| -> i64 {
        rusqlite::Connection::open(path)
            .unwrap()
            .pragma_query_value(None, "page_size", |r| r.get(0))
            .unwrap()
    };
    let new = dir.path().join("new.db");
    drop(Store::open(&new).unwrap());
    assert_eq!(page_size(&new), crate::NEW_PAGE_SIZE);
    // A database of 4 KiB pages, as every matchday before this one made them.
    let old = dir.path().join("old.db");
    drop(Store::open(&old).unwrap());
    rusqlite::Connection::open(&old)
        .unwrap()
        .execute_batch("PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM;")
        .unwrap();
    assert_eq!(page_size(&old), 4096);
    let mut store = Store::open(&old).unwrap();
    premier_league(&mut store);
    drop(store);
    assert_eq!(page_size(&old), 4096);
}

#[test]
fn settlements_without_kicks_and_qualifying_rounds_are_stored_and_read_back_as_imported() {
    use matchday_core::{Round, Stage};
    let mut store = Store::open_in_memory().unwrap();
    let mut rec = record(&[
        (8, 1, "Northfield", "Southbury", Some("1-1, won by home")),
        (8, 8, "Southbury", "Northfield", Some("0-0 aet, pens won by away")),
        (8, 15, "Eastwick", "Westley", Some("2-2 aet, lot won by home")),
        (8, 22, "Westley", "Eastwick", Some("1-1 aet, 4-3 pens")),
    ]);
    rec.competition = "Cup".into();
    rec.format = Some(Format::Knockout);
    let labels = [
        "Preliminary round",
        "Second qualifying round",
        "Qualifying play-off round",
        "Round 1",
    ];
    for (m, label) in rec.matches.iter_mut().zip(labels) {
        m.round = Some(label.into());
    }
    store.write(|w| w.import(&rec, None)).unwrap();
    let read = store.read();
    let cup = read.find_competition("Cup", None, None).unwrap();
    let mut stored = read.matches(cup.id.unwrap()).unwrap();
    stored.sort_by_key(|m| m.date);
    let results: Vec<MatchResult> = stored.iter().map(|m| *m.status.result().unwrap()).collect();
    let imported: Vec<MatchResult> = rec.matches.iter().map(|m| *m.status.result().unwrap()).collect();
    assert_eq!(results, imported);
    let stages: Vec<Option<Stage>> = stored.iter().map(|m| m.stage).collect();
    assert_eq!(
        stages,
        [
            Round::Preliminary,
            Round::Qualifying(2),
            Round::QualifyingPlayoff,
            Round::Numbered(1)
        ]
        .map(|r| Some(Stage::Knockout(r)))
    );
    // Importing it again changes nothing.
    let again = store.write(|w| w.import(&rec, None)).unwrap();
    assert_eq!((again.matches_added, again.matches_updated), (0, 0));
}

/// Issue 19: from a folder that cannot be written, a database whose write-ahead log holds
/// commits was read as an unchanging file, missing them, and `backup` still said
/// "integrity ok". Such a file is now refused with a line saying why.
#[test]
fn a_log_holding_commits_is_never_read_past() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let wal = dir.path().join("m.db-wal");
    assert!(crate::refuse_unread_log(&db).is_ok());
    std::fs::write(&wal, b"").unwrap();
    assert!(
        crate::refuse_unread_log(&db).is_ok(),
        "an empty log holds nothing"
    );
    std::fs::write(&wal, b"committed pages").unwrap();
    let err = crate::refuse_unread_log(&db).unwrap_err();
    assert!(matches!(err, StoreError::UnreadableLog { .. }), "{err}");
    assert!(err.to_string().contains("m.db-wal"), "{err}");
}

#[test]
fn a_new_database_is_made_only_by_a_change_that_commits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("folder/new.db");
    let mut store = Store::open_creating_on_write(&path).unwrap();
    // Reads and refused writes leave nothing, not even the folder.
    assert!(store.read().team_names().unwrap().is_empty());
    let refused = store.write(|w| w.add_team("⚽", &[]));
    assert!(matches!(refused, Err(StoreError::Text(_))), "{refused:?}");
    assert!(!dir.path().join("folder").exists());
    // The first change that commits writes the file, with matchday's marks, and later ones go to it.
    let id = store.write(|w| w.add_team("Northfield", &[])).unwrap();
    store.write(|w| w.add_alias(id, "Northfield Town")).unwrap();
    drop(store);
    let names: Vec<String> = std::fs::read_dir(dir.path().join("folder"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["new.db"], "no hidden copy is left");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let marks: (i64, i64, String) = conn
        .query_row(
            "SELECT * FROM pragma_page_size, pragma_application_id, pragma_journal_mode",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        marks,
        (16 * 1024, i64::from(crate::APPLICATION_ID), "wal".to_string())
    );
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.read().resolve_team("Northfield Town").unwrap(), id);
    // A file made meanwhile by another process is never replaced.
    let other = dir.path().join("other.db");
    let mut late = Store::open_creating_on_write(&other).unwrap();
    Store::open(&other)
        .unwrap()
        .write(|w| w.add_team("Southbury", &[]))
        .unwrap();
    let lost = late.write(|w| w.add_team("Eastwick", &[]));
    assert!(matches!(lost, Err(StoreError::CreatedMeanwhile(_))), "{lost:?}");
    let kept = Store::open(&other).unwrap();
    assert!(kept.read().resolve_team("Southbury").is_ok());
    assert!(kept.read().resolve_team("Eastwick").is_err());
}

#[test]
#[cfg(unix)]
fn the_copy_a_killed_first_write_left_is_cleaned_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    // A process id above the kernel's largest (4194304) never runs: its copy is stale.
    let stale = dir.path().join(".new.db.new-4294967-0.tmp");
    std::fs::write(&stale, b"as large as the database").unwrap();
    let running = dir.path().join(format!(
        ".new.db.new-{}-0.tmp",
        std::os::unix::process::parent_id()
    ));
    std::fs::write(&running, b"x").unwrap();
    let mut store = Store::open_creating_on_write(&path).unwrap();
    store.write(|w| w.add_team("Northfield", &[])).unwrap();
    assert!(!stale.exists(), "a killed process's copy is left behind");
    assert!(running.exists(), "a running process's copy is removed");
    assert!(path.exists());
}

use matchday_core::testing::live;

#[test]
fn a_live_score_is_a_fixture_in_play_until_its_result_and_is_refused_on_a_result() {
    use crate::LiveRecorded;
    let mut store = Store::open_in_memory().unwrap();
    let comp = premier_league(&mut store);
    let team = |name: &str| store.read().resolve_team(name).unwrap();
    let (ars, liv, che) = (team("Arsenal"), team("Liverpool"), team("Chelsea"));
    let game = |home, away, date, status| Match::new(date, Pairing::new(home, away).unwrap(), status);
    // The fixture of 4 February goes live, then its score moves on.
    let started = store
        .write(|w| w.record_live(&comp, &game(ars, liv, day(2, 4), live(0, 1, Some(20)))))
        .unwrap();
    assert!(matches!(started, LiveRecorded::Started { scheduled, .. } if scheduled == day(2, 4)));
    let updated = store
        .write(|w| w.record_live(&comp, &game(ars, liv, day(2, 4), live(1, 1, Some(130)))))
        .unwrap();
    assert!(matches!(updated, LiveRecorded::Updated { was, .. } if was.to_string() == "0-1 (20')"));
    assert_eq!(updated.id(), started.id());
    let stored = stored_between(&store, &comp, "Arsenal", "Liverpool");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].status, live(1, 1, Some(130)));
    // Still to play to every listing by status: a fixture, not a result.
    let fixtures = store
        .read()
        .list_matches(&crate::MatchFilter {
            pending: Some(true),
            ..crate::MatchFilter::default()
        })
        .unwrap();
    assert!(fixtures.iter().any(|(_, m)| m.id == Some(started.id())));
    // A live score on a match whose result is in is refused, changing nothing.
    let err = store
        .write(|w| w.record_live(&comp, &game(liv, che, day(1, 31), live(0, 0, None))))
        .unwrap_err();
    assert!(
        matches!(err, StoreError::LiveAfterResult { ref score, .. } if score == "4-1"),
        "{err}"
    );
    // --final with nothing in play between the two is refused.
    let played = |s: &str| MatchStatus::Played(s.parse::<MatchResult>().unwrap());
    let err = store
        .write(|w| w.confirm_live(&comp, &game(che, liv, day(2, 4), played("1-0"))))
        .unwrap_err();
    assert!(matches!(err, StoreError::NotInPlay { .. }), "{err}");
    // A plain full-time result completes the match in play, without --replace.
    let recorded = store
        .write(|w| w.record_result(&comp, &game(ars, liv, day(2, 4), played("2-1")), false))
        .unwrap();
    assert_eq!(recorded, Recorded::CompletedFixture(started.id()));
    let stored = stored_between(&store, &comp, "Arsenal", "Liverpool");
    assert_eq!(stored[0].status, played("2-1"));
    let err = store
        .write(|w| w.confirm_live(&comp, &game(ars, liv, day(2, 4), played("2-1"))))
        .unwrap_err();
    assert!(matches!(err, StoreError::NotInPlay { .. }), "{err}");
}

#[test]
fn the_final_score_of_a_match_in_play_is_stored_on_its_day() {
    let mut store = Store::open_in_memory().unwrap();
    let comp = premier_league(&mut store);
    let team = |name: &str| store.read().resolve_team(name).unwrap();
    let pairing = Pairing::new(team("Arsenal"), team("Liverpool")).unwrap();
    store
        .write(|w| w.record_live(&comp, &Match::new(day(2, 4), pairing, live(2, 0, Some(88)))))
        .unwrap();
    let result = MatchStatus::Played("3-0".parse::<MatchResult>().unwrap());
    let (_, confirmed, was) = store
        .write(|w| w.confirm_live(&comp, &Match::new(day(8, 1), pairing, result)))
        .unwrap();
    assert_eq!((confirmed.date, confirmed.status), (day(2, 4), result));
    assert_eq!(was.to_string(), "2-0 (88')");
    assert_eq!(
        stored_between(&store, &comp, "Arsenal", "Liverpool")[0].status,
        result
    );
}

#[test]
fn the_schema_keeps_a_live_score_on_a_fixture_and_its_minute_in_range() {
    let mut store = Store::open_in_memory().unwrap();
    premier_league(&mut store);
    let conn = &store.conn;
    let refused = |sql: &str| conn.execute_batch(sql).is_err();
    // Match 1 is a result; match 2 the fixture.
    assert!(refused(
        "UPDATE match SET live_home = 1, live_away = 0 WHERE id = 1"
    ));
    assert!(refused("UPDATE match SET live_home = 1 WHERE id = 2"));
    assert!(refused(
        "UPDATE match SET live_home = 1, live_away = 0, live_minute = 131 WHERE id = 2"
    ));
    assert!(refused("UPDATE match SET live_minute = 10 WHERE id = 2"));
    assert!(!refused(
        "UPDATE match SET live_home = 1, live_away = 0, live_minute = 130 WHERE id = 2"
    ));
}

#[test]
fn meetings_are_the_decided_matches_of_two_teams_either_way_round_in_every_competition() {
    let mut store = Store::open_in_memory().unwrap();
    let league = record(&[
        (8, 12, "Liverpool FC", "Everton FC", Some("2-0")),
        (9, 2, "Liverpool FC", "Chelsea FC", Some("4-1")),
        (4, 20, "Everton FC", "Liverpool FC", None),
    ]);
    store
        .write(|w| w.import(&league, Some("Premier League")))
        .unwrap();
    let cup = SeasonRecord {
        competition: "FA Cup".into(),
        ..record(&[
            (1, 6, "Everton FC", "Liverpool FC", Some("1-1")),
            (1, 16, "Liverpool FC", "Everton FC", Some("0-1")),
        ])
    };
    store.write(|w| w.import(&cup, Some("FA Cup"))).unwrap();
    let read = store.read();
    let (liverpool, everton) = (
        read.resolve_team("Liverpool").unwrap(),
        read.resolve_team("Everton").unwrap(),
    );
    let dates = |first, second| -> Vec<(String, NaiveDate)> {
        read.meetings(first, second)
            .unwrap()
            .into_iter()
            .map(|(c, m)| (c.slug, m.date))
            .collect()
    };
    let all = dates(liverpool, everton);
    assert_eq!(
        all.len(),
        3,
        "{all:?}: no fixture still to play, no match of Chelsea"
    );
    assert_eq!(all, dates(everton, liverpool));
    assert!(all.windows(2).all(|w| w[0].1 <= w[1].1), "{all:?}");
    let in_cup = all.iter().filter(|(slug, _)| slug == "fa-cup").count();
    assert_eq!(in_cup, 2, "{all:?}");
}

#[test]
fn played_before_reads_every_competitions_played_results_before_the_day() {
    let mut store = Store::open_in_memory().unwrap();
    let league = premier_league(&mut store);
    let mut cup = record(&[
        (1, 6, "Chelsea FC", "Liverpool FC", Some("0-2")),
        (1, 31, "Arsenal FC", "Chelsea FC", Some("1-1")),
        (2, 25, "Liverpool FC", "Chelsea FC", None),
    ]);
    cup.competition = "FA Cup".into();
    cup.matches[1].venue = Venue::Neutral;
    store.write(|w| w.import(&cup, Some("FA Cup"))).unwrap();
    let read = store.read();
    let all = read.played_before(None, day(6, 30)).unwrap();
    // Two played in the league and two in the cup; the fixtures are left out.
    assert_eq!(all.len(), 4);
    assert!(all.windows(2).all(|w| w[0].date <= w[1].date));
    assert_eq!(all[0].date, day(8, 12));
    assert!(all.iter().any(|r| r.competition == league.id.unwrap()));
    assert!(all.iter().any(|r| r.competition != league.id.unwrap()));
    let neutral: Vec<_> = all.iter().filter(|r| r.neutral).collect();
    assert_eq!(neutral.len(), 1);
    assert_eq!((neutral[0].home_goals, neutral[0].away_goals), (1, 1));
    // Before 31 January: the day itself is left out; from 1 January: the August match too.
    let before = read.played_before(Some(day(1, 1)), day(1, 31)).unwrap();
    assert_eq!(before.len(), 1);
    assert_eq!(
        (before[0].home_goals, before[0].away_goals, before[0].date),
        (0, 2, day(1, 6))
    );
}
