//! `matchday chart`: a league season as a line chart, one line per team.

use std::collections::BTreeSet;
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
/// A competition with a group stage has a chart per group (stacked in one
/// SVG), or of the group named by --group; one with a league phase, a chart
/// of its table. Each team keeps one colour in every chart of the season,
/// picked by its name's place in the alphabet among the league's teams.
/// Without --out the SVG is printed. Only SVG is drawn: convert it to PNG
/// with any SVG viewer.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday chart premier-league --season 2023-24 \\
      --teams Arsenal,Liverpool,\"Man City\" --out title-race.svg
  matchday chart premier-league --kind points --as-of 2024-02-01 > points.svg
  matchday chart premier-league --kind gap --teams Liverpool,Arsenal
  matchday chart \"Europa League\" --season 2023-24 --group E --out group-e.svg")]
pub struct Args {
    /// The league, or a competition with a group stage or league phase: its slug or part of its name
    pub competition: String,

    /// Only this group of a group stage; `--group` alone: every group, a chart each
    #[arg(long, value_name = "GROUP", num_args = 0..=1, default_missing_value = "")]
    pub group: Option<String>,

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
        competition.format != matchday_core::Format::Knockout,
        "{} is not a league, so it has no season table to chart: try `matchday bracket {}`",
        competition.name,
        competition.slug
    );
    let id = competition.id.expect("stored");
    let entrants = read.entrants(id)?;
    let names = read.team_names()?;
    let name = |t: TeamId| names.get(&t).cloned().unwrap_or_default();
    let loaded = super::Loaded::of(&read, competition)?;
    let c = &loaded.competition;
    anyhow::ensure!(
        args.group.is_none() || c.format != matchday_core::Format::League,
        "{} {} is a league with no group stage: leave out --group",
        c.name,
        c.season
    );
    // The tables to chart: the league, each group (or the one asked for), or the league phase.
    let labels: BTreeSet<String> = loaded.matches.iter().filter_map(|m| m.group.clone()).collect();
    let tables: Vec<(Option<String>, Vec<TeamId>)> = match args.group.as_deref().map(str::trim) {
        Some(wanted) if !wanted.is_empty() => {
            let group = super::table::find_group(&labels, wanted, c)?;
            vec![(
                Some(group.clone()),
                matchday_core::group_teams(&loaded.matches, group),
            )]
        }
        _ if !labels.is_empty() => labels
            .iter()
            .map(|g| (Some(g.clone()), matchday_core::group_teams(&loaded.matches, g)))
            .collect(),
        _ if c.format == matchday_core::Format::League => vec![(None, entrants.clone())],
        // A league phase: the clubs that played in it, not those entering at the knockout.
        _ => {
            let mut teams: Vec<TeamId> = loaded
                .matches
                .iter()
                .filter(|m| !matches!(m.stage, Some(matchday_core::Stage::Knockout(_))))
                .flat_map(|m| [m.pairing.home(), m.pairing.away()])
                .collect();
            teams.sort();
            teams.dedup();
            vec![(None, teams)]
        }
    };
    let charted: Vec<TeamId> = tables.iter().flat_map(|(_, t)| t.iter().copied()).collect();
    let mut teams = Vec::new();
    for wanted in args.teams.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        let team = read.resolve_team(wanted)?;
        anyhow::ensure!(
            charted.contains(&team),
            "{} is not in {} {}",
            name(team),
            c.name,
            c.season
        );
        if !teams.contains(&team) {
            teams.push(team);
        }
    }
    let mut charts = Vec::new();
    let mut days: Vec<chrono::NaiveDate> = Vec::new();
    for (group, group_teams) in &tables {
        let matches: Vec<matchday_core::Match> = match group {
            Some(g) => loaded
                .matches
                .iter()
                .filter(|m| m.group.as_ref() == Some(g))
                .cloned()
                .collect(),
            None => loaded.matches.clone(),
        };
        // With --teams, each group's chart draws those of them in it; a group with none is left out.
        let drawn: Vec<TeamId> = teams
            .iter()
            .copied()
            .filter(|t| group_teams.contains(t))
            .collect();
        if !teams.is_empty() && drawn.is_empty() {
            continue;
        }
        let progress = Progress::of_group(
            c,
            group_teams,
            &matches,
            &loaded.deductions,
            &loaded.decisions,
            group.as_deref(),
            args.when.as_of,
        );
        let title = match group {
            Some(g) => format!("{} {}, Group {g}", c.name, c.season),
            None => format!("{} {}", c.name, c.season),
        };
        let options = ChartOptions {
            kind: args.kind.into(),
            teams: drawn,
            highlight: None,
            title: title.clone(),
            narrow: false,
        };
        let svg = chart_svg(&progress, &name, &options).map_err(|e| match args.when.as_of {
            Some(day) => anyhow::anyhow!("{title}: {e} on or before {day}"),
            None => anyhow::anyhow!("{title}: {e}"),
        })?;
        days.extend(&progress.dates);
        charts.push(svg);
    }
    days.sort_unstable();
    days.dedup();
    let svg = stack(&charts);
    match &args.out {
        Some(path) => {
            write_file(path, svg.as_bytes())?;
            let groups = if charts.len() > 1 {
                format!("{} groups, ", charts.len())
            } else {
                String::new()
            };
            Ok(format!(
                "Wrote {} ({groups}{} match days, {} to {}).\n",
                path.display(),
                days.len(),
                days[0],
                days[days.len() - 1]
            ))
        }
        None => Ok(svg),
    }
}

/// Charts one above the other in one SVG document; one chart is left as it is.
fn stack(charts: &[String]) -> String {
    if let [one] = charts {
        return one.clone();
    }
    // Every chart is drawn at the same size: read it from the first.
    let size = |svg: &str, attribute: &str| -> u32 {
        let start = svg
            .find(&format!(" {attribute}=\""))
            .map(|i| i + attribute.len() + 3);
        start
            .and_then(|i| svg[i..].split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    let (width, height) = (size(&charts[0], "width"), size(&charts[0], "height"));
    let total = height * charts.len() as u32;
    let mut out = format!(
        "<svg width=\"{width}\" height=\"{total}\" viewBox=\"0 0 {width} {total}\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n"
    );
    for (i, chart) in charts.iter().enumerate() {
        // A nested <svg> is placed by its x and y.
        let placed = chart.replacen("<svg ", &format!("<svg x=\"0\" y=\"{}\" ", height * i as u32), 1);
        out.push_str(&placed);
        out.push('\n');
    }
    out.push_str("</svg>\n");
    out
}

/// Refuses a file name that is not `.svg`, before anything is read.
pub fn check_svg_path(path: &Path) -> anyhow::Result<()> {
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
