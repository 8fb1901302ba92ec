//! A competition's ranking regulations as one value: points for results, what
//! ranks first, the ordered tie-breakers, when head-to-head applies and what
//! happens to teams still level; the named presets; and decisions taken off the
//! pitch (fair play, lots) that a user records.
//!
//! [`crate::rank_teams`] reads a [`Regulations`]; nothing there branches on a
//! competition's name. Each preset ([`RuleSet`]) is one value built by
//! [`RuleSet::regulations`], checked against the published regulations listed
//! in `docs/regulations.md`.
//!
//! ```
//! use matchday_core::{RuleSet, Season, TieBreaker};
//! let wc = RuleSet::FifaWorldCup2018.regulations(Season::calendar(2018));
//! assert_eq!(wc.criteria()[1], TieBreaker::GoalDifference);
//! let old = RuleSet::EnglishHistory.regulations(Season::starting(1970));
//! assert_eq!((old.points().win, old.criteria()[1]), (2, TieBreaker::GoalAverage));
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Error, HeadToHeadScope, PointsScheme, RuleSet, Season, TeamId, TieBreaker};

/// What ranks teams first: points, or points per game (curtailed seasons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RankBy {
    /// Points, after deductions.
    #[default]
    Points,
    /// Points (after deductions) divided by matches played.
    PointsPerGame,
}

impl RankBy {
    /// The name used on the command line and in the store.
    pub fn name(self) -> &'static str {
        match self {
            RankBy::Points => "points",
            RankBy::PointsPerGame => "points-per-game",
        }
    }

    /// The criterion that ranks first.
    pub fn criterion(self) -> TieBreaker {
        match self {
            RankBy::Points => TieBreaker::Points,
            RankBy::PointsPerGame => TieBreaker::PointsPerGame,
        }
    }
}

impl fmt::Display for RankBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for RankBy {
    type Err = Error;
    fn from_str(text: &str) -> Result<RankBy, Error> {
        match text.trim().to_ascii_lowercase().replace([' ', '_'], "-").as_str() {
            "points" => Ok(RankBy::Points),
            "points-per-game" | "ppg" => Ok(RankBy::PointsPerGame),
            _ => Err(Error::BadRankBy(text.to_string())),
        }
    }
}

/// A criterion decided off the pitch, which match results cannot give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OffThePitch {
    /// FIFA's fair-play or team conduct score, La Liga's fair-play points (cards).
    FairPlay,
    /// UEFA's disciplinary points (cards, players and officials).
    DisciplinaryPoints,
    /// Drawing of lots.
    DrawingOfLots,
    /// A club coefficient (UEFA club competitions).
    Coefficient,
    /// The overall ranking of the qualifying competition (UEFA Euro finals).
    QualifyingRanking,
    /// The FIFA world ranking.
    WorldRanking,
}

impl OffThePitch {
    /// Every criterion, in the order the help lists them.
    pub const ALL: [OffThePitch; 6] = [
        OffThePitch::FairPlay,
        OffThePitch::DisciplinaryPoints,
        OffThePitch::DrawingOfLots,
        OffThePitch::Coefficient,
        OffThePitch::QualifyingRanking,
        OffThePitch::WorldRanking,
    ];

    /// The name used on the command line and in the store: "fair-play".
    pub fn name(self) -> &'static str {
        match self {
            OffThePitch::FairPlay => "fair-play",
            OffThePitch::DisciplinaryPoints => "disciplinary-points",
            OffThePitch::DrawingOfLots => "drawing-of-lots",
            OffThePitch::Coefficient => "coefficient",
            OffThePitch::QualifyingRanking => "qualifying-ranking",
            OffThePitch::WorldRanking => "world-ranking",
        }
    }

    /// The criterion in words: "fair play".
    pub fn description(self) -> &'static str {
        match self {
            OffThePitch::FairPlay => "fair play",
            OffThePitch::DisciplinaryPoints => "disciplinary points",
            OffThePitch::DrawingOfLots => "the drawing of lots",
            OffThePitch::Coefficient => "the club coefficient",
            OffThePitch::QualifyingRanking => "the qualifying ranking",
            OffThePitch::WorldRanking => "the FIFA world ranking",
        }
    }
}

