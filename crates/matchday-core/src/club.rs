//! Clubs: one club across files and eras, and the teams (men's, women's) it has.
//!
//! [`crate::normalize_name`] tells spellings of one *name* apart from others
//! ("Liverpool FC" is "liverpool"). Files of different sources and eras also
//! write one club under different *names*: "Atalanta" and "Atalanta BC", "Real
//! Betis" and "Real Betis Balompié", "1. FC Köln" and "FC Köln", "VfL Bochum
//! 1848" and "VfL Bochum". [`club_form`] is the coarser form those
//! share: it also drops the legal and club-form words at either end (AC, SC,
//! SV, VfB, BC, Calcio, Balompié, "1. FC"...), a founding year at the end or in
//! the middle of a name with such a word ("Bologna FC 1909", "TSG 1899
//! Hoffenheim"; "Crystal Palace 1861" is another club), the word "de"
//! inside ("Club Atlético de Madrid"), and reads "Utd" as "United".
//!
//! What it keeps is what tells clubs apart: City, United, Town, Rovers,
//! Wednesday, Real, Sporting, CP, the city ("Inter" is not "Inter Miami", "AC
//! Milan" is "Milan" but not "Inter Milan", "Bayern" is not "Bayer"), a leading
//! year ("1860 München" is not "Bayern München"), and the women's marker: a
//! women's team ("Liverpool FC Women") never takes the men's form, but belongs
//! to the same club ([`club_key`]).

use serde::{Deserialize, Serialize};

use crate::normalize_name;

/// Which of a club's teams: its men's or its women's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Squad {
    /// The men's team (or a club with one team only).
    Men,
    /// The women's team: a name ending "Women", "Ladies", "Frauen", "Femenino", "WFC"...
    Women,
}

impl Squad {
    /// The word used in output: "men" or "women".
    pub fn name(self) -> &'static str {
        match self {
            Squad::Men => "men",
            Squad::Women => "women",
        }
    }

    /// Which squad a team's name says it is.
    ///
    /// ```
    /// use matchday_core::Squad;
    /// assert_eq!(Squad::of("Liverpool FC Women"), Squad::Women);
    /// assert_eq!(Squad::of("Arsenal WFC"), Squad::Women);
    /// assert_eq!(Squad::of("Liverpool"), Squad::Men);
    /// ```
    pub fn of(name: &str) -> Squad {
        let words = words(name);
        if split_squad(&words).1 == Squad::Women {
            Squad::Women
        } else {
            Squad::Men
        }
    }
}

/// Words at either end of a name that say what legal or sporting form a club
/// has rather than which club it is. Each is safe to drop: no two clubs in
/// football's records are told apart by one of these alone.
const FORM_WORDS: &[&str] = &[
    "fc", "afc", "cf", "cfc", "fk", "sk", "jk", "nk", "hnk", "gnk", "bk", "kf", "pfc", "bc", "ac", "acf",
    "as", "aj", "ogc", "sc", "ssc", "ss", "us", "sv", "fsv", "tsv", "tsg", "vfb", "vfl", "bsc", "ud", "cd",
    "sd", "rcd", "rc", "ca", "sl", "kv", "krc", "kaa", "osc", "losc", "calcio", "balompie", "club", "futbol",
    "sad",
];

/// Last words that make a team a club's women's team ("WFC" is "Women's FC").
const WOMEN_WORDS: &[&str] = &[
    "women",
    "womens",
    "ladies",
    "wfc",
    "frauen",
    "femenino",
    "femeni",
    "femminile",
    "feminines",
    "feminine",
    "feminin",
];

/// The normal words of a name, as [`normalize_name`] gives them.
fn words(name: &str) -> Vec<String> {
    normalize_name(name)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The words of the club's name and the squad a trailing women's marker says
/// (a name that is the marker alone is a club's name, not a marker).
fn split_squad(words: &[String]) -> (&[String], Squad) {
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() && WOMEN_WORDS.contains(&last.as_str()) => {
            // "Liverpool FC Women": the "FC" before the marker is a form word.
            (rest, Squad::Women)
        }
        _ => (words, Squad::Men),
    }
}

