//! What-if end to end (issue 20): `table`, `gaps`, `odds` and `track` with
//! `--given "Arsenal 0-1 Liverpool"` answer as if the result were in, exactly as
//! storing it and asking again does (the same seed for odds); nothing is stored;
//! the output says what was assumed; a result that names no fixture still to play
//! is refused in one line saying what is wrong.

mod common;

use common::{Env, refused, with_bundled};

/// Liverpool's four competitions as they stood on 1 February 2024 (the README's demo).
fn february() -> Env {
    with_bundled(
        &[
            "premier-league-2023-24.season",
            "fa-cup-2023-24.season",
            "efl-cup-2023-24.season",
            "europa-league-2023-24.season",
        ],
        Some("2024-02-01"),
    )
}

/// A copy of `env`'s database in a folder of its own.
fn copied(env: &Env) -> Env {
    let copy = Env::new();
    for (name, bytes) in env.snapshot() {
        std::fs::write(copy.dir.path().join(name), bytes).unwrap();
    }
    copy
}

/// `args` with the results `given`, on `env`: its output without the "Assuming:" lines,
/// and those lines; the database must not change by a byte.
fn asked_given(env: &Env, args: &[&str], given: &[&str]) -> (String, Vec<String>) {
    let before = env.snapshot();
    let mut all = args.to_vec();
    for g in given {
        all.extend(["--given", g]);
    }
    let output = env.ok(&all);
    assert!(before == env.snapshot(), "{all:?} changed the database");
    let (assumed, rest): (Vec<&str>, Vec<&str>) = output.lines().partition(|l| l.starts_with("Assuming: "));
    let mut rest = rest.join("\n");
    rest.push('\n');
    (rest, assumed.into_iter().map(str::to_string).collect())
}

/// The same question asked with `given` assumed on `env`, and of a copy of it with
/// `stored` entered (each a `matchday result` command line's arguments).
fn same_answer(env: &Env, question: &[&str], given: &[&str], stored: &[&[&str]]) -> Vec<String> {
    let (what_if, assumed) = asked_given(env, question, given);
    let after = copied(env);
    for entry in stored {
        after.ok(entry);
    }
    assert_eq!(what_if, after.ok(question), "{question:?} given {given:?}");
    assumed
}

const ARSENAL_LIVERPOOL: [&str; 7] = [
    "result",
    "Arsenal 0-1 Liverpool",
    "-c",
    "premier-league",
    "-d",
    "2024-02-04",
    "--season=2023-24",
];

#[test]
fn a_given_result_answers_as_storing_it_does_and_stores_nothing() {
    let env = february();
    let given = ["Arsenal 0-1 Liverpool"];
    for question in [
        &["table", "premier-league"][..],
        &["table", "premier-league", "--format", "json"],
        &["table", "premier-league", "--view", "away", "--format", "csv"],
        &["gaps", "premier-league", "--team", "Liverpool"],
        &["gaps", "premier-league", "--format", "json"],
        &["odds", "premier-league", "--sims", "3000", "--seed", "7"],
        &["odds", "premier-league", "--sims", "3000", "--format", "json"],
        &["track", "Liverpool", "--format", "json"],
    ] {
        let assumed = same_answer(&env, question, &given, &[&ARSENAL_LIVERPOOL]);
        let table = !question.contains(&"--format");
        // A table says what it assumed above it; JSON and CSV keep their shape.
        assert_eq!(
            assumed,
            if table {
                vec!["Assuming: Arsenal 0-1 Liverpool (2024-02-04)".to_string()]
            } else {
                vec![]
            },
            "{question:?}"
        );
    }
    // Without the result the league stands as stored.
    let table = env.json(&["table", "premier-league"]);
    assert_eq!(table[0]["team"], "Liverpool");
    assert_eq!(table[0]["played"], 22);
}

#[test]
fn json_and_csv_keep_their_shape_and_say_what_was_assumed_on_standard_error() {
    let env = february();
    for format in ["json", "csv"] {
        let out = env
            .cmd(&[
                "gaps",
                "premier-league",
                "--given",
                "Arsenal 0-1 Liverpool",
                "--format",
                format,
            ])
            .success();
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert_eq!(stderr, "Assuming: Arsenal 0-1 Liverpool (2024-02-04)\n");
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        if format == "json" {
            let rows: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(rows[0]["team"], "Liverpool");
            assert_eq!(rows[0]["points"], 54);
        }
    }
}

