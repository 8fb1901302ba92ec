//! Parses the real openfootball and engsoccerdata files kept beside the
//! checkout in `shared/data`; run with `cargo test -- --ignored`.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime};
use matchday_core::{
    Competition, Format, Match, MatchRecord, MatchStatus, Pairing, PointsScheme, RuleSet, Season,
    SeasonRecord, SplitRules, TeamId, Venue,
};
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
    // The final; the semi-finals at Wembley are the catalogue's to say, on import
    // (tests/real_data.rs: fa_cup_semi_finals_and_final_are_stored_at_a_neutral_ground).
    assert_eq!(neutral.len(), 1, "{neutral:?}");
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
    let text = data("engsoccerdata/england.csv");
    let started = std::time::Instant::now();
    let seasons = matchday_formats::engsoccer::parse(&text).unwrap();
    // Figures, not a timed test: the bench goal is well under 0.5 s in release.
    eprintln!(
        "england.csv: {} seasons read in {:?}",
        seasons.len(),
        started.elapsed()
    );
    let total: usize = seasons.iter().map(|r| r.matches.len()).sum();
    // Wigan Borough's six expunged 1931-32 games are division "3", which was North and South then.
    assert_eq!(total, 208_022);
    let season = |name: &str, year: &str| {
        seasons
            .iter()
            .find(|r| r.competition == name && r.season.unwrap().to_string() == year)
            .unwrap_or_else(|| panic!("{name} {year}"))
    };
    assert_eq!(season("Premier League", "2023-24").matches.len(), 380);
    assert_eq!(season("Football League", "1888-89").matches.len(), 132);
    assert_eq!(
        season("Third Division North", "1921-22").rules,
        Some(RuleSet::EnglishHistory)
    );
    assert_eq!(season("League Two", "2019-20").matches.len(), 440);
    // 2022-23 is missing from the source altogether.
    assert!(!seasons.iter().any(|r| r.season.unwrap().to_string() == "2022-23"));
    assert_eq!(
        season("First Division", "1995-96").rules,
        Some(RuleSet::FootballLeague1992)
    );
}

#[test]
#[ignore = "needs ../shared/data"]
fn engsoccer_every_file_reads_in_its_layout() {
    use matchday_formats::FileFormat;
    for (file, format, seasons, matches, skipped) in [
        // 9,034 undated rows, 418 rows of 2001-02 labelled 2000, 19 clashes of a day.
        ("england5.csv", "engsoccer-skip-undated", 26, 13_002, 9_471),
        // 341 byes, walkovers and other non-matches, 2 misdated, 28 clashes.
        ("facup.csv", "engsoccer-facup", 138, 16_709, 371),
        ("leaguecup.csv", "engsoccer-leaguecup", 59, 7_487, 8),
        ("champs.csv", "engsoccer-champs", 63, 6_550, 9),
        ("englandplayoffs.csv", "engsoccer-playoffs", 166, 763, 1),
        ("deductions.csv", "engsoccer-deductions", 33, 0, 1),
    ] {
        let text = data(&format!("engsoccerdata/{file}"));
        let started = std::time::Instant::now();
        let read = FileFormat::named(format)
            .unwrap()
            .read_counting_skips(&text)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let n: usize = read.seasons.iter().map(|r| r.matches.len()).sum();
        let left: usize = read.skipped.iter().map(|s| s.rows).sum();
        eprintln!(
            "{file}: {} seasons, {n} matches, {left} rows left out {:?} in {:?}",
            read.seasons.len(),
            read.skipped.iter().map(ToString::to_string).collect::<Vec<_>>(),
            started.elapsed()
        );
        assert_eq!(
            (read.seasons.len(), n, left),
            (seasons, matches, skipped),
            "{file}"
        );
    }
}

