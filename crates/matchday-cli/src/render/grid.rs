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
    pub fn column(&mut self, header: &str, right: bool, cells: Vec<Painted>) -> Col {
        self.columns.push(Column {
            forms: vec![Form {
                header: header.to_string(),
                cells,
            }],
            right,
        });
        Col(self.columns.len() - 1)
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
                None => break,
            }
        }
        let width = screen.width.expect("a screen of unknown width fits every table");
        let fitted = self.wrapped_to(&mut forms, &widths, width);
        let text = fitted.draw(&forms, screen.colour, None);
        Drawn { text, forms }
    }

    /// With nothing left to give: the grid with each shown column's cells broken at
    /// spaces (never inside a word that fits) to widths that fill `width`, after leaving
    /// out the last columns while even their longest words do not fit beside the others.
    fn wrapped_to(&self, forms: &mut [Option<usize>], widths: &[Vec<usize>], width: usize) -> Grid {
        let least = |i: usize, f: usize| {
            let form = &self.columns[i].forms[f];
            form.cells
                .iter()
                .map(|c| longest_piece(&c.draw(false)))
                .fold(longest_piece(&form.header), usize::max)
        };
        let mut shown: Vec<(usize, usize, usize, usize)> = forms
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.map(|f| (i, least(i, f), widths[i][f], f)))
            .collect();
        let room = |n: usize| width.saturating_sub(1 + 3 * n);
        let least_sum = |shown: &[(usize, usize, usize, usize)]| shown.iter().map(|s| s.1).sum::<usize>();
        let floor_sum =
            |shown: &[(usize, usize, usize, usize)]| shown.iter().map(|s| s.1.min(CUT_FLOOR)).sum::<usize>();
        // Whole words if they fit; else the longest words cut, none below CUT_FLOOR
        // columns; else the last column left out, and again.
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
/// "Bournemouth" may lose a letter or two to the next line, never become "Bou/rne/mou/th".
const CUT_FLOOR: usize = 9;

/// The widest piece of `text` that [`wrap_words`] never breaks: a word, or the part of
/// one up to and including a '-' or '/'.
fn longest_piece(text: &str) -> usize {
    text.split_whitespace()
        .flat_map(|word| {
            let pieces: Vec<&str> = if word.width() <= WHOLE {
                vec![word]
            } else {
                word.split_inclusive(['-', '/']).collect()
            };
            pieces
        })
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

/// Words this wide or narrower are never broken at a '-' or '/': a score ("3-1",
/// "10-2") stays whole; a date or "champions-league" may break after its dashes.
const WHOLE: usize = 5;

/// `text` broken into lines no wider than `width`: at spaces; a word wider than the
/// line after its last '-' or '/' that fits; a piece wider than `width` at `width`.
/// The result is `text` with some spaces turned into line breaks and some put in.
pub fn wrap_words(text: &str, width: usize) -> String {
    let width = width.max(1);
    let mut out = String::with_capacity(text.len() + 8);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut used = 0;
        for (k, word) in line.split(' ').enumerate() {
            let w = word.width();
            if k > 0 {
                if used > 0 && used + 1 + w > width {
                    out.push('\n');
                    used = 0;
                } else {
                    out.push(' ');
                    used += 1;
                }
            }
            let mut rest = word;
            while used + rest.width() > width {
                let room = width.saturating_sub(used);
                // The longest start of `rest` ending in '-' or '/' that fits; else, on a
                // fresh line, as much as fits.
                let at_mark = if rest.width() > WHOLE {
                    rest.char_indices()
                        .rev()
                        .find(|&(i, c)| matches!(c, '-' | '/') && rest[..=i].width() <= room)
                        .map(|(i, c)| i + c.len_utf8())
                } else {
                    None
                };
                let cut = match at_mark {
                    Some(i) if i < rest.len() => i,
                    _ if used > 0 => {
                        out.push('\n');
                        used = 0;
                        continue;
                    }
                    _ => {
                        let mut i = 0;
                        for (j, c) in rest.char_indices() {
                            if rest[..j + c.len_utf8()].width() > room {
                                break;
                            }
                            i = j + c.len_utf8();
                        }
                        i.max(rest.chars().next().map_or(0, char::len_utf8))
                    }
                };
                out.push_str(&rest[..cut]);
                out.push('\n');
                used = 0;
                rest = &rest[cut..];
            }
            out.push_str(rest);
            used += rest.width();
        }
    }
    out
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
    fn wrapping_breaks_at_spaces_then_marks_then_anywhere() {
        assert_eq!(wrap_words("Aston Villa", 6), "Aston\nVilla");
        assert_eq!(wrap_words("Aston Villa", 11), "Aston Villa");
        assert_eq!(wrap_words("champions-league", 12), "champions-\nleague");
        assert_eq!(wrap_words("/work/data/x.season", 8), "/work/\ndata/\nx.season");
        assert_eq!(wrap_words("Wolverhampton", 5), "Wolve\nrhamp\nton");
        assert_eq!(wrap_words("1-1", 2), "1-\n1");
        assert_eq!(longest_piece("Chelsea 1-1 Liverpool"), 9);
        assert_eq!(longest_piece("1-1"), 3);
        // Only spaces become breaks, and breaks are put in: nothing else changes.
        let text = "3rd, 9 pts behind; clinched champions-league";
        assert_eq!(wrap_words(text, 10).replace('\n', " ").replace("- ", "-"), text);
        let painted = Painted::styled("Man City", anstyle::Style::new().bold()).wrapped(4);
        assert_eq!(painted.draw(false), "Man\nCity");
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
