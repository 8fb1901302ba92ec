//! `matchday ratings` end to end: Elo ratings over the bundled 2023-24 season files
//! (the Premier League, both domestic cups and the three European competitions) as a
//! table, a competition's entrants and one club's history, in words, JSON and CSV,
//! with its refusals; and, in the real-data suite (ignored unless run with --ignored,
//! needing ../shared/data), every English league match since 1888.

mod common;

use std::path::{Path, PathBuf};

use common::{Env, bundled, refused};
use serde_json::Value;

/// The six bundled 2023-24 seasons, whole.
fn season() -> Env {
    let env = Env::new();
    let files: Vec<String> = [
        "premier-league-2023-24.season",
        "fa-cup-2023-24.season",
        "efl-cup-2023-24.season",
        "champions-league-2023-24.season",
        "europa-league-2023-24.season",
        "conference-league-2023-24.season",
    ]
    .iter()
    .map(|f| bundled(f))
    .collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    env.ok(&args);
    env
}

/// (team, rating) of each club a table lists, in its order.
fn clubs(table: &Value) -> Vec<(String, f64)> {
    table["clubs"]
        .as_array()
        .unwrap_or_else(|| panic!("{table}"))
        .iter()
        .map(|c| {
            (
                c["team"].as_str().unwrap().to_string(),
                c["rating"].as_f64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_table_on_1_february_2024_in_words() {
    let env = season();
    let before = env.snapshot();
    let text = env.ok(&["ratings", "--as-of", "2024-02-01", "--top", "10", "--width", "80"]);
    assert!(before == env.snapshot(), "ratings changed the database");
    assert!(
        text.starts_with("Elo ratings at the end of 2024-02-01: clubs with a match in the year to then"),
        "{text}"
    );
    insta::assert_snapshot!("table_2024_02_01_80", text);
}

#[test]
fn a_clubs_history_in_words_and_json() {
    let env = season();
    let text = env.ok(&["ratings", "--team", "Liverpool", "--width", "80"]);
    insta::assert_snapshot!("liverpool_80", text);
    let history = env.json(&["ratings", "--team", "Liverpool", "--as-of", "2024-02-01"]);
    assert_eq!(history["team"], "Liverpool");
    assert_eq!(history["as_of"], "2024-02-01");
    // Every club of the season started on 1500, as nobody was rated before it.
    assert_eq!(history["first"]["rating"], 1500.0);
    assert_eq!(history["first"]["date"], "2023-08-13");
    let (rating, peak, low) = (
        history["rating"].as_f64().unwrap(),
        history["peak"]["rating"].as_f64().unwrap(),
        history["low"]["rating"].as_f64().unwrap(),
    );
    assert!(low <= rating && rating <= peak, "{history}");
    let seasons = history["seasons"].as_array().unwrap();
    assert_eq!(seasons.len(), 1);
    assert_eq!(seasons[0]["season"], "2023-24");
    assert_eq!(seasons[0]["matches"], history["matches"]);
    assert_eq!(seasons[0]["rating"], history["rating"]);
}

#[test]
fn a_competitions_entrants_by_rating() {
    let env = season();
    let table = env.json(&[
        "ratings",
        "--competition",
        "premier-league",
        "--season",
        "2023-24",
    ]);
    let listed = clubs(&table);
    assert_eq!(listed.len(), 20, "every entrant: {table}");
    assert!(
        listed.windows(2).all(|w| w[0].1 >= w[1].1),
        "by rating: {listed:?}"
    );
    let ranks: Vec<u64> = table["clubs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["rank"].as_u64().unwrap())
        .collect();
    assert_eq!(ranks, (1..=20).collect::<Vec<u64>>());
    // The champions end the season on top.
    assert_eq!(listed[0].0, "Manchester City");
    assert_eq!(table["competition"], "Premier League");
    assert_eq!(table["unrated"], Value::Array(vec![]));
    // The parameters rated with are given.
    assert_eq!(table["parameters"]["k"], 12.0);
    // A club not rated 30 days before has no change; one rated has.
    let early = env.json(&["ratings", "--as-of", "2023-08-20", "--top", "3"]);
    assert!(
        early["clubs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["change_30_days"].is_null())
    );
    let later = env.json(&["ratings", "--as-of", "2024-04-01", "--top", "3"]);
    assert!(
        later["clubs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["change_30_days"].is_f64())
    );
    let csv = env.ok(&["ratings", "--top", "2", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "rank,team,rating,change_30_days,matches,last_match");
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[1].starts_with("1,Manchester City,"), "{csv}");
}

#[test]
fn refusals_are_one_line_and_change_nothing() {
    let env = season();
    assert!(
        refused(&env, &["ratings", "--team", "Quietwater"]).starts_with("error: no team called 'Quietwater'"),
        "an unknown team is named"
    );
    assert_eq!(
        refused(&env, &["ratings", "--as-of", "2023-01-01"]),
        "error: no match stored was played on or before 2023-01-01: the first was on 2023-08-08"
    );
    // Liverpool's first match was on 13 August, after the season's first day.
    assert_eq!(
        refused(&env, &["ratings", "--team", "Liverpool", "--as-of", "2023-08-10"]),
        "error: Liverpool had no match rated on or before 2023-08-10: its first was on 2023-08-13"
    );
    // A club added by hand, with no match, has nothing to rate.
    env.ok(&["team", "add", "Quietwater"]);
    assert_eq!(
        refused(&env, &["ratings", "--team", "Quietwater"]),
        "error: Quietwater has no played match stored to rate"
    );
    let empty = Env::new();
    empty.ok(&["team", "add", "Quietwater"]);
    assert_eq!(
        refused(&empty, &["ratings"]),
        "error: no played match is stored to rate: import results first"
    );
    // --season belongs to a competition.
    assert_eq!(
        env.fails(&["ratings", "--season", "2023-24"]),
        "error: the following required arguments were not provided:"
    );
}

fn engsoccer(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/engsoccerdata")
        .join(file)
}

#[test]
#[ignore = "needs ../shared/data"]
fn liverpool_and_manchester_city_lead_english_football_at_the_end_of_2019_20() {
    let env = Env::new();
    env.ok(&["import", &engsoccer("england.csv").display().to_string()]);
    let table = env.json(&["ratings", "--as-of", "2020-08-31", "--top", "4"]);
    let top: Vec<String> = clubs(&table).into_iter().map(|(team, _)| team).collect();
    assert!(top.contains(&"Liverpool".to_string()), "{top:?}");
    assert!(top.contains(&"Manchester City".to_string()), "{top:?}");
    // The champions' record-breaking season is their peak (to the end of 2024-25).
    let liverpool = env.json(&["ratings", "--team", "Liverpool"]);
    let peak = liverpool["peak"]["date"].as_str().unwrap();
    assert!(("2019-08-01".."2020-08-01").contains(&peak), "{liverpool}");
    // Liverpool's first league season was 1893-94, in the Second Division.
    assert_eq!(liverpool["first"]["date"], "1893-09-02");
    assert_eq!(liverpool["seasons"][0]["season"], "1893-94");
}
