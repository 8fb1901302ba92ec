//! What a round of matches decides for one team and one zone: the combinations of its
//! results under which the team is sure to finish in the zone, sure to finish out of
//! it, or still cannot tell, each as a few conditions on the matches that matter.
//!
//! Whether the team is sure of the zone once some results are fixed is exactly its
//! position range (see [`crate::position_ranges`]), with ties counted the same
//! conservative way: level on points counts against the team for clinching and for it
//! when ruling it out. Rather than try all 3^k outcomes of k matches, a decision tree
//! fixes one match at a time and stops as soon as the verdict is settled with the rest
//! still open, or two bounds show that no results of the rest can settle it; a match
//! between two teams whose final points cannot reach, or be reached by, the team's is
//! never branched on, since no result of it moves the team. The
//! leaves, each a set of combinations with one verdict, are then merged into few
//! conditions: neighbours differing in one match are joined, each condition is widened
//! match by match while it still holds one verdict, and conditions covered by the
//! others are dropped. So a condition names only matches whose result changes the answer.

use chrono::NaiveDate;
use matchday_core::{PointsScheme, Zone};

use crate::positions::position_range_of;
use crate::{Fixture, LeagueState, PositionRange, SplitStage};

/// The result of one match, as its home side sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The home side wins.
    HomeWin,
    /// A draw.
    Draw,
    /// The away side wins.
    AwayWin,
}

impl Outcome {
    /// The three outcomes, home win first.
    pub const ALL: [Outcome; 3] = [Outcome::HomeWin, Outcome::Draw, Outcome::AwayWin];

    fn bit(self) -> u8 {
        match self {
            Outcome::HomeWin => 1,
            Outcome::Draw => 2,
            Outcome::AwayWin => 4,
        }
    }

    /// Points to the home and the away side.
    fn points(self, scheme: PointsScheme) -> (i32, i32) {
        let (w, d, l) = (
            i32::from(scheme.win),
            i32::from(scheme.draw),
            i32::from(scheme.loss),
        );
        match self {
            Outcome::HomeWin => (w, l),
            Outcome::Draw => (d, d),
            Outcome::AwayWin => (l, w),
        }
    }
}

/// A non-empty set of a match's outcomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Outcomes(u8);

impl Outcomes {
    /// Every outcome: the match does not matter.
    pub const ANY: Outcomes = Outcomes(0b111);

    /// The set of one outcome.
    pub fn of(outcome: Outcome) -> Outcomes {
        Outcomes(outcome.bit())
    }

    /// Whether `outcome` is in the set.
    pub fn contains(self, outcome: Outcome) -> bool {
        self.0 & outcome.bit() != 0
    }

    /// Whether the set holds every outcome.
    pub fn is_any(self) -> bool {
        self == Outcomes::ANY
    }

    /// The outcomes in the set, home win first.
    pub fn iter(self) -> impl Iterator<Item = Outcome> {
        Outcome::ALL.into_iter().filter(move |&o| self.contains(o))
    }

    /// The set with `outcome` added.
    pub fn with(self, outcome: Outcome) -> Outcomes {
        Outcomes(self.0 | outcome.bit())
    }

    fn meets(self, other: Outcomes) -> bool {
        self.0 & other.0 != 0
    }

    fn covers(self, other: Outcomes) -> bool {
        self.0 & other.0 == other.0
    }
}

/// Where a team stands with a zone, ties counted conservatively.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Sure to finish in the zone (for a bottom zone: relegated).
    Clinched,
    /// Sure to finish out of it (for a bottom zone: safe).
    Eliminated,
    /// Not known yet.
    Undecided,
}

impl Verdict {
    fn of(range: PositionRange, zone: &Zone) -> Verdict {
        if range.settled_within(zone.first, zone.last) {
            Verdict::Clinched
        } else if range.excluded_from(zone.first, zone.last) {
            Verdict::Eliminated
        } else {
            Verdict::Undecided
        }
    }
}

/// Some results of a round: each named match ends in one of its outcomes; the matches
/// not named may end any way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// Each named match, by its index in [`Scenarios::matches`], with the outcomes allowed.
    pub outcomes: Vec<(usize, Outcomes)>,
}

impl Condition {
    /// Whether the round's results (one per match of [`Scenarios::matches`]) meet it.
    pub fn holds(&self, results: &[Outcome]) -> bool {
        self.outcomes.iter().all(|&(m, set)| set.contains(results[m]))
    }
}

