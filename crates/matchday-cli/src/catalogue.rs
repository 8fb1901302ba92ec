//! The catalogue of competitions a command reads: the bundled one, with the
//! user's own file (`--catalogue FILE` or `MATCHDAY_CATALOGUE`) read over it.

use std::path::Path;

use anyhow::Context;
use matchday_core::Catalogue;

/// The bundled catalogue, overridden by the entries of the file at `path` if one is given.
///
/// # Errors
/// A file that cannot be read, or whose text is not a catalogue (the error names the
/// file, the entry and the line).
pub fn load(path: Option<&Path>) -> anyhow::Result<Catalogue> {
    let bundled = Catalogue::bundled().clone();
    let Some(path) = path else {
        return Ok(bundled);
    };
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read catalogue {}", path.display()))?;
    let mine = Catalogue::parse(&text, &path.display().to_string())?;
    let both = bundled.overridden_by(mine);
    if let Some(stray) = both.entries().iter().find(|e| e.is_names_only()) {
        anyhow::bail!(
            "catalogue {}: '{}' gives aliases only, and no competition answers to its name: name one the catalogue knows (`matchday competitions`), or give it an [[competition.edition]]",
            path.display(),
            stray.name()
        );
    }
    Ok(both)
}
