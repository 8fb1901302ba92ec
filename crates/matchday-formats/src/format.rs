//! The file formats matchday reads and writes, as one registry: detection
//! from the content, `--format NAME` and export all go through it, so none
//! of them knows the formats one by one, and adding a format is one entry.
//!
//! ```
//! use matchday_formats::FileFormat;
//!
//! let text = "= English Premier League 2023/24\nMatchday 22\n[Wed Jan/31]\n  Liverpool FC  4-1  Chelsea FC\n";
//! let format = FileFormat::detect(text);
//! assert_eq!(format.name(), "football.txt");
//! let records = format.read(text)?;
//! let json = FileFormat::named("json")?.write(&records[0])?;
//! assert_eq!(FileFormat::detect(&json).name(), "football.json");
//! assert!(FileFormat::named("football.txt")?.write(&records[0]).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use matchday_core::SeasonRecord;

use crate::{ParseError, engsoccer, football_data, football_json, football_txt, season_file};

/// What reading a file gave: its seasons, and the rows left out on purpose.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reading {
    /// The seasons read, one record each.
    pub seasons: Vec<SeasonRecord>,
    /// Rows the reader left out, counted by why (none for most formats).
    pub skipped: Vec<Skipped>,
}

impl From<Vec<SeasonRecord>> for Reading {
    fn from(seasons: Vec<SeasonRecord>) -> Reading {
        Reading {
            seasons,
            skipped: Vec::new(),
        }
    }
}

/// Rows a reader left out and why: "9034 rows without a date (seasons 1979-80 to 1998-99)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// How many.
    pub rows: usize,
    /// Why, in words that follow the count.
    pub why: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.rows, self.why)
    }
}

/// A file format: its names, how to recognise it from the content, and how
/// to read it and (for some) write it.
#[derive(Clone, Copy)]
pub struct FileFormat {
    name: &'static str,
    aliases: &'static [&'static str],
    summary: &'static str,
    detect: fn(&str) -> bool,
    read: fn(&str) -> Result<Reading, ParseError>,
    write: Option<fn(&SeasonRecord) -> String>,
}

impl std::fmt::Debug for FileFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl PartialEq for FileFormat {
    fn eq(&self, other: &FileFormat) -> bool {
        self.name == other.name
    }
}

impl Eq for FileFormat {}

