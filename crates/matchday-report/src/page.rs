//! The season page: a club's season (every team of it: men's, women's) as a
//! self-contained HTML file.
//!
//! Everything the page shows comes from typed values passed in: for each team,
//! the trophy tracker ([`TrophyTarget`]) for every competition, and for each
//! league its table ([`Standings`]) with zones, its season day by day
//! ([`Progress`], drawn inline as SVG), its gaps and forecast where the season is
//! still open, and the team's results and fixtures. The CSS is inline, there is
//! no script, and nothing is fetched to view it; every name is escaped.
//!
//! On a phone (390 pixels wide) the page itself never scrolls sideways: a table
//! drops its lesser columns (those marked `wide`) and what still does not fit
//! scrolls inside its own box with the place and the club's name held at the left
//! (`position: sticky`); the chart is drawn a second time at a phone's size and
//! the screen shows the one that fits.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use matchday_core::{
    Competition, DecidedBy, Deduction, Format, Match, MatchStatus, Season, Side, Standings, TargetStatus,
    TeamId, TeamVenue, TrophyTarget, Zone, ordinal,
};
use matchday_forecast::{Forecast, Gaps, chance_text};

use crate::{ChartKind, ChartOptions, Progress, ReportError, chart_svg, escape};

/// One league the team plays in, with what the page shows of it.
#[derive(Debug, Clone)]
pub struct LeagueSection {
    /// The league.
    pub competition: Competition,
    /// Its table on the page's day.
    pub standings: Standings,
    /// Its deductions (and points given back), for the notes under the table.
    pub deductions: Vec<Deduction>,
    /// Its season match day by match day, for the chart.
    pub progress: Progress,
    /// The teams charted beside the team, in this order (the team is added if missing).
    pub charted: Vec<TeamId>,
    /// The gaps on the page's day, measured from the team.
    pub gaps: Option<Gaps>,
    /// The forecast of the rest of the season, while there is a rest.
    pub forecast: Option<Forecast>,
    /// The matches in play that `standings` counts as they stand (a provisional table);
    /// the gaps and the forecast count them as still to play.
    pub in_play: Vec<Match>,
}

/// The team's group in a competition with a group stage.
#[derive(Debug, Clone)]
pub struct GroupSection {
    /// The competition.
    pub competition: Competition,
    /// The group's label: "E".
    pub group: String,
    /// The group's table on the page's day.
    pub standings: Standings,
}

/// One of the team's matches.
#[derive(Debug, Clone)]
pub struct TeamMatch {
    /// The competition's name.
    pub competition: String,
    /// The match.
    pub fixture: Match,
    /// The clubs its home and away sides stood for on the page's day, where one was
    /// still playing an earlier tie ("Watford or Southampton"); none: the match's own.
    pub sides: Option<[Vec<TeamId>; 2]>,
}

/// One team's season: a section of the page.
#[derive(Debug, Clone)]
pub struct TeamSeason {
    /// The team.
    pub team: TeamId,
    /// The tracker: one target per competition, leagues first.
    pub targets: Vec<TrophyTarget>,
    /// The leagues, with tables and charts.
    pub leagues: Vec<LeagueSection>,
    /// The team's groups in competitions with a group stage.
    pub groups: Vec<GroupSection>,
    /// The team's matches in every competition, in date order.
    pub matches: Vec<TeamMatch>,
}

/// Everything on the season page.
#[derive(Debug, Clone)]
pub struct SeasonPage {
    /// The page's heading: the team's name, or its club's for a page of several teams.
    pub title: String,
    /// The season.
    pub season: Season,
    /// The day it is drawn up on (`None`: everything stored).
    pub as_of: Option<NaiveDate>,
    /// Every team's name.
    pub names: HashMap<TeamId, String>,
    /// The teams, each a section (men's first); one team's page has no team headings.
    pub teams: Vec<TeamSeason>,
}

const STYLE: &str = "
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1d21; --muted: #5b6068; --line: #d9dce1;
  --mark: #fff4c2; --top: #2e8b57; --bottom: #c0392b; --win: #2e8b57; --loss: #c0392b; --draw: #8a8f98; }
