//! engsoccerdata's files of other countries' leagues, as data: for the countries
//! matchday reads, the names their leagues had in each era with the regulations of
//! the day, one row per era; for the ones it does not, how to tell their files apart
//! from `england.csv`, so that they are refused naming their layout.
//!
//! Checked against the published record. Germany: the Bundesliga from 1963-64; the
//! 2. Bundesliga in a North and a South division from 1974-75 to 1980-81, one
//! division from 1981-82, North and South again for 1991-92 (the clubs of the former
//! East Germany joining), one division from 1992-93. Spain: the Primera División from
//! 1928-29 (none in 1936-37 to 1938-39, the civil war), the Segunda División from
//! 1929-30. Their regulations are `german-history` and `spanish-history` (two points
//! for a win until 1994-95 in both; see `docs/regulations.md` for the sources).

use matchday_core::RuleSet;

/// A league's name and regulations over a run of seasons, by the year each started.
pub(crate) struct Era {
    /// The division as the file writes it: `division` in `germany.csv`, `tier` in `spain.csv`.
    pub(crate) division: &'static str,
    /// The tier of the country's pyramid.
    pub(crate) tier: u8,
    pub(crate) first: i32,
    pub(crate) last: i32,
    pub(crate) name: &'static str,
    pub(crate) rules: RuleSet,
}

/// A country whose engsoccerdata file matchday reads.
pub(crate) struct Country {
    /// "German", for messages: "no German league was that division".
    pub(crate) adjective: &'static str,
    /// Its leagues by era.
    pub(crate) eras: &'static [Era],
}

const LATEST: i32 = i32::MAX;

const fn era(
    division: &'static str,
    tier: u8,
    first: i32,
    last: i32,
    name: &'static str,
    rules: RuleSet,
) -> Era {
    Era {
        division,
        tier,
        first,
        last,
        name,
        rules,
    }
}

const fn german(division: &'static str, tier: u8, first: i32, last: i32, name: &'static str) -> Era {
    era(division, tier, first, last, name, RuleSet::GermanHistory)
}

const fn spanish(division: &'static str, tier: u8, first: i32, name: &'static str) -> Era {
    era(division, tier, first, LATEST, name, RuleSet::SpanishHistory)
}

/// `germany.csv` (and `germany2.csv`, its second tier alone).
pub(crate) const GERMANY: Country = Country {
    adjective: "German",
    eras: &[
        german("1", 1, 1963, LATEST, "Bundesliga"),
        german("2North", 2, 1974, 1980, "2. Bundesliga Nord"),
        german("2South", 2, 1974, 1980, "2. Bundesliga Süd"),
        german("2", 2, 1981, 1990, "2. Bundesliga"),
        german("2North", 2, 1991, 1991, "2. Bundesliga Nord"),
        german("2South", 2, 1991, 1991, "2. Bundesliga Süd"),
        german("2", 2, 1992, LATEST, "2. Bundesliga"),
    ],
};

/// `spain.csv`, whose only division column is the tier.
pub(crate) const SPAIN: Country = Country {
    adjective: "Spanish",
    eras: &[
        spanish("1", 1, 1928, "Primera División"),
        spanish("2", 2, 1929, "Segunda División"),
    ],
};

impl Country {
    /// The name of `division` in the season starting in `start`, the tier it was and
    /// its regulations: `("Bundesliga", 1, GermanHistory)` for Germany's "1" in 1985.
    pub(crate) fn league(&self, division: &str, start: i32) -> Option<(&'static str, u8, RuleSet)> {
        self.eras
            .iter()
            .find(|e| e.division == division && (e.first..=e.last).contains(&start))
            .map(|e| (e.name, e.tier, e.rules))
    }
}

/// An engsoccerdata country file matchday does not read, and how to know it.
pub(crate) struct Unread {
    /// Its file name.
    pub(crate) file: &'static str,
    /// Its leagues, in a few words.
    pub(crate) leagues: &'static str,
    /// Its whole header, in order, when that alone tells it apart.
    pub(crate) header: Option<&'static [&'static str]>,
    /// Division codes of its rows that no English file has, when its header is
    /// `england.csv`'s own.
    pub(crate) divisions: &'static [&'static str],
}

/// The country files of engsoccerdata (jalapic/engsoccerdata, `data-raw/`) that
/// matchday does not read. Six share `england.csv`'s header and differ only in their
/// division codes (football-data.co.uk's: `SC0`, `B1`...); `france.csv` writes "1"
/// until 2015-16 and `F1` after, so only its later rows tell it apart.
pub(crate) const UNREAD: [Unread; 8] = [
    Unread {
        file: "scotland.csv",
        leagues: "Scottish leagues",
        header: None,
        divisions: &["SC0", "SC1", "SC2", "SC3", "SCO"],
    },
    Unread {
        file: "france.csv",
        leagues: "French Division 1 and Ligue 1",
        header: None,
        divisions: &["F1"],
    },
    Unread {
        file: "belgium.csv",
        leagues: "Belgian First Division",
        header: None,
        divisions: &["B1"],
    },
    Unread {
        file: "greece.csv",
        leagues: "Greek Super League",
        header: None,
        divisions: &["G1"],
    },
    Unread {
        file: "portugal.csv",
        leagues: "Portuguese Primeira Liga",
        header: None,
        divisions: &["P1"],
    },
    Unread {
        file: "turkey.csv",
        leagues: "Turkish Süper Lig",
        header: None,
        divisions: &["T1"],
    },
    Unread {
        file: "italy.csv",
        leagues: "Serie A",
        header: Some(&[
            "Date", "Season", "home", "visitor", "FT", "hgoal", "vgoal", "tier", "division", "totgoal",
            "goaldif", "result",
        ]),
        divisions: &[],
    },
    Unread {
        file: "holland.csv",
        leagues: "Dutch Eredivisie",
        header: Some(&[
            "Date", "Season", "home", "visitor", "FT", "hgoal", "vgoal", "tier",
        ]),
        divisions: &[],
    },
];

