//! Monte Carlo season forecasts.
//!
//! Each remaining fixture gets an alias table over its score grid once, and each score
//! what it gains either side in points, goals scored and conceded ([`Gains`], packed in
//! one integer a team, so counting a match is one addition a side). A simulated season
//! draws one random number per fixture and adds the score's gains. When the
//! competition's leading criteria (points, goal difference, goals) then separate every
//! team, the table is one sort of packed keys ([`QuickOrder`]). Otherwise the season's
//! scores are drawn again from a copy of the random stream, counted in full and ranked
//! with the core's [`rank_teams`] under the competition's tie-breakers (head-to-head
//! included, from the real and simulated results), which orders a table the quick order
//! can the same way (`the_shortcuts_change_nothing` checks it). Nothing is allocated per
//! season. Seasons are split into fixed chunks, each with its own random stream derived
//! from the seed and the chunk's number, so the answer depends on the seed only, not on
//! how many threads run the chunks.

use std::sync::atomic::{AtomicU64, Ordering};

use matchday_core::{
    CompactResult, PointsScheme, RankScratch, RankingRules, SplitRules, TeamId, TeamTotals, TieBreaker, Zone,
    rank_teams,
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
pub(crate) const CHUNK: u64 = 4096;

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

/// One cell of Walker's alias table over a score grid: the threshold (out of 2^32)
/// below which the cell itself is drawn, and the cell drawn otherwise. Side by side, so
/// a draw reads one place in memory.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AliasCell {
    keep: u32,
    alias: u16,
}

/// The alias table of a score grid, from which [`draw`] takes a score in constant time.
pub(crate) fn alias_table(grid: &[f64]) -> Vec<AliasCell> {
    let cells = grid.len();
    let mut scaled: Vec<f64> = grid.iter().map(|p| p * cells as f64).collect();
    let mut table: Vec<AliasCell> = (0..cells as u16)
        .map(|cell| AliasCell {
            keep: u32::MAX,
            alias: cell,
        })
        .collect();
    let (mut small, mut large): (Vec<usize>, Vec<usize>) = (0..cells).partition(|&i| scaled[i] < 1.0);
    while let (Some(&s), Some(&l)) = (small.last(), large.last()) {
        small.pop();
        table[s].keep = (scaled[s] * 4_294_967_296.0).min(u32::MAX as f64) as u32;
        table[s].alias = l as u16;
        scaled[l] -= 1.0 - scaled[s];
        if scaled[l] < 1.0 {
            large.pop();
            small.push(l);
        }
    }
    table
}

/// The cell of the grid `table` was built from that 64 random bits draw: the high 32
/// pick a cell, the low 32 whether to keep it or take its alias.
#[inline]
pub(crate) fn draw(table: &[AliasCell], bits: u64) -> usize {
    let cell = (((bits >> 32) * table.len() as u64) >> 32) as usize;
    let AliasCell { keep, alias } = table[cell];
    // Chosen without a branch: which side wins is a coin toss the processor cannot predict.
    let mask = usize::from((bits as u32) >= keep).wrapping_neg();
    cell ^ ((cell ^ usize::from(alias)) & mask)
}

/// A team's gains over a simulated season in what ranks teams first: points, goals
/// scored and goals conceded, as 16-bit lanes of one integer, so counting a match is one
/// addition a side. [`Gains::fit`] says when no lane can overflow into the next.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Gains(u64);

impl Gains {
    /// A match won, drawn or lost `scored`-`conceded` under `scheme`.
    fn of_match(scored: u8, conceded: u8, scheme: PointsScheme) -> Gains {
        let points = match scored.cmp(&conceded) {
            std::cmp::Ordering::Greater => scheme.win,
            std::cmp::Ordering::Equal => scheme.draw,
            std::cmp::Ordering::Less => scheme.loss,
        };
        Gains(u64::from(points) | u64::from(scored) << 16 | u64::from(conceded) << 32)
    }

