//! End-to-end tests of live scores (issue 20): `result --live` stores the score of a
//! match in play; `table` and the season page count it in a provisional table with the
//! clubs playing marked; `gaps`, `odds`, `results`, `track` and exports treat the match
//! as still to play; `--final` (or a full-time result) confirms it, and `undo` takes
//! back each step. Every refusal leaves the database and its -wal byte for byte.

mod common;

use common::{Env, bundled, fixture, refused};
use serde_json::Value;

const PL: [&str; 2] = ["-c", "Premier League"];

/// The 2023-24 Premier League as it stood on 12 May 2024: Arsenal v Everton (19 May)
/// among the fixtures left.
fn before_the_last_week() -> Env {
    let env = Env::new();
    env.ok(&[
        "import",
        &bundled("premier-league-2023-24.season"),
        "--as-of",
        "2024-05-12",
    ]);
    env
}

fn result(env: &Env, score: &str, extra: &[&str]) -> String {
    let mut args = vec!["result", score, PL[0], PL[1], "-d", "2024-05-19"];
    args.extend(extra);
    env.ok(&args)
}

fn row<'a>(rows: &'a Value, team: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["team"] == team)
        .unwrap_or_else(|| panic!("no row of {team}"))
}

/// Every row of `gaps` JSON with the exact answers only, for comparing.
fn exact_positions(env: &Env) -> Vec<Value> {
    let gaps = env.json(&["gaps", "Premier League"]);
    gaps.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let keep = [
                "team",
                "points",
                "played",
                "remaining",
                "max_points",
                "best_position",
                "worst_position",
                "positions_exact",
                "clinched",
                "eliminated",
            ];
            keep.iter().map(|k| ((*k).to_string(), r[*k].clone())).collect()
        })
        .collect()
}

fn arsenal_everton(env: &Env) -> Value {
    let fixtures = env.json(&["fixtures", "-c", "Premier League", "--team", "Arsenal"]);
    fixtures
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["away"] == "Everton")
        .cloned()
        .unwrap_or(Value::Null)
}

