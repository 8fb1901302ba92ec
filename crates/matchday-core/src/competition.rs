//! Competitions: their format, points, tie-break rules and zones.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Error, RankBy, Regulations, Season, Structure};

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

/// A named preset of published regulations (see [`RuleSet::regulations`] and `docs/regulations.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleSet {
    /// Premier League: goal difference, goals; head-to-head only where the title, Europe or relegation is at stake.
    PremierLeague,
    /// English Football League: goal difference, goals, then head-to-head; play-offs at zone boundaries.
    Efl,
    /// UEFA club group stage, to 2023-24: head-to-head first, re-applied, then overall.
    #[serde(alias = "uefa-group")]
    UefaClubGroups,
    /// UEFA league phase, from 2024-25: one table, no head-to-head.
    UefaLeaguePhase,
    /// UEFA European Championship finals: head-to-head, overall, wins, disciplinary points.
    UefaEuroFinals,
    /// FIFA World Cup 2018 and 2022: overall goal difference and goals before head-to-head.
    FifaWorldCup2018,
    /// FIFA World Cup 2026: head-to-head first.
    FifaWorldCup2026,
    /// La Liga: head-to-head (two teams) or a mini-league (more), then overall.
    LaLiga,
    /// Serie A from 2022-23: head-to-head first; title and last safe place go to a play-off.
    SerieA,
    /// Bundesliga: goal difference, goals, then head-to-head once both meetings are played.
    Bundesliga,
    /// Austrian Bundesliga: head-to-head first from 2021-22.
    AustrianBundesliga,
    /// Scottish Premiership: goal difference, goals, then a play-off where it matters.
    ScottishPremiership,
    /// English league history: 2 points for a win until 1980-81, goal average until 1975-76.
    #[serde(alias = "classic")]
    EnglishHistory,
    /// The Football League below the Premier League, 1992-93 to 2003-04: goals
    /// scored before goal difference until 1998-99, otherwise as English history.
    FootballLeague1992,
    /// German league history (Bundesliga from 1963-64, 2. Bundesliga): 2 points for a
    /// win until 1994-95, goal quotient until 1968-69, then goal difference and goals.
    GermanHistory,
    /// Spanish league history (Primera División from 1928-29): head-to-head first, as
    /// La Liga today; 2 points for a win until 1994-95.
    SpanishHistory,
    /// Curtailed seasons: points per game, goal difference, goals.
    PointsPerGame,
    /// Ligue 1 (LFP regulations, art. 518 ter, 2023-24): goal difference, then
    /// head-to-head points, goal difference, goals and away goals, then goals scored.
    Ligue1,
    /// The FA Women's Super League: goal difference, goals scored, wins, then
    /// head-to-head, then a play-off where it decides a zone.
    WomensSuperLeague,
    /// The plain default for a competition the catalogue does not know: three
    /// points for a win; points, goal difference, goals scored.
    Plain,
}

impl RuleSet {
    /// Every rule set, in the order the help lists them.
    pub const ALL: [RuleSet; 20] = [
        RuleSet::PremierLeague,
        RuleSet::Efl,
        RuleSet::UefaClubGroups,
        RuleSet::UefaLeaguePhase,
        RuleSet::UefaEuroFinals,
        RuleSet::FifaWorldCup2018,
        RuleSet::FifaWorldCup2026,
        RuleSet::LaLiga,
        RuleSet::SerieA,
        RuleSet::Bundesliga,
        RuleSet::AustrianBundesliga,
        RuleSet::ScottishPremiership,
        RuleSet::EnglishHistory,
        RuleSet::FootballLeague1992,
        RuleSet::GermanHistory,
        RuleSet::SpanishHistory,
        RuleSet::PointsPerGame,
        RuleSet::Ligue1,
        RuleSet::WomensSuperLeague,
        RuleSet::Plain,
    ];

    /// The name used on the command line and in files.
    pub fn name(self) -> &'static str {
        match self {
            RuleSet::PremierLeague => "premier-league",
            RuleSet::Efl => "efl",
            RuleSet::UefaClubGroups => "uefa-club-groups",
            RuleSet::UefaLeaguePhase => "uefa-league-phase",
            RuleSet::UefaEuroFinals => "uefa-euro-finals",
            RuleSet::FifaWorldCup2018 => "fifa-world-cup-2018",
            RuleSet::FifaWorldCup2026 => "fifa-world-cup-2026",
            RuleSet::LaLiga => "la-liga",
            RuleSet::SerieA => "serie-a",
            RuleSet::Bundesliga => "bundesliga",
            RuleSet::AustrianBundesliga => "austrian-bundesliga",
            RuleSet::ScottishPremiership => "scottish-premiership",
            RuleSet::EnglishHistory => "english-history",
            RuleSet::FootballLeague1992 => "football-league-1992",
            RuleSet::GermanHistory => "german-history",
            RuleSet::SpanishHistory => "spanish-history",
            RuleSet::PointsPerGame => "points-per-game",
            RuleSet::Ligue1 => "ligue-1",
            RuleSet::WomensSuperLeague => "womens-super-league",
            RuleSet::Plain => "plain",
        }
    }

    /// Every name, comma-separated, for help and errors.
    pub fn names() -> String {
        RuleSet::ALL.map(RuleSet::name).join(", ")
    }
}

