use chrono::{NaiveDate, NaiveTime};
use matchday_core::{Format, MatchRecord, MatchStatus, Season, SeasonRecord, Venue};
use proptest::prelude::*;

use super::{parse, write};
use crate::football_txt;

const LEAGUE: &str = include_str!("fixtures/league.json");
const EURO: &str = include_str!("fixtures/euro.json");
const WORLD_CUP: &str = include_str!("fixtures/worldcup.json");
const PLAY_OFFS: &str = include_str!("fixtures/quali_playoffs.json");

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn shown(m: &MatchRecord) -> String {
    match m.status.result() {
        Some(r) => {
            let mut text = r.to_string();
            if let Some(ht) = r.half_time() {
                text.push_str(&format!(" (ht {ht})"));
            }
            if r.extra_time().is_some() {
                match r.score() {
                    Some(ft) => text.push_str(&format!(" (ft {ft})")),
                    None => text.push_str(" (ft not given)"),
                }
            }
            text
        }
        None => m.status.name().to_string(),
    }
}

fn err(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

/// The matches without the line each came from, which differs between files.
fn unlined(record: &SeasonRecord) -> Vec<MatchRecord> {
    record
        .matches
        .iter()
        .cloned()
        .map(|m| MatchRecord { line: 0, ..m })
        .collect()
}

#[test]
fn the_flat_shape_reads_a_league() {
    let r = parse(LEAGUE).unwrap();
    assert_eq!(r.competition, "English Premier League");
    assert_eq!(r.season, Some(Season::starting(2023)));
    assert_eq!(r.format, Some(Format::League));
    let shown: Vec<String> = r.matches.iter().map(shown).collect();
    assert_eq!(shown, ["0-3 (ht 0-2)", "2-1 (ht 2-0)", "0-0", "scheduled"]);
    let m = &r.matches[1];
    assert_eq!(
        (m.home.as_str(), m.away.as_str(), m.date, m.kickoff),
        (
            "Arsenal FC",
            "Nottingham Forest FC",
            day(2023, 8, 12),
            NaiveTime::from_hms_opt(12, 30, 0)
        )
    );
    assert_eq!(m.round.as_deref(), Some("Matchday 1"));
    // Each match's line is where its object opens.
    let lines: Vec<usize> = r.matches.iter().map(|m| m.line).collect();
    assert_eq!(lines, [4, 12, 20, 28]);
}

#[test]
fn the_json_and_the_football_txt_of_a_season_give_the_same_record() {
    let txt = "= English Premier League 2023/24\n\
               Matchday 1\n\
               [Fri Aug/11]\n  20.00  Burnley FC  0-3 (0-2)  Manchester City FC\n\
               [Sat Aug/12]\n  12.30  Arsenal FC  2-1 (2-0)  Nottingham Forest FC\n\
               Matchday 2\n\
               [Sat Aug/19]\n  15.00  Nottingham Forest FC  0-0  Burnley FC\n  \
               20.00  Manchester City FC  v  Arsenal FC\n";
    let from_txt = football_txt::parse(txt).unwrap();
    let from_json = parse(LEAGUE).unwrap();
    assert_eq!(unlined(&from_json), unlined(&from_txt));
    assert_eq!(
        (&from_json.competition, from_json.season, from_json.format),
        (&from_txt.competition, from_txt.season, from_txt.format)
    );
}

#[test]
fn the_nested_shape_reads_rounds_team_objects_and_groups() {
    let r = parse(EURO).unwrap();
    assert_eq!(
        (r.competition.as_str(), r.season),
        ("Euro", Some(Season::calendar(2024)))
    );
    assert_eq!(r.format, Some(Format::GroupsKnockout));
    let summary: Vec<(&str, Option<&str>, Option<&str>, String)> = r
        .matches
        .iter()
        .map(|m| (m.home.as_str(), m.round.as_deref(), m.group.as_deref(), shown(m)))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "Germany",
                Some("Matchday 1"),
                Some("A"),
                "5-1 (ht 3-0)".to_string()
            ),
            (
                "Hungary",
                Some("Matchday 1"),
                Some("A"),
                "1-3 (ht 0-2)".to_string()
            ),
            (
                "Spain",
                Some("Quarter-finals"),
                None,
                "2-1 aet (ht 0-0) (ft 1-1)".to_string()
            ),
            (
                "Portugal",
                Some("Quarter-finals"),
                None,
                "0-0 aet, 3-5 pens (ht 0-0) (ft 0-0)".to_string()
            ),
            ("Spain", Some("Final"), None, "2-1 (ht 0-0)".to_string()),
        ]
    );
    // Finals are on neutral ground, as for Football.TXT; nothing else is.
    let neutral: Vec<bool> = r.matches.iter().map(|m| m.venue == Venue::Neutral).collect();
    assert_eq!(neutral, [false, false, false, false, true]);
    assert!(r.matches.iter().all(|m| m.leg.is_none() && !m.replay));
}

