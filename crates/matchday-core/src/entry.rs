//! Reading results and fixtures as people type them: "Liverpool 4-1 Chelsea",
//! "Salford 4-4 Peterborough aet, 4-5 pens", "Liverpool v Chelsea".

use crate::{Error, ExtraTimeAfter, MatchResult};

/// A typed result: two team names and the result between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultEntry {
    /// The first-named (home) team as typed.
    pub home: String,
    /// The second-named team as typed.
    pub away: String,
    /// The result, read as given: whether its extra time may follow a match
    /// that was not level (a second leg) is for the match's checks to say,
    /// once its leg is known.
    pub result: MatchResult,
}

/// A typed fixture: two team names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixtureEntry {
    /// The first-named (home) team as typed.
    pub home: String,
    /// The second-named team as typed.
    pub away: String,
}

/// Why typed text is not a result or fixture.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    /// No score between two names.
    #[error(
        "cannot read '{0}': write a result as \"Home 2-1 Away\" (optionally \"aet\", \"(90 min 1-1)\" and \", 4-3 pens\")"
    )]
    NoScore(String),
    /// A name is missing on one side.
    #[error("cannot read '{0}': a team name is missing")]
    MissingTeam(String),
    /// No "v" between two names.
    #[error("cannot read '{0}': write a fixture as \"Home v Away\"")]
    NoVersus(String),
    /// The score is there but wrong.
    #[error("{0}")]
    Score(#[from] Error),
}

fn is_score_token(word: &str) -> bool {
    let mut parts = word.split(['-', '–']);
    let (Some(h), Some(a), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !h.is_empty()
        && !a.is_empty()
        && h.bytes().all(|b| b.is_ascii_digit())
        && a.bytes().all(|b| b.is_ascii_digit())
}

/// A word that looks like an attempt at a score: digits with a sign or dash.
fn looks_numeric(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
        && word.chars().all(|c| c.is_ascii_digit() || "-–+:.".contains(c))
}

/// The text with its scores written as matchday reads them: "4 - 1" (spaced, as
/// people type and papers print) and "4:1" (as scoreboards show) become "4-1".
/// Only digits either side of the dash or colon are joined, so a name keeps its words.
fn scores_joined(text: &str) -> String {
    let digits_then = |w: &str, close: &str| {
        let core = w.trim_end_matches(|c: char| close.contains(c));
        !core.is_empty() && core.bytes().all(|b| b.is_ascii_digit())
    };
    let mut words: Vec<String> = Vec::new();
    let raw: Vec<&str> = text.split_whitespace().collect();
    let mut i = 0;
    while i < raw.len() {
        let before = raw[i].trim_start_matches('(');
        if i + 2 < raw.len()
            && !before.is_empty()
            && before.bytes().all(|b| b.is_ascii_digit())
            && matches!(raw[i + 1], "-" | "–" | ":")
            && digits_then(raw[i + 2], "),")
        {
            words.push(format!("{}-{}", raw[i], raw[i + 2]));
            i += 3;
            continue;
        }
        words.push(colon_as_dash(raw[i]));
        i += 1;
    }
    words.join(" ")
}

/// "4:1" (and "(1:0)", "4:3,") with a dash for the colon between its digits.
fn colon_as_dash(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between_digits =
                i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(char::is_ascii_digit);
            if c == ':' && between_digits { '-' } else { c }
        })
        .collect()
}

impl std::str::FromStr for ResultEntry {
    type Err = EntryError;

    fn from_str(text: &str) -> Result<ResultEntry, EntryError> {
        let joined = scores_joined(text);
        let words: Vec<&str> = joined.split_whitespace().collect();
        let Some(at) = words.iter().position(|w| is_score_token(w)) else {
            if let Some(bad) = words.iter().find(|w| looks_numeric(w)) {
                return Err(EntryError::Score(Error::BadScore(bad.to_string())));
            }
            return Err(EntryError::NoScore(text.trim().to_string()));
        };
        let home = words[..at].join(" ");
        let rest = &words[at + 1..];
        let end = rest
            .iter()
            .position(|w| {
                let w = w.trim_end_matches(',').to_ascii_lowercase();
                w == "aet" || w == "a.e.t." || w == "pens" || w.starts_with('(') || is_score_token(&w)
            })
            .unwrap_or(rest.len());
        let away = rest[..end].join(" ").trim_end_matches(',').trim().to_string();
        if home.is_empty() || away.is_empty() {
            return Err(EntryError::MissingTeam(text.trim().to_string()));
        }
        if let Some(bad) = words[..at]
            .iter()
            .chain(rest[..end].iter())
            .find(|w| looks_numeric(w) && w.contains('-'))
        {
            return Err(EntryError::Score(Error::BadScore(bad.to_string())));
        }
        // "Wolves, 4-3 pens": the comma stuck to the name; give it back to the score.
        let tail = rest[end..].join(" ");
        let joiner = if rest.get(end).is_some_and(|w| is_score_token(w)) {
            ", "
        } else {
            " "
        };
        let score_text = format!("{}{joiner}{tail}", words[at]);
        let result = MatchResult::parse(&score_text, ExtraTimeAfter::LevelAggregate)?;
        Ok(ResultEntry { home, away, result })
    }
}

impl std::str::FromStr for FixtureEntry {
    type Err = EntryError;

