//! `matchday export`: write stored matches in a format export knows: a
//! competition-season in a format the registry writes, or any team's and
//! competitions' matches as CSV or an iCalendar file.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use matchday_core::{Competition, Season};
use matchday_formats::calendar::{TimeZone, ZoneChoice};
use matchday_formats::{ExportFormat, ExportOptions, ExportSeason};
use matchday_store::{MatchFilter, Reader, Store};

/// Write a competition's season, or a team's matches, to a file
///
/// As a matchday season file (the default), the file lists the
/// competition's rules and zones, its teams, deductions and every match;
/// `matchday import` reads it back exactly. As football.json it holds the
/// matches in openfootball's flat shape, for other tools. As csv it is one
/// row per match with every part of the score; as ics, one calendar event
/// per match (results with their score), for a calendar app. With --team
/// only that team's matches are written, and without a competition those of
/// every competition it plays in that season (csv and ics). A match in play
/// (`matchday result --live`) is written as a fixture: its score so far is not
/// a result.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday export premier-league --season 2023-24 --output data/premier-league-2023-24.season
  matchday export euro --season 2024 --format json --output euro-2024.json
  matchday export premier-league --format csv --output premier-league.csv
  matchday export --team Liverpool --season 2023-24 --format ics --output liverpool.ics")]
pub struct Args {
    /// The competition: its slug or part of its name [default with --team:
    /// every competition the team plays in]
    pub competition: Option<String>,

    /// The season [default: the latest stored; with --team alone, that of the
    /// team's latest match]
    #[arg(long, value_parser = super::parse_season)]
    pub season: Option<Season>,

    /// Only this team's matches
    #[arg(long, short, value_name = "TEAM")]
    pub team: Option<String>,

