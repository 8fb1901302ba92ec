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
    // The fixture was on 4 Feb; a result on 3 Feb completes it.
    let rec = store
        .write(|w| w.record_result(&comp, &played("3-1", day(2, 3)), false))
        .unwrap();
    assert!(matches!(rec, Recorded::CompletedFixture(_)));
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
