//! The `matchday` command: enter results and fixtures, print tables, gaps,
//! odds and the trophy tracker.
//!
//! This file is the one error edge. A usage error prints clap's whole
//! message (what was wrong, a suggestion or the valid values, the usage
//! line); any other failure prints one line on standard error. The exit
//! status says which kind of failure it was ([`Exit`]); the README and
//! `matchday --help` list the same codes.

use std::io::Write;
use std::process::ExitCode;

use matchday_store::StoreError;

mod args;
mod catalogue;
mod commands;
mod defaults;
mod refusal;
mod render;
mod target;

/// The documented exit statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exit {
    /// The command did what was asked.
    Success = 0,
    /// A user's mistake: bad input, an unknown name, a refused write. Nothing was changed.
    Refused = 1,
    /// The command line itself was wrong (clap's usage errors).
    Usage = 2,
    /// The database could not be read or written, or matchday hit a bug.
    Storage = 3,
    /// Another process held the database's lock too long: `EX_TEMPFAIL` of
    /// sysexits.h, "try again later". Nothing was changed.
    Busy = 75,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

fn main() -> ExitCode {
    // A shell asking for completions (`matchday completions SHELL --names`) is answered here.
    commands::completions::answer_if_asked();
    let cli = match defaults::parse(args::with_days_back_joined(std::env::args_os())) {
        Ok(cli) => cli,
        Err(err) => {
            // clap's whole message: the argument missing, the "did you mean", the valid
            // values and the usage line. --help and --version are answers, on stdout.
            let _ = err.print();
            return if err.use_stderr() {
                Exit::Usage.into()
            } else {
                Exit::Success.into()
            };
        }
    };
    // A bug is reported as one line and its own status, not as a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = message.replace('\n', " ");
        eprintln!("error: internal error (a bug in matchday, please report it): {message}{place}");
    }));
    let run = |cli| std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| commands::run(cli)));
    let mut ran = run(cli);
    // Another process made the new database while this one was making it: this one's
    // change was written nowhere, so the command runs again, on that database.
    if let Ok(Err(err)) = &ran
        && created_meanwhile(err)
        && let Ok(cli) = defaults::parse(args::with_days_back_joined(std::env::args_os()))
    {
        ran = run(cli);
    }
    let Ok(ran) = ran else {
        return Exit::Storage.into();
    };
    match ran {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(output.as_bytes()).and_then(|()| stdout.flush()) {
                Ok(()) => Exit::Success.into(),
                // A closed pipe (`matchday results | head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Success.into(),
                Err(e) => {
                    eprintln!("error: cannot write output: {e}");
                    Exit::Storage.into()
                }
            }
        }
        Err(err) => {
            eprintln!("error: {}", one_line(&err));
            exit_of(&err).into()
        }
    }
}

/// Whether `err` is a new database's creation lost to another process's.
fn created_meanwhile(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<StoreError>(),
            Some(StoreError::CreatedMeanwhile(_))
        )
    })
}

/// The status of a failed command, by the type of its error: the store's errors
/// say whether the database failed or refused; everything else is a refusal.
fn exit_of(err: &anyhow::Error) -> Exit {
    err.chain()
        .find_map(|cause| cause.downcast_ref::<StoreError>())
        .map_or(Exit::Refused, store_exit)
}

fn store_exit(err: &StoreError) -> Exit {
    match err {
        _ if err.is_retryable() => Exit::Busy,
        StoreError::AtLine { source, .. } => store_exit(source),
        // SQLite failed, a stored row cannot be read back, a row changed behind the log's
        // back, or a bulk write would have left a row pointing nowhere.
        StoreError::Sqlite(_)
        | StoreError::Corrupt { .. }
        | StoreError::UnreadableRow { .. }
        | StoreError::UnreadableCompetition { .. }
        | StoreError::RestoredButFailed { .. }
        | StoreError::ChangedOutsideLog { .. }
        | StoreError::DanglingReference { .. } => Exit::Storage,
        _ => Exit::Refused,
    }
}

/// The error and its causes on one line, without repeating a cause the message already quotes.
fn one_line(err: &anyhow::Error) -> String {
    let mut line = err.to_string();
    for cause in err.chain().skip(1) {
        let text = cause.to_string();
        if !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
    }
    // Errors quote what was typed or stored: never send its control characters raw.
    render::escaped(&line.replace('\n', " ")).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_s_type_decides_its_exit_status() {
        let busy = anyhow::Error::from(StoreError::Busy);
        assert_eq!(exit_of(&busy), Exit::Busy);
        let at_line = StoreError::AtLine {
            line: 7,
            source: Box::new(StoreError::Busy),
        };
        assert_eq!(
            exit_of(&anyhow::Error::from(at_line).context("cannot import")),
            Exit::Busy
        );
        let corrupt = StoreError::Corrupt {
            table: "match",
            detail: "bad date".into(),
        };
        assert_eq!(
            exit_of(&anyhow::Error::from(corrupt).context("cannot open")),
            Exit::Storage
        );
        let sqlite = StoreError::Sqlite(rusqlite_error());
        assert_eq!(exit_of(&anyhow::Error::from(sqlite)), Exit::Storage);
        let unknown = StoreError::UnknownTeam {
            name: "Nobody".into(),
            candidates: Vec::new(),
        };
        assert_eq!(exit_of(&anyhow::Error::from(unknown)), Exit::Refused);
        assert_eq!(exit_of(&anyhow::anyhow!("a refusal in words")), Exit::Refused);
        assert_eq!(
            [
                Exit::Success,
                Exit::Refused,
                Exit::Usage,
                Exit::Storage,
                Exit::Busy
            ]
            .map(|e| e as u8),
            [0, 1, 2, 3, 75]
        );
    }

    fn rusqlite_error() -> rusqlite::Error {
        rusqlite::Error::InvalidColumnIndex(9)
    }
}
