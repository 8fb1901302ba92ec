//! openfootball's Football.TXT: league, cup and tournament files.
//!
//! Three layouts are read, as the openfootball repositories use them:
//!
//! - `Matchday 1`, `[Fri Aug/11]`, `  20.00  Home FC   0-3 (0-2)  Away FC`;
//! - `▪ Matchday 1`, `Fri Aug 11`, `  19:30  Home  0-3 (0-2)  Away` (also the
//!   Euro files, with group and matchday definitions, venues after `@`,
//!   scorer lines in brackets and line-ups);
//! - `» Round 1`, `  Fri Nov/3 2023`, `  19.45  Home v Away  4-5 pen. 4-4 a.e.t. (3-3, 1-3)`.
//!
//! A score written with `a.e.t.` or `pen.` carries the 90-minute score (and
//! then the half-time score) in its brackets; a plain score carries only the
//! half-time score. Lines this reader does not understand are errors: nothing
//! is skipped silently, except scorer lines, line-ups and what follows `__END__`.
//!
//! What the files leave implicit is derived, and documented where it is done:
//! the rounds of group stages written without matchdays, the groups of the
//! Champions League file (which does not name them), legs and replays, and
//! neutral venues.

mod dates;
mod derive;
mod reader;
mod scores;
#[cfg(test)]
mod tests;

use matchday_core::SeasonRecord;

use crate::ParseError;
use reader::Reader;

/// Reads a Football.TXT file into a season record.
///
/// # Errors
/// A [`ParseError`] naming the first line that cannot be read: a match line,
/// a date, a score that cannot happen, or a file without its `= Name Season` header.
///
/// ```
/// let text = "= English FA Cup 2023/24\n» Round 1\n  Tue Nov/14 2023\n    \
///             19.45  Salford City  v Peterborough United  4-5 pen. 4-4 a.e.t. (3-3, 1-3)\n";
/// let record = matchday_formats::football_txt::parse(text)?;
/// let result = record.matches[0].status.result().unwrap();
/// assert_eq!(result.to_string(), "4-4 aet, 4-5 pens");
/// # Ok::<(), matchday_formats::ParseError>(())
/// ```
pub fn parse(text: &str) -> Result<SeasonRecord, ParseError> {
    let mut reader = Reader::default();
    for (index, raw) in text.lines().enumerate() {
        if raw.trim() == "__END__" {
            break;
        }
        reader.read_line(index + 1, raw)?;
    }
    reader.finish()
}
