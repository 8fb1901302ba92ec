//! Parses the real openfootball and engsoccerdata files kept beside the
//! checkout in `shared/data`; run with `cargo test -- --ignored`.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime};
use matchday_core::{Format, MatchRecord, MatchStatus, SeasonRecord, Venue};
use matchday_formats::{football_txt, season_file};

fn data(path: &str) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let file = root.join(path);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn openfootball(path: &str) -> SeasonRecord {
    let record =
        football_txt::parse(&data(&format!("openfootball/{path}"))).unwrap_or_else(|e| panic!("{path}: {e}"));
    // Every file we read must also survive our own format unchanged.
    let written = season_file::write(&record);
    let back = season_file::parse(&written).unwrap_or_else(|e| panic!("{path} re-read: {e}"));
    assert_eq!(season_file::write(&back), written, "{path}");
    record
}

fn count(record: &SeasonRecord, status: &str) -> usize {
    record
        .matches
        .iter()
        .filter(|m| m.status.name() == status)
        .count()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn find<'a>(record: &'a SeasonRecord, date: NaiveDate, home: &str) -> &'a MatchRecord {
    record
        .matches
        .iter()
        .find(|m| m.date == date && m.home == home)
        .unwrap_or_else(|| panic!("no match of {home} on {date}"))
}

fn shown(m: &MatchRecord) -> String {
    let result = m.status.result().expect("played");
    let mut text = result.to_string();
    if let Some(ht) = result.half_time() {
        text.push_str(&format!(" (ht {ht})"));
    }
    if result.extra_time().is_some() {
        match result.score() {
            Some(ft) => text.push_str(&format!(" (ft {ft})")),
            None => text.push_str(" (ft not given)"),
        }
    }
    text
}

fn rounds(record: &SeasonRecord) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for m in &record.matches {
        let round = m.round.clone().unwrap_or_default();
        match out.iter_mut().find(|(r, _)| *r == round) {
            Some((_, n)) => *n += 1,
            None => out.push((round, 1)),
        }
    }
    out
}

#[test]
#[ignore = "needs ../shared/data"]
fn premier_league_2023_24() {
    let r = openfootball("england/2023-24/1-premierleague.txt");
    assert_eq!(r.competition, "English Premier League");
    assert_eq!(r.season.unwrap().to_string(), "2023-24");
    assert_eq!(r.format, Some(Format::League));
    assert_eq!((r.matches.len(), count(&r, "played")), (380, 380));
    assert_eq!(rounds(&r).len(), 38);
    let m = find(&r, day(2024, 1, 31), "Liverpool FC");
    assert_eq!(
        (m.away.as_str(), shown(m).as_str()),
        ("Chelsea FC", "4-1 (ht 2-0)")
    );
    assert_eq!(m.kickoff, NaiveTime::from_hms_opt(20, 15, 0));
    assert_eq!(m.round.as_deref(), Some("Matchday 22"));
    // A line without a kick-off keeps the one above it.
    let m = find(&r, day(2023, 8, 12), "Everton FC");
    assert_eq!(m.kickoff, NaiveTime::from_hms_opt(15, 0, 0));
    assert!(
        r.matches
            .iter()
            .all(|m| m.venue == Venue::Home && m.leg.is_none() && !m.replay)
    );
}

#[test]
#[ignore = "needs ../shared/data"]
fn other_leagues() {
    for (path, teams, played) in [
        ("england/2022-23/1-premierleague.txt", 20, 380),
        ("deutschland/2023-24/1-bundesliga.txt", 18, 306),
        ("espana/2023-24/1-liga.txt", 20, 380),
        ("italy/2023-24/1-seriea.txt", 20, 380),
    ] {
        let r = openfootball(path);
        assert_eq!(r.format, Some(Format::League), "{path}");
        assert_eq!(count(&r, "played"), played, "{path}");
        let mut names: Vec<&str> = r.matches.iter().map(|m| m.home.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), teams, "{path}");
    }
    let liga = openfootball("espana/2023-24/1-liga.txt");
    let m = find(&liga, day(2023, 8, 11), "UD Almería");
    assert_eq!(
        (m.away.as_str(), m.kickoff),
        ("Rayo Vallecano de Madrid", NaiveTime::from_hms_opt(19, 30, 0))
    );
    let bl = openfootball("deutschland/2023-24/1-bundesliga.txt");
    let m = find(&bl, day(2023, 8, 19), "VfL Wolfsburg");
    assert_eq!(m.away, "1. FC Heidenheim 1846");
}

