//! `matchday odds` for cups and tournaments end to end: a hand-made cup with ties
//! decided, a replay to come, a tie not started and rounds not yet drawn; and (real-data suite) the 2023-24 FA Cup from its fourth round, the World
//! Cup 2026 from its first group match and the 2024-25 Champions League after its
//! league phase.

mod common;

use common::{Env, fixture};
use serde_json::Value;

fn odds_cup() -> Env {
    let env = Env::new();
    env.ok(&["import", &fixture("odds-cup.txt")]);
    env
}

/// Each round's chances summed over the teams, in the order of `rounds`, then the win's.
fn sums(json: &Value) -> Vec<f64> {
    let rounds: Vec<&str> = rounds(json).into_iter().map(|r| r.0).collect();
    let teams = json["teams"].as_array().unwrap();
    let mut sums: Vec<f64> = rounds
        .iter()
        .map(|r| teams.iter().map(|t| t["reach"][r].as_f64().unwrap()).sum())
        .collect();
    sums.push(teams.iter().map(|t| t["win"].as_f64().unwrap()).sum());
    sums
}

/// Each round's name and whether the simulation drew it.
fn rounds(json: &Value) -> Vec<(&str, bool)> {
    json["rounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["round"].as_str().unwrap(),
                r["drawn_by_simulation"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn team<'a>(json: &'a Value, name: &str) -> &'a Value {
    json["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["team"] == name)
        .unwrap_or_else(|| panic!("{name} not listed"))
}

#[test]
fn a_cup_is_played_out_round_by_round() {
    let env = odds_cup();
    let args = [
        "odds",
        "odds-cup",
        "--as-of",
        "2024-03-05",
        "--sims",
        "20000",
        "--seed",
        "7",
    ];
    let text = env.ok(&args);
    insta::with_settings!({snapshot_path => "snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("odds_cup", text);
    });
    let json = env.json(&args);
    assert_eq!(
        rounds(&json),
        [("Quarterfinals", false), ("Semifinals", true), ("Final", true)]
    );
    for (sum, places) in sums(&json).iter().zip([8.0, 4.0, 2.0, 1.0]) {
        assert!((sum - places).abs() < 1e-9, "{:?}", sums(&json));
    }
    // Decided: Northfield and Oldtown (on penalties) through for sure, their opponents out.
    for (through, out) in [
        ("Northfield", "Southbury Town"),
        ("Oldtown", "Kingsbury Athletic"),
    ] {
        assert_eq!(team(&json, through)["reach"]["Semifinals"], 1.0);
        assert_eq!(team(&json, out)["reach"]["Semifinals"], 0.0);
        assert_eq!(team(&json, out)["win"], 0.0);
    }
    // The replay at Westham's ground gives them the home edge.
    let westham = team(&json, "Westham Rovers")["reach"]["Semifinals"]
        .as_f64()
        .unwrap();
    assert!(westham > 0.5 && westham < 1.0, "{westham}");
    // The same seed, the same answer; another seed, another.
    assert_eq!(env.json(&args), json);
    let mut reseeded = args;
    reseeded[7] = "8";
    let other = env.json(&reseeded);
    assert_ne!(other, json);
    let csv = env.ok(&[&args[..], &["--format", "csv"]].concat());
    assert_eq!(
        csv.lines().next(),
        Some("team,quarterfinals,semifinals,final,win")
    );
    assert_eq!(csv.lines().count(), 9, "{csv}");
}

#[test]
fn results_given_decide_their_ties() {
    let env = odds_cup();
    let json = env.json(&[
        "odds",
        "odds-cup",
        "--as-of",
        "2024-03-05",
        "--sims",
        "500",
        "--given",
        "Westham Rovers 0-1 Eastwick United",
        "--given",
        "Riverside City 2-0 Hillcrest FC",
    ]);
    // The quarter-finals decided by what is given: the forecast starts at the semi-finals,
    // the four through for sure and the teams out no longer listed.
    assert_eq!(json["rounds"][0]["round"], "Semifinals");
    let listed: Vec<&str> = json["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["team"].as_str().unwrap())
        .collect();
    assert_eq!(listed.len(), 4, "{listed:?}");
    for through in ["Northfield", "Oldtown", "Eastwick United", "Riverside City"] {
        assert_eq!(team(&json, through)["reach"]["Semifinals"], 1.0);
    }
}

/// Every round's chances sum to its places, the win's to one, and a team in a
/// decided tie shows exactly 0 or 1 for the round after it.
fn assert_sums(json: &Value, places: &[f64]) {
    let sums = sums(json);
    assert_eq!(sums.len(), places.len(), "{sums:?}");
    for (sum, expected) in sums.iter().zip(places) {
        assert!((sum - expected).abs() < 1e-9, "{sums:?}");
    }
}

#[test]
#[ignore = "needs ../shared/data"]
fn the_2023_24_fa_cup_from_its_fourth_round() {
    let env = Env::new();
    env.ok(&["import", &common::openfootball("england/2023-24/facup.txt")]);
    let json = env.json(&["odds", "fa-cup", "--as-of", "2024-01-20", "--sims", "20000"]);
    assert_eq!(
        rounds(&json),
        [
            ("Round 4", false),
            ("Round of 16", true),
            ("Quarterfinals", true),
            ("Semifinals", true),
            ("Final", true)
        ]
    );
    assert_sums(&json, &[32.0, 16.0, 8.0, 4.0, 2.0, 1.0]);
    // Manchester United won it; from the fourth round it was one of 32 open chances.
    let united = team(&json, "Manchester United")["win"].as_f64().unwrap();
    assert!(united > 0.0 && united < 0.2, "{united}");
    // Played out, the winner is 100% and everyone else 0.
    let done = env.json(&["odds", "fa-cup", "--season", "2023-24", "--sims", "1000"]);
    assert_eq!(team(&done, "Manchester United")["win"], 1.0);
    assert_eq!(team(&done, "Manchester City")["win"], 0.0);
}

#[test]
#[ignore = "needs ../shared/data"]
fn the_world_cup_2026_from_its_first_match() {
    let env = Env::new();
    env.ok(&[
        "import",
        &common::openfootball("worldcup/2026--usa/cup.txt"),
        &common::openfootball("worldcup/2026--usa/cup_finals.txt"),
    ]);
    let json = env.json(&[
        "odds",
        "world-cup",
        "--season",
        "2026",
        "--as-of",
        "2026-06-10",
        "--sims",
        "20000",
    ]);
    assert_eq!(json["teams"].as_array().unwrap().len(), 48);
    assert_eq!(json["rounds"][0]["round"], "Round of 32");
    assert_sums(&json, &[32.0, 16.0, 8.0, 4.0, 2.0, 1.0]);
    // Once the groups are played, who is in the round of 32 is settled.
    let later = env.json(&[
        "odds",
        "world-cup",
        "--season",
        "2026",
        "--as-of",
        "2026-06-28",
        "--sims",
        "2000",
    ]);
    for t in later["teams"].as_array().unwrap() {
        let p = t["reach"]["Round of 32"].as_f64().unwrap();
        assert!(p == 0.0 || p == 1.0, "{t}");
    }
}

#[test]
#[ignore = "needs ../shared/data"]
fn the_2024_25_champions_league_after_its_league_phase() {
    let env = Env::new();
    env.ok(&["import", &common::openfootball("champions-league/2024-25/cl.txt")]);
    let json = env.json(&[
        "odds",
        "champions-league",
        "--as-of",
        "2025-02-01",
        "--sims",
        "20000",
    ]);
    let rounds: Vec<&str> = rounds(&json).into_iter().map(|r| r.0).collect();
    assert_eq!(
        rounds,
        ["Play-offs", "Round of 16", "Quarterfinals", "Semifinals", "Final"]
    );
    assert_sums(&json, &[16.0, 16.0, 8.0, 4.0, 2.0, 1.0]);
    // Liverpool, first in the league phase, skip the play-offs for the round of 16.
    assert_eq!(team(&json, "Liverpool")["reach"]["Play-offs"], 0.0);
    assert_eq!(team(&json, "Liverpool")["reach"]["Round of 16"], 1.0);
}
