//! Magic numbers: the points a team needs from its remaining matches to be sure of
//! finishing at or above a place, and the fewest with which it still can.
//!
//! Both are questions about every outcome of every match left, the team's own
//! included: the points it takes are points its opponents do not. Ties on points follow
//! the settled positions' convention: for being sure, a club level on points counts as
//! above; for still being possible, as below.
//!
//! Let `bad(P)` say some outcome in which the team takes exactly `P` points leaves it
//! below the place (at least `place` others on its total or more). Then the guarantee
//! is the fewest points above the largest `P` with `bad(P)`. The one-sided question
//! "some outcome gives the team at least `P` and lifts `place` others to its total
//! plus `P`" (`lifted(P)`) is answered by the demand search of the positions, and is
//! monotone in `P`; turning the team's wins into draws and draws into defeats only
//! helps the others, which shows `lifted(P)` implies `bad(P)` or `bad(P - 1)`. So a
//! binary search on `lifted` finds the answer up to one point, and one exact question
//! (the team on exactly `P`, [`crate::bounded`]) settles it. Still possible is the
//! mirror image: `kept(P)` (the team on at most `P`, all but `place - 1` others kept at
//! or under its total plus `P`) is monotone, and implies `good(P)` or `good(P + 1)`.
//! For `good(P)` the exact relaxation of [`crate::capped`] is asked first: no outcome
//! keeping the others down refutes it, and one in which the team's own results can be
//! raised to exactly `P` (its opponents only lose by that) proves it.

use std::cell::Cell;

use serde::{Deserialize, Serialize};

use crate::bounded::{Bounds, OPEN, bounds_feasible};
use crate::capped::{Capped, keep_under};
use crate::lifted::{Lifted, lift_to};
use crate::positions::{Budget, caps_feasible, caps_met_quickly, demands_feasible, local_indices};
use matchday_core::{PointsScheme, TeamId};
use rayon::prelude::*;

use crate::{LeagueState, PositionRange, SplitStage};

/// Search nodes allowed for one step of one magic number (one total asked about).
///
/// Late in a season every step needs a few dozen; early in one a step near the answer
/// can need millions, and running out answers on the safe side (a guarantee too high,
/// still possible too low), marked inexact. From January of a Premier League season the
/// relaxation of [`crate::capped`] leaves almost every number exact within it. The
/// figure trades exactness for time: see the benchmark `forecast`.
const NODES_PER_STEP: u64 = 1_000;

/// What a team needs for one place (a zone's boundary), or that it is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum ZoneMagic {
    /// Sure of finishing at or above the place whatever happens.
    Settled,
    /// Can no longer finish at or above the place.
    OutOfReach,
    /// Still open: the points it needs.
    Open(MagicNumbers),
}

/// The points a team needs from its remaining matches for a place that is still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MagicNumbers {
    /// The fewest points that make it sure of the place whatever else happens, a club
    /// level on points counted above it; `None` when even winning every match does not.
    pub guarantee: Option<i32>,
    /// The fewest points with which some results elsewhere still put it there, a club
    /// level on points counted below it.
    pub still_possible: i32,
    /// The most points its remaining matches can bring.
    pub available: i32,
    /// Whether the guarantee was decided exactly. A search that ran out of nodes (in
    /// mid-season) leaves it enough to be sure, but perhaps more than the fewest.
    pub guarantee_exact: bool,
    /// Whether still possible was decided exactly; if not, it may be too low, never too high.
    pub still_possible_exact: bool,
}

impl MagicNumbers {
    /// Whether both numbers were decided exactly.
    pub fn exact(&self) -> bool {
        self.guarantee_exact && self.still_possible_exact
    }
}

/// What team `x` needs from its fixtures to finish at or above `place`, for teams on
/// `points` with `fixtures` (index pairs) left, ties counted as the module says.
///
/// # Panics
/// When `place` is 0 or beyond the teams, or `x` is not a team.
pub fn magic_numbers(
    points: &[i32],
    fixtures: &[(usize, usize)],
    scheme: PointsScheme,
    x: usize,
    place: u16,
) -> ZoneMagic {
    let n = points.len();
    assert!(
        x < n && place >= 1 && usize::from(place) <= n,
        "a team and a place in the league"
    );
    let question = Question::new(points, fixtures, scheme, x, usize::from(place));
    let avail = question.w * question.games[x];
    let loss = i64::from(scheme.loss) * question.games[x];
    // Each number is exact unless one of its own steps ran out of nodes.
    let (sure_exact, possible_exact) = (Cell::new(true), Cell::new(true));
    let ask = |f: &dyn Fn(&Question, i64, &Budget) -> bool, gain: i64, exact: &Cell<bool>| -> bool {
        let budget = Budget::new(NODES_PER_STEP);
        let t0 = std::time::Instant::now();
        let answer = f(&question, gain, &budget);
        if std::env::var_os("MAGIC_TRACE").is_some() {
            eprintln!(
                "  step gain {gain}: {answer} exhausted {} left {} {:.1} ms",
                budget.exhausted(),
                budget.left_nodes(),
                t0.elapsed().as_secs_f64() * 1e3
            );
        }
        exact.set(exact.get() && !budget.exhausted());
        answer
    };
    // Guarantee: the largest P with `lifted(P)`, then whether P itself or only P - 1 is bad.
    if !ask(&Question::lifted, 0, &sure_exact) {
        return ZoneMagic::Settled;
    }
    if !ask(&Question::kept, avail, &possible_exact) {
        return ZoneMagic::OutOfReach;
    }
    let top = last_true(0, avail, |p| ask(&Question::lifted, p, &sure_exact));
    let worst_bad = if question.downgrade_reaches(top) || ask(&Question::bad, top, &sure_exact) {
        top
    } else {
        top - 1
    };
    let guarantee = (worst_bad + 1..=avail).find(|&p| question.achievable(p));
    // Still possible: the smallest P with `kept(P)`, then P itself or P + 1.
    let low = first_true(0, avail, |p| ask(&Question::kept, p, &possible_exact));
    let still = if question.upgrade_reaches(low) || ask(&Question::good, low, &possible_exact) {
        low
    } else {
        low + 1
    };
    let points = |gain: i64| i32::try_from(gain + loss).expect("points fit");
    ZoneMagic::Open(MagicNumbers {
        guarantee: guarantee.map(points),
        still_possible: points(still),
        available: points(avail),
        guarantee_exact: sure_exact.get(),
        still_possible_exact: possible_exact.get(),
    })
}

