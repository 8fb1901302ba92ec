//! `matchday competition add`, `matchday competition set` and `matchday competitions`.

use matchday_core::{Catalogue, Competition, Edition, Format, PointsScheme, RankBy, RuleSet, Season, Zone};
use matchday_store::Store;
use serde::Serialize;

use crate::args::OutputFormat;
use crate::render;

/// Add a competition for a season, or change a stored one's regulations
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
    /// Change a stored competition-season's regulations, zones, ranking or stages
    #[command(after_help = "Examples:
  matchday competition set \"League One\" --season 2019-20 --rank-by points-per-game
  matchday competition set \"World Cup\" --season 2018 --rules fifa-world-cup-2018
  matchday competition set bundesliga --season 2023-24 --zones champions=1 --zones champions-league=1-5
  matchday competition set highland --stages '[{\"name\":\"League\",\"kind\":\"league\",\"meetings\":4}]'

The presets, with their sources and seasons, are listed in docs/regulations.md.")]
    Set(SetArgs),
}

/// The regulations options `add` and `set` share.
#[derive(Debug, clap::Args)]
pub struct RegulationsArgs {
    /// The regulations preset: premier-league, efl, uefa-club-groups, uefa-league-phase,
    /// uefa-euro-finals, fifa-world-cup-2018, fifa-world-cup-2026, la-liga, serie-a, bundesliga,
    /// austrian-bundesliga, scottish-premiership, english-history, football-league-1992,
    /// points-per-game, ligue-1, womens-super-league or plain [add: the catalogue's for the season, else plain]
    #[arg(long, value_parser = parse_rules)]
    pub rules: Option<RuleSet>,

    /// Points for a win, draw and defeat, e.g. 2-1-0 [add: the preset's for the season]
    #[arg(long, value_parser = parse_points)]
    pub points: Option<PointsScheme>,

    /// A named band of positions, e.g. champions-league=1-4 (repeat for more; replaces the stored ones)
    /// [add: none]
    #[arg(long = "zones", value_name = "NAME=FIRST-LAST", value_parser = parse_zone)]
    pub zones: Vec<Zone>,

    /// What ranks the table first: points, or points-per-game for a curtailed season
    #[arg(long, value_parser = parse_rank_by)]
    pub rank_by: Option<RankBy>,
}

/// Options of `competition add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Its name, as tables show it
    pub name: String,

    /// The season, e.g. 2024-25
    #[arg(long, value_parser = super::parse_season)]
    pub season: Season,

    #[command(flatten)]
    pub regulations: RegulationsArgs,

    /// How it is played: league, knockout or groups-knockout [default: the catalogue's
    /// stages for a competition it knows, else league]
    #[arg(long, value_parser = parse_format)]
    pub format: Option<Format>,

    /// A short name for the command line [default: from the name]
    #[arg(long)]
    pub slug: Option<String>,

    /// Away goals decide level two-legged ties (as before 2021-22)
    #[arg(long)]
    pub away_goals: bool,
}

/// Options of `competition set`.
#[derive(Debug, clap::Args)]
pub struct SetArgs {
    /// The competition: its slug or part of its name
    pub competition: String,

    /// The season [default: the latest stored]
    #[arg(long, value_parser = super::parse_season)]
    pub season: Option<Season>,

    #[command(flatten)]
    pub regulations: RegulationsArgs,

    /// The stages, as JSON (as `matchday competitions --format json` shows them and
    /// docs/catalogue.md describes), e.g. '[{"name":"League","kind":"league","meetings":4}]'
    #[arg(long, value_name = "JSON", value_parser = parse_stages)]
    pub stages: Option<matchday_core::Structure>,
}

