//! Spot checks of English football history against the published record:
//! engsoccerdata's league, FA Cup, European Cup and deductions files imported
//! with the binary, then tables and results read back. Every expected value
//! was checked against published tables and match reports before it was
//! written here. Ignored by default: they need ../shared/data.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::Env;
use serde_json::Value;

fn engsoccer(file: &str) -> String {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/engsoccerdata");
    path.join(file).display().to_string()
}

/// One database holding every English league season, the deductions, the FA
/// Cup and the European Cup, imported once for all the checks.
fn history() -> &'static Env {
    static HISTORY: OnceLock<Env> = OnceLock::new();
    HISTORY.get_or_init(|| {
        let env = Env::new();
        let out = env.ok(&[
            "import",
            &engsoccer("england.csv"),
            &engsoccer("deductions.csv"),
            &engsoccer("facup.csv"),
            &engsoccer("champs.csv"),
        ]);
        // What was left out is said, file by file.
        assert!(out.contains("left out of"), "{out}");
        assert!(out.contains("FA Cup rows marked \"walkover\""), "{out}");
        env
    })
}

/// The table's rows as JSON.
fn table(competition: &str, season: &str) -> Vec<Value> {
    let rows = history().json(&["table", competition, "--season", season]);
    rows.as_array().unwrap_or_else(|| panic!("{rows}")).clone()
}

/// A row's (team, points, goals for, goals against).
fn line(row: &Value) -> (&str, i64, i64, i64) {
    (
        row["team"].as_str().unwrap(),
        row["points"].as_i64().unwrap(),
        row["goals_for"].as_i64().unwrap(),
        row["goals_against"].as_i64().unwrap(),
    )
}

#[test]
#[ignore = "needs ../shared/data"]
fn preston_were_unbeaten_champions_of_the_first_football_league_on_40_points() {
    let rows = table("football-league", "1888-89");
    let first = &rows[0];
    assert_eq!(line(first), ("Preston North End", 40, 74, 15));
    assert_eq!(
        (
            first["won"].as_i64(),
            first["drawn"].as_i64(),
            first["lost"].as_i64()
        ),
        (Some(18), Some(4), Some(0))
    );
    assert_eq!(line(&rows[1]).0, "Aston Villa");
    assert_eq!(line(&rows[1]).1, 29);
}

#[test]
#[ignore = "needs ../shared/data"]
fn huddersfield_won_1923_24_on_goal_average_where_goal_difference_would_have_crowned_cardiff() {
    let rows = table("first-division", "1923-24");
    // Both 57 points and +27: 60/33 beats 61/34 on goal average.
    assert_eq!(line(&rows[0]), ("Huddersfield Town", 57, 60, 33));
    assert_eq!(line(&rows[1]), ("Cardiff City", 57, 61, 34));
}

#[test]
#[ignore = "needs ../shared/data"]
fn arsenal_won_1988_89_on_goals_scored_level_with_liverpool_on_points_and_goal_difference() {
    let rows = table("first-division", "1988-89");
    let (arsenal, liverpool) = (line(&rows[0]), line(&rows[1]));
    assert_eq!((arsenal.0, liverpool.0), ("Arsenal", "Liverpool"));
    assert_eq!((arsenal.1, liverpool.1), (76, 76));
    assert_eq!(arsenal.2 - arsenal.3, 37);
    assert_eq!(liverpool.2 - liverpool.3, 37);
    assert!(arsenal.2 > liverpool.2, "{arsenal:?} {liverpool:?}");
}

#[test]
#[ignore = "needs ../shared/data"]
fn manchester_city_won_2011_12_on_goal_difference() {
    let rows = table("premier-league", "2011-12");
    let (city, united) = (line(&rows[0]), line(&rows[1]));
    assert_eq!(city, ("Manchester City", 89, 93, 29));
    assert_eq!(
        (united.0, united.1, united.2 - united.3),
        ("Manchester United", 89, 56)
    );
}

