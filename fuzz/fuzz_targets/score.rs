//! The score parser: results as people type them ("2-1 (1-0)", "1-1 aet, 4-3 pens"),
//! and whole result and fixture entries ("Home 2-1 Away").
//!
//! No input panics; a result read is shown in a form that reads back to the same
//! final score, extra time and shoot-out.
#![no_main]

use libfuzzer_sys::fuzz_target;
use matchday_core::{ExtraTimeAfter, FixtureEntry, MatchResult, ResultEntry, Score};

fuzz_target!(|text: &str| {
    let _ = text.parse::<Score>();
    for after in [ExtraTimeAfter::LevelMatch, ExtraTimeAfter::LevelAggregate] {
        if let Ok(result) = MatchResult::parse(text, after) {
            let shown = result.to_string();
            let again = MatchResult::parse(&shown, after)
                .unwrap_or_else(|e| panic!("{text:?} reads as {shown:?}, which does not read back: {e}"));
            assert_eq!(again.final_score(), result.final_score(), "{text:?} shown as {shown:?}");
            assert_eq!(again.extra_time(), result.extra_time(), "{text:?} shown as {shown:?}");
            assert_eq!(again.penalties(), result.penalties(), "{text:?} shown as {shown:?}");
        }
    }
    let _ = text.parse::<ResultEntry>();
    let _ = text.parse::<FixtureEntry>();
});
