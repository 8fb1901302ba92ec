//! How a match still level when play ended was settled: a penalty shoot-out
//! with its kicks, a shoot-out whose winner alone is known, or the drawing of
//! lots (a coin toss) that settled ties before shoot-outs.
//!
//! Old records often say who won a shoot-out but not its kicks (engsoccerdata's
//! League Cup has no shoot-out scores at all), and a kick count is never made
//! up to fill the gap: the winner alone is kept, so the tie is decided and
//! says how, without a score nobody recorded.

use serde::{Deserialize, Serialize};

use crate::{Score, Side};

/// What settled a match level after play (after extra time, where played).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Settlement {
    /// A penalty shoot-out with its kicks, from the home side (never level: checked
    /// where a result is made).
    Penalties(Score),
    /// A penalty shoot-out won by this side, its kicks not recorded.
    PenaltiesUnrecorded(Side),
    /// The drawing of lots or a coin toss, won by this side.
    Lot(Side),
}

impl Settlement {
    /// The side that won, or `None` for a level shoot-out score (which no
    /// checked result holds).
    pub fn winner(self) -> Option<Side> {
        match self {
            Settlement::Penalties(kicks) => match kicks.home().cmp(&kicks.away()) {
                std::cmp::Ordering::Greater => Some(Side::Home),
                std::cmp::Ordering::Less => Some(Side::Away),
                std::cmp::Ordering::Equal => None,
            },
            Settlement::PenaltiesUnrecorded(side) | Settlement::Lot(side) => Some(side),
        }
    }

    /// Whether it was a penalty shoot-out, its kicks known or not.
    pub fn is_penalties(self) -> bool {
        !matches!(self, Settlement::Lot(_))
    }

    /// The shoot-out's kicks, where they were recorded.
    pub fn kicks(self) -> Option<Score> {
        match self {
            Settlement::Penalties(kicks) => Some(kicks),
            Settlement::PenaltiesUnrecorded(_) | Settlement::Lot(_) => None,
        }
    }

    /// The same settlement seen from the other side.
    pub fn swapped(self) -> Settlement {
        let other = |side: Side| match side {
            Side::Home => Side::Away,
            Side::Away => Side::Home,
        };
        match self {
            Settlement::Penalties(kicks) => Settlement::Penalties(kicks.swapped()),
            Settlement::PenaltiesUnrecorded(side) => Settlement::PenaltiesUnrecorded(other(side)),
            Settlement::Lot(side) => Settlement::Lot(other(side)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_winner_is_the_side_named_or_the_one_with_more_kicks() {
        let kicks = Settlement::Penalties(Score::new(5, 4).unwrap());
        assert_eq!(kicks.winner(), Some(Side::Home));
        assert_eq!(kicks.swapped().winner(), Some(Side::Away));
        assert_eq!(kicks.kicks(), Some(Score::new(5, 4).unwrap()));
        let unrecorded = Settlement::PenaltiesUnrecorded(Side::Away);
        assert_eq!(unrecorded.winner(), Some(Side::Away));
        assert_eq!(unrecorded.swapped().winner(), Some(Side::Home));
        assert_eq!(unrecorded.kicks(), None);
        assert!(unrecorded.is_penalties());
        let lot = Settlement::Lot(Side::Home);
        assert!(!lot.is_penalties());
        assert_eq!(lot.swapped(), Settlement::Lot(Side::Away));
    }
}
