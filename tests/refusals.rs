//! End-to-end tests of entries that cannot be (issue 19): options that do not
//! fit the competition's stages, a tie's legs entered out of order, a deduction
//! in a knockout, a refused write at a mistyped database path, and messages
//! that say what is wrong. Every refusal leaves the database byte for byte.

mod common;

use common::{Env, bundled, fixture, refused};

/// The four-club league: three matchdays played, the fourth (2023-09-02) to play.
fn mini_league() -> Env {
    let env = Env::new();
    env.ok(&["import", &fixture("mini-league.txt")]);
    env
}

/// A bundled season as it stood on 1 February 2024, later matches stored as fixtures.
fn as_of_february(season: &str) -> Env {
    let env = Env::new();
    env.ok(&["import", &bundled(season), "--as-of", "2024-02-01"]);
    env
}

#[test]
fn options_that_do_not_fit_a_league_are_refused_naming_the_option() {
    let env = mini_league();
    let result = [
        "result",
        "Southbury 1-0 Northfield",
        "-c",
        "mini",
        "-d",
        "2023-09-02",
    ];
    let with = |extra: &[&'static str]| -> Vec<&str> { result.iter().chain(extra).copied().collect() };
    let err = refused(&env, &with(&["--group", "Q"]));
    assert!(
        err.contains("--group Q does not fit Mini League 2023-24: it has no group stage"),
        "{err}"
    );
    let err = refused(&env, &with(&["--round", "Final"]));
    assert!(
        err.contains("--round \"Final\" does not fit") && err.contains("knockout round"),
        "{err}"
    );
    let err = refused(&env, &with(&["--leg", "2"]));
    assert!(err.contains("--leg 2 does not fit a league match"), "{err}");
    let err = refused(&env, &with(&["--replay"]));
    assert!(err.contains("--replay does not fit a league match"), "{err}");
    let err = refused(&env, &with(&["--neutral"]));
    assert!(err.contains("--neutral does not fit a league match"), "{err}");
    // A fixture is held to the same.
    let err = refused(
        &env,
        &[
            "fixture",
            "Northfield v Westham",
            "-c",
            "mini",
            "-d",
            "2023-09-09",
            "--group",
            "Q",
        ],
    );
    assert!(err.contains("--group Q does not fit"), "{err}");
    // A matchday is a league's round; entered plainly, the result is stored and no group appears.
    env.ok(&with(&["--round", "Matchday 4"]));
    let table = env.ok(&["table", "mini"]);
    assert!(!table.contains("Group"), "{table}");
}

#[test]
fn a_league_s_play_off_final_fits_its_knockout_stage_and_a_cup_has_no_groups() {
    let env = Env::new();
    env.ok(&["competition", "add", "Championship", "--season", "2023-24"]);
    // The 2023-24 season is over: its entrants come with --force.
    let enter = |team: &str| {
        let season = ["--season", "2023-24", "--force"];
        env.ok(&[&["entrant", "add", "championship", team][..], &season[..]].concat());
    };
    for team in ["Leeds United", "Southampton"] {
        env.ok(&["team", "add", team]);
        enter(team);
    }
    env.ok(&[
        "result",
        "Leeds United 0-1 Southampton",
        "-c",
        "championship",
        "-d",
        "2024-05-26",
        "--round",
        "Final",
        "--neutral",
    ]);
    // A play-off semi-final's second leg with no first leg stored: refused, as in a cup.
    for team in ["Norwich City", "West Bromwich Albion"] {
        env.ok(&["team", "add", team]);
        enter(team);
    }
    let err = refused(
        &env,
        &[
            "result",
            "Leeds United 4-0 Norwich City",
            "-c",
            "championship",
            "-d",
            "2024-05-16",
            "--round",
            "Semifinals",
            "--leg",
            "2",
        ],
    );
    assert!(err.contains("no first leg of this tie is stored"), "{err}");
    let cup = as_of_february("fa-cup-2023-24.season");
    let err = refused(
        &cup,
        &[
            "result",
            "Chelsea 1-0 Aston Villa",
            "-c",
            "fa-cup",
            "-d",
            "2024-02-07",
            "--group",
            "A",
        ],
    );
    assert!(
        err.contains("--group A does not fit FA Cup 2023-24: it has no group stage"),
        "{err}"
    );
}

#[test]
fn a_second_leg_needs_its_first_leg_played_whatever_the_order_of_entry() {
    let env = as_of_february("champions-league-2023-24.season");
    let second_leg = [
        "result",
        "Arsenal 1-0 Porto aet (90 min 1-0), 4-2 pens",
        "-c",
        "champions-league",
        "--leg",
        "2",
        "-d",
        "2024-03-12",
    ];
    let err = refused(&env, &second_leg);
    assert!(
        err.contains("the first leg, FC Porto v Arsenal on 2024-02-21, is not played"),
        "{err}"
    );
    let first_leg = |result: &str| {
        vec![
            "result".to_string(),
            result.to_string(),
            "-c".into(),
            "champions-league".into(),
            "--leg".into(),
            "1".into(),
            "-d".into(),
            "2024-02-21".into(),
        ]
    };
    let err = refused(&env, &as_str(&first_leg("Porto 1-1 Arsenal aet")));
    assert!(
        err.contains("a first leg has no extra time or penalties"),
        "{err}"
    );
    env.ok(&as_str(&first_leg("Porto 1-0 Arsenal")));
    env.ok(&second_leg);
    // A first leg corrected after its second leg must leave the shoot-out after a level aggregate.
    let edit = ["edit", "match", "-c", "champions-league", "Porto v Arsenal"];
    let with = |extra: &[&'static str]| -> Vec<&str> { edit.iter().chain(extra).copied().collect() };
    let err = refused(&env, &with(&["--score", "3-0"]));
    assert!(
        err.contains("this first leg does not fit its tie: the second leg stored"),
        "{err}"
    );
    let err = refused(&env, &with(&["--to-fixture"]));
    assert!(
        err.contains("the second leg, Arsenal v FC Porto on 2024-03-12, has a result"),
        "{err}"
    );
    let err = refused(
        &env,
        &[
            "delete",
            "match",
            "-c",
            "champions-league",
            "Porto v Arsenal",
            "--result",
        ],
    );
    assert!(
        err.contains("its first leg cannot be unplayed or removed"),
        "{err}"
    );
    let bracket = env.ok(&["bracket", "champions-league"]);
    assert!(
        bracket.contains("FC Porto 1-1 Arsenal (agg, aet, 2-4 pens)"),
        "{bracket}"
    );
}

#[test]
fn a_second_leg_edited_before_its_first_is_played_is_refused() {
    let env = as_of_february("champions-league-2023-24.season");
    let err = refused(
        &env,
        &[
            "edit",
            "match",
            "-c",
            "champions-league",
            "Arsenal v Porto",
            "--score",
            "1-0 aet, 4-2 pens",
        ],
    );
    assert!(err.contains("is not played: enter its result first"), "{err}");
}

#[test]
fn a_knockout_takes_no_points_deduction() {
    let env = as_of_february("fa-cup-2023-24.season");
    let err = refused(
        &env,
        &[
            "deduct",
            "Everton",
            "2",
            "-c",
            "fa-cup",
            "--date",
            "2024-01-10",
            "--reason",
            "x",
        ],
    );
    assert!(
        err.contains("FA Cup 2023-24 is a knockout: it has no table and no points to deduct"),
        "{err}"
    );
}

#[test]
fn a_refused_write_leaves_no_database_at_a_mistyped_path() {
    let env = Env::new();
    let typo = |args: &[&str]| {
        let mut all = vec!["--db", "typo.db"];
        all.extend_from_slice(args);
        env.fails(&all)
    };
    let writes: [&[&str]; 9] = [
        &["result", "A 1-0 B", "-c", "foo", "-d", "2024-01-01"],
        &["fixture", "A v B", "-c", "foo", "-d", "2024-01-01"],
        &["undo"],
        &["redo"],
        &["edit", "match", "--id", "3", "--score", "1-0"],
        &["delete", "match", "--id", "3"],
        &[
            "deduct",
            "A",
            "2",
            "-c",
            "foo",
            "--date",
            "2024-01-10",
            "--reason",
            "x",
        ],
        &["team", "alias", "A", "B"],
        &["competition", "set", "foo", "--rules", "plain"],
    ];
    for args in writes {
        let err = typo(args);
        assert!(err.contains("no matchday database at typo.db"), "{args:?}: {err}");
    }
    // Commands that can start a database start none when refused.
    let err = typo(&["import", "missing.season"]);
    assert!(err.contains("cannot read missing.season"), "{err}");
    let err = typo(&["import", &fixture("mini-league.txt"), &fixture("bad-line.txt")]);
    assert!(err.contains("bad-line.txt: line 8"), "{err}");
    typo(&["team", "add", "⚽"]);
    typo(&["--db", "sub/folder/typo.db", "import", "missing.season"]);
    let left: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.is_empty(), "refused writes left {left:?}");
    // A read says there is no database; a team added makes it.
    assert!(typo(&["teams"]).contains("no matchday database at typo.db"));
    env.ok(&["--db", "typo.db", "team", "add", "Arsenal"]);
    assert!(env.ok(&["--db", "typo.db", "teams"]).contains("Arsenal"));
}

#[test]
fn a_team_name_or_alias_without_a_letter_or_digit_is_refused_saying_so() {
    let env = mini_league();
    let err = refused(&env, &["team", "add", "⚽"]);
    assert_eq!(
        err,
        "error: a team name needs a letter or a digit: names are found by them, and '⚽' has none"
    );
    let err = refused(&env, &["team", "alias", "Northfield", ""]);
    assert_eq!(err, "error: an alias cannot be empty");
    let err = refused(&env, &["team", "alias", "Northfield", "!!"]);
    assert!(err.contains("an alias needs a letter or a digit"), "{err}");
    let err = refused(&env, &["team", "rename", "Northfield", "⚽"]);
    assert!(err.contains("a team name needs a letter or a digit"), "{err}");
}

#[test]
fn a_result_typed_the_other_way_round_from_its_fixture_is_stored_in_its_order() {
    // The FA Cup's fourth-round replay was stored as Southampton v Watford on 2024-02-06.
    // Refused before issue 21; now the one fixture of the day is the match meant, and the
    // answer says the order it is stored in.
    let env = as_of_february("fa-cup-2023-24.season");
    let out = env.ok(&[
        "result",
        "Watford 0-3 Southampton",
        "-c",
        "fa-cup",
        "-d",
        "2024-02-06",
    ]);
    assert!(
        out.starts_with(
            "recorded (fixture completed): Southampton 3-0 Watford in FA Cup 2023-24 on 2024-02-06; \
             typed the other way round, stored in the fixture's order (Southampton v Watford)"
        ),
        "{out}"
    );
}

fn as_str(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}
