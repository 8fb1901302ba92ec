//! `matchday result`: record a result.

use anyhow::Context;
use matchday_core::{LiveScore, MatchStatus, Minute, Pairing, ResultEntry};
use matchday_store::{LiveRecorded, Recorded, Store};

use super::MatchOptions;
use crate::{refusal, render};

/// Record a result
///
/// Write the result as people say it. Extra time and penalties follow the
/// score: "aet" and ", 4-5 pens" (a shoot-out straight after 90 minutes is
/// "1-1, 4-3 pens"). After "aet" the score is the one after extra time; the
/// 90-minute score is stored only when given, in brackets: "1-1 aet (90 min
/// 0-0), 4-2 pens" (a bare score in brackets is the half-time score, "2-1
/// (1-0)"; both: "(90 min 1-1, ht 0-1)"). A second leg's extra time follows a
/// level aggregate, so "Arsenal 1-0 Porto aet, 4-2 pens" is a second leg after
/// Porto 1-0 Arsenal. A stored fixture between the two teams is completed
/// (one stored for another day too: the answer says so). `--replace`
/// overwrites a result of the same day only; `matchday edit match` corrects
/// any stored match. Without `--date` the result is dated today, when today
/// falls within the competition's season. In
/// a league both teams must be entrants (`matchday entrant add`), two clubs
/// meet twice (once at each ground), and a match has no extra time or penalties.
/// Options must fit the competition's stages: `--group` needs a group stage, a
/// knockout `--round` a knockout stage, `--leg` and `--replay` a knockout tie, and
/// `--neutral` is refused on a league match. A second leg's result needs its
/// first leg played.
///
/// Live scores: `--live` stores the score so far of a match in play (`--minute`
/// says when), marked provisional: `table` and the season page count it in a
/// provisional table, and they and `gaps` mark the clubs playing; settled
/// positions (`gaps`), odds, results, track and exports treat the match as
/// still to play. A later
/// `--live` updates it; `--final` stores the given score as its result (a plain
/// full-time result does the same), and `undo` takes back each step. A live
/// score is a score alone (no half-time, extra time or penalties), and is
/// refused on a match whose result is stored.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday result \"Liverpool 4-1 Chelsea\" --competition \"Premier League\" --date 2024-01-31
  matchday result \"Liverpool 2-0 Burnley\" -c \"Premier League\"   # played today
  matchday result \"Luton 1-2 Liverpool\" -c \"Premier League\" -d yesterday
  matchday result \"Chelsea 0-1 Liverpool aet\" -c \"EFL Cup\" -d 2024-02-25 --round Final --neutral
  matchday result \"Salford City 4-4 Peterborough aet, 4-5 pens\" -c \"FA Cup\" -d 2023-11-14 --round \"Round 1\" --replay
  matchday result \"Arsenal 1-0 Porto aet (90 min 1-0), 4-2 pens\" \\
      -c \"Champions League\" -d 2024-03-12 --round \"Round of 16\" --leg 2
  matchday result \"Liverpool 1-0 Chelsea\" -c \"Premier League\" -d 2024-01-31 --live --minute 60
  matchday result \"Liverpool 2-0 Chelsea\" -c \"Premier League\" --final")]
pub struct Args {
    /// The result: "Home 2-1 Away", optionally "aet", "(90 min 1-1)" and ", 4-3 pens"
    pub result: String,

    #[command(flatten)]
    pub at: MatchOptions,

    /// The score was awarded, not played (e.g. 3-0 after a forfeit)
    #[arg(long)]
    pub awarded: bool,

    /// Overwrite a result already stored for these teams on this very day
    /// (a match stored on another day is corrected with `matchday edit match`)
    #[arg(long)]
    pub replace: bool,

    /// The score so far of a match in play, not its result: counted only by a
    /// provisional table until --final (or a full-time result) confirms it
    #[arg(long, conflicts_with_all = ["awarded", "replace"])]
    pub live: bool,

    /// The minute of play of a live score, 1 to 130
    #[arg(long, requires = "live", value_parser = parse_minute)]
    pub minute: Option<Minute>,