impl fmt::Display for OffThePitch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for OffThePitch {
    type Err = Error;
    /// Reads "fair play", "fair-play", "lots", "disciplinary points", ...
    fn from_str(text: &str) -> Result<OffThePitch, Error> {
        let key = text.trim().to_ascii_lowercase().replace([' ', '_'], "-");
        let found = match key.as_str() {
            "fair-play" | "conduct" | "team-conduct" | "team-conduct-score" => OffThePitch::FairPlay,
            "disciplinary-points" | "disciplinary" | "discipline" => OffThePitch::DisciplinaryPoints,
            "drawing-of-lots" | "lots" | "lot" => OffThePitch::DrawingOfLots,
            "coefficient" | "club-coefficient" | "ranking" => OffThePitch::Coefficient,
            "qualifying-ranking" | "qualifiers-ranking" | "european-qualifiers" => {
                OffThePitch::QualifyingRanking
            }
            "world-ranking" | "fifa-ranking" | "fifa-world-ranking" => OffThePitch::WorldRanking,
            _ => return Err(Error::BadOffThePitch(text.to_string())),
        };
        Ok(found)
    }
}

/// When teams level on every results criterion play off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlayOff {
    /// Never: they share or an off-the-pitch criterion decides.
    Never,
    /// Whenever still level (Bundesliga).
    WhenLevel,
    /// Only where they straddle a zone boundary (title, Europe, relegation, play-off places).
    AtZoneBoundary,
    /// Serie A: two teams level on points alone for the title or the last safe place play off;
    /// with more, the other criteria pick the two.
    TitleAndLastSafePlace,
}

/// The fields of a [`Regulations`], for building one through [`Regulations::new`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegulationsParts {
    /// Points for a win, a draw and a defeat.
    pub points: PointsScheme,
    /// The ordered criteria; the first is [`TieBreaker::Points`] or [`TieBreaker::PointsPerGame`].
    pub criteria: Vec<TieBreaker>,
    /// When the head-to-head criteria apply.
    pub head_to_head: HeadToHeadScope,
    /// For exactly two teams level, skip head-to-head points (La Liga names only the aggregate).
    #[serde(default)]
    pub pair_skips_head_to_head_points: bool,
    /// When a play-off decides.
    pub play_off: PlayOff,
    /// The criteria off the pitch that follow, in order.
    #[serde(default)]
    pub off_the_pitch: Vec<OffThePitch>,
}

/// A competition's ranking regulations, checked: see [`Regulations::new`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RegulationsParts", into = "RegulationsParts")]
pub struct Regulations {
    points: PointsScheme,
    criteria: Vec<TieBreaker>,
    head_to_head: HeadToHeadScope,
    pair_skips_head_to_head_points: bool,
    play_off: PlayOff,
    off_the_pitch: Vec<OffThePitch>,
}