/// A number a club carries beside its name rather than as it: a founding year
/// ("Bologna FC 1909", "VfL Bochum 1848") or a year written in two digits with its
/// zero ("FC Schalke 04", "1. FSV Mainz 05"), in a name with a form word. Other
/// numbers stay: "Team 1" and "Team 2" are two teams, and "Darmstadt 98" only
/// meets "Darmstadt" by an alias.
fn is_number(word: &str) -> bool {
    let digits = !word.is_empty() && word.chars().all(|c| c.is_ascii_digit());
    let year = word.len() == 4 && word.parse::<u32>().is_ok_and(|y| (1800..=2030).contains(&y));
    digits && (year || (word.len() == 2 && word.starts_with('0')))
}

/// Whether `name` has a form word, counting those [`normalize_name`] drops ("FC Schalke 04").
fn has_form_word(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric())
        .any(|w| FORM_WORDS.contains(&w.to_lowercase().as_str()))
}

/// The words that name the club, without its form words and numbers; `formal`
/// when the name had a form word that is no longer among `words`.
fn club_words(words: &[String], formal: bool) -> Vec<String> {
    let mut words: Vec<String> = words
        .iter()
        .map(|w| {
            if w == "utd" {
                "united".to_string()
            } else {
                w.clone()
            }
        })
        .collect();
    // A year is part of a club's legal name ("VfL Bochum 1848", "Bologna FC 1909")
    // only beside a form word; alone it can tell two clubs apart ("Crystal Palace
    // 1861" is not Crystal Palace, "B 1909 Odense" is not "B 1913 Odense").
    let formal = formal || words.iter().any(|w| FORM_WORDS.contains(&w.as_str()));
    let is_number = |w: &str| formal && is_number(w);
    loop {
        let before = words.len();
        if words.len() > 1 {
            let last = words[words.len() - 1].as_str();
            // "Real Sociedad de Fútbol": a "de" left at the end belonged to the form.
            if FORM_WORDS.contains(&last) || is_number(last) || last == "de" {
                words.pop();
                continue;
            }
        }
        if words.len() > 1 {
            let first = words[0].as_str();
            // "1. FC Köln", "1. FSV Mainz 05": a 1 before a form word is part of the form.
            let numbered_form = first == "1" && FORM_WORDS.contains(&words[1].as_str());
            if FORM_WORDS.contains(&first) || numbered_form {
                words.remove(0);
                continue;
            }
        }
        if words.len() == before {
            break;
        }
    }
    if words.len() > 2 {
        let last = words.len() - 1;
        let mut kept = vec![words[0].clone()];
        kept.extend(
            words[1..last]
                .iter()
                .filter(|w| *w != "de" && !is_number(w))
                .cloned(),
        );
        kept.push(words[last].clone());
        words = kept;
    }
    words
}

/// The form every name of one team shares across files and eras: its club's
/// name without form words and numbers, with " women" for a women's team.
///
/// ```
/// use matchday_core::club_form;
/// assert_eq!(club_form("Atalanta BC"), club_form("Atalanta"));
/// assert_eq!(club_form("Real Betis Balompié"), club_form("Real Betis"));
/// assert_eq!(club_form("1. FC Köln"), "koln");
/// assert_ne!(club_form("Liverpool FC Women"), club_form("Liverpool"));
/// assert_ne!(club_form("Newcastle United"), club_form("Newcastle"));
/// ```
pub fn club_form(name: &str) -> String {
    let words = words(name);
    if crate::team::PHOENIX_CLUBS.contains(&words.join(" ").as_str()) {
        return words.join(" ");
    }
    let (club, squad) = split_squad(&words);
    let mut form = club_words(club, has_form_word(name)).join(" ");
    if squad == Squad::Women {
        form.push_str(" women");
    }
    form
}