/// What a round decides for one team and one zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenarios {
    /// The team, by index in [`LeagueState::teams`].
    pub team: usize,
    /// The zone.
    pub zone: Zone,
    /// The round's matches, as asked.
    pub matches: Vec<Fixture>,
    /// The verdict with the round still to play.
    pub before: Verdict,
    /// The team is sure of the zone after the round if any of these holds.
    pub clinched: Vec<Condition>,
    /// The team is sure to finish out of the zone if any of these holds.
    pub eliminated: Vec<Condition>,
    /// It still cannot tell if any of these holds. The three lists never overlap and
    /// together hold every combination of the round's results.
    pub undecided: Vec<Condition>,
    /// Whether the round is all the team's part of the league has left to play: then
    /// "undecided" can only mean level on points with a rival.
    pub last_round: bool,
    /// Whether every position range asked was exact; if not, an undecided combination
    /// may in truth be settled (a settled one never is wrong).
    pub exact: bool,
}

/// Why scenarios cannot be worked out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioError {
    /// A split league before its split: who meets whom after it is not known, so no
    /// position is known exactly.
    #[error(
        "the league has yet to split, and who meets whom after it is not known: \
         scenarios are exact only once the sections are drawn"
    )]
    BeforeTheSplit,
    /// The team index is not in the league.
    #[error("team {0} is not in this league")]
    UnknownTeam(usize),
    /// A match given is not one of the fixtures left.
    #[error("fixture {0} is not one of the fixtures left")]
    UnknownFixture(usize),
    /// A match was given twice.
    #[error("fixture {0} is given twice")]
    RepeatedFixture(usize),
    /// No match was given.
    #[error("no match to play is given")]
    NoMatches,
}

impl LeagueState {
    /// The next match day: the fixtures (by index in [`LeagueState::fixtures`]) dated
    /// `date`, or those on the first date any fixture has. Empty when none is.
    pub fn next_round(&self, date: Option<NaiveDate>) -> Vec<usize> {
        let day = date.or_else(|| self.fixtures().iter().filter_map(|f| f.date).min());
        self.fixtures()
            .iter()
            .enumerate()
            .filter(|(_, f)| day.is_some() && f.date == day)
            .map(|(i, _)| i)
            .collect()
    }

    /// The best zone `team` can still reach and has not clinched: the highest zone
    /// other than a bottom one, else a bottom zone it is neither sure of nor safe from.
    ///
    /// # Errors
    /// [`ScenarioError::BeforeTheSplit`], [`ScenarioError::UnknownTeam`].
    pub fn zone_in_play(&self, team: usize) -> Result<Option<Zone>, ScenarioError> {
        let world = World::of(self, team)?;
        let range = world.range(&world.points, &world.fixtures);
        let teams = self.teams().len() as u16;
        let mut zones = self.zones();
        // Top zones first, the narrower first (champions before the top four); a bottom
        // zone, one to stay out of, last.
        zones.sort_by_key(|z| (crate::is_bottom(z, teams), z.first, z.last));
        Ok(zones
            .into_iter()
            .find(|z| Verdict::of(range, z) == Verdict::Undecided))
    }

    /// Under which results of `round` (indices in [`LeagueState::fixtures`]) `team`
    /// clinches `zone`, is ruled out of it, or still cannot tell.
    ///
    /// In a split league whose sections are drawn the team finishes within its
    /// section's places, so matches in other sections never matter.
    ///
    /// # Errors
    /// [`ScenarioError::BeforeTheSplit`] in a split league before its split;
    /// [`ScenarioError::UnknownTeam`], [`ScenarioError::UnknownFixture`],
    /// [`ScenarioError::RepeatedFixture`], [`ScenarioError::NoMatches`] for bad arguments.
    pub fn scenarios(&self, team: usize, zone: &Zone, round: &[usize]) -> Result<Scenarios, ScenarioError> {
        let world = World::of(self, team)?;
        if round.is_empty() {
            return Err(ScenarioError::NoMatches);
        }
        let mut seen = vec![false; self.fixtures().len()];
        let mut chosen = Vec::new();
        for (k, &f) in round.iter().enumerate() {
            let slot = seen.get_mut(f).ok_or(ScenarioError::UnknownFixture(f))?;
            if std::mem::replace(slot, true) {
                return Err(ScenarioError::RepeatedFixture(f));
            }
            if let Some(local) = world.local[f] {
                chosen.push((local, k));
            }
        }
        let answer = decide(&world, zone, &chosen, round.len());
        Ok(Scenarios {
            team,
            zone: zone.clone(),
            matches: round.iter().map(|&f| self.fixtures()[f]).collect(),
            before: answer.before,
            clinched: answer.conditions(Verdict::Clinched),
            eliminated: answer.conditions(Verdict::Eliminated),
            undecided: answer.conditions(Verdict::Undecided),
            last_round: chosen.len() == world.fixtures.len(),
            exact: answer.exact,
        })
    }
}

