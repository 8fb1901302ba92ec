//! openfootball's Football.TXT: league, cup and tournament files.
//!
//! ```text
//! = World Cup 2026 Qualifying          the header: a name and, anywhere in it, the season
//! ==Europe (UEFA)==                    a section heading (resets the headings below it)
//! ▪ UEFA Second Round Play-offs        a heading; `»`, `▪` or a bare round word at depth 1
//! ▪▪ Path A                            deeper headings refine it: "Path A, Semi-finals"
//! ▪▪▪ Semi-finals
//! Matchday 1 | Fri Jun 14 - Tue Jun 18 a matchday (or round) defined by its dates
//! Group A  |  Germany  Scotland ...    a group's teams (the matches name them again)
//! [Fri Aug/11]  Fri Aug 11  June 11    a date line: `Sat Nov/4 2023`, `Th 26/3/26`, `05.04.1959`, `1.8.`
//! Thu Jun 14 18:00 UTC+3 @ Lenin, Moscow, Att: 78011     a date with a kick-off and a venue
//!   20.00  Home FC  0-3 (0-2)  Away FC                   a match: score between the teams,
//!   19.45  Home v Away  4-5 pen. 4-4 a.e.t. (3-3, 1-3)   or after `Home v Away` / `Home - Away`
//! Th 26/3/26 20:45 CET  Italy  2-0  Northern Ireland  @ Bergamo   a date on the match line
//! 14.6.24 @ München      Germany  5–1 Scotland  (aet, 3-0 pen)    a venue before the teams
//!   Home v Away   [postponed]          statuses: postponed, cancelled, abandoned, awarded
//!   (Wirtz 10' Musiala 19')            scorers, after a match: skipped
//!      -; Kaddu 14' Okwi 48' (pen.)    scorers on lines of their own (internationals): skipped
//!   Morocco - Benin  1-1  @ Cairo, Egypt  [Benin wins on penalties]   a shoot-out's winner
//! Germany:  Neuer - Kimmich, ...       line-ups, `Penalties:`, `Referee:`, `NOTE:`: skipped
//! <!-- ... -->                         comment blocks (final tables): skipped
//! # ...   ## ...                       comments: skipped
//! __END__                              the rest of the file is not read
//! ```
//!
//! Three families of layout are read, as the openfootball repositories use
//! them: the England files (`Matchday 1`, `[Fri Aug/11]`), the `▪` files
//! (Europe's leagues, the Euro and World Cup files, including the "more" and
//! "full" layouts with the date on a line of its own with kick-off, venue and
//! attendance), and the `»` cup files. The spec samples' RSSSF style (day-first
//! dates, venue before the teams, `(aet)` after the match) is read too.
//!
//! Scores: `2-1` or `2–1`; `2-1 (1-0)` with the half-time score; `1-2 a.e.t.
//! (1-1, 1-0)` and `4-5 pen. 4-4 a.e.t. (3-3, 1-3)` with the 90-minute and
//! half-time scores in brackets; the shoot-out may follow after a comma
//! (`1-1 a.e.t. (1-1, 1-1), 3-4 pen.`). A result that does not give its
//! 90-minute score (`1-1 a.e.t., 3-4 pen.`, `2–1 (aet)`) is refused, because a
//! stored result needs it and it is never invented; a goalless one (`0-0
//! a.e.t.`) was goalless after 90 minutes. A two-legged tie's `(agg 3-0)` is
//! dropped: the legs give it. A shoot-out's winner without its score (`1-1
//! [Benin wins on penalties]`) is checked (a team of the match, a level score)
//! and the match keeps the level score: a stored shoot-out is its score, and
//! that is not invented.
//!
//! Refused with the line and what it is: a second header, a match before any
//! date (a file with no dates, such as openfootball's "min" layout: a match
//! needs its day, and inventing one would corrupt every as-of table), a squad
//! list (`1, Matt TURNER, GK, ...`), and any line this reader does not
//! understand. Nothing is skipped silently except what is listed above as
//! skipped, and draw slots whose teams are not known yet (`N.N. v N.N.`, no
//! score): they are listed again once the teams are.
//!
//! The season is the edition: `= Euro 2021` (openfootball names Euro 2020
//! by the year it was played) is Euro, season `2020 (played 2021)`; see
//! `LATE_EDITIONS` in `derive.rs` for the tournaments played a year late.
//!
//! What the files leave implicit is derived, and documented where it is done:
//! the rounds of group stages written without matchdays, the groups of the
//! Champions League file (which does not name them), the groups and knockout
//! rounds of a tournament written with neither (the internationals files, as
//! the Africa Cup of Nations 2019), legs and replays, and neutral venues.

mod dates;
pub(crate) mod derive;
mod reader;
mod scorers;
mod scores;
#[cfg(test)]
mod tests;

use matchday_core::SeasonRecord;

use crate::ParseError;
use reader::Reader;
pub(crate) use reader::check_texts;

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
    for (line, raw) in crate::lines(text) {
        crate::refuse_nul(line, raw)?;
        if raw.trim() == "__END__" {
            break;
        }
        reader.read_line(line, raw)?;
    }
    reader.finish()
}
