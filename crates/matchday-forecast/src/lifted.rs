//! Lifting teams to demands, with a refusal that names the teams responsible.
//!
//! The guarantee of a magic number asks whether some outcome lifts enough other clubs
//! to the team's total: which clubs, among many, is the hard part. Asking it set by set
//! grows sets one club at a time, and early in a season every small set can be lifted,
//! so a refusal only shows near the full sets, after thousands of questions. Here a
//! set's question answers with the clubs whose demands cannot all be met together, so
//! the search ([`crate::magic`]) leaves one of them out and never asks a set holding
//! them all again.
//!
//! The relaxation: when a win is worth at least two draws (`w >= 2d`), a match can
//! hand out at most `w` points, split any way between its sides; every real result
//! lies within that. So demands that the matches' `w` points each cannot meet (a flow
//! short of them) cannot be met, and the minimum cut names a set `R` of teams whose
//! demands exceed `w` times the matches touching `R`. That stays true whoever else is
//! lifted: a club left out is beaten by `R`, which takes the points those matches
//! were already counted at.

use crate::positions::{Budget, Network, demands_feasible};

/// What [`lift_to`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lifted {
    /// Some outcome meets every demand.
    Met,
    /// No outcome meets them while the teams named (a bit each) all keep their demands.
    Refuted(u64),
    /// The search ran out of nodes.
    Unknown,
}

/// Whether the relaxation suits the scheme: a win worth at least two draws.
pub(crate) fn suits(w: i64, d: i64) -> bool {
    w > 0 && w >= 2 * d
}

/// Whether `matches` (among `demands.len()` teams) can be decided so that each team
/// gains at least its demand; a refusal names teams whose demands conflict, as few of
/// `spare` (the teams a search may leave out) as it can.
pub(crate) fn lift_to(
    demands: &[i64],
    matches: &[(u8, u8)],
    w: i64,
    d: i64,
    spare: u64,
    budget: &Budget,
) -> Lifted {
    debug_assert!(suits(w, d), "a win worth at least two draws");
    // Each relaxation solved is a node of the search.
    if !budget.spend() {
        return Lifted::Unknown;
    }
    let k = demands.len();
    let need: Vec<i64> = demands.iter().map(|&x| x.max(0)).collect();
    let mut net = Network::bipartite(matches, w, &vec![w; k], &need);
    if net.max_flow() < need.iter().sum::<i64>() {
        return Lifted::Refuted(fewest_short(&need, matches, w, net.short_teams(k), spare));
    }
    // The relaxation is met; whether whole results can meet it is the exact search's.
    let met = demands_feasible(demands.to_vec(), matches.to_vec(), w, d, budget);
    if budget.exhausted() {
        Lifted::Unknown
    } else if met {
        Lifted::Met
    } else {
        // Lifting more teams is only harder, so every team of the set is to blame.
        Lifted::Refuted((0..k).fold(0u64, |m, j| m | 1 << j))
    }
}

/// Of the teams `short` (whose demands `need` exceed `w` points for each match touching
/// them), fewer that still do, with as few of `spare` as a pass dropping each in turn
/// finds. The cut names every team left short, and one team asking for more than its
/// matches hold is refusal enough: naming the rest too would only make a search try
/// leaving each of them out.
fn fewest_short(need: &[i64], matches: &[(u8, u8)], w: i64, short: u64, spare: u64) -> u64 {
    let exceeds = |set: u64| {
        let touching = matches
            .iter()
            .filter(|&&(a, b)| set >> a & 1 == 1 || set >> b & 1 == 1)
            .count() as i64;
        let asked: i64 = (0..need.len())
            .filter(|&j| set >> j & 1 == 1)
            .map(|j| need[j])
            .sum();
        asked > w * touching
    };
    let mut dropped: Vec<usize> = (0..need.len()).filter(|&j| short & spare >> j & 1 == 1).collect();
    // The teams asking least go first: those asking most are likeliest to be the conflict.
    dropped.sort_by_key(|&j| (need[j], j));
    dropped.into_iter().fold(short, |set, j| {
        if exceeds(set & !(1 << j)) {
            set & !(1 << j)
        } else {
            set
        }
    })
}