/// The part of the league a team's place depends on: the whole league, or once a split
/// league's sections are drawn, the team's section (whose places start below `above`).
struct World {
    points: Vec<i32>,
    fixtures: Vec<(usize, usize)>,
    /// For each of the state's fixtures, its index in `fixtures`, if it is there.
    local: Vec<Option<usize>>,
    team: usize,
    above: u16,
    scheme: PointsScheme,
}

impl World {
    fn of(state: &LeagueState, team: usize) -> Result<World, ScenarioError> {
        let n = state.teams().len();
        if team >= n {
            return Err(ScenarioError::UnknownTeam(team));
        }
        let (members, above): (Vec<usize>, u16) = match state.split() {
            None => ((0..n).collect(), 0),
            Some(SplitStage::Pending(_)) => return Err(ScenarioError::BeforeTheSplit),
            Some(SplitStage::Drawn { sections, .. }) => {
                let section = sections
                    .iter()
                    .find(|s| s.members.contains(&team))
                    .expect("a drawn split holds every team");
                (section.members.clone(), section.first - 1)
            }
        };
        let mut index = vec![usize::MAX; n];
        for (k, &i) in members.iter().enumerate() {
            index[i] = k;
        }
        let mut fixtures = Vec::new();
        let local = state
            .fixtures()
            .iter()
            .map(|f| {
                let (a, b) = (index[f.home], index[f.away]);
                (a != usize::MAX && b != usize::MAX).then(|| {
                    fixtures.push((a, b));
                    fixtures.len() - 1
                })
            })
            .collect();
        Ok(World {
            points: members.iter().map(|&i| state.points()[i]).collect(),
            fixtures,
            local,
            team: index[team],
            above,
            scheme: state.scheme(),
        })
    }

    /// The team's range in the league's places with `points` so far and `open` to play.
    fn range(&self, points: &[i32], open: &[(usize, usize)]) -> PositionRange {
        let r = position_range_of(points, open, self.scheme, self.team);
        PositionRange {
            best: r.best + self.above,
            worst: r.worst + self.above,
            exact: r.exact,
        }
    }
}

/// A set of the round's combinations: one outcome set per match of the round.
type Cube = Vec<Outcomes>;

/// The decision tree's leaves and what was learnt growing it.
struct Answer {
    before: Verdict,
    /// Cubes that partition every combination of the round, each with its verdict.
    leaves: Vec<(Cube, Verdict)>,
    /// The round's matches in the order conditions name them (the team's first).
    order: Vec<usize>,
    exact: bool,
}

/// Grows the decision tree for `chosen` (world fixture, place in the round) of a round of
/// `matches` matches.
fn decide(world: &World, zone: &Zone, chosen: &[(usize, usize)], matches: usize) -> Answer {
    let t = world.team;
    let mut chosen = chosen.to_vec();
    // The team's own matches first: conditions read "if they win, ..." first.
    chosen.sort_by_key(|&(f, k)| {
        let (a, b) = world.fixtures[f];
        (a != t && b != t, k)
    });
    let mut tree = Tree {
        world,
        zone,
        chosen: &chosen,
        matches,
        leaves: Vec::new(),
        exact: true,
        before: None,
        nodes: 0,
        halted: false,
    };
    tree.grow(&mut vec![None; chosen.len()]);
    let mut order: Vec<usize> = chosen.iter().map(|&(_, k)| k).collect();
    let rest: Vec<usize> = (0..matches).filter(|k| !order.contains(k)).collect();
    order.extend(rest);
    Answer {
        before: tree.before.expect("the root is visited"),
        leaves: tree.leaves,
        order,
        exact: tree.exact,
    }
}

