//! Dates: season labels ("2023-24", "2022 (played 2023)") and the dates,
//! weekdays and kick-off times of Football.TXT and season files.
//!
//! No input panics; a season label read is shown in a form that reads back to
//! the same season.
#![no_main]

use libfuzzer_sys::fuzz_target;
use matchday_core::Season;
use matchday_formats::{football_txt, season_file};

fuzz_target!(|text: &str| {
    if let Ok(season) = text.parse::<Season>() {
        let shown = season.to_string();
        let again: Season = shown
            .parse()
            .unwrap_or_else(|e| panic!("{text:?} reads as season {shown:?}, which does not read back: {e}"));
        assert_eq!(again, season, "{text:?} shown as {shown:?}");
    }
    let line = text.lines().next().unwrap_or("");
    // The text where Football.TXT has a date line, a date in brackets, and a kick-off.
    for file in [
        format!("= Test League 2023/24\n\nMatchday 1\n{line}\n  15.00  Alpha FC  1-0  Beta FC\n"),
        format!("= Test League 2023/24\n\nMatchday 1\n[{line}]\n  Alpha FC  1-0  Beta FC\n"),
        format!("= Test League 2023/24\n\nMatchday 1\n[Sat Aug/12]\n  {line}  Alpha FC  1-0  Beta FC\n"),
        format!("= Test League {line}\n\nMatchday 1\n[Sat Aug/12]\n  Alpha FC  1-0  Beta FC\n"),
    ] {
        let _ = football_txt::parse(&file);
    }
    // The date, kick-off and season of a season file.
    for file in [
        format!("matchday-season 1\ncompetition: Test\nseason: 2023-24\n== Matchday 1\n{line} | Alpha | Beta | 1-0\n"),
        format!("matchday-season 1\ncompetition: Test\nseason: {line}\n== Matchday 1\n2023-08-12 | Alpha | Beta | 1-0\n"),
        format!("matchday-season 1\ncompetition: Test\nseason: 2023-24\ndeduct: {line} | Alpha | 3 | late\n"),
    ] {
        let _ = season_file::parse(&file);
    }
});
