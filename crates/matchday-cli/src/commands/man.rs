//! `matchday man`: the manual page in roff, from the same definitions as `--help`.

use clap::CommandFactory as _;

/// Print the manual page (roff)
///
/// The page for `matchday` itself, or for one of its commands, or for a command
/// within one (`matchday man edit match`). Read it with `man -l`, or save it
/// where `man` looks.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday man | man -l -
  matchday man > ~/.local/share/man/man1/matchday.1
  matchday man table > ~/.local/share/man/man1/matchday-table.1
  matchday man edit match | man -l -")]
pub struct Args {
    /// A command, and a command within it, for its own page [default: the page for matchday]
    #[arg(value_name = "COMMAND")]
    pub command: Vec<String>,
}

/// The page, as roff.
pub fn run(args: Args) -> anyhow::Result<String> {
    let mut top = crate::args::Cli::command();
    top.build();
    // Built, each command's display name is matchday-COMMAND(-SUBCOMMAND), as git's pages are named.
    let mut command = top;
    for name in &args.command {
        let Some(sub) = command.find_subcommand(name) else {
            let names: Vec<&str> = command
                .get_subcommands()
                .map(clap::Command::get_name)
                .filter(|n| *n != "help")
                .collect();
            let within = command.get_display_name().unwrap_or("matchday").replace('-', " ");
            if names.is_empty() {
                anyhow::bail!("no command called '{name}': {within} has no commands within it");
            }
            anyhow::bail!(
                "no command called '{name}': the commands{} are {}",
                if within == "matchday" {
                    String::new()
                } else {
                    format!(" of {within}")
                },
                names.join(", ")
            );
        };
        command = sub.clone();
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .source(concat!("matchday ", env!("CARGO_PKG_VERSION")))
        .render(&mut page)?;
    Ok(String::from_utf8(page)?)
}
