//! `matchday decide`: record an order decided off the pitch (fair play, lots, a ranking).

use std::collections::BTreeSet;

use matchday_core::{Decision, DecisionError, OffThePitch, Season};
use matchday_store::Store;

/// Record an order of teams decided off the pitch
///
/// Where the results leave teams level on every criterion, the regulations go
/// on to one off the pitch: fair play, disciplinary points, the drawing of
/// lots, a coefficient or ranking. The table names that criterion and shares
/// the place until the decision is recorded here; then it shows this order
/// with its reason. Teams are given best first, and must be exactly the teams
/// level in that group or table, on every criterion of its regulations.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday decide \"World Cup\" --season 2018 --group H \\
      Japan Senegal --by \"fair play\"
  matchday decide Euro --season 2024 --group C Denmark Slovenia --by disciplinary-points

Criteria: fair-play, disciplinary-points, drawing-of-lots, coefficient, qualifying-ranking, world-ranking.")]
pub struct Args {
    /// The competition: its slug or part of its name
    pub competition: String,

    /// The teams, best first
    #[arg(required = true, num_args = 2..)]
    pub teams: Vec<String>,

    /// The season [default: the latest stored]
    #[arg(long, value_parser = super::parse_season)]
    pub season: Option<Season>,

    /// The group, in a group stage
    #[arg(long)]
    pub group: Option<String>,

    /// What decided, e.g. "fair play" or lots
    #[arg(long, value_parser = parse_criterion)]
    pub by: OffThePitch,
}

fn parse_criterion(text: &str) -> Result<OffThePitch, String> {
    text.parse().map_err(|e: matchday_core::Error| e.to_string())
}

pub fn run(store: &mut Store, args: Args) -> anyhow::Result<String> {
    let read = store.read();
    let competition = read.find_competition(&args.competition, args.season, None)?;
    let id = competition.id.expect("stored");
    let groups: BTreeSet<String> = read.matches(id)?.into_iter().filter_map(|m| m.group).collect();
    let group = match &args.group {
        None => {
            anyhow::ensure!(
                groups.is_empty(),
                "{} {} has groups: add --group ({})",
                competition.name,
                competition.season,
                groups.iter().cloned().collect::<Vec<_>>().join(", ")
            );
            None
        }
        Some(wanted) => {
            let wanted = wanted.trim().trim_start_matches("Group ").trim();
            let found = groups.iter().find(|g| g.eq_ignore_ascii_case(wanted)).cloned();
            Some(found.ok_or_else(|| {
                anyhow::anyhow!(
                    "{} {} has no group '{wanted}'",
                    competition.name,
                    competition.season
                )
            })?)
        }
    };
    let teams = args
        .teams
        .iter()
        .map(|t| read.resolve_team(t))
        .collect::<Result<Vec<_>, _>>()?;
    let names = read.team_names()?;
    let decision = Decision::new(group.clone(), teams, args.by)?;
    let order: Vec<&str> = decision.teams().iter().map(|t| names[t].as_str()).collect();
    let recorded = store.write(|w| w.record_decision(&competition, &decision));
    if let Err(matchday_store::StoreError::Decision(why)) = &recorded {
        let reason = match why {
            DecisionError::NotLevel => format!(
                "{} are not level on every criterion the results give, so the results decide",
                order.join(" and ")
            ),
            DecisionError::NotInTable(team) => format!("{} is not in that table", names[team]),
            other => other.to_string(),
        };
        anyhow::bail!("cannot record that decision: {reason}");
    }
    recorded?;
    Ok(format!(
        "recorded in {} {}{}: {} in this order by {}\n",
        competition.name,
        competition.season,
        group.map(|g| format!(", Group {g}")).unwrap_or_default(),
        order.join(", "),
        args.by.description()
    ))
}