    /// Write to this file instead of standard output (`-` is standard output);
    /// the file is replaced whole or not at all
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The format to write: season (matchday's own, lossless), football.json
    /// (json), csv or ics (iCalendar)
    #[arg(long, value_name = "NAME", default_value = "season", value_parser = parse_format)]
    pub format: ExportFormat,

    /// For ics: the time zone kick-off times are in (Europe/London, ...), or
    /// `floating` [default: the competition's, when its name tells it]
    #[arg(long, value_name = "ZONE", value_parser = parse_zone)]
    pub time_zone: Option<ZoneChoice>,
}

/// An export `--format` name (its error lists them).
pub fn parse_format(name: &str) -> Result<ExportFormat, String> {
    ExportFormat::named(name).map_err(|e| e.to_string())
}

/// A `--time-zone`: a zone the calendar writer knows, or `floating`.
pub fn parse_zone(name: &str) -> Result<ZoneChoice, String> {
    if name.trim().eq_ignore_ascii_case("floating") {
        return Ok(ZoneChoice::Floating);
    }
    TimeZone::named(name).map(ZoneChoice::Zone).ok_or_else(|| {
        let known: Vec<&str> = matchday_formats::calendar::ZONES.iter().map(|z| z.tzid).collect();
        format!(
            "unknown time zone \"{name}\"; the zones are floating, {}",
            known.join(", ")
        )
    })
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<String> {
    if args.time_zone.is_some() && args.format != ExportFormat::Calendar {
        bail!("--time-zone applies to --format ics, not {}", args.format);
    }
    let read = store.read();
    let team = args
        .team
        .as_deref()
        .map(|name| -> anyhow::Result<(matchday_core::TeamId, String)> {
            let id = read.resolve_team(name)?;
            let names = read.team_names()?;
            Ok((id, names.get(&id).cloned().unwrap_or_else(|| name.to_string())))
        })
        .transpose()?;
    let competitions = match (&args.competition, &team) {
        (Some(query), _) => vec![read.find_competition(query, args.season, None)?],
        (None, Some((id, name))) => team_competitions(&read, *id, name, args.season)?,
        (None, None) => bail!("name a competition to export, or a team with --team"),
    };
    let mut seasons = Vec::with_capacity(competitions.len());
    for competition in &competitions {
        let id = competition.id.expect("stored");
        let record = read.season_record(id)?;
        let ids = read.matches(id)?.iter().map(|m| m.id.map(|i| i.0)).collect();
        let mut season = ExportSeason::new(record, ids);
        if let Some((_, name)) = &team {
            season.retain(|m| m.home == *name || m.away == *name);
        }
        seasons.push(season);
    }
    let count: usize = seasons.iter().map(|s| s.record().matches.len()).sum();
    if let Some((_, name)) = &team
        && count == 0
    {
        let competition = &competitions[0];
        bail!(
            "{name} has no matches in {} {}",
            competition.name,
            competition.season
        );
    }
    let options = ExportOptions {
        calendar_name: team.as_ref().map(|(_, name)| name.clone()),
        stamp: Some(chrono::Utc::now()),
        time_zone: args.time_zone,
    };
    let text = args.format.write(&seasons, &options)?;
    let Some(path) = args.output.filter(|path| path.as_os_str() != "-") else {
        // The calendar is the output: a floating time nobody asked for is said
        // on standard error, where it does not end up in the file.
        if args.format == ExportFormat::Calendar {
            for note in zone_note(&seasons, args.time_zone).lines() {
                if note.contains("no time zone known") {
                    eprintln!("warning: {note}");
                }
            }
        }
        return Ok(text);
    };
    write_atomically(&path, text.as_bytes())?;
    let what = match (&team, competitions.as_slice()) {
        (None, [one]) => format!("{} {}", one.name, one.season),
        (Some((_, name)), [one]) => format!("{name}'s matches in {} {}", one.name, one.season),
        (Some((_, name)), many) => format!("{name}'s matches in {} competitions", many.len()),
        (None, many) => format!("{} competitions", many.len()),
    };
    let mut message = format!("wrote {what} ({count} matches) to {}\n", path.display());
    if args.format == ExportFormat::Calendar {
        message.push_str(&zone_note(&seasons, args.time_zone));
    }
    Ok(message)
}

/// The competitions a team has matches in, in the season asked for or that
/// of its latest match (by date).
fn team_competitions(
    read: &Reader<'_>,
    team: matchday_core::TeamId,
    name: &str,
    season: Option<Season>,
) -> anyhow::Result<Vec<Competition>> {
    let matches = read.list_matches(&MatchFilter {
        team: Some(team),
        ..MatchFilter::default()
    })?;
    let mut ids = Vec::new();
    for (id, _) in &matches {
        if !ids.contains(id) {
            ids.push(*id);
        }
    }
    let all: Vec<Competition> = ids
        .into_iter()
        .map(|id| read.competition(id))
        .collect::<Result<_, _>>()?;
    let wanted = match season {
        Some(season) => season,
        None => match matches.last() {
            Some((id, _)) => all.iter().find(|c| c.id == Some(*id)).expect("listed").season,
            None => bail!("{name} has no matches stored"),
        },
    };
    let chosen: Vec<Competition> = all.iter().filter(|c| c.season == wanted).cloned().collect();
    if chosen.is_empty() {
        let mut seasons: Vec<String> = all.iter().map(|c| c.season.to_string()).collect();
        seasons.sort();
        seasons.dedup();
        bail!(
            "{name} has no matches in the {wanted} season (seasons stored: {})",
            seasons.join(", ")
        );
    }
    Ok(chosen)
}

/// What zone a calendar's kick-off times were written in, when it is worth saying.
fn zone_note(seasons: &[ExportSeason], choice: Option<ZoneChoice>) -> String {
    let timed = |s: &&ExportSeason| s.record().matches.iter().any(|m| m.kickoff.is_some());
    let mut notes = Vec::new();
    for season in seasons.iter().filter(timed) {
        let record = season.record();
        let zone = match choice {
            Some(ZoneChoice::Zone(zone)) => Some(zone),
            Some(ZoneChoice::Floating) => None,
            None => TimeZone::guess(&record.competition, record.season),
        };
        let note = match (zone, choice) {
            (Some(zone), _) => format!("{}: kick-off times in {}", record.competition, zone.tzid),
            (None, Some(ZoneChoice::Floating)) => {
                format!("{}: kick-off times floating, as asked", record.competition)
            }
            (None, _) => format!(
                "{}: no time zone known, so kick-off times are floating (local wherever the \
                 calendar is read); --time-zone names one",
                record.competition
            ),
        };
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    notes.into_iter().map(|n| n + "\n").collect()
}

/// Writes `bytes` to `path` whole or not at all: to a new file beside it,
/// flushed to disk, then renamed over it, so a reader (or a crash) never
/// sees half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    crate::target::refuse_database(path)?;
    let name = path
        .file_name()
        .with_context(|| format!("cannot write {}: not a file name", path.display()))?;
    let temporary = path.with_file_name(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(error).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}
