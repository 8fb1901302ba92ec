//! The German league layout of `germany.csv` (the Bundesliga since 1963-64 and
//! the 2. Bundesliga since 1974-75) and `germany2.csv` (the second tier alone):
//! `england.csv`'s columns without its repeats, `tier` written before
//! `division`, which is how the header tells them apart. Read as the league
//! layout, one record per season and division, named from the table of German
//! leagues under the German history regulations (see `countries`).

use super::league::{COLUMNS, Leagues, Undated, read_leagues};
use super::{Layout, countries};

/// `germany.csv`'s header, whole and in order.
const HEADER: &[&str] = &[
    "Date", "Season", "home", "visitor", "FT", "hgoal", "vgoal", "tier", "division",
];

pub(crate) const LAYOUT: Layout = Layout {
    name: "engsoccer-germany",
    file: "germany.csv",
    columns: COLUMNS,
    header: Some(HEADER),
    read: |text| read_leagues(text, Undated::Refuse, &GERMANY),
};

/// The German leagues, by the `division` column.
const GERMANY: Leagues = Leagues {
    layout: LAYOUT,
    adjective: countries::GERMANY.adjective,
    league: |division, start| countries::GERMANY.league(division, start),
};
