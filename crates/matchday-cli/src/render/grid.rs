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
        let text = self.draw(&forms, screen.colour, screen.width);
        Drawn { text, forms }
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