#[test]
#[ignore = "needs ../shared/data"]
fn portsmouths_nine_point_deduction_of_2009_10_is_dated_at_the_seasons_end() {
    let rows = table("premier-league", "2009-10");
    let last = rows.last().unwrap();
    assert_eq!(last["team"], "Portsmouth");
    // 28 points earned, nine taken away.
    assert_eq!(
        (last["points"].as_i64(), last["deducted"].as_i64()),
        (Some(19), Some(9))
    );
    // The file gives no day, so the deduction counts from the season's end:
    // a table of the last day of play does not hold it yet.
    let before = history().json(&[
        "table",
        "premier-league",
        "--season",
        "2009-10",
        "--as-of",
        "2010-05-09",
    ]);
    let portsmouth = before
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["team"] == "Portsmouth")
        .unwrap();
    assert_eq!(portsmouth["points"].as_i64(), Some(28));
}

#[test]
#[ignore = "needs ../shared/data"]
fn the_1970_fa_cup_final_went_to_a_replay_both_after_extra_time_on_neutral_ground() {
    let results = history().json(&[
        "results",
        "-c",
        "fa-cup",
        "--season",
        "1969-70",
        "--from",
        "1970-04-11",
    ]);
    let finals: Vec<(&str, &str, &str, &str, &str)> = results
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["round"] == "Final")
        .map(|m| {
            (
                m["date"].as_str().unwrap(),
                m["home"].as_str().unwrap(),
                m["away"].as_str().unwrap(),
                m["result"].as_str().unwrap(),
                m["venue"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        finals,
        [
            ("1970-04-11", "Chelsea", "Leeds United", "2-2 aet", "neutral"),
            ("1970-04-29", "Chelsea", "Leeds United", "2-1 aet", "neutral"),
        ]
    );
}

#[test]
#[ignore = "needs ../shared/data"]
fn liverpool_won_the_1984_european_cup_final_on_penalties() {
    let results = history().json(&[
        "results",
        "-c",
        "european-cup",
        "--season",
        "1983-84",
        "--from",
        "1984-05-30",
    ]);
    let final_ = &results[0];
    assert_eq!(
        (
            final_["round"].as_str(),
            final_["home"].as_str(),
            final_["away"].as_str(),
            final_["result"].as_str(),
        ),
        (
            Some("Final"),
            Some("Liverpool"),
            Some("AS Roma"),
            Some("1-1 aet, 4-2 pens")
        )
    );
    assert_eq!(final_["full_time"], serde_json::json!([1, 1]));
    assert_eq!(final_["penalties"], serde_json::json!([4, 2]));
}

#[test]
#[ignore = "needs ../shared/data"]
fn manchester_united_won_1964_65_on_goal_average_over_leeds() {
    let rows = table("first-division", "1964-65");
    let (united, leeds) = (line(&rows[0]), line(&rows[1]));
    assert_eq!((united.0, leeds.0), ("Manchester United", "Leeds United"));
    assert_eq!(united.1, leeds.1);
    assert!(united.2 * leeds.3 > leeds.2 * united.3, "{united:?} {leeds:?}");
}

#[test]
#[ignore = "needs ../shared/data"]
fn the_football_league_of_1998_99_put_goals_scored_before_goal_difference() {
    // West Bromwich Albion (69-76) finished above Barnsley (59-56), both on 59
    // points, in the 1998-99 First Division, the second tier.
    let rows = table("first-division", "1998-99");
    let at = |team: &str| rows.iter().position(|r| r["team"] == team).unwrap();
    let (albion, barnsley) = (
        line(&rows[at("West Bromwich Albion")]),
        line(&rows[at("Barnsley")]),
    );
    assert_eq!(albion, ("West Bromwich Albion", 59, 69, 76));
    assert_eq!(barnsley, ("Barnsley", 59, 59, 56));
    assert_eq!((at("West Bromwich Albion"), at("Barnsley")), (11, 12));
}

/// A database holding engsoccerdata's European Cup and League Cup files alone,
/// imported once for the cup checks below (a small database of its own: the
/// League Cup's finals decided on penalties are corrected in it by one test).
fn cups() -> &'static Env {
    static CUPS: OnceLock<Env> = OnceLock::new();
    CUPS.get_or_init(|| {
        let env = Env::new();
        env.ok(&["import", &engsoccer("champs.csv"), &engsoccer("leaguecup.csv")]);
        env
    })
}

/// `1959-60` for the season starting in 1959.
fn season_of(start: i32) -> String {
    format!("{start}-{:02}", (start + 1) % 100)
}

/// The winner of the season's final as `bracket` gives it, the bracket read without
/// error; `None` for a final undecided or not stored.
fn cup_winner(competition: &str, season: &str) -> Option<String> {
    let rounds = cups().json(&["bracket", competition, "--season", season]);
    let rounds = rounds
        .as_array()
        .unwrap_or_else(|| panic!("{competition} {season}: {rounds}"));
    let final_ = rounds
        .iter()
        .find(|r| r["round"] == "Final")
        .unwrap_or_else(|| panic!("{competition} {season} has no final: {rounds:?}"));
    let ties = final_["ties"].as_array().unwrap();
    assert!(ties.len() <= 1, "{competition} {season}: {ties:?}");
    ties.first()
        .and_then(|t| t["winner"].as_str())
        .map(str::to_string)
}

/// Every season of the European Cup (1955-56 to 1991-92) and the Champions League
/// (1992-93 to 2017-18) gives a bracket, and its final a winner: the play-offs of the
/// 1950s and 60s (and the coin tosses after some), and the qualifying rounds from
/// 1997-98, are read as they were. Winners checked against the published list of
/// finals (Encyclopaedia Britannica, "UEFA Champions League", table of winners).
#[test]
#[ignore = "needs ../shared/data"]
fn every_european_cup_season_gives_a_bracket_and_its_winner() {
    let mut winners = std::collections::BTreeMap::new();
    for start in 1955..=2017 {
        let competition = if start < 1992 {
            "european-cup"
        } else {
            "champions-league"
        };
        let season = season_of(start);
        let winner = cup_winner(competition, &season);
        assert!(winner.is_some(), "{competition} {season} has no winner");
        winners.insert(season, winner.unwrap());
    }
    for (season, winner) in [
        ("1955-56", "Real Madrid"),
        ("1959-60", "Real Madrid"),
        ("1964-65", "Internazionale"),
        ("1967-68", "Manchester United"),
        ("1976-77", "Liverpool"),
        ("1977-78", "Liverpool"),
        ("1980-81", "Liverpool"),
        ("1983-84", "Liverpool"),
        ("2004-05", "Liverpool"),
    ] {
        assert_eq!(winners[season], winner, "{season}");
    }
    // Liverpool v Köln, 1964-65 quarter-final: 0-0 twice, the play-off 2-2, then a coin toss.
    let rounds = cups().json(&["bracket", "european-cup", "--season", "1964-65"]);
    let quarter_finals = rounds
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["round"] == "Quarterfinals")
        .unwrap();
    let liverpool = quarter_finals["ties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["result"].as_str().unwrap().contains("Liverpool"))
        .unwrap();
    assert_eq!(
        liverpool["result"],
        "Koln 0-0 Liverpool (agg), play-off Liverpool 2-2 Koln (aet, decided by lot, won by Liverpool)"
    );
    assert_eq!(liverpool["tie"]["state"]["decider"], "play_off");
    // Liverpool's 2005 run began in the third qualifying round, and `track` says they won it.
    let track = cups().ok(&["track", "Liverpool", "--season", "2004-05"]);
    assert!(
        track.contains("Champions League") && track.contains("WON"),
        "{track}"
    );
    // Stored under the catalogue's name; the closing line may wrap.
    let words = track.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("won UEFA Champions League"), "{track}");
    let rounds = cups().json(&["bracket", "champions-league", "--season", "2004-05"]);
    let names: Vec<&str> = rounds
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["round"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "First qualifying round",
            "Second qualifying round",
            "Third qualifying round",
            "Round of 16",
            "Quarterfinals",
            "Semifinals",
            "Final"
        ]
    );
}

