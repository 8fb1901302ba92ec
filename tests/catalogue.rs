//! The competition catalogue end to end (issue 18): an import picks the catalogue's entry
//! by name, alias or code and stores the season under its structure, regulations and zones;
//! a competition it does not know gets the plain default and the import says so; a league's
//! third and fourth meetings, and a knockout play-off between clubs that met in the league
//! phase, are new matches, never updates; a user's catalogue file is read over the bundled one.

mod common;

use common::Env;
use serde_json::Value;

/// Writes `text` into the test's folder as `name` and returns its path.
fn file(env: &Env, name: &str, text: &str) -> String {
    let path = env.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// (team, played, points) of a table.
fn rows(table: &Value) -> Vec<(String, i64, i64)> {
    table
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["team"].as_str().unwrap().to_string(),
                r["played"].as_i64().unwrap(),
                r["points"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn competition(env: &Env, slug: &str) -> Value {
    let all = env.json(&["competitions"]);
    all.as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == slug)
        .unwrap_or_else(|| panic!("no {slug} in {all}"))
        .clone()
}

/// A football-data.co.uk file of the Scottish Premiership (`SC0`): Celtic are at home to
/// Rangers twice, as a season of three meetings and a split allows. Before the catalogue a
/// league match was its pairing without a day, so the second meeting replaced the first.
const SCOTLAND: &str = "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR
SC0,05/08/2023,Celtic,Ross County,4,2,H
SC0,05/08/2023,Rangers,Kilmarnock,0,1,A
SC0,02/09/2023,Rangers,Celtic,0,1,A
SC0,02/09/2023,Kilmarnock,Ross County,2,2,D
SC0,30/12/2023,Celtic,Rangers,2,1,H
SC0,30/12/2023,Ross County,Kilmarnock,1,0,H
SC0,07/04/2024,Rangers,Celtic,3,3,D
SC0,06/04/2024,Kilmarnock,Ross County,1,1,D
SC0,11/05/2024,Celtic,Rangers,2,1,H
SC0,11/05/2024,Ross County,Kilmarnock,0,0,D
";

#[test]
fn a_third_and_fourth_meeting_are_new_matches_never_updates() {
    let env = Env::new();
    let path = file(&env, "SC0.csv", SCOTLAND);
    let out = env.ok(&["import", &path]);
    assert!(
        out.starts_with("imported Scottish Premiership 2023-24: 10 matches added, 0 updated, 0 unchanged"),
        "{out}"
    );
    // The code named the catalogue's entry: its split, its rules.
    let scots = competition(&env, "scottish-premiership");
    assert_eq!(scots["rules"], "scottish-premiership");
    let table = rows(&env.json(&["table", "scottish-premiership"]));
    assert_eq!(table[0], ("Celtic".to_string(), 5, 13));
    assert_eq!(table[3], ("Rangers".to_string(), 5, 1));
    // The same file again changes nothing; a newer copy updates the one match that changed.
    let again = env.ok(&["import", &path]);
    assert!(
        again.contains("0 matches added, 0 updated, 10 unchanged"),
        "{again}"
    );
    let corrected = file(
        &env,
        "SC0-new.csv",
        &SCOTLAND.replace(
            "11/05/2024,Celtic,Rangers,2,1,H",
            "11/05/2024,Celtic,Rangers,2,2,D",
        ),
    );
    let newer = env.ok(&["import", &corrected]);
    assert!(
        newer.contains("0 matches added, 1 updated, 9 unchanged"),
        "{newer}"
    );
    assert_eq!(rows(&env.json(&["table", "scottish-premiership"]))[0].2, 11);
}

/// A league phase, then knockout play-offs between clubs that met in it (Juventus 3-1 PSV
/// in the league phase, then Juventus 2-1 PSV in the play-offs' first leg, 2024-25).
const LEAGUE_PHASE: &str = "= UEFA Champions League 2024/25

» League, Matchday 1
  Tue Sep 17 2024
    Juventus FC (ITA)       v PSV (NED)                3-1 (2-0)
    Liverpool FC (ENG)      v FC Barcelona (ESP)       2-0
» League, Matchday 2
  Tue Oct 1 2024
    PSV (NED)               v Liverpool FC (ENG)       1-1
    FC Barcelona (ESP)      v Juventus FC (ITA)        2-2

» Playoffs, Matchday 1
  Tue Feb 11 2025
    Juventus FC (ITA)       v PSV (NED)                2-1 (1-0)
» Playoffs, Matchday 2
  Wed Feb 19 2025
    PSV (NED)               v Juventus FC (ITA)        3-1 a.e.t. (2-1, 0-0)
";

#[test]
fn a_knockout_play_off_is_a_new_match_and_no_league_phase_meeting() {
    let env = Env::new();
    let path = file(&env, "cl.txt", LEAGUE_PHASE);
    let out = env.ok(&["import", &path]);
    assert!(out.contains("6 matches added, 0 updated"), "{out}");
    let ucl = competition(&env, "uefa-champions-league");
    assert_eq!(ucl["rules"], "uefa-league-phase");
    // The league phase's table counts its own four matches, not the play-offs.
    let table = rows(&env.json(&["table", "uefa-champions-league"]));
    let juventus = table.iter().find(|r| r.0 == "Juventus").unwrap();
    assert_eq!((juventus.1, juventus.2), (2, 4));
    assert!(table.iter().all(|r| r.1 == 2), "{table:?}");
}

/// A league file ending with its play-offs (the Championship's layout): two-legged
/// semi-finals, the second going to extra time and penalties on aggregate, then a final.
const CHAMPIONSHIP: &str = "= English Championship 2023/24

Matchday 1
[Sat Aug/5]
  Leeds United FC          2-1  Southampton FC
  Norwich City FC          1-0  West Bromwich Albion FC
Matchday 2
[Sat Aug/12]
  Southampton FC           1-1  Norwich City FC
  West Bromwich Albion FC  0-2  Leeds United FC
Matchday 3
[Sat Aug/19]
  Leeds United FC          1-1  Norwich City FC
  Southampton FC           3-0  West Bromwich Albion FC
Matchday 4
[Sat Aug/26]
  Southampton FC           0-1  Leeds United FC
  West Bromwich Albion FC  2-2  Norwich City FC
Matchday 5
[Sat Sep/2]
  Norwich City FC          0-3  Southampton FC
  Leeds United FC          1-0  West Bromwich Albion FC
Matchday 6
[Sat Sep/16]
  Norwich City FC          2-0  Leeds United FC
  West Bromwich Albion FC  1-1  Southampton FC


== Finals

Semifinals
[Sun May/12]
  Norwich City FC          0-0  Leeds United FC
  West Bromwich Albion FC  1-0  Southampton FC
[Thu May/16]
  Leeds United FC          4-0  Norwich City FC
[Fri May/17]
  Southampton FC           4-3 pen. 1-0 a.e.t. (1-0, 0-0)  West Bromwich Albion FC

Final
[Sun May/26]
  Leeds United FC          0-1  Southampton FC
";

#[test]
fn a_league_files_play_offs_are_a_stage_of_their_own_not_league_matches() {
    let env = Env::new();
    let path = file(&env, "2-championship.txt", CHAMPIONSHIP);
    let out = env.ok(&["import", &path]);
    assert!(
        out.starts_with("imported Championship 2023-24: 17 matches added, 0 updated"),
        "{out}"
    );
    let championship = competition(&env, "championship");
    assert_eq!(championship["rules"], "efl");
    assert_eq!(championship["format"], "league");
    // Six league matches each, whatever the play-offs added.
    let table = rows(&env.json(&["table", "championship"]));
    assert!(table.iter().all(|r| r.1 == 6), "{table:?}");
    assert_eq!(table[0], ("Leeds United".to_string(), 6, 13));
}

#[test]
fn a_competition_the_catalogue_does_not_know_gets_the_plain_default_and_says_so() {
    let env = Env::new();
    let path = file(
        &env,
        "highland.txt",
        "= Highland Football League 2024/25\n\nMatchday 1\n[Sat Aug/3]\n  Brora Rangers  2-0  Fraserburgh\n  Buckie Thistle  1-1  Formartine United\n",
    );
    let out = env.ok(&["import", &path]);
    assert!(
        out.contains(
            "note: Highland Football League 2024-25: not in the catalogue; stored as a league of 2 meetings \
             under the plain rules"
        ),
        "{out}"
    );
    assert!(
        out.contains("matchday competition set highland-football-league --rules NAME"),
        "{out}"
    );
    let highland = competition(&env, "highland-football-league");
    assert_eq!(highland["rules"], "plain");
    // The note is for a season the import creates: a second import is quiet.
    let again = env.ok(&["import", &path]);
    assert!(!again.contains("note:"), "{again}");
}

#[test]
fn a_known_name_in_another_language_finds_its_entry() {
    // Austria's own openfootball files name the league "Österr. Bundesliga": once read as
    // Germany's Bundesliga (Germany's rules and zones, no split).
    let env = Env::new();
    let path = file(
        &env,
        "at.1.txt",
        "= Österr. Bundesliga 2023/24\n\n▪ Round 1\nJul 28\n  Sturm Graz  3-1  Blau-Weiß Linz\n  Salzburg  2-0  Hartberg\n",
    );
    env.ok(&["import", &path]);
    let austria = competition(&env, "austrian-bundesliga");
    assert_eq!(austria["rules"], "austrian-bundesliga");
    assert_eq!(austria["name"], "Austrian Bundesliga");
    let table = env.ok(&["table", "austrian-bundesliga"]);
    assert!(
        table.contains("the league splits after 22 rounds: see --stage Championship or --stage Relegation"),
        "{table}"
    );
}

#[test]
fn a_users_catalogue_file_is_read_over_the_bundled_one() {
    let env = Env::new();
    let mine = file(
        &env,
        "mine.toml",
        r#"
[[competition]]
name = "Highland Football League"
aliases = ["HFL"]
country = "Scotland"

  [[competition.edition]]
  seasons = "2020-21.."
  rules = "scottish-premiership"
  stages = [{ name = "League", kind = "league", meetings = 2 }]
  zones = ["champions=1", "bottom=last 1"]
"#,
    );
    let path = file(
        &env,
        "hfl.txt",
        "= HFL 2024/25\n\nMatchday 1\n[Sat Aug/3]\n  Brora Rangers  2-0  Fraserburgh\n  Buckie Thistle  1-1  Formartine United\n",
    );
    let out = env.ok(&["--catalogue", &mine, "import", &path]);
    assert!(!out.contains("note:"), "{out}");
    let highland = competition(&env, "highland-football-league");
    assert_eq!(highland["rules"], "scottish-premiership");
    assert_eq!(highland["zones"], serde_json::json!(["champions=1", "bottom=4"]));
    // A catalogue that cannot be read is refused in one line naming the file and entry.
    let broken = file(
        &env,
        "broken.toml",
        &std::fs::read_to_string(&mine)
            .unwrap()
            .replace("\"2020-21..\"", "\"twenty\""),
    );
    let err = env.fails(&["--catalogue", &broken, "import", &path]);
    assert!(
        err.contains("broken.toml: competition 'Highland Football League': cannot read seasons \"twenty\""),
        "{err}"
    );
}

/// Ligue 1 ranks clubs level on points and goal difference by their meetings (LFP
/// regulations, art. 518 ter): Metz and Lorient, 2023-24, each won away (2-3 and 1-2), level
/// on head-to-head points, goal difference and goals, Metz ahead on away goals in them.
#[test]
fn ligue_1_breaks_ties_by_head_to_head_after_goal_difference() {
    let env = Env::new();
    let path = file(
        &env,
        "fr.1.txt",
        "= French Ligue 1 2023/24\n\nMatchday 1\n[Sun Nov/26]\n  FC Lorient  2-3  FC Metz\n  Clermont Foot  0-0  Le Havre AC\n\
         Matchday 2\n[Sun Apr/7]\n  FC Metz  1-2  FC Lorient\n  Le Havre AC  1-0  Clermont Foot\n",
    );
    env.ok(&["import", &path]);
    assert_eq!(competition(&env, "ligue-1")["rules"], "ligue-1");
    let table = rows(&env.json(&["table", "ligue-1"]));
    let order: Vec<&str> = table.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(order, ["Le Havre AC", "FC Metz", "FC Lorient", "Clermont Foot"]);
}

/// The same season from two sources, one naming its rounds and one not (engsoccerdata's
/// history and then the bundled season file once refused as "Burnley already plays
/// Manchester City"): the second finds every match of the first by its day.
#[test]
fn the_same_league_matches_from_another_source_are_found_not_added() {
    let env = Env::new();
    let csv = file(
        &env,
        "E0.csv",
        "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR\n\
         E0,30/12/2023,Liverpool,Newcastle,4,2,H\n\
         E0,21/01/2024,Bournemouth,Liverpool,0,4,A\n\
         E0,31/01/2024,Liverpool,Chelsea,4,1,H\n",
    );
    env.ok(&["import", &csv]);
    let txt = file(
        &env,
        "1-premierleague.txt",
        "= English Premier League 2023/24\n\n\
         Matchday 20\n[Sat Dec/30]\n  Liverpool FC  4-2 (0-0)  Newcastle United FC\n\
         Matchday 21\n[Sun Jan/21]\n  AFC Bournemouth  0-4 (0-1)  Liverpool FC\n\
         Matchday 22\n[Wed Jan/31]\n  Liverpool FC  4-1 (2-0)  Chelsea FC\n",
    );
    let out = env.ok(&["import", &txt]);
    // Their rounds and half-time scores are new facts of the stored matches.
    assert!(out.contains("0 matches added, 3 updated, 0 unchanged"), "{out}");
    let results = env.json(&["results", "-c", "premier-league"]);
    assert_eq!(results.as_array().unwrap().len(), 3);
}

#[test]
fn competition_set_changes_the_stages_checked_against_the_matches_stored() {
    let env = Env::new();
    let path = file(&env, "SC0.csv", SCOTLAND);
    env.ok(&["import", &path]);
    // Two meetings cannot hold Celtic's two home matches against Rangers: refused, nothing changed.
    let two = r#"[{"name":"League","kind":"league","meetings":2}]"#;
    let err = env.fails(&["competition", "set", "scottish-premiership", "--stages", two]);
    assert!(err.contains("Celtic"), "{err}");
    assert_eq!(competition(&env, "scottish-premiership")["format"], "league");
    let four = r#"[{"name":"League","kind":"league","meetings":4}]"#;
    env.ok(&["competition", "set", "scottish-premiership", "--stages", four]);
    assert_eq!(
        competition(&env, "scottish-premiership")["stages"],
        serde_json::json!([{"name": "League", "kind": "league", "meetings": 4}])
    );
    let bad = env.fails(&["competition", "set", "scottish-premiership", "--stages", "[]"]);
    assert!(bad.contains("cannot read stages"), "{bad}");
    // Issue 19: a zone past the table's last place is refused, and nothing changes.
    let before = competition(&env, "scottish-premiership");
    let beyond = env.fails(&[
        "competition",
        "set",
        "scottish-premiership",
        "--zones",
        "relegation=999-1000",
    ]);
    assert!(
        beyond.contains("zone relegation=999-1000 lies beyond the table's 4 places"),
        "{beyond}"
    );
    assert_eq!(competition(&env, "scottish-premiership"), before);
    env.ok(&[
        "competition",
        "set",
        "scottish-premiership",
        "--zones",
        "relegation=4",
    ]);
}

/// A season file carries the stages, regulations, ranking and decisions, so an export and a
/// re-import into another database is exact: World Cup 2018 Group H, where fair play put
/// Japan above Senegal.
#[test]
fn an_exported_season_carries_its_stages_and_decisions() {
    let env = Env::new();
    env.ok(&["import", &common::fixture("group-h-2018.txt")]);
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
    let two = r#"[{"name":"Group stage","kind":"groups","meetings":1,"qualification":[{"rule":"places","first":1,"last":2,"to":"next_stage"}]},{"name":"Knockout stage","kind":"knockout","third_place":false}]"#;
    env.ok(&["competition", "set", "world-cup", "--stages", two]);
    let exported = env.ok(&["export", "world-cup", "--season", "2018"]);
    assert!(
        exported.contains("decide: fair-play | group H | Japan | Senegal"),
        "{exported}"
    );
    let again = Env::new();
    let path = file(&again, "wc.season", &exported);
    again.ok(&["import", &path]);
    assert_eq!(again.ok(&["export", "world-cup", "--season", "2018"]), exported);
    let table = again.json(&["table", "world-cup"]);
    assert_eq!(
        (table[1]["team"].as_str(), table[1]["shared"].as_bool()),
        (Some("Japan"), Some(false))
    );
    assert_eq!(
        competition(&again, "world-cup")["stages"],
        competition(&env, "world-cup")["stages"]
    );
}

/// Serie A 2022-23 ended with a relegation play-off, Spezia 1-3 Verona, which could once be
/// recorded only as a 39th league match: a league's play-off round is a stage of its own.
#[test]
fn a_leagues_play_off_is_recorded_apart_from_its_meetings() {
    let env = Env::new();
    env.ok(&["competition", "add", "Serie A", "--season", "2022-23"]);
    assert_eq!(competition(&env, "serie-a")["rules"], "serie-a");
    for team in ["Spezia", "Verona"] {
        env.ok(&["team", "add", team]);
    }
    env.ok(&["entrant", "add", "serie-a", "Spezia", "Verona", "--force"]);
    env.ok(&["result", "Spezia 1-2 Verona", "-c", "serie-a", "-d", "2023-01-15"]);
    env.ok(&["result", "Verona 1-1 Spezia", "-c", "serie-a", "-d", "2023-04-16"]);
    env.ok(&[
        "result",
        "Spezia 1-3 Verona",
        "-c",
        "serie-a",
        "-d",
        "2023-06-11",
        "--round",
        "Relegation play-off",
        "--neutral",
    ]);
    let table = rows(&env.json(&["table", "serie-a"]));
    assert_eq!(
        table,
        [("Verona".to_string(), 2, 4), ("Spezia".to_string(), 2, 1)]
    );
    // A second home meeting in a league of two is still the stored match on another day.
    let err = env.fails(&["result", "Spezia 0-0 Verona", "-c", "serie-a", "-d", "2023-05-20"]);
    assert!(err.contains("already has a result stored on 2023-01-15"), "{err}");
}

#[test]
fn the_catalogue_says_which_rounds_are_at_a_neutral_ground() {
    // The FA Cup's semi-finals are at Wembley; Football.TXT does not say so, and a cup
    // the catalogue does not know keeps the file's home side.
    let text = |title: &str| {
        format!(
            "= {title} 2023/24\n» Semifinals\n  Sat Apr/20 2024\n    \
             17.15  Coventry City  v Manchester United  2-4 pen. 3-3 a.e.t. (3-3, 0-2)\n\
             » Final\n  Sat May/25 2024\n    15.00  Manchester City  v Manchester United  1-2 (0-1)\n"
        )
    };
    let env = Env::new();
    let fa = file(&env, "facup.txt", &text("FA Cup"));
    let other = file(&env, "othercup.txt", &text("Mini Cup"));
    env.ok(&["import", &fa, &other]);
    let venues = |slug: &str| -> Vec<String> {
        env.json(&["results", "-c", slug])
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                format!(
                    "{} {}",
                    m["round"].as_str().unwrap(),
                    m["venue"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(venues("fa-cup"), ["Semifinals neutral", "Final neutral"]);
    assert_eq!(venues("mini-cup"), ["Semifinals home", "Final neutral"]);
}
