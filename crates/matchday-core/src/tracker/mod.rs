//! Trophy targets: where a team stands in each competition it entered, on a
//! date, and its honours across the seasons stored.
//!
//! Everything is derived from matches and the competition's [`crate::Structure`].
//! A stored fixture of a knockout round counts as drawn on the as-of date only
//! as [`RoundOrder::is_drawn`] says, through the [`Bracket`] as of that date.
//! Values are typed (teams as [`TeamId`], the deciding tie as a [`KnockoutTie`],
//! a group finish as numbers): the caller words them.
//!
//! One concept per file: [`league`] (a league's place and whether it is
//! finished), [`league_order`] (a league's order, section by section after a
//! split), [`play_offs`] (the knockout stage after a league), [`group`] (groups
//! and what a group place means), [`placed`] (the ranking of teams placed `k`-th
//! across groups), [`cup`] (knockout runs), [`reached`] (the stage reached, as a
//! value), [`honours`] (trophies and finals), [`history`] (a club's league
//! finishes and cup runs, season by season).

mod cup;
mod group;
mod history;
mod honours;
mod league;
mod league_order;
mod placed;
mod play_offs;
mod reached;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub(crate) use group::out_in_group;
pub use group::{StageGroup, stage_groups};
pub use history::{ClubHistory, CupRun, LeagueFinish, SeasonLine, TierMove};
pub use honours::{FinalRecord, Honours, Trophy, TrophyKind};
pub use placed::{Line, PlacedRanking, PlacedStanding};
pub use play_offs::PlayOffRun;
pub use reached::StageReached;

use crate::{
    Competition, Deduction, Format, KnockoutError, KnockoutTie, Match, PlaceVerdict, Season, Stage, TeamId,
    Tier, Venue,
};

/// One competition in one season with everything stored for it.
#[derive(Debug, Clone, Copy)]
pub struct CompetitionSeason<'a> {
    /// The competition.
    pub competition: &'a Competition,
    /// All its matches, played and to play.
    pub matches: &'a [Match],
    /// Its point deductions (leagues only).
    pub deductions: &'a [Deduction],
    /// The decisions off the pitch recorded for its tables (fair play, lots).
    pub decisions: &'a [crate::Decision],
    /// Its tier, as the catalogue gives it (see [`Tier::of`]); none for a cup or a
    /// competition the catalogue does not know.
    pub tier: Option<Tier>,
}

/// Where a team stands in a competition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    /// Still in it: a cup not lost, a league not finished.
    Alive,
    /// Knocked out of a cup (or out in its group stage).
    Eliminated,
    /// Won the cup's final.
    Won,
    /// Lost the cup's final.
    RunnerUp,
    /// A league whose every meeting its structure needs is played.
    Finished,
}

/// Where a team plays a match, seen from that team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamVenue {
    /// At its own ground.
    Home,
    /// At the opponent's ground.
    Away,
    /// On neutral ground, as finals are.
    Neutral,
}

/// Who a team meets next, as far as it is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Opponent {
    /// A known team.
    Team(TeamId),
    /// The winner of a tie still open between these two.
    WinnerOf(TeamId, TeamId),
}

impl Opponent {
    /// The teams it may be.
    pub fn candidates(&self) -> Vec<TeamId> {
        match *self {
            Opponent::Team(t) => vec![t],
            Opponent::WinnerOf(a, b) => vec![a, b],
        }
    }
}

/// A team's next match in a competition, with what is known of it on the as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextMatch {
    /// The day, once the fixture is known.
    pub date: Option<NaiveDate>,
    /// The opponent, or the two it may be while its own tie is open, once drawn.
    pub opponent: Option<Opponent>,
    /// The round or matchday: "Round of 16", "Matchday 23".
    pub round: String,
    /// Home, away or neutral, once drawn.
    pub venue: Option<TeamVenue>,
}

/// What decided a team's run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecidedBy {
    /// A knockout tie (lost, or the final won).
    Tie(KnockoutTie),
    /// Its place in its group, and for a team placed `k`-th its rank among those so placed.
    GroupFinish {
        /// Its place in the group.
        position: u16,
        /// The group's label, when named.
        group: Option<String>,
        /// Its standing among the teams so placed across groups, when that decided.
        among: Option<PlacedStanding>,
    },
}

