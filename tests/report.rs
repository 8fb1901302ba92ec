//! Charts and the season page end to end: what `matchday chart` writes, what
//! `matchday report` writes, and the page loaded in a real headless Chromium.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Env, bundled, fixture};

const SCRIPT: &str = "<script>alert(\"x\")</script>";
const TEAMS: [&str; 4] = [
    SCRIPT,
    "Brighton & Hove \"Albion\"",
    "Northfield FC",
    "Southbury Town",
];

fn league() -> Env {
    let env = Env::new();
    env.ok(&["import", &fixture("script-league.season")]);
    env
}

/// The `<text>` contents of an SVG and their fill colours.
fn texts(doc: &roxmltree::Document<'_>) -> Vec<(String, String)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            (
                n.text().unwrap_or_default().trim().to_string(),
                n.attribute("fill").unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Every team named at a line end, in the colour of exactly one line.
fn assert_one_line_per_team(svg: &str, teams: &[&str]) {
    let doc = roxmltree::Document::parse(svg).expect("the chart is XML");
    let texts = texts(&doc);
    for team in teams {
        let (_, colour) = texts
            .iter()
            .find(|(text, _)| text.starts_with(team))
            .unwrap_or_else(|| panic!("{team} is named in the chart"));
        let lines = doc
            .descendants()
            .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some(colour))
            .count();
        assert_eq!(lines, 1, "one line drawn for {team}");
    }
}

#[test]
fn chart_writes_an_svg_with_every_team_named_and_one_line_each() {
    let env = league();
    let out = env.dir.path().join("race.svg");
    let said = env.ok(&["chart", "script-league", "--out", out.to_str().unwrap()]);
    assert!(
        said.starts_with("Wrote ") && said.contains("3 match days"),
        "{said}"
    );
    let svg = std::fs::read_to_string(&out).unwrap();
    assert_one_line_per_team(&svg, &TEAMS);
    assert!(!svg.contains(SCRIPT), "names are escaped");
    // The zones are named in the place chart.
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let names: Vec<String> = texts(&doc).into_iter().map(|(t, _)| t).collect();
    assert!(names.iter().any(|t| t == "champions") && names.iter().any(|t| t == "relegation"));
}

