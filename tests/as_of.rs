//! Dates and what is known at them, end to end: a season imported as it stood on a
//! day holds no result of a later day and no pairing drawn after it, and every
//! command (fixtures, bracket, track, the season page) agrees with a whole season
//! read `--as-of` the same day; before the first match there are no positions;
//! a season played out has final places, not odds.

mod common;

use std::collections::BTreeSet;

use common::{Env, bundled};

const CUPS: [&str; 3] = [
    "champions-league-2023-24.season",
    "fa-cup-2023-24.season",
    "efl-cup-2023-24.season",
];

/// A database holding `files`, imported as they stood on `as_of` if given.
fn imported(files: &[&str], as_of: Option<&str>) -> Env {
    let env = Env::new();
    let paths: Vec<String> = files.iter().map(|f| bundled(f)).collect();
    let mut args: Vec<&str> = vec!["import"];
    args.extend(paths.iter().map(String::as_str));
    if let Some(day) = as_of {
        args.extend(["--as-of", day]);
    }
    env.ok(&args);
    env
}

/// The rounds of the competition's fixtures still to play.
fn fixture_rounds(env: &Env, competition: &str) -> BTreeSet<String> {
    let fixtures = env.json(&["fixtures", "--competition", competition]);
    fixtures
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["round"].as_str().unwrap().to_string())
        .collect()
}

/// The bracket's rounds that have ties, each with its ties' teams.
fn drawn(env: &Env, competition: &str, as_of: Option<&str>) -> Vec<(String, Vec<String>)> {
    let mut args = vec!["bracket", competition];
    if let Some(day) = as_of {
        args.extend(["--as-of", day]);
    }
    let bracket = env.json(&args);
    bracket
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["ties"].as_array().unwrap().is_empty())
        .map(|r| {
            let ties = r["ties"].as_array().unwrap();
            let teams = ties.iter().map(|t| t["teams"].to_string()).collect();
            (r["round"].as_str().unwrap().to_string(), teams)
        })
        .collect()
}

#[test]
fn import_as_of_stores_no_pairing_of_a_round_not_yet_drawn() {
    let env = imported(&CUPS, Some("2024-01-15"));
    // The last 16 was drawn in December, after the groups; nothing after it was.
    assert_eq!(
        fixture_rounds(&env, "champions-league"),
        BTreeSet::from(["Round of 16".to_string()])
    );
    // Round 3's replays were still to play, but Round 4 was drawn on 8 January, the
    // Monday after the round's weekend, as the FA Cup draws (Liverpool v Norwich).
    assert_eq!(
        fixture_rounds(&env, "fa-cup"),
        BTreeSet::from(["Round 3".to_string(), "Round 4".to_string()])
    );
    // The semi-finals' second legs were to come: no final yet.
    assert_eq!(
        fixture_rounds(&env, "efl-cup"),
        BTreeSet::from(["Semifinals".to_string()])
    );
    let bracket = env.ok(&["bracket", "champions-league"]);
    assert!(bracket.contains("Quarterfinals (not yet drawn)"), "{bracket}");
    assert!(bracket.contains("Final (not yet drawn)"), "{bracket}");
    let track = env.ok(&["track", "Liverpool"]);
    assert!(track.contains("Round 4 v Norwich"), "{track}");
    assert!(track.contains("Semifinals v Fulham"), "{track}");
    let results = env.json(&["results"]);
    for r in results.as_array().unwrap() {
        assert!(r["date"].as_str().unwrap() <= "2024-01-15", "{r}");
    }
}

#[test]
fn import_as_of_and_reads_as_of_agree_on_what_was_drawn_at_every_date() {
    let whole = imported(&CUPS, None);
    // (day, the rounds of the Champions League, FA Cup and EFL Cup fixtures that day)
    let days: [(&str, [&[&str]; 3]); 6] = [
        ("2023-12-14", [&["Round of 16"], &["Round 2"], &["Quarterfinals"]]),
        (
            "2024-01-15",
            [&["Round of 16"], &["Round 3", "Round 4"], &["Semifinals"]],
        ),
        ("2024-01-25", [&["Round of 16"], &["Round 4"], &["Final"]]),
        ("2024-02-26", [&["Round of 16"], &["Round of 16"], &[]]),
        ("2024-03-14", [&["Quarterfinals"], &["Quarterfinals"], &[]]),
        ("2024-03-18", [&["Quarterfinals"], &["Semifinals"], &[]]),
    ];
    for (day, expected) in days {
        let then = imported(&CUPS, Some(day));
        for (competition, rounds) in ["champions-league", "fa-cup", "efl-cup"]
            .into_iter()
            .zip(expected)
        {
            let rounds: BTreeSet<String> = rounds.iter().map(|r| r.to_string()).collect();
            assert_eq!(
                fixture_rounds(&then, competition),
                rounds,
                "{competition} on {day}"
            );
            let stored = drawn(&then, competition, None);
            assert_eq!(
                stored,
                drawn(&whole, competition, Some(day)),
                "{competition} on {day}: imported as of the day, and read as of it"
            );
            // Every round with a fixture is drawn in the bracket.
            for round in &rounds {
                assert!(
                    stored.iter().any(|(r, _)| r == round),
                    "{competition} {round} on {day}"
                );
            }
        }
        // Before its first tie a club is in a cup only when the whole season says so
        // (Liverpool enter the FA Cup in Round 3, not stored by mid-December).
        if day >= "2024-01-07" {
            let track = then.ok(&["track", "Liverpool"]);
            let read = whole.ok(&["track", "Liverpool", "--as-of", day]);
            let body = |t: &str| t.lines().skip(1).collect::<Vec<_>>().join("\n");
            assert_eq!(body(&track), body(&read), "track Liverpool on {day}");
        }
    }
}

