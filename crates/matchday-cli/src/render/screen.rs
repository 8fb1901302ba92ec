//! What output is drawn for: how many columns it may take, and whether it may
//! be coloured. Chosen once per run from `--width`, `--color`, the environment
//! and whether standard output is a terminal; every renderer takes it as a
//! value, so output is tested at any width without a terminal.

use std::io::IsTerminal;
use std::sync::OnceLock;

/// The width and colour output is drawn for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    /// The columns a line may take; `None` when unknown (piped without
    /// `COLUMNS` or `--width`): tables are then printed whole.
    pub width: Option<usize>,
    /// Whether to colour the output with ANSI escapes.
    pub colour: bool,
}

/// The width prose wraps at when the screen's width is unknown.
pub const PROSE_WIDTH: usize = 80;

/// The narrowest width drawn for: below it tables wrap their cells.
pub const MIN_WIDTH: usize = 40;

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal (of any size), unless NO_COLOR is set and not empty, or TERM is dumb
    #[default]
    Auto,
    /// Always colour, even into a pipe
    Always,
    /// Never colour
    Never,
}

/// The global options that choose the screen.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct ScreenArgs {
    /// Draw output for N columns [default: COLUMNS, else the terminal's width;
    /// into a pipe, tables print whole]. Narrow tables shorten names and dates, leave
    /// columns out and wrap at spaces; a word too wide is cut with "…", never broken
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(MIN_WIDTH as i64..))]
    pub width: Option<u16>,

    /// When to colour output: auto (on a terminal, unless NO_COLOR is set and not empty), always or never
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t)]
    pub color: ColorChoice,
}

/// What the environment says about the screen, read once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surroundings {
    /// `COLUMNS`, when set to a number.
    pub columns: Option<usize>,
    /// Whether `NO_COLOR` is set to something (no-color.org).
    pub no_color: bool,
    /// Whether `TERM` is `dumb`.
    pub dumb_terminal: bool,
    /// Whether standard output is a terminal, whether or not its size is known.
    pub terminal: bool,
    /// Standard output's terminal width, when it is a terminal that says.
    pub terminal_width: Option<usize>,
}

impl Surroundings {
    /// Reads the process's environment and standard output.
    pub fn of_process() -> Surroundings {
        let stdout = std::io::stdout();
        let terminal = stdout.is_terminal();
        let terminal_width = if terminal {
            terminal_size::terminal_size_of(&stdout).map(|(w, _)| usize::from(w.0))
        } else {
            None
        };
        Surroundings {
            columns: std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse().ok()),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            dumb_terminal: std::env::var("TERM").is_ok_and(|t| t == "dumb"),
            terminal,
            terminal_width,
        }
    }
}

impl Screen {
    /// The screen `args` ask for in `around`: `--width` before `COLUMNS` before the
    /// terminal's width; colour only on a terminal without `NO_COLOR` (or with
    /// `--color always`).
    pub fn choose(args: ScreenArgs, around: &Surroundings) -> Screen {
        let width = args
            .width
            .map(usize::from)
            .or(around.columns)
            .or(around.terminal_width)
            .map(|w| w.max(MIN_WIDTH));
        let colour = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            // A terminal whose size is unknown (a pty nobody sized: `script`, an editor's
            // terminal, CI) is a terminal still: its width is unknown, not its colours.
            ColorChoice::Auto => around.terminal && !around.no_color && !around.dumb_terminal,
        };
        Screen { width, colour }
    }

    /// A screen `width` columns wide, without colour (for tests).
    #[cfg(test)]
    pub fn plain(width: usize) -> Screen {
        Screen {
            width: Some(width),
            colour: false,
        }
    }

    /// The width prose wraps at: the screen's, or [`PROSE_WIDTH`] when unknown.
    pub fn prose_width(&self) -> usize {
        self.width.unwrap_or(PROSE_WIDTH)
    }

    /// Whether a line of `columns` columns fits.
    pub fn fits(&self, columns: usize) -> bool {
        self.width.is_none_or(|w| columns <= w)
    }
}

static SCREEN: OnceLock<Screen> = OnceLock::new();

/// Chooses this run's screen from the global options; called once, before any command runs.
/// A process-wide value rather than a parameter of every command, so the commands'
/// signatures stay as they are; renderers still take the [`Screen`] as a value.
pub fn install(args: ScreenArgs) {
    let _ = SCREEN.set(Screen::choose(args, &Surroundings::of_process()));
}

/// This run's screen: as [`install`]ed, else unknown width without colour.
pub fn current() -> Screen {
    SCREEN.get().copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(width: Option<u16>, color: ColorChoice) -> ScreenArgs {
        ScreenArgs { width, color }
    }

    #[test]
    fn the_width_comes_from_the_option_then_columns_then_the_terminal() {
        let terminal = Surroundings {
            columns: Some(100),
            terminal: true,
            terminal_width: Some(132),
            ..Surroundings::default()
        };
        assert_eq!(
            Screen::choose(args(Some(80), ColorChoice::Auto), &terminal).width,
            Some(80)
        );
        assert_eq!(
            Screen::choose(args(None, ColorChoice::Auto), &terminal).width,
            Some(100)
        );
        let no_columns = Surroundings {
            columns: None,
            ..terminal
        };
        assert_eq!(
            Screen::choose(args(None, ColorChoice::Auto), &no_columns).width,
            Some(132)
        );
        let pipe = Surroundings::default();
        assert_eq!(Screen::choose(args(None, ColorChoice::Auto), &pipe).width, None);
        let tiny = Surroundings {
            columns: Some(12),
            ..Surroundings::default()
        };
        assert_eq!(
            Screen::choose(args(None, ColorChoice::Auto), &tiny).width,
            Some(MIN_WIDTH)
        );
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color_unless_forced() {
        let terminal = Surroundings {
            terminal: true,
            terminal_width: Some(80),
            ..Surroundings::default()
        };
        let auto = args(None, ColorChoice::Auto);
        assert!(Screen::choose(auto, &terminal).colour);
        // Issue 21: a terminal that does not say its size is coloured too.
        let sizeless = Surroundings {
            terminal_width: None,
            ..terminal.clone()
        };
        assert!(Screen::choose(auto, &sizeless).colour);
        assert_eq!(Screen::choose(auto, &sizeless).width, None);
        let no_color = Surroundings {
            no_color: true,
            ..terminal.clone()
        };
        assert!(!Screen::choose(auto, &no_color).colour);
        let dumb = Surroundings {
            dumb_terminal: true,
            ..terminal.clone()
        };
        assert!(!Screen::choose(auto, &dumb).colour);
        assert!(!Screen::choose(auto, &Surroundings::default()).colour, "a pipe");
        assert!(Screen::choose(args(None, ColorChoice::Always), &no_color).colour);
        assert!(!Screen::choose(args(None, ColorChoice::Never), &terminal).colour);
    }
}
