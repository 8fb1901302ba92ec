//! `matchday scenarios` end to end on the bundled 2023-24 Premier League: what the
//! final day's results decided for the title and for relegation, in words and in JSON,
//! and the one-line refusals of a question it cannot answer.

mod common;

use common::{Env, bundled};

/// The bundled Premier League season, imported whole.
fn premier_league() -> Env {
    let env = Env::new();
    env.ok(&["import", &bundled("premier-league-2023-24.season")]);
    env
}

const EVE: &str = "2024-05-18";

#[test]
fn city_are_champions_if_they_beat_west_ham_or_arsenal_do_not_beat_everton() {
    let env = premier_league();
    let text = env.ok(&[
        "scenarios",
        "premier-league",
        "--team",
        "Man City",
        "--as-of",
        EVE,
    ]);
    assert!(
        text.contains(
            "Manchester City are champions if they beat West Ham United, or if Arsenal do not beat Everton."
        ),
        "{text}"
    );
    assert!(
        text.contains("They cannot be champions if they lose to West Ham United and Arsenal beat Everton."),
        "{text}"
    );
    // A City draw and an Arsenal win: level on 89, which points alone do not settle.
    assert!(
        text.contains("It is still undecided if they draw with West Ham United and Arsenal beat Everton: with nothing left to play they would be level on points"),
        "{text}"
    );
    assert!(
        text.contains("Ties: level on points counts against the club"),
        "{text}"
    );
    insta::with_settings!({snapshot_path => "snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("scenarios_city_title", text);
    });
}

#[test]
fn the_json_lists_each_condition_as_matches_and_outcomes() {
    let env = premier_league();
    let json = env.json(&[
        "scenarios",
        "premier-league",
        "--team",
        "Arsenal",
        "--as-of",
        EVE,
        "--matches",
        "Arsenal v Everton",
        "Man City v West Ham",
    ]);
    assert_eq!(json["zone"]["name"], "champions");
    assert_eq!(json["zone"]["named"], false);
    assert_eq!(json["before"], "undecided");
    assert_eq!(json["matches"].as_array().unwrap().len(), 2);
    let conditions = |key: &str| -> Vec<Vec<(String, Vec<String>)>> {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                c.as_array()
                    .unwrap()
                    .iter()
                    .map(|l| {
                        let outcomes = l["outcomes"].as_array().unwrap();
                        (
                            l["match"].as_str().unwrap().to_string(),
                            outcomes.iter().map(|o| o.as_str().unwrap().to_string()).collect(),
                        )
                    })
                    .collect()
            })
            .collect()
    };
    let literal = |m: &str, o: &[&str]| (m.to_string(), o.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    let (arsenal, city) = ("Arsenal v Everton", "Manchester City v West Ham United");
    // Arsenal are champions only if they win and City lose.
    assert_eq!(
        conditions("clinched"),
        [vec![
            literal(arsenal, &["home_win"]),
            literal(city, &["away_win"])
        ]]
    );
    assert_eq!(
        conditions("eliminated"),
        [
            vec![literal(arsenal, &["draw", "away_win"])],
            vec![literal(city, &["home_win"])]
        ]
    );
    assert_eq!(
        conditions("undecided"),
        [vec![literal(arsenal, &["home_win"]), literal(city, &["draw"])]]
    );
}

#[test]
fn a_bottom_zone_is_about_staying_out_of_it() {
    let env = premier_league();
    let luton = env.ok(&["scenarios", "premier-league", "--team", "Luton", "--as-of", EVE]);
    assert!(luton.starts_with("Luton Town, relegation (18th-20th)"), "{luton}");
    assert!(
        luton.contains("Luton Town are relegated if they do not beat Fulham, or if Burnley do not beat Nottingham Forest."),
        "{luton}"
    );
    // Forest staying up is the other side of the same two matches, with a fan's zone name.
    let forest = env.ok(&[
        "scenarios",
        "premier-league",
        "--team",
        "Forest",
        "--zone",
        "Relegation",
        "--as-of",
        EVE,
    ]);
    assert!(
        forest.contains(
            "Nottingham Forest stay up if they do not lose to Burnley, or if Luton Town do not beat Fulham."
        ),
        "{forest}"
    );
    let sheffield = env.ok(&[
        "scenarios",
        "premier-league",
        "--team",
        "Sheffield United",
        "--zone",
        "relegation",
        "--as-of",
        EVE,
    ]);
    assert!(
        sheffield.contains("Whatever happens, Sheffield United are relegated."),
        "{sheffield}"
    );
    let top_four = env.json(&[
        "scenarios",
        "premier-league",
        "--team",
        "Aston Villa",
        "--zone",
        "top four",
        "--as-of",
        EVE,
    ]);
    assert_eq!(top_four["zone"]["name"], "champions-league");
    assert_eq!(top_four["before"], "clinched");
}

#[test]
fn a_question_it_cannot_answer_is_one_line() {
    let env = premier_league();
    let before = std::fs::read(env.db()).unwrap();
    let ask = |extra: &[&str]| {
        let mut args = vec!["scenarios", "premier-league"];
        args.extend(extra);
        env.fails(&args)
    };
    assert_eq!(
        ask(&["--team", "Nobody", "--as-of", EVE]),
        "error: no team called 'Nobody'; `matchday teams` lists them"
    );
    assert_eq!(
        ask(&["--team", "Arsenal", "--zone", "promotion", "--as-of", EVE]),
        "error: Premier League 2023-24 as of 2024-05-18 has no zone 'promotion': its zones are \
         champions, champions-league, europa-league, conference-league, relegation"
    );
    assert_eq!(
        ask(&[
            "--team",
            "Arsenal",
            "--matches",
            "Arsenal v Chelsea",
            "--as-of",
            EVE
        ]),
        "error: Arsenal v Chelsea is not a match left to play in Premier League 2023-24 as of 2024-05-18"
    );
    assert_eq!(
        ask(&[
            "--team",
            "Arsenal",
            "--matches",
            "Arsenal v Everton",
            "Arsenal v Everton",
            "--as-of",
            EVE
        ]),
        "error: Arsenal v Everton is named more often than it is left to play"
    );
    assert_eq!(
        ask(&["--team", "Arsenal", "--date", "2024-05-20", "--as-of", EVE]),
        "error: no match of Premier League 2023-24 as of 2024-05-18 is left to play on 2024-05-20"
    );
    assert_eq!(
        ask(&["--team", "Arsenal"]),
        "error: nothing is left to play in Premier League 2023-24"
    );
    assert_eq!(
        ask(&["--team", "Sheffield United", "--as-of", EVE]),
        "error: Sheffield United have every zone of Premier League 2023-24 as of 2024-05-18 settled, in or out: \
         name one with --zone (champions, champions-league, europa-league, conference-league, relegation)"
    );
    assert_eq!(
        std::fs::read(env.db()).unwrap(),
        before,
        "a read command changes nothing"
    );
}
