//! Matches: who plays whom, when and where, and what happened.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::{Error, LiveScore, MatchResult, Stage, TeamId};

/// A match's identity, handed out by the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MatchId(pub i64);

/// Two different teams, the first named at home.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "(TeamId, TeamId)", into = "(TeamId, TeamId)")]
pub struct Pairing {
    home: TeamId,
    away: TeamId,
}

impl Pairing {
    /// A pairing of two teams.
    ///
    /// # Errors
    /// [`Error::SelfMatch`] when both are the same team.
    pub fn new(home: TeamId, away: TeamId) -> Result<Pairing, Error> {
        if home == away {
            Err(Error::SelfMatch)
        } else {
            Ok(Pairing { home, away })
        }
    }

    /// The team named first (at home unless the venue is neutral).
    pub fn home(self) -> TeamId {
        self.home
    }

    /// The team named second.
    pub fn away(self) -> TeamId {
        self.away
    }

    /// Whether `team` plays in this pairing.
    pub fn involves(self, team: TeamId) -> bool {
        self.home == team || self.away == team
    }

    /// The other team, if `team` is one of the two.
    pub fn opponent_of(self, team: TeamId) -> Option<TeamId> {
        if team == self.home {
            Some(self.away)
        } else if team == self.away {
            Some(self.home)
        } else {
            None
        }
    }
}

impl TryFrom<(TeamId, TeamId)> for Pairing {
    type Error = Error;
    fn try_from((home, away): (TeamId, TeamId)) -> Result<Pairing, Error> {
        Pairing::new(home, away)
    }
}

impl From<Pairing> for (TeamId, TeamId) {
    fn from(p: Pairing) -> (TeamId, TeamId) {
        (p.home, p.away)
    }
}

/// Where a match is played.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Venue {
    /// At the first-named team's ground.
    #[default]
    Home,
    /// On neutral ground, as finals are.
    Neutral,
}

/// What has become of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status", content = "result")]
pub enum MatchStatus {
    /// Still to be played.
    Scheduled,
    /// Played, with its result.
    Played(MatchResult),
    /// Put off to a date not yet known (or stored under its original date).
    Postponed,
    /// Started but not finished; does not count.
    Abandoned,
    /// Will not be played at all.
    Cancelled,
    /// Decided off the pitch, with the score awarded (often 3-0).
    Awarded(MatchResult),
    /// In play: the score so far, which no result counts (only a provisional table,
    /// [`crate::TableOptions::provisional`]); still to play until its result is entered.
    Live(LiveScore),
}

impl MatchStatus {
    /// The result that counts, for a played or awarded match.
    pub fn result(&self) -> Option<&MatchResult> {
        match self {
            MatchStatus::Played(r) | MatchStatus::Awarded(r) => Some(r),
            _ => None,
        }
    }

    /// Whether the match is still to be played (scheduled or postponed), or still
    /// being played (live): it has no result yet.
    pub fn is_pending(&self) -> bool {
        matches!(
            self,
            MatchStatus::Scheduled | MatchStatus::Postponed | MatchStatus::Live(_)
        )
    }

    /// The score so far of a match in play.
    pub fn live(&self) -> Option<LiveScore> {
        match self {
            MatchStatus::Live(live) => Some(*live),
            _ => None,
        }
    }

    /// The status's name as used in files and JSON.
    pub fn name(&self) -> &'static str {
        match self {
            MatchStatus::Scheduled => "scheduled",
            MatchStatus::Played(_) => "played",
            MatchStatus::Postponed => "postponed",
            MatchStatus::Abandoned => "abandoned",
            MatchStatus::Cancelled => "cancelled",
            MatchStatus::Awarded(_) => "awarded",
            MatchStatus::Live(_) => "live",
        }
    }
}

/// A match of one competition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Match {
    /// Identity, once stored.
    pub id: Option<MatchId>,
    /// The day it is (or was to be) played.
    pub date: NaiveDate,
    /// Local kick-off time, when known.
    pub kickoff: Option<NaiveTime>,
    /// The two teams.
    pub pairing: Pairing,
    /// Home ground or neutral.
    pub venue: Venue,
    /// The round or matchday label: "Matchday 1", "Round 3", "Final".
    pub round: Option<String>,
    /// The typed stage of a cup match (group stage or knockout round), read
    /// from the labels when the match was entered; none for a league matchday. The
    /// label stays for display.
    pub stage: Option<Stage>,
    /// The group, for a group stage: "A".
    pub group: Option<String>,
    /// 1 or 2 for a two-legged tie.
    pub leg: Option<u8>,
    /// Whether this is a replay of a drawn cup match.
    pub replay: bool,
    /// Played, scheduled, postponed and so on.
    pub status: MatchStatus,
}

