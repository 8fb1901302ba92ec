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
        group
            .contains("<tr class=\"club zone-top\"><td class=\"n pos\">2=</td><td class=\"team\">Japan</td>"),
        "{group}"
    );
    assert!(group.contains("<td class=\"n pos\">2=</td><td class=\"team\">Senegal</td>"));
    assert!(
        group.contains("fair play decides"),
        "the note under the table: {group}"
    );
    assert!(
        !html.contains("matchday decide") && !html.contains('`'),
        "no command to type on the page: {group}"
    );
    assert!(
        !html.contains("<section class=\"league\""),
        "no league table for a group stage"
    );
}

/// Northfield FC and Northfield FC Women: two teams of one club, one page.
fn club() -> Env {
    let env = league();
    env.ok(&["import", &fixture("northfield-women.season")]);
    env
}

/// Writes `report ARGS --out DIR` and returns the page's path and text.
fn report(env: &Env, args: &[&str]) -> (PathBuf, String) {
    let out = env
        .dir
        .path()
        .join(format!("page-{}", args.join("-").replace([' ', '/'], "_")));
    let mut all = vec!["report"];
    all.extend(args);
    all.extend(["--out", out.to_str().unwrap()]);
    env.ok(&all);
    let path = out.join("index.html");
    let html = std::fs::read_to_string(&path).unwrap();
    (path, html)
}

#[test]
fn report_club_has_a_section_for_each_team_of_the_club() {
    let env = club();
    // Named by either team, the club is the same.
    let (_, html) = report(&env, &["--club", "Northfield"]);
    let (_, women) = report(&env, &["--club", "Northfield FC Women"]);
    assert_eq!(html, women);
    assert!(
        html.contains("<h1>Northfield</h1>"),
        "the club's name heads the page"
    );
    let sections: Vec<&str> = html.split("<section class=\"team\"").skip(1).collect();
    assert_eq!(sections.len(), 2);
    assert!(sections[0].contains("<h2 class=\"team\">Northfield FC</h2>"));
    assert!(sections[0].contains("<h3>Script League 2023-24</h3>"));
    assert!(!sections[0].contains("Script Women"));
    assert!(sections[1].contains("<h2 class=\"team\">Northfield FC Women</h2>"));
    assert!(sections[1].contains("<h3>Script Women&#39;s League 2023-24</h3>"));
    // Each team's own row is marked in its own table, and its own results are listed.
    assert!(sections[1].contains(
        "<tr class=\"club zone-top\"><td class=\"n pos\">1</td><td class=\"team\">Northfield FC Women</td>"
    ));
    assert!(
        sections[1].contains("Westport WFC</td><td>0-2</td>"),
        "{}",
        sections[1]
    );
    // The deduction says when and why.
    assert!(
        sections[1].contains(
            "* Westport WFC: 3 points deducted on 20 September 2023 (fielding an ineligible player)."
        )
    );
    // --team is one team's page; both at once is a usage error.
    let (_, men) = report(&env, &["--team", "Northfield"]);
    assert!(!men.contains("Northfield FC Women") && !men.contains("<section class=\"team\""));
    let err = env.fails(&[
        "report",
        "--team",
        "Northfield",
        "--club",
        "Northfield",
        "--out",
        "x",
    ]);
    assert!(err.contains("cannot be used with"), "{err}");
    let err = env.fails(&["report", "--out", "x"]);
    assert!(err.contains("required arguments were not provided"), "{err}");
    let said = env.cmd(&["report", "--out", "x"]).failure();
    let said = String::from_utf8_lossy(&said.get_output().stderr).into_owned();
    assert!(said.contains("<--team <TEAM>|--club <CLUB>>"), "{said}");
}

