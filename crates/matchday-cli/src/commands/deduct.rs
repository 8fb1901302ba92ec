//! `matchday deduct`: record a points deduction.

use chrono::NaiveDate;
use matchday_core::{Deduction, Season};
use matchday_store::Store;

use crate::refusal;

/// Record a points deduction
///
/// A negative number gives points back, as a successful appeal does, and can
/// only give back what earlier deductions took. A reduced penalty is best
/// entered as the points given back on the day of the appeal, so tables
/// before that day stay right. The team must be an entrant of the competition,
/// and the competition must have a table (a league or a group stage: a knockout
/// has no points).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday deduct Everton 10 --competition \"Premier League\" --date 2023-11-17 --reason \"profit and sustainability breach\"
  matchday deduct Everton -4 --competition \"Premier League\" --date 2024-02-26 --reason \"reduced on appeal\"")]
pub struct Args {
    /// The team
    pub team: String,

    /// Points taken away (negative gives points back)
    #[arg(allow_negative_numbers = true)]
    pub points: i32,

    /// The competition: its slug or part of its name
    #[arg(long, short)]
    pub competition: String,

    /// The day it took effect
    #[arg(long, short, value_parser = super::parse_date)]
    pub date: NaiveDate,

    /// The season [default: the one containing the date]
    #[arg(long, value_parser = super::parse_season)]
    pub season: Option<Season>,

    /// Why
    #[arg(long)]
    pub reason: String,
}

pub fn run(store: &mut Store, args: Args) -> anyhow::Result<String> {
    anyhow::ensure!(args.points != 0, "a deduction of 0 points changes nothing");
    anyhow::ensure!(
        args.points.abs() <= 100,
        "{} points is not a believable deduction",
        args.points
    );
    anyhow::ensure!(
        !args.reason.trim().is_empty(),
        "give a --reason for the deduction"
    );
    let read = store.read();
    let competition = read.find_competition(&args.competition, args.season, Some(args.date))?;
    let team = read.resolve_team(&args.team)?;
    let names = read.team_names()?;
    let name = names[&team].clone();
    let deduction = Deduction {
        team,
        points: args.points,
        effective: args.date,
        reason: args.reason.trim().into(),
    };
    let added = store
        .write(|w| w.add_deduction(&competition, &deduction))
        .map_err(|e| refusal::worded(e, &names, &competition))?;
    let name = crate::render::escaped(&name);
    if added == matchday_store::Added::AlreadyStored {
        return Ok(format!(
            "already stored: {} points for {name} in {} {} from {}; nothing changed\n",
            args.points, competition.name, competition.season, args.date
        ));
    }
    let what = if args.points > 0 {
        format!("deducted {} points from {name}", args.points)
    } else {
        format!("gave {} points back to {name}", -args.points)
    };
    Ok(format!(
        "{what} in {} {} from {}\n",
        competition.name, competition.season, args.date
    ))
}
