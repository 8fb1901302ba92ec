//! Ranking teams under each competition's tie-break regulations.
//!
//! [`rank_teams`] is the one ordering routine of matchday: [`crate::Standings::compute`]
//! draws its tables with it, and season simulations call it directly, millions of
//! times. It works on compact data (team indices `0..n`, one [`TeamTotals`] per
//! team, the counted results as [`CompactResult`]s) and keeps every buffer in a
//! reusable [`RankScratch`]: once a scratch has ranked a league of a given size,
//! later calls allocate nothing. Measured in a release build on the shared
//! 2-core machine, ranking a full 20-team season takes about 0.4 µs under the
//! Premier League, Bundesliga and English-history rules (head-to-head only for the rare
//! ties that need it) and about 2.5 µs where head-to-head comes first (UEFA,
//! La Liga, Serie A), most of it indexing the results for the mini-leagues.
//!
//! ```
//! use matchday_core::{CompactResult, PointsScheme, RankScratch, RankingRules, RuleSet, Season, TeamTotals};
//! use matchday_core::rank_teams;
//!
//! let points = PointsScheme::THREE;
//! // Team 0 beats team 1, team 1 beats team 2, team 2 beats team 0: all on 3 points.
//! let results = [
//!     CompactResult { home: 0, away: 1, home_goals: 1, away_goals: 0 },
//!     CompactResult { home: 1, away: 2, home_goals: 3, away_goals: 0 },
//!     CompactResult { home: 2, away: 0, home_goals: 2, away_goals: 0 },
//! ];
//! let mut totals = [TeamTotals::default(); 3];
//! for r in &results {
//!     r.add_to(&mut totals, points);
//! }
//! let regulations = RuleSet::EnglishHistory.regulations(Season::starting(2023));
//! let rules = RankingRules::new(&regulations, &[]);
//! let mut scratch = RankScratch::default();
//! let table = rank_teams(&rules, &totals, &results, &mut scratch);
//! // Team 1: goal difference +2; team 2: +1; team 0: -2 (one goal scored).
//! assert_eq!(table.iter().map(|p| p.team).collect::<Vec<_>>(), [1, 2, 0]);
//! assert_eq!(table[0].position, 1);
//! ```
//!
//! # Regulations, and where matchday differs from them
//! The ranking reads only the [`Regulations`] value: its criteria
//! ([`Regulations::criteria`]), when head-to-head applies
//! ([`Regulations::head_to_head`]), when a play-off decides and which criteria off
//! the pitch follow. The presets ([`crate::RuleSet::regulations`]) are checked
//! against the published rules; `docs/regulations.md` lists every one. Notes on
//! the older presets:
//! - Premier League (Handbook, since 2019-20): points, goal difference, goals;
//!   then, only where the title, a European place or relegation is at stake,
//!   head-to-head points and head-to-head away goals; then a play-off on neutral
//!   ground. Elsewhere teams still level share a place. During a season matchday
//!   uses the meetings played so far.
//! - UEFA club group stage (e.g. Champions League 2023-24): head-to-head points,
//!   goal difference, goals, re-applied to the teams still level, then overall goal
//!   difference, goals, away goals, wins, away wins. Disciplinary points and the
//!   club coefficient come next but are not in our data: teams still level share
//!   and a note names the criterion, until a user records the decision.
//! - La Liga (RFEF general regulations): two teams: head-to-head goal difference,
//!   then overall goal difference, goals; more: a mini-league of their meetings by
//!   points then goal difference, then overall goal difference, goals. Fair-play
//!   points come next and are not in our data. During a season matchday uses the
//!   meetings played so far.
//! - Serie A (from 2022-23): head-to-head points, head-to-head goal difference,
//!   overall goal difference, goals, then the drawing of lots. The regulations send
//!   two teams level on points for the title, *and also for the last safe place*
//!   (17th against 18th; Spezia and Verona played off in 2023), to a play-off; with
//!   three or more level, the mini-league picks the two who play off. matchday
//!   marks both as sharing the place and says so in a note.
//! - Bundesliga (DFL match regulations): goal difference, goals, the aggregate of
//!   the two head-to-head meetings (for more than two teams, goal difference in
//!   their mini-league), away goals in those meetings, all away goals, then a
//!   play-off on neutral ground. During a season, until the meetings are all
//!   played, the DFL ranks by goal difference and goals only and teams still level
//!   share a place: matchday does the same (so all away goals are not used then).
//! - English history (was "classic"): points, goal difference, goals (goal average
//!   until 1975-76); teams still level share.

use serde::{Deserialize, Serialize};

use crate::{OffThePitch, PlayOff, PointsScheme, Regulations, View, Zone};

/// One criterion that separates teams level on the criteria before it.
///
/// "Head-to-head" criteria count only the matches between the teams still level
/// (a mini-league of their meetings) that are counted in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieBreaker {
    /// Points, after deductions.
    Points,
    /// Points (after deductions) per match played, for curtailed seasons.
    PointsPerGame,
    /// Goals scored divided by goals conceded (English league history until 1975-76).
    GoalAverage,
    /// Goal difference over all counted matches.
    GoalDifference,
    /// Goals scored over all counted matches.
    GoalsScored,
    /// Goals scored away from home over all counted matches.
    AwayGoalsScored,
    /// Matches won.
    Wins,
    /// Matches won away from home.
    AwayWins,
    /// The points of the opponents played (UEFA league phase).
    OpponentsPoints,
    /// The goal difference of the opponents played.
    OpponentsGoalDifference,
    /// The goals scored by the opponents played.
    OpponentsGoalsScored,
    /// Points in the matches between the teams level.
    HeadToHeadPoints,
    /// Goal difference in the matches between the teams level (for two teams, the aggregate score).
    HeadToHeadGoalDifference,
    /// Goals scored in the matches between the teams level.
    HeadToHeadGoalsScored,
    /// Goals scored away from home in the matches between the teams level.
    HeadToHeadAwayGoals,
    /// The head-to-head criteria just before, applied again to only the teams still level.
    HeadToHeadReapplied,
}

impl TieBreaker {
    /// Whether the criterion looks only at the meetings of the teams level.
    pub fn is_head_to_head(self) -> bool {
        matches!(
            self,
            TieBreaker::HeadToHeadPoints
                | TieBreaker::HeadToHeadGoalDifference
                | TieBreaker::HeadToHeadGoalsScored
                | TieBreaker::HeadToHeadAwayGoals
                | TieBreaker::HeadToHeadReapplied
        )
    }

    /// Whether the criterion is one every table reader expects (points, goal
    /// difference or average, goals), so deciding by it is not worth a note.
    pub fn is_usual(self) -> bool {
        matches!(
            self,
            TieBreaker::Points
                | TieBreaker::PointsPerGame
                | TieBreaker::GoalDifference
                | TieBreaker::GoalAverage
                | TieBreaker::GoalsScored
        )
    }

