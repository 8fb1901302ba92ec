//! `matchday edit`: correct a stored match, deduction or team name.

use std::collections::HashMap;

use anyhow::Context;
use chrono::{NaiveDate, NaiveTime};
use matchday_core::{
    Competition, ExtraTimeAfter, FixtureEntry, Match, MatchId, MatchResult, MatchStatus, Pairing, Season,
    TeamId,
};
use matchday_store::{DeductionChoice, DeductionEdit, DeductionId, MatchChoice, MatchEdit, Reader, Store};

use crate::refusal;
use crate::render::escaped;

/// Correct a stored match, deduction or team
///
/// Choose the match by competition, teams and (where they met that way round
/// more than once) date, or by the id `matchday results` and `matchday
/// fixtures` show. A choice that names no match, or more than one, is refused
/// naming the matches it could be. The match as corrected meets every check a
/// typed result or fixture meets; a refused correction changes nothing.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

/// What to correct.
#[derive(Debug, clap::Subcommand)]
pub enum What {
    /// Correct a match: its result, back to a fixture, its date or kick-off
    #[command(after_help = "Examples:
  matchday edit match -c premier-league \"Liverpool v Norwich\" -d 2024-01-28 --score 5-2
  matchday edit match --id 812 --score \"1-1 aet, 4-3 pens\"
  matchday edit match -c premier-league \"Man Utd v Burnley\" -d 2024-02-10 --new-date 2024-04-27 --time 15:00
  matchday edit match -c bundesliga \"Union Berlin v Mainz 05\" -d 2024-01-31 --to-fixture")]
    Match(MatchArgs),
    /// Correct a deduction: its points or its reason
    #[command(after_help = "Examples:
  matchday edit deduction Everton -c premier-league -d 2023-11-17 --points 6
  matchday edit deduction --id 3 \\
      --reason \"breach of the profit and sustainability rules\"")]
    Deduction(DeductionArgs),
    /// Correct a team's name (the old name still finds it)
    #[command(after_help = "Example:
  matchday edit team \"Sample\" --name \"Sample FC\"")]
    Team(TeamArgs),
}

/// Which stored match: by competition, teams and date, or by id.
#[derive(Debug, clap::Args)]
pub struct WhichMatch {
    /// The match: "Home v Away", home side first, with --competition
    #[arg(
        value_name = "HOME v AWAY",
        required_unless_present = "id",
        requires = "competition",
        conflicts_with = "id"
    )]
    pub teams: Option<String>,

    /// The match's id, as `matchday results` and `matchday fixtures` show it
    #[arg(long, value_name = "ID")]
    pub id: Option<i64>,

    /// The competition: its slug or part of its name
    #[arg(long, short, conflicts_with = "id")]
    pub competition: Option<String>,

    /// The day it is stored for, needed when the teams met that way round more than once
    #[arg(long, short, value_parser = super::parse_date, conflicts_with = "id")]
    pub date: Option<NaiveDate>,

    /// The season [default: the one containing --date, else the latest]
    #[arg(long, value_parser = super::parse_season, conflicts_with = "id")]
    pub season: Option<Season>,
}

impl WhichMatch {
    /// The choice the store resolves inside its write.
    pub fn choice(&self, read: &Reader<'_>) -> anyhow::Result<MatchChoice> {
        if let Some(id) = self.id {
            return Ok(MatchChoice::Id(MatchId(id)));
        }
        let (Some(teams), Some(competition)) = (&self.teams, &self.competition) else {
            anyhow::bail!("choose the match: \"Home v Away\" with --competition, or --id");
        };
        let entry: FixtureEntry = teams.parse()?;
        let competition = read.find_competition(competition, self.season, self.date)?;
        let home = read.resolve_team(&entry.home)?;
        let away = read.resolve_team(&entry.away)?;
        let pairing = Pairing::new(home, away).with_context(|| format!("'{teams}'"))?;
        Ok(MatchChoice::Teams {
            competition: competition.id.expect("stored"),
            pairing,
            date: self.date,
        })
    }
}

/// Options of `edit match`.
#[derive(Debug, clap::Args)]
#[command(group(
    clap::ArgGroup::new("change")
        .required(true)
        .multiple(true)
        .args(["score", "to_fixture", "postponed", "new_date", "time", "no_time"])
))]
pub struct MatchArgs {
    #[command(flatten)]
    pub which: WhichMatch,

    /// The result, from the home side: "5-2", "1-1 aet, 4-3 pens", "2-1 (1-0)"
    #[arg(long, value_name = "RESULT", conflicts_with_all = ["to_fixture", "postponed"])]
    pub score: Option<String>,

