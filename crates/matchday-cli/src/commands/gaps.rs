//! `matchday gaps`: points gaps with their context, and what is already settled.

use std::collections::HashMap;

use chrono::NaiveDate;
use matchday_core::TeamId;
use matchday_forecast::{Gaps, TIE_NOTE, zone_boundary};
use matchday_store::Store;
use serde::Serialize;

use super::Loaded;
use crate::args::OutputFormat;
use crate::render;

/// Show points gaps, games in hand and what is already settled in a league
///
/// For every club: the gap to the leader and to a named club, games in hand,
/// the most points it can still reach, its best and worst possible final
/// places (exact, from the fixtures left), and the zones it has clinched or
/// can no longer reach.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday gaps premier-league --as-of 2024-02-01
  matchday gaps \"Premier League\" --season 2023-24 --team Arsenal --format json")]
pub struct Args {
    /// The league: its slug or part of its name
    pub competition: String,

    /// Measure gaps and games in hand against this team [default: the leader]
    #[arg(long, short)]
    pub team: Option<String>,

    #[command(flatten)]
    pub when: super::When,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// One row of JSON output; field names are a stable contract.
#[derive(Debug, Serialize)]
struct GapJson {
    position: u16,
    team: String,
    points: i32,
    played: u16,
    remaining: u16,
    games_in_hand: i32,
    gap_to_leader: i32,
    gap_to_team: i32,
    zone_gaps: Vec<ZoneGapJson>,
    max_points: i32,
    best_position: u16,
    worst_position: u16,
    positions_exact: bool,
    clinched: Vec<String>,
    eliminated: Vec<String>,
}

#[derive(Debug, Serialize)]
struct ZoneGapJson {
    zone: String,
    boundary: u16,
    gap: i32,
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<String> {
    let read = store.read();
    let names = read.team_names()?;
    let reference = args.team.as_deref().map(|t| read.resolve_team(t)).transpose()?;
    let super::League { loaded, state } = super::League::load(&read, &args.competition, args.when)?;
    if let (Some(id), Some(typed)) = (reference, args.team.as_deref())
        && !state.teams().contains(&id)
    {
        let shown = names.get(&id).map_or(typed, String::as_str);
        anyhow::bail!(
            "{} is not in {} {}",
            crate::render::escaped(shown),
            loaded.competition.name,
            loaded.competition.season
        );
    }
    let gaps = state.gaps(reference)?;
    let name = |id: TeamId| names.get(&id).cloned().unwrap_or_default();
    let rows: Vec<GapJson> = gaps
        .rows
        .iter()
        .map(|r| GapJson {
            position: r.position,
            team: name(r.team),
            points: r.points,
            played: r.played,
            remaining: r.remaining,
            games_in_hand: r.games_in_hand,
            gap_to_leader: r.gap_to_leader,
            gap_to_team: r.gap_to_team,
            zone_gaps: r
                .zone_gaps
                .iter()
                .map(|z| ZoneGapJson {
                    zone: z.zone.clone(),
                    boundary: z.boundary,
                    gap: z.gap,
                })
                .collect(),
            max_points: r.max_points,
            best_position: r.best_position,
            worst_position: r.worst_position,
            positions_exact: r.positions_exact,
            clinched: r.clinched.clone(),
            eliminated: r.eliminated.clone(),
        })
        .collect();
    match args.format {
        OutputFormat::Json => render::json(&rows),
        OutputFormat::Csv => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.position.to_string(),
                        r.team.clone(),
                        r.points.to_string(),
                        r.played.to_string(),
                        r.remaining.to_string(),
                        r.games_in_hand.to_string(),
                        r.gap_to_leader.to_string(),
                        r.gap_to_team.to_string(),
                        r.max_points.to_string(),
                        r.best_position.to_string(),
                        r.worst_position.to_string(),
                        r.clinched.join(" "),
                        r.eliminated.join(" "),
                    ]
                })
                .collect();
            render::csv(
                &[
                    "position",
                    "team",
                    "points",
                    "played",
                    "remaining",
                    "games_in_hand",
                    "gap_to_leader",
                    "gap_to_team",
                    "max_points",
                    "best_position",
                    "worst_position",
                    "clinched",
                    "eliminated",
                ],
                &cells,
            )
        }
        OutputFormat::Table => Ok(render_gaps(&loaded, &gaps, &rows, args.when.as_of, &name)),
    }
}