/// A Europa League group's third went on to the Conference League's knockout play-offs:
/// its row is edged as a way on, not as relegation.
#[test]
fn a_third_place_that_goes_on_is_not_coloured_as_relegation() {
    let env = Env::new();
    env.ok(&["import", &bundled("europa-league-2023-24.season")]);
    let (_, html) = report(&env, &["--team", "Liverpool"]);
    let group = html.split("<section class=\"group\">").nth(1).unwrap();
    let group = &group[..group.find("</section>").unwrap()];
    assert!(group.contains("Group E"), "{group}");
    let third = group
        .lines()
        .find(|l| l.contains("<td class=\"n pos\">3</td>"))
        .unwrap_or_else(|| panic!("a third: {group}"));
    assert!(
        third.contains("zone-top") && third.contains("conference-league"),
        "{third}"
    );
    assert!(!group.contains("zone-bottom"), "{group}");
}

/// Everton's 2023-24: ten points off on 17 November, four back on 26 February.
#[test]
fn a_deduction_note_gives_its_day_and_reason() {
    let env = Env::new();
    env.ok(&["import", &bundled("premier-league-2023-24.season")]);
    let (_, html) = report(&env, &["--team", "Everton", "--as-of", "2024-03-01"]);
    assert!(
        html.contains(
            "* Everton: 6 points deducted: 10 points deducted on 17 November 2023 (breach of the profit \
             and sustainability rules (2021-22)); 4 points given back on 26 February 2024 (reduced to six \
             points on appeal)."
        ),
        "{}",
        html.lines()
            .filter(|l| l.contains("* Everton"))
            .collect::<String>()
    );
    // Odds on the page read as the terminal's: nothing simulated reads 100% or 0% unless settled.
    let odds = html.split("<h3>Odds</h3>").nth(1).unwrap();
    assert!(odds.contains("&lt;0.1%"), "{odds}");
}

#[test]
fn chart_group_draws_each_group_or_the_one_named() {
    let env = Env::new();
    env.ok(&["import", &bundled("europa-league-2023-24.season")]);
    let svg = env.ok(&["chart", "europa-league", "--season", "2023-24", "--group", "E"]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert!(title.text().unwrap().contains("Group E"), "{svg}");
    assert_one_line_per_team(&svg, &["Liverpool", "Toulouse", "LASK"]);
    let lines = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some("2"))
        .count();
    assert_eq!(lines, 4, "four teams in the group");
    // Every group, one chart each, in one SVG; without --group too.
    let all = env.ok(&["chart", "europa-league", "--season", "2023-24", "--group"]);
    let doc = roxmltree::Document::parse(&all).unwrap();
    assert_eq!(doc.descendants().filter(|n| n.has_tag_name("svg")).count(), 9);
    assert_eq!(all, env.ok(&["chart", "europa-league", "--season", "2023-24"]));
    // --teams picks the group of the team.
    let liverpool = env.ok(&[
        "chart",
        "europa-league",
        "--season",
        "2023-24",
        "--teams",
        "Liverpool",
    ]);
    assert!(liverpool.contains("Group E") && !liverpool.contains("Group A"));
    let err = env.fails(&["chart", "europa-league", "--season", "2023-24", "--group", "Z"]);
    assert!(err.contains("has no group 'Z' (groups: A, B"), "{err}");
    env.ok(&["import", &bundled("premier-league-2023-24.season")]);
    let err = env.fails(&["chart", "premier-league", "--group", "A"]);
    assert!(err.contains("no group stage"), "{err}");
}

/// A team keeps its colour in every chart of the season: whatever else is drawn, and on the page.
#[test]
fn a_team_has_one_colour_in_every_chart_and_page_of_the_season() {
    let env = Env::new();
    env.ok(&["import", &bundled("premier-league-2023-24.season")]);
    let colour = |svg: &str, team: &str| {
        let doc = roxmltree::Document::parse(svg).unwrap();
        let found = texts(&doc)
            .into_iter()
            .find(|(t, _)| t == team || t.starts_with(&format!("{team} ")))
            .unwrap_or_else(|| panic!("{team} in the chart"));
        found.1
    };
    let all = env.ok(&["chart", "premier-league", "--season", "2023-24"]);
    let two = env.ok(&[
        "chart",
        "premier-league",
        "--teams",
        "Arsenal,Liverpool",
        "--kind",
        "gap",
    ]);
    let later = env.ok(&[
        "chart",
        "premier-league",
        "--teams",
        "Liverpool",
        "--as-of",
        "2023-12-25",
    ]);
    let (_, page) = report(&env, &["--team", "Arsenal", "--as-of", "2024-02-01"]);
    let start = page.find("<svg").unwrap();
    let chart = &page[start..page[start..].find("</svg>").unwrap() + start + 6];
    for team in ["Liverpool", "Arsenal"] {
        assert_eq!(colour(&all, team), colour(&two, team), "{team}");
        assert_eq!(colour(&all, team), colour(chart, team), "{team} on the page");
    }
    assert_eq!(colour(&all, "Liverpool"), colour(&later, "Liverpool"));
    // No two teams of the league share a colour.
    let doc = roxmltree::Document::parse(&all).unwrap();
    let mut fills: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some("2"))
        .map(|n| n.attribute("stroke").unwrap().to_string())
        .collect();
    assert_eq!(fills.len(), 20);
    fills.sort();
    fills.dedup();
    assert_eq!(fills.len(), 20, "twenty colours");
}

