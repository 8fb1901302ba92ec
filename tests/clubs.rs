//! One club everywhere, end to end: names of one club in two files make one team,
//! near misses stay apart, alias files, `team alias|rename|merge|clubs`, undoing a
//! merge, and `honours` and `track` for a team and (`--club`) its men's and women's teams.

mod common;

use common::Env;

/// A Football.TXT season written into the test's folder; returns its path.
fn season(env: &Env, file: &str, text: &str) -> String {
    let path = env.dir.path().join(file);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// A three-club league, every meeting played: Atalanta are champions.
const LEAGUE: &str = "= Serie Mini 2023/24

» Matchday 1
  Sat Sep/2 2023
    15.00  Atalanta              v Torino                2-0
» Matchday 2
  Sat Sep/9
    15.00  Torino                v Real Betis            1-1
» Matchday 3
  Sat Sep/16
    15.00  Real Betis            v Atalanta              0-1
» Matchday 4
  Sat Sep/23
    15.00  Torino                v Atalanta              0-3
» Matchday 5
  Sat Sep/30
    15.00  Real Betis            v Torino                2-2
» Matchday 6
  Sat Oct/7
    15.00  Atalanta              v Real Betis            1-1
";

/// A European cup naming the same clubs as UEFA does: Atalanta BC lose the final
/// to Real Betis Balompié; Manchester City and Manchester United stay two clubs.
const EUROPE: &str = "= Mini Europa League 2023/24

» Semifinals
  Thu May/2 2024
    21.00  Atalanta BC           v Manchester City       2-1
           Real Betis Balompié   v Manchester United     3-0

» Final
  Wed May/22
    21.00  Atalanta BC           v Real Betis Balompié   0-1
";

/// A cup Atalanta win.
const CUP: &str = "= Coppa Mini 2023/24

» Final
  Wed May/15 2024
    21.00  Atalanta              v Torino                1-0
";

/// A women's cup: Liverpool FC Women are a team of Liverpool's club, never Liverpool.
const WOMEN: &str = "= Women's Mini Cup 2023/24

» Final
  Sun Mar/31 2024
    15.00  Liverpool FC Women    v Chelsea FC Women      2-1
";

/// A men's cup Liverpool win.
const MEN: &str = "= League Mini Cup 2023/24

» Final
  Sun Feb/25 2024
    15.00  Chelsea               v Liverpool             0-1
";

/// A women's league of three clubs (made up for the test), in the catalogue's Women's
/// Super League: half played by 1 February 2024, Liverpool FC Women top.
const WOMENS_LEAGUE: &str = "= Women's Super League 2023/24

» Matchday 1
  Sun Jan/7 2024
    14.00  Liverpool FC Women    v Chelsea FC Women      2-0
» Matchday 2
  Sun Jan/14
    14.00  Chelsea FC Women      v Arsenal FC Women      1-1
» Matchday 3
  Sun Jan/21
    14.00  Arsenal FC Women      v Liverpool FC Women    0-1
» Matchday 4
  Sun Feb/4
    14.00  Chelsea FC Women      v Liverpool FC Women
» Matchday 5
  Sun Feb/11
    14.00  Arsenal FC Women      v Chelsea FC Women
» Matchday 6
  Sun Feb/18
    14.00  Liverpool FC Women    v Arsenal FC Women
";

fn names(env: &Env) -> Vec<String> {
    let teams = env.json(&["teams"]);
    teams
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect()
}

fn imported(env: &Env) {
    for (file, text) in [("league.txt", LEAGUE), ("europe.txt", EUROPE), ("cup.txt", CUP)] {
        env.ok(&["import", &season(env, file, text)]);
    }
}

#[test]
fn two_files_naming_a_club_two_ways_give_one_team_and_near_misses_stay_apart() {
    let env = Env::new();
    imported(&env);
    assert_eq!(
        names(&env),
        [
            "Atalanta",
            "Manchester City",
            "Manchester United",
            "Real Betis",
            "Torino"
        ]
    );
    // The other spelling is kept as an alias, and finds the team.
    let teams = env.ok(&["teams", "--format", "csv"]);
    assert!(teams.contains("Atalanta,Atalanta BC"), "{teams}");
    // "Betis" is the shipped alias (football-data.co.uk's name), "Real Betis Balompié" the file's.
    assert!(
        teams.contains("Real Betis,\"Betis, Real Betis Balompié\""),
        "{teams}"
    );
    let results = env.json(&["results", "--team", "Atalanta BC"]);
    assert_eq!(
        results.as_array().unwrap().len(),
        7,
        "4 league, 2 European, 1 cup"
    );
}

#[test]
fn honours_count_league_titles_cups_european_trophies_and_finals_lost() {
    let env = Env::new();
    imported(&env);
    let atalanta = env.json(&["honours", "Atalanta"]);
    // Serie Mini is not in the catalogue: its tier is unknown, so its title is not
    // counted as a top-flight one, but listed apart.
    assert_eq!(atalanta["league_titles"], 0, "{atalanta}");
    assert_eq!(atalanta["other_league_titles"], 1, "{atalanta}");
    assert_eq!(atalanta["trophies"][0]["tier"], serde_json::Value::Null);
    assert_eq!(atalanta["cups"], 1);
    assert_eq!(atalanta["european"], 0);
    assert_eq!(atalanta["finals_lost"], 1);
    assert_eq!(atalanta["finals"][1]["kind"], "european");
    assert_eq!(atalanta["finals"][1]["opponent"], "Real Betis");
    let betis = env.json(&["honours", "Real Betis Balompié"]);
    assert_eq!(betis["european"], 1, "{betis}");
    assert_eq!(betis["trophies"][0]["competition"], "Mini Europa League");

    let table = env.ok(&["honours", "Atalanta"]);
    assert!(
        table.starts_with("Atalanta: 2 trophies in the seasons stored\n"),
        "{table}"
    );
    assert!(
        table.contains(
            "Other league titles (1):\n  Serie Mini champions 2023-24 (tier unknown: not in the catalogue)\n"
        ),
        "{table}"
    );
    assert!(table.contains("Cups (1):\n  Coppa Mini 2023-24\n"), "{table}");
    assert!(table.contains("Finals (2, 1 lost):"), "{table}");

    let csv = env.ok(&["honours", "Atalanta", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "team,kind,competition,season,outcome,date,opponent,score"
    );
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(
        lines.contains(&"Atalanta,other-league,Serie Mini,2023-24,won,,,"),
        "{csv}"
    );
    assert!(
        lines.contains(&"Atalanta,european,Mini Europa League,2023-24,lost final,2024-05-22,Real Betis,Atalanta 0-1 Real Betis"),
        "{csv}"
    );
}

#[test]
fn a_league_the_catalogue_puts_in_the_top_tier_gives_a_league_title_and_a_lower_tier_does_not() {
    let env = Env::new();
    imported(&env);
    let catalogue = |tier: u8| {
        let text = format!(
            "[[competition]]\nname = \"Serie Mini\"\ntier = {tier}\n\n  [[competition.edition]]\n  seasons = \"..\"\n  rules = \"plain\"\n  stages = [{{ name = \"League\", kind = \"league\", meetings = 2 }}]\n"
        );
        season(&env, &format!("tier-{tier}.toml"), &text)
    };
    let top = catalogue(1);
    let atalanta = env.json(&["--catalogue", &top, "honours", "Atalanta"]);
    assert_eq!(
        (&atalanta["league_titles"], &atalanta["other_league_titles"]),
        (&serde_json::Value::from(1), &serde_json::Value::from(0)),
        "{atalanta}"
    );
    assert_eq!(atalanta["trophies"][0]["tier"], 1);
    let table = env.ok(&["--catalogue", &top, "honours", "Atalanta"]);
    assert!(
        table.contains("League titles (1):\n  Serie Mini 2023-24\n"),
        "{table}"
    );
    let second = catalogue(2);
    let table = env.ok(&["--catalogue", &second, "honours", "Atalanta"]);
    assert!(!table.contains("League titles"), "{table}");
    assert!(
        table.contains("Other league titles (1):\n  Serie Mini champions 2023-24 (tier 2)\n"),
        "{table}"
    );
    // The tracker carries the tier too.
    let track = env.json(&["--catalogue", &second, "track", "Atalanta", "--season", "2023-24"]);
    let league = track
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["competition"] == "Serie Mini")
        .unwrap_or_else(|| panic!("{track}"))
        .clone();
    assert_eq!(
        (&league["tier"], &league["position"]),
        (&serde_json::Value::from(2), &serde_json::Value::from(1))
    );
}

#[test]
fn a_womens_team_is_its_own_team_and_the_club_gathers_both() {
    let env = Env::new();
    env.ok(&["import", &season(&env, "men.txt", MEN)]);
    env.ok(&["import", &season(&env, "women.txt", WOMEN)]);
    assert_eq!(
        names(&env),
        ["Chelsea", "Chelsea FC Women", "Liverpool", "Liverpool FC Women"]
    );
    let men = env.json(&["honours", "Liverpool"]);
    assert_eq!(men["trophies"].as_array().unwrap().len(), 1);
    assert_eq!(men["trophies"][0]["competition"], "League Mini Cup");
    let club = env.json(&["honours", "Liverpool", "--club"]);
    assert_eq!(club["name"], "Liverpool");
    assert_eq!(
        club["teams"],
        serde_json::json!(["Liverpool", "Liverpool FC Women"])
    );
    let won: Vec<&str> = club["trophies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["team"].as_str().unwrap())
        .collect();
    assert_eq!(won, ["Liverpool", "Liverpool FC Women"]);
    let table = env.ok(&["honours", "Liverpool FC Women", "--club"]);
    assert!(
        table.contains("(teams: Liverpool, Liverpool FC Women)"),
        "{table}"
    );
    assert!(
        table.contains("Women's Mini Cup 2023-24 (Liverpool FC Women)"),
        "{table}"
    );
    let clubs = env.json(&["team", "clubs"]);
    assert_eq!(clubs.as_array().unwrap().len(), 2, "{clubs}");
    assert_eq!(clubs[1]["club"], "Liverpool");
    assert_eq!(clubs[1]["teams"][1]["squad"], "women");
}

#[test]
fn a_merge_moves_every_match_is_refused_for_rivals_and_undo_reverses_it() {
    let env = Env::new();
    // Stored under a name that shares no club form with the file's "Atalanta".
    env.ok(&["team", "add", "La Dea", "--alias", "Bergamo"]);
    env.ok(&["import", &season(&env, "league.txt", LEAGUE)]);
    env.ok(&[
        "import",
        &season(&env, "cup.txt", &CUP.replace("Atalanta   ", "La Dea     ")),
    ]);
    // Teams that played each other are two teams: refused, naming where; nothing changed.
    let before = env.snapshot();
    let err = env.fails(&["team", "merge", "Atalanta", "Torino"]);
    assert_eq!(
        err,
        "error: cannot merge Torino into Atalanta: they played each other in Serie Mini 2023-24 on 2023-09-02"
    );
    assert!(env.snapshot() == before);
    let teams_before = env.ok(&["teams", "--format", "csv"]);
    let out = env.ok(&["team", "merge", "Atalanta", "La Dea"]);
    assert_eq!(
        out,
        "merged La Dea into Atalanta: 1 match, 1 alias moved, 'La Dea' still finds it (matchday undo reverses this)\n"
    );
    let honours = env.json(&["honours", "Bergamo"]);
    assert_eq!(
        (honours["other_league_titles"].as_i64(), honours["cups"].as_i64()),
        (Some(1), Some(1))
    );
    env.ok(&["undo"]);
    assert_eq!(env.ok(&["teams", "--format", "csv"]), teams_before);
    assert_eq!(env.json(&["honours", "La Dea"])["cups"], 1);
    assert_eq!(env.json(&["honours", "Atalanta"])["cups"], 0);
}

#[test]
fn a_merge_of_teams_with_a_match_on_one_day_of_one_competition_is_refused() {
    let env = Env::new();
    // One season imported twice, Atalanta named another way the second time: the
    // two never met, but both played on each matchday of it.
    let both = "= Serie Both 2023/24

» Matchday 1
  Sat Sep/2 2023
    15.00  Atalanta              v Torino                2-0
           Dea Orobica           v Real Betis            1-1
";
    env.ok(&["import", &season(&env, "both.txt", both)]);
    let before = env.snapshot();
    assert_eq!(
        env.fails(&["team", "merge", "Atalanta", "Dea Orobica"]),
        "error: cannot merge Dea Orobica into Atalanta: both have a match in Serie Both 2023-24 on 2023-09-02"
    );
    assert_eq!(
        env.fails(&["team", "merge", "Atalanta", "Atalanta"]),
        "error: cannot merge Atalanta into Atalanta: they are the same team"
    );
    assert!(env.snapshot() == before);
}

#[test]
fn aliases_rename_and_alias_files() {
    let env = Env::new();
    env.ok(&["team", "add", "Tottenham Hotspur"]);
    // The shipped aliases come with the team.
    let teams = env.ok(&["teams", "--format", "csv"]);
    assert!(teams.contains("Spurs") && teams.contains("Tottenham"), "{teams}");
    assert_eq!(
        env.ok(&["team", "alias", "Spurs", "Lilywhites", "THFC"]),
        "Tottenham Hotspur is also Lilywhites, THFC\n"
    );
    env.ok(&["team", "add", "Arsenal"]);
    assert_eq!(
        env.fails(&["team", "add", "Arsenal FC"]),
        "error: a team called 'Arsenal' already exists"
    );
    assert_eq!(
        env.fails(&["team", "add", "AC Arsenal 1886"]),
        "error: a team called 'Arsenal' already exists"
    );
    env.ok(&["team", "add", "Arsenal Women"]);
    let before = env.snapshot();
    assert_eq!(
        env.fails(&["team", "alias", "Arsenal", "Gunners", "THFC"]),
        "error: 'THFC' already names Tottenham Hotspur"
    );
    assert!(env.snapshot() == before, "a refused alias kept the one before it");
    assert_eq!(
        env.ok(&["team", "rename", "Arsenal", "Woolwich Arsenal"]),
        "renamed Arsenal to Woolwich Arsenal ('Arsenal' still finds it)\n"
    );

    let file = env.dir.path().join("mine.txt");
    std::fs::write(
        &file,
        "# mine\nTottenham Hotspur = Hotspur | The Lilywhites\nNowhere FC = Nowhere Town\n",
    )
    .unwrap();
    let out = env.ok(&["team", "alias", "--file", file.to_str().unwrap()]);
    assert!(out.starts_with("aliases of 1 team read from"), "{out}");
    assert!(
        out.ends_with("; 1 naming no stored team left as they are\n"),
        "{out}"
    );
    assert_eq!(
        env.json(&["honours", "The Lilywhites"])["name"],
        "Tottenham Hotspur"
    );

    std::fs::write(&file, "Arsenal = Gunners\n\nChelsea\n").unwrap();
    let before = env.snapshot();
    let err = env.fails(&["team", "alias", "--file", file.to_str().unwrap()]);
    assert!(
        err.ends_with("mine.txt: line 3: expected 'Team name = alias | alias', found no '='"),
        "{err}"
    );
    assert!(env.snapshot() == before);
}

fn shared() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/openfootball")
}

/// Every file under `dir` ending `ext`, sorted.
fn files_in(dir: &std::path::Path, ext: &str, into: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_in(&path, ext, into);
        } else if path.extension().is_some_and(|e| e == ext) {
            into.push(path);
        }
    }
    into.sort();
}