    /// Whether `matches` matches, each worth at most `max_goals` goals a side, fit every lane.
    fn fit(matches: usize, max_goals: u8, scheme: PointsScheme) -> bool {
        let most = [max_goals, scheme.win, scheme.draw, scheme.loss]
            .into_iter()
            .max()
            .map_or(0, usize::from);
        matches.saturating_mul(most) <= usize::from(u16::MAX)
    }

    fn points(self) -> i32 {
        i32::from(self.0 as u16)
    }

    fn scored(self) -> i32 {
        i32::from((self.0 >> 16) as u16)
    }

    fn conceded(self) -> i32 {
        i32::from((self.0 >> 32) as u16)
    }
}

/// The remaining fixtures as the season loop reads them: each one's teams, and its
/// alias table in one flat run (`cells` entries a fixture).
struct FixtureDraws {
    teams: Vec<[usize; 2]>,
    tables: Vec<AliasCell>,
    cells: usize,
    /// Per cell of the score grid: the [`Gains`] of the home and the away side.
    gains: Vec<[Gains; 2]>,
    /// Per cell: the home and away goals.
    scores: Vec<(u8, u8)>,
}

impl FixtureDraws {
    fn new(state: &LeagueState, model: &MatchModel) -> FixtureDraws {
        let scores: Vec<(u8, u8)> = (0..=model.max_goals())
            .flat_map(|home| (0..=model.max_goals()).map(move |away| (home, away)))
            .collect();
        let scheme = state.scheme();
        FixtureDraws {
            teams: state.fixtures().iter().map(|f| [f.home, f.away]).collect(),
            tables: state
                .fixtures()
                .iter()
                .flat_map(|f| alias_table(&model.score_grid(f.home, f.away)))
                .collect(),
            cells: scores.len(),
            gains: scores
                .iter()
                .map(|&(home, away)| {
                    [
                        Gains::of_match(home, away, scheme),
                        Gains::of_match(away, home, scheme),
                    ]
                })
                .collect(),
            scores,
        }
    }

    /// Plays every fixture once: one draw each, its score's gains added to both sides'.
    ///
    /// Not inlined, and drawing from a local copy of the random stream: in a function of
    /// its own the stream's state stays in registers rather than going through memory
    /// on every draw.
    #[inline(never)]
    fn play(&self, rng: &mut Xoshiro256PlusPlus, gains: &mut [Gains]) {
        let mut local = rng.clone();
        for (&[home, away], table) in self.teams.iter().zip(self.tables.chunks_exact(self.cells)) {
            let [to_home, to_away] = self.gains[draw(table, local.next_u64())];
            gains[home].0 += to_home.0;
            gains[away].0 += to_away.0;
        }
        *rng = local;
    }

    /// Draws a score for every fixture from `rng` into `slots`, one a fixture, and counts
    /// them in `totals`. Given a copy of the stream as [`FixtureDraws::play`] found it,
    /// it draws the same scores again: only a season ranked by [`rank_teams`] needs them.
    fn replay(
        &self,
        rng: &mut Xoshiro256PlusPlus,
        scheme: PointsScheme,
        slots: &mut [CompactResult],
        totals: &mut [TeamTotals],
    ) {
        for (slot, table) in slots.iter_mut().zip(self.tables.chunks_exact(self.cells)) {
            (slot.home_goals, slot.away_goals) = self.scores[draw(table, rng.next_u64())];
            slot.add_to(totals, scheme);
        }
    }
}

/// Orders a simulated table by one sort of packed keys when the competition's leading
/// criteria, those read straight from the totals (points, goal difference, goals
/// scored), leave no two teams level. [`rank_teams`] orders such a table the same way:
/// its first sort is by those criteria (and any more of its first block), and teams no
/// criterion leaves level need none of its later rules (head-to-head, play-offs,
/// sharing). Otherwise the caller ranks with [`rank_teams`].
struct QuickOrder {
    /// Whether any criterion is used, and every value each can reach fits its field.
    used: bool,
    /// Per team: its key as the season's standings stand (the team index in the low 16
    /// bits, each criterion's field above them), to which [`QuickOrder::order`] adds the
    /// season's gains.
    start: Vec<u64>,
    /// What one point, one goal scored and one goal conceded add to a key: a key is
    /// linear in them, so its fields come out of three multiplications, not a pass over
    /// the criteria a team. Wrapping: a field falls as its criterion rises.
    per_point: u64,
    per_scored: u64,
    per_conceded: u64,
    /// The last table's order of teams. Each sort starts from it: simulated seasons
    /// resemble each other, so the keys come nearly sorted and the sort barely moves them.
    last: Vec<u16>,
    /// Per place: the key, criteria in 16 bits each above the team index (the low 16 bits).
    keys: Vec<u64>,
}