/// Every League Cup season (1960-61 to 2018-19) gives a bracket, and every final a
/// winner but the five the file leaves level after extra time: it records no shoot-out
/// and names no winner, so those finals wait for one to be entered, which the test
/// then does from the published record. The first final (August and September 1961)
/// is not stored at all: the file dates both legs after 31 August 1961, outside the
/// 1960-61 season as matchday bounds it, so the import leaves them out and says so. Winners checked against the published list
/// of finals (footballsite.co.uk, "League Cup Finals"; Liverpool FC's list of its
/// League Cup wins, archived at archive.is/BUP5I).
#[test]
#[ignore = "needs ../shared/data"]
fn every_league_cup_season_gives_a_bracket_and_liverpools_shoot_out_finals_can_be_entered() {
    let mut undecided = Vec::new();
    let mut winners = std::collections::BTreeMap::new();
    for start in 1960..=2018 {
        let season = season_of(start);
        match cup_winner("league-cup", &season) {
            Some(winner) => {
                winners.insert(season, winner);
            }
            None => undecided.push(season),
        }
    }
    assert_eq!(
        undecided,
        ["1960-61", "2000-01", "2008-09", "2011-12", "2015-16", "2018-19"],
        "the first final, left out, and the finals the file leaves level, with no replay and no winner"
    );
    let first = cups().json(&["bracket", "league-cup", "--season", "1960-61"]);
    let final_ = first.as_array().unwrap().last().unwrap();
    assert_eq!(
        (&final_["round"], final_["ties"].as_array().map(Vec::len)),
        (&Value::from("Final"), Some(0))
    );
    for season in ["1980-81", "1981-82", "1982-83", "1983-84", "1994-95", "2002-03"] {
        assert_eq!(winners[season], "Liverpool", "{season}");
    }
    for (season, winner) in [
        ("1961-62", "Norwich City"),
        ("1976-77", "Aston Villa"),
        ("2004-05", "Chelsea"),
    ] {
        assert_eq!(winners[season], winner, "{season}");
    }
    // Ties before the final that the file leaves level went to the club it shows in the
    // next round, in extra time or on penalties, which it does not record: Liverpool v
    // Chelsea, 2000-01 round 3, is 1-1 in the file (the 90 minutes; Liverpool won 2-1 in
    // extra time, as the Liverpool Echo's and LFC history sites' reports have it).
    let results = cups().json(&[
        "results",
        "-c",
        "league-cup",
        "--season",
        "2000-01",
        "--team",
        "Liverpool",
    ]);
    let chelsea = results
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["away"] == "Chelsea" || m["home"] == "Chelsea")
        .unwrap();
    assert_eq!(
        chelsea["result"].as_str().unwrap(),
        "1-1, decided in extra time or on penalties (not recorded), won by Liverpool"
    );
    assert_eq!(chelsea["penalties"], Value::Null, "no kicks are made up");
    // The published record: Liverpool beat Birmingham City 5-4 on penalties in 2001 and
    // Cardiff City 3-2 on penalties in 2012. The first is entered as a record that names
    // only a shoot-out's winner would give it, the second with its kicks.
    let env = cups();
    env.ok(&[
        "edit",
        "match",
        "-c",
        "league-cup",
        "--season",
        "2000-01",
        "Liverpool v Birmingham City",
        "--score",
        "1-1 aet, pens won by home",
    ]);
    env.ok(&[
        "edit",
        "match",
        "-c",
        "league-cup",
        "--season",
        "2011-12",
        "Cardiff City v Liverpool",
        "--score",
        "2-2 aet, 2-3 pens",
    ]);
    assert_eq!(cup_winner("league-cup", "2000-01").as_deref(), Some("Liverpool"));
    let honours = env.json(&["honours", "Liverpool"]);
    let league_cups: Vec<&str> = honours["trophies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["competition"] == "League Cup")
        .map(|t| t["season"].as_str().unwrap())
        .collect();
    assert_eq!(
        league_cups,
        [
            "1980-81", "1981-82", "1982-83", "1983-84", "1994-95", "2000-01", "2002-03", "2011-12"
        ]
    );
    let text = env.ok(&["bracket", "league-cup", "--season", "2000-01", "--width", "200"]);
    assert!(
        text.contains(
            "Liverpool 1-1 Birmingham City (aet, decided on penalties (not recorded), won by Liverpool)"
        ),
        "{text}"
    );
    let track = env.ok(&["track", "Liverpool", "--season", "2000-01", "--width", "200"]);
    assert!(track.contains("decided on penalties (not recorded)"), "{track}");
    // The season file keeps the shoot-out's winner without inventing its kicks, and
    // reads back to the same season.
    let exported = env.ok(&["export", "league-cup", "--season", "2000-01"]);
    assert!(
        exported.contains("| Liverpool | Birmingham City | 1-1 aet, pens won by home"),
        "{exported}"
    );
    assert!(
        exported.contains("| Liverpool | Chelsea | 1-1, won by home"),
        "{exported}"
    );
    let again = Env::new();
    let path = again.db().with_file_name("league-cup-2000-01.season");
    std::fs::write(&path, &exported).unwrap();
    again.ok(&["import", &path.display().to_string()]);
    assert_eq!(
        again.ok(&["export", "league-cup", "--season", "2000-01"]),
        exported
    );
}

