//! Monte Carlo season forecasts.
//!
//! Each remaining fixture gets an alias table over its score grid once; a simulated
//! season then draws one random number per fixture, adds the score to copies of the
//! teams' totals and ranks them with the core's [`rank_teams`] under the competition's
//! tie-breakers (head-to-head included, from the real and simulated results). Nothing is
//! allocated per season. Seasons are split into fixed chunks, each with its own random
//! stream derived from the seed and the chunk's number, so the answer depends on the seed
//! only, not on how many threads run the chunks.

use std::sync::atomic::{AtomicU64, Ordering};

use matchday_core::{
    CompactResult, PointsScheme, RankScratch, RankingRules, SplitRules, TeamId, TeamTotals, Zone, rank_teams,
};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::state::next_venue;
use crate::{LeagueState, MatchModel, SplitStage};

/// How many seasons to simulate, and from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulationOptions {
    /// Seasons to simulate.
    pub sims: u64,
    /// The random seed; the same seed gives the same forecast.
    pub seed: u64,
}

/// Seasons per independently seeded chunk. Fixed, so thread count cannot change results.
const CHUNK: u64 = 4096;

/// The forecast for every team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    /// Seasons simulated.
    pub sims: u64,
    /// The seed used.
    pub seed: u64,
    /// One entry per team, in the league state's team order.
    pub teams: Vec<TeamForecast>,
}

/// One team's forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamForecast {
    /// The team.
    pub team: TeamId,
    /// Points now.
    pub points: i32,
    /// Mean final points.
    pub expected_points: f64,
    /// `positions[p]`: the chance of finishing in place `p + 1`.
    pub positions: Vec<f64>,
    /// The chance of finishing in each zone.
    pub zones: Vec<ZoneChance>,
    /// The highest place any simulated season gave it.
    pub best_simulated: u16,
    /// The lowest place any simulated season gave it.
    pub worst_simulated: u16,
}

/// The chance of finishing in a zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneChance {
    /// The zone's name.
    pub zone: String,
    /// The chance, from 0 to 1.
    pub probability: f64,
}

/// Draws scores for one fixture in constant time (Walker's alias method).
struct ScoreSampler {
    /// Per cell: the threshold below which the cell itself is taken, out of 2^32.
    keep: Vec<u32>,
    /// Per cell: the cell taken otherwise.
    alias: Vec<u16>,
}

impl ScoreSampler {
    fn new(grid: &[f64]) -> ScoreSampler {
        let cells = grid.len();
        let mut scaled: Vec<f64> = grid.iter().map(|p| p * cells as f64).collect();
        let mut keep = vec![u32::MAX; cells];
        let mut alias: Vec<u16> = (0..cells as u16).collect();
        let (mut small, mut large): (Vec<usize>, Vec<usize>) = (0..cells).partition(|&i| scaled[i] < 1.0);
        while let (Some(&s), Some(&l)) = (small.last(), large.last()) {
            small.pop();
            keep[s] = (scaled[s] * 4_294_967_296.0).min(u32::MAX as f64) as u32;
            alias[s] = l as u16;
            scaled[l] -= 1.0 - scaled[s];
            if scaled[l] < 1.0 {
                large.pop();
                small.push(l);
            }
        }
        ScoreSampler { keep, alias }
    }

    fn draw(&self, bits: u64) -> usize {
        let cell = (((bits >> 32) * self.keep.len() as u64) >> 32) as usize;
        if (bits as u32) < self.keep[cell] {
            cell
        } else {
            usize::from(self.alias[cell])
        }
    }
}

/// Tallies over a run of seasons.
struct Tally {
    /// `places[team * n + p]`: seasons that team finished in place `p + 1`.
    places: Vec<u64>,
    points: Vec<i64>,
}

impl Tally {
    fn new(n: usize) -> Tally {
        Tally {
            places: vec![0; n * n],
            points: vec![0; n],
        }
    }

