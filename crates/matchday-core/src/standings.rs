//! League standings computed from matches, with each competition's tie-breakers.
//!
//! The ordering itself is [`crate::rank_teams`] (in `tiebreak.rs`), shared with season simulations.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    CompactResult, Competition, Decision, DecisionError, Deduction, Match, RankScratch, RankingRules,
    Regulations, TeamId, TeamTotals, TieNoteKind, rank_teams,
};

/// Which matches a table counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// All matches.
    #[default]
    Total,
    /// Only matches at home.
    Home,
    /// Only matches away.
    Away,
}

/// What table to draw up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TableOptions {
    /// Count only matches played on or before this day, and deductions effective by then.
    pub as_of: Option<NaiveDate>,
    /// Total, home or away.
    pub view: View,
    /// Count the scores of matches in play ([`crate::MatchStatus::Live`]) as if they were
    /// final: a provisional table. Off, a live match is still to play, as it is to
    /// every answer that must be exact (settled positions, odds).
    pub provisional: bool,
}

impl TableOptions {
    /// The score a table counts for `m`: its 90 minutes when decided by `as_of`, or,
    /// for a provisional table, its score so far when in play (on or before `as_of`).
    fn counted_score(self, m: &Match) -> Option<crate::Score> {
        match m.status.live() {
            Some(live) if self.provisional && self.as_of.is_none_or(|day| m.date <= day) => {
                Some(live.score())
            }
            _ => m.result_as_of(self.as_of).and_then(crate::MatchResult::score),
        }
    }
}

/// One result in a team's form guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Form {
    /// Won.
    W,
    /// Drawn.
    D,
    /// Lost.
    L,
}

/// A team's line in a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// Place in the table, 1-based; teams that share a place have the same number.
    pub position: u16,
    /// Whether another team shares this position.
    pub shared: bool,
    /// The team.
    pub team: TeamId,
    /// Matches played.
    pub played: u16,
    /// Matches won.
    pub won: u16,
    /// Matches drawn.
    pub drawn: u16,
    /// Matches lost.
    pub lost: u16,
    /// Goals scored.
    pub goals_for: u32,
    /// Goals conceded.
    pub goals_against: u32,
    /// Points, after deductions.
    pub points: i32,
    /// Points deducted (net of any given back).
    pub deducted: i32,
    /// The last five results, oldest first.
    pub form: Vec<Form>,
}

impl Row {
    /// Goals scored less goals conceded.
    pub fn goal_difference(&self) -> i32 {
        self.goals_for as i32 - self.goals_against as i32
    }

    /// The form guide as text, oldest first: "WWDLW".
    pub fn form_text(&self) -> String {
        self.form.iter().map(|f| format!("{f:?}")).collect()
    }
}

/// A note under a table about teams level on points: what separated them, or what
/// happens if nothing does.
///
/// Teams are named by id; [`TieNote::render`] writes the sentence with names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TieNote {
    /// The teams concerned, in table order.
    pub teams: Vec<TeamId>,
    /// The position of the first of them.
    pub position: u16,
    /// What was decided or left open.
    pub kind: TieNoteKind,
}

impl TieNote {
    /// The note as a sentence, naming teams with `name`.
    ///
    /// ```
    /// use matchday_core::{TeamId, TieBreaker, TieNote, TieNoteKind};
    /// let note = TieNote {
    ///     teams: vec![TeamId(1), TeamId(2)],
    ///     position: 1,
    ///     kind: TieNoteKind::DecidedBy(TieBreaker::HeadToHeadPoints),
    /// };
    /// let names = |id: TeamId| if id == TeamId(1) { "Portugal".to_string() } else { "Turkey".to_string() };
    /// assert_eq!(
    ///     note.render(names),
    ///     "Portugal and Turkey are level on points: head-to-head points put them in this order."
    /// );
    /// ```
    /// A note waiting on an order decided off the pitch says which criterion decides,
    /// not how to record it: that depends on where it is read ([`TieNote::awaits_decision`]).
    pub fn render(&self, name: impl Fn(TeamId) -> String) -> String {
        let names: Vec<String> = self.teams.iter().map(|&t| name(t)).collect();
        let list = match names.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        };
        let place = ordinal(self.position);
        match self.kind {
            TieNoteKind::DecidedBy(criterion) => format!(
                "{list} are level on points: {} put them in this order.",
                criterion.description()
            ),
            TieNoteKind::Shared => format!("{list} are level on every tie-breaker and share {place} place."),
            TieNoteKind::PlayOff => {
                format!("{list} are level for {place} place: if they end the season so, a play-off decides.")
            }
            TieNoteKind::OffThePitch(criterion) => format!(
                "{list} are level on every criterion the results give and share {place} place: \
                 {} decides.",
                criterion.description()
            ),
            TieNoteKind::DecidedOffThePitch(criterion) => format!(
                "{list} are level on every criterion the results give: {} put them in this order \
                 (a decision off the pitch).",
                criterion.description()
            ),
        }
    }
}

