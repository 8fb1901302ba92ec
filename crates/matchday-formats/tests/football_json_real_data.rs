//! Reads every openfootball JSON file kept beside the checkout in
//! `shared/data` and checks it against its Football.TXT twin and the
//! published record; run with `cargo test -- --ignored`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use matchday_core::{Format, MatchRecord, MatchStatus, SeasonRecord, Venue};
use matchday_formats::{FileFormat, football_json, football_txt};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/openfootball")
}

fn data(path: &str) -> String {
    let file = root().join(path);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn json(path: &str) -> SeasonRecord {
    let text = data(path);
    assert_eq!(FileFormat::detect(&text).name(), "football.json", "{path}");
    let record = football_json::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    // What we read, we write so that it reads back the same.
    let written = football_json::write(&record);
    let back = football_json::parse(&written).unwrap_or_else(|e| panic!("{path} re-read: {e}"));
    assert_eq!(unlined(&back), unlined(&record), "{path}");
    record
}

fn txt(paths: &[&str]) -> Vec<MatchRecord> {
    paths
        .iter()
        .flat_map(|p| {
            football_txt::parse(&data(p))
                .unwrap_or_else(|e| panic!("{p}: {e}"))
                .matches
        })
        .collect()
}

fn unlined(record: &SeasonRecord) -> Vec<MatchRecord> {
    record
        .matches
        .iter()
        .cloned()
        .map(|m| MatchRecord { line: 0, ..m })
        .collect()
}

/// Each match by day and teams, with what happened: every part of the
/// result, except the half-time score of a match goalless after 90 minutes,
/// which euro.json states (`"ht": [0, 0]`) and the Football.TXT leaves out.
fn results(matches: &[MatchRecord]) -> BTreeMap<(NaiveDate, String, String), String> {
    let what = |status: &MatchStatus| match status.result() {
        None => status.name().to_string(),
        Some(r) => {
            let goalless = r.score().is_some_and(|ft| ft.home() == 0 && ft.away() == 0);
            let ht = if goalless { None } else { r.half_time() };
            format!("{} {r} ft {:?} ht {ht:?}", status.name(), r.score())
        }
    };
    matches
        .iter()
        .map(|m| ((m.date, m.home.clone(), m.away.clone()), what(&m.status)))
        .collect()
}

fn find<'a>(record: &'a SeasonRecord, home: &str, away: &str) -> &'a MatchRecord {
    record
        .matches
        .iter()
        .find(|m| m.home == home && m.away == away)
        .unwrap_or_else(|| panic!("no {home} v {away}"))
}

fn shown(m: &MatchRecord) -> String {
    let r = m.status.result().expect("played");
    match (r.extra_time(), r.score()) {
        (Some(_), Some(ft)) => format!("{r} (ft {ft})"),
        (Some(_), None) => format!("{r} (ft not given)"),
        _ => r.to_string(),
    }
}

