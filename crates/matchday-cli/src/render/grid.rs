//! Terminal tables that fit the screen: each column may have narrower forms
//! (short club names, zone labels) and may be dropped, in the order the
//! command says matters least first; only when nothing is left to give do
//! cells wrap.

use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use unicode_width::UnicodeWidthStr;

use super::paint::Painted;
use super::screen::Screen;

/// A column of a [`Grid`], as [`Grid::column`] returns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Col(usize);

/// One way a grid gives up width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Show the column's next narrower form.
    Narrow(Col),
    /// Show the next narrower form of each of these columns at once (columns of a kind).
    NarrowAll(Vec<Col>),
    /// Leave the column out.
    Drop(Col),
}

#[derive(Debug, Clone)]
struct Form {
    header: String,
    cells: Vec<Painted>,
}

#[derive(Debug, Clone)]
struct Column {
    /// Widest first.
    forms: Vec<Form>,
    right: bool,
}

/// A table drawn to fit a [`Screen`].
#[derive(Debug, Clone, Default)]
pub struct Grid {
    columns: Vec<Column>,
    steps: Vec<Step>,
    strong: Vec<usize>,
}

/// A grid as drawn, and which form of each column it shows.
#[derive(Debug, Clone)]
pub struct Drawn {
    /// The table, with a final newline.
    pub text: String,
    forms: Vec<Option<usize>>,
}

impl Drawn {
    /// Which form of `col` is shown (0 the widest), or `None` when it was dropped.
    pub fn form_of(&self, col: Col) -> Option<usize> {
        self.forms[col.0]
    }
}

impl Grid {
    /// An empty grid.
    pub fn new() -> Grid {
        Grid::default()
    }

    /// Adds a column of `cells` under `header`, numbers aligned right when `right`.
    /// A column of dates ("2023-08-12") gets a compact form as its narrower one (see
    /// [`compact_dates`]), tried when the command's steps are spent.
    pub fn column(&mut self, header: &str, right: bool, cells: Vec<Painted>) -> Col {
        let compact = compact_dates(&cells);
        self.columns.push(Column {
            forms: vec![Form {
                header: header.to_string(),
                cells,
            }],
            right,
        });
        let col = Col(self.columns.len() - 1);
        if let Some(compact) = compact {
            self.narrower(col, header, compact);
        }
        col
    }

    /// Adds a narrower form of `col`, tried by [`Step::Narrow`].
    pub fn narrower(&mut self, col: Col, header: &str, cells: Vec<Painted>) {
        self.columns[col.0].forms.push(Form {
            header: header.to_string(),
            cells,
        });
    }

    /// Adds a "Team" column of club `names`, with their short names as its narrower form.
    pub fn clubs(&mut self, names: &[&str]) -> Col {
        let team = self.column("Team", false, plain_cells(names.iter().map(|n| n.to_string())));
        self.narrower(team, "Team", plain_cells(super::short_name::short_names(names)));
        team
    }

    /// The ways to give up width, the first tried first.
    pub fn steps(&mut self, steps: &[Step]) {
        self.steps = steps.to_vec();
    }

    /// Shows row `row` in bold (the club asked about).
    pub fn strong_row(&mut self, row: usize) {
        self.strong.push(row);
    }

    /// The table as it fits `screen`: the widest forms that fit, else narrower
    /// ones and fewer columns step by step, and cells wrapped at the last.
    pub fn render(&self, screen: &Screen) -> Drawn {
        let mut forms: Vec<Option<usize>> = vec![Some(0); self.columns.len()];
        // Measured from the cells rather than by drawing each try: a listing may have
        // a hundred thousand rows.
        let widths: Vec<Vec<usize>> = self
            .columns
            .iter()
            .map(|c| c.forms.iter().map(Form::width).collect())
            .collect();
        let mut steps = self.steps.iter();
        let mut narrowest = false;
        let narrow_all = |forms: &mut [Option<usize>], col: Col| {
            let last = self.columns[col.0].forms.len() - 1;
            forms[col.0] = forms[col.0].map(|_| last);
        };
        loop {
            if screen.fits(table_width(&widths, &forms)) {
                let text = self.draw(&forms, screen.colour, None);
                return Drawn { text, forms };
            }
            let mut narrow = |col: &Col| {
                let last = self.columns[col.0].forms.len() - 1;
                forms[col.0] = forms[col.0].map(|f| (f + 1).min(last));
            };
            match steps.next() {
                Some(Step::Narrow(col)) => narrow(col),
                Some(Step::NarrowAll(cols)) => cols.iter().for_each(narrow),
                Some(Step::Drop(col)) => forms[col.0] = None,
                None if !narrowest && self.cuts_words(&forms, screen) => {
                    // Narrower forms the steps never reached (a compact date) come
                    // before a word is cut, though not before cells wrap at spaces.
                    narrowest = true;
                    (0..self.columns.len())
                        .map(Col)
                        .for_each(|c| narrow_all(&mut forms, c));
                }
                None => break,
            }
        }
        let width = screen.width.expect("a screen of unknown width fits every table");
        let fitted = self.wrapped_to(&mut forms, &widths, width);
        let text = fitted.draw(&forms, screen.colour, None);
        Drawn { text, forms }
    }

