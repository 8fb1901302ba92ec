//! `matchday man`: the manual page in roff, from the same definitions as `--help`.

use clap::CommandFactory as _;

/// Print the manual page (roff)
///
/// The page for `matchday` itself, or for one of its commands. Read it with
/// `man -l`, or save it where `man` looks.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday man | man -l -
  matchday man > ~/.local/share/man/man1/matchday.1
  matchday man table > ~/.local/share/man/man1/matchday-table.1")]
pub struct Args {
    /// A command, for its own page [default: the page for matchday]
    pub command: Option<String>,
}

/// The page, as roff.
pub fn run(args: Args) -> anyhow::Result<String> {
    let mut top = crate::args::Cli::command();
    top.build();
    let command = match &args.command {
        None => top,
        Some(name) => {
            let Some(sub) = top.find_subcommand(name) else {
                let names: Vec<&str> = top.get_subcommands().map(clap::Command::get_name).collect();
                anyhow::bail!(
                    "no command called '{name}': the commands are {}",
                    names.join(", ")
                );
            };
            // Built, its display name is matchday-COMMAND, as git's pages are named.
            sub.clone()
        }
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .source(concat!("matchday ", env!("CARGO_PKG_VERSION")))
        .render(&mut page)?;
    Ok(String::from_utf8(page)?)
}