/// Every format, in the order detection tries them: the ones with an
/// unmistakable start first, Football.TXT (which reads any text, and whose
/// errors say best what a line lacks) last.
const FORMATS: [FileFormat; 14] = [
    FileFormat {
        name: "season",
        aliases: &["season-file", "matchday"],
        summary: "matchday's own season file (lossless)",
        detect: season_file::is_season_file,
        read: |text| season_file::parse(text).map(|r| vec![r].into()),
        write: Some(season_file::write),
    },
    FileFormat {
        name: "football.json",
        aliases: &["json"],
        summary: "openfootball football.json, euro.json and worldcup.json",
        detect: football_json::is_json,
        read: |text| football_json::parse(text).map(|r| vec![r].into()),
        write: Some(football_json::write),
    },
    FileFormat {
        name: "engsoccer",
        aliases: &["engsoccerdata", "engsoccer-league"],
        summary: "engsoccerdata's england.csv and england5.csv (one season per division, named as it was then)",
        detect: |text| engsoccer::LEAGUE.detects(text),
        read: |text| engsoccer::LEAGUE.read(text),
        write: None,
    },
    FileFormat {
        name: "engsoccer-skip-undated",
        aliases: &[],
        summary: "the same, leaving out (and counting) rows without a date: england5.csv's 1979-80 to 1998-99",
        detect: |_| false,
        read: |text| engsoccer::parse_league(text, engsoccer::Undated::Skip),
        write: None,
    },
    FileFormat {
        name: "engsoccer-facup",
        aliases: &["facup"],
        summary: "engsoccerdata's facup.csv (FA Cup; byes, walkovers and void matches left out and counted)",
        detect: |text| engsoccer::FA_CUP.detects(text),
        read: |text| engsoccer::FA_CUP.read(text),
        write: None,
    },
    FileFormat {
        name: "engsoccer-leaguecup",
        aliases: &["leaguecup"],
        summary: "engsoccerdata's leaguecup.csv (League Cup)",
        detect: |text| engsoccer::LEAGUE_CUP.detects(text),
        read: |text| engsoccer::LEAGUE_CUP.read(text),
        write: None,
    },
    FileFormat {
        name: "engsoccer-champs",
        aliases: &["champs"],
        summary: "engsoccerdata's champs.csv (European Cup to 1991-92, Champions League from 1992-93)",
        detect: |text| engsoccer::EUROPEAN_CUP.detects(text),
        read: |text| engsoccer::EUROPEAN_CUP.read(text),
        write: None,
    },
    FileFormat {
        name: "engsoccer-playoffs",
        aliases: &["playoffs"],
        summary: "engsoccerdata's englandplayoffs.csv (play-offs and test matches)",
        detect: |text| engsoccer::PLAY_OFFS.detects(text),
        read: |text| engsoccer::PLAY_OFFS.read(text),
        write: None,
    },
    FileFormat {
        name: "engsoccer-deductions",
        aliases: &["deductions"],
        summary: "engsoccerdata's deductions.csv (whole-season totals, dated at the season's end)",
        detect: |text| engsoccer::DEDUCTIONS.detects(text),
        read: |text| engsoccer::DEDUCTIONS.read(text),
        write: None,
    },
    FileFormat {
        name: "engsoccer-germany",
        aliases: &["germany"],
        summary: "engsoccerdata's germany.csv (Bundesliga from 1963-64, 2. Bundesliga; two points for a win to 1994-95)",
        detect: |text| engsoccer::GERMANY.detects(text),
        read: |text| engsoccer::GERMANY.read(text),
        write: None,
    },
    FileFormat {
        name: "engsoccer-spain",
        aliases: &["spain"],
        summary: "engsoccerdata's spain.csv (Primera División from 1928-29, head-to-head first; two points for a win to 1994-95)",
        detect: |text| engsoccer::SPAIN.detects(text),
        read: |text| engsoccer::SPAIN.read(text),
        write: None,
    },
    FileFormat {
        name: "football-data",
        aliases: &["football-data.co.uk", "fdco"],
        summary: "football-data.co.uk CSV (main leagues and new leagues layouts)",
        detect: football_data::is_football_data,
        read: |text| football_data::parse(text).map(Into::into),
        write: None,
    },
    FileFormat {
        name: "unknown-csv",
        aliases: &[],
        summary: "a CSV file in none of the layouts above: refused, naming the columns it lacks",
        detect: engsoccer::is_other_csv,
        read: engsoccer::refuse_other_csv,
        write: None,
    },
    FileFormat {
        name: "football.txt",
        aliases: &["txt", "football-txt"],
        summary: "openfootball Football.TXT",
        detect: |_| true,
        read: |text| football_txt::parse(text).map(|r| vec![r].into()),
        write: None,
    },
];

/// A format name that is not known, or a format asked to write that cannot.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// No format has this name.
    #[error("unknown format \"{name}\"; the formats are {known}")]
    Unknown {
        /// The name asked for.
        name: String,
        /// The valid names, comma-separated.
        known: String,
    },
    /// The format is read but not written.
    #[error("{name} is read but not written; the formats that can be written are {writable}")]
    NotWritable {
        /// The format asked for.
        name: &'static str,
        /// The names of the formats that can, comma-separated.
        writable: String,
    },
}

