//! `matchday backup`: a consistent copy of the database, taken while other
//! processes may be writing to it.

use std::path::{Path, PathBuf};

use matchday_store::Contents;

/// Write a consistent copy of the database to a file
///
/// The copy is one snapshot of the database, taken with SQLite's online backup
/// API while other matchday processes go on reading and writing. It is written
/// beside PATH under a temporary name, checked with `PRAGMA integrity_check`,
/// and only then renamed to PATH, so PATH never holds half a backup. A database
/// of an older schema is copied as it is; `matchday restore PATH` puts it back.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:
  matchday backup ~/matchday-2024-02-01.db")]
pub struct Args {
    /// The file to write the copy to
    pub path: PathBuf,

    /// Replace PATH if it already exists
    #[arg(long)]
    pub force: bool,
}

pub fn run(database: &Path, args: Args) -> anyhow::Result<String> {
    let written = matchday_store::backup(database, &args.path, args.force)?;
    Ok(format!(
        "backed up {} to {}: {}\n",
        database.display(),
        written.path.display(),
        describe(&written)
    ))
}

/// What a copy holds, in one line: "24.0 KiB, schema version 5, integrity ok: 4 teams, ...".
pub fn describe(contents: &Contents) -> String {
    let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, schema version {}, integrity ok: {}, {}, {} ({} played, {} not), {}",
        size(contents.bytes),
        contents.schema_version,
        plural(contents.teams, "team", "teams"),
        plural(contents.competitions, "competition-season", "competition-seasons"),
        plural(contents.matches, "match", "matches"),
        contents.results,
        contents.matches - contents.results,
        plural(contents.deductions, "deduction", "deductions"),
    )
}

/// A file size people read: bytes, KiB or MiB.
pub fn size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    match bytes {
        0..1024 => format!("{bytes} bytes"),
        1024..1_048_576 => format!("{:.1} KiB", bytes as f64 / KIB),
        _ => format!("{:.1} MiB", bytes as f64 / (KIB * KIB)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_described_in_one_line() {
        let contents = Contents {
            path: PathBuf::from("b.db"),
            bytes: 61_440,
            schema_version: 5,
            teams: 20,
            competitions: 1,
            matches: 380,
            results: 230,
            deductions: 1,
        };
        assert_eq!(
            describe(&contents),
            "60.0 KiB, schema version 5, integrity ok: 20 teams, 1 competition-season, 380 matches (230 played, 150 not), 1 deduction"
        );
        assert_eq!(size(512), "512 bytes");
        assert_eq!(size(3 * 1024 * 1024 + 512 * 1024), "3.5 MiB");
    }
}
