//! matchday's season-file reader.
//!
//! No input panics, and what it reads round-trips as FORMAT.md promises: the
//! canonical text it writes reads back to the same record (but for line numbers),
//! and is written again unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use matchday_core::SeasonRecord;
use matchday_formats::season_file;

fn without_lines(mut record: SeasonRecord) -> SeasonRecord {
    for m in &mut record.matches {
        m.line = 0;
    }
    record
}

fuzz_target!(|text: &str| {
    let Ok(record) = season_file::parse(text) else {
        return;
    };
    let written = season_file::write(&record);
    let again = season_file::parse(&written)
        .unwrap_or_else(|e| panic!("its own text does not read back: {e}\n{written}"));
    assert_eq!(season_file::write(&again), written, "the canonical form moved");
    assert_eq!(without_lines(again), without_lines(record), "{written}");
});