    /// With nothing left to give: the grid with each shown column's cells broken at
    /// spaces (a word wider than its column cut with "…", never broken) to widths that fill `width`, after leaving
    /// out the last columns while even their longest words do not fit beside the others.
    fn wrapped_to(&self, forms: &mut [Option<usize>], widths: &[Vec<usize>], width: usize) -> Grid {
        let least = |i: usize, f: usize| self.longest_word_of(i, f);
        let mut shown: Vec<(usize, usize, usize, usize)> = forms
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.map(|f| (i, least(i, f), widths[i][f], f)))
            .collect();
        let room = |n: usize| width.saturating_sub(1 + 3 * n);
        let least_sum = |shown: &[(usize, usize, usize, usize)]| shown.iter().map(|s| s.1).sum::<usize>();
        let floor_sum =
            |shown: &[(usize, usize, usize, usize)]| shown.iter().map(|s| s.1.min(CUT_FLOOR)).sum::<usize>();
        // Whole words if they fit; else the longest words cut with "…", none below
        // CUT_FLOOR columns; else the last column left out, and again.
        while shown.len() > 1
            && least_sum(&shown) > room(shown.len())
            && floor_sum(&shown) > room(shown.len())
        {
            let (dropped, ..) = shown.pop().expect("more than one");
            forms[dropped] = None;
        }
        let room = room(shown.len()).max(1);
        let mut given: Vec<usize> = shown.iter().map(|s| s.1.min(room)).collect();
        while given.iter().sum::<usize>() > room {
            let (widest, w) = given
                .iter()
                .copied()
                .enumerate()
                .max_by_key(|&(_, w)| w)
                .expect("a column is shown");
            if w <= 1 {
                break;
            }
            given[widest] = w - 1;
        }
        let mut spare = room.saturating_sub(given.iter().sum());
        // Spare columns first to those that want only a few more ("1-1" whole), then one
        // by one to the column that wants the most more, so none wraps needlessly.
        let mut by_need: Vec<usize> = (0..shown.len()).collect();
        by_need.sort_by_key(|&k| shown[k].2.saturating_sub(given[k]));
        for k in by_need {
            let need = shown[k].2.saturating_sub(given[k]);
            if need <= spare {
                given[k] += need;
                spare -= need;
            }
        }
        while spare > 0 {
            let wanting = (0..shown.len())
                .filter(|&k| shown[k].2 > given[k])
                .max_by_key(|&k| shown[k].2 - given[k]);
            let Some(k) = wanting else { break };
            given[k] += 1;
            spare -= 1;
        }
        let mut fitted = self.clone();
        for ((i, _, _, f), w) in shown.iter().zip(given) {
            let form = &mut fitted.columns[*i].forms[*f];
            form.header = wrap_words(&form.header, w);
            for cell in &mut form.cells {
                *cell = cell.wrapped(w);
            }
        }
        fitted
    }

    /// The widest word of form `f` of column `i`.
    fn longest_word_of(&self, i: usize, f: usize) -> usize {
        let form = &self.columns[i].forms[f];
        form.cells
            .iter()
            .map(|c| longest_word(&c.draw(false)))
            .fold(longest_word(&form.header), usize::max)
    }

    /// Whether the columns shown in `forms` are too many for `screen` to hold each one's
    /// widest word whole beside the others.
    fn cuts_words(&self, forms: &[Option<usize>], screen: &Screen) -> bool {
        let shown: Vec<(usize, usize)> = forms
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.map(|f| (i, f)))
            .collect();
        let words: usize = shown.iter().map(|&(i, f)| self.longest_word_of(i, f)).sum();
        !screen.fits(1 + 3 * shown.len() + words)
    }

    fn draw(&self, forms: &[Option<usize>], colour: bool, wrap_at: Option<usize>) -> String {
        let shown: Vec<(&Column, &Form)> = self
            .columns
            .iter()
            .zip(forms)
            .filter_map(|(c, f)| f.map(|f| (c, &c.forms[f])))
            .collect();
        let mut table = Table::new();
        table.load_style(presets::UTF8_FULL_CONDENSED);
        match wrap_at {
            Some(width) => table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(u16::try_from(width).unwrap_or(u16::MAX)),
            None => table.set_content_arrangement(ContentArrangement::Disabled),
        };
        table.set_header(shown.iter().map(|(_, f)| {
            if colour && !f.header.is_empty() {
                Painted::styled(f.header.clone(), anstyle::Style::new().bold()).draw(true)
            } else {
                f.header.clone()
            }
        }));
        let rows = shown.iter().map(|(_, f)| f.cells.len()).max().unwrap_or(0);
        for row in 0..rows {
            let strong = self.strong.contains(&row);
            table.add_row(shown.iter().map(|(_, f)| {
                let cell = f.cells.get(row).cloned().unwrap_or_default();
                let cell = if strong { cell.strong() } else { cell };
                cell.draw(colour)
            }));
        }
        for (i, (column, _)) in shown.iter().enumerate() {
            if column.right
                && let Some(c) = table.column_mut(i)
            {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
        let mut text = table.to_string();
        text.push('\n');
        text
    }
}

impl Form {
    /// The widest line of its header and cells, without colour.
    fn width(&self) -> usize {
        let header = self.header.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
        self.cells
            .iter()
            .map(|c| widest_line(&c.draw(false)))
            .fold(header, usize::max)
    }
}

/// The width a table of these column forms is drawn in: a border, then each
/// column's content with a space either side and a border after it.
fn table_width(widths: &[Vec<usize>], forms: &[Option<usize>]) -> usize {
    1 + widths
        .iter()
        .zip(forms)
        .filter_map(|(w, f)| f.map(|f| w[f] + 3))
        .sum::<usize>()
}

/// The narrowest a column's longest words are cut to before a column is left out instead:
/// "Bournemouth" may become "Bournemo…", never "Bou…".
const CUT_FLOOR: usize = 9;

/// The widest word of `text`: a column narrower than this cuts it.
fn longest_word(text: &str) -> usize {
    text.split_whitespace()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// What becomes of one character of a text fitted by [`fit_words`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Kept as it is.
    Kept,
    /// A space that becomes a line break.
    Break,
    /// The first character of a word's cut end: drawn as "…".
    Cut,
    /// The rest of a cut word: left out.
    Gone,
}

impl Fate {
    /// What `c` is drawn as, if anything.
    pub fn befall(self, c: char) -> Option<char> {
        match self {
            Fate::Kept => Some(c),
            Fate::Break => Some('\n'),
            Fate::Cut => Some('…'),
            Fate::Gone => None,
        }
    }
}

/// The fate of each character of `text` fitted into lines no wider than `width`:
/// broken at spaces only; a word wider than a line is cut to its start and "…"
/// (a cut word is shown as cut, never carried over to the next line in pieces).
pub fn fit_words(text: &str, width: usize) -> Vec<Fate> {
    let width = width.max(1);
    let mut fates = Vec::with_capacity(text.len());
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            fates.push(Fate::Kept);
        }
        let mut used = 0;
        for (k, word) in line.split(' ').enumerate() {
            let w = word.width().min(width);
            if k > 0 {
                if used > 0 && used + 1 + w > width {
                    fates.push(Fate::Break);
                    used = 0;
                } else {
                    fates.push(Fate::Kept);
                    used += 1;
                }
            }
            if word.width() <= width {
                fates.extend(word.chars().map(|_| Fate::Kept));
            } else {
                // As much as fits beside the "…", which is one column wide.
                let mut kept = 0;
                let mut cut = false;
                for c in word.chars() {
                    let cw = UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str);
                    if cut {
                        fates.push(Fate::Gone);
                    } else if kept + cw < width {
                        kept += cw;
                        fates.push(Fate::Kept);
                    } else {
                        cut = true;
                        fates.push(Fate::Cut);
                    }
                }
            }
            used += w;
        }
    }
    fates
}