#[test]
#[ignore = "needs ../shared/data"]
fn premier_league_2025_26_in_progress() {
    let r = openfootball("england/2025-26/1-premierleague.txt");
    assert_eq!(r.matches.len(), 380);
    assert_eq!(
        (
            count(&r, "played"),
            count(&r, "scheduled"),
            count(&r, "postponed")
        ),
        (339, 38, 3)
    );
    // Rescheduled matches stay under their original matchday.
    let m = find(&r, day(2026, 5, 22), "Manchester City FC");
    assert_eq!(
        (m.round.as_deref(), m.status),
        (Some("Matchday 31"), MatchStatus::Postponed)
    );
    assert_eq!(m.kickoff, None);
    assert_eq!(
        r.matches
            .iter()
            .filter(|m| m.round.as_deref() == Some("Matchday 31"))
            .count(),
        10
    );
    assert_eq!(find(&r, day(2025, 8, 15), "Liverpool FC").away, "AFC Bournemouth");
}

#[test]
#[ignore = "needs ../shared/data"]
fn league_one_2019_20_cut_short() {
    let r = openfootball("england/2019-20/3-league1.txt");
    assert_eq!(
        (r.matches.len(), count(&r, "played"), count(&r, "cancelled")),
        (506, 400, 106)
    );
}

#[test]
#[ignore = "needs ../shared/data"]
fn fa_cup_2023_24() {
    let r = openfootball("england/2023-24/facup.txt");
    assert_eq!(r.format, Some(Format::Knockout));
    let expected = [
        ("Round 1", 49),
        ("Round 2", 24),
        ("Round 3", 40),
        ("Round 4", 21),
        ("Round of 16", 8),
        ("Quarterfinals", 4),
        ("Semifinals", 2),
        ("Final", 1),
    ];
    let expected: Vec<(String, usize)> = expected.iter().map(|(r, n)| (r.to_string(), *n)).collect();
    assert_eq!(rounds(&r), expected);
    let m = find(&r, day(2023, 11, 14), "Salford City");
    assert_eq!(shown(m), "4-4 aet, 4-5 pens (ht 1-3) (ft 3-3)");
    assert!(m.replay);
    assert_eq!(r.matches.iter().filter(|m| m.replay).count(), 26);
    assert!(r.matches.iter().all(|m| m.leg.is_none()));
    let neutral: Vec<&str> = r
        .matches
        .iter()
        .filter(|m| m.venue == Venue::Neutral)
        .map(|m| m.home.as_str())
        .collect();
    assert_eq!(neutral.len(), 3, "{neutral:?}");
    let extra_time = r
        .matches
        .iter()
        .filter(|m| m.status.result().is_some_and(|x| x.extra_time().is_some()));
    assert_eq!(extra_time.count(), 11);
    assert_eq!(
        r.matches
            .iter()
            .filter(|m| m.status.result().is_some_and(|x| x.penalties().is_some()))
            .count(),
        5
    );
}

#[test]
#[ignore = "needs ../shared/data"]
fn efl_cup_2023_24() {
    let r = openfootball("england/2023-24/eflcup.txt");
    assert_eq!(r.matches.len(), 93);
    let m = find(&r, day(2024, 2, 25), "Chelsea FC");
    assert_eq!((m.away.as_str(), m.venue), ("Liverpool FC", Venue::Neutral));
    assert_eq!(shown(m), "0-1 aet (ft 0-0)");
    let semis: Vec<(Option<u8>, bool)> = r
        .matches
        .iter()
        .filter(|m| m.round.as_deref() == Some("Semifinals"))
        .map(|m| (m.leg, m.replay))
        .collect();
    assert_eq!(
        semis,
        [
            (Some(1), false),
            (Some(1), false),
            (Some(2), false),
            (Some(2), false)
        ]
    );
    let shootouts = r.matches.iter().filter(|m| {
        m.status
            .result()
            .is_some_and(|x| x.penalties().is_some() && x.extra_time().is_none())
    });
    assert_eq!(shootouts.count(), 24);
}

#[test]
#[ignore = "needs ../shared/data"]
fn champions_league_2023_24_groups_are_derived() {
    let r = openfootball("champions-league/2023-24/cl.txt");
    assert_eq!(r.format, Some(Format::GroupsKnockout));
    assert_eq!(r.matches.len(), 125);
    let group_matches: Vec<&MatchRecord> = r.matches.iter().filter(|m| m.group.is_some()).collect();
    assert_eq!(group_matches.len(), 96);
    for g in 1..=8 {
        let label = g.to_string();
        let in_group = group_matches
            .iter()
            .filter(|m| m.group.as_deref() == Some(label.as_str()));
        assert_eq!(in_group.count(), 12, "group {g}");
    }
    // Milan, Newcastle, Dortmund and PSG were Group F: the first match listed.
    let newcastle = find(&r, day(2023, 9, 19), "AC Milan (ITA)");
    assert_eq!(newcastle.group.as_deref(), Some("1"));
    assert_eq!(
        find(&r, day(2023, 9, 19), "Paris Saint-Germain FC (FRA)")
            .group
            .as_deref(),
        Some("1")
    );
    assert_eq!(newcastle.round.as_deref(), Some("Matchday 1"));
    // Arsenal beat Porto on penalties in the second leg after a 1-0 win at the end of 90 minutes.
    let m = find(&r, day(2024, 3, 12), "Arsenal FC (ENG)");
    assert_eq!(
        (m.leg, shown(m).as_str()),
        (Some(2), "1-0 aet, 4-2 pens (ht 1-0) (ft 1-0)")
    );
    let final_ = r.matches.last().unwrap();
    assert_eq!(
        (final_.round.as_deref(), final_.venue),
        (Some("Final"), Venue::Neutral)
    );
}

