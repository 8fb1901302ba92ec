//! The names English competitions had in each era, as data: one row per
//! era, so a renaming is one new row and its test, not a new branch.
//!
//! Checked against the published record: the Football League's single
//! division (1888-89 to 1891-92) became the First Division when the Second
//! was added in 1892-93; the Third Division (1920-21) split into North and
//! South from 1921-22 to 1957-58, when the Fourth Division was formed; the
//! Premier League took the top tier from 1992-93, the Football League's
//! divisions moving up a name (First Division for tier 2 and so on) until
//! the Championship, League One and League Two of 2004-05. The fifth tier was
//! the Alliance Premier League from 1979-80, the Football Conference from
//! 1986-87, Conference National from 2004-05 (when North and South were
//! added beneath it), Conference Premier from 2007-08 and the National League
//! from 2015-16.

use matchday_core::RuleSet;

/// A competition's name (and regulations) over a run of seasons, by the year each started.
struct Era {
    /// The division as engsoccerdata's `division` column writes it.
    division: &'static str,
    /// The tier of the English pyramid.
    tier: u8,
    first: i32,
    last: i32,
    name: &'static str,
    /// How its tables were ranked: the Football League below the Premier
    /// League ranked goals scored before goal difference from 1992-93 to 1998-99.
    rules: RuleSet,
}

const LATEST: i32 = i32::MAX;

const fn era(division: &'static str, tier: u8, first: i32, last: i32, name: &'static str) -> Era {
    Era {
        division,
        tier,
        first,
        last,
        name,
        rules: RuleSet::EnglishHistory,
    }
}

/// An era of the Football League below the Premier League (1992-93 to 2003-04).
const fn football_league(division: &'static str, tier: u8, name: &'static str) -> Era {
    Era {
        rules: RuleSet::FootballLeague1992,
        ..era(division, tier, 1992, 2003, name)
    }
}

/// English league divisions by era.
const LEAGUES: [Era; 20] = [
    era("1", 1, 1888, 1891, "Football League"),
    era("1", 1, 1892, 1991, "First Division"),
    era("1", 1, 1992, LATEST, "Premier League"),
    era("2", 2, 1892, 1991, "Second Division"),
    football_league("2", 2, "First Division"),
    era("2", 2, 2004, LATEST, "Championship"),
    era("3", 3, 1920, 1920, "Third Division"),
    era("3N", 3, 1921, 1957, "Third Division North"),
    era("3S", 3, 1921, 1957, "Third Division South"),
    era("3", 3, 1958, 1991, "Third Division"),
    football_league("3", 3, "Second Division"),
    era("3", 3, 2004, LATEST, "League One"),
    era("4", 4, 1958, 1991, "Fourth Division"),
    football_league("4", 4, "Third Division"),
    era("4", 4, 2004, LATEST, "League Two"),
    era("conference", 5, 1979, 1985, "Alliance Premier League"),
    era("conference", 5, 1986, 2003, "Football Conference"),
    era("conference", 5, 2004, 2006, "Conference National"),
    era("conference", 5, 2007, 2014, "Conference Premier"),
    era("conference", 5, 2015, LATEST, "National League"),
];

/// The European Cup by era: renamed the Champions League from 1992-93.
const EUROPEAN_CUP: [(i32, i32, &str); 2] =
    [(1955, 1991, "European Cup"), (1992, LATEST, "Champions League")];

/// The name of engsoccerdata's `division` in the season starting in `start`,
/// the tier it was and its regulations: `("First Division", 1, EnglishHistory)`
/// for division "1" in 1970.
pub(crate) fn league(division: &str, start: i32) -> Option<(&'static str, u8, RuleSet)> {
    LEAGUES
        .iter()
        .find(|e| e.division == division && (e.first..=e.last).contains(&start))
        .map(|e| (e.name, e.tier, e.rules))
}

/// The regulations of the league named `name` in tier `tier` in the season starting in `start`.
pub(crate) fn rules_of(tier: u8, start: i32, name: &str) -> RuleSet {
    LEAGUES
        .iter()
        .find(|e| e.tier == tier && e.name == name && (e.first..=e.last).contains(&start))
        .map_or(RuleSet::EnglishHistory, |e| e.rules)
}

