//! The German league layout of `germany.csv` (the Bundesliga since 1963-64 and
//! the 2. Bundesliga since 1974-75) and `germany2.csv` (the second tier alone):
//! `england.csv`'s columns without its repeats, `tier` written before
//! `division`, which is how the header tells them apart. Read as the league
//! layout, one record per season and division, named from the table of German
//! leagues under the German history regulations (see `countries`).
//!
//! In 1991-92 the 2. Bundesliga's North and South divisions played 22 rounds,
//! then split into a promotion and a relegation round of six clubs each, every
//! club keeping its points. A season's record holds one league, so the rows of
//! those rounds (the second meeting of two clubs at the same ground) are left
//! out and counted, and the record is the first stage, as Spain's 1986-87 is.

use super::league::{COLUMNS, Leagues, Undated, read_leagues};
use super::{Layout, countries};
use crate::{Reading, Skipped};

/// `germany.csv`'s header, whole and in order.
const HEADER: &[&str] = &[
    "Date", "Season", "home", "visitor", "FT", "hgoal", "vgoal", "tier", "division",
];

pub(crate) const LAYOUT: Layout = Layout {
    name: "engsoccer-germany",
    file: "germany.csv",
    columns: COLUMNS,
    header: Some(HEADER),
    read: |text| read_leagues(text, Undated::Refuse, &GERMANY).map(second_stages_left_out),
};

/// The German leagues, by the `division` column.
const GERMANY: Leagues = Leagues {
    layout: LAYOUT,
    adjective: countries::GERMANY.adjective,
    league: |division, start| countries::GERMANY.league(division, start),
};

/// `reading` without the rows of a second stage, counted by season: a club's second
/// home match with the same visitors in one record (rows given twice alike are
/// already gone: these are other matches).
fn second_stages_left_out(mut reading: Reading) -> Reading {
    for record in &mut reading.seasons {
        let mut seen = foldhash::HashSet::default();
        let before = record.matches.len();
        record
            .matches
            .retain(|m| seen.insert((m.home.clone(), m.away.clone())));
        let rows = before - record.matches.len();
        if rows > 0 {
            let season = record.season.map(|s| s.to_string()).unwrap_or_default();
            reading.skipped.push(Skipped {
                rows,
                why: format!(
                    "rows of the {} {season} second stage (two clubs meeting again at the same ground, \
                     each club keeping its points), which a season's record of one league cannot hold",
                    record.competition
                ),
            });
        }
    }
    reading
}