/// The form of the club a team belongs to: [`club_form`] without the squad, so
/// "Liverpool FC Women" and "Liverpool" are two teams of one club.
///
/// ```
/// use matchday_core::club_key;
/// assert_eq!(club_key("Liverpool FC Women"), club_key("Liverpool FC"));
/// assert_ne!(club_key("Manchester City"), club_key("Manchester United"));
/// ```
pub fn club_key(name: &str) -> String {
    let words = words(name);
    if crate::team::PHOENIX_CLUBS.contains(&words.join(" ").as_str()) {
        return words.join(" ");
    }
    club_words(split_squad(&words).0, has_form_word(name)).join(" ")
}

/// The name to show for the club of a team named `team`: the team's name
/// without a women's marker ("Liverpool FC Women" is a team of "Liverpool FC").
///
/// ```
/// use matchday_core::club_name;
/// assert_eq!(club_name("Liverpool FC Women"), "Liverpool FC");
/// assert_eq!(club_name("Arsenal"), "Arsenal");
/// ```
pub fn club_name(team: &str) -> String {
    let team = team.trim();
    if Squad::of(team) == Squad::Men {
        return team.to_string();
    }
    match team.rfind(|c: char| c.is_whitespace()) {
        Some(at) => team[..at].trim_end().to_string(),
        None => team.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names of one club, across sources and eras.
    const SAME: &[(&str, &str)] = &[
        ("Atalanta", "Atalanta BC"),
        ("Real Betis", "Real Betis Balompié"),
        ("AC Milan", "Milan"),
        ("1. FC Köln", "FC Köln"),
        ("1. FC Union Berlin", "Union Berlin"),
        ("1. FSV Mainz 05", "Mainz"),
        ("VfB Stuttgart", "Stuttgart"),
        ("VfL Wolfsburg", "Wolfsburg"),
        ("SV Werder Bremen", "Werder Bremen"),
        ("SV Darmstadt 98", "Darmstadt 98"),
        ("FC Schalke 04", "Schalke"),
        ("VfL Bochum 1848", "Bochum"),
        ("SC Freiburg", "Freiburg"),
        ("Cagliari Calcio", "Cagliari"),
        ("US Sassuolo Calcio", "Sassuolo"),
        ("SSC Napoli", "Napoli"),
        ("SS Lazio", "Lazio"),
        ("ACF Fiorentina", "Fiorentina"),
        ("Genoa CFC", "Genoa"),
        ("Bologna FC 1909", "Bologna"),
        ("US Salernitana 1919", "Salernitana"),
        ("Galatasaray SK", "Galatasaray"),
        ("Real Madrid CF", "Real Madrid"),
        ("UD Almería", "Almeria"),
        ("CA Osasuna", "Osasuna"),
        ("RCD Mallorca", "Mallorca"),
        ("Club Atlético de Madrid", "Atlético Madrid"),
        ("Real Sociedad de Fútbol", "Real Sociedad"),
        ("Club Brugge KV", "Club Brugge"),
        ("AFC Ajax", "Ajax"),
        ("Sheffield Utd", "Sheffield United"),
        ("Man Utd", "Man United"),
        ("Liverpool FC Women", "Liverpool Women"),
        ("Arsenal WFC", "Arsenal Women"),
        ("Chelsea FC Women", "Chelsea Women"),
        ("GNK Dinamo Zagreb", "Dinamo Zagreb"),
    ];

    /// Near misses: names that look alike but are different clubs (or teams).
    const DIFFERENT: &[(&str, &str)] = &[
        ("Manchester City", "Manchester United"),
        ("Sporting CP", "Sporting Gijón"),
        ("Sporting CP", "Sporting Braga"),
        ("Inter", "Inter Miami CF"),
        ("FC Internazionale Milano", "AC Milan"),
        ("Inter Milan", "AC Milan"),
        ("Real Madrid", "Real Sociedad"),
        ("Real Madrid", "Atlético Madrid"),
        ("Rayo Vallecano de Madrid", "Real Madrid"),
        ("FC Bayern München", "Bayer 04 Leverkusen"),
        ("Bayern", "Bayer"),
        ("TSV 1860 München", "FC Bayern München"),
        ("Newcastle United", "Newcastle"),
        ("Newcastle United", "Newcastle Town"),
        ("Sheffield United", "Sheffield FC"),
        ("Sheffield United", "Sheffield Wednesday"),
        ("Bristol City", "Bristol Rovers"),
        ("Cambridge United", "Cambridge City"),
        ("Liverpool FC Women", "Liverpool"),
        ("Liverpool", "Everton"),
        ("Club Brugge", "Cercle Brugge"),
        ("Borussia Dortmund", "Borussia Mönchengladbach"),
        ("Hellas Verona", "Chievo Verona"),
        ("AC Sparta Praha", "SK Slavia Praha"),
        ("Real Betis", "Real"),
        ("Athletic Club", "Atlético Madrid"),
        ("Olympique Lyonnais", "Olympique de Marseille"),
        ("Paris Saint-Germain", "Paris FC"),
        ("Red Star Belgrade", "Red Star FC"),
        ("Dinamo Zagreb", "Dinamo Kyiv"),
        ("West Ham United", "West Bromwich Albion"),
        ("Team 1", "Team 2"),
        ("Crystal Palace 1861", "Crystal Palace"),
        ("B 1909 Odense", "B 1913 Odense"),
        ("Sample 12", "Sample 13"),
    ];

    #[test]
    fn names_of_one_club_share_its_form() {
        for (a, b) in SAME {
            assert_eq!(club_form(a), club_form(b), "{a} / {b}");
        }
    }

    #[test]
    fn near_misses_stay_apart() {
        for (a, b) in DIFFERENT {
            assert_ne!(club_form(a), club_form(b), "{a} / {b}");
        }
    }

    #[test]
    fn a_womens_team_is_another_team_of_the_same_club() {
        for (women, men) in [
            ("Liverpool FC Women", "Liverpool"),
            ("Arsenal WFC", "Arsenal"),
            ("Manchester City Women", "Manchester City"),
            ("FC Barcelona Femení", "FC Barcelona"),
            ("VfL Wolfsburg Frauen", "VfL Wolfsburg"),
        ] {
            assert_eq!(Squad::of(women), Squad::Women, "{women}");
            assert_eq!(Squad::of(men), Squad::Men, "{men}");
            assert_ne!(club_form(women), club_form(men), "{women}");
            assert_eq!(club_key(women), club_key(men), "{women}");
        }
        // A club named by a marker word alone keeps it.
        assert_eq!(Squad::of("Ladies"), Squad::Men);
        assert_eq!(club_name("Manchester City Women"), "Manchester City");
    }

    #[test]
    fn the_form_never_drops_every_word() {
        for name in ["FC", "AC", "1. FC", "SV 04", "Calcio", "Club", "1860"] {
            assert!(!club_form(name).is_empty(), "{name}");
        }
        assert_eq!(club_form("Club"), "club");
    }

    proptest::proptest! {
        /// A form word at either end, with or without a founding year, never
        /// changes the club; a year alone and the women's marker always do.
        #[test]
        fn form_words_and_numbers_do_not_change_the_club(
            name in "[A-Z][a-z]{3,9}( [A-Z][a-z]{3,9}){0,2}",
            form in proptest::sample::select(FORM_WORDS),
            year in 1860u32..=2030,
        ) {
            let plain = |w: &str| {
                let w = w.to_lowercase();
                !FORM_WORDS.contains(&w.as_str()) && !WOMEN_WORDS.contains(&w.as_str()) && w != "utd"
            };
            proptest::prop_assume!(name.split(' ').all(plain));
            let base = club_form(&name);
            proptest::prop_assert_eq!(&club_form(&format!("{name} {form}")), &base);
            proptest::prop_assert_eq!(&club_form(&format!("{form} {name}")), &base);
            proptest::prop_assert_eq!(&club_form(&format!("{name} {form} {year}")), &base);
            proptest::prop_assert_eq!(&club_form(&format!("{form} {name} {year}")), &base);
            proptest::prop_assert_ne!(&club_form(&format!("{name} {year}")), &base);
            proptest::prop_assert_eq!(&club_form(&format!("1. {form} {name} {year}")), &base);
            proptest::prop_assert_ne!(&club_form(&format!("{name} Women")), &base);
            proptest::prop_assert_eq!(club_key(&format!("{name} FC Women")), club_key(&name));
        }
    }
}
