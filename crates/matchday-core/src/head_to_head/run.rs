//! Unbeaten runs: meetings in a row that one team did not lose.

use chrono::NaiveDate;

use super::{Meeting, Rival, Verdict};

/// Meetings in a row that one team did not lose (a shoot-out lost is a draw, so it
/// does not end a run).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    rival: Rival,
    won: u32,
    drawn: u32,
    from: NaiveDate,
    to: NaiveDate,
    ongoing: bool,
}

impl Run {
    /// The team unbeaten.
    pub fn rival(&self) -> Rival {
        self.rival
    }

    /// How many meetings: those won and those drawn.
    pub fn length(&self) -> u32 {
        self.won + self.drawn
    }

    /// Meetings of the run the team won.
    pub fn won(&self) -> u32 {
        self.won
    }

    /// Meetings of the run drawn.
    pub fn drawn(&self) -> u32 {
        self.drawn
    }

    /// The day of its first meeting.
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// The day of its last meeting.
    pub fn to(&self) -> NaiveDate {
        self.to
    }

    /// Whether it reaches the latest meeting: the run still going.
    pub fn ongoing(&self) -> bool {
        self.ongoing
    }
}

/// Every unbeaten run of `rival` in `meetings` (oldest first), each as long as it goes, oldest first.
pub(crate) fn unbeaten_runs(meetings: &[Meeting], rival: Rival) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut current: Option<Run> = None;
    for m in meetings {
        if !m.unbeaten(rival) {
            runs.extend(current.take());
            continue;
        }
        let run = current.get_or_insert(Run {
            rival,
            won: 0,
            drawn: 0,
            from: m.date(),
            to: m.date(),
            ongoing: false,
        });
        run.to = m.date();
        match m.verdict() {
            Verdict::Won(_) => run.won += 1,
            Verdict::Drawn => run.drawn += 1,
        }
    }
    if let Some(mut run) = current {
        run.ongoing = true;
        runs.push(run);
    }
    runs
}