/// A result whose teams are typed the other way round from the fixture of its day, while
/// the order typed is itself a fixture still to play on another day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "the teams' order is unclear: the order typed is a fixture on {typed_on}, the other order one on {other_on}"
)]
pub struct OrderUnclear {
    /// The teams in the order typed.
    pub typed: Pairing,
    /// The day of the fixture in the order typed.
    pub typed_on: NaiveDate,
    /// The day of the fixture the other way round: the day entered.
    pub other_on: NaiveDate,
}

impl Match {
    /// A match to be played at the first team's ground, with no round.
    pub fn new(date: NaiveDate, pairing: Pairing, status: MatchStatus) -> Match {
        Match {
            id: None,
            date,
            kickoff: None,
            pairing,
            venue: Venue::Home,
            round: None,
            stage: None,
            group: None,
            leg: None,
            replay: false,
            status,
        }
    }

    /// The same match with the teams named the other way round: on neutral
    /// ground, "Liverpool 1-0 Chelsea" and "Chelsea 0-1 Liverpool" are one match.
    pub fn swapped(&self) -> Match {
        let status = match self.status {
            MatchStatus::Played(r) => MatchStatus::Played(r.swapped()),
            MatchStatus::Awarded(r) => MatchStatus::Awarded(r.swapped()),
            MatchStatus::Live(live) => MatchStatus::Live(live.swapped()),
            other => other,
        };
        Match {
            pairing: Pairing {
                home: self.pairing.away,
                away: self.pairing.home,
            },
            status,
            ..self.clone()
        }
    }

    /// This entered match lined up with the stored fixture it completes: turned
    /// round when the fixture of its day between the two teams is stored the other way
    /// round (a fan types "Chelsea 1-4 Liverpool" for Liverpool v Chelsea), and given
    /// the fixture's round, group and leg when the entry names neither round nor group.
    ///
    /// # Errors
    /// [`OrderUnclear`] when the fixture of the day is the other way round but the order
    /// typed is a fixture still to play on another day: either could be the one meant.
    pub fn lined_up_with(&self, stored: &[Match]) -> Result<Match, OrderUnclear> {
        let pending = |s: &&Match| s.status.is_pending();
        let same_order = |s: &&Match| s.pairing == self.pairing;
        let other_order =
            |s: &&Match| s.pairing.home == self.pairing.away && s.pairing.away == self.pairing.home;
        let typed_on_day = stored
            .iter()
            .filter(pending)
            .any(|s| same_order(&s) && s.date == self.date);
        let reversed_on_day = stored
            .iter()
            .filter(pending)
            .find(|s| other_order(s) && s.date == self.date);
        let reversed = match reversed_on_day {
            Some(_) if typed_on_day => false,
            // On neutral ground the order is only a label: the fixture's is kept.
            Some(fixture) if fixture.venue == Venue::Neutral => true,
            Some(fixture) => match stored.iter().filter(pending).find(same_order) {
                Some(typed) => {
                    return Err(OrderUnclear {
                        typed: self.pairing,
                        typed_on: typed.date,
                        other_on: fixture.date,
                    });
                }
                None => true,
            },
            None => false,
        };
        let mut entered = if reversed { self.swapped() } else { self.clone() };
        if entered.round.is_none()
            && entered.group.is_none()
            && let Some(fixture) = stored
                .iter()
                .filter(pending)
                .find(|s| s.pairing == entered.pairing)
        {
            entered.round = fixture.round.clone();
            entered.stage = fixture.stage;
            entered.group = fixture.group.clone();
            entered.leg = entered.leg.or(fixture.leg);
        }
        Ok(entered)
    }

    /// The result that counts on `as_of` (inclusive), if the match was decided by then.
    pub fn result_as_of(&self, as_of: Option<NaiveDate>) -> Option<&MatchResult> {
        match as_of {
            Some(day) if self.date > day => None,
            _ => self.status.result(),
        }
    }