#[test]
#[ignore = "needs ../shared/data"]
fn engsoccer_germany_and_spain_read_as_their_own_leagues() {
    use matchday_formats::FileFormat;
    for (file, format, seasons, matches, skipped) in [
        // 62 Bundesliga seasons (1963-64 to 2024-25) and 59 of the 2. Bundesliga (North and
        // South from 1974-75 to 1980-81 and in 1991-92); 30 rows giving a club a second
        // match on a day (date slips: 1. FC Köln and VfL Bochum twice on 1975-02-01), and
        // 1991-92's promotion and relegation rounds (60 rows in the North, 60 in the South).
        ("germany.csv", "engsoccer-germany", 121, 38_768, 150),
        // 94 Primera División seasons (1928-29 to 2024-25 but the civil war's three); the
        // 90 rows of 1986-87's second phase.
        ("spain.csv", "engsoccer-spain", 94, 27_245, 90),
    ] {
        let text = data(&format!("engsoccerdata-world/{file}"));
        assert_eq!(FileFormat::detect(&text).name(), format, "{file}");
        let started = std::time::Instant::now();
        let read = FileFormat::named(format)
            .unwrap()
            .read_counting_skips(&text)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let n: usize = read.seasons.iter().map(|r| r.matches.len()).sum();
        let left: usize = read.skipped.iter().map(|s| s.rows).sum();
        eprintln!(
            "{file}: {} seasons, {n} matches, {left} rows left out {:?} in {:?}",
            read.seasons.len(),
            read.skipped.iter().map(ToString::to_string).collect::<Vec<_>>(),
            started.elapsed()
        );
        assert_eq!(
            (read.seasons.len(), n, left),
            (seasons, matches, skipped),
            "{file}"
        );
        // Never an English division, always the country's own rules.
        for r in &read.seasons {
            assert!(
                !["Premier League", "First Division", "Second Division"].contains(&r.competition.as_str()),
                "{file}: {}",
                r.competition
            );
            assert!(
                matches!(r.rules, Some(RuleSet::GermanHistory | RuleSet::SpanishHistory)),
                "{file}: {}",
                r.competition
            );
        }
        let season = |name: &str, year: &str| {
            read.seasons
                .iter()
                .find(|r| r.competition == name && r.season.unwrap().to_string() == year)
                .unwrap_or_else(|| panic!("{file}: {name} {year}"))
        };
        if file == "germany.csv" {
            assert_eq!(season("Bundesliga", "1985-86").matches.len(), 306);
            assert_eq!(season("Bundesliga", "2012-13").matches.len(), 306);
            assert_eq!(season("2. Bundesliga Nord", "1980-81").matches.len(), 462);
            assert_eq!(season("2. Bundesliga", "1992-93").matches.len(), 552);
        } else {
            assert_eq!(season("Primera División", "1928-29").matches.len(), 90);
            // Málaga v Almería of 30 March 1980, awarded 0-1.
            let awarded: Vec<_> = season("Primera División", "1979-80")
                .matches
                .iter()
                .filter(|m| m.status.name() == "awarded")
                .collect();
            assert_eq!(awarded.len(), 1);
            assert_eq!(awarded[0].away, "AD Almeria");
            assert_eq!(season("Primera División", "1986-87").matches.len(), 306);
        }
    }
}