@media screen and (prefers-color-scheme: dark) {
  :root { --bg: #16181d; --fg: #e4e4e4; --muted: #a3a8b0; --line: #343841; --mark: #3b3520; }
}
@media print { :root { --bg: #ffffff; --fg: #000000; --muted: #444444; --line: #bbbbbb; --mark: #eeeeee; } }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1100px; padding: 1.5rem; background: var(--bg); color: var(--fg);
  font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; overflow-wrap: anywhere; }
h1 { margin: 0 0 .2rem; font-size: 1.8rem; }
h2 { margin: 2rem 0 .6rem; font-size: 1.3rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
h2.team { margin-top: 2.5rem; font-size: 1.55rem; border-bottom-width: 4px; }
h3 { margin: 1.2rem 0 .4rem; font-size: 1.05rem; }
section.team > section > h3:first-child { font-size: 1.2rem; border-bottom: 2px solid var(--line); }
nav.teams a { margin-right: 1rem; color: inherit; }
p.sub { margin: 0; color: var(--muted); }
.scroll { overflow-x: auto; max-width: 100%; margin: .4rem 0 1rem; }
table { border-collapse: separate; border-spacing: 0; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: .25rem .5rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top;
  overflow-wrap: normal; }
th { font-size: .85rem; color: var(--muted); font-weight: 600; }
td.n, th.n { text-align: right; white-space: nowrap; }
th.pos, td.pos { position: sticky; left: 0; width: 2.6rem; min-width: 2.6rem; background: var(--bg); z-index: 1; }
th.team, td.team { position: sticky; left: 2.6rem; min-width: 7.5rem; background: var(--bg); z-index: 1; }
table:not(:has(.pos)) th.team, table:not(:has(.pos)) td.team { left: 0; }
tr.club td { background: var(--mark); font-weight: 600; }
tr.zone-top td:first-child { box-shadow: inset 4px 0 var(--top); }
tr.zone-bottom td:first-child { box-shadow: inset 4px 0 var(--bottom); }
td.zone { color: var(--muted); font-size: .85rem; }
span.W { color: var(--win); font-weight: 700; } span.L { color: var(--loss); font-weight: 700; }
span.D { color: var(--draw); font-weight: 700; }
figure { margin: .5rem 0 1rem; } figure svg { width: 100%; height: auto; display: block; }
figure .narrow { display: none; }
figcaption { color: var(--muted); font-size: .85rem; }
.status-alive { color: var(--win); font-weight: 600; } .status-won { color: var(--win); font-weight: 700; }
.status-out { color: var(--loss); }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
@media screen and (max-width: 640px) {
  body { padding: .75rem; font-size: 14px; }
  h1 { font-size: 1.5rem; }
  th, td { padding: .2rem .3rem; }
  th.pos, td.pos { width: 2.1rem; min-width: 2.1rem; }
  th.team, td.team { left: 2.1rem; min-width: 6.5rem; max-width: 9rem; }
  .wide { display: none; }
  figure .wide { display: none; } figure .narrow { display: block; }
}
";

/// The season page as one HTML document.
pub fn season_page(page: &SeasonPage) -> Result<String, ReportError> {
    let name = |id: TeamId| {
        page.names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("team {}", id.0))
    };
    let mut html = String::new();
    let when = match page.as_of {
        Some(day) => format!("as of {}", day.format("%-d %B %Y")),
        None => "all results stored".to_string(),
    };
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <header>\n<h1>{}</h1>\n<p class=\"sub\">Season {}, {}</p>\n",
        escape(&page.title),
        page.season,
        escape(&page.title),
        page.season,
        escape(&when),
    );
    let several = page.teams.len() > 1;
    if several {
        html.push_str("<nav class=\"teams\">");
        for (i, team) in page.teams.iter().enumerate() {
            let _ = write!(
                html,
                "<a href=\"#team-{}\">{}</a>",
                i + 1,
                escape(&name(team.team))
            );
        }
        html.push_str("</nav>\n");
    }
    html.push_str("</header>\n");
    for (i, team) in page.teams.iter().enumerate() {
        // Headings one level down under a team's heading; ids unique across the teams.
        let part = Part {
            team,
            heading: if several { 3 } else { 2 },
            id: if i == 0 {
                String::new()
            } else {
                format!("-{}", i + 1)
            },
            as_of: page.as_of,
        };
        if several {
            let _ = writeln!(
                html,
                "<section class=\"team\" id=\"team-{}\">\n<h2 class=\"team\">{}</h2>",
                i + 1,
                escape(&name(team.team))
            );
        }
        tracker(&mut html, &part, &name);
        for league in &team.leagues {
            league_section(&mut html, &part, league, &name)?;
        }
        for group in &team.groups {
            let c = &group.competition;
            let _ = writeln!(
                html,
                "<section class=\"group\">\n<h{h}>{} {}, Group {}</h{h}>",
                escape(&c.name),
                c.season,
                escape(&group.group),
                h = part.heading
            );
            standings_table(
                &mut html,
                &part,
                &group.standings,
                &c.zones,
                &[],
                &[],
                page.as_of,
                &name,
            );
            html.push_str("</section>\n");
        }
        results(&mut html, &part, &name);
        if several {
            html.push_str("</section>\n");
        }
    }
    html.push_str(
        "<footer>Made by matchday from the results stored in its database.</footer>\n</body>\n</html>\n",
    );
    Ok(html)
}

/// One team's part of the page, and how its headings and ids are written.
struct Part<'a> {
    team: &'a TeamSeason,
    /// The level of its sections' headings: 2 on one team's page, 3 under a team's heading.
    heading: u8,
    /// What its ids end with: nothing for the first team, "-2" for the second.
    id: String,
    /// The page's day.
    as_of: Option<NaiveDate>,
}

