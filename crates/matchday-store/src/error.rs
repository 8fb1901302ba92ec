//! Errors from the store.

use chrono::NaiveDate;

/// What went wrong reading or writing the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite itself failed.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// Another process held the database's lock for longer than [`crate::BUSY_TIMEOUT`].
    #[error(
        "the database is busy: another process has held its lock for {} s; nothing was changed, try again",
        crate::BUSY_TIMEOUT.as_secs()
    )]
    Busy,
    /// There is no database at that path (read commands create none).
    #[error("no matchday database at {}: `matchday import`, `competition add` or `team add` creates one", .0.display())]
    NoDatabase(std::path::PathBuf),
    /// A new database could not be written to its file.
    #[error("cannot create {}: {problem}; nothing was written", .path.display())]
    CannotCreate {
        /// The database file.
        path: std::path::PathBuf,
        /// What went wrong.
        problem: String,
    },
    /// Another process made the database file while this one was making it; this
    /// one's change was not written (the command line runs it again on that file).
    #[error("another process created {} at the same time; nothing was written, try again", .0.display())]
    CreatedMeanwhile(std::path::PathBuf),
    /// A database in a folder that cannot be written, whose write-ahead log holds commits
    /// SQLite can only read with a shared-memory file beside it.
    #[error(
        "{} has changes in its write-ahead log {} that can only be read where its folder can be written: \
         nothing was read (open it once with write access, or copy the folder somewhere writable)",
        database.display(),
        log.display()
    )]
    UnreadableLog {
        /// The database.
        database: std::path::PathBuf,
        /// Its write-ahead log.
        log: std::path::PathBuf,
    },
    /// A path that is no file, such as `:memory:`, which keeps nothing.
    #[error("'{0}' is not a database file: pass --db PATH to a file")]
    NotAFile(String),
    /// The file is a database of another program.
    #[error(
        "{} is not a matchday database ({}); it was left untouched",
        .path.display(),
        match .application_id {
            Some(id) => format!("its application id is {id:#010x}, matchday's is {:#010x}", crate::APPLICATION_ID),
            None => "it holds tables matchday does not know".to_string(),
        }
    )]
    NotMatchday {
        /// The file.
        path: std::path::PathBuf,
        /// Its `PRAGMA application_id`, when that is what gave it away.
        application_id: Option<i32>,
    },
    /// A file to restore from that is no matchday database at all: not SQLite, or empty.
    #[error("{} is not a matchday database: {why}; it was left untouched", .path.display())]
    NotADatabase {
        /// The file.
        path: std::path::PathBuf,
        /// What it is instead: "it is not an SQLite database at all".
        why: &'static str,
    },
    /// The database has an older schema, and a read does not upgrade it.
    #[error(
        "the database is at schema version {found}, older than this matchday's ({known}); the next write command (result, fixture, import, ...) upgrades it; reads do not change the file"
    )]
    TooOld {
        /// The schema version found.
        found: i64,
        /// The version this build knows.
        known: i64,
    },
    /// The database was written by a newer matchday.
    #[error(
        "the database is at schema version {found}, newer than this matchday knows ({known}); upgrade matchday"
    )]
    TooNew {
        /// The schema version found.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// A domain rule was broken.
    #[error(transparent)]
    Domain(#[from] matchday_core::Error),
    /// No team goes by that name.
    #[error("no team called '{name}'{}", did_you_mean(.candidates, "matchday teams"))]
    UnknownTeam {
        /// The name given.
        name: String,
        /// Close names.
        candidates: Vec<String>,
    },
    /// More than one team goes by that name.
    #[error("'{name}' could be {}: be more precise", .candidates.join(" or "))]
    AmbiguousTeam {
        /// The name given.
        name: String,
        /// The teams it could be.
        candidates: Vec<String>,
    },
    /// A team with that name (or spelling of it) already exists.
    #[error("a team called '{0}' already exists")]
    TeamExists(String),
    /// Two teams that cannot be one team.
    #[error("cannot merge {merged} into {kept}: {conflict}")]
    MergeRefused {
        /// The team that would be kept.
        kept: String,
        /// The team that would be merged into it.
        merged: String,
        /// What they both have.
        conflict: crate::MergeConflict,
    },
    /// An alias already names another team.
    #[error("'{alias}' already names {team}")]
    AliasTaken {
        /// The alias.
        alias: String,
        /// The team it names.
        team: String,
    },
    /// No competition goes by that name.
    #[error("no competition called '{name}'{}", did_you_mean(.candidates, "matchday competitions"))]
    UnknownCompetition {
        /// The name given.
        name: String,
        /// Close names of stored competitions, best first.
        candidates: Vec<String>,
    },
    /// More than one competition goes by that name.
    #[error("'{name}' could be {}: be more precise", .candidates.join(" or "))]
    AmbiguousCompetition {
        /// The name given.
        name: String,
        /// The competitions it could be.
        candidates: Vec<String>,
    },
    /// The competition has no season stored that contains the date or matches the season asked for.
    #[error("{competition} has no {what} stored{stored}")]
    NoSuchSeason {
        /// The competition.
        competition: String,
        /// The season or date asked for.
        what: String,
        /// The seasons it has, as " (seasons stored: ...)", or empty.
        stored: String,
    },
    /// The competition already exists for that season.
    #[error("{0} already exists")]
    CompetitionExists(String),
    /// A result for that pairing on that date is already stored.
    #[error("{home} v {away} on {date} already has a result ({score}); add --replace to overwrite it")]
    ResultExists {
        /// Home team.
        home: String,
        /// Away team.
        away: String,
        /// Date.
        date: NaiveDate,
        /// The stored result.
        score: String,
    },
    /// A live score for a match whose result is already stored: a live score is for a
    /// match in play (the CLI words it in refusal.rs).
    #[error(
        "{home} v {away} on {date} already has its result ({score}); a live score is for a match in play"
    )]
    LiveAfterResult {
        /// Home team.
        home: String,
        /// Away team.
        away: String,
        /// The day of the stored result.
        date: NaiveDate,
        /// The stored result.
        score: String,
    },
    /// A result entered as the final score of a match in play, with no match of those
    /// teams in play in the competition (the CLI words it in refusal.rs).
    #[error("{home} v {away} is not in play in {competition}")]
    NotInPlay {
        /// Home team.
        home: String,
        /// Away team.
        away: String,
        /// The competition and season.
        competition: String,
    },
    /// The same match (teams, round, leg; in a league, the same home side and
    /// opponent) is already stored on another date. Correcting it is an edit
    /// (`matchday edit match`): `--replace` only overwrites a result of the same day.
    #[error(
        "{home} v {away}{round} is already stored on {date}{}; correct it with `matchday edit match`",
        .result.as_ref().map(|r| format!(" ({r})")).unwrap_or_default()
    )]
    MatchExists {
        /// The stored match.
        id: matchday_core::MatchId,
        /// Its result, when it has one.
        result: Option<String>,
        /// Home team.
        home: String,
        /// Away team.
        away: String,
        /// Round text, with a leading comma and space, or empty.
        round: String,
        /// The stored date.
        date: NaiveDate,
    },
    /// An import would turn stored results back into fixtures still to play
    /// (an older copy of a file, or one cut off with `--as-of`); nothing was stored.
    #[error(
        "importing this would turn {count} stored result{} of {competition} back into fixtures; nothing was changed",
        if *.count == 1 { "" } else { "s" }
    )]
    WouldUnplayResults {
        /// The competition-season, as "Name Season".
        competition: String,
        /// The competition's slug.
        slug: String,
        /// How many stored results the file has as fixtures.
        count: usize,
    },
    /// A correction names no stored match.
    #[error("no match {wanted} is stored{}", stored_between(.candidates))]
    NoSuchMatch {
        /// What was asked for: "Liverpool v Norwich City on 2024-01-28 in FA Cup 2023-24", "#99".
        wanted: String,
        /// The matches between the two teams that are stored.
        candidates: Vec<crate::MatchCandidate>,
    },
    /// A correction names more than one stored match.
    #[error("{wanted} could be {}: add --date or choose by --id", join(.candidates, " or "))]
    AmbiguousMatch {
        /// What was asked for.
        wanted: String,
        /// The matches it could be.
        candidates: Vec<crate::MatchCandidate>,
    },
    /// A correction names no stored deduction.
    #[error("no deduction {wanted} is stored{}", stored_between(.candidates))]
    NoSuchDeduction {
        /// What was asked for.
        wanted: String,
        /// The team's deductions in that competition-season.
        candidates: Vec<crate::DeductionCandidate>,
    },
    /// A correction names more than one stored deduction.
    #[error("{wanted} could be {}: add --date or choose by --id", join(.candidates, " or "))]
    AmbiguousDeduction {
        /// What was asked for.
        wanted: String,
        /// The deductions it could be.
        candidates: Vec<crate::DeductionCandidate>,
    },
    /// Deleting a match would delete its result, which was not asked for.
    #[error(
        "{stored} has a result: add --result to delete the match and its result, or keep the match as a fixture with `matchday edit match --id {} --to-fixture`",
        .stored.id.0
    )]
    DeletesResult {
        /// The match.
        stored: crate::MatchCandidate,
    },
    /// A deduction of 0 points, which changes nothing (delete it instead).
    #[error("a deduction of 0 points changes nothing: delete it with `matchday delete deduction`")]
    ZeroDeduction,
    /// A fixture for that pairing and date already exists.
    #[error("{home} v {away} on {date} is already stored")]
    FixtureExists {
        /// Home team.
        home: String,
        /// Away team.
        away: String,
        /// Date.
        date: NaiveDate,
    },
    /// A zone that lies beyond the places of the competition's table (relegation=999-1000
    /// in a league of 20).
    #[error("zone {zone} lies beyond the table's {places} places: nothing was changed")]
    ZoneBeyondTable {
        /// The zone, as written.
        zone: String,
        /// The places of the table (or of each group).
        places: usize,
    },
    /// A match or deduction that cannot be, as the core's entry checks say;
    /// its teams are named by id, for the caller to word.
    #[error(transparent)]
    Refused(matchday_core::Refusal),
    /// Text that cannot be stored (control characters, too long, empty).
    #[error(transparent)]
    Text(#[from] matchday_core::TextError),
    /// The same deduction is already stored, with another reason.
    #[error("this deduction is already stored (reason: '{}')", matchday_core::escape_controls(.reason))]
    DeductionStored {
        /// The reason stored with it.
        reason: String,
    },
    /// A problem with one line of an imported file.
    #[error("line {line}: {source}")]
    AtLine {
        /// The line, 1-based.
        line: usize,
        /// What was wrong.
        source: Box<StoreError>,
    },
    /// An off-the-pitch decision that the results or the regulations do not allow.
    #[error("cannot record that decision: {0}")]
    Decision(#[from] matchday_core::DecisionError),
    // Backups and restores (backup.rs).
    /// The file a backup would be written to already exists.
    #[error("{} already exists; add --force to overwrite it", .0.display())]
    CopyExists(std::path::PathBuf),
    /// A backup or restore file that cannot be used as one.
    #[error("cannot use {}: {problem}", .path.display())]
    CopyTarget {
        /// The file.
        path: std::path::PathBuf,
        /// Why not.
        problem: String,
    },
    /// A file that fails SQLite's integrity check (or its foreign keys).
    #[error("{} is damaged: {}", .path.display(), matchday_core::escape_controls(.problem))]
    Damaged {
        /// The file.
        path: std::path::PathBuf,
        /// The first problem SQLite reported.
        problem: String,
    },
    /// A file to restore from, written by a newer matchday.
    #[error(
        "{} is at schema version {found}, newer than this matchday knows ({known}); restore it with a newer matchday",
        .path.display()
    )]
    CopyTooNew {
        /// The file.
        path: std::path::PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// `undo` was asked for more changes than are in effect.
    #[error("{}", nothing_left("undo", "undone", "changes", *.asked, *.available))]
    NothingToUndo {
        /// How many were asked for.
        asked: usize,
        /// How many could be undone.
        available: usize,
    },
    /// `undo` was asked for more changes than are in effect, and the log was pruned:
    /// the changes it removed cannot be undone.
    #[error(
        "{}: older changes were pruned from the log (change {prune}, `matchday log prune`) and cannot be undone; nothing was changed",
        nothing_beyond(*.asked, *.available)
    )]
    UndoReachesPrune {
        /// How many were asked for.
        asked: usize,
        /// How many could be undone.
        available: usize,
        /// The change that pruned the log, the newest such.
        prune: i64,
    },
    /// `redo` was asked for more undos than can be redone.
    #[error("{}", nothing_left("redo", "redone", "undos", *.asked, *.available))]
    NothingToRedo {
        /// How many were asked for.
        asked: usize,
        /// How many could be redone.
        available: usize,
    },
    /// A row a change touched is no longer as the change left it, though the log
    /// records nothing since: another program changed the file.
    #[error(
        "cannot undo change {change}: row {row} of {table} was changed outside matchday since; nothing was changed"
    )]
    ChangedOutsideLog {
        /// The change that was to be reversed.
        change: i64,
        /// The table.
        table: String,
        /// The row's rowid.
        row: i64,
    },
    /// A bulk write would leave a row referring to one that is not there (a match of a
    /// team or competition not stored): a fault of matchday's, refused before it is kept.
    #[error(
        "row {} of {table} would refer to a {parent} that is not stored; nothing was changed",
        .row.map_or_else(|| "?".to_string(), |r| r.to_string())
    )]
    DanglingReference {
        /// The table of the row.
        table: String,
        /// Its rowid (none for a table without one).
        row: Option<i64>,
        /// The table it refers to.
        parent: String,
    },
    /// A file to restore from whose schema is not exactly the one matchday makes at its
    /// version: a table, column, index or trigger missing, changed or added.
    #[error("{} {problem}", .path.display())]
    SchemaUnlikeMatchdays {
        /// The file.
        path: std::path::PathBuf,
        /// What differs: "is missing table zone".
        problem: String,
    },
    /// A stored row that does not read back as matchday writes it.
    #[error("{table} {row} has {}", matchday_core::escape_controls(.problem))]
    UnreadableRow {
        /// The table.
        table: &'static str,
        /// The row's id (its rowid).
        row: i64,
        /// What it holds that cannot be: "a date that is not a date: 'not-a-date'".
        problem: String,
    },
    /// A row of one competition-season that does not read back: only that
    /// competition-season's reads fail.
    #[error("{competition} cannot be read: {source}")]
    UnreadableCompetition {
        /// The competition-season, as "Name Season" as stored (or its row, when that is what cannot be read).
        competition: String,
        /// The row that does not read back.
        source: Box<StoreError>,
    },
    /// A file to restore from holding a row that does not read back.
    #[error("{}: {source}", .path.display())]
    UnreadableCopy {
        /// The file.
        path: std::path::PathBuf,
        /// The row that does not read back.
        source: Box<StoreError>,
    },
    /// A restore that replaced the database and then failed: what it replaced is kept.
    #[error(
        "{} was restored from {}, but {problem}; the database it replaced is kept in {}",
        .database.display(),
        .from.display(),
        .kept.as_ref().map_or_else(|| "no file (there was none)".to_string(), |k| k.display().to_string())
    )]
    RestoredButFailed {
        /// The database.
        database: std::path::PathBuf,
        /// The file restored from.
        from: std::path::PathBuf,
        /// What failed after the swap.
        problem: String,
        /// Where the replaced database was kept.
        kept: Option<std::path::PathBuf>,
    },
    /// A stored value could not be read back.
    #[error("corrupt row in {table}: {detail}")]
    Corrupt {
        /// Table.
        table: &'static str,
        /// What was wrong.
        detail: String,
    },
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> StoreError {
        match err.sqlite_error_code() {
            // Waited out the busy timeout: the caller may simply try again.
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(err),
        }
    }
}