/// Every Football.TXT file of a folder under `openfootball/`, by path.
fn txt_files(folder: &str) -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/openfootball");
    let mut found = Vec::new();
    let mut stack = vec![root.join(folder)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                found.push(path.strip_prefix(&root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}

/// The matches of a record with its teams numbered in order of appearance, and the names by number.
fn numbered(record: &SeasonRecord) -> (Vec<Match>, Vec<String>) {
    let mut names: Vec<String> = Vec::new();
    let mut id = |name: &str| {
        let at = names.iter().position(|n| n == name).unwrap_or_else(|| {
            names.push(name.to_string());
            names.len() - 1
        });
        TeamId(at as i64)
    };
    let matches = record
        .matches
        .iter()
        .map(|m| {
            let pairing = Pairing::new(id(&m.home), id(&m.away)).expect("two teams");
            let mut game = Match::new(m.date, pairing, m.status);
            game.kickoff = m.kickoff;
            game.round = m.round.clone();
            game
        })
        .collect();
    (matches, names)
}

#[test]
#[ignore = "needs ../shared/data"]
fn austria_2024_25_splits_with_halved_points() {
    let record = openfootball("spec/samples/2024-25_austria.txt");
    assert_eq!(record.competition, "Austria");
    assert_eq!(record.season, Some(Season::starting(2024)));
    assert_eq!(record.matches.len(), 195);
    // Rounds named `Round 1` and a Conference League play-off do not make it a cup.
    assert_eq!(record.format, Some(Format::League));
    let (matches, names) = numbered(&record);
    let competition = Competition {
        id: None,
        slug: "austria".into(),
        name: record.competition.clone(),
        season: Season::starting(2024),
        format: Format::League,
        structure: matchday_core::Structure::of_format(Format::League),
        // Head-to-head first, then goal difference: the Bundesliga's order
        // since 2021-22 once the rounding-down rule has been applied.
        rules: RuleSet::UefaClubGroups,
        points: PointsScheme::default(),
        zones: Vec::new(),
        away_goals: false,
        rank_by: matchday_core::RankBy::Points,
    };
    let teams: Vec<TeamId> = (0..names.len() as i64).map(TeamId).collect();
    let split = SplitRules::austrian_bundesliga();
    let tables = split.tables(&competition, &teams, &matches, &[]).unwrap();
    assert!(tables.settled);
    let name = |t: TeamId| names[t.0 as usize].as_str();
    // The table after 22 rounds, as the comment in the file gives it.
    let at_split: Vec<(&str, i32)> = tables
        .at_split
        .rows
        .iter()
        .map(|r| (name(r.team), r.points))
        .collect();
    assert_eq!(
        at_split,
        [
            ("Sturm", 46),
            ("Austria W", 46),
            ("Salzburg", 38),
            ("Wolfsberg", 36),
            ("Rapid", 34),
            ("BW Linz", 33),
            ("LASK", 31),
            ("Hartberg", 26),
            ("Austria K", 21),
            ("Wattens", 19),
            ("GAK", 16),
            ("Altach", 16),
        ]
    );
    let table = |i: usize| -> Vec<(u16, &str, u16, i32, i32, bool)> {
        tables.sections[i]
            .rows
            .iter()
            .map(|r| {
                (
                    r.row.position,
                    name(r.row.team),
                    r.row.played,
                    r.row.points,
                    r.carried,
                    r.rounded_down,
                )
            })
            .collect()
    };
    assert_eq!(tables.sections[0].name, "Championship");
    assert_eq!(
        table(0),
        [
            (1, "Sturm", 32, 40, 23, false),
            (2, "Salzburg", 32, 38, 19, false),
            (3, "Austria W", 32, 37, 23, false),
            (4, "Wolfsberg", 32, 37, 18, false),
            (5, "Rapid", 32, 27, 17, false),
            (6, "BW Linz", 32, 21, 16, true),
        ]
    );
    // Wattens and GAK end on 20: Wattens lost half a point when its 19 were halved, so it is ahead.
    assert_eq!(tables.sections[1].name, "Relegation");
    assert_eq!(
        table(1),
        [
            (7, "LASK", 32, 38, 15, true),
            (8, "Hartberg", 32, 31, 13, false),
            (9, "Wattens", 32, 20, 9, true),
            (10, "GAK", 32, 20, 8, false),
            (11, "Altach", 32, 18, 8, false),
            (12, "Austria K", 32, 16, 10, true),
        ]
    );
    let goals: Vec<(u32, u32)> = tables.sections[0]
        .rows
        .iter()
        .map(|r| (r.row.goals_for, r.row.goals_against))
        .collect();
    assert_eq!(
        goals,
        [(66, 39), (53, 36), (47, 32), (60, 38), (43, 42), (37, 45)]
    );
}

/// A file's competition, season and match count, or the line and message it is refused with.
type Outcome = Result<(&'static str, &'static str, usize), (usize, &'static str)>;

/// What reading each tournament and spec file gives: the competition, season
/// and number of matches, or the line it is refused at and why.
#[test]
#[ignore = "needs ../shared/data"]
fn every_tournament_and_spec_file_imports_or_is_refused_with_its_line() {
    // Extra-time results that give no 90-minute score are read with it absent, not invented.
    let expected: &[(&str, Outcome)] = &[
        (
            "euro/2021--europe/euro.txt",
            Ok(("Euro", "2020 (played 2021)", 51)),
        ),
        ("euro/2024--germany/euro.txt", Ok(("Euro", "2024", 51))),
        ("worldcup/2018--russia/cup.txt", Ok(("World Cup", "2018", 48))),
        (
            "worldcup/2018--russia/cup_finals.txt",
            Ok(("World Cup", "2018", 16)),
        ),
        ("worldcup/2022--qatar/cup.txt", Ok(("World Cup", "2022", 48))),
        (
            "worldcup/2022--qatar/cup_finals.txt",
            Ok(("World Cup", "2022", 16)),
        ),
        ("worldcup/2026--usa/cup.txt", Ok(("World Cup", "2026", 72))),
        ("worldcup/2026--usa/cup_finals.txt", Ok(("World Cup", "2026", 32))),
        (
            "worldcup/2026--usa/quali_playoffs.txt",
            Ok(("World Cup Qualifying", "2026", 16)),
        ),
        ("worldcup/min/2018.txt", Err((10, "a file with no dates"))),
        ("worldcup/min/2022.txt", Err((10, "a file with no dates"))),
        ("worldcup/more/2018.txt", Ok(("World Cup", "2018", 64))),
        ("worldcup/more/2018_full.txt", Ok(("World Cup", "2018", 64))),
        ("worldcup/more/2022.txt", Ok(("World Cup", "2022", 64))),
        ("worldcup/more/2022_full.txt", Ok(("World Cup", "2022", 64))),
        ("worldcup/more/2026.txt", Ok(("World Cup", "2026", 100))),
        ("worldcup/more/2026_full.txt", Ok(("World Cup", "2026", 100))),
        (
            "worldcup/more/2026_squads.txt",
            Err((5, "a squad list holds players, not matches")),
        ),
        ("spec/basics/0001_teams.txt", Err((11, "cannot read match"))),
        ("spec/basics/0002_rounds.txt", Err((8, "cannot read match"))),
        ("spec/basics/0003_more.txt", Err((12, "cannot read match"))),
        (
            "spec/basics/0004_status.txt",
            Err((9, "cannot read date \"[cancelled]\"")),
        ),
        ("spec/basics/1001_leagues.txt", Err((14, "a second header"))),
        ("spec/basics/1002_cups.txt", Err((11, "match before any date"))),
        (
            "spec/samples-l2/1917_southamerican_championship.txt",
            Ok(("Southamerican Championship", "1916", 6)),
        ),
        (
            "spec/samples-l2/1960_euro.txt",
            Ok(("European Championship", "1960", 4)),
        ),
        (
            "spec/samples-l2/1979_copa_america.txt",
            Ok(("Copa América", "1979", 6)),
        ),
        (
            "spec/samples-l2/1979_copa_america_v0.txt",
            Ok(("Copa América", "1979", 11)),
        ),
        (
            "spec/samples-l2/1999_copa_libertadores.txt",
            Ok(("Copa Libertadores de América", "1999", 2)),
        ),
        (
            "spec/samples-l2/2000_copa_libertadores.txt",
            Ok(("Copa Libertadores de América", "2000", 2)),
        ),
        (
            "spec/samples-l2/2014_world_cup.txt",
            Ok(("World Cup", "2014", 12)),
        ),
        (
            "spec/samples-l2/2021_euro.txt",
            Err((52, "cannot read status [aet; switzerland won 5-4 on penalties]")),
        ),
        (
            "spec/samples/1960_euro_quali.txt",
            Ok(("European Championship", "1960", 26)),
        ),
        (
            "spec/samples/2024-25_austria.txt",
            Ok(("Austria", "2024-25", 195)),
        ),
        (
            "spec/samples/2024_copa_libertadores.txt",
            Ok(("Copa Libertadores de América", "2024", 5)),
        ),
        ("spec/samples/2024_euro.txt", Ok(("Euro", "2024", 51))),
        (
            "spec/samples/2025_club_worldcup.txt",
            Ok(("FIFA Club World Cup", "2025", 63)),
        ),
    ];
    let mut files: Vec<String> = ["euro", "worldcup", "spec"]
        .iter()
        .flat_map(|f| txt_files(f))
        .collect();
    files.sort();
    let mut listed: Vec<&str> = expected.iter().map(|(path, _)| *path).collect();
    listed.sort();
    assert_eq!(files, listed, "every file is listed");
    for (path, want) in expected {
        let got = football_txt::parse(&data(&format!("openfootball/{path}")));
        match (want, got) {
            (Ok((name, season, count)), Ok(r)) => {
                let season_text = r.season.map(|s| s.to_string());
                assert_eq!(
                    (r.competition.as_str(), season_text.as_deref(), r.matches.len()),
                    (*name, Some(*season), *count),
                    "{path}"
                );
                let written = season_file::write(&r);
                assert_eq!(
                    season_file::write(&season_file::parse(&written).unwrap()),
                    written,
                    "{path}"
                );
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
fn world_cup_2026_qualifying_play_offs_nest_their_rounds() {
    // Read up to the first result whose 90 minutes the file leaves out.
    let text = data("openfootball/worldcup/2026--usa/quali_playoffs.txt");
    let head: String = text.lines().take(21).map(|l| format!("{l}\n")).collect();
    let r = football_txt::parse(&head).unwrap();
    assert_eq!(
        (r.competition.as_str(), r.season),
        ("World Cup Qualifying", Some(Season::calendar(2026)))
    );
    let m = &r.matches[0];
    assert_eq!(
        (m.home.as_str(), m.away.as_str(), m.date),
        ("Italy", "Northern Ireland", day(2026, 3, 26))
    );
    assert_eq!(m.round.as_deref(), Some("Path A, Semi-finals"));
    assert_eq!(m.kickoff, NaiveTime::from_hms_opt(20, 45, 0));
}

#[test]
#[ignore = "needs ../shared/data"]
fn euro_2020_is_stored_as_its_edition() {
    let r = openfootball("euro/2021--europe/euro.txt");
    let season = r.season.unwrap();
    assert_eq!((r.competition.as_str(), season.start_year()), ("Euro", 2020));
    assert_eq!(season, Season::calendar(2020));
    assert_eq!(r.matches[0].date, day(2021, 6, 11));
    assert!(r.matches.iter().all(|m| season.contains(m.date)));
}

/// The Africa Cup of Nations 2019 in openfootball's internationals layout:
/// scorers on lines of their own, the ground after `@`, shoot-out winners in
/// brackets, and neither group headings nor round labels, so the groups and
/// rounds are read from the matches. The published record checked against:
/// six groups of four, then the Round of 16, quarter-finals, semi-finals, the
/// match for third place and the final (52 matches); Group C (Algeria 9
/// points, 6-0; Senegal 6, 5-1; Kenya 3, 3-7; Tanzania 0, 2-8) and the final
/// (Algeria beat Senegal 1-0 in Cairo on 19 July 2019), as Wikipedia's "2019
/// Africa Cup of Nations" gives them, and as reported by goal.com
/// ("Algerije imponeert; Senegal bewijst Zuid-Afrika grote dienst", 1 July
/// 2019) and givemesport.com ("Algeria have won the 2019 Africa Cup of
/// Nations after 1-0 win against Senegal", 19 July 2019). The groups are
/// named in the order of their first match, which is the order of the
/// tournament's own letters here.
#[test]
#[ignore = "needs ../shared/data"]
fn africa_cup_of_nations_2019_with_scorer_lines() {
    let r = openfootball("internationals/2019_african_cup_of_nations.txt");
    assert_eq!(
        (r.competition.as_str(), r.season),
        ("African Cup of Nations", Some(Season::calendar(2019)))
    );
    assert_eq!((r.matches.len(), count(&r, "played")), (52, 52));
    assert_eq!(r.format, Some(Format::GroupsKnockout));
    assert_eq!(
        rounds(&r),
        [
            ("Matchday 1".to_string(), 12),
            ("Matchday 2".to_string(), 12),
            ("Matchday 3".to_string(), 12),
            ("Round of 16".to_string(), 8),
            ("Quarterfinals".to_string(), 4),
            ("Semifinals".to_string(), 2),
            ("Third place".to_string(), 1),
            ("Final".to_string(), 1),
        ]
    );
    // Six groups of four, each a single round robin ending on 2 July.
    let mut groups: Vec<(&str, Vec<&str>, usize)> = Vec::new();
    for m in &r.matches {
        let Some(group) = m.group.as_deref() else {
            assert!(m.date > day(2019, 7, 2), "{} v {}", m.home, m.away);
            continue;
        };
        assert!(m.date <= day(2019, 7, 2), "{} v {}", m.home, m.away);
        let at = match groups.iter().position(|(g, _, _)| *g == group) {
            Some(at) => at,
            None => {
                groups.push((group, Vec::new(), 0));
                groups.len() - 1
            }
        };
        let (_, teams, played) = &mut groups[at];
        for team in [m.home.as_str(), m.away.as_str()] {
            if !teams.contains(&team) {
                teams.push(team);
            }
        }
        *played += 1;
    }
    let shape: Vec<(&str, usize, usize)> = groups
        .iter()
        .map(|(g, teams, played)| (*g, teams.len(), *played))
        .collect();
    assert_eq!(shape, ["A", "B", "C", "D", "E", "F"].map(|g| (g, 4, 6)));

    // Group C's table from the group's own matches: Senegal and Algeria met
    // again in the final, which is no group match.
    let (matches, names) = numbered(&r);
    let id = |team: &str| TeamId(names.iter().position(|n| n == team).unwrap() as i64);
    let (_, group_c, _) = groups.iter().find(|(g, _, _)| *g == "C").unwrap();
    let group_c: Vec<TeamId> = group_c.iter().map(|team| id(team)).collect();
    let group_c_matches: Vec<Match> = matches
        .into_iter()
        .zip(&r.matches)
        .filter(|(_, m)| m.group.as_deref() == Some("C"))
        .map(|(game, _)| game)
        .collect();
    let competition = Competition {
        id: None,
        slug: "african-cup-of-nations".into(),
        name: r.competition.clone(),
        season: Season::calendar(2019),
        format: Format::GroupsKnockout,
        structure: matchday_core::Structure::of_format(Format::GroupsKnockout),
        rules: RuleSet::UefaClubGroups,
        points: PointsScheme::default(),
        zones: Vec::new(),
        away_goals: false,
        rank_by: matchday_core::RankBy::Points,
    };
    let options = matchday_core::TableOptions {
        as_of: None,
        view: matchday_core::View::Total,
        provisional: false,
    };
    let table = matchday_core::Standings::compute(&competition, &group_c, &group_c_matches, &[], options);
    let rows: Vec<(&str, u16, i32, u32, u32)> = table
        .rows
        .iter()
        .map(|row| {
            let name = names[row.team.0 as usize].as_str();
            (name, row.played, row.points, row.goals_for, row.goals_against)
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Algeria", 3, 9, 6, 0),
            ("Senegal", 3, 6, 5, 1),
            ("Kenya", 3, 3, 3, 7),
            ("Tanzania", 3, 0, 2, 8),
        ]
    );

    // Third place: Nigeria beat Tunisia, the semi-finals' losers, on 17 July.
    let third = find(&r, day(2019, 7, 17), "Tunisia");
    assert_eq!(
        (third.away.as_str(), third.round.as_deref(), shown(third).as_str()),
        ("Nigeria", Some("Third place"), "0-1")
    );
    let final_ = r.matches.last().unwrap();
    assert_eq!(
        (final_.home.as_str(), final_.away.as_str(), final_.date),
        ("Senegal", "Algeria", day(2019, 7, 19))
    );
    assert_eq!(shown(final_), "0-1");
    assert_eq!(
        (final_.round.as_deref(), final_.group.as_deref(), final_.venue),
        (Some("Final"), None, Venue::Neutral)
    );
    // The four shoot-outs name their winner but not their kicks: the level score is kept,
    // with the winner of a shoot-out whose kicks are not recorded (Benin, Madagascar, Tunisia
    // and Algeria went through, as the published record says).
    let shoot_outs: Vec<(&str, &str, String)> = r
        .matches
        .iter()
        .filter(|m| m.date >= day(2019, 7, 5) && m.status.result().unwrap().final_score().is_level())
        .map(|m| (m.home.as_str(), m.away.as_str(), shown(m)))
        .collect();
    assert_eq!(
        shoot_outs,
        [
            ("Morocco", "Benin", "1-1, pens won by away".to_string()),
            ("Madagascar", "DR Congo", "2-2, pens won by home".to_string()),
            ("Ghana", "Tunisia", "1-1, pens won by away".to_string()),
            ("Ivory Coast", "Algeria", "1-1, pens won by away".to_string()),
        ]
    );
}

/// The Championship 2023-24 ends with its play-offs under `== Finals`:
/// two-legged semi-finals, legs by date, and the final at Wembley.
#[test]
#[ignore = "needs ../shared/data"]
fn championship_2023_24_play_offs_have_their_legs() {
    let r = openfootball("england/2023-24/2-championship.txt");
    assert_eq!((r.format, r.matches.len()), (Some(Format::League), 557));
    let play_offs: Vec<(&str, Option<&str>, Option<u8>, Venue)> = r.matches[552..]
        .iter()
        .map(|m| (m.home.as_str(), m.round.as_deref(), m.leg, m.venue))
        .collect();
    let semi = Some("Semifinals");
    assert_eq!(
        play_offs,
        [
            ("Norwich City FC", semi, Some(1), Venue::Home),
            ("West Bromwich Albion FC", semi, Some(1), Venue::Home),
            ("Leeds United FC", semi, Some(2), Venue::Home),
            ("Southampton FC", semi, Some(2), Venue::Home),
            ("Leeds United FC", Some("Final"), None, Venue::Neutral),
        ]
    );
    assert!(r.matches[..552].iter().all(|m| m.leg.is_none() && !m.replay));
}
