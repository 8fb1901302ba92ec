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

/// The Premier League table as CSV with `result` given.
fn given_csv(env: &Env, result: &str) -> String {
    env.ok(&["table", "PL", "--given", result, "--format", "csv"])
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
    let given = given_csv(&env, "Liverpool 4 : 1 Chelsea");
    let plain = given_csv(&env, "Liverpool 4-1 Chelsea");
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
fn a_given_result_typed_the_other_way_round_is_assumed_in_the_fixtures_order() {
    let env = fan_database();
    // Chelsea v Liverpool was played on 2025-10-04: Liverpool v Chelsea is the one left.
    let given = ["PL", "--given", "Chelsea 1-4 Liverpool"];
    for args in [
        &[&["table"][..], &given].concat(),
        &[&["gaps"][..], &given].concat(),
        &[&["odds"][..], &given, &["--sims", "50"]].concat(),
    ] {
        let command = args[0];
        let out = env.ok(args);
        assert!(
            out.starts_with(
                "Assuming: Liverpool 4-1 Chelsea (2026-05-09); typed the other way round, \
                 assumed in the fixture's order (Liverpool v Chelsea)\n"
            ),
            "{command}: {out}"
        );
    }
    let turned = given_csv(&env, "Chelsea 1-4 Liverpool");
    let typed = given_csv(&env, "Liverpool 4-1 Chelsea");
    assert_eq!(turned, typed);
    let track = env.ok(&["track", "Liverpool", "--given", "Chelsea 1-4 Liverpool"]);
    assert!(track.contains("typed the other way round"), "{track}");
    // On 1 September both meetings were still to play: the order typed must be the next.
    let unchanged = env.snapshot();
    let err = refused(
        &env,
        &[
            "table",
            "PL",
            "--as-of",
            "2025-09-01",
            "--given",
            "Liverpool 1-4 Chelsea",
        ],
    );
    assert_eq!(
        err,
        "error: --given \"Liverpool 1-4 Chelsea\": which match is meant is unclear: Liverpool v Chelsea is a \
         fixture on 2026-05-09, and Chelsea v Liverpool on 2025-10-04, the next; give the next first \
         (\"Chelsea ... Liverpool\"), then this one"
    );
    assert_eq!(env.snapshot(), unchanged);
    let both = env.ok(&[
        "table",
        "PL",
        "--as-of",
        "2025-09-01",
        "--given",
        "Chelsea 1-1 Liverpool",
        "--given",
        "Liverpool 1-4 Chelsea",
    ]);
    assert!(
        both.starts_with(
            "Assuming: Chelsea 1-1 Liverpool (2025-10-04, counted as played on 2025-09-01)\n\
             Assuming: Liverpool 1-4 Chelsea (2026-05-09, counted as played on 2025-09-01)\n"
        ),
        "{both}"
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

#[test]
fn a_default_competition_and_season_from_the_config_file() {
    let env = Env::new();
    env.ok(&["import", &bundled("premier-league-2023-24.season")]);
    env.ok(&["import", &bundled("premier-league-2025-26.season")]);
    // Neither given nor set: clap's whole message, with what to do.
    let out = env.cmd(&["table"]).code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("<COMPETITION>"), "{err}");
    assert!(
        err.contains(
            "tip: give the competition, or set a default once: matchday config set competition NAME"
        ),
        "{err}"
    );
    assert!(env.ok(&["config", "list"]).starts_with("no defaults set"));
    // Set by a name a fan types, kept as the slug, beside the database.
    assert_eq!(
        env.ok(&["config", "set", "competition", "PL"]),
        format!(
            "competition = premier-league (in {}.config)\n",
            env.db().display()
        )
    );
    assert_eq!(
        env.ok(&["config", "path"]),
        format!("{}.config\n", env.db().display())
    );
    let file = std::fs::read_to_string(format!("{}.config", env.db().display())).unwrap();
    assert_eq!(file, "competition = \"premier-league\"\n");
    assert!(env.ok(&["table"]).starts_with("Premier League 2025-26"));
    env.ok(&["config", "set", "season", "2023/24"]);
    assert_eq!(env.ok(&["config", "get", "season"]), "2023-24\n");
    assert_eq!(
        env.ok(&["config", "list"]),
        "competition = \"premier-league\"\nseason = \"2023-24\"\n"
    );
    assert!(env.ok(&["table"]).starts_with("Premier League 2023-24"));
    assert!(
        env.ok(&["odds", "--as-of", "2024-02-01", "--sims", "200", "--seed", "1"])
            .contains("2023-24")
    );
    // What is typed wins.
    assert!(
        env.ok(&["table", "--season", "2025-26"])
            .starts_with("Premier League 2025-26")
    );
    // -c of result takes the default too.
    let out = env.ok(&["result", "Liverpool 4-1 Chelsea", "-d", "2024-01-31", "--replace"]);
    assert!(out.contains("in Premier League 2023-24"), "{out}");
    // --help shows the defaults in force.
    let help = env.ok(&["table", "--help"]);
    assert!(
        help.contains("[COMPETITION]") && help.contains("[default: premier-league]"),
        "{help}"
    );
    // Refusals change nothing; unset removes, and the last removes the file.
    assert!(
        refused(&env, &["config", "set", "competition", "Nowhere"])
            .contains("no competition called 'Nowhere'")
    );
    assert!(refused(&env, &["config", "set", "season", "20x"]).contains("'20x' is not a season"));
    assert_eq!(
        env.ok(&["config", "unset", "season"]),
        "unset season (was 2023-24)\n"
    );
    assert!(
        env.fails(&["config", "get", "season"])
            .contains("no default season is set")
    );
    env.ok(&["config", "unset", "competition"]);
    assert!(!std::path::Path::new(&format!("{}.config", env.db().display())).exists());
    env.cmd(&["table"]).code(2);
}

/// What matchday offers at a Tab for `words` (the words of the line, the last one partly
/// typed), as the `--names` script asks for it (fish's protocol: one candidate a line).
fn offered(env: &Env, words: &[&str]) -> Vec<String> {
    let out = assert_cmd::Command::cargo_bin("matchday")
        .unwrap()
        .env("MATCHDAY_DB", env.db())
        .env("COMPLETE", "fish")
        .current_dir(env.dir.path())
        .arg("--")
        .args(words)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

#[test]
fn completion_offers_stored_teams_and_competitions() {
    let env = fan_database();
    assert_eq!(offered(&env, &["matchday", "track", "Liv"]), ["Liverpool"]);
    assert_eq!(
        offered(&env, &["matchday", "table", "--team", "Che"]),
        ["Chelsea", "Cheltenham Town"]
    );
    assert_eq!(offered(&env, &["matchday", "table", "pre"]), ["premier-league"]);
    let competitions = offered(&env, &["matchday", "result", "-c", ""]);
    assert_eq!(competitions, ["efl-cup", "premier-league"]);
    // --db on the line names the database asked about.
    let other = Env::new();
    other.ok(&["import", &fixture("mini-league.txt")]);
    let db = other.db().display().to_string();
    assert_eq!(
        offered(&env, &["matchday", "--db", &db, "track", "North"]),
        ["Northfield"]
    );
    // The script that asks: registered for matchday, in each shell.
    let bash = env.ok(&["completions", "bash", "--names"]);
    assert!(
        bash.contains("COMPLETE=\"bash\"") && bash.contains("-F _clap_complete_matchday matchday"),
        "{bash}"
    );
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        assert!(
            env.ok(&["completions", shell, "--names"]).contains("COMPLETE"),
            "{shell}"
        );
    }
}

/// What `args` print on a pseudo-terminal that was never given a size (as `script` and
/// some CI runners make), with `NO_COLOR` as given (`None`: not set).
fn on_an_unsized_terminal(env: &Env, args: &[&str], no_color: Option<&str>) -> String {
    use std::io::Read as _;
    use std::os::fd::FromRawFd as _;
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two descriptors; no name, termios or size is asked for.
    let made = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(made, 0, "openpty");
    // SAFETY: both descriptors were just opened and are owned here alone.
    let (mut master, slave) = unsafe {
        (
            std::fs::File::from_raw_fd(master),
            std::fs::File::from_raw_fd(slave),
        )
    };
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_matchday"));
    command
        .env("MATCHDAY_DB", env.db())
        .env_remove("COLUMNS")
        .env_remove("NO_COLOR")
        .env("TERM", "xterm")
        .args(args)
        .stdout(slave.try_clone().unwrap());
    if let Some(value) = no_color {
        command.env("NO_COLOR", value);
    }
    let status = command.status().unwrap();
    assert!(status.success());
    // Every copy of the terminal's other end closed (the command keeps one), so that
    // reading stops at the end of what was written.
    drop(command);
    drop(slave);
    let mut bytes = Vec::new();
    // The pty answers EIO once the last writer is gone: what was read is all.
    let mut chunk = [0u8; 4096];
    while let Ok(n) = master.read(&mut chunk) {
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
    String::from_utf8(bytes).unwrap()
}

#[test]
fn colour_on_a_terminal_whose_size_is_unknown_and_no_color_only_when_not_empty() {
    let env = fan_database();
    let args = ["table", "PL", "--as-of", "2025-12-01"];
    let coloured = on_an_unsized_terminal(&env, &args, None);
    assert!(coloured.contains("\x1b["), "{coloured}");
    // Its width is unknown: the table is whole, full names and every column.
    assert!(coloured.contains("Wolverhampton Wanderers"), "{coloured}");
    // NO_COLOR set and not empty turns colour off; set but empty does not (no-color.org).
    assert!(!on_an_unsized_terminal(&env, &args, Some("1")).contains('\x1b'));
    assert!(on_an_unsized_terminal(&env, &args, Some("")).contains("\x1b["));
}

#[test]
fn forty_columns_break_no_word_in_the_middle() {
    let env = Env::new();
    env.ok(&["import", &bundled("premier-league-2023-24.season")]);
    for args in [
        &["gaps", "PL", "--as-of", "2024-03-01"][..],
        &["odds", "PL", "--as-of", "2024-03-01", "--sims", "200"],
        &["table", "PL", "--as-of", "2024-03-01"],
    ] {
        let out = env.ok(&[args, &["--width", "40"]].concat());
        assert!(out.lines().all(|l| l.chars().count() <= 40), "{out}");
        // Before issue 21 comfy-table broke the header as "Tea/m" and clubs as "Liv/erp/ool".
        let rows: Vec<&str> = out.lines().filter(|l| l.starts_with('│')).collect();
        assert!(rows.iter().any(|l| l.contains(" Team ")), "{out}");
        for club in ["Liverpool", "Arsenal", "Man City", "Aston Villa"] {
            assert!(out.contains(club), "{club} broken or lost at 40 columns: {out}");
        }
    }
    // A listing keeps its teams and scores, leaving out where and which round.
    let out = env.ok(&["results", "--team", "Liverpool", "--width", "40"]);
    assert!(
        out.contains(" Home ") && out.contains(" Away ") && out.contains("1-1"),
        "{out}"
    );
    assert!(!out.contains("Round"), "{out}");
}

/// The words of a drawn table's cells, and of the lines around it.
fn words_of(text: &str) -> std::collections::HashSet<&str> {
    text.lines()
        .flat_map(|l| l.split(['│', '┆']))
        .flat_map(str::split_whitespace)
        .collect()
}

/// Words of `narrow` broken across lines of a cell: a cell's last word on one line
/// and the same cell's first word on the next that together make a word `wide` shows
/// when the first is none ("Bournemout" / "h", "2023-" / "08-11"; not "1" / "2").
fn broken_words(narrow: &str, wide: &str) -> Vec<String> {
    let whole = words_of(wide);
    let rows: Vec<Vec<&str>> = narrow.lines().map(|l| l.split(['│', '┆']).collect()).collect();
    let mut broken = Vec::new();
    for pair in rows.windows(2) {
        let (above, below) = (&pair[0], &pair[1]);
        if above.len() < 3 || above.len() != below.len() {
            continue;
        }
        for (a, b) in above.iter().zip(below) {
            if let (Some(end), Some(start)) = (a.split_whitespace().last(), b.split_whitespace().next()) {
                let joined = format!("{end}{start}");
                if whole.contains(joined.as_str()) && !whole.contains(end) {
                    broken.push(format!("{end} / {start}"));
                }
            }
        }
    }
    broken
}

#[test]
fn forty_columns_break_no_word_of_any_table() {
    let env = Env::new();
    for season in [
        "premier-league-2023-24",
        "premier-league-2025-26",
        "efl-cup-2023-24",
        "fa-cup-2023-24",
        "champions-league-2023-24",
        "europa-league-2023-24",
        "conference-league-2023-24",
    ] {
        env.ok(&["import", &bundled(&format!("{season}.season"))]);
    }
    let commands: [&[&str]; 16] = [
        &["results", "-c", "PL", "--season", "2023-24"],
        &["results", "-c", "EFL Cup", "--season", "2023-24"],
        &["fixtures", "-c", "PL", "--season", "2025-26"],
        &["table", "PL", "--season", "2023-24", "--as-of", "2024-02-01"],
        &["table", "champions-league", "--season", "2023-24"],
        &["gaps", "PL", "--season", "2023-24", "--as-of", "2024-02-01"],
        &[
            "odds",
            "PL",
            "--season",
            "2023-24",
            "--as-of",
            "2024-04-01",
            "--sims",
            "200",
        ],
        &[
            "track",
            "Liverpool",
            "--season",
            "2023-24",
            "--as-of",
            "2024-02-01",
        ],
        &["log", "--limit", "5"],
        &["h2h", "Liverpool", "Chelsea"],
        &["history", "Liverpool"],
        &["honours", "Manchester City"],
        &["teams"],
        &["competitions"],
        &["bracket", "FA Cup", "--season", "2023-24"],
        &["bracket", "champions-league", "--season", "2023-24"],
    ];
    for args in commands {
        let wide = env.ok(&[args, &["--width", "400"]].concat());
        let narrow = env.ok(&[args, &["--width", "40"]].concat());
        assert!(
            narrow.lines().all(|l| l.chars().count() <= 40),
            "{args:?} wider than 40: {narrow}"
        );
        let broken = broken_words(&narrow, &wide);
        assert!(broken.is_empty(), "{args:?} broke {broken:?}: {narrow}");
        // A word cut for want of room ends in "…" and begins as a word the wide table shows.
        let whole = words_of(&wide);
        for cut in words_of(&narrow).iter().filter_map(|w| w.strip_suffix('…')) {
            assert!(
                whole.iter().any(|w| w.starts_with(cut)),
                "{args:?}: {cut}… is no word's start: {narrow}"
            );
        }
    }
    // Before issue 21's fix results read "Bournemout" / "h" and "2023-" / "08-11": now the
    // date is the season's short form, and a club too long for its column is cut.
    let results = env.ok(&["results", "-c", "PL", "--season", "2023-24", "--width", "40"]);
    assert!(results.contains("│ 12/08 ┆"), "{results}");
    assert!(!results.contains("2023-"), "{results}");
}

/// The commands a `--help` lists under "Commands:", without `help`.
fn commands_listed(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A command's line starts two spaces in; its description's wrapped lines further.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn help_examples_never_wrap_inside_a_quoted_argument_at_80_columns() {
    let help_at_80 = |path: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("matchday")
            .unwrap()
            .env("COLUMNS", "80")
            .args(path)
            .arg("--help")
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let mut paths: Vec<Vec<String>> = Vec::new();
    for command in commands_listed(&help_at_80(&[])) {
        let nested = commands_listed(&help_at_80(&[command.as_str()]));
        paths.push(vec![command.clone()]);
        paths.extend(nested.into_iter().map(|n| vec![command.clone(), n]));
    }
    assert!(paths.len() > 40, "{paths:?}");
    for path in paths {
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        let help = help_at_80(&path);
        let examples = help.lines().skip_while(|l| !l.starts_with("Examples:")).skip(1);
        for line in examples.take_while(|l| l.is_empty() || l.starts_with(' ')) {
            assert!(line.chars().count() <= 80, "{path:?}: {line}");
            assert!(
                line.matches('"').count() % 2 == 0,
                "{path:?} wraps inside quotes: {line}"
            );
        }
    }
}

#[test]
fn log_help_names_every_command_the_log_records() {
    let env = Env::new();
    env.ok(&["import", &fixture("mini-league.txt")]);
    env.ok(&[
        "result",
        "Southbury 1-0 Northfield",
        "-c",
        "mini",
        "-d",
        "2023-09-02",
    ]);
    env.ok(&[
        "fixture",
        "Eastwick v Southbury",
        "-c",
        "mini",
        "-d",
        "2023-09-09",
    ]);
    env.ok(&[
        "edit",
        "match",
        "-c",
        "mini",
        "Southbury v Northfield",
        "-d",
        "2023-09-02",
        "--score",
        "2-0",
    ]);
    env.ok(&[
        "delete",
        "match",
        "-c",
        "mini",
        "Eastwick v Southbury",
        "-d",
        "2023-09-09",
    ]);
    env.ok(&[
        "deduct",
        "Eastwick",
        "3",
        "-c",
        "mini",
        "-d",
        "2023-09-03",
        "--reason",
        "test",
    ]);
    env.ok(&["team", "alias", "Eastwick", "The Wick"]);
    env.ok(&["undo"]);
    env.ok(&["redo"]);
    let help = env.ok(&["log", "--help"]);
    let words: Vec<&str> = help.split(|c: char| !c.is_alphanumeric()).collect();
    let log = env.json(&["log"]);
    for change in log.as_array().unwrap() {
        let line = change["command"].as_str().unwrap();
        // The command is the first word after the program that is not an option or its value.
        let command = line.split_whitespace().nth(1).unwrap();
        assert!(words.contains(&command), "log --help lacks {command}: {help}");
    }
    for command in ["edit", "delete", "log prune"] {
        assert!(help.contains(command), "log --help lacks {command}");
    }
}

#[test]
fn help_tells_the_truth_about_dates_pages_and_timing() {
    let env = Env::new();
    let fixture_help = env.ok(&["fixture", "--help"]);
    assert!(
        fixture_help.contains("The day it is to be played (required)"),
        "{fixture_help}"
    );
    assert!(!fixture_help.contains("[result: today"), "{fixture_help}");
    // A page for a command within a command, named as git names them.
    let page = env.ok(&["man", "edit", "match"]);
    assert!(page.contains(".TH matchday-edit-match 1"), "{page}");
    let err = env.fails(&["man", "edit", "mtch"]);
    assert!(
        err.contains("the commands of matchday edit are match, deduction, team"),
        "{err}"
    );
    // The simulation's timing is the benchmark's, and NO_COLOR is described as no-color.org has it.
    let odds = env.ok(&["odds", "--help"]);
    assert!(
        odds.contains("the default 100,000 take well under 0.1 s, a million about 0.35 s"),
        "{odds}"
    );
    let help = env.ok(&["--help"]);
    assert!(help.contains("unless NO_COLOR is set and not empty"), "{help}");
    assert!(!env.db().exists());
}
