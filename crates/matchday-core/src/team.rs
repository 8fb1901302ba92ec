//! Teams and how a name someone typed or a file spelt finds its team.
//!
//! Names are compared by a normal form ([`normalize_name`]) that ignores case,
//! accents, punctuation, "&" versus "and", a country code such as "(ENG)",
//! and the club-form words FC, AFC, CF, FK and SK at either end. Stored
//! aliases ("Man City", "Spurs", "Wolves") resolve like names, and a name no
//! team has in any spelling still finds the one team of its club form
//! ([`crate::club_form`]: "Atalanta BC" finds "Atalanta").

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// A team's identity, handed out by the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TeamId(pub i64);

/// A team: one side of a club (a club may have a men's and a women's team).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// Identity.
    pub id: TeamId,
    /// The name shown in tables.
    pub name: String,
    /// Other names it goes by.
    pub aliases: Vec<String>,
}

const CLUB_FORM_WORDS: &[&str] = &["fc", "afc", "cf", "fk", "sk"];

/// Clubs founded anew after the club of their name folded, and told apart from it
/// only by "AFC" or "FC": "AFC Wimbledon" (2002) is not Wimbledon (now MK Dons),
/// both of which played in the Football League. Their names keep the prefix, in
/// the normal form of [`normalize_name`] and in [`crate::club_form`].
pub(crate) const PHOENIX_CLUBS: &[&str] = &[
    "afc wimbledon",
    "afc telford united",
    "afc rushden and diamonds",
    "afc hornchurch",
    "fc halifax town",
];

/// The normal form two spellings of one name share.
///
/// ```
/// use matchday_core::normalize_name;
/// assert_eq!(normalize_name("Brighton & Hove Albion FC"), normalize_name("brighton and hove albion (ENG)"));
/// assert_eq!(normalize_name("Liverpool FC"), "liverpool");
/// assert_ne!(normalize_name("Manchester City"), normalize_name("Manchester United"));
/// ```
pub fn normalize_name(name: &str) -> String {
    let mut text = name.trim().to_string();
    // A country code in brackets at the end, as UEFA files write "(ENG)".
    if let Some(open) = text.rfind('(') {
        let inner = text[open + 1..].trim_end_matches(')').trim();
        if text.ends_with(')')
            && (2..=3).contains(&inner.len())
            && inner.chars().all(|c| c.is_ascii_uppercase())
        {
            text.truncate(open);
        }
    }
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c == '&' {
            flush(&mut word, &mut words);
            words.push("and".to_string());
        } else if c == '\'' || c == '’' || c == '.' {
            // "Nott'm", "St. Pauli": the mark joins rather than splits.
        } else if c.is_alphanumeric() {
            match fold(c) {
                Some(plain) => word.push_str(plain),
                None => word.extend(c.to_lowercase()),
            }
        } else {
            flush(&mut word, &mut words);
        }
    }
    flush(&mut word, &mut words);
    let whole = words.join(" ");
    if PHOENIX_CLUBS.contains(&whole.as_str()) {
        return whole;
    }
    while words.len() > 1 && CLUB_FORM_WORDS.contains(&words[words.len() - 1].as_str()) {
        words.pop();
    }
    while words.len() > 1 && CLUB_FORM_WORDS.contains(&words[0].as_str()) {
        words.remove(0);
    }
    words.join(" ")
}

/// The name to show for a team first met as `raw` in a file: without a
/// country code such as "(ENG)" and without a trailing "FC" or "AFC"
/// ("Liverpool FC" shows as "Liverpool"; "AFC Bournemouth" keeps its prefix).
///
/// ```
/// use matchday_core::display_name;
/// assert_eq!(display_name("Manchester City FC (ENG)"), "Manchester City");
/// assert_eq!(display_name("AFC Bournemouth"), "AFC Bournemouth");
/// ```
pub fn display_name(raw: &str) -> String {
    let mut name = raw.trim().to_string();
    if let Some(open) = name.rfind(" (")
        && name.ends_with(')')
    {
        let inner = &name[open + 2..name.len() - 1];
        if (2..=3).contains(&inner.len()) && inner.chars().all(|c| c.is_ascii_uppercase()) {
            name.truncate(open);
        }
    }
    for suffix in [" FC", " AFC"] {
        if name.len() > suffix.len() + 2 && name.ends_with(suffix) {
            name.truncate(name.len() - suffix.len());
        }
    }
    name.trim().to_string()
}

fn flush(word: &mut String, words: &mut Vec<String>) {
    if !word.is_empty() {
        words.push(std::mem::take(word));
    }
}

