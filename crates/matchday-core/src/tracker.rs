//! Trophy targets: where a team stands in each competition it entered, on a
//! date, and its honours across the seasons stored.
//!
//! Everything is derived from matches. A stored fixture of a knockout round
//! counts as drawn on the as-of date only as [`RoundOrder::is_drawn`] says,
//! through the [`Bracket`] as of that date; the opponent of a drawn tie whose
//! own previous tie is still open is written "X or Y".

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::knockout::ties_in_round;
use crate::{
    Bracket, Competition, Deduction, Format, KnockoutError, KnockoutTie, Match, Round, RoundOrder, Season,
    Stage, Standings, TableOptions, TeamId, TieScore, TieState, Venue, View,
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
    /// A league whose matches are all played.
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

/// A team's next match in a competition, with what is known of it on the as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextMatch {
    /// The day, once the fixture is known.
    pub date: Option<NaiveDate>,
    /// The opponent ("Watford or Southampton" while its own tie is open), once drawn.
    pub opponent: Option<String>,
    /// The round or matchday: "Round of 16", "Matchday 23".
    pub round: String,
    /// Home, away or neutral, once drawn.
    pub venue: Option<TeamVenue>,
}

/// What decided a team's run in a cup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "by")]
pub enum DecidedBy {
    /// A knockout tie, with its score.
    Tie(TieScore),
    /// Its place in its group.
    GroupFinish {
        /// The place in the group.
        position: u16,
        /// The group's label, where known.
        group: Option<String>,
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
    /// Alive, eliminated, won, runner-up or finished.
    pub status: TargetStatus,
    /// The stage reached: "Group stage", "Round of 16", "Final"; none for a league.
    pub stage: Option<String>,
    /// The group, while in or out in a group stage.
    pub group: Option<String>,
    /// The next match, while alive.
    pub next_match: Option<NextMatch>,
    /// The team that knocked it out, or beat it in the final.
    pub eliminated_by: Option<String>,
    /// The deciding tie with its score, or the group finish.
    pub decided_by: Option<DecidedBy>,
    /// Ties still to win to lift the trophy: 0 once won; none for a league or when out.
    pub ties_to_win: Option<u8>,
    /// Place in the league table, or in the group.
    pub position: Option<u16>,
    /// Points behind the team in first place, in the league or group.
    pub points_behind_leader: Option<i32>,
    /// For the team in first place, its lead in points over the team in second.
    pub points_clear: Option<i32>,
}

impl TrophyTarget {
    /// The trophy target of `team` in `season` as it stood on `as_of` (the whole season if none).
    ///
    /// `name` gives team names for opponents and scorelines.
    ///
    /// # Errors
    /// [`KnockoutError::NotEntered`] when the team has no match in the
    /// competition; the errors of [`Bracket::build`] for unreadable cup rounds.
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
        let blank = TrophyTarget {
            competition: competition.name.clone(),
            season: competition.season,
            format: competition.format,
            status: TargetStatus::Alive,
            stage: None,
            group: None,
            next_match: None,
            eliminated_by: None,
            decided_by: None,
            ties_to_win: None,
            position: None,
            points_behind_leader: None,
            points_clear: None,
        };
        if competition.format == Format::League {
            return Ok(league_target(blank, season, team, as_of, name));
        }
        cup_target(blank, season, team, as_of, name)
    }
}

fn next_of(m: &Match, team: TeamId, round: String, name: &dyn Fn(TeamId) -> String) -> NextMatch {
    let venue = if m.venue == Venue::Neutral {
        TeamVenue::Neutral
    } else if m.pairing.home() == team {
        TeamVenue::Home
    } else {
        TeamVenue::Away
    };
    NextMatch {
        date: Some(m.date),
        opponent: m.pairing.opponent_of(team).map(name),
        round,
        venue: Some(venue),
    }
}

fn league_target(
    mut target: TrophyTarget,
    season: CompetitionSeason<'_>,
    team: TeamId,
    as_of: Option<NaiveDate>,
    name: &dyn Fn(TeamId) -> String,
) -> TrophyTarget {
    let teams: Vec<TeamId> = season
        .matches
        .iter()
        .flat_map(|m| [m.pairing.home(), m.pairing.away()])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let options = TableOptions {
        as_of,
        view: View::Total,
    };
    let table = Standings::compute(
        season.competition,
        &teams,
        season.matches,
        season.deductions,
        options,
    );
    place_in(&mut target, &table, team);
    let mut remaining: Vec<&Match> = season
        .matches
        .iter()
        .filter(|m| m.is_remaining_as_of(as_of))
        .collect();
    remaining.sort_by_key(|m| (m.date, m.kickoff));
    target.status = if remaining.is_empty() {
        TargetStatus::Finished
    } else {
        TargetStatus::Alive
    };
    target.next_match = remaining
        .into_iter()
        .find(|m| m.pairing.involves(team))
        .map(|m| next_of(m, team, m.round.clone().unwrap_or_default(), name));
    target
}

