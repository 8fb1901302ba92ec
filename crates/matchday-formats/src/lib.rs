//! Season files in and out: text becomes a [`SeasonRecord`] and back.
//!
//! - [`football_txt`] reads openfootball's Football.TXT (league, cup and
//!   European files in all three layouts the openfootball repositories use).
//! - [`season_file`] reads and writes matchday's own season format, which
//!   round-trips exactly (see `FORMAT.md` beside this crate).
//! - [`engsoccer`] reads engsoccerdata's `england.csv` layout, one record per
//!   season and tier.
//!
//! Nothing here touches files: every function takes `&str` and returns values,
//! so the caller decides where text comes from. Team names stay exactly as
//! written; resolving them to stored teams is the store's job.
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

pub mod engsoccer;
pub mod football_txt;
pub mod season_file;

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
    /// An error at `line`.
    pub fn new(line: usize, message: impl Into<String>) -> ParseError {
        ParseError {
            line,
            message: message.into(),
        }
    }
}