impl fmt::Display for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for RuleSet {
    type Err = Error;
    /// Reads a preset name; the names of earlier matchday versions still read
    /// (`uefa-group`, `classic`), as stored databases and season files hold them.
    fn from_str(text: &str) -> Result<RuleSet, Error> {
        let wanted = text.trim().to_ascii_lowercase();
        match wanted.as_str() {
            "uefa-group" => return Ok(RuleSet::UefaClubGroups),
            "classic" => return Ok(RuleSet::EnglishHistory),
            _ => {}
        }
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

    /// Whether the zone sends a club down, or to a play-off against going down: its
    /// name says relegation, as the catalogue names such zones. Every other zone (the
    /// title, a place in a later round or in another competition) is a way on,
    /// wherever it lies in the table: a Europa League group's third place goes on
    /// to the Conference League.
    ///
    /// ```
    /// use matchday_core::Zone;
    /// let zone = |text: &str| text.parse::<Zone>().unwrap();
    /// assert!(zone("relegation=18-20").is_relegation());
    /// assert!(zone("relegation-play-off=16").is_relegation());
    /// assert!(!zone("conference-league=3").is_relegation());
    /// ```
    pub fn is_relegation(&self) -> bool {
        self.name.contains("relegation")
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
    /// What ranks first: points, or points per game for a curtailed season.
    #[serde(default)]
    pub rank_by: RankBy,
}

impl Competition {
    /// Gives the competition `structure`, and the format it is played in.
    pub fn set_structure(&mut self, structure: Structure) {
        self.format = structure.format();
        self.structure = structure;
    }

    /// The regulations its tables are ranked by: the preset for its season, with
    /// the stored points scheme and ranking measure.
    pub fn regulations(&self) -> Regulations {
        self.rules
            .regulations(self.season)
            .with_points(self.points)
            .with_rank_by(self.rank_by)
    }

    /// The slug for a display name: plain ASCII (accents and other scripts
    /// transliterated, so it can be typed on any keyboard), lower case, words
    /// joined by '-'. The slug of a slug is itself, so a slug stored before
    /// slugs were ASCII reads as its ASCII form.
    pub fn slug_for(name: &str) -> String {
        let mut slug = String::new();
        for c in deunicode::deunicode(name).chars() {
            if c.is_ascii_alphanumeric() {
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
        assert_eq!("uefa-group".parse::<RuleSet>().unwrap(), RuleSet::UefaClubGroups);
        assert_eq!("classic".parse::<RuleSet>().unwrap(), RuleSet::EnglishHistory);
        let old: RuleSet = serde_json::from_str("\"uefa-group\"").unwrap();
        assert_eq!(old, RuleSet::UefaClubGroups);
        assert_eq!("2-1-0".parse::<PointsScheme>().unwrap(), PointsScheme::TWO);
        assert_eq!(
            Competition::slug_for("English Premier League 2023/24"),
            "english-premier-league-2023-24"
        );
    }

    #[test]
    fn slugs_are_plain_ascii() {
        for (name, slug) in [
            ("Primera División de España", "primera-division-de-espana"),
            ("2. Bundesliga", "2-bundesliga"),
            ("Süper Lig", "super-lig"),
            ("Ekstraklasa (Łódź)", "ekstraklasa-lodz"),
            ("Coupe de France — Finale", "coupe-de-france-finale"),
            ("  Ligue 1  ", "ligue-1"),
        ] {
            assert_eq!(Competition::slug_for(name), slug, "{name}");
            assert!(slug.is_ascii());
        }
        // A slug stored before slugs were ASCII reads as today's slug.
        assert_eq!(
            Competition::slug_for("primera-división-de-españa"),
            "primera-division-de-espana"
        );
    }

    proptest::proptest! {
        #[test]
        fn a_slug_is_ascii_and_its_own_slug(name in "\\PC{0,30}") {
            let slug = Competition::slug_for(&name);
            proptest::prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            proptest::prop_assert_eq!(Competition::slug_for(&slug), slug.clone());
        }
    }
}
