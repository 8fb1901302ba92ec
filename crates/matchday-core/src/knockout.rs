//! Knockout ties: one match, a match with replays, or two legs on aggregate.
//!
//! A tie's winner is always derived from its matches, as they stood on an
//! as-of date: a single match is decided by its result with extra time and
//! penalties; replays by the last replay; two legs by the aggregate, then
//! (where the competition uses them) away goals, then extra time at the end
//! of the second leg, then penalties. A match decided off the pitch
//! ([`MatchStatus::Awarded`]) decides like a played one and is noted as awarded.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Competition, Format, Match, MatchResult, MatchStatus, Round, RoundOrder, Score, Stage, TeamId};

/// Why a cup match or tie cannot be read or recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KnockoutError {
    /// A round label we do not read.
    #[error("'{0}' is not a round: write Round 3, Round of 16, Quarterfinals, Semifinals, Final or Playoffs")]
    UnknownRound(String),
    /// A cup match stored without a round or group.
    #[error("a cup match needs a round, such as Round 3 or Final")]
    MissingRound,
    /// The tie between the two teams is already decided.
    #[error("the {round} tie between {first} and {second} is already decided: {}", verdict(*.round, .winner))]
    TieDecided {
        /// The round.
        round: Round,
        /// The first-named team of the tie.
        first: String,
        /// The second-named team.
        second: String,
        /// The team that went through.
        winner: String,
    },
    /// A team already knocked out of the competition.
    #[error("{team} is no longer in the competition: knocked out by {by} in {round}")]
    Eliminated {
        /// The team.
        team: String,
        /// The round it went out in.
        round: Round,
        /// The team that knocked it out.
        by: String,
    },
    /// A team knocked out in the group stage.
    #[error("{team} is no longer in the competition: out in the group stage")]
    OutInGroup {
        /// The team.
        team: String,
    },
    /// A team already drawn against someone else in the round.
    #[error("{team} already has a {round} tie against {opponent}")]
    OtherOpponent {
        /// The team.
        team: String,
        /// The round.
        round: Round,
        /// Its opponent in that round.
        opponent: String,
    },
    /// A leg that does not fit the tie.
    #[error("bad leg for this {round} tie: {why}")]
    BadLeg {
        /// The round.
        round: Round,
        /// What is wrong.
        why: String,
    },
    /// A replay of a match that did not end level.
    #[error("no replay is due in the {round} tie between {first} and {second}")]
    NoReplayDue {
        /// The round.
        round: Round,
        /// The first-named team of the tie.
        first: String,
        /// The second-named team.
        second: String,
    },
    /// A team with no match in the competition.
    #[error("{team} has no match in the {competition}")]
    NotEntered {
        /// The team.
        team: String,
        /// The competition's name.
        competition: String,
    },
}

/// How a decided tie ended for its winner: a final is won, any other tie is gone through.
fn verdict(round: Round, winner: &str) -> String {
    if round == Round::Final {
        format!("{winner} won it")
    } else {
        format!("{winner} went through")
    }
}

/// How a tie is played.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieFormat {
    /// One match, with extra time and penalties where needed.
    SingleMatch,
    /// One match replayed while drawn; the last replay decides.
    WithReplays,
    /// Two legs decided on aggregate.
    TwoLegs,
}

/// What finally separated the teams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decider {
    /// The score after 90 minutes of a single match or replay.
    NormalTime,
    /// The aggregate after both legs' 90 minutes.
    Aggregate,
    /// Away goals on a level aggregate.
    AwayGoals,
    /// Extra time.
    ExtraTime,
    /// A penalty shoot-out.
    Penalties,
    /// A match awarded off the pitch.
    Awarded,
}

/// Where a tie stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum TieOutcome {
    /// A leg, match or replay is still to play.
    Undecided,
    /// One team went through.
    Decided {
        /// The team that went through.
        winner: TeamId,
        /// What separated the teams.
        decider: Decider,
    },
}

/// A knockout tie between two teams in one round, as it stood on an as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnockoutTie {
    round: Round,
    first: TeamId,
    second: TeamId,
    format: TieFormat,
    matches: Vec<Match>,
    as_of: Option<NaiveDate>,
    outcome: TieOutcome,
}

/// Goals in a tie from the first-named team's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Tally {
    first: u32,
    second: u32,
}

impl Tally {
    fn leader(self, first: TeamId, second: TeamId) -> Option<TeamId> {
        match self.first.cmp(&self.second) {
            std::cmp::Ordering::Greater => Some(first),
            std::cmp::Ordering::Less => Some(second),
            std::cmp::Ordering::Equal => None,
        }
    }
}

