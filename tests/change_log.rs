//! The change log end to end: `log`, `log --format json`, `undo`, `undo N`, `redo`.

mod common;

use common::Env;
use common::fixture;

fn mini_league() -> Env {
    let env = Env::new();
    env.ok(&["import", &fixture("mini-league.txt")]);
    env
}

fn table(env: &Env) -> String {
    env.ok(&["table", "mini", "--format", "csv"])
}

fn result(env: &Env) -> String {
    env.ok(&[
        "result",
        "Southbury Town 2-2 Northfield FC",
        "-c",
        "mini",
        "-d",
        "2023-09-02",
    ])
}

#[test]
fn log_lists_changes_newest_first_with_their_command_lines() {
    let env = mini_league();
    result(&env);
    let out = env.ok(&["log"]);
    let lines: Vec<&str> = out.lines().collect();
    let first = lines.iter().position(|l| l.contains("│ 2 ")).expect(&out);
    let second = lines.iter().position(|l| l.contains("│ 1 ")).expect(&out);
    assert!(first < second, "newest first: {out}");
    assert!(
        out.contains("matchday result 'Southbury Town 2-2 Northfield FC' -c mini -d 2023-09-02"),
        "{out}"
    );
    assert!(out.contains("2023-09-02: fixture → result"), "{out}");
    assert!(
        out.contains("8 matches added") || out.contains("10 matches added"),
        "{out}"
    );
    assert!(out.contains("matchday import "), "{out}");
    let limited = env.ok(&["log", "--limit", "1"]);
    assert!(
        limited.contains("fixture → result") && !limited.contains("matchday import"),
        "{limited}"
    );
}

#[test]
fn log_as_json_has_every_row_before_and_after() {
    let env = mini_league();
    result(&env);
    let log = env.json(&["log"]);
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 2);
    let change = &log[0];
    assert_eq!(change["id"], 2);
    assert_eq!(change["kind"], "change");
    assert_eq!(change["undoes"], serde_json::Value::Null);
    assert_eq!(change["undone"], false);
    assert!(change["at"].as_str().unwrap().ends_with('Z'));
    assert!(change["command"].as_str().unwrap().starts_with("matchday result"));
    assert_eq!(change["counts"][0]["table"], "match");
    assert_eq!(change["counts"][0]["action"], "updated");
    assert_eq!(change["counts"][0]["count"], 1);
    let row = &change["rows"][0];
    assert_eq!(row["table"], "match");
    assert_eq!(row["action"], "updated");
    assert_eq!(row["before"]["status"], "scheduled");
    assert_eq!(row["before"]["ft_home"], serde_json::Value::Null);
    assert_eq!(row["after"]["status"], "played");
    assert_eq!(row["after"]["ft_home"], 2);
    assert_eq!(row["after"]["ft_away"], 2);
    assert_eq!(row["row_id"], row["after"]["id"]);
    // The import's rows: every one added, nothing before.
    let import = &log[1];
    let rows = import["rows"].as_array().unwrap();
    assert!(
        rows.iter()
            .all(|r| r["action"] == "added" && r["before"].is_null())
    );
    assert_eq!(rows.iter().filter(|r| r["table"] == "match").count(), 8);
}