#[test]
fn the_season_page_as_of_a_day_lists_no_fixture_of_a_round_not_yet_drawn() {
    let mut files = CUPS.to_vec();
    files.extend(["europa-league-2023-24.season", "premier-league-2023-24.season"]);
    let whole = imported(&files, None);
    let then = imported(&files, Some("2024-01-15"));
    for (env, as_of) in [(&whole, Some("2024-01-15")), (&then, None)] {
        let out = env.dir.path().join("page");
        let mut args = vec!["report", "--team", "Liverpool", "--out", out.to_str().unwrap()];
        if let Some(day) = as_of {
            args.extend(["--as-of", day]);
        }
        env.ok(&args);
        let html = std::fs::read_to_string(out.join("index.html")).unwrap();
        // Drawn later: the FA Cup's fifth round (Southampton) and quarter-final, the
        // Europa League's last 16 (Sparta) and quarter-final (Atalanta), and the EFL Cup final.
        for later in ["Southampton", "Sparta", "Atalanta", "Sun 25 Feb 2024"] {
            assert!(!html.contains(later), "{later} on the page as of 15 January");
        }
        // The fourth round was drawn on 8 January, before the third round's replays.
        assert!(html.contains("Norwich"));
        assert!(html.contains("Fulham"), "the semi-final's second leg was drawn");
    }
}

#[test]
fn a_table_before_the_first_match_has_no_positions_or_zones() {
    let env = imported(&["premier-league-2023-24.season"], Some("2023-08-01"));
    let table = env.ok(&["table", "premier-league"]);
    assert!(!table.contains("1="), "{table}");
    assert!(!table.contains("champions"), "{table}");
    assert!(!table.contains("Pos"), "{table}");
    assert!(
        table.contains("The season has not started: no match played yet, so no positions."),
        "{table}"
    );
    assert!(!table.contains("level for 1st place"), "{table}");
    let rows = env.json(&["table", "premier-league"]);
    for row in rows.as_array().unwrap() {
        assert_eq!(
            (&row["position"], &row["zone"]),
            (&serde_json::Value::Null, &serde_json::Value::Null)
        );
    }
    // Read as of a day before the season, a whole season says the same.
    let whole = imported(&["premier-league-2023-24.season"], None);
    let read = whole.ok(&["table", "premier-league", "--as-of", "2023-08-01"]);
    assert!(read.contains("The season has not started"), "{read}");
    assert!(!read.contains("1="), "{read}");

    let gaps = env.ok(&["gaps", "premier-league"]);
    assert!(!gaps.contains("Pos"), "{gaps}");
    assert!(!gaps.contains("To 1st"), "{gaps}");
    assert!(gaps.contains("The season has not started"), "{gaps}");
    // No leader yet, so nobody to measure against unless a team is named.
    assert!(!gaps.contains("against"), "{gaps}");
    let named = env.ok(&["gaps", "premier-league", "--team", "Liverpool"]);
    assert!(named.contains("against Liverpool"), "{named}");
    for row in env.json(&["gaps", "premier-league"]).as_array().unwrap() {
        assert_eq!(row["position"], serde_json::Value::Null, "{row}");
    }
    let csv = env.ok(&["gaps", "premier-league", "--format", "csv"]);
    assert!(csv.lines().skip(1).all(|l| l.starts_with(',')), "{csv}");
    let track = env.ok(&["track", "Liverpool"]);
    assert!(!track.contains("1st"), "{track}");
    assert!(track.contains("next: Matchday 1 v Chelsea"), "{track}");
    let out = env.dir.path().join("page");
    env.ok(&["report", "--team", "Liverpool", "--out", out.to_str().unwrap()]);
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("The season has not started"));
    assert!(!html.contains("1=</td>"));
    assert!(!html.contains("zone-top\"><td"));
    assert!(!html.contains("<h3>Gaps</h3>"));
}

