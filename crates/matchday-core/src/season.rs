//! Seasons: `2023-24` for a season across two years, `2024` for one inside a year.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Error;

/// A football season, such as 2023-24 or (for a tournament) 2024.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Season {
    start: i32,
    spans_two_years: bool,
}

impl Season {
    /// The season that starts in `year` and ends the next year (2023 gives 2023-24).
    pub fn starting(year: i32) -> Season {
        Season {
            start: year,
            spans_two_years: true,
        }
    }

    /// A season inside one calendar year, as tournaments and some leagues have.
    pub fn calendar(year: i32) -> Season {
        Season {
            start: year,
            spans_two_years: false,
        }
    }

    /// The year the season starts in.
    pub fn start_year(self) -> i32 {
        self.start
    }

    /// The year the season ends in.
    pub fn end_year(self) -> i32 {
        if self.spans_two_years {
            self.start + 1
        } else {
            self.start
        }
    }

    /// The first day a match of this season may be played.
    ///
    /// A two-year season runs from 1 June to 31 August of the next year:
    /// European qualifiers start in June, and 2019-20 ran into August 2020.
    pub fn first_day(self) -> NaiveDate {
        if self.spans_two_years {
            NaiveDate::from_ymd_opt(self.start, 6, 1).expect("valid date")
        } else {
            NaiveDate::from_ymd_opt(self.start, 1, 1).expect("valid date")
        }
    }

    /// The last day a match of this season may be played.
    pub fn last_day(self) -> NaiveDate {
        if self.spans_two_years {
            NaiveDate::from_ymd_opt(self.start + 1, 8, 31).expect("valid date")
        } else {
            NaiveDate::from_ymd_opt(self.start, 12, 31).expect("valid date")
        }
    }

    /// Whether `date` falls inside the season.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.first_day() <= date && date <= self.last_day()
    }

    /// Checks that `date` falls inside the season.
    ///
    /// # Errors
    /// [`Error::DateOutsideSeason`] naming the season's bounds.
    pub fn check_date(self, date: NaiveDate) -> Result<(), Error> {
        if self.contains(date) {
            Ok(())
        } else {
            Err(Error::DateOutsideSeason {
                date,
                season: self.to_string(),
                from: self.first_day(),
                to: self.last_day(),
            })
        }
    }

    /// The year to give a month and day written without a year (`Aug/11`) in this season.
    ///
    /// Months from July on belong to the start year, January to June to the end year.
    pub fn year_for_month(self, month: u32) -> i32 {
        if self.spans_two_years && month < 7 {
            self.start + 1
        } else {
            self.start
        }
    }

    /// The season a date belongs to, for seasons running from July to June.
    pub fn of_date(date: NaiveDate) -> Season {
        if date.month() >= 7 {
            Season::starting(date.year())
        } else {
            Season::starting(date.year() - 1)
        }
    }
}

impl fmt::Display for Season {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.spans_two_years {
            write!(f, "{}-{:02}", self.start, (self.start + 1).rem_euclid(100))
        } else {
            write!(f, "{}", self.start)
        }
    }
}

impl FromStr for Season {
    type Err = Error;

    fn from_str(text: &str) -> Result<Season, Error> {
        let bad = || Error::BadSeason(text.to_string());
        let trimmed = text.trim();
        let year = |s: &str| -> Result<i32, Error> {
            if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse::<i32>().map_err(|_| bad()).and_then(|y| {
                    if (1850..=2200).contains(&y) {
                        Ok(y)
                    } else {
                        Err(bad())
                    }
                })
            } else {
                Err(bad())
            }
        };
        match trimmed.split_once(['-', '/']) {
            None => Ok(Season::calendar(year(trimmed)?)),
            Some((first, second)) => {
                let start = year(first)?;
                let end = match second.len() {
                    2 if second.bytes().all(|b| b.is_ascii_digit()) => {
                        let yy: i32 = second.parse().map_err(|_| bad())?;
                        let century = (start + 1) / 100 * 100;
                        century + yy
                    }
                    4 => year(second)?,
                    _ => return Err(bad()),
                };
                if end == start + 1 {
                    Ok(Season::starting(start))
                } else {
                    Err(bad())
                }
            }
        }
    }
}

impl TryFrom<String> for Season {
    type Error = Error;
    fn try_from(text: String) -> Result<Season, Error> {
        text.parse()
    }
}

impl From<Season> for String {
    fn from(season: Season) -> String {
        season.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_usual_spellings() {
        for text in ["2023-24", "2023/24", "2023/2024", " 2023-2024 "] {
            assert_eq!(text.parse::<Season>().unwrap(), Season::starting(2023), "{text}");
        }
        assert_eq!("1999-00".parse::<Season>().unwrap(), Season::starting(1999));
        assert_eq!("1999-00".parse::<Season>().unwrap().to_string(), "1999-00");
        assert_eq!("2024".parse::<Season>().unwrap(), Season::calendar(2024));
    }

    #[test]
    fn rejects_nonsense() {
        for text in ["2023-25", "23-24", "", "abcd", "2023-2", "2023-24-25"] {
            assert!(text.parse::<Season>().is_err(), "{text}");
        }
    }

    #[test]
    fn dates_and_years() {
        let s = Season::starting(2023);
        assert_eq!(s.year_for_month(8), 2023);
        assert_eq!(s.year_for_month(2), 2024);
        assert!(s.contains(NaiveDate::from_ymd_opt(2024, 5, 19).unwrap()));
        assert!(
            s.check_date(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())
                .is_err()
        );
        assert_eq!(Season::of_date(NaiveDate::from_ymd_opt(2024, 2, 1).unwrap()), s);
    }
}