/// One team's magic numbers for each zone of its league, in the league's zone order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMagic {
    /// The team.
    pub team: TeamId,
    /// Per zone: its name, the place that marks its edge ([`crate::zone_boundary`]: the
    /// last place of a zone, or safety for a bottom zone), and what the team needs to
    /// finish at or above that place.
    pub zones: Vec<(String, u16, ZoneMagic)>,
}

impl LeagueState {
    /// Every team's magic numbers for every zone, in team order, given the position
    /// ranges already computed ([`LeagueState::position_ranges`]), which settle the
    /// zones that are decided.
    ///
    /// Once a split league's sections are drawn, each team's numbers are within its
    /// section. Before a split the teams meeting after it are not known, so there are
    /// no exact numbers: `None`.
    pub fn magic_numbers(&self, ranges: &[PositionRange]) -> Option<Vec<TeamMagic>> {
        let all: Vec<usize> = (0..self.teams().len()).collect();
        self.magic_numbers_of(ranges, &all)
    }

    /// The same for the teams of index `which` only, in that order.
    pub fn magic_numbers_of(&self, ranges: &[PositionRange], which: &[usize]) -> Option<Vec<TeamMagic>> {
        let n = self.teams().len();
        let zones = self.zones();
        // Each team's league to ask about: the whole league, or its drawn section.
        let mut groups: Vec<(u16, Vec<usize>)> = Vec::new();
        match self.split() {
            None => groups.push((1, (0..n).collect())),
            Some(SplitStage::Drawn { sections, .. }) => {
                groups.extend(sections.iter().map(|s| (s.first, s.members.clone())));
            }
            Some(SplitStage::Pending(_)) => return None,
        }
        let mut magic: Vec<Option<TeamMagic>> = vec![None; n];
        for (first, members) in &groups {
            let mut local = vec![usize::MAX; n];
            for (k, &i) in members.iter().enumerate() {
                local[i] = k;
            }
            let points: Vec<i32> = members.iter().map(|&i| self.points()[i]).collect();
            let fixtures: Vec<(usize, usize)> = self
                .fixtures()
                .iter()
                .filter(|f| local[f.home] != usize::MAX && local[f.away] != usize::MAX)
                .map(|f| (local[f.home], local[f.away]))
                .collect();
            let last = first + members.len() as u16 - 1;
            let asked: Vec<(usize, usize)> = members
                .iter()
                .copied()
                .enumerate()
                .filter(|(_, i)| which.contains(i))
                .collect();
            // Each team and zone is a question of its own: the slow ones (early in a
            // season, near a zone's edge) spread over the threads one at a time.
            let questions: Vec<(usize, usize, usize)> = asked
                .iter()
                .flat_map(|&(k, i)| (0..zones.len()).map(move |z| (k, i, z)))
                .collect();
            let answered: Vec<ZoneMagic> = questions
                .par_iter()
                .with_max_len(1)
                .map(|&(k, i, z)| {
                    let range = ranges[i];
                    let place = crate::zone_boundary(&zones[z], n as u16);
                    if range.exact && range.worst <= place || place >= last {
                        ZoneMagic::Settled
                    } else if range.exact && range.best > place || place < *first {
                        ZoneMagic::OutOfReach
                    } else {
                        magic_numbers(&points, &fixtures, self.scheme(), k, place - first + 1)
                    }
                })
                .collect();
            let answers: Vec<(usize, TeamMagic)> = asked
                .iter()
                .enumerate()
                .map(|(a, &(_, i))| {
                    let zones = zones
                        .iter()
                        .enumerate()
                        .map(|(z, zone)| {
                            let place = crate::zone_boundary(zone, n as u16);
                            (zone.name.clone(), place, answered[a * zones.len() + z])
                        })
                        .collect();
                    (
                        i,
                        TeamMagic {
                            team: self.teams()[i],
                            zones,
                        },
                    )
                })
                .collect();
            for (i, answer) in answers {
                magic[i] = Some(answer);
            }
        }
        Some(which.iter().filter_map(|&i| magic[i].take()).collect())
    }
}

/// The largest `p` in `lo..=hi` with `f(p)`, given `f(lo)` and `f` true up to a point.
fn last_true(mut lo: i64, mut hi: i64, mut f: impl FnMut(i64) -> bool) -> i64 {
    while lo < hi {
        let mid = lo + (hi - lo + 1) / 2;
        if f(mid) { lo = mid } else { hi = mid - 1 }
    }
    lo
}

/// The smallest `p` in `lo..=hi` with `f(p)`, given `f(hi)` and `f` true from a point on.
fn first_true(mut lo: i64, mut hi: i64, mut f: impl FnMut(i64) -> bool) -> i64 {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if f(mid) { hi = mid } else { lo = mid + 1 }
    }
    lo
}

/// One team's question about one place.
struct Question {
    n: usize,
    x: usize,
    place: usize,
    /// Points with the defeat points of every remaining match added: a defeat gains 0.
    base: Vec<i64>,
    fixtures: Vec<(usize, usize)>,
    games: Vec<i64>,
    w: i64,
    d: i64,
}

impl Question {
    fn new(
        points: &[i32],
        fixtures: &[(usize, usize)],
        scheme: PointsScheme,
        x: usize,
        place: usize,
    ) -> Question {
        let n = points.len();
        let loss = i64::from(scheme.loss);
        let mut games = vec![0i64; n];
        for &(a, b) in fixtures {
            games[a] += 1;
            games[b] += 1;
        }
        Question {
            n,
            x,
            place,
            base: (0..n).map(|i| i64::from(points[i]) + loss * games[i]).collect(),
            fixtures: fixtures.to_vec(),
            games,
            w: i64::from(scheme.win) - loss,
            d: i64::from(scheme.draw) - loss,
        }
    }

    /// Whether the team's matches can bring exactly `gain`.
    fn achievable(&self, gain: i64) -> bool {
        crate::bounded::solo_within(self.games[self.x], gain, gain, self.w, self.d)
    }