/// openfootball's Football.TXT files (England, Germany, Spain, Italy, the UEFA club
/// competitions) and the football.json files of the same seasons: one team per club.
/// Before club forms, the same import stored 302 teams: Atalanta / Atalanta BC, Real
/// Betis / Real Betis Balompié, Dinamo Zagreb / GNK Dinamo Zagreb, SS Lazio / Lazio
/// Roma, 1899 Hoffenheim / TSG 1899 Hoffenheim were two teams each.
#[test]
#[ignore = "needs ../shared/data"]
fn openfootball_gives_one_team_per_club() {
    let env = Env::new();
    let mut files = Vec::new();
    for country in ["england", "deutschland", "espana", "italy", "champions-league"] {
        files_in(&shared().join(country), "txt", &mut files);
    }
    files_in(&shared().join("football.json"), "json", &mut files);
    assert!(files.len() >= 20, "{files:?}");
    for file in &files {
        env.ok(&["import", file.to_str().unwrap()]);
    }
    let teams = names(&env);
    assert_eq!(teams.len(), 297, "{teams:?}");
    // No two stored teams share a club form.
    let mut forms = std::collections::HashMap::new();
    for team in &teams {
        if let Some(other) = forms.insert(matchday_core::club_form(team), team) {
            panic!("{team} and {other} share a club form");
        }
    }
    let id = |name: &str| env.json(&["honours", name])["name"].as_str().unwrap().to_string();
    for (one, other) in [
        ("Atalanta", "Atalanta BC"),
        ("Real Betis", "Real Betis Balompié"),
        ("Dinamo Zagreb", "GNK Dinamo Zagreb"),
        ("SS Lazio", "Lazio Roma"),
        ("1899 Hoffenheim", "TSG 1899 Hoffenheim"),
        ("FC Internazionale Milano", "Inter"),
        ("AC Milan", "Milan"),
    ] {
        assert_eq!(id(one), id(other), "{one} / {other}");
    }
    for (one, other) in [
        ("Manchester City", "Manchester United"),
        ("Sporting CP", "Sporting Clube de Braga"),
        ("FC Internazionale Milano", "AC Milan"),
        ("Real Madrid CF", "Real Sociedad de Fútbol"),
        ("Club Atlético de Madrid", "Real Madrid CF"),
        ("FC Bayern München", "Bayer Leverkusen"),
        ("Sheffield United", "Sheffield Wednesday"),
        ("Newcastle United", "West Ham United"),
    ] {
        assert_ne!(id(one), id(other), "{one} / {other}");
    }
    // Real Madrid won the 2023-24 Champions League, 2-0 against Borussia Dortmund.
    let madrid = env.json(&["honours", "Real Madrid"]);
    let european: Vec<&serde_json::Value> = madrid["trophies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == "european")
        .collect();
    assert!(
        european
            .iter()
            .any(|t| t["competition"].as_str().unwrap().contains("Champions League")),
        "{madrid}"
    );
}

#[test]
fn track_club_follows_every_competition_of_both_teams_each_labelled() {
    let env = Env::new();
    env.ok(&["import", &season(&env, "men.txt", MEN)]);
    env.ok(&["import", &season(&env, "league.txt", WOMENS_LEAGUE)]);
    env.ok(&["import", &season(&env, "women.txt", WOMEN)]);
    let day = ["--as-of", "2024-02-01"];
    // One team alone, as before: the women's competitions are not Liverpool's.
    let men = env.json(&["track", "Liverpool", day[0], day[1]]);
    assert_eq!(men.as_array().unwrap().len(), 1, "{men}");
    assert_eq!(men[0]["team"], "Liverpool");
    // The club: the men's team first, then the women's, leagues before cups.
    let club = env.json(&["track", "--club", "Liverpool", day[0], day[1]]);
    let rows: Vec<(&str, &str, &str)> = club
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["team"].as_str().unwrap(),
                t["competition"].as_str().unwrap(),
                t["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Liverpool", "League Mini Cup", "alive"),
            ("Liverpool FC Women", "Women's Super League", "alive"),
            ("Liverpool FC Women", "Women's Mini Cup", "alive"),
        ]
    );
    assert_eq!(club[1]["position"], 1);
    assert_eq!(club[1]["next_match"]["opponent"], "Chelsea FC Women");
    // Any team of the club finds the club.
    assert_eq!(
        env.json(&["track", "Liverpool FC Women", "--club", day[0], day[1]]),
        club
    );
    // The table gives each team its own heading and summary.
    let text = env.ok(&["track", "--club", "Liverpool", day[0], day[1], "--width", "100"]);
    let men_at = text.find("Liverpool, 2023-24, as of 2024-02-01").expect(&text);
    let women_at = text
        .find("Liverpool FC Women, 2023-24, as of 2024-02-01")
        .expect(&text);
    assert!(men_at < women_at, "{text}");
    assert!(text[women_at..].contains("Women's Super League"), "{text}");
    assert!(!text[..women_at].contains("Women's"), "{text}");
    assert_eq!(text.matches("Alive in").count(), 2, "{text}");
    // CSV names the team on every line.
    let csv = env.ok(&["track", "--club", "Liverpool", day[0], day[1], "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("team,competition,season,"), "{csv}");
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(lines[1].starts_with("Liverpool,League Mini Cup,"), "{csv}");
    assert!(
        lines[2].starts_with("Liverpool FC Women,Women's Super League,"),
        "{csv}"
    );
}