impl TieNote {
    /// Whether the note waits on an order decided off the pitch (fair play, lots) that
    /// has not been recorded yet.
    pub fn awaits_decision(&self) -> bool {
        matches!(self.kind, TieNoteKind::OffThePitch(_))
    }
}

/// A place as people write it: "1st", "2nd", "3rd", "11th", "22nd".
pub fn ordinal(n: u16) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A league table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standings {
    /// Rows in table order.
    pub rows: Vec<Row>,
    /// What the tie-breakers decided or could not decide, for notes under the table.
    pub notes: Vec<TieNote>,
}

impl Standings {
    /// Whether any match has been counted. Before the first, every team is level
    /// on nothing: the positions say nothing and no zone is reached.
    pub fn has_begun(&self) -> bool {
        self.rows.iter().any(|r| r.played > 0)
    }

    /// Draws up the table of `teams` from `matches` and `deductions` under the competition's rules.
    ///
    /// Teams with no match counted still appear, on zero. Matches involving a
    /// team outside `teams` are ignored, so a group table is drawn from the
    /// whole competition's matches by passing the group's teams. Teams that
    /// share a place are listed in the order of `teams`.
    ///
    /// Home and away views rank by the view's own numbers, and their
    /// head-to-head criteria count the view's side of each meeting only (in the
    /// home view, each team's home matches against the others level with it).
    /// Deductions apply to the total view only, as they belong to the season.
    pub fn compute(
        competition: &Competition,
        teams: &[TeamId],
        matches: &[Match],
        deductions: &[Deduction],
        options: TableOptions,
    ) -> Standings {
        let mut rows: Vec<Row> = teams.iter().map(|&team| Row::empty(team)).collect();
        let mut totals = vec![TeamTotals::default(); teams.len()];
        let index: HashMap<TeamId, usize> = teams.iter().enumerate().map(|(i, &t)| (t, i)).collect();
        let mut counted: Vec<(&Match, usize, usize)> = matches
            .iter()
            // A knockout match is no table's: a league's play-offs, or the knockout
            // play-offs after a league phase, are ties, not meetings.
            .filter(|m| !matches!(m.stage, Some(crate::Stage::Knockout(_))))
            // A table counts 90 minutes; a cup match whose 90 minutes were not given has nothing to count.
            .filter(|m| options.counted_score(m).is_some())
            .filter_map(|m| {
                let home = *index.get(&m.pairing.home())?;
                let away = *index.get(&m.pairing.away())?;
                Some((m, home, away))
            })
            .collect();
        counted.sort_by_key(|(m, _, _)| (m.date, m.kickoff));
        let regulations = competition.regulations();
        let points = regulations.points();
        let mut results = Vec::with_capacity(counted.len());
        for &(m, home, away) in &counted {
            let score = options.counted_score(m).expect("filtered");
            results.push(CompactResult {
                home: home as u16,
                away: away as u16,
                home_goals: score.home(),
                away_goals: score.away(),
            });
            let sides = [
                (home, score.home(), score.away(), View::Home),
                (away, score.away(), score.home(), View::Away),
            ];
            for (team, scored, conceded, side) in sides {
                if options.view != View::Total && options.view != side {
                    continue;
                }
                totals[team].add_match(scored, conceded, side == View::Away, points);
                let row = &mut rows[team];
                row.played += 1;
                row.goals_for += u32::from(scored);
                row.goals_against += u32::from(conceded);
                let form = match scored.cmp(&conceded) {
                    std::cmp::Ordering::Greater => {
                        row.won += 1;
                        row.points += i32::from(points.win);
                        Form::W
                    }
                    std::cmp::Ordering::Equal => {
                        row.drawn += 1;
                        row.points += i32::from(points.draw);
                        Form::D
                    }
                    std::cmp::Ordering::Less => {
                        row.lost += 1;
                        row.points += i32::from(points.loss);
                        Form::L
                    }
                };
                row.form.push(form);
            }
        }
        // Deductions belong to the whole season, not to home or away matches.
        if options.view == View::Total {
            for d in deductions.iter().filter(|d| d.applies_on(options.as_of)) {
                if let Some(&i) = index.get(&d.team) {
                    rows[i].deducted += d.points;
                    rows[i].points -= d.points;
                    totals[i].points -= d.points;
                }
            }
        }
        for row in &mut rows {
            let keep = row.form.len().saturating_sub(5);
            row.form.drain(..keep);
        }
        let rules = RankingRules::new(&regulations, &competition.zones).with_view(options.view);
        let mut scratch = RankScratch::default();
        let placements = rank_teams(&rules, &totals, &results, &mut scratch).to_vec();
        let notes = scratch
            .notes()
            .iter()
            .map(|note| {
                let run = &placements[usize::from(note.first)..usize::from(note.first + note.len)];
                TieNote {
                    teams: run.iter().map(|p| teams[usize::from(p.team)]).collect(),
                    position: run[0].position,
                    kind: note.kind,
                }
            })
            .collect();
        let mut slots: Vec<Option<Row>> = rows.into_iter().map(Some).collect();
        let rows = placements
            .iter()
            .map(|p| {
                let mut row = slots[usize::from(p.team)].take().expect("each team placed once");
                row.position = p.position;
                row.shared = p.shared;
                row
            })
            .collect();
        Standings { rows, notes }
    }

