//! `matchday team add|alias|rename|merge|clubs` and `matchday teams`.

use std::path::PathBuf;

use anyhow::Context;
use matchday_core::{Squad, TeamId, parse_aliases};
use matchday_store::{Store, StoreError};
use serde::Serialize;

use crate::args::OutputFormat;
use crate::render::{self, escaped};

/// Add a team, give it other names, rename it, merge two into one, list clubs
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// What to do with teams.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Add a team, with other names it goes by
    #[command(after_help = "Examples:
  matchday team add \"Manchester City\" --alias \"Man City\" --alias City
  matchday team add \"Liverpool Women\"")]
    Add(AddArgs),
    /// Give a stored team other names, or read them from an alias file
    #[command(after_help = "Examples:
  matchday team alias \"Tottenham Hotspur\" \"Lilywhites\" \"THFC\"
  matchday team alias --file my-aliases.txt

An alias file has one team a line: its name, '=', then its other names separated
by '|' ('#' starts a comment), as data/aliases.txt does:
  Tottenham Hotspur = Spurs | Lilywhites")]
    Alias(AliasArgs),
    /// Change the name tables show for a team (the old name still finds it)
    #[command(after_help = "Example:\n  matchday team rename \"Atalanta\" \"Atalanta BC\"")]
    Rename(RenameArgs),
    /// Make two stored teams one: every match, entrant, deduction and alias of the second moves to the first
    #[command(after_help = "Example:
  matchday team merge \"Atalanta\" \"Atalanta Bergamasca Calcio\"

Refused for teams that played each other, or that both have a match on the
same day in the same competition (a season imported twice under two names:
delete one first). `matchday undo` reverses a merge.")]
    Merge(MergeArgs),
    /// List clubs and their teams (a men's and a women's team are two teams of one club)
    #[command(after_help = "Example:\n  matchday team clubs --all --format json")]
    Clubs(ClubsArgs),
}

/// Options of `team add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The name tables show
    pub name: String,

    /// Another name it goes by (repeat for more)
    #[arg(long = "alias", value_name = "NAME")]
    pub aliases: Vec<String>,
}

/// Options of `team alias`.
#[derive(Debug, clap::Args)]
pub struct AliasArgs {
    /// The team, by any name it goes by
    #[arg(required_unless_present = "file", requires = "names")]
    pub team: Option<String>,

    /// The other names it goes by
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,

    /// Read teams and aliases from an alias file instead
    #[arg(long, value_name = "FILE", conflicts_with_all = ["team", "names"])]
    pub file: Option<PathBuf>,
}

/// Options of `team rename`.
#[derive(Debug, clap::Args)]
pub struct RenameArgs {
    /// The team, by any name it goes by
    pub team: String,
    /// The name tables show from now on
    pub name: String,
}

/// Options of `team merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The team kept, by any name it goes by
    pub kept: String,
    /// The team merged into it and removed (its name stays as an alias)
    pub merged: String,
}