impl QuickOrder {
    /// An order by the leading `criteria` of tables that start from `start`, each team
    /// with `left[team]` matches still to play, each worth at most `max_goals` goals a
    /// side under `scheme`. By none (so never used) unless `usable` and every value
    /// each criterion can reach fits its 16 bits: higher is better and lower keys sort
    /// first, so a field is 32767 less the value, from 0 to 65535.
    fn new(
        criteria: &[TieBreaker],
        start: &[TeamTotals],
        left: &[usize],
        max_goals: u8,
        scheme: PointsScheme,
        usable: bool,
    ) -> QuickOrder {
        let criteria: Vec<TieBreaker> = criteria
            .iter()
            .take_while(|c| {
                matches!(
                    c,
                    TieBreaker::Points | TieBreaker::GoalDifference | TieBreaker::GoalsScored
                )
            })
            .take(3)
            .copied()
            .collect();
        let n = start.len();
        let mut fits = usable && !criteria.is_empty();
        let (mut per_point, mut per_scored, mut per_conceded) = (0u64, 0u64, 0u64);
        let mut keys = vec![0u64; n];
        for (i, criterion) in criteria.iter().enumerate() {
            // The team index takes the low 16 bits, the first criterion the highest.
            let unit = 1u64 << (16 * (criteria.len() - i));
            match criterion {
                TieBreaker::Points => per_point = per_point.wrapping_sub(unit),
                TieBreaker::GoalDifference => {
                    per_scored = per_scored.wrapping_sub(unit);
                    per_conceded = per_conceded.wrapping_add(unit);
                }
                _ => per_scored = per_scored.wrapping_sub(unit),
            }
            for (team, total) in start.iter().enumerate() {
                let most_goals =
                    i64::try_from(left[team].saturating_mul(usize::from(max_goals))).unwrap_or(i64::MAX / 2);
                let points_each = [scheme.win, scheme.draw, scheme.loss].map(i64::from);
                let matches = i64::try_from(left[team]).unwrap_or(i64::MAX / 4);
                let (goals_for, goals_against) = (i64::from(total.goals_for), i64::from(total.goals_against));
                let (now, least, most) = match criterion {
                    TieBreaker::Points => {
                        let points = i64::from(total.points);
                        let least = points_each.into_iter().min().unwrap_or(0);
                        let most = points_each.into_iter().max().unwrap_or(0);
                        (points, points + matches * least, points + matches * most)
                    }
                    TieBreaker::GoalDifference => {
                        let now = goals_for - goals_against;
                        (now, now - most_goals, now + most_goals)
                    }
                    _ => (goals_for, goals_for, goals_for + most_goals),
                };
                fits &= -0x8000 <= least && most <= 0x7fff;
                keys[team] = keys[team].wrapping_add(((0x7fff - now) as u64 & 0xffff).wrapping_mul(unit));
            }
        }
        QuickOrder {
            used: fits,
            start: keys
                .into_iter()
                .enumerate()
                .map(|(team, key)| key | team as u64)
                .collect(),
            per_point,
            per_scored,
            per_conceded,
            last: (0..n).map(|team| team as u16).collect(),
            keys: Vec::with_capacity(n),
        }
    }

    /// Whether any criterion is used: if not, [`QuickOrder::order`] never orders.
    fn is_used(&self) -> bool {
        self.used
    }