    fn merge(mut self, other: Tally) -> Tally {
        self.places
            .iter_mut()
            .zip(&other.places)
            .for_each(|(a, b)| *a += b);
        self.points
            .iter_mut()
            .zip(&other.points)
            .for_each(|(a, b)| *a += b);
        self
    }
}

/// Simulates the rest of the season `options.sims` times.
///
/// In a split league the final places are the sections' places: before the split,
/// each simulated regular season's table (under the competition's tie-breakers) draws
/// the sections, whose meetings are then simulated too; once drawn, the sections are
/// the real ones. Within a section teams rank on the points carried plus those won
/// after the split, as the core's section tables do.
///
/// `progress` is called from worker threads with the number of seasons finished so far.
pub fn simulate(
    state: &LeagueState,
    model: &MatchModel,
    options: &SimulationOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Forecast {
    let n = state.teams().len();
    let scheme = state.scheme();
    let size = usize::from(model.max_goals()) + 1;
    let samplers: Vec<ScoreSampler> = state
        .fixtures()
        .iter()
        .map(|f| ScoreSampler::new(&model.score_grid(f.home, f.away)))
        .collect();
    let mut totals = vec![TeamTotals::default(); n];
    let mut results: Vec<CompactResult> = state
        .results()
        .iter()
        .map(|r| CompactResult {
            home: r.home as u16,
            away: r.away as u16,
            home_goals: r.home_goals,
            away_goals: r.away_goals,
        })
        .collect();
    for r in &results {
        r.add_to(&mut totals, scheme);
    }
    for (total, &points) in totals.iter_mut().zip(state.points()) {
        // Deductions are whatever separates the standings' points from the results' points.
        total.points = points;
    }
    let played = results.len();
    results.extend(state.fixtures().iter().map(|f| CompactResult {
        home: f.home as u16,
        away: f.away as u16,
        home_goals: 0,
        away_goals: 0,
    }));
    let zones = state.zones();
    let rules = RankingRules::new(state.regulations(), &zones);
    let split = state.split().map(|stage| SplitSim::new(state, model, stage));
    // Sections rank without zones, as the core's section tables do.
    let section_rules = RankingRules::new(state.regulations(), &[]);
    let tally = run_chunks(options, n, progress, &|rng, seasons, tally| {
        let mut season_totals = totals.clone();
        let mut season_results = results.clone();
        let mut scratch = RankScratch::default();
        let mut sections = split.as_ref().map(|_| SectionScratch::new(n));
        for _ in 0..seasons {
            season_totals.copy_from_slice(&totals);
            season_results.truncate(results.len());
            for (slot, sampler) in season_results[played..].iter_mut().zip(&samplers) {
                let cell = sampler.draw(rng.next_u64());
                slot.home_goals = (cell / size) as u8;
                slot.away_goals = (cell % size) as u8;
                slot.add_to(&mut season_totals, scheme);
            }
            match (&split, &mut sections) {
                (Some(split), Some(buffers)) => split.finish_season(
                    rng,
                    size,
                    scheme,
                    (&rules, &section_rules),
                    &mut season_totals,
                    &mut season_results,
                    buffers,
                    &mut scratch,
                    tally,
                ),
                _ => {
                    let table = rank_teams(&rules, &season_totals, &season_results, &mut scratch);
                    for (place, placement) in table.iter().enumerate() {
                        let team = usize::from(placement.team);
                        tally.places[team * n + place] += 1;
                        tally.points[team] += i64::from(season_totals[team].points);
                    }
                }
            }
        }
    });
    forecast_from(state, &zones, options, &tally)
}

/// The final places of a season with nothing left to play ([`LeagueState::is_finished`]),
/// each certain: one pass of the ranking the simulation uses, under the competition's
/// tie-breakers (and sections, after a split), with nothing drawn at random. None while
/// anything is left to play.
pub fn final_places(state: &LeagueState, model: &MatchModel) -> Option<Forecast> {
    let once = SimulationOptions { sims: 1, seed: 0 };
    state
        .is_finished()
        .then(|| simulate(state, model, &once, &|_| {}))
}

/// Runs `options.sims` seasons in fixed chunks, each with its own random stream,
/// `run(rng, seasons, tally)` simulating a chunk's seasons into its tally.
fn run_chunks(
    options: &SimulationOptions,
    n: usize,
    progress: &(dyn Fn(u64) + Sync),
    run: &(dyn Fn(&mut Xoshiro256PlusPlus, u64, &mut Tally) + Sync),
) -> Tally {
    let chunks = options.sims.div_ceil(CHUNK);
    let done = AtomicU64::new(0);
    (0..chunks)
        .into_par_iter()
        .map(|chunk| {
            let seasons = CHUNK.min(options.sims - chunk * CHUNK);
            let mut rng = Xoshiro256PlusPlus::seed_from_u64(chunk_seed(options.seed, chunk));
            let mut tally = Tally::new(n);
            run(&mut rng, seasons, &mut tally);
            progress(done.fetch_add(seasons, Ordering::Relaxed) + seasons);
            tally
        })
        .collect::<Vec<Tally>>()
        .into_iter()
        .fold(Tally::new(n), Tally::merge)
}

/// What a split league's seasons need beyond the fixtures known.
enum SplitSim {
    /// Sections still to be drawn from each simulated table at the split.
    Pending {
        rules: SplitRules,
        /// For each pair `a < b` (`a * n + b`), its meetings after the split should the
        /// two share a section: (home, away, sampler).
        meetings: Vec<Vec<(u16, u16, ScoreSampler)>>,
    },
    /// The real sections.
    Drawn {
        /// Each section's first position and members.
        sections: Vec<(u16, Vec<usize>)>,
        rounded_down: Vec<bool>,
    },
}

/// Buffers for ranking sections, reused from season to season.
struct SectionScratch {
    /// Per team: its section's number.
    section_of: Vec<usize>,
    /// Per team: its index within its section.
    local: Vec<u16>,
    /// Per team: the points that rank it in its section, and whether a half point was rounded away.
    final_points: Vec<(i32, bool)>,
    members: Vec<Vec<usize>>,
    totals: Vec<TeamTotals>,
    results: Vec<CompactResult>,
}

impl SectionScratch {
    fn new(n: usize) -> SectionScratch {
        SectionScratch {
            section_of: vec![0; n],
            local: vec![0; n],
            final_points: vec![(0, false); n],
            members: Vec::new(),
            totals: Vec::with_capacity(n),
            results: Vec::new(),
        }
    }
}

impl SplitSim {
    fn new(state: &LeagueState, model: &MatchModel, stage: &SplitStage) -> SplitSim {
        let n = state.teams().len();
        match stage {
            SplitStage::Pending(rules) => {
                let mut hosted = state.hosted().to_vec();
                let mut meetings: Vec<Vec<(u16, u16, ScoreSampler)>> =
                    (0..n * n).map(|_| Vec::new()).collect();
                for a in 0..n {
                    for b in a + 1..n {
                        for _ in 0..rules.meetings_after() {
                            let (home, away) = next_venue(&hosted, n, a, b);
                            hosted[home * n + away] += 1;
                            let sampler = ScoreSampler::new(&model.score_grid(home, away));
                            meetings[a * n + b].push((home as u16, away as u16, sampler));
                        }
                    }
                }
                SplitSim::Pending {
                    rules: rules.clone(),
                    meetings,
                }
            }
            SplitStage::Drawn {
                sections,
                rounded_down,
                ..
            } => SplitSim::Drawn {
                sections: sections.iter().map(|s| (s.first, s.members.clone())).collect(),
                rounded_down: rounded_down.clone(),
            },
        }
    }

    /// Ends a season whose known fixtures are played: draws the sections and plays
    /// their meetings if they are still to come, then ranks each section and tallies
    /// the places.
    #[allow(clippy::too_many_arguments)]
    fn finish_season(
        &self,
        rng: &mut Xoshiro256PlusPlus,
        size: usize,
        scheme: PointsScheme,
        (rules, section_rules): (&RankingRules<'_>, &RankingRules<'_>),
        totals: &mut [TeamTotals],
        results: &mut Vec<CompactResult>,
        buffers: &mut SectionScratch,
        scratch: &mut RankScratch,
        tally: &mut Tally,
    ) {
        let n = totals.len();
        match self {
            SplitSim::Pending {
                rules: split,
                meetings,
            } => {
                let table = rank_teams(rules, totals, results, scratch);
                buffers.members.resize_with(split.sections().len(), Vec::new);
                for (s, section) in split.sections().iter().enumerate() {
                    buffers.members[s].clear();
                    for placement in &table[usize::from(section.first - 1)..usize::from(section.last)] {
                        let team = usize::from(placement.team);
                        buffers.section_of[team] = s;
                        buffers.members[s].push(team);
                    }
                }
                for (last, total) in buffers.final_points.iter_mut().zip(totals.iter()) {
                    let (points, rounded) = split.carry_over().carry(total.points);
                    // Points after the split are counted from here on, on top of those carried.
                    *last = (points - total.points, rounded);
                }
                for a in 0..n {
                    for b in a + 1..n {
                        if buffers.section_of[a] != buffers.section_of[b] {
                            continue;
                        }
                        for (home, away, sampler) in &meetings[a * n + b] {
                            let cell = sampler.draw(rng.next_u64());
                            let result = CompactResult {
                                home: *home,
                                away: *away,
                                home_goals: (cell / size) as u8,
                                away_goals: (cell % size) as u8,
                            };
                            result.add_to(totals, scheme);
                            results.push(result);
                        }
                    }
                }
                for (last, total) in buffers.final_points.iter_mut().zip(totals.iter()) {
                    last.0 += total.points;
                }
            }
            SplitSim::Drawn {
                sections,
                rounded_down,
            } => {
                buffers.members.resize_with(sections.len(), Vec::new);
                for (s, (_, members)) in sections.iter().enumerate() {
                    buffers.members[s].clone_from(members);
                    for &team in members {
                        buffers.section_of[team] = s;
                    }
                }
                for team in 0..n {
                    buffers.final_points[team] = (totals[team].points, rounded_down[team]);
                }
            }
        }
        for s in 0..buffers.members.len() {
            let first = match self {
                SplitSim::Pending { rules: split, .. } => split.sections()[s].first,
                SplitSim::Drawn { sections, .. } => sections[s].0,
            };
            let members = &buffers.members[s];
            buffers.totals.clear();
            for (k, &team) in members.iter().enumerate() {
                buffers.local[team] = k as u16;
                let (points, rounded) = buffers.final_points[team];
                let mut total = totals[team];
                // Ranked in half points: a team whose half point was rounded away is
                // half a point ahead of one level with it whose was not.
                total.points = 2 * points + i32::from(rounded);
                buffers.totals.push(total);
            }
            buffers.results.clear();
            for r in results.iter() {
                let (home, away) = (usize::from(r.home), usize::from(r.away));
                if buffers.section_of[home] == s && buffers.section_of[away] == s {
                    buffers.results.push(CompactResult {
                        home: buffers.local[home],
                        away: buffers.local[away],
                        ..*r
                    });
                }
            }
            let table = rank_teams(section_rules, &buffers.totals, &buffers.results, scratch);
            for (k, placement) in table.iter().enumerate() {
                let team = members[usize::from(placement.team)];
                let place = usize::from(first - 1) + k;
                tally.places[team * n + place] += 1;
                tally.points[team] += i64::from(buffers.final_points[team].0);
            }
        }
    }
}

fn forecast_from(
    state: &LeagueState,
    zones: &[Zone],
    options: &SimulationOptions,
    tally: &Tally,
) -> Forecast {
    let n = state.teams().len();
    let sims = options.sims.max(1) as f64;
    let teams = (0..n)
        .map(|team| {
            let counts = &tally.places[team * n..(team + 1) * n];
            let positions: Vec<f64> = counts.iter().map(|&c| c as f64 / sims).collect();
            let seen = |p: &&u64| **p > 0;
            let best = counts.iter().position(|c| seen(&c)).map_or(0, |p| p as u16 + 1);
            let worst = counts.iter().rposition(|c| seen(&c)).map_or(0, |p| p as u16 + 1);
            TeamForecast {
                team: state.teams()[team],
                points: state.points()[team],
                expected_points: if options.sims == 0 {
                    f64::from(state.points()[team])
                } else {
                    tally.points[team] as f64 / sims
                },
                zones: zones
                    .iter()
                    .map(|z| ZoneChance {
                        zone: z.name.clone(),
                        probability: (z.first..=z.last.min(n as u16))
                            .map(|p| positions[usize::from(p) - 1])
                            .sum(),
                    })
                    .collect(),
                positions,
                best_simulated: best,
                worst_simulated: worst,
            }
        })
        .collect();
    Forecast {
        sims: options.sims,
        seed: options.seed,
        teams,
    }
}

/// A seed for chunk `chunk` of a run seeded with `seed` (SplitMix64's finaliser).
fn chunk_seed(seed: u64, chunk: u64) -> u64 {
    let mut z = seed ^ chunk.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{competition, day, deductions, matches, teams};
    use crate::{ModelOptions, PointsScheme, position_ranges};
    use matchday_core::Deduction;

    fn forecast_with_threads(threads: usize, state: &LeagueState, sims: u64) -> Forecast {
        let model = MatchModel::fit(state, &ModelOptions::default());
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| simulate(state, &model, &SimulationOptions { sims, seed: 42 }, &|_| {}))
    }

    #[test]
    fn the_seed_decides_the_answer_not_the_threads() {
        let state =
            LeagueState::new(&competition(), &teams(), &matches(), &deductions(), Some(day(10))).unwrap();
        let one = forecast_with_threads(1, &state, 20_000);
        let two = forecast_with_threads(2, &state, 20_000);
        assert_eq!(one, two);
        let model = MatchModel::fit(&state, &ModelOptions::default());
        let other = simulate(
            &state,
            &model,
            &SimulationOptions {
                sims: 20_000,
                seed: 43,
            },
            &|_| {},
        );
        assert_ne!(one, other);
    }

    #[test]
    fn probabilities_add_up_and_respect_the_exact_ranges() {
        let state =
            LeagueState::new(&competition(), &teams(), &matches(), &deductions(), Some(day(10))).unwrap();
        let seen = std::sync::atomic::AtomicU64::new(0);
        let model = MatchModel::fit(&state, &ModelOptions::default());
        let forecast = simulate(
            &state,
            &model,
            &SimulationOptions {
                sims: 50_000,
                seed: 1,
            },
            &|done| {
                seen.fetch_max(done, Ordering::Relaxed);
            },
        );
        assert_eq!(seen.into_inner(), 50_000);
        let ranges = state.position_ranges();
        let max_points = state.max_points();
        for (i, team) in forecast.teams.iter().enumerate() {
            assert!((team.positions.iter().sum::<f64>() - 1.0).abs() < 1e-9);
            assert!(team.best_simulated >= ranges[i].best && team.worst_simulated <= ranges[i].worst);
            assert!(f64::from(team.points) <= team.expected_points);
            assert!(team.expected_points <= f64::from(max_points[i]));
            let relegation = team.zones.iter().find(|z| z.zone == "relegation").unwrap();
            if ranges[i].excluded_from(4, 4) {
                assert_eq!(relegation.probability, 0.0);
            }
        }
        for place in 0..4 {
            let total: f64 = forecast.teams.iter().map(|t| t.positions[place]).sum();
            assert!((total - 1.0).abs() < 1e-9);
        }
        // The leader, nine clear with three to play, finishes first or second.
        assert_eq!(forecast.teams[0].worst_simulated, 2);
    }

    #[test]
    fn a_finished_season_has_final_places_and_nothing_to_simulate() {
        let open =
            LeagueState::new(&competition(), &teams(), &matches(), &deductions(), Some(day(10))).unwrap();
        let model = MatchModel::fit(&open, &ModelOptions::default());
        assert!(!open.is_finished());
        assert_eq!(final_places(&open, &model), None);
        // Both meetings of every pair played, the team listed first in the pair winning each.
        let mut all = Vec::new();
        for home in 1..=4 {
            for away in (1..=4).filter(|&a| a != home) {
                let (h, a) = if home < away { (1, 0) } else { (0, 1) };
                all.push(matchday_core::testing::played(
                    all.len() as u32 + 1,
                    home,
                    away,
                    h,
                    a,
                ));
            }
        }
        let done = LeagueState::new(&competition(), &teams(), &all, &[], None).unwrap();
        assert!(done.is_finished());
        let model = MatchModel::fit(&done, &ModelOptions::default());
        let last = final_places(&done, &model).expect("nothing left to play");
        let order: Vec<TeamId> = done.standings().rows.iter().map(|r| r.team).collect();
        for t in &last.teams {
            let place = order.iter().position(|&o| o == t.team).unwrap();
            assert_eq!(t.positions[place], 1.0, "{t:?}");
            assert_eq!(
                (t.best_simulated, t.worst_simulated),
                (place as u16 + 1, place as u16 + 1)
            );
            assert_eq!(t.expected_points, f64::from(t.points));
        }
    }

    #[test]
    fn a_clinched_title_has_probability_one() {
        let state =
            LeagueState::new(&competition(), &teams(), &matches(), &deductions(), Some(day(10))).unwrap();
        // Give the leader twelve more points: then nobody can catch it.
        let mut points = state.points().to_vec();
        points[0] += 12;
        let fixtures: Vec<(usize, usize)> = state.fixtures().iter().map(|f| (f.home, f.away)).collect();
        assert_eq!(
            position_ranges(&points, &fixtures, PointsScheme::THREE)[0].worst,
            1
        );
        let mut ahead = deductions();
        ahead.push(Deduction {
            team: TeamId(1),
            points: -12,
            effective: day(9),
            reason: "points restored".into(),
        });
        let state = LeagueState::new(&competition(), &teams(), &matches(), &ahead, Some(day(10))).unwrap();
        assert_eq!(state.points()[0], 21);
        assert_eq!(state.gaps(None).unwrap().rows[0].clinched, ["champions"]);
        let forecast = forecast_with_threads(2, &state, 10_000);
        assert_eq!(forecast.teams[0].zones[0].probability, 1.0);
        assert!(forecast.teams[0].expected_points >= 21.0);
    }

    #[test]
    fn after_the_split_places_are_the_sections_places() {
        use crate::testing::{split_competition, split_matches};
        let c = split_competition(matchday_core::CarryOver::HalvedRoundedDown);
        let state = LeagueState::new(&c, &teams(), &split_matches(), &[], None).unwrap();
        let forecast = forecast_with_threads(2, &state, 20_000);
        let ranges = state.position_ranges();
        for (i, team) in forecast.teams.iter().enumerate() {
            let top = i == 0 || i == 2;
            let (first, last) = if top { (0, 2) } else { (2, 4) };
            let inside: f64 = team.positions[first..last].iter().sum();
            assert!((inside - 1.0).abs() < 1e-9, "{team:?}");
            assert!(ranges[i].best <= team.best_simulated && team.worst_simulated <= ranges[i].worst);
            // Points are the section's: carried (halved) plus those won after the split.
            assert!(team.expected_points >= f64::from(state.points()[i]));
            assert!(team.expected_points <= f64::from(state.max_points()[i]));
        }
        // Team 2, bottom two on 1 point carried, can win both meetings with team 4 (0 carried).
        assert!(forecast.teams[1].positions[2] > 0.0);
    }
}
