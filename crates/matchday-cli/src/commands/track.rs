//! `matchday track`: what a club can still win, and what is next.

use chrono::NaiveDate;
use matchday_core::{
    Catalogue, DecidedBy, Destination, Format, KnockoutError, NextMatch, Opponent, PlaceVerdict, PlayOffRun,
    Season, StageReached, TargetStatus, TeamId, TeamVenue, Tier, TrophyTarget,
};
use matchday_store::Store;
use serde::Serialize;

use super::Loaded;
use crate::args::OutputFormat;
use crate::render;

/// Show what a club can still win this season, and what is next
///
/// Every competition the club entered: alive or out (and to whom), the next
/// round, opponent, date and venue, how many ties from a trophy, and for a
/// league or group stage its place, the gap to first and where the place leads.
/// The Chance column: the chance of winning each competition still alive (first place
/// of a league, the trophy of a cup), from 20,000 simulated seasons or cup runs under the
/// model `matchday odds` uses, seed 2024; 100% and 0% only when the results settle it.
/// Under the table, a line per competition whose next opponent is known: the win,
/// draw and loss chances after 90 minutes and the likeliest scores (as `matchday
/// odds --team`).
/// With --club, every competition of every team of the club (the men's and the
/// women's), each labelled with its team.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday track Liverpool --as-of 2024-02-01
  matchday track --club Liverpool --as-of 2024-02-01   (men's and women's teams)
  matchday track \"Man City\" --season 2023-24 --format json
  matchday track Liverpool --as-of 2024-02-01 \\
      --given \"Chelsea 0-1 Liverpool aet\"")]
pub struct Args {
    /// The club (with --club, any of its teams)
    pub team: String,

    /// Track every team of the club (men's and women's), each competition labelled with its team
    #[arg(long)]
    pub club: bool,

    /// The season [default: the one containing --as-of, else the club's latest]
    #[arg(long, value_parser = super::parse_season)]
    pub season: Option<Season>,

    /// As things stood at the end of this day
    #[arg(long, value_parser = super::parse_date)]
    pub as_of: Option<NaiveDate>,

    #[command(flatten)]
    pub given: super::given::Given,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// A trophy target in words; its JSON field names are a stable contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetView {
    /// The team tracked: one of the club's with `--club`.
    team: String,
    competition: String,
    season: Season,
    format: Format,
    /// The league's tier as the catalogue gives it (1 for the top flight); null for
    /// cups and for competitions the catalogue does not know.
    tier: Option<Tier>,
    status: TargetStatus,
    stage: Option<String>,
    /// The stage as a value, for the words of the table.
    #[serde(skip)]
    reached: Option<StageReached>,
    group: Option<String>,
    next_match: Option<NextMatchView>,
    /// Matches dated before the as-of day (today, while the season is on) with no result stored.
    overdue: Vec<NextMatchView>,
    eliminated_by: Option<String>,
    decided_by: Option<String>,
    ties_to_win: Option<u8>,
    position: Option<u16>,
    points_behind_leader: Option<i32>,
    points_clear: Option<i32>,
    leads_to: Option<String>,
    /// Where the place leads as a value, for the words of the table.
    #[serde(skip)]
    verdict: Option<PlaceVerdict>,
    /// The competition's zones the league place lies in: "promotion-play-off".
    zones: Vec<String>,
    /// The run in the play-offs after the league, once there.
    play_offs: Option<PlayOffView>,
    /// The zones of a league the club is certain of, each with the day it became certain.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    clinched: Vec<ClinchView>,
    /// The next match's chances after 90 minutes and likeliest scores, once its opponent is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_match_odds: Option<super::next_match::OddsView>,
    /// The chance of winning the competition (first place of a league, the trophy of a
    /// cup) while the team is alive in it: 1 or 0 only when the results settle it.
    #[serde(skip_serializing_if = "Option::is_none")]
    chance_of_winning: Option<f64>,
    /// The same with what is settled, for the words of the table.
    #[serde(skip)]
    win_chance: Option<super::win_chance::WinChance>,
}

/// A zone clinched, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct ClinchView {
    zone: String,
    on: chrono::NaiveDate,
}

