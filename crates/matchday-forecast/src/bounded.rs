//! Whether matches can be decided so that every team's gain falls between two bounds.
//!
//! The position searches ask one-sided questions: can these teams all be kept at or
//! under a total (caps), or all lifted to one (demands). A magic number needs a team to
//! take an *exact* number of points while others are kept down or lifted up, so its
//! last step asks both at once. This search is plain branch and bound with the forcing
//! rules and flow relaxations of the one-sided searches as pruning; it is only asked
//! a handful of questions per team, after the one-sided searches narrowed the answer.

use crate::positions::{Budget, Network, cap_units, demand_units, games_of};

/// A bound no gain reaches: a team with it has no cap (or, negated, no demand).
pub(crate) const OPEN: i64 = i64::MAX / 4;

/// What each team must gain from the matches left: at least `lo[j]` and at most
/// `hi[j]` points (relative to losing every match), counting `solo[j]` matches against
/// teams bound by nothing, whose results the team may choose freely.
#[derive(Debug, Clone)]
pub(crate) struct Bounds {
    pub(crate) lo: Vec<i64>,
    pub(crate) hi: Vec<i64>,
    pub(crate) solo: Vec<i64>,
}

/// Whether `matches` can be decided so that every team's gain lies within `bounds`,
/// a win being worth `w` and a draw `d` more than a defeat. Running out of `budget`
/// answers `true`: the caller treats that answer as unproven.
pub(crate) fn bounds_feasible(
    mut bounds: Bounds,
    mut matches: Vec<(u8, u8)>,
    w: i64,
    d: i64,
    budget: &Budget,
) -> bool {
    if !budget.spend() {
        return true;
    }
    let k = bounds.lo.len();
    let mut games = games_of(k, &matches);
    loop {
        let most = |b: &Bounds, games: &[i64], j: usize| w * (games[j] + b.solo[j]);
        if (0..k).any(|j| bounds.hi[j] < 0 || bounds.lo[j] > most(&bounds, &games, j)) {
            return false;
        }
        // Matches against teams bound by nothing cost no one: a team with no demand
        // takes nothing from them, a team with no cap everything.
        let mut changed = false;
        for j in 0..k {
            if bounds.solo[j] == 0 {
                continue;
            }
            if bounds.lo[j] <= 0 {
                bounds.solo[j] = 0;
                changed = true;
            } else if bounds.hi[j] >= most(&bounds, &games, j) {
                let all = w * bounds.solo[j];
                bounds.lo[j] -= all;
                bounds.hi[j] -= all;
                bounds.solo[j] = 0;
                changed = true;
            }
        }
        if changed {
            continue;
        }
        // A team bound by nothing hands each opponent the choice of their match's result.
        if let Some(j) =
            (0..k).find(|&j| games[j] > 0 && bounds.lo[j] <= 0 && bounds.hi[j] >= most(&bounds, &games, j))
        {
            matches.retain(|&(a, b)| {
                let (a, b) = (a as usize, b as usize);
                if a != j && b != j {
                    return true;
                }
                bounds.solo[if a == j { b } else { a }] += 1;
                false
            });
            games = games_of(k, &matches);
            continue;
        }
        // A team that cannot take even a draw's points loses every match; one that
        // needs more than anything short of winning out wins every match.
        let loses = |b: &Bounds, j: usize| b.hi[j] < d.min(w);
        let wins = |b: &Bounds, games: &[i64], j: usize| w > d && b.lo[j] > most(b, games, j) - (w - d);
        let Some(j) = (0..k).find(|&j| games[j] > 0 && (loses(&bounds, j) || wins(&bounds, &games, j)))
        else {
            break;
        };
        let j_wins = !loses(&bounds, j);
        if j_wins {
            let all = w * (games[j] + bounds.solo[j]);
            bounds.lo[j] -= all;
            bounds.hi[j] -= all;
        }
        bounds.solo[j] = 0;
        matches.retain(|&(a, b)| {
            let (a, b) = (a as usize, b as usize);
            if a != j && b != j {
                return true;
            }
            let other = if a == j { b } else { a };
            if !j_wins {
                bounds.lo[other] -= w;
                bounds.hi[other] -= w;
            }
            false
        });
        games = games_of(k, &matches);
    }
    if matches.is_empty() {
        return (0..k).all(|j| solo_within(bounds.solo[j], bounds.lo[j], bounds.hi[j], w, d));
    }
    if !demands_may_hold(&bounds, &matches, &games, w, d) || !caps_may_hold(&bounds, &matches, &games, w, d) {
        return false;
    }
    // Branch on the tightest team's first match: the team closest to a bound.
    let slack = |j: usize| {
        let over = bounds.hi[j].saturating_sub(d * games[j]);
        let under = (w * (games[j] + bounds.solo[j])).saturating_sub(bounds.lo[j].max(0));
        over.min(under)
    };
    let tight = (0..k)
        .filter(|&j| games[j] > 0)
        .min_by_key(|&j| (slack(j), j))
        .expect("a match is left");
    let m = matches
        .iter()
        .position(|&(a, b)| a as usize == tight || b as usize == tight)
        .expect("the team has a match");
    let (a, b) = matches.swap_remove(m);
    let (a, b) = (a as usize, b as usize);
    // A team short of its demand tries winning first; one near its cap, losing.
    let needs = bounds.lo[tight] > 0 && bounds.hi[tight] >= OPEN;
    let tight_home = a == tight;
    let mut outcomes = [(w, 0), (d, d), (0, w)];
    if needs != tight_home {
        outcomes.reverse();
    }
    outcomes.into_iter().any(|(to_a, to_b)| {
        let mut next = bounds.clone();
        next.lo[a] -= to_a;
        next.hi[a] -= to_a;
        next.lo[b] -= to_b;
        next.hi[b] -= to_b;
        bounds_feasible(next, matches.clone(), w, d, budget)
    })
}