fn render_gaps(
    loaded: &Loaded,
    gaps: &Gaps,
    rows: &[GapJson],
    as_of: Option<NaiveDate>,
    name: &dyn Fn(TeamId) -> String,
) -> String {
    let competition = &loaded.competition;
    let mut text = format!("{} {}", competition.name, competition.season);
    if let Some(day) = as_of {
        text.push_str(&format!(", as of {day}"));
    }
    let against = name(gaps.reference);
    text.push_str(&format!("; gaps and games in hand against {against}\n"));
    // A bottom zone (its boundary is safety, above it) ruled out reads "safe";
    // other zones ruled out are listed after "not".
    let teams = rows.len() as u16;
    let bottom = |zone: &str| {
        competition
            .zones
            .iter()
            .any(|z| z.name == zone && zone_boundary(z, teams) != z.last)
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut settled: Vec<String> = r.clinched.clone();
            if r.eliminated.iter().any(|z| bottom(z)) {
                settled.push("safe".into());
            }
            let out: Vec<&str> = r
                .eliminated
                .iter()
                .filter(|z| !bottom(z))
                .map(String::as_str)
                .collect();
            if !out.is_empty() {
                settled.push(format!("not {}", out.join(", ")));
            }
            let mut range = if r.best_position == r.worst_position {
                r.best_position.to_string()
            } else {
                format!("{}-{}", r.best_position, r.worst_position)
            };
            if !r.positions_exact {
                range.push('?');
            }
            vec![
                r.position.to_string(),
                r.team.clone(),
                r.played.to_string(),
                r.points.to_string(),
                signed_gap(r.gap_to_leader),
                signed_gap(r.gap_to_team),
                render::signed(i64::from(r.games_in_hand)),
                r.remaining.to_string(),
                r.max_points.to_string(),
                range,
                settled.join("; "),
            ]
        })
        .collect();
    text.push_str(&render::grid(
        &[
            "Pos",
            "Team",
            "P",
            "Pts",
            "To 1st",
            &format!("To {}", short(&against)),
            "In hand",
            "Left",
            "Max",
            "Can finish",
            "Settled",
        ],
        &cells,
        &[0, 2, 3, 4, 5, 6, 7, 8, 9],
    ));
    // The reference team's distance to each zone's edge, in words.
    if let Some(row) = gaps.rows.iter().find(|r| r.team == gaps.reference) {
        let holder: HashMap<u16, &str> = rows.iter().map(|r| (r.position, r.team.as_str())).collect();
        let mut parts = Vec::new();
        for z in &row.zone_gaps {
            let boundary = z.boundary;
            let at = holder.get(&boundary).copied().unwrap_or("-");
            if z.gap == 0 && at == name(gaps.reference) {
                parts.push(format!("{} (holds {} place)", z.zone, render::ordinal(boundary)));
                continue;
            }
            let what = match z.gap {
                0 => "level with".to_string(),
                g if g < 0 => format!("{} ahead of", -g),
                g => format!("{g} behind"),
            };
            parts.push(format!(
                "{} ({} {}, {at})",
                z.zone,
                what,
                render::ordinal(boundary)
            ));
        }
        if !parts.is_empty() {
            text.push_str(&format!("{}: {}\n", name(gaps.reference), parts.join("; ")));
        }
    }
    text.push_str(&format!("Can finish: {TIE_NOTE}.\n"));
    if rows.iter().any(|r| !r.positions_exact) {
        text.push_str(
            "?: the search for this range hit its limit, so it may be wider than the truth; \
             nothing is marked settled that is not.\n",
        );
    }
    text
}

/// A gap in points: "-" for none, else the points behind (or "+n" ahead).
fn signed_gap(gap: i32) -> String {
    match gap {
        0 => "-".into(),
        g if g > 0 => g.to_string(),
        g => format!("+{}", -g),
    }
}

/// A short column label for a team: its first word.
fn short(name: &str) -> String {
    name.split_whitespace().next().unwrap_or(name).to_string()
}
