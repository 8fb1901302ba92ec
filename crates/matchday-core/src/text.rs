//! Text that enters the domain: names, rounds and reasons.
//!
//! Such text ends up in tables on a terminal, so a control character (an ANSI
//! escape, a tab, NUL, a right-to-left override) could clear the screen, break
//! alignment or reorder what is shown. It is refused where text comes in, and
//! text stored before the check is shown escaped ([`escape_controls`]).

use std::borrow::Cow;
use std::fmt;

/// What a piece of text is, which decides its length limit and its wording in errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// A team's name.
    TeamName,
    /// Another name a team goes by.
    Alias,
    /// A competition's name.
    Competition,
    /// A round's label ("Matchday 22", "Final").
    Round,
    /// The reason of a deduction or the text of a decision.
    Reason,
}

impl TextField {
    /// The most characters this field holds.
    pub fn limit(self) -> usize {
        match self {
            TextField::TeamName | TextField::Alias | TextField::Competition | TextField::Round => {
                MAX_NAME_CHARS
            }
            TextField::Reason => MAX_REASON_CHARS,
        }
    }
}

impl fmt::Display for TextField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextField::TeamName => "a team name",
            TextField::Alias => "an alias",
            TextField::Competition => "a competition name",
            TextField::Round => "a round",
            TextField::Reason => "a reason",
        })
    }
}

/// The most characters of a name (team, alias, competition, round).
pub const MAX_NAME_CHARS: usize = 100;
/// The most characters of a reason (deduction, decision).
pub const MAX_REASON_CHARS: usize = 200;

/// Text refused by [`check_text`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Nothing but spaces where something is needed.
    #[error("{0} cannot be empty")]
    Empty(TextField),
    /// More characters than the field holds.
    #[error("{field} can be at most {limit} characters (this one has {length})", limit = field.limit())]
    TooLong {
        /// The field.
        field: TextField,
        /// Its length in characters.
        length: usize,
    },
    /// A name with no letter or digit ("⚽", "--"): names are told apart and
    /// found by their letters and digits, so such a name could never be found.
    #[error("{field} needs a letter or a digit: names are found by them, and '{text}' has none")]
    NoLetterOrDigit {
        /// The field.
        field: TextField,
        /// The text given.
        text: String,
    },
    /// A control or bidirectional-formatting character.
    #[error("{field} cannot contain the control character {}", char_code(*.found))]
    Control {
        /// The field.
        field: TextField,
        /// The character found.
        found: char,
    },
}

fn char_code(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Whether `c` must not reach a terminal raw: C0/C1 controls (tab, escape,
/// NUL, DEL...) and the bidirectional formatting characters.
pub fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            | '\u{2028}' | '\u{2029}')
}

/// Checks text for `field`: not empty (when `required`), within the length
/// limit, no control characters. Leading and trailing spaces are the caller's
/// to trim before.
///
/// # Errors
/// The first [`TextError`] that applies.
///
/// ```
/// use matchday_core::{TextField, check_text};
/// assert!(check_text(TextField::TeamName, "Brighton & Hove Albion", true).is_ok());
/// assert!(check_text(TextField::Reason, "\x1b[2J", true).is_err());
/// ```
pub fn check_text(field: TextField, text: &str, required: bool) -> Result<(), TextError> {
    if required && text.trim().is_empty() {
        return Err(TextError::Empty(field));
    }
    if let Some(found) = text.chars().find(|&c| is_control(c)) {
        return Err(TextError::Control { field, found });
    }
    let length = text.chars().count();
    if length > field.limit() {
        return Err(TextError::TooLong { field, length });
    }
    Ok(())
}

/// `text` with each control character written as `\u{..}`, for showing text
/// that was stored before it was checked.
///
/// ```
/// assert_eq!(matchday_core::escape_controls("a\x1b[2Jb"), "a\\u{1b}[2Jb");
/// ```
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_controls_naming_the_field() {
        for bad in ["\x1b[2J\x1b[H", "a\tb", "x\u{202E}y", "nul\0", "\u{2066}z"] {
            let err = check_text(TextField::Reason, bad, true).unwrap_err();
            assert!(
                matches!(
                    err,
                    TextError::Control {
                        field: TextField::Reason,
                        ..
                    }
                ),
                "{bad:?}"
            );
        }
        assert_eq!(
            check_text(TextField::TeamName, "a\tb", true)
                .unwrap_err()
                .to_string(),
            "a team name cannot contain the control character U+0009"
        );
    }

    #[test]
    fn refuses_empty_and_long_text() {
        assert_eq!(
            check_text(TextField::TeamName, "  ", true)
                .unwrap_err()
                .to_string(),
            "a team name cannot be empty"
        );
        assert!(check_text(TextField::Reason, "", false).is_ok());
        let name = "x".repeat(MAX_NAME_CHARS);
        assert!(check_text(TextField::TeamName, &name, true).is_ok());
        let long = format!("{name}y");
        assert_eq!(
            check_text(TextField::TeamName, &long, true).unwrap_err(),
            TextError::TooLong {
                field: TextField::TeamName,
                length: 101
            }
        );
        // Characters, not bytes: accented names are not cut short.
        assert!(check_text(TextField::TeamName, &"é".repeat(MAX_NAME_CHARS), true).is_ok());
        assert!(check_text(TextField::Reason, &"r".repeat(MAX_REASON_CHARS), true).is_ok());
    }

    #[test]
    fn accepts_real_names() {
        for name in [
            "Brighton & Hove Albion",
            "1. FC Köln",
            "Beşiktaş",
            "Nott'm Forest",
            "FK Crvena zvezda",
        ] {
            assert!(check_text(TextField::TeamName, name, true).is_ok(), "{name}");
        }
    }

    #[test]
    fn escapes_controls_for_display() {
        assert_eq!(escape_controls("plain"), Cow::Borrowed("plain"));
        assert_eq!(escape_controls("\x1b[2J\x1b[H"), "\\u{1b}[2J\\u{1b}[H");
        assert_eq!(escape_controls("a\tb\u{202E}"), "a\\u{9}b\\u{202e}");
        assert!(!escape_controls("x\0y\u{2066}").chars().any(is_control));
    }
}
