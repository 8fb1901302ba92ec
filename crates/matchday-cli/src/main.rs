//! The `matchday` command: enter results and fixtures, print tables, gaps,
//! odds and the trophy tracker.
//!
//! This file is the one error edge: every failure becomes one line on
//! standard error and a non-zero exit status: 2 for bad arguments,
//! [`EXIT_BUSY`] (75) when the database stayed locked by another process
//! and trying again may succeed, 1 for everything else.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser as _;

mod args;
mod commands;
mod refusal;
mod render;

/// The exit status when another process held the database's lock too long:
/// `EX_TEMPFAIL` of sysexits.h, "try again later".
const EXIT_BUSY: u8 = 75;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => {
            // --help and --version are answers, not errors.
            let _ = err.print();
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            // clap's message ends with a hint to try --help; the first line says what was wrong.
            let text = err.render().to_string();
            let mut lines = text.lines();
            let mut first = lines.next().unwrap_or("error: bad arguments").to_string();
            // "the following required arguments were not provided:" names them on the lines after.
            if first.ends_with(':') {
                let named: Vec<&str> = lines.take_while(|l| l.starts_with("  ")).map(str::trim).collect();
                first = format!("{first} {}", named.join(", "));
            }
            eprintln!("{first}");
            return ExitCode::from(2);
        }
    };
    match commands::run(cli) {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(output.as_bytes()).and_then(|()| stdout.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                // A closed pipe (`matchday results | head`) is not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot write output: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(err) => {
            eprintln!("error: {}", one_line(&err));
            let retryable = err.chain().any(|cause| {
                cause
                    .downcast_ref::<matchday_store::StoreError>()
                    .is_some_and(matchday_store::StoreError::is_retryable)
            });
            if retryable {
                ExitCode::from(EXIT_BUSY)
            } else {
                ExitCode::FAILURE
            }
        }
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