#[test]
fn undo_reverses_the_last_change_and_says_what_it_reversed() {
    let env = mini_league();
    let before = table(&env);
    result(&env);
    assert_ne!(table(&env), before);
    let out = env.ok(&["undo"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("undid #2 (matchday result "), "{out}");
    assert!(out.contains("fixture → result"), "{out}");
    assert_eq!(table(&env), before);
    // The undo is in the log, and the change it undid is marked.
    let log = env.json(&["log"]);
    assert_eq!(log[0]["kind"], "undo");
    assert_eq!(log[0]["undoes"], 2);
    assert_eq!(log[0]["command"], "matchday undo");
    assert_eq!(log[1]["undone"], true);
    // Redo: the undo undone, the result back.
    let out = env.ok(&["redo"]);
    assert!(out.starts_with("redid #2 (matchday result "), "{out}");
    let log = env.json(&["log"]);
    assert_eq!(log[0]["kind"], "redo");
    assert_eq!(log[0]["undoes"], 3);
    assert!(table(&env).contains("Southbury"));
    assert_ne!(table(&env), before);
}

#[test]
fn undo_three_reverses_three_changes_newest_first() {
    let env = mini_league();
    let before = table(&env);
    let teams = env.ok(&["teams", "--format", "csv"]);
    result(&env);
    env.ok(&["team", "add", "Zed United"]);
    env.ok(&[
        "deduct",
        "Northfield",
        "3",
        "-c",
        "mini",
        "--date",
        "2023-09-01",
        "--reason",
        "late",
    ]);
    let out = env.ok(&["undo", "3"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("undid #4 (matchday deduct "), "{out}");
    assert!(
        lines[1].starts_with("undid #3 (matchday team add 'Zed United')"),
        "{out}"
    );
    assert!(lines[2].starts_with("undid #2 (matchday result "), "{out}");
    assert_eq!(table(&env), before);
    assert_eq!(env.ok(&["teams", "--format", "csv"]), teams);
    assert_eq!(env.json(&["log"]).as_array().unwrap().len(), 7);
}

#[test]
fn nothing_to_undo_is_refused_and_changes_nothing() {
    let env = mini_league();
    env.ok(&["undo"]);
    let snapshot = env.snapshot();
    assert_eq!(
        env.fails(&["undo"]),
        "error: nothing to undo; nothing was changed"
    );
    assert_eq!(env.snapshot(), snapshot);
    env.ok(&["redo"]);
    let snapshot = env.snapshot();
    assert_eq!(
        env.fails(&["undo", "3"]),
        "error: only 1 of the 3 changes asked for can be undone; nothing was changed"
    );
    assert_eq!(env.snapshot(), snapshot);
    assert_eq!(
        env.fails(&["redo"]),
        "error: nothing to redo; nothing was changed"
    );
    // N is at least one.
    env.cmd(&["undo", "0"]).failure().code(2);
}

#[test]
fn refused_and_read_commands_log_nothing() {
    let env = mini_league();
    result(&env);
    // The same result again is refused; a read logs nothing.
    env.fails(&[
        "result",
        "Southbury Town 2-2 Northfield FC",
        "-c",
        "mini",
        "-d",
        "2023-09-02",
    ]);
    env.ok(&["table", "mini"]);
    // Importing the file again would take the result back into a fixture: refused, so logged nothing.
    env.fails(&["import", &fixture("mini-league.txt")]);
    assert_eq!(env.json(&["log"]).as_array().unwrap().len(), 2);
    // `log` reads only: on a path with no database it says so and creates nothing.
    let empty = Env::new();
    let err = empty.fails(&["log"]);
    assert!(err.contains("no matchday database"), "{err}");
    assert!(!empty.db().exists());
}

fn logged_rows(env: &Env) -> i64 {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.query_row("SELECT count(*) FROM change_row", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn undo_and_redo_again_and_again_log_no_more_rows_after_the_first_undo() {
    let env = mini_league();
    let imported = table(&env);
    env.ok(&["undo"]);
    env.ok(&["redo"]);
    let rows = logged_rows(&env);
    for _ in 0..3 {
        let out = env.ok(&["undo"]);
        assert!(out.starts_with("undid #"), "{out}");
        assert!(
            env.fails(&["table", "mini"])
                .contains("no competition called 'mini'")
        );
        env.ok(&["redo"]);
        assert_eq!(table(&env), imported);
    }
    assert_eq!(logged_rows(&env), rows);
    // Each undo still reads as what it did.
    let log = env.json(&["log", "--limit", "2"]);
    assert_eq!(log[1]["kind"], "undo");
    assert_eq!(log[0]["kind"], "redo");
    let removed = log[1]["rows"].as_array().unwrap();
    assert!(removed.iter().any(|r| r["table"] == "match"));
    assert!(
        removed
            .iter()
            .all(|r| r["action"] == "removed" && r["after"].is_null())
    );
}

#[test]
fn log_prune_removes_the_older_changes_and_undo_stops_there_with_a_line() {
    let env = mini_league();
    result(&env);
    // Every change so far: those made before tomorrow.
    let out = env.ok(&["log", "prune", "--before", "tomorrow"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("pruned 2 changes made before "), "{out}");
    assert!(
        lines[0].ends_with("; they can no longer be undone [logged as #3]"),
        "{out}"
    );
    assert!(lines[1].starts_with("compacted the database: "), "{out}");
    let log = env.json(&["log"]);
    assert_eq!(log.as_array().unwrap().len(), 1, "{log}");
    assert_eq!(log[0]["kind"], "prune");
    assert_eq!(log[0]["command"], "matchday log prune --before tomorrow");
    // A change made after the prune can be undone; the pruned ones cannot.
    env.ok(&["team", "add", "Zed United"]);
    let out = env.ok(&["undo"]);
    assert!(
        out.starts_with("undid #4 (matchday team add 'Zed United')"),
        "{out}"
    );
    let snapshot = env.snapshot();
    assert_eq!(
        env.fails(&["undo"]),
        "error: nothing more to undo: older changes were pruned from the log (change 3, \
         `matchday log prune`) and cannot be undone; nothing was changed"
    );
    assert_eq!(env.snapshot(), snapshot);
    assert!(table(&env).contains("Southbury"));
    // Nothing was made before 2024: nothing is pruned, nothing changes.
    let out = env.ok(&["log", "prune", "--before", "2024-01-01"]);
    assert_eq!(
        out,
        "nothing to prune: no change made before 2024-01-01 can be removed; nothing was changed\n"
    );
    assert_eq!(env.snapshot(), snapshot);
}

#[test]
fn log_prune_refuses_a_bad_or_future_date_and_changes_nothing() {
    let env = mini_league();
    let snapshot = env.snapshot();
    for bad in ["2024-13-45", "1/2/2024", "2062-01-01"] {
        let out = env.cmd(&["log", "prune", "--before", bad]).failure().code(2);
        let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(
            err.contains(&format!("invalid value '{bad}' for '--before <DATE>'")),
            "{err}"
        );
        assert_eq!(env.snapshot(), snapshot, "{bad}");
    }
    env.cmd(&["log", "prune"]).failure().code(2);
    env.cmd(&["log", "--limit", "1", "prune", "--before", "today"])
        .failure()
        .code(2);
    assert_eq!(env.snapshot(), snapshot);
    assert_eq!(env.json(&["log"]).as_array().unwrap().len(), 1);
}