#[test]
fn world_cup_kick_offs_keep_local_time_and_fixtures_have_no_score() {
    let r = parse(WORLD_CUP).unwrap();
    assert_eq!(
        (r.competition.as_str(), r.season),
        ("World Cup", Some(Season::calendar(2026)))
    );
    assert_eq!(r.matches[0].kickoff, NaiveTime::from_hms_opt(13, 0, 0));
    assert_eq!(r.matches[1].group.as_deref(), Some("B"));
    assert_eq!(r.matches[1].away, "Bosnia & Herzegovina");
    assert_eq!(shown(&r.matches[2]), "1-1 aet, 4-3 pens (ht 0-1) (ft 1-1)");
    assert_eq!(r.matches[3].status, MatchStatus::Scheduled);
    assert_eq!(r.matches[3].venue, Venue::Neutral);
}

#[test]
fn play_off_scores_may_be_a_bare_pair_or_leave_the_ninety_minutes_out() {
    let r = parse(PLAY_OFFS).unwrap();
    assert_eq!(
        (r.competition.as_str(), r.season),
        ("World Cup Qualifying", Some(Season::calendar(2026)))
    );
    let shown: Vec<String> = r.matches.iter().map(shown).collect();
    assert_eq!(
        shown,
        [
            "2-0",
            "1-1 aet, 2-4 pens (ft not given)",
            "2-1 aet (ft not given)"
        ]
    );
    assert_eq!(r.matches[0].kickoff, NaiveTime::from_hms_opt(20, 45, 0));
    assert_eq!(
        r.matches[0].round.as_deref(),
        Some("UEFA Second Round Play-offs, Path A, Semi-finals")
    );
    assert_eq!(r.format, Some(Format::Knockout));
}

#[test]
fn a_second_legs_extra_time_after_a_decided_match_is_read_only_as_a_second_leg() {
    let tie = |second: &str| {
        format!(
            r#"{{"name": "Copa 2024", "matches": [
            {{"round": "Semi-finals", "date": "2024-10-22", "team1": "A", "team2": "B", "score": {{"ft": [0, 1]}}}},
            {{"round": "Semi-finals", "date": "2024-10-23", "team1": "C", "team2": "D", "score": {{"ft": [0, 0]}}}},
            {{"round": "Semi-finals", "date": "2024-10-29", "team1": "B", "team2": "A", "score": {second}}},
            {{"round": "Semi-finals", "date": "2024-10-30", "team1": "D", "team2": "C", "score": {{"ft": [2, 2]}}}}]}}"#
        )
    };
    let r = parse(&tie(r#"{"ft": [0, 1], "et": [0, 1], "p": [4, 3]}"#)).unwrap();
    assert_eq!(r.matches[2].leg, Some(2));
    assert_eq!(shown(&r.matches[2]), "0-1 aet, 4-3 pens (ft 0-1)");
    let single = r#"{"name": "Cup 2024", "matches": [
        {"round": "Final", "date": "2024-05-25", "team1": "A", "team2": "B", "score": {"ft": [0, 1], "et": [0, 1]}}]}"#;
    assert_eq!(
        err(single),
        "line 2: matches[0] (A v B): score: extra time or penalties after a match that was not level, \
         outside a second leg"
    );
}

