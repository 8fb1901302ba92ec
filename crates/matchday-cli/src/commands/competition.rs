//! `matchday competition add` and `matchday competitions`.

use matchday_core::{Competition, Format, PointsScheme, RuleSet, Season, Zone};
use matchday_store::Store;
use serde::Serialize;

use crate::args::OutputFormat;
use crate::render;

/// Add a competition for a season
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// What to do with competitions.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Add a competition for a season
    #[command(after_help = "Examples:
  matchday competition add \"Premier League\" --season 2024-25 --rules premier-league
  matchday competition add \"Sunday League\" --season 2024-25 --zones champions=1 --zones relegation=9-10
  matchday competition add \"FA Cup\" --season 2024-25 --format knockout")]
    Add(AddArgs),
}

/// Options of `competition add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Its name, as tables show it
    pub name: String,

    /// The season, e.g. 2024-25
    #[arg(long, value_parser = super::parse_season)]
    pub season: Season,

    /// Tie-break rules: premier-league, uefa-group, la-liga, serie-a, bundesliga or classic
    /// [default: guessed from the name, else classic]
    #[arg(long, value_parser = parse_rules)]
    pub rules: Option<RuleSet>,

    /// How it is played: league, knockout or groups-knockout
    #[arg(long, default_value = "league", value_parser = parse_format)]
    pub format: Format,

    /// Points for a win, draw and defeat
    #[arg(long, default_value = "3-1-0", value_parser = parse_points)]
    pub points: PointsScheme,

    /// A named band of positions, e.g. champions-league=1-4 (repeat for more)
    /// [default: the rule set's usual zones, once the league has teams]
    #[arg(long = "zones", value_name = "NAME=FIRST-LAST", value_parser = parse_zone)]
    pub zones: Vec<Zone>,

    /// A short name for the command line [default: from the name]
    #[arg(long)]
    pub slug: Option<String>,

    /// Away goals decide level two-legged ties (as before 2021-22)
    #[arg(long)]
    pub away_goals: bool,
}

fn parse_rules(text: &str) -> Result<RuleSet, String> {
    text.parse().map_err(|e: matchday_core::Error| e.to_string())
}

fn parse_format(text: &str) -> Result<Format, String> {
    text.parse().map_err(|e: matchday_core::Error| e.to_string())
}

fn parse_points(text: &str) -> Result<PointsScheme, String> {
    text.parse()
        .map_err(|_| format!("'{text}' is not a points scheme: write it as 3-1-0"))
}

fn parse_zone(text: &str) -> Result<Zone, String> {
    text.parse().map_err(|e: matchday_core::Error| e.to_string())
}

pub fn run(store: &mut Store, args: Args) -> anyhow::Result<String> {
    let Action::Add(add) = args.action;
    let name = add.name.trim().to_string();
    anyhow::ensure!(!name.is_empty(), "a competition needs a name");
    let slug = match &add.slug {
        Some(s) => Competition::slug_for(s),
        None => Competition::slug_for(&name),
    };
    anyhow::ensure!(
        !slug.is_empty(),
        "'{name}' has no letters or digits to make a slug from; add --slug"
    );
    let competition = Competition {
        id: None,
        slug,
        name,
        season: add.season,
        format: add.format,
        structure: matchday_core::Structure::of_format(add.format),
        rules: add.rules.unwrap_or_else(|| RuleSet::guess_from_name(&add.name)),
        points: add.points,
        zones: add.zones,
        away_goals: add.away_goals,
    };
    store.write(|w| w.add_competition(&competition))?;
    Ok(format!(
        "added {} {} ({}, {} rules, slug {})\n",
        competition.name, competition.season, competition.format, competition.rules, competition.slug
    ))
}

/// List stored competitions
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  matchday competitions --format json")]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

#[derive(Serialize)]
struct CompetitionRow {
    slug: String,
    name: String,
    season: String,
    format: String,
    rules: String,
    points: String,
    zones: Vec<String>,
    matches: usize,
}

pub fn list(store: &Store, args: ListArgs) -> anyhow::Result<String> {
    let read = store.read();
    let mut rows = Vec::new();
    for c in read.competitions()? {
        let matches = read.matches(c.id.expect("stored"))?.len();
        rows.push(CompetitionRow {
            slug: c.slug,
            name: c.name,
            season: c.season.to_string(),
            format: c.format.to_string(),
            rules: c.rules.to_string(),
            points: c.points.to_string(),
            zones: c.zones.iter().map(|z| z.to_string()).collect(),
            matches,
        });
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.slug.clone(),
                r.name.clone(),
                r.season.clone(),
                r.format.clone(),
                r.rules.clone(),
                r.matches.to_string(),
                r.zones.join(" "),
            ]
        })
        .collect();
    let headers = ["Slug", "Name", "Season", "Format", "Rules", "Matches", "Zones"];
    match args.format {
        OutputFormat::Json => render::json(&rows),
        OutputFormat::Csv => render::csv(&headers, &cells),
        OutputFormat::Table if rows.is_empty() => Ok(
            "no competitions stored yet: try `matchday import FILE` or `matchday competition add`\n".into(),
        ),
        OutputFormat::Table => Ok(render::grid(&headers, &cells, &[5])),
    }
}