struct Tree<'a> {
    world: &'a World,
    zone: &'a Zone,
    chosen: &'a [(usize, usize)],
    matches: usize,
    leaves: Vec<(Cube, Verdict)>,
    exact: bool,
    before: Option<Verdict>,
    /// Nodes visited so far, against [`TREE_NODES`].
    nodes: usize,
    /// Set once a range came back inexact or the nodes ran out: the rest is not branched on.
    halted: bool,
}

/// Nodes a decision tree may visit. The final rounds of a real season need a few dozen;
/// the cap, like the position search's own node budget, only bounds the time of a long
/// shot's question (a bottom club and the title in February), whose open branches are
/// then left undecided and the answer marked inexact: never a false clinch or elimination.
const TREE_NODES: usize = 3_000;

impl Tree<'_> {
    /// Decides the node where the chosen matches have the results `fixed` (or are open).
    fn grow(&mut self, fixed: &mut Vec<Option<Outcome>>) {
        self.nodes += 1;
        if self.nodes > TREE_NODES {
            self.halted = true;
        }
        if self.halted {
            // Undecided as far as is known, and said to be not exact.
            self.exact = false;
            self.leaf(fixed, Verdict::Undecided);
            return;
        }
        let world = self.world;
        let mut points = world.points.clone();
        let mut done = vec![false; world.fixtures.len()];
        for (&(f, _), result) in self.chosen.iter().zip(fixed.iter()) {
            if let Some(outcome) = result {
                let (a, b) = world.fixtures[f];
                let (pa, pb) = outcome.points(world.scheme);
                points[a] += pa;
                points[b] += pb;
                done[f] = true;
            }
        }
        let open: Vec<(usize, usize)> = (0..world.fixtures.len())
            .filter(|&f| !done[f])
            .map(|f| world.fixtures[f])
            .collect();
        let range = world.range(&points, &open);
        // A settled verdict from an inexact range is still true; an open one is not
        // branched on further: the searches that ran out are the slow ones.
        if !range.exact {
            self.exact = false;
            self.halted = true;
        }
        let verdict = Verdict::of(range, self.zone);
        self.before.get_or_insert(verdict);
        if verdict != Verdict::Undecided {
            self.leaf(fixed, verdict);
            return;
        }
        // Each team's lowest and highest final points from here.
        let (w, l) = (i32::from(world.scheme.win), i32::from(world.scheme.loss));
        let (mut low, mut high) = (points.clone(), points.clone());
        for &(a, b) in &open {
            for j in [a, b] {
                low[j] += l;
                high[j] += w;
            }
        }
        let t = world.team;
        // A team sure to finish above the team, or sure to finish below it, whatever
        // happens: its results move nothing for the team.
        let moves = |j: usize| j == t || !(low[j] > high[t] || high[j] < low[t]);
        let next = self
            .chosen
            .iter()
            .enumerate()
            .filter(|&(c, _)| fixed[c].is_none())
            .filter_map(|(c, &(f, _))| {
                let (a, b) = world.fixtures[f];
                let moving = usize::from(moves(a)) + usize::from(moves(b));
                let own = a == t || b == t;
                (moving > 0).then_some((!own, 2 - moving, c))
            })
            .min();
        match next {
            None => self.leaf(fixed, Verdict::Undecided),
            Some(_) if self.halted || self.undecided_whatever(fixed, &points, &done) => {
                self.leaf(fixed, Verdict::Undecided)
            }
            Some((_, _, c)) => {
                for outcome in Outcome::ALL {
                    fixed[c] = Some(outcome);
                    self.grow(fixed);
                }
                fixed[c] = None;
            }
        }
    }

    /// Whether no results of the chosen matches still open can settle the verdict,
    /// from two bounds over all of them at once, each freeing the round's matches from
    /// one another. However they end, the team's worst place is no better than when it
    /// wins all of them and every other team loses all of its own (the rest of the season
    /// as unkind as its worst place takes it), and its best place no worse than when it
    /// loses all of them and every other team wins all of its own (the rest as kind as
    /// its best place takes it). When that worst is below the zone, or that best above
    /// it, no results clinch it; when that best is inside the zone or above, and that
    /// worst inside or below, no results rule it out. Only exact ranges are bounds here.
    fn undecided_whatever(&mut self, fixed: &[Option<Outcome>], points: &[i32], done: &[bool]) -> bool {
        let world = self.world;
        let t = world.team;
        let mut pending = vec![false; world.fixtures.len()];
        for (&(f, _), result) in self.chosen.iter().zip(fixed) {
            pending[f] = result.is_none();
        }
        let (w, l) = (i32::from(world.scheme.win), i32::from(world.scheme.loss));
        // `kind`: the team wins the round's matches left and the others lose theirs;
        // else the other way round.
        let bound = |kind: bool| {
            let mut points = points.to_vec();
            let mut rest = Vec::new();
            for (f, &(a, b)) in world.fixtures.iter().enumerate().filter(|&(f, _)| !done[f]) {
                if !pending[f] {
                    rest.push((a, b));
                    continue;
                }
                for j in [a, b] {
                    points[j] += if (j == t) == kind { w } else { l };
                }
            }
            world.range(&points, &rest)
        };
        let (kind, unkind) = (bound(true), bound(false));
        if !(kind.exact && unkind.exact) {
            // No bound, and a sign of the slow searches: stop here, not exact.
            self.exact = false;
            self.halted = true;
            return false;
        }
        let (lowest_worst, highest_best) = (kind.worst, unkind.best);
        let z = self.zone;
        let cannot_clinch = lowest_worst > z.last || highest_best < z.first;
        let cannot_be_out = highest_best <= z.last && lowest_worst >= z.first;
        cannot_clinch && cannot_be_out
    }

    fn leaf(&mut self, fixed: &[Option<Outcome>], verdict: Verdict) {
        let mut cube = vec![Outcomes::ANY; self.matches];
        for (&(_, k), result) in self.chosen.iter().zip(fixed) {
            if let Some(outcome) = result {
                cube[k] = Outcomes::of(*outcome);
            }
        }
        self.leaves.push((cube, verdict));
    }
}

