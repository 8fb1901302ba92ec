//! Competitions: their format, points, tie-break rules and zones.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Error, Season, Structure};

/// A competition's identity (one competition in one season), handed out by the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CompetitionId(pub i64);

/// How a competition is played.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Everyone plays everyone; a table decides.
    League,
    /// Knockout ties from the first round to the final.
    Knockout,
    /// Groups first, then knockout ties.
    GroupsKnockout,
}

impl Format {
    /// The name used on the command line and in files.
    pub fn name(self) -> &'static str {
        match self {
            Format::League => "league",
            Format::Knockout => "knockout",
            Format::GroupsKnockout => "groups-knockout",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(text: &str) -> Result<Format, Error> {
        match text.trim().to_ascii_lowercase().as_str() {
            "league" => Ok(Format::League),
            "knockout" | "cup" => Ok(Format::Knockout),
            "groups-knockout" | "groups" => Ok(Format::GroupsKnockout),
            _ => Err(Error::BadFormat(text.to_string())),
        }
    }
}

/// Which published regulations order teams level on points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleSet {
    /// Premier League: goal difference, goals; head-to-head only where a zone boundary is at stake.
    PremierLeague,
    /// UEFA group stage: head-to-head first, re-applied, then overall.
    UefaGroup,
    /// La Liga: head-to-head (two teams) or a mini-league (more), then overall.
    LaLiga,
    /// Serie A from 2022-23: head-to-head first; a title tie goes to a play-off.
    SerieA,
    /// Bundesliga: goal difference, goals, then head-to-head once both meetings are played.
    Bundesliga,
    /// Points, goal difference, goals; still level teams share a place. For history.
    Classic,
}

impl RuleSet {
    /// Every rule set, in the order the help lists them.
    pub const ALL: [RuleSet; 6] = [
        RuleSet::PremierLeague,
        RuleSet::UefaGroup,
        RuleSet::LaLiga,
        RuleSet::SerieA,
        RuleSet::Bundesliga,
        RuleSet::Classic,
    ];

    /// The name used on the command line and in files.
    pub fn name(self) -> &'static str {
        match self {
            RuleSet::PremierLeague => "premier-league",
            RuleSet::UefaGroup => "uefa-group",
            RuleSet::LaLiga => "la-liga",
            RuleSet::SerieA => "serie-a",
            RuleSet::Bundesliga => "bundesliga",
            RuleSet::Classic => "classic",
        }
    }
}

impl fmt::Display for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for RuleSet {
    type Err = Error;
    fn from_str(text: &str) -> Result<RuleSet, Error> {
        let wanted = text.trim().to_ascii_lowercase();
        RuleSet::ALL
            .into_iter()
            .find(|r| r.name() == wanted)
            .ok_or_else(|| Error::BadRules(text.to_string()))
    }
}

/// Points for a win, a draw and a defeat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PointsScheme {
    /// Points for a win.
    pub win: u8,
    /// Points for a draw.
    pub draw: u8,
    /// Points for a defeat.
    pub loss: u8,
}

impl PointsScheme {
    /// Three points for a win, as since 1981 in England and 1995 elsewhere.
    pub const THREE: PointsScheme = PointsScheme {
        win: 3,
        draw: 1,
        loss: 0,
    };
    /// Two points for a win, as in history.
    pub const TWO: PointsScheme = PointsScheme {
        win: 2,
        draw: 1,
        loss: 0,
    };
}

impl Default for PointsScheme {
    fn default() -> Self {
        PointsScheme::THREE
    }
}

impl fmt::Display for PointsScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{}", self.win, self.draw, self.loss)
    }
}

impl FromStr for PointsScheme {
    type Err = Error;
    fn from_str(text: &str) -> Result<PointsScheme, Error> {
        let bad = || Error::BadRules(format!("points {text}"));
        let parts: Vec<u8> = text
            .split('-')
            .map(|p| p.trim().parse::<u8>())
            .collect::<Result<_, _>>()
            .map_err(|_| bad())?;
        match parts.as_slice() {
            [win, draw, loss] if win >= draw && draw >= loss => Ok(PointsScheme {
                win: *win,
                draw: *draw,
                loss: *loss,
            }),
            _ => Err(bad()),
        }
    }
}

/// A named band of final positions, such as the Champions League places (1-4).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Zone {
    /// The zone's name: "champions", "champions-league", "relegation".
    pub name: String,
    /// The first position in the zone (1-based).
    pub first: u16,
    /// The last position in the zone.
    pub last: u16,
}