#[test]
fn a_live_score_makes_the_table_provisional_and_nothing_else_until_final_and_undo_takes_it_back() {
    let env = before_the_last_week();
    let table_before = env.ok(&["table", "Premier League"]);
    let gaps_before = exact_positions(&env);
    let odds = ["odds", "Premier League", "--sims", "300", "--seed", "7"];
    let odds_before = env.json(&odds);
    let results_before = env.json(&["results", "-c", "Premier League"]);
    let export = ["export", "Premier League"];
    let export_before = env.ok(&export);
    let track_before = env.ok(&["track", "Arsenal"]);

    let said = result(&env, "Arsenal 1-0 Everton", &["--live", "--minute", "60"]);
    assert!(
        said.starts_with("live (fixture in play): Arsenal 1-0 Everton (60')"),
        "{said}"
    );
    // The table counts it as it stands, marks both clubs and says so.
    let table = env.json(&["table", "Premier League"]);
    let arsenal = row(&table, "Arsenal");
    assert_eq!((&arsenal["played"], &arsenal["points"]), (&38.into(), &89.into()));
    assert_eq!(arsenal["provisional"], true);
    assert_eq!(row(&table, "Everton")["provisional"], true);
    assert!(row(&table, "Liverpool").get("provisional").is_none());
    let text = env.ok(&["table", "Premier League"]);
    assert!(text.contains("• Live: Arsenal 1-0 Everton (60')."), "{text}");
    assert!(text.contains("Provisional"), "{text}");
    assert_eq!(text.matches("38•").count(), 2, "{text}");
    // The exact answers and the odds do not: the match is still to play.
    assert_eq!(exact_positions(&env), gaps_before);
    assert_eq!(env.json(&odds), odds_before);
    let gaps = env.json(&["gaps", "Premier League"]);
    assert_eq!(row(&gaps, "Arsenal")["playing_now"], true);
    let gaps_text = env.ok(&["gaps", "Premier League"]);
    assert!(
        gaps_text.contains("Live: Arsenal 1-0 Everton (60')."),
        "{gaps_text}"
    );
    assert!(gaps_text.contains("still to play"), "{gaps_text}");
    // Nor do results, exports and track; fixtures show it in play.
    assert_eq!(env.json(&["results", "-c", "Premier League"]), results_before);
    assert_eq!(env.ok(&export), export_before);
    assert_eq!(env.ok(&["track", "Arsenal"]), track_before);
    let fixture = arsenal_everton(&env);
    assert_eq!(
        (&fixture["status"], &fixture["live"]),
        (&"live".into(), &"1-0 (60')".into())
    );
    let listed = env.ok(&["fixtures", "-c", "Premier League", "--team", "Arsenal"]);
    assert!(listed.contains("v (in play 1-0, 60')"), "{listed}");
    // The season page shows the provisional table, the clubs playing marked.
    env.ok(&["report", "--team", "Arsenal", "--out", "page"]);
    let page = std::fs::read_to_string(env.dir.path().join("page/index.html")).unwrap();
    assert!(
        page.contains("• Live: Arsenal 1-0 Everton (60&#39;)."),
        "no live line"
    );
    assert!(page.contains(
        "<tr class=\"club live zone-top\"><td class=\"n pos\">1</td><td class=\"team\">Arsenal</td><td class=\"n\">38•</td>"
    ));

    // A later score, then the final one.
    let said = result(&env, "Arsenal 2-0 Everton", &["--live", "--minute", "75"]);
    assert!(
        said.starts_with("live (was 1-0 (60')): Arsenal 2-0 Everton (75')"),
        "{said}"
    );
    // A re-import of the file, which has the match as a fixture, keeps the live score.
    env.ok(&[
        "import",
        &bundled("premier-league-2023-24.season"),
        "--as-of",
        "2024-05-12",
    ]);
    assert_eq!(arsenal_everton(&env)["live"], "2-0 (75')");
    let said = env.ok(&["result", "Arsenal 2-1 Everton", "-c", "Premier League", "--final"]);
    assert!(
        said.starts_with(
            "final (was 2-0 (75') live): Arsenal 2-1 Everton in Premier League 2023-24 on 2024-05-19"
        ),
        "{said}"
    );
    let table = env.json(&["table", "Premier League"]);
    assert!(row(&table, "Arsenal").get("provisional").is_none());
    assert_eq!(row(&table, "Arsenal")["points"], 89);
    let results = env.json(&[
        "results",
        "-c",
        "Premier League",
        "--team",
        "Arsenal",
        "--from",
        "2024-05-19",
    ]);
    assert_eq!(
        (&results[0]["away"], &results[0]["result"]),
        (&"Everton".into(), &"2-1".into())
    );
    assert_eq!(arsenal_everton(&env), Value::Null);

    // Each step is one change in the log, and undo takes them back one by one.
    let log = env.ok(&["log"]);
    for step in ["--final", "--minute 75", "--minute 60"] {
        assert!(log.contains(step), "{step}: {log}");
    }
    assert!(log.contains("fixture → live 1-0 (60')"), "{log}");
    env.ok(&["undo"]);
    assert_eq!(arsenal_everton(&env)["live"], "2-0 (75')");
    env.ok(&["undo"]);
    assert_eq!(arsenal_everton(&env)["live"], "1-0 (60')");
    env.ok(&["undo"]);
    assert_eq!(arsenal_everton(&env)["status"], "scheduled");
    assert_eq!(env.ok(&["table", "Premier League"]), table_before);
}