    /// Whether any outcome giving the team more than `gain` can be turned into one giving
    /// exactly `gain` by downgrading its own results (wins to draws, draws to defeats).
    fn downgrade_reaches(&self, gain: i64) -> bool {
        gain == 0
            || gain == self.w * self.games[self.x]
            || self.w == 2 * self.d
            || (self.d == 1 && gain % self.w <= 1)
    }

    /// Whether any outcome giving the team less than `gain` can be turned into one giving
    /// exactly `gain` by upgrading its own results.
    fn upgrade_reaches(&self, gain: i64) -> bool {
        gain == 0 || gain == self.w * self.games[self.x] || self.w == 2 * self.d
    }

    /// The team's total after gaining `gain`.
    fn total(&self, gain: i64) -> i64 {
        self.base[self.x] + gain
    }

    /// What team `j` is held to with the team on `gain`: the team's own `gain`, any
    /// other team the points from its total to the team's (a cap kept under, a demand
    /// lifted to).
    fn bound_of(&self, j: usize, gain: i64) -> i64 {
        if j == self.x {
            gain
        } else {
            self.total(gain) - self.base[j]
        }
    }

    /// Whether some outcome gives the team at least `gain` and lifts `place` others to
    /// its total after `gain` or beyond.
    fn lifted(&self, gain: i64, budget: &Budget) -> bool {
        let total = self.total(gain);
        let (already, order) = self.to_lift(total);
        if already >= self.place {
            return true;
        }
        let need = self.place - already;
        if order.len() < need {
            return false;
        }
        if !crate::lifted::suits(self.w, self.d) {
            return some_set_of(1 << self.x, &order, need, &mut |set| {
                let (demands, inside) = self.lifted_within(set, gain);
                demands_feasible(demands, inside, self.w, self.d, budget)
            });
        }
        // The clubs left out are chosen by the conflicts the refusals name.
        let spare = bits(&order);
        self.lift_counted(1 << self.x, &order, need, gain, &mut |set| {
            match self.lift_set(set, gain, spare, budget) {
                // Not knowing counts as lifted: the guarantee errs high, marked inexact.
                Lifted::Met | Lifted::Unknown => None,
                Lifted::Refuted(teams) => Some(teams),
            }
        })
    }

    /// [`lift_to`] asked of `set` with the team on `gain` or more, a refusal naming
    /// teams (a bit each, as few of `spare` as it can) by their indices in the league.
    fn lift_set(&self, set: u64, gain: i64, spare: u64, budget: &Budget) -> Lifted {
        let (demands, inside) = self.lifted_within(set, gain);
        let spare = local_teams(set, self.n, spare);
        match lift_to(&demands, &inside, self.w, self.d, spare, budget) {
            Lifted::Refuted(local) => Lifted::Refuted(global_teams(set, self.n, local)),
            other => other,
        }
    }

    /// The question `lifted` asks of `set`: demands for its members (the team's own
    /// `gain`, the others its total after it), less the wins over teams outside the set,
    /// and the matches among them.
    fn lifted_within(&self, set: u64, gain: i64) -> (Vec<i64>, Vec<(u8, u8)>) {
        let (local, members) = local_indices(set, self.n);
        let mut demands: Vec<i64> = members.iter().map(|&j| self.bound_of(j, gain)).collect();
        let mut inside = Vec::new();
        for &(a, b) in &self.fixtures {
            match (set >> a & 1 == 1, set >> b & 1 == 1) {
                (true, true) => inside.push((local[a], local[b])),
                (true, false) => demands[local[a] as usize] -= self.w,
                (false, true) => demands[local[b] as usize] -= self.w,
                (false, false) => {}
            }
        }
        (demands, inside)
    }

    /// The same with the team on exactly `gain`: an outcome that leaves it below the place.
    fn bad(&self, gain: i64, budget: &Budget) -> bool {
        let total = self.total(gain);
        let (already, order) = self.to_lift(total);
        if already >= self.place {
            return self.achievable(gain);
        }
        let need = self.place - already;
        let exact = |set: u64| self.exact_question(set, gain, budget, |j| (total - self.base[j], OPEN), true);
        if order.len() < need || !crate::lifted::suits(self.w, self.d) {
            return some_set_of(1 << self.x, &order, need, &mut |set| exact(set));
        }
        // As `lifted`, with the team on exactly `gain`: a set the relaxation (the team on
        // `gain` or more) refuses is refused here too, and the rest are asked exactly.
        let spare = bits(&order);
        self.lift_counted(1 << self.x, &order, need, gain, &mut |set| match self
            .lift_set(set, gain, spare, budget)
        {
            Lifted::Refuted(teams) => Some(teams),
            Lifted::Met | Lifted::Unknown => (!exact(set)).then_some(set),
        })
    }

    /// Teams on `total` already, and those that could reach it, most room first.
    fn to_lift(&self, total: i64) -> (usize, Vec<usize>) {
        let mut already = 0;
        let mut contested = Vec::new();
        for j in (0..self.n).filter(|&j| j != self.x) {
            let most = self.base[j] + self.w * self.games[j];
            if self.base[j] >= total {
                already += 1;
            } else if most >= total {
                contested.push((most - total, j));
            }
        }
        contested.sort_by_key(|&(room, j)| (std::cmp::Reverse(room), j));
        (already, contested.into_iter().map(|(_, j)| j).collect())
    }

    /// Whether some outcome gives the team at most `gain` and keeps all but `place - 1`
    /// others at or under its total after `gain`.
    fn kept(&self, gain: i64, budget: &Budget) -> bool {
        let total = self.total(gain);
        let Some((always, order, need)) = self.to_keep(total) else {
            return false;
        };
        if !crate::capped::suits(self.w, self.d) {
            return some_set_of(always | 1 << self.x, &order, need, &mut |set| {
                let (caps, inside, _) = self.kept_within(set, gain);
                caps_feasible(caps, inside, self.w, self.d, budget)
            });
        }
        // Only contested teams may go above; naming the others in a refusal helps no one.
        let free = bits(&order);
        self.free_counted(
            always | 1 << self.x,
            &order,
            order.len() - need,
            gain,
            &mut |set| {
                let (caps, inside, _) = self.kept_within(set, gain);
                if caps_met_quickly(caps.clone(), inside.clone(), self.w, self.d, budget) {
                    return None;
                }
                match self.keep_under(set, free, &caps, &inside, budget) {
                    Capped::Kept(_) | Capped::Unknown => None,
                    Capped::Refuted(local) => Some(global_teams(set, self.n, local)),
                }
            },
        )
    }

