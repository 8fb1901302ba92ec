//! The magic numbers as integer programmes, for the questions the searches leave open.
//!
//! In mid-season the cap search can run out of nodes near a club's "still possible"
//! number (and, early on, the exact step of a guarantee). An integer programme over the
//! same question, solved by `microlp`'s branch and bound on its linear relaxation,
//! often settles it in milliseconds: one binary per result of every match left, and one
//! per other club saying whether it may finish above (or must reach) the club's total.
//! It is asked under a time limit; only a proved optimum is used.

use std::time::Duration;

use microlp::{ComparisonOp, LinearExpr, OptimizationDirection, Problem, SolveOutcome, Variable};

/// Which number to find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Asked {
    /// The fewest points the club can take with at most `place - 1` others above it.
    StillPossible,
    /// The most points the club can take with `place` others level with it or above.
    WorstBad,
}

/// The league the programme is about: points with the defeat points of every match
/// left added (`base`), those matches, and what a win and a draw add to a defeat.
pub(crate) struct Remaining<'a> {
    pub(crate) base: &'a [i64],
    pub(crate) fixtures: &'a [(usize, usize)],
    pub(crate) w: i64,
    pub(crate) d: i64,
}

/// The answer to `asked` for club `x` and `place`, in points gained relative to losing
/// every match, or `None` when the solver gave no proved optimum within `limit` (or no
/// outcome fits).
pub(crate) fn solve(
    league: &Remaining<'_>,
    x: usize,
    place: usize,
    asked: Asked,
    limit: Duration,
) -> Option<i64> {
    let Remaining { base, fixtures, w, d } = *league;
    let n = base.len();
    let direction = match asked {
        Asked::StillPossible => OptimizationDirection::Minimize,
        Asked::WorstBad => OptimizationDirection::Maximize,
    };
    let mut problem = Problem::new(direction);
    problem.set_time_limit(limit);
    let (w, d) = (w as f64, d as f64);
    // Each match: home win, draw, away win; exactly one.
    let mut results: Vec<[Variable; 3]> = Vec::with_capacity(fixtures.len());
    for &(home, away) in fixtures {
        let gain = |to_home: f64, to_away: f64| {
            (if home == x { to_home } else { 0.0 }) + (if away == x { to_away } else { 0.0 })
        };
        let r = [
            problem.add_binary_var(gain(w, 0.0)),
            problem.add_binary_var(gain(d, d)),
            problem.add_binary_var(gain(0.0, w)),
        ];
        problem.add_constraint([(r[0], 1.0), (r[1], 1.0), (r[2], 1.0)], ComparisonOp::Eq, 1.0);
        results.push(r);
    }
    // A club's gain, as coefficients on the result variables.
    let gain_of = |j: usize, sign: f64, into: &mut Vec<(Variable, f64)>| {
        for (k, &(home, away)) in fixtures.iter().enumerate() {
            if home == j {
                into.push((results[k][0], sign * w));
                into.push((results[k][1], sign * d));
            }
            if away == j {
                into.push((results[k][2], sign * w));
                into.push((results[k][1], sign * d));
            }
        }
    };
    // Large enough to switch a comparison off: more than any two clubs' gap can be.
    let most = fixtures.len() as f64 * w;
    let spread = base.iter().max().copied().unwrap_or(0) - base.iter().min().copied().unwrap_or(0);
    let big = 2.0 * most + spread as f64 + 1.0;
    let mut chosen = Vec::new();
    for j in (0..n).filter(|&j| j != x) {
        let flag = problem.add_binary_var(0.0);
        chosen.push((flag, 1.0));
        // gain_j - gain_x compared with base_x - base_j.
        let mut terms = Vec::new();
        gain_of(j, 1.0, &mut terms);
        gain_of(x, -1.0, &mut terms);
        let gap = (base[x] - base[j]) as f64;
        match asked {
            // Not chosen (allowed above): base_j + gain_j <= base_x + gain_x.
            Asked::StillPossible => {
                terms.push((flag, -big));
                problem.add_constraint(merged(terms), ComparisonOp::Le, gap);
            }
            // Chosen (must reach): base_j + gain_j >= base_x + gain_x.
            Asked::WorstBad => {
                terms.push((flag, -big));
                problem.add_constraint(merged(terms), ComparisonOp::Ge, gap - big);
            }
        }
    }
    match asked {
        Asked::StillPossible => problem.add_constraint(&chosen, ComparisonOp::Le, (place - 1) as f64),
        Asked::WorstBad => problem.add_constraint(&chosen, ComparisonOp::Ge, place as f64),
    }
    let solution = match problem.solve() {
        Ok(SolveOutcome::Solution(solution)) if solution.status() == microlp::SolutionStatus::Optimal => {
            solution
        }
        _ => return None,
    };
    Some(solution.objective().round() as i64)
}

/// The terms with each variable once.
fn merged(terms: Vec<(Variable, f64)>) -> LinearExpr {
    let mut once: Vec<(Variable, f64)> = Vec::with_capacity(terms.len());
    for (v, c) in terms {
        match once.iter_mut().find(|(u, _)| *u == v) {
            Some(slot) => slot.1 += c,
            None => once.push((v, c)),
        }
    }
    once.retain(|&(_, c)| c != 0.0);
    let mut expr = LinearExpr::empty();
    for (v, c) in once {
        expr.add(v, c);
    }
    expr
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::random_league;
    use crate::{PointsScheme, ZoneMagic, magic_numbers_by_enumeration};
    use rand::SeedableRng;
    use rand::rngs::Xoshiro256PlusPlus;

    #[test]
    fn agrees_with_enumeration() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(5);
        let mut asked = 0;
        for round in 0..60 {
            let scheme = [PointsScheme::THREE, PointsScheme::TWO][round % 2];
            let (points, fixtures) = random_league(&mut rng, 5, 7, 6);
            let brute = magic_numbers_by_enumeration(&points, &fixtures, scheme);
            let base: Vec<i64> = points.iter().map(|&p| i64::from(p)).collect();
            let (w, d) = (i64::from(scheme.win), i64::from(scheme.draw));
            let league = Remaining {
                base: &base,
                fixtures: &fixtures,
                w,
                d,
            };
            for (x, by_place) in brute.iter().enumerate() {
                for (p, expected) in by_place.iter().enumerate() {
                    let ZoneMagic::Open(n) = expected else { continue };
                    let limit = Duration::from_secs(10);
                    let still = solve(&league, x, p + 1, Asked::StillPossible, limit);
                    assert_eq!(
                        still,
                        Some(i64::from(n.still_possible)),
                        "{points:?} {fixtures:?} {x} {p}"
                    );
                    let worst = solve(&league, x, p + 1, Asked::WorstBad, limit);
                    // The guarantee is the fewest points reachable above the worst bad total.
                    let reachable_above = |worst: i64| {
                        let own = fixtures.iter().filter(|&&(a, b)| a == x || b == x).count() as i64;
                        (worst + 1..=w * own)
                            .find(|&g| crate::bounded::solo_within(own, g, g, w, d))
                            .map(|g| g as i32)
                    };
                    assert_eq!(
                        worst.and_then(reachable_above),
                        n.guarantee,
                        "{points:?} {fixtures:?} {x} {p}"
                    );
                    asked += 1;
                }
            }
        }
        assert!(asked > 100, "{asked}");
    }
}
