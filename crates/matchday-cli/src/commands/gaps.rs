//! `matchday gaps`: points gaps with their context, and what is already settled.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use matchday_core::TeamId;
use matchday_forecast::{
    Clinch, Gaps, MagicNumbers, SplitStage, TIE_NOTE, TeamMagic, ZoneMagic, clinch_dates, is_bottom,
};
use matchday_store::Store;
use serde::Serialize;

use super::Loaded;
use crate::args::OutputFormat;
use crate::render::{self, Grid, Painted, Step, grid::plain_cells, paint};

/// Show points gaps, games in hand and what is already settled in a league
///
/// For every club: the gap to the leader and to a named club, games in hand,
/// the most points it can still reach, its best and worst possible final
/// places (exact, from the fixtures left), and the zones it has clinched or
/// can no longer reach, with the day each was clinched. Under the table, what
/// the club measured against needs from its remaining matches for each zone
/// still open (magic numbers): the fewest points that make it sure of the
/// zone's edge whatever else happens, a club level on points counted above it,
/// and the fewest that keep it possible, a club level on points counted below
/// it (JSON gives every club's). A match in play (`matchday result --live`) counts as
/// a fixture left in every number here, as it is not final; a "•" marks the
/// clubs playing and a "Live:" line gives the scores (`matchday table` shows
/// the provisional table).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday gaps premier-league --as-of 2024-02-01
  matchday gaps \"Premier League\" --season 2023-24 --team Arsenal --format json
  matchday gaps premier-league --as-of 2024-02-01 \\
      --given \"Arsenal 1-2 Liverpool\"")]
pub struct Args {
    /// The league: its slug or part of its name
    pub competition: String,

    /// Measure gaps and games in hand against this team [default: the leader]
    #[arg(long, short)]
    pub team: Option<String>,

    #[command(flatten)]
    pub when: super::When,

