//! Alias files: the other names a team goes by, one team a line.
//!
//! matchday ships one (`data/aliases.txt`, built into the binary) and reads
//! users' own in the same grammar (`matchday team alias --file FILE`):
//!
//! ```text
//! # A comment runs from '#' to the end of the line; blank lines are skipped.
//! # A team's name as tables show it, '=', then the other names it goes by,
//! # separated by '|'. Spaces around names are trimmed.
//! Tottenham Hotspur = Spurs | Tottenham
//! Manchester United = Man United | Man Utd
//! ```
//!
//! Every name is checked as a team name is (not empty, at most 100
//! characters, no control characters). A line without '=' or without an
//! alias, and a name already given on another line (in any spelling: names
//! are compared by [`crate::normalize_name`]), is an error naming the line.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::{TextError, TextField, check_text, normalize_name};

/// The alias file that ships with matchday.
const SHIPPED: &str = include_str!("../../../data/aliases.txt");

/// One line of an alias file: a team's name and the other names it goes by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasLine {
    /// The line number, from 1.
    pub line: usize,
    /// The name tables show.
    pub name: String,
    /// Other names it goes by, in the order written.
    pub aliases: Vec<String>,
}

/// What is wrong with an alias file, and on which line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {fault}")]
pub struct AliasFileError {
    /// The line number, from 1.
    pub line: usize,
    /// What is wrong.
    pub fault: AliasFault,
}

/// What can be wrong with a line of an alias file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AliasFault {
    /// No '=' between the name and its aliases.
    #[error("expected 'Team name = alias | alias', found no '='")]
    NoEquals,
    /// A '=' but no alias after it.
    #[error("'{0}' has no alias after '='")]
    NoAlias(String),
    /// A name that is not acceptable text.
    #[error("{0}")]
    Text(TextError),
    /// A name (or a spelling of it) given before.
    #[error("'{name}' is already given on line {first}")]
    Repeated {
        /// The name as written here.
        name: String,
        /// The line that gave it first.
        first: usize,
    },
}

/// Reads an alias file.
///
/// # Errors
/// The first line that does not follow the grammar in the module doc.
///
/// ```
/// let lines = matchday_core::parse_aliases("Tottenham Hotspur = Spurs | Tottenham\n").unwrap();
/// assert_eq!(lines[0].aliases, ["Spurs", "Tottenham"]);
/// let err = matchday_core::parse_aliases("# clubs\nArsenal\n").unwrap_err();
/// assert_eq!(err.to_string(), "line 2: expected 'Team name = alias | alias', found no '='");
/// ```
pub fn parse_aliases(text: &str) -> Result<Vec<AliasLine>, AliasFileError> {
    let mut lines = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let fail = |fault| AliasFileError { line, fault };
        let content = raw.split('#').next().unwrap_or_default().trim();
        if content.is_empty() {
            continue;
        }
        let (name, rest) = content
            .split_once('=')
            .ok_or_else(|| fail(AliasFault::NoEquals))?;
        let name = name.trim();
        let aliases: Vec<String> = rest
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
        check_text(TextField::TeamName, name, true).map_err(|e| fail(AliasFault::Text(e)))?;
        if aliases.is_empty() {
            return Err(fail(AliasFault::NoAlias(name.to_string())));
        }
        let mut keys_here: Vec<String> = Vec::new();
        for (field, text) in std::iter::once((TextField::TeamName, name))
            .chain(aliases.iter().map(|a| (TextField::Alias, a.as_str())))
        {
            check_text(field, text, true).map_err(|e| fail(AliasFault::Text(e)))?;
            let key = normalize_name(text);
            if key.is_empty() {
                return Err(fail(AliasFault::Text(TextError::Empty(field))));
            }
            if keys_here.contains(&key) {
                continue;
            }
            if let Some(&first) = seen.get(&key) {
                return Err(fail(AliasFault::Repeated {
                    name: text.to_string(),
                    first,
                }));
            }
            keys_here.push(key);
        }
        for key in keys_here {
            seen.insert(key, line);
        }
        lines.push(AliasLine {
            line,
            name: name.to_string(),
            aliases,
        });
    }
    Ok(lines)
}

/// The aliases that ship with matchday (`data/aliases.txt`), read once.
pub fn shipped_aliases() -> &'static [AliasLine] {
    static LINES: OnceLock<Vec<AliasLine>> = OnceLock::new();
    LINES.get_or_init(|| parse_aliases(SHIPPED).expect("data/aliases.txt is checked by its tests"))
}

/// The shipped aliases as pairs of names of one team: every name of a line
/// with every other, so a team first met under any of them is given the rest.
///
/// Iterate it as `for (name, other) in KNOWN_ALIASES`.
#[derive(Debug, Clone, Copy)]
pub struct KnownAliases;

/// Well-known alternative names (`data/aliases.txt`), as (name, another name) pairs.
///
/// These are seeded for a team when it is first created under either name,
/// so that the spellings used by different sources and by fans meet.
pub const KNOWN_ALIASES: KnownAliases = KnownAliases;

