//! openfootball's Football.TXT reader (all three layouts).
//!
//! No input panics, and a season it reads can be written as a season file and
//! read back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use matchday_formats::{football_txt, season_file};

fuzz_target!(|text: &str| {
    let Ok(record) = football_txt::parse(text) else {
        return;
    };
    let written = season_file::write(&record);
    if let Err(e) = season_file::parse(&written) {
        panic!("read from Football.TXT, written as a season file, refused: {e}\n{written}");
    }
});