impl Zone {
    /// Whether `position` lies in the zone.
    pub fn contains(&self, position: u16) -> bool {
        self.first <= position && position <= self.last
    }

    /// The usual zones of a league of `teams` clubs under `rules`.
    pub fn defaults_for(rules: RuleSet, teams: u16) -> Vec<Zone> {
        let z = |name: &str, first: u16, last: u16| Zone {
            name: name.to_string(),
            first,
            last,
        };
        match rules {
            RuleSet::UefaGroup => vec![z("knockout", 1, 2), z("third-place", 3, 3)],
            _ if teams < 8 => vec![z("champions", 1, 1)],
            RuleSet::Bundesliga => vec![
                z("champions", 1, 1),
                z("champions-league", 1, 4),
                z("relegation-play-off", teams - 2, teams - 2),
                z("relegation", teams - 1, teams),
            ],
            RuleSet::PremierLeague | RuleSet::LaLiga | RuleSet::SerieA => vec![
                z("champions", 1, 1),
                z("champions-league", 1, 4),
                z("relegation", teams - 2, teams),
            ],
            RuleSet::Classic => vec![z("champions", 1, 1)],
        }
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}={}", self.name, self.first)
        } else {
            write!(f, "{}={}-{}", self.name, self.first, self.last)
        }
    }
}

impl FromStr for Zone {
    type Err = Error;
    /// Reads `champions-league=1-4` or `champions=1`.
    fn from_str(text: &str) -> Result<Zone, Error> {
        let bad = || Error::BadZone(text.to_string());
        let (name, range) = text.split_once('=').ok_or_else(bad)?;
        let name = name.trim();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(bad());
        }
        let num = |s: &str| s.trim().parse::<u16>().ok().filter(|n| *n >= 1).ok_or_else(bad);
        let (first, last) = match range.split_once('-') {
            Some((a, b)) => (num(a)?, num(b)?),
            None => (num(range)?, num(range)?),
        };
        if first > last {
            return Err(bad());
        }
        Ok(Zone {
            name: name.to_ascii_lowercase(),
            first,
            last,
        })
    }
}

/// One competition in one season, with its rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Competition {
    /// Identity, once stored.
    pub id: Option<CompetitionId>,
    /// Short stable name for the command line: "premier-league".
    pub slug: String,
    /// Display name: "Premier League".
    pub name: String,
    /// The season.
    pub season: Season,
    /// League, knockout, or groups then knockout; always `structure.format()`
    /// (kept as a field for the code that only asks this).
    pub format: Format,
    /// The stages of the season and who goes on from each.
    pub structure: Structure,
    /// Tie-break regulations for tables.
    pub rules: RuleSet,
    /// Points for results.
    pub points: PointsScheme,
    /// Named bands of positions.
    pub zones: Vec<Zone>,
    /// Whether away goals decide a level two-legged tie (UEFA dropped it from 2021-22).
    pub away_goals: bool,
}

impl Competition {
    /// Gives the competition `structure`, and the format it is played in.
    pub fn set_structure(&mut self, structure: Structure) {
        self.format = structure.format();
        self.structure = structure;
    }

    /// The slug for a display name: lower case, words joined by '-'.
    pub fn slug_for(name: &str) -> String {
        let mut slug = String::new();
        for c in name.chars() {
            if c.is_alphanumeric() {
                slug.extend(c.to_lowercase());
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        slug.trim_end_matches('-').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_read_and_print() {
        let z: Zone = "champions-league=1-4".parse().unwrap();
        assert_eq!((z.first, z.last), (1, 4));
        assert_eq!(z.to_string(), "champions-league=1-4");
        assert_eq!("champions=1".parse::<Zone>().unwrap().to_string(), "champions=1");
        for bad in ["x", "a=0-2", "a=4-1", "=1-2", "a b=1"] {
            assert!(bad.parse::<Zone>().is_err(), "{bad}");
        }
    }

    #[test]
    fn names_round_trip() {
        for r in RuleSet::ALL {
            assert_eq!(r.name().parse::<RuleSet>().unwrap(), r);
        }
        assert!("fifa".parse::<RuleSet>().is_err());
        assert_eq!("2-1-0".parse::<PointsScheme>().unwrap(), PointsScheme::TWO);
        assert_eq!(
            Competition::slug_for("English Premier League 2023/24"),
            "english-premier-league-2023-24"
        );
    }
}