    /// [`keep_under`] asked of `set`'s caps and matches, the teams of `free` the ones it
    /// may leave out of a refusal.
    fn keep_under(&self, set: u64, free: u64, caps: &[i64], inside: &[(u8, u8)], budget: &Budget) -> Capped {
        keep_under(
            caps,
            inside,
            self.w,
            self.d,
            local_teams(set, self.n, free),
            budget,
        )
    }

    /// The question `kept` asks of `set`: caps for its members (the team's own `gain`,
    /// the others its total after it), the matches among them, and the team's place in it.
    fn kept_within(&self, set: u64, gain: i64) -> (Vec<i64>, Vec<(u8, u8)>, usize) {
        let (local, members) = local_indices(set, self.n);
        let caps: Vec<i64> = members.iter().map(|&j| self.bound_of(j, gain)).collect();
        let inside: Vec<(u8, u8)> = self
            .fixtures
            .iter()
            .filter(|&&(a, b)| set >> a & 1 == 1 && set >> b & 1 == 1)
            .map(|&(a, b)| (local[a], local[b]))
            .collect();
        (caps, inside, local[self.x] as usize)
    }

    /// Whether an outcome keeping `set` within `kept`'s caps can be found in which the
    /// team takes exactly `gain` (`None`), or none can while the teams named stay
    /// within their caps (`Some`, a bit each). Not knowing, it asks the exact question.
    ///
    /// The team's results can be raised after the fact (a defeat to a draw or a win, a
    /// draw to a win) without lifting anyone: its opponents only lose points. So an
    /// outcome with the team at or under `gain` is enough if raising reaches `gain`; and
    /// when none keeps the others down, none does with the team on exactly `gain`.
    fn raised_to(&self, set: u64, gain: i64, free: u64, budget: &Budget) -> Option<u64> {
        let (caps, inside, x) = self.kept_within(set, gain);
        let exact = || {
            let total = self.total(gain);
            let found = self.exact_question(set, gain, budget, |j| (-OPEN, total - self.base[j]), false);
            (!found).then_some(set)
        };
        let defeats = match self.keep_under(set, free, &caps, &inside, budget) {
            Capped::Kept(defeats) => defeats,
            Capped::Refuted(local) => return Some(global_teams(set, self.n, local)),
            Capped::Unknown => return exact(),
        };
        let k = caps.len();
        let lost: i64 = (0..k).map(|v| defeats[x * k + v]).sum();
        let won: i64 = (0..k).map(|u| defeats[u * k + x]).sum();
        let played = inside
            .iter()
            .filter(|&&(a, b)| a as usize == x || b as usize == x)
            .count() as i64;
        let drawn = played - lost - won;
        // Matches against teams outside the set were counted as defeats.
        let outside = self.games[self.x] - played;
        let taken = self.w * won + self.d * drawn;
        let defeats = lost + outside;
        // Raise `short` points: a defeat gives d or w more, a draw w - d more.
        let short = gain - taken;
        let step = self.w - self.d;
        let reaches = (0..=defeats).any(|to_wins| {
            (0..=defeats - to_wins).any(|to_draws| {
                let rest = short - to_wins * self.w - to_draws * self.d;
                rest == 0 || (rest > 0 && step > 0 && rest % step == 0 && rest / step <= drawn)
            })
        });
        if reaches { None } else { exact() }
    }

    /// The same with the team on exactly `gain`: an outcome that puts it at or above the place.
    fn good(&self, gain: i64, budget: &Budget) -> bool {
        let total = self.total(gain);
        let Some((always, order, need)) = self.to_keep(total) else {
            return false;
        };
        if !crate::capped::suits(self.w, self.d) {
            return some_set_of(always | 1 << self.x, &order, need, &mut |set| {
                self.exact_question(set, gain, budget, |j| (-OPEN, total - self.base[j]), false)
            });
        }
        // Only contested teams may go above; naming the others in a refusal helps no one.
        let free = bits(&order);
        self.free_counted(
            always | 1 << self.x,
            &order,
            order.len() - need,
            gain,
            &mut |set| self.raised_to(set, gain, free, budget),
        )
    }

    /// Whether `slots` teams of `order` can be freed (the rest kept with `base` at or
    /// under the team's total after `gain`, the team itself at most `gain`) so that `held`
    /// holds, as [`free_some`] answers it.
    ///
    /// When the sets to free are few enough to list, each is counted first: the kept
    /// teams' matches among themselves hand out at least `2d` points each, and `w - 2d`
    /// more for each one a team must lose because it has fewer points of room than
    /// matches to play; more than their room together refutes the set without a search.
    /// Early in a season, with every club's room small, that refutes every set at once,
    /// where the relaxation's refusals name most of the league. The sets left are asked
    /// the most room first, skipping any that frees no team of a refusal met.
    fn free_counted(
        &self,
        base: u64,
        order: &[usize],
        slots: usize,
        gain: i64,
        held: &mut dyn FnMut(u64) -> Option<u64>,
    ) -> bool {
        let slots = slots.min(order.len());
        if self.d != 1 {
            return free_some(base, order, slots, held);
        }
        let all = base | bits(order);
        // The teams with least room (last in `order`) are likeliest to be the ones above:
        // when freeing them will do, nothing need be listed.
        let likeliest = bits(&order[order.len() - slots..]);
        let Some(first_refusal) = held(all & !likeliest) else {
            return true;
        };
        let among = Among::new(self, all, gain);
        let freeable: Vec<usize> = order.iter().map(|&j| among.local[j]).collect();
        let sets = counted_sets(order.len(), slots, &mut Freed::new(&among, &freeable, self.w));
        let Some(sets) = sets else {
            return free_some(base, order, slots, held);
        };
        let mut refusals: Vec<u64> = vec![first_refusal & (all & !base)];
        for pick in sets {
            let freed = pick_teams(pick, order);
            if refusals.iter().any(|&r| r & freed == 0) {
                continue;
            }
            match held(all & !freed) {
                None => return true,
                Some(conflict) => refusals.push(conflict & (all & !base)),
            }
        }
        false
    }