fn place_in(target: &mut TrophyTarget, table: &Standings, team: TeamId) {
    if let (Some(row), Some(leader)) = (table.row(team), table.rows.first()) {
        target.position = Some(row.position);
        target.points_behind_leader = Some(leader.points - row.points);
        target.points_clear = match table.rows.get(1) {
            Some(second) if leader.team == team => Some(row.points - second.points),
            _ => None,
        };
    }
}

/// A team's group in a group stage: its label, teams and matches.
struct Group<'a> {
    label: Option<String>,
    teams: Vec<TeamId>,
    matches: Vec<&'a Match>,
}

impl Group<'_> {
    fn finished(&self, as_of: Option<NaiveDate>) -> bool {
        !self.matches.iter().any(|m| m.is_remaining_as_of(as_of))
    }

    fn table(&self, competition: &Competition, as_of: Option<NaiveDate>) -> Standings {
        let matches: Vec<Match> = self.matches.iter().map(|m| (*m).clone()).collect();
        let options = TableOptions {
            as_of,
            view: View::Total,
        };
        Standings::compute(competition, &self.teams, &matches, &[], options)
    }
}

/// The group of `team`: the teams joined to it through group-stage matches,
/// since files do not always name the group ("Group, Matchday 1").
fn group_of(matches: &[Match], team: TeamId) -> Option<Group<'_>> {
    let group_matches: Vec<&Match> = matches
        .iter()
        .filter(|m| matches!(Stage::of(m), Ok(Stage::Group)))
        .collect();
    let mut teams = BTreeSet::from([team]);
    loop {
        let before = teams.len();
        for m in &group_matches {
            if teams.contains(&m.pairing.home()) || teams.contains(&m.pairing.away()) {
                teams.insert(m.pairing.home());
                teams.insert(m.pairing.away());
            }
        }
        if teams.len() == before {
            break;
        }
    }
    let mine: Vec<&Match> = group_matches
        .into_iter()
        .filter(|m| teams.contains(&m.pairing.home()))
        .collect();
    if mine.is_empty() {
        return None;
    }
    let label = mine.iter().find_map(|m| {
        m.group.clone().or_else(|| {
            let label = m.round.as_deref()?.trim();
            let rest = label
                .strip_prefix("Group ")
                .or_else(|| label.strip_prefix("Gruppe "))?;
            Some(rest.trim().to_string())
        })
    });
    Some(Group {
        label,
        teams: teams.into_iter().collect(),
        matches: mine,
    })
}

fn plays_knockout(matches: &[Match], team: TeamId) -> bool {
    matches
        .iter()
        .any(|m| m.pairing.involves(team) && matches!(Stage::of(m), Ok(Stage::Knockout(_))))
}

/// Whether `team` finished its group outside the top two and played no knockout match.
pub(crate) fn out_in_group(competition: &Competition, matches: &[Match], team: TeamId) -> bool {
    if competition.format != Format::GroupsKnockout || plays_knockout(matches, team) {
        return false;
    }
    let Some(group) = group_of(matches, team) else {
        return false;
    };
    group.finished(None)
        && group
            .table(competition, None)
            .row(team)
            .is_some_and(|r| r.position > 2)
}

