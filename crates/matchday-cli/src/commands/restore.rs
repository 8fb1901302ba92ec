//! `matchday restore`: replace the database with a backup, after checking it.

use std::path::{Path, PathBuf};

/// Replace the database with a backup, keeping the one it replaces
///
/// Before anything is replaced the file must pass `PRAGMA integrity_check`, be a
/// matchday database with exactly the tables, columns, indexes and triggers matchday
/// makes at its schema version (no newer than this matchday's), and every row in it
/// must read back; a file of an older version is upgraded as it is restored. Any
/// refusal names what is wrong and changes nothing. The database is then replaced inside its write lock, so other matchday
/// processes see the old contents or the new, and the contents it replaced are
/// first written to DATABASE.before-restore-YYYYMMDDTHHMMSS (UTC).
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:
  matchday restore ~/matchday-2024-02-01.db")]
pub struct Args {
    /// The backup to restore from
    pub path: PathBuf,
}

pub fn run(database: &Path, args: Args) -> anyhow::Result<String> {
    let restored = matchday_store::restore(database, &args.path).map_err(|err| match err {
        // The database was replaced: the error says so, and where the old one is kept.
        err @ matchday_store::StoreError::RestoredButFailed { .. } => anyhow::Error::from(err),
        err => {
            anyhow::Error::from(err).context(format!("nothing restored, {} is as it was", database.display()))
        }
    })?;
    let mut out = format!(
        "restored {} from {}: {}\n",
        database.display(),
        args.path.display(),
        super::backup::describe(&restored.contents)
    );
    if let Some(old) = restored.upgraded_from {
        out.push_str(&format!(
            "{} was at schema version {old}; the restored database was upgraded to version {}\n",
            args.path.display(),
            restored.contents.schema_version
        ));
    }
    match restored.kept {
        Some(kept) => out.push_str(&format!(
            "the database it replaced is kept in {}\n",
            kept.display()
        )),
        None => out.push_str("there was no database to replace\n"),
    }
    Ok(out)
}