/// A run in a league's play-offs in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlayOffView {
    /// The stage's name: "Play-offs".
    stage: String,
    status: TargetStatus,
    round: Option<String>,
    next_match: Option<NextMatchView>,
    eliminated_by: Option<String>,
    decided_by: Option<String>,
    ties_to_win: Option<u8>,
    /// What the run ended in, in words: "promoted through the play-offs".
    outcome: Option<String>,
}

impl PlayOffView {
    /// The run in words; `zones` are those of the league place that sent the team there.
    fn of(run: &PlayOffRun, zones: &[String], name: &dyn Fn(TeamId) -> String) -> PlayOffView {
        PlayOffView {
            stage: run.stage.clone(),
            status: run.status,
            round: run.round.map(|r| r.name()),
            next_match: run.next_match.as_ref().map(|n| NextMatchView::of(n, name)),
            eliminated_by: run.eliminated_by.map(name),
            decided_by: run.decided_by.as_ref().map(|d| decision_text(d, name)),
            ties_to_win: run.ties_to_win,
            outcome: play_off_outcome(run, zones),
        }
    }
}

/// What the play-offs were for, from the zone of the places sent there: the
/// "promotion" of "promotion-play-off" (the catalogue's zone names).
fn play_off_purpose(zones: &[String]) -> Option<&str> {
    zones.iter().find_map(|z| z.strip_suffix("-play-off"))
}

/// A finished run in words: "promoted through the play-offs", "lost the play-off final",
/// "out in the play-off semifinals"; none while it goes on.
fn play_off_outcome(run: &PlayOffRun, zones: &[String]) -> Option<String> {
    let round = run.round.map(|r| r.name().to_lowercase()).unwrap_or_default();
    match run.status {
        TargetStatus::Won => Some(match play_off_purpose(zones) {
            Some("promotion") => "promoted through the play-offs".to_string(),
            Some("relegation") => "stayed up through the play-offs".to_string(),
            _ => "won the play-offs".to_string(),
        }),
        TargetStatus::RunnerUp => Some("lost the play-off final".to_string()),
        TargetStatus::Eliminated => Some(format!("out in the play-off {round}").trim_end().to_string()),
        TargetStatus::Alive | TargetStatus::Finished => None,
    }
}

/// The next match in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextMatchView {
    date: Option<NaiveDate>,
    opponent: Option<String>,
    round: String,
    venue: Option<TeamVenue>,
}

impl NextMatchView {
    /// The match in words.
    pub fn of(n: &NextMatch, name: &dyn Fn(TeamId) -> String) -> NextMatchView {
        NextMatchView {
            date: n.date,
            opponent: n.opponent.as_ref().map(|o| opponent_text(o, name)),
            round: n.round.clone(),
            venue: n.venue,
        }
    }
}

/// "Watford or Southampton" while the opponent's own tie is open.
pub fn opponent_text(opponent: &Opponent, name: &dyn Fn(TeamId) -> String) -> String {
    let names: Vec<String> = opponent.candidates().into_iter().map(name).collect();
    names.join(" or ")
}

/// The deciding tie as people write it, or the group finish: "3rd in Group A", with the
/// rank among the teams so placed when that decided.
pub fn decision_text(decision: &DecidedBy, name: &dyn Fn(TeamId) -> String) -> String {
    match decision {
        DecidedBy::Tie(tie) => render::tie::tie_line(&tie.score(), name),
        DecidedBy::GroupFinish {
            position,
            group,
            among,
        } => {
            let mut text = match group {
                Some(label) => format!("{} in Group {label}", render::ordinal(*position)),
                None => format!("{} in the group", render::ordinal(*position)),
            };
            if let Some(among) = among {
                text.push_str(&format!(
                    ", {}{} of the {}",
                    render::ordinal(among.rank),
                    if among.shared { "=" } else { "" },
                    placed_teams(*position),
                ));
            }
            text
        }
    }
}

/// "third-placed teams", "teams placed 4th".
pub fn placed_teams(place: u16) -> String {
    match place {
        2 => "runners-up".to_string(),
        3 => "third-placed teams".to_string(),
        p => format!("teams placed {}", render::ordinal(p)),
    }
}

