//! A league's tier: its level in its country's pyramid, 1 for the top flight.
//!
//! The tier is read from the catalogue, never from a competition's name: the
//! same name of the day ("First Division") was the top flight until 1991-92 and
//! the second level from 1992-93. A competition the catalogue does not know has
//! no tier ([`Tier::of`] gives `None`), and honours do not count its title as a
//! top-flight one: nothing says it is one.

use std::fmt;
use std::num::NonZeroU8;

use serde::{Deserialize, Serialize};

use crate::{Catalogue, Competition};

/// A league's level in its pyramid: 1 for the top flight, 2 below it, and so on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Tier(NonZeroU8);

impl Tier {
    /// The top flight.
    pub const TOP: Tier = Tier(NonZeroU8::MIN);

    /// The tier of level `level`; none for 0, which is no level.
    pub fn new(level: u8) -> Option<Tier> {
        NonZeroU8::new(level).map(Tier)
    }

    /// The level: 1 for the top flight.
    pub fn level(self) -> u8 {
        self.0.get()
    }

    /// Whether this is the top flight, whose champions are the country's champions.
    pub fn is_top(self) -> bool {
        self == Tier::TOP
    }

    /// The tier of `competition` in its season as `catalogue` lists it (by the name
    /// it is stored under, or its slug); none when the catalogue does not know the
    /// competition or gives it no tier (cups have none).
    pub fn of(catalogue: &Catalogue, competition: &Competition) -> Option<Tier> {
        catalogue
            .entry_of(competition)
            .and_then(|entry| entry.tier(competition.season))
            .and_then(Tier::new)
    }
}

impl fmt::Display for Tier {
    /// The level as a number: "1".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, Season};

    fn stored(name: &str, season: i32) -> Competition {
        let mut c = crate::knockout::test_support::cup(Format::League, false);
        c.name = name.into();
        c.slug = Competition::slug_for(name);
        c.season = Season::starting(season);
        c
    }

    #[test]
    fn the_catalogue_gives_the_tier_of_the_season() {
        let catalogue = Catalogue::bundled();
        let tier = |name, season| Tier::of(catalogue, &stored(name, season)).map(Tier::level);
        // The name of the day changes level with the Premier League's founding.
        assert_eq!(tier("First Division", 1991), Some(1));
        assert_eq!(tier("First Division", 1992), Some(2));
        assert_eq!(tier("Second Division", 1961), Some(2));
        assert_eq!(tier("Second Division", 1995), Some(3));
        assert_eq!(tier("Premier League", 2023), Some(1));
        assert_eq!(tier("Championship", 2023), Some(2));
        // A cup has no tier, and a competition the catalogue does not know has none either.
        assert_eq!(tier("FA Cup", 2023), None);
        assert_eq!(tier("Serie Mini", 2023), None);
    }

    #[test]
    fn only_level_one_is_the_top_flight() {
        assert_eq!(Tier::new(0), None);
        assert!(Tier::new(1).unwrap().is_top());
        assert!(!Tier::new(2).unwrap().is_top());
        assert_eq!(Tier::TOP.to_string(), "1");
        assert_eq!(serde_json::to_string(&Tier::new(3).unwrap()).unwrap(), "3");
    }
}
