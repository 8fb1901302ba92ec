//! The files a command writes (an export, a chart, a season page) are never the
//! database it reads, nor the database's write-ahead log, shared-memory or journal file:
//! writing one would destroy the user's data. Files are compared by identity (device and
//! inode where the file exists, else the real folder and name), not by spelling, so
//! `live.db`, `./live.db` and `/abs/../live.db` are one file.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static DATABASE: OnceLock<PathBuf> = OnceLock::new();

/// Remembers the database this command opened, for [`refuse_database`].
pub fn install(database: &Path) {
    let _ = DATABASE.set(database.to_path_buf());
}

/// The file a path names: the real path of an existing file, or of its folder and name.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match (folder.canonicalize(), path.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => path.to_path_buf(),
    }
}

/// Whether two existing files are one (a hard link under another name).
#[cfg(unix)]
fn same_inode(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_: &Path, _: &Path) -> bool {
    false
}

/// Refuses to write `output` when it is the database this command opened or one of the
/// files SQLite keeps beside it.
///
/// # Errors
/// One line naming the file and why nothing was written.
pub fn refuse_database(output: &Path) -> anyhow::Result<()> {
    let Some(database) = DATABASE.get() else {
        return Ok(());
    };
    let out = resolved(output);
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = database.as_os_str().to_owned();
        name.push(suffix);
        let side = PathBuf::from(name);
        if resolved(&side) == out || same_inode(&side, output) {
            anyhow::bail!(
                "{} is the database{} matchday is using: nothing was written (choose another --output)",
                output.display(),
                if suffix.is_empty() { "" } else { "'s own file" },
            );
        }
    }
    Ok(())
}