impl KnockoutTie {
    /// The tie formed by `matches`, all of one round between the same two teams.
    ///
    /// The format comes from the matches: legs set means two legs; a replay
    /// flag means replays; otherwise two unflagged meetings are two legs in a
    /// group-and-knockout competition or after a first meeting that was won,
    /// and a replay after a level one. Matches dated after `as_of` count as not
    /// yet played; cancelled and abandoned matches do not count.
    ///
    /// # Errors
    /// [`KnockoutError::BadLeg`] for a leg number other than 1 or 2, a leg
    /// given twice, or more than two legs.
    ///
    /// # Panics
    /// When `matches` is empty or its matches are not all between the same two teams.
    pub fn from_matches(
        competition: &Competition,
        round: Round,
        matches: &[Match],
        as_of: Option<NaiveDate>,
    ) -> Result<KnockoutTie, KnockoutError> {
        let mut matches: Vec<Match> = matches
            .iter()
            .filter(|m| !matches!(m.status, MatchStatus::Cancelled | MatchStatus::Abandoned))
            .cloned()
            .collect();
        assert!(!matches.is_empty(), "a tie needs at least one match");
        matches.sort_by_key(|m| (m.leg, m.date, m.kickoff));
        let (first, second) = (matches[0].pairing.home(), matches[0].pairing.away());
        assert!(
            matches
                .iter()
                .all(|m| m.pairing.involves(first) && m.pairing.involves(second)),
            "a tie's matches are all between the same two teams"
        );
        let bad_leg = |why: &str| KnockoutError::BadLeg {
            round,
            why: why.to_string(),
        };
        let format = if matches.iter().any(|m| m.leg.is_some()) {
            if matches.len() > 2 {
                return Err(bad_leg("more than two legs"));
            }
            if matches.iter().any(|m| !matches!(m.leg, Some(1) | Some(2))) {
                return Err(bad_leg("legs are numbered 1 and 2"));
            }
            if matches.len() == 2 && matches[0].leg == matches[1].leg {
                return Err(bad_leg("the same leg is stored twice"));
            }
            TieFormat::TwoLegs
        } else if matches.iter().any(|m| m.replay) {
            TieFormat::WithReplays
        } else if matches.len() == 1 {
            TieFormat::SingleMatch
        } else if matches.len() == 2
            && (competition.format == Format::GroupsKnockout
                || matches[0]
                    .status
                    .result()
                    .is_some_and(|r| !r.final_score().is_level()))
        {
            TieFormat::TwoLegs
        } else {
            TieFormat::WithReplays
        };
        let mut tie = KnockoutTie {
            round,
            first,
            second,
            format,
            matches,
            as_of,
            outcome: TieOutcome::Undecided,
        };
        tie.outcome = match format {
            TieFormat::TwoLegs => tie.decide_on_aggregate(competition.away_goals),
            _ => tie.decide_by_last_match(),
        };
        Ok(tie)
    }

    fn counted(&self) -> impl Iterator<Item = (&Match, &MatchResult)> {
        self.matches
            .iter()
            .filter_map(|m| m.result_as_of(self.as_of).map(|r| (m, r)))
    }

    /// A score seen from the first-named team's side.
    fn oriented(&self, m: &Match, score: Score) -> Tally {
        let (h, a) = (u32::from(score.home()), u32::from(score.away()));
        if m.pairing.home() == self.first {
            Tally { first: h, second: a }
        } else {
            Tally { first: a, second: h }
        }
    }

    fn decide_by_last_match(&self) -> TieOutcome {
        for (m, result) in self.counted() {
            let Some(side) = result.winner() else { continue };
            let winner = match side {
                crate::Side::Home => m.pairing.home(),
                crate::Side::Away => m.pairing.away(),
            };
            let decider = if matches!(m.status, MatchStatus::Awarded(_)) {
                Decider::Awarded
            } else if result.penalties().is_some() {
                Decider::Penalties
            } else if result.extra_time().is_some() {
                Decider::ExtraTime
            } else {
                Decider::NormalTime
            };
            return TieOutcome::Decided { winner, decider };
        }
        TieOutcome::Undecided
    }

    fn decide_on_aggregate(&self, away_goals: bool) -> TieOutcome {
        let results: Vec<(&Match, &MatchResult)> = self.counted().collect();
        if results.len() < 2 {
            return TieOutcome::Undecided;
        }
        let (first_leg, second_leg) = (results[0], results[1]);
        let awarded = results
            .iter()
            .any(|(m, _)| matches!(m.status, MatchStatus::Awarded(_)));
        let decided = |winner: TeamId, decider: Decider| TieOutcome::Decided {
            winner,
            decider: if awarded { Decider::Awarded } else { decider },
        };
        let leg1 = self.oriented(first_leg.0, first_leg.1.final_score());
        let after_90 = self.oriented(second_leg.0, second_leg.1.score());
        let aggregate = |leg2: Tally| Tally {
            first: leg1.first + leg2.first,
            second: leg1.second + leg2.second,
        };
        let away = |leg2: Tally| self.away_tally([(first_leg.0, leg1), (second_leg.0, leg2)]);
        if let Some(w) = aggregate(after_90).leader(self.first, self.second) {
            return decided(w, Decider::Aggregate);
        }
        if away_goals && let Some(w) = away(after_90).leader(self.first, self.second) {
            return decided(w, Decider::AwayGoals);
        }
        if let Some(et) = second_leg.1.extra_time() {
            let after_et = self.oriented(second_leg.0, et);
            if let Some(w) = aggregate(after_et).leader(self.first, self.second) {
                return decided(w, Decider::ExtraTime);
            }
            // Under the old rule, away goals scored in extra time still counted double.
            if away_goals && let Some(w) = away(after_et).leader(self.first, self.second) {
                return decided(w, Decider::AwayGoals);
            }
        }
        if let Some(pens) = second_leg.1.penalties()
            && let Some(w) = self.oriented(second_leg.0, pens).leader(self.first, self.second)
        {
            return decided(w, Decider::Penalties);
        }
        TieOutcome::Undecided
    }

    fn away_tally(&self, legs: [(&Match, Tally); 2]) -> Tally {
        let mut away = Tally::default();
        for (m, goals) in legs {
            if m.pairing.away() == self.first {
                away.first += goals.first;
            } else {
                away.second += goals.second;
            }
        }
        away
    }

    /// The round.
    pub fn round(&self) -> Round {
        self.round
    }

    /// The two teams: the first named at home in the first (or only) match.
    pub fn teams(&self) -> (TeamId, TeamId) {
        (self.first, self.second)
    }

    /// Whether `team` plays in the tie.
    pub fn involves(&self, team: TeamId) -> bool {
        team == self.first || team == self.second
    }

    /// The other team, if `team` is one of the two.
    pub fn opponent_of(&self, team: TeamId) -> Option<TeamId> {
        if team == self.first {
            Some(self.second)
        } else if team == self.second {
            Some(self.first)
        } else {
            None
        }
    }

    /// Single match, with replays, or two legs.
    pub fn format(&self) -> TieFormat {
        self.format
    }