/// Where a place leads: "Round of 16", "Play-offs", "next stage", "out".
pub fn leads_to_text(verdict: PlaceVerdict, place: Option<u16>) -> String {
    let destination = |to: Destination| match to {
        Destination::NextStage => "next stage".to_string(),
        Destination::Round(round) => round.name(),
    };
    match verdict {
        PlaceVerdict::Through(to) => destination(to),
        PlaceVerdict::AmongBest { count, to } => format!(
            "{} if among the best {count} {}",
            destination(to),
            match place {
                Some(3) => "thirds".to_string(),
                Some(p) => placed_teams(p),
                None => "placed teams".to_string(),
            }
        ),
        PlaceVerdict::Out => "out".to_string(),
    }
}

impl TargetView {
    /// The target of `team` in words.
    pub fn of(t: &TrophyTarget, team: TeamId, name: &dyn Fn(TeamId) -> String) -> TargetView {
        TargetView {
            team: name(team),
            competition: t.competition.clone(),
            season: t.season,
            format: t.format,
            tier: t.tier,
            status: t.status,
            stage: t.stage.as_ref().map(StageReached::name),
            reached: t.stage.clone(),
            group: t.group.clone(),
            next_match: t.next_match.as_ref().map(|n| NextMatchView::of(n, name)),
            overdue: t.overdue.iter().map(|n| NextMatchView::of(n, name)).collect(),
            eliminated_by: t.eliminated_by.map(name),
            decided_by: t.decided_by.as_ref().map(|d| decision_text(d, name)),
            ties_to_win: t.ties_to_win,
            position: t.position,
            points_behind_leader: t.points_behind_leader,
            points_clear: t.points_clear,
            leads_to: t.leads_to.map(|v| leads_to_text(v, t.position)),
            verdict: t.leads_to,
            zones: t.zones.clone(),
            play_offs: t.play_offs.as_ref().map(|r| PlayOffView::of(r, &t.zones, name)),
            clinched: Vec::new(),
            next_match_odds: None,
            chance_of_winning: None,
            win_chance: None,
        }
    }

    /// Whether it is still to be decided for the team: the competition, or its play-offs.
    fn alive(&self) -> bool {
        self.status == TargetStatus::Alive
            || self
                .play_offs
                .as_ref()
                .is_some_and(|p| p.status == TargetStatus::Alive)
    }
}