#[test]
fn a_full_time_result_replaces_a_live_score_and_a_match_not_stored_goes_live_as_new() {
    let env = before_the_last_week();
    result(&env, "Arsenal 1-1 Everton", &["--live"]);
    let said = result(&env, "Arsenal 2-1 Everton", &[]);
    assert!(
        said.starts_with("recorded (fixture completed): Arsenal 2-1 Everton"),
        "{said}"
    );
    let table = env.ok(&["table", "Premier League"]);
    assert!(!table.contains("Live:") && !table.contains('•'), "{table}");

    // A match of a league with no fixture stored is added in play.
    let env = Env::new();
    env.ok(&["import", &fixture("mini-league.txt")]);
    let said = env.ok(&[
        "result",
        "Northfield 1-1 Westham",
        "-c",
        "mini",
        "-d",
        "2023-09-09",
        "--live",
    ]);
    assert!(
        said.starts_with("live: Northfield 1-1 Westham Rovers in Mini League"),
        "{said}"
    );
    let table = env.ok(&["table", "mini"]);
    assert!(
        table.contains("• Live: Northfield 1-1 Westham Rovers."),
        "{table}"
    );
}

#[test]
fn live_scores_that_cannot_be_are_refused_leaving_the_database_as_it_was() {
    let env = before_the_last_week();
    let on = |score: &'static str, date: &'static str, extra: &[&'static str]| -> Vec<&'static str> {
        let mut args = vec!["result", score, "-c", "Premier League", "-d", date];
        args.extend(extra);
        args
    };
    // A match already final.
    let err = refused(
        &env,
        &on("Arsenal 1-0 AFC Bournemouth", "2024-05-04", &["--live"]),
    );
    assert!(
        err.contains(
            "Arsenal v AFC Bournemouth on 2024-05-04 already has its result (3-0), so it is not in play"
        ),
        "{err}"
    );
    // --final with nothing in play.
    let err = refused(&env, &on("Arsenal 2-1 Everton", "2024-05-19", &["--final"]));
    assert!(
        err.contains("Arsenal v Everton is not in play in Premier League 2023-24")
            && err.contains("--final confirms a live score entered with --live"),
        "{err}"
    );
    // A live score is a score alone.
    let err = refused(&env, &on("Arsenal 1-0 Everton (1-0)", "2024-05-19", &["--live"]));
    assert!(err.contains("a live score is the score so far"), "{err}");
    // With a match in play, too.
    result(&env, "Arsenal 1-0 Everton", &["--live", "--minute", "10"]);
    let err = refused(
        &env,
        &on("Arsenal 1-0 AFC Bournemouth", "2024-05-04", &["--live"]),
    );
    assert!(err.contains("already has its result (3-0)"), "{err}");
    // Options that do not go together are clap's usage errors, leaving every byte too.
    for args in [
        on("Arsenal 1-0 Everton", "2024-05-19", &["--minute", "60"]),
        on(
            "Arsenal 1-0 Everton",
            "2024-05-19",
            &["--live", "--minute", "131"],
        ),
        on("Arsenal 1-0 Everton", "2024-05-19", &["--live", "--minute", "0"]),
        on("Arsenal 1-0 Everton", "2024-05-19", &["--live", "--final"]),
        on("Arsenal 1-0 Everton", "2024-05-19", &["--live", "--awarded"]),
        on("Arsenal 1-0 Everton", "2024-05-19", &["--final", "--replace"]),
    ] {
        let before = env.snapshot();
        env.cmd(&args).code(2);
        assert!(before == env.snapshot(), "{args:?} changed the database");
    }
    let err = env.fails(&on(
        "Arsenal 1-0 Everton",
        "2024-05-19",
        &["--live", "--minute", "131"],
    ));
    assert!(
        err.contains("'131' is not a minute of play: give one from 1 to 130"),
        "{err}"
    );
    let out = env
        .cmd(&on("Arsenal 1-0 Everton", "2024-05-19", &["--minute", "60"]))
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("required arguments were not provided") && err.contains("--live"),
        "{err}"
    );
}