/// Liverpool's top-flight titles as of 2023-24: 18 in the First Division to 1989-90 and
/// the Premier League of 2019-20, "their 19th top-flight title" (BBC Sport, "Liverpool's
/// 2019-20 title", bbc.co.uk/sport/articles/c7py4p752m1o). Their four Second Division
/// titles (1893-94, 1895-96, 1904-05, 1961-62) are honours of a lower tier, not league titles.
#[test]
#[ignore = "needs ../shared/data"]
fn liverpool_won_19_top_flight_titles_to_2023_24_and_their_second_division_titles_apart() {
    let honours = history().json(&["honours", "Liverpool"]);
    let trophies = honours["trophies"]
        .as_array()
        .unwrap_or_else(|| panic!("{honours}"));
    let of_kind = |kind: &str| -> Vec<(String, String)> {
        trophies
            .iter()
            .filter(|t| t["kind"] == kind)
            .map(|t| {
                (
                    t["competition"].as_str().unwrap().to_string(),
                    t["season"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let titles = of_kind("league");
    let to_2023_24 = titles
        .iter()
        .filter(|(_, season)| season.as_str() <= "2023-24")
        .count();
    assert_eq!(to_2023_24, 19, "{titles:?}");
    assert!(
        titles.contains(&("Premier League".into(), "2019-20".into())),
        "{titles:?}"
    );
    assert!(
        titles.contains(&("First Division".into(), "1989-90".into())),
        "{titles:?}"
    );
    assert!(titles.iter().all(|(c, _)| c != "Second Division"), "{titles:?}");
    let second: Vec<String> = of_kind("other-league").into_iter().map(|(_, s)| s).collect();
    assert_eq!(second, ["1893-94", "1895-96", "1904-05", "1961-62"]);
    assert!(
        trophies
            .iter()
            .filter(|t| t["kind"] == "other-league")
            .all(|t| t["tier"] == 2 && t["competition"] == "Second Division"),
        "{honours}"
    );
    let table = history().ok(&["honours", "Liverpool"]);
    assert!(
        table.contains("Second Division champions 1961-62 (tier 2)"),
        "{table}"
    );
    assert!(!table.contains("League titles (24)"), "{table}");
}