pub fn run(store: &Store, args: Args, catalogue: &Catalogue) -> anyhow::Result<String> {
    let read = store.read();
    let team = read.resolve_team(&args.team)?;
    let names = read.team_names()?;
    let name = |id: TeamId| names.get(&id).cloned().unwrap_or_default();
    // With --club every team of the club, men's first; the club goes by the team asked for.
    let teams: Vec<TeamId> = if args.club {
        read.club_of(team)?.teams.iter().map(|t| t.0).collect()
    } else {
        vec![team]
    };
    // Only the chosen season's matches are read: a club's whole history is 100,000 of them.
    let mut entered = Vec::new();
    for t in &teams {
        for c in read.competitions_of(*t)? {
            if !entered.iter().any(|e: &matchday_core::Competition| e.id == c.id) {
                entered.push(c);
            }
        }
    }
    let season = super::club_season(&entered, args.season, args.as_of)
        .ok_or_else(|| anyhow::anyhow!("{} has no matches stored in any competition", name(team)))?;
    // While the season is on, its next match is counted from today: one
    // left without a result on an earlier day is overdue, not next.
    let today = chrono::Local::now().date_naive();
    let as_of = args.as_of.or(Some(today).filter(|d| season.contains(*d)));
    let mut seasons = entered
        .into_iter()
        .filter(|c| c.season == season)
        .map(|c| Ok(Loaded::of(&read, c)?.in_catalogue(catalogue)))
        .collect::<anyhow::Result<Vec<Loaded>>>()?;
    // A result given goes to the competition whose fixture still to play it names.
    let assumed = args.given.apply_across(&read, &mut seasons, as_of, &name(team))?;
    // Each team's targets: leagues first, then cups, each by name.
    let mut tracked: Vec<(TeamId, Vec<TargetView>)> = Vec::new();
    for &t in &teams {
        let mut targets = Vec::new();
        for loaded in &seasons {
            match TrophyTarget::compute(loaded.season(), t, as_of, &name) {
                Ok(target) => {
                    let mut view = TargetView::of(&target, t, &name);
                    view.clinched = clinched(&read, loaded, t, as_of)?;
                    if view.status == TargetStatus::Alive {
                        let chance = super::win_chance::chance_of_winning(
                            &read, loaded, &seasons, t, as_of, catalogue,
                        );
                        view.chance_of_winning = chance.map(|c| match c.certain {
                            Some(won) => f64::from(u8::from(won)),
                            None => c.probability,
                        });
                        view.win_chance = chance;
                    }
                    targets.push(view);
                }
                Err(KnockoutError::NotEntered { .. }) => {}
                Err(e) => return Err(e.into()),
            }
        }
        targets.sort_by_key(|t| (t.format != Format::League, t.competition.clone()));
        for next in super::next_match::next_matches(&read, t, &seasons, as_of, &name)? {
            if let Some(view) = targets
                .iter_mut()
                .find(|v| v.competition == next.competition && v.season == next.season)
            {
                view.next_match_odds = next.odds;
            }
        }
        if !targets.is_empty() {
            tracked.push((t, targets));
        }
    }
    if tracked.is_empty() {
        anyhow::bail!("{} has no matches stored in the {season} season", name(team));
    }
    let output = match args.format {
        OutputFormat::Json => render::json(&tracked.iter().flat_map(|(_, t)| t).collect::<Vec<_>>()),
        OutputFormat::Csv => track_csv(tracked.iter().flat_map(|(_, t)| t)),
        OutputFormat::Table => {
            let screen = render::screen::current();
            let sections: Vec<String> = tracked
                .iter()
                .map(|(t, targets)| render_track(&name(*t), season, args.as_of, targets, &screen))
                .collect();
            Ok(sections.join("\n"))
        }
    };
    output.map(|out| assumed.said(out, args.format))
}

/// The zones of a league `team` is certain of as of `as_of`, with the day each became
/// certain; none for a cup, or a league whose places are not counted in points.
fn clinched(
    read: &matchday_store::Reader<'_>,
    loaded: &Loaded,
    team: TeamId,
    as_of: Option<chrono::NaiveDate>,
) -> anyhow::Result<Vec<ClinchView>> {
    let c = &loaded.competition;
    if c.format != Format::League {
        return Ok(Vec::new());
    }
    let teams = read.entrants(c.id.expect("stored"))?;
    // A season cut short (ranked by points per game) has no settled places in points.
    let Ok(clinches) = matchday_forecast::clinch_dates(c, &teams, &loaded.matches, &loaded.deductions, as_of)
    else {
        return Ok(Vec::new());
    };
    Ok(clinches
        .into_iter()
        .filter(|k| k.team == team)
        .map(|k| ClinchView {
            zone: k.zone,
            on: k.on,
        })
        .collect())
}

