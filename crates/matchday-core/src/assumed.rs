//! What-if: results assumed for fixtures still to play, in memory only, so that a
//! table, the gaps, the odds or a tracker can be asked "what if Arsenal lose on
//! Sunday" without storing anything.
//!
//! A typed result must name a fixture of the competition still to play on the
//! day asked about (the as-of day, or with everything stored when there is none).
//! The assumed result counts as played on the fixture's day, or on the as-of day
//! when the fixture is stored for a later one: what is asked is the league as it
//! would stand that day had the match been played, just as storing the result
//! with that day as its date (a rearranged fixture) would make it.

use chrono::NaiveDate;

use crate::{
    Competition, Match, MatchResult, MatchStatus, OrderUnclear, Pairing, Refusal, StoredAround, TeamId,
    Venue, check_new_match,
};

/// Why a typed result cannot be assumed. Teams are named by id; whoever shows
/// the refusal words it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssumeError {
    /// A team that plays no part in the competition.
    #[error("team {} is not in the competition", .team.0)]
    NotInCompetition {
        /// The team.
        team: TeamId,
    },
    /// Two teams of the competition with no match between them stored, either way round.
    #[error("no fixture between team {} and team {} is stored", .pairing.home().0, .pairing.away().0)]
    NoFixture {
        /// The teams as typed, home side first.
        pairing: Pairing,
    },
    /// The match typed has its result already (by the as-of day), and none of the two is left to play.
    #[error("the match was played on {date}")]
    Played {
        /// The match's teams, home side first.
        pairing: Pairing,
        /// Its day.
        date: NaiveDate,
        /// Its stored result.
        result: MatchResult,
        /// Whether the result was awarded rather than played.
        awarded: bool,
    },
    /// The fixture typed has a result assumed already: a fixture takes one.
    #[error("the fixture is given twice")]
    GivenTwice {
        /// The fixture's teams, home side first, as stored.
        fixture: Pairing,
    },
    /// The result does not fit the match (the store's own checks of a new result).
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// Both orders of the two teams are fixtures still to play, and the next is the other
    /// way round from the order typed: the next, typed loosely, or the later, as typed?
    #[error(transparent)]
    OrderUnclear(#[from] OrderUnclear),
}

impl AssumeError {
    /// Whether the refusal is about a match the competition holds (played, given
    /// twice, the other way round, not fitting it), rather than saying the
    /// competition has no such match at all: across several competitions, the
    /// one worth telling.
    pub fn names_a_match(&self) -> bool {
        !matches!(
            self,
            AssumeError::NotInCompetition { .. } | AssumeError::NoFixture { .. }
        )
    }
}

/// A result assumed for a fixture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assumption {
    /// The fixture as stored.
    pub fixture: Match,
    /// The match as assumed: the fixture with the result, home side first as stored,
    /// dated the day it counts on.
    pub assumed: Match,
}

impl Assumption {
    /// Whether the result counts on another day than the fixture's: an as-of day
    /// before the day the fixture is stored for.
    pub fn moved(&self) -> bool {
        self.assumed.date != self.fixture.date
    }
}

/// A competition's matches with results assumed for some of its fixtures still to play.
#[derive(Debug, Clone)]
pub struct WhatIf<'a> {
    competition: &'a Competition,
    entrants: &'a [TeamId],
    matches: Vec<Match>,
    as_of: Option<NaiveDate>,
    /// The index in `matches` of each fixture assumed, in the order assumed.
    assumed: Vec<usize>,
}