impl Part<'_> {
    /// Whether `team` is the one this part is about.
    fn is(&self, team: TeamId) -> bool {
        self.team.team == team
    }
}

/// Opens a box that scrolls sideways when its table is wider than the screen.
const SCROLL: &str = "<div class=\"scroll\">";

fn tracker(html: &mut String, part: &Part<'_>, name: &dyn Fn(TeamId) -> String) {
    let _ = write!(
        html,
        "<section id=\"tracker{}\">\n<h{h}>Every competition</h{h}>\n{SCROLL}<table class=\"tracker\">\n\
        <thead><tr><th>Competition</th><th>Status</th><th>Where it stands</th><th>Next</th>\
        <th class=\"n wide\">Ties to win</th></tr></thead>\n<tbody>\n",
        part.id,
        h = part.heading
    );
    for t in &part.team.targets {
        let (status, class) = match t.status {
            TargetStatus::Alive => ("alive", "status-alive"),
            TargetStatus::Eliminated => ("out", "status-out"),
            TargetStatus::Won => ("won", "status-won"),
            TargetStatus::RunnerUp => ("runner-up", "status-out"),
            TargetStatus::Finished if t.position == Some(1) => ("champions", "status-won"),
            TargetStatus::Finished => ("finished", ""),
        };
        let mut stands = Vec::new();
        if let Some(position) = t.position {
            let mut text = ordinal(position);
            if let Some(group) = &t.group {
                let _ = write!(text, " in Group {group}");
            }
            match (t.points_clear, t.points_behind_leader) {
                (Some(lead), _) if lead > 0 => {
                    let _ = write!(text, ", {lead} pts clear");
                }
                (_, Some(gap)) if gap > 0 => {
                    let _ = write!(text, ", {gap} pts behind");
                }
                _ => {}
            }
            stands.push(text);
        }
        if let Some(stage) = &t.stage
            && t.format != Format::League
        {
            stands.push(stage.name());
        }
        if let Some(by) = t.eliminated_by {
            stands.push(format!("beaten by {}", name(by)));
        } else if let Some(DecidedBy::Tie(tie)) = &t.decided_by
            && t.status == TargetStatus::Won
        {
            let (a, b) = tie.teams();
            let other = if part.is(a) { b } else { a };
            stands.push(format!("beat {}", name(other)));
        }
        let next = t.next_match.as_ref().map(|n| {
            let mut text = n.round.clone();
            match &n.opponent {
                Some(o) => {
                    let names: Vec<String> = o.candidates().into_iter().map(name).collect();
                    let _ = write!(text, " v {}", names.join(" or "));
                }
                None => text.push_str(", not yet drawn"),
            }
            if let Some(venue) = n.venue {
                text.push_str(match venue {
                    TeamVenue::Home => " (h)",
                    TeamVenue::Away => " (a)",
                    TeamVenue::Neutral => " (n)",
                });
            }
            if let Some(day) = n.date {
                let _ = write!(text, ", {}", day.format("%a %-d %b"));
            }
            text
        });
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td class=\"{class}\">{status}</td><td>{}</td><td>{}</td><td class=\"n wide\">{}</td></tr>",
            escape(&t.competition),
            escape(&stands.join("; ")),
            escape(next.as_deref().unwrap_or("")),
            t.ties_to_win.map(|n| n.to_string()).unwrap_or_default(),
        );
    }
    html.push_str("</tbody>\n</table></div>\n</section>\n");
}