    /// The table with an off-the-pitch `decision` applied: the teams it names must
    /// be exactly a run the results leave level on every criterion (a shared
    /// place), and `regulations` must use the criterion (when they name any).
    pub fn with_decision(
        mut self,
        regulations: &Regulations,
        decision: &Decision,
    ) -> Result<Standings, DecisionError> {
        let off = regulations.off_the_pitch();
        if !off.is_empty() && !off.contains(&decision.by()) {
            return Err(DecisionError::NotInRegulations(decision.by()));
        }
        for &team in decision.teams() {
            if self.row(team).is_none() {
                return Err(DecisionError::NotInTable(team));
            }
        }
        let note_at = self.notes.iter().position(|n| {
            matches!(n.kind, TieNoteKind::OffThePitch(_) | TieNoteKind::Shared)
                && n.teams.len() == decision.teams().len()
                && decision.teams().iter().all(|t| n.teams.contains(t))
        });
        let Some(note_at) = note_at else {
            return Err(DecisionError::NotLevel);
        };
        let first = self
            .rows
            .iter()
            .position(|r| r.team == self.notes[note_at].teams[0])
            .expect("noted teams are in the table");
        let position = self.rows[first].position;
        let run = first..first + decision.teams().len();
        let mut taken: Vec<Row> = self.rows.drain(run.clone()).collect();
        let mut ordered = Vec::with_capacity(taken.len());
        for (i, &team) in decision.teams().iter().enumerate() {
            let at = taken.iter().position(|r| r.team == team).expect("checked above");
            let mut row = taken.remove(at);
            row.position = position + i as u16;
            row.shared = false;
            ordered.push(row);
        }
        self.rows.splice(run.start..run.start, ordered);
        let note = &mut self.notes[note_at];
        note.teams = decision.teams().to_vec();
        note.kind = TieNoteKind::DecidedOffThePitch(decision.by());
        Ok(self)
    }

    /// The table with every recorded decision for `group` (`None`: a league table)
    /// that the results still allow applied; one they no longer allow (a later
    /// result, an earlier date) is left out, so the table never shows an order
    /// its results contradict.
    pub fn with_decisions(
        self,
        regulations: &Regulations,
        decisions: &[Decision],
        group: Option<&str>,
    ) -> Standings {
        decisions
            .iter()
            .filter(|d| d.group() == group)
            .fold(self, |table, d| {
                table.clone().with_decision(regulations, d).unwrap_or(table)
            })
    }

    /// The row of `team`, if it is in the table.
    pub fn row(&self, team: TeamId) -> Option<&Row> {
        self.rows.iter().find(|r| r.team == team)
    }

