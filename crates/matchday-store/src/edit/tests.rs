//! Corrections on an in-memory database.

use chrono::NaiveDate;
use matchday_core::{Deduction, MatchRecord, MatchStatus, Pairing, Refusal, Season, SeasonRecord, Venue};

use crate::{DeductionChoice, DeductionEdit, MatchChoice, MatchEdit, Store, StoreError};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(if m >= 7 { 2023 } else { 2024 }, m, d).unwrap()
}

/// A league of four: Alpha 2-1 Beta and Gamma 0-0 Delta on 12 Aug, Beta v Alpha to play on 2 Sep.
fn league() -> (Store, matchday_core::Competition) {
    let line = |i: usize, date, home: &str, away: &str, score: Option<&str>| MatchRecord {
        date,
        kickoff: None,
        home: home.into(),
        away: away.into(),
        venue: Venue::Home,
        round: None,
        group: None,
        leg: None,
        replay: false,
        status: score.map_or(MatchStatus::Scheduled, |s| {
            MatchStatus::Played(s.parse().unwrap())
        }),
        line: i,
        closing_odds: None,
    };
    let record = SeasonRecord {
        competition: "Test League".into(),
        season: Some(Season::starting(2023)),
        matches: vec![
            line(1, day(8, 12), "Alpha", "Beta", Some("2-1")),
            line(2, day(8, 12), "Gamma", "Delta", Some("0-0")),
            line(3, day(9, 2), "Beta", "Alpha", None),
            line(4, day(9, 2), "Delta", "Gamma", None),
        ],
        ..SeasonRecord::default()
    };
    let mut store = Store::open_in_memory().unwrap();
    store.write(|w| w.import(&record, None)).unwrap();
    let comp = store.read().find_competition("test", None, None).unwrap();
    (store, comp)
}

fn teams(store: &Store, home: &str, away: &str) -> Pairing {
    let r = store.read();
    Pairing::new(r.resolve_team(home).unwrap(), r.resolve_team(away).unwrap()).unwrap()
}

fn by_teams(
    store: &Store,
    comp: &matchday_core::Competition,
    home: &str,
    away: &str,
    date: Option<NaiveDate>,
) -> MatchChoice {
    MatchChoice::Teams {
        competition: comp.id.unwrap(),
        pairing: teams(store, home, away),
        date,
    }
}

fn played(score: &str) -> Option<MatchStatus> {
    Some(MatchStatus::Played(score.parse().unwrap()))
}

#[test]
fn a_result_is_corrected_by_teams_or_by_id() {
    let (mut store, comp) = league();
    let choice = by_teams(&store, &comp, "Alpha", "Beta", Some(day(8, 12)));
    let edit = MatchEdit {
        status: played("3-1"),
        ..MatchEdit::default()
    };
    let changed = store.write(|w| w.edit_match(&choice, &edit)).unwrap();
    assert_eq!(changed.before.status, played("2-1").unwrap());
    let after = changed.after.unwrap();
    assert_eq!(after.status, played("3-1").unwrap());
    let id = after.id.unwrap();
    let (_, stored) = store.read().choose_match(&MatchChoice::Id(id)).unwrap();
    assert_eq!(stored, after);
    // Without a date the pairing, met once that way round, is still one match.
    let choice = by_teams(&store, &comp, "Alpha", "Beta", None);
    let edit = MatchEdit {
        status: played("1-1"),
        ..MatchEdit::default()
    };
    store.write(|w| w.edit_match(&choice, &edit)).unwrap();
    let (_, stored) = store.read().choose_match(&MatchChoice::Id(id)).unwrap();
    assert_eq!(stored.status, played("1-1").unwrap());
}

#[test]
fn a_choice_naming_no_match_names_the_ones_stored() {
    let (store, comp) = league();
    let err = store
        .read()
        .choose_match(&by_teams(&store, &comp, "Alpha", "Beta", Some(day(8, 13))))
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::NoSuchMatch { candidates, .. } if candidates.len() == 2),
        "{err}"
    );
    let text = err.to_string();
    assert!(text.contains("Alpha 2-1 Beta on 2023-08-12"), "{text}");
    assert!(text.contains("Beta v Alpha on 2023-09-02 (scheduled)"), "{text}");
    let err = store
        .read()
        .choose_match(&MatchChoice::Id(matchday_core::MatchId(999)))
        .unwrap_err();
    assert_eq!(err.to_string(), "no match #999 is stored");
}

#[test]
fn an_edit_meets_the_entry_checks_and_a_refused_one_keeps_nothing() {
    let (mut store, comp) = league();
    let before = store.read().matches(comp.id.unwrap()).unwrap();
    // Moving Beta v Alpha onto the day Gamma and Delta play is fine; onto a day Alpha plays is not.
    let choice = by_teams(&store, &comp, "Beta", "Alpha", None);
    let clash = MatchEdit {
        date: Some(day(8, 12)),
        ..MatchEdit::default()
    };
    let err = store.write(|w| w.edit_match(&choice, &clash)).unwrap_err();
    assert!(
        matches!(err, StoreError::Refused(Refusal::PlaysTwiceOnDay { .. })),
        "{err}"
    );
    // A league match has no extra time.
    let aet = MatchEdit {
        status: Some(MatchStatus::Played("1-1 aet, 4-3 pens".parse().unwrap())),
        ..MatchEdit::default()
    };
    let err = store.write(|w| w.edit_match(&choice, &aet)).unwrap_err();
    assert!(
        matches!(err, StoreError::Refused(Refusal::BeyondNinetyMinutesInLeague)),
        "{err}"
    );
    let outside = MatchEdit {
        date: Some(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()),
        ..MatchEdit::default()
    };
    assert!(store.write(|w| w.edit_match(&choice, &outside)).is_err());
    assert_eq!(store.read().matches(comp.id.unwrap()).unwrap(), before);
    // A reschedule, with its kick-off.
    let moved = MatchEdit {
        date: Some(day(9, 9)),
        kickoff: Some(chrono::NaiveTime::from_hms_opt(12, 30, 0)),
        ..MatchEdit::default()
    };
    let after = store
        .write(|w| w.edit_match(&choice, &moved))
        .unwrap()
        .after
        .unwrap();
    assert_eq!(
        (after.date, after.kickoff.unwrap().to_string()),
        (day(9, 9), "12:30:00".into())
    );
}