    /// Whether `need` teams of `order` can be lifted with `base` (to the team's total
    /// after `gain`, the team itself to at least `gain`) so that `held` holds, as
    /// [`free_some`] answers it with the others left out.
    ///
    /// When the sets to lift are few enough to list, each is counted first: its
    /// members' demands, less the wins over the clubs left out, cannot exceed `w` for
    /// each match among them. Early in a season every club's demands are alike, every
    /// set is refused for the same reason, and refusals name sets too small to cut the
    /// search; the count refuses them all at once. The sets left are asked the most room
    /// first, skipping any that holds every team of a refusal met.
    fn lift_counted(
        &self,
        base: u64,
        order: &[usize],
        need: usize,
        gain: i64,
        held: &mut dyn FnMut(u64) -> Option<u64>,
    ) -> bool {
        let all = base | bits(order);
        // The teams with most room (first in `order`) are likeliest to be lifted: when
        // lifting them will do, nothing need be listed.
        let likeliest = bits(&order[..need]);
        let Some(first_refusal) = held(base | likeliest) else {
            return true;
        };
        let among = Among::new(self, all, gain);
        let members: Vec<usize> = (0..among.k)
            .filter(|&l| base >> among.members[l] & 1 == 1)
            .collect();
        let liftable: Vec<usize> = order.iter().map(|&j| among.local[j]).collect();
        let sets = counted_sets(
            order.len(),
            need,
            &mut Lifting::new(&among, &members, &liftable, self.w),
        );
        let Some(sets) = sets else {
            return free_some(base, order, order.len() - need, held);
        };
        let liftable_bits = all & !base;
        let mut refusals: Vec<u64> = vec![first_refusal];
        for pick in sets {
            let lifted = pick_teams(pick, order);
            if refusals.iter().any(|&r| r & liftable_bits & !lifted == 0) {
                continue;
            }
            match held(base | lifted) {
                None => return true,
                Some(conflict) => refusals.push(conflict),
            }
        }
        false
    }

    /// Teams sure to stay at or under `total`, those that might, most room first, and
    /// how many of the latter must; `None` when too many are over it already.
    fn to_keep(&self, total: i64) -> Option<(u64, Vec<usize>, usize)> {
        let mut always = 0u64;
        let mut kept = 0;
        let mut contested = Vec::new();
        for j in (0..self.n).filter(|&j| j != self.x) {
            let room = total - self.base[j];
            if room >= self.w * self.games[j] {
                always |= 1 << j;
                kept += 1;
            } else if room >= 0 {
                contested.push((room - self.w * self.games[j], j));
            }
        }
        let must = self.n - self.place;
        if kept + contested.len() < must {
            return None;
        }
        contested.sort_by_key(|&(room, j)| (std::cmp::Reverse(room), j));
        Some((
            always,
            contested.into_iter().map(|(_, j)| j).collect(),
            must.saturating_sub(kept),
        ))
    }

    /// Whether the team can take exactly `gain` while every other member of `set` stays
    /// within `bound(j)`; teams outside `set` are bound by nothing. Members of a set to
    /// be lifted (`lift`) beat the teams outside it; members of a set to be kept lose to them.
    fn exact_question(
        &self,
        set: u64,
        gain: i64,
        budget: &Budget,
        bound: impl Fn(usize) -> (i64, i64),
        lift: bool,
    ) -> bool {
        let (local, members) = local_indices(set, self.n);
        let k = members.len();
        let mut bounds = Bounds {
            lo: vec![0; k],
            hi: vec![0; k],
            solo: vec![0; k],
        };
        for (l, &j) in members.iter().enumerate() {
            (bounds.lo[l], bounds.hi[l]) = if j == self.x { (gain, gain) } else { bound(j) };
        }
        let x = local[self.x] as usize;
        let mut inside = Vec::new();
        for &(a, b) in &self.fixtures {
            let (in_a, in_b) = (set >> a & 1 == 1, set >> b & 1 == 1);
            let member = match (in_a, in_b) {
                (true, true) => {
                    inside.push((local[a], local[b]));
                    continue;
                }
                (true, false) => local[a] as usize,
                (false, true) => local[b] as usize,
                (false, false) => continue,
            };
            if member == x {
                bounds.solo[x] += 1;
            } else if lift {
                bounds.lo[member] -= self.w;
                bounds.hi[member] -= self.w;
            }
        }
        bounds_feasible(bounds, inside, self.w, self.d, budget)
    }
}

/// Most sets of teams that [`Question::free_counted`] and [`Question::lift_counted`]
/// list and count; beyond it they search by refusals alone.
const COUNTED_SETS: u64 = 40_000;

/// The clubs of a question's set, with each one's value (room or demand) and the
/// matches among them, for counting the sets within it.
struct Among {
    k: usize,
    /// Each team's index among the members (`usize::MAX` outside).
    local: Vec<usize>,
    /// The members' team indices.
    members: Vec<usize>,
    value: Vec<i64>,
    /// Matches between each two members (`a * k + b`).
    between: Vec<i64>,
    /// Each member's matches among the members, and its matches in all.
    games: Vec<i64>,
    all_games: Vec<i64>,
    matches: i64,
}

impl Among {
    fn new(question: &Question, set: u64, gain: i64) -> Among {
        let (local8, members) = local_indices(set, question.n);
        let local: Vec<usize> = (0..question.n)
            .map(|j| {
                if set >> j & 1 == 1 {
                    local8[j] as usize
                } else {
                    usize::MAX
                }
            })
            .collect();
        let k = members.len();
        let mut among = Among {
            k,
            value: members.iter().map(|&j| question.bound_of(j, gain)).collect(),
            all_games: members.iter().map(|&j| question.games[j]).collect(),
            local,
            members,
            between: vec![0; k * k],
            games: vec![0; k],
            matches: 0,
        };
        for &(a, b) in &question.fixtures {
            let (a, b) = (among.local[a], among.local[b]);
            if a != usize::MAX && b != usize::MAX {
                among.between[a * k + b] += 1;
                among.between[b * k + a] += 1;
                among.games[a] += 1;
                among.games[b] += 1;
                among.matches += 1;
            }
        }
        among
    }
}