fn league_section(
    html: &mut String,
    part: &Part<'_>,
    league: &LeagueSection,
    name: &dyn Fn(TeamId) -> String,
) -> Result<(), ReportError> {
    let c = &league.competition;
    let _ = writeln!(
        html,
        "<section class=\"league\" id=\"{}{}\">\n<h{h}>{} {}</h{h}>",
        escape(&c.slug),
        part.id,
        escape(&c.name),
        c.season,
        h = part.heading
    );
    standings_table(
        html,
        part,
        &league.standings,
        &c.zones,
        &league.in_play,
        &league.deductions,
        part.as_of,
        name,
    );

    if !league.progress.dates.is_empty() {
        let mut charted = league.charted.clone();
        if !charted.contains(&part.team.team) {
            charted.insert(0, part.team.team);
        }
        charted.retain(|&t| league.progress.line(t).is_some_and(|l| !l.steps.is_empty()));
        if !charted.is_empty() {
            let mut options = ChartOptions {
                kind: ChartKind::Position,
                teams: charted,
                highlight: Some(part.team.team),
                title: format!("{} {}", c.name, c.season),
                narrow: false,
            };
            let wide = chart_svg(&league.progress, name, &options)?;
            options.narrow = true;
            let narrow = chart_svg(&league.progress, name, &options)?;
            // Both drawings are in the page; the screen's width picks one (print: the wide).
            let _ = writeln!(
                html,
                "<figure class=\"chart\">\n<div class=\"wide\">{wide}</div>\n<div class=\"narrow\">{narrow}</div>\n\
                 <figcaption>Place after each match day, by the competition's tie-breakers; shaded \
                 bands are the zones.</figcaption>\n</figure>"
            );
        }
    }
    // Before the first match there are no gaps to measure.
    if let Some(gaps) = league.gaps.as_ref().filter(|_| league.standings.has_begun()) {
        gap_table(html, part, gaps, name);
    }
    if let Some(forecast) = &league.forecast {
        odds_table(html, part, league, forecast, name);
    }
    html.push_str("</section>\n");
    Ok(())
}

/// A table in the page: the team's row marked, zones (when the competition has any) edged,
/// green for a way on and red for relegation; with matches `in_play` counted, a "•" marks
/// each club playing and a line lists them. Under it, each deduction with its day and
/// reason (those in effect on `as_of`), then what the tie-breakers decided.
#[allow(clippy::too_many_arguments)]
fn standings_table(
    html: &mut String,
    part: &Part<'_>,
    standings: &Standings,
    zones: &[Zone],
    in_play: &[Match],
    deductions: &[Deduction],
    as_of: Option<NaiveDate>,
    name: &dyn Fn(TeamId) -> String,
) {
    html.push_str(
        "<div class=\"scroll\"><table class=\"league-table\">\n<thead><tr><th class=\"n pos\">Pos</th><th class=\"team\">Team</th>\
        <th class=\"n\">P</th><th class=\"n\">W</th><th class=\"n\">D</th><th class=\"n\">L</th>\
        <th class=\"n wide\">GF</th><th class=\"n wide\">GA</th><th class=\"n\">GD</th><th class=\"n\">Pts</th>\
        <th class=\"wide\">Form</th><th class=\"wide\">Zone</th></tr></thead>\n<tbody>\n",
    );
    // Before the first match every club is level on nothing: no positions, no zones.
    let begun = standings.has_begun();
    for row in &standings.rows {
        let zone = matchday_core::narrowest_zone(zones, row.position).filter(|_| begun);
        let position = if !begun {
            String::new()
        } else if row.shared {
            format!("{}=", row.position)
        } else {
            row.position.to_string()
        };
        let mut classes = Vec::new();
        if part.is(row.team) {
            classes.push("club");
        }
        let playing = in_play.iter().any(|m| m.pairing.involves(row.team));
        if playing {
            classes.push("live");
        }
        if let Some(z) = zone {
            classes.push(if z.is_relegation() {
                "zone-bottom"
            } else {
                "zone-top"
            });
        }
        let form: String = row
            .form
            .iter()
            .map(|f| {
                let letter = format!("{f:?}");
                format!("<span class=\"{letter}\">{letter}</span>")
            })
            .collect();
        let _ = writeln!(
            html,
            "<tr class=\"{}\"><td class=\"n pos\">{}</td><td class=\"team\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n wide\">{}</td><td class=\"n wide\">{}</td>\
             <td class=\"n\">{:+}</td><td class=\"n\">{}{}</td><td class=\"wide\">{form}</td><td class=\"zone wide\">{}</td></tr>",
            classes.join(" "),
            position,
            escape(&name(row.team)),
            format_args!("{}{}", row.played, if playing { "•" } else { "" }),
            row.won,
            row.drawn,
            row.lost,
            row.goals_for,
            row.goals_against,
            row.goal_difference(),
            row.points,
            if row.deducted != 0 { "*" } else { "" },
            escape(zone.map_or("", |z| z.name.as_str())),
        );
    }
    html.push_str("</tbody>\n</table></div>\n");
    let live: Vec<String> = matchday_core::in_play(in_play)
        .map(|(m, live)| {
            let minute = live.minute().map(|m| format!(" ({m})")).unwrap_or_default();
            let (home, away) = (name(m.pairing.home()), name(m.pairing.away()));
            format!("{home} {} {away}{minute}", live.score())
        })
        .collect();
    if !live.is_empty() {
        let _ = writeln!(
            html,
            "<p class=\"sub live\">• Live: {}. Provisional: the scores so far are counted as if final; \
             the gaps and odds count these matches as still to play.</p>",
            escape(&live.join(", "))
        );
    }
    for row in standings.rows.iter().filter(|r| r.deducted != 0) {
        let _ = writeln!(
            html,
            "<p class=\"sub\">* {}: {}.</p>",
            escape(&name(row.team)),
            escape(&deduction_note(row.deducted, row.team, deductions, as_of))
        );
    }
    if !begun {
        html.push_str(
            "<p class=\"sub\">The season has not started: no match played yet, so no positions.</p>\n",
        );
        return;
    }
    for note in standings.render_notes(name) {
        let _ = writeln!(html, "<p class=\"sub\">{}</p>", escape(&note));
    }
}