impl Answer {
    /// The few conditions under which the round ends with `verdict`.
    fn conditions(&self, verdict: Verdict) -> Vec<Condition> {
        let mut cubes: Vec<Cube> = self
            .leaves
            .iter()
            .filter(|(_, v)| *v == verdict)
            .map(|(c, _)| c.clone())
            .collect();
        merge_neighbours(&mut cubes);
        for cube in &mut cubes {
            self.widen(cube, verdict);
        }
        // The conditions naming fewest matches first: they are kept, and one covered by
        // those kept is dropped.
        cubes.sort_by_key(|c| (literals(c), self.key(c)));
        cubes.dedup();
        let mut kept: Vec<Cube> = Vec::new();
        for cube in cubes {
            if !kept.iter().any(|k| contains(k, &cube)) {
                kept.push(cube);
            }
        }
        let mut i = kept.len();
        while i > 0 {
            i -= 1;
            let others: Vec<&Cube> = kept
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, c)| c)
                .collect();
            if covered(&kept[i].clone(), &others) {
                kept.remove(i);
            }
        }
        kept.iter()
            .map(|cube| Condition {
                outcomes: self
                    .order
                    .iter()
                    .filter(|&&k| !cube[k].is_any())
                    .map(|&k| (k, cube[k]))
                    .collect(),
            })
            .collect()
    }

    /// Widens `cube` match by match, first dropping whole matches, then adding single
    /// outcomes, while every combination in it still ends with `verdict`.
    fn widen(&self, cube: &mut Cube, verdict: Verdict) {
        for &k in self.order.iter().rev() {
            if cube[k].is_any() {
                continue;
            }
            let was = cube[k];
            cube[k] = Outcomes::ANY;
            if !self.only(cube, verdict) {
                cube[k] = was;
            }
        }
        for &k in &self.order {
            for outcome in Outcome::ALL {
                if cube[k].contains(outcome) {
                    continue;
                }
                let was = cube[k];
                cube[k] = was.with(outcome);
                if !self.only(cube, verdict) {
                    cube[k] = was;
                }
            }
        }
    }

    /// Whether every combination in `cube` ends with `verdict`: the leaves partition the
    /// combinations, so whether every leaf meeting it has that verdict.
    fn only(&self, cube: &Cube, verdict: Verdict) -> bool {
        self.leaves
            .iter()
            .filter(|(leaf, _)| meets(leaf, cube))
            .all(|(_, v)| *v == verdict)
    }

    /// Where a cube's named matches come in the order conditions name them.
    fn key(&self, cube: &Cube) -> Vec<usize> {
        self.order
            .iter()
            .enumerate()
            .filter(|&(_, &k)| !cube[k].is_any())
            .map(|(i, _)| i)
            .collect()
    }
}

