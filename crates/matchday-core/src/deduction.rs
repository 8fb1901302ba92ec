//! Point deductions, which take effect on a date and can be changed later.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::TeamId;

/// Points taken from (or, when negative, given back to) a team in a competition.
///
/// A reduced penalty is a second deduction with negative points on the day
/// of the appeal: Everton 2023-24 were docked 10 on 2023-11-17 and given 4
/// back on 2024-02-26.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deduction {
    /// The team.
    pub team: TeamId,
    /// Points taken away; negative gives points back.
    pub points: i32,
    /// The day it took effect.
    pub effective: NaiveDate,
    /// Why.
    pub reason: String,
}

impl Deduction {
    /// Whether it applies to a table drawn up on `as_of`.
    pub fn applies_on(&self, as_of: Option<NaiveDate>) -> bool {
        as_of.is_none_or(|day| self.effective <= day)
    }
}
