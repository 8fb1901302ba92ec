//! `matchday import`: store seasons from any format the formats registry reads.

use std::path::PathBuf;

use anyhow::{Context, bail};
use matchday_core::{Catalogue, SeasonRecord};
use matchday_formats::FileFormat;
use matchday_store::{ImportSummary, Store, StoreError, Uncatalogued};

/// Store seasons from files
///
/// Reads openfootball Football.TXT (league, cup and European layouts),
/// openfootball football.json (football.json, euro.json and worldcup.json),
/// engsoccerdata's CSV files (league, FA Cup, League Cup, European Cup,
/// play-offs, deductions), football-data.co.uk's CSV files and matchday's own
/// season files, in UTF-8, UTF-16 with a byte-order mark, or Windows-1252; the
/// format is told from the content unless --format names it. A file is read as
/// a stream up to 64 MiB, and a line up to 1 MiB (far above any real football
/// file): past either, nothing is stored. The competition is
/// looked up in the catalogue (data/catalogue.toml, and --catalogue FILE) by name,
/// alias or code, and its season stored under the entry's name, stages, rules and
/// zones; one the catalogue does not know gets the plain default, and the import
/// says so. Teams, the competition and its season are created as needed; importing
/// the same file again changes nothing, and a league's further meetings of the same
/// clubs are new matches, never updates. If any line of any file cannot be read, nothing is
/// stored. An import never
/// turns a stored result back into a fixture (an older file, or `--as-of`
/// before results already stored, is refused): read commands take `--as-of`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday import data/premier-league-2023-24.season
  matchday import ../shared/data/openfootball/england/2023-24/1-premierleague.txt --name \"Premier League\"
  matchday import ../shared/data/openfootball/euro.json/2024/euro.json
  matchday import ../shared/data/engsoccerdata/england.csv ../shared/data/engsoccerdata/deductions.csv
  matchday import E0.csv                      # a football-data.co.uk download
  matchday --db what-if.db import data/*-2023-24.season --as-of 2024-02-01")]
pub struct Args {
    /// The files to read
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Read the files in this format instead of telling it from their content:
    /// season, football.json (json), football.txt (txt), engsoccer,
    /// engsoccer-skip-undated, engsoccer-facup, engsoccer-leaguecup,
    /// engsoccer-champs, engsoccer-playoffs, engsoccer-deductions,
    /// engsoccer-germany, engsoccer-spain, football-data
    #[arg(long, value_name = "NAME", value_parser = parse_format)]
    pub format: Option<FileFormat>,

    /// Store the competition under this name instead of the file's (one file only)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Store the seasons as they stood at the end of this day: later results
    /// become fixtures still to play, later deductions are left out, and a
    /// fixture not yet known that day is not stored: a knockout round's
    /// pairings only once one of its matches is due or every match before it
    /// is decided (a draw is made no earlier), a replay only once the meeting
    /// it replays is played; league and group fixtures count as published
    /// before the season. Into a database already holding later results it is
    /// refused: reads take --as-of
    #[arg(long, value_parser = super::parse_date, value_name = "DATE")]
    pub as_of: Option<chrono::NaiveDate>,
}

/// A `--format` name: one of the registry's (its error lists them).
pub fn parse_format(name: &str) -> Result<FileFormat, String> {
    FileFormat::named(name).map_err(|e| e.to_string())
}

pub fn run(store: &mut Store, args: Args, catalogue: &Catalogue) -> anyhow::Result<String> {
    if args.name.is_some() && args.files.len() > 1 {
        bail!("--name applies to one file, but {} were given", args.files.len());
    }
    // One file at a time, read, stored and dropped before the next is read, all in one
    // transaction: memory is that of the largest file, not of every file at once (all of
    // English league history is 400 files), and a bad line anywhere still stores nothing.
    // Rows the readers left out on purpose (engsoccerdata's undated rows, FA Cup walkovers), by file.
    let mut left_out: Vec<String> = Vec::new();
    // One bulk write around every file: the matches are logged once, at its end.
    let summary = store.write_in_bulk(|w| import_files(w, &args, catalogue, &mut left_out))?;
    let mut out = describe(&summary);
    for line in &left_out {
        out.push_str(line);
        out.push('\n');
    }
    Ok(out)
}

/// Imports every file of `args`, in the caller's transaction.
fn import_files(
    w: &mut matchday_store::Writer<'_>,
    args: &Args,
    catalogue: &Catalogue,
    left_out: &mut Vec<String>,
) -> anyhow::Result<ImportSummary> {
    let mut total = ImportSummary::default();
    // Results the files would take back, counted over every file before refusing.
    let mut unplayed: Vec<(String, String, usize)> = Vec::new();
    let bar = progress_bar();
    for path in &args.files {
        let records = read_file(path, args.format, args.name.is_some(), left_out)?;
        bar.inc_length(records.len() as u64);
        bar.set_message(path.display().to_string());
        for record in records {
            bar.inc(1);
            let imported = match args.as_of {
                Some(day) => w.import_as_of(&record, args.name.as_deref(), catalogue, day),
                None => w.import_with(&record, args.name.as_deref(), catalogue),
            };
            match imported {
                Ok(one) => total.absorb(one),
                Err(StoreError::WouldUnplayResults {
                    competition,
                    slug,
                    count,
                }) => unplayed.push((competition, slug, count)),
                Err(e) => {
                    return Err(imported_refusal(w, &record, args.name.as_deref(), catalogue, e)
                        .context(path.display().to_string()));
                }
            }
        }
    }
    bar.finish_and_clear();
    if !unplayed.is_empty() {
        bail!(taking_back(&unplayed, args.as_of));
    }
    Ok(total)
}

/// A bar of the seasons stored so far, on standard error when it is a terminal (and
/// nothing otherwise, so scripts and pipes see only the summary). Its length grows as
/// each file is read.
fn progress_bar() -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(0);
    let style =
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} seasons  {elapsed}  {wide_msg}")
            .expect("a valid template");
    bar.set_style(style);
    bar
}

/// The refusal of an import that would turn stored results back into
/// fixtures, with what to do instead: a table as it stood on a day needs no
/// import, as every read command takes `--as-of` itself.
fn taking_back(unplayed: &[(String, String, usize)], as_of: Option<chrono::NaiveDate>) -> String {
    let count: usize = unplayed.iter().map(|(_, _, n)| n).sum();
    let results = if count == 1 { "result" } else { "results" };
    let of = unplayed
        .iter()
        .map(|(competition, _, n)| format!("{n} of {competition}"))
        .collect::<Vec<_>>()
        .join(", ");
    // Point at the season with the most to lose.
    let slug = &unplayed.iter().max_by_key(|(_, _, n)| *n).expect("some").1;
    match as_of {
        Some(day) => format!(
            "import --as-of {day} would turn {count} stored {results} back into fixtures ({of}); nothing was changed: \
             to see a season as it stood that day, give --as-of to table, gaps, odds or track instead \
             (matchday table {slug} --as-of {day}), or import into another database with --db PATH"
        ),
        None => format!(
            "this import would turn {count} stored {results} back into fixtures ({of}); nothing was changed: \
             the files are older than what is stored; to take back one result, use \
             matchday edit match ... --to-fixture"
        ),
    }
}

/// The seasons in the file at `path` (in `format`, or the one its content shows);
/// `--name` (`named`) takes a file of one season only.
fn read_file(
    path: &std::path::Path,
    format: Option<FileFormat>,
    named: bool,
    left_out: &mut Vec<String>,
) -> anyhow::Result<Vec<SeasonRecord>> {
    // Read as a stream within bounds, never sized from the file's metadata: a device or FIFO
    // (/dev/zero, /dev/urandom) has none, and would otherwise be read until memory runs out.
    let file = std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let bytes = matchday_formats::read_bounded(file).map_err(|e| match e {
        matchday_formats::InputError::Io(e) => anyhow::anyhow!("cannot read {}: {e}", path.display()),
        bound => anyhow::anyhow!("{}: {bound}", path.display()),
    })?;
    // Older downloads (football-data.co.uk's among them) are Windows-1252, not UTF-8;
    // Excel's "Unicode text" is UTF-16 with a byte-order mark.
    let text = matchday_formats::decode(&bytes).with_context(|| path.display().to_string())?;
    let reading = format
        .unwrap_or_else(|| FileFormat::detect(&text))
        .read_counting_skips(&text)
        .with_context(|| path.display().to_string())?;
    left_out.extend(
        reading
            .skipped
            .iter()
            .map(|s| format!("left out of {}: {s}", path.display())),
    );
    let read = reading.seasons;
    if named && read.len() > 1 {
        bail!(
            "--name applies to one competition-season, but {} holds {}",
            path.display(),
            read.len()
        );
    }
    Ok(read)
}

/// A refused line of the file worded with the names of the teams and
/// competition as the import stored them (still inside its transaction).
fn imported_refusal(
    w: &matchday_store::Writer<'_>,
    record: &SeasonRecord,
    name: Option<&str>,
    catalogue: &Catalogue,
    err: matchday_store::StoreError,
) -> anyhow::Error {
    // Stored under the catalogue's name, or failing that the file's own.
    let competition = catalogue
        .find(name.unwrap_or(&record.competition))
        .filter(|_| name.is_none())
        .and_then(|e| w.find_competition(e.slug(), record.season, None).ok())
        .map_or_else(
            || w.find_competition(name.unwrap_or(&record.competition), record.season, None),
            Ok,
        );
    match (w.team_names(), competition) {
        (Ok(names), Ok(competition)) => crate::refusal::worded(err, &names, &competition),
        _ => err.into(),
    }
}

fn describe(s: &ImportSummary) -> String {
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    // Only files that carry them (football-data.co.uk's) give closing odds: said only then.
    let odds = match s.closing_odds {
        0 => String::new(),
        n => format!("; closing odds for {}", count(n, "match", "matches")),
    };
    let mut out = format!(
        "imported {}: {} added, {} updated, {} unchanged; {}; {}{odds}\n",
        s.competitions.join(", "),
        count(s.matches_added, "match", "matches"),
        s.matches_updated,
        s.matches_unchanged,
        count(s.teams_created, "new team", "new teams"),
        count(s.deductions, "deduction", "deductions"),
    );
    for u in &s.uncatalogued {
        out.push_str(&uncatalogued(u));
    }
    out
}

/// The one line saying a competition got the plain default, and how to choose.
fn uncatalogued(u: &Uncatalogued) -> String {
    let not_known = if u.known {
        "the catalogue has no edition for this season"
    } else {
        "not in the catalogue"
    };
    let stages: Vec<String> = u.structure.phases().iter().map(describe_stage).collect();
    // A knockout ranks no table: its rules are not worth a word.
    let has_table = u.structure.phases().iter().any(|p| p.kind.has_table());
    let (rules, choose) = if has_table {
        (
            " under the plain rules (3 points for a win; points, goal difference, goals scored)",
            "--rules NAME",
        )
    } else {
        ("", "--stages JSON")
    };
    format!(
        "note: {}: {not_known}; stored as {}{rules}; choose others with `matchday competition set {} \
         {choose}`, or add it to a catalogue file of your own (--catalogue FILE, see docs/catalogue.md)\n",
        u.competition,
        stages.join(" then "),
        u.slug,
    )
}

/// "a league of 2 meetings", "a knockout".
fn describe_stage(p: &matchday_core::Phase) -> String {
    use matchday_core::PhaseKind;
    match &p.kind {
        PhaseKind::League { meetings } => format!("a league of {meetings} meetings"),
        PhaseKind::Groups { meetings } => format!(
            "groups of {meetings} meeting{}",
            if *meetings == 1 { "" } else { "s" }
        ),
        PhaseKind::LeaguePhase { teams, matches_each } => {
            format!("a league phase of {teams} teams, {matches_each} matches each")
        }
        PhaseKind::Split(rules) => format!("a split after {} rounds", rules.rounds_before()),
        PhaseKind::Knockout { .. } => "a knockout".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;
    use matchday_formats::FileFormat;

    /// The --format help is written by hand: it must name every format a file can be read as.
    #[test]
    fn format_help_names_every_format_a_file_can_be_read_as() {
        let cli = crate::args::Cli::command();
        let import = cli.find_subcommand("import").expect("an import command");
        let format = import
            .get_arguments()
            .find(|a| a.get_id() == "format")
            .expect("a --format option");
        let help = format.get_help().expect("help").to_string();
        for f in FileFormat::all() {
            // The refusal of other CSV files is told from content only, never asked for.
            if f.name() != "unknown-csv" {
                assert!(
                    help.contains(f.name()),
                    "--format help lacks {}: {help}",
                    f.name()
                );
            }
        }
    }
}