#[test]
fn odds_on_a_season_played_out_show_final_places_without_simulating() {
    let env = imported(&["premier-league-2023-24.season"], None);
    let odds = env.ok(&["odds", "premier-league", "--sims", "2000"]);
    assert!(
        odds.starts_with("Premier League 2023-24: every match played, the final places\n"),
        "{odds}"
    );
    assert!(!odds.contains("simulated seasons"), "{odds}");
    assert!(!odds.contains(">99.9%") && !odds.contains("<0.1%"), "{odds}");
    let city = odds.lines().find(|l| l.contains("Manchester City")).unwrap();
    assert!(city.contains("1st") && city.contains("100%"), "{city}");
    let rows = env.json(&["odds", "premier-league"]);
    let city = &rows[0];
    assert_eq!(
        (&city["team"], &city["positions"][0]),
        (&"Manchester City".into(), &1.0.into())
    );
    assert_eq!(city["zones"]["champions"], 1.0);

    // Two rounds from the end Liverpool could finish nowhere but third: settled, not ">99.9%".
    let late = env.ok(&[
        "odds",
        "premier-league",
        "--as-of",
        "2024-05-12",
        "--sims",
        "2000",
    ]);
    assert!(late.contains("2000 simulated seasons"), "{late}");
    let liverpool = late.lines().find(|l| l.contains("Liverpool")).unwrap();
    assert!(liverpool.contains("3rd (100%)"), "{liverpool}");
}

#[test]
fn gaps_leave_unsaid_the_zones_a_club_is_sure_to_finish_above() {
    let env = imported(&["premier-league-2023-24.season"], None);
    let gaps = env.ok(&[
        "gaps",
        "premier-league",
        "--as-of",
        "2024-05-05",
        "--team",
        "Arsenal",
    ]);
    let row = |club: &str| {
        gaps.lines()
            .find(|l| l.contains(club))
            .unwrap_or_else(|| panic!("no {club} in {gaps}"))
            .to_string()
    };
    // Sure of the top three: not "not europa-league", which reads as a place missed.
    let arsenal = row("┆ Arsenal ");
    assert!(arsenal.contains("champions-league; safe"), "{arsenal}");
    assert!(!arsenal.contains("europa-league"), "{arsenal}");
    // Sure of 7th or lower: the European places above are out of reach, and said so.
    let west_ham = row("West Ham");
    assert!(
        west_ham.contains("not champions, champions-league, europa-league, conference-league"),
        "{west_ham}"
    );
    // The leader plays for the title and the top four, and keeps clear of the bottom three.
    let words = gaps.lines().find(|l| l.starts_with("Arsenal:")).unwrap();
    assert!(!words.contains("europa-league"), "{gaps}");
}

#[test]
fn a_fixture_drawn_before_a_replay_names_both_clubs_of_the_replay_until_it_is_played() {
    // The fifth round was drawn on 28 January: Liverpool v Watford or Southampton, whose
    // fourth-round replay was on 6 February. The stored fixture names Southampton.
    let env = imported(&["fa-cup-2023-24.season"], Some("2024-02-01"));
    let liverpool = |env: &Env| -> serde_json::Value {
        env.json(&["fixtures", "--competition", "fa-cup", "--team", "Liverpool"])[0].clone()
    };
    let fixture = liverpool(&env);
    assert_eq!(
        (fixture["home"].as_str(), fixture["away"].as_str()),
        (Some("Liverpool"), Some("Watford or Southampton"))
    );
    let bracket = env.ok(&["bracket", "fa-cup"]);
    assert!(
        bracket.contains("Liverpool v Watford or Southampton"),
        "{bracket}"
    );
    assert!(!bracket.contains("Liverpool v Southampton"), "{bracket}");
    let out = env.dir.path().join("page");
    env.ok(&["report", "--team", "Liverpool", "--out", out.to_str().unwrap()]);
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("<td>Watford or Southampton</td>"), "{html}");
    // Read as of a day on a whole season, the same.
    let whole = imported(&["fa-cup-2023-24.season"], None);
    let then = whole.ok(&["bracket", "fa-cup", "--as-of", "2024-02-01"]);
    assert!(then.contains("Liverpool v Watford or Southampton"), "{then}");
    // Once the replay is played, the fixture names its winner.
    let after = imported(&["fa-cup-2023-24.season"], Some("2024-02-07"));
    assert_eq!(liverpool(&after)["away"], "Southampton");
    let bracket = after.ok(&["bracket", "fa-cup"]);
    assert!(bracket.contains("Liverpool v Southampton"), "{bracket}");
}