    /// The final score of the match of these teams in play (entered with --live),
    /// on the day it was in play
    #[arg(long = "final", conflicts_with_all = ["live", "awarded", "replace"])]
    pub confirm: bool,
}

fn parse_minute(text: &str) -> Result<Minute, String> {
    let n: i64 = text.trim().trim_end_matches('\'').parse().map_err(|_| {
        format!(
            "'{text}' is not a minute of play: give one from 1 to {}",
            matchday_core::LAST_MINUTE
        )
    })?;
    Minute::new(n).map_err(|e| e.to_string())
}

pub fn run(store: &mut Store, args: Args) -> anyhow::Result<String> {
    let entry: ResultEntry = args.result.parse()?;
    if args.live {
        return run_live(store, &args, &entry);
    }
    if args.confirm {
        return run_final(store, &args, &entry);
    }
    let status = if args.awarded {
        MatchStatus::Awarded(entry.result)
    } else {
        MatchStatus::Played(entry.result)
    };
    let Entered {
        competition,
        m,
        names,
        typed,
    } = entered(store, &args, &entry, status)?;
    // Every check (entrants, meetings, the cup ties, whether the result fits
    // its leg) runs in the store, inside the transaction that writes.
    let result = m.status.result().expect("a result");
    // A match stored on another day is corrected with `edit`, never with --replace.
    let correction = format!(
        " --score \"{result}\" (add --new-date {} if it was played that day)",
        m.date
    );
    let recorded = store
        .write(|w| w.record_result(&competition, &m, args.replace))
        .map_err(|e| refusal::worded_suggesting(e, &names, &competition, &correction))?;
    let verb = match recorded {
        Recorded::Added(_) => "recorded".to_string(),
        Recorded::CompletedFixture(_) => "recorded (fixture completed)".to_string(),
        Recorded::CompletedRearranged { scheduled, .. } => {
            format!("recorded (fixture of {scheduled} played on {})", m.date)
        }
        Recorded::Replaced(_) => "replaced".to_string(),
    };
    let mut extra = Vec::new();
    if result.extra_time().is_some() {
        extra.push("aet".to_string());
    }
    match result.settlement() {
        Some(matchday_core::Settlement::Penalties(p)) => extra.push(format!("{p} pens")),
        Some(matchday_core::Settlement::PenaltiesUnrecorded(_)) => {
            extra.push("decided on penalties (not recorded)".to_string())
        }
        Some(matchday_core::Settlement::Lot(_)) => extra.push("decided by lot".to_string()),
        Some(matchday_core::Settlement::NotRecorded(_)) => {
            extra.push("decided in extra time or on penalties (not recorded)".to_string())
        }
        None => {}
    }
    let extra = if extra.is_empty() {
        String::new()
    } else {
        format!(" ({})", extra.join(", "))
    };
    Ok(format!(
        "{verb}: {} {} {}{extra} in {} {} on {}{}\n",
        names[&m.pairing.home()],
        result.final_score(),
        names[&m.pairing.away()],
        competition.name,
        competition.season,
        m.date,
        render::tie::turned(typed, m.pairing, &|t| names[&t].clone(), "stored"),
    ))
}

/// An entry read against the store: its competition, the match it makes (lined up with
/// the fixture it completes) and the teams' names.
struct Entered {
    competition: matchday_core::Competition,
    m: matchday_core::Match,
    names: std::collections::HashMap<matchday_core::TeamId, String>,
    /// The teams in the order typed, which `m` may have turned round.
    typed: Pairing,
}

/// Reads `entry` as a match with `status`: the competition of its day (today, without
/// `--date`), its two teams, lined up with the stored fixture it completes.
fn entered(store: &Store, args: &Args, entry: &ResultEntry, status: MatchStatus) -> anyhow::Result<Entered> {
    let read = store.read();
    let (competition, date) = match args.at.date {
        Some(date) => (
            read.find_competition(&args.at.competition, args.at.season, Some(date))?,
            date,
        ),
        None => on_today(&read, &args.at)?,
    };
    let home = read.resolve_team(&entry.home)?;
    let away = read.resolve_team(&entry.away)?;
    let pairing = Pairing::new(home, away).with_context(|| format!("'{}'", args.result))?;
    let names = read.team_names()?;
    let stored = read.matches(competition.id.expect("stored"))?;
    let m = args
        .at
        .to_match(date, pairing, status)
        .lined_up_with(&stored)
        .map_err(|unclear| refusal::order_unclear(&unclear, &names))?;
    Ok(Entered {
        competition,
        m,
        names,
        typed: pairing,
    })
}