    /// A short description for help texts and notes: "head-to-head points".
    pub fn description(self) -> &'static str {
        match self {
            TieBreaker::Points => "points",
            TieBreaker::PointsPerGame => "points per game",
            TieBreaker::GoalAverage => "goal average",
            TieBreaker::OpponentsPoints => "opponents' points",
            TieBreaker::OpponentsGoalDifference => "opponents' goal difference",
            TieBreaker::OpponentsGoalsScored => "opponents' goals scored",
            TieBreaker::GoalDifference => "goal difference",
            TieBreaker::GoalsScored => "goals scored",
            TieBreaker::AwayGoalsScored => "away goals scored",
            TieBreaker::Wins => "wins",
            TieBreaker::AwayWins => "away wins",
            TieBreaker::HeadToHeadPoints => "head-to-head points",
            TieBreaker::HeadToHeadGoalDifference => "head-to-head goal difference",
            TieBreaker::HeadToHeadGoalsScored => "head-to-head goals scored",
            TieBreaker::HeadToHeadAwayGoals => "head-to-head away goals",
            TieBreaker::HeadToHeadReapplied => "head-to-head again among the teams still level",
        }
    }
}

/// When a rule set's head-to-head criteria are used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadToHeadScope {
    /// Whenever teams are level on the criteria before them.
    Always,
    /// Only where the teams level straddle a zone boundary (title, European places, relegation).
    AtZoneBoundary,
    /// Only once the teams level have all met each other home and away.
    AfterAllMeetings,
    /// The rule set has no head-to-head criteria.
    Never,
}

/// What a note under a table says about teams level on points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "by")]
pub enum TieNoteKind {
    /// A head-to-head (or later, rarer) criterion put these two neighbours in table order.
    DecidedBy(TieBreaker),
    /// Level on every criterion: they share the position.
    Shared,
    /// Level where the regulations call a play-off (title, zone boundary): they share until it is played.
    PlayOff,
    /// Level on every results criterion; the regulations go on to this one off the
    /// pitch (fair play, lots, ...), so they share until a decision is recorded.
    OffThePitch(OffThePitch),
    /// A recorded decision off the pitch put them in this order.
    DecidedOffThePitch(OffThePitch),
}

/// A team's numbers in the table being ranked (total, home or away).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TeamTotals {
    /// Matches played.
    pub played: u16,
    /// Matches won.
    pub won: u16,
    /// Matches drawn.
    pub drawn: u16,
    /// Matches lost.
    pub lost: u16,
    /// Goals scored.
    pub goals_for: u16,
    /// Goals conceded.
    pub goals_against: u16,
    /// Goals scored away from home.
    pub away_goals_for: u16,
    /// Matches won away from home.
    pub away_won: u16,
    /// Points, after deductions (so possibly negative).
    pub points: i32,
}

impl TeamTotals {
    /// Goals scored less goals conceded.
    pub fn goal_difference(&self) -> i32 {
        i32::from(self.goals_for) - i32::from(self.goals_against)
    }

    /// Counts one match: `scored` and `conceded` by this team, `away` if it played away.
    pub fn add_match(&mut self, scored: u8, conceded: u8, away: bool, points: PointsScheme) {
        self.played += 1;
        self.goals_for += u16::from(scored);
        self.goals_against += u16::from(conceded);
        if away {
            self.away_goals_for += u16::from(scored);
        }
        match scored.cmp(&conceded) {
            std::cmp::Ordering::Greater => {
                self.won += 1;
                self.away_won += u16::from(away);
                self.points += i32::from(points.win);
            }
            std::cmp::Ordering::Equal => {
                self.drawn += 1;
                self.points += i32::from(points.draw);
            }
            std::cmp::Ordering::Less => {
                self.lost += 1;
                self.points += i32::from(points.loss);
            }
        }
    }
}

/// A counted result between two teams given by index into the totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CompactResult {
    /// The home team's index.
    pub home: u16,
    /// The away team's index.
    pub away: u16,
    /// Goals by the home team.
    pub home_goals: u8,
    /// Goals by the away team.
    pub away_goals: u8,
}

impl CompactResult {
    /// Adds this result to both teams' totals (the total view).
    pub fn add_to(&self, totals: &mut [TeamTotals], points: PointsScheme) {
        totals[usize::from(self.home)].add_match(self.home_goals, self.away_goals, false, points);
        totals[usize::from(self.away)].add_match(self.away_goals, self.home_goals, true, points);
    }
}

/// The competition rules a ranking needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankingRules<'a> {
    /// The regulations: points, criteria, head-to-head scope, what happens when level.
    pub regulations: &'a Regulations,
    /// The competition's zones, which decide where the Premier League uses head-to-head.
    pub zones: &'a [Zone],
    /// Which side of each head-to-head meeting counts: both for the total view, only
    /// the home side for the home view (each team's home meetings), only the away
    /// side for the away view.
    pub view: View,
}

impl<'a> RankingRules<'a> {
    /// Rules for the total view.
    pub fn new(regulations: &'a Regulations, zones: &'a [Zone]) -> RankingRules<'a> {
        RankingRules {
            regulations,
            zones,
            view: View::Total,
        }
    }

    /// The same rules for a home or away view.
    pub fn with_view(self, view: View) -> RankingRules<'a> {
        RankingRules { view, ..self }
    }
}

/// A team's place in a ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Placement {
    /// The team's index.
    pub team: u16,
    /// The position, 1-based; teams sharing a place have the same number.
    pub position: u16,
    /// Whether another team shares the position.
    pub shared: bool,
}

/// A note about teams level on points, over a run of the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RankNote {
    /// What was decided or left open.
    pub kind: TieNoteKind,
    /// The index in the ranking of the first team concerned.
    pub first: u16,
    /// How many teams, in ranking order from `first`.
    pub len: u16,
}

/// Reusable buffers for [`rank_teams`]; create one per thread and keep it.
#[derive(Debug, Clone, Default)]
pub struct RankScratch {
    order: Vec<u16>,
    /// `tied[i]`: the team at `i` shares its position with the team at `i - 1`.
    tied: Vec<bool>,
    /// `split[i]`: 0 if the team at `i` is level with the one at `i - 1` under the
    /// criteria being applied, else 1 + the most significant criterion that separates them.
    split: Vec<u8>,
    /// Sort keys for `order[i]`, criteria packed above the team index.
    keys: Vec<u128>,
    mini: Vec<MiniRow>,
    member: Vec<u32>,
    stamp: u32,
    /// Result indices grouped by home team: team `t`'s are `by_home[home_start[t]..home_start[t + 1]]`.
    home_start: Vec<u32>,
    by_home: Vec<u32>,
    notes: Vec<RankNote>,
    placements: Vec<Placement>,
}

impl RankScratch {
    /// The notes of the last ranking: decisions by head-to-head, shares and play-offs.
    pub fn notes(&self) -> &[RankNote] {
        &self.notes
    }

