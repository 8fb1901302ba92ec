//! Renders charts and the HTML season page from typed values.
//!
//! Everything here is pure: the values come in from the core and forecast
//! crates (tables, trackers, gaps, forecasts), already loaded by whoever
//! stored them, and strings go out: an SVG document ([`chart_svg`], a club's
//! league history in [`history_svg`]) or a
//! self-contained HTML page ([`season_page`]) that needs nothing from the
//! network to view. Every name is escaped on the way out.
#![deny(missing_docs)]

mod chart;
mod error;
mod escape;
mod history;
mod page;
mod progress;
#[cfg(test)]
mod testing;

pub use chart::{ChartKind, ChartOptions, chart_svg, team_colours};
pub use error::ReportError;
pub use escape::escape;
pub use history::{HistoryChart, HistoryPoint, history_svg};
pub use page::{GroupSection, LeagueSection, SeasonPage, TeamMatch, TeamSeason, season_page};
pub use progress::{Progress, Step, TeamProgress};
