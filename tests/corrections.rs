//! End-to-end tests of correcting mistakes: `--replace` that only touches the
//! match of that day, results that complete a rearranged fixture, an import
//! that would take results back, and `matchday edit` / `matchday delete`.

mod common;

use std::path::Path;

use common::Env;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// The four-club league: three matchdays played, the fourth (2023-09-02) to play.
fn mini_league() -> Env {
    let env = Env::new();
    env.ok(&["import", &fixture("mini-league.txt")]);
    env
}

/// Runs a command that must be refused and checks that it changed no byte of the database.
fn refused(env: &Env, args: &[&str]) -> String {
    let before = env.snapshot();
    let err = env.fails(args);
    assert!(before == env.snapshot(), "{args:?} changed the database");
    err
}

#[test]
fn replace_never_overwrites_the_same_pairing_on_another_day() {
    let env = mini_league();
    let before = env.ok(&["results", "-c", "mini", "--format", "csv"]);
    // Northfield beat Southbury 2-1 on 2023-08-12; a 2-2 "replacing" it on another day is refused.
    let err = refused(
        &env,
        &[
            "result",
            "Northfield 2-2 Southbury",
            "-c",
            "mini",
            "-d",
            "2023-09-30",
            "--replace",
        ],
    );
    assert!(err.contains("2023-08-12") && err.contains("2-1"), "{err}");
    assert!(err.contains("matchday edit match"), "{err}");
    // Without --replace the refusal points at edit, not at a --replace that would not do it.
    let err = refused(
        &env,
        &[
            "result",
            "Northfield 2-2 Southbury",
            "-c",
            "mini",
            "-d",
            "2023-09-30",
        ],
    );
    assert!(!err.contains("--replace"), "{err}");
    assert!(err.contains("matchday edit match"), "{err}");
    assert_eq!(env.ok(&["results", "-c", "mini", "--format", "csv"]), before);
    // On the day itself --replace still overwrites that result.
    let out = env.ok(&[
        "result",
        "Northfield 2-2 Southbury",
        "-c",
        "mini",
        "-d",
        "2023-08-12",
        "--replace",
    ]);
    assert!(out.starts_with("replaced:"), "{out}");
}

#[test]
fn a_result_that_completes_a_fixture_of_another_day_says_so() {
    let env = mini_league();
    let out = env.ok(&[
        "result",
        "Southbury 1-0 Northfield",
        "-c",
        "mini",
        "-d",
        "2023-09-09",
    ]);
    assert!(
        out.contains("fixture of 2023-09-02 played on 2023-09-09"),
        "{out}"
    );
    let same_day = env.ok(&["result", "Westham 0-2 Eastwick", "-c", "mini", "-d", "2023-09-02"]);
    assert!(!same_day.contains("played on"), "{same_day}");
}

#[test]
fn an_import_cut_off_before_stored_results_is_refused() {
    let env = mini_league();
    let err = refused(
        &env,
        &["import", &fixture("mini-league.txt"), "--as-of", "2023-08-20"],
    );
    // Matchday 3 (2023-08-26) has two results.
    assert!(err.contains("2 stored results"), "{err}");
    assert!(err.contains("--as-of"), "{err}");
    // A cut-off after every stored result takes nothing back.
    let out = env.ok(&["import", &fixture("mini-league.txt"), "--as-of", "2023-08-31"]);
    assert!(out.contains("8 unchanged"), "{out}");
}