fn parse_stages(text: &str) -> Result<matchday_core::Structure, String> {
    serde_json::from_str(text).map_err(|e| format!("cannot read stages: {e}"))
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

fn parse_rank_by(text: &str) -> Result<RankBy, String> {
    text.parse().map_err(|e: matchday_core::Error| e.to_string())
}

pub fn run(store: &mut Store, args: Args, catalogue: &Catalogue) -> anyhow::Result<String> {
    match args.action {
        Action::Add(add) => add_competition(store, add, catalogue),
        Action::Set(set) => set_regulations(store, set),
    }
}

fn add_competition(store: &mut Store, add: AddArgs, catalogue: &Catalogue) -> anyhow::Result<String> {
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
    let regs = add.regulations;
    // A competition the catalogue knows gets its edition's rules and stages; any other
    // the plain rules and the structure its --format names.
    let edition = catalogue.find(&name).and_then(|e| e.edition(add.season));
    let rules = regs
        .rules
        .or(edition.map(Edition::rules))
        .unwrap_or(RuleSet::Plain);
    let structure = match (edition, add.format) {
        (Some(edition), None) => edition.structure().clone(),
        (_, format) => matchday_core::Structure::of_format(format.unwrap_or(Format::League)),
    };
    let competition = Competition {
        id: None,
        slug,
        name,
        season: add.season,
        format: structure.format(),
        structure,
        rules,
        points: regs
            .points
            .unwrap_or_else(|| rules.regulations(add.season).points()),
        zones: regs.zones,
        away_goals: add.away_goals,
        rank_by: regs.rank_by.unwrap_or_default(),
    };
    store.write(|w| w.add_competition(&competition))?;
    Ok(format!(
        "added {} {} ({}, {} rules, slug {})\n",
        competition.name, competition.season, competition.format, competition.rules, competition.slug
    ))
}

fn set_regulations(store: &mut Store, set: SetArgs) -> anyhow::Result<String> {
    let regs = set.regulations;
    anyhow::ensure!(
        regs.rules.is_some()
            || regs.points.is_some()
            || regs.rank_by.is_some()
            || !regs.zones.is_empty()
            || set.stages.is_some(),
        "nothing to change: give --rules, --points, --zones, --rank-by or --stages"
    );
    let mut competition = store
        .read()
        .find_competition(&set.competition, set.season, None)?;
    if let Some(rules) = regs.rules {
        competition.rules = rules;
        // A new preset brings its points, unless they are given too.
        competition.points = rules.regulations(competition.season).points();
    }
    if let Some(points) = regs.points {
        competition.points = points;
    }
    if let Some(rank_by) = regs.rank_by {
        competition.rank_by = rank_by;
    }
    if !regs.zones.is_empty() {
        competition.zones = regs.zones;
    }
    if let Some(stages) = set.stages {
        competition.set_structure(stages);
    }
    let names = store.read().team_names()?;
    store
        .write(|w| w.set_regulations(&competition))
        .map_err(|e| crate::refusal::worded(e, &names, &competition))?;
    let zones: Vec<String> = competition.zones.iter().map(|z| z.to_string()).collect();
    Ok(format!(
        "{} {}: {} rules, {} points, ranked by {}{}\n",
        competition.name,
        competition.season,
        competition.rules,
        competition.points,
        competition.rank_by,
        if zones.is_empty() {
            String::new()
        } else {
            format!(", zones {}", zones.join(" "))
        }
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
    rank_by: String,
    zones: Vec<String>,
    matches: usize,
    /// The stages as the catalogue and `competition set --stages` write them.
    stages: matchday_core::Structure,
}

pub fn list(store: &Store, args: ListArgs) -> anyhow::Result<String> {
    let read = store.read();
    let mut rows = Vec::new();
    let counts = read.match_counts()?;
    for c in read.competition_listing()? {
        // One competition-season that does not read back is named, and the others listed.
        let c = match c {
            Ok(c) => c,
            Err(err) => {
                eprintln!("note: {}", crate::render::escaped(&err.to_string()));
                continue;
            }
        };
        let matches = counts.get(&c.id.expect("stored")).copied().unwrap_or(0);
        rows.push(CompetitionRow {
            slug: c.slug,
            name: c.name,
            season: c.season.to_string(),
            format: c.format.to_string(),
            rules: c.rules.to_string(),
            points: c.points.to_string(),
            rank_by: c.rank_by.to_string(),
            zones: c.zones.iter().map(|z| z.to_string()).collect(),
            matches,
            stages: c.structure,
        });
    }
    match args.format {
        OutputFormat::Json => render::json(&rows),
        OutputFormat::Csv => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.slug.clone(),
                        r.name.clone(),
                        r.season.clone(),
                        r.format.clone(),
                        r.rules.clone(),
                        r.points.clone(),
                        r.rank_by.clone(),
                        r.matches.to_string(),
                        r.zones.join(" "),
                    ]
                })
                .collect();
            render::csv(
                &[
                    "slug", "name", "season", "format", "rules", "points", "rank_by", "matches", "zones",
                ],
                &cells,
            )
        }
        OutputFormat::Table if rows.is_empty() => Ok(
            "no competitions stored yet: try `matchday import FILE` or `matchday competition add`\n".into(),
        ),
        OutputFormat::Table => Ok(render_list(&rows, &render::screen::current())),
    }
}

/// The competitions for a terminal: zones one a line; narrower screens get zone
/// labels, then lose the rules, the name (the slug is what commands take) and the format.
fn render_list(rows: &[CompetitionRow], screen: &render::Screen) -> String {
    use render::grid::plain_cells;
    use render::{Grid, Painted, Step, paint};

    let text = |value: &dyn Fn(&CompetitionRow) -> String| plain_cells(rows.iter().map(value));
    let mut grid = Grid::new();
    grid.column("Slug", false, text(&|r| r.slug.clone()));
    let name = grid.column("Name", false, text(&|r| r.name.clone()));
    grid.column("Season", false, text(&|r| r.season.clone()));
    let format = grid.column("Format", false, text(&|r| r.format.clone()));
    let rules = grid.column(
        "Rules",
        false,
        text(&|r| {
            if r.rank_by == RankBy::PointsPerGame.name() {
                format!("{}, points per game", r.rules)
            } else {
                r.rules.clone()
            }
        }),
    );
    grid.column("Matches", true, text(&|r| r.matches.to_string()));
    let zones_in = |label: &dyn Fn(&str) -> String, join: &str| -> Vec<Painted> {
        rows.iter()
            .map(|r| {
                let mut cell = Painted::default();
                for (i, zone) in r.zones.iter().enumerate() {
                    let (name, places) = zone.split_once('=').unwrap_or((zone, ""));
                    if i > 0 {
                        cell.push(join, anstyle::Style::new());
                    }
                    cell.push(format!("{}={places}", label(name)), paint::zone_style(name));
                }
                cell
            })
            .collect()
    };
    let zones = grid.column("Zones", false, zones_in(&|z| z.to_string(), "\n"));
    grid.narrower(zones, "Zones", zones_in(&paint::zone_label, " "));
    grid.steps(&[
        Step::Drop(rules),
        Step::Narrow(zones),
        Step::Drop(name),
        Step::Drop(format),
    ]);
    let drawn = grid.render(screen);
    let mut out = drawn.text.clone();
    let names = rows
        .iter()
        .flat_map(|r| &r.zones)
        .map(|z| z.split_once('=').map_or(z.as_str(), |(name, _)| name));
    if drawn.form_of(zones) == Some(1)
        && let Some(key) = paint::zone_key(names)
    {
        out.push_str(&render::prose(&format!("Zones: {key}."), screen));
    }
    out
}