/// A set counted as [`counted_sets`] walks: members come and go one at a time, and the
/// room the set leaves is asked at each full one.
trait Counted {
    /// Takes the `i`-th candidate in.
    fn enter(&mut self, i: usize);
    /// Takes the `i`-th candidate, the last one in, out again.
    fn leave(&mut self, i: usize);
    /// The room to spare of the set with the `i`-th candidate in too, the set being one
    /// short: negative when the count refutes it.
    fn spare_with(&self, i: usize) -> i64;
    /// At least the room of any set made of this one and `more` candidates: a walk
    /// that cannot reach a set with room turns back.
    fn bound(&self, _more: usize) -> i64 {
        i64::MAX
    }
}

/// The clubs freed from a kept set ([`Question::free_counted`]), with what the kept
/// rest is left with: their matches among themselves, their room, and each one's
/// matches left among them.
struct Freed<'a> {
    among: &'a Among,
    freeable: &'a [usize],
    w: i64,
    freed: Vec<usize>,
    is_freed: Vec<bool>,
    matches: i64,
    room: i64,
    left: Vec<i64>,
    /// The members with fewer points of room than matches among the set: the only ones
    /// that may have to lose.
    tight: Vec<usize>,
    /// The most each freeable team can add to the room by being freed (its matches' two
    /// points each, less its own room), largest first.
    gains: Vec<i64>,
}

impl<'a> Freed<'a> {
    fn new(among: &'a Among, freeable: &'a [usize], w: i64) -> Freed<'a> {
        Freed {
            among,
            freeable,
            w,
            freed: Vec::new(),
            is_freed: vec![false; among.k],
            matches: among.matches,
            room: among.value.iter().sum(),
            left: among.games.clone(),
            tight: (0..among.k)
                .filter(|&j| among.games[j] > among.value[j])
                .collect(),
            gains: {
                let mut gains: Vec<i64> = freeable
                    .iter()
                    .map(|&f| 2 * among.games[f] - among.value[f])
                    .collect();
                gains.sort_unstable_by_key(|&g| std::cmp::Reverse(g));
                gains
            },
        }
    }
}

impl Counted for Freed<'_> {
    fn enter(&mut self, i: usize) {
        let (k, f) = (self.among.k, self.freeable[i]);
        let row = &self.among.between[f * k..(f + 1) * k];
        // Its matches against teams freed before it are gone already.
        self.matches -= self.among.games[f] - self.freed.iter().map(|&g| row[g]).sum::<i64>();
        self.room -= self.among.value[f];
        for (l, &b) in self.left.iter_mut().zip(row) {
            *l -= b;
        }
        self.freed.push(f);
        self.is_freed[f] = true;
    }

    fn leave(&mut self, i: usize) {
        let (k, f) = (self.among.k, self.freeable[i]);
        let row = &self.among.between[f * k..(f + 1) * k];
        self.freed.pop();
        self.is_freed[f] = false;
        self.matches += self.among.games[f] - self.freed.iter().map(|&g| row[g]).sum::<i64>();
        self.room += self.among.value[f];
        for (l, &b) in self.left.iter_mut().zip(row) {
            *l += b;
        }
    }

    fn spare_with(&self, i: usize) -> i64 {
        let (k, f) = (self.among.k, self.freeable[i]);
        let row = &self.among.between[f * k..(f + 1) * k];
        let matches = self.matches - self.among.games[f] + self.freed.iter().map(|&g| row[g]).sum::<i64>();
        let spare = self.room - self.among.value[f] - 2 * matches;
        // Defeats only take room away: a set already short needs no more counting.
        if spare < 0 || self.w == 2 {
            return spare;
        }
        let forced_defeats: i64 = self
            .tight
            .iter()
            .filter(|&&j| j != f && !self.is_freed[j])
            .map(|&j| (self.left[j] - row[j] - self.among.value[j]).max(0))
            .sum();
        spare - (self.w - 2) * forced_defeats
    }

    fn bound(&self, more: usize) -> i64 {
        // Freeing a team takes its room away and at most all its matches.
        self.room - 2 * self.matches + self.gains.iter().take(more).map(|&g| g.max(0)).sum::<i64>()
    }
}

/// The clubs lifted with the team ([`Question::lift_counted`]), with their matches
/// among themselves and each member's matches within the set.
struct Lifting<'a> {
    among: &'a Among,
    liftable: &'a [usize],
    w: i64,
    inside: Vec<usize>,
    matches: i64,
    within: Vec<i64>,
}

impl<'a> Lifting<'a> {
    fn new(among: &'a Among, members: &[usize], liftable: &'a [usize], w: i64) -> Lifting<'a> {
        let mut lifting = Lifting {
            among,
            liftable,
            w,
            inside: Vec::new(),
            matches: 0,
            within: vec![0; among.k],
        };
        for &m in members {
            lifting.add(m);
        }
        lifting
    }

    fn add(&mut self, a: usize) {
        let k = self.among.k;
        let row = &self.among.between[a * k..(a + 1) * k];
        self.matches += self.inside.iter().map(|&b| row[b]).sum::<i64>();
        for (c, &b) in self.within.iter_mut().zip(row) {
            *c += b;
        }
        self.inside.push(a);
    }
}

impl Counted for Lifting<'_> {
    fn enter(&mut self, i: usize) {
        self.add(self.liftable[i]);
    }

    fn leave(&mut self, i: usize) {
        let (k, a) = (self.among.k, self.liftable[i]);
        let row = &self.among.between[a * k..(a + 1) * k];
        self.inside.pop();
        self.matches -= self.inside.iter().map(|&b| row[b]).sum::<i64>();
        for (c, &b) in self.within.iter_mut().zip(row) {
            *c -= b;
        }
    }

    fn spare_with(&self, i: usize) -> i64 {
        let (k, a) = (self.among.k, self.liftable[i]);
        let row = &self.among.between[a * k..(a + 1) * k];
        let matches = self.matches + self.inside.iter().map(|&b| row[b]).sum::<i64>();
        // Each member beats everyone outside the set: what is left of its demand falls
        // on the matches within it.
        let unmet = |j: usize, within: i64| {
            (self.among.value[j] - self.w * (self.among.all_games[j] - within)).max(0)
        };
        let demands: i64 = self
            .inside
            .iter()
            .map(|&j| unmet(j, self.within[j] + row[j]))
            .sum::<i64>()
            + unmet(a, self.within[a] + row[a]);
        self.w * matches - demands
    }
}