/// The tracker as CSV, one competition a line, in the JSON's words.
fn track_csv<'a>(targets: impl Iterator<Item = &'a TargetView>) -> anyhow::Result<String> {
    let chance = |p: Option<f64>| p.map(|p| format!("{p:.4}")).unwrap_or_default();
    let cells: Vec<Vec<String>> = targets
        .map(|t| {
            let next = t.next_match.as_ref();
            vec![
                t.team.clone(),
                t.competition.clone(),
                t.season.to_string(),
                t.format.to_string(),
                json_word(&t.status),
                t.stage.clone().unwrap_or_default(),
                t.group.clone().unwrap_or_default(),
                next.map(|n| n.round.clone()).unwrap_or_default(),
                next.and_then(|n| n.opponent.clone()).unwrap_or_default(),
                next.and_then(|n| n.date)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                next.and_then(|n| n.venue)
                    .map(|v| json_word(&v))
                    .unwrap_or_default(),
                t.eliminated_by.clone().unwrap_or_default(),
                t.decided_by.clone().unwrap_or_default(),
                t.ties_to_win.map(|n| n.to_string()).unwrap_or_default(),
                t.position.map(|n| n.to_string()).unwrap_or_default(),
                t.points_behind_leader.map(|n| n.to_string()).unwrap_or_default(),
                t.points_clear.map(|n| n.to_string()).unwrap_or_default(),
                t.leads_to.clone().unwrap_or_default(),
                chance(t.next_match_odds.as_ref().map(|o| o.win)),
                chance(t.next_match_odds.as_ref().map(|o| o.draw)),
                chance(t.next_match_odds.as_ref().map(|o| o.loss)),
                chance(t.chance_of_winning),
            ]
        })
        .collect();
    render::csv(
        &[
            "team",
            "competition",
            "season",
            "format",
            "status",
            "stage",
            "group",
            "next_round",
            "next_opponent",
            "next_date",
            "next_venue",
            "eliminated_by",
            "decided_by",
            "ties_to_win",
            "position",
            "points_behind_leader",
            "points_clear",
            "leads_to",
            "next_win",
            "next_draw",
            "next_loss",
            "chance_of_winning",
        ],
        &cells,
    )
}

/// A typed value as its JSON word ("runner_up", "away"), for CSV.
pub fn json_word<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// The tracker as a table, its sentences wrapped to the screen (80 columns when
/// unknown); the state of each competition coloured.
pub fn render_track(
    team: &str,
    season: Season,
    as_of: Option<NaiveDate>,
    targets: &[TargetView],
    screen: &render::Screen,
) -> String {
    use render::grid::plain_cells;
    use render::{Grid, Painted, paint};

    let mut text = format!("{}, {season}", render::escaped(team));
    if let Some(day) = as_of {
        text.push_str(&format!(", as of {day}"));
    }
    text.push('\n');
    let mut grid = Grid::new();
    let competition = grid.column(
        "Competition",
        false,
        plain_cells(targets.iter().map(|t| t.competition.clone())),
    );
    // Narrow screens name the competitions as fixture lists do ("PL").
    grid.narrower(
        competition,
        "Comp",
        plain_cells(
            targets
                .iter()
                .map(|t| render::short_name::short_competition(&t.competition)),
        ),
    );
    grid.column(
        "Status",
        false,
        targets
            .iter()
            .map(|t| {
                let style = match t.status {
                    TargetStatus::Alive => paint::WIN,
                    TargetStatus::Won => paint::WIN.bold(),
                    TargetStatus::Eliminated => paint::LOSS,
                    TargetStatus::RunnerUp => paint::DRAW,
                    TargetStatus::Finished => paint::DIM,
                };
                let style = match t.play_offs.as_ref().map(|p| p.status) {
                    Some(TargetStatus::Alive) => paint::WIN,
                    Some(TargetStatus::Won) => paint::WIN.bold(),
                    _ => style,
                };
                Painted::styled(status_text(t), style)
            })
            .collect(),
    );
    grid.column(
        "Where it stands",
        false,
        plain_cells(targets.iter().map(where_text)),
    );
    grid.column(
        "To win",
        true,
        plain_cells(
            targets
                .iter()
                .map(|t| t.ties_to_win.map(|n| n.to_string()).unwrap_or_else(|| "-".into())),
        ),
    );
    // A season over has no chances to show: no column for them.
    if targets.iter().any(|t| t.win_chance.is_some()) {
        grid.column(
            "Chance",
            true,
            plain_cells(
                targets
                    .iter()
                    .map(|t| t.win_chance.map(|c| c.text()).unwrap_or_else(|| "-".into())),
            ),
        );
    }
    let fit = render::Screen {
        width: Some(screen.prose_width()),
        ..*screen
    };
    text.push_str(&grid.render(&fit).text);
    let won: Vec<&str> = targets
        .iter()
        .filter(|t| {
            t.status == TargetStatus::Won
                || (t.format == Format::League && t.status == TargetStatus::Finished && t.position == Some(1))
        })
        .map(|t| t.competition.as_str())
        .collect();
    let alive = targets.iter().filter(|t| t.alive()).count();
    let competitions = if targets.len() == 1 {
        "competition"
    } else {
        "competitions"
    };
    // A line per competition whose next opponent is known: its chances after 90 minutes.
    for t in targets {
        if let (Some(odds), Some(next)) = (&t.next_match_odds, &t.next_match) {
            let opponent = next.opponent.as_deref().map(render::escaped).unwrap_or_default();
            let venue = next.venue.map(venue_mark).unwrap_or_default();
            text.push_str(&render::prose(
                &format!(
                    "{} v {opponent}{venue}, after 90 minutes: {}",
                    t.competition,
                    super::next_match::odds_words(odds)
                ),
                screen,
            ));
        }
    }
    let mut line = format!("Alive in {alive} of {} {competitions}", targets.len());
    if !won.is_empty() {
        line.push_str(&format!("; won {}", won.join(", ")));
    }
    line.push('.');
    text.push_str(&render::prose(&line, screen));
    text
}