/// How a tier's league was named in a season, for files that give only the
/// tier: the name, or the names when the tier was split (North and South).
pub(crate) fn tier(tier: u8, start: i32) -> Vec<&'static str> {
    LEAGUES
        .iter()
        .filter(|e| e.tier == tier && (e.first..=e.last).contains(&start))
        .map(|e| e.name)
        .collect()
}

/// The European Cup's name in the season starting in `start`.
pub(crate) fn european_cup(start: i32) -> &'static str {
    EUROPEAN_CUP
        .iter()
        .find(|(first, last, _)| (*first..=*last).contains(&start))
        .map_or(EUROPEAN_CUP[0].2, |(_, _, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_tier_has_its_name_of_the_day() {
        let name = |division, year| league(division, year).map(|(n, _, _)| n);
        assert_eq!(name("1", 1888), Some("Football League"));
        assert_eq!(name("1", 1891), Some("Football League"));
        assert_eq!(name("1", 1892), Some("First Division"));
        assert_eq!(name("1", 1991), Some("First Division"));
        assert_eq!(name("1", 1992), Some("Premier League"));
        assert_eq!(name("2", 1991), Some("Second Division"));
        assert_eq!(name("2", 1992), Some("First Division"));
        assert_eq!(name("2", 2003), Some("First Division"));
        assert_eq!(name("2", 2004), Some("Championship"));
        assert_eq!(name("3", 1920), Some("Third Division"));
        assert_eq!(name("3N", 1921), Some("Third Division North"));
        assert_eq!(name("3S", 1957), Some("Third Division South"));
        assert_eq!(name("3", 1958), Some("Third Division"));
        assert_eq!(name("3", 1992), Some("Second Division"));
        assert_eq!(name("3", 2004), Some("League One"));
        assert_eq!(name("4", 1958), Some("Fourth Division"));
        assert_eq!(name("4", 1992), Some("Third Division"));
        assert_eq!(name("4", 2024), Some("League Two"));
        assert_eq!(name("conference", 1979), Some("Alliance Premier League"));
        assert_eq!(name("conference", 1986), Some("Football Conference"));
        assert_eq!(name("conference", 2004), Some("Conference National"));
        assert_eq!(name("conference", 2007), Some("Conference Premier"));
        assert_eq!(name("conference", 2015), Some("National League"));
        // Seasons a division did not exist in have no name.
        assert_eq!(name("2", 1888), None);
        assert_eq!(name("3", 1930), None);
        assert_eq!(name("4", 1957), None);
        assert_eq!(name("5", 2000), None);
        assert_eq!(tier(3, 1930), ["Third Division North", "Third Division South"]);
        assert_eq!(tier(2, 2010), ["Championship"]);
        let rules = |division, year| league(division, year).map(|(_, _, r)| r);
        assert_eq!(rules("1", 1995), Some(RuleSet::EnglishHistory));
        assert_eq!(rules("2", 1995), Some(RuleSet::FootballLeague1992));
        assert_eq!(rules("4", 2003), Some(RuleSet::FootballLeague1992));
        assert_eq!(rules("3", 2004), Some(RuleSet::EnglishHistory));
        assert_eq!(rules_of(2, 1995, "First Division"), RuleSet::FootballLeague1992);
        assert_eq!(european_cup(1983), "European Cup");
        assert_eq!(european_cup(1992), "Champions League");
    }

    #[test]
    fn eras_neither_overlap_nor_leave_a_tier_unnamed() {
        for (i, e) in LEAGUES.iter().enumerate() {
            assert!(e.first <= e.last, "{}", e.name);
            for later in LEAGUES[i + 1..].iter().filter(|n| n.division == e.division) {
                assert!(later.first > e.last, "{} and {} overlap", e.name, later.name);
            }
        }
        for (tier_number, first) in [(1, 1888), (2, 1892), (3, 1920), (4, 1958), (5, 1979)] {
            for year in first..2030 {
                assert!(
                    !tier(tier_number, year).is_empty(),
                    "tier {tier_number} in {year}"
                );
            }
        }
    }
}