/// Whether some results of `solo` free matches give a gain within `lo..=hi`.
pub(crate) fn solo_within(solo: i64, lo: i64, hi: i64, w: i64, d: i64) -> bool {
    let lo = lo.max(0);
    (0..=solo).any(|wins| {
        let base = w * wins;
        let draws = solo - wins;
        if d == 0 {
            return lo <= base && base <= hi;
        }
        // The fewest draws reaching `lo`, and whether that stays within `hi`.
        let fewest = if base >= lo { 0 } else { (lo - base + d - 1) / d };
        fewest <= draws && base + d * fewest <= hi
    })
}

/// A necessary condition on the demands alone: the flow of points to the teams that
/// need them, as the demand search relaxes it.
fn demands_may_hold(bounds: &Bounds, matches: &[(u8, u8)], games: &[i64], w: i64, d: i64) -> bool {
    let k = bounds.lo.len();
    let need: Vec<i64> = (0..k)
        .map(|j| (bounds.lo[j] - w * bounds.solo[j]).max(0))
        .collect();
    if need.iter().all(|&n| n == 0) {
        return true;
    }
    if (0..k).any(|j| need[j] > w * games[j]) {
        return false;
    }
    if d > 0 && w >= 2 * d {
        // A draw is `d` units to each side and a win `2d` to the winner.
        let units = 2 * d;
        let need_units: Vec<i64> = need.iter().map(|&x| demand_units(x, w, d)).collect();
        let mut net = Network::bipartite(matches, units, &vec![units; k], &need_units);
        return net.max_flow() >= need_units.iter().sum::<i64>();
    }
    let mut net = Network::bipartite(matches, w.max(2 * d), &vec![w; k], &need);
    net.max_flow() >= need.iter().sum::<i64>()
}

/// A necessary condition on the caps alone: every match hands out its units, each
/// team taking no more than its cap allows, as the cap search relaxes it.
fn caps_may_hold(bounds: &Bounds, matches: &[(u8, u8)], games: &[i64], w: i64, d: i64) -> bool {
    let k = bounds.hi.len();
    let units = if w >= 2 * d { 2 * d } else { w };
    if units == 0 {
        return true;
    }
    let sink: Vec<i64> = (0..k)
        .map(|j| {
            let cap = bounds.hi[j].min(w * games[j]);
            cap_units(cap, games[j], w, d).min(units * games[j])
        })
        .collect();
    let side: Vec<i64> = (0..k)
        .map(|j| if bounds.hi[j] >= w { units } else { d.min(units) })
        .collect();
    let mut net = Network::bipartite(matches, units, &side, &sink);
    net.max_flow() >= units * matches.len() as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::positions::NODES_PER_QUESTION;
    use rand::rngs::Xoshiro256PlusPlus;
    use rand::{RngExt, SeedableRng};

    /// Every outcome of `matches`, and whether one keeps every gain within bounds.
    fn by_enumeration(bounds: &Bounds, matches: &[(u8, u8)], w: i64, d: i64) -> bool {
        let k = bounds.lo.len();
        (0..3usize.pow(matches.len() as u32)).any(|code| {
            let mut gain = vec![0i64; k];
            let mut c = code;
            for &(a, b) in matches {
                let (ga, gb) = [(w, 0), (d, d), (0, w)][c % 3];
                gain[a as usize] += ga;
                gain[b as usize] += gb;
                c /= 3;
            }
            (0..k).all(|j| {
                solo_within(
                    bounds.solo[j],
                    bounds.lo[j] - gain[j],
                    bounds.hi[j] - gain[j],
                    w,
                    d,
                )
            })
        })
    }

    #[test]
    fn agrees_with_enumeration() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
        for (w, d) in [(3, 1), (2, 1)] {
            for _ in 0..3000 {
                let k = rng.random_range(2..=5usize);
                let m = rng.random_range(0..=7usize);
                let matches: Vec<(u8, u8)> = (0..m)
                    .map(|_| {
                        let a = rng.random_range(0..k);
                        let b = (a + rng.random_range(1..k)) % k;
                        (a as u8, b as u8)
                    })
                    .collect();
                let mut bounds = Bounds {
                    lo: vec![-OPEN; k],
                    hi: vec![OPEN; k],
                    solo: vec![0; k],
                };
                for j in 0..k {
                    match rng.random_range(0..4) {
                        0 => bounds.lo[j] = rng.random_range(0..=8),
                        1 => bounds.hi[j] = rng.random_range(0..=8),
                        2 => {
                            let v = rng.random_range(0..=8);
                            bounds.lo[j] = v;
                            bounds.hi[j] = v;
                            bounds.solo[j] = rng.random_range(0..=2);
                        }
                        _ => {}
                    }
                }
                let budget = Budget::new(NODES_PER_QUESTION);
                assert_eq!(
                    bounds_feasible(bounds.clone(), matches.clone(), w, d, &budget),
                    by_enumeration(&bounds, &matches, w, d),
                    "{w}-{d}: {bounds:?} {matches:?}"
                );
                assert!(!budget.exhausted());
            }
        }
    }

    #[test]
    fn free_matches_give_any_total_but_one_short_of_winning_all() {
        // Two free matches under 3-1-0: 0, 1, 2, 3, 4 and 6 points, never 5.
        let reachable: Vec<i64> = (0..=6).filter(|&p| solo_within(2, p, p, 3, 1)).collect();
        assert_eq!(reachable, [0, 1, 2, 3, 4, 6]);
    }
}