    #[command(flatten)]
    pub given: super::given::Given,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// One row of JSON output; field names are a stable contract.
#[derive(Debug, Serialize)]
struct GapJson {
    /// None before the season's first match, when no club has a place yet.
    position: Option<u16>,
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
    /// Per zone, what the club needs from its remaining matches to be sure of finishing
    /// at or above the zone's edge, and to keep it possible; `null` for a zone settled
    /// either way. Absent before the first match and before a split.
    #[serde(skip_serializing_if = "Option::is_none")]
    magic: Option<BTreeMap<String, Option<MagicJson>>>,
    /// The day each zone the club is certain of became certain.
    clinched_on: BTreeMap<String, NaiveDate>,
    /// Whether the club is playing now: its score so far is not counted here.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    playing_now: bool,
}

/// A zone still open to a club: points from its remaining matches.
#[derive(Debug, Serialize)]
struct MagicJson {
    /// The fewest that make it sure (a club level on points counted above it); null
    /// when even winning every match does not.
    guarantee: Option<i32>,
    /// The fewest with which it is still possible (a club level on points counted below).
    still_possible: i32,
    /// The most its remaining matches can bring.
    available: i32,
    /// False when a search ran out of steps: the guarantee is then enough but may not be
    /// the fewest.
    guarantee_exact: bool,
    /// False when a search ran out of steps: the number may then be more.
    still_possible_exact: bool,
}

fn magic_json(magic: &TeamMagic) -> BTreeMap<String, Option<MagicJson>> {
    magic
        .zones
        .iter()
        .map(|(zone, _, answer)| {
            let numbers = match answer {
                ZoneMagic::Open(n) => Some(MagicJson {
                    guarantee: n.guarantee,
                    still_possible: n.still_possible,
                    available: n.available,
                    guarantee_exact: n.guarantee_exact,
                    still_possible_exact: n.still_possible_exact,
                }),
                ZoneMagic::Settled | ZoneMagic::OutOfReach => None,
            };
            (zone.clone(), numbers)
        })
        .collect()
}

/// What the measured club needs, zone by zone, and the day it clinched each zone it has.
fn what_it_takes(
    club: &str,
    magic: Option<&TeamMagic>,
    clinches: &[&Clinch],
    zones: &[matchday_core::Zone],
    teams: u16,
    left: u16,
    screen: &render::Screen,
) -> String {
    let mut text = String::new();
    if !clinches.is_empty() {
        let said: Vec<String> = clinches
            .iter()
            .map(|k| format!("{} on {}", k.zone, k.on))
            .collect();
        text.push_str(&render::prose(
            &format!("{club} clinched {}.", said.join(", ")),
            screen,
        ));
    }
    let Some(magic) = magic else { return text };
    let open: Vec<String> = magic
        .zones
        .iter()
        .filter_map(|(zone, place, answer)| {
            let ZoneMagic::Open(n) = answer else { return None };
            let sure = match (n.guarantee, n.guarantee_exact) {
                (None, true) => "cannot be sure".to_string(),
                (None, false) => "not known to be sure even winning every match".to_string(),
                (Some(g), true) => format!("needs {g} to be sure"),
                (Some(g), false) => format!("needs at most {g} to be sure"),
            };
            let possible = possible_words(n);
            // A bottom zone's edge is safety, above it: what it takes is staying out.
            let bottom = zones.iter().any(|z| &z.name == zone && is_bottom(z, teams));
            let target = if bottom {
                format!("staying out of {zone}")
            } else {
                zone.clone()
            };
            Some(format!(
                "{target} ({} or higher): {sure}, {possible}",
                render::ordinal(*place)
            ))
        })
        .collect();
    if !open.is_empty() {
        let line = format!(
            "What {club} needs from its {left} {} left ({} points at most): {}. Sure counts a club level on points as above it; possible, as below.",
            if left == 1 { "match" } else { "matches" },
            magic
                .zones
                .iter()
                .find_map(|(_, _, a)| match a {
                    ZoneMagic::Open(n) => Some(n.available),
                    _ => None,
                })
                .unwrap_or_default(),
            open.join("; ")
        );
        text.push_str(&render::prose(&line, screen));
    }
    text
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
    let (super::League { loaded, state }, assumed) =
        super::League::load_assuming(&read, &args.competition, args.when, &args.given)?;
    // The table's order honours decisions off the pitch, as `matchday table` does.
    let state = state.with_decisions(&loaded.decisions);
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
    let ranges = state.position_ranges();
    let gaps = state.gaps_with(reference, &ranges)?;
    let name = |id: TeamId| names.get(&id).cloned().unwrap_or_default();
    // Before the first match every club is level on nothing: no positions, zones or gaps.
    let begun = gaps.rows.iter().any(|r| r.played > 0);
    let playing = super::table::playing_now(&loaded.matches, args.when.as_of);
    // Magic numbers cost a search per club and zone: every club's for JSON, the
    // measured club's for the table. None before the first match or before a split.
    let asked: Vec<usize> = match args.format {
        OutputFormat::Json => (0..state.teams().len()).collect(),
        OutputFormat::Table => state.index_of(gaps.reference).into_iter().collect(),
        OutputFormat::Csv => Vec::new(),
    };
    let magic: HashMap<TeamId, TeamMagic> = if begun && !asked.is_empty() {
        state
            .magic_numbers_of(&ranges, &asked)
            .unwrap_or_default()
            .into_iter()
            .map(|m| (m.team, m))
            .collect()
    } else {
        HashMap::new()
    };
    // Clinch dates go back day by day through the season: CSV has no column for them.
    let clinches = if args.format == OutputFormat::Csv {
        Vec::new()
    } else {
        clinch_dates(
            &loaded.competition,
            state.teams(),
            &loaded.matches,
            &loaded.deductions,
            args.when.as_of,
        )?
    };
    let rows: Vec<GapJson> = gaps
        .rows
        .iter()
        .map(|r| GapJson {
            position: begun.then_some(r.position),
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
            playing_now: playing.iter().any(|m| m.pairing.involves(r.team)),
            magic: magic.get(&r.team).map(magic_json),
            clinched_on: clinches
                .iter()
                .filter(|k| k.team == r.team)
                .map(|k| (k.zone.clone(), k.on))
                .collect(),
        })
        .collect();
    let output = match args.format {
        OutputFormat::Json => render::json(&rows),
        OutputFormat::Csv => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.position.map(|p| p.to_string()).unwrap_or_default(),
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
        OutputFormat::Table => Ok(render_gaps(
            &loaded,
            &gaps,
            &rows,
            matches!(state.split(), Some(SplitStage::Pending(_))),
            &heading(
                &loaded,
                args.when.as_of,
                begun || args.team.is_some(),
                &name(gaps.reference),
            ),
            &name,
            &render::screen::current(),
        ) + &what_it_takes(
            &name(gaps.reference),
            magic.get(&gaps.reference),
            &clinches
                .iter()
                .filter(|k| k.team == gaps.reference)
                .collect::<Vec<_>>(),
            &state.zones(),
            state.teams().len() as u16,
            state.remaining()[state.index_of(gaps.reference).expect("in the league")],
            &render::screen::current(),
        ) + &render::prose(
            super::table::live_line(
                &playing,
                &names,
                "Counted here as still to play: settled places wait for the results (`matchday table` shows the provisional table).",
            )
            .trim_start(),
            &render::screen::current(),
        )),
    };
    output.map(|out| assumed.said(out, args.format))
}

fn render_gaps(
    loaded: &Loaded,
    gaps: &Gaps,
    rows: &[GapJson],
    before_split: bool,
    heading: &str,
    name: &dyn Fn(TeamId) -> String,
    screen: &render::Screen,
) -> String {
    let competition = &loaded.competition;
    let against = name(gaps.reference);
    let begun = rows.iter().any(|r| r.played > 0);
    let mut text = render::prose(heading, screen);
    // A bottom zone (its boundary is safety, above it) ruled out reads "safe";
    // other zones ruled out are listed after "not".
    let teams = rows.len() as u16;
    let bottom = |zone: &str| {
        competition
            .zones
            .iter()
            .any(|z| z.name == zone && is_bottom(z, teams))
    };
    // What is settled, in words and in zone labels for narrow screens.
    let settled = |r: &GapJson, label: &dyn Fn(&str) -> String| -> String {
        let mut settled: Vec<String> = r.clinched.iter().map(|z| label(z)).collect();
        if r.eliminated.iter().any(|z| bottom(z)) {
            settled.push("safe".into());
        }
        // A zone a club is sure to finish above (the Europa League's 5th for a club sure of
        // the top three) is not one it missed: left unsaid, as "safe" says it of a bottom zone.
        let above = |zone: &str| {
            competition
                .zones
                .iter()
                .any(|z| z.name == zone && r.worst_position < z.first)
        };
        let out: Vec<String> = r
            .eliminated
            .iter()
            .filter(|z| !bottom(z) && !above(z))
            .map(|z| label(z))
            .collect();
        if !out.is_empty() {
            settled.push(format!("not {}", out.join(", ")));
        }
        settled.join("; ")
    };
    let range = |r: &GapJson| {
        let mut range = if r.best_position == r.worst_position {
            r.best_position.to_string()
        } else {
            format!("{}-{}", r.best_position, r.worst_position)
        };
        if !r.positions_exact {
            range.push('?');
        }
        range
    };
    let reference = rows.iter().position(|r| r.team == against);
    let short = render::short_name::short_names(&rows.iter().map(|r| r.team.as_str()).collect::<Vec<_>>());
    let mut grid = Grid::new();
    if begun {
        grid.column(
            "Pos",
            true,
            rows.iter()
                .map(|r| {
                    let position = r.position.unwrap_or_default();
                    let zone = super::table::zone_of(competition, position, matchday_core::View::Total);
                    Painted::styled(
                        position.to_string(),
                        zone.as_deref().map(paint::zone_style).unwrap_or_default(),
                    )
                })
                .collect(),
        );
    }
    let team = grid.clubs(&rows.iter().map(|r| r.team.as_str()).collect::<Vec<_>>());
    let number = |grid: &mut Grid, header: &str, value: &dyn Fn(&GapJson) -> String| {
        grid.column(header, true, plain_cells(rows.iter().map(value)))
    };
    // A "•" marks a club playing now (its match counted as still to play).
    number(&mut grid, "P", &|r| {
        if r.playing_now {
            format!("{}•", r.played)
        } else {
            r.played.to_string()
        }
    });
    number(&mut grid, "Pts", &|r| r.points.to_string());
    // Against the leader, "To 1st" says it all.
    let leader_asked = rows.first().is_some_and(|r| r.team == against);
    let to_first = begun.then(|| number(&mut grid, "To 1st", &|r| signed_gap(r.gap_to_leader)));
    if begun && !leader_asked {
        let short_against = reference.map_or(against.clone(), |i| short[i].clone());
        number(&mut grid, &format!("To {short_against}"), &|r| {
            signed_gap(r.gap_to_team)
        });
    }
    let in_hand = number(&mut grid, "In hand", &|r| {
        render::signed(i64::from(r.games_in_hand))
    });
    grid.narrower(
        in_hand,
        "GiH",
        plain_cells(rows.iter().map(|r| render::signed(i64::from(r.games_in_hand)))),
    );
    let left = number(&mut grid, "Left", &|r| r.remaining.to_string());
    let max = number(&mut grid, "Max", &|r| r.max_points.to_string());
    let can_finish = number(&mut grid, "Can finish", &range);
    grid.narrower(can_finish, "Range", plain_cells(rows.iter().map(range)));
    let styled_settled = |label: &dyn Fn(&str) -> String| -> Vec<Painted> {
        rows.iter()
            .map(|r| Painted::styled(settled(r, label), paint::SETTLED))
            .collect()
    };
    let settled_col = grid.column("Settled", false, styled_settled(&|z| z.to_string()));
    grid.narrower(settled_col, "Settled", styled_settled(&paint::zone_label));
    let mut steps = vec![
        Step::Narrow(team),
        Step::Drop(left),
        Step::Narrow(can_finish),
        Step::Narrow(in_hand),
        Step::Narrow(settled_col),
        Step::Drop(max),
    ];
    steps.extend(to_first.map(Step::Drop));
    grid.steps(&steps);
    if let Some(row) = reference {
        grid.strong_row(row);
    }
    let drawn = grid.render(screen);
    text.push_str(&drawn.text);
    if drawn.form_of(settled_col) == Some(1) {
        let named = rows.iter().flat_map(|r| {
            r.clinched
                .iter()
                .chain(r.eliminated.iter().filter(|z| !bottom(z)))
        });
        if let Some(key) = paint::zone_key(named.map(String::as_str)) {
            text.push_str(&render::prose(&format!("Settled: {key}."), screen));
        }
    }
    if !begun {
        text.push_str(&render::prose(super::table::NOT_STARTED.trim_start(), screen));
    }
    // The reference team's distance to each zone's edge, in words.
    if begun && let Some(row) = gaps.rows.iter().find(|r| r.team == gaps.reference) {
        let holder: HashMap<u16, &str> = rows
            .iter()
            .filter_map(|r| Some((r.position?, r.team.as_str())))
            .collect();
        let mut parts = Vec::new();
        for z in &row.zone_gaps {
            // A zone wholly below a club's place (the Europa League's 5th for the leader) is
            // not one it plays for; a bottom zone's edge, safety, always is.
            let below = competition
                .zones
                .iter()
                .any(|zone| zone.name == z.zone && !bottom(&zone.name) && row.position < zone.first);
            if below {
                continue;
            }
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
            let line = format!("{}: {}", name(gaps.reference), parts.join("; "));
            text.push_str(&render::prose(&line, screen));
        }
    }
    let note = match drawn.form_of(can_finish) {
        Some(0) => format!("Can finish: {TIE_NOTE}."),
        _ => format!("Range: the best and worst places a club can still finish; {TIE_NOTE}."),
    };
    text.push_str(&render::prose(&note, screen));
    if rows.iter().any(|r| !r.positions_exact) {
        let why = if before_split {
            "the league has yet to split, and who meets whom after it is not known"
        } else {
            "the search for this range hit its limit"
        };
        text.push_str(&render::prose(
            &format!(
                "?: {why}, so the range may be wider than the truth; nothing is marked settled that is not."
            ),
            screen,
        ));
    }
    text
}

/// The heading: the league, the day, and whom the gaps are measured against. Before the
/// first match there is no leader to measure against, only a team that was named.
fn heading(loaded: &Loaded, as_of: Option<NaiveDate>, measured: bool, against: &str) -> String {
    let competition = &loaded.competition;
    let mut text = format!("{} {}", competition.name, competition.season);
    if let Some(day) = as_of {
        text.push_str(&format!(", as of {day}"));
    }
    if measured {
        text.push_str(&format!("; gaps and games in hand against {against}"));
    } else {
        text.push_str("; games left and what can still happen");
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

/// The points that keep a zone possible, in words. A search that did not finish gives a
/// number that may be too low, so it is never worded as the answer (not even none).
fn possible_words(n: &MagicNumbers) -> String {
    match (n.still_possible, n.still_possible_exact) {
        (0, true) => "possible even with no more points".to_string(),
        (0, false) => "not known to need any points to keep it possible".to_string(),
        (p, true) => format!("{p} to keep it possible"),
        (p, false) => format!("at least {p} to keep it possible"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unfinished_still_possible_is_never_worded_as_the_answer() {
        let numbers = |still_possible, still_possible_exact| MagicNumbers {
            guarantee: Some(46),
            still_possible,
            available: 48,
            guarantee_exact: true,
            still_possible_exact,
        };
        assert_eq!(
            possible_words(&numbers(0, true)),
            "possible even with no more points"
        );
        assert_eq!(
            possible_words(&numbers(0, false)),
            "not known to need any points to keep it possible"
        );
        assert_eq!(possible_words(&numbers(1, true)), "1 to keep it possible");
        assert_eq!(
            possible_words(&numbers(5, false)),
            "at least 5 to keep it possible"
        );
    }
}
