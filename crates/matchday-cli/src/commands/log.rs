//! `matchday log`: the change log, newest first.

use std::ffi::OsString;

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
/// decide, entrant, competition, team, undo, redo) is logged in the same
/// transaction: when, the command line, and every row it added, updated or
/// removed, with its columns before and after. The log is append-only:
/// `undo` adds a change that reverses one, it never removes any.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday log
  matchday log --limit 5
  matchday log --limit 1 --format json")]
pub struct Args {
    /// Show only the newest N changes
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: LogFormat,
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