impl Regulations {
    /// Checks the parts: points win ≥ draw ≥ loss; criteria start with points or
    /// points per game and name neither again; no criterion twice; "re-applied"
    /// only right after a head-to-head criterion; head-to-head criteria present
    /// exactly when the scope is not [`HeadToHeadScope::Never`]; the pair rule
    /// only with head-to-head points; no off-the-pitch criterion twice.
    pub fn new(parts: RegulationsParts) -> Result<Regulations, Error> {
        let RegulationsParts {
            points,
            criteria,
            head_to_head,
            pair_skips_head_to_head_points,
            play_off,
            off_the_pitch,
        } = parts;
        let bad = Error::BadRegulations;
        if !(points.win >= points.draw && points.draw >= points.loss) {
            return Err(bad("points"));
        }
        let is_rank = |c: &TieBreaker| matches!(c, TieBreaker::Points | TieBreaker::PointsPerGame);
        match criteria.first() {
            Some(c) if is_rank(c) => {}
            _ => return Err(bad("criteria must start with points or points per game")),
        }
        if criteria[1..].iter().any(is_rank) {
            return Err(bad("criteria name points twice"));
        }
        for (i, c) in criteria.iter().enumerate() {
            if criteria[..i].contains(c) {
                return Err(bad("a criterion appears twice"));
            }
            if *c == TieBreaker::HeadToHeadReapplied
                && !(i > 0
                    && criteria[i - 1].is_head_to_head()
                    && criteria[i - 1] != TieBreaker::HeadToHeadReapplied)
            {
                return Err(bad("re-applying head-to-head must follow head-to-head criteria"));
            }
        }
        let has_h2h = criteria.iter().any(|c| c.is_head_to_head());
        if has_h2h != (head_to_head != HeadToHeadScope::Never) {
            return Err(bad("head-to-head scope and criteria disagree"));
        }
        if pair_skips_head_to_head_points && !criteria.contains(&TieBreaker::HeadToHeadPoints) {
            return Err(bad("the pair rule needs head-to-head points"));
        }
        for (i, c) in off_the_pitch.iter().enumerate() {
            if off_the_pitch[..i].contains(c) {
                return Err(bad("an off-the-pitch criterion appears twice"));
            }
        }
        Ok(Regulations {
            points,
            criteria,
            head_to_head,
            pair_skips_head_to_head_points,
            play_off,
            off_the_pitch,
        })
    }

    /// Points for results.
    pub fn points(&self) -> PointsScheme {
        self.points
    }

    /// The ordered criteria, starting with points or points per game.
    pub fn criteria(&self) -> &[TieBreaker] {
        &self.criteria
    }

    /// What ranks first.
    pub fn rank_by(&self) -> RankBy {
        if self.criteria[0] == TieBreaker::PointsPerGame {
            RankBy::PointsPerGame
        } else {
            RankBy::Points
        }
    }

    /// When the head-to-head criteria apply.
    pub fn head_to_head(&self) -> HeadToHeadScope {
        self.head_to_head
    }

    /// Whether head-to-head points are skipped for exactly two teams level.
    pub fn pair_skips_head_to_head_points(&self) -> bool {
        self.pair_skips_head_to_head_points
    }

    /// When a play-off decides.
    pub fn play_off(&self) -> PlayOff {
        self.play_off
    }

    /// The off-the-pitch criteria after the results criteria, in order.
    pub fn off_the_pitch(&self) -> &[OffThePitch] {
        &self.off_the_pitch
    }

    /// The same regulations with another points scheme.
    pub fn with_points(mut self, points: PointsScheme) -> Regulations {
        self.points = points;
        self
    }

    /// The same regulations ranking first by `rank_by`.
    pub fn with_rank_by(mut self, rank_by: RankBy) -> Regulations {
        self.criteria[0] = rank_by.criterion();
        self
    }

    /// The parts, to change and check again.
    pub fn parts(&self) -> RegulationsParts {
        RegulationsParts::from(self.clone())
    }
}

impl TryFrom<RegulationsParts> for Regulations {
    type Error = Error;
    fn try_from(parts: RegulationsParts) -> Result<Regulations, Error> {
        Regulations::new(parts)
    }
}

impl From<Regulations> for RegulationsParts {
    fn from(r: Regulations) -> RegulationsParts {
        RegulationsParts {
            points: r.points,
            criteria: r.criteria,
            head_to_head: r.head_to_head,
            pair_skips_head_to_head_points: r.pair_skips_head_to_head_points,
            play_off: r.play_off,
            off_the_pitch: r.off_the_pitch,
        }
    }
}