#[test]
fn a_result_goes_back_to_a_fixture_and_matches_are_deleted() {
    let (mut store, comp) = league();
    let choice = by_teams(&store, &comp, "Gamma", "Delta", None);
    let back = MatchEdit {
        status: Some(MatchStatus::Scheduled),
        ..MatchEdit::default()
    };
    let after = store
        .write(|w| w.edit_match(&choice, &back))
        .unwrap()
        .after
        .unwrap();
    assert_eq!(after.status, MatchStatus::Scheduled);
    let result = by_teams(&store, &comp, "Alpha", "Beta", None);
    let err = store.write(|w| w.delete_match(&result, false)).unwrap_err();
    assert!(matches!(err, StoreError::DeletesResult { .. }), "{err}");
    store.write(|w| w.delete_match(&result, true)).unwrap();
    let deleted = store.write(|w| w.delete_match(&choice, false)).unwrap();
    assert!(deleted.after.is_none());
    assert_eq!(store.read().matches(comp.id.unwrap()).unwrap().len(), 2);
    assert!(matches!(
        store.write(|w| w.delete_match(&choice, false)).unwrap_err(),
        StoreError::NoSuchMatch { .. }
    ));
}

#[test]
fn deductions_are_corrected_and_deleted_keeping_what_was_given_back_covered() {
    let (mut store, comp) = league();
    let alpha = store.read().resolve_team("Alpha").unwrap();
    let d = |points, date| Deduction {
        team: alpha,
        points,
        effective: date,
        reason: "breach".into(),
    };
    store
        .write(|w| w.add_deduction(&comp, &d(10, day(11, 17))))
        .unwrap();
    store
        .write(|w| w.add_deduction(&comp, &d(-4, day(2, 26))))
        .unwrap();
    let all = DeductionChoice::Team {
        competition: comp.id.unwrap(),
        team: alpha,
        date: None,
    };
    let err = store.read().choose_deduction(&all).unwrap_err();
    assert!(
        matches!(&err, StoreError::AmbiguousDeduction { candidates, .. } if candidates.len() == 2),
        "{err}"
    );
    let first = DeductionChoice::Team {
        competition: comp.id.unwrap(),
        team: alpha,
        date: Some(day(11, 17)),
    };
    // Taking only 3 would leave the 4 given back uncovered.
    let less = DeductionEdit {
        points: Some(3),
        reason: None,
    };
    let err = store.write(|w| w.edit_deduction(&first, &less)).unwrap_err();
    assert!(
        matches!(err, StoreError::Refused(Refusal::GivesBackMoreThanTaken { .. })),
        "{err}"
    );
    let err = store.write(|w| w.delete_deduction(&first)).unwrap_err();
    assert!(matches!(err, StoreError::Refused(_)), "{err}");
    let zero = DeductionEdit {
        points: Some(0),
        reason: None,
    };
    assert!(matches!(
        store.write(|w| w.edit_deduction(&first, &zero)).unwrap_err(),
        StoreError::ZeroDeduction
    ));
    let fixed = DeductionEdit {
        points: Some(6),
        reason: Some("profit and sustainability".into()),
    };
    let changed = store.write(|w| w.edit_deduction(&first, &fixed)).unwrap();
    assert_eq!(changed.after.unwrap().points, 6);
    let stored = store.read().deductions(comp.id.unwrap()).unwrap();
    assert_eq!(
        (stored[0].points, stored[0].reason.as_str()),
        (6, "profit and sustainability")
    );
    let appeal = DeductionChoice::Team {
        competition: comp.id.unwrap(),
        team: alpha,
        date: Some(day(2, 26)),
    };
    store.write(|w| w.delete_deduction(&appeal)).unwrap();
    assert_eq!(store.read().deductions(comp.id.unwrap()).unwrap().len(), 1);
}

#[test]
fn a_renamed_team_keeps_its_old_name_as_an_alias() {
    let (mut store, _) = league();
    let alpha = store.read().resolve_team("Alpha").unwrap();
    let renamed = store.write(|w| w.rename_team(alpha, "Alpha FC Town")).unwrap();
    assert_eq!(
        (renamed.before.as_str(), renamed.after.as_str()),
        ("Alpha", "Alpha FC Town")
    );
    assert_eq!(store.read().resolve_team("Alpha").unwrap(), alpha);
    assert_eq!(store.read().team_names().unwrap()[&alpha], "Alpha FC Town");
    let err = store.write(|w| w.rename_team(alpha, "Beta")).unwrap_err();
    assert!(
        matches!(&err, StoreError::TeamExists(name) if name == "Beta"),
        "{err}"
    );
    // Back to the old name: the alias it had become gives way to the name.
    store.write(|w| w.rename_team(alpha, "Alpha")).unwrap();
    let team = store
        .read()
        .teams()
        .unwrap()
        .into_iter()
        .find(|t| t.id == alpha)
        .unwrap();
    assert_eq!(team.name, "Alpha");
    assert_eq!(team.aliases, vec!["Alpha FC Town".to_string()]);
}
