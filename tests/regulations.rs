//! Regulations end to end: presets on import, `competition set`, points per
//! game, off-the-pitch criteria and `decide`. The fixture tests run on a fresh
//! clone; the real-data ones (ignored, need ../shared/data) check every group
//! table of Euro 2020 and 2024 and World Cups 2018, 2022 and 2026, and League One
//! 2019-20, against the published record.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::Env;
use common::fixture;
use serde_json::Value;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

fn openfootball(path: &str) -> String {
    shared().join("openfootball").join(path).display().to_string()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// Team names in table order, per group ("" for a league), shared places marked "=".
fn orders(table: &Value) -> BTreeMap<String, Vec<String>> {
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in table.as_array().unwrap() {
        let group = row["group"].as_str().unwrap_or("").to_string();
        let mut team = row["team"].as_str().unwrap().to_string();
        if row["shared"].as_bool().unwrap() {
            team.push('=');
        }
        groups.entry(group).or_default().push(team);
    }
    groups
}

fn group_h() -> Env {
    let env = Env::new();
    env.ok(&["import", &fixture("group-h-2018.txt")]);
    env
}

#[test]
fn world_cup_2018_group_h_names_fair_play_not_away_goals() {
    let env = group_h();
    let comps = json(&env.ok(&["competitions", "--format", "json"]));
    assert_eq!(comps[0]["rules"], "fifa-world-cup-2018");
    let table = env.ok(&["table", "World Cup", "--group", "H"]);
    assert!(table.contains("fair play decides"), "{table}");
    // The terminal says how to record it (the season page does not).
    assert!(table.contains("Record it with `matchday decide`."), "{table}");
    assert!(!table.contains("away goals"), "{table}");
    let rows = orders(&json(&env.ok(&["table", "World Cup", "--format", "json"])));
    assert_eq!(rows["H"], ["Colombia", "Japan=", "Senegal=", "Poland"]);
}

#[test]
fn a_fair_play_decision_is_checked_recorded_and_shown() {
    let env = group_h();
    let before = env.snapshot();
    let err = env.fails(&[
        "decide",
        "World Cup",
        "--season",
        "2018",
        "--group",
        "H",
        "Japan",
        "Colombia",
        "--by",
        "fair play",
    ]);
    assert!(err.contains("Japan and Colombia are not level"), "{err}");
    let err = env.fails(&[
        "decide",
        "World Cup",
        "--season",
        "2018",
        "--group",
        "H",
        "Japan",
        "Senegal",
        "--by",
        "coefficient",
    ]);
    assert!(err.contains("do not use the club coefficient"), "{err}");
    let err = env.fails(&[
        "decide",
        "World Cup",
        "--group",
        "Z",
        "Japan",
        "Senegal",
        "--by",
        "lots",
    ]);
    assert!(err.contains("no group 'Z'"), "{err}");
    assert!(
        env.snapshot() == before,
        "a refused decision changed the database"
    );

    let said = env.ok(&[
        "decide",
        "World Cup",
        "--season",
        "2018",
        "--group",
        "H",
        "Japan",
        "Senegal",
        "--by",
        "fair play",
    ]);
    assert!(
        said.contains("Japan, Senegal in this order by fair play"),
        "{said}"
    );
    let rows = orders(&json(&env.ok(&["table", "World Cup", "--format", "json"])));
    assert_eq!(rows["H"], ["Colombia", "Japan", "Senegal", "Poland"]);
    let table = env.ok(&["table", "World Cup", "--group", "H"]);
    assert!(table.contains("fair play put them in this order"), "{table}");
    // Zones belong to the total table only.
    let home = json(&env.ok(&["table", "World Cup", "--view", "home", "--format", "json"]));
    assert!(
        home.as_array().unwrap().iter().all(|r| r["zone"].is_null()),
        "{home}"
    );
}

#[test]
fn competition_set_ranks_a_curtailed_season_by_points_per_game() {
    let env = Env::new();
    env.ok(&["import", &fixture("curtailed-league.txt")]);
    let by_points = env.ok(&["table", "curtailed"]);
    assert!(by_points.contains("2 matches were cancelled"), "{by_points}");
    assert!(!by_points.contains("PPG"), "{by_points}");
    let before = env.snapshot();
    let err = env.fails(&["competition", "set", "curtailed", "--rank-by", "goals"]);
    assert!(err.contains("unknown ranking 'goals'"), "{err}");
    let err = env.fails(&["competition", "set", "curtailed"]);
    assert!(err.contains("nothing to change"), "{err}");
    let err = env.fails(&["competition", "set", "curtailed", "--rules", "fifa"]);
    assert!(err.contains("unknown rules 'fifa'"), "{err}");
    assert!(env.snapshot() == before, "a refused change altered the database");

    env.ok(&[
        "competition",
        "set",
        "curtailed",
        "--season",
        "2019-20",
        "--rank-by",
        "points-per-game",
    ]);
    let table = json(&env.ok(&["table", "curtailed", "--format", "json"]));
    // Eastwick: 7 points from 3 (2.33); Southbury 7 from 4 (1.75); Westham 4 from 4; Northfield 4 from 5.
    assert_eq!(
        orders(&table)[""],
        [
            "Eastwick United",
            "Southbury Town",
            "Westham Rovers",
            "Northfield"
        ]
    );
    assert!((table[0]["points_per_game"].as_f64().unwrap() - 7.0 / 3.0).abs() < 1e-9);
    let text = env.ok(&["table", "curtailed"]);
    assert!(text.contains("PPG") && text.contains("2.33"), "{text}");
    let comps = json(&env.ok(&["competitions", "--format", "json"]));
    assert_eq!(comps[0]["rank_by"], "points-per-game");

    env.ok(&[
        "competition",
        "set",
        "curtailed",
        "--rules",
        "english-history",
        "--points",
        "2-1-0",
    ]);
    let comps = json(&env.ok(&["competitions", "--format", "json"]));
    assert_eq!(comps[0]["points"], "2-1-0");
    assert_eq!(comps[0]["rules"], "english-history");
}

#[test]
fn competition_add_takes_the_presets_old_names_and_guesses_from_the_edition() {
    let env = Env::new();
    env.ok(&[
        "competition",
        "add",
        "Champions League",
        "--season",
        "2024-25",
        "--format",
        "groups-knockout",
    ]);
    env.ok(&[
        "competition",
        "add",
        "Europa League",
        "--season",
        "2023-24",
        "--format",
        "groups-knockout",
    ]);
    env.ok(&[
        "competition",
        "add",
        "Old League",
        "--season",
        "1970-71",
        "--rules",
        "classic",
    ]);
    env.ok(&[
        "competition",
        "add",
        "Cup Groups",
        "--season",
        "2023-24",
        "--rules",
        "uefa-group",
        "--rank-by",
        "points",
    ]);
    let comps = json(&env.ok(&["competitions", "--format", "json"]));
    let rules: BTreeMap<String, (String, String)> = comps
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                (
                    c["rules"].as_str().unwrap().to_string(),
                    c["points"].as_str().unwrap().to_string(),
                ),
            )
        })
        .collect();
    assert_eq!(rules["Champions League"].0, "uefa-league-phase");
    assert_eq!(rules["Europa League"].0, "uefa-club-groups");
    assert_eq!(rules["Old League"], ("english-history".into(), "2-1-0".into()));
    assert_eq!(rules["Cup Groups"].0, "uefa-club-groups");
}

