//! A league pyramid season by season: how many clubs each tier had, so that a
//! place in any tier reads on one scale down the pyramid. In 1953-54 the First
//! Division had 22 clubs, so the Second Division's 1st is place 23 on the scale:
//! a club's line drawn on it falls below the top flight's band when it goes down.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Season, Tier};

/// A pyramid's tiers and their sizes, season by season, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Pyramid {
    seasons: BTreeMap<Season, BTreeMap<Tier, u16>>,
}

/// The places one tier takes on the pyramid's scale in a season: 1 is the top
/// flight's first place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    /// The tier.
    pub tier: Tier,
    /// Its first place on the scale.
    pub first: u32,
    /// Its last place on the scale.
    pub last: u32,
}

impl Pyramid {
    /// A pyramid with no league stored.
    pub fn new() -> Pyramid {
        Pyramid::default()
    }

    /// Counts a league of `teams` clubs at `tier` in `season`. Parallel leagues of
    /// one tier (the Third Division North and South) make the tier as deep as the
    /// largest of them: each club's place is within its own league.
    pub fn add(&mut self, season: Season, tier: Tier, teams: u16) {
        let size = self.seasons.entry(season).or_default().entry(tier).or_insert(0);
        *size = (*size).max(teams);
    }

    /// The seasons with a league stored, oldest first.
    pub fn seasons(&self) -> impl Iterator<Item = Season> + '_ {
        self.seasons.keys().copied()
    }

    /// Where `position` in `tier` lies on the scale in `season`: the clubs of every
    /// tier above, then the position. None when a tier above is not stored that
    /// season: the scale would be a guess.
    pub fn place(&self, season: Season, tier: Tier, position: u16) -> Option<u32> {
        let tiers = self.seasons.get(&season)?;
        let mut above = 0u32;
        for level in 1..tier.level() {
            above += u32::from(*tiers.get(&Tier::new(level)?)?);
        }
        Some(above + u32::from(position))
    }

    /// The bands of tiers 1 down to `deepest` in `season`, top first, ending at the
    /// first tier not stored that season.
    pub fn bands(&self, season: Season, deepest: Tier) -> Vec<Band> {
        let Some(tiers) = self.seasons.get(&season) else {
            return Vec::new();
        };
        let mut bands = Vec::new();
        let mut above = 0u32;
        for level in 1..=deepest.level() {
            let Some((tier, &size)) = Tier::new(level).and_then(|t| tiers.get_key_value(&t)) else {
                break;
            };
            bands.push(Band {
                tier: *tier,
                first: above + 1,
                last: above + u32::from(size),
            });
            above += u32::from(size);
        }
        bands
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier(level: u8) -> Tier {
        Tier::new(level).unwrap()
    }

    #[test]
    fn a_second_division_place_lies_below_the_whole_first_division() {
        let mut pyramid = Pyramid::new();
        let season = Season::starting(1954);
        pyramid.add(season, tier(1), 22);
        pyramid.add(season, tier(2), 22);
        assert_eq!(pyramid.place(season, tier(1), 22), Some(22));
        assert_eq!(pyramid.place(season, tier(2), 1), Some(23));
        assert_eq!(pyramid.place(season, tier(2), 11), Some(33));
        assert_eq!(
            pyramid.bands(season, tier(2)),
            vec![
                Band {
                    tier: tier(1),
                    first: 1,
                    last: 22
                },
                Band {
                    tier: tier(2),
                    first: 23,
                    last: 44
                }
            ]
        );
    }

    #[test]
    fn parallel_leagues_make_a_tier_as_deep_as_the_largest() {
        let mut pyramid = Pyramid::new();
        let season = Season::starting(1930);
        for (level, size) in [(1, 22), (2, 22), (3, 22), (3, 24)] {
            pyramid.add(season, tier(level), size);
        }
        let bands = pyramid.bands(season, tier(4));
        assert_eq!(bands.len(), 3, "no fourth tier that season");
        assert_eq!((bands[2].first, bands[2].last), (45, 68));
    }

    #[test]
    fn no_place_is_guessed_without_the_tiers_above() {
        let mut pyramid = Pyramid::new();
        let season = Season::starting(2023);
        pyramid.add(season, tier(2), 24);
        assert_eq!(pyramid.place(season, tier(2), 3), None);
        assert_eq!(pyramid.place(Season::starting(2022), tier(1), 3), None);
        assert!(pyramid.bands(season, tier(2)).is_empty());
        assert_eq!(pyramid.seasons().collect::<Vec<_>>(), vec![season]);
    }
}