impl StoreError {
    /// Whether trying again later may succeed (the lock was held too long).
    pub fn is_retryable(&self) -> bool {
        match self {
            StoreError::Busy | StoreError::CreatedMeanwhile(_) => true,
            StoreError::AtLine { source, .. } => source.is_retryable(),
            _ => false,
        }
    }
}

/// " (did you mean ...?)", or when nothing is close, the command that lists them all.
fn did_you_mean(candidates: &[String], list: &str) -> String {
    if candidates.is_empty() {
        format!("; `{list}` lists them")
    } else {
        format!(" (did you mean {}?)", candidates.join(", "))
    }
}

fn join<T: std::fmt::Display>(items: &[T], with: &str) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(with)
}

/// " (stored: ...)" naming the candidates, or nothing when there are none.
fn stored_between<T: std::fmt::Display>(candidates: &[T]) -> String {
    if candidates.is_empty() {
        String::new()
    } else {
        format!(" (stored: {})", join(candidates, ", "))
    }
}

/// "nothing to undo", or how many of those asked for there are.
fn nothing_beyond(asked: usize, available: usize) -> String {
    match available {
        0 => "nothing more to undo".to_string(),
        _ => format!("only {available} of the {asked} changes asked for can be undone"),
    }
}

fn nothing_left(verb: &str, done: &str, what: &str, asked: usize, available: usize) -> String {
    match available {
        0 => format!("nothing to {verb}; nothing was changed"),
        _ => format!("only {available} of the {asked} {what} asked for can be {done}; nothing was changed"),
    }
}
