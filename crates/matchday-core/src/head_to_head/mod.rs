//! Head-to-head: every meeting of two teams across the competitions and seasons
//! stored, and what they add up to: the totals, the same for each competition,
//! the biggest wins of each side and their unbeaten runs.
//!
//! How a meeting counts is [`Meeting`]'s rule: by the score when play ended, a
//! shoot-out being a draw with its winner kept beside it, and each leg or replay a
//! meeting of its own. One concept per file: [`meeting`] (one meeting), [`run`]
//! (unbeaten runs), [`since`] (where the record starts).

mod meeting;
mod run;
mod since;
#[cfg(test)]
mod tests;

pub use meeting::{Meeting, MeetingError, Rival, Verdict};
pub use run::Run;
pub use since::Since;

use crate::{Catalogue, Competition, Match, Season, TeamId};

/// The competition a stored competition-season counts under in a head-to-head, as a
/// slug: the catalogue's entry for it, which gathers the names it went by (engsoccerdata's
/// "League Cup" seasons are the EFL Cup's, as its edition names say), else its own slug.
/// The First Division and the Premier League are two entries, so two competitions.
pub fn counted_under(catalogue: &Catalogue, competition: &Competition) -> String {
    catalogue
        .find(&competition.name)
        .or_else(|| catalogue.find(&competition.slug))
        .map_or_else(|| competition.slug.clone(), |entry| entry.slug().to_string())
}

/// Which meetings a head-to-head counts, and under which competition each.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// The catalogue that gathers a competition's names (see [`counted_under`]).
    pub catalogue: &'a Catalogue,
    /// Only the meetings counted under this competition (a slug as [`counted_under`] gives it).
    pub competition: Option<&'a str>,
    /// Only the meetings from this season or day on.
    pub since: Option<Since>,
}

/// What a set of meetings adds up to: played, won by each, drawn and the goals of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    won: [u32; 2],
    drawn: u32,
    goals: [u32; 2],
}

impl Totals {
    /// The totals of `meetings`.
    pub fn of<'a>(meetings: impl IntoIterator<Item = &'a Meeting>) -> Totals {
        let mut totals = Totals::default();
        for m in meetings {
            totals.add(m);
        }
        totals
    }

    fn add(&mut self, m: &Meeting) {
        match m.verdict() {
            Verdict::Won(rival) => self.won[rival.index()] += 1,
            Verdict::Drawn => self.drawn += 1,
        }
        for rival in Rival::BOTH {
            self.goals[rival.index()] += m.goals(rival);
        }
    }

    /// Meetings: those won by each team and those drawn.
    pub fn played(&self) -> u32 {
        self.won[0] + self.won[1] + self.drawn
    }

    /// Meetings `rival` won.
    pub fn won(&self, rival: Rival) -> u32 {
        self.won[rival.index()]
    }

    /// Meetings drawn (shoot-outs included).
    pub fn drawn(&self) -> u32 {
        self.drawn
    }

    /// Goals `rival` scored.
    pub fn goals(&self, rival: Rival) -> u32 {
        self.goals[rival.index()]
    }
}

/// The meetings of one competition, over its seasons (as [`counted_under`] gathers
/// them: the League Cup and the EFL Cup are one competition; the First Division and
/// the Premier League are two).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompetitionRecord {
    slug: String,
    name: String,
    first: Season,
    last: Season,
    totals: Totals,
}

impl CompetitionRecord {
    /// The slug it is counted under ([`counted_under`]).
    pub fn slug(&self) -> &str {
        &self.slug
    }

    /// Its name in the season of the latest meeting.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The season of the first meeting in it.
    pub fn first(&self) -> Season {
        self.first
    }

    /// The season of the latest meeting in it.
    pub fn last(&self) -> Season {
        self.last
    }

    /// What its meetings add up to.
    pub fn totals(&self) -> Totals {
        self.totals
    }
}

/// Every meeting of two teams, oldest first, and what they add up to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadToHead {
    teams: [TeamId; 2],
    meetings: Vec<Meeting>,
    totals: Totals,
    competitions: Vec<CompetitionRecord>,
    runs: [Vec<Run>; 2],
}

