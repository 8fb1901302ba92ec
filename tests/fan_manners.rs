//! Manners in the terminal (issue 21): the names a fan types for competitions and
//! teams, scores written "4 - 1" and "4:1", home and away in either order, defaults
//! from the config file, completions from the database, colour, widths and help.

mod common;

use common::{Env, bundled, fixture, refused};

/// The Premier League 2025-26 (Liverpool v Chelsea still to play on 2026-05-09) and the
/// EFL Cup 2023-24.
fn fan_database() -> Env {
    let env = Env::new();
    env.ok(&["import", &bundled("premier-league-2025-26.season")]);
    env.ok(&["import", &bundled("efl-cup-2023-24.season")]);
    env
}

#[test]
fn competitions_answer_to_the_names_fans_type() {
    let env = fan_database();
    for typed in ["PL", "Prem", "Premier", "premier-league", "EPL"] {
        let out = env.ok(&["table", typed, "--season", "2025-26"]);
        assert!(out.starts_with("Premier League 2025-26"), "{typed}: {out}");
    }
    for typed in ["League Cup", "Carabao Cup", "EFL Cup", "carabao"] {
        let out = env.ok(&["bracket", typed]);
        assert!(out.starts_with("EFL Cup 2023-24"), "{typed}: {out}");
    }
}

#[test]
fn a_users_catalogue_adds_names_without_editions() {
    let env = fan_database();
    let mine = env.dir.path().join("mine.toml");
    std::fs::write(
        &mine,
        "[[competition]]\nname = \"EFL Cup\"\naliases = [\"Milk Cup\"]\n",
    )
    .unwrap();
    let mine = mine.display().to_string();
    assert!(
        env.ok(&["--catalogue", &mine, "bracket", "Milk Cup"])
            .starts_with("EFL Cup 2023-24")
    );
    // Names for a competition no entry answers to are refused, naming the file's entry.
    std::fs::write(
        env.dir.path().join("stray.toml"),
        "[[competition]]\nname = \"Nowhere Cup\"\naliases = [\"NC\"]\n",
    )
    .unwrap();
    let err = env.fails(&[
        "--catalogue",
        "stray.toml",
        "import",
        &bundled("fa-cup-2023-24.season"),
    ]);
    assert!(err.contains("'Nowhere Cup' gives aliases only"), "{err}");
}

#[test]
fn teams_answer_to_the_shipped_names_fans_type() {
    let env = fan_database();
    for typed in ["LFC", "Liverpool", "lfc"] {
        let out = env.ok(&["track", typed, "--season", "2025-26"]);
        assert!(out.starts_with("Liverpool, 2025-26"), "{typed}: {out}");
    }
    assert!(
        env.ok(&["track", "Spurs", "--season", "2025-26"])
            .starts_with("Tottenham Hotspur")
    );
}

#[test]
fn scores_are_read_spaced_and_with_a_colon() {
    for typed in [
        "Liverpool 4 - 1 Chelsea",
        "Liverpool 4:1 Chelsea",
        "LFC 4-1 Chelsea",
    ] {
        let env = fan_database();
        let out = env.ok(&["result", typed, "-c", "PL", "-d", "2026-05-09"]);
        assert!(
            out.starts_with("recorded (fixture completed): Liverpool 4-1 Chelsea in Premier League 2025-26"),
            "{typed}: {out}"
        );
    }
    // --given reads scores the same way.
    let env = fan_database();
    let given = env.ok(&[
        "table",
        "PL",
        "--given",
        "Liverpool 4 : 1 Chelsea",
        "--format",
        "csv",
    ]);
    let plain = env.ok(&[
        "table",
        "PL",
        "--given",
        "Liverpool 4-1 Chelsea",
        "--format",
        "csv",
    ]);
    assert_eq!(given, plain);
}

#[test]
fn home_and_away_typed_the_other_way_round_are_stored_as_the_fixture() {
    let env = fan_database();
    let out = env.ok(&["result", "Chelsea 1-4 Liverpool", "-c", "PL", "-d", "2026-05-09"]);
    assert_eq!(
        out,
        "recorded (fixture completed): Liverpool 4-1 Chelsea in Premier League 2025-26 on 2026-05-09; \
         typed the other way round, stored in the fixture's order (Liverpool v Chelsea)\n"
    );
    let results = env.ok(&["results", "-c", "PL", "--team", "Liverpool", "--format", "csv"]);
    assert!(
        results.contains(",2026-05-09,") && results.contains(",Liverpool,4-1,Chelsea\n"),
        "{results}"
    );
}

#[test]
fn an_order_either_way_round_a_fixture_is_refused() {
    let env = Env::new();
    env.ok(&["import", &fixture("mini-league-two-rounds.txt")]);
    env.ok(&[
        "fixture",
        "Northfield v Eastwick",
        "-c",
        "mini",
        "-d",
        "2023-09-02",
    ]);
    env.ok(&[
        "fixture",
        "Eastwick v Northfield",
        "-c",
        "mini",
        "-d",
        "2023-09-09",
    ]);
    let err = refused(
        &env,
        &[
            "result",
            "Eastwick 1-0 Northfield",
            "-c",
            "mini",
            "-d",
            "2023-09-02",
        ],
    );
    assert_eq!(
        err,
        "error: which match is meant is unclear: Eastwick United v Northfield is a fixture on 2023-09-09, \
         and Northfield v Eastwick United on 2023-09-02; write the home team first as stored \
         (\"Northfield ... Eastwick United\" with -d 2023-09-02, or \"Eastwick United ... Northfield\" with -d 2023-09-09)"
    );
    // On the day of the order typed, it is the one meant.
    let out = env.ok(&[
        "result",
        "Eastwick 1-0 Northfield",
        "-c",
        "mini",
        "-d",
        "2023-09-09",
    ]);
    assert!(!out.contains("other way round"), "{out}");
}
