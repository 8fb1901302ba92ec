//! A club's history: season by season, each of its teams' league finish (the
//! division, its tier, the final place, and whether the team went up or down
//! after it) and cup runs (the round reached), beside its honours.
//!
//! Everything is read from the trophy targets of the whole seasons
//! ([`TrophyTarget::compute`] with no as-of day) and from [`Honours`]: a league's
//! final place is its table under the regulations stored with that season (goal
//! average and two points for a win in their eras), and a cup run ends in the round
//! of the tie the team lost, or the final it won. Values are typed; the caller words them.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use serde::{Deserialize, Serialize};

use super::league_order::is_knockout;
use super::{
    CompetitionSeason, Honours, PlayOffRun, StageReached, TargetStatus, Trophy, TrophyKind, TrophyTarget,
};
use crate::knockout::ties_in_round;
use crate::{Format, KnockoutError, KnockoutTie, Match, Round, Season, Stage, TeamId, Tier};

/// Which way a team left its league at the end of a season, read from the tier
/// of the league it played the season after. Nothing is said when that season is
/// not stored, or was not the next one (the wars' gaps, a club out of the league).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TierMove {
    /// The next season in a higher tier.
    Promoted,
    /// The next season in a lower tier.
    Relegated,
}

/// A team's place in one league season.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeagueFinish {
    /// The team (one of the club's teams).
    pub team: TeamId,
    /// The league's name of the day: "Second Division".
    pub competition: String,
    /// The season.
    pub season: Season,
    /// The league's tier that season, as the catalogue gives it; none when it does not know it.
    pub tier: Option<Tier>,
    /// The final place, or the place so far while the league is not finished;
    /// none before the team's first match.
    pub position: Option<u16>,
    /// How many clubs the league had.
    pub teams: u16,
    /// Whether every meeting the league's structure needs is played.
    pub finished: bool,
    /// Up or down the next season, when the next season is stored.
    pub moved: Option<TierMove>,
    /// Its run in the play-offs after the league, when its place sent it there.
    pub play_offs: Option<PlayOffRun>,
}

impl LeagueFinish {
    /// Whether the team won the league: first in a finished league.
    pub fn is_champion(&self) -> bool {
        self.finished && self.position == Some(1)
    }
}

/// How far a team went in one cup season.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CupRun {
    /// The team (one of the club's teams).
    pub team: TeamId,
    /// The cup's name: "FA Cup".
    pub competition: String,
    /// The season.
    pub season: Season,
    /// A domestic cup or a European club competition.
    pub kind: TrophyKind,
    /// The last stage the team reached: the round of the tie it lost, the final it
    /// won, or the group it went out in; none when the files name no stage for it.
    pub reached: Option<StageReached>,
    /// Won, runner-up (the final lost), eliminated, or still alive.
    pub status: TargetStatus,
    /// Alive with nothing left to play: the run's last tie is played but the
    /// stored matches name no winner (a final settled on penalties the source does
    /// not give). Never true of a cup with a fixture still stored.
    pub left_undecided: bool,
}

impl CupRun {
    /// Whether the team won the final.
    pub fn won(&self) -> bool {
        self.status == TargetStatus::Won
    }
}

/// One team's season: its leagues, its cups and the trophies it won.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeasonLine {
    /// The season.
    pub season: Season,
    /// The team.
    pub team: TeamId,
    /// Its league seasons: one, or none in a season with only cups stored.
    pub leagues: Vec<LeagueFinish>,
    /// Its cup runs, by competition name.
    pub cups: Vec<CupRun>,
    /// The trophies it won that season, as [`Honours`] counts them.
    pub trophies: Vec<Trophy>,
}

/// A club's history across the seasons stored.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClubHistory {
    /// Oldest first; within a season, the teams in the order given.
    pub seasons: Vec<SeasonLine>,
    /// The club's honours over the same seasons.
    pub honours: Honours,
}

