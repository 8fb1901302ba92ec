//! One meeting of two teams and how it counts in their record.
//!
//! A meeting counts by the score when play ended: a win after extra time is a
//! win, and its extra-time goals count. A match still level after extra time is
//! a draw in the record even when a penalty shoot-out (or lots, or a way the
//! record does not give) sent one side through: the shoot-out's winner is kept
//! beside the draw, and its kicks are not goals. Each leg of a two-legged tie
//! and each replay is a meeting of its own; the tie's aggregate is not one.

use chrono::NaiveDate;

use crate::{Competition, Match, Season, Side, TeamId};

/// One of the two teams of a head-to-head: the first named or the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rival {
    /// The team named first.
    First,
    /// The team named second.
    Second,
}

impl Rival {
    /// Both, first then second.
    pub const BOTH: [Rival; 2] = [Rival::First, Rival::Second];

    /// The other team.
    pub fn other(self) -> Rival {
        match self {
            Rival::First => Rival::Second,
            Rival::Second => Rival::First,
        }
    }

    /// Its place in a `[first, second]` pair.
    pub(crate) fn index(self) -> usize {
        match self {
            Rival::First => 0,
            Rival::Second => 1,
        }
    }
}

/// How a meeting counts in the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Won by this team, in 90 minutes or in extra time.
    Won(Rival),
    /// Level when play ended (a shoot-out's winner is [`Meeting::settled_for`]).
    Drawn,
}

/// Why a match cannot be a meeting of the two teams.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MeetingError {
    /// The two teams are one team.
    #[error("a team does not meet itself")]
    SameTeam,
    /// The match is not between the two teams.
    #[error("the match of {date} is not between the two teams")]
    OtherTeams {
        /// The match's day.
        date: NaiveDate,
    },
    /// The match has no result that counts (still to play, abandoned, cancelled).
    #[error("the match of {date} has no result")]
    NoResult {
        /// The match's day.
        date: NaiveDate,
    },
}

/// A match between the two teams with its result, as their record counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    under: String,
    competition: String,
    season: Season,
    game: Match,
    home: Rival,
    goals: [u32; 2],
    verdict: Verdict,
    settled_for: Option<Rival>,
}

impl Meeting {
    /// `game` of `competition` as a meeting of `first` and `second`, counted under the
    /// competition `under` (see [`super::counted_under`]).
    ///
    /// # Errors
    /// [`MeetingError`] when the two are one team, the match is between other teams,
    /// or it has no result that counts (a played or awarded one).
    pub fn new(
        first: TeamId,
        second: TeamId,
        competition: &Competition,
        under: String,
        game: Match,
    ) -> Result<Meeting, MeetingError> {
        if first == second {
            return Err(MeetingError::SameTeam);
        }
        let (home, away) = (game.pairing.home(), game.pairing.away());
        let home_rival = match (home, away) {
            (h, a) if h == first && a == second => Rival::First,
            (h, a) if h == second && a == first => Rival::Second,
            _ => return Err(MeetingError::OtherTeams { date: game.date }),
        };
        let result = *game
            .status
            .result()
            .ok_or(MeetingError::NoResult { date: game.date })?;
        let score = result.final_score();
        let rival_of = |side: Side| match side {
            Side::Home => home_rival,
            Side::Away => home_rival.other(),
        };
        let mut goals = [0; 2];
        goals[home_rival.index()] = u32::from(score.home());
        goals[home_rival.other().index()] = u32::from(score.away());
        let verdict = match score.home().cmp(&score.away()) {
            std::cmp::Ordering::Greater => Verdict::Won(home_rival),
            std::cmp::Ordering::Less => Verdict::Won(home_rival.other()),
            std::cmp::Ordering::Equal => Verdict::Drawn,
        };
        // Only a level match is settled off the score: a shoot-out never turns a draw into a win.
        let settled_for = match verdict {
            Verdict::Drawn => result
                .settlement()
                .and_then(crate::Settlement::winner)
                .map(rival_of),
            Verdict::Won(_) => None,
        };
        Ok(Meeting {
            under,
            competition: competition.name.clone(),
            season: competition.season,
            game,
            home: home_rival,
            goals,
            verdict,
            settled_for,
        })
    }

    /// The competition it counts under, which gathers its seasons: the catalogue
    /// entry's slug, or the stored slug (see [`super::counted_under`]).
    pub fn counted_under(&self) -> &str {
        &self.under
    }

    /// The competition's name in that season.
    pub fn competition(&self) -> &str {
        &self.competition
    }

    /// The competition's season.
    pub fn season(&self) -> Season {
        self.season
    }

    /// The match as stored.
    pub fn game(&self) -> &Match {
        &self.game
    }

    /// The match's day.
    pub fn date(&self) -> NaiveDate {
        self.game.date
    }

    /// The team named first in the stored match (at home unless on neutral ground).
    pub fn home(&self) -> Rival {
        self.home
    }

    /// Goals of `rival` when play ended, extra time included and shoot-out kicks not.
    pub fn goals(&self, rival: Rival) -> u32 {
        self.goals[rival.index()]
    }

    /// How the meeting counts: won by one team, or drawn.
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// For a draw that a shoot-out, lots or an unrecorded way settled, the team it sent through.
    pub fn settled_for(&self) -> Option<Rival> {
        self.settled_for
    }

    /// Whether `rival` did not lose it (a shoot-out lost is a draw, so not a loss).
    pub fn unbeaten(&self, rival: Rival) -> bool {
        self.verdict != Verdict::Won(rival.other())
    }

    /// The winner's margin; 0 for a draw.
    pub fn margin(&self) -> u32 {
        self.goals[0].abs_diff(self.goals[1])
    }
}