/// Folds the accented Latin letters football names use to plain ones.
fn fold(c: char) -> Option<&'static str> {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => Some("a"),
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' | 'ě' => Some("e"),
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Î' | 'ı' | 'İ' => Some("i"),
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ó' | 'Ö' | 'Ø' | 'ő' => Some("o"),
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ü' | 'ů' | 'ű' => Some("u"),
        'ñ' | 'Ñ' | 'ń' => Some("n"),
        'ç' | 'Ç' | 'č' | 'Č' | 'ć' => Some("c"),
        'š' | 'Š' | 'ş' | 'Ş' | 'ś' => Some("s"),
        'ž' | 'Ž' | 'ź' | 'ż' => Some("z"),
        'ğ' => Some("g"),
        'ř' => Some("r"),
        'ý' => Some("y"),
        'đ' | 'Đ' => Some("d"),
        'ł' | 'Ł' => Some("l"),
        'æ' | 'Æ' => Some("ae"),
        'ß' => Some("ss"),
        _ => None,
    }
}

/// What a name resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one team.
    Found(TeamId),
    /// Several teams fit; their names.
    Ambiguous(Vec<String>),
    /// No team fits; names that are close, best first.
    Unknown(Vec<String>),
}

/// Finds teams by name or alias.
#[derive(Debug, Clone, Default)]
pub struct TeamResolver {
    /// (normal form, team, team's name, club form) of every name and alias.
    entries: Vec<(String, TeamId, String, String)>,
}

impl TeamResolver {
    /// A resolver over these teams and their aliases.
    pub fn new<'a>(teams: impl IntoIterator<Item = &'a Team>) -> TeamResolver {
        let mut resolver = TeamResolver::default();
        for team in teams {
            resolver.add(team);
        }
        resolver
    }

    /// Adds a team (and its aliases) to the resolver.
    pub fn add(&mut self, team: &Team) {
        for name in std::iter::once(&team.name).chain(&team.aliases) {
            self.entries.push((
                normalize_name(name),
                team.id,
                team.name.clone(),
                crate::club_form(name),
            ));
        }
    }

    /// The team whose name or alias has exactly this normal form.
    ///
    /// Imports use this: a new spelling must not quietly join another club.
    pub fn exact(&self, name: &str) -> Option<TeamId> {
        let key = normalize_name(name);
        let ids: BTreeSet<TeamId> = self.entries.iter().filter(|e| e.0 == key).map(|e| e.1).collect();
        if ids.len() == 1 {
            ids.into_iter().next()
        } else {
            None
        }
    }

    /// The one team whose name or alias has the club form of `name`
    /// ("Atalanta BC" finds "Atalanta"); `None` when none or several have it.
    ///
    /// Imports use this after [`TeamResolver::exact`]: the club form only
    /// drops words that never tell two clubs apart.
    pub fn same_club(&self, name: &str) -> Option<TeamId> {
        let form = crate::club_form(name);
        let ids: BTreeSet<TeamId> = self.entries.iter().filter(|e| e.3 == form).map(|e| e.1).collect();
        if ids.len() == 1 {
            ids.into_iter().next()
        } else {
            None
        }
    }

    /// Resolves a name a person typed: an exact match first, then one of the
    /// same club form, then a name whose words start with all the typed words
    /// ("Tottenham", "Man Utd").
    pub fn resolve(&self, name: &str) -> Resolution {
        let key = normalize_name(name);
        let exact: BTreeSet<TeamId> = self.entries.iter().filter(|e| e.0 == key).map(|e| e.1).collect();
        if exact.len() == 1 {
            return Resolution::Found(*exact.iter().next().expect("one"));
        }
        if exact.len() > 1 {
            return Resolution::Ambiguous(self.names_of(&exact));
        }
        if let Some(id) = self.same_club(name) {
            return Resolution::Found(id);
        }
        let typed: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        if typed.is_empty() {
            return Resolution::Unknown(Vec::new());
        }
        let partial: BTreeSet<TeamId> = self
            .entries
            .iter()
            .filter(|e| words_match(&typed, &e.0))
            .map(|e| e.1)
            .collect();
        match partial.len() {
            1 => Resolution::Found(*partial.iter().next().expect("one")),
            0 => Resolution::Unknown(self.close_to(&key)),
            _ => Resolution::Ambiguous(self.names_of(&partial)),
        }
    }

    fn names_of(&self, ids: &BTreeSet<TeamId>) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for id in ids {
            if let Some(e) = self.entries.iter().find(|e| e.1 == *id) {
                names.push(e.2.clone());
            }
        }
        names.sort();
        names
    }

    fn close_to(&self, key: &str) -> Vec<String> {
        let mut scored: Vec<(usize, String)> = Vec::new();
        for (norm, _, name, _) in &self.entries {
            let distance = edit_distance(key, norm);
            let shares_word = key
                .split(' ')
                .any(|w| w.len() >= 3 && norm.split(' ').any(|n| n == w));
            let limit = (key.len().max(3)) / 3;
            if distance <= limit || shares_word {
                scored.push((distance, name.clone()));
            }
        }
        scored.sort();
        let mut names: Vec<String> = Vec::new();
        for (_, name) in scored {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.truncate(5);
        names
    }
}