fn status_text(t: &TargetView) -> String {
    // A finished league whose play-offs go on is alive in them.
    if let Some(run) = &t.play_offs {
        match run.status {
            TargetStatus::Alive => return "alive".to_string(),
            TargetStatus::Won if play_off_purpose(&t.zones) == Some("promotion") => {
                return "promoted".to_string();
            }
            _ => {}
        }
    }
    match t.status {
        TargetStatus::Alive => "alive",
        TargetStatus::Eliminated => "out",
        TargetStatus::Won => "WON",
        TargetStatus::RunnerUp => "runner-up",
        TargetStatus::Finished => "finished",
    }
    .to_string()
}

fn where_text(t: &TargetView) -> String {
    let mut parts = Vec::new();
    let in_table_stage = t.reached.as_ref().is_some_and(StageReached::has_table);
    if let Some(position) = t.position {
        let mut standing = render::ordinal(position);
        match (&t.group, &t.reached) {
            (Some(group), _) => standing.push_str(&format!(" in Group {group}")),
            (None, Some(StageReached::LeaguePhase(phase))) => {
                standing.push_str(&format!(" in the {}", phase.to_lowercase()))
            }
            (None, Some(StageReached::Section(section))) => {
                standing.push_str(&format!(" ({section} section)"))
            }
            _ => {}
        }
        match (t.points_behind_leader, t.points_clear) {
            (_, Some(lead)) if lead > 0 => standing.push_str(&format!(", {lead} pts clear")),
            (Some(gap), _) if gap > 0 => standing.push_str(&format!(", {gap} pts behind")),
            _ => {}
        }
        let league = t.format == Format::League;
        if league || (in_table_stage && t.status == TargetStatus::Alive) {
            // A place that plainly leads to the next stage needs no words.
            match t.verdict {
                // A league's place leads on only to its play-offs, said below once they are reached.
                _ if league => {
                    if t.status == TargetStatus::Alive
                        && matches!(t.verdict, Some(PlaceVerdict::Through(_)))
                        && t.play_offs.is_none()
                    {
                        standing.push_str(" (in the play-off places)");
                    }
                }
                None | Some(PlaceVerdict::Through(Destination::NextStage)) => {}
                Some(PlaceVerdict::Out) => standing.push_str(" (out as it stands)"),
                Some(_) => {
                    if let Some(leads_to) = &t.leads_to {
                        standing.push_str(&format!(" (to {leads_to})"));
                    }
                }
            }
            parts.push(standing);
        }
    }
    if !t.clinched.is_empty() {
        let said: Vec<String> = t
            .clinched
            .iter()
            .map(|k| format!("{} on {}", k.zone, k.on.format("%-d %b")))
            .collect();
        parts.push(format!("clinched {}", said.join(", ")));
    }
    if let Some(run) = &t.play_offs {
        parts.push(play_off_text(run));
    }
    match t.status {
        TargetStatus::Alive => {
            if let Some(next) = &t.next_match {
                let mut line = format!("next: {}", next.round);
                match &next.opponent {
                    Some(o) => line.push_str(&format!(" v {o}")),
                    None => line.push_str(", not yet drawn"),
                }
                if let Some(venue) = next.venue {
                    line.push_str(venue_mark(venue));
                }
                if let Some(date) = next.date {
                    line.push_str(&format!(", {}", date.format("%a %-d %b")));
                }
                parts.push(line);
            } else if let Some(stage) = &t.stage {
                parts.push(stage.clone());
            }
            for overdue in &t.overdue {
                let mut line = format!("overdue: {}", overdue.round);
                if let Some(o) = &overdue.opponent {
                    line.push_str(&format!(" v {o}"));
                }
                if let Some(date) = overdue.date {
                    line.push_str(&format!(", {}", date.format("%a %-d %b")));
                }
                parts.push(line);
            }
        }
        TargetStatus::Eliminated | TargetStatus::RunnerUp | TargetStatus::Won => {
            let stage = t.stage.clone().unwrap_or_default();
            match &t.decided_by {
                Some(d) => parts.push(format!("{stage}: {d}")),
                None => parts.push(stage),
            }
        }
        TargetStatus::Finished => {}
    }
    parts.join("; ")
}

