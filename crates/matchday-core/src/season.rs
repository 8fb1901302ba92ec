//! Seasons: `2023-24` for a season across two years, `2024` for one inside a
//! year (a calendar-year league such as MLS, or a tournament's edition), and
//! `2020 (played 2021)` for an edition played a year after its name (Euro 2020).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Error;

/// A football season, such as 2023-24 or (for a tournament) 2024.
///
/// A season is known by its name: `2020` and `2020 (played 2021)` are the
/// same season (comparing, hashing and ordering look at the name only), so
/// asking for Euro 2020's season `2020` finds it, while its dates are 2021's.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Season {
    start: i32,
    spans_two_years: bool,
    /// An edition played the year after its name (Euro 2020, played in 2021).
    played_late: bool,
}

impl PartialEq for Season {
    fn eq(&self, other: &Season) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Season {}

impl std::hash::Hash for Season {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl PartialOrd for Season {
    fn partial_cmp(&self, other: &Season) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Season {
    fn cmp(&self, other: &Season) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl Season {
    /// The first year a season may start in.
    pub const FIRST_YEAR: i32 = 1850;
    /// The last year a season may start in.
    pub const LAST_YEAR: i32 = 2200;

    /// The season that starts in `year` and ends the next year (2023 gives 2023-24).
    pub fn starting(year: i32) -> Season {
        Season {
            start: year,
            spans_two_years: true,
            played_late: false,
        }
    }

    /// A season inside one calendar year, as tournaments and some leagues have.
    pub fn calendar(year: i32) -> Season {
        Season {
            start: year,
            spans_two_years: false,
            played_late: false,
        }
    }

    /// A tournament's edition named after `name_year` and played in
    /// `played_in`: the same year, or the next (Euro 2020, played in 2021).
    ///
    /// # Errors
    /// [`Error::BadSeason`] when it is played before its year or more than a year after.
    pub fn edition(name_year: i32, played_in: i32) -> Result<Season, Error> {
        match played_in - name_year {
            0 => Ok(Season::calendar(name_year)),
            1 => Ok(Season {
                played_late: true,
                ..Season::calendar(name_year)
            }),
            _ => Err(Error::BadSeason(format!("{name_year} (played {played_in})"))),
        }
    }

    /// What a season is known by: its first year and whether it spans two.
    fn key(self) -> (i32, bool) {
        (self.start, self.spans_two_years)
    }

    /// The year the matches of a one-year season are played in.
    fn played_year(self) -> i32 {
        self.start + i32::from(self.played_late)
    }

    /// The year the season starts in (for an edition, the year of its name).
    pub fn start_year(self) -> i32 {
        self.start
    }

    /// The year the season ends in.
    pub fn end_year(self) -> i32 {
        if self.spans_two_years {
            self.start + 1
        } else {
            self.played_year()
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
            NaiveDate::from_ymd_opt(self.played_year(), 1, 1).expect("valid date")
        }
    }

    /// The last day a match of this season may be played.
    pub fn last_day(self) -> NaiveDate {
        if self.spans_two_years {
            NaiveDate::from_ymd_opt(self.start + 1, 8, 31).expect("valid date")
        } else {
            NaiveDate::from_ymd_opt(self.played_year(), 12, 31).expect("valid date")
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
        // The years a season's name reads back in: a season of year 0 would be stored and
        // then fail every read that meets it.
        if !(Season::FIRST_YEAR..=Season::LAST_YEAR).contains(&self.start_year())
            || !(Season::FIRST_YEAR..=Season::LAST_YEAR + 1).contains(&date.year())
        {
            return Err(Error::DateOutOfRange {
                date,
                first: Season::FIRST_YEAR,
                last: Season::LAST_YEAR,
            });
        }
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
            self.played_year()
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
        } else if self.played_late {
            write!(f, "{} (played {})", self.start, self.played_year())
        } else {
            write!(f, "{}", self.start)
        }
    }
}

impl FromStr for Season {
    type Err = Error;

    fn from_str(text: &str) -> Result<Season, Error> {
        let bad = || Error::BadSeason(text.to_string());
        let mut trimmed = text.trim();
        let mut played_in = None;
        if let Some((name, rest)) = trimmed.split_once(" (played ")
            && let Some(played) = rest.strip_suffix(')')
        {
            trimmed = name.trim();
            played_in = Some(played);
        }
        let year = |s: &str| -> Result<i32, Error> {
            if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse::<i32>().map_err(|_| bad()).and_then(|y| {
                    if (Season::FIRST_YEAR..=Season::LAST_YEAR).contains(&y) {
                        Ok(y)
                    } else {
                        Err(bad())
                    }
                })
            } else {
                Err(bad())
            }
        };
        if let Some(played) = played_in {
            return Season::edition(year(trimmed)?, year(played)?).map_err(|_| bad());
        }
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
    fn an_edition_played_late_keeps_its_name_and_takes_its_dates() {
        let euro = Season::edition(2020, 2021).unwrap();
        assert_eq!(euro.to_string(), "2020 (played 2021)");
        assert_eq!(
            "2020 (played 2021)".parse::<Season>().unwrap().to_string(),
            "2020 (played 2021)"
        );
        // Known by its name: asking for season 2020 finds it.
        assert_eq!(euro, Season::calendar(2020));
        assert_eq!(euro.start_year(), 2020);
        assert_eq!(euro.year_for_month(6), 2021);
        assert!(euro.contains(NaiveDate::from_ymd_opt(2021, 7, 11).unwrap()));
        assert!(!euro.contains(NaiveDate::from_ymd_opt(2020, 7, 11).unwrap()));
        assert_eq!(Season::edition(2026, 2026).unwrap().to_string(), "2026");
        assert!(Season::edition(2020, 2022).is_err());
        assert!(Season::edition(2020, 2019).is_err());
        assert!("2020 (played 2023)".parse::<Season>().is_err());
        let json = serde_json::to_string(&euro).unwrap();
        let back: Season = serde_json::from_str(&json).unwrap();
        assert_eq!(back.to_string(), euro.to_string());
        // Leagues played inside a calendar year (MLS, the Brasileirão).
        assert_eq!("2024".parse::<Season>().unwrap().to_string(), "2024");
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