/// Options of `team clubs`.
#[derive(Debug, clap::Args)]
pub struct ClubsArgs {
    /// Also list clubs of one team
    #[arg(long)]
    pub all: bool,

    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

pub fn run(store: &mut Store, args: Args) -> anyhow::Result<String> {
    match args.action {
        Action::Add(add) => {
            // The names the shipped alias file gives it come with the team.
            let known = store.write(|w| {
                // "Atalanta BC" beside a stored "Atalanta" is the same club's name: an alias.
                if let Some(existing) = w.resolver()?.same_club(&add.name) {
                    let names = w.team_names()?;
                    return Err(StoreError::TeamExists(
                        names.get(&existing).cloned().unwrap_or_default(),
                    ));
                }
                let team = w.add_team(&add.name, &add.aliases)?;
                w.add_known_aliases(team, &add.name)
            })?;
            let aliases: Vec<&String> = add.aliases.iter().chain(&known).collect();
            let also = if aliases.is_empty() {
                String::new()
            } else {
                let names: Vec<&str> = aliases.iter().map(|a| a.as_str()).collect();
                format!(" (also {})", names.join(", "))
            };
            Ok(format!("added {}{also}\n", add.name.trim()))
        }
        Action::Alias(alias) => match alias.file {
            Some(file) => alias_file(store, &file),
            None => {
                let name = alias.team.expect("clap requires a team without --file");
                let team = store.read().resolve_team(&name)?;
                store.write(|w| alias.names.iter().try_for_each(|a| w.add_alias(team, a)))?;
                let shown = team_name(store, team)?;
                Ok(format!(
                    "{} is also {}\n",
                    escaped(&shown),
                    alias.names.join(", ")
                ))
            }
        },
        Action::Rename(rename) => super::edit::edit_team(
            store,
            super::edit::TeamArgs {
                team: rename.team,
                name: rename.name,
            },
        ),
        Action::Merge(merge) => {
            let read = store.read();
            let (kept, merged) = (read.resolve_team(&merge.kept)?, read.resolve_team(&merge.merged)?);
            let done = store.write(|w| w.merge_teams(kept, merged))?;
            Ok(format!(
                "merged {} into {}: {} moved, '{}' still finds it (matchday undo reverses this)\n",
                escaped(&done.merged),
                escaped(&done.kept),
                counted(&[
                    (done.matches, "match", "matches"),
                    (done.entrants, "entry", "entries"),
                    (done.deductions, "deduction", "deductions"),
                    (done.aliases, "alias", "aliases"),
                ]),
                escaped(&done.merged),
            ))
        }
        Action::Clubs(clubs) => list_clubs(store, &clubs),
    }
}

fn team_name(store: &Store, team: TeamId) -> anyhow::Result<String> {
    Ok(store.read().team_names()?.remove(&team).unwrap_or_default())
}

/// "3 matches, 1 entry" (none when all are zero).
fn counted(counts: &[(usize, &str, &str)]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .filter(|c| c.0 > 0)
        .map(|&(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
    if parts.is_empty() {
        "nothing".into()
    } else {
        parts.join(", ")
    }
}

/// `team alias --file`: the aliases of every line whose team is stored, in one
/// transaction; a line naming no stored team is counted and left.
fn alias_file(store: &mut Store, file: &std::path::Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let lines = parse_aliases(&text).with_context(|| file.display().to_string())?;
    let resolver = store.read().resolver()?;
    let mut skipped = 0;
    let mut teams = 0;
    let mut chosen: Vec<(usize, TeamId, Vec<String>)> = Vec::new();
    for line in lines {
        let names = std::iter::once(&line.name).chain(&line.aliases);
        let found: std::collections::BTreeSet<TeamId> = names
            .filter_map(|n| resolver.exact(n).or_else(|| resolver.same_club(n)))
            .collect();
        match found.len() {
            0 => skipped += 1,
            1 => {
                teams += 1;
                let team = *found.iter().next().expect("one");
                let mut all = vec![line.name.clone()];
                all.extend(line.aliases);
                chosen.push((line.line, team, all));
            }
            _ => {
                let names = store.read().team_names()?;
                let found: Vec<String> = found.iter().filter_map(|t| names.get(t).cloned()).collect();
                anyhow::bail!(
                    "{}: line {}: its names are of {} stored teams ({}): merge them first or split the line",
                    file.display(),
                    line.line,
                    found.len(),
                    found.join(", ")
                );
            }
        }
    }
    store.write(|w| {
        for (line, team, names) in &chosen {
            for name in names {
                w.add_alias(*team, name)
                    .map_err(|e| anyhow::anyhow!("{}: line {line}: {e}", file.display()))?;
            }
        }
        Ok::<_, anyhow::Error>(())
    })?;
    let skipped = match skipped {
        0 => String::new(),
        n => format!("; {n} naming no stored team left as they are"),
    };
    Ok(format!(
        "aliases of {teams} {} read from {}{skipped}\n",
        if teams == 1 { "team" } else { "teams" },
        file.display()
    ))
}

#[derive(Serialize)]
struct ClubRow {
    club: String,
    teams: Vec<ClubTeam>,
}

#[derive(Serialize)]
struct ClubTeam {
    name: String,
    squad: Squad,
}

fn list_clubs(store: &Store, args: &ClubsArgs) -> anyhow::Result<String> {
    let rows: Vec<ClubRow> = store
        .read()
        .clubs()?
        .into_iter()
        .filter(|c| args.all || c.teams.len() > 1)
        .map(|c| ClubRow {
            club: c.name,
            teams: c
                .teams
                .into_iter()
                .map(|(_, name, squad)| ClubTeam { name, squad })
                .collect(),
        })
        .collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let teams: Vec<String> = r
                .teams
                .iter()
                .map(|t| format!("{} ({})", t.name, t.squad.name()))
                .collect();
            vec![r.club.clone(), teams.join(", ")]
        })
        .collect();
    match args.format {
        OutputFormat::Json => render::json(&rows),
        OutputFormat::Csv => render::csv(&["club", "teams"], &cells),
        OutputFormat::Table if rows.is_empty() && !args.all => {
            Ok("no club has more than one team stored (--all lists every club)\n".into())
        }
        OutputFormat::Table if rows.is_empty() => Ok("no teams stored yet\n".into()),
        OutputFormat::Table => Ok(render::grid(&["Club", "Teams"], &cells, &[])),
    }
}

/// List stored teams and their aliases
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  matchday teams --format csv")]
pub struct ListArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

#[derive(Serialize)]
struct TeamRow {
    name: String,
    aliases: Vec<String>,
}

pub fn list(store: &Store, args: ListArgs) -> anyhow::Result<String> {
    let rows: Vec<TeamRow> = store
        .read()
        .teams()?
        .into_iter()
        .map(|t| TeamRow {
            name: t.name,
            aliases: t.aliases,
        })
        .collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| vec![r.name.clone(), r.aliases.join(", ")])
        .collect();
    match args.format {
        OutputFormat::Json => render::json(&rows),
        OutputFormat::Csv => render::csv(&["name", "aliases"], &cells),
        OutputFormat::Table if rows.is_empty() => Ok("no teams stored yet\n".into()),
        OutputFormat::Table => Ok(render::grid(&["Team", "Also known as"], &cells, &[])),
    }
}