impl RuleSet {
    /// The preset's regulations for `season` (points and criteria that changed over time).
    pub fn regulations(self, season: Season) -> Regulations {
        use HeadToHeadScope as S;
        use OffThePitch as O;
        use TieBreaker::*;
        let year = season.start_year();
        let (points, criteria, head_to_head, pair, play_off, off): (
            PointsScheme,
            Vec<TieBreaker>,
            HeadToHeadScope,
            bool,
            PlayOff,
            Vec<OffThePitch>,
        ) = match self {
            RuleSet::PremierLeague => (
                PointsScheme::THREE,
                vec![
                    Points,
                    GoalDifference,
                    GoalsScored,
                    HeadToHeadPoints,
                    HeadToHeadAwayGoals,
                ],
                S::AtZoneBoundary,
                false,
                PlayOff::AtZoneBoundary,
                vec![],
            ),
            RuleSet::Efl => (
                PointsScheme::THREE,
                vec![
                    Points,
                    GoalDifference,
                    GoalsScored,
                    HeadToHeadPoints,
                    HeadToHeadAwayGoals,
                ],
                S::Always,
                false,
                PlayOff::AtZoneBoundary,
                vec![],
            ),
            RuleSet::UefaClubGroups => (
                PointsScheme::THREE,
                vec![
                    Points,
                    HeadToHeadPoints,
                    HeadToHeadGoalDifference,
                    HeadToHeadGoalsScored,
                    HeadToHeadReapplied,
                    GoalDifference,
                    GoalsScored,
                    AwayGoalsScored,
                    Wins,
                    AwayWins,
                ],
                S::Always,
                false,
                PlayOff::Never,
                vec![O::DisciplinaryPoints, O::Coefficient],
            ),
            RuleSet::UefaLeaguePhase => (
                PointsScheme::THREE,
                vec![
                    Points,
                    GoalDifference,
                    GoalsScored,
                    AwayGoalsScored,
                    Wins,
                    AwayWins,
                    OpponentsPoints,
                    OpponentsGoalDifference,
                    OpponentsGoalsScored,
                ],
                S::Never,
                false,
                PlayOff::Never,
                vec![O::DisciplinaryPoints, O::Coefficient],
            ),
            RuleSet::UefaEuroFinals => {
                let mut list = vec![
                    Points,
                    HeadToHeadPoints,
                    HeadToHeadGoalDifference,
                    HeadToHeadGoalsScored,
                    HeadToHeadReapplied,
                    GoalDifference,
                    GoalsScored,
                ];
                // Wins came in with Euro 2020; Euro 2016 went on to fair play and the coefficient.
                let off = if year >= 2020 {
                    list.push(Wins);
                    vec![O::DisciplinaryPoints, O::QualifyingRanking]
                } else {
                    vec![O::FairPlay, O::Coefficient]
                };
                (PointsScheme::THREE, list, S::Always, false, PlayOff::Never, off)
            }
            RuleSet::FifaWorldCup2018 => (
                PointsScheme::THREE,
                vec![
                    Points,
                    GoalDifference,
                    GoalsScored,
                    HeadToHeadPoints,
                    HeadToHeadGoalDifference,
                    HeadToHeadGoalsScored,
                ],
                S::Always,
                false,
                PlayOff::Never,
                vec![O::FairPlay, O::DrawingOfLots],
            ),
            RuleSet::FifaWorldCup2026 => (
                PointsScheme::THREE,
                vec![
                    Points,
                    HeadToHeadPoints,
                    HeadToHeadGoalDifference,
                    HeadToHeadGoalsScored,
                    HeadToHeadReapplied,
                    GoalDifference,
                    GoalsScored,
                ],
                S::Always,
                false,
                PlayOff::Never,
                vec![O::FairPlay, O::WorldRanking],
            ),
            RuleSet::LaLiga => (
                PointsScheme::THREE,
                vec![
                    Points,
                    HeadToHeadPoints,
                    HeadToHeadGoalDifference,
                    GoalDifference,
                    GoalsScored,
                ],
                S::Always,
                true,
                PlayOff::Never,
                vec![O::FairPlay],
            ),
            RuleSet::SerieA => (
                PointsScheme::THREE,
                vec![
                    Points,
                    HeadToHeadPoints,
                    HeadToHeadGoalDifference,
                    GoalDifference,
                    GoalsScored,
                ],
                S::Always,
                false,
                PlayOff::TitleAndLastSafePlace,
                vec![O::DrawingOfLots],
            ),
            RuleSet::Bundesliga => (
                PointsScheme::THREE,
                vec![
                    Points,
                    GoalDifference,
                    GoalsScored,
                    HeadToHeadGoalDifference,
                    HeadToHeadAwayGoals,
                    AwayGoalsScored,
                ],
                S::AfterAllMeetings,
                false,
                PlayOff::WhenLevel,
                vec![],
            ),
            RuleSet::AustrianBundesliga if year >= 2021 => (
                PointsScheme::THREE,
                vec![
                    Points,
                    HeadToHeadPoints,
                    HeadToHeadGoalDifference,
                    HeadToHeadGoalsScored,
                    HeadToHeadAwayGoals,
                    GoalDifference,
                    GoalsScored,
                    Wins,
                    AwayWins,
                    AwayGoalsScored,
                ],
                S::Always,
                false,
                PlayOff::Never,
                vec![O::DrawingOfLots],
            ),
            RuleSet::AustrianBundesliga => (
                PointsScheme::THREE,
                vec![
                    Points,
                    GoalDifference,
                    GoalsScored,
                    Wins,
                    AwayWins,
                    HeadToHeadPoints,
                    HeadToHeadGoalDifference,
                    HeadToHeadGoalsScored,
                ],
                S::Always,
                false,
                PlayOff::Never,
                vec![O::DrawingOfLots],
            ),
            RuleSet::ScottishPremiership => (
                PointsScheme::THREE,
                vec![Points, GoalDifference, GoalsScored],
                S::Never,
                false,
                PlayOff::AtZoneBoundary,
                vec![],
            ),
            RuleSet::EnglishHistory => {
                let points = if year >= 1981 {
                    PointsScheme::THREE
                } else {
                    PointsScheme::TWO
                };
                // Goal difference replaced goal average from 1976-77.
                let criteria = if year >= 1976 {
                    vec![Points, GoalDifference, GoalsScored]
                } else {
                    vec![Points, GoalAverage]
                };
                (points, criteria, S::Never, false, PlayOff::Never, vec![])
            }
            // From 1992-93 to 1998-99 the Football League ranked clubs level on
            // points by goals scored, then goal difference; from 1999-2000 the other way.
            RuleSet::FootballLeague1992 if (1992..=1998).contains(&year) => (
                PointsScheme::THREE,
                vec![Points, GoalsScored, GoalDifference],
                S::Never,
                false,
                PlayOff::Never,
                vec![],
            ),
            RuleSet::FootballLeague1992 => {
                let english = RuleSet::EnglishHistory.regulations(season);
                (
                    english.points(),
                    english.criteria().to_vec(),
                    S::Never,
                    false,
                    PlayOff::Never,
                    vec![],
                )
            }
            // The DFB gave three points for a win from 1995-96 (the first season of the
            // rule, in the 1995-96 Bundesliga's own record and in Süddeutsche Zeitung's "30
            // Jahre Drei-Punkte-Regel", 2025), and ranked clubs level on points by goal
            // quotient (Torquotient, goals for ÷ against) until 1968-69 and by goal
            // difference, then goals, from 1969-70 (the 1969-70 Bundesliga's record).
            RuleSet::GermanHistory => {
                let points = if year >= 1995 {
                    PointsScheme::THREE
                } else {
                    PointsScheme::TWO
                };
                let criteria = if year >= 1969 {
                    vec![Points, GoalDifference, GoalsScored]
                } else {
                    vec![Points, GoalAverage]
                };
                (points, criteria, S::Never, false, PlayOff::Never, vec![])
            }
            // Spain's league has ranked clubs level on points by their meetings first since
            // it began in 1928-29 (Eugenio Llamas, "Sistemas de clasificación en España a lo
            // largo del tiempo", Cuadernos de Fútbol, April 2016); three points for a win
            // came in from 1995-96 (the 1995-96 La Liga's record). Today's head-to-head
            // criteria stand for every era: the first seasons' finer steps (goals scored in
            // the meetings, then the goal quotient) are not dated well enough to model, nor
            // is the coming of fair play, so clubs level on every criterion share.
            RuleSet::SpanishHistory => {
                let today = RuleSet::LaLiga.regulations(season);
                let points = if year >= 1995 {
                    PointsScheme::THREE
                } else {
                    PointsScheme::TWO
                };
                (
                    points,
                    today.criteria().to_vec(),
                    today.head_to_head(),
                    today.pair_skips_head_to_head_points(),
                    PlayOff::Never,
                    vec![],
                )
            }
            RuleSet::PointsPerGame => (
                PointsScheme::THREE,
                vec![PointsPerGame, GoalDifference, GoalsScored],
                S::Never,
                false,
                PlayOff::Never,
                vec![],
            ),
            RuleSet::Ligue1 => (
                PointsScheme::THREE,
                vec![
                    Points,
                    GoalDifference,
                    HeadToHeadPoints,
                    HeadToHeadGoalDifference,
                    HeadToHeadGoalsScored,
                    HeadToHeadAwayGoals,
                    GoalsScored,
                    AwayGoalsScored,
                ],
                S::Always,
                false,
                PlayOff::Never,
                vec![O::FairPlay],
            ),
            // Clubs level on points are ranked by goal difference, goals scored, then
            // the most wins, then their meetings, then a play-off (the FA WSL rules as
            // Daily Cannon set them out, January 2019).
            RuleSet::WomensSuperLeague => (
                PointsScheme::THREE,
                vec![Points, GoalDifference, GoalsScored, Wins, HeadToHeadPoints],
                S::Always,
                false,
                PlayOff::AtZoneBoundary,
                vec![],
            ),
            RuleSet::Plain => (
                PointsScheme::THREE,
                vec![Points, GoalDifference, GoalsScored],
                S::Never,
                false,
                PlayOff::Never,
                vec![],
            ),
        };
        Regulations::new(RegulationsParts {
            points,
            criteria,
            head_to_head,
            pair_skips_head_to_head_points: pair,
            play_off,
            off_the_pitch: off,
        })
        .expect("every preset passes its own checks")
    }
}

