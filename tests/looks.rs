//! How output looks: every command's terminal output at 80 and 120 columns on
//! the bundled 2023-24 season (insta snapshots under tests/snapshots), no line
//! wider than the screen, and colour only where it is asked for.
//!
//! `cargo insta review` (or `INSTA_UPDATE=always`) accepts changed snapshots;
//! with `CI=true` a missing one fails.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use common::Env;

/// The bundled seasons, imported as scripts/demo.sh does, once for every test.
fn season() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        let env = Env::new();
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        // Copied beside the database and named as they are, so the log's command line
        // is the same on every machine.
        let mut args = vec!["import"];
        for file in [
            "premier-league-2023-24.season",
            "fa-cup-2023-24.season",
            "efl-cup-2023-24.season",
            "europa-league-2023-24.season",
        ] {
            std::fs::copy(data.join(file), env.dir.path().join(file)).unwrap();
            args.push(file);
        }
        args.extend(["--as-of", "2024-02-01"]);
        env.ok(&args);
        env
    })
}

/// Every read command a new user would try, as (snapshot name, arguments).
const COMMANDS: &[(&str, &[&str])] = &[
    ("table", &["table", "premier-league", "--season", "2023-24"]),
    (
        "table_team",
        &[
            "table",
            "premier-league",
            "--as-of",
            "2024-02-01",
            "--team",
            "Liverpool",
        ],
    ),
    ("table_groups", &["table", "europa-league", "--group", "E"]),
    (
        "gaps",
        &[
            "gaps",
            "premier-league",
            "--as-of",
            "2024-02-01",
            "--team",
            "Liverpool",
        ],
    ),
    (
        "gaps_city",
        &[
            "gaps",
            "premier-league",
            "--season",
            "2023-24",
            "--team",
            "Man City",
        ],
    ),
    (
        "odds",
        &[
            "odds",
            "premier-league",
            "--season",
            "2023-24",
            "--sims",
            "2000",
            "--seed",
            "1",
        ],
    ),
    ("track", &["track", "Liverpool", "--as-of", "2024-02-01"]),
    ("bracket", &["bracket", "efl-cup", "--season", "2023-24"]),
    ("competitions", &["competitions"]),
    (
        "results",
        &["results", "--team", "Liverpool", "--from", "2024-01-01"],
    ),
    (
        "fixtures",
        &["fixtures", "--team", "Liverpool", "--to", "2024-03-10"],
    ),
    ("teams", &["teams"]),
    ("log", &["log"]),
];

fn at(width: usize, args: &[&str]) -> String {
    let mut all = args.to_vec();
    let width = width.to_string();
    all.extend(["--width", &width]);
    season().ok(&all)
}

fn wider_than(text: &str, width: usize) -> Vec<String> {
    text.lines()
        .filter(|l| unicode_width(l) > width)
        .map(str::to_string)
        .collect()
}

/// Display columns of a line: box-drawing characters, arrows and the accented
/// letters of these clubs' names take one each.
fn unicode_width(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn every_command_fits_80_columns() {
    for (name, args) in COMMANDS {
        let text = at(80, args);
        let wide = wider_than(&text, 80);
        assert!(
            wide.is_empty(),
            "{name} is wider than 80 columns:\n{}",
            wide.join("\n")
        );
    }
}

#[test]
fn every_command_looks_as_it_did_at_80_and_120_columns() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for (name, args) in COMMANDS {
            for width in [80, 120] {
                let text = without_clock(&at(width, args));
                insta::assert_snapshot!(format!("{name}_{width}"), text, &args.join(" "));
            }
        }
    });
}

#[test]
fn colour_only_when_asked_for_or_on_a_terminal() {
    let env = season();
    let args = ["table", "premier-league", "--season", "2023-24"];
    // The tests' runner sets NO_COLOR and pipes the output: no colour.
    assert!(!env.ok(&args).contains('\x1b'));
    let forced = env.ok(&[&args[..], &["--color", "always"]].concat());
    assert!(forced.contains("\x1b[32m"), "{forced}");
    let never = env.ok(&[&args[..], &["--color", "never"]].concat());
    assert!(!never.contains('\x1b'));
    // Into a pipe without NO_COLOR, auto still leaves colour out.
    let piped = env.cmd(&args).get_output().stdout.clone();
    assert!(!String::from_utf8(piped).unwrap().contains('\x1b'));
    let out = assert_cmd::Command::cargo_bin("matchday")
        .unwrap()
        .env("MATCHDAY_DB", env.db())
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8(out.stdout).unwrap().contains('\x1b'));
    // Forced colour paints but never moves a column: without its escapes it is the plain table.
    let stripped = anstream::adapter::strip_str(&forced).to_string();
    assert_eq!(stripped, env.ok(&args));
}

#[test]
fn columns_sets_the_width_and_the_option_wins() {
    let env = season();
    let args = ["table", "premier-league", "--season", "2023-24"];
    let by_columns = assert_cmd::Command::cargo_bin("matchday")
        .unwrap()
        .env("MATCHDAY_DB", env.db())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .args(args)
        .output()
        .unwrap();
    let text = String::from_utf8(by_columns.stdout).unwrap();
    assert_eq!(text, at(80, &args));
    let option = assert_cmd::Command::cargo_bin("matchday")
        .unwrap()
        .env("MATCHDAY_DB", env.db())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .args(args)
        .args(["--width", "120"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(option.stdout).unwrap(), at(120, &args));
    // Piped without either, tables print whole: full names, every column.
    let whole = env.ok(&args);
    assert!(whole.contains("Wolverhampton Wanderers") && whole.contains("champions-league"));
    let narrow = at(80, &args);
    assert!(narrow.contains("Wolves") && narrow.contains("Man City") && narrow.contains("Sheff Utd"));
}

#[test]
fn csv_headers_are_snake_case_everywhere() {
    let env = season();
    for args in [
        &["table", "premier-league"][..],
        &["gaps", "premier-league"],
        &["odds", "premier-league", "--sims", "100"],
        &["competitions"],
        &["results", "--team", "Liverpool"],
        &["fixtures", "--team", "Liverpool"],
        &["teams"],
        &["track", "Liverpool", "--as-of", "2024-02-01"],
        &["bracket", "efl-cup"],
    ] {
        let csv = env.ok(&[args, &["--format", "csv"]].concat());
        let header = csv.lines().next().unwrap_or_default();
        for field in header.split(',') {
            assert!(
                !field.is_empty()
                    && field
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{args:?}: header {header:?}"
            );
        }
        assert!(csv.lines().count() > 1, "{args:?} printed no rows:\n{csv}");
    }
}

#[test]
fn a_team_asked_about_must_be_in_the_league() {
    let env = season();
    let err = env.fails(&["table", "premier-league", "--team", "Norwich"]);
    assert_eq!(err, "error: Norwich City is not in Premier League 2023-24");
    let err = env.fails(&["odds", "premier-league", "--team", "Norwich", "--sims", "10"]);
    assert_eq!(err, "error: Norwich City is not in Premier League 2023-24");
}

/// The log's clock readings, today's date and times of day, written as placeholders
/// of the same width, so the table keeps its shape.
fn without_clock(text: &str) -> String {
    let today = chrono::Utc::now().date_naive().to_string();
    let text = text.replace(&today, "YYYY-MM-DD");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    while i < chars.len() {
        let time = (0..8).all(|k| {
            if k == 2 || k == 5 {
                chars.get(i + k) == Some(&':')
            } else {
                digit(i + k)
            }
        });
        if time {
            out.push_str("hh:mm:ss");
            i += 8;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}