    /// The score was awarded, not played
    #[arg(long, requires = "score")]
    pub awarded: bool,

    /// Take the result back: the match is a fixture still to play
    #[arg(long, conflicts_with = "postponed")]
    pub to_fixture: bool,

    /// The match is postponed (still to play, date not yet known)
    #[arg(long)]
    pub postponed: bool,

    /// Move the match to this day (a rearranged fixture, or a date entered wrongly)
    #[arg(long, value_parser = super::parse_date, value_name = "DATE")]
    pub new_date: Option<NaiveDate>,

    /// Local kick-off time, e.g. 20:15
    #[arg(long, value_parser = super::parse_time, conflicts_with = "no_time")]
    pub time: Option<NaiveTime>,

    /// Forget the kick-off time
    #[arg(long)]
    pub no_time: bool,
}

/// Options of `edit deduction`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true).args(["points", "reason"])))]
pub struct DeductionArgs {
    #[command(flatten)]
    pub which: WhichDeduction,

    /// Points taken away (negative gives points back)
    #[arg(long, allow_negative_numbers = true)]
    pub points: Option<i32>,

    /// Why
    #[arg(long)]
    pub reason: Option<String>,
}

/// Which stored deduction: by competition, team and date, or by id.
#[derive(Debug, clap::Args)]
pub struct WhichDeduction {
    /// The team, with --competition
    #[arg(
        required_unless_present = "id",
        requires = "competition",
        conflicts_with = "id"
    )]
    pub team: Option<String>,

    /// The deduction's id, as a refusal naming the candidates shows it
    #[arg(long, value_name = "ID")]
    pub id: Option<i64>,

    /// The competition: its slug or part of its name
    #[arg(long, short, conflicts_with = "id")]
    pub competition: Option<String>,

    /// The day it took effect, needed when the team has more than one
    #[arg(long, short, value_parser = super::parse_date, conflicts_with = "id")]
    pub date: Option<NaiveDate>,

    /// The season [default: the one containing --date, else the latest]
    #[arg(long, value_parser = super::parse_season, conflicts_with = "id")]
    pub season: Option<Season>,
}

impl WhichDeduction {
    /// The choice the store resolves inside its write.
    pub fn choice(&self, read: &Reader<'_>) -> anyhow::Result<DeductionChoice> {
        if let Some(id) = self.id {
            return Ok(DeductionChoice::Id(DeductionId(id)));
        }
        let (Some(team), Some(competition)) = (&self.team, &self.competition) else {
            anyhow::bail!("choose the deduction: a team with --competition, or --id");
        };
        let competition = read.find_competition(competition, self.season, self.date)?;
        Ok(DeductionChoice::Team {
            competition: competition.id.expect("stored"),
            team: read.resolve_team(team)?,
            date: self.date,
        })
    }
}

/// Options of `edit team`.
#[derive(Debug, clap::Args)]
pub struct TeamArgs {
    /// The team, by any name it goes by
    pub team: String,

    /// The name tables show from now on
    #[arg(long)]
    pub name: String,
}

pub fn run(store: &mut Store, args: Args) -> anyhow::Result<String> {
    match args.what {
        What::Match(args) => edit_match(store, args),
        What::Deduction(args) => edit_deduction(store, args),
        What::Team(args) => edit_team(store, args),
    }
}

fn edit_match(store: &mut Store, args: MatchArgs) -> anyhow::Result<String> {
    let read = store.read();
    let choice = args.which.choice(&read)?;
    let status = match &args.score {
        // Read as `result` reads it: whether extra time fits is the match's checks' to say.
        Some(text) => {
            let result = MatchResult::parse(text, ExtraTimeAfter::LevelAggregate)?;
            Some(if args.awarded {
                MatchStatus::Awarded(result)
            } else {
                MatchStatus::Played(result)
            })
        }
        None if args.to_fixture => Some(MatchStatus::Scheduled),
        None if args.postponed => Some(MatchStatus::Postponed),
        None => None,
    };
    let edit = MatchEdit {
        status,
        date: args.new_date,
        kickoff: match (args.time, args.no_time) {
            (Some(time), _) => Some(Some(time)),
            (None, true) => Some(None),
            (None, false) => None,
        },
    };
    let names = read.team_names()?;
    let changed = store.write(|w| {
        let (competition, _) = w.choose_match(&choice)?;
        w.edit_match(&choice, &edit)
            .map_err(|e| refusal::worded(e, &names, &competition))
    })?;
    let after = changed.after.as_ref().expect("edited");
    let comp = &changed.competition;
    let what = match_title(&changed.before, &names, comp);
    let changes = match_changes(&changed.before, after);
    if changes.is_empty() {
        return Ok(format!("unchanged: {what} already is so\n"));
    }
    Ok(format!("edited {what}: {}\n", changes.join("; ")))
}