/// `result --live`: the score so far of a match in play.
fn run_live(store: &mut Store, args: &Args, entry: &ResultEntry) -> anyhow::Result<String> {
    let live = LiveScore::of_result(&entry.result, args.minute)?;
    let Entered {
        competition,
        m,
        names,
        typed,
    } = entered(store, args, entry, MatchStatus::Live(live))?;
    let live = m.status.live().expect("in play");
    let recorded = store
        .write(|w| w.record_live(&competition, &m))
        .map_err(|e| refusal::worded(e, &names, &competition))?;
    let verb = match recorded {
        LiveRecorded::Added(_) => "live".to_string(),
        LiveRecorded::Started { scheduled, .. } if scheduled != m.date => {
            format!("live (fixture of {scheduled} in play on {})", m.date)
        }
        LiveRecorded::Started { .. } => "live (fixture in play)".to_string(),
        LiveRecorded::Updated { was, .. } => format!("live (was {was})"),
    };
    let minute = live.minute().map(|m| format!(" ({m})")).unwrap_or_default();
    Ok(format!(
        "{verb}: {} {} {}{minute} in {} {} on {}, provisional until its result is in (--final){}\n",
        names[&m.pairing.home()],
        live.score(),
        names[&m.pairing.away()],
        competition.name,
        competition.season,
        m.date,
        render::tie::turned(typed, m.pairing, &|t| names[&t].clone(), "stored"),
    ))
}

/// `result --final`: the final score of the match in play between the two teams.
fn run_final(store: &mut Store, args: &Args, entry: &ResultEntry) -> anyhow::Result<String> {
    let read = store.read();
    let competition = read.find_competition(&args.at.competition, args.at.season, args.at.date)?;
    let home = read.resolve_team(&entry.home)?;
    let away = read.resolve_team(&entry.away)?;
    let pairing = Pairing::new(home, away).with_context(|| format!("'{}'", args.result))?;
    let names = read.team_names()?;
    // The day is the match in play's, which the store finds: this one is replaced.
    let date = args.at.date.unwrap_or_else(|| competition.season.first_day());
    let m = args.at.to_match(date, pairing, MatchStatus::Played(entry.result));
    let (_, confirmed, was) = store
        .write(|w| w.confirm_live(&competition, &m))
        .map_err(|e| refusal::worded(e, &names, &competition))?;
    let result = confirmed.status.result().expect("a result");
    let verb = if Some(was.score()) == result.score() {
        "final (live score confirmed)".to_string()
    } else {
        format!("final (was {was} live)")
    };
    Ok(format!(
        "{verb}: {} {} {} in {} {} on {}\n",
        names[&confirmed.pairing.home()],
        result.final_score(),
        names[&confirmed.pairing.away()],
        competition.name,
        competition.season,
        confirmed.date
    ))
}

/// The competition and today, for a result entered without `--date`: today
/// must fall within the competition's season, else the day must be given.
fn on_today(
    read: &matchday_store::Reader<'_>,
    at: &MatchOptions,
) -> anyhow::Result<(matchday_core::Competition, chrono::NaiveDate)> {
    let today = chrono::Local::now().date_naive();
    // The name first, so that an unknown competition is answered as one.
    let named = read.find_competition(&at.competition, at.season, None)?;
    match read.find_competition(&at.competition, at.season, Some(today)) {
        Ok(competition) if competition.season.contains(today) => Ok((competition, today)),
        _ => anyhow::bail!(
            "--date is needed: today ({today}) is outside {} {} ({} to {}); add --date with the day it was played",
            named.name,
            named.season,
            named.season.first_day(),
            named.season.last_day(),
        ),
    }
}