impl HeadToHead {
    /// The record of `first` and `second` from the `stored` matches between them (each
    /// with its competition-season): those with a result that counts, within `scope`.
    ///
    /// # Errors
    /// [`MeetingError::SameTeam`] when the two are one team, and
    /// [`MeetingError::OtherTeams`] for a match between other teams.
    pub fn between<'c>(
        first: TeamId,
        second: TeamId,
        stored: impl IntoIterator<Item = (&'c Competition, Match)>,
        scope: Scope<'_>,
    ) -> Result<HeadToHead, MeetingError> {
        if first == second {
            return Err(MeetingError::SameTeam);
        }
        let mut meetings = Vec::new();
        for (competition, game) in stored {
            if scope
                .since
                .is_some_and(|s| !s.admits(competition.season, game.date))
            {
                continue;
            }
            let under = counted_under(scope.catalogue, competition);
            if scope.competition.is_some_and(|only| only != under) {
                continue;
            }
            match Meeting::new(first, second, competition, under, game) {
                Ok(meeting) => meetings.push(meeting),
                // Still to play, abandoned or cancelled: not a meeting that counts.
                Err(MeetingError::NoResult { .. }) => {}
                Err(err) => return Err(err),
            }
        }
        meetings.sort_by_key(|m| (m.date(), m.game().kickoff.is_some(), m.game().kickoff));
        let totals = Totals::of(&meetings);
        let competitions = by_competition(&meetings);
        let runs = Rival::BOTH.map(|rival| run::unbeaten_runs(&meetings, rival));
        Ok(HeadToHead {
            teams: [first, second],
            meetings,
            totals,
            competitions,
            runs,
        })
    }

    /// The team `rival` is.
    pub fn team(&self, rival: Rival) -> TeamId {
        self.teams[rival.index()]
    }

    /// Every meeting, oldest first.
    pub fn meetings(&self) -> &[Meeting] {
        &self.meetings
    }

    /// What all the meetings add up to.
    pub fn totals(&self) -> Totals {
        self.totals
    }

    /// The same for each competition, in the order the two first met in them.
    pub fn competitions(&self) -> &[CompetitionRecord] {
        &self.competitions
    }

    /// The latest `n` meetings (or all, when fewer), oldest first.
    pub fn last(&self, n: usize) -> &[Meeting] {
        &self.meetings[self.meetings.len().saturating_sub(n)..]
    }

    /// Up to `n` of `rival`'s wins, the biggest first: by margin, then by its goals,
    /// then the earlier.
    pub fn biggest_wins(&self, rival: Rival, n: usize) -> Vec<&Meeting> {
        let mut wins: Vec<&Meeting> = self
            .meetings
            .iter()
            .filter(|m| m.verdict() == Verdict::Won(rival))
            .collect();
        // Stable: among equals the earlier stays first.
        wins.sort_by_key(|m| std::cmp::Reverse((m.margin(), m.goals(rival))));
        wins.truncate(n);
        wins
    }

    /// `rival`'s longest unbeaten run (the first, among runs as long); none when it
    /// lost every meeting.
    pub fn longest_unbeaten(&self, rival: Rival) -> Option<Run> {
        let runs = &self.runs[rival.index()];
        // max_by_key keeps the last of equals: the first is found by going backwards.
        runs.iter().rev().max_by_key(|r| r.length()).copied()
    }

    /// `rival`'s unbeaten run still going: the meetings since its last defeat; none
    /// when it lost the latest meeting.
    pub fn current_unbeaten(&self, rival: Rival) -> Option<Run> {
        self.runs[rival.index()].last().filter(|r| r.ongoing()).copied()
    }
}

/// The meetings' totals competition by competition, in the order the two first met in each.
fn by_competition(meetings: &[Meeting]) -> Vec<CompetitionRecord> {
    let mut records: Vec<CompetitionRecord> = Vec::new();
    for m in meetings {
        let at = match records.iter().position(|r| r.slug == m.counted_under()) {
            Some(at) => at,
            None => {
                records.push(CompetitionRecord {
                    slug: m.counted_under().to_string(),
                    name: m.competition().to_string(),
                    first: m.season(),
                    last: m.season(),
                    totals: Totals::default(),
                });
                records.len() - 1
            }
        };
        let record = &mut records[at];
        record.totals.add(m);
        record.first = record.first.min(m.season());
        if m.season() >= record.last {
            record.last = m.season();
            record.name = m.competition().to_string();
        }
    }
    records
}