#[test]
fn with_as_of_a_later_fixture_counts_as_played_on_the_day_as_storing_it_then_does() {
    let env = february();
    // On 1 February Arsenal v Liverpool (4 February) was still to play: assumed, it
    // counts that day, as the result entered with that day's date does.
    let stored: [&str; 7] = [
        "result",
        "Arsenal 0-1 Liverpool",
        "-c",
        "premier-league",
        "-d",
        "2024-02-01",
        "--season=2023-24",
    ];
    for question in [
        &["table", "premier-league", "--as-of", "2024-02-01"][..],
        &[
            "gaps",
            "premier-league",
            "--as-of",
            "2024-02-01",
            "--format",
            "json",
        ],
        &[
            "odds",
            "premier-league",
            "--as-of",
            "2024-02-01",
            "--sims",
            "3000",
            "--format",
            "json",
        ],
        &["track", "Liverpool", "--as-of", "2024-02-01"],
    ] {
        let assumed = same_answer(&env, question, &["Arsenal 0-1 Liverpool"], &[&stored]);
        if question[0] == "table" {
            assert_eq!(
                assumed,
                ["Assuming: Arsenal 0-1 Liverpool (2024-02-04, counted as played on 2024-02-01)"]
            );
        }
    }
    // A result stored after the as-of day is a fixture still to play that day.
    let env = with_bundled(&["premier-league-2023-24.season"], Some("2024-02-05"));
    let (_, assumed) = asked_given(
        &env,
        &["table", "premier-league", "--as-of", "2024-02-01"],
        &["Arsenal 1-1 Liverpool"],
    );
    assert_eq!(
        assumed,
        ["Assuming: Arsenal 1-1 Liverpool (2024-02-04, counted as played on 2024-02-01)"]
    );
}

#[test]
fn track_takes_each_result_in_the_competition_whose_fixture_it_names() {
    let env = february();
    let given = ["Arsenal 0-1 Liverpool", "Chelsea 0-1 Liverpool aet"];
    let cup_final: [&str; 8] = [
        "result",
        "Chelsea 0-1 Liverpool aet",
        "-c",
        "efl-cup",
        "-d",
        "2024-02-25",
        "--season=2023-24",
        "--neutral",
    ];
    let assumed = same_answer(
        &env,
        &["track", "Liverpool"],
        &given,
        &[&ARSENAL_LIVERPOOL, &cup_final],
    );
    assert_eq!(
        assumed,
        [
            "Assuming: Arsenal 0-1 Liverpool (Premier League, 2024-02-04)",
            "Assuming: Chelsea 0-1 Liverpool aet (EFL Cup, 2024-02-25)"
        ]
    );
    let (track, _) = asked_given(&env, &["track", "Liverpool"], &given);
    assert!(track.contains("won EFL Cup"), "{track}");
    // A fixture still to play in two competitions is refused, naming both.
    let env = with_bundled(
        &["premier-league-2023-24.season", "efl-cup-2023-24.season"],
        Some("2024-01-15"),
    );
    assert_eq!(
        refused(&env, &["track", "Liverpool", "--given", "Fulham 1-1 Liverpool"]),
        "error: --given \"Fulham 1-1 Liverpool\": Fulham v Liverpool is still to play in EFL Cup 2023-24 \
         and Premier League 2023-24, and --given cannot tell which is meant"
    );
    assert_eq!(
        refused(&env, &["track", "Liverpool", "--given", "Burnley 1-0 Fulham aet"]),
        "error: --given \"Burnley 1-0 Fulham aet\": Premier League 2023-24 is a league: a league match has no extra time or penalties"
    );
}