type Outcome = Result<(&'static str, &'static str, usize), (usize, &'static str)>;

#[test]
#[ignore = "needs ../shared/data"]
fn every_json_file_imports_or_is_refused_with_its_line() {
    let not_matches = "expected one of `name`, `matches`, `rounds`";
    let list = "a JSON list, not a football.json match file";
    let expected: &[(&str, Outcome)] = &[
        ("euro.json/2020/euro.groups.json", Err((3, not_matches))),
        ("euro.json/2020/euro.json", Ok(("Euro", "2020 (played 2021)", 51))),
        ("euro.json/2024/euro.groups.json", Err((3, not_matches))),
        ("euro.json/2024/euro.json", Ok(("Euro", "2024", 51))),
        (
            "football.json/2022-23/en.1.json",
            Ok(("English Premier League", "2022-23", 380)),
        ),
        (
            "football.json/2023-24/de.1.json",
            Ok(("Deutsche Bundesliga", "2023-24", 306)),
        ),
        (
            "football.json/2023-24/en.1.json",
            Ok(("English Premier League", "2023-24", 380)),
        ),
        (
            "football.json/2023-24/es.1.json",
            Ok(("Primera División de España", "2023-24", 380)),
        ),
        (
            "football.json/2023-24/it.1.json",
            Ok(("Italian Serie A", "2023-24", 380)),
        ),
        ("worldcup.json/2018/worldcup.groups.json", Err((3, not_matches))),
        ("worldcup.json/2018/worldcup.json", Ok(("World Cup", "2018", 64))),
        ("worldcup.json/2018/worldcup.stadiums.json", Err((3, not_matches))),
        (
            "worldcup.json/2018/worldcup.standings.json",
            Err((3, not_matches)),
        ),
        ("worldcup.json/2018/worldcup.teams.json", Err((3, not_matches))),
        ("worldcup.json/2022/worldcup.groups.json", Err((3, not_matches))),
        ("worldcup.json/2022/worldcup.json", Ok(("World Cup", "2022", 64))),
        ("worldcup.json/2022/worldcup.stadiums.json", Err((3, not_matches))),
        ("worldcup.json/2026/worldcup.groups.json", Err((3, not_matches))),
        ("worldcup.json/2026/worldcup.json", Ok(("World Cup", "2026", 104))),
        (
            "worldcup.json/2026/worldcup.quali_playoffs.json",
            Ok(("World Cup Qualifying", "2026", 16)),
        ),
        ("worldcup.json/2026/worldcup.squads.json", Err((1, list))),
        ("worldcup.json/2026/worldcup.stadiums.json", Err((3, not_matches))),
        ("worldcup.json/2026/worldcup.teams.json", Err((1, list))),
    ];
    let mut files = Vec::new();
    for folder in ["euro.json", "football.json", "worldcup.json"] {
        for season in std::fs::read_dir(root().join(folder)).unwrap() {
            for file in std::fs::read_dir(season.unwrap().path()).unwrap() {
                let path = file.unwrap().path();
                files.push(path.strip_prefix(root()).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    let listed: Vec<&str> = expected.iter().map(|(path, _)| *path).collect();
    assert_eq!(files, listed, "every file is listed");
    for (path, want) in expected {
        match (want, football_json::parse(&data(path))) {
            (Ok((name, season, count)), Ok(r)) => {
                let season_text = r.season.map(|s| s.to_string());
                assert_eq!(
                    (r.competition.as_str(), season_text.as_deref(), r.matches.len()),
                    (*name, Some(*season), *count),
                    "{path}"
                );
                json(path);
            }
            (Err((line, message)), Err(e)) => {
                assert_eq!(e.line, *line, "{path}: {e}");
                assert!(e.message.contains(message), "{path}: {e}");
            }
            (want, got) => panic!("{path}: wanted {want:?}, got {:?}", got.map(|r| r.matches.len())),
        }
    }
}

#[test]
#[ignore = "needs ../shared/data"]
fn each_json_file_holds_the_matches_of_its_football_txt_twin() {
    let twins: &[(&str, &[&str])] = &[
        (
            "football.json/2023-24/en.1.json",
            &["england/2023-24/1-premierleague.txt"],
        ),
        (
            "football.json/2022-23/en.1.json",
            &["england/2022-23/1-premierleague.txt"],
        ),
        (
            "football.json/2023-24/de.1.json",
            &["deutschland/2023-24/1-bundesliga.txt"],
        ),
        ("football.json/2023-24/es.1.json", &["espana/2023-24/1-liga.txt"]),
        ("football.json/2023-24/it.1.json", &["italy/2023-24/1-seriea.txt"]),
        ("euro.json/2024/euro.json", &["euro/2024--germany/euro.txt"]),
        ("euro.json/2020/euro.json", &["euro/2021--europe/euro.txt"]),
        (
            "worldcup.json/2018/worldcup.json",
            &[
                "worldcup/2018--russia/cup.txt",
                "worldcup/2018--russia/cup_finals.txt",
            ],
        ),
        (
            "worldcup.json/2022/worldcup.json",
            &[
                "worldcup/2022--qatar/cup.txt",
                "worldcup/2022--qatar/cup_finals.txt",
            ],
        ),
        (
            "worldcup.json/2026/worldcup.json",
            &["worldcup/2026--usa/cup.txt", "worldcup/2026--usa/cup_finals.txt"],
        ),
        (
            "worldcup.json/2026/worldcup.quali_playoffs.json",
            &["worldcup/2026--usa/quali_playoffs.txt"],
        ),
    ];
    for (path, txt_paths) in twins {
        let from_json = json(path);
        let from_txt = txt(txt_paths);
        let (a, b) = (results(&from_json.matches), results(&from_txt));
        let differ: Vec<String> = a
            .iter()
            .filter(|(k, v)| b.get(*k) != Some(*v))
            .map(|(k, v)| format!("{k:?}: json {v:?}, txt {:?}", b.get(k)))
            .chain(
                b.keys()
                    .filter(|k| !a.contains_key(*k))
                    .map(|k| format!("{k:?}: only in txt")),
            )
            .collect();
        assert!(differ.is_empty(), "{path}:\n{}", differ.join("\n"));
        // The same structure is derived from both, so the same stages and rules follow.
        let structure = |m: &MatchRecord| {
            (
                m.date,
                m.home.clone(),
                m.group.clone(),
                m.leg,
                m.replay,
                m.venue == Venue::Neutral,
            )
        };
        let mut a: Vec<_> = from_json.matches.iter().map(structure).collect();
        let mut b: Vec<_> = from_txt.iter().map(structure).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b, "{path}");
        if txt_paths.len() == 1 {
            let twin = football_txt::parse(&data(txt_paths[0])).unwrap();
            assert_eq!(
                (&from_json.competition, from_json.season, from_json.format),
                (&twin.competition, twin.season, twin.format),
                "{path}"
            );
        }
    }
}

#[test]
#[ignore = "needs ../shared/data"]
fn the_published_finals_and_play_offs() {
    // Euro 2024: Spain beat England 2-1 in Berlin on 14 July 2024.
    let euro = json("euro.json/2024/euro.json");
    assert_eq!(euro.format, Some(Format::GroupsKnockout));
    let last = euro.matches.last().unwrap();
    assert_eq!(
        (
            last.round.as_deref(),
            last.home.as_str(),
            last.away.as_str(),
            shown(last)
        ),
        (Some("Final"), "Spain", "England", "2-1".to_string())
    );
    assert_eq!(last.venue, Venue::Neutral);
    assert_eq!(euro.matches.iter().filter(|m| m.group.is_some()).count(), 36);
    // World Cup 2022: Argentina 3-3 France after extra time (2-2 after 90), 4-2 on penalties.
    let wc = json("worldcup.json/2022/worldcup.json");
    assert_eq!(
        shown(find(&wc, "Argentina", "France")),
        "3-3 aet, 4-2 pens (ft 2-2)"
    );
    // Euro 2020 was played in 2021, and its final went to penalties (Italy 1-1 England, 3-2).
    let euro_2020 = json("euro.json/2020/euro.json");
    assert_eq!(euro_2020.season.unwrap().start_year(), 2020);
    assert_eq!(
        shown(find(&euro_2020, "Italy", "England")),
        "1-1 aet, 3-2 pens (ft 1-1)"
    );
    // The 2026 play-offs: a bare score is the 90 minutes'; extra time without `ft` leaves it out.
    let playoffs = json("worldcup.json/2026/worldcup.quali_playoffs.json");
    assert_eq!(shown(find(&playoffs, "Italy", "Northern Ireland")), "2-0");
    assert_eq!(
        shown(find(&playoffs, "Wales", "Bosnia & Herzegovina")),
        "1-1 aet, 2-4 pens (ft not given)"
    );
    assert_eq!(playoffs.format, Some(Format::Knockout));
}