/// A team's standing in one competition-season on a date: what it can still win and what is next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrophyTarget {
    /// The competition's name.
    pub competition: String,
    /// The season.
    pub season: Season,
    /// League, knockout, or groups then knockout.
    pub format: Format,
    /// The league's tier, when the catalogue gives it; none for cups.
    pub tier: Option<Tier>,
    /// Alive, eliminated, won, runner-up or finished.
    pub status: TargetStatus,
    /// The stage reached: a group, a league phase, a knockout round, or a split
    /// league's section; none for a league played as one table.
    pub stage: Option<StageReached>,
    /// The group, while in or out in a group stage.
    pub group: Option<String>,
    /// The next match, while alive: never dated before the as-of day.
    pub next_match: Option<NextMatch>,
    /// Its matches dated before the as-of day with no result stored: overdue
    /// (postponed, or a result not entered yet), not next.
    #[serde(default)]
    pub overdue: Vec<NextMatch>,
    /// The team that knocked it out, or beat it in the final.
    pub eliminated_by: Option<TeamId>,
    /// The deciding tie, or the group finish.
    pub decided_by: Option<DecidedBy>,
    /// Ties still to win to lift the trophy: 0 once won; none for a league or when out.
    pub ties_to_win: Option<u8>,
    /// Place in the league table, or in the group (or league phase).
    pub position: Option<u16>,
    /// Points behind the team in first place, in the league or group.
    pub points_behind_leader: Option<i32>,
    /// For the team in first place, its lead in points over the team in second.
    pub points_clear: Option<i32>,
    /// Where its place in the group, league phase or league leads, as things stand
    /// (a league's place leads on only to a knockout after it: play-offs).
    pub leads_to: Option<PlaceVerdict>,
    /// The competition's zones its league place lies in ("champions", "promotion-play-off"),
    /// as things stand; empty for cups.
    #[serde(default)]
    pub zones: Vec<String>,
    /// Its run in the knockout stage after the league (play-offs), once the league is
    /// finished and its place sent it there.
    #[serde(default)]
    pub play_offs: Option<PlayOffRun>,
}

impl TrophyTarget {
    /// The trophy target of `team` in `season` as it stood on `as_of` (the whole season if none).
    ///
    /// `name` gives team names for errors.
    ///
    /// # Errors
    /// [`KnockoutError::NotEntered`] when the team has no match in the
    /// competition; the errors of [`crate::Bracket::build`] for unreadable cup rounds.
    pub fn compute(
        season: CompetitionSeason<'_>,
        team: TeamId,
        as_of: Option<NaiveDate>,
        name: &dyn Fn(TeamId) -> String,
    ) -> Result<TrophyTarget, KnockoutError> {
        let competition = season.competition;
        if !season.matches.iter().any(|m| m.pairing.involves(team)) {
            return Err(KnockoutError::NotEntered {
                team: name(team),
                competition: competition.name.clone(),
            });
        }
        let blank = TrophyTarget::blank(competition, season.tier);
        if competition.format == Format::League {
            return league::target(blank, season, team, as_of);
        }
        cup::target(blank, season, team, as_of)
    }

    /// Whether the team finished first in a finished league: its champions.
    pub fn is_league_champion(&self) -> bool {
        self.format == Format::League && self.status == TargetStatus::Finished && self.position == Some(1)
    }

    /// A target in `competition` with nothing known yet.
    fn blank(competition: &Competition, tier: Option<Tier>) -> TrophyTarget {
        TrophyTarget {
            competition: competition.name.clone(),
            season: competition.season,
            format: competition.format,
            tier,
            status: TargetStatus::Alive,
            stage: None,
            group: None,
            next_match: None,
            overdue: Vec::new(),
            eliminated_by: None,
            decided_by: None,
            ties_to_win: None,
            position: None,
            points_behind_leader: None,
            points_clear: None,
            leads_to: None,
            zones: Vec::new(),
            play_offs: None,
        }
    }
}

fn next_of(m: &Match, team: TeamId, round: String) -> NextMatch {
    let venue = if m.venue == Venue::Neutral {
        TeamVenue::Neutral
    } else if m.pairing.home() == team {
        TeamVenue::Home
    } else {
        TeamVenue::Away
    };
    NextMatch {
        date: Some(m.date),
        opponent: m.pairing.opponent_of(team).map(Opponent::Team),
        round,
        venue: Some(venue),
    }
}

/// `team`'s next match among `remaining` (sorted by date), and those before
/// the as-of day: a fixture left without a result is overdue, never next.
fn next_and_overdue<'m>(
    remaining: impl IntoIterator<Item = &'m Match>,
    team: TeamId,
    as_of: Option<NaiveDate>,
) -> (Option<&'m Match>, Vec<&'m Match>) {
    let (overdue, due): (Vec<&Match>, Vec<&Match>) = remaining
        .into_iter()
        .filter(|m| m.pairing.involves(team))
        .partition(|m| is_overdue(m, as_of));
    (due.into_iter().next(), overdue)
}

/// Whether `m`, still to play, is dated before the as-of day.
fn is_overdue(m: &Match, as_of: Option<NaiveDate>) -> bool {
    as_of.is_some_and(|day| m.date < day)
}

fn plays_knockout(matches: &[Match], team: TeamId) -> bool {
    matches
        .iter()
        .any(|m| m.pairing.involves(team) && matches!(Stage::of(m), Ok(Stage::Knockout(_))))
}
