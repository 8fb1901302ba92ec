//! `matchday completions`: the shell's completion script, from the same
//! definitions as `--help`.

use clap::CommandFactory as _;
use clap_complete::Shell;

/// Print the completion script for a shell
///
/// The script completes commands, options and the values they take. Load it
/// from the shell's start-up file, or save it where the shell looks.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday completions bash > ~/.local/share/bash-completion/completions/matchday
  matchday completions zsh > ~/.zfunc/_matchday   # with fpath+=(~/.zfunc) in ~/.zshrc
  matchday completions fish > ~/.config/fish/completions/matchday.fish
  echo 'eval \"$(matchday completions bash)\"' >> ~/.bashrc")]
pub struct Args {
    /// The shell: bash, zsh, fish, elvish or powershell
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The script, as text.
pub fn run(args: Args) -> anyhow::Result<String> {
    let mut command = crate::args::Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "matchday", &mut script);
    Ok(String::from_utf8(script)?)
}
