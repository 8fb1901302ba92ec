//! League standings computed from matches, with each competition's tie-breakers.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Competition, Deduction, Match, TeamId};

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

/// A league table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standings {
    /// Rows in table order.
    pub rows: Vec<Row>,
    /// What the tie-breakers decided or could not decide, for a note under the table.
    pub notes: Vec<String>,
}

impl Standings {
    /// Draws up the table of `teams` from `matches` and `deductions` under the competition's rules.
    ///
    /// Teams with no match counted still appear, on zero. Matches involving a
    /// team outside `teams` are ignored, so a group table is drawn from the
    /// whole competition's matches by passing the group's teams.
    pub fn compute(
        competition: &Competition,
        teams: &[TeamId],
        matches: &[Match],
        deductions: &[Deduction],
        options: TableOptions,
    ) -> Standings {
        let mut rows: Vec<Row> = teams.iter().map(|&team| Row::empty(team)).collect();
        let index: HashMap<TeamId, usize> = teams.iter().enumerate().map(|(i, &t)| (t, i)).collect();
        let mut counted: Vec<&Match> = matches
            .iter()
            .filter(|m| m.result_as_of(options.as_of).is_some())
            .filter(|m| index.contains_key(&m.pairing.home()) && index.contains_key(&m.pairing.away()))
            .collect();
        counted.sort_by_key(|m| (m.date, m.kickoff));
        let points = competition.points;
        for m in &counted {
            let score = m.result_as_of(options.as_of).expect("filtered").score();
            let sides = [
                (m.pairing.home(), score.home(), score.away(), View::Home),
                (m.pairing.away(), score.away(), score.home(), View::Away),
            ];
            for (team, scored, conceded, side) in sides {
                if options.view != View::Total && options.view != side {
                    continue;
                }
                let row = &mut rows[index[&team]];
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
                }
            }
        }
        for row in &mut rows {
            let keep = row.form.len().saturating_sub(5);
            row.form.drain(..keep);
        }
        let mut notes = Vec::new();
        order(&mut rows, &mut notes);
        Standings { rows, notes }
    }

    /// The row of `team`, if it is in the table.
    pub fn row(&self, team: TeamId) -> Option<&Row> {
        self.rows.iter().find(|r| r.team == team)
    }
}

impl Row {
    fn empty(team: TeamId) -> Row {
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

/// Orders by points, goal difference and goals scored; teams level on all three share a place.
fn order(rows: &mut [Row], _notes: &mut Vec<String>) {
    let key = |r: &Row| {
        (
            std::cmp::Reverse(r.points),
            std::cmp::Reverse(r.goal_difference()),
            std::cmp::Reverse(r.goals_for),
        )
    };
    rows.sort_by_key(|r| (key(r), r.team));
    let mut i = 0;
    while i < rows.len() {
        let mut j = i + 1;
        while j < rows.len() && key(&rows[j]) == key(&rows[i]) {
            j += 1;
        }
        for row in &mut rows[i..j] {
            row.position = (i + 1) as u16;
            row.shared = j - i > 1;
        }
        i = j;
    }
}
