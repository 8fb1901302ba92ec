//! Short club names for narrow tables: "Man City", "Nott'm Forest", "Sheff Utd".
//!
//! The names come from a table kept as data (`short-names.txt`, beside this
//! file); a club not in it is shortened by a rule: a leading or trailing
//! club-form word ("FC", "AFC", "CF") goes and "United" becomes "Utd". Where
//! two clubs of one table would share a short name, both keep their full ones.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The data: "full name = short name", one club a line.
const TABLE: &str = include_str!("short-names.txt");

/// Club-form words a name may start or end with, dropped when shortening.
const FORM_WORDS: [&str; 12] = [
    "FC", "AFC", "CF", "SC", "SK", "KV", "FK", "PFC", "AC", "ACF", "BSC", "1. FC",
];

/// The key names are compared by: lower case, "&" as "and", spaces squeezed.
fn key(name: &str) -> String {
    name.to_lowercase()
        .replace('&', " and ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn table() -> &'static HashMap<String, String> {
    static NAMES: OnceLock<HashMap<String, String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        TABLE
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once(" = "))
            .map(|(full, short)| (key(full), short.trim().to_string()))
            .collect()
    })
}

/// The short name of one club, on its own (see [`short_names`] for a table's).
pub fn short_name(name: &str) -> String {
    // A women's team is its club's short name and "Women".
    if let Some(club) = name.strip_suffix(" Women") {
        return format!("{} Women", short_name(club));
    }
    if let Some(short) = table().get(&key(name)) {
        return short.clone();
    }
    let mut words = name.trim();
    for form in FORM_WORDS {
        if let Some(rest) = words.strip_prefix(form).and_then(|r| r.strip_prefix(' ')) {
            words = rest;
        }
        if let Some(rest) = words.strip_suffix(form).and_then(|r| r.strip_suffix(' ')) {
            words = rest;
        }
    }
    let shortened: Vec<&str> = words
        .split_whitespace()
        .map(|w| if w == "United" { "Utd" } else { w })
        .collect();
    let shortened = shortened.join(" ");
    if shortened.is_empty() {
        name.to_string()
    } else {
        shortened
    }
}

/// The short names of the clubs `names` lists, in order; clubs that would share
/// one keep their full names, so no two rows read alike.
pub fn short_names(names: &[&str]) -> Vec<String> {
    let short: Vec<String> = names.iter().map(|n| short_name(n)).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for s in &short {
        *seen.entry(s.as_str()).or_default() += 1;
    }
    short
        .iter()
        .zip(names)
        .map(|(s, full)| {
            if seen.get(s.as_str()).copied().unwrap_or(0) > 1 {
                full.to_string()
            } else {
                s.clone()
            }
        })
        .collect()
}

/// Short competition names, as fixture lists abbreviate them.
const COMPETITIONS: &[(&str, &str)] = &[
    ("Premier League", "PL"),
    ("Champions League", "UCL"),
    ("Europa League", "UEL"),
    ("Conference League", "UECL"),
    ("Championship", "Champ"),
    ("League One", "L1"),
    ("League Two", "L2"),
    ("World Cup", "WC"),
];

/// A competition's short name: from the list, else the initials of a name of
/// several long words ("Scottish Premiership" is "SP"), else the name.
pub fn short_competition(name: &str) -> String {
    if let Some((_, short)) = COMPETITIONS
        .iter()
        .find(|(full, _)| full.eq_ignore_ascii_case(name))
    {
        return short.to_string();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() >= 2 && words.iter().all(|w| w.chars().count() > 3) {
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    } else {
        name.to_string()
    }
}

/// Short round names: "Matchday 22" is "MD22", "Semifinals" "SF", "Round of 16" "R16";
/// a leg keeps its number ("SF, leg 2" is "SF L2").
pub fn short_round(round: &str) -> String {
    let (round, leg) = match round.split_once(", leg ") {
        Some((round, leg)) => (round, Some(leg)),
        None => (round, None),
    };
    let lower = round.to_lowercase().replace(['-', ' '], "");
    let mut short = match lower.as_str() {
        "quarterfinals" | "quarterfinal" => "QF".to_string(),
        "semifinals" | "semifinal" => "SF".to_string(),
        "final" => "Final".to_string(),
        "thirdplace" => "3rd".to_string(),
        "playoffs" | "knockoutplayoffs" | "knockoutroundplayoffs" => "PO".to_string(),
        _ => {
            let words: Vec<&str> = round.split_whitespace().collect();
            match words.as_slice() {
                ["Matchday", n] => format!("MD{n}"),
                ["Round", "of", n] => format!("R{n}"),
                ["Round", n] => format!("R{n}"),
                _ => round.to_string(),
            }
        }
    };
    if let Some(leg) = leg {
        short.push_str(&format!(" L{leg}"));
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clubs_in_the_table_read_as_the_bbc_writes_them() {
        assert_eq!(short_name("Manchester City"), "Man City");
        assert_eq!(short_name("Nottingham Forest"), "Nott'm Forest");
        assert_eq!(short_name("Sheffield United"), "Sheff Utd");
        assert_eq!(short_name("Brighton and Hove Albion"), "Brighton");
        assert_eq!(short_name("manchester united"), "Man Utd");
        assert_eq!(short_name("Manchester City Women"), "Man City Women");
    }

    #[test]
    fn other_clubs_lose_their_form_words_and_united_shortens() {
        assert_eq!(short_name("Real Madrid CF"), "Real Madrid");
        assert_eq!(short_name("FC Midtjylland"), "Midtjylland");
        assert_eq!(short_name("Carlisle United"), "Carlisle Utd");
        assert_eq!(short_name("Liverpool"), "Liverpool");
        assert_eq!(short_name("FC"), "FC");
    }

    #[test]
    fn clubs_that_would_share_a_short_name_keep_their_full_names() {
        assert_eq!(
            short_names(&["Real Madrid CF", "Real Madrid", "Manchester City"]),
            ["Real Madrid CF", "Real Madrid", "Man City"]
        );
        assert_eq!(
            short_names(&["Arsenal", "Manchester United"]),
            ["Arsenal", "Man Utd"]
        );
    }

    #[test]
    fn competitions_and_rounds_shorten_as_fixture_lists_write_them() {
        assert_eq!(short_competition("Premier League"), "PL");
        assert_eq!(short_competition("FA Cup"), "FA Cup");
        assert_eq!(short_competition("Scottish Premiership"), "SP");
        assert_eq!(short_round("Matchday 22"), "MD22");
        assert_eq!(short_round("Semifinals, leg 2"), "SF L2");
        assert_eq!(short_round("Round of 16"), "R16");
        assert_eq!(short_round("Round 4"), "R4");
        assert_eq!(short_round("Group E"), "Group E");
    }

    #[test]
    fn every_line_of_the_table_is_read() {
        let lines = TABLE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(
            table().len(),
            lines,
            "a line without ' = ' or a club listed twice"
        );
    }
}