impl FileFormat {
    /// Every format, in detection order.
    pub fn all() -> &'static [FileFormat] {
        &FORMATS
    }

    /// The format called `name` (or one of its other names: `json`, `txt`),
    /// ignoring case.
    ///
    /// # Errors
    /// [`FormatError::Unknown`] listing the valid names.
    pub fn named(name: &str) -> Result<FileFormat, FormatError> {
        let wanted = name.trim().to_lowercase();
        FORMATS
            .iter()
            .find(|f| f.name == wanted || f.aliases.contains(&wanted.as_str()))
            .copied()
            .ok_or_else(|| FormatError::Unknown {
                name: name.to_string(),
                known: Self::list(|_| true),
            })
    }

    /// The format `text` is written in. Football.TXT when nothing else fits,
    /// so that unknown text gets its line-by-line errors.
    pub fn detect(text: &str) -> FileFormat {
        FORMATS
            .iter()
            .find(|f| (f.detect)(text))
            .copied()
            .unwrap_or(FORMATS[FORMATS.len() - 1])
    }

    /// The format's name, as `--format` takes it.
    pub fn name(self) -> &'static str {
        self.name
    }

    /// Its other accepted names.
    pub fn aliases(self) -> &'static [&'static str] {
        self.aliases
    }

    /// A few words on what it is.
    pub fn summary(self) -> &'static str {
        self.summary
    }

    /// Whether [`FileFormat::write`] can write it.
    pub fn can_write(self) -> bool {
        self.write.is_some()
    }

    /// Reads `text` in this format: one record for most formats, one per
    /// season and tier for a whole history (engsoccerdata).
    ///
    /// # Errors
    /// The format's [`ParseError`], naming the line.
    pub fn read(self, text: &str) -> Result<Vec<SeasonRecord>, ParseError> {
        (self.read)(text).map(|r| r.seasons)
    }

    /// Reads `text` in this format, with the rows it left out on purpose
    /// (counted by why) beside the seasons.
    ///
    /// # Errors
    /// The format's [`ParseError`], naming the line.
    pub fn read_counting_skips(self, text: &str) -> Result<Reading, ParseError> {
        (self.read)(text)
    }

    /// Writes `record` in this format.
    ///
    /// # Errors
    /// [`FormatError::NotWritable`] for a format that is only read.
    pub fn write(self, record: &SeasonRecord) -> Result<String, FormatError> {
        match self.write {
            Some(write) => Ok(write(record)),
            None => Err(FormatError::NotWritable {
                name: self.name,
                writable: Self::list(FileFormat::can_write),
            }),
        }
    }

    fn list(keep: fn(FileFormat) -> bool) -> String {
        FORMATS
            .iter()
            .filter(|f| keep(**f))
            .map(|f| match f.aliases.first() {
                Some(short) => format!("{} ({short})", f.name),
                None => f.name.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl std::str::FromStr for FileFormat {
    type Err = FormatError;
    fn from_str(name: &str) -> Result<FileFormat, FormatError> {
        FileFormat::named(name)
    }
}

impl std::fmt::Display for FileFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TXT: &str = "= Euro 2024\n▪ Final\nSun Jul 14\n  21:00  Spain  2-1 (0-0)  England\n";

    #[test]
    fn each_format_is_detected_from_its_content() {
        let record = football_txt::parse(TXT).unwrap();
        let season = season_file::write(&record);
        let json = football_json::write(&record);
        let csv = "\"Date\",\"Season\",\"home\",\"visitor\",\"FT\",\"hgoal\",\"vgoal\",\"division\",\"tier\"\n\
                   \"1888-09-08\",1888,\"Bolton Wanderers\",\"Derby County\",\"3-6\",3,6,\"1\",1\n";
        let detected = |text: &str| FileFormat::detect(text).name();
        assert_eq!(detected(TXT), "football.txt");
        assert_eq!(detected(&season), "season");
        assert_eq!(detected(&json), "football.json");
        assert_eq!(detected(&format!("\u{feff}  \n{json}")), "football.json");
        assert_eq!(detected("[{\"name\": \"Mexico\"}]"), "football.json");
        assert_eq!(detected(csv), "engsoccer");
        // germany.csv has england.csv's columns, tier before division: its header tells it.
        let germany = "\"Date\",\"Season\",\"home\",\"visitor\",\"FT\",\"hgoal\",\"vgoal\",\"tier\",\"division\"\n\
                       \"1985-08-09\",1985,\"Werder Bremen\",\"Hannover 96\",\"8-2\",8,2,1,\"1\"\n";
        assert_eq!(detected(germany), "engsoccer-germany");
        assert_eq!(
            FileFormat::detect(germany).read(germany).unwrap()[0].competition,
            "Bundesliga"
        );
        let spain = "\"Date\",\"Season\",\"home\",\"visitor\",\"HT\",\"FT\",\"hgoal\",\"vgoal\",\"tier\",\"round\",\"group\",\"notes\"\n\
                     \"1929-02-10\",1928,\"Real Union\",\"Arenas\",\"1-0\",\"3-2\",3,2,1,\"league\",NA,NA\n";
        assert_eq!(detected(spain), "engsoccer-spain");
        let fdco = "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR\nE0,31/01/24,Liverpool,Chelsea,4,1,H\n";
        assert_eq!(detected(fdco), "football-data");
        assert_eq!(
            FileFormat::detect(fdco).read(fdco).unwrap()[0].competition,
            "Premier League"
        );
        assert_eq!(detected(""), "football.txt");
        assert_eq!(detected("what is this"), "football.txt");
        // Each reads back what it detected.
        for text in [TXT, season.as_str(), json.as_str()] {
            let back = FileFormat::detect(text).read(text).unwrap();
            assert_eq!(back[0].matches[0].status, record.matches[0].status, "{text}");
        }
        assert_eq!(FileFormat::detect(csv).read(csv).unwrap()[0].matches.len(), 1);
    }

    #[test]
    fn names_and_aliases_pick_a_format_and_an_unknown_one_lists_them() {
        assert_eq!(FileFormat::named("json").unwrap().name(), "football.json");
        assert_eq!(
            FileFormat::named("Football.JSON").unwrap().name(),
            "football.json"
        );
        assert_eq!(FileFormat::named("txt").unwrap().name(), "football.txt");
        assert_eq!(FileFormat::named("season").unwrap().name(), "season");
        assert_eq!(FileFormat::named("engsoccerdata").unwrap().name(), "engsoccer");
        let err = FileFormat::named("xml").unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown format \"xml\"; the formats are season (season-file), football.json (json), \
             engsoccer (engsoccerdata), engsoccer-skip-undated, engsoccer-facup (facup), \
             engsoccer-leaguecup (leaguecup), engsoccer-champs (champs), engsoccer-playoffs (playoffs), \
             engsoccer-deductions (deductions), engsoccer-germany (germany), engsoccer-spain (spain), \
             football-data (football-data.co.uk), unknown-csv, \
             football.txt (txt)"
        );
        for f in FileFormat::all() {
            assert_eq!(FileFormat::named(f.name()).unwrap(), *f);
            for alias in f.aliases() {
                assert_eq!(FileFormat::named(alias).unwrap(), *f);
            }
        }
    }

    #[test]
    fn only_written_formats_write_and_the_others_say_which_do() {
        let record = football_txt::parse(TXT).unwrap();
        let err = FileFormat::named("txt").unwrap().write(&record).unwrap_err();
        assert_eq!(
            err.to_string(),
            "football.txt is read but not written; the formats that can be written are \
             season (season-file), football.json (json)"
        );
        for f in FileFormat::all().iter().filter(|f| f.can_write()) {
            let text = f.write(&record).unwrap();
            assert_eq!(FileFormat::detect(&text), *f);
            assert_eq!(f.read(&text).unwrap()[0].matches.len(), 1);
        }
    }
}
