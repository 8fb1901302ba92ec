//! The season page: one club's season as a self-contained HTML file.
//!
//! Everything the page shows comes from typed values passed in: the trophy
//! tracker ([`TrophyTarget`]) for every competition, and for each league its
//! table ([`Standings`]) with zones, its season day by day ([`Progress`],
//! drawn inline as SVG), its gaps and forecast where the season is still
//! open, and the club's results and fixtures. The CSS is inline, there is no
//! script, and nothing is fetched to view it; every name is escaped.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use matchday_core::{
    Competition, DecidedBy, Format, Match, MatchStatus, Season, Side, Standings, TargetStatus, TeamId,
    TeamVenue, TrophyTarget, Zone, ordinal,
};
use matchday_forecast::{Forecast, Gaps};

use crate::{ChartKind, ChartOptions, Progress, ReportError, chart_svg, escape};

/// One league the club plays in, with what the page shows of it.
#[derive(Debug, Clone)]
pub struct LeagueSection {
    /// The league.
    pub competition: Competition,
    /// Its table on the page's day.
    pub standings: Standings,
    /// Its season match day by match day, for the chart.
    pub progress: Progress,
    /// The teams charted beside the club, in this order (the club is added if missing).
    pub charted: Vec<TeamId>,
    /// The gaps on the page's day, measured from the club.
    pub gaps: Option<Gaps>,
    /// The forecast of the rest of the season, while there is a rest.
    pub forecast: Option<Forecast>,
    /// The matches in play that `standings` counts as they stand (a provisional table);
    /// the gaps and the forecast count them as still to play.
    pub in_play: Vec<Match>,
}

/// The club's group in a competition with a group stage.
#[derive(Debug, Clone)]
pub struct GroupSection {
    /// The competition.
    pub competition: Competition,
    /// The group's label: "E".
    pub group: String,
    /// The group's table on the page's day.
    pub standings: Standings,
}

/// One of the club's matches.
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

/// Everything on the season page.
#[derive(Debug, Clone)]
pub struct SeasonPage {
    /// The club.
    pub team: TeamId,
    /// The season.
    pub season: Season,
    /// The day it is drawn up on (`None`: everything stored).
    pub as_of: Option<NaiveDate>,
    /// Every team's name.
    pub names: HashMap<TeamId, String>,
    /// The tracker: one target per competition, leagues first.
    pub targets: Vec<TrophyTarget>,
    /// The leagues, with tables and charts.
    pub leagues: Vec<LeagueSection>,
    /// The club's groups in competitions with a group stage.
    pub groups: Vec<GroupSection>,
    /// The club's matches in every competition, in date order.
    pub matches: Vec<TeamMatch>,
}

const STYLE: &str = "
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1d21; --muted: #5b6068; --line: #d9dce1;
  --mark: #fff4c2; --top: #2e8b57; --bottom: #c0392b; --win: #2e8b57; --loss: #c0392b; --draw: #8a8f98; }
