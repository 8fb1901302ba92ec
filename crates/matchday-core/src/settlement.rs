//! How a match still level when play ended was settled: a penalty shoot-out
//! with its kicks, a shoot-out whose winner alone is known, the drawing of
//! lots (a coin toss) that settled ties before shoot-outs, or a winner known
//! without how.
//!
//! Old records often say who won a level tie but not how: a record may name a
//! shoot-out's winner but not its kicks, and engsoccerdata's League Cup records
//! neither extra time nor shoot-outs, so a level score it gives may be the 90
//! minutes of a tie won in extra time or one won on penalties, and shows who won
//! only by the club in the next round. Nothing is made up to fill the gap: the
//! winner alone is kept, with as much of how as the record says.

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
    /// Won by this side after the level score given, in extra time or on
    /// penalties: the record does not say which.
    NotRecorded(Side),
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
            Settlement::PenaltiesUnrecorded(side) | Settlement::Lot(side) | Settlement::NotRecorded(side) => {
                Some(side)
            }
        }
    }

    /// Whether it is known to have been a penalty shoot-out, its kicks known or not.
    pub fn is_penalties(self) -> bool {
        matches!(
            self,
            Settlement::Penalties(_) | Settlement::PenaltiesUnrecorded(_)
        )
    }

    /// The shoot-out's kicks, where they were recorded.
    pub fn kicks(self) -> Option<Score> {
        match self {
            Settlement::Penalties(kicks) => Some(kicks),
            Settlement::PenaltiesUnrecorded(_) | Settlement::Lot(_) | Settlement::NotRecorded(_) => None,
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
            Settlement::NotRecorded(side) => Settlement::NotRecorded(other(side)),
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
        let unknown = Settlement::NotRecorded(Side::Home);
        assert!(!unknown.is_penalties(), "it may have been extra time");
        assert_eq!(unknown.swapped().winner(), Some(Side::Away));
    }
}
