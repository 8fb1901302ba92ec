//! Fixtures left behind: matches dated before a day and still without a result.
//!
//! A table or a forecast counts only what is stored, so a league where some clubs
//! have such fixtures reads as if they had games in hand; a fan needs to be told.

use chrono::NaiveDate;

use crate::Match;

/// The fixtures of a season dated before a day and still to play.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overdue<'a> {
    /// How many there are.
    pub count: usize,
    /// The earliest of them (the first stored, among those of its day).
    pub earliest: &'a Match,
}

impl Overdue<'_> {
    /// The fixtures among `matches` dated before `day` with no result (scheduled or
    /// postponed, not cancelled or abandoned); none when every one was played.
    pub fn before(matches: &[Match], day: NaiveDate) -> Option<Overdue<'_>> {
        let mut left = matches
            .iter()
            .filter(|m| m.date < day && m.status.is_pending() && m.status.live().is_none());
        let first = left.next()?;
        let (count, earliest) = left.fold((1, first), |(n, earliest), m| {
            (n + 1, if m.date < earliest.date { m } else { earliest })
        });
        Some(Overdue { count, earliest })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MatchStatus;
    use crate::testing::{day, fixture, live, played};

    #[test]
    fn only_fixtures_still_to_play_before_the_day_are_overdue() {
        let mut postponed = fixture(4, 2, 3);
        postponed.status = MatchStatus::Postponed;
        let mut cancelled = fixture(1, 1, 4);
        cancelled.status = MatchStatus::Cancelled;
        let mut in_play = fixture(2, 3, 4);
        in_play.status = live(1, 0, Some(60));
        let matches = [
            played(1, 1, 2, 2, 2),
            postponed,
            cancelled,
            in_play,
            fixture(6, 1, 3),
        ];
        let overdue = Overdue::before(&matches, day(6)).unwrap();
        assert_eq!(overdue.count, 1);
        assert_eq!(overdue.earliest.date, day(4));
        assert_eq!(Overdue::before(&matches, day(4)), None);
    }

    #[test]
    fn the_earliest_and_the_count_are_of_every_fixture_left() {
        let matches = [
            played(1, 1, 2, 1, 0),
            fixture(3, 3, 4),
            fixture(2, 1, 3),
            fixture(9, 2, 4),
        ];
        let overdue = Overdue::before(&matches, day(5)).unwrap();
        assert_eq!((overdue.count, overdue.earliest.date), (2, day(2)));
        // A fixture on the day itself may still be played that day.
        assert_eq!(Overdue::before(&matches, day(3)).map(|o| o.count), Some(1));
        assert_eq!(Overdue::before(&matches, day(2)), None);
    }
}