    /// The tie's matches, first leg or first meeting first.
    pub fn matches(&self) -> &[Match] {
        &self.matches
    }

    /// Where the tie stands on the as-of date.
    pub fn outcome(&self) -> TieOutcome {
        self.outcome
    }

    /// The team that went through, once decided.
    pub fn winner(&self) -> Option<TeamId> {
        match self.outcome {
            TieOutcome::Decided { winner, .. } => Some(winner),
            TieOutcome::Undecided => None,
        }
    }

    /// The team knocked out, once decided.
    pub fn loser(&self) -> Option<TeamId> {
        self.winner().and_then(|w| self.opponent_of(w))
    }

    /// Whether any of the tie's matches was played by the as-of date.
    pub fn has_started(&self) -> bool {
        self.counted().next().is_some()
    }

    /// The next match still to play, while the tie is undecided.
    pub fn next_match(&self) -> Option<&Match> {
        if self.winner().is_some() {
            return None;
        }
        self.matches.iter().find(|m| m.is_remaining_as_of(self.as_of))
    }

    /// The aggregate from the first-named team's side, over the legs played (two-legged ties only).
    pub fn aggregate(&self) -> Option<(u32, u32)> {
        if self.format != TieFormat::TwoLegs || !self.has_started() {
            return None;
        }
        let total = self.counted().fold(Tally::default(), |acc, (m, r)| {
            let goals = self.oriented(m, r.final_score());
            Tally {
                first: acc.first + goals.first,
                second: acc.second + goals.second,
            }
        });
        Some((total.first, total.second))
    }

    /// The tie as people write it, with team names from `name`:
    /// "Liverpool 5-2 Norwich", "Chelsea 0-1 Liverpool (aet)",
    /// "Sporting 2-3 Atalanta (agg)", "Feyenoord 2-2 Roma (agg, aet, 2-4 pens)",
    /// "Norwich 1-1 Bristol Rovers, replay Bristol Rovers 1-3 Norwich", "Sparta v Liverpool".
    pub fn describe(&self, name: &dyn Fn(TeamId) -> String) -> String {
        let (a, b) = (name(self.first), name(self.second));
        if !self.has_started() {
            return format!("{a} v {b}");
        }
        match self.format {
            TieFormat::TwoLegs => {
                let (f, s) = self.aggregate().expect("started two-legged tie");
                let notes = match self.outcome {
                    TieOutcome::Undecided => "1st leg".to_string(),
                    TieOutcome::Decided { winner, .. } => self.aggregate_notes(&name(winner)),
                };
                format!("{a} {f}-{s} {b} ({notes})")
            }
            TieFormat::SingleMatch | TieFormat::WithReplays => {
                let mut parts = Vec::new();
                for (i, (m, r)) in self.counted().enumerate() {
                    let (h, aw) = (name(m.pairing.home()), name(m.pairing.away()));
                    let prefix = if i == 0 { "" } else { "replay " };
                    let mut line = format!("{prefix}{h} {} {aw}", r.final_score());
                    let notes = match_notes(m, r);
                    if !notes.is_empty() {
                        line.push_str(&format!(" ({})", notes.join(", ")));
                    }
                    parts.push(line);
                }
                if self.winner().is_none() {
                    parts.push("replay to come".to_string());
                }
                parts.join(", ")
            }
        }
    }

    /// The score without names, from the first-named team's side: "5-2",
    /// "0-1 aet", "2-3 agg", "1-1 agg, 4-3 pens", "1-1 aet, 3-4 pens", "3-0 awarded";
    /// empty while nothing is played.
    pub fn score_text(&self) -> String {
        if !self.has_started() {
            return String::new();
        }
        if self.format == TieFormat::TwoLegs {
            let (f, s) = self.aggregate().expect("started two-legged tie");
            let mut text = format!("{f}-{s} agg");
            match self.outcome {
                TieOutcome::Undecided => text.push_str(" after 1st leg"),
                TieOutcome::Decided { decider, .. } => {
                    for note in self.decider_notes(decider) {
                        text.push_str(", ");
                        text.push_str(&note);
                    }
                }
            }
            return text;
        }
        let (m, r) = self.counted().last().expect("started tie");
        let score = self.oriented(m, r.final_score());
        let mut text = format!("{}-{}", score.first, score.second);
        let notes = match_notes(m, r);
        let notes: Vec<String> = notes
            .into_iter()
            .map(|n| match r.penalties() {
                Some(p) if n.ends_with("pens") => {
                    let p = self.oriented(m, p);
                    format!("{}-{} pens", p.first, p.second)
                }
                _ => n,
            })
            .collect();
        if let Some((aet, rest)) = notes.split_first().filter(|(n, _)| *n == "aet") {
            text.push(' ');
            text.push_str(aet);
            for n in rest {
                text.push_str(", ");
                text.push_str(n);
            }
        } else {
            for n in notes {
                text.push_str(", ");
                text.push_str(&n);
            }
        }
        if self.format == TieFormat::WithReplays && self.counted().count() > 1 {
            text.push_str(" (replay)");
        }
        text
    }

    /// "aet", "4-3 pens", "away goals" for a decided two-legged tie, from the first-named side.
    fn decider_notes(&self, decider: Decider) -> Vec<String> {
        let leg2 = self.counted().nth(1).map(|(m, r)| (m, *r));
        let mut notes = Vec::new();
        if let Some((_, r)) = leg2
            && r.extra_time().is_some()
        {
            notes.push("aet".to_string());
        }
        match decider {
            Decider::AwayGoals => notes.push("away goals".to_string()),
            Decider::Penalties => {
                if let Some((m, r)) = leg2
                    && let Some(p) = r.penalties()
                {
                    let p = self.oriented(m, p);
                    notes.push(format!("{}-{} pens", p.first, p.second));
                }
            }
            Decider::Awarded => notes.push("awarded".to_string()),
            _ => {}
        }
        notes
    }

