//! `matchday entrant add`: enter clubs in a league season.

use matchday_core::{Season, SeasonOver};
use matchday_store::Store;

/// Enter clubs in a competition-season
///
/// A league season knows its clubs: fixtures, results and deductions are
/// taken only for its entrants. Importing a season file or Football.TXT
/// enters the clubs of what it imports; a season built by hand enters them here.
/// A season that is over (every match it needs played, or its last day passed)
/// takes a club only with --force.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// What to do with entrants.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Enter one or more teams in a competition-season
    #[command(after_help = "Examples:
  matchday entrant add \"Premier League\" Luton Burnley \"Sheffield United\" --season 2023-24
  matchday entrant add sunday \"Red Lions\" \"Blue Dragons\"
  matchday entrant add sunday Rovers --season 2023-24 --force    (a season over)")]
    Add(AddArgs),
}

/// Options of `entrant add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The competition: its slug or part of its name
    pub competition: String,

    /// The teams to enter
    #[arg(required = true)]
    pub teams: Vec<String>,

    /// The season [default: the latest stored]
    #[arg(long, value_parser = super::parse_season)]
    pub season: Option<Season>,

    /// Enter them even though the season is over (every match it needs played, or its last day passed)
    #[arg(long)]
    pub force: bool,
}

pub fn run(store: &mut Store, args: Args) -> anyhow::Result<String> {
    let Action::Add(add) = args.action;
    let read = store.read();
    let competition = read.find_competition(&add.competition, add.season, None)?;
    let id = competition.id.expect("stored");
    let teams = add
        .teams
        .iter()
        .map(|t| read.resolve_team(t))
        .collect::<Result<Vec<_>, _>>()?;
    let names = read.team_names()?;
    let entered: Vec<&str> = teams.iter().map(|t| names[t].as_str()).collect();
    let today = chrono::Local::now().date_naive();
    store.write(|w| -> anyhow::Result<()> {
        // Checked in the write itself, against the matches stored as it commits.
        let matches = w.matches(id)?;
        let entrants = w.entrants(id)?;
        if !add.force
            && let Some(over) = SeasonOver::of(&competition, &entrants, &matches, today)
        {
            let asked: Vec<String> = entered.iter().map(|t| t.to_string()).collect();
            anyhow::bail!(crate::refusal::season_over_words(over, &competition, &asked));
        }
        teams.iter().try_for_each(|&t| w.add_entrant(id, t))?;
        Ok(())
    })?;
    Ok(format!(
        "entered {} in {} {}\n",
        entered.join(", "),
        competition.name,
        competition.season
    ))
}