/// Every set of `size` of `0..n` (a bit each) that `counted` leaves room to spare (zero
/// or more), the most room first; `None` when there are more than [`COUNTED_SETS`].
/// The sets are walked depth first, each member entered once for all the sets that
/// share the ones before it.
fn counted_sets(n: usize, size: usize, counted: &mut impl Counted) -> Option<Vec<u64>> {
    if combinations(n, size) > COUNTED_SETS {
        return None;
    }
    if size == 0 {
        // Nothing to choose: the one empty set, asked as it stands.
        return Some(vec![0]);
    }
    let mut sets: Vec<(i64, u64)> = Vec::new();
    walk(counted, n, size, 0, 0, &mut sets);
    sets.sort_unstable_by_key(|&(room, pick)| (std::cmp::Reverse(room), pick));
    Some(sets.into_iter().map(|(_, pick)| pick).collect())
}

fn walk(
    counted: &mut impl Counted,
    n: usize,
    left: usize,
    from: usize,
    pick: u64,
    sets: &mut Vec<(i64, u64)>,
) {
    if left == 1 {
        for i in from..n {
            let room = counted.spare_with(i);
            if room >= 0 {
                sets.push((room, pick | 1 << i));
            }
        }
        return;
    }
    if counted.bound(left) < 0 {
        return;
    }
    for i in from..=n - left {
        counted.enter(i);
        walk(counted, n, left - 1, i + 1, pick | 1 << i, sets);
        counted.leave(i);
    }
}

/// The teams of `order` picked by `pick`'s bits (indices into `order`).
fn pick_teams(pick: u64, order: &[usize]) -> u64 {
    order
        .iter()
        .enumerate()
        .filter(|&(i, _)| pick >> i & 1 == 1)
        .fold(0u64, |m, (_, &j)| m | 1 << j)
}

/// `n` choose `k`, saturating.
fn combinations(n: usize, k: usize) -> u64 {
    let k = k.min(n - k) as u64;
    (0..k).fold(1u64, |c, i| c.saturating_mul(n as u64 - i) / (i + 1))
}

/// Whether at most `slots` teams of `order` can be left out of `base` with all of
/// `order` so that `held` holds the rest: `held` answers `None` when it can, else names
/// teams (a bit each) of which one at least must be left out. Each refusal is branched
/// on, one team freed in each branch and those before it kept, so no set is asked twice;
/// and every refusal met is remembered, so a branch that cannot free one team of each
/// (more disjoint refusals than it has slots) is cut before it asks anything.
fn free_some(base: u64, order: &[usize], slots: usize, held: &mut dyn FnMut(u64) -> Option<u64>) -> bool {
    let all = bits(order);
    let mut refusals = Vec::new();
    free_from(base, order, all, 0, 0, slots, held, &mut refusals)
}

#[allow(clippy::too_many_arguments)]
fn free_from(
    base: u64,
    order: &[usize],
    all: u64,
    freed: u64,
    kept: u64,
    slots: usize,
    held: &mut dyn FnMut(u64) -> Option<u64>,
    refusals: &mut Vec<u64>,
) -> bool {
    if too_many_refusals(refusals, freed, kept, slots) {
        return false;
    }
    let Some(conflict) = held(base | (all & !freed)) else {
        return true;
    };
    refusals.push(conflict & all);
    if slots == 0 {
        return false;
    }
    let mut kept = kept;
    // The teams with least room (last in `order`) are likeliest to be the ones above.
    for &j in order.iter().rev() {
        let bit = 1u64 << j;
        if conflict & bit == 0 || freed & bit != 0 || kept & bit != 0 {
            continue;
        }
        if free_from(base, order, all, freed | bit, kept, slots - 1, held, refusals) {
            return true;
        }
        kept |= bit;
    }
    false
}

/// Whether the refusals not yet answered by a freed team need more than `slots` teams
/// freed: one of them has no team left to free, or more than `slots` share none.
fn too_many_refusals(refusals: &[u64], freed: u64, kept: u64, slots: usize) -> bool {
    let mut open: Vec<u64> = refusals
        .iter()
        .filter(|&&r| r & freed == 0)
        .map(|&r| r & !kept)
        .collect();
    if open.contains(&0) {
        return true;
    }
    open.sort_by_key(|r| r.count_ones());
    let mut used = 0u64;
    let mut disjoint = 0;
    for r in open {
        if r & used == 0 {
            used |= r;
            disjoint += 1;
            if disjoint > slots {
                return true;
            }
        }
    }
    false
}

/// The teams (indices) as a set, a bit each.
fn bits(teams: &[usize]) -> u64 {
    teams.iter().fold(0u64, |m, &j| m | 1 << j)
}

/// The bits, indexed as the members of `set`, of its teams in `teams`.
fn local_teams(set: u64, n: usize, teams: u64) -> u64 {
    let (_, members) = local_indices(set, n);
    members
        .iter()
        .enumerate()
        .filter(|&(_, &j)| teams >> j & 1 == 1)
        .fold(0u64, |m, (l, _)| m | 1 << l)
}

/// The teams of `set` named by `local` bits, indexed as in the set's members.
fn global_teams(set: u64, n: usize, local: u64) -> u64 {
    let (_, members) = local_indices(set, n);
    members
        .iter()
        .enumerate()
        .filter(|&(l, _)| local >> l & 1 == 1)
        .fold(0u64, |m, (_, &j)| m | 1 << j)
}

/// Whether `need` of `order` can join `base` with `feasible` still true (`feasible` is
/// closed under subsets and true of `base`).
fn some_set_of(base: u64, order: &[usize], need: usize, feasible: &mut dyn FnMut(u64) -> bool) -> bool {
    if need == 0 {
        return feasible(base);
    }
    if order.len() < need {
        return false;
    }
    let all = base | bits(order);
    if feasible(all) {
        return true;
    }
    if order.len() == need {
        return false;
    }
    grow(base, 0, order, need, feasible)
}