// Real data, checked against the published group tables.

/// The published final order of each group (UEFA and FIFA records).
fn assert_groups(env: &Env, competition: &str, season: &str, expected: &[(&str, [&str; 4])]) {
    let table = json(&env.ok(&["table", competition, "--season", season, "--format", "json"]));
    let got = orders(&table);
    for (group, teams) in expected {
        assert_eq!(
            got[*group],
            teams.to_vec(),
            "{competition} {season} Group {group}"
        );
    }
    assert_eq!(got.len(), expected.len(), "{competition} {season}: groups");
}

#[test]
#[ignore = "needs ../shared/data"]
fn euro_2020_group_tables_are_the_official_ones() {
    let env = Env::new();
    env.ok(&["import", &openfootball("euro/2021--europe/euro.txt")]);
    let season = json(&env.ok(&["competitions", "--format", "json"]))[0]["season"]
        .as_str()
        .unwrap()
        .to_string();
    assert_groups(
        &env,
        "Euro",
        &season,
        &[
            ("A", ["Italy", "Wales", "Switzerland", "Turkey"]),
            ("B", ["Belgium", "Denmark", "Finland", "Russia"]),
            ("C", ["Netherlands", "Austria", "Ukraine", "North Macedonia"]),
            ("D", ["England", "Croatia", "Czech Republic", "Scotland"]),
            ("E", ["Sweden", "Spain", "Slovakia", "Poland"]),
            ("F", ["France", "Germany", "Portugal", "Hungary"]),
        ],
    );
}