    fn aggregate_notes(&self, winner: &str) -> String {
        let TieOutcome::Decided { decider, .. } = self.outcome else {
            return "agg".to_string();
        };
        let mut notes = vec!["agg".to_string()];
        for note in self.decider_notes(decider) {
            if note == "away goals" {
                notes.push(format!("{winner} on away goals"));
            } else {
                notes.push(note);
            }
        }
        notes.join(", ")
    }
}

/// "aet", "3-4 pens", "awarded" for one match, from its home side.
fn match_notes(m: &Match, r: &MatchResult) -> Vec<String> {
    let mut notes = Vec::new();
    if matches!(m.status, MatchStatus::Awarded(_)) {
        notes.push("awarded".to_string());
    }
    if r.extra_time().is_some() {
        notes.push("aet".to_string());
    }
    if let Some(p) = r.penalties() {
        notes.push(format!("{p} pens"));
    }
    notes
}

/// The ties of one knockout round, in the order their first matches were played.
///
/// # Errors
/// As [`KnockoutTie::from_matches`], and for a cup match whose label names no stage.
pub fn ties_in_round(
    competition: &Competition,
    round: Round,
    matches: &[Match],
    as_of: Option<NaiveDate>,
) -> Result<Vec<KnockoutTie>, KnockoutError> {
    let mut by_pair: BTreeMap<(TeamId, TeamId), Vec<Match>> = BTreeMap::new();
    for m in matches {
        if competition.format == Format::League || Stage::of(m)? != Stage::Knockout(round) {
            continue;
        }
        let (a, b) = (m.pairing.home(), m.pairing.away());
        by_pair.entry((a.min(b), a.max(b))).or_default().push(m.clone());
    }
    let mut ties = by_pair
        .values()
        .map(|ms| KnockoutTie::from_matches(competition, round, ms, as_of))
        .collect::<Result<Vec<_>, _>>()?;
    ties.sort_by_key(|t| t.matches.first().map(|m| (m.date, m.kickoff)));
    Ok(ties)
}

/// One round of a bracket with its ties; empty while not yet drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BracketRound {
    /// The round.
    pub round: Round,
    /// Its ties, in playing order.
    pub ties: Vec<KnockoutTie>,
}

/// A cup's knockout rounds in order, each with its ties, as they stood on an as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bracket {
    /// The rounds, first to final, including those not yet drawn.
    pub rounds: Vec<BracketRound>,
}

impl Bracket {
    /// The bracket of a competition from all its matches; a league has no rounds.
    ///
    /// With `as_of`, a round whose draw had not been made by then (see
    /// [`RoundOrder::is_drawn`]) has no ties, whatever fixtures are stored for
    /// it; a drawn round's fixtures after `as_of` show as ties not yet played.
    ///
    /// # Errors
    /// As [`ties_in_round`].
    pub fn build(
        competition: &Competition,
        matches: &[Match],
        as_of: Option<NaiveDate>,
    ) -> Result<Bracket, KnockoutError> {
        let order = RoundOrder::of(competition, matches)?;
        let rounds = order
            .rounds()
            .iter()
            .map(|&round| {
                let ties = if order.is_drawn(round, matches, as_of) {
                    ties_in_round(competition, round, matches, as_of)?
                } else {
                    Vec::new()
                };
                Ok(BracketRound { round, ties })
            })
            .collect::<Result<Vec<_>, KnockoutError>>()?;
        Ok(Bracket { rounds })
    }

    /// The tie of `team` in `round`, if drawn.
    pub fn tie_of(&self, team: TeamId, round: Round) -> Option<&KnockoutTie> {
        self.rounds
            .iter()
            .find(|r| r.round == round)
            .and_then(|r| r.ties.iter().find(|t| t.involves(team)))
    }

    /// The winner of the final, once decided.
    pub fn champion(&self) -> Option<TeamId> {
        self.tie_of_final().and_then(KnockoutTie::winner)
    }

    fn tie_of_final(&self) -> Option<&KnockoutTie> {
        self.rounds
            .iter()
            .find(|r| r.round == Round::Final)
            .and_then(|r| r.ties.first())
    }
}

