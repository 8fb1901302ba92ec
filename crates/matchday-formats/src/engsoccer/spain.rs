//! The Spanish league layout of `spain.csv` (the Primera División since 1928-29):
//! `Date, Season, home, visitor, HT, hgoal, vgoal, tier, round, notes` are read
//! (`FT` repeats the goals; `group` only names the groups of the second phase,
//! which is left out). It has no `division` column: the tier names the league.
//! One record per season and tier, named from the table of Spanish leagues under
//! the Spanish history regulations (see `countries`), with half-time scores.
//!
//! Two kinds of row are not plain results. 1986-87 ended with a second phase of
//! three groups of six, each club keeping its points (`round` "phase2"): a season
//! record holds one league, so those rows are left out and counted, and the
//! season's record is its first phase (34 rounds). A match decided off the pitch
//! has a note ("1-0 win awarded to AD Almeria") and is stored as awarded, with
//! the score the file gives.

use matchday_core::{ExtraTimeAfter, Format, MatchRecord, MatchStatus, Season, SeasonRecord};

use super::{Grouped, Layout, Rows, countries};
use crate::{ParseError, Reading, Skipped};

pub(crate) const LAYOUT: Layout = Layout {
    name: "engsoccer-spain",
    file: "spain.csv",
    columns: &[
        "Date", "Season", "home", "visitor", "HT", "hgoal", "vgoal", "tier", "round", "notes",
    ],
    header: None,
    read: parse,
};

/// The `round` of a league match; any other is refused, but the second phase's.
const LEAGUE_ROUND: &str = "league";
/// The `round` of 1986-87's second phase.
const SECOND_PHASE: &str = "phase2";

/// Reads `spain.csv` into one record per season and tier.
///
/// # Errors
/// A [`ParseError`] naming the first row that cannot be read, line 1 when a
/// needed column is missing.
pub(crate) fn parse(text: &str) -> Result<Reading, ParseError> {
    let (mut rows, at) = Rows::open(text, LAYOUT)?;
    let [
        date,
        season,
        home,
        away,
        half_time,
        hgoal,
        vgoal,
        tier,
        round,
        notes,
    ] = at[..]
    else {
        unreachable!("one position per column")
    };
    let spain = &countries::SPAIN;
    let mut records: Grouped<(i32, u8), SeasonRecord> = Grouped::new();
    let mut left_out: Grouped<(String, i32), Skipped> = Grouped::new();
    while let Some(row) = rows.next_row() {
        let row = row?;
        let start = row.season(season)?;
        let day = row.required_date(date)?;
        let code = row.get(tier);
        match row.get(round) {
            LEAGUE_ROUND => {}
            SECOND_PHASE => {
                let why = format!(
                    "rows of the {} second phase (three groups, each club keeping its points), \
                     which a season's record of one league cannot hold",
                    Season::starting(start)
                );
                left_out
                    .entry((SECOND_PHASE.to_string(), start), || Skipped { rows: 0, why })
                    .rows += 1;
                continue;
            }
            _ => return Err(row.bad("the round (league or phase2)", round)),
        }
        let Some((name, level, rules)) = spain.league(code, start) else {
            let why = format!(
                "rows of tier \"{code}\" in {}, when no {} league was that tier",
                Season::starting(start),
                spain.adjective
            );
            left_out
                .entry((code.to_string(), start), || Skipped { rows: 0, why })
                .rows += 1;
            continue;
        };
        let score = row.goals(hgoal, vgoal)?;
        let half_time = row.score("the half-time score", half_time)?;
        let result = row.result(Some(score), half_time, None, None, ExtraTimeAfter::LevelMatch)?;
        let status = match row.value(notes) {
            None => MatchStatus::Played(result),
            Some(note) if note.contains("awarded") => MatchStatus::Awarded(result),
            Some(_) => return Err(row.bad("the note (only awarded results are known)", notes)),
        };
        let record = records.entry((start, level), || SeasonRecord {
            competition: name.to_string(),
            season: Some(Season::starting(start)),
            format: Some(Format::League),
            rules: Some(rules),
            ..Default::default()
        });
        record.matches.push(MatchRecord::league(
            day,
            row.required("the home team", home)?.to_string(),
            row.required("the visitors", away)?.to_string(),
            status,
            row.line,
        ));
    }
    super::drop_repeats(Reading {
        seasons: records.values,
        skipped: left_out.values,
    })
}
