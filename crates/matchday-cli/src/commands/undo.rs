//! `matchday undo`: reverse the newest changes.

use matchday_store::Store;

use crate::render;

/// Reverse the last N changes, newest first
///
/// Each change is reversed exactly: undoing an import removes what it added and
/// puts back what it updated, nothing else. Undo only ever reverses the newest
/// changes still in effect, in order, so a later change can never be lost under
/// an earlier one. The undo is itself one logged change per change reversed (see
/// `matchday log`), and `matchday redo` reverses it until another change is made.
/// If a change cannot be reversed, nothing is.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  matchday undo
  matchday undo 3
  matchday redo")]
pub struct Args {
    /// How many changes to reverse
    #[arg(default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..), value_name = "N")]
    pub count: u32,
}

pub fn run(store: &mut Store, args: Args) -> anyhow::Result<String> {
    let reversed = store.undo(args.count as usize)?;
    Ok(render::change::reversals("undid", &reversed))
}