    /// The last ranking, as [`rank_teams`] returned it.
    pub fn placements(&self) -> &[Placement] {
        &self.placements
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct MiniRow {
    points: i32,
    goals_for: i32,
    goals_against: i32,
    away_goals: i32,
}

/// Ranks teams `0..totals.len()` under `rules`, returning them in table order.
///
/// `results` are the counted results the head-to-head criteria read (every
/// index must be below `totals.len()`); `totals` are the numbers of the view
/// being ranked, deductions included. Notes about ties are left in
/// [`RankScratch::notes`]. Teams level on every criterion are listed by index,
/// so pass teams in the order a shared place should show them.
///
/// No heap allocation once `scratch` has ranked a league this size with this
/// many results.
pub fn rank_teams<'s>(
    rules: &RankingRules<'_>,
    totals: &[TeamTotals],
    results: &[CompactResult],
    scratch: &'s mut RankScratch,
) -> &'s [Placement] {
    let n = totals.len();
    let s = scratch;
    s.order.clear();
    s.order.extend((0..n).map(|i| i as u16));
    s.tied.clear();
    s.tied.resize(n, false);
    s.split.clear();
    s.split.resize(n, 0);
    s.keys.clear();
    s.keys.resize(n, 0);
    s.mini.clear();
    s.mini.resize(n, MiniRow::default());
    if s.member.len() < n {
        s.member.resize(n, 0);
    }
    s.notes.clear();
    let criteria = rules.regulations.criteria();
    let first_head_to_head = criteria
        .iter()
        .position(|c| c.is_head_to_head())
        .unwrap_or(criteria.len());
    let mut ranker = Ranker {
        rules,
        criteria,
        first_head_to_head,
        totals,
        results,
        indexed: false,
        s: &mut *s,
    };
    ranker.resolve(0, n, 0);
    s.notes.sort_unstable_by_key(|note| note.first);
    s.placements.clear();
    for i in 0..n {
        let position = if s.tied[i] {
            s.placements[i - 1].position
        } else {
            (i + 1) as u16
        };
        let shared = s.tied[i] || s.tied.get(i + 1).copied().unwrap_or(false);
        s.placements.push(Placement {
            team: s.order[i],
            position,
            shared,
        });
    }
    &s.placements
}

/// Bits per criterion in a packed sort key; values are clamped to ±2^23.
const FIELD_BITS: u32 = 24;
/// Criteria packed into one sort key: 4 × 24 bits above a 16-bit team index.
const MAX_FIELDS: usize = 4;