/// What a team's `net` deduction is made of: "10 points deducted on 17 November 2023
/// (breach of the profit and sustainability rules)", each part with its day and reason.
fn deduction_note(net: i32, team: TeamId, deductions: &[Deduction], as_of: Option<NaiveDate>) -> String {
    let parts: Vec<String> = deductions
        .iter()
        .filter(|d| d.team == team && d.applies_on(as_of))
        .map(|d| {
            let (points, how) = if d.points > 0 {
                (d.points, "deducted")
            } else {
                (-d.points, "given back")
            };
            let mut text = format!(
                "{points} point{} {how} on {}",
                if points == 1 { "" } else { "s" },
                d.effective.format("%-d %B %Y")
            );
            if !d.reason.trim().is_empty() {
                let _ = write!(text, " ({})", d.reason.trim());
            }
            text
        })
        .collect();
    let total = if net > 0 {
        format!("{net} points deducted")
    } else {
        format!("{} points added", -net)
    };
    match parts.len() {
        0 => total,
        1 => parts.into_iter().next().expect("one"),
        _ => format!("{total}: {}", parts.join("; ")),
    }
}

fn gap_table(html: &mut String, part: &Part<'_>, gaps: &Gaps, name: &dyn Fn(TeamId) -> String) {
    let _ = writeln!(
        html,
        "<h{h}>Gaps</h{h}>\n{SCROLL}<table class=\"gaps\">\n<thead><tr><th class=\"n pos\">Pos</th><th class=\"team\">Team</th>\
         <th class=\"n\">Pts</th><th class=\"n\">Behind leader</th><th class=\"n\">Games in hand on {}</th>\
         <th class=\"n wide\">Left</th><th class=\"n wide\">Max</th><th class=\"n\">Best</th><th class=\"n\">Worst</th>\
         <th>Certain of</th><th>Out of</th></tr></thead>\n<tbody>",
        escape(&name(gaps.reference)),
        h = part.heading + 1
    );
    for row in &gaps.rows {
        let _ = writeln!(
            html,
            "<tr{}><td class=\"n pos\">{}</td><td class=\"team\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n wide\">{}</td><td class=\"n wide\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
            if part.is(row.team) { " class=\"club\"" } else { "" },
            row.position,
            escape(&name(row.team)),
            row.points,
            row.gap_to_leader,
            if row.team == gaps.reference {
                "-".to_string()
            } else {
                row.games_in_hand.to_string()
            },
            row.remaining,
            row.max_points,
            row.best_position,
            row.worst_position,
            escape(&row.clinched.join(", ")),
            escape(&row.eliminated.join(", ")),
        );
    }
    html.push_str("</tbody>\n</table></div>\n");
}

