//! A season as plain facts with teams named by text: what a season file
//! holds before its names are resolved to stored teams.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::{Format, MatchStatus, PointsScheme, RuleSet, Season, Venue, Zone};

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
    /// Teams with their aliases, when the file lists them.
    pub teams: Vec<TeamRecord>,
    /// Point deductions.
    pub deductions: Vec<DeductionRecord>,
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
}

impl SeasonRecord {
    /// The season as it stood at the end of `day`: later results become
    /// fixtures still to play, and later deductions are dropped.
    pub fn as_of(&self, day: NaiveDate) -> SeasonRecord {
        let mut record = self.clone();
        for m in record.matches.iter_mut().filter(|m| m.date > day) {
            if !matches!(m.status, MatchStatus::Cancelled) {
                m.status = MatchStatus::Scheduled;
            }
        }
        record.deductions.retain(|d| d.effective <= day);
        record
    }
}

impl RuleSet {
    /// The regulations a competition most likely plays under, from its name and
    /// season (or, without one, a year in the name): tournaments and UEFA's club
    /// competitions changed their rules between editions.
    ///
    /// ```
    /// use matchday_core::{RuleSet, Season};
    /// assert_eq!(RuleSet::guess_from_name("English Premier League 2023/24", None), RuleSet::PremierLeague);
    /// assert_eq!(RuleSet::guess_from_name("Primera División de España", None), RuleSet::LaLiga);
    /// assert_eq!(RuleSet::guess_from_name("World Cup", Some(Season::calendar(2026))), RuleSet::FifaWorldCup2026);
    /// assert_eq!(RuleSet::guess_from_name("Champions League", Some(Season::starting(2023))), RuleSet::UefaClubGroups);
    /// ```
    pub fn guess_from_name(name: &str, season: Option<Season>) -> RuleSet {
        let key = format!(" {} ", crate::normalize_name(name));
        let has = |word: &str| key.contains(word);
        let year = season.map(Season::start_year).or_else(|| year_in(name));
        let from = |first: i32| year.is_some_and(|y| y >= first);
        if has(" world cup ") {
            if from(2026) {
                RuleSet::FifaWorldCup2026
            } else {
                RuleSet::FifaWorldCup2018
            }
        } else if has(" euro ") || has(" european championship") || has(" euros ") {
            RuleSet::UefaEuroFinals
        } else if has("champions league") || has(" europa ") || has("conference league") || has(" uefa cup ")
        {
            if from(2024) {
                RuleSet::UefaLeaguePhase
            } else {
                RuleSet::UefaClubGroups
            }
        } else if has(" scottish ") || has(" premiership ") || has(" spfl ") {
            RuleSet::ScottishPremiership
        } else if has("premier league") {
            RuleSet::PremierLeague
        } else if has(" austria ")
            || (has(" bundesliga ") && (has(" austria") || has(" osterreich") || has(" admiral ")))
        {
            // openfootball names the Austrian Bundesliga after its country: "Austria".
            RuleSet::AustrianBundesliga
        } else if has(" bundesliga ") {
            RuleSet::Bundesliga
        } else if has("primera division") || has(" la liga ") || has(" laliga ") {
            RuleSet::LaLiga
        } else if has(" serie a ") {
            RuleSet::SerieA
        } else if has(" championship ") || has(" league one ") || has(" league two ") || has(" efl ") {
            RuleSet::Efl
        } else {
            RuleSet::EnglishHistory
        }
    }
}

/// A four-digit year in a name ("World Cup 2018", "Euro 2020"), if there is one.
fn year_in(name: &str) -> Option<i32> {
    name.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .find(|y| (1850..=2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MatchResult;

    #[test]
    fn known_competitions_get_their_preset_from_name_and_edition() {
        let guess = |name, season: Option<Season>| RuleSet::guess_from_name(name, season);
        let cal = |y| Some(Season::calendar(y));
        let club = |y| Some(Season::starting(y));
        assert_eq!(guess("World Cup", cal(2018)), RuleSet::FifaWorldCup2018);
        assert_eq!(guess("World Cup", cal(2022)), RuleSet::FifaWorldCup2018);
        assert_eq!(guess("World Cup 2026", None), RuleSet::FifaWorldCup2026);
        assert_eq!(guess("Euro", cal(2024)), RuleSet::UefaEuroFinals);
        assert_eq!(
            guess("UEFA European Championship", cal(2021)),
            RuleSet::UefaEuroFinals
        );
        assert_eq!(guess("Champions League", club(2024)), RuleSet::UefaLeaguePhase);
        assert_eq!(guess("Europa League", club(2023)), RuleSet::UefaClubGroups);
        assert_eq!(guess("Conference League 2025/26", None), RuleSet::UefaLeaguePhase);
        assert_eq!(guess("Premier League", club(2023)), RuleSet::PremierLeague);
        assert_eq!(
            guess("Scottish Premiership", club(2023)),
            RuleSet::ScottishPremiership
        );
        assert_eq!(
            guess("Österreichische Bundesliga", club(2024)),
            RuleSet::AustrianBundesliga
        );
        assert_eq!(guess("Austria", club(2024)), RuleSet::AustrianBundesliga);
        assert_eq!(guess("Bundesliga", club(2023)), RuleSet::Bundesliga);
        assert_eq!(guess("Serie A", club(2023)), RuleSet::SerieA);
        assert_eq!(guess("League One", club(2019)), RuleSet::Efl);
        assert_eq!(guess("EFL Championship", club(2023)), RuleSet::Efl);
        assert_eq!(guess("First Division", club(1970)), RuleSet::EnglishHistory);
    }

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
