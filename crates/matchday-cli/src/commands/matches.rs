//! `matchday fixtures` and `matchday results`: list matches.

use std::collections::HashMap;

use chrono::NaiveDate;
use matchday_core::{CompetitionId, Match, Season};
use matchday_store::{MatchFilter, Store};
use serde::Serialize;

use crate::args::OutputFormat;
use crate::render;

/// Filters both listings share.
#[derive(Debug, clap::Args)]
pub struct Filter {
    /// Only this team's matches
    #[arg(long, short)]
    pub team: Option<String>,

    /// Only this competition (slug or part of its name)
    #[arg(long, short)]
    pub competition: Option<String>,

    /// The competition's season, with --competition [default: latest]
    #[arg(long, value_parser = super::parse_season, requires = "competition")]
    pub season: Option<Season>,

    /// On or after this day
    #[arg(long, value_parser = super::parse_date)]
    pub from: Option<NaiveDate>,

    /// On or before this day
    #[arg(long, value_parser = super::parse_date)]
    pub to: Option<NaiveDate>,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// List matches still to play
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday fixtures --team Liverpool --from 2024-02-01
  matchday fixtures --competition \"Premier League\" --format json")]
pub struct FixturesArgs {
    #[command(flatten)]
    pub filter: Filter,
}

/// List results
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday results --team Liverpool --from 2024-01-01 --to 2024-01-31
  matchday results --competition \"FA Cup\" --format csv")]
pub struct ResultsArgs {
    #[command(flatten)]
    pub filter: Filter,
}

pub fn fixtures(store: &Store, args: FixturesArgs) -> anyhow::Result<String> {
    list(store, args.filter, true)
}

pub fn results(store: &Store, args: ResultsArgs) -> anyhow::Result<String> {
    list(store, args.filter, false)
}

#[derive(Serialize)]
struct MatchRow {
    /// What `matchday edit match --id` and `matchday delete match --id` take.
    id: i64,
    date: NaiveDate,
    kickoff: Option<String>,
    competition: String,
    season: String,
    round: Option<String>,
    group: Option<String>,
    leg: Option<u8>,
    home: String,
    away: String,
    venue: String,
    status: String,
    result: Option<String>,
    full_time: Option<[u8; 2]>,
    half_time: Option<[u8; 2]>,
    extra_time: Option<[u8; 2]>,
    penalties: Option<[u8; 2]>,
}

fn list(store: &Store, filter: Filter, pending: bool) -> anyhow::Result<String> {
    let read = store.read();
    let team = filter.team.as_deref().map(|t| read.resolve_team(t)).transpose()?;
    let competition = match &filter.competition {
        Some(c) => Some(read.find_competition(c, filter.season, None)?.id.expect("stored")),
        None => None,
    };
    let found = read.list_matches(&MatchFilter {
        team,
        competition,
        from: filter.from,
        to: filter.to,
        pending: Some(pending),
    })?;
    let names = read.team_names()?;
    let competitions: HashMap<CompetitionId, (String, String)> = read
        .competitions()?
        .into_iter()
        .map(|c| (c.id.expect("stored"), (c.name, c.season.to_string())))
        .collect();
    let rows: Vec<MatchRow> = found
        .iter()
        .map(|(c, m)| row(m, &competitions[c], &names))
        .collect();
    let headers = ["Id", "Date", "Time", "Competition", "Round", "Home", "", "Away"];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let round = match (&r.round, &r.group, r.leg) {
                (Some(round), _, Some(leg)) => format!("{round}, leg {leg}"),
                (Some(round), _, None) => round.clone(),
                (None, Some(g), _) => format!("Group {g}"),
                _ => String::new(),
            };
            let middle = match (&r.result, r.status.as_str()) {
                (Some(result), "awarded") => format!("{result} (awarded)"),
                (Some(result), _) => result.clone(),
                (None, "scheduled") => "v".into(),
                (None, status) => format!("v ({status})"),
            };
            vec![
                r.id.to_string(),
                r.date.to_string(),
                r.kickoff.clone().unwrap_or_default(),
                r.competition.clone(),
                round,
                r.home.clone(),
                middle,
                r.away.clone(),
            ]
        })
        .collect();
    match filter.format {
        OutputFormat::Json => render::json(&rows),
        OutputFormat::Csv => render::csv(&headers.map(|h| if h.is_empty() { "result" } else { h }), &cells),
        OutputFormat::Table if rows.is_empty() => Ok(if pending {
            "no fixtures match\n".into()
        } else {
            "no results match\n".into()
        }),
        OutputFormat::Table => Ok(render::grid(&headers, &cells, &[0])),
    }
}

fn row(
    m: &Match,
    competition: &(String, String),
    names: &HashMap<matchday_core::TeamId, String>,
) -> MatchRow {
    let pair = |s: Option<matchday_core::Score>| s.map(|s| [s.home(), s.away()]);
    let result = m.status.result();
    MatchRow {
        id: m.id.expect("stored").0,
        date: m.date,
        kickoff: m.kickoff.map(|t| t.format("%H:%M").to_string()),
        competition: competition.0.clone(),
        season: competition.1.clone(),
        round: m.round.clone(),
        group: m.group.clone(),
        leg: m.leg,
        home: names[&m.pairing.home()].clone(),
        away: names[&m.pairing.away()].clone(),
        venue: if m.venue == matchday_core::Venue::Neutral {
            "neutral".into()
        } else {
            "home".into()
        },
        status: m.status.name().into(),
        result: result.map(|r| r.to_string()),
        full_time: pair(result.and_then(|r| r.score())),
        half_time: pair(result.and_then(|r| r.half_time())),
        extra_time: pair(result.and_then(|r| r.extra_time())),
        penalties: pair(result.and_then(|r| r.penalties())),
    }
}