fn literals(cube: &Cube) -> usize {
    cube.iter().filter(|s| !s.is_any()).count()
}

fn meets(a: &Cube, b: &Cube) -> bool {
    a.iter().zip(b).all(|(x, y)| x.meets(*y))
}

/// Whether `outer` holds every combination of `inner`.
fn contains(outer: &Cube, inner: &Cube) -> bool {
    outer.iter().zip(inner).all(|(x, y)| x.covers(*y))
}

/// Joins cubes that differ in one match only, until none do.
fn merge_neighbours(cubes: &mut Vec<Cube>) {
    'again: loop {
        for i in 0..cubes.len() {
            for j in i + 1..cubes.len() {
                let differ: Vec<usize> = (0..cubes[i].len())
                    .filter(|&k| cubes[i][k] != cubes[j][k])
                    .collect();
                if differ.len() <= 1 {
                    if let Some(&k) = differ.first() {
                        cubes[i][k] = Outcomes(cubes[i][k].0 | cubes[j][k].0);
                    }
                    cubes.swap_remove(j);
                    continue 'again;
                }
            }
        }
        return;
    }
}

/// Whether the union of `by` holds every combination of `cube`.
fn covered(cube: &Cube, by: &[&Cube]) -> bool {
    let touching: Vec<&Cube> = by.iter().copied().filter(|b| meets(b, cube)).collect();
    if touching.is_empty() {
        return false;
    }
    if touching.iter().any(|b| contains(b, cube)) {
        return true;
    }
    // Split on a match some touching cube holds only part of.
    let k = (0..cube.len())
        .find(|&k| touching.iter().any(|b| !b[k].covers(cube[k])))
        .expect("a touching cube not holding the cube leaves part of a match out");
    cube[k].iter().all(|outcome| {
        let mut part = cube.clone();
        part[k] = Outcomes::of(outcome);
        covered(&part, &touching)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::position_ranges_by_enumeration;
    use rand::rngs::Xoshiro256PlusPlus;
    use rand::{RngExt, SeedableRng};

    fn zone(name: &str, first: u16, last: u16) -> Zone {
        Zone {
            name: name.into(),
            first,
            last,
        }
    }

    fn world(points: &[i32], fixtures: &[(usize, usize)], team: usize, scheme: PointsScheme) -> World {
        World {
            points: points.to_vec(),
            fixtures: fixtures.to_vec(),
            local: (0..fixtures.len()).map(Some).collect(),
            team,
            above: 0,
            scheme,
        }
    }

    /// The verdict by trying every outcome of `rest` after the round ended `results`.
    fn brute(
        points: &[i32],
        fixtures: &[(usize, usize)],
        round: &[usize],
        results: &[Outcome],
        scheme: PointsScheme,
    ) -> Vec<PositionRange> {
        let mut points = points.to_vec();
        for (&f, outcome) in round.iter().zip(results) {
            let (a, b) = fixtures[f];
            let (pa, pb) = outcome.points(scheme);
            points[a] += pa;
            points[b] += pb;
        }
        let rest: Vec<(usize, usize)> = (0..fixtures.len())
            .filter(|f| !round.contains(f))
            .map(|f| fixtures[f])
            .collect();
        position_ranges_by_enumeration(&points, &rest, scheme)
    }

    fn every_result(matches: usize) -> Vec<Vec<Outcome>> {
        (0..3usize.pow(matches as u32))
            .map(|mut code| {
                (0..matches)
                    .map(|_| {
                        let o = Outcome::ALL[code % 3];
                        code /= 3;
                        o
                    })
                    .collect()
            })
            .collect()
    }

    fn scenarios_of(w: &World, z: &Zone, round: &[usize]) -> (Answer, [Vec<Condition>; 3]) {
        let chosen: Vec<(usize, usize)> = round.iter().enumerate().map(|(k, &f)| (f, k)).collect();
        let answer = decide(w, z, &chosen, round.len());
        let conditions = [
            answer.conditions(Verdict::Clinched),
            answer.conditions(Verdict::Eliminated),
            answer.conditions(Verdict::Undecided),
        ];
        (answer, conditions)
    }

    #[test]
    fn conditions_agree_with_brute_force_on_small_leagues() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(20);
        let zones = [
            zone("champions", 1, 1),
            zone("top two", 1, 2),
            zone("top three", 1, 3),
            zone("play-offs", 3, 4),
            zone("relegation", 5, 6),
            zone("bottom", 6, 6),
        ];
        let verdicts = [Verdict::Clinched, Verdict::Eliminated, Verdict::Undecided];
        for league in 0..160 {
            let scheme = if league % 4 == 3 {
                PointsScheme::TWO
            } else {
                PointsScheme::THREE
            };
            let n = 6;
            let spread = [2, 4, 8][league % 3];
            let points: Vec<i32> = (0..n).map(|_| rng.random_range(0..=spread)).collect();
            let mut all: Vec<(usize, usize)> = (0..n)
                .flat_map(|h| (0..n).filter(move |&a| a != h).map(move |a| (h, a)))
                .collect();
            let left = rng.random_range(3..=9);
            let mut fixtures = Vec::new();
            while fixtures.len() < left {
                fixtures.push(all.swap_remove(rng.random_range(0..all.len())));
            }
            // The next round: three of them.
            let round = [0, 1, 2];
            let combinations = every_result(round.len());
            let truth: Vec<Vec<PositionRange>> = combinations
                .iter()
                .map(|results| brute(&points, &fixtures, &round, results, scheme))
                .collect();
            let now = position_ranges_by_enumeration(&points, &fixtures, scheme);
            for team in 0..n {
                for z in &zones {
                    let w = world(&points, &fixtures, team, scheme);
                    let (answer, conditions) = scenarios_of(&w, z, &round);
                    let case = format!("{points:?} {fixtures:?} team {team} zone {z:?}");
                    assert!(answer.exact, "{case}");
                    assert_eq!(answer.before, Verdict::of(now[team], z), "{case}");
                    for (results, ranges) in combinations.iter().zip(&truth) {
                        let read: Vec<Verdict> = verdicts
                            .iter()
                            .zip(&conditions)
                            .filter(|(_, list)| list.iter().any(|c| c.holds(results)))
                            .map(|(&v, _)| v)
                            .collect();
                        assert_eq!(read, [Verdict::of(ranges[team], z)], "{case} {results:?}");
                    }
                    // A match is named only where its result matters: widening any
                    // condition to every result of one of its matches takes in a
                    // combination with another verdict.
                    for (&v, list) in verdicts.iter().zip(&conditions) {
                        for condition in list {
                            for drop in 0..condition.outcomes.len() {
                                let mut wider = condition.clone();
                                wider.outcomes.remove(drop);
                                let mixed = combinations
                                    .iter()
                                    .zip(&truth)
                                    .any(|(r, ranges)| wider.holds(r) && Verdict::of(ranges[team], z) != v);
                                assert!(mixed, "{case}: {condition:?} names a match that does not matter");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_title_on_the_last_day() {
        // 0 has 88 and is at home to 2; 1 has 86 and is at home to 3.
        let points = [88, 86, 50, 48];
        let fixtures = [(0, 2), (1, 3)];
        let w = world(&points, &fixtures, 0, PointsScheme::THREE);
        let (answer, [clinched, eliminated, undecided]) = scenarios_of(&w, &zone("champions", 1, 1), &[0, 1]);
        assert_eq!(answer.before, Verdict::Undecided);
        let condition = |list: &[(usize, Outcomes)]| Condition {
            outcomes: list.to_vec(),
        };
        let not_home = Outcomes::of(Outcome::Draw).with(Outcome::AwayWin);
        // Champions if 0 wins, or if 1 does not.
        assert_eq!(
            clinched,
            [
                condition(&[(0, Outcomes::of(Outcome::HomeWin))]),
                condition(&[(1, not_home)])
            ]
        );
        assert_eq!(
            eliminated,
            [condition(&[
                (0, Outcomes::of(Outcome::AwayWin)),
                (1, Outcomes::of(Outcome::HomeWin))
            ])]
        );
        // A draw and 1's win leave them level on 89: undecided on points.
        assert_eq!(
            undecided,
            [condition(&[
                (0, Outcomes::of(Outcome::Draw)),
                (1, Outcomes::of(Outcome::HomeWin))
            ])]
        );
    }

    #[test]
    fn matches_far_from_the_team_are_never_branched_on() {
        // The leaders' race: the bottom four's matches cannot move either leader.
        let points = [80, 79, 30, 30, 29, 28];
        let fixtures = [(2, 3), (4, 5), (0, 2), (1, 4), (3, 5)];
        let w = world(&points, &fixtures, 0, PointsScheme::THREE);
        let (answer, _) = scenarios_of(&w, &zone("champions", 1, 1), &[0, 1, 2, 3]);
        assert!(
            answer.leaves.len() <= 9,
            "only the two leaders' matches are branched on: {}",
            answer.leaves.len()
        );
        assert!(
            answer
                .leaves
                .iter()
                .all(|(cube, _)| cube[0].is_any() && cube[1].is_any())
        );
    }

    #[test]
    fn a_round_that_cannot_settle_anything_is_not_branched_on() {
        // Six teams level with a double round-robin to play: no round of three settles
        // anything, and the bounds see it at the root without trying 27 combinations.
        let points = [0; 6];
        let fixtures: Vec<(usize, usize)> = (0..6)
            .flat_map(|h| (0..6).filter(move |&a| a != h).map(move |a| (h, a)))
            .collect();
        for z in [zone("champions", 1, 1), zone("relegation", 5, 6)] {
            let w = world(&points, &fixtures, 0, PointsScheme::THREE);
            let (answer, [clinched, eliminated, undecided]) = scenarios_of(&w, &z, &[0, 7, 14]);
            assert_eq!(answer.leaves.len(), 1, "{z:?}");
            assert!(clinched.is_empty() && eliminated.is_empty());
            assert_eq!(undecided, [Condition { outcomes: vec![] }]);
        }
    }

    #[test]
    fn a_split_league_counts_its_sections() {
        use crate::testing::{split_competition, split_matches, teams};
        let c = split_competition(matchday_core::CarryOver::Full);
        let state = LeagueState::new(&c, &teams(), &split_matches(), &[], None).unwrap();
        // Team 2 (index 1) is in the bottom two: it cannot be champion, and the top
        // section's matches do not matter to its staying out of last place.
        let last = zone("relegation", 4, 4);
        let round: Vec<usize> = (0..state.fixtures().len()).collect();
        let s = state.scenarios(1, &last, &round).unwrap();
        for condition in s.clinched.iter().chain(&s.eliminated).chain(&s.undecided) {
            for &(m, _) in &condition.outcomes {
                let f = s.matches[m];
                assert!([1, 3].contains(&f.home) && [1, 3].contains(&f.away), "{f:?}");
            }
        }
        // Out of the title race, in the fight to stay out of last place.
        assert_eq!(
            state.zone_in_play(1).unwrap().map(|z| z.name),
            Some("relegation".to_string())
        );
        assert_eq!(
            state.zone_in_play(0).unwrap().map(|z| z.name),
            Some("champions".to_string())
        );
        // Before the split: refused.
        let pending =
            LeagueState::new(&c, &teams(), &split_matches(), &[], Some(crate::testing::day(2))).unwrap();
        assert_eq!(
            pending.scenarios(0, &last, &[0]).unwrap_err(),
            ScenarioError::BeforeTheSplit
        );
    }

    #[test]
    fn bad_rounds_are_refused() {
        use crate::testing::{competition, day, matches, teams};
        let state = LeagueState::new(&competition(), &teams(), &matches(), &[], Some(day(10))).unwrap();
        let z = zone("champions", 1, 1);
        assert_eq!(state.scenarios(0, &z, &[]).unwrap_err(), ScenarioError::NoMatches);
        assert_eq!(
            state.scenarios(0, &z, &[0, 0]).unwrap_err(),
            ScenarioError::RepeatedFixture(0)
        );
        assert_eq!(
            state.scenarios(0, &z, &[99]).unwrap_err(),
            ScenarioError::UnknownFixture(99)
        );
        assert_eq!(
            state.scenarios(9, &z, &[0]).unwrap_err(),
            ScenarioError::UnknownTeam(9)
        );
        // The next round is the first date with a fixture: day 12's match.
        assert_eq!(state.next_round(None), [0]);
        assert_eq!(state.next_round(Some(day(20))), [1]);
        assert!(state.next_round(Some(day(21))).is_empty());
    }
}