impl ClubHistory {
    /// The history of a club's `teams` (its men's and women's sides) over `seasons`.
    ///
    /// # Errors
    /// As [`TrophyTarget::compute`] and [`Honours::of_club`], for cup rounds that
    /// cannot be read.
    pub fn of_club(
        teams: &[TeamId],
        seasons: &[CompetitionSeason<'_>],
        name: &dyn Fn(TeamId) -> String,
    ) -> Result<ClubHistory, KnockoutError> {
        let honours = Honours::of_club(teams, seasons, name)?;
        let mut lines: BTreeMap<(Season, usize), SeasonLine> = BTreeMap::new();
        for (order, &team) in teams.iter().enumerate() {
            for season in seasons {
                if !season.matches.iter().any(|m| m.pairing.involves(team)) {
                    continue;
                }
                let target = TrophyTarget::compute(*season, team, None, name)?;
                let competition = season.competition;
                let line = lines
                    .entry((competition.season, order))
                    .or_insert_with(|| SeasonLine {
                        season: competition.season,
                        team,
                        leagues: Vec::new(),
                        cups: Vec::new(),
                        trophies: Vec::new(),
                    });
                if competition.format == Format::League {
                    line.leagues.push(LeagueFinish {
                        team,
                        competition: competition.name.clone(),
                        season: competition.season,
                        tier: season.tier,
                        position: target.position,
                        teams: league_size(season),
                        finished: target.status == TargetStatus::Finished,
                        moved: None,
                        play_offs: target.play_offs,
                    });
                } else {
                    line.cups.push(cup_run(season, team, target)?);
                }
            }
        }
        for trophy in &honours.trophies {
            let order = teams.iter().position(|&t| t == trophy.team).unwrap_or(0);
            if let Some(line) = lines.get_mut(&(trophy.season, order)) {
                line.trophies.push(trophy.clone());
            }
        }
        let mut seasons: Vec<SeasonLine> = lines.into_values().collect();
        for line in &mut seasons {
            line.leagues.sort_by_key(|l| (l.tier, l.competition.clone()));
            line.cups.sort_by(|a, b| a.competition.cmp(&b.competition));
        }
        read_moves(&mut seasons);
        Ok(ClubHistory { seasons, honours })
    }

    /// The league seasons of `team`, oldest first.
    pub fn leagues_of(&self, team: TeamId) -> impl Iterator<Item = &LeagueFinish> {
        self.seasons
            .iter()
            .filter(move |l| l.team == team)
            .flat_map(|l| l.leagues.iter())
    }
}

/// The run of `team` in a cup from its trophy target over the whole season. A run
/// the target leaves open with nothing left to play is read again from the furthest
/// round the team played: a tie of a later round than the target's settles it (a leg
/// the import left out held an earlier tie open), a tie won with nothing stored after
/// it leaves the run open, and a tie with no winner stored (a shoot-out the source does
/// not give) leaves it undecided.
fn cup_run(
    season: &CompetitionSeason<'_>,
    team: TeamId,
    target: TrophyTarget,
) -> Result<CupRun, KnockoutError> {
    let competition = season.competition;
    let mut run = CupRun {
        team,
        competition: competition.name.clone(),
        season: competition.season,
        kind: TrophyKind::of(competition, season.tier),
        reached: target.stage,
        status: target.status,
        left_undecided: false,
    };
    let open =
        run.status == TargetStatus::Alive && !season.matches.iter().any(|m| m.is_remaining_as_of(None));
    if !open {
        return Ok(run);
    }
    let furthest = season
        .matches
        .iter()
        .filter(|m| m.pairing.involves(team))
        .filter_map(|m| match Stage::of(m) {
            Ok(Stage::Knockout(round)) if round.is_on_path_to_trophy() => Some(round),
            _ => None,
        })
        .max();
    let Some(furthest) = furthest else {
        return Ok(run);
    };
    if matches!(run.reached, Some(StageReached::Round(at)) if at > furthest) {
        return Ok(run);
    }
    let played: Vec<Match> = season
        .matches
        .iter()
        .filter(|m| matches!(Stage::of(m), Ok(Stage::Knockout(r)) if r == furthest))
        .cloned()
        .collect();
    let ties = ties_in_round(competition, furthest, &played, None)?;
    run.reached = Some(StageReached::Round(furthest));
    match ties
        .iter()
        .find(|t| t.involves(team))
        .and_then(KnockoutTie::winner)
    {
        Some(winner) if winner != team => {
            run.status = if furthest == Round::Final {
                TargetStatus::RunnerUp
            } else {
                TargetStatus::Eliminated
            };
        }
        Some(_) if furthest == Round::Final => run.status = TargetStatus::Won,
        // Through, and the next round is not stored yet.
        Some(_) => {}
        None => run.left_undecided = true,
    }
    Ok(run)
}

/// How many clubs played in the league: every team with a league match stored
/// (play-off matches after it are not the league).
fn league_size(season: &CompetitionSeason<'_>) -> u16 {
    let teams: BTreeSet<TeamId> = season
        .matches
        .iter()
        .filter(|m| !is_knockout(m))
        .flat_map(|m| [m.pairing.home(), m.pairing.away()])
        .collect();
    u16::try_from(teams.len()).unwrap_or(u16::MAX)
}

/// Each league season's move, from the tier of the same team's league the season
/// right after: only a known tier in each, and only the very next season.
fn read_moves(seasons: &mut [SeasonLine]) {
    let tier_in: BTreeMap<(TeamId, Season), Tier> = seasons
        .iter()
        .flat_map(|line| line.leagues.iter())
        .filter_map(|l| l.tier.map(|tier| ((l.team, l.season), tier)))
        .collect();
    for line in seasons.iter_mut() {
        for league in &mut line.leagues {
            let Some(tier) = league.tier else { continue };
            let after = (Bound::Excluded((league.team, league.season)), Bound::Unbounded);
            let Some((&(team, next_season), &next_tier)) = tier_in.range(after).next() else {
                continue;
            };
            if team != league.team || next_season.start_year() != league.season.start_year() + 1 {
                continue;
            }
            league.moved = match next_tier.cmp(&tier) {
                Ordering::Less => Some(TierMove::Promoted),
                Ordering::Greater => Some(TierMove::Relegated),
                Ordering::Equal => None,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knockout::test_support::{cup, game, id, name, replay};
    use crate::{Competition, Format, Match};

    fn league(name: &str, start: i32) -> Competition {
        let mut c = cup(Format::League, false);
        c.name = name.into();
        c.season = Season::starting(start);
        c.structure = crate::Structure::of_format(Format::League);
        c
    }

    fn knockout(name: &str, start: i32) -> Competition {
        let mut c = cup(Format::Knockout, false);
        c.name = name.into();
        c.season = Season::starting(start);
        c
    }

    /// A double round robin of three clubs in the order given: the higher wins at home and away.
    fn played_in_order(start: i32, order: [&str; 3]) -> Vec<Match> {
        let mut matches = Vec::new();
        let mut day = 1;
        for (i, home) in order.iter().enumerate() {
            for (j, away) in order.iter().enumerate() {
                if i == j {
                    continue;
                }
                let score = if i < j { "2-0" } else { "0-1" };
                let date = format!("{start}-09-{day:02}");
                matches.push(game(&date, &format!("Matchday {day}"), home, away, score));
                day += 1;
            }
        }
        matches
    }

    fn season<'a>(
        competition: &'a Competition,
        matches: &'a [Match],
        tier: Option<u8>,
    ) -> CompetitionSeason<'a> {
        CompetitionSeason {
            competition,
            matches,
            deductions: &[],
            decisions: &[],
            tier: tier.and_then(Tier::new),
        }
    }

    #[test]
    fn final_places_and_the_moves_the_next_season_shows() {
        let (d2_2021, d1_2022, d1_2023, d1_2025) = (
            league("Second Division", 2021),
            league("First Division", 2022),
            league("First Division", 2023),
            league("First Division", 2025),
        );
        let m2021 = played_in_order(2021, ["Liverpool", "Chelsea", "Norwich"]);
        let m2022 = played_in_order(2022, ["Chelsea", "Norwich", "Liverpool"]);
        let m2023 = played_in_order(2023, ["Liverpool", "Chelsea", "Norwich"]);
        let m2025 = played_in_order(2025, ["Chelsea", "Liverpool", "Norwich"]);
        let seasons = [
            season(&d2_2021, &m2021, Some(2)),
            season(&d1_2022, &m2022, Some(1)),
            season(&d1_2023, &m2023, Some(1)),
            season(&d1_2025, &m2025, Some(1)),
        ];
        let history = ClubHistory::of_club(&[id("Liverpool")], &seasons, &name).unwrap();
        let leagues: Vec<&LeagueFinish> = history.leagues_of(id("Liverpool")).collect();
        let summary: Vec<(Option<u8>, Option<u16>, Option<TierMove>)> = leagues
            .iter()
            .map(|l| (l.tier.map(Tier::level), l.position, l.moved))
            .collect();
        assert_eq!(
            summary,
            vec![
                (Some(2), Some(1), Some(TierMove::Promoted)),
                (Some(1), Some(3), None),
                // The season after is not stored (2024-25): no move is read across the gap.
                (Some(1), Some(1), None),
                (Some(1), Some(2), None),
            ]
        );
        assert!(leagues.iter().all(|l| l.finished && l.teams == 3));
        assert!(leagues[0].is_champion() && !leagues[1].is_champion());
        // Titles are honours: the second tier's and the top flight's, on their season's line.
        let won: Vec<(Season, TrophyKind)> = history
            .seasons
            .iter()
            .flat_map(|l| l.trophies.iter().map(|t| (t.season, t.kind)))
            .collect();
        assert_eq!(
            won,
            vec![
                (Season::starting(2021), TrophyKind::OtherLeague),
                (Season::starting(2023), TrophyKind::League)
            ]
        );
        assert_eq!(history.honours.won(TrophyKind::League), 1);
    }

    #[test]
    fn a_relegation_is_read_from_a_lower_tier_the_next_season() {
        let (d1, d2) = (league("First Division", 2021), league("Second Division", 2022));
        let m1 = played_in_order(2021, ["Chelsea", "Norwich", "Liverpool"]);
        let m2 = played_in_order(2022, ["Norwich", "Liverpool", "Chelsea"]);
        let seasons = [season(&d1, &m1, Some(1)), season(&d2, &m2, Some(2))];
        let history = ClubHistory::of_club(&[id("Liverpool")], &seasons, &name).unwrap();
        let moved: Vec<Option<TierMove>> = history.leagues_of(id("Liverpool")).map(|l| l.moved).collect();
        assert_eq!(moved, vec![Some(TierMove::Relegated), None]);
        // A league the catalogue gives no tier says nothing of a move either way.
        let seasons = [season(&d1, &m1, None), season(&d2, &m2, Some(2))];
        let history = ClubHistory::of_club(&[id("Liverpool")], &seasons, &name).unwrap();
        assert!(history.leagues_of(id("Liverpool")).all(|l| l.moved.is_none()));
    }

    fn fa_cup() -> Vec<Match> {
        vec![
            game("2024-01-06", "Round 3", "Liverpool", "Arsenal", "1-1"),
            replay(game("2024-01-16", "Round 3", "Arsenal", "Liverpool", "0-2")),
            game("2024-01-06", "Round 3", "Chelsea", "Norwich", "3-0"),
            game("2024-02-03", "Semifinals", "Liverpool", "Chelsea", "2-1"),
            game("2024-02-03", "Semifinals", "Tottenham", "Ajax", "0-1"),
            game("2024-05-18", "Final", "Liverpool", "Ajax", "1-0"),
        ]
    }

    fn run_of(competition: &Competition, matches: &[Match], team: &str) -> CupRun {
        let seasons = [season(competition, matches, None)];
        let history = ClubHistory::of_club(&[id(team)], &seasons, &name).unwrap();
        history.seasons[0].cups[0].clone()
    }

    #[test]
    fn a_cup_run_ends_in_the_round_lost_or_the_final_won() {
        let fa = knockout("FA Cup", 2023);
        let matches = fa_cup();
        let won = run_of(&fa, &matches, "Liverpool");
        assert!(won.won() && !won.left_undecided);
        assert_eq!(won.reached, Some(StageReached::Round(Round::Final)));
        assert_eq!(won.kind, TrophyKind::Cup);
        let lost_final = run_of(&fa, &matches, "Ajax");
        assert_eq!(lost_final.status, TargetStatus::RunnerUp);
        let out = run_of(&fa, &matches, "Chelsea");
        assert_eq!(out.status, TargetStatus::Eliminated);
        assert_eq!(out.reached, Some(StageReached::Round(Round::SemiFinal)));
        let first = run_of(&fa, &matches, "Arsenal");
        assert_eq!(first.reached, Some(StageReached::Round(Round::Numbered(3))));
        // The club's trophy is on its season line.
        let seasons = [season(&fa, &matches, None)];
        let history = ClubHistory::of_club(&[id("Liverpool")], &seasons, &name).unwrap();
        assert_eq!(history.seasons[0].trophies.len(), 1);
        assert_eq!(history.seasons[0].trophies[0].competition, "FA Cup");
    }

    #[test]
    fn a_final_with_no_winner_stored_is_left_undecided_not_still_alive() {
        let fa = knockout("League Cup", 2000);
        // The shoot-out is not in the file: 1-1 after extra time, and nothing after it.
        let matches = vec![
            game("2001-01-10", "Semifinals", "Liverpool", "Chelsea", "2-0"),
            game("2001-01-10", "Semifinals", "Norwich", "Ajax", "1-0"),
            game("2001-02-25", "Final", "Liverpool", "Norwich", "1-1 aet"),
        ];
        let run = run_of(&fa, &matches, "Liverpool");
        assert!(run.left_undecided);
        assert_eq!(run.status, TargetStatus::Alive);
        assert_eq!(run.reached, Some(StageReached::Round(Round::Final)));
        // Through the semi-final with the final not stored yet: alive, not undecided.
        let through = &matches[..2];
        let run = run_of(&fa, through, "Liverpool");
        assert!(!run.left_undecided && run.status == TargetStatus::Alive);
        assert_eq!(
            run.reached,
            Some(StageReached::Round(Round::Final)),
            "through to it"
        );
        // While a fixture is still stored, the run is alive and nothing more.
        let mut open = matches.clone();
        open[2] = game("2001-02-25", "Final", "Liverpool", "Norwich", "");
        let run = run_of(&fa, &open, "Liverpool");
        assert!(!run.left_undecided && run.status == TargetStatus::Alive);
    }

    #[test]
    fn a_tie_left_open_by_a_missing_leg_gives_way_to_the_round_played_after_it() {
        let mut ec = knockout("European Cup", 1982);
        ec.format = Format::Knockout;
        // The first leg only (the file dated the second on the first's day, and it was
        // left out), then the quarter-final lost over two legs.
        let mut first_leg = game("1982-10-20", "Round of 16", "Ajax", "Liverpool", "1-0");
        first_leg.leg = Some(1);
        let mut qf1 = game("1983-03-02", "Quarterfinals", "Porto", "Liverpool", "2-0");
        qf1.leg = Some(1);
        let mut qf2 = game("1983-03-16", "Quarterfinals", "Liverpool", "Porto", "3-2");
        qf2.leg = Some(2);
        let matches = vec![first_leg, qf1, qf2];
        let run = run_of(&ec, &matches, "Liverpool");
        assert_eq!(run.reached, Some(StageReached::Round(Round::QuarterFinal)));
        assert_eq!(run.status, TargetStatus::Eliminated);
        assert!(!run.left_undecided);
        assert_eq!(run.kind, TrophyKind::European);
    }

    #[test]
    fn each_of_a_clubs_teams_has_its_own_lines() {
        let (men, women) = (league("First Division", 2023), league("Women's League", 2023));
        let m = played_in_order(2023, ["Liverpool", "Chelsea", "Norwich"]);
        let w = played_in_order(2023, ["Arsenal", "Roma", "Porto"]);
        let seasons = [season(&men, &m, Some(1)), season(&women, &w, Some(1))];
        let teams = [id("Liverpool"), id("Roma")];
        let history = ClubHistory::of_club(&teams, &seasons, &name).unwrap();
        let lines: Vec<(TeamId, u16)> = history
            .seasons
            .iter()
            .map(|l| (l.team, l.leagues[0].position.unwrap()))
            .collect();
        assert_eq!(lines, vec![(id("Liverpool"), 1), (id("Roma"), 2)]);
        assert_eq!(history.leagues_of(id("Roma")).count(), 1);
    }
}
