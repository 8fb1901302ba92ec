//! `matchday backtest` end to end: the bundled 2023-24 Premier League forecast match
//! by match from what was known before each day, in words, JSON and CSV, its refusals,
//! and (real-data suite) three Championship and three La Liga seasons of
//! football-data.co.uk's files, where the model must beat the league's frequencies.

mod common;

use std::path::Path;

use common::{Env, bundled};
use serde_json::Value;

fn premier_league() -> Env {
    let env = Env::new();
    env.ok(&["import", &bundled("premier-league-2023-24.season")]);
    env
}

/// (rps, log loss) of each forecaster in a JSON backtest, in the order listed.
fn figures(json: &Value) -> Vec<(String, u64, f64, f64)> {
    json["forecasters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["forecaster"].as_str().unwrap().to_string(),
                f["matches"].as_u64().unwrap(),
                f["rps"].as_f64().unwrap(),
                f["log_loss"].as_f64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_model_beats_both_baselines_on_the_2023_24_premier_league() {
    let env = premier_league();
    let text = env.ok(&["backtest", "premier-league", "--season", "2023-24"]);
    insta::with_settings!({snapshot_path => "snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("backtest_premier_league", text);
    });
    let json = env.json(&["backtest", "premier-league"]);
    let rows = figures(&json);
    let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(names, ["model", "frequencies", "equal odds"]);
    assert!(rows.iter().all(|r| r.1 == 380), "{rows:?}");
    let (model, frequencies, equal) = (&rows[0], &rows[1], &rows[2]);
    assert!(model.2 < frequencies.2 && frequencies.2 < equal.2, "{rows:?}");
    assert!(model.3 < frequencies.3 && frequencies.3 < equal.3, "{rows:?}");
    assert!((equal.3 - 3f64.ln()).abs() < 1e-9);
    assert!(json.get("matches").is_none(), "matches listed unasked");
}

#[test]
fn every_match_is_listed_with_what_was_known_before_its_day() {
    let env = premier_league();
    let json = env.json(&["backtest", "premier-league", "--matches"]);
    let matches = json["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 380);
    let first = &matches[0];
    // The opening night: nothing known, so the frequencies are the prior.
    assert_eq!(first["date"], "2023-08-11");
    assert_eq!(first["known"], 0);
    assert_eq!(first["forecast"]["frequencies"]["home"], 0.45);
    // The last day knows every match but its own ten.
    assert_eq!(matches[379]["known"], 370);
    let mean_rps: f64 = matches
        .iter()
        .map(|m| m["score"]["model"]["rps"].as_f64().unwrap())
        .sum::<f64>()
        / 380.0;
    assert!((mean_rps - json["forecasters"][0]["rps"].as_f64().unwrap()).abs() < 1e-12);
    let csv = env.ok(&["backtest", "premier-league", "--matches", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 381);
    assert!(
        csv.starts_with("date,home,away,home_goals,away_goals,model_home,"),
        "{csv}"
    );
    let csv = env.ok(&["backtest", "premier-league", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 4, "{csv}");
    // --from scores the later days only, still fitted on everything before.
    let text = env.ok(&["backtest", "premier-league", "--from", "2024-05-19", "--matches"]);
    assert!(
        text.starts_with(
            "Premier League 2023-24 from 2024-05-19: 10 played matches, each forecast from the \
             results before its day (the model refitted on 1 match day)"
        ),
        "{text}"
    );
    assert!(text.contains("Manchester City 3-1 West Ham United"), "{text}");
}

#[test]
fn nothing_to_score_is_refused_in_one_line() {
    let env = premier_league();
    let before = env.snapshot();
    assert_eq!(
        env.fails(&["backtest", "premier-league", "--from", "2024-06-01"]),
        "error: Premier League 2023-24 has no played match on or after 2024-06-01 to score"
    );
    assert!(env.fails(&["backtest", "no-such-league"]).starts_with("error: "));
    assert!(
        env.snapshot() == before,
        "a refused backtest changed the database"
    );
}

/// football-data.co.uk's Championship (E1) and La Liga (SP1), 2021-22 to 2023-24: the
/// model beats the league's home/draw/away frequencies in every season.
#[test]
#[ignore = "real data: needs ../shared/data"]
fn the_model_beats_the_frequencies_in_six_real_seasons() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/football-data");
    let env = Env::new();
    for (file, slug) in [("E1", "championship"), ("SP1", "la-liga")] {
        for season in ["2021-22", "2022-23", "2023-24"] {
            let path = data.join(format!("{file}-{season}.csv"));
            env.ok(&["import", &path.display().to_string()]);
            let json = env.json(&["backtest", slug, "--season", season]);
            let rows = figures(&json);
            println!(
                "{slug} {season}: {} matches, model RPS {:.4} log loss {:.4}; frequencies {:.4} / {:.4}; \
                 equal odds {:.4} / {:.4}",
                rows[0].1, rows[0].2, rows[0].3, rows[1].2, rows[1].3, rows[2].2, rows[2].3
            );
            assert!(rows[0].2 < rows[1].2, "{slug} {season}: {rows:?}");
        }
    }
}