fn cup_target(
    mut target: TrophyTarget,
    season: CompetitionSeason<'_>,
    team: TeamId,
    as_of: Option<NaiveDate>,
    name: &dyn Fn(TeamId) -> String,
) -> Result<TrophyTarget, KnockoutError> {
    let competition = season.competition;
    let matches = season.matches;
    let order = RoundOrder::of(competition, matches)?;
    let bracket = Bracket::build(competition, matches, as_of)?;
    let group = group_of(matches, team);
    let mut in_play = false;
    if let Some(group) = &group {
        in_play = true;
        let table = group.table(competition, as_of);
        target.stage = Some(Stage::Group.name());
        target.group = group.label.clone();
        place_in(&mut target, &table, team);
        if !group.finished(as_of) {
            let mut left: Vec<&&Match> = group
                .matches
                .iter()
                .filter(|m| m.is_remaining_as_of(as_of))
                .collect();
            left.sort_by_key(|m| (m.date, m.kickoff));
            target.next_match = left.into_iter().find(|m| m.pairing.involves(team)).map(|m| {
                next_of(
                    m,
                    team,
                    m.round.clone().unwrap_or_else(|| Stage::Group.name()),
                    name,
                )
            });
            // A group winner goes straight to the last 16, so the play-off is not counted.
            let rounds = order.rounds_to_trophy().filter(|r| *r != Round::Playoff).count();
            target.ties_to_win = Some(rounds as u8);
            return Ok(target);
        }
        let position = target.position.unwrap_or(u16::MAX);
        if position > 2 && !plays_knockout(matches, team) {
            target.status = TargetStatus::Eliminated;
            target.decided_by = Some(DecidedBy::GroupFinish {
                position,
                group: group.label.clone(),
            });
            return Ok(target);
        }
        target.position = None;
        target.points_behind_leader = None;
        target.points_clear = None;
    }
    for stage in &bracket.rounds {
        let round = stage.round;
        if !round.is_on_path_to_trophy() {
            // A semi-final's loser plays the third-place match, but its run was decided in the semi-final.
            continue;
        }
        let Some(tie) = stage.ties.iter().find(|t| t.involves(team)) else {
            // A club joining in this round already has its fixture stored, though not yet drawn.
            let enters_here = || {
                matches.iter().any(|m| {
                    m.pairing.involves(team) && matches!(Stage::of(m), Ok(Stage::Knockout(r)) if r == round)
                })
            };
            if stage.ties.is_empty() && (in_play || enters_here()) {
                // Through to, or entering in, a round not yet drawn.
                target.stage = Some(round.name());
                target.ties_to_win = Some(order.ties_to_win_from(round));
                target.next_match = Some(NextMatch {
                    date: None,
                    opponent: None,
                    round: round.name(),
                    venue: None,
                });
                return Ok(target);
            }
            // A round the team skipped: a bye, or one played before it entered.
            continue;
        };
        in_play = true;
        target.stage = Some(round.name());
        match tie.winner() {
            Some(winner) if winner == team => {
                if round == Round::Final {
                    target.status = TargetStatus::Won;
                    target.ties_to_win = Some(0);
                    target.decided_by = Some(DecidedBy::Tie(tie.score()));
                    return Ok(target);
                }
            }
            Some(winner) => {
                target.status = if round == Round::Final {
                    TargetStatus::RunnerUp
                } else {
                    TargetStatus::Eliminated
                };
                target.eliminated_by = Some(name(winner));
                target.decided_by = Some(DecidedBy::Tie(tie.score()));
                return Ok(target);
            }
            None if tie.state() == TieState::CalledOff => {
                // Nobody went through on the pitch and nothing is left to play.
                target.status = TargetStatus::Eliminated;
                target.decided_by = Some(DecidedBy::Tie(tie.score()));
                return Ok(target);
            }
            None => {
                target.ties_to_win = Some(order.ties_to_win_from(round));
                target.next_match = Some(next_in_tie(&bracket, tie, team, name));
                return Ok(target);
            }
        }
    }
    // Every stored round won and nothing after it: cannot happen while the order ends in a final.
    Ok(target)
}

/// What is known of the next match of an undecided tie in `bracket`, whose ties are all drawn.
fn next_in_tie(
    bracket: &Bracket,
    tie: &KnockoutTie,
    team: TeamId,
    name: &dyn Fn(TeamId) -> String,
) -> NextMatch {
    let round = tie.round();
    let opponent = tie.opponent_of(team).expect("the team's tie");
    let mut next = match tie.next_match() {
        Some(m) => next_of(m, team, round.name(), name),
        None => NextMatch {
            date: None,
            opponent: Some(name(opponent)),
            round: round.name(),
            venue: None,
        },
    };
    if round == Round::Final && next.venue.is_some() {
        next.venue = Some(TeamVenue::Neutral);
    }
    if !tie.has_started() {
        // The opponent may itself still be playing for its place.
        let open = bracket
            .rounds
            .iter()
            .filter(|r| r.round < round)
            .filter_map(|r| r.ties.iter().find(|t| t.involves(opponent)))
            .next_back()
            .filter(|t| t.winner().is_none());
        if let Some(open) = open {
            let (a, b) = open.teams();
            next.opponent = Some(format!("{} or {}", name(a), name(b)));
        }
    }
    next
}

/// A final a team played, won or lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalRecord {
    /// The competition's name.
    pub competition: String,
    /// The season.
    pub season: Season,
    /// The day the final was decided.
    pub date: NaiveDate,
    /// The opponent.
    pub opponent: String,
    /// Whether the team won it.
    pub won: bool,
    /// The final with its score.
    pub score: TieScore,
}