/// An order of teams level on every results criterion, decided off the pitch
/// and recorded by a user (fair play put Japan above Senegal in 2018).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DecisionParts", into = "DecisionParts")]
pub struct Decision {
    group: Option<String>,
    teams: Vec<TeamId>,
    by: OffThePitch,
}

/// The fields of a [`Decision`], for serde.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionParts {
    /// The group, in a group stage.
    pub group: Option<String>,
    /// The teams, best first.
    pub teams: Vec<TeamId>,
    /// What decided.
    pub by: OffThePitch,
}

/// Why a decision cannot be recorded or applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    /// Fewer than two teams, or one twice.
    #[error("a decision orders two or more different teams")]
    Teams,
    /// A team is not in the table.
    #[error("a team named is not in this table")]
    NotInTable(TeamId),
    /// The teams are not level on every criterion the results give.
    #[error("the teams are not level on every criterion the results give")]
    NotLevel,
    /// The regulations do not use this criterion.
    #[error("the regulations do not use {}", .0.description())]
    NotInRegulations(OffThePitch),
}

impl Decision {
    /// A decision: at least two different teams, best first.
    pub fn new(
        group: Option<String>,
        teams: Vec<TeamId>,
        by: OffThePitch,
    ) -> Result<Decision, DecisionError> {
        let distinct = teams.iter().enumerate().all(|(i, t)| !teams[..i].contains(t));
        if teams.len() < 2 || !distinct {
            return Err(DecisionError::Teams);
        }
        let group = group.map(|g| g.trim().to_string()).filter(|g| !g.is_empty());
        Ok(Decision { group, teams, by })
    }

