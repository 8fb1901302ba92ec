//! `matchday completions`: the shell's completion script, from the same
//! definitions as `--help`; with `--names`, a script that asks matchday itself,
//! which completes team and competition names from the database too.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::CommandFactory as _;
use clap_complete::Shell;
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

/// The environment variable that asks matchday for completions (clap_complete's protocol).
const ASK: &str = "COMPLETE";

/// Print the completion script for a shell
///
/// The script completes commands, options and the values they take. Load it
/// from the shell's start-up file, or save it where the shell looks. With
/// `--names`, the script asks matchday at each Tab, which also completes the
/// names of stored teams (`track`, `--team`, ...) and competitions (`table`,
/// `-c`, ...) from the database: `--db` on the line, else `MATCHDAY_DB`, else
/// the one in your user data folder.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday completions bash > ~/.local/share/bash-completion/completions/matchday
  matchday completions zsh > ~/.zfunc/_matchday   # with fpath+=(~/.zfunc) in ~/.zshrc
  matchday completions fish > ~/.config/fish/completions/matchday.fish
  echo 'eval \"$(matchday completions bash)\"' >> ~/.bashrc
  echo 'source <(matchday completions bash --names)' >> ~/.bashrc   # names too")]
pub struct Args {
    /// The shell: bash, zsh, fish, elvish or powershell
    #[arg(value_enum)]
    pub shell: Shell,

    /// Complete stored team and competition names too: the script runs matchday at each Tab
    #[arg(long)]
    pub names: bool,
}

/// The script, as text.
pub fn run(args: Args) -> anyhow::Result<String> {
    let mut script = Vec::new();
    if args.names {
        let shells = clap_complete::env::Shells::builtins();
        let shell = shells
            .completer(&args.shell.to_string())
            .ok_or_else(|| anyhow::anyhow!("no completion by names for {}", args.shell))?;
        shell.write_registration(ASK, "matchday", "matchday", "matchday", &mut script)?;
    } else {
        let mut command = crate::args::Cli::command();
        clap_complete::generate(args.shell, &mut command, "matchday", &mut script);
    }
    Ok(String::from_utf8(script)?)
}

/// Answers a shell's request for completions (`COMPLETE=bash matchday -- WORDS`, made by
/// the `--names` script) and exits; otherwise returns, doing nothing.
pub fn answer_if_asked() {
    clap_complete::CompleteEnv::with_factory(|| with_names(crate::args::Cli::command()))
        .var(ASK)
        .complete();
}

/// `command` with every competition and team argument completed from the database.
fn with_names(mut command: clap::Command) -> clap::Command {
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(name, with_names);
    }
    // In place: mut_arg would move a positional argument after the others.
    command = command.mut_args(|a| match a.get_id().as_str() {
        "competition" => a.add(ArgValueCandidates::new(|| stored_names(Names::Competitions))),
        "team" | "teams" => a.add(ArgValueCandidates::new(|| stored_names(Names::Teams))),
        _ => a,
    });
    command
}

/// Which names to offer.
#[derive(Debug, Clone, Copy)]
enum Names {
    Competitions,
    Teams,
}

/// The stored names of `which`: competitions by slug (their names as help), teams by name.
/// A database that cannot be read offers none: a Tab is no place for an error.
fn stored_names(which: Names) -> Vec<CompletionCandidate> {
    let Some(path) = database_on_line() else {
        return Vec::new();
    };
    let Ok(store) = matchday_store::Store::open_read_only(&path) else {
        return Vec::new();
    };
    let read = store.read();
    match which {
        Names::Competitions => {
            let mut seen = std::collections::BTreeMap::new();
            for c in read.competitions().unwrap_or_default() {
                seen.insert(c.slug.clone(), c.name.clone());
            }
            seen.into_iter()
                .map(|(slug, name)| CompletionCandidate::new(slug).help(Some(name.into())))
                .collect()
        }
        Names::Teams => {
            let mut names: Vec<String> = read.team_names().unwrap_or_default().into_values().collect();
            names.sort();
            names.into_iter().map(CompletionCandidate::new).collect()
        }
    }
}

/// The database the command line being completed names: `--db PATH` on it, else
/// `MATCHDAY_DB`, else the user data folder's.
fn database_on_line() -> Option<PathBuf> {
    let words: Vec<OsString> = std::env::args_os().collect();
    let on_line = words.iter().enumerate().find_map(|(i, w)| {
        let w = w.to_str()?;
        match w.strip_prefix("--db=") {
            Some(path) => Some(PathBuf::from(path)),
            None if w == "--db" => words.get(i + 1).map(PathBuf::from),
            None => None,
        }
    });
    let db = on_line.or_else(|| std::env::var_os("MATCHDAY_DB").map(PathBuf::from));
    super::database_path(db).ok()
}
