//! Season files in and out: text becomes a [`SeasonRecord`] and back.
//!
//! - [`football_txt`] reads openfootball's Football.TXT (league, cup and
//!   European files in all three layouts the openfootball repositories use).
//! - [`season_file`] reads and writes matchday's own season format, which
//!   round-trips exactly (see `FORMAT.md` beside this crate).
//! - [`football_json`] reads openfootball's football.json (flat `matches`,
//!   euro.json's nested `rounds`, worldcup.json's scores) and writes it.
//! - [`football_data`] reads football-data.co.uk's CSV files (the main
//!   leagues' and the "new leagues" layouts), one record per division.
//! - [`calendar`] writes iCalendar files of matches; [`ExportFormat`] is what
//!   `matchday export` writes: the registry's writers, CSV and iCalendar.
//! - [`engsoccer`] reads engsoccerdata's CSV files: the league layout of
//!   `england.csv` and `england5.csv` (one record per season and division,
//!   named as it was then), the FA Cup, League Cup, European Cup, play-offs
//!   and deductions.
//!
//! [`FileFormat`] is the one registry of them: detection from the content,
//! reading and writing by name (`--format json`), so callers never name a
//! format's module.
//!
//! Nothing here opens a file: the readers take `&str` and return values, so
//! the caller decides where text comes from; [`read_bounded`] takes the bytes
//! from any stream within bounds (64 MiB, lines of 1 MiB) and [`decode`] makes
//! them text. CSV written for people goes through [`spreadsheet_cell`].
//! Team names stay exactly as written; resolving them to stored teams is the store's job.
//!
//! ```
//! use matchday_formats::{football_txt, season_file};
//!
//! let text = "= English Premier League 2023/24\n\
//!             Matchday 22\n\
//!             [Wed Jan/31]\n  \
//!             20.15  Liverpool FC   4-1 (2-0)  Chelsea FC\n";
//! let record = football_txt::parse(text)?;
//! assert_eq!(record.competition, "English Premier League");
//! assert_eq!(record.matches[0].date.to_string(), "2024-01-31");
//!
//! let ours = season_file::write(&record);
//! assert!(ours.contains("2024-01-31 20:15 | Liverpool FC | Chelsea FC | 4-1 (2-0)"));
//! assert_eq!(season_file::parse(&ours)?.matches[0].status, record.matches[0].status);
//! # Ok::<(), matchday_formats::ParseError>(())
//! ```
//!
//! [`SeasonRecord`]: matchday_core::SeasonRecord
#![deny(missing_docs)]

pub mod calendar;
mod encoding;
pub mod engsoccer;
mod export;
pub mod football_data;
pub mod football_json;
pub mod football_txt;
mod format;
mod input;
pub mod season_file;
mod spreadsheet;

pub use encoding::{EncodingError, decode};
pub use export::{CSV_COLUMNS, ExportError, ExportFormat, ExportOptions, ExportSeason, write_csv};
pub use format::{FileFormat, FormatError, Reading, Skipped};
pub use input::{InputBounds, InputError, MAX_INPUT_BYTES, MAX_LINE_BYTES, read_bounded, read_within};
pub use spreadsheet::spreadsheet_cell;

/// A line of input that cannot be read, with its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong with it, quoting the text.
    pub message: String,
}

impl ParseError {
    /// An error at `line`. Whatever the message quotes (between `"`) is cut to
    /// [`QUOTE_CHARS`] characters and its control characters are escaped, so
    /// a 1 MB bad line or a file without line breaks is not echoed whole, and
    /// nothing raw reaches a terminal.
    pub fn new(line: usize, message: impl Into<String>) -> ParseError {
        ParseError {
            line,
            message: bounded(&message.into()),
        }
    }
}

/// The most characters of a line an error quotes.
pub const QUOTE_CHARS: usize = 80;

