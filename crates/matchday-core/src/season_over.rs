//! Whether a competition-season is over: entering a club in one is most likely a
//! mistaken season (the default is the latest stored, which may be last season's).

use chrono::NaiveDate;

use crate::{Competition, Format, Match, MatchStatus, Round, Stage, TeamId};

/// Why a competition-season counts as over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeasonOver {
    /// Every match it needs is played: a league's every meeting, a cup's final.
    AllPlayed {
        /// The day of its last match.
        last: NaiveDate,
    },
    /// The season's last day (31 August for a season over two years) has passed.
    LastDayPassed {
        /// That day.
        last_day: NaiveDate,
    },
}

impl SeasonOver {
    /// Whether `competition`'s season, holding `matches` among `entrants`, is over on
    /// `today`; none while it is still to be played or finished (a season with no
    /// match stored has not begun). A league needs every meeting of its entrants and of
    /// the clubs its matches name.
    pub fn of(
        competition: &Competition,
        entrants: &[TeamId],
        matches: &[Match],
        today: NaiveDate,
    ) -> Option<SeasonOver> {
        let last_day = competition.season.last_day();
        if last_day < today {
            return Some(SeasonOver::LastDayPassed { last_day });
        }
        let last = matches.iter().map(|m| m.date).max()?;
        if matches.iter().any(|m| m.status.is_pending()) {
            return None;
        }
        let all_played = if competition.format == Format::League {
            let league: Vec<&Match> = matches
                .iter()
                .filter(|m| !matches!(m.stage, Some(Stage::Knockout(_))))
                .collect();
            let teams: std::collections::BTreeSet<_> = league
                .iter()
                .flat_map(|m| [m.pairing.home(), m.pairing.away()])
                .chain(entrants.iter().copied())
                .collect();
            let needed = competition.structure.league_matches(teams.len());
            needed.is_some_and(|needed| needed > 0 && league.len() >= needed)
        } else {
            matches.iter().any(|m| {
                matches!(Stage::of(m), Ok(Stage::Knockout(Round::Final)))
                    && matches!(m.status, MatchStatus::Played(_) | MatchStatus::Awarded(_))
            })
        };
        all_played.then_some(SeasonOver::AllPlayed { last })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{competition, day, fixture, played, teams};

    /// The test league's four clubs, every pair met once or twice.
    fn meetings(twice: bool) -> Vec<Match> {
        let mut matches = Vec::new();
        let mut d = 1;
        for (h, a) in [(1, 2), (3, 4), (1, 3), (2, 4), (1, 4), (2, 3)] {
            matches.push(played(d, h, a, 1, 0));
            if twice {
                matches.push(played(d + 1, a, h, 0, 0));
            }
            d += 2;
        }
        matches
    }

    #[test]
    fn a_league_is_over_when_every_meeting_is_played_or_its_last_day_passed() {
        let league = competition();
        let in_season = day(20);
        // Every pair met once of the two meetings: half a season.
        assert_eq!(
            SeasonOver::of(&league, &teams(), &meetings(false), in_season),
            None
        );
        let all = meetings(true);
        assert_eq!(
            SeasonOver::of(&league, &teams(), &all, in_season),
            Some(SeasonOver::AllPlayed { last: day(12) })
        );
        // A fixture left: not over, until the season's last day has passed.
        let mut left = all.clone();
        left.push(fixture(25, 1, 2));
        assert_eq!(SeasonOver::of(&league, &teams(), &left, in_season), None);
        let autumn = NaiveDate::from_ymd_opt(2024, 9, 1).unwrap();
        let last_day = NaiveDate::from_ymd_opt(2024, 8, 31).unwrap();
        assert_eq!(
            SeasonOver::of(&league, &teams(), &left, autumn),
            Some(SeasonOver::LastDayPassed { last_day })
        );
        // A fifth club entered has its meetings still to play.
        let five: Vec<TeamId> = (1..=5).map(TeamId).collect();
        assert_eq!(SeasonOver::of(&league, &five, &all, in_season), None);
        // A season with nothing stored has not begun.
        assert_eq!(SeasonOver::of(&league, &teams(), &[], in_season), None);
    }
}
