//! `matchday import`: store seasons from any format the formats registry reads.

use std::path::PathBuf;

use anyhow::{Context, bail};
use matchday_core::SeasonRecord;
use matchday_formats::FileFormat;
use matchday_store::{ImportSummary, Store};

/// Store seasons from files
///
/// Reads openfootball Football.TXT (league, cup and European layouts),
/// openfootball football.json (football.json, euro.json and worldcup.json),
/// engsoccerdata's england.csv layout and matchday's own season files; the
/// format is told from the content unless --format names it. Teams, the
/// competition and its season are created as needed; importing the same file
/// again changes nothing. If any line of any file cannot be read, nothing is
/// stored.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday import data/premier-league-2023-24.season
  matchday import ../shared/data/openfootball/england/2023-24/1-premierleague.txt --name \"Premier League\"
  matchday import ../shared/data/openfootball/euro.json/2024/euro.json
  matchday import data/*-2023-24.season --as-of 2024-02-01")]
pub struct Args {
    /// The files to read
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Read the files in this format instead of telling it from their content:
    /// season, football.json (json), football.txt (txt), engsoccer
    #[arg(long, value_name = "NAME", value_parser = parse_format)]
    pub format: Option<FileFormat>,

    /// Store the competition under this name instead of the file's (one file only)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Store the seasons as they stood at the end of this day: later results
    /// become fixtures still to play, later deductions are left out
    #[arg(long, value_parser = super::parse_date, value_name = "DATE")]
    pub as_of: Option<chrono::NaiveDate>,
}

/// A `--format` name: one of the registry's (its error lists them).
pub fn parse_format(name: &str) -> Result<FileFormat, String> {
    FileFormat::named(name).map_err(|e| e.to_string())
}

/// Reads the seasons in `text`, in `format` or the one its content shows.
pub fn read_seasons(
    text: &str,
    format: Option<FileFormat>,
) -> Result<Vec<SeasonRecord>, matchday_formats::ParseError> {
    format.unwrap_or_else(|| FileFormat::detect(text)).read(text)
}

pub fn run(store: &mut Store, args: Args) -> anyhow::Result<String> {
    if args.name.is_some() && args.files.len() > 1 {
        bail!("--name applies to one file, but {} were given", args.files.len());
    }
    let mut records = Vec::with_capacity(args.files.len());
    for path in &args.files {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let read = read_seasons(&text, args.format).with_context(|| path.display().to_string())?;
        if args.name.is_some() && read.len() > 1 {
            bail!(
                "--name applies to one competition-season, but {} holds {}",
                path.display(),
                read.len()
            );
        }
        for record in read {
            let record = match args.as_of {
                Some(day) => record.as_of(day),
                None => record,
            };
            records.push((path, record));
        }
    }
    let summary = store.write(|w| {
        let mut total = ImportSummary::default();
        for (path, record) in &records {
            let one = w
                .import(record, args.name.as_deref())
                .map_err(|e| imported_refusal(w, record, args.name.as_deref(), e))
                .with_context(|| path.display().to_string())?;
            total.absorb(one);
        }
        Ok::<_, anyhow::Error>(total)
    })?;
    Ok(describe(&summary))
}

/// A refused line of the file worded with the names of the teams and
/// competition as the import stored them (still inside its transaction).
fn imported_refusal(
    w: &matchday_store::Writer<'_>,
    record: &SeasonRecord,
    name: Option<&str>,
    err: matchday_store::StoreError,
) -> anyhow::Error {
    let competition = w.find_competition(name.unwrap_or(&record.competition), record.season, None);
    match (w.team_names(), competition) {
        (Ok(names), Ok(competition)) => crate::refusal::worded(err, &names, &competition),
        _ => err.into(),
    }
}

fn describe(s: &ImportSummary) -> String {
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "imported {}: {} added, {} updated, {} unchanged; {}; {}\n",
        s.competitions.join(", "),
        count(s.matches_added, "match", "matches"),
        s.matches_updated,
        s.matches_unchanged,
        count(s.teams_created, "new team", "new teams"),
        count(s.deductions, "deduction", "deductions"),
    )
}