#[test]
#[ignore = "needs ../shared/data"]
fn euro_2024_group_tables_are_the_official_ones_with_group_c_left_to_disciplinary_points() {
    let env = Env::new();
    env.ok(&["import", &openfootball("euro/2024--germany/euro.txt")]);
    let groups = |c: [&'static str; 4]| -> Vec<(&'static str, [&'static str; 4])> {
        vec![
            ("A", ["Germany", "Switzerland", "Hungary", "Scotland"]),
            ("B", ["Spain", "Italy", "Croatia", "Albania"]),
            ("C", c),
            ("D", ["Austria", "France", "Netherlands", "Poland"]),
            ("E", ["Romania", "Belgium", "Slovakia", "Ukraine"]),
            ("F", ["Portugal", "Turkey", "Georgia", "Czech Republic"]),
        ]
    };
    // Denmark and Slovenia: level on everything the results give (three draws, 2-2,
    // 1-1 between them); UEFA put Denmark second on disciplinary points.
    let table = env.ok(&["table", "Euro", "--season", "2024", "--group", "C"]);
    assert!(table.contains("disciplinary points decides"), "{table}");
    assert!(!table.contains("away goals"), "{table}");
    let rows = orders(&json(
        &env.ok(&["table", "Euro", "--season", "2024", "--format", "json"]),
    ));
    let mut level: Vec<&String> = rows["C"][1..3].iter().collect();
    level.sort();
    assert_eq!(level, ["Denmark=", "Slovenia="]);
    env.ok(&[
        "decide",
        "Euro",
        "--season",
        "2024",
        "--group",
        "C",
        "Denmark",
        "Slovenia",
        "--by",
        "disciplinary points",
    ]);
    assert_groups(
        &env,
        "Euro",
        "2024",
        &groups(["England", "Denmark", "Slovenia", "Serbia"]),
    );
}

#[test]
#[ignore = "needs ../shared/data"]
fn world_cup_2018_group_tables_are_the_official_ones_once_fair_play_is_recorded() {
    let env = Env::new();
    env.ok(&["import", &openfootball("worldcup/2018--russia/cup.txt")]);
    let comps = json(&env.ok(&["competitions", "--format", "json"]));
    assert_eq!(comps[0]["rules"], "fifa-world-cup-2018");
    let rows = orders(&json(&env.ok(&[
        "table",
        "World Cup",
        "--season",
        "2018",
        "--format",
        "json",
    ])));
    assert_eq!(rows["H"], ["Colombia", "Japan=", "Senegal=", "Poland"]);
    let table = env.ok(&["table", "World Cup", "--season", "2018", "--group", "H"]);
    assert!(
        table.contains("fair play decides") && !table.contains("away goals"),
        "{table}"
    );
    env.ok(&[
        "decide",
        "World Cup",
        "--season",
        "2018",
        "--group",
        "H",
        "Japan",
        "Senegal",
        "--by",
        "fair play",
    ]);
    assert_groups(
        &env,
        "World Cup",
        "2018",
        &[
            ("A", ["Uruguay", "Russia", "Saudi Arabia", "Egypt"]),
            ("B", ["Spain", "Portugal", "Iran", "Morocco"]),
            ("C", ["France", "Denmark", "Peru", "Australia"]),
            ("D", ["Croatia", "Argentina", "Nigeria", "Iceland"]),
            ("E", ["Brazil", "Switzerland", "Serbia", "Costa Rica"]),
            ("F", ["Sweden", "Mexico", "South Korea", "Germany"]),
            ("G", ["Belgium", "England", "Tunisia", "Panama"]),
            ("H", ["Colombia", "Japan", "Senegal", "Poland"]),
        ],
    );
}

#[test]
#[ignore = "needs ../shared/data"]
fn world_cup_2022_group_tables_are_the_official_ones() {
    let env = Env::new();
    env.ok(&["import", &openfootball("worldcup/2022--qatar/cup.txt")]);
    assert_groups(
        &env,
        "World Cup",
        "2022",
        &[
            ("A", ["Netherlands", "Senegal", "Ecuador", "Qatar"]),
            ("B", ["England", "USA", "Iran", "Wales"]),
            ("C", ["Argentina", "Poland", "Mexico", "Saudi Arabia"]),
            ("D", ["France", "Australia", "Tunisia", "Denmark"]),
            ("E", ["Japan", "Spain", "Germany", "Costa Rica"]),
            ("F", ["Morocco", "Croatia", "Belgium", "Canada"]),
            ("G", ["Brazil", "Switzerland", "Cameroon", "Serbia"]),
            ("H", ["Portugal", "South Korea", "Uruguay", "Ghana"]),
        ],
    );
}

#[test]
#[ignore = "needs ../shared/data"]
fn world_cup_2026_group_tables_are_the_official_ones_with_head_to_head_first() {
    let env = Env::new();
    env.ok(&["import", &openfootball("worldcup/2026--usa/cup.txt")]);
    let comps = json(&env.ok(&["competitions", "--format", "json"]));
    assert_eq!(comps[0]["rules"], "fifa-world-cup-2026");
    // Germany and Ivory Coast both on 6: head-to-head (Germany won) before Germany's better goal difference.
    let table = env.ok(&["table", "World Cup", "--season", "2026", "--group", "E"]);
    assert!(
        table.contains("head-to-head points put them in this order"),
        "{table}"
    );
    assert_groups(
        &env,
        "World Cup",
        "2026",
        &[
            ("A", ["Mexico", "South Africa", "South Korea", "Czech Republic"]),
            ("B", ["Switzerland", "Canada", "Bosnia & Herzegovina", "Qatar"]),
            ("C", ["Brazil", "Morocco", "Scotland", "Haiti"]),
            ("D", ["USA", "Australia", "Paraguay", "Turkey"]),
            ("E", ["Germany", "Ivory Coast", "Ecuador", "Curaçao"]),
            ("F", ["Netherlands", "Japan", "Sweden", "Tunisia"]),
            ("G", ["Belgium", "Egypt", "Iran", "New Zealand"]),
            ("H", ["Spain", "Cape Verde", "Uruguay", "Saudi Arabia"]),
            ("I", ["France", "Norway", "Senegal", "Iraq"]),
            ("J", ["Argentina", "Austria", "Algeria", "Jordan"]),
            ("K", ["Colombia", "Portugal", "DR Congo", "Uzbekistan"]),
            ("L", ["England", "Croatia", "Ghana", "Panama"]),
        ],
    );
}

#[test]
#[ignore = "needs ../shared/data"]
fn league_one_2019_20_on_points_per_game_is_the_published_final_table() {
    let env = Env::new();
    env.ok(&[
        "import",
        &openfootball("england/2019-20/3-league1.txt"),
        "--name",
        "League One",
    ]);
    let comps = json(&env.ok(&["competitions", "--format", "json"]));
    assert_eq!(comps[0]["rules"], "efl");
    // The catalogue's edition for the curtailed season ranks it on points per game.
    assert_eq!(comps[0]["rank_by"], "points-per-game");
    env.ok(&["competition", "set", "League One", "--rank-by", "points"]);
    env.ok(&[
        "deduct",
        "Bolton",
        "12",
        "-c",
        "League One",
        "-d",
        "2019-08-01",
        "--reason",
        "insolvency event",
    ]);
    let by_points = orders(&json(&env.ok(&["table", "League One", "--format", "json"])));
    assert_eq!(by_points[""][7], "Wycombe Wanderers", "8th on points alone");
    env.ok(&[
        "competition",
        "set",
        "League One",
        "--season",
        "2019-20",
        "--rank-by",
        "points-per-game",
    ]);
    let table = json(&env.ok(&["table", "League One", "--format", "json"]));
    // The EFL's final table (unweighted points per game), e.g. englishfootballstats.co.uk, worldfootball.net.
    assert_eq!(
        orders(&table)[""],
        [
            "Coventry City",
            "Rotherham United",
            "Wycombe Wanderers",
            "Oxford United",
            "Portsmouth",
            "Fleetwood Town",
            "Peterborough United",
            "Sunderland",
            "Doncaster Rovers",
            "Gillingham",
            "Ipswich Town",
            "Burton Albion",
            "Blackpool",
            "Bristol Rovers",
            "Shrewsbury Town",
            "Lincoln City",
            "Accrington Stanley",
            "Rochdale",
            "Milton Keynes Dons",
            "AFC Wimbledon",
            "Tranmere Rovers",
            "Southend United",
            "Bolton Wanderers",
        ]
    );
    let bolton = &table[22];
    assert_eq!(
        (bolton["points"].as_i64(), bolton["deducted"].as_i64()),
        (Some(14), Some(12))
    );
    let text = env.ok(&["table", "League One"]);
    assert!(text.contains("106 matches were cancelled"), "{text}");
    assert!(text.contains("PPG"), "{text}");
}

/// A table's rows as (team, points, goals for, goals against), in order.
fn table_lines(env: &Env, competition: &str, season: &str) -> Vec<(String, i64, i64, i64)> {
    let rows = env.json(&["table", competition, "--season", season]);
    rows.as_array()
        .unwrap_or_else(|| panic!("{rows}"))
        .iter()
        .map(|r| {
            (
                r["team"].as_str().unwrap().to_string(),
                r["points"].as_i64().unwrap(),
                r["goals_for"].as_i64().unwrap(),
                r["goals_against"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn engsoccer_country_files_import_as_their_own_leagues_under_their_rules_of_the_day() {
    let env = Env::new();
    let out = env.ok(&[
        "import",
        &fixture("engsoccer-germany-mini.csv"),
        &fixture("engsoccer-spain-mini.csv"),
    ]);
    assert!(out.contains("Bundesliga 1985-86"), "{out}");
    // Stored under the catalogue's name for Spain's top flight.
    assert!(out.contains("La Liga 1980-81"), "{out}");
    assert!(!out.contains("First Division"), "{out}");
    // Two points for a win in 1985-86: all three clubs on 4, goal difference orders them
    // (three points, as England gave then, would have put Nordstadt on 6).
    let line = |t: &str, p, f, a| (t.to_string(), p, f, a);
    assert_eq!(
        table_lines(&env, "bundesliga", "1985-86"),
        [
            line("Nordstadt", 4, 5, 2),
            line("Westdorf", 4, 4, 5),
            line("Sudhafen", 4, 4, 6),
        ]
    );
    // Spain: level on 5 points, Villa Alta above Puerto Bajo on their meetings (1-0)
    // although Puerto Bajo's goal difference is better (+2 to +1).
    assert_eq!(
        table_lines(&env, "la-liga", "1980-81"),
        [
            line("Villa Alta", 5, 1, 0),
            line("Puerto Bajo", 5, 3, 1),
            line("Castillo", 2, 0, 3),
        ]
    );
    let competitions = env.json(&["competitions"]);
    let rules: Vec<(String, String)> = competitions
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["rules"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        rules.contains(&("Bundesliga".into(), "german-history".into())),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("La Liga".into(), "spanish-history".into())),
        "{rules:?}"
    );
    // scotland.csv shares england.csv's header: refused in one line naming its layout,
    // never "0 matches" with success.
    let err = env.fails(&["import", &fixture("engsoccer-scotland-mini.csv")]);
    assert!(
        err.contains("line 2: division \"SC0\": this is engsoccerdata's scotland.csv layout"),
        "{err}"
    );
}
