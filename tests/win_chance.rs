//! `track`'s chance of winning each competition, end to end on the bundled 2023-24
//! seasons as of 1 February 2024: the same figure `odds` gives for the league's first
//! place and the cup's trophy under the same seed and number of runs, and none once a
//! competition is over for the club.

mod common;

use common::{Env, in_competition, with_bundled};
use serde_json::Value;

fn season() -> Env {
    with_bundled(
        &[
            "premier-league-2023-24.season",
            "efl-cup-2023-24.season",
            "fa-cup-2023-24.season",
        ],
        None,
    )
}

/// What `odds` says with the tracker's runs and seed.
fn odds(env: &Env, competition: &str) -> Value {
    env.json(&[
        "odds",
        competition,
        "--as-of",
        "2024-02-01",
        "--sims",
        "20000",
        "--seed",
        "2024",
    ])
}

#[test]
fn track_gives_the_chance_odds_gives_for_the_title_and_the_trophy() {
    let env = season();
    let tracked = env.json(&["track", "Liverpool", "--as-of", "2024-02-01"]);
    let league = in_competition(&tracked, "Premier League")["chance_of_winning"]
        .as_f64()
        .unwrap();
    let table = odds(&env, "premier-league");
    let liverpool = table
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["team"] == "Liverpool")
        .unwrap();
    assert_eq!(league, liverpool["positions"][0].as_f64().unwrap());
    assert!(0.5 < league && league < 1.0, "{league}");

    let cup = in_competition(&tracked, "EFL Cup")["chance_of_winning"]
        .as_f64()
        .unwrap();
    let final_odds = odds(&env, "efl-cup");
    let in_cup = final_odds["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["team"] == "Liverpool")
        .unwrap();
    assert_eq!(cup, in_cup["win"].as_f64().unwrap());
    assert!(0.0 < cup && cup < 1.0, "{cup}");

    // The table says it in a column of its own.
    let text = env.ok(&["track", "Liverpool", "--as-of", "2024-02-01", "--width", "120"]);
    assert!(text.contains("Chance"), "{text}");
    let percent = format!("{:.0}%", league * 100.0);
    assert!(text.contains(&percent), "{percent} in {text}");
}

#[test]
fn a_competition_over_for_the_club_has_no_chance() {
    let env = season();
    // Arsenal went out of the FA Cup to Liverpool in the third round, on 7 January 2024.
    let tracked = env.json(&["track", "Arsenal", "--as-of", "2024-02-01"]);
    let cup = in_competition(&tracked, "FA Cup");
    assert_eq!(cup["status"], "eliminated");
    assert!(cup.get("chance_of_winning").is_none(), "{cup}");
    // After the last day the league is finished: its place is final, no chance is shown.
    let after = env.json(&["track", "Liverpool", "--as-of", "2024-06-01"]);
    let league = in_competition(&after, "Premier League");
    assert_eq!(league["status"], "finished");
    assert!(league.get("chance_of_winning").is_none(), "{league}");
    let csv = env.ok(&["track", "Liverpool", "--as-of", "2024-02-01", "--format", "csv"]);
    assert!(
        csv.lines().next().unwrap().ends_with(",chance_of_winning"),
        "{csv}"
    );
}

#[test]
fn a_result_given_in_a_cup_counts_in_the_leagues_chance_as_storing_it_does() {
    // Stored as they stood on 20 January 2024: the FA Cup's fourth round, Liverpool v
    // Norwich City on the 28th, is still to play (it ended 5-2).
    let files = [
        "premier-league-2023-24.season",
        "efl-cup-2023-24.season",
        "fa-cup-2023-24.season",
    ];
    let given = with_bundled(&files, Some("2024-01-20"));
    let stored = with_bundled(&files, Some("2024-01-20"));
    stored.ok(&[
        "result",
        "Liverpool 5-2 Norwich City",
        "-c",
        "fa-cup",
        "-d",
        "2024-01-28",
        "--season=2023-24",
    ]);
    let asked = ["track", "Liverpool", "--as-of", "2024-01-29"];
    let mut with_given = asked.to_vec();
    with_given.extend(["--given", "Liverpool 5-2 Norwich City"]);
    let chance = |tracked: &Value, name: &str| in_competition(tracked, name)["chance_of_winning"].as_f64();
    let (a, b) = (given.json(&with_given), stored.json(&asked));
    // The league's model learns from the cup's result either way.
    assert_eq!(chance(&a, "Premier League"), chance(&b, "Premier League"));
    assert_eq!(chance(&a, "FA Cup"), chance(&b, "FA Cup"));
    assert!(chance(&a, "Premier League").is_some());
}