/// `text` as [`fit_words`] fits it into `width` columns.
pub fn wrap_words(text: &str, width: usize) -> String {
    text.chars()
        .zip(fit_words(text, width))
        .filter_map(|(c, fate)| fate.befall(c))
        .collect()
}

/// A compact form of a column of dates, when every cell is one ("2023-08-12") or
/// empty: "12/08" when the dates lie within a year, so no two read alike (a
/// season's), else "12/08/23" when they lie within a hundred years.
fn compact_dates(cells: &[Painted]) -> Option<Vec<Painted>> {
    use chrono::{Datelike, NaiveDate};
    let texts: Vec<String> = cells.iter().map(|c| c.draw(false)).collect();
    let dates: Vec<Option<NaiveDate>> = texts
        .iter()
        .map(|t| match t.as_str() {
            "" => Some(None),
            t if t.len() == 10 => NaiveDate::parse_from_str(t, "%Y-%m-%d").ok().map(Some),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let first = dates.iter().flatten().min()?;
    let last = dates.iter().flatten().max()?;
    let format = if last.signed_duration_since(*first).num_days() < 365 {
        "%d/%m"
    } else if last.year() - first.year() < 100 {
        "%d/%m/%y"
    } else {
        return None;
    };
    Some(
        dates
            .iter()
            .map(|d| Painted::plain(d.map(|d| d.format(format).to_string()).unwrap_or_default()))
            .collect(),
    )
}

/// The display width of the widest line of plain `text`.
pub fn widest_line(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// Cells of plain text.
pub fn plain_cells<I: IntoIterator<Item = String>>(cells: I) -> Vec<Painted> {
    cells.into_iter().map(Painted::plain).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Grid, Col, Col) {
        let mut grid = Grid::new();
        let team = grid.column(
            "Team",
            false,
            plain_cells(["Wolverhampton Wanderers".to_string(), "Luton Town".into()]),
        );
        grid.narrower(team, "Team", plain_cells(["Wolves".to_string(), "Luton".into()]));
        let points = grid.column("Pts", true, plain_cells(["29".to_string(), "19".into()]));
        let form = grid.column("Form", false, plain_cells(["WWWDL".to_string(), "WWLDW".into()]));
        grid.steps(&[Step::Narrow(team), Step::Drop(form)]);
        let _ = points;
        (grid, team, form)
    }

    #[test]
    fn a_grid_gives_up_width_step_by_step_until_it_fits() {
        let (grid, team, form) = sample();
        let wide = grid.render(&Screen::plain(200));
        assert_eq!((wide.form_of(team), wide.form_of(form)), (Some(0), Some(0)));
        assert!(wide.text.contains("Wolverhampton Wanderers"), "{}", wide.text);
        let mid = grid.render(&Screen::plain(widest_line(&wide.text) - 1));
        assert_eq!((mid.form_of(team), mid.form_of(form)), (Some(1), Some(0)));
        assert!(
            mid.text.contains("Wolves") && mid.text.contains("WWWDL"),
            "{}",
            mid.text
        );
        let narrow = grid.render(&Screen::plain(widest_line(&mid.text) - 1));
        assert_eq!(narrow.form_of(form), None);
        assert!(!narrow.text.contains("Form"), "{}", narrow.text);
        assert!(widest_line(&narrow.text) < widest_line(&mid.text));
    }

    #[test]
    fn the_measured_width_is_the_drawn_width() {
        let (mut grid, ..) = sample();
        grid.column("", false, plain_cells(["v".to_string(), String::new()]));
        grid.column(
            "Zones",
            false,
            plain_cells(["champions=1\nrelegation=18-20".to_string()]),
        );
        let forms = vec![Some(0); grid.columns.len()];
        let widths: Vec<Vec<usize>> = grid
            .columns
            .iter()
            .map(|c| c.forms.iter().map(Form::width).collect())
            .collect();
        assert_eq!(
            table_width(&widths, &forms),
            widest_line(&grid.draw(&forms, false, None))
        );
    }

    #[test]
    fn with_nothing_left_to_give_cells_wrap_within_the_width() {
        let mut grid = Grid::new();
        grid.column(
            "What changed",
            false,
            plain_cells([
                "a long line of words that cannot fit in forty columns at all, not even close".to_string(),
            ]),
        );
        let drawn = grid.render(&Screen::plain(40));
        assert!(widest_line(&drawn.text) <= 40, "{}", drawn.text);
    }

    #[test]
    fn words_are_never_broken_while_they_fit() {
        // Issue 21: at 40 columns a table broke "Team" as "Tea/m" and clubs as "Liv/erp/ool".
        let mut grid = Grid::new();
        grid.column("Pos", true, plain_cells(["1".to_string(), "2".into()]));
        grid.column(
            "Team",
            false,
            plain_cells(["Liverpool".to_string(), "Nottingham Forest".into()]),
        );
        for header in ["Played", "Points", "Range", "Settled", "Remaining"] {
            grid.column(header, true, plain_cells(["26".to_string(), "60".into()]));
        }
        let drawn = grid.render(&Screen::plain(40));
        let text = &drawn.text;
        assert!(widest_line(text) <= 40, "{text}");
        for word in ["Pos", "Team", "Liverpool", "Nottingham", "Forest", "Played"] {
            assert!(text.contains(word), "{word} broken or lost: {text}");
        }
        // What did not fit beside the others was left out, from the right.
        assert!(!text.contains("Remaining"), "{text}");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_cuts_a_word_too_wide_with_an_ellipsis() {
        // Issue 21: at 40 columns results showed "Bournemout" / "h" and "2023-" / "08-11".
        assert_eq!(wrap_words("Aston Villa", 6), "Aston\nVilla");
        assert_eq!(wrap_words("Aston Villa", 11), "Aston Villa");
        assert_eq!(wrap_words("Bournemouth", 10), "Bournemou…");
        assert_eq!(wrap_words("2023-08-11", 5), "2023…");
        assert_eq!(wrap_words("champions-league", 12), "champions-l…");
        assert_eq!(wrap_words("Man Bournemouth", 6), "Man\nBourn…");
        assert_eq!(wrap_words("1-1", 2), "1…");
        assert_eq!(longest_word("Chelsea 1-1 Liverpool"), 9);
        assert_eq!(longest_word("2023-08-11"), 10);
        // Only spaces become breaks: with room for every word nothing else changes.
        let text = "3rd, 9 pts behind; clinched champions-league";
        assert_eq!(wrap_words(text, 16).replace('\n', " "), text);
        let painted = Painted::styled("Man City", anstyle::Style::new().bold()).wrapped(4);
        assert_eq!(painted.draw(false), "Man\nCity");
        let cut = Painted::styled("Wolverhampton", anstyle::Style::new().bold()).wrapped(6);
        assert_eq!(cut.draw(false), "Wolve…");
    }

    #[test]
    fn a_date_column_has_a_compact_form() {
        let season = plain_cells(["2023-08-11".to_string(), String::new(), "2024-05-19".into()]);
        let compact = compact_dates(&season).expect("dates");
        let texts: Vec<String> = compact.iter().map(|c| c.draw(false)).collect();
        assert_eq!(texts, ["11/08", "", "19/05"]);
        let years = plain_cells(["1999-08-11".to_string(), "2024-05-19".into()]);
        let texts: Vec<String> = compact_dates(&years)
            .expect("dates")
            .iter()
            .map(|c| c.draw(false))
            .collect();
        assert_eq!(texts, ["11/08/99", "19/05/24"]);
        assert!(compact_dates(&plain_cells(["1899-08-11".to_string(), "2024-05-19".into()])).is_none());
        assert!(compact_dates(&plain_cells(["2023-08-11".to_string(), "Liverpool".into()])).is_none());
        // A season's results at 40 columns: a compact date, the clubs whole or cut, never broken.
        let mut grid = Grid::new();
        grid.column("Date", false, season);
        grid.column(
            "Home",
            false,
            plain_cells([
                "Bournemouth".to_string(),
                "Arsenal".into(),
                "Wolverhampton Wanderers".into(),
            ]),
        );
        grid.column(
            "",
            false,
            plain_cells(["1-1".to_string(), "2-0".into(), "0-0".into()]),
        );
        grid.column(
            "Away",
            false,
            plain_cells([
                "West Ham United".to_string(),
                "Huddersfield".into(),
                "Nottingham Forest".into(),
            ]),
        );
        let text = grid.render(&Screen::plain(40)).text;
        assert!(widest_line(&text) <= 40, "{text}");
        assert!(text.contains("11/08") && !text.contains("2023"), "{text}");
        assert!(
            text.contains("Bournemouth") || text.contains("Bournemou…"),
            "{text}"
        );
        for line in text.lines() {
            for piece in ["Bournemout ", " h ", "2023-", "Huddersfie "] {
                assert!(!line.contains(piece), "{piece:?} broken: {text}");
            }
        }
    }

    #[test]
    fn colour_leaves_the_layout_as_it_was() {
        let (grid, ..) = sample();
        let plain = grid.render(&Screen::plain(30)).text;
        let coloured = grid
            .render(&Screen {
                width: Some(30),
                colour: true,
            })
            .text;
        assert!(coloured.contains('\x1b'));
        let stripped = anstream::adapter::strip_str(&coloured).to_string();
        assert_eq!(stripped, plain);
    }
}