/// The files matchday reads in the league layouts, for messages.
pub(crate) const READ: &str = "england.csv, england5.csv, germany.csv and spain.csv";

/// The unread country file whose header is exactly `names`.
pub(crate) fn unread_by_header(names: &[String]) -> Option<&'static Unread> {
    UNREAD
        .iter()
        .find(|u| u.header.is_some_and(|h| h.iter().eq(names.iter())))
}

/// The unread country file whose rows have division `code`.
pub(crate) fn unread_by_division(code: &str) -> Option<&'static Unread> {
    UNREAD.iter().find(|u| u.divisions.contains(&code))
}

impl Unread {
    /// The one-line refusal of this file's layout.
    pub(crate) fn refusal(&self) -> String {
        format!(
            "this is engsoccerdata's {} layout ({}), which matchday does not read; \
             its league layouts are {READ}",
            self.file, self.leagues
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_german_and_spanish_division_has_its_name_of_the_day() {
        let name = |country: &Country, division, year| country.league(division, year).map(|(n, _, _)| n);
        assert_eq!(name(&GERMANY, "1", 1963), Some("Bundesliga"));
        assert_eq!(name(&GERMANY, "1", 2024), Some("Bundesliga"));
        assert_eq!(name(&GERMANY, "1", 1962), None);
        assert_eq!(name(&GERMANY, "2North", 1974), Some("2. Bundesliga Nord"));
        assert_eq!(name(&GERMANY, "2South", 1980), Some("2. Bundesliga Süd"));
        assert_eq!(name(&GERMANY, "2", 1980), None);
        assert_eq!(name(&GERMANY, "2", 1981), Some("2. Bundesliga"));
        assert_eq!(name(&GERMANY, "2North", 1991), Some("2. Bundesliga Nord"));
        assert_eq!(name(&GERMANY, "2", 1991), None);
        assert_eq!(name(&GERMANY, "2", 1992), Some("2. Bundesliga"));
        assert_eq!(name(&GERMANY, "2North", 1985), None);
        assert_eq!(name(&SPAIN, "1", 1928), Some("Primera División"));
        assert_eq!(name(&SPAIN, "1", 2024), Some("Primera División"));
        assert_eq!(name(&SPAIN, "2", 1928), None);
        assert_eq!(name(&SPAIN, "2", 1929), Some("Segunda División"));
        assert_eq!(GERMANY.league("2", 1995).map(|l| l.1), Some(2));
        assert_eq!(
            GERMANY.league("1", 1985).map(|l| l.2),
            Some(RuleSet::GermanHistory)
        );
        assert_eq!(
            SPAIN.league("1", 1950).map(|l| l.2),
            Some(RuleSet::SpanishHistory)
        );
    }

    #[test]
    fn eras_of_a_division_never_overlap() {
        for country in [&GERMANY, &SPAIN] {
            for (i, e) in country.eras.iter().enumerate() {
                assert!(e.first <= e.last, "{}", e.name);
                for later in country.eras[i + 1..].iter().filter(|n| n.division == e.division) {
                    assert!(later.first > e.last, "{} and {} overlap", e.name, later.name);
                }
            }
        }
    }

    #[test]
    fn unread_files_are_known_by_header_or_division_and_never_by_an_english_code() {
        let names = |h: &[&str]| h.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let italy = names(&[
            "Date", "Season", "home", "visitor", "FT", "hgoal", "vgoal", "tier", "division", "totgoal",
            "goaldif", "result",
        ]);
        assert_eq!(unread_by_header(&italy).map(|u| u.file), Some("italy.csv"));
        let england = names(&[
            "Date", "Season", "home", "visitor", "FT", "hgoal", "vgoal", "division", "tier", "totgoal",
            "goaldif", "result",
        ]);
        assert!(unread_by_header(&england).is_none());
        assert_eq!(unread_by_division("SC0").map(|u| u.file), Some("scotland.csv"));
        assert_eq!(unread_by_division("F1").map(|u| u.file), Some("france.csv"));
        for english in ["1", "2", "3", "3N", "3S", "4", "conference"] {
            assert!(unread_by_division(english).is_none(), "{english}");
        }
        let refusal = unread_by_division("T1").unwrap().refusal();
        assert!(refusal.contains("turkey.csv layout"), "{refusal}");
        assert!(!refusal.contains('\n'));
    }
}