/// Checks a cup match about to be recorded against the ties already stored.
///
/// `matches` are the competition's stored matches; a stored fixture between
/// the same teams on the same day, still to play, is the one being completed
/// and is left out. Group-stage matches and league matches pass. `name` gives
/// team names for the messages.
///
/// # Errors
/// - [`KnockoutError::MissingRound`] / [`KnockoutError::UnknownRound`]: no readable round;
/// - [`KnockoutError::Eliminated`] / [`KnockoutError::OutInGroup`]: a team is already out;
/// - [`KnockoutError::OtherOpponent`]: a team already has a tie against someone else in the round;
/// - [`KnockoutError::TieDecided`]: the tie between the two teams is already decided;
/// - [`KnockoutError::BadLeg`]: a leg other than 1 or 2, a leg already stored, a second
///   leg without a first or at the same ground, or no leg given for a two-legged tie;
/// - [`KnockoutError::NoReplayDue`]: a replay where no drawn match awaits one.
pub fn check_new_cup_match(
    competition: &Competition,
    matches: &[Match],
    new: &Match,
    name: &dyn Fn(TeamId) -> String,
) -> Result<(), KnockoutError> {
    if competition.format == Format::League {
        return Ok(());
    }
    let Stage::Knockout(round) = Stage::of(new)? else {
        return Ok(());
    };
    let (home, away) = (new.pairing.home(), new.pairing.away());
    let stored: Vec<Match> = matches
        .iter()
        .filter(|m| {
            !(m.date == new.date
                && m.pairing.involves(home)
                && m.pairing.involves(away)
                && m.status.is_pending())
        })
        .cloned()
        .collect();
    let order = RoundOrder::of(competition, &stored)?;
    for team in [home, away] {
        for &earlier in order.rounds().iter().filter(|r| **r < round) {
            let ties = ties_in_round(competition, earlier, &stored, None)?;
            if let Some(tie) = ties.iter().find(|t| t.loser() == Some(team)) {
                return Err(KnockoutError::Eliminated {
                    team: name(team),
                    round: earlier,
                    by: name(tie.winner().expect("decided")),
                });
            }
        }
        if crate::tracker::out_in_group(competition, &stored, team) {
            return Err(KnockoutError::OutInGroup { team: name(team) });
        }
    }
    let ties = ties_in_round(competition, round, &stored, None)?;
    for team in [home, away] {
        let other = new.pairing.opponent_of(team).expect("in the pairing");
        if let Some(tie) = ties.iter().find(|t| t.involves(team) && !t.involves(other)) {
            return Err(KnockoutError::OtherOpponent {
                team: name(team),
                round,
                opponent: name(tie.opponent_of(team).expect("involved")),
            });
        }
    }
    let bad_leg = |why: &str| {
        Err(KnockoutError::BadLeg {
            round,
            why: why.to_string(),
        })
    };
    if let Some(leg) = new.leg
        && leg != 1
        && leg != 2
    {
        return bad_leg(&format!("leg {leg}: a tie has legs 1 and 2"));
    }
    let Some(tie) = ties.iter().find(|t| t.involves(home) && t.involves(away)) else {
        if new.leg == Some(2) {
            return bad_leg("no first leg is stored");
        }
        if new.replay {
            return Err(KnockoutError::NoReplayDue {
                round,
                first: name(home),
                second: name(away),
            });
        }
        return Ok(());
    };
    let (first, second) = tie.teams();
    if let Some(winner) = tie.winner() {
        return Err(KnockoutError::TieDecided {
            round,
            first: name(first),
            second: name(second),
            winner: name(winner),
        });
    }
    match (tie.format(), new.leg) {
        (TieFormat::TwoLegs, None) => bad_leg("this tie is two-legged: give the leg, 1 or 2"),
        (TieFormat::TwoLegs, Some(leg)) => {
            if tie.matches().iter().any(|m| m.leg == Some(leg)) {
                return bad_leg(&format!("leg {leg} is already stored"));
            }
            let other = &tie.matches()[0];
            if other.pairing.home() == home {
                return bad_leg(&format!("both legs at {}'s ground", name(home)));
            }
            let wrong_order = if leg == 2 {
                other.date > new.date
            } else {
                other.date < new.date
            };
            if wrong_order {
                return bad_leg("the second leg comes after the first");
            }
            Ok(())
        }
        (_, Some(_)) => bad_leg("this tie is a single match, with no legs"),
        (_, None) => {
            let played = tie.has_started();
            let pending = tie.matches().iter().any(|m| m.status.is_pending());
            if new.replay && (!played || pending) {
                return Err(KnockoutError::NoReplayDue {
                    round,
                    first: name(first),
                    second: name(second),
                });
            }
            Ok(())
        }
    }
}

/// Hand-made cups for the tests of this module and of the tracker.
#[cfg(test)]
pub(crate) mod test_support {
    use chrono::NaiveDate;

    use crate::{
        Competition, Format, Match, MatchResult, MatchStatus, Pairing, PointsScheme, RuleSet, Score, Season,
        TeamId, Venue,
    };

    pub const NAMES: [&str; 17] = [
        "",
        "Liverpool",
        "Chelsea",
        "Norwich",
        "Sporting",
        "Atalanta",
        "Roma",
        "Feyenoord",
        "Tottenham",
        "Ajax",
        "Arsenal",
        "Porto",
        "Blackburn",
        "Newcastle",
        "Bristol Rovers",
        "Southampton",
        "Watford",
    ];

    pub fn name(team: TeamId) -> String {
        NAMES[team.0 as usize].to_string()
    }

    pub fn id(team: &str) -> TeamId {
        TeamId(NAMES.iter().position(|n| *n == team).expect("a test team") as i64)
    }

    pub fn cup(format: Format, away_goals: bool) -> Competition {
        Competition {
            id: None,
            slug: "cup".into(),
            name: "Cup".into(),
            season: Season::starting(2023),
            format,
            rules: RuleSet::UefaClubGroups,
            points: PointsScheme::THREE,
            zones: Vec::new(),
            away_goals,
            rank_by: crate::RankBy::Points,
        }
    }

    pub fn day(text: &str) -> NaiveDate {
        text.parse().expect("a test date")
    }

    /// A match: `result` is a score as people type it, or "" for a fixture.
    pub fn game(date: &str, round: &str, home: &str, away: &str, result: &str) -> Match {
        let status = if result.is_empty() {
            MatchStatus::Scheduled
        } else {
            MatchStatus::Played(result.parse().expect("a test result"))
        };
        let mut m = Match::new(day(date), Pairing::new(id(home), id(away)).unwrap(), status);
        m.round = Some(round.to_string());
        if round == "Final" {
            m.venue = Venue::Neutral;
        }
        m
    }

    pub fn leg(n: u8, mut m: Match) -> Match {
        m.leg = Some(n);
        m
    }

    pub fn replay(mut m: Match) -> Match {
        m.replay = true;
        m
    }