/// Where a match is played, as fixture lists mark it: " (h)", " (a)", " (n)".
pub fn venue_mark(venue: TeamVenue) -> &'static str {
    match venue {
        TeamVenue::Home => " (h)",
        TeamVenue::Away => " (a)",
        TeamVenue::Neutral => " (n)",
    }
}

/// A play-off run in words: "Play-offs Final: Leeds 0-1 Southampton; promoted through
/// the play-offs", or its next match while it goes on.
fn play_off_text(run: &PlayOffView) -> String {
    let mut text = match &run.round {
        Some(round) => format!("{} {round}", run.stage),
        None => format!("in the {}", run.stage.to_lowercase()),
    };
    if let Some(decided) = &run.decided_by {
        text.push_str(&format!(": {decided}"));
    }
    if let Some(next) = &run.next_match {
        match &next.opponent {
            Some(o) => text.push_str(&format!(", next v {o}")),
            None => text.push_str(", not yet drawn"),
        }
        if let Some(date) = next.date {
            text.push_str(&format!(", {}", date.format("%a %-d %b")));
        }
    }
    if let Some(outcome) = &run.outcome {
        text.push_str(&format!("; {outcome}"));
    }
    text
}

#[cfg(test)]
mod tests {
    use matchday_core::{Destination, Round};

    use super::*;

    fn target(stage: StageReached, leads_to: PlaceVerdict) -> TrophyTarget {
        TrophyTarget {
            competition: "Cup".into(),
            season: Season::starting(2024),
            format: Format::GroupsKnockout,
            tier: None,
            status: TargetStatus::Alive,
            stage: Some(stage),
            group: None,
            next_match: None,
            overdue: Vec::new(),
            eliminated_by: None,
            decided_by: None,
            ties_to_win: Some(5),
            position: Some(12),
            points_behind_leader: Some(4),
            points_clear: None,
            leads_to: Some(leads_to),
            zones: Vec::new(),
            play_offs: None,
        }
    }

    fn words(t: &TrophyTarget) -> String {
        where_text(&TargetView::of(t, TeamId(1), &|_| String::new()))
    }

    #[test]
    fn the_stage_is_worded_by_its_kind_not_by_its_name() {
        // A league phase by any name is a table: its place and where it leads are said.
        let to_playoffs = PlaceVerdict::Through(Destination::Round(Round::Playoff));
        let swiss = target(StageReached::LeaguePhase("Swiss phase".into()), to_playoffs);
        assert_eq!(
            words(&swiss),
            "12th in the swiss phase, 4 pts behind (to Play-offs); Swiss phase"
        );
        let out = target(StageReached::LeaguePhase("Swiss phase".into()), PlaceVerdict::Out);
        assert!(words(&out).contains("(out as it stands)"), "{}", words(&out));
        // A knockout round is no table: no place is said.
        let round = target(StageReached::Round(Round::QuarterFinal), PlaceVerdict::Out);
        assert_eq!(words(&round), "Quarterfinals");
    }
}