    /// The group, if any.
    pub fn group(&self) -> Option<&str> {
        self.group.as_deref()
    }

    /// The teams, best first.
    pub fn teams(&self) -> &[TeamId] {
        &self.teams
    }

    /// What decided.
    pub fn by(&self) -> OffThePitch {
        self.by
    }
}

impl TryFrom<DecisionParts> for Decision {
    type Error = DecisionError;
    fn try_from(p: DecisionParts) -> Result<Decision, DecisionError> {
        Decision::new(p.group, p.teams, p.by)
    }
}

impl From<Decision> for DecisionParts {
    fn from(d: Decision) -> DecisionParts {
        DecisionParts {
            group: d.group,
            teams: d.teams,
            by: d.by,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid_for_any_season_and_round_trips_through_serde() {
        for rules in RuleSet::ALL {
            for year in [1960, 1975, 1976, 1981, 2016, 2018, 2023, 2024, 2026] {
                let regs = rules.regulations(Season::starting(year));
                let json = serde_json::to_string(&regs).unwrap();
                assert_eq!(
                    serde_json::from_str::<Regulations>(&json).unwrap(),
                    regs,
                    "{rules}"
                );
                assert!(regs.criteria().iter().all(|c| !c.description().is_empty()));
            }
        }
    }

    #[test]
    fn the_checked_constructor_refuses_what_cannot_be() {
        let good = RuleSet::UefaClubGroups
            .regulations(Season::starting(2023))
            .parts();
        let with = |change: &dyn Fn(&mut RegulationsParts)| {
            let mut p = good.clone();
            change(&mut p);
            Regulations::new(p)
        };
        assert!(with(&|_| {}).is_ok());
        assert!(
            with(&|p| {
                p.criteria.remove(0);
            })
            .is_err()
        );
        assert!(with(&|p| p.criteria.push(TieBreaker::Wins)).is_err());
        assert!(with(&|p| p.criteria.push(TieBreaker::PointsPerGame)).is_err());
        assert!(with(&|p| p.head_to_head = HeadToHeadScope::Never).is_err());
        assert!(with(&|p| p.criteria.insert(1, TieBreaker::HeadToHeadReapplied)).is_err());
        assert!(with(&|p| p.off_the_pitch.push(OffThePitch::Coefficient)).is_err());
        assert!(
            with(&|p| p.points = PointsScheme {
                win: 1,
                draw: 2,
                loss: 0
            })
            .is_err()
        );
        // Serde goes through the same check.
        let mut bad = serde_json::to_value(good).unwrap();
        bad["criteria"] = serde_json::json!(["wins", "points"]);
        assert!(serde_json::from_value::<Regulations>(bad).is_err());
    }

    #[test]
    fn english_history_changes_points_in_1981_and_goal_average_in_1976() {
        let at = |y| RuleSet::EnglishHistory.regulations(Season::starting(y));
        assert_eq!(at(1980).points(), PointsScheme::TWO);
        assert_eq!(at(1981).points(), PointsScheme::THREE);
        assert_eq!(at(1975).criteria(), [TieBreaker::Points, TieBreaker::GoalAverage]);
        assert_eq!(at(1976).criteria()[1], TieBreaker::GoalDifference);
    }

    #[test]
    fn the_football_league_ranked_goals_scored_first_from_1992_93_to_1998_99() {
        use TieBreaker::*;
        let at = |y| RuleSet::FootballLeague1992.regulations(Season::starting(y));
        assert_eq!(at(1992).criteria(), [Points, GoalsScored, GoalDifference]);
        assert_eq!(at(1998).criteria(), [Points, GoalsScored, GoalDifference]);
        assert_eq!(at(1999).criteria(), [Points, GoalDifference, GoalsScored]);
        assert_eq!(
            at(1999),
            RuleSet::EnglishHistory.regulations(Season::starting(1999))
        );
        assert_eq!(at(1995).points(), PointsScheme::THREE);
        assert_eq!(
            "football-league-1992".parse::<RuleSet>().unwrap(),
            RuleSet::FootballLeague1992
        );
    }

    #[test]
    fn german_history_gives_three_points_from_1995_and_goal_difference_from_1969() {
        use TieBreaker::*;
        let at = |y| RuleSet::GermanHistory.regulations(Season::starting(y));
        assert_eq!(at(1963).criteria(), [Points, GoalAverage]);
        assert_eq!(at(1968).criteria(), [Points, GoalAverage]);
        assert_eq!(at(1969).criteria(), [Points, GoalDifference, GoalsScored]);
        assert_eq!(at(1985).points(), PointsScheme::TWO);
        assert_eq!(at(1994).points(), PointsScheme::TWO);
        assert_eq!(at(1995).points(), PointsScheme::THREE);
        assert_eq!(at(1995).head_to_head(), HeadToHeadScope::Never);
        assert_eq!(
            "german-history".parse::<RuleSet>().unwrap(),
            RuleSet::GermanHistory
        );
    }

    #[test]
    fn spanish_history_is_la_liga_head_to_head_with_two_points_until_1994_95() {
        let at = |y| RuleSet::SpanishHistory.regulations(Season::starting(y));
        let la_liga = |y| RuleSet::LaLiga.regulations(Season::starting(y));
        assert_eq!(at(1928).points(), PointsScheme::TWO);
        assert_eq!(at(1994).points(), PointsScheme::TWO);
        assert_eq!(at(1995).points(), PointsScheme::THREE);
        for year in [1928, 1970, 1994, 1995, 2023] {
            assert_eq!(at(year).criteria(), la_liga(year).criteria(), "{year}");
            assert_eq!(at(year).head_to_head(), HeadToHeadScope::Always);
            assert!(at(year).pair_skips_head_to_head_points());
            assert!(at(year).off_the_pitch().is_empty());
        }
        assert_eq!(
            "spanish-history".parse::<RuleSet>().unwrap(),
            RuleSet::SpanishHistory
        );
    }

    #[test]
    fn rank_by_points_per_game_replaces_the_first_criterion() {
        let regs = RuleSet::Efl
            .regulations(Season::starting(2019))
            .with_rank_by(RankBy::PointsPerGame);
        assert_eq!(regs.rank_by(), RankBy::PointsPerGame);
        assert_eq!(regs.criteria()[0], TieBreaker::PointsPerGame);
        assert_eq!(regs.criteria()[1], TieBreaker::GoalDifference);
        assert_eq!("ppg".parse::<RankBy>().unwrap(), RankBy::PointsPerGame);
        assert!("goals".parse::<RankBy>().is_err());
    }

    #[test]
    fn off_the_pitch_names_read_back() {
        for c in OffThePitch::ALL {
            assert_eq!(c.name().parse::<OffThePitch>().unwrap(), c);
        }
        assert_eq!("fair play".parse::<OffThePitch>().unwrap(), OffThePitch::FairPlay);
        assert!("away goals".parse::<OffThePitch>().is_err());
    }

    #[test]
    fn decisions_need_two_different_teams() {
        let by = OffThePitch::FairPlay;
        assert!(Decision::new(None, vec![TeamId(1)], by).is_err());
        assert!(Decision::new(None, vec![TeamId(1), TeamId(1)], by).is_err());
        let d = Decision::new(Some(" H ".into()), vec![TeamId(1), TeamId(2)], by).unwrap();
        assert_eq!(d.group(), Some("H"));
    }
}