@media screen and (prefers-color-scheme: dark) {
  :root { --bg: #16181d; --fg: #e4e4e4; --muted: #a3a8b0; --line: #343841; --mark: #3b3520; }
}
@media print { :root { --bg: #ffffff; --fg: #000000; --muted: #444444; --line: #bbbbbb; --mark: #eeeeee; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 1.5rem; background: var(--bg); color: var(--fg);
  font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
h1 { margin: 0 0 .2rem; font-size: 1.8rem; }
h2 { margin: 2rem 0 .6rem; font-size: 1.3rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
h3 { margin: 1.2rem 0 .4rem; font-size: 1.05rem; }
p.sub { margin: 0; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-variant-numeric: tabular-nums; }
th, td { padding: .25rem .5rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-size: .85rem; color: var(--muted); font-weight: 600; }
td.n, th.n { text-align: right; }
tr.club td { background: var(--mark); font-weight: 600; }
tr.zone-top td:first-child { box-shadow: inset 4px 0 var(--top); }
tr.zone-bottom td:first-child { box-shadow: inset 4px 0 var(--bottom); }
td.zone { color: var(--muted); font-size: .85rem; }
span.W { color: var(--win); font-weight: 700; } span.L { color: var(--loss); font-weight: 700; }
span.D { color: var(--draw); font-weight: 700; }
figure { margin: .5rem 0 1rem; } figure svg { width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: .85rem; }
.status-alive { color: var(--win); font-weight: 600; } .status-won { color: var(--win); font-weight: 700; }
.status-out { color: var(--loss); }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
";

/// The season page as one HTML document.
pub fn season_page(page: &SeasonPage) -> Result<String, ReportError> {
    let name = |id: TeamId| {
        page.names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("team {}", id.0))
    };
    let club = name(page.team);
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
         <header>\n<h1>{}</h1>\n<p class=\"sub\">Season {}, {}</p>\n</header>\n",
        escape(&club),
        page.season,
        escape(&club),
        page.season,
        escape(&when),
    );
    tracker(&mut html, page, &name);
    for league in &page.leagues {
        league_section(&mut html, page, league, &name)?;
    }
    for group in &page.groups {
        let c = &group.competition;
        let _ = writeln!(
            html,
            "<section class=\"group\">\n<h2>{} {}, Group {}</h2>",
            escape(&c.name),
            c.season,
            escape(&group.group)
        );
        standings_table(&mut html, page, &group.standings, &c.zones, &[], &name);
        html.push_str("</section>\n");
    }
    results(&mut html, page, &name);
    html.push_str(
        "<footer>Made by matchday from the results stored in its database.</footer>\n</body>\n</html>\n",
    );
    Ok(html)
}

fn tracker(html: &mut String, page: &SeasonPage, name: &dyn Fn(TeamId) -> String) {
    html.push_str(
        "<section id=\"tracker\">\n<h2>Every competition</h2>\n<table class=\"tracker\">\n\
        <thead><tr><th>Competition</th><th>Status</th><th>Where it stands</th><th>Next</th>\
        <th class=\"n\">Ties to win</th></tr></thead>\n<tbody>\n",
    );
    for t in &page.targets {
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
            let other = if a == page.team { b } else { a };
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
            "<tr><td>{}</td><td class=\"{class}\">{status}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            escape(&t.competition),
            escape(&stands.join("; ")),
            escape(next.as_deref().unwrap_or("")),
            t.ties_to_win.map(|n| n.to_string()).unwrap_or_default(),
        );
    }
    html.push_str("</tbody>\n</table>\n</section>\n");
}

fn league_section(
    html: &mut String,
    page: &SeasonPage,
    league: &LeagueSection,
    name: &dyn Fn(TeamId) -> String,
) -> Result<(), ReportError> {
    let c = &league.competition;
    let _ = writeln!(
        html,
        "<section class=\"league\" id=\"{}\">\n<h2>{} {}</h2>",
        escape(&c.slug),
        escape(&c.name),
        c.season
    );
    standings_table(html, page, &league.standings, &c.zones, &league.in_play, name);

    if !league.progress.dates.is_empty() {
        let mut charted = league.charted.clone();
        if !charted.contains(&page.team) {
            charted.insert(0, page.team);
        }
        charted.retain(|&t| league.progress.line(t).is_some_and(|l| !l.steps.is_empty()));
        if !charted.is_empty() {
            let options = ChartOptions {
                kind: ChartKind::Position,
                teams: charted,
                highlight: Some(page.team),
                title: format!("{} {}", c.name, c.season),
            };
            let svg = chart_svg(&league.progress, name, &options)?;
            let _ = writeln!(
                html,
                "<figure class=\"chart\">\n{svg}<figcaption>Place after each match day, by the \
                 competition's tie-breakers; shaded bands are the zones.</figcaption>\n</figure>"
            );
        }
    }
    // Before the first match there are no gaps to measure.
    if let Some(gaps) = league.gaps.as_ref().filter(|_| league.standings.has_begun()) {
        gap_table(html, page, gaps, name);
    }
    if let Some(forecast) = &league.forecast {
        odds_table(html, page, league, forecast, name);
    }
    html.push_str("</section>\n");
    Ok(())
}

/// A table in the page: the club's row marked, zones (when the competition has any) edged;
/// with matches `in_play` counted, a "•" marks each club playing and a line lists them.
fn standings_table(
    html: &mut String,
    page: &SeasonPage,
    standings: &Standings,
    zones: &[Zone],
    in_play: &[Match],
    name: &dyn Fn(TeamId) -> String,
) {
    html.push_str(
        "<table class=\"league-table\">\n<thead><tr><th class=\"n\">Pos</th><th>Team</th>\
        <th class=\"n\">P</th><th class=\"n\">W</th><th class=\"n\">D</th><th class=\"n\">L</th>\
        <th class=\"n\">GF</th><th class=\"n\">GA</th><th class=\"n\">GD</th><th class=\"n\">Pts</th>\
        <th>Form</th><th>Zone</th></tr></thead>\n<tbody>\n",
    );
    let half = standings.rows.len() / 2;
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
        if row.team == page.team {
            classes.push("club");
        }
        let playing = in_play.iter().any(|m| m.pairing.involves(row.team));
        if playing {
            classes.push("live");
        }
        if let Some(z) = zone {
            classes.push(if usize::from(z.first) > half {
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
            "<tr class=\"{}\"><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{:+}</td><td class=\"n\">{}{}</td><td>{form}</td><td class=\"zone\">{}</td></tr>",
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
    html.push_str("</tbody>\n</table>\n");
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
            "<p class=\"sub\">* {}: {} points {}.</p>",
            escape(&name(row.team)),
            row.deducted.abs(),
            if row.deducted > 0 { "deducted" } else { "added" }
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

fn gap_table(html: &mut String, page: &SeasonPage, gaps: &Gaps, name: &dyn Fn(TeamId) -> String) {
    let _ = writeln!(
        html,
        "<h3>Gaps</h3>\n<table class=\"gaps\">\n<thead><tr><th class=\"n\">Pos</th><th>Team</th>\
         <th class=\"n\">Pts</th><th class=\"n\">Behind leader</th><th class=\"n\">Games in hand on {}</th>\
         <th class=\"n\">Left</th><th class=\"n\">Max</th><th class=\"n\">Best</th><th class=\"n\">Worst</th>\
         <th>Certain of</th><th>Out of</th></tr></thead>\n<tbody>",
        escape(&name(gaps.reference))
    );
    for row in &gaps.rows {
        let _ = writeln!(
            html,
            "<tr{}><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
            if row.team == page.team {
                " class=\"club\""
            } else {
                ""
            },
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
    html.push_str("</tbody>\n</table>\n");
}

fn odds_table(
    html: &mut String,
    page: &SeasonPage,
    league: &LeagueSection,
    forecast: &Forecast,
    name: &dyn Fn(TeamId) -> String,
) {
    let zones: Vec<&str> = league.competition.zones.iter().map(|z| z.name.as_str()).collect();
    let _ = write!(
        html,
        "<h3>Odds</h3>\n<p class=\"sub\">{} simulated seasons (seed {}).</p>\n<table class=\"odds\">\n\
         <thead><tr><th>Team</th><th class=\"n\">Pts</th><th class=\"n\">Expected</th>",
        forecast.sims, forecast.seed
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
            "<tr{}><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{:.1}</td>",
            if t.team == page.team {
                " class=\"club\""
            } else {
                ""
            },
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
            let _ = write!(html, "<td class=\"n\">{}</td>", percent(p, certain));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n");
}

/// A chance as people read it: "100%" and "0%" only when `certain` says the exact
/// method settled it, "<0.1%" when possible but rare.
fn percent(p: f64, certain: Option<bool>) -> String {
    if certain == Some(false) {
        "0%".to_string()
    } else if certain == Some(true) {
        "100%".to_string()
    } else if p < 0.001 {
        "&lt;0.1%".to_string()
    } else if p > 0.999 {
        "&gt;99.9%".to_string()
    } else {
        format!("{:.1}%", p * 100.0)
    }
}

fn results(html: &mut String, page: &SeasonPage, name: &dyn Fn(TeamId) -> String) {
    let played: Vec<&TeamMatch> = page
        .matches
        .iter()
        .filter(|m| !m.fixture.is_remaining_as_of(page.as_of))
        .collect();
    let to_play: Vec<&TeamMatch> = page
        .matches
        .iter()
        .filter(|m| m.fixture.is_remaining_as_of(page.as_of))
        .collect();
    html.push_str("<section id=\"results\">\n<h2>Results</h2>\n");
    match_table(html, page, &played, name, true);
    html.push_str("</section>\n<section id=\"fixtures\">\n<h2>Fixtures</h2>\n");
    if to_play.is_empty() {
        html.push_str("<p class=\"sub\">No fixtures left.</p>\n");
    } else {
        match_table(html, page, &to_play, name, false);
    }
    html.push_str("</section>\n");
}

fn match_table(
    html: &mut String,
    page: &SeasonPage,
    matches: &[&TeamMatch],
    name: &dyn Fn(TeamId) -> String,
    played: bool,
) {
    let _ = write!(
        html,
        "<table class=\"matches\">\n<thead><tr><th>Date</th><th>Competition</th><th>Round</th>\
         <th class=\"n\">Home</th><th>{}</th><th>Away</th>{}</tr></thead>\n<tbody>\n",
        if played { "Score" } else { "Kick-off" },
        if played { "<th></th>" } else { "" },
    );
    for m in matches {
        let f = &m.fixture;
        let (score, outcome) = match f.status.result() {
            Some(result) if played => {
                let ours = if f.pairing.home() == page.team {
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
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td>{}</tr>",
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
    html.push_str("</tbody>\n</table>\n");
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
            team: club,
            season: c.season,
            as_of,
            names: teams.iter().map(|&t| (t, name(t))).collect(),
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
                progress,
                charted: vec![TeamId(4)],
                gaps: Some(gaps),
                forecast: Some(forecast),
                in_play: Vec::new(),
            }],
            groups: Vec::new(),
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
        assert!(html.contains("<tr class=\"club zone-top\"><td class=\"n\">1</td><td>North</td>"));
        assert!(html.contains("class=\"zone-bottom\""));
        assert!(html.contains("* North: 3 points deducted."));
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
        let mut live = page.matches[0].fixture.clone();
        live.status = matchday_core::testing::live(1, 0, Some(60));
        let (home, away) = (name(live.pairing.home()), name(live.pairing.away()));
        page.leagues[0].in_play = vec![live.clone()];
        page.matches[0].fixture = live;
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
    fn chances_read_as_people_read_them_and_only_settled_ones_as_100_or_0() {
        assert_eq!(percent(0.0, Some(false)), "0%");
        assert_eq!(percent(1.0, Some(true)), "100%");
        assert_eq!(
            percent(1.0, None),
            "&gt;99.9%",
            "every simulation is not certainty"
        );
        assert_eq!(percent(0.0, None), "&lt;0.1%");
        assert_eq!(percent(0.0004, None), "&lt;0.1%");
        assert_eq!(percent(0.9996, None), "&gt;99.9%");
        assert_eq!(percent(0.4567, None), "45.7%");
    }
}