/// A trophy won: a cup's final, or first place in a finished league.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trophy {
    /// The competition's name.
    pub competition: String,
    /// The season.
    pub season: Season,
}

/// A team's honours across the competition-seasons stored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Honours {
    /// Trophies won, oldest first.
    pub trophies: Vec<Trophy>,
    /// Every cup final played, oldest first.
    pub finals: Vec<FinalRecord>,
}

impl Honours {
    /// The honours of `team` over `seasons`, counting only decided finals and finished leagues.
    ///
    /// # Errors
    /// The errors of [`Bracket::build`] for unreadable cup rounds.
    pub fn compute<'a>(
        team: TeamId,
        seasons: impl IntoIterator<Item = CompetitionSeason<'a>>,
        name: &dyn Fn(TeamId) -> String,
    ) -> Result<Honours, KnockoutError> {
        let mut honours = Honours::default();
        let mut dated: BTreeMap<(Season, NaiveDate, String), Trophy> = BTreeMap::new();
        for season in seasons {
            let competition = season.competition;
            if !season.matches.iter().any(|m| m.pairing.involves(team)) {
                continue;
            }
            if competition.format == Format::League {
                let target = TrophyTarget::compute(season, team, None, name)?;
                let last_day = season.matches.iter().map(|m| m.date).max().expect("has matches");
                if target.status == TargetStatus::Finished && target.position == Some(1) {
                    dated.insert(
                        (competition.season, last_day, competition.name.clone()),
                        Trophy {
                            competition: competition.name.clone(),
                            season: competition.season,
                        },
                    );
                }
                continue;
            }
            let finals = ties_in_round(competition, Round::Final, season.matches, None)?;
            let Some(tie) = finals.iter().find(|t| t.involves(team)) else {
                continue;
            };
            let Some(winner) = tie.winner() else { continue };
            let date = tie
                .matches()
                .iter()
                .map(|m| m.date)
                .max()
                .expect("a tie has matches");
            let won = winner == team;
            honours.finals.push(FinalRecord {
                competition: competition.name.clone(),
                season: competition.season,
                date,
                opponent: name(tie.opponent_of(team).expect("the team's tie")),
                won,
                score: tie.score(),
            });
            if won {
                dated.insert(
                    (competition.season, date, competition.name.clone()),
                    Trophy {
                        competition: competition.name.clone(),
                        season: competition.season,
                    },
                );
            }
        }
        honours.finals.sort_by_key(|f| (f.season, f.date));
        honours.trophies = dated.into_values().collect();
        Ok(honours)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knockout::test_support::*;
    use crate::{Decider, MatchStatus, check_new_cup_match};

    /// The deciding tie's teams, winner and decider.
    fn tie_decided(decided: &Option<DecidedBy>) -> (String, String, Decider) {
        match decided {
            Some(DecidedBy::Tie(tie)) => match tie.state {
                TieState::Decided { winner, decider } => (
                    format!("{} v {}", name(tie.first), name(tie.second)),
                    name(winner),
                    decider,
                ),
                other => panic!("not decided: {other:?}"),
            },
            other => panic!("not a tie: {other:?}"),
        }
    }

    /// An FA Cup in miniature: Liverpool enter in Round 3; Watford and Southampton need a replay in Round 4.
    fn fa_cup() -> Vec<Match> {
        vec![
            game("2023-11-04", "Round 1", "Bristol Rovers", "Ajax", "7-2"),
            game("2024-01-06", "Round 3", "Norwich", "Bristol Rovers", "1-1"),
            game("2024-01-07", "Round 3", "Arsenal", "Liverpool", "0-2"),
            game("2024-01-07", "Round 3", "Watford", "Chelsea", "2-1"),
            game("2024-01-07", "Round 3", "Southampton", "Tottenham", "4-0"),
            replay(game("2024-01-17", "Round 3", "Bristol Rovers", "Norwich", "1-3")),
            game("2024-01-28", "Round 4", "Liverpool", "Norwich", "5-2"),
            game("2024-01-28", "Round 4", "Watford", "Southampton", "1-1"),
            replay(game("2024-02-06", "Round 4", "Southampton", "Watford", "3-0")),
            game("2024-02-28", "Round of 16", "Liverpool", "Southampton", "3-0"),
            game("2024-03-17", "Quarterfinals", "Blackburn", "Liverpool", "4-3 aet"),
        ]
    }

    fn target(competition: &Competition, matches: &[Match], team: &str, as_of: Option<&str>) -> TrophyTarget {
        let season = CompetitionSeason {
            competition,
            matches,
            deductions: &[],
        };
        TrophyTarget::compute(season, id(team), as_of.map(day), &name).unwrap()
    }

    #[test]
    fn alive_with_the_next_round_and_an_opponent_still_to_be_decided() {
        let fa = cup(Format::Knockout, false);
        let t = target(&fa, &fa_cup(), "Liverpool", Some("2024-02-01"));
        assert_eq!(t.status, TargetStatus::Alive);
        assert_eq!(t.stage.as_deref(), Some("Round of 16"));
        assert_eq!(t.ties_to_win, Some(4));
        let next = NextMatch {
            date: Some(day("2024-02-28")),
            opponent: Some("Watford or Southampton".into()),
            round: "Round of 16".into(),
            venue: Some(TeamVenue::Home),
        };
        assert_eq!(t.next_match, Some(next));
        let json = serde_json::to_value(&t).unwrap();
        assert_eq!(json["status"], "alive");
        assert_eq!(json["format"], "knockout");
        assert_eq!(json["next_match"]["venue"], "home");
        assert_eq!(json["eliminated_by"], serde_json::Value::Null);

        let watford = target(&fa, &fa_cup(), "Watford", Some("2024-02-01"));
        assert_eq!(watford.stage.as_deref(), Some("Round 4"));
        assert_eq!(watford.ties_to_win, Some(5));
        let replay = watford.next_match.unwrap();
        assert_eq!(
            (replay.opponent.as_deref(), replay.venue),
            (Some("Southampton"), Some(TeamVenue::Away))
        );
    }

    #[test]
    fn a_club_entering_in_round_three_is_tracked_from_its_first_tie() {
        let fa = cup(Format::Knockout, false);
        let t = target(&fa, &fa_cup(), "Liverpool", Some("2024-01-01"));
        assert_eq!(t.stage.as_deref(), Some("Round 3"));
        assert_eq!(t.ties_to_win, Some(6));
        let next = t.next_match.unwrap();
        assert_eq!(
            (next.opponent.as_deref(), next.venue),
            (Some("Arsenal"), Some(TeamVenue::Away))
        );
        // Before the previous round has begun, the draw is not yet made.
        let early = target(&fa, &fa_cup(), "Liverpool", Some("2023-10-01"));
        assert_eq!(early.next_match.unwrap().opponent, None);
    }

    #[test]
    fn eliminated_by_whom_and_how() {
        let fa = cup(Format::Knockout, false);
        let t = target(&fa, &fa_cup(), "Liverpool", None);
        assert_eq!(t.status, TargetStatus::Eliminated);
        assert_eq!(t.stage.as_deref(), Some("Quarterfinals"));
        assert_eq!(t.eliminated_by.as_deref(), Some("Blackburn"));
        assert_eq!(
            tie_decided(&t.decided_by),
            (
                "Blackburn v Liverpool".into(),
                "Blackburn".into(),
                Decider::ExtraTime
            )
        );
        assert_eq!((t.ties_to_win, t.next_match), (None, None));
        let rovers = target(&fa, &fa_cup(), "Bristol Rovers", None);
        assert_eq!(rovers.stage.as_deref(), Some("Round 3"));
        assert_eq!(
            tie_decided(&rovers.decided_by),
            (
                "Norwich v Bristol Rovers".into(),
                "Norwich".into(),
                Decider::NormalTime
            )
        );
        let json = serde_json::to_value(&rovers).unwrap();
        assert_eq!(json["status"], "eliminated");
        assert_eq!(json["eliminated_by"], "Norwich");
    }

    #[test]
    fn the_final_makes_a_winner_and_a_runner_up() {
        let efl = cup(Format::Knockout, false);
        let matches = [
            leg(1, game("2024-01-10", "Semifinals", "Liverpool", "Norwich", "2-1")),
            leg(2, game("2024-01-24", "Semifinals", "Norwich", "Liverpool", "1-1")),
            leg(1, game("2024-01-09", "Semifinals", "Arsenal", "Chelsea", "1-0")),
            leg(2, game("2024-01-23", "Semifinals", "Chelsea", "Arsenal", "6-1")),
            game("2024-02-25", "Final", "Chelsea", "Liverpool", "0-1 aet"),
        ];
        let before = target(&efl, &matches, "Liverpool", Some("2024-02-01"));
        assert_eq!(
            (before.status, before.ties_to_win),
            (TargetStatus::Alive, Some(1))
        );
        let next = before.next_match.unwrap();
        assert_eq!(
            (next.opponent.as_deref(), next.venue),
            (Some("Chelsea"), Some(TeamVenue::Neutral))
        );
        let won = target(&efl, &matches, "Liverpool", None);
        assert_eq!((won.status, won.ties_to_win), (TargetStatus::Won, Some(0)));
        assert_eq!(
            tie_decided(&won.decided_by),
            (
                "Chelsea v Liverpool".into(),
                "Liverpool".into(),
                Decider::ExtraTime
            )
        );
        let lost = target(&efl, &matches, "Chelsea", None);
        assert_eq!(lost.status, TargetStatus::RunnerUp);
        assert_eq!(lost.eliminated_by.as_deref(), Some("Liverpool"));
        assert_eq!(serde_json::to_value(&lost).unwrap()["status"], "runner_up");
        let out = target(&efl, &matches, "Norwich", None);
        assert_eq!(
            tie_decided(&out.decided_by),
            (
                "Liverpool v Norwich".into(),
                "Liverpool".into(),
                Decider::Aggregate
            )
        );
    }

    /// A Europa League in miniature: a group of three, then a play-off that the group winner skips.
    fn europa() -> Vec<Match> {
        let mut matches: Vec<Match> = [
            ("2023-09-21", "Liverpool", "Roma", "2-0"),
            ("2023-10-05", "Roma", "Tottenham", "1-0"),
            ("2023-10-26", "Tottenham", "Liverpool", "0-3"),
            ("2023-11-09", "Roma", "Liverpool", "1-2"),
            ("2023-11-30", "Tottenham", "Roma", "0-2"),
            ("2023-12-14", "Liverpool", "Tottenham", "4-0"),
        ]
        .into_iter()
        .map(|(date, home, away, score)| {
            let mut m = game(date, "Group A", home, away, score);
            m.group = Some("A".into());
            m
        })
        .collect();
        matches.extend([
            leg(1, game("2024-02-15", "Playoffs", "Feyenoord", "Roma", "1-1")),
            leg(
                2,
                game("2024-02-22", "Playoffs", "Roma", "Feyenoord", "1-1 aet, 4-2 pens"),
            ),
            leg(1, game("2024-03-07", "Round of 16", "Ajax", "Liverpool", "1-5")),
            leg(2, game("2024-03-14", "Round of 16", "Liverpool", "Ajax", "6-1")),
            leg(1, game("2024-03-07", "Round of 16", "Roma", "Atalanta", "")),
        ]);
        matches
    }

    #[test]
    fn group_stage_targets() {
        let el = cup(Format::GroupsKnockout, false);
        let mid = target(&el, &europa(), "Liverpool", Some("2023-10-30"));
        assert_eq!(mid.status, TargetStatus::Alive);
        assert_eq!(
            (mid.stage.as_deref(), mid.group.as_deref()),
            (Some("Group stage"), Some("A"))
        );
        assert_eq!((mid.position, mid.points_behind_leader), (Some(1), Some(0)));
        assert_eq!(mid.points_clear, Some(3));
        assert_eq!(mid.next_match.unwrap().date, Some(day("2023-11-09")));
        assert_eq!(mid.ties_to_win, Some(4), "a group winner skips the play-off");
        let roma = target(&el, &europa(), "Roma", Some("2023-10-30"));
        assert_eq!((roma.position, roma.points_behind_leader), (Some(2), Some(3)));

        let spurs = target(&el, &europa(), "Tottenham", Some("2024-02-01"));
        assert_eq!(spurs.status, TargetStatus::Eliminated);
        assert_eq!(
            spurs.decided_by,
            Some(DecidedBy::GroupFinish {
                position: 3,
                group: Some("A".into())
            })
        );
        assert_eq!(spurs.position, Some(3));
    }

    #[test]
    fn a_group_winner_has_a_bye_past_the_play_off() {
        let el = cup(Format::GroupsKnockout, false);
        let t = target(&el, &europa(), "Liverpool", Some("2024-02-01"));
        assert_eq!(t.status, TargetStatus::Alive);
        assert_eq!(t.stage.as_deref(), Some("Round of 16"));
        assert_eq!(t.ties_to_win, Some(4));
        // The last-16 draw follows the play-off, which had not begun.
        let next = t.next_match.unwrap();
        assert_eq!((next.opponent, next.date, next.venue), (None, None, None));
        let roma = target(&el, &europa(), "Roma", Some("2024-02-01"));
        assert_eq!(
            (roma.stage.as_deref(), roma.ties_to_win),
            (Some("Play-offs"), Some(5))
        );
        assert_eq!(roma.next_match.unwrap().opponent.as_deref(), Some("Feyenoord"));
        let later = target(&el, &europa(), "Liverpool", Some("2024-03-10"));
        assert_eq!(later.next_match.unwrap().date, Some(day("2024-03-14")));
        assert_eq!(later.ties_to_win, Some(4));
        let through = target(&el, &europa(), "Liverpool", None);
        assert_eq!(
            (through.stage.as_deref(), through.ties_to_win),
            (Some("Quarterfinals"), Some(3))
        );
        assert_eq!(through.next_match.unwrap().opponent, None);
    }

    #[test]
    fn a_league_shows_position_and_gap_then_finishes() {
        let mut league = cup(Format::League, false);
        league.name = "Premier League".into();
        let matches = [
            game("2024-01-20", "Matchday 1", "Liverpool", "Chelsea", "4-1"),
            game("2024-01-27", "Matchday 2", "Chelsea", "Arsenal", "2-2"),
            game("2024-02-03", "Matchday 3", "Arsenal", "Liverpool", "3-1"),
            game("2024-02-10", "Matchday 4", "Chelsea", "Liverpool", ""),
        ];
        let t = target(&league, &matches, "Chelsea", Some("2024-02-01"));
        assert_eq!(t.status, TargetStatus::Alive);
        assert_eq!((t.position, t.points_behind_leader), (Some(3), Some(2)));
        assert_eq!(t.next_match.unwrap().round, "Matchday 4");
        assert_eq!((t.stage, t.ties_to_win), (None, None));
        let mut done = matches.clone();
        done[3].status = MatchStatus::Played("0-0".parse().unwrap());
        let t = target(&league, &done, "Arsenal", None);
        assert_eq!((t.status, t.position), (TargetStatus::Finished, Some(1)));
        assert_eq!(serde_json::to_value(&t).unwrap()["status"], "finished");
        let season = CompetitionSeason {
            competition: &league,
            matches: &done,
            deductions: &[],
        };
        assert_eq!(
            TrophyTarget::compute(season, id("Watford"), None, &name)
                .unwrap_err()
                .to_string(),
            "Watford has no match in the Premier League"
        );
    }

    #[test]
    fn honours_list_trophies_and_finals() {
        let mut efl = cup(Format::Knockout, false);
        efl.name = "League Cup".into();
        let mut el = cup(Format::GroupsKnockout, false);
        el.name = "Europa League".into();
        el.season = Season::starting(2015);
        let mut league = cup(Format::League, false);
        league.name = "Premier League".into();
        let cup_final = [game("2024-02-25", "Final", "Chelsea", "Liverpool", "0-1 aet")];
        let lost_final = [game("2016-05-18", "Final", "Liverpool", "Roma", "1-3")];
        let title = [
            game("2024-01-20", "Matchday 1", "Liverpool", "Chelsea", "4-1"),
            game("2024-01-27", "Matchday 2", "Chelsea", "Liverpool", "0-0"),
        ];
        let seasons = [
            (&efl, &cup_final[..]),
            (&league, &title[..]),
            (&el, &lost_final[..]),
        ]
        .map(|(competition, matches)| CompetitionSeason {
            competition,
            matches,
            deductions: &[],
        });
        let honours = Honours::compute(id("Liverpool"), seasons, &name).unwrap();
        let trophies: Vec<&str> = honours.trophies.iter().map(|t| t.competition.as_str()).collect();
        // Oldest first: the league was decided on its last day, before the cup final.
        assert_eq!(trophies, ["Premier League", "League Cup"]);
        let finals: Vec<(&str, bool, String)> = honours
            .finals
            .iter()
            .map(|f| {
                let score = f.score.last_match_for_first().unwrap().final_score;
                (f.opponent.as_str(), f.won, score.to_string())
            })
            .collect();
        assert_eq!(
            finals,
            [
                ("Roma", false, "1-3".to_string()),
                ("Chelsea", true, "0-1".to_string())
            ]
        );
        let chelsea = Honours::compute(id("Chelsea"), seasons, &name).unwrap();
        assert!(chelsea.trophies.is_empty());
        assert_eq!(chelsea.finals.len(), 1);
    }

    fn check(competition: &Competition, matches: &[Match], new: &Match) -> Result<(), String> {
        check_new_cup_match(competition, matches, new, &name).map_err(|e| e.to_string())
    }

    #[test]
    fn a_new_cup_match_fails_on_a_decided_tie_or_an_eliminated_team() {
        let fa = cup(Format::Knockout, false);
        let stored = fa_cup();
        let again = game("2024-01-29", "Round 4", "Liverpool", "Norwich", "1-0");
        assert_eq!(
            check(&fa, &stored, &again).unwrap_err(),
            "the Round 4 tie between Liverpool and Norwich is already decided: Liverpool went through"
        );
        let out = game("2024-02-28", "Round of 16", "Norwich", "Tottenham", "1-0");
        assert_eq!(
            check(&fa, &stored, &out).unwrap_err(),
            "Norwich is no longer in the competition: knocked out by Liverpool in Round 4"
        );
        let other = game("2024-02-28", "Round of 16", "Chelsea", "Southampton", "1-0");
        assert_eq!(
            check(&fa, &stored, &other).unwrap_err(),
            "Chelsea is no longer in the competition: knocked out by Watford in Round 3"
        );
        let mut drawn = stored[..9].to_vec();
        drawn.push(game("2024-02-28", "Round of 16", "Liverpool", "Southampton", ""));
        let clash = game("2024-02-27", "Round of 16", "Liverpool", "Blackburn", "1-0");
        assert_eq!(
            check(&fa, &drawn, &clash).unwrap_err(),
            "Liverpool already has a Round of 16 tie against Southampton"
        );
        // Completing the stored fixture is fine.
        let result = game("2024-02-28", "Round of 16", "Liverpool", "Southampton", "3-0");
        assert_eq!(check(&fa, &drawn, &result), Ok(()));
        let unknown = game(
            "2024-02-28",
            "Fifth round proper",
            "Liverpool",
            "Southampton",
            "3-0",
        );
        assert!(
            check(&fa, &drawn, &unknown)
                .unwrap_err()
                .contains("is not a round")
        );
    }

    #[test]
    fn a_new_cup_match_fails_on_legs_and_replays_that_make_no_sense() {
        let el = cup(Format::GroupsKnockout, false);
        let stored = europa();
        let leg2 = |home: &str, away: &str, n: Option<u8>| {
            let mut m = game("2024-03-14", "Round of 16", home, away, "2-0");
            m.leg = n;
            m
        };
        let same_ground = leg2("Roma", "Atalanta", Some(2));
        assert_eq!(
            check(&el, &stored, &same_ground).unwrap_err(),
            "bad leg for this Round of 16 tie: both legs at Roma's ground"
        );
        assert!(
            check(&el, &stored, &leg2("Atalanta", "Roma", None))
                .unwrap_err()
                .contains("give the leg")
        );
        assert!(
            check(&el, &stored, &leg2("Atalanta", "Roma", Some(3)))
                .unwrap_err()
                .contains("legs 1 and 2")
        );
        assert!(
            check(&el, &stored, &leg2("Atalanta", "Roma", Some(1)))
                .unwrap_err()
                .contains("already stored")
        );
        assert_eq!(check(&el, &stored, &leg2("Atalanta", "Roma", Some(2))), Ok(()));
        let mut fresh = leg2("Atalanta", "Norwich", Some(2));
        fresh.round = Some("Quarterfinals".into());
        assert!(check(&el, &stored, &fresh).unwrap_err().contains("no first leg"));
        let spurs = leg2("Tottenham", "Feyenoord", Some(1));
        assert_eq!(
            check(&el, &stored, &spurs).unwrap_err(),
            "Tottenham is no longer in the competition: out in the group stage"
        );

        let fa = cup(Format::Knockout, false);
        let mut stored = fa_cup();
        stored.truncate(9);
        let legged = leg(
            2,
            game("2024-02-10", "Round of 16", "Chelsea", "Liverpool", "1-0"),
        );
        assert!(check(&fa, &stored, &legged).is_err());
        let needless = replay(game(
            "2024-02-28",
            "Round of 16",
            "Liverpool",
            "Southampton",
            "1-0",
        ));
        assert_eq!(
            check(&fa, &stored, &needless).unwrap_err(),
            "no replay is due in the Round of 16 tie between Liverpool and Southampton"
        );
        let mut level = stored[..7].to_vec();
        level.push(game("2024-01-28", "Round 4", "Watford", "Southampton", "1-1"));
        let due = replay(game("2024-02-06", "Round 4", "Southampton", "Watford", "3-0"));
        assert_eq!(check(&fa, &level, &due), Ok(()));
        let group_game = game("2023-09-21", "Group A", "Liverpool", "Roma", "2-0");
        assert_eq!(check(&el, &europa(), &group_game), Ok(()));
    }
}