/// Whether each typed word starts a different word of `candidate`, in order.
fn words_match(typed: &[&str], candidate: &str) -> bool {
    let words: Vec<&str> = candidate.split(' ').collect();
    let mut at = 0;
    for t in typed {
        match words[at..].iter().position(|w| w.starts_with(t)) {
            Some(i) => at += i + 1,
            None => return false,
        }
    }
    true
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut prev = row[0];
        row[0] = i;
        for j in 1..=b.len() {
            let cur = row[j];
            row[j] = if a[i - 1] == b[j - 1] {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j - 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(id: i64, name: &str, aliases: &[&str]) -> Team {
        Team {
            id: TeamId(id),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
    }

    fn league() -> TeamResolver {
        TeamResolver::new(&[
            team(1, "Liverpool", &[]),
            team(2, "Manchester City", &["Man City"]),
            team(3, "Manchester United", &["Man Utd"]),
            team(4, "Tottenham Hotspur", &["Spurs"]),
            team(5, "Liverpool Women", &[]),
            team(6, "AFC Bournemouth", &[]),
        ])
    }

    #[test]
    fn spellings_of_one_club_meet() {
        let r = league();
        for name in ["Liverpool FC", "liverpool", "Liverpool FC (ENG)", "LIVERPOOL."] {
            assert_eq!(r.exact(name), Some(TeamId(1)), "{name}");
        }
        assert_eq!(r.exact("Bournemouth"), Some(TeamId(6)));
        assert_eq!(r.exact("Manchester City FC (ENG)"), Some(TeamId(2)));
        assert_eq!(normalize_name("Bačka Topola"), "backa topola");
        // A club founded anew is not the club of its name.
        assert_ne!(normalize_name("AFC Wimbledon"), normalize_name("Wimbledon"));
        assert_ne!(
            crate::club_form("AFC Wimbledon"),
            crate::club_form("Wimbledon FC")
        );
        assert_eq!(normalize_name("A.F.C. Wimbledon"), "afc wimbledon");
        assert_ne!(
            crate::club_form("FC Halifax Town"),
            crate::club_form("Halifax Town")
        );
    }

    #[test]
    fn typed_names_resolve_or_explain() {
        let r = league();
        assert_eq!(r.resolve("Spurs"), Resolution::Found(TeamId(4)));
        assert_eq!(r.resolve("tottenham"), Resolution::Found(TeamId(4)));
        assert_eq!(r.resolve("Man Utd"), Resolution::Found(TeamId(3)));
        assert_eq!(r.resolve("Liverpool"), Resolution::Found(TeamId(1)));
        match r.resolve("Manchester") {
            Resolution::Ambiguous(names) => assert_eq!(names, vec!["Manchester City", "Manchester United"]),
            other => panic!("{other:?}"),
        }
        match r.resolve("Liverpol") {
            Resolution::Unknown(names) => assert_eq!(names[0], "Liverpool"),
            other => panic!("{other:?}"),
        }
        // Importing "Liverpool" must not land on "Liverpool Women".
        assert_eq!(r.exact("Liverpool Women FC"), Some(TeamId(5)));
        assert_eq!(r.exact("Manchester"), None);
    }

    #[test]
    fn a_name_of_the_same_club_form_finds_its_team() {
        let r = TeamResolver::new(&[
            team(1, "Atalanta", &[]),
            team(2, "Liverpool", &[]),
            team(3, "Liverpool FC Women", &[]),
            team(4, "Newcastle United", &[]),
            team(5, "Sporting CP", &[]),
        ]);
        assert_eq!(r.same_club("Atalanta BC"), Some(TeamId(1)));
        assert_eq!(r.resolve("Atalanta BC"), Resolution::Found(TeamId(1)));
        assert_eq!(r.same_club("Liverpool Women"), Some(TeamId(3)));
        assert_eq!(r.same_club("Liverpool FC"), Some(TeamId(2)));
        assert_eq!(r.same_club("Newcastle"), None);
        assert_eq!(r.same_club("Sporting Gijón"), None);
        assert_eq!(r.exact("Atalanta BC"), None, "exact stays exact");
    }

    proptest::proptest! {
        /// Any typed name against any stored names resolves or explains, never panics;
        /// a name found is one of the stored teams.
        #[test]
        fn resolving_never_panics(
            names in proptest::collection::vec(proptest::prop_oneof![proptest::prelude::any::<String>(), "[A-Za-z&'. ()]{0,16}"], 0..8),
            typed in proptest::prop_oneof![proptest::prelude::any::<String>(), "[A-Za-z&'. ()]{0,20}"],
        ) {
            let teams: Vec<Team> = names
                .iter()
                .enumerate()
                .map(|(i, n)| team(i as i64 + 1, n, &[]))
                .collect();
            let resolver = TeamResolver::new(&teams);
            if let Resolution::Found(id) = resolver.resolve(&typed) {
                proptest::prop_assert!(teams.iter().any(|t| t.id == id));
            }
            let _ = resolver.exact(&typed);
            let _ = display_name(&typed);
            let _ = normalize_name(&typed);
        }
    }
}
