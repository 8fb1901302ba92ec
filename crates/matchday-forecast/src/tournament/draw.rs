//! Drawing a round the competition has not drawn yet, as its regulations
//! ([`KnockoutDraw`]) say.

use matchday_core::KnockoutDraw;
use rand::RngExt;
use rand::rngs::Xoshiro256PlusPlus;

/// A team in a round to be drawn, with what a seeded draw reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entrant {
    /// The team (model index).
    pub team: usize,
    /// Lower is better; [`UNSEEDED`] for the winner of a tie.
    pub seed: u32,
    /// Its group's number, or [`NO_GROUP`].
    pub group: u16,
}

/// The seed of a team that comes from a knockout tie.
pub(crate) const UNSEEDED: u32 = u32::MAX;
/// The group of a team that comes from a knockout tie.
pub(crate) const NO_GROUP: u16 = u16::MAX;

/// Draws of a seeded round tried before two teams of one group are let meet.
const MAX_REDRAWS: usize = 64;

/// Pairs `entrants` into ties (first team, second team), in `ties`; one left over when
/// their number is odd (a bye) is returned.
///
/// With a table's teams among them, a seeded or bracket draw pairs the better-seeded
/// half with the other half, never two of one group where another pairing is left.
/// Otherwise a bracket keeps the order given (the winners of ties 1 and 2 meet), and an
/// open draw shuffles.
pub(crate) fn draw_round(
    rng: &mut Xoshiro256PlusPlus,
    kind: KnockoutDraw,
    entrants: &mut [Entrant],
    ties: &mut Vec<(usize, usize)>,
) -> Option<usize> {
    ties.clear();
    let from_table = entrants.iter().any(|e| e.seed != UNSEEDED);
    match kind {
        KnockoutDraw::Seeded | KnockoutDraw::Bracket if from_table => seeded(rng, entrants, ties),
        KnockoutDraw::Bracket => {
            for pair in entrants.chunks_exact(2) {
                ties.push((pair[0].team, pair[1].team));
            }
            (entrants.len() % 2 == 1).then(|| entrants[entrants.len() - 1].team)
        }
        KnockoutDraw::Open | KnockoutDraw::Seeded => {
            shuffle(rng, entrants);
            for pair in entrants.chunks_exact(2) {
                ties.push((pair[0].team, pair[1].team));
            }
            (entrants.len() % 2 == 1).then(|| entrants[entrants.len() - 1].team)
        }
    }
}

fn shuffle<T>(rng: &mut Xoshiro256PlusPlus, items: &mut [T]) {
    for k in (1..items.len()).rev() {
        items.swap(k, rng.random_range(0..=k));
    }
}

/// The better half (lots among equal seeds) each drawn against one of the other half,
/// from another group where one is left; the odd team out, if any, is the worst seed.
fn seeded(
    rng: &mut Xoshiro256PlusPlus,
    entrants: &mut [Entrant],
    ties: &mut Vec<(usize, usize)>,
) -> Option<usize> {
    shuffle(rng, entrants);
    entrants.sort_by_key(|e| e.seed);
    let bye = (entrants.len() % 2 == 1).then(|| entrants[entrants.len() - 1].team);
    let half = entrants.len() / 2;
    let (top, rest) = entrants.split_at_mut(half);
    let bottom = &mut rest[..half];
    // A greedy pass can leave the last seeded team only its own group's rival: draw
    // again, as the real draws' computers do, and keep the last try if none avoids it.
    for _ in 0..MAX_REDRAWS {
        shuffle(rng, bottom);
        let mut clean = true;
        for i in 0..half {
            let group = top[i].group;
            let apart = |other: &Entrant| group == NO_GROUP || other.group != group;
            let pick = (i..half).find(|&j| apart(&bottom[j])).unwrap_or(i);
            bottom.swap(i, pick);
            clean &= apart(&bottom[i]);
        }
        if clean {
            break;
        }
    }
    ties.extend(top.iter().zip(bottom.iter()).map(|(a, b)| (a.team, b.team)));
    bye
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn entrant(team: usize, seed: u32, group: u16) -> Entrant {
        Entrant { team, seed, group }
    }

    #[test]
    fn a_seeded_draw_pairs_winners_with_runners_up_of_other_groups() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(9);
        let mut ties = Vec::new();
        for _ in 0..200 {
            // Groups 0-3: winners 0-3 (seed 1000), runners-up 10-13 (seed 2000).
            let mut entrants: Vec<Entrant> = (0..4)
                .flat_map(|g| [entrant(g, 1000, g as u16), entrant(10 + g, 2000, g as u16)])
                .collect();
            assert_eq!(
                draw_round(&mut rng, KnockoutDraw::Seeded, &mut entrants, &mut ties),
                None
            );
            assert_eq!(ties.len(), 4);
            for &(a, b) in &ties {
                assert!(a < 4 && b >= 10, "{ties:?}");
                assert_ne!(a + 10, b, "a group's winner met its runner-up: {ties:?}");
            }
        }
    }

    #[test]
    fn a_bracket_keeps_the_order_of_the_ties_and_an_open_draw_pairs_everyone() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(2);
        let mut ties = Vec::new();
        let mut winners: Vec<Entrant> = (0..8).map(|t| entrant(t, UNSEEDED, NO_GROUP)).collect();
        draw_round(&mut rng, KnockoutDraw::Bracket, &mut winners, &mut ties);
        assert_eq!(ties, vec![(0, 1), (2, 3), (4, 5), (6, 7)]);
        let mut odd: Vec<Entrant> = (0..5).map(|t| entrant(t, UNSEEDED, NO_GROUP)).collect();
        let bye = draw_round(&mut rng, KnockoutDraw::Open, &mut odd, &mut ties).unwrap();
        let mut seen: Vec<usize> = ties.iter().flat_map(|&(a, b)| [a, b]).chain([bye]).collect();
        seen.sort_unstable();
        assert_eq!(seen, vec![0, 1, 2, 3, 4]);
    }
}
