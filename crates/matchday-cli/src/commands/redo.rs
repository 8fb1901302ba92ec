//! `matchday redo`: reverse the newest undos.

use matchday_store::{ChangeKind, Reversal, Store};

use crate::render;

/// Reverse the last N undos, re-applying what they reversed
///
/// Redo works only while nothing but undos and redos has been done since: a new
/// change may build on what the undo left, so it ends what can be redone. Each
/// redo is logged as a change that undoes the undo, and `matchday undo` reverses it.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday redo
  matchday redo 2")]
pub struct Args {
    /// How many undos to reverse
    #[arg(default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..), value_name = "N")]
    pub count: u32,
}

pub fn run(store: &mut Store, args: Args) -> anyhow::Result<String> {
    let reversed = store.redo(args.count as usize)?;
    // Each reversed an undo: say which change is back, as the log showed it.
    let read = store.read();
    let mut shown = Vec::with_capacity(reversed.len());
    for reversal in reversed {
        let original = match reversal.reversed.kind {
            ChangeKind::Undo(of) => read.change(of)?,
            _ => None,
        };
        shown.push(Reversal {
            reversed: original.unwrap_or(reversal.reversed),
            by: reversal.by,
        });
    }
    Ok(render::change::reversals("redid", &shown))
}