/// `numerator / denominator` in fixed point (2^14), 0 when nothing was played.
fn ratio(numerator: i64, denominator: i64) -> i32 {
    if denominator == 0 {
        return 0;
    }
    let scaled = (numerator << 14).div_euclid(denominator);
    scaled.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

/// Goals for divided by goals against; with none conceded, any goals scored rank above every average.
fn goal_average(goals_for: u16, goals_against: u16) -> i32 {
    match (goals_for, goals_against) {
        (0, 0) => 1 << 14,
        (_, 0) => i32::MAX,
        (f, a) => ratio(i64::from(f), i64::from(a)),
    }
}

/// The sum of `value` over the opponents `team` met in `results` (one per meeting).
fn opponents(
    totals: &[TeamTotals],
    results: &[CompactResult],
    team: u16,
    value: impl Fn(&TeamTotals) -> i32,
) -> i32 {
    results
        .iter()
        .filter_map(|r| match (r.home == team, r.away == team) {
            (true, false) => Some(r.away),
            (false, true) => Some(r.home),
            _ => None,
        })
        .map(|o| value(&totals[usize::from(o)]))
        .sum()
}

struct Ranker<'r, 'z> {
    rules: &'r RankingRules<'z>,
    criteria: &'z [TieBreaker],
    first_head_to_head: usize,
    totals: &'r [TeamTotals],
    results: &'r [CompactResult],
    /// Whether `s.home_start` and `s.by_home` index `results` yet (built on first need).
    indexed: bool,
    s: &'r mut RankScratch,
}

impl Ranker<'_, '_> {
    /// Orders `order[start..end]`, teams level on `criteria[..k]`, by `criteria[k..]`.
    fn resolve(&mut self, start: usize, end: usize, k: usize) {
        if end - start < 2 {
            return;
        }
        let Some(&criterion) = self.criteria.get(k) else {
            self.finish(start, end, self.when_level(start, end));
            return;
        };
        if criterion.is_head_to_head() {
            self.head_to_head(start, end, k);
        } else {
            self.overall(start, end, k);
        }
    }

    /// Applies the run of overall criteria starting at `k` (up to [`MAX_FIELDS`] at once).
    fn overall(&mut self, start: usize, end: usize, k: usize) {
        let fields = self.criteria[k..]
            .iter()
            .take(MAX_FIELDS)
            .take_while(|c| !c.is_head_to_head())
            .count();
        let block = &self.criteria[k..k + fields];
        let totals = self.totals;
        let results = self.results;
        self.sort_by_fields(start, end, fields, |team, field| {
            let t = &totals[usize::from(team)];
            match block[field] {
                TieBreaker::Points => t.points,
                TieBreaker::PointsPerGame => ratio(i64::from(t.points), i64::from(t.played)),
                TieBreaker::GoalAverage => goal_average(t.goals_for, t.goals_against),
                TieBreaker::OpponentsPoints => opponents(totals, results, team, |o| o.points),
                TieBreaker::OpponentsGoalDifference => {
                    opponents(totals, results, team, |o| o.goal_difference())
                }
                TieBreaker::OpponentsGoalsScored => {
                    opponents(totals, results, team, |o| i32::from(o.goals_for))
                }
                TieBreaker::GoalDifference => t.goal_difference(),
                TieBreaker::GoalsScored => i32::from(t.goals_for),
                TieBreaker::AwayGoalsScored => i32::from(t.away_goals_for),
                TieBreaker::Wins => i32::from(t.won),
                TieBreaker::AwayWins => i32::from(t.away_won),
                _ => unreachable!("head-to-head criteria are ranked by head_to_head"),
            }
        });
        self.note_decisions(start, end, block, self.first_head_to_head.saturating_sub(k));
        // Serie A: level on points alone for the title or the last safe place is a play-off.
        let play_offs = k == 0 && self.rules.regulations.play_off() == PlayOff::TitleAndLastSafePlace;
        let mut a = start;
        while a < end {
            let b = self.run_end(a, end);
            let notes_before = self.s.notes.len();
            self.resolve(a, b, k + fields);
            if play_offs {
                self.serie_a_play_offs(a, b, notes_before);
            }
            a = b;
        }
    }

    /// Applies the block of head-to-head criteria starting at `k` to the teams in `start..end`.
    fn head_to_head(&mut self, start: usize, end: usize, k: usize) {
        let block_end = k + self.criteria[k..]
            .iter()
            .take_while(|c| c.is_head_to_head() && **c != TieBreaker::HeadToHeadReapplied)
            .count();
        let reapply = self.criteria.get(block_end) == Some(&TieBreaker::HeadToHeadReapplied);
        let next = block_end + usize::from(reapply);
        match self.rules.regulations.head_to_head() {
            HeadToHeadScope::AtZoneBoundary if !self.straddles_zone(start, end) => {
                self.resolve(start, end, next);
                return;
            }
            HeadToHeadScope::AfterAllMeetings => {
                let teams = end - start;
                if self.fill_mini(start, end) < teams * (teams - 1) {
                    // The DFL ranks by goal difference and goals alone until the meetings are played.
                    self.finish(start, end, TieNoteKind::Shared);
                    return;
                }
            }
            _ => {
                self.fill_mini(start, end);
            }
        }
        let block = &self.criteria[k..block_end];
        let skip_points = self.rules.regulations.pair_skips_head_to_head_points() && end - start == 2;
        let mini = std::mem::take(&mut self.s.mini);
        self.sort_by_fields(start, end, block.len(), |team, field| {
            let m = &mini[usize::from(team)];
            match block[field] {
                TieBreaker::HeadToHeadPoints if skip_points => 0,
                TieBreaker::HeadToHeadPoints => m.points,
                TieBreaker::HeadToHeadGoalDifference => m.goals_for - m.goals_against,
                TieBreaker::HeadToHeadGoalsScored => m.goals_for,
                TieBreaker::HeadToHeadAwayGoals => m.away_goals,
                _ => 0,
            }
        });
        self.s.mini = mini;
        self.note_decisions(start, end, block, 0);
        let mut a = start;
        while a < end {
            let b = self.run_end(a, end);
            if reapply && b - a < end - start {
                self.resolve(a, b, k);
            } else {
                self.resolve(a, b, next);
            }
            a = b;
        }
    }

    /// Sorts `order[start..end]` best first by `fields` values (`value(team, field)`,
    /// higher is better, most significant field first) and marks in `split` where
    /// and by which field neighbours differ.
    fn sort_by_fields(&mut self, start: usize, end: usize, fields: usize, value: impl Fn(u16, usize) -> i32) {
        debug_assert!((1..=MAX_FIELDS).contains(&fields));
        let s = &mut *self.s;
        let mask = (1u128 << FIELD_BITS) - 1;
        let offset = 1i64 << (FIELD_BITS - 1);
        for i in start..end {
            let team = s.order[i];
            let mut key = 0u128;
            for field in 0..fields {
                // Lower keys sort first, so the best value maps to the lowest field.
                let v = i64::from(value(team, field)).clamp(1 - offset, offset - 1);
                key = (key << FIELD_BITS) | ((offset - v) as u128 & mask);
            }
            s.keys[i] = (key << 16) | u128::from(team);
        }
        s.keys[start..end].sort_unstable();
        for i in start..end {
            s.order[i] = (s.keys[i] & 0xffff) as u16;
            if i > start {
                let differs = (s.keys[i] >> 16) ^ (s.keys[i - 1] >> 16);
                s.split[i] = if differs == 0 {
                    0
                } else {
                    let top_bit = 127 - differs.leading_zeros();
                    (fields - (top_bit / FIELD_BITS) as usize) as u8
                };
            }
        }
    }

    /// Notes each pair of neighbours in `start..end` that `block[from..]`, or a
    /// criterion less usual than points, goal difference and goals, separated.
    fn note_decisions(&mut self, start: usize, end: usize, block: &[TieBreaker], from: usize) {
        for i in start + 1..end {
            let split = usize::from(self.s.split[i]);
            if split > from || (split > 0 && !block[split - 1].is_usual()) {
                self.note(TieNoteKind::DecidedBy(block[split - 1]), i - 1, i + 1);
            }
        }
    }

    /// The end of the run of teams level with `order[a]` under the last sort.
    fn run_end(&self, a: usize, end: usize) -> usize {
        let mut b = a + 1;
        while b < end && self.s.split[b] == 0 {
            b += 1;
        }
        b
    }

    /// Fills the mini-league of the teams in `order[start..end]` from their
    /// meetings, returning how many meetings were counted.
    fn fill_mini(&mut self, start: usize, end: usize) -> usize {
        if !self.indexed {
            self.index_results();
        }
        let s = &mut *self.s;
        s.stamp = s.stamp.wrapping_add(1);
        if s.stamp == 0 {
            s.member.iter_mut().for_each(|m| *m = 0);
            s.stamp = 1;
        }
        for &team in &s.order[start..end] {
            s.member[usize::from(team)] = s.stamp;
            s.mini[usize::from(team)] = MiniRow::default();
        }
        let points = self.rules.regulations.points();
        let (count_home, count_away) = match self.rules.view {
            View::Total => (true, true),
            View::Home => (true, false),
            View::Away => (false, true),
        };
        let result_points = |scored: u8, conceded: u8| -> i32 {
            i32::from(match scored.cmp(&conceded) {
                std::cmp::Ordering::Greater => points.win,
                std::cmp::Ordering::Equal => points.draw,
                std::cmp::Ordering::Less => points.loss,
            })
        };
        let mut meetings = 0;
        for &home in &s.order[start..end] {
            let h = usize::from(home);
            let own = s.home_start[h] as usize..s.home_start[h + 1] as usize;
            for &index in &s.by_home[own] {
                let r = self.results[index as usize];
                let a = usize::from(r.away);
                if s.member[a] != s.stamp {
                    continue;
                }
                meetings += 1;
                if count_home {
                    let m = &mut s.mini[h];
                    m.points += result_points(r.home_goals, r.away_goals);
                    m.goals_for += i32::from(r.home_goals);
                    m.goals_against += i32::from(r.away_goals);
                }
                if count_away {
                    let m = &mut s.mini[a];
                    m.points += result_points(r.away_goals, r.home_goals);
                    m.goals_for += i32::from(r.away_goals);
                    m.goals_against += i32::from(r.home_goals);
                    m.away_goals += i32::from(r.away_goals);
                }
            }
        }
        meetings
    }

    /// Groups result indices by home team, so a mini-league reads only its teams' matches.
    fn index_results(&mut self) {
        let n = self.totals.len();
        let s = &mut *self.s;
        s.home_start.clear();
        s.home_start.resize(n + 1, 0);
        for r in self.results {
            s.home_start[usize::from(r.home) + 1] += 1;
        }
        for t in 0..n {
            s.home_start[t + 1] += s.home_start[t];
        }
        s.by_home.clear();
        s.by_home.resize(self.results.len(), 0);
        // `member` is free until the first mini-league: use it as each team's fill cursor.
        for t in 0..n {
            s.member[t] = s.home_start[t];
        }
        for (index, r) in self.results.iter().enumerate() {
            let cursor = &mut s.member[usize::from(r.home)];
            s.by_home[*cursor as usize] = index as u32;
            *cursor += 1;
        }
        s.member[..n].iter_mut().for_each(|m| *m = 0);
        s.stamp = 0;
        self.indexed = true;
    }

    /// Whether positions `start + 1 ..= end` lie partly inside and partly outside some zone.
    fn straddles_zone(&self, start: usize, end: usize) -> bool {
        let (first, last) = ((start + 1) as u16, end as u16);
        self.rules.zones.iter().any(|z| {
            let overlaps = z.first <= last && z.last >= first;
            let inside = z.first <= first && last <= z.last;
            overlaps && !inside
        })
    }

    /// What the regulations do with teams level on every criterion.
    fn when_level(&self, start: usize, end: usize) -> TieNoteKind {
        let regs = self.rules.regulations;
        match regs.play_off() {
            PlayOff::WhenLevel => return TieNoteKind::PlayOff,
            PlayOff::AtZoneBoundary if self.straddles_zone(start, end) => return TieNoteKind::PlayOff,
            _ => {}
        }
        match regs.off_the_pitch().first() {
            Some(&criterion) => TieNoteKind::OffThePitch(criterion),
            None => TieNoteKind::Shared,
        }
    }

    /// Serie A: two teams level on points for first place or for the last safe
    /// place play off; the mini-league only picks which two.
    fn serie_a_play_offs(&mut self, start: usize, end: usize, notes_before: usize) {
        let relegation = self
            .rules
            .zones
            .iter()
            .filter(|z| z.name == "relegation" && z.first >= 2)
            .map(|z| usize::from(z.first) - 1);
        let mut truncated = false;
        // Index `b` is the second team of a play-off pair at positions `b` and `b + 1`.
        for b in std::iter::once(1).chain(relegation) {
            if start < b && b < end {
                if !truncated {
                    // The mini-league only chose who plays off; the note says what matters.
                    self.s.notes.truncate(notes_before);
                    truncated = true;
                }
                self.s.tied[b] = true;
                self.note(TieNoteKind::PlayOff, b - 1, b + 1);
            }
        }
    }

    fn finish(&mut self, start: usize, end: usize, kind: TieNoteKind) {
        for i in start + 1..end {
            self.s.tied[i] = true;
        }
        self.note(kind, start, end);
    }

    fn note(&mut self, kind: TieNoteKind, start: usize, end: usize) {
        self.s.notes.push(RankNote {
            kind,
            first: start as u16,
            len: (end - start) as u16,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RankBy, RuleSet, Season};

    /// Reads "A 2-1 B" (A at home) into a result between teams A=0, B=1, ...
    fn game(text: &str) -> CompactResult {
        let parts: Vec<&str> = text.split_whitespace().collect();
        let team = |s: &str| u16::from(s.as_bytes()[0] - b'A');
        let (h, a) = parts[1].split_once('-').unwrap();
        CompactResult {
            home: team(parts[0]),
            away: team(parts[2]),
            home_goals: h.parse().unwrap(),
            away_goals: a.parse().unwrap(),
        }
    }

    /// Ranks the league the games describe and writes it as "A1 B2= C2=" ('=' for a shared place).
    fn rank(rules: RuleSet, zones: &[&str], games: &[&str]) -> (String, Vec<RankNote>) {
        rank_under(rules.regulations(Season::starting(2023)), zones, games)
    }

    /// As [`rank`], under any regulations.
    fn rank_under(regulations: Regulations, zones: &[&str], games: &[&str]) -> (String, Vec<RankNote>) {
        let results: Vec<CompactResult> = games.iter().map(|g| game(g)).collect();
        let n = results.iter().map(|r| r.home.max(r.away)).max().unwrap() as usize + 1;
        let mut totals = vec![TeamTotals::default(); n];
        for r in &results {
            r.add_to(&mut totals, regulations.points());
        }
        let zones: Vec<Zone> = zones.iter().map(|z| z.parse().unwrap()).collect();
        let mut scratch = RankScratch::default();
        let rules = RankingRules::new(&regulations, &zones);
        let table = rank_teams(&rules, &totals, &results, &mut scratch);
        (written(table), scratch.notes().to_vec())
    }

    fn written(table: &[Placement]) -> String {
        let cells: Vec<String> = table
            .iter()
            .map(|p| {
                let letter = char::from(b'A' + p.team as u8);
                format!("{letter}{}{}", p.position, if p.shared { "=" } else { "" })
            })
            .collect();
        cells.join(" ")
    }

    fn kinds(notes: &[RankNote]) -> Vec<TieNoteKind> {
        notes.iter().map(|n| n.kind).collect()
    }

    use TieBreaker as T;
    use TieNoteKind as K;

    #[test]
    fn every_rule_set_starts_with_points_and_names_its_criteria() {
        for rules in RuleSet::ALL {
            let regs = rules.regulations(Season::starting(2023));
            let list = regs.criteria();
            assert!(matches!(list[0], T::Points | T::PointsPerGame), "{rules}");
            let has_h2h = list.iter().any(|c| c.is_head_to_head());
            assert_eq!(has_h2h, regs.head_to_head() != HeadToHeadScope::Never, "{rules}");
        }
    }

    // English history (modern seasons: points, goal difference, goals).

    #[test]
    fn classic_points_then_goal_difference_then_goals_then_share() {
        assert_eq!(rank(RuleSet::EnglishHistory, &[], &["B 1-0 A"]).0, "B1 A2");
        assert_eq!(
            rank(RuleSet::EnglishHistory, &[], &["A 1-0 C", "B 3-0 C", "A 0-0 B"]).0,
            "B1 A2 C3"
        );
        assert_eq!(
            rank(RuleSet::EnglishHistory, &[], &["A 2-0 C", "B 3-1 C", "A 0-0 B"]).0,
            "B1 A2 C3"
        );
        let (table, notes) = rank(RuleSet::EnglishHistory, &[], &["A 1-0 C", "B 1-0 C", "A 0-0 B"]);
        assert_eq!(table, "A1= B1= C3");
        assert_eq!(kinds(&notes), [K::Shared]);
    }

    // Premier League.

    /// A and B end level on points, goal difference and goals (3, 0, 1) in 2nd and 3rd; A beat B.
    const PL_LEVEL_AT_2_AND_3: [&str; 4] = ["A 1-0 B", "D 1-0 A", "B 1-0 C", "D 2-0 C"];

    #[test]
    fn premier_league_uses_head_to_head_points_where_a_zone_boundary_is_at_stake() {
        let (table, notes) = rank(
            RuleSet::PremierLeague,
            &["champions-league=1-2"],
            &PL_LEVEL_AT_2_AND_3,
        );
        assert_eq!(table, "D1 A2 B3 C4");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::HeadToHeadPoints)]);
    }

    #[test]
    fn premier_league_shares_a_mid_table_place() {
        let zones = ["champions=1", "relegation=4"];
        let (table, notes) = rank(RuleSet::PremierLeague, &zones, &PL_LEVEL_AT_2_AND_3);
        assert_eq!(table, "D1 A2= B2= C4");
        assert_eq!(kinds(&notes), [K::Shared]);
    }

    #[test]
    fn premier_league_goal_difference_and_goals_come_first() {
        let zones = ["champions=1"];
        assert_eq!(
            rank(RuleSet::PremierLeague, &zones, &["B 1-0 A", "A 5-0 C"]).0,
            "A1 B2 C3"
        );
        // All level on points and goal difference; C scored most though it lost to B.
        let games = ["A 1-0 B", "C 3-2 A", "B 2-1 C"];
        assert_eq!(rank(RuleSet::PremierLeague, &zones, &games).0, "C1 A2 B3");
    }

    #[test]
    fn premier_league_head_to_head_away_goals_then_a_play_off() {
        let (table, notes) = rank(RuleSet::PremierLeague, &["champions=1"], &["A 1-1 B", "B 2-2 A"]);
        assert_eq!(table, "A1 B2");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::HeadToHeadAwayGoals)]);
        let (table, notes) = rank(RuleSet::PremierLeague, &["champions=1"], &["A 1-0 B", "B 1-0 A"]);
        assert_eq!(table, "A1= B1=");
        assert_eq!(kinds(&notes), [K::PlayOff]);
    }

    // UEFA group stage.

    #[test]
    fn uefa_head_to_head_points_before_goal_difference() {
        let games = ["A 1-0 B", "B 5-0 C", "A 0-1 D", "C 0-0 D"];
        let (table, notes) = rank(RuleSet::UefaClubGroups, &[], &games);
        assert_eq!(table, "D1 A2 B3 C4");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::HeadToHeadPoints)]);
        assert_eq!(rank(RuleSet::EnglishHistory, &[], &games).0, "D1 B2 A3 C4");
    }

    #[test]
    fn uefa_head_to_head_goal_difference() {
        let games = ["A 3-0 B", "B 1-0 A", "A 1-0 C", "B 9-0 C"];
        let (table, notes) = rank(RuleSet::UefaClubGroups, &[], &games);
        assert_eq!(table, "A1 B2 C3");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::HeadToHeadGoalDifference)]);
    }

    #[test]
    fn uefa_head_to_head_goals_among_three() {
        let games = ["A 2-2 B", "B 0-0 C", "A 1-1 C", "A 1-0 D", "B 1-0 D", "C 7-0 D"];
        let (table, notes) = rank(RuleSet::UefaClubGroups, &[], &games);
        assert_eq!(table, "A1 B2 C3 D4");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::HeadToHeadGoalsScored); 2]);
        assert_eq!(rank(RuleSet::EnglishHistory, &[], &games).0, "C1 A2 B3 D4");
    }

    #[test]
    fn uefa_reapplies_head_to_head_to_the_teams_still_level() {
        // In the mini-league of A, B and C all have 5 points and goal difference 0;
        // C scored fewer. Among A and B alone, A has 4 points to 1. Overall goal
        // difference would put B first.
        let games = [
            "A 1-0 B", "B 1-1 A", "C 1-0 A", "A 0-0 C", "B 1-0 C", "C 0-0 B", //
            "A 1-0 D", "D 0-1 A", "B 5-0 D", "D 0-5 B", "C 1-0 D", "D 0-1 C",
        ];
        let (table, notes) = rank(RuleSet::UefaClubGroups, &[], &games);
        assert_eq!(table, "A1 B2 C3 D4");
        assert_eq!(
            kinds(&notes),
            [
                K::DecidedBy(T::HeadToHeadPoints),
                K::DecidedBy(T::HeadToHeadGoalsScored)
            ]
        );
    }

    #[test]
    fn uefa_overall_goal_difference_then_goals() {
        let games = ["A 1-1 B", "B 1-1 A", "A 3-0 C", "B 1-0 C"];
        let (table, notes) = rank(RuleSet::UefaClubGroups, &[], &games);
        assert_eq!(table, "A1 B2 C3");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::GoalDifference)]);
        let (table, notes) = rank(RuleSet::UefaClubGroups, &[], &["B 2-2 A", "A 3-1 C", "B 2-0 C"]);
        assert_eq!(table, "A1 B2 C3");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::GoalsScored)]);
    }

    #[test]
    fn uefa_away_goals_then_wins_then_away_wins() {
        let (table, notes) = rank(RuleSet::UefaClubGroups, &[], &["A 0-0 B", "C 1-2 A", "B 2-1 C"]);
        assert_eq!(table, "A1 B2 C3");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::AwayGoalsScored)]);
        // A and B do not meet; both have 3 points and 2-2 goals, all at home; A won once.
        let games = ["A 2-0 C", "A 0-1 D", "A 0-1 E", "B 1-1 C", "B 0-0 D", "B 1-1 E"];
        let (table, notes) = rank(RuleSet::UefaClubGroups, &[], &games);
        assert_eq!(table, "E1 D2 A3 B4 C5");
        assert_eq!(
            kinds(&notes),
            [K::DecidedBy(T::GoalsScored), K::DecidedBy(T::Wins)]
        );
        // One win each, one away goal each; A's win was away.
        let games = ["C 0-1 A", "A 1-2 D", "B 1-0 C", "D 2-1 B"];
        let (table, notes) = rank(RuleSet::UefaClubGroups, &[], &games);
        assert_eq!(table, "D1 A2 B3 C4");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::AwayWins)]);
    }

    #[test]
    fn uefa_teams_level_on_everything_share_and_say_what_is_missing() {
        let (table, notes) = rank(
            RuleSet::UefaClubGroups,
            &[],
            &["A 1-1 B", "B 1-1 A", "C 0-1 A", "C 0-1 B"],
        );
        assert_eq!(table, "A1= B1= C3");
        assert_eq!(kinds(&notes), [K::OffThePitch(OffThePitch::DisciplinaryPoints)]);
    }

    // La Liga.

    #[test]
    fn la_liga_two_teams_head_to_head_goal_difference() {
        let games = ["A 2-0 B", "B 1-0 A", "A 1-0 C", "B 5-0 C"];
        let (table, notes) = rank(RuleSet::LaLiga, &[], &games);
        assert_eq!(table, "A1 B2 C3");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::HeadToHeadGoalDifference)]);
        assert_eq!(
            rank(RuleSet::PremierLeague, &["champions=1"], &games).0,
            "B1 A2 C3"
        );
    }

    #[test]
    fn la_liga_overall_goal_difference_then_goals_when_head_to_head_is_level() {
        let (table, notes) = rank(
            RuleSet::LaLiga,
            &[],
            &["A 1-1 B", "B 0-0 A", "A 2-0 C", "B 1-0 C"],
        );
        assert_eq!(table, "A1 B2 C3");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::GoalDifference)]);
        let (table, notes) = rank(RuleSet::LaLiga, &[], &["A 1-1 B", "B 3-1 C", "A 2-0 C"]);
        assert_eq!(table, "B1 A2 C3");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::GoalsScored)]);
    }

    #[test]
    fn la_liga_three_teams_mini_league_points_then_goal_difference() {
        // A, B and C all end on 6 points with the same goals; their meetings give A 6, B 3, C 0.
        let games = [
            "A 1-0 B", "A 1-0 C", "B 1-0 C", //
            "D 1-0 A", "A 0-1 D", "B 1-0 D", "D 1-0 B", "C 1-0 D", "D 0-1 C",
        ];
        let (table, notes) = rank(RuleSet::LaLiga, &[], &games);
        assert_eq!(table, "D1 A2 B3 C4");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::HeadToHeadPoints); 2]);
        // A three-way circle of wins: 3 points each among them; A's 3-0 gives the best goal difference.
        let games = ["A 3-0 B", "B 1-0 C", "C 1-0 A", "A 1-0 D", "B 1-0 D", "C 9-0 D"];
        let (table, notes) = rank(RuleSet::LaLiga, &[], &games);
        assert_eq!(table, "A1 C2 B3 D4");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::HeadToHeadGoalDifference); 2]);
    }

    // Serie A.

    #[test]
    fn serie_a_head_to_head_then_overall() {
        // D wins everything, so the ties below are for second place.
        let top = ["D 1-0 A", "D 1-0 B", "D 1-0 C"];
        let with_top =
            |games: &[&'static str]| -> Vec<&'static str> { top.iter().chain(games).copied().collect() };
        let (table, notes) = rank(RuleSet::SerieA, &[], &with_top(&["A 1-0 B", "B 5-0 C"]));
        assert_eq!(table, "D1 A2 B3 C4");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::HeadToHeadPoints)]);
        let (table, notes) = rank(
            RuleSet::SerieA,
            &[],
            &with_top(&["A 3-0 B", "B 1-0 A", "A 1-0 C", "B 9-0 C"]),
        );
        assert_eq!(table, "D1 A2 B3 C4");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::HeadToHeadGoalDifference)]);
        let (table, notes) = rank(
            RuleSet::SerieA,
            &[],
            &with_top(&["A 1-1 B", "B 1-0 C", "A 2-0 C"]),
        );
        assert_eq!(table, "D1 A2 B3 C4");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::GoalDifference)]);
        let (table, notes) = rank(
            RuleSet::SerieA,
            &[],
            &with_top(&["A 2-2 B", "B 2-0 C", "A 3-1 C"]),
        );
        assert_eq!(table, "D1 A2 B3 C4");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::GoalsScored)]);
        let (table, notes) = rank(
            RuleSet::SerieA,
            &[],
            &with_top(&["A 1-1 B", "B 1-0 C", "A 1-0 C"]),
        );
        assert_eq!(table, "D1 A2= B2= C4");
        assert_eq!(kinds(&notes), [K::OffThePitch(OffThePitch::DrawingOfLots)]);
    }

    #[test]
    fn serie_a_title_and_last_safe_place_go_to_play_offs() {
        // A would win the title on head-to-head, but the regulations call a play-off.
        let (table, notes) = rank(RuleSet::SerieA, &[], &["A 2-0 B", "B 0-1 C", "A 1-0 C"]);
        assert_eq!(table, "A1 C2 B3", "not level on points");
        assert!(notes.is_empty());
        let (table, notes) = rank(
            RuleSet::SerieA,
            &[],
            &["A 2-0 B", "B 1-0 A", "A 1-0 C", "B 1-0 C"],
        );
        assert_eq!(table, "A1= B1= C3");
        assert_eq!(kinds(&notes), [K::PlayOff]);
        // Three level for the title: the mini-league (goal difference C +1, B 0, A -1) picks C and B.
        let games = ["A 1-0 B", "B 1-0 C", "C 2-0 A", "A 1-0 D", "B 1-0 D", "C 1-0 D"];
        let (table, notes) = rank(RuleSet::SerieA, &[], &games);
        assert_eq!(table, "C1= B1= A3 D4");
        assert_eq!(kinds(&notes), [K::PlayOff]);
        // B, C and D level on points; the mini-league ranks D, C, B; with 3rd the first
        // relegation place, D and C play off for 2nd.
        let games = ["A 1-0 B", "A 1-0 C", "A 1-0 D", "B 1-0 C", "C 1-0 D", "D 2-0 B"];
        let (table, notes) = rank(RuleSet::SerieA, &["relegation=3-4"], &games);
        assert_eq!(table, "A1 D2= C2= B4");
        assert_eq!(kinds(&notes), [K::PlayOff]);
        let (table, _) = rank(RuleSet::SerieA, &["relegation=4"], &games);
        assert_eq!(table, "A1 D2 C3= B3=", "the boundary is now between 3rd and 4th");
    }

    // Bundesliga.

    #[test]
    fn bundesliga_goal_difference_then_goals_before_head_to_head() {
        let (table, notes) = rank(
            RuleSet::Bundesliga,
            &[],
            &["A 3-0 C", "B 1-0 C", "B 1-0 A", "A 1-0 B"],
        );
        assert_eq!(table, "A1 B2 C3");
        assert!(notes.is_empty(), "goal difference is not worth a note");
        let (table, _) = rank(
            RuleSet::Bundesliga,
            &[],
            &["A 3-1 C", "B 2-0 C", "A 0-0 B", "B 0-0 A"],
        );
        assert_eq!(table, "A1 B2 C3");
    }

    #[test]
    fn bundesliga_head_to_head_aggregate_once_both_meetings_are_played() {
        // A and B end on 6 points, 3-3 goals; A won the meetings 2-1 on aggregate.
        let games = ["A 2-0 B", "A 1-0 C", "D 2-0 A", "B 2-0 C", "D 1-0 B", "B 1-0 A"];
        let (table, notes) = rank(RuleSet::Bundesliga, &[], &games);
        assert_eq!(table, "D1 A2 B3 C4");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::HeadToHeadGoalDifference)]);
        // After one meeting, level on points, goal difference and goals: shared.
        let (table, notes) = rank(RuleSet::Bundesliga, &[], &["A 1-0 B", "C 1-0 A", "B 1-0 D"]);
        assert_eq!(table, "C1 A2= B2= D4");
        assert_eq!(kinds(&notes), [K::Shared]);
        let (table, notes) = rank(
            RuleSet::Bundesliga,
            &[],
            &["A 1-0 B", "C 1-0 A", "B 1-0 D", "B 1-1 A"],
        );
        assert_eq!(table, "A1 B2 C3 D4");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::HeadToHeadGoalDifference)]);
    }

    #[test]
    fn bundesliga_away_goals_in_the_meetings_then_all_away_goals_then_play_off() {
        let (table, notes) = rank(RuleSet::Bundesliga, &[], &["A 1-1 B", "B 2-2 A"]);
        assert_eq!(table, "A1 B2");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::HeadToHeadAwayGoals)]);
        let (table, notes) = rank(
            RuleSet::Bundesliga,
            &[],
            &["A 1-1 B", "B 1-1 A", "C 0-1 A", "B 1-0 C"],
        );
        assert_eq!(table, "A1 B2 C3");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::AwayGoalsScored)]);
        let (table, notes) = rank(RuleSet::Bundesliga, &[], &["A 1-0 B", "B 1-0 A"]);
        assert_eq!(table, "A1= B1=");
        assert_eq!(kinds(&notes), [K::PlayOff]);
    }

    // FIFA World Cup.

    #[test]
    fn world_cup_2018_puts_overall_goal_difference_before_head_to_head() {
        // A beat B, but B's 5-0 over C gives the better goal difference.
        let games = ["A 1-0 B", "B 5-0 C", "A 0-1 D", "C 0-0 D"];
        let (table, notes) = rank(RuleSet::FifaWorldCup2018, &[], &games);
        assert_eq!(table, "D1 B2 A3 C4");
        assert!(notes.is_empty(), "goal difference is not worth a note");
        let (table, notes) = rank(RuleSet::FifaWorldCup2026, &[], &games);
        assert_eq!(table, "D1 A2 B3 C4", "2026: head-to-head first");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::HeadToHeadPoints)]);
    }

    #[test]
    fn world_cup_2018_head_to_head_after_goals_then_fair_play() {
        // A and B level on points, goal difference and goals; A won their meeting.
        let games = ["A 2-1 B", "B 2-1 C", "C 2-1 A"];
        let (table, notes) = rank(RuleSet::FifaWorldCup2018, &[], &games);
        assert_eq!(table, "A1= B1= C1=", "a circle: level on everything");
        assert_eq!(kinds(&notes), [K::OffThePitch(OffThePitch::FairPlay)]);
        let (table, notes) = rank(RuleSet::FifaWorldCup2018, &[], &PL_LEVEL_AT_2_AND_3);
        assert_eq!(table, "D1 A2 B3 C4");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::HeadToHeadPoints)]);
    }

    // UEFA Euro finals and league phase.

    #[test]
    fn euro_finals_use_wins_and_never_away_goals() {
        // A and B: 4 points each, level head-to-head (0-0) and overall; A scored both its goals away.
        let games = ["A 0-0 B", "C 1-2 A", "B 2-1 C"];
        let (table, notes) = rank(RuleSet::UefaEuroFinals, &[], &games);
        assert_eq!(table, "A1= B1= C3", "club rules would use away goals here");
        assert_eq!(kinds(&notes), [K::OffThePitch(OffThePitch::DisciplinaryPoints)]);
        assert_eq!(rank(RuleSet::UefaClubGroups, &[], &games).0, "A1 B2 C3");
        // A and B never meet: 3 points and 3-3 goals each; A won once, B drew three times.
        let games = ["A 3-1 E", "F 1-0 A", "G 1-0 A", "B 1-1 E", "B 1-1 F", "B 1-1 G"];
        let (table, notes) = rank(RuleSet::UefaEuroFinals, &[], &games);
        assert!(table.contains("A3 B4"), "{table}");
        assert!(kinds(&notes).contains(&K::DecidedBy(T::Wins)));
    }

    #[test]
    fn league_phase_goes_from_away_wins_to_opponents_points() {
        // A and B never meet and have identical records; A's opponents won more points.
        let games = ["A 1-0 C", "B 1-0 D", "C 1-0 D", "E 1-0 A", "F 1-0 B", "E 1-0 D"];
        let (table, notes) = rank(RuleSet::UefaLeaguePhase, &[], &games);
        let a = table.find('A').unwrap();
        let b = table.find('B').unwrap();
        assert!(a < b, "{table}");
        assert!(
            kinds(&notes).contains(&K::DecidedBy(T::OpponentsPoints)),
            "{notes:?}"
        );
    }

    // English history, points per game, EFL, Scotland, Austria.

    #[test]
    fn english_history_uses_goal_average_before_1976() {
        // A: 4-2 goals (average 2.0, difference +2); B: 6-3 (2.0) no; B: 9-6 (1.5, +3).
        let games = ["A 4-2 C", "B 9-6 D"];
        let regs = RuleSet::EnglishHistory.regulations(Season::starting(1970));
        let (table, _) = rank_under(regs, &[], &games);
        assert_eq!(&table[..5], "A1 B2", "goal average");
        let regs = RuleSet::EnglishHistory.regulations(Season::starting(1980));
        let (table, _) = rank_under(regs, &[], &games);
        assert_eq!(&table[..5], "B1 A2", "goal difference");
        let regs = RuleSet::EnglishHistory.regulations(Season::starting(1975));
        assert_eq!(regs.points().win, 2);
    }

    #[test]
    fn points_per_game_before_points() {
        // A: 6 points from 3; B: 4 from 2 (2.0 per game).
        // A: 7 points from 4 (1.75 a game); B: 4 from 2; E: 4 from 2 with a better goal difference.
        let games = ["A 1-0 C", "A 1-0 D", "E 2-0 A", "B 1-0 C", "B 0-0 D", "A 0-0 E"];
        let regs = RuleSet::PointsPerGame.regulations(Season::starting(2019));
        let (table, _) = rank_under(regs.clone(), &[], &games);
        assert!(table.starts_with("E1 B2 A3"), "{table}");
        let by_points = regs.with_rank_by(RankBy::Points);
        assert!(rank_under(by_points, &[], &games).0.starts_with("A1"));
    }

    #[test]
    fn efl_uses_head_to_head_anywhere_and_plays_off_only_at_a_boundary() {
        // A and B level on points, goal difference and goals in mid-table; A beat B.
        let zones = ["champions=1", "relegation=4"];
        let (table, notes) = rank(RuleSet::Efl, &zones, &PL_LEVEL_AT_2_AND_3);
        assert_eq!(table, "D1 A2 B3 C4");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::HeadToHeadPoints)]);
        let (table, notes) = rank(RuleSet::Efl, &["promotion=1"], &["A 1-0 B", "B 1-0 A"]);
        assert_eq!(table, "A1= B1=");
        assert_eq!(kinds(&notes), [K::PlayOff]);
        let (_, notes) = rank(RuleSet::Efl, &["promotion=1-2"], &["A 1-0 B", "B 1-0 A"]);
        assert_eq!(kinds(&notes), [K::Shared]);
    }

    #[test]
    fn scottish_premiership_never_uses_head_to_head() {
        let (table, notes) = rank(
            RuleSet::ScottishPremiership,
            &["relegation=4"],
            &PL_LEVEL_AT_2_AND_3,
        );
        assert_eq!(table, "D1 A2= B2= C4");
        assert_eq!(kinds(&notes), [K::Shared]);
        let (_, notes) = rank(
            RuleSet::ScottishPremiership,
            &["champions=1"],
            &["A 1-0 B", "B 1-0 A"],
        );
        assert_eq!(kinds(&notes), [K::PlayOff]);
    }

    #[test]
    fn womens_super_league_ranks_by_wins_after_goals() {
        // A won once and lost twice, B drew three times: level on points, goal
        // difference and goals; the Women's Super League puts the winner of more above.
        let games = ["A 3-0 C", "A 0-1 D", "C 2-0 A", "B 1-1 C", "B 1-1 D", "D 1-1 B"];
        let (table, notes) = rank(RuleSet::WomensSuperLeague, &[], &games);
        assert_eq!(table, "D1 C2 A3 B4");
        assert_eq!(kinds(&notes), [K::DecidedBy(T::Wins)]);
        let (plain, _) = rank(RuleSet::Plain, &[], &games);
        assert_eq!(plain, "D1 C2 A3= B3=");
        // Level on wins too, at the title: their meetings, then a play-off.
        let (table, notes) = rank(
            RuleSet::WomensSuperLeague,
            &["champions=1"],
            &["A 1-0 B", "B 1-0 A"],
        );
        assert_eq!(table, "A1= B1=");
        assert_eq!(kinds(&notes), [K::PlayOff]);
    }

    #[test]
    fn austrian_bundesliga_head_to_head_first_from_2021() {
        let games = ["A 1-0 B", "B 5-0 C", "A 0-1 D", "C 0-0 D"];
        let (table, _) = rank(RuleSet::AustrianBundesliga, &[], &games);
        assert_eq!(table, "D1 A2 B3 C4");
        let old = RuleSet::AustrianBundesliga.regulations(Season::starting(2019));
        assert_eq!(rank_under(old, &[], &games).0, "D1 B2 A3 C4");
    }

    // Views and the scratch.

    #[test]
    fn home_view_head_to_head_counts_only_home_sides() {
        // Totals of a home table: A and B each won their only home match 1-0, one against the other.
        let results = [game("A 1-0 B"), game("B 1-0 A"), game("A 0-3 C"), game("B 0-3 C")];
        let mut totals = [TeamTotals::default(); 3];
        totals[0].add_match(1, 0, false, PointsScheme::THREE);
        totals[1].add_match(1, 0, false, PointsScheme::THREE);
        let zones: [Zone; 1] = ["champions=1".parse().unwrap()];
        let regulations = RuleSet::PremierLeague.regulations(Season::starting(2023));
        let rules = RankingRules::new(&regulations, &zones).with_view(View::Home);
        let mut scratch = RankScratch::default();
        // In the home view each has 3 head-to-head points: a play-off, not A on either result.
        assert_eq!(
            written(rank_teams(&rules, &totals, &results, &mut scratch)),
            "A1= B1= C3"
        );
        assert_eq!(kinds(scratch.notes()), [K::PlayOff]);
    }

    #[test]
    fn a_warm_scratch_gives_the_same_answer_again() {
        let results: Vec<CompactResult> = ["A 1-0 B", "B 1-0 C", "C 1-0 A", "A 2-2 C"]
            .iter()
            .map(|g| game(g))
            .collect();
        let mut totals = [TeamTotals::default(); 3];
        for r in &results {
            r.add_to(&mut totals, PointsScheme::THREE);
        }
        let regulations = RuleSet::UefaClubGroups.regulations(Season::starting(2023));
        let rules = RankingRules::new(&regulations, &[]);
        let mut scratch = RankScratch::default();
        let first = rank_teams(&rules, &totals, &results, &mut scratch).to_vec();
        for _ in 0..3 {
            assert_eq!(
                rank_teams(&rules, &totals, &results, &mut scratch),
                first.as_slice()
            );
        }
    }
}
