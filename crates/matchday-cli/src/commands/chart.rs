//! `matchday chart`: a league season as a line chart, one line per team.

use std::path::{Path, PathBuf};

use anyhow::Context;
use matchday_core::TeamId;
use matchday_report::{ChartKind, ChartOptions, Progress, chart_svg};
use matchday_store::Store;

/// Draw a league season as an SVG chart: place, points or gap after each match day
///
/// A match day is a date on which a result of the league counts (or a
/// deduction takes effect); after each one the table is drawn up again under
/// the competition's own tie-breakers, as `matchday table --as-of` would
/// print it. Each team's line starts at its first match; names sit at the
/// line ends, and in the place chart the zones are shaded. The SVG has its
/// own light background (dark when the viewer prefers a dark scheme).
/// Without --out the SVG is printed. Only SVG is drawn: convert it to PNG
/// with any SVG viewer.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday chart premier-league --season 2023-24 \\
      --teams Arsenal,Liverpool,\"Man City\" --out title-race.svg
  matchday chart premier-league --kind points --as-of 2024-02-01 > points.svg
  matchday chart premier-league --kind gap --teams Liverpool,Arsenal")]
pub struct Args {
    /// The league: its slug or part of its name
    pub competition: String,

    #[command(flatten)]
    pub when: super::When,

    /// Only these teams, comma-separated [default: every team]
    #[arg(long, value_delimiter = ',')]
    pub teams: Vec<String>,

    /// What the vertical axis shows
    #[arg(long, value_enum, default_value = "position")]
    pub kind: KindArg,

    /// Write the SVG to this file (FILE.svg) instead of printing it
    #[arg(long, value_name = "FILE.svg")]
    pub out: Option<PathBuf>,
}

/// `--kind` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum KindArg {
    /// The place in the table, first at the top, zones shaded
    Position,
    /// Points so far, after deductions
    Points,
    /// Points behind the leader
    Gap,
}

impl From<KindArg> for ChartKind {
    fn from(kind: KindArg) -> ChartKind {
        match kind {
            KindArg::Position => ChartKind::Position,
            KindArg::Points => ChartKind::Points,
            KindArg::Gap => ChartKind::Gap,
        }
    }
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<String> {
    if let Some(out) = &args.out {
        check_svg_path(out)?;
    }
    let read = store.read();
    let competition = read.find_competition(&args.competition, args.when.season, None)?;
    anyhow::ensure!(
        competition.format == matchday_core::Format::League,
        "{} is not a league, so it has no season table to chart: try `matchday bracket {}`",
        competition.name,
        competition.slug
    );
    let id = competition.id.expect("stored");
    let entrants = read.entrants(id)?;
    let names = read.team_names()?;
    let name = |t: TeamId| names.get(&t).cloned().unwrap_or_default();
    let mut teams = Vec::new();
    for wanted in args.teams.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        let team = read.resolve_team(wanted)?;
        anyhow::ensure!(
            entrants.contains(&team),
            "{} is not in {} {}",
            name(team),
            competition.name,
            competition.season
        );
        if !teams.contains(&team) {
            teams.push(team);
        }
    }
    let loaded = super::Loaded::of(&read, competition)?;
    let progress = Progress::compute(
        &loaded.competition,
        &entrants,
        &loaded.matches,
        &loaded.deductions,
        &loaded.decisions,
        args.when.as_of,
    );
    let c = &loaded.competition;
    let options = ChartOptions {
        kind: args.kind.into(),
        teams,
        highlight: None,
        title: format!("{} {}", c.name, c.season),
    };
    let svg = chart_svg(&progress, &name, &options).map_err(|e| match args.when.as_of {
        Some(day) => anyhow::anyhow!("{} {}: {e} on or before {day}", c.name, c.season),
        None => anyhow::anyhow!("{} {}: {e}", c.name, c.season),
    })?;
    match &args.out {
        Some(path) => {
            write_file(path, svg.as_bytes())?;
            Ok(format!(
                "Wrote {} ({} match days, {} to {}).\n",
                path.display(),
                progress.dates.len(),
                progress.dates[0],
                progress.dates[progress.dates.len() - 1]
            ))
        }
        None => Ok(svg),
    }
}

/// Refuses a file name that is not `.svg`, before anything is read.
fn check_svg_path(path: &Path) -> anyhow::Result<()> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("svg") => Ok(()),
        Some("png") => anyhow::bail!(
            "{}: matchday draws charts as SVG only (PNG would need fonts built in); write {} and convert it with any SVG viewer",
            path.display(),
            path.with_extension("svg").display()
        ),
        _ => anyhow::bail!("{}: --out must name an .svg file", path.display()),
    }
}

/// Writes `bytes` to `path`, naming the file in the error.
pub fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    crate::target::refuse_database(path)?;
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}
