//! A season as plain facts with teams named by text: what a season file
//! holds before its names are resolved to stored teams.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::{
    ClosingOdds, Format, MatchStatus, OffThePitch, PointsScheme, RankBy, RuleSet, Season, Structure, Venue,
    Zone,
};

/// One competition's season as read from a file or about to be written to one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SeasonRecord {
    /// The competition's display name: "Premier League".
    pub competition: String,
    /// The competition's slug, when the file gives one.
    pub slug: Option<String>,
    /// The season.
    pub season: Option<Season>,
    /// The format, when the file says or shows it.
    pub format: Option<Format>,
    /// The tie-break rules, when the file says.
    pub rules: Option<RuleSet>,
    /// Points for win, draw and loss, when the file says.
    pub points: Option<PointsScheme>,
    /// Zones, when the file lists them.
    pub zones: Vec<Zone>,
    /// Whether away goals decide level two-legged ties, when the file says.
    pub away_goals: Option<bool>,
    /// The stages, when the file says.
    pub structure: Option<Structure>,
    /// What ranks first, when the file says.
    pub rank_by: Option<RankBy>,
    /// Teams with their aliases, when the file lists them.
    pub teams: Vec<TeamRecord>,
    /// Point deductions.
    pub deductions: Vec<DeductionRecord>,
    /// Orders decided off the pitch (fair play, lots), with teams named by text.
    #[serde(default)]
    pub decisions: Vec<DecisionRecord>,
    /// Matches, in file order.
    pub matches: Vec<MatchRecord>,
}

/// A team named in a season file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRecord {
    /// The team's name.
    pub name: String,
    /// Other names it goes by.
    pub aliases: Vec<String>,
}

/// A deduction with its team named by text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeductionRecord {
    /// The team's name.
    pub team: String,
    /// Points taken away (negative gives back).
    pub points: i32,
    /// The day it took effect.
    pub effective: NaiveDate,
    /// Why.
    pub reason: String,
}

/// An order decided off the pitch, with its teams named by text (see [`crate::Decision`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRecord {
    /// The group, in a group stage.
    pub group: Option<String>,
    /// The teams, best first.
    pub teams: Vec<String>,
    /// What decided.
    pub by: OffThePitch,
}

/// A match with its teams named by text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchRecord {
    /// The day.
    pub date: NaiveDate,
    /// Kick-off time.
    pub kickoff: Option<NaiveTime>,
    /// The first-named team.
    pub home: String,
    /// The second-named team.
    pub away: String,
    /// Home ground or neutral.
    pub venue: Venue,
    /// Round or matchday label.
    pub round: Option<String>,
    /// Group, in a group stage.
    pub group: Option<String>,
    /// Leg of a two-legged tie.
    pub leg: Option<u8>,
    /// Whether a replay.
    pub replay: bool,
    /// What happened.
    pub status: MatchStatus,
    /// The line of the source file it came from (1-based), for error messages.
    pub line: usize,
    /// The market's closing odds, when the file gives them (football-data.co.uk's do).
    #[serde(default)]
    pub closing_odds: Option<ClosingOdds>,
}

impl MatchRecord {
    /// A league match at the home side's ground, with no round, group or leg, as a
    /// results file of one league row per match gives it.
    pub fn league(
        date: NaiveDate,
        home: String,
        away: String,
        status: MatchStatus,
        line: usize,
    ) -> MatchRecord {
        MatchRecord {
            date,
            kickoff: None,
            home,
            away,
            venue: Venue::Home,
            round: None,
            group: None,
            leg: None,
            replay: false,
            status,
            line,
            closing_odds: None,
        }
    }
}

impl SeasonRecord {
    /// The season as it stood at the end of `day`: later results become
    /// fixtures still to play (with no closing odds: the market had not closed on
    /// them), and later deductions are dropped.
    pub fn as_of(&self, day: NaiveDate) -> SeasonRecord {
        let mut record = self.clone();
        for m in record.matches.iter_mut().filter(|m| m.date > day) {
            if !matches!(m.status, MatchStatus::Cancelled) {
                m.status = MatchStatus::Scheduled;
            }
            m.closing_odds = None;
        }
        record.deductions.retain(|d| d.effective <= day);
        record
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MatchResult;

    #[test]
    fn as_of_turns_later_results_into_fixtures() {
        let day = |d| NaiveDate::from_ymd_opt(2024, 2, d).unwrap();
        let played = MatchStatus::Played("3-1".parse::<MatchResult>().unwrap());
        let game = |d, status| MatchRecord {
            date: day(d),
            kickoff: None,
            home: "Arsenal".into(),
            away: "Liverpool".into(),
            venue: Venue::Home,
            round: None,
            group: None,
            leg: None,
            replay: false,
            status,
            line: 0,
            closing_odds: None,
        };
        let record = SeasonRecord {
            matches: vec![game(1, played), game(4, played), game(5, MatchStatus::Cancelled)],
            deductions: vec![DeductionRecord {
                team: "Everton".into(),
                points: 4,
                effective: day(26),
                reason: String::new(),
            }],
            ..SeasonRecord::default()
        };
        let then = record.as_of(day(2));
        let statuses: Vec<&str> = then.matches.iter().map(|m| m.status.name()).collect();
        assert_eq!(statuses, vec!["played", "scheduled", "cancelled"]);
        assert!(then.deductions.is_empty());
    }
}