/// The most characters of the message's own words between two quotes (they
/// may hold names taken from the line).
const WORDS_CHARS: usize = 3 * QUOTE_CHARS;

/// The most characters of a whole error message, however many quotes it has.
const MESSAGE_CHARS: usize = 6 * QUOTE_CHARS;

fn bounded(message: &str) -> String {
    let escaped = matchday_core::escape_controls(message);
    let mut out = String::with_capacity(escaped.len().min(4 * MESSAGE_CHARS));
    let mut total = 0;
    for (index, part) in escaped.split('"').enumerate() {
        if index > 0 {
            out.push('"');
            total += 1;
        }
        // Odd parts are quoted text, even ones the message's own words.
        let limit = if index % 2 == 1 { QUOTE_CHARS } else { WORDS_CHARS };
        let length = part.chars().count();
        if length > limit {
            out.extend(part.chars().take(limit));
            out.push('…');
            total += limit + 1;
        } else {
            out.push_str(part);
            total += length;
        }
        if total > MESSAGE_CHARS {
            out.push('…');
            break;
        }
    }
    out
}

/// The lines of `text`, numbered from 1: a UTF-8 byte-order mark at the start
/// is dropped, and `\r\n`, `\n` and a lone `\r` (old Mac files, mixed files)
/// each end a line.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let line = match rest.find(['\r', '\n']) {
            Some(end) => {
                let line = &rest[..end];
                let next = if rest[end..].starts_with("\r\n") {
                    end + 2
                } else {
                    end + 1
                };
                rest = &rest[next..];
                line
            }
            None => std::mem::take(&mut rest),
        };
        Some(line)
    })
    .enumerate()
    .map(|(index, line)| (index + 1, line))
}

/// Refuses a line holding a NUL byte: no text format matchday reads has one,
/// and it would be stored and shown as part of a name.
pub(crate) fn refuse_nul(line: usize, text: &str) -> Result<(), ParseError> {
    if text.contains('\0') {
        return Err(ParseError::new(line, format!("a NUL byte in \"{text}\"")));
    }
    Ok(())
}

/// Refuses a file that states one match (same day, same teams, same leg) twice
/// with different results, naming both lines: which one is right is not the
/// reader's to guess, and merging them would silently keep one.
pub(crate) fn refuse_conflicting_results(matches: &[matchday_core::MatchRecord]) -> Result<(), ParseError> {
    use std::collections::HashMap;
    let mut first: HashMap<(chrono::NaiveDate, &str, &str, Option<u8>, bool), &matchday_core::MatchRecord> =
        HashMap::new();
    for m in matches {
        let Some(result) = m.status.result() else {
            continue;
        };
        let key = (m.date, m.home.as_str(), m.away.as_str(), m.leg, m.replay);
        match first.get(&key) {
            Some(earlier) => {
                if let Some(before) = earlier.status.result()
                    && before != result
                {
                    return Err(ParseError::new(
                        m.line,
                        format!(
                            "{} v {} on {} is stated twice with different results: {before} on line {}, {result} here",
                            m.home, m.away, m.date, earlier.line
                        ),
                    ));
                }
            }
            None => {
                first.insert(key, m);
            }
        }
    }
    Ok(())
}

