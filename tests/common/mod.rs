//! What the end-to-end tests share: a scratch folder with its own database,
//! and the binary run in it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A scratch folder with its own database.
pub struct Env {
    pub dir: TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: TempDir::new().unwrap(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("matchday.db")
    }

    pub fn cmd(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        Command::cargo_bin("matchday")
            .unwrap()
            .env("MATCHDAY_DB", self.db())
            .env("NO_COLOR", "1")
            // Output is drawn for COLUMNS when set: tests read whole tables.
            .env_remove("COLUMNS")
            .current_dir(self.dir.path())
            .args(args)
            .assert()
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    /// Runs a command that must fail, and returns its one-line error (for a
    /// usage error, exit status 2, the first line of clap's whole message).
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd(args).failure();
        let output = out.get_output();
        assert!(
            output.stdout.is_empty(),
            "a failing command printed {:?}",
            output.stdout
        );
        let err = String::from_utf8(output.stderr.clone()).unwrap();
        assert!(err.starts_with("error: "), "{err}");
        if output.status.code() == Some(2) {
            // clap's message, whole: what was wrong, then the pointer to --help.
            assert!(
                err.trim_end().ends_with("For more information, try '--help'."),
                "{err}"
            );
            return err.lines().next().unwrap_or_default().to_string();
        }
        assert_eq!(err.lines().count(), 1, "error is not one line: {err}");
        err.trim_end().to_string()
    }

    /// The database files' bytes, to check that a failed command changed nothing.
    pub fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("matchday.db")
            })
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    }
}

/// Runs a command that must be refused (one line, exit status 1) and checks
/// that it changed no byte of the database (the file, its -wal and -shm).
pub fn refused(env: &Env, args: &[&str]) -> String {
    let before = env.snapshot();
    let out = env.cmd(args).code(1);
    let output = out.get_output();
    assert!(output.stdout.is_empty(), "{args:?} printed {:?}", output.stdout);
    let err = String::from_utf8(output.stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "error is not one line: {err}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(before == env.snapshot(), "{args:?} changed the database");
    err.trim_end().to_string()
}

impl Env {
    /// Runs a read command with `--format json` and parses what it prints.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        serde_json::from_str(&self.ok(&all)).unwrap()
    }
}

/// The path of a file under tests/fixtures, as the binary is given it.
pub fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// The path of a file under ../shared/data/openfootball (real data, for the
/// ignored tests), as the binary is given it.
pub fn openfootball(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/openfootball")
        .join(path)
        .display()
        .to_string()
}

/// The path of a season file bundled in data/, as the binary is given it.
pub fn bundled(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data")
        .join(name)
        .display()
        .to_string()
}

/// The binary run on the database `db`, from `dir` (for tests that manage their own files).
pub fn matchday(dir: &Path, db: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_matchday"))
        .arg("--db")
        .arg(db)
        .args(args)
        .current_dir(dir)
        .env_remove("MATCHDAY_DB")
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .output()
        .unwrap()
}

/// Today, on this machine's clock.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The two-year season under way today ("2026-27" from July 2026 to June 2027).
pub fn current_season() -> String {
    use chrono::Datelike as _;
    let year = if today().month() >= 7 {
        today().year()
    } else {
        today().year() - 1
    };
    format!("{year}-{:02}", (year + 1) % 100)
}

/// A scratch database holding the bundled season files `files`, imported in one go
/// as they stood on `as_of` (or whole).
pub fn with_bundled(files: &[&str], as_of: Option<&str>) -> Env {
    let env = Env::new();
    let paths: Vec<String> = files.iter().map(|f| bundled(f)).collect();
    let mut args = vec!["import"];
    args.extend(paths.iter().map(String::as_str));
    if let Some(day) = as_of {
        args.extend(["--as-of", day]);
    }
    env.ok(&args);
    env
}

/// The object for the competition named `name` in a JSON answer listing one a
/// competition (`track`, `odds --team`).
pub fn in_competition<'a>(all: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    all.as_array()
        .unwrap()
        .iter()
        .find(|c| c["competition"] == name)
        .unwrap_or_else(|| panic!("{name} in {all}"))
}