    /// The teams in table order (each key's low 16 bits) once each has gained `gains`,
    /// or None if two are level on the criteria used, or no criterion is used.
    fn order(&mut self, gains: &[Gains]) -> Option<&[u64]> {
        if !self.used {
            return None;
        }
        self.keys.clear();
        for &team in &self.last {
            let gains = gains[usize::from(team)];
            // Each field stays within its 16 bits (checked when made), so no carry or
            // borrow crosses from one to the next: the sum is the fields side by side.
            // Lanes are 16 bits, never negative.
            let key = self.start[usize::from(team)]
                .wrapping_add((gains.points() as u64).wrapping_mul(self.per_point))
                .wrapping_add((gains.scored() as u64).wrapping_mul(self.per_scored))
                .wrapping_add((gains.conceded() as u64).wrapping_mul(self.per_conceded));
            self.keys.push(key);
        }
        self.keys.sort_unstable();
        for (last, key) in self.last.iter_mut().zip(&self.keys) {
            *last = *key as u16;
        }
        let level = self.keys.windows(2).any(|pair| pair[0] >> 16 == pair[1] >> 16);
        (!level).then_some(&self.keys[..])
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

    /// Counts one simulated finish: `team` in place `place + 1` on `points`.
    #[inline]
    fn count(&mut self, team: usize, place: usize, points: i32) {
        let n = self.points.len();
        self.places[team * n + place] += 1;
        self.points[team] += i64::from(points);
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
    let fixtures = FixtureDraws::new(state, model);
    let (totals, mut results) = counted(state);
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
    // The quick order reads gains, which must fit their lanes, and teams' indices, their 16 bits.
    let mut left = vec![0; n];
    for f in state.fixtures() {
        left[f.home] += 1;
        left[f.away] += 1;
    }
    let quick_usable = split.is_none()
        && n <= 1 << 16
        && Gains::fit(left.iter().copied().max().unwrap_or(0), model.max_goals(), scheme);
    let tally = run_chunks(options, n, progress, &|rng, seasons, tally| {
        let mut gains = vec![Gains::default(); n];
        let mut season_totals = totals.clone();
        let mut season_results = results.clone();
        let mut scratch = RankScratch::default();
        let mut quick = QuickOrder::new(
            state.regulations().criteria(),
            &totals,
            &left,
            model.max_goals(),
            scheme,
            quick_usable,
        );
        let mut sections = split.as_ref().map(|_| SectionScratch::new(n));
        for _ in 0..seasons {
            // The stream as the season began, once the quick order has drawn its scores.
            let mut drawn = None;
            if quick.is_used() {
                let before = rng.clone();
                gains.fill(Gains::default());
                fixtures.play(rng, &mut gains);
                if let Some(keys) = quick.order(&gains) {
                    for (place, &key) in keys.iter().enumerate() {
                        let team = (key & 0xffff) as usize;
                        tally.count(team, place, totals[team].points + gains[team].points());
                    }
                    continue;
                }
                drawn = Some(before);
            }
            season_totals.copy_from_slice(&totals);
            season_results.truncate(results.len());
            // The same scores again if they were drawn above, else drawn for the first time.
            let stream = drawn.as_mut().unwrap_or(&mut *rng);
            fixtures.replay(stream, scheme, &mut season_results[played..], &mut season_totals);
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
                        tally.count(team, place, season_totals[team].points);
                    }
                }
            }
        }
    });
    forecast_from(state, &zones, options, &tally)
}