impl IntoIterator for KnownAliases {
    type Item = &'static (&'static str, &'static str);
    type IntoIter = std::slice::Iter<'static, (&'static str, &'static str)>;

    fn into_iter(self) -> Self::IntoIter {
        static PAIRS: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
        PAIRS
            .get_or_init(|| {
                let mut pairs = Vec::new();
                for line in shipped_aliases() {
                    let names: Vec<&'static str> = std::iter::once(line.name.as_str())
                        .chain(line.aliases.iter().map(String::as_str))
                        .collect();
                    for a in &names {
                        for b in &names {
                            if a != b {
                                pairs.push((*a, *b));
                            }
                        }
                    }
                }
                pairs
            })
            .iter()
    }
}

/// The other names the shipped aliases give a team first met under a name whose normal
/// form is `key`, in the order [`KNOWN_ALIASES`] pairs them: from each pair, the other
/// name when the first is `key`, else the first when the other is.
///
/// Read from a table made once: an import creating thousands of teams looked through
/// every pair, normalising both names, for each one.
pub fn known_aliases_of(key: &str) -> &'static [&'static str] {
    static BY_KEY: OnceLock<HashMap<String, Vec<&'static str>>> = OnceLock::new();
    BY_KEY
        .get_or_init(|| {
            let mut by_key: HashMap<String, Vec<&'static str>> = HashMap::new();
            for &(name, other) in KNOWN_ALIASES {
                let (name_key, other_key) = (normalize_name(name), normalize_name(other));
                if other_key != name_key {
                    by_key.entry(other_key).or_default().push(name);
                }
                by_key.entry(name_key).or_default().push(other);
            }
            by_key
        })
        .get(key)
        .map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_aliases_of_a_name_are_those_the_pairs_give_it_in_their_order() {
        // Every name of every pair, and one in no pair: the table gives what a look
        // through every pair gives.
        let keys: Vec<String> = KNOWN_ALIASES
            .into_iter()
            .flat_map(|&(a, b)| [normalize_name(a), normalize_name(b)])
            .chain(["nowhere rovers".to_string()])
            .collect();
        for key in keys {
            let looked_through: Vec<&str> = KNOWN_ALIASES
                .into_iter()
                .filter_map(|&(name, other)| {
                    if normalize_name(name) == key {
                        Some(other)
                    } else if normalize_name(other) == key {
                        Some(name)
                    } else {
                        None
                    }
                })
                .collect();
            assert_eq!(known_aliases_of(&key), looked_through.as_slice(), "{key}");
        }
        assert!(known_aliases_of(&normalize_name("Spurs")).contains(&"Tottenham Hotspur"));
    }

    #[test]
    fn the_shipped_file_reads() {
        let lines = parse_aliases(SHIPPED).unwrap();
        assert!(lines.len() > 40, "{}", lines.len());
        let spurs = lines.iter().find(|l| l.name == "Tottenham Hotspur").unwrap();
        assert!(spurs.aliases.contains(&"Spurs".to_string()));
        assert!(
            KNOWN_ALIASES
                .into_iter()
                .any(|&(a, b)| a == "Spurs" && b == "Tottenham")
        );
    }

    #[test]
    fn the_shipped_file_never_gives_one_name_two_clubs_by_club_form() {
        // Each line's names share no club form with another line's names, so
        // the file cannot merge two clubs through the coarser match either.
        let mut owner: HashMap<String, &str> = HashMap::new();
        for line in shipped_aliases() {
            for name in std::iter::once(&line.name).chain(&line.aliases) {
                let form = crate::club_form(name);
                if let Some(other) = owner.insert(form.clone(), &line.name)
                    && other != line.name
                {
                    panic!("{name} ({form}) names both {other} and {}", line.name);
                }
            }
        }
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            (
                "Arsenal = Gunners\nChelsea\n",
                "line 2: expected 'Team name = alias | alias', found no '='",
            ),
            ("\n\nChelsea = \n", "line 3: 'Chelsea' has no alias after '='"),
            (" = Blues\n", "line 1: a team name cannot be empty"),
            (
                "Arsenal = Gunners\n# x\nArsenal FC = The Arsenal\n",
                "line 3: 'Arsenal FC' is already given on line 1",
            ),
            ("A = B | C\nD = c\n", "line 2: 'c' is already given on line 1"),
            (
                "A = B\x1b[2J\n",
                "line 1: an alias cannot contain the control character U+001B",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_aliases(text).unwrap_err().to_string(), expected, "{text:?}");
        }
        // Comments after names, spaces, a name repeated on its own line in another spelling.
        let lines = parse_aliases("Man Utd = Man United | Manchester United FC | MUFC  # fans\n").unwrap();
        assert_eq!(lines[0].aliases, ["Man United", "Manchester United FC", "MUFC"]);
    }
}
