//! `matchday delete`: remove a stored match or deduction.

use matchday_store::Store;

use super::edit::{WhichDeduction, WhichMatch, deduction_title, match_title, outcome};
use crate::refusal;

/// Remove a stored match or deduction
///
/// Choose it as `matchday edit` does: by competition, teams (or team) and
/// date, or by id. Only the row goes: a deleted leg or replay leaves the rest
/// of its tie as it is. A match with a result is deleted only with
/// `--result`; a result entered for a match still to play is better taken
/// back with `matchday edit match ... --to-fixture`, which keeps the fixture.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

/// What to remove.
#[derive(Debug, clap::Subcommand)]
pub enum What {
    /// Remove a match (a fixture; a result with --result)
    #[command(after_help = "Examples:
  matchday delete match -c premier-league \"Liverpool v Norwich\" -d 2024-01-28
  matchday delete match --id 812 --result")]
    Match(MatchArgs),
    /// Remove a deduction
    #[command(after_help = "Examples:
  matchday delete deduction Everton -c premier-league -d 2024-04-08
  matchday delete deduction --id 3")]
    Deduction(DeductionArgs),
}

/// Options of `delete match`.
#[derive(Debug, clap::Args)]
pub struct MatchArgs {
    #[command(flatten)]
    pub which: WhichMatch,

    /// Delete it although it has a result (the result goes with it)
    #[arg(long)]
    pub result: bool,
}

/// Options of `delete deduction`.
#[derive(Debug, clap::Args)]
pub struct DeductionArgs {
    #[command(flatten)]
    pub which: WhichDeduction,
}

pub fn run(store: &mut Store, args: Args) -> anyhow::Result<String> {
    let read = store.read();
    let names = read.team_names()?;
    match args.what {
        What::Match(args) => {
            let choice = args.which.choice(&read)?;
            let deleted = store.write(|w| {
                let (competition, _) = w.choose_match(&choice)?;
                w.delete_match(&choice, args.result)
                    .map_err(|e| refusal::worded(e, &names, &competition))
            })?;
            let m = &deleted.before;
            Ok(format!(
                "deleted {} on {}: {}\n",
                match_title(m, &names, &deleted.competition),
                m.date,
                outcome(&m.status)
            ))
        }
        What::Deduction(args) => {
            let choice = args.which.choice(&read)?;
            let deleted = store.write(|w| {
                let (competition, _, _) = w.choose_deduction(&choice)?;
                w.delete_deduction(&choice)
                    .map_err(|e| refusal::worded(e, &names, &competition))
            })?;
            Ok(format!(
                "deleted {} ({} points)\n",
                deduction_title(&deleted.before, &names, &deleted.competition),
                deleted.before.points
            ))
        }
    }
}