    /// The match as it stood at the end of `as_of`: a result of a later day is a fixture
    /// still to play, keeping its place in the calendar (which decides, for a split
    /// league, which phase it belongs to).
    pub fn as_it_stood(&self, as_of: Option<NaiveDate>) -> Match {
        let mut m = self.clone();
        if as_of.is_some_and(|day| m.date > day) && m.status.result().is_some() {
            m.status = MatchStatus::Scheduled;
        }
        m
    }

    /// Whether the match is still to play as seen on `as_of`: pending, or
    /// decided only after that date.
    pub fn is_remaining_as_of(&self, as_of: Option<NaiveDate>) -> bool {
        match as_of {
            Some(day) if self.date > day => {
                !matches!(self.status, MatchStatus::Cancelled | MatchStatus::Abandoned)
            }
            _ => self.status.is_pending(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Score;

    #[test]
    fn a_team_never_plays_itself() {
        assert_eq!(Pairing::new(TeamId(1), TeamId(1)), Err(Error::SelfMatch));
        let p = Pairing::new(TeamId(1), TeamId(2)).unwrap();
        assert_eq!(p.opponent_of(TeamId(2)), Some(TeamId(1)));
        assert_eq!(p.opponent_of(TeamId(3)), None);
        assert!(serde_json::from_str::<Pairing>("[3,3]").is_err());
    }

    #[test]
    fn as_of_hides_later_results() {
        let day = |d| NaiveDate::from_ymd_opt(2024, 2, d).unwrap();
        let result = MatchResult::full_time(Score::new(4, 1).unwrap());
        let m = Match::new(
            day(10),
            Pairing::new(TeamId(1), TeamId(2)).unwrap(),
            MatchStatus::Played(result),
        );
        assert!(m.result_as_of(Some(day(1))).is_none());
        let other_way = m.swapped();
        assert_eq!(other_way.pairing.home(), TeamId(2));
        assert_eq!(
            other_way.status.result().unwrap().score(),
            Some(Score::new(1, 4).unwrap())
        );
        assert_eq!(other_way.swapped(), m);
        assert!(m.is_remaining_as_of(Some(day(1))));
        assert_eq!(m.result_as_of(Some(day(10))), Some(&result));
        assert!(!m.is_remaining_as_of(None));
    }

    #[test]
    fn an_entry_lines_up_with_the_fixture_it_completes() {
        let day = NaiveDate::from_ymd_opt(2024, 2, 25).unwrap();
        let mut fixture = Match::new(
            day,
            Pairing::new(TeamId(2), TeamId(1)).unwrap(),
            MatchStatus::Scheduled,
        );
        fixture.venue = Venue::Neutral;
        fixture.round = Some("Final".into());
        let result = MatchResult::full_time(Score::new(1, 0).unwrap());
        let typed = Match::new(
            day,
            Pairing::new(TeamId(1), TeamId(2)).unwrap(),
            MatchStatus::Played(result),
        );
        let lined = typed.lined_up_with(std::slice::from_ref(&fixture)).unwrap();
        assert_eq!(lined.pairing, fixture.pairing);
        assert_eq!(lined.round.as_deref(), Some("Final"));
        assert_eq!(
            lined.status.result().unwrap().score(),
            Some(Score::new(0, 1).unwrap())
        );
        // Issue 21: at a home ground too, the one fixture of the day is the match meant,
        // typed either way round: "Chelsea 0-1 Liverpool" for Liverpool v Chelsea.
        fixture.venue = Venue::Home;
        let lined = typed.lined_up_with(std::slice::from_ref(&fixture)).unwrap();
        assert_eq!(lined.pairing, fixture.pairing);
        assert_eq!(
            lined.status.result().unwrap().score(),
            Some(Score::new(0, 1).unwrap())
        );
        // A fixture of another day is no guide: the order typed stands.
        fixture.date = day.succ_opt().unwrap();
        let lined = typed.lined_up_with(std::slice::from_ref(&fixture)).unwrap();
        assert_eq!(lined.pairing, typed.pairing);
        assert_eq!(lined.round, None);
        // The order typed has a fixture of its own on another day: which is meant is unclear.
        fixture.date = day;
        let mut own = fixture.swapped();
        own.date = day.succ_opt().unwrap();
        let unclear = typed.lined_up_with(&[fixture.clone(), own.clone()]).unwrap_err();
        assert_eq!((unclear.typed_on, unclear.other_on), (own.date, day));
        // Both orders on the day entered: the order typed is the one played.
        own.date = day;
        let lined = typed.lined_up_with(&[fixture, own]).unwrap();
        assert_eq!(lined.pairing, typed.pairing);
    }
}
