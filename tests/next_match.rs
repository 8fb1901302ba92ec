//! `matchday odds --team T` end to end on the bundled 2023-24 seasons as of 1 February
//! 2024: Liverpool's next league match (Arsenal away on 4 February) and next EFL Cup
//! match (the final v Chelsea at Wembley, neutral, on 25 February), in words, JSON and
//! CSV, and the same chances in `track`.

mod common;

use common::{Env, in_competition, with_bundled};
use serde_json::Value;

/// The bundled 2023-24 seasons: the Premier League, both domestic cups and Europe.
fn season() -> Env {
    with_bundled(
        &[
            "premier-league-2023-24.season",
            "efl-cup-2023-24.season",
            "fa-cup-2023-24.season",
            "champions-league-2023-24.season",
            "europa-league-2023-24.season",
            "conference-league-2023-24.season",
        ],
        None,
    )
}

const ASKED: [&str; 5] = ["odds", "--team", "Liverpool", "--as-of", "2024-02-01"];

fn chances(odds: &Value) -> (f64, f64, f64) {
    let p = |k: &str| odds[k].as_f64().unwrap();
    (p("win"), p("draw"), p("loss"))
}

#[test]
fn liverpools_next_matches_in_words() {
    let env = season();
    let before = env.snapshot();
    let mut args = ASKED.to_vec();
    args.extend(["--width", "80"]);
    let text = env.ok(&args);
    assert!(before == env.snapshot(), "odds --team changed the database");
    assert!(
        text.contains("Premier League: Matchday 23 v Arsenal (a), Sun 4 Feb"),
        "{text}"
    );
    assert!(
        text.contains("EFL Cup: Final v Chelsea (n), Sun 25 Feb"),
        "{text}"
    );
    // Fitted on every competition-season stored (a cup's own results are not alone).
    assert!(
        text.contains("fitted on 535 results (6 competition-seasons)"),
        "{text}"
    );
    assert!(text.contains("after 90 minutes"), "{text}");
    // Nothing is sampled: the same data gives the same words.
    assert_eq!(text, env.ok(&args));
    insta::assert_snapshot!("liverpool_next_80", text);
}

#[test]
fn liverpools_next_matches_as_json_and_csv() {
    let env = season();
    let all = env.json(&ASKED);
    let league = in_competition(&all, "Premier League");
    assert_eq!(
        (&league["opponent"], &league["venue"], &league["date"]),
        (
            &Value::from("Arsenal"),
            &Value::from("away"),
            &Value::from("2024-02-04")
        )
    );
    let final_ = in_competition(&all, "EFL Cup");
    assert_eq!(
        (
            &final_["round"],
            &final_["opponent"],
            &final_["venue"],
            &final_["date"]
        ),
        (
            &Value::from("Final"),
            &Value::from("Chelsea"),
            &Value::from("neutral"),
            &Value::from("2024-02-25")
        )
    );
    // Both fitted on every result stored before the day, in every competition.
    for (odds, fitted) in [(&league["odds"], "history"), (&final_["odds"], "history")] {
        let (w, d, l) = chances(odds);
        assert!((w + d + l - 1.0).abs() < 1e-9, "{odds}");
        assert_eq!(odds["fitted_on"], fitted, "{odds}");
        assert_eq!(odds["after"], "90 minutes");
        let likeliest: Vec<f64> = odds["likeliest"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["probability"].as_f64().unwrap())
            .collect();
        assert_eq!(likeliest.len(), 3, "{odds}");
        assert!(likeliest.windows(2).all(|w| w[0] >= w[1]), "{odds}");
        assert!(likeliest[0] < d.max(w).max(l), "{odds}");
    }
    assert_eq!(
        final_["odds"]["fitted_on_competitions"],
        serde_json::json!([
            "Champions League 2023-24",
            "Conference League 2023-24",
            "EFL Cup 2023-24",
            "Europa League 2023-24",
            "FA Cup 2023-24",
            "Premier League 2023-24"
        ])
    );
    // The FA Cup's next opponent is the winner of a replay still to play: no odds yet.
    assert_eq!(in_competition(&all, "FA Cup")["odds"], Value::Null);

    let mut csv_args = ASKED.to_vec();
    csv_args.extend(["--format", "csv"]);
    let csv = env.ok(&csv_args);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "team,competition,season,round,date,opponent,venue,win,draw,loss,score_1,chance_1,\
             score_2,chance_2,score_3,chance_3,fitted_on,results"
        )
    );
    assert!(
        csv.contains("Liverpool,EFL Cup,2023-24,Final,2024-02-25,Chelsea,neutral,"),
        "{csv}"
    );
}

#[test]
fn track_gives_the_same_chances_a_line_per_competition() {
    let env = season();
    let odds = env.json(&ASKED);
    let tracked = env.json(&["track", "Liverpool", "--as-of", "2024-02-01"]);
    let in_track = in_competition(&tracked, "Premier League");
    assert_eq!(
        in_track["next_match_odds"],
        in_competition(&odds, "Premier League")["odds"]
    );
    let text = env.ok(&["track", "Liverpool", "--as-of", "2024-02-01", "--width", "120"]);
    assert!(
        text.contains("EFL Cup v Chelsea (n), after 90 minutes: win "),
        "{text}"
    );
}

#[test]
fn odds_without_a_competition_or_a_team_is_a_usage_error() {
    let env = season();
    env.cmd(&["odds"]).code(2);
}

#[test]
fn a_default_competition_stands_only_without_team() {
    let env = season();
    env.ok(&["config", "set", "competition", "premier-league"]);
    let next = env.ok(&ASKED);
    assert!(next.contains("EFL Cup: Final v Chelsea (n)"), "{next}");
    let league = env.ok(&["odds", "--as-of", "2024-02-01", "--sims", "200", "--seed", "1"]);
    assert!(league.starts_with("Premier League 2023-24"), "{league}");
}
