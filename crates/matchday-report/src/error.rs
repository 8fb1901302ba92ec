//! What can go wrong while drawing.

use thiserror::Error;

/// A chart or page that could not be drawn.
#[derive(Debug, Error)]
pub enum ReportError {
    /// The league has no counted result on or before the day asked for.
    #[error("no results counted yet: there is nothing to chart")]
    NothingToChart,
    /// A team asked for has no line in the chart.
    #[error("{0} has played no match in this league")]
    NoLine(String),
    /// The drawing library refused (it draws into a string, so this is a bug in the layout).
    #[error("cannot draw the chart: {0}")]
    Drawing(String),
}