#[test]
fn report_refusals() {
    let env = league();
    let err = env.fails(&["report", "--team", "Nowhere Athletic", "--out", "x"]);
    assert!(err.contains("Nowhere Athletic"), "{err}");
    let err = env.fails(&["report", "--club", "Nowhere Athletic", "--out", "x"]);
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

/// Chromium for a browser test, or `None` with a message that the test is skipped;
/// in CI (`CI` set) its absence is a failure, as `.ci/run` installs it.
fn chromium_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser test: chromium is not on PATH (.ci/run installs it)"
        );
        eprintln!("skipped: no chromium on PATH (apt-get install chromium)");
    }
    found
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
    let Some(chromium) = chromium_or_skip() else {
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

/// Loads `page` in a frame `width` pixels wide (headless Chromium keeps its window at
/// least 500 wide, so a phone's 390 is a frame's width), and returns what the page
/// measured there: its scroll width, the frame's width, how many table boxes scroll
/// inside themselves, how the team column is positioned, and each chart shown
/// ("420x366": the drawing's width and the width it takes on the screen).
fn measured(chromium: &Path, page: &Path, width: u32) -> String {
    let frame = page.with_file_name(format!("frame-{width}.html"));
    let html = format!(
        "<!DOCTYPE html><html><body style=\"margin:0\">\
         <iframe id=\"f\" src=\"{}\" style=\"border:0;width:{width}px;height:900px\"></iframe>\
         <script>window.addEventListener('load', function () {{\
           var w = document.getElementById('f').contentWindow, d = w.document;\
           var shown = Array.prototype.filter.call(d.querySelectorAll('figure svg'), function (s) {{\
             return s.getBoundingClientRect().width > 0; }}).map(function (s) {{\
             return s.viewBox.baseVal.width + 'x' + Math.round(s.getBoundingClientRect().width); }});\
           var boxes = Array.prototype.filter.call(d.querySelectorAll('.scroll'), function (b) {{\
             return b.scrollWidth > b.clientWidth; }}).length;\
           var team = w.getComputedStyle(d.querySelector('td.team')).position;\
           document.body.setAttribute('data-measured', [d.documentElement.scrollWidth, w.innerWidth,\
             boxes, team, shown.join(',')].join(' '));\
         }});</script></body></html>",
        page.file_name().unwrap().to_str().unwrap()
    );
    std::fs::write(&frame, html).unwrap();
    let (dom, _) = run_chromium(
        chromium,
        &frame,
        &[
            "--dump-dom".to_string(),
            "--allow-file-access-from-files".to_string(),
            "--hide-scrollbars".to_string(),
            "--window-size=1300,1000".to_string(),
        ],
    );
    let start = dom.find("data-measured=\"").expect("the page was measured") + "data-measured=\"".len();
    dom[start..start + dom[start..].find('"').unwrap()].to_string()
}

/// The club's page on a phone (390 pixels) and on a desktop (1280): the page is never
/// wider than the screen; on the phone the wide tables scroll in their own boxes with
/// the team's name held at the left, and the chart shown is the one drawn for a phone.
/// Skipped with a message where there is no Chromium, except in CI.
#[test]
fn the_page_fits_a_phone_and_a_desktop_in_headless_chromium() {
    let Some(chromium) = chromium_or_skip() else {
        return;
    };
    let env = Env::new();
    let season = ["premier-league", "fa-cup", "efl-cup", "europa-league"]
        .map(|c| bundled(&format!("{c}-2023-24.season")));
    env.ok(&[
        &["import"][..],
        &season.iter().map(String::as_str).collect::<Vec<_>>(),
    ]
    .concat());
    let (liverpool, _) = report(&env, &["--club", "Liverpool", "--as-of", "2024-02-01"]);
    let club = club();
    let (northfield, _) = report(&club, &["--club", "Northfield"]);
    for (page, tables_scroll) in [(&liverpool, true), (&northfield, false)] {
        let phone = measured(&chromium, page, 390);
        let parts: Vec<&str> = phone.split(' ').collect();
        assert_eq!(
            parts[0],
            parts[1],
            "{}: no sideways scrolling on a phone: {phone}",
            page.display()
        );
        assert_eq!(parts[1], "390", "{phone}");
        assert_eq!(parts[3], "sticky", "the team's name is held: {phone}");
        if tables_scroll {
            assert!(
                parts[2].parse::<u32>().unwrap() > 0,
                "a wide table scrolls in its box: {phone}"
            );
        }
        for chart in parts[4].split(',') {
            assert!(chart.starts_with("420x"), "the phone's chart: {phone}");
        }
        let desktop = measured(&chromium, page, 1280);
        let parts: Vec<&str> = desktop.split(' ').collect();
        assert_eq!(
            parts[0],
            parts[1],
            "{}: no sideways scrolling: {desktop}",
            page.display()
        );
        assert_eq!((parts[1], parts[2]), ("1280", "0"), "every table fits: {desktop}");
        for chart in parts[4].split(',') {
            assert!(chart.starts_with("960x"), "the wide chart: {desktop}");
        }
    }
}

/// Liverpool's club page with its women's team in the 2023-24 Women's Super League
/// (../shared/data/women, CC BY-SA: read in place, never copied).
#[test]
#[ignore = "needs ../shared/data"]
fn liverpools_club_page_has_the_womens_super_league() {
    let women = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/women/2023-24-wsl.txt");
    let env = Env::new();
    env.ok(&["import", &bundled("premier-league-2023-24.season")]);
    env.ok(&["import", women.to_str().unwrap()]);
    let (_, html) = report(&env, &["--club", "Liverpool", "--season", "2023-24"]);
    let sections: Vec<&str> = html.split("<section class=\"team\"").skip(1).collect();
    assert_eq!(sections.len(), 2, "the men's and the women's teams");
    assert!(sections[0].contains("<h2 class=\"team\">Liverpool</h2>"));
    assert!(sections[1].contains("<h2 class=\"team\">Liverpool FC Women</h2>"));
    // Fourth in the published table: won 12, drew 5, lost 5, 41 points.
    let row = sections[1]
        .lines()
        .find(|l| l.contains("<tr class=\"club"))
        .expect("the women's team's row");
    assert!(row.contains("<td class=\"n pos\">4</td>"), "{row}");
    assert!(
        row.contains("<td class=\"n\">12</td><td class=\"n\">5</td><td class=\"n\">5</td>"),
        "{row}"
    );
    assert!(row.contains("<td class=\"n\">41</td>"), "{row}");
}

/// A league phase (2024-25's format): one chart of its table, without the knockout play-offs.
#[test]
fn chart_draws_a_league_phase() {
    let env = Env::new();
    let path = env.dir.path().join("cl.txt");
    std::fs::write(
        &path,
        "= UEFA Champions League 2024/25

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
",
    )
    .unwrap();
    env.ok(&["import", path.to_str().unwrap()]);
    let out = env.dir.path().join("phase.svg");
    let said = env.ok(&[
        "chart",
        "uefa-champions-league",
        "--group",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        said.contains("2 match days"),
        "the play-off is no match day: {said}"
    );
    let svg = std::fs::read_to_string(&out).unwrap();
    assert_one_line_per_team(&svg, &["Liverpool", "Juventus", "PSV", "FC Barcelona"]);
}