/// The teams' totals once the results counted in `state` are (deductions included), and
/// those results as the core's ranking reads them.
fn counted(state: &LeagueState) -> (Vec<TeamTotals>, Vec<CompactResult>) {
    let mut totals = vec![TeamTotals::default(); state.teams().len()];
    let results: Vec<CompactResult> = state
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
        r.add_to(&mut totals, state.scheme());
    }
    for (total, &points) in totals.iter_mut().zip(state.points()) {
        // Deductions are whatever separates the standings' points from the results' points.
        total.points = points;
    }
    (totals, results)
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
        /// two share a section: (home, away, alias table).
        meetings: Vec<Vec<(u16, u16, Vec<AliasCell>)>>,
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
                let mut meetings: Vec<Vec<(u16, u16, Vec<AliasCell>)>> =
                    (0..n * n).map(|_| Vec::new()).collect();
                for a in 0..n {
                    for b in a + 1..n {
                        for _ in 0..rules.meetings_after() {
                            let (home, away) = next_venue(&hosted, n, a, b);
                            hosted[home * n + away] += 1;
                            let table = alias_table(&model.score_grid(home, away));
                            meetings[a * n + b].push((home as u16, away as u16, table));
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
                        for (home, away, table) in &meetings[a * n + b] {
                            let cell = draw(table, rng.next_u64());
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
                tally.count(team, usize::from(first - 1) + k, buffers.final_points[team].0);
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
pub(crate) fn chunk_seed(seed: u64, chunk: u64) -> u64 {
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

    /// The simulation without its shortcuts: each season's scores counted one by one with
    /// the core's own `add_to` and every table ranked by `rank_teams`. No split leagues.
    fn plain_simulation(state: &LeagueState, model: &MatchModel, options: &SimulationOptions) -> Forecast {
        let (n, scheme) = (state.teams().len(), state.scheme());
        let size = usize::from(model.max_goals()) + 1;
        let tables: Vec<Vec<AliasCell>> = state
            .fixtures()
            .iter()
            .map(|f| alias_table(&model.score_grid(f.home, f.away)))
            .collect();
        let (totals, results) = counted(state);
        let zones = state.zones();
        let rules = RankingRules::new(state.regulations(), &zones);
        let tally = run_chunks(options, n, &|_| {}, &|rng, seasons, tally| {
            let mut scratch = RankScratch::default();
            for _ in 0..seasons {
                let (mut season_totals, mut season_results) = (totals.clone(), results.clone());
                for (f, table) in state.fixtures().iter().zip(&tables) {
                    let cell = draw(table, rng.next_u64());
                    let result = CompactResult {
                        home: f.home as u16,
                        away: f.away as u16,
                        home_goals: (cell / size) as u8,
                        away_goals: (cell % size) as u8,
                    };
                    result.add_to(&mut season_totals, scheme);
                    season_results.push(result);
                }
                let table = rank_teams(&rules, &season_totals, &season_results, &mut scratch);
                for (place, placement) in table.iter().enumerate() {
                    let team = usize::from(placement.team);
                    tally.count(team, place, season_totals[team].points);
                }
            }
        });
        forecast_from(state, &zones, options, &tally)
    }

    #[test]
    fn the_shortcuts_change_nothing() {
        // Every rule set: some rank most seasons by the quick order, some (head-to-head
        // first) never; in a league of four, many seasons end level and go to rank_teams.
        for rules in matchday_core::RuleSet::ALL {
            let mut c = competition();
            c.rules = rules;
            for as_of in [1, 3, 10] {
                let state =
                    LeagueState::new(&c, &teams(), &matches(), &deductions(), Some(day(as_of))).unwrap();
                let model = MatchModel::fit(&state, &ModelOptions::default());
                let options = SimulationOptions { sims: 5_000, seed: 7 };
                assert_eq!(
                    simulate(&state, &model, &options, &|_| {}),
                    plain_simulation(&state, &model, &options),
                    "{rules}, as of day {as_of}"
                );
            }
        }
    }

    #[test]
    fn the_quick_order_is_rank_teams_order_or_none() {
        use matchday_core::{RuleSet, Season};
        use rand::RngExt;
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
        let zones = [Zone {
            name: "champions".into(),
            first: 1,
            last: 1,
        }];
        let (mut ordered, mut level) = (0, 0);
        for rule_set in [RuleSet::PremierLeague, RuleSet::Bundesliga, RuleSet::LaLiga] {
            let regulations = rule_set.regulations(Season::starting(2023));
            let rules = RankingRules::new(&regulations, &zones);
            let mut scratch = RankScratch::default();
            for _ in 0..2_000 {
                let start: Vec<TeamTotals> = (0..20)
                    .map(|_| TeamTotals {
                        points: rng.random_range(-3..40),
                        goals_for: rng.random_range(0..30),
                        goals_against: rng.random_range(0..30),
                        ..TeamTotals::default()
                    })
                    .collect();
                let gains: Vec<Gains> = (0..20)
                    .map(|_| {
                        Gains::of_match(
                            rng.random_range(0..5),
                            rng.random_range(0..5),
                            PointsScheme::THREE,
                        )
                    })
                    .collect();
                let mut totals = start.clone();
                for (total, g) in totals.iter_mut().zip(&gains) {
                    total.points += g.points();
                    total.goals_for += g.scored() as u16;
                    total.goals_against += g.conceded() as u16;
                }
                let expected: Vec<u16> = rank_teams(&rules, &totals, &[], &mut scratch)
                    .iter()
                    .map(|p| p.team)
                    .collect();
                // One match a team, of at most 4 goals a side, as drawn below.
                let mut quick = QuickOrder::new(
                    regulations.criteria(),
                    &start,
                    &[1; 20],
                    4,
                    PointsScheme::THREE,
                    true,
                );
                match quick.order(&gains) {
                    Some(keys) => {
                        ordered += 1;
                        let got: Vec<u16> = keys.iter().map(|&k| k as u16).collect();
                        assert_eq!(got, expected, "{rule_set}: {totals:?}");
                    }
                    None => level += 1,
                }
            }
        }
        assert!(ordered > 100 && level > 100, "{ordered} ordered, {level} level");
    }

    #[test]
    fn the_quick_order_is_used_only_when_every_value_it_can_reach_fits() {
        use matchday_core::{RuleSet, Season};
        let regulations = RuleSet::PremierLeague.regulations(Season::starting(2023));
        let table = |points: i32, goals_for: u16, goals_against: u16| {
            vec![
                TeamTotals {
                    points,
                    goals_for,
                    goals_against,
                    ..TeamTotals::default()
                },
                TeamTotals::default(),
            ]
        };
        let usable = |start: &[TeamTotals], left: usize| {
            QuickOrder::new(
                regulations.criteria(),
                start,
                &[left, left],
                10,
                PointsScheme::THREE,
                true,
            )
            .is_used()
        };
        // Two matches: 6 points and 20 goals either way at most.
        assert!(usable(&table(0x7fff - 6, 0x7fff - 20, 0), 2));
        assert!(!usable(&table(0x7fff - 5, 0, 0), 2));
        assert!(!usable(&table(0, 0x7fff - 19, 0), 2));
        assert!(usable(&table(-0x8000, 0, 0x8000 - 20), 2));
        assert!(!usable(&table(-0x8001, 0, 0), 2));
        // A goal difference that could fall below -32768.
        assert!(!usable(&table(0, 0, 0x8000 - 19), 2));
        assert!(
            !QuickOrder::new(
                regulations.criteria(),
                &table(0, 0, 0),
                &[1, 1],
                10,
                PointsScheme::THREE,
                false
            )
            .is_used()
        );
        // No leading criterion the quick order can read.
        let head_to_head = [TieBreaker::HeadToHeadPoints, TieBreaker::Points];
        assert!(
            !QuickOrder::new(
                &head_to_head,
                &table(0, 0, 0),
                &[1, 1],
                10,
                PointsScheme::THREE,
                true
            )
            .is_used()
        );
    }

    #[test]
    fn gains_fit_their_lanes_only_when_no_lane_can_overflow() {
        assert!(Gains::fit(38, 10, PointsScheme::THREE));
        assert!(Gains::fit(6553, 10, PointsScheme::THREE));
        assert!(!Gains::fit(6554, 10, PointsScheme::THREE));
        assert!(!Gains::fit(300, 255, PointsScheme::THREE));
        let g = Gains(
            Gains::of_match(3, 1, PointsScheme::THREE).0 + Gains::of_match(0, 0, PointsScheme::THREE).0,
        );
        assert_eq!((g.points(), g.scored(), g.conceded()), (4, 3, 1));
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