    fn from_str(text: &str) -> Result<FixtureEntry, EntryError> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let Some(at) = words.iter().position(|w| matches!(*w, "v" | "vs" | "vs." | "-")) else {
            return Err(EntryError::NoVersus(text.trim().to_string()));
        };
        let home = words[..at].join(" ");
        let away = words[at + 1..].join(" ");
        if home.is_empty() || away.is_empty() {
            return Err(EntryError::MissingTeam(text.trim().to_string()));
        }
        Ok(FixtureEntry { home, away })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Score;

    #[test]
    fn reads_results_as_typed() {
        let e: ResultEntry = "Liverpool 4-1 Chelsea".parse().unwrap();
        assert_eq!((e.home.as_str(), e.away.as_str()), ("Liverpool", "Chelsea"));
        assert_eq!(e.result.score(), Some(Score::new(4, 1).unwrap()));

        let e: ResultEntry = "Salford City 4-4 Peterborough United aet, 4-5 pens"
            .parse()
            .unwrap();
        assert_eq!(e.away, "Peterborough United");
        assert_eq!(e.result.extra_time(), Some(Score::new(4, 4).unwrap()));
        assert_eq!(e.result.penalties(), Some(Score::new(4, 5).unwrap()));

        let e: ResultEntry = "Liverpool 1-0 Chelsea aet".parse().unwrap();
        assert_eq!(e.result.to_string(), "1-0 aet");

        // Only what was given: no 90-minute score is made up for "aet".
        assert_eq!(e.result.score(), None);
        let e: ResultEntry = "Arsenal 1-0 Porto aet (90 min 1-0), 4-2 pens".parse().unwrap();
        assert_eq!((e.home.as_str(), e.away.as_str()), ("Arsenal", "Porto"));
        assert_eq!(e.result.score(), Some(Score::new(1, 0).unwrap()));
        assert_eq!(e.result.penalties(), Some(Score::new(4, 2).unwrap()));
        let e: ResultEntry = "Liverpool 2-1 Chelsea (1-0)".parse().unwrap();
        assert_eq!(e.away, "Chelsea");
        assert_eq!(e.result.half_time(), Some(Score::new(1, 0).unwrap()));

        let e: ResultEntry = "Brighton & Hove Albion 1-1 Wolves, 4-3 pens".parse().unwrap();
        assert_eq!(e.away, "Wolves");
        assert_eq!(e.result.penalties(), Some(Score::new(4, 3).unwrap()));
    }

    #[test]
    fn scores_are_read_spaced_and_with_a_colon() {
        for typed in [
            "Liverpool 4 - 1 Chelsea",
            "Liverpool 4:1 Chelsea",
            "Liverpool 4 : 1 Chelsea",
            "Liverpool 4 – 1 Chelsea",
        ] {
            let e: ResultEntry = typed.parse().unwrap();
            assert_eq!(
                (e.home.as_str(), e.away.as_str()),
                ("Liverpool", "Chelsea"),
                "{typed}"
            );
            assert_eq!(e.result.score(), Some(Score::new(4, 1).unwrap()), "{typed}");
        }
        let e: ResultEntry = "Salford City 4 - 4 Peterborough aet, 4:5 pens".parse().unwrap();
        assert_eq!(e.result.penalties(), Some(Score::new(4, 5).unwrap()));
        let e: ResultEntry = "Liverpool 2:1 Chelsea (1 - 0)".parse().unwrap();
        assert_eq!(e.result.half_time(), Some(Score::new(1, 0).unwrap()));
        // Digits in a name stay in the name.
        let e: ResultEntry = "Schalke 04 1 - 0 Hannover 96".parse().unwrap();
        assert_eq!((e.home.as_str(), e.away.as_str()), ("Schalke 04", "Hannover 96"));
    }

    #[test]
    fn explains_what_is_wrong() {
        assert!(matches!(
            "Liverpool beat Chelsea".parse::<ResultEntry>(),
            Err(EntryError::NoScore(_))
        ));
        assert!(matches!(
            "4-1 Chelsea".parse::<ResultEntry>(),
            Err(EntryError::MissingTeam(_))
        ));
        assert!(matches!(
            "Liverpool -1-0 Chelsea".parse::<ResultEntry>(),
            Err(EntryError::Score(_))
        ));
        assert_eq!(
            "Liverpool 100-0 Chelsea"
                .parse::<ResultEntry>()
                .unwrap_err()
                .to_string(),
            "100 goals is not a believable score (at most 99)"
        );
        assert!("Liverpool 1-1 Chelsea, 3-3 pens".parse::<ResultEntry>().is_err());
        let f: FixtureEntry = "Liverpool v Chelsea".parse().unwrap();
        assert_eq!((f.home.as_str(), f.away.as_str()), ("Liverpool", "Chelsea"));
        assert!("Liverpool Chelsea".parse::<FixtureEntry>().is_err());
    }

    proptest::proptest! {
        /// Whatever is typed, reading it gives an entry or an error, never a panic;
        /// a read entry names two teams.
        #[test]
        fn typed_text_never_panics(text in proptest::prop_oneof![proptest::prelude::any::<String>(), "[A-Za-z ]{0,12}[0-9]{0,3}[-:]?[0-9]{0,3}( aet| pens| \\(| \\)|,| v |-)*[A-Za-z0-9 ()-]{0,12}"]) {
            if let Ok(e) = text.parse::<ResultEntry>() {
                proptest::prop_assert!(!e.home.is_empty() && !e.away.is_empty());
            }
            let _ = text.parse::<FixtureEntry>();
        }
    }
}