#[test]
fn chart_prints_the_svg_without_out_and_draws_only_the_teams_named() {
    let env = league();
    for kind in ["position", "points", "gap"] {
        let svg = env.ok(&[
            "chart",
            "Script League",
            "--teams",
            "Northfield,Southbury",
            "--kind",
            kind,
        ]);
        assert_one_line_per_team(&svg, &["Northfield FC", "Southbury Town"]);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let lines = doc.descendants().filter(|n| n.has_tag_name("polyline")).count();
        let named = texts(&doc)
            .into_iter()
            .filter(|(t, _)| t.starts_with("Brighton"))
            .count();
        assert_eq!(named, 0, "{kind}: only the teams asked for");
        assert!(lines >= 2);
    }
    // --as-of stops the lines: the points after match day 1.
    let svg = env.ok(&[
        "chart",
        "script-league",
        "--kind",
        "points",
        "--as-of",
        "2023-08-12",
    ]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(texts(&doc).iter().any(|(t, _)| t == "Northfield FC 0"));
    assert!(texts(&doc).iter().any(|(t, _)| t == "Southbury Town 1"));
}

#[test]
fn chart_refusals_name_what_was_wrong_and_write_nothing() {
    let env = league();
    let png = env.dir.path().join("race.png");
    let err = env.fails(&["chart", "script-league", "--out", png.to_str().unwrap()]);
    assert!(err.contains("SVG only") && err.contains("race.svg"), "{err}");
    assert!(!png.exists());
    let err = env.fails(&["chart", "script-league", "--out", "race.txt"]);
    assert!(err.contains("--out must name an .svg file"), "{err}");
    let err = env.fails(&["chart", "script-league", "--as-of", "2023-08-01"]);
    assert!(
        err.contains("nothing to chart") && err.contains("2023-08-01"),
        "{err}"
    );
    let err = env.fails(&["chart", "script-league", "--teams", "Nowhere Athletic"]);
    assert!(err.contains("Nowhere Athletic"), "{err}");
    env.ok(&["import", &fixture("mini-cup.txt")]);
    let err = env.fails(&["chart", "mini-cup"]);
    assert!(err.contains("Mini Cup is not a league"), "{err}");
}

/// Writes the page for the club named `<script>…` and returns its path and text.
fn page(env: &Env, as_of: Option<&str>) -> (PathBuf, String) {
    let out = env.dir.path().join("page");
    let mut args = vec!["report", "--team", "Northfield", "--season", "2023-24", "--out"];
    args.push(out.to_str().unwrap());
    if let Some(day) = as_of {
        args.extend(["--as-of", day]);
    }
    let said = env.ok(&args);
    let path = out.join("index.html");
    assert_eq!(said, format!("Wrote {}.\n", path.display()));
    let html = std::fs::read_to_string(&path).unwrap();
    (path, html)
}

#[test]
fn the_page_holds_tracker_table_chart_results_and_fixtures_with_names_escaped() {
    let env = league();
    let (_, html) = page(&env, None);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for part in [
        "id=\"tracker\"",
        "class=\"league-table\"",
        "<figure class=\"chart\">",
        "id=\"results\"",
        "id=\"fixtures\"",
    ] {
        assert!(html.contains(part), "the page has {part}");
    }
    // Nothing to fetch: no script, no link, no remote source.
    assert!(
        !html.contains("<script"),
        "no script element, and the club's name is escaped"
    );
    assert!(!html.contains("<link") && !html.contains("src="));
    assert!(
        !html
            .replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
            .contains("http")
    );
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(html.contains("Brighton &amp; Hove &quot;Albion&quot;"));
    // The inline chart is XML with the club and the top three named.
    let start = html.find("<svg").unwrap();
    let end = html.find("</svg>").unwrap() + "</svg>".len();
    assert_one_line_per_team(&html[start..end], &[SCRIPT, "Northfield FC"]);
    // Fixtures still to play: the odds are there too.
    assert!(html.contains("<h3>Odds</h3>") && html.contains("<h3>Gaps</h3>"));
    assert!(html.contains("Matchday 3"));
}

#[test]
fn the_page_on_a_day_shows_that_day() {
    let env = league();
    let (_, html) = page(&env, Some("2023-08-12"));
    assert!(html.contains("as of 12 August 2023"));
    // Northfield lost on the first day: a result, and the later matches are fixtures.
    let results = &html[html.find("id=\"results\"").unwrap()..html.find("id=\"fixtures\"").unwrap()];
    assert!(results.contains("2-1") && !results.contains("1-1"), "{results}");
}

#[test]
fn the_page_shows_the_clubs_group_with_its_shared_place_and_the_note() {
    let env = Env::new();
    env.ok(&["import", &fixture("group-h-2018.txt")]);
    let out = env.dir.path().join("japan");
    env.ok(&["report", "--team", "Japan", "--out", out.to_str().unwrap()]);
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let group = html
        .split("<section class=\"group\">")
        .nth(1)
        .expect("a group section");
    let group = &group[..group.find("</section>").unwrap()];
    assert!(group.contains("<h2>World Cup 2018, Group H</h2>"), "{group}");
    assert!(
        group.contains("<tr class=\"club zone-top\"><td class=\"n\">2=</td><td>Japan</td>"),
        "{group}"
    );
    assert!(group.contains("<td class=\"n\">2=</td><td>Senegal</td>"));
    assert!(
        group.contains("fair play decides"),
        "the note under the table: {group}"
    );
    assert!(
        !html.contains("<section class=\"league\""),
        "no league table for a group stage"
    );
}

#[test]
fn report_refusals() {
    let env = league();
    let err = env.fails(&["report", "--team", "Nowhere Athletic", "--out", "x"]);
    assert!(err.contains("Nowhere Athletic"), "{err}");
    let err = env.fails(&[
        "report",
        "--team",
        "Northfield",
        "--season",
        "2019-20",
        "--out",
        "x",
    ]);
    assert!(err.contains("2019-20"), "{err}");
    assert!(!env.dir.path().join("x").exists());
}

/// The 2023-24 title race as published: Manchester City 91, Arsenal 89, Liverpool 82;
/// Arsenal top at Christmas, Liverpool top on 1 February.
#[test]
fn the_2023_24_title_race() {
    let env = Env::new();
    env.ok(&["import", &bundled("premier-league-2023-24.season")]);
    let race = ["--teams", "Arsenal,Liverpool,Man City"];
    let svg = env.ok(&[
        &[
            "chart",
            "premier-league",
            "--season",
            "2023-24",
            "--kind",
            "points",
        ][..],
        &race[..],
    ]
    .concat());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let labels: Vec<String> = texts(&doc).into_iter().map(|(t, _)| t).collect();
    for end in ["Manchester City 91", "Arsenal 89", "Liverpool 82"] {
        assert!(labels.iter().any(|l| l == end), "{end} in {labels:?}");
    }
    // The names at the line ends of the place chart read top to bottom in final order.
    let leader_on = |day: &str| {
        let svg = env.ok(&[&["chart", "premier-league", "--as-of", day][..], &race[..]].concat());
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let mut ends: Vec<(f64, String)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| {
                (
                    n.attribute("y").unwrap().parse().unwrap(),
                    n.text().unwrap().trim().to_string(),
                )
            })
            .filter(|(_, name)| ["Arsenal", "Liverpool", "Manchester City"].contains(&name.as_str()))
            .collect();
        ends.sort_by(|a, b| a.0.total_cmp(&b.0));
        ends.into_iter().map(|(_, name)| name).collect::<Vec<_>>()
    };
    assert_eq!(
        leader_on("2024-05-19"),
        ["Manchester City", "Arsenal", "Liverpool"]
    );
    assert_eq!(
        leader_on("2023-12-25"),
        ["Arsenal", "Liverpool", "Manchester City"]
    );
    assert_eq!(
        leader_on("2024-02-01"),
        ["Liverpool", "Manchester City", "Arsenal"]
    );
}