#[test]
#[ignore = "needs ../shared/data"]
fn europa_league_2023_24() {
    let r = openfootball("champions-league/2023-24/el.txt");
    let expected = [
        ("Matchday 1", 16),
        ("Matchday 2", 16),
        ("Matchday 3", 16),
        ("Matchday 4", 16),
        ("Matchday 5", 16),
        ("Matchday 6", 16),
    ];
    let mut group_rounds: Vec<(String, usize)> = rounds(&r)
        .into_iter()
        .filter(|(round, _)| round.starts_with("Matchday"))
        .collect();
    group_rounds.sort();
    let expected: Vec<(String, usize)> = expected.iter().map(|(r, n)| (r.to_string(), *n)).collect();
    assert_eq!(group_rounds, expected);
    assert_eq!(r.matches.len(), 141);
    assert_eq!(
        r.matches
            .iter()
            .filter(|m| m.group.as_deref() == Some("G"))
            .count(),
        12
    );
    // Moved from matchday 3 (26 October) to 6 December.
    let moved = find(&r, day(2023, 12, 6), "Villarreal CF (ESP)");
    assert_eq!(
        (moved.group.as_deref(), moved.round.as_deref()),
        (Some("F"), Some("Matchday 3"))
    );
    let first = find(&r, day(2024, 3, 7), "AC Sparta Praha (CZE)");
    assert_eq!((first.away.as_str(), first.leg), ("Liverpool FC (ENG)", Some(1)));
    let second = find(&r, day(2024, 3, 14), "Liverpool FC (ENG)");
    assert_eq!((shown(second).as_str(), second.leg), ("6-1 (ht 4-1)", Some(2)));
    let legs = r.matches.iter().filter(|m| m.leg.is_some()).count();
    assert_eq!(legs, 16 + 16 + 8 + 4);
    let conf = openfootball("champions-league/2023-24/conf.txt");
    assert_eq!(conf.matches.len(), 141);
    assert_eq!(conf.format, Some(Format::GroupsKnockout));
}

#[test]
#[ignore = "needs ../shared/data"]
fn euro_2024() {
    let r = openfootball("euro/2024--germany/euro.txt");
    assert_eq!(r.competition, "Euro");
    assert_eq!(r.season.unwrap().to_string(), "2024");
    assert_eq!(r.matches.len(), 51);
    assert_eq!(r.matches.iter().filter(|m| m.group.is_some()).count(), 36);
    let m = find(&r, day(2024, 6, 14), "Germany");
    assert_eq!((m.away.as_str(), shown(m).as_str()), ("Scotland", "5-1 (ht 3-0)"));
    assert_eq!(
        (m.group.as_deref(), m.round.as_deref()),
        (Some("A"), Some("Matchday 1"))
    );
    let m = find(&r, day(2024, 6, 26), "Ukraine");
    assert_eq!(
        (m.away.as_str(), m.round.as_deref()),
        ("Belgium", Some("Matchday 3"))
    );
    let m = find(&r, day(2024, 7, 1), "Portugal");
    assert_eq!(shown(m), "0-0 aet, 3-0 pens (ft 0-0)");
    let m = find(&r, day(2024, 7, 6), "England");
    assert_eq!(shown(m), "1-1 aet, 5-3 pens (ht 0-0) (ft 1-1)");
    assert_eq!(r.matches.last().unwrap().round.as_deref(), Some("Final"));
}

#[test]
#[ignore = "needs ../shared/data"]
fn engsoccer_all_english_history() {
    let seasons = matchday_formats::engsoccer::parse(&data("engsoccerdata/england.csv")).unwrap();
    let total: usize = seasons.iter().map(|r| r.matches.len()).sum();
    assert_eq!(total, 208_028);
    let pl = seasons
        .iter()
        .find(|r| r.competition == "English league tier 1" && r.season.unwrap().to_string() == "2023-24")
        .unwrap();
    assert_eq!(pl.matches.len(), 380);
    // 2022-23 is missing from the source altogether.
    assert!(!seasons.iter().any(|r| r.season.unwrap().to_string() == "2022-23"));
}