/// Checks a piece of text from line `line` of a file as `field`.
pub(crate) fn checked_text(
    line: usize,
    field: matchday_core::TextField,
    text: &str,
    required: bool,
) -> Result<(), ParseError> {
    matchday_core::check_text(field, text, required).map_err(|e| ParseError::new(line, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(usize, &str)> {
        lines(text).collect()
    }

    #[test]
    fn lines_end_at_any_line_break_and_skip_a_bom() {
        assert_eq!(all("a\nb\n"), [(1, "a"), (2, "b")]);
        assert_eq!(all("a\r\nb"), [(1, "a"), (2, "b")]);
        assert_eq!(all("a\rb\rc\r"), [(1, "a"), (2, "b"), (3, "c")]);
        assert_eq!(all("a\r\n\nb\rc\n"), [(1, "a"), (2, ""), (3, "b"), (4, "c")]);
        assert_eq!(all("\u{feff}x\n"), [(1, "x")]);
        assert_eq!(all(""), []);
        assert_eq!(all("\n"), [(1, "")]);
    }

    #[test]
    fn errors_quote_a_bounded_escaped_part_of_the_line() {
        let long = "x".repeat(1_000_000);
        let err = ParseError::new(3, format!("cannot read \"{long}\""));
        assert!(err.message.chars().count() < 120, "{}", err.message);
        assert!(err.message.starts_with("cannot read \"xxx"));
        assert!(err.message.ends_with("x…\""));
        let many = "\"a".repeat(100_000);
        let message = ParseError::new(1, many).message;
        assert!(
            message.chars().count() <= MESSAGE_CHARS + WORDS_CHARS + 2,
            "{}",
            message.chars().count()
        );
        let err = ParseError::new(1, "bad \"\x1b[2J\"");
        assert_eq!(err.message, "bad \"\\u{1b}[2J\"");
        assert_eq!(ParseError::new(1, "short \"ok\"").message, "short \"ok\"");
    }

    #[test]
    fn nul_is_refused_with_its_line() {
        let err = refuse_nul(4, "Ever\0ton").unwrap_err();
        assert_eq!(err.to_string(), "line 4: a NUL byte in \"Ever\\u{0}ton\"");
        assert!(refuse_nul(1, "Everton").is_ok());
    }

    use proptest::prelude::*;

    /// Lines of a season file, nearly right more often than not, with junk between.
    fn season_line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("matchday-season 1".to_string()),
            "(competition|slug|season|format|rules|points|zones|away-goals|team): [ -~]{0,20}",
            "deduct: 20[0-9]{2}-[01][0-9]-[0-3][0-9] \\| [A-C] \\| -?[0-9]{1,3}( \\| [ -~]{0,10})?",
            "== ?[ -~]{0,12}",
            "20[0-9]{2}-[01][0-9]-[0-3][0-9]( [0-2][0-9]:[0-5][0-9])? \\| [A-C] \\| [A-C]( \\| [0-9a-z ()-,]{0,24})?( \\| [a-z0-9 ,]{0,12})?",
            any::<String>(),
        ]
    }

    /// Lines of a Football.TXT file, nearly right more often than not, with junk between.
    fn football_txt_line() -> impl Strategy<Value = String> {
        prop_oneof![
            "= [A-Za-z ]{1,12} 20[0-9]{2}(/[0-9]{2})?",
            "(» |▪ )?(Matchday|Round|Group|Final|Quarter-finals)( [0-9A-H]{1,2})?",
            "  (\\[)?(Mon|Sat|Sun) (Jan|Aug|May)/[0-9]{1,2}( 20[0-9]{2})?(\\])?",
            "    ([0-2][0-9]\\.[0-5][0-9]  )?[A-C]( FC)?  (v  )?[A-C]?  [0-9]{1,2}-[0-9]{1,2}( \\([0-9]-[0-9]\\))?( a\\.e\\.t\\.| pen\\.)*( [A-C])?",
            "  Group [A-H] +\\| [A-C ]{0,12}",
            any::<String>(),
        ]
    }

    /// Bytes as a file might hold them: random, random lines (long ones among them),
    /// NULs, and any of these behind a byte-order mark or under a known header.
    fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
        let line = prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..40),
            "[ -~]{0,60}".prop_map(String::into_bytes),
            Just(vec![0u8; 7]),
            (1usize..3000).prop_map(|n| vec![b'x'; n]),
            Just(b"Div,Date,HomeTeam,AwayTeam,FTHG,FTAG".to_vec()),
            Just(b"matchday-season 1".to_vec()),
            Just(
                b"\"Date\",\"Season\",\"home\",\"visitor\",\"FT\",\"hgoal\",\"vgoal\",\"division\",\"tier\""
                    .to_vec()
            ),
            Just(b"{\"name\": \"x\", \"matches\": [".to_vec()),
        ];
        let mark = prop_oneof![
            Just(Vec::new()),
            Just(vec![0xef, 0xbb, 0xbf]),
            Just(vec![0xff, 0xfe]),
            Just(vec![0xfe, 0xff]),
            Just(vec![0xff, 0xfe, 0, 0]),
        ];
        let ending = prop_oneof![
            Just(&b"\n"[..]),
            Just(&b"\r\n"[..]),
            Just(&b"\r"[..]),
            Just(&b"\0"[..])
        ];
        (mark, proptest::collection::vec(line, 0..30), ending).prop_map(|(mut bytes, lines, ending)| {
            for line in lines {
                bytes.extend(line);
                bytes.extend(ending);
            }
            bytes
        })
    }

    proptest! {
        /// Issue 19: random bytes given to an import, read as a stream within bounds (small
        /// ones here, so that they are passed too), decoded, detected and read, never panic
        /// and never hold more than the bound: each step either gives the next or an error,
        /// whose message is short and holds no control character.
        #[test]
        fn random_bytes_are_read_within_the_bounds_or_refused_never_a_panic(bytes in file_bytes()) {
            let bounds = InputBounds { total: 20_000, line: 1_000 };
            let read = match read_within(bytes.as_slice(), bounds) {
                Ok(read) => read,
                Err(InputError::Io(e)) => return Err(TestCaseError::fail(format!("reading memory failed: {e}"))),
                Err(InputError::TooLarge { .. }) => {
                    prop_assert!(bytes.len() > bounds.total);
                    return Ok(());
                }
                Err(InputError::LineTooLong { line, .. }) => {
                    prop_assert!(line >= 1);
                    let longest = bytes.split(|&b| b == b'\n' || b == b'\r').map(<[u8]>::len).max();
                    prop_assert!(longest > Some(bounds.line));
                    return Ok(());
                }
            };
            prop_assert_eq!(&read, &bytes);
            prop_assert!(read.capacity() <= bounds.total);
            let text = match decode(&read) {
                Ok(text) => text,
                Err(err) => {
                    prop_assert!(!err.to_string().chars().any(matchday_core::is_control));
                    return Ok(());
                }
            };
            let format = FileFormat::detect(&text);
            for format in std::iter::once(format).chain(FileFormat::all().iter().copied()) {
                if let Err(err) = format.read_counting_skips(&text) {
                    let message = err.to_string();
                    prop_assert!(message.chars().count() < 1000, "{message}");
                    prop_assert!(!message.chars().any(matchday_core::is_control), "{message:?}");
                }
            }
        }
    }

    proptest! {
        /// No text makes a reader panic, and any error it gives is short and
        /// holds no control character.
        #[test]
        fn readers_never_panic(
            season in proptest::collection::vec(season_line(), 0..24),
            txt in proptest::collection::vec(football_txt_line(), 0..24),
            ending in prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
            junk in any::<String>(),
        ) {
            for text in [season.join(ending), txt.join(ending), junk] {
                for result in [season_file::parse(&text), football_txt::parse(&text), football_json::parse(&text)] {
                    if let Err(err) = result {
                        let message = err.to_string();
                        prop_assert!(message.chars().count() < 1000, "{message}");
                        prop_assert!(!message.chars().any(matchday_core::is_control), "{message:?}");
                    }
                }
                let _ = engsoccer::parse(&text);
                // Every registry format, the engsoccerdata layouts among them, on the same text
                // and on it under each layout's header.
                for format in FileFormat::all() {
                    let _ = format.read_counting_skips(&text);
                }
                for layout in engsoccer::LAYOUTS {
                    let _ = layout.read(&format!("{}\n{text}", layout.columns.join(",")));
                }
            }
        }
    }
}