#[test]
fn errors_name_the_line_the_path_and_what_is_wrong() {
    let cases: &[(&str, &str)] = &[
        (
            "{\"name\": \"Cup 2024\",\n \"matches\": [\n  {\"date\": \"2024-05-25\",",
            "line 3: matches[0] at column 24: EOF while parsing an object",
        ),
        (
            "{\"name\": \"Cup 2024\",\n \"matches\": [\n  {\"date\": \"2024-05-25\", \"team1\": \"A\", \"team2\": \"B\", \"score1\": 2}]}",
            "line 3: matches[0].score1 at column 61: unknown field `score1`, expected one of `round`",
        ),
        (
            "{\"name\": \"Euro 2024\", \"groups\": []}",
            "line 1: groups at column 30: unknown field `groups`, expected one of `name`, `matches`, `rounds` (a football.json match file has \"name\" and \"matches\" or \"rounds\")",
        ),
        (
            "[{\"name\": \"Mexico\", \"fifa_code\": \"MEX\"}]",
            "line 1: a JSON list, not a football.json match file (one object with \"name\" and \"matches\" or \"rounds\")",
        ),
        (
            "{\"name\": \"Cup 2024\", \"matches\": [{\"date\": \"2024-13-25\", \"team1\": \"A\", \"team2\": \"B\"}]}",
            "line 1: matches[0] (A v B): date: cannot read date \"2024-13-25\" (YYYY-MM-DD)",
        ),
        (
            "{\"name\": \"Cup 2024\", \"matches\": [{\"date\": \"2024-05-25\", \"time\": \"3pm\", \"team1\": \"A\", \"team2\": \"B\"}]}",
            "line 1: matches[0] (A v B): time: cannot read kick-off \"3pm\" (HH:MM)",
        ),
        (
            "{\"name\": \"Cup 2024\", \"matches\": [{\"date\": \"2024-05-25\", \"team1\": \"A\", \"team2\": \"B\", \"score\": {\"ft\": [1, 2, 3]}}]}",
            "line 1: matches[0].score at column 111: a score: [home, away] or {",
        ),
        (
            "{\"name\": \"Cup 2024\", \"matches\": [{\"date\": \"2024-05-25\", \"team1\": \"A\", \"team2\": \"B\", \"score\": \"2-1\"}]}",
            "line 1: matches[0].score at column 99: a score: [home, away] or {\"ft\": [home, away]",
        ),
        (
            "{\"name\": \"Cup 2024\", \"matches\": [{\"date\": \"2024-05-25\", \"team1\": 7, \"team2\": \"B\"}]}",
            "line 1: matches[0].team1 at column 66: a team: a name, or {\"name\": ..., \"code\": ...}",
        ),
        (
            "{\"name\": \"Cup 2024\", \"matches\": [{\"date\": \"2024-05-25\", \"team1\": \"A\", \"team2\": \"B\", \"score\": {\"ft\": [1, 0], \"ht\": [2, 0]}}]}",
            "line 1: matches[0] (A v B): score: inconsistent result: half-time 2-0 has more goals than 1-0",
        ),
        (
            "{\"name\": \"Cup 2024\", \"matches\": [{\"date\": \"2024-05-25\", \"team1\": \"A\", \"team2\": \"B\", \"score\": {\"ht\": [0, 0]}}]}",
            "line 1: matches[0] (A v B): score: inconsistent result: a result needs a score",
        ),
        (
            "{\"name\": \"Cup 2024\", \"matches\": [{\"date\": \"2024-05-25\", \"team1\": \"A\", \"team2\": \"B\", \"status\": \"awarded\"}]}",
            "line 1: matches[0] (A v B): status: an awarded match needs its awarded score",
        ),
        (
            "{\"name\": \"Cup 2024\", \"matches\": [{\"date\": \"2024-05-25\", \"team1\": \"A\", \"team2\": \"B\", \"status\": \"postponed\", \"score\": [1, 0]}]}",
            "line 1: matches[0] (A v B): score: a postponed match has no score",
        ),
        (
            "{\"name\": \"Cup 2024\", \"matches\": [{\"date\": \"2024-05-25\", \"team1\": \" \", \"team2\": \"B\"}]}",
            "line 1: ",
        ),
        ("{\"name\": \"Cup 2024\"}", "line 1: no \"matches\" or \"rounds\""),
        (
            "{\"name\": \"Cup 2024\", \"matches\": [], \"rounds\": []}",
            "line 1: both \"matches\" and \"rounds\"",
        ),
        (
            "{\"name\": \"Cup 2024\", \"rounds\": [{\"name\": \"Final\", \"matches\": [\n{\"date\": \"2024-05-25\", \"team1\": \"A\"}]}]}",
            "line 2: rounds[0].matches[0] at column 36: missing field `team2`",
        ),
        (
            "{\"name\": \"Cup 2024\", \"matches\": []} {}",
            "line 1: column 37: trailing characters",
        ),
    ];
    let mut wrong = Vec::new();
    for (text, want) in cases {
        let got = err(text);
        if !got.contains(want) || got.contains('\n') {
            wrong.push(format!("{text}\n got: {got}\nwant: {want}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn conflicting_results_of_one_match_are_refused_with_both_lines() {
    let text = "{\"name\": \"League 2024\", \"matches\": [\n\
                {\"date\": \"2024-05-25\", \"team1\": \"A\", \"team2\": \"B\", \"score\": [1, 0]},\n\
                {\"date\": \"2024-05-25\", \"team1\": \"A\", \"team2\": \"B\", \"score\": [2, 0]}]}";
    assert_eq!(
        err(text),
        "line 3: A v B on 2024-05-25 is stated twice with different results: 1-0 on line 2, 2-0 here"
    );
}

#[test]
fn write_gives_the_flat_shape_with_every_part_and_status() {
    let r = parse(EURO).unwrap();
    let json = write(&r);
    assert!(
        json.starts_with("{\n  \"name\": \"Euro 2024\",\n  \"matches\": ["),
        "{json}"
    );
    assert!(json.contains("\"group\": \"Group A\""));
    let back = parse(&json).unwrap();
    assert_eq!(unlined(&back), unlined(&r));
    // A late edition is titled by the year it was played, as openfootball does.
    let late = SeasonRecord {
        competition: "Euro".into(),
        season: Some(Season::edition(2020, 2021).unwrap()),
        ..SeasonRecord::default()
    };
    assert!(write(&late).contains("\"name\": \"Euro 2021\""));
    assert_eq!(parse(&write(&late)).unwrap().season, late.season);
    let league = parse(LEAGUE).unwrap();
    assert!(write(&league).contains("\"name\": \"English Premier League 2023/24\""));
    let mut statuses = league.clone();
    statuses.matches[3].status = MatchStatus::Postponed;
    statuses.matches[2].status = MatchStatus::Cancelled;
    let json = write(&statuses);
    assert!(json.contains("\"status\": \"postponed\""));
    assert_eq!(unlined(&parse(&json).unwrap()), unlined(&statuses));
}

/// One match of a generated file: teams from a few, a day in May 2024, and a
/// score in any of the shapes.
fn match_json() -> impl Strategy<Value = String> {
    let pair = || (0u32..5, 0u32..5).prop_map(|(h, a)| format!("[{h}, {a}]"));
    let score = prop_oneof![
        Just(String::new()),
        pair().prop_map(|p| format!(", \"score\": {p}")),
        (pair(), proptest::option::of(pair())).prop_map(|(ft, ht)| match ht {
            Some(ht) => format!(", \"score\": {{\"ft\": {ft}, \"ht\": {ht}}}"),
            None => format!(", \"score\": {{\"ft\": {ft}}}"),
        }),
        (0u32..4, 0u32..3, 0u32..3).prop_map(|(n, extra, p)| format!(
            ", \"score\": {{\"ft\": [{n}, {n}], \"et\": [{}, {n}], \"p\": [{}, {}]}}",
            n + extra,
            p + 3,
            p
        )),
        (0u32..4, 1u32..3).prop_map(|(n, extra)| format!(", \"score\": {{\"et\": [{n}, {}]}}", n + extra)),
    ];
    let team = || {
        prop_oneof![
            Just("Ajax"),
            Just("PSV"),
            Just("Feyenoord"),
            Just("AZ"),
            Just("Twente")
        ]
    };
    (
        team(),
        team(),
        1u32..29,
        proptest::option::of((10u32..22, 0u32..4)),
        prop_oneof![
            Just("Round 1"),
            Just("Semi-finals"),
            Just("Final"),
            Just("Matchday 3")
        ],
        proptest::option::of(prop_oneof![Just("Group A"), Just("Group B")]),
        score,
    )
        .prop_filter("two teams", |(home, away, ..)| home != away)
        .prop_map(|(home, away, d, time, round, group, score)| {
            let time = time.map_or(String::new(), |(h, q)| {
                format!(", \"time\": \"{h}:{:02} CET\"", q * 15)
            });
            let group = group.map_or(String::new(), |g| format!(", \"group\": \"{g}\""));
            format!(
                "{{\"round\": \"{round}\", \"date\": \"2024-05-{d:02}\"{time}, \"team1\": \"{home}\", \
                 \"team2\": \"{away}\"{score}{group}}}"
            )
        })
}

proptest! {
    /// What the reader reads, the writer writes so that the reader reads the
    /// same matches again; and writing that again changes nothing.
    #[test]
    fn written_files_read_back_the_same(matches in proptest::collection::vec(match_json(), 0..12)) {
        let text = format!("{{\"name\": \"Eredivisie 2023/24\", \"matches\": [\n{}]}}", matches.join(",\n"));
        if let Ok(record) = parse(&text) {
            let written = write(&record);
            let back = parse(&written).unwrap_or_else(|e| panic!("{e}\n{written}"));
            prop_assert_eq!(unlined(&back), unlined(&record));
            prop_assert_eq!((&back.competition, back.season, back.format), (&record.competition, record.season, record.format));
            prop_assert_eq!(write(&back), written);
        }
    }

    /// No text makes the reader panic, and its errors are one short line.
    #[test]
    fn reader_never_panics(
        matches in proptest::collection::vec(match_json(), 0..6),
        cut in 0usize..400,
        junk in any::<String>(),
    ) {
        let text = format!("{{\"name\": \"Cup 2024\", \"matches\": [{}]}}", matches.join(","));
        let cut: String = text.chars().take(cut).collect();
        for text in [text.clone(), cut, junk, format!("{text}{text}")] {
            if let Err(e) = parse(&text) {
                let message = e.to_string();
                prop_assert!(message.chars().count() < 1000, "{}", message);
                prop_assert!(!message.contains('\n'), "{}", message);
            }
        }
    }
}