/// Chromium from the distribution, if there is one on PATH.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|p| p.is_file())
}

/// Runs Chromium headless on `args` plus the page, with a fresh profile, and
/// returns what it printed on standard output and standard error.
fn run_chromium(chromium: &Path, page: &Path, args: &[String]) -> (String, String) {
    let profile = tempfile::TempDir::new().unwrap();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish within two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The page in a real browser: the DOM Chromium builds holds the table and the chart,
/// the club named `<script>` stays text, and the console shows no error.
/// Skipped with a message where there is no Chromium, except in CI (`CI` set), where
/// `.ci/run` installs it and its absence is a failure.
#[test]
fn the_page_renders_in_headless_chromium() {
    let Some(chromium) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser test: chromium is not on PATH (.ci/run installs it)"
        );
        eprintln!("skipped: no chromium on PATH (apt-get install chromium)");
        return;
    };
    let env = league();
    let (path, _) = page(&env, None);
    let (dom, log) = run_chromium(&chromium, &path, &["--dump-dom".to_string()]);
    assert!(
        dom.contains("<table class=\"league-table\">"),
        "the table is in the DOM"
    );
    let rows = dom.matches("<tr class=").count();
    assert!(rows >= 4, "every club has a row: {rows}");
    assert!(
        dom.contains("<svg") && dom.contains("<polyline"),
        "the chart is in the DOM"
    );
    assert!(!dom.contains("<script"), "no script element came out of a name");
    assert!(
        dom.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt;"),
        "the name is text"
    );
    for line in log.lines() {
        assert!(
            // The page has no script, so any console message at all is a fault.
            !line.contains("Uncaught") && !line.contains(":CONSOLE"),
            "console message: {line}"
        );
    }
}
