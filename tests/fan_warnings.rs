//! Two warnings a fan needs, end to end: a table or odds over a league with
//! fixtures left behind says so once, and `entrant add` to a season that is over
//! asks for `--force`.

mod common;

use chrono::Days;
use common::{Env, current_season, fixture, refused, today};

/// A command's stdout and stderr, which must succeed.
fn both(env: &Env, args: &[&str]) -> (String, String) {
    let out = env.cmd(args).success();
    let output = out.get_output();
    (
        String::from_utf8(output.stdout.clone()).unwrap(),
        String::from_utf8(output.stderr.clone()).unwrap(),
    )
}

#[test]
fn a_table_or_odds_with_fixtures_left_behind_says_so_once() {
    let env = Env::new();
    env.ok(&["import", &fixture("mini-league.txt")]);
    // On 26 August every fixture stored so far was played: nothing to say.
    let (_, quiet) = both(&env, &["table", "mini", "--as-of", "2023-08-26"]);
    assert_eq!(quiet, "");
    // Matchday 4 (2 September) has no result stored: on the 10th it is overdue.
    let (table, said) = both(&env, &["table", "mini", "--as-of", "2023-09-10"]);
    assert!(table.contains("Northfield"), "{table}");
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.starts_with("warning: Mini League 2023-24: "), "{said}");
    assert!(
        said.contains("fixtures dated before 2023-09-10 still have no result (the earliest"),
        "{said}"
    );
    assert!(said.contains("2023-09-02"), "{said}");
    // In every format, and for the odds, each with what it makes of them.
    let (_, json) = both(
        &env,
        &["table", "mini", "--as-of", "2023-09-10", "--format", "json"],
    );
    assert_eq!(json, said);
    let (_, odds) = both(
        &env,
        &[
            "odds",
            "mini",
            "--as-of",
            "2023-09-10",
            "--sims",
            "200",
            "--seed",
            "1",
        ],
    );
    assert_eq!(odds.lines().count(), 1, "{odds}");
    assert!(odds.contains("the odds take them as still to play"), "{odds}");
    // On the day itself a fixture may still be played: not overdue yet.
    let (_, on_the_day) = both(&env, &["table", "mini", "--as-of", "2023-09-02"]);
    assert_eq!(on_the_day, "");
}

#[test]
fn entrant_add_to_a_season_that_is_over_asks_for_force() {
    let env = Env::new();
    // A season whose last day has passed: refused, naming --force, nothing stored.
    env.ok(&["import", &fixture("mini-league.txt")]);
    env.ok(&["team", "add", "Oldtown"]);
    let err = refused(&env, &["entrant", "add", "mini", "Oldtown"]);
    assert_eq!(
        err,
        "error: Mini League 2023-24 is over (its last day, 2024-08-31, has passed): choose another \
         season with --season, or enter it all the same with \
         `matchday entrant add mini-league \"Oldtown\" --season 2023-24 --force`"
    );
    let out = env.ok(&["entrant", "add", "mini", "Oldtown", "--force"]);
    assert_eq!(out, "entered Oldtown in Mini League 2023-24\n");

    // This season, every meeting of its two clubs played: over too.
    let env = Env::new();
    let season = current_season();
    env.ok(&["competition", "add", "Sunday League", "--season", &season]);
    for team in ["Ashford", "Bexley", "Crayford"] {
        env.ok(&["team", "add", team]);
    }
    env.ok(&["entrant", "add", "sunday", "Ashford", "Bexley"]);
    let day = |back: u64| today().checked_sub_days(Days::new(back)).unwrap().to_string();
    env.ok(&["result", "Ashford 2-1 Bexley", "-c", "sunday", "-d", &day(2)]);
    // One meeting of the two: the season goes on.
    env.ok(&["entrant", "add", "sunday", "Ashford"]);
    env.ok(&["result", "Bexley 0-0 Ashford", "-c", "sunday", "-d", &day(1)]);
    let err = refused(&env, &["entrant", "add", "sunday", "Crayford"]);
    assert!(
        err.starts_with(&format!(
            "error: Sunday League {season} is over (every match it needs was played by {}):",
            day(1)
        )),
        "{err}"
    );
    env.ok(&["entrant", "add", "sunday", "Crayford", "--force"]);
}