    /// A second leg whose 90 minutes were not level, with extra time and penalties.
    pub fn second_leg(date: &str, round: &str, home: &str, away: &str, scores: [(u32, u32); 3]) -> Match {
        let s = |(h, a)| Score::new(h, a).unwrap();
        let result =
            MatchResult::second_leg(s(scores[0]), None, Some(s(scores[1])), Some(s(scores[2]))).unwrap();
        let mut m = game(date, round, home, away, "");
        m.status = MatchStatus::Played(result);
        leg(2, m)
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;

    fn tie(competition: &Competition, matches: &[Match], as_of: Option<&str>) -> KnockoutTie {
        let round = Stage::of(&matches[0]).unwrap().round().unwrap();
        KnockoutTie::from_matches(competition, round, matches, as_of.map(day)).unwrap()
    }

    fn decided(t: &KnockoutTie) -> (String, Decider) {
        match t.outcome() {
            TieOutcome::Decided { winner, decider } => (name(winner), decider),
            TieOutcome::Undecided => panic!("undecided: {}", t.describe(&name)),
        }
    }

    #[test]
    fn a_single_match_is_decided_in_ninety_minutes() {
        let fa = cup(Format::Knockout, false);
        let t = tie(
            &fa,
            &[game("2024-01-28", "Round 4", "Liverpool", "Norwich", "5-2")],
            None,
        );
        assert_eq!(t.format(), TieFormat::SingleMatch);
        assert_eq!(decided(&t), ("Liverpool".into(), Decider::NormalTime));
        assert_eq!(t.loser(), Some(id("Norwich")));
        assert_eq!(t.describe(&name), "Liverpool 5-2 Norwich");
        assert_eq!(t.score_text(), "5-2");
    }

    #[test]
    fn a_single_match_is_decided_in_extra_time() {
        let t = tie(
            &cup(Format::Knockout, false),
            &[game("2024-02-25", "Final", "Chelsea", "Liverpool", "0-1 aet")],
            None,
        );
        assert_eq!(decided(&t), ("Liverpool".into(), Decider::ExtraTime));
        assert_eq!(t.describe(&name), "Chelsea 0-1 Liverpool (aet)");
        assert_eq!(t.score_text(), "0-1 aet");
    }

    #[test]
    fn a_single_match_is_decided_on_penalties_after_extra_time_or_straight_after_ninety_minutes() {
        let fa = cup(Format::Knockout, false);
        let t = tie(
            &fa,
            &[game(
                "2024-02-27",
                "Round of 16",
                "Blackburn",
                "Newcastle",
                "1-1 aet, 3-4 pens",
            )],
            None,
        );
        assert_eq!(decided(&t), ("Newcastle".into(), Decider::Penalties));
        assert_eq!(t.describe(&name), "Blackburn 1-1 Newcastle (aet, 3-4 pens)");
        assert_eq!(t.score_text(), "1-1 aet, 3-4 pens");
        // The EFL Cup goes to penalties without extra time before the semi-finals.
        let t = tie(
            &fa,
            &[game(
                "2023-08-29",
                "Round 2",
                "Norwich",
                "Chelsea",
                "1-1, 4-3 pens",
            )],
            None,
        );
        assert_eq!(decided(&t), ("Norwich".into(), Decider::Penalties));
        assert_eq!(t.describe(&name), "Norwich 1-1 Chelsea (4-3 pens)");
        assert_eq!(t.score_text(), "1-1, 4-3 pens");
    }

    #[test]
    fn the_last_replay_decides() {
        let fa = cup(Format::Knockout, false);
        let matches = [
            game("2024-01-06", "Round 3", "Norwich", "Bristol Rovers", "1-1"),
            replay(game("2024-01-17", "Round 3", "Bristol Rovers", "Norwich", "1-3")),
        ];
        let t = tie(&fa, &matches, None);
        assert_eq!(t.format(), TieFormat::WithReplays);
        assert_eq!(decided(&t), ("Norwich".into(), Decider::NormalTime));
        assert_eq!(
            t.describe(&name),
            "Norwich 1-1 Bristol Rovers, replay Bristol Rovers 1-3 Norwich"
        );
        assert_eq!(t.score_text(), "3-1 (replay)");

        let between = tie(&fa, &matches, Some("2024-01-10"));
        assert_eq!(between.winner(), None);
        assert_eq!(between.next_match().map(|m| m.date), Some(day("2024-01-17")));
        assert_eq!(
            between.describe(&name),
            "Norwich 1-1 Bristol Rovers, replay to come"
        );

        // Unflagged, a second meeting after a draw in a knockout cup is read as a replay.
        let mut unflagged = matches.clone();
        unflagged[1].replay = false;
        assert_eq!(tie(&fa, &unflagged, None).format(), TieFormat::WithReplays);
    }

    #[test]
    fn two_legs_are_decided_on_aggregate() {
        let el = cup(Format::GroupsKnockout, false);
        let matches = [
            leg(
                1,
                game("2024-03-06", "Round of 16", "Sporting", "Atalanta", "1-1"),
            ),
            leg(
                2,
                game("2024-03-14", "Round of 16", "Atalanta", "Sporting", "2-1"),
            ),
        ];
        let t = tie(&el, &matches, None);
        assert_eq!(t.format(), TieFormat::TwoLegs);
        assert_eq!(decided(&t), ("Atalanta".into(), Decider::Aggregate));
        assert_eq!(t.aggregate(), Some((2, 3)));
        assert_eq!(t.describe(&name), "Sporting 2-3 Atalanta (agg)");
        assert_eq!(t.score_text(), "2-3 agg");

        let between = tie(&el, &matches, Some("2024-03-10"));
        assert_eq!(between.winner(), None);
        assert_eq!(between.describe(&name), "Sporting 1-1 Atalanta (1st leg)");
        assert_eq!(between.next_match().map(|m| m.leg), Some(Some(2)));
        let before = tie(&el, &matches, Some("2024-03-01"));
        assert_eq!(before.describe(&name), "Sporting v Atalanta");
        assert_eq!(before.score_text(), "");

        // Without leg numbers, two meetings in a UEFA competition are still two legs.
        let unflagged: Vec<Match> = matches.iter().cloned().map(|mut m| (m.leg = None, m).1).collect();
        assert_eq!(tie(&el, &unflagged, None).format(), TieFormat::TwoLegs);
    }

    #[test]
    fn a_level_aggregate_goes_to_extra_time_then_penalties() {
        let el = cup(Format::GroupsKnockout, false);
        let extra_time = [
            leg(1, game("2024-02-15", "Playoffs", "Feyenoord", "Roma", "1-1")),
            leg(2, game("2024-02-22", "Playoffs", "Roma", "Feyenoord", "2-1 aet")),
        ];
        let t = tie(&el, &extra_time, None);
        assert_eq!(decided(&t), ("Roma".into(), Decider::ExtraTime));
        assert_eq!(t.describe(&name), "Feyenoord 2-3 Roma (agg, aet)");

        // Arsenal v Porto 2024: 0-1, then 1-0 after 90 minutes and extra time, 4-2 on penalties.
        let penalties = [
            leg(1, game("2024-02-21", "Round of 16", "Porto", "Arsenal", "1-0")),
            second_leg(
                "2024-03-12",
                "Round of 16",
                "Arsenal",
                "Porto",
                [(1, 0), (1, 0), (4, 2)],
            ),
        ];
        let t = tie(&el, &penalties, None);
        assert_eq!(decided(&t), ("Arsenal".into(), Decider::Penalties));
        assert_eq!(t.describe(&name), "Porto 1-1 Arsenal (agg, aet, 2-4 pens)");
        assert_eq!(t.score_text(), "1-1 agg, aet, 2-4 pens");
    }

    #[test]
    fn away_goals_decide_only_where_the_competition_uses_them() {
        // Tottenham v Ajax, 2019 semi-final: 0-1 and 3-2, level at 3-3.
        let matches = [
            leg(1, game("2019-04-30", "Semifinals", "Tottenham", "Ajax", "0-1")),
            leg(2, game("2019-05-08", "Semifinals", "Ajax", "Tottenham", "2-3")),
        ];
        let old = cup(Format::GroupsKnockout, true);
        let t = tie(&old, &matches, None);
        assert_eq!(decided(&t), ("Tottenham".into(), Decider::AwayGoals));
        assert_eq!(
            t.describe(&name),
            "Tottenham 3-3 Ajax (agg, Tottenham on away goals)"
        );
        assert_eq!(t.score_text(), "3-3 agg, away goals");
        // Without away goals the tie would have gone to extra time, which is not stored.
        assert_eq!(
            tie(&cup(Format::GroupsKnockout, false), &matches, None).winner(),
            None
        );

        // Away goals scored in extra time counted double under the old rule; without it, penalties.
        let extra = [
            leg(1, game("2019-04-30", "Semifinals", "Tottenham", "Ajax", "1-1")),
            leg(
                2,
                game(
                    "2019-05-08",
                    "Semifinals",
                    "Ajax",
                    "Tottenham",
                    "2-2 aet, 3-4 pens",
                ),
            ),
        ];
        assert_eq!(
            decided(&tie(&old, &extra, None)),
            ("Tottenham".into(), Decider::AwayGoals)
        );
        let new = cup(Format::GroupsKnockout, false);
        assert_eq!(
            decided(&tie(&new, &extra, None)),
            ("Tottenham".into(), Decider::Penalties)
        );
    }

    #[test]
    fn an_awarded_tie_is_recorded_as_such() {
        let mut m = game("2024-01-06", "Round 3", "Chelsea", "Norwich", "");
        m.status = MatchStatus::Awarded("3-0".parse().unwrap());
        let t = tie(&cup(Format::Knockout, false), &[m], None);
        assert_eq!(decided(&t), ("Chelsea".into(), Decider::Awarded));
        assert_eq!(t.describe(&name), "Chelsea 3-0 Norwich (awarded)");
        assert_eq!(t.score_text(), "3-0, awarded");
    }

    #[test]
    fn an_unplayed_or_drawn_tie_is_undecided() {
        let fa = cup(Format::Knockout, false);
        let t = tie(
            &fa,
            &[game("2024-02-28", "Round of 16", "Liverpool", "Southampton", "")],
            None,
        );
        assert_eq!(t.outcome(), TieOutcome::Undecided);
        assert_eq!(t.describe(&name), "Liverpool v Southampton");
        assert!(t.next_match().is_some());
        assert!(!t.has_started());
        // A draw with no replay stored yet waits for one.
        let t = tie(
            &fa,
            &[game("2024-01-28", "Round 4", "Watford", "Southampton", "1-1")],
            None,
        );
        assert_eq!(t.winner(), None);
        assert!(t.has_started());
    }

    #[test]
    fn legs_must_be_one_and_two() {
        let el = cup(Format::GroupsKnockout, false);
        let three = [leg(
            3,
            game("2024-03-06", "Round of 16", "Sporting", "Atalanta", "1-1"),
        )];
        assert!(matches!(
            KnockoutTie::from_matches(&el, Round::RoundOf(16), &three, None),
            Err(KnockoutError::BadLeg { .. })
        ));
        let twice = [
            leg(
                1,
                game("2024-03-06", "Round of 16", "Sporting", "Atalanta", "1-1"),
            ),
            leg(
                1,
                game("2024-03-14", "Round of 16", "Atalanta", "Sporting", "2-1"),
            ),
        ];
        let err = KnockoutTie::from_matches(&el, Round::RoundOf(16), &twice, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad leg for this Round of 16 tie: the same leg is stored twice"
        );
    }

    #[test]
    fn a_bracket_lists_every_round_with_its_ties_as_of_a_date() {
        let fa = cup(Format::Knockout, false);
        let matches = [
            game("2024-01-06", "Round 3", "Norwich", "Bristol Rovers", "1-1"),
            replay(game("2024-01-17", "Round 3", "Bristol Rovers", "Norwich", "1-3")),
            game("2024-01-07", "Round 3", "Arsenal", "Liverpool", "0-2"),
            game("2024-01-28", "Round 4", "Liverpool", "Norwich", "5-2"),
        ];
        let bracket = Bracket::build(&fa, &matches, Some(day("2024-01-20"))).unwrap();
        let rounds: Vec<Round> = bracket.rounds.iter().map(|r| r.round).collect();
        assert_eq!(
            rounds,
            [
                Round::Numbered(3),
                Round::Numbered(4),
                Round::RoundOf(16),
                Round::QuarterFinal,
                Round::SemiFinal,
                Round::Final
            ]
        );
        let third: Vec<String> = bracket.rounds[0].ties.iter().map(|t| t.describe(&name)).collect();
        assert_eq!(
            third,
            [
                "Norwich 1-1 Bristol Rovers, replay Bristol Rovers 1-3 Norwich",
                "Arsenal 0-2 Liverpool"
            ]
        );
        let fourth = bracket.tie_of(id("Liverpool"), Round::Numbered(4)).unwrap();
        assert_eq!(fourth.winner(), None, "played after the as-of date");
        assert!(bracket.rounds[2].ties.is_empty(), "not yet drawn");
        assert_eq!(bracket.champion(), None);
    }

    fn ties_by_round(bracket: &Bracket) -> Vec<(Round, Vec<String>)> {
        bracket
            .rounds
            .iter()
            .map(|r| (r.round, r.ties.iter().map(|t| t.describe(&name)).collect()))
            .collect()
    }

    #[test]
    fn a_round_shows_its_ties_only_once_the_round_before_it_has_begun() {
        let fa = cup(Format::Knockout, false);
        let matches = [
            game("2024-01-07", "Round 3", "Arsenal", "Liverpool", "0-2"),
            game("2024-01-07", "Round 3", "Watford", "Chelsea", "2-1"),
            game("2024-01-28", "Round 4", "Liverpool", "Norwich", "5-2"),
            game("2024-01-28", "Round 4", "Watford", "Southampton", "1-1"),
            game("2024-02-28", "Round of 16", "Liverpool", "Southampton", ""),
        ];
        let before = Bracket::build(&fa, &matches, Some(day("2024-01-05"))).unwrap();
        let rounds = ties_by_round(&before);
        assert_eq!(
            rounds[0].1,
            ["Arsenal v Liverpool", "Watford v Chelsea"],
            "the first round stored is drawn"
        );
        assert!(rounds[1].1.is_empty(), "round 4 is drawn once round 3 begins");
        assert!(rounds[2].1.is_empty());

        let between = ties_by_round(&Bracket::build(&fa, &matches, Some(day("2024-01-07"))).unwrap());
        assert_eq!(between[1].1, ["Liverpool v Norwich", "Watford v Southampton"]);
        assert!(between[2].1.is_empty(), "round 4 had not begun");

        let after = ties_by_round(&Bracket::build(&fa, &matches, Some(day("2024-01-28"))).unwrap());
        assert_eq!(
            after[2],
            (Round::RoundOf(16), vec!["Liverpool v Southampton".to_string()])
        );
        assert_eq!(
            ties_by_round(&Bracket::build(&fa, &matches, None).unwrap()),
            after,
            "without a date every stored fixture is drawn"
        );
    }

    #[test]
    fn the_first_round_after_a_group_stage_is_drawn_once_the_groups_are_finished() {
        let el = cup(Format::GroupsKnockout, false);
        let mut matches: Vec<Match> = [
            ("2023-11-30", "Liverpool", "Roma", "2-0"),
            ("2023-12-14", "Roma", "Liverpool", "1-0"),
        ]
        .into_iter()
        .map(|(date, home, away, score)| {
            let mut m = game(date, "Matchday 1", home, away, score);
            m.group = Some("A".into());
            m
        })
        .collect();
        matches.extend([
            leg(1, game("2024-02-15", "Playoffs", "Feyenoord", "Roma", "1-1")),
            leg(2, game("2024-02-22", "Playoffs", "Roma", "Feyenoord", "")),
            leg(1, game("2024-03-07", "Round of 16", "Ajax", "Liverpool", "1-5")),
            leg(
                1,
                game("2024-04-11", "Quarterfinals", "Liverpool", "Atalanta", ""),
            ),
        ]);
        let drawn = |as_of: &str| -> Vec<Round> {
            let bracket = Bracket::build(&el, &matches, Some(day(as_of))).unwrap();
            bracket
                .rounds
                .iter()
                .filter(|r| !r.ties.is_empty())
                .map(|r| r.round)
                .collect()
        };
        assert_eq!(drawn("2023-12-01"), [], "a group match was still to play");
        assert_eq!(drawn("2024-02-01"), [Round::Playoff]);
        assert_eq!(drawn("2024-02-15"), [Round::Playoff, Round::RoundOf(16)]);
        assert_eq!(drawn("2024-03-06"), [Round::Playoff, Round::RoundOf(16)]);
        assert_eq!(
            drawn("2024-03-07"),
            [Round::Playoff, Round::RoundOf(16), Round::QuarterFinal]
        );
    }

    #[test]
    fn a_decided_final_is_won_and_another_tie_is_gone_through() {
        let fa = cup(Format::Knockout, false);
        let stored = [
            game("2024-01-28", "Round 4", "Liverpool", "Norwich", "5-2"),
            game("2024-02-25", "Final", "Chelsea", "Liverpool", "0-1 aet"),
        ];
        let again = |round: &str, home: &str, away: &str| {
            check_new_cup_match(&fa, &stored, &game("2024-03-01", round, home, away, "1-0"), &name)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            again("Final", "Liverpool", "Chelsea"),
            "the Final tie between Chelsea and Liverpool is already decided: Liverpool won it"
        );
        assert_eq!(
            again("Round 4", "Norwich", "Liverpool"),
            "the Round 4 tie between Liverpool and Norwich is already decided: Liverpool went through"
        );
    }
}