#[test]
fn a_result_that_names_no_fixture_still_to_play_is_refused_saying_what_is_wrong() {
    let env = february();
    let table = |given: &[&str]| {
        let mut args = vec!["table", "premier-league"];
        for g in given {
            args.extend(["--given", g]);
        }
        refused(&env, &args)
    };
    let cases: [(&[&str], &str); 8] = [
        (
            &["Liverpool 4-1 Chelsea"],
            "Liverpool 4-1 Chelsea was played on 2024-01-31",
        ),
        (
            &["Arsnal 0-1 Liverpool"],
            "no team called 'Arsnal' (did you mean Arsenal?)",
        ),
        (
            &["Sporting CP 1-0 Liverpool"],
            "Sporting CP is not in Premier League 2023-24",
        ),
        (
            &["Arsenal 0-1 Liverpool", "Arsenal 1-1 Liverpool"],
            "Arsenal v Liverpool is given twice: a fixture takes one result",
        ),
        (
            &["Arsenal 1-1 Liverpool aet, 4-2 pens"],
            "Premier League 2023-24 is a league: a league match has no extra time or penalties",
        ),
        (
            &["Arsenal beat Liverpool"],
            "cannot read 'Arsenal beat Liverpool': write a result as \"Home 2-1 Away\" (optionally \"aet\", \"(90 min 1-1)\" and \", 4-3 pens\")",
        ),
        (&["Arsenal 1-0 Arsenal"], "a team cannot play itself"),
        (
            &["Arsenal 1-0"],
            "cannot read 'Arsenal 1-0': a team name is missing",
        ),
    ];
    for (given, why) in cases {
        let last = given.last().unwrap();
        assert_eq!(
            table(given),
            format!("error: --given \"{last}\": {why}"),
            "{given:?}"
        );
    }
    // Liverpool 1-1 Arsenal was played on 2023-12-23: the one meeting left, Arsenal v
    // Liverpool, is meant, though typed the other way round (issue 21).
    let (_, assumed) = asked_given(&env, &["table", "premier-league"], &["Liverpool 2-2 Arsenal"]);
    assert_eq!(
        assumed,
        [
            "Assuming: Arsenal 2-2 Liverpool (2024-02-04); typed the other way round, assumed in the \
          fixture's order (Arsenal v Liverpool)"
        ]
    );
    // In a cup a replay is the first meeting the other way round: typed as the first was,
    // it is the one left; a second leg needs its first leg, as when it is stored.
    let (_, assumed) = asked_given(&env, &["track", "Liverpool"], &["Leeds 1-0 Plymouth"]);
    assert_eq!(
        assumed,
        [
            "Assuming: Plymouth Argyle 0-1 Leeds United (FA Cup, 2024-02-06); typed the other way round, \
          assumed in the fixture's order (Plymouth Argyle v Leeds United)"
        ]
    );
    let err = refused(
        &env,
        &["track", "Liverpool", "--given", "Sporting CP 2-0 Young Boys"],
    );
    assert!(
        err.starts_with("error: --given \"Sporting CP 2-0 Young Boys\": the first leg, BSC Young Boys v Sporting CP on 2024-02-15, is not played"),
        "{err}"
    );
    let (track, _) = asked_given(
        &env,
        &["track", "Liverpool"],
        &["Sporting CP 2-0 Young Boys", "Young Boys 1-3 Sporting CP"],
    );
    assert!(track.contains("Europa League"), "{track}");
    // A club the tracked one's competitions do not hold.
    assert_eq!(
        refused(
            &env,
            &["track", "Liverpool", "--given", "Burnley 1-0 Sporting CP"]
        ),
        "error: --given \"Burnley 1-0 Sporting CP\": no fixture Burnley v Sporting CP is still to play in EFL Cup \
         2023-24, Europa League 2023-24, FA Cup 2023-24 or Premier League 2023-24, the competitions Liverpool is in"
    );
    // A cup fixture typed the other way round: assumed in its order, and the order said.
    let cup = with_bundled(
        &["premier-league-2023-24.season", "fa-cup-2023-24.season"],
        Some("2024-02-20"),
    );
    let (_, assumed) = asked_given(&cup, &["track", "Liverpool"], &["Southampton 0-3 Liverpool"]);
    assert_eq!(
        assumed,
        [
            "Assuming: Liverpool 3-0 Southampton (FA Cup, 2024-02-28); typed the other way round, assumed \
          in the fixture's order (Liverpool v Southampton)"
        ]
    );
    // Every read command that takes --given refuses the same.
    for command in ["gaps", "odds"] {
        assert_eq!(
            refused(
                &env,
                &[command, "premier-league", "--given", "Liverpool 4-1 Chelsea"]
            ),
            "error: --given \"Liverpool 4-1 Chelsea\": Liverpool 4-1 Chelsea was played on 2024-01-31"
        );
    }
}

#[test]
fn the_last_matchday_given_in_full_answers_as_storing_it() {
    let env = Env::new();
    env.ok(&["import", &common::fixture("mini-league.txt")]);
    // Northfield 2-1 Southbury Town was played on 2023-08-12: the return is meant.
    let (_, assumed) = asked_given(&env, &["table", "mini"], &["Northfield FC 1-0 Southbury Town"]);
    assert_eq!(
        assumed,
        [
            "Assuming: Southbury Town 0-1 Northfield (2023-09-02); typed the other way round, assumed in \
          the fixture's order (Southbury Town v Northfield)"
        ]
    );
    let stored =
        |result: &'static str| -> [&'static str; 6] { ["result", result, "-c", "mini", "-d", "2023-09-02"] };
    let assumed = same_answer(
        &env,
        &["table", "mini"],
        &[
            "Southbury Town 0-1 Northfield FC",
            "Westham Rovers AFC 2-2 Eastwick United",
        ],
        &[
            &stored("Southbury Town 0-1 Northfield FC"),
            &stored("Westham Rovers AFC 2-2 Eastwick United"),
        ],
    );
    assert_eq!(assumed.len(), 2, "{assumed:?}");
}