fn odds_table(
    html: &mut String,
    part: &Part<'_>,
    league: &LeagueSection,
    forecast: &Forecast,
    name: &dyn Fn(TeamId) -> String,
) {
    let zones: Vec<&str> = league.competition.zones.iter().map(|z| z.name.as_str()).collect();
    let _ = write!(
        html,
        "<h{h}>Odds</h{h}>\n<p class=\"sub\">{} simulated seasons (seed {}); 100% and 0% mean settled \
         mathematically.</p>\n{SCROLL}<table class=\"odds\">\n\
         <thead><tr><th class=\"team\">Team</th><th class=\"n wide\">Pts</th><th class=\"n\">Expected</th>",
        forecast.sims,
        forecast.seed,
        h = part.heading + 1
    );
    for zone in &zones {
        let _ = write!(html, "<th class=\"n\">{}</th>", escape(zone));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    let order: Vec<TeamId> = league.standings.rows.iter().map(|r| r.team).collect();
    let mut teams: Vec<_> = forecast.teams.iter().collect();
    teams.sort_by_key(|t| order.iter().position(|&o| o == t.team));
    for t in teams {
        let _ = write!(
            html,
            "<tr{}><td class=\"team\">{}</td><td class=\"n wide\">{}</td><td class=\"n\">{:.1}</td>",
            if part.is(t.team) { " class=\"club\"" } else { "" },
            escape(&name(t.team)),
            t.points,
            t.expected_points
        );
        // Only what the exact method settled reads 100% or 0%, as in `matchday odds`.
        let row = league
            .gaps
            .as_ref()
            .and_then(|g| g.rows.iter().find(|r| r.team == t.team));
        for zone in &zones {
            let p = t
                .zones
                .iter()
                .find(|z| z.zone == *zone)
                .map_or(0.0, |z| z.probability);
            let certain = row.and_then(|r| {
                if r.clinched.iter().any(|c| c == zone) {
                    Some(true)
                } else if r.eliminated.iter().any(|c| c == zone) {
                    Some(false)
                } else {
                    None
                }
            });
            let _ = write!(html, "<td class=\"n\">{}</td>", escape(&chance_text(p, certain)));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table></div>\n");
}

fn results(html: &mut String, part: &Part<'_>, name: &dyn Fn(TeamId) -> String) {
    let played: Vec<&TeamMatch> = part
        .team
        .matches
        .iter()
        .filter(|m| !m.fixture.is_remaining_as_of(part.as_of))
        .collect();
    let to_play: Vec<&TeamMatch> = part
        .team
        .matches
        .iter()
        .filter(|m| m.fixture.is_remaining_as_of(part.as_of))
        .collect();
    let _ = write!(
        html,
        "<section id=\"results{id}\">\n<h{h}>Results</h{h}>\n",
        id = part.id,
        h = part.heading
    );
    match_table(html, part, &played, name, true);
    let _ = write!(
        html,
        "</section>\n<section id=\"fixtures{id}\">\n<h{h}>Fixtures</h{h}>\n",
        id = part.id,
        h = part.heading
    );
    if to_play.is_empty() {
        html.push_str("<p class=\"sub\">No fixtures left.</p>\n");
    } else {
        match_table(html, part, &to_play, name, false);
    }
    html.push_str("</section>\n");
}

fn match_table(
    html: &mut String,
    part: &Part<'_>,
    matches: &[&TeamMatch],
    name: &dyn Fn(TeamId) -> String,
    played: bool,
) {
    let _ = write!(
        html,
        "{SCROLL}<table class=\"matches\">\n<thead><tr><th>Date</th><th>Competition</th><th class=\"wide\">Round</th>\
         <th class=\"n\">Home</th><th>{}</th><th>Away</th>{}</tr></thead>\n<tbody>\n",
        if played { "Score" } else { "Kick-off" },
        if played { "<th></th>" } else { "" },
    );
    for m in matches {
        let f = &m.fixture;
        let (score, outcome) = match f.status.result() {
            Some(result) if played => {
                let ours = if part.is(f.pairing.home()) {
                    Side::Home
                } else {
                    Side::Away
                };
                let outcome = match result.winner() {
                    None => "D",
                    Some(side) if side == ours => "W",
                    Some(_) => "L",
                };
                let awarded = if matches!(f.status, MatchStatus::Awarded(_)) {
                    " (awarded)"
                } else {
                    ""
                };
                (format!("{result}{awarded}"), outcome)
            }
            // Still to play on the page's day, whatever happened later.
            _ => match f.status {
                MatchStatus::Scheduled | MatchStatus::Played(_) | MatchStatus::Awarded(_) => (
                    f.kickoff
                        .map(|t| t.format("%H:%M").to_string())
                        .unwrap_or_else(|| "v".into()),
                    "",
                ),
                MatchStatus::Live(live) => (format!("in play {live}"), ""),
                ref other => (other.name().to_string(), ""),
            },
        };
        let round = match (&f.round, &f.group) {
            (Some(r), Some(g)) => format!("{r}, Group {g}"),
            (Some(r), None) => r.clone(),
            (None, Some(g)) => format!("Group {g}"),
            (None, None) => String::new(),
        };
        let [home, away] = match (&m.sides, played) {
            (Some(sides), false) => sides
                .clone()
                .map(|side| side.into_iter().map(name).collect::<Vec<_>>().join(" or ")),
            _ => [name(f.pairing.home()), name(f.pairing.away())],
        };
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td class=\"wide\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td>{}</tr>",
            f.date.format("%a %-d %b %Y"),
            escape(&m.competition),
            escape(&round),
            escape(&home),
            escape(&score),
            escape(&away),
            if played {
                format!("<td><span class=\"{outcome}\">{outcome}</span></td>")
            } else {
                String::new()
            },
        );
    }
    html.push_str("</tbody>\n</table></div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{competition, deductions, matches, name, teams};
    use matchday_core::{CompetitionSeason, TableOptions, View};
    use matchday_forecast::{LeagueState, MatchModel, ModelOptions, SimulationOptions, simulate};

    fn page(as_of: Option<NaiveDate>) -> SeasonPage {
        let (c, teams, matches, deductions) = (competition(), teams(), matches(), deductions());
        let club = TeamId(1);
        let options = TableOptions {
            as_of,
            view: View::Total,
            provisional: false,
        };
        let standings = Standings::compute(&c, &teams, &matches, &deductions, options);
        let progress = Progress::compute(&c, &teams, &matches, &deductions, &[], as_of);
        let state = LeagueState::new(&c, &teams, &matches, &deductions, as_of).unwrap();
        let gaps = state.gaps(Some(club)).unwrap();
        let model = MatchModel::fit(&state, &ModelOptions::default());
        let forecast = simulate(&state, &model, &SimulationOptions { sims: 500, seed: 1 }, &|_| {});
        let season = CompetitionSeason {
            competition: &c,
            matches: &matches,
            deductions: &deductions,
            decisions: &[],
            tier: None,
        };
        let target = TrophyTarget::compute(season, club, as_of, &name).unwrap();
        SeasonPage {
            title: name(club),
            season: c.season,
            as_of,
            names: teams.iter().map(|&t| (t, name(t))).collect(),
            teams: vec![TeamSeason {
                team: club,
                targets: vec![target],
                matches: matches
                    .iter()
                    .filter(|m| m.pairing.involves(club))
                    .map(|m| TeamMatch {
                        competition: c.name.clone(),
                        fixture: m.clone(),
                        sides: None,
                    })
                    .collect(),
                leagues: vec![LeagueSection {
                    competition: c.clone(),
                    standings,
                    deductions: deductions.clone(),
                    progress,
                    charted: vec![TeamId(4)],
                    gaps: Some(gaps),
                    forecast: Some(forecast),
                    in_play: Vec::new(),
                }],
                groups: Vec::new(),
            }],
        }
    }

    #[test]
    fn the_page_has_every_part_and_marks_the_club() {
        let html = season_page(&page(None)).unwrap();
        for part in [
            "<section id=\"tracker\">",
            "<table class=\"league-table\">",
            "<figure class=\"chart\">",
            "<h3>Gaps</h3>",
            "<h3>Odds</h3>",
            "<section id=\"results\">",
            "<section id=\"fixtures\">",
        ] {
            assert!(html.contains(part), "{part}");
        }
        // North tops the table after its deduction, in the champions zone, marked as the club.
        assert!(
            html.contains(
                "<tr class=\"club zone-top\"><td class=\"n pos\">1</td><td class=\"team\">North</td>"
            )
        );
        assert!(html.contains("class=\"zone-bottom\""));
        // The deduction with its day and reason, and no command to type.
        assert!(html.contains("* North: 3 points deducted on 8 March 2024 (administration)."));
        assert!(
            !html.contains('`') && !html.contains("matchday decide"),
            "no command text on the page"
        );
        // Every name escaped, in the table, the chart and the results.
        assert!(!html.contains("<West"));
        assert!(html.matches("&lt;West &amp; Co&gt;").count() >= 4);
        // West has played one match fewer than North: one game in hand on it.
        let gap_row = html
            .split("<h3>Gaps</h3>")
            .nth(1)
            .unwrap()
            .lines()
            .find(|l| l.contains("&lt;West &amp; Co&gt;"))
            .unwrap();
        let cells: Vec<&str> = gap_row.split("<td").collect();
        assert_eq!(cells[5], " class=\"n\">1</td>", "{gap_row}");
        // North has played all three of its matches, and won them.
        let (results, fixtures) = html.split_once("<section id=\"fixtures\">").unwrap();
        let results = results.split("<section id=\"results\">").nth(1).unwrap();
        assert_eq!(
            results.matches("<span class=\"W\">W</span>").count(),
            3,
            "{results}"
        );
        assert!(fixtures.contains("No fixtures left."));
    }

    #[test]
    fn a_provisional_table_marks_the_clubs_playing_and_lists_their_matches() {
        let mut page = page(None);
        let mut live = page.teams[0].matches[0].fixture.clone();
        live.status = matchday_core::testing::live(1, 0, Some(60));
        let (home, away) = (name(live.pairing.home()), name(live.pairing.away()));
        page.teams[0].leagues[0].in_play = vec![live.clone()];
        page.teams[0].matches[0].fixture = live;
        let html = season_page(&page).unwrap();
        assert!(html.contains("<tr class=\"club live"), "the club's row is marked");
        assert_eq!(html.matches("•</td>").count(), 2, "both clubs playing are marked");
        let line = format!("• Live: {} 1-0 {} (60&#39;).", escape(&home), escape(&away));
        assert!(html.contains(&line), "{line}");
        assert!(
            html.contains("<td>in play 1-0 (60&#39;)</td>"),
            "the fixture shows it in play"
        );
    }

    #[test]
    fn on_a_day_later_matches_are_fixtures() {
        let html = season_page(&page(Some(crate::testing::day(4)))).unwrap();
        assert!(html.contains("as of 4 March 2024"));
        let fixtures = html.split("<section id=\"fixtures\">").nth(1).unwrap();
        assert!(fixtures.contains("Tue 5 Mar 2024"), "{fixtures}");
        assert!(fixtures.contains("<td>v</td>"), "no score before it is played");
    }

    #[test]
    fn chances_read_as_the_terminal_reads_them() {
        let mut page = page(None);
        let league = &mut page.teams[0].leagues[0];
        let forecast = league.forecast.as_mut().unwrap();
        // Every simulation put South in the champions place, and none put West there,
        // but neither is settled: the page says so as `matchday odds` does.
        for t in &mut forecast.teams {
            for z in &mut t.zones {
                if z.zone == "champions" {
                    z.probability = if t.team == TeamId(2) { 1.0 } else { 0.0 };
                }
            }
        }
        league.gaps.as_mut().unwrap().rows.iter_mut().for_each(|r| {
            r.clinched.clear();
            r.eliminated.clear();
        });
        let html = season_page(&page).unwrap();
        let odds = html.split("<h3>Odds</h3>").nth(1).unwrap();
        assert!(odds.contains("&gt;99.9%") && odds.contains("&lt;0.1%"), "{odds}");
        assert!(!odds.contains(">100%<") && !odds.contains(">0%<"), "{odds}");
    }

    /// A two-team club: a section per team, each with its own ids and headings.
    #[test]
    fn a_club_page_has_a_section_per_team() {
        let mut page = page(None);
        let mut second = page.teams[0].clone();
        second.team = TeamId(2);
        page.teams.push(second);
        page.title = "Northern".into();
        let html = season_page(&page).unwrap();
        assert!(html.contains("<h1>Northern</h1>"));
        assert_eq!(html.matches("<section class=\"team\"").count(), 2);
        assert!(
            html.contains("<h2 class=\"team\">North</h2>") && html.contains("<h2 class=\"team\">South</h2>")
        );
        assert!(html.contains("id=\"tracker\"") && html.contains("id=\"tracker-2\""));
        assert!(html.contains("id=\"results-2\"") && html.contains("<h3>Results</h3>"));
        assert!(html.contains("<a href=\"#team-2\">South</a>"));
    }

    /// A Europa League group's third goes on to the Conference League: not red.
    #[test]
    fn a_zone_that_goes_on_is_not_coloured_as_relegation() {
        let mut page = page(None);
        let league = &mut page.teams[0].leagues[0];
        league.competition.zones = ["round-of-16=1", "knockout-play-off=2", "conference-league=3"]
            .map(|z| z.parse().unwrap())
            .to_vec();
        let html = season_page(&page).unwrap();
        let table = html.split("<table class=\"league-table\">").nth(1).unwrap();
        let table = &table[..table.find("</table>").unwrap()];
        assert!(!table.contains("zone-bottom"), "{table}");
        assert_eq!(table.matches("zone-top").count(), 3, "{table}");
    }
}
