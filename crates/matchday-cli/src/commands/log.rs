//! `matchday log`: the change log, newest first.

use std::ffi::OsString;

use chrono::NaiveDate;

use matchday_store::Store;

use crate::render;

/// How `log` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    /// A table for people
    #[default]
    Table,
    /// JSON for programs, with every row's columns before and after
    Json,
}

/// List the changes made to the database, newest first
///
/// Every command that changes stored data (import, result, fixture, deduct,
/// decide, entrant, competition, team, edit, delete, undo, redo and log prune)
/// is logged in the same transaction: when, the command line, and every row it added, updated or
/// removed, with its columns before and after. `undo` adds a change that
/// reverses one, it never removes any; only `matchday log prune` removes
/// changes, the oldest, to give their space back.
#[derive(Debug, clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "Examples:
  matchday log
  matchday log --limit 5
  matchday log --limit 1 --format json
  matchday log prune --before 2024-01-01"
)]
pub struct Args {
    /// Remove old changes from the log
    #[command(subcommand)]
    pub action: Option<Action>,

    /// Show only the newest N changes
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: LogFormat,
}

/// What `log` does besides listing.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    Prune(PruneArgs),
}

/// Remove the changes made before a day from the log, and give their space back
///
/// The changes made before DATE (UTC) are removed from the log and can no longer
/// be undone; what they did to the data stays. A change made before DATE that a
/// later undo or redo still needs is kept, and said so. The prune is one
/// transaction, logged as a change of its own, and cannot be undone once it
/// commits: `matchday backup` first if you may want the log back. Then the file
/// is compacted (SQLite's VACUUM) to give the space back, which needs free disk
/// space about the size of the database; if that fails, the prune stands and
/// the space is reused by later writes.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday log prune --before 2024-01-01
  matchday log prune --before -4w
  matchday log prune --before tomorrow      # every change so far")]
pub struct PruneArgs {
    /// Remove the changes made before this day: 2024-01-01, today, -4w; at most tomorrow
    #[arg(long, value_parser = parse_prune_day, value_name = "DATE")]
    pub before: NaiveDate,
}

impl Args {
    /// Whether the command changes the database (a prune), rather than reads it.
    pub fn writes(&self) -> bool {
        self.action.is_some()
    }
}

/// A day to prune before: a date as every command reads one, refused when it is after
/// tomorrow, where a mistyped year would remove every change with no way back.
fn parse_prune_day(text: &str) -> Result<NaiveDate, String> {
    let day = super::parse_date(text)?;
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Days::new(1);
    if day > tomorrow {
        return Err(format!(
            "{day} is in the future: to remove every change so far, give --before tomorrow"
        ));
    }
    Ok(day)
}

/// `log` as asked: a prune, or the list.
pub fn run_any(store: &mut Store, args: Args) -> anyhow::Result<String> {
    match args.action {
        Some(Action::Prune(prune)) => self::prune(store, &prune),
        None => run(store, args),
    }
}

fn prune(store: &mut Store, args: &PruneArgs) -> anyhow::Result<String> {
    let pruned = store.prune_log(args.before)?;
    let kept = match pruned.kept_older {
        0 => String::new(),
        n => format!(
            "; kept {n} older {} that a later undo or redo needs",
            if n == 1 { "change" } else { "changes" }
        ),
    };
    let Some(logged) = pruned.logged_as else {
        return Ok(format!(
            "nothing to prune: no change made before {} can be removed{kept}; nothing was changed\n",
            args.before
        ));
    };
    let mut out = format!(
        "pruned {} {} made before {} from the log ({} of log rows); they can no longer be undone{kept} [logged as #{}]\n",
        pruned.changes,
        if pruned.changes == 1 { "change" } else { "changes" },
        args.before,
        super::backup::size(pruned.freed_bytes),
        logged.0
    );
    match store.compact() {
        Ok(c) => out.push_str(&format!(
            "compacted the database: {} → {}\n",
            super::backup::size(c.before),
            super::backup::size(c.after)
        )),
        Err(e) => out.push_str(&format!(
            "the database could not be compacted ({e}); the prune stands, and later writes reuse the space\n"
        )),
    }
    Ok(out)
}

pub fn run(store: &Store, args: Args) -> anyhow::Result<String> {
    let read = store.read();
    let changes = read.changes(args.limit)?;
    match args.format {
        LogFormat::Table => Ok(render::change::log_table(&changes)),
        LogFormat::Json => {
            let with_rows = changes
                .into_iter()
                .map(|c| {
                    let rows = read.change_rows(c.id)?;
                    Ok((c, rows))
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            render::change::log_json(&with_rows)
        }
    }
}

/// The command line as a shell would take it back: `matchday` and its arguments,
/// each quoted where it needs to be.
pub fn command_line(args: impl IntoIterator<Item = OsString>) -> String {
    let mut words = vec!["matchday".to_string()];
    words.extend(
        args.into_iter()
            .skip(1)
            .map(|a| shell_quoted(&a.to_string_lossy())),
    );
    words.join(" ")
}

fn shell_quoted(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%^".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_quoted_as_a_shell_reads_it() {
        let args = [
            "/usr/bin/matchday",
            "result",
            "Liverpool 5-2 Norwich",
            "-d",
            "2024-01-28",
            "it's",
            "",
        ];
        assert_eq!(
            command_line(args.iter().map(OsString::from)),
            "matchday result 'Liverpool 5-2 Norwich' -d 2024-01-28 'it'\\''s' ''"
        );
    }
}