/// "Liverpool v Norwich City (#812) in FA Cup 2023-24".
pub fn match_title(m: &Match, names: &HashMap<TeamId, String>, competition: &Competition) -> String {
    let name = |t: TeamId| {
        names
            .get(&t)
            .map_or_else(|| format!("team {}", t.0), |n| escaped(n).into_owned())
    };
    format!(
        "{} v {} (#{}) in {} {}",
        name(m.pairing.home()),
        name(m.pairing.away()),
        m.id.expect("stored").0,
        competition.name,
        competition.season
    )
}

/// What a match's status says: its result, or what it is still.
pub fn outcome(status: &MatchStatus) -> String {
    match status {
        MatchStatus::Played(r) => r.to_string(),
        MatchStatus::Awarded(r) => format!("{r} (awarded)"),
        MatchStatus::Scheduled => "a fixture".into(),
        MatchStatus::Live(live) => format!("in play, {live}"),
        other => other.name().into(),
    }
}

/// Each fact that differs, as "date 2024-04-27 (was 2024-02-10)".
fn match_changes(before: &Match, after: &Match) -> Vec<String> {
    let mut changes = Vec::new();
    if before.status != after.status {
        let label = if after.status.result().is_some() {
            "result"
        } else {
            "now"
        };
        changes.push(format!(
            "{label} {} (was {})",
            outcome(&after.status),
            outcome(&before.status)
        ));
    }
    if before.date != after.date {
        changes.push(format!("date {} (was {})", after.date, before.date));
    }
    if before.kickoff != after.kickoff {
        let time =
            |t: Option<NaiveTime>| t.map_or_else(|| "none".to_string(), |t| t.format("%H:%M").to_string());
        changes.push(format!(
            "kick-off {} (was {})",
            time(after.kickoff),
            time(before.kickoff)
        ));
    }
    changes
}

fn edit_deduction(store: &mut Store, args: DeductionArgs) -> anyhow::Result<String> {
    if let Some(points) = args.points {
        anyhow::ensure!(
            points.abs() <= 100,
            "{points} points is not a believable deduction"
        );
    }
    if let Some(reason) = &args.reason {
        anyhow::ensure!(!reason.trim().is_empty(), "give a --reason for the deduction");
    }
    let read = store.read();
    let choice = args.which.choice(&read)?;
    let names = read.team_names()?;
    let edit = DeductionEdit {
        points: args.points,
        reason: args.reason.clone(),
    };
    let changed = store.write(|w| {
        let (competition, _, _) = w.choose_deduction(&choice)?;
        w.edit_deduction(&choice, &edit)
            .map_err(|e| refusal::worded(e, &names, &competition))
    })?;
    let (before, after) = (&changed.before, changed.after.as_ref().expect("edited"));
    let what = deduction_title(before, &names, &changed.competition);
    let mut changes = Vec::new();
    if before.points != after.points {
        changes.push(format!("{} points (was {})", after.points, before.points));
    }
    if before.reason != after.reason {
        changes.push(format!(
            "reason '{}' (was '{}')",
            escaped(&after.reason),
            escaped(&before.reason)
        ));
    }
    if changes.is_empty() {
        return Ok(format!("unchanged: {what} already is so\n"));
    }
    Ok(format!("edited {what}: {}\n", changes.join("; ")))
}

/// "Everton's deduction from 2023-11-17 in Premier League 2023-24".
pub fn deduction_title(
    d: &matchday_core::Deduction,
    names: &HashMap<TeamId, String>,
    competition: &Competition,
) -> String {
    let team = names
        .get(&d.team)
        .map_or_else(|| format!("team {}", d.team.0), |n| escaped(n).into_owned());
    format!(
        "{team}'s deduction from {} in {} {}",
        d.effective, competition.name, competition.season
    )
}

pub(crate) fn edit_team(store: &mut Store, args: TeamArgs) -> anyhow::Result<String> {
    let team = store.read().resolve_team(&args.team)?;
    let renamed = store.write(|w| w.rename_team(team, &args.name))?;
    if renamed.before == renamed.after {
        return Ok(format!(
            "unchanged: the team is already called {}\n",
            escaped(&renamed.after)
        ));
    }
    Ok(format!(
        "renamed {} to {} ('{}' still finds it)\n",
        escaped(&renamed.before),
        escaped(&renamed.after),
        escaped(&renamed.before)
    ))
}