    /// The notes as sentences, naming teams with `name`.
    pub fn render_notes(&self, name: impl Fn(TeamId) -> String) -> Vec<String> {
        self.notes.iter().map(|n| n.render(&name)).collect()
    }
}

impl Row {
    /// A row for `team` with nothing played yet.
    pub(crate) fn empty(team: TeamId) -> Row {
        Row {
            position: 0,
            shared: false,
            team,
            played: 0,
            won: 0,
            drawn: 0,
            lost: 0,
            goals_for: 0,
            goals_against: 0,
            points: 0,
            deducted: 0,
            form: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::{
        Format, MatchResult, MatchStatus, Pairing, PointsScheme, RuleSet, Score, Season, TieBreaker, Zone,
    };

    fn competition(rules: RuleSet, zones: &[&str]) -> Competition {
        Competition {
            id: None,
            slug: "test".to_string(),
            name: "Test".to_string(),
            season: Season::starting(2023),
            format: Format::League,
            structure: crate::Structure::of_format(Format::League),
            rules,
            points: PointsScheme::THREE,
            zones: zones.iter().map(|z| z.parse::<Zone>().unwrap()).collect(),
            away_goals: false,
            rank_by: crate::RankBy::Points,
        }
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// "2024-06-17 Romania 3-0 Ukraine", teams numbered by their place in `names`.
    fn played(names: &[&str], text: &str) -> Match {
        let (date, rest) = text.split_once(' ').unwrap();
        let words: Vec<&str> = rest.split(' ').collect();
        let at = words.iter().position(|w| w.contains('-')).unwrap();
        let team = |name: String| TeamId(names.iter().position(|n| **n == name).unwrap() as i64 + 1);
        let home = team(words[..at].join(" "));
        let away = team(words[at + 1..].join(" "));
        let score: Score = words[at].parse().unwrap();
        Match::new(
            day(date),
            Pairing::new(home, away).unwrap(),
            MatchStatus::Played(MatchResult::full_time(score)),
        )
    }

    fn ids(names: &[&str]) -> Vec<TeamId> {
        (1..=names.len() as i64).map(TeamId).collect()
    }

    fn order(names: &[&str], table: &Standings) -> Vec<String> {
        table
            .rows
            .iter()
            .map(|r| {
                let name = names[r.team.0 as usize - 1];
                format!("{} {}{}", r.position, name, if r.shared { "=" } else { "" })
            })
            .collect()
    }

    fn name_of<'a>(names: &'a [&'a str]) -> impl Fn(TeamId) -> String + 'a {
        move |id: TeamId| names[id.0 as usize - 1].to_string()
    }

    const EURO_E: [&str; 4] = ["Belgium", "Slovakia", "Romania", "Ukraine"];

    #[test]
    fn euro_2024_group_e_all_four_on_four_points() {
        let games = [
            "2024-06-17 Romania 3-0 Ukraine",
            "2024-06-17 Belgium 0-1 Slovakia",
            "2024-06-21 Slovakia 1-2 Ukraine",
            "2024-06-22 Belgium 2-0 Romania",
            "2024-06-26 Slovakia 1-1 Romania",
            "2024-06-26 Ukraine 0-0 Belgium",
        ];
        let matches: Vec<Match> = games.iter().map(|g| played(&EURO_E, g)).collect();
        let comp = competition(RuleSet::UefaEuroFinals, &["knockout=1-2"]);
        let table = Standings::compute(&comp, &ids(&EURO_E), &matches, &[], TableOptions::default());
        // UEFA's published order: Romania top on goals scored in the matches among the four
        // (here the whole group), although Belgium beat Romania.
        assert_eq!(
            order(&EURO_E, &table),
            ["1 Romania", "2 Belgium", "3 Slovakia", "4 Ukraine"]
        );
        assert!(table.rows.iter().all(|r| r.points == 4));
        assert_eq!(
            table.render_notes(name_of(&EURO_E)),
            [
                "Romania and Belgium are level on points: head-to-head goals scored put them in this order.",
                "Belgium and Slovakia are level on points: \
                 head-to-head goal difference put them in this order.",
                "Slovakia and Ukraine are level on points: \
                 head-to-head goal difference put them in this order.",
            ]
        );
    }

    const EURO_F: [&str; 4] = ["Turkey", "Georgia", "Portugal", "Czech Republic"];

    #[test]
    fn euro_2024_group_f_head_to_head_puts_portugal_above_turkey() {
        let games = [
            "2024-06-18 Turkey 3-1 Georgia",
            "2024-06-18 Portugal 2-1 Czech Republic",
            "2024-06-22 Georgia 1-1 Czech Republic",
            "2024-06-22 Turkey 0-3 Portugal",
            "2024-06-26 Georgia 2-0 Portugal",
            "2024-06-26 Czech Republic 1-2 Turkey",
        ];
        let matches: Vec<Match> = games.iter().map(|g| played(&EURO_F, g)).collect();
        let comp = competition(RuleSet::UefaEuroFinals, &["knockout=1-2"]);
        let table = Standings::compute(&comp, &ids(&EURO_F), &matches, &[], TableOptions::default());
        assert_eq!(
            order(&EURO_F, &table),
            ["1 Portugal", "2 Turkey", "3 Georgia", "4 Czech Republic"]
        );
        let points: Vec<i32> = table.rows.iter().map(|r| r.points).collect();
        assert_eq!(points, [6, 6, 4, 1]);
        assert_eq!(
            table.notes[0].kind,
            TieNoteKind::DecidedBy(TieBreaker::HeadToHeadPoints)
        );
        assert_eq!(
            table.render_notes(name_of(&EURO_F)),
            ["Portugal and Turkey are level on points: head-to-head points put them in this order."]
        );
    }

    const CLUBS: [&str; 4] = ["Arsenal", "Burnley", "Chelsea", "Derby"];

    #[test]
    fn premier_league_boundary_tie_and_mid_table_tie_read_differently() {
        // Arsenal and Burnley: 3 points, 1-1 goals each; Arsenal won their meeting.
        let games = [
            "2023-08-12 Arsenal 1-0 Burnley",
            "2023-08-19 Derby 1-0 Arsenal",
            "2023-08-26 Burnley 1-0 Chelsea",
            "2023-09-02 Derby 2-0 Chelsea",
        ];
        let matches: Vec<Match> = games.iter().map(|g| played(&CLUBS, g)).collect();
        let at_stake = competition(RuleSet::PremierLeague, &["champions=1", "champions-league=1-2"]);
        let table = Standings::compute(&at_stake, &ids(&CLUBS), &matches, &[], TableOptions::default());
        assert_eq!(
            order(&CLUBS, &table),
            ["1 Derby", "2 Arsenal", "3 Burnley", "4 Chelsea"]
        );
        let mid_table = competition(RuleSet::PremierLeague, &["champions=1", "relegation=4"]);
        let table = Standings::compute(&mid_table, &ids(&CLUBS), &matches, &[], TableOptions::default());
        assert_eq!(
            order(&CLUBS, &table),
            ["1 Derby", "2 Arsenal=", "2 Burnley=", "4 Chelsea"]
        );
        assert_eq!(
            table.render_notes(name_of(&CLUBS)),
            ["Arsenal and Burnley are level on every tie-breaker and share 2nd place."]
        );
    }

    #[test]
    fn serie_a_title_tie_is_left_to_a_play_off() {
        let games = [
            "2023-08-20 Arsenal 2-0 Burnley",
            "2023-09-20 Burnley 1-0 Arsenal",
            "2023-10-20 Arsenal 1-0 Chelsea",
            "2023-11-20 Burnley 1-0 Chelsea",
        ];
        let matches: Vec<Match> = games.iter().map(|g| played(&CLUBS[..3], g)).collect();
        let comp = competition(RuleSet::SerieA, &["champions=1", "relegation=3"]);
        let table = Standings::compute(&comp, &ids(&CLUBS[..3]), &matches, &[], TableOptions::default());
        assert_eq!(order(&CLUBS, &table), ["1 Arsenal=", "1 Burnley=", "3 Chelsea"]);
        assert_eq!(
            table.render_notes(name_of(&CLUBS)),
            ["Arsenal and Burnley are level for 1st place: if they end the season so, a play-off decides."]
        );
    }

    #[test]
    fn as_of_counts_only_earlier_matches_and_bundesliga_waits_for_both_meetings() {
        let games = [
            "2023-08-19 Arsenal 1-0 Burnley",
            "2023-08-26 Chelsea 1-0 Arsenal",
            "2023-09-02 Burnley 1-0 Derby",
            "2024-02-03 Burnley 1-1 Arsenal",
        ];
        let matches: Vec<Match> = games.iter().map(|g| played(&CLUBS, g)).collect();
        let comp = competition(RuleSet::Bundesliga, &["champions=1"]);
        let early = TableOptions {
            as_of: Some(day("2024-02-01")),
            view: View::Total,
            ..TableOptions::default()
        };
        let table = Standings::compute(&comp, &ids(&CLUBS), &matches, &[], early);
        assert_eq!(
            order(&CLUBS, &table),
            ["1 Chelsea", "2 Arsenal=", "2 Burnley=", "4 Derby"]
        );
        assert_eq!(table.row(TeamId(1)).unwrap().played, 2);
        let table = Standings::compute(&comp, &ids(&CLUBS), &matches, &[], TableOptions::default());
        assert_eq!(
            order(&CLUBS, &table),
            ["1 Arsenal", "2 Burnley", "3 Chelsea", "4 Derby"]
        );
        assert_eq!(table.row(TeamId(1)).unwrap().form_text(), "WLD");
    }

    #[test]
    fn a_provisional_table_counts_the_scores_in_play_and_no_other_does() {
        let mut matches: Vec<Match> = ["2023-08-19 Arsenal 1-0 Burnley", "2023-08-26 Chelsea 2-0 Burnley"]
            .iter()
            .map(|g| played(&CLUBS[..3], g))
            .collect();
        let mut live = played(&CLUBS[..3], "2023-09-02 Burnley 3-0 Arsenal");
        let score = live.status.result().unwrap().final_score();
        live.status = MatchStatus::Live(crate::LiveScore::new(score, crate::Minute::new(60).ok()));
        matches.push(live);
        let comp = competition(RuleSet::PremierLeague, &["champions=1"]);
        let teams = ids(&CLUBS[..3]);
        let final_only = Standings::compute(&comp, &teams, &matches, &[], TableOptions::default());
        assert_eq!(
            order(&CLUBS, &final_only),
            ["1 Chelsea", "2 Arsenal", "3 Burnley"]
        );
        assert_eq!(final_only.row(TeamId(2)).unwrap().played, 2);
        let provisional = TableOptions {
            provisional: true,
            ..TableOptions::default()
        };
        let table = Standings::compute(&comp, &teams, &matches, &[], provisional);
        assert_eq!(order(&CLUBS, &table), ["1 Chelsea", "2 Burnley", "3 Arsenal"]);
        let burnley = table.row(TeamId(2)).unwrap();
        assert_eq!((burnley.played, burnley.points, burnley.goals_for), (3, 3, 3));
        // As of a day before the match, it is not counted even provisionally.
        let earlier = TableOptions {
            as_of: Some(day("2023-09-01")),
            ..provisional
        };
        let table = Standings::compute(&comp, &teams, &matches, &[], earlier);
        assert_eq!(table.row(TeamId(2)).unwrap().played, 2);
    }

    #[test]
    fn home_and_away_views_rank_on_their_own_numbers() {
        let games = [
            "2023-08-19 Arsenal 1-0 Burnley",
            "2023-08-26 Burnley 3-0 Arsenal",
            "2023-09-02 Chelsea 0-2 Arsenal",
            "2023-09-09 Burnley 1-1 Chelsea",
        ];
        let matches: Vec<Match> = games.iter().map(|g| played(&CLUBS[..3], g)).collect();
        let comp = competition(RuleSet::EnglishHistory, &["champions=1"]);
        let view = |view| TableOptions {
            view,
            ..TableOptions::default()
        };
        let teams = ids(&CLUBS[..3]);
        let home = Standings::compute(&comp, &teams, &matches, &[], view(View::Home));
        assert_eq!(order(&CLUBS, &home), ["1 Burnley", "2 Arsenal", "3 Chelsea"]);
        let burnley = home.row(TeamId(2)).unwrap();
        assert_eq!((burnley.played, burnley.points, burnley.goals_for), (2, 4, 4));
        let away = Standings::compute(&comp, &teams, &matches, &[], view(View::Away));
        assert_eq!(order(&CLUBS, &away), ["1 Arsenal", "2 Chelsea", "3 Burnley"]);
        assert_eq!(away.row(TeamId(1)).unwrap().points, 3);
        let total = Standings::compute(&comp, &teams, &matches, &[], view(View::Total));
        assert_eq!(order(&CLUBS, &total), ["1 Arsenal", "2 Burnley", "3 Chelsea"]);
    }

    #[test]
    fn deductions_apply_from_their_date_and_can_be_given_back() {
        let games = [
            "2023-08-19 Arsenal 1-0 Burnley",
            "2023-08-26 Burnley 1-0 Chelsea",
            "2023-09-02 Chelsea 0-0 Arsenal",
        ];
        let matches: Vec<Match> = games.iter().map(|g| played(&CLUBS[..3], g)).collect();
        let deduction = |points, date| Deduction {
            team: TeamId(1),
            points,
            effective: day(date),
            reason: "breach of financial rules".to_string(),
        };
        // Docked 10, then 4 given back on appeal, then 2 more after the table's date.
        let deductions = [
            deduction(10, "2023-11-17"),
            deduction(-4, "2024-02-26"),
            deduction(2, "2024-04-08"),
        ];
        let comp = competition(RuleSet::PremierLeague, &["champions=1"]);
        let teams = ids(&CLUBS[..3]);
        let as_of = |date| TableOptions {
            as_of: Some(day(date)),
            view: View::Total,
            ..TableOptions::default()
        };
        let before = Standings::compute(&comp, &teams, &matches, &deductions, as_of("2023-11-01"));
        assert_eq!(order(&CLUBS, &before), ["1 Arsenal", "2 Burnley", "3 Chelsea"]);
        let docked = Standings::compute(&comp, &teams, &matches, &deductions, as_of("2024-03-01"));
        let arsenal = docked.row(TeamId(1)).unwrap();
        assert_eq!((arsenal.points, arsenal.deducted), (4 - 6, 6));
        assert_eq!(order(&CLUBS, &docked), ["1 Burnley", "2 Chelsea", "3 Arsenal"]);
        let all = Standings::compute(&comp, &teams, &matches, &deductions, TableOptions::default());
        assert_eq!(all.row(TeamId(1)).unwrap().deducted, 8);
        // A home table leaves deductions out: they belong to the season.
        let home = TableOptions {
            as_of: None,
            view: View::Home,
            ..TableOptions::default()
        };
        let home = Standings::compute(&comp, &teams, &matches, &deductions, home);
        assert_eq!(home.row(TeamId(1)).unwrap().deducted, 0);
    }

    const WC_H: [&str; 4] = ["Colombia", "Japan", "Senegal", "Poland"];

    fn world_cup_2018_group_h() -> (Competition, Vec<Match>) {
        let games = [
            "2018-06-19 Colombia 1-2 Japan",
            "2018-06-19 Poland 1-2 Senegal",
            "2018-06-24 Japan 2-2 Senegal",
            "2018-06-24 Poland 0-3 Colombia",
            "2018-06-28 Japan 0-1 Poland",
            "2018-06-28 Senegal 0-1 Colombia",
        ];
        let mut comp = competition(RuleSet::FifaWorldCup2018, &["knockout=1-2"]);
        comp.season = Season::calendar(2018);
        (comp, games.iter().map(|g| played(&WC_H, g)).collect())
    }

    #[test]
    fn world_cup_2018_group_h_names_fair_play_rather_than_a_results_criterion() {
        let (comp, matches) = world_cup_2018_group_h();
        let table = Standings::compute(&comp, &ids(&WC_H), &matches, &[], TableOptions::default());
        assert_eq!(
            order(&WC_H, &table),
            ["1 Colombia", "2 Japan=", "2 Senegal=", "4 Poland"]
        );
        assert_eq!(table.notes.len(), 1);
        assert_eq!(
            table.notes[0].kind,
            TieNoteKind::OffThePitch(crate::OffThePitch::FairPlay)
        );
        let text = table.render_notes(name_of(&WC_H)).join(" ");
        assert!(text.contains("fair play decides"), "{text}");
        assert!(!text.contains("away goals"), "{text}");
    }

    #[test]
    fn a_recorded_fair_play_decision_puts_japan_second() {
        use crate::{Decision, OffThePitch};
        let (comp, matches) = world_cup_2018_group_h();
        let table = Standings::compute(&comp, &ids(&WC_H), &matches, &[], TableOptions::default());
        let regs = comp.regulations();
        let japan_first = Decision::new(
            Some("H".into()),
            vec![TeamId(2), TeamId(3)],
            OffThePitch::FairPlay,
        )
        .unwrap();
        let decided = table.clone().with_decision(&regs, &japan_first).unwrap();
        assert_eq!(
            order(&WC_H, &decided),
            ["1 Colombia", "2 Japan", "3 Senegal", "4 Poland"]
        );
        assert_eq!(
            decided.render_notes(name_of(&WC_H)),
            [
                "Japan and Senegal are level on every criterion the results give: \
              fair play put them in this order (a decision off the pitch)."
            ]
        );
        let all = table
            .clone()
            .with_decisions(&regs, std::slice::from_ref(&japan_first), Some("H"));
        assert_eq!(all, decided);
        let other_group = table.clone().with_decisions(&regs, &[japan_first], Some("G"));
        assert_eq!(other_group, table, "a decision applies to its own group only");
        let senegal_first =
            Decision::new(None, vec![TeamId(3), TeamId(2)], OffThePitch::DrawingOfLots).unwrap();
        assert_eq!(
            order(
                &WC_H,
                &table.clone().with_decision(&regs, &senegal_first).unwrap()
            )[1],
            "2 Senegal"
        );
        // Not level: Colombia and Japan; not the regulations' criterion: the coefficient.
        let not_level = Decision::new(None, vec![TeamId(2), TeamId(1)], OffThePitch::FairPlay).unwrap();
        assert_eq!(
            table.clone().with_decision(&regs, &not_level),
            Err(DecisionError::NotLevel)
        );
        let wrong = Decision::new(None, vec![TeamId(2), TeamId(3)], OffThePitch::Coefficient).unwrap();
        assert_eq!(
            table.with_decision(&regs, &wrong),
            Err(DecisionError::NotInRegulations(OffThePitch::Coefficient))
        );
    }

    #[test]
    fn the_same_group_under_other_presets() {
        let (mut comp, matches) = world_cup_2018_group_h();
        // Head-to-head first (2026) cannot separate them either (2-2): the world ranking would.
        comp.rules = RuleSet::FifaWorldCup2026;
        let table = Standings::compute(&comp, &ids(&WC_H), &matches, &[], TableOptions::default());
        assert_eq!(
            table.notes[0].kind,
            TieNoteKind::OffThePitch(crate::OffThePitch::FairPlay)
        );
        // The club rules go on to away goals, which mean nothing at a tournament: Senegal
        // scored four as the second-named team, Japan two. This is what the table once said.
        comp.rules = RuleSet::UefaClubGroups;
        let table = Standings::compute(&comp, &ids(&WC_H), &matches, &[], TableOptions::default());
        assert_eq!(
            order(&WC_H, &table)[1],
            "2 Senegal",
            "away goals under the club rules"
        );
    }

    #[test]
    fn points_per_game_ranks_a_curtailed_season() {
        // Derby: 5 points from 4; Arsenal: 4 from 3; Burnley: 3 from 1 (the rest never played); Chelsea 1 from 2.
        let games = [
            "2020-01-04 Arsenal 1-0 Chelsea",
            "2020-01-11 Arsenal 0-0 Derby",
            "2020-01-18 Derby 1-0 Arsenal",
            "2020-01-25 Burnley 2-0 Derby",
            "2020-02-01 Chelsea 0-0 Derby",
        ];
        let matches: Vec<Match> = games.iter().map(|g| played(&CLUBS, g)).collect();
        let mut comp = competition(RuleSet::Efl, &["champions=1"]);
        comp.season = Season::starting(2019);
        let total = Standings::compute(&comp, &ids(&CLUBS), &matches, &[], TableOptions::default());
        assert_eq!(order(&CLUBS, &total)[0], "1 Derby");
        comp.rank_by = crate::RankBy::PointsPerGame;
        let ppg = Standings::compute(&comp, &ids(&CLUBS), &matches, &[], TableOptions::default());
        assert_eq!(
            order(&CLUBS, &ppg),
            ["1 Burnley", "2 Arsenal", "3 Derby", "4 Chelsea"],
            "3.00, 1.33, 1.25, 0.50 points per game"
        );
    }

    #[test]
    fn ordinals_read_naturally() {
        let cases = [
            (1, "1st"),
            (2, "2nd"),
            (3, "3rd"),
            (4, "4th"),
            (11, "11th"),
            (12, "12th"),
            (21, "21st"),
        ];
        for (n, text) in cases {
            assert_eq!(ordinal(n), text);
        }
    }
}
