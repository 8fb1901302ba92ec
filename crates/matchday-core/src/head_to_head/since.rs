//! Where a head-to-head starts: from a season, or from a day.

use std::str::FromStr;

use chrono::NaiveDate;

use crate::{Error, Season};

/// The first season or day a head-to-head counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// Meetings of this season and later ones. A season is later when it starts later:
    /// the 2019-20 matches played in August 2020 are not of 2020-21.
    Season(Season),
    /// Meetings played on this day or later.
    Date(NaiveDate),
}

impl Since {
    /// Whether a meeting on `date` of a competition's `season` counts.
    pub fn admits(self, season: Season, date: NaiveDate) -> bool {
        match self {
            Since::Season(first) => season.first_day() >= first.first_day(),
            Since::Date(first) => date >= first,
        }
    }
}

impl FromStr for Since {
    type Err = Error;

    /// A day written 1990-08-25, else a season: 1990-91, 1990/91, 2024.
    fn from_str(text: &str) -> Result<Since, Error> {
        match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
            Ok(date) => Ok(Since::Date(date)),
            Err(_) => text.parse().map(Since::Season),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_season_or_a_day_is_read() {
        assert_eq!(
            "1990-91".parse::<Since>(),
            Ok(Since::Season(Season::starting(1990)))
        );
        assert_eq!(
            "1990/91".parse::<Since>(),
            Ok(Since::Season(Season::starting(1990)))
        );
        assert_eq!("1990-08-25".parse::<Since>(), Ok(Since::Date(day("1990-08-25"))));
        assert_eq!("2024".parse::<Since>(), Ok(Since::Season(Season::calendar(2024))));
        assert!("1990-13-01".parse::<Since>().is_err());
        assert!("soon".parse::<Since>().is_err());
    }

    #[test]
    fn a_season_counts_by_the_competitions_season_and_a_day_by_the_matchs() {
        let since = Since::Season(Season::starting(2020));
        // 2019-20 ran into August 2020: its last matches are not of 2020-21.
        assert!(!since.admits(Season::starting(2019), day("2020-08-02")));
        assert!(since.admits(Season::starting(2020), day("2020-09-12")));
        assert!(since.admits(Season::calendar(2021), day("2021-06-11")));
        assert!(!since.admits(Season::calendar(2020), day("2020-06-11")));
        let since = Since::Date(day("2020-08-01"));
        assert!(since.admits(Season::starting(2019), day("2020-08-02")));
        assert!(!since.admits(Season::starting(2019), day("2020-07-31")));
    }
}
