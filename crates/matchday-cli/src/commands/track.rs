//! `matchday track`: what a club can still win, and what is next.

use chrono::NaiveDate;
use matchday_core::{KnockoutError, Season, TargetStatus, TeamId, TeamVenue, TrophyTarget};
use matchday_store::Store;

use super::Loaded;
use crate::args::OutputFormat;
use crate::render;

/// Show what a club can still win this season, and what is next
///
/// Every competition the club entered: alive or out (and to whom), the next
/// round, opponent, date and venue, how many ties from a trophy, and for a
/// league its place and the gap to first.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday track Liverpool --as-of 2024-02-01
  matchday track \"Man City\" --season 2023-24 --format json")]
pub struct Args {
    /// The club
    pub team: String,

    /// The season [default: the one containing --as-of, else the club's latest]
    #[arg(long, value_parser = super::parse_season)]
    pub season: Option<Season>,

    /// As things stood at the end of this day
    #[arg(long, value_parser = super::parse_date)]
    pub as_of: Option<NaiveDate>,

    /// Output format (table or json)
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<String> {
    let read = store.read();
    let team = read.resolve_team(&args.team)?;
    let names = read.team_names()?;
    let name = |id: TeamId| names.get(&id).cloned().unwrap_or_default();
    let entered = Loaded::entered_by(&read, team)?;
    let season = match (args.season, args.as_of) {
        (Some(s), _) => s,
        (None, Some(day)) => entered
            .iter()
            .map(|l| l.competition.season)
            .filter(|s| s.contains(day))
            .max()
            .unwrap_or_else(|| Season::of_date(day)),
        (None, None) => entered
            .iter()
            .map(|l| l.competition.season)
            .max()
            .ok_or_else(|| anyhow::anyhow!("{} has no matches stored in any competition", name(team)))?,
    };
    let mut targets = Vec::new();
    for loaded in entered.iter().filter(|l| l.competition.season == season) {
        match TrophyTarget::compute(loaded.season(), team, args.as_of, &name) {
            Ok(target) => targets.push(target),
            Err(KnockoutError::NotEntered { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    if targets.is_empty() {
        anyhow::bail!("{} has no matches stored in the {season} season", name(team));
    }
    // Leagues first, then cups, each by name.
    targets.sort_by_key(|t| (t.format != matchday_core::Format::League, t.competition.clone()));
    match args.format {
        OutputFormat::Json => render::json(&render::tie::targets_json(&targets, &name)?),
        OutputFormat::Csv => anyhow::bail!("track prints as a table or JSON, not CSV"),
        OutputFormat::Table => Ok(render_track(&name(team), season, args.as_of, &targets, &name)),
    }
}

/// The tracker as a table that fits an 80-column terminal.
pub fn render_track(
    team: &str,
    season: Season,
    as_of: Option<NaiveDate>,
    targets: &[TrophyTarget],
    name: &dyn Fn(TeamId) -> String,
) -> String {
    let mut text = format!("{team}, {season}");
    if let Some(day) = as_of {
        text.push_str(&format!(", as of {day}"));
    }
    text.push('\n');
    let rows: Vec<Vec<String>> = targets
        .iter()
        .map(|t| {
            vec![
                t.competition.clone(),
                status_text(t),
                where_text(t, name),
                t.ties_to_win.map(|n| n.to_string()).unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    text.push_str(&render::grid_within(
        &["Competition", "Status", "Where it stands", "To win"],
        &rows,
        &[3],
        80,
    ));
    let won: Vec<&str> = targets
        .iter()
        .filter(|t| {
            t.status == TargetStatus::Won || (t.status == TargetStatus::Finished && t.position == Some(1))
        })
        .map(|t| t.competition.as_str())
        .collect();
    let alive = targets.iter().filter(|t| t.status == TargetStatus::Alive).count();
    text.push_str(&format!("Alive in {alive} of {} competitions", targets.len()));
    if !won.is_empty() {
        text.push_str(&format!("; won {}", won.join(", ")));
    }
    text.push_str(".\n");
    text
}

fn status_text(t: &TrophyTarget) -> String {
    match t.status {
        TargetStatus::Alive => "alive",
        TargetStatus::Eliminated => "out",
        TargetStatus::Won => "WON",
        TargetStatus::RunnerUp => "runner-up",
        TargetStatus::Finished => "finished",
    }
    .to_string()
}

fn where_text(t: &TrophyTarget, name: &dyn Fn(TeamId) -> String) -> String {
    let mut parts = Vec::new();
    if let Some(position) = t.position {
        let mut standing = render::ordinal(position);
        if let Some(group) = &t.group {
            standing.push_str(&format!(" in Group {group}"));
        }
        match (t.points_behind_leader, t.points_clear) {
            (_, Some(lead)) if lead > 0 => standing.push_str(&format!(", {lead} pts clear")),
            (Some(gap), _) if gap > 0 => standing.push_str(&format!(", {gap} pts behind")),
            _ => {}
        }
        let in_group_stage = t.stage.as_deref().is_some_and(|s| s.starts_with("Group"));
        let league = t.format == matchday_core::Format::League;
        if league || (in_group_stage && t.status == TargetStatus::Alive) {
            parts.push(standing);
        }
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
                    line.push_str(match venue {
                        TeamVenue::Home => " (h)",
                        TeamVenue::Away => " (a)",
                        TeamVenue::Neutral => " (n)",
                    });
                }
                if let Some(date) = next.date {
                    line.push_str(&format!(", {}", date.format("%a %-d %b")));
                }
                parts.push(line);
            } else if let Some(stage) = &t.stage {
                parts.push(stage.clone());
            }
        }
        TargetStatus::Eliminated | TargetStatus::RunnerUp | TargetStatus::Won => {
            let stage = t.stage.clone().unwrap_or_default();
            match &t.decided_by {
                Some(d) => parts.push(format!("{stage}: {}", render::tie::decided_by(d, name))),
                None => parts.push(stage),
            }
        }
        TargetStatus::Finished => {}
    }
    parts.join("; ")
}