fn grow(set: u64, i: usize, order: &[usize], need: usize, feasible: &mut dyn FnMut(u64) -> bool) -> bool {
    if need == 0 {
        return true;
    }
    if order.len() - i < need {
        return false;
    }
    let with = set | 1 << order[i];
    (feasible(with) && grow(with, i + 1, order, need - 1, feasible))
        || grow(set, i + 1, order, need, feasible)
}

/// Magic numbers for every team (outer) and place (inner, from 1) by trying every
/// outcome of `fixtures`: the reference the searches are checked against, for a dozen
/// fixtures or so.
pub fn magic_numbers_by_enumeration(
    points: &[i32],
    fixtures: &[(usize, usize)],
    scheme: PointsScheme,
) -> Vec<Vec<ZoneMagic>> {
    let n = points.len();
    // Per team and place: the most points taken in an outcome leaving it below the
    // place, and the fewest in one putting it there.
    let mut worst_bad: Vec<Vec<Option<i32>>> = vec![vec![None; n]; n];
    let mut best_good: Vec<Vec<Option<i32>>> = vec![vec![None; n]; n];
    let mut finals = vec![0i32; n];
    let mut gains = vec![0i32; n];
    for code in 0..3usize.pow(fixtures.len() as u32) {
        finals.copy_from_slice(points);
        gains.fill(0);
        let mut c = code;
        for &(h, a) in fixtures {
            let (ph, pa) = match c % 3 {
                0 => (scheme.win, scheme.loss),
                1 => (scheme.draw, scheme.draw),
                _ => (scheme.loss, scheme.win),
            };
            finals[h] += i32::from(ph);
            finals[a] += i32::from(pa);
            gains[h] += i32::from(ph);
            gains[a] += i32::from(pa);
            c /= 3;
        }
        for x in 0..n {
            let level_or_above = (0..n).filter(|&j| j != x && finals[j] >= finals[x]).count();
            let above = (0..n).filter(|&j| j != x && finals[j] > finals[x]).count();
            for place in 1..=n {
                if level_or_above >= place {
                    worst_bad[x][place - 1] = worst_bad[x][place - 1].max(Some(gains[x]));
                }
                if above < place {
                    let best = &mut best_good[x][place - 1];
                    *best = Some(best.map_or(gains[x], |g| g.min(gains[x])));
                }
            }
        }
    }
    let (w, d, l) = (
        i32::from(scheme.win),
        i32::from(scheme.draw),
        i32::from(scheme.loss),
    );
    (0..n)
        .map(|x| {
            let own = fixtures.iter().filter(|&&(a, b)| a == x || b == x).count() as i32;
            let achievable = |p: i32| {
                (0..=own).any(|wins| {
                    (0..=own - wins).any(|draws| w * wins + d * draws + l * (own - wins - draws) == p)
                })
            };
            (0..n)
                .map(|p| match (best_good[x][p], worst_bad[x][p]) {
                    (None, _) => ZoneMagic::OutOfReach,
                    (Some(_), None) => ZoneMagic::Settled,
                    (Some(still_possible), Some(worst)) => ZoneMagic::Open(MagicNumbers {
                        guarantee: (worst + 1..=w * own).find(|&p| achievable(p)),
                        still_possible,
                        available: w * own,
                        guarantee_exact: true,
                        still_possible_exact: true,
                    }),
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::random_league;
    use rand::rngs::Xoshiro256PlusPlus;
    use rand::{RngExt, SeedableRng};

    #[test]
    fn agrees_with_enumeration_for_every_team_and_place() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(20);
        for scheme in [PointsScheme::THREE, PointsScheme::TWO] {
            for round in 0..300 {
                let n = rng.random_range(3..=6);
                let left = rng.random_range(0..=9);
                let spread = [3, 6, 10][round % 3];
                let (points, fixtures) = random_league(&mut rng, n, left, spread);
                let brute = magic_numbers_by_enumeration(&points, &fixtures, scheme);
                for (x, expected_of) in brute.iter().enumerate() {
                    for place in 1..=n as u16 {
                        let searched = magic_numbers(&points, &fixtures, scheme, x, place);
                        let expected = expected_of[usize::from(place) - 1];
                        assert_eq!(
                            searched, expected,
                            "{scheme} team {x} place {place}: {points:?} {fixtures:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn agrees_with_enumeration_in_larger_leagues() {
        // Eight clubs and up to ten matches: the sets of clubs freed or lifted are many
        // enough for the counted listing and the conflicts to matter.
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(21);
        for round in 0..24 {
            let scheme = [PointsScheme::THREE, PointsScheme::TWO][round % 2];
            let n = rng.random_range(7..=8);
            let left = rng.random_range(6..=10);
            let (points, fixtures) = random_league(&mut rng, n, left, [2, 4][round % 2]);
            let brute = magic_numbers_by_enumeration(&points, &fixtures, scheme);
            for (x, expected_of) in brute.iter().enumerate() {
                for place in 1..=n as u16 {
                    let searched = magic_numbers(&points, &fixtures, scheme, x, place);
                    assert_eq!(
                        searched,
                        expected_of[usize::from(place) - 1],
                        "{scheme} team {x} place {place}: {points:?} {fixtures:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_team_level_with_its_rival() {
        // Two teams on 10 meet once more; the second then plays a third, on 4. Team 0
        // cannot be sure of first: winning takes it to 13, which team 1 can equal by
        // beating team 2. A draw keeps first possible (team 1 may lose to team 2).
        let magic = magic_numbers(&[10, 10, 4], &[(0, 1), (1, 2)], PointsScheme::THREE, 0, 1);
        assert_eq!(
            magic,
            ZoneMagic::Open(MagicNumbers {
                guarantee: None,
                still_possible: 1,
                available: 3,
                guarantee_exact: true,
                still_possible_exact: true
            })
        );
        // For second place, it is sure with a draw, and a defeat keeps it possible.
        let second = magic_numbers(&[10, 10, 4], &[(0, 1), (1, 2)], PointsScheme::THREE, 0, 2);
        assert_eq!(second, ZoneMagic::Settled);
        assert_eq!(
            magic_numbers(&[10, 10, 4], &[(0, 1), (1, 2)], PointsScheme::THREE, 2, 1),
            ZoneMagic::OutOfReach
        );
    }
}