impl<'a> WhatIf<'a> {
    /// `matches` (all the competition's, as stored) seen on `as_of`, nothing assumed yet;
    /// `entrants` are the competition's entrants.
    pub fn new(
        competition: &'a Competition,
        entrants: &'a [TeamId],
        matches: Vec<Match>,
        as_of: Option<NaiveDate>,
    ) -> WhatIf<'a> {
        WhatIf {
            competition,
            entrants,
            matches,
            as_of,
            assumed: Vec::new(),
        }
    }

    /// The competition.
    pub fn competition(&self) -> &'a Competition {
        self.competition
    }

    /// The fixture `pairing` names, with `result` as seen from its home side.
    ///
    /// The teams may be typed either way round: when the order typed names no match of
    /// the two still to play, the one the other way round is the fixture, its result
    /// turned to its home side's (as `matchday result` takes "Chelsea 1-4 Liverpool" for
    /// Liverpool v Chelsea). When both orders are still to play, the order typed is the
    /// fixture if it is the next meeting or a leg of a tie; else which is meant is unclear.
    ///
    /// # Errors
    /// See [`AssumeError`].
    pub fn find(&self, pairing: Pairing, result: MatchResult) -> Result<(usize, MatchResult), AssumeError> {
        for team in [pairing.home(), pairing.away()] {
            let plays =
                self.entrants.contains(&team) || self.matches.iter().any(|m| m.pairing.involves(team));
            if !plays {
                return Err(AssumeError::NotInCompetition { team });
            }
        }
        let reversed = Pairing::new(pairing.away(), pairing.home()).expect("two teams");
        // A fixture assumed already holds its assumed result: it is neither still to play nor played.
        let unclaimed = |i: &usize| !self.assumed.contains(i);
        let claimed = |p: Pairing| {
            self.assumed
                .iter()
                .copied()
                .find(|&i| self.matches[i].pairing == p)
        };
        let neutral = |i: usize| self.matches[i].venue == Venue::Neutral;
        // The earliest still to play: the next meeting is the one asked about.
        let open = |p: Pairing| {
            (0..self.matches.len())
                .filter(unclaimed)
                .filter(|&i| self.matches[i].pairing == p && self.matches[i].is_remaining_as_of(self.as_of))
                .min_by_key(|&i| self.matches[i].date)
        };
        if let Some(i) = open(pairing) {
            // The legs of a tie are told apart by their order, as everyone writes them.
            let legs = self.matches[i].leg.is_some();
            return match open(reversed) {
                Some(next) if !legs && self.matches[next].date < self.matches[i].date => Err(OrderUnclear {
                    typed: pairing,
                    typed_on: self.matches[i].date,
                    other_on: self.matches[next].date,
                }
                .into()),
                _ => Ok((i, result)),
            };
        }
        // On neutral ground "Chelsea 0-1 Liverpool" and "Liverpool 1-0 Chelsea" are one match.
        if let Some(i) = open(reversed).filter(|&i| neutral(i)) {
            return Ok((i, result.swapped()));
        }
        if let Some(i) = claimed(pairing).or_else(|| claimed(reversed).filter(|&i| neutral(i))) {
            return Err(AssumeError::GivenTwice {
                fixture: self.matches[i].pairing,
            });
        }
        // The one meeting of the two still to play is meant, though typed the other way round
        // (the order typed may be one played already: the meeting earlier in the season).
        if let Some(i) = open(reversed) {
            return Ok((i, result.swapped()));
        }
        let played = (0..self.matches.len())
            .filter(unclaimed)
            .map(|i| &self.matches[i])
            .filter(|m| m.pairing == pairing && m.result_as_of(self.as_of).is_some())
            .max_by_key(|m| m.date);
        if let Some(m) = played {
            return Err(AssumeError::Played {
                pairing,
                date: m.date,
                result: *m.status.result().expect("played"),
                awarded: matches!(m.status, MatchStatus::Awarded(_)),
            });
        }
        if let Some(i) = claimed(reversed) {
            return Err(AssumeError::GivenTwice {
                fixture: self.matches[i].pairing,
            });
        }
        Err(AssumeError::NoFixture { pairing })
    }

    /// Assumes `result` for the fixture `pairing` names ([`WhatIf::find`]): it counts
    /// as played on the fixture's day, or on the as-of day when that is earlier.
    ///
    /// # Errors
    /// See [`WhatIf::find`]. Whether the result fits the match is checked by [`WhatIf::finish`],
    /// once every result is assumed (a second leg's fits only with its first leg's).
    pub fn assume(&mut self, pairing: Pairing, result: MatchResult) -> Result<Assumption, AssumeError> {
        let (i, result) = self.find(pairing, result)?;
        let fixture = self.matches[i].clone();
        let mut assumed = fixture.clone();
        assumed.status = MatchStatus::Played(result);
        if let Some(day) = self.as_of.filter(|&day| fixture.date > day) {
            assumed.date = day;
        }
        self.matches[i] = assumed.clone();
        self.assumed.push(i);
        Ok(Assumption { fixture, assumed })
    }

    /// The matches with every result assumed, in the store's order (by day, kick-off
    /// (none first) and id), once each assumed result is checked as the store checks a new one
    /// against the others, those assumed included.
    ///
    /// # Errors
    /// The place in the order assumed of the first result refused, and why.
    pub fn finish(self) -> Result<Vec<Match>, (usize, AssumeError)> {
        // As things stood on the as-of day, the results assumed in place.
        let seen: Vec<Match> = self.matches.iter().map(|m| m.as_it_stood(self.as_of)).collect();
        for (k, &i) in self.assumed.iter().enumerate() {
            let others: Vec<Match> = seen
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, m)| m.clone())
                .collect();
            let around = StoredAround {
                entrants: self.entrants,
                matches: &others,
                // A fixture already has its day: one match a day is the store's to keep.
                same_day: &[],
                replacing: Some(&seen[i]),
            };
            check_new_match(self.competition, around, &self.matches[i]).map_err(|r| (k, r.into()))?;
        }
        let mut matches = self.matches;
        // The store's order, which what is computed from the matches may follow (the
        // latest match of a day decides the previous matchday of a table's movement).
        matches.sort_by_key(|m| (m.date, m.kickoff, m.id));
        Ok(matches)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{competition, day, fixture, played, teams};
    use crate::{Format, Score};

    fn result(text: &str) -> MatchResult {
        text.parse().unwrap()
    }

    fn pair(home: i64, away: i64) -> Pairing {
        Pairing::new(TeamId(home), TeamId(away)).unwrap()
    }

    /// The mini league: 1 beat 2 on the 1st; 2 v 1 and 3 v 4 are to play on the 10th.
    fn season() -> Vec<Match> {
        vec![played(1, 1, 2, 2, 0), fixture(10, 2, 1), fixture(10, 3, 4)]
    }

    #[test]
    fn a_result_fills_its_fixture_and_counts_on_the_as_of_day_when_that_is_earlier() {
        let league = competition();
        let entrants = teams();
        let mut what_if = WhatIf::new(&league, &entrants, season(), None);
        let assumed = what_if.assume(pair(3, 4), result("0-1")).unwrap();
        assert!(!assumed.moved());
        assert_eq!(assumed.assumed.date, day(10));
        let matches = what_if.finish().unwrap();
        let m = matches.iter().find(|m| m.pairing == pair(3, 4)).unwrap();
        assert_eq!(
            m.status.result().unwrap().score(),
            Some(Score::new(0, 1).unwrap())
        );

        let mut on_the_5th = WhatIf::new(&league, &entrants, season(), Some(day(5)));
        let assumed = on_the_5th.assume(pair(3, 4), result("0-1")).unwrap();
        assert!(assumed.moved());
        assert_eq!((assumed.fixture.date, assumed.assumed.date), (day(10), day(5)));
        let matches = on_the_5th.finish().unwrap();
        // Counted on the 5th, and in the store's order: by day.
        assert_eq!(matches[1].pairing, pair(3, 4));
        assert!(matches[1].result_as_of(Some(day(5))).is_some());
    }

    #[test]
    fn a_result_stored_after_the_as_of_day_is_still_to_play_then() {
        let league = competition();
        let entrants = teams();
        let mut what_if = WhatIf::new(&league, &entrants, season(), Some(day(1)));
        // On the 1st, 1 v 2 was played: only 2 v 1 is still to play.
        assert_eq!(what_if.find(pair(1, 2), result("0-0")), Ok((1, result("0-0"))));
        let mut before = WhatIf::new(&league, &entrants, season(), day(1).pred_opt());
        // On the last day of February, 1 v 2 (played on 1 March) was still to play.
        let a = before.assume(pair(1, 2), result("0-3")).unwrap();
        assert_eq!(
            a.assumed.status.result().unwrap().score(),
            Some(Score::new(0, 3).unwrap())
        );
        what_if.assume(pair(2, 1), result("1-1")).unwrap();
        assert!(what_if.finish().is_ok());
    }

    #[test]
    fn each_refusal_says_what_is_wrong() {
        let league = competition();
        let entrants = teams();
        let mut what_if = WhatIf::new(&league, &entrants, season(), None);
        assert_eq!(
            what_if.find(pair(1, 9), result("1-0")),
            Err(AssumeError::NotInCompetition { team: TeamId(9) })
        );
        assert_eq!(
            what_if.find(pair(1, 3), result("1-0")),
            Err(AssumeError::NoFixture { pairing: pair(1, 3) })
        );
        // Played, but the meeting the other way round is still to play: that one is meant.
        assert_eq!(what_if.find(pair(1, 2), result("1-0")), Ok((1, result("0-1"))));
        // Typed the other way round from the one fixture of the two: turned to its order.
        let (i, turned) = what_if.find(pair(4, 3), result("1-0")).unwrap();
        assert_eq!((season()[i].pairing, turned), (pair(3, 4), result("0-1")));
        what_if.assume(pair(3, 4), result("1-0")).unwrap();
        assert_eq!(
            what_if.find(pair(3, 4), result("2-0")),
            Err(AssumeError::GivenTwice { fixture: pair(3, 4) })
        );
        assert_eq!(
            what_if.find(pair(4, 3), result("2-0")),
            Err(AssumeError::GivenTwice { fixture: pair(3, 4) })
        );
        // A league match has no extra time, as when it is stored.
        what_if.assume(pair(2, 1), result("1-1 aet")).unwrap();
        assert_eq!(
            what_if.finish().map(|_| ()),
            Err((1, AssumeError::Refused(Refusal::BeyondNinetyMinutesInLeague)))
        );
    }

    #[test]
    fn with_both_orders_still_to_play_the_order_typed_is_meant_only_when_it_is_next() {
        let league = competition();
        let entrants = teams();
        // 3 v 4 on the 10th, 4 v 3 on the 20th.
        let mut both = season();
        both.push(fixture(20, 4, 3));
        let mut what_if = WhatIf::new(&league, &entrants, both.clone(), None);
        assert_eq!(
            what_if.find(pair(3, 4), result("1-0")).map(|f| both[f.0].date),
            Ok(day(10))
        );
        assert_eq!(
            what_if.find(pair(4, 3), result("1-0")),
            Err(AssumeError::OrderUnclear(OrderUnclear {
                typed: pair(4, 3),
                typed_on: day(20),
                other_on: day(10),
            }))
        );
        // Once the next is given, the later is the only one left either way round.
        what_if.assume(pair(3, 4), result("1-0")).unwrap();
        let later = what_if.assume(pair(4, 3), result("2-2")).unwrap();
        assert_eq!(later.fixture.date, day(20));
        // 1 v 2 was played: 2 v 1 is meant, and once it is given, 1 v 2 was played.
        let turned = what_if.assume(pair(1, 2), result("0-0")).unwrap();
        assert_eq!(turned.fixture.pairing, pair(2, 1));
        assert_eq!(
            what_if.find(pair(1, 2), result("1-0")),
            Err(AssumeError::Played {
                pairing: pair(1, 2),
                date: day(1),
                result: result("2-0"),
                awarded: false,
            })
        );
    }

    #[test]
    fn a_neutral_final_is_one_match_either_way_round_and_a_second_leg_fits_its_first() {
        use crate::knockout::test_support::{cup, game, id, leg};
        let cup = cup(Format::Knockout, false);
        let stored = vec![
            leg(1, game("2024-02-20", "Semifinals", "Arsenal", "Porto", "")),
            leg(2, game("2024-03-12", "Semifinals", "Porto", "Arsenal", "")),
            game("2024-05-25", "Final", "Liverpool", "Chelsea", ""),
        ];
        let pairing = |h: &str, a: &str| Pairing::new(id(h), id(a)).unwrap();
        let mut what_if = WhatIf::new(&cup, &[], stored.clone(), None);
        let final_ = what_if
            .assume(pairing("Chelsea", "Liverpool"), result("0-1"))
            .unwrap();
        assert_eq!(final_.assumed.pairing, pairing("Liverpool", "Chelsea"));
        assert_eq!(final_.assumed.status.result(), Some(&result("1-0")));
        // The second leg given first: it fits once its first leg is given too.
        what_if
            .assume(pairing("Porto", "Arsenal"), result("1-1 aet, 4-2 pens"))
            .unwrap();
        what_if
            .assume(pairing("Arsenal", "Porto"), result("0-0"))
            .unwrap();
        assert!(what_if.finish().is_ok());
        // Without it the second leg is refused as storing it would be.
        let mut alone = WhatIf::new(&cup, &[], stored, None);
        alone.assume(pairing("Porto", "Arsenal"), result("1-0")).unwrap();
        assert!(matches!(
            alone.finish(),
            Err((0, AssumeError::Refused(Refusal::FirstLegUnplayed { .. })))
        ));
    }
}
