//! The page composer: titles, section headings and bordered table rows flowing onto pages.
//!
//! A row is as tall as its tallest cell's fitted content, so text never leaves its cell.
//! A row that does not fit on the page starts a new page, which repeats the document's
//! continuation title and the current table header. Section headings keep with what follows.

use super::checkbox::{self, Choice};
use super::fonts::Fonts;
use super::layout::{self, Align, Item, Sheet};

/// Body text size.
pub(crate) const TEXT: f32 = 9.5;
/// Table header and label size.
pub(crate) const LABEL: f32 = 9.0;
const PAD_X: f32 = 3.0;
const PAD_Y: f32 = 2.6;
/// Grey of label cells and table headers.
const SHADE: f32 = 0.9;
const BORDER: f32 = 0.6;
/// Page margins: sides, top, and the band at the bottom kept for the stamp.
pub(crate) const MARGIN_X: f32 = 42.0;
const MARGIN_TOP: f32 = 40.0;
pub(crate) const STAMP_BAND: f32 = 70.0;

/// What a cell shows.
#[derive(Debug, Clone)]
pub(crate) enum Content {
    Text {
        text: String,
        align: Align,
        bold: bool,
        size: f32,
    },
    Choices(Vec<Choice>),
    /// Left empty: a signature or a field to fill by hand.
    Blank,
}

/// One cell of a row.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub w: f32,
    pub content: Content,
    pub shade: bool,
}

impl Cell {
    /// A shaded, centred label cell (`户主`, `家庭住址` …).
    pub fn label(w: f32, text: &str) -> Cell {
        let content = Content::Text {
            text: text.into(),
            align: Align::Center,
            bold: false,
            size: LABEL,
        };
        Cell {
            w,
            content,
            shade: true,
        }
    }
    /// A shaded, bold table header cell.
    pub fn head(w: f32, text: &str) -> Cell {
        let content = Content::Text {
            text: text.into(),
            align: Align::Center,
            bold: true,
            size: LABEL,
        };
        Cell {
            w,
            content,
            shade: true,
        }
    }
    /// A left-aligned value.
    pub fn value(w: f32, text: impl Into<String>) -> Cell {
        let content = Content::Text {
            text: text.into(),
            align: Align::Left,
            bold: false,
            size: TEXT,
        };
        Cell {
            w,
            content,
            shade: false,
        }
    }
    /// A centred value.
    pub fn center(w: f32, text: impl Into<String>) -> Cell {
        let content = Content::Text {
            text: text.into(),
            align: Align::Center,
            bold: false,
            size: TEXT,
        };
        Cell {
            w,
            content,
            shade: false,
        }
    }
    /// A right-aligned value (amounts).
    pub fn right(w: f32, text: impl Into<String>) -> Cell {
        let content = Content::Text {
            text: text.into(),
            align: Align::Right,
            bold: false,
            size: TEXT,
        };
        Cell {
            w,
            content,
            shade: false,
        }
    }
    /// A list of ☐/☑ choices.
    pub fn choices(w: f32, choices: Vec<Choice>) -> Cell {
        Cell {
            w,
            content: Content::Choices(choices),
            shade: false,
        }
    }
    /// An empty cell (signature, date to fill).
    pub fn blank(w: f32) -> Cell {
        Cell {
            w,
            content: Content::Blank,
            shade: false,
        }
    }
    /// Bold text (totals rows).
    pub fn bold(mut self) -> Cell {
        if let Content::Text { bold, .. } = &mut self.content {
            *bold = true;
        }
        self
    }
}

/// A cell's content fitted to its width.
enum Fitted {
    Text(layout::Fitted),
    Choices(checkbox::Flowed),
    Blank,
}

impl Fitted {
    fn height(&self) -> f32 {
        match self {
            Fitted::Text(f) => f.height(),
            Fitted::Choices(f) => f.height(),
            Fitted::Blank => 0.0,
        }
    }
}

/// The row's height: its tallest cell with padding, at least `min_h`.
fn height(fitted: &[Fitted], min_h: f32) -> f32 {
    fitted
        .iter()
        .map(|f| f.height() + 2.0 * PAD_Y + 1.5)
        .fold(min_h, f32::max)
}

/// Splits the content width by weights into column widths.
pub(crate) fn columns(total: f32, weights: &[f32]) -> Vec<f32> {
    let sum: f32 = weights.iter().sum();
    weights.iter().map(|w| total * w / sum).collect()
}

/// Lays out rows onto pages.
pub(crate) struct Composer<'f> {
    pub fonts: &'f Fonts,
    size: (f32, f32),
    pages: Vec<Sheet>,
    y: f32,
    header: Option<(Vec<Cell>, Vec<Fitted>, f32)>,
    continuation: String,
}

impl<'f> Composer<'f> {
    /// Starts the first page; `continuation` heads every further page (e.g. `户档案卡（续）`).
    pub fn new(fonts: &'f Fonts, size: (f32, f32), continuation: String) -> Self {
        let mut c = Composer {
            fonts,
            size,
            pages: Vec::new(),
            y: 0.0,
            header: None,
            continuation,
        };
        c.pages.push(Sheet {
            width: size.0,
            height: size.1,
            ..Sheet::default()
        });
        c.y = MARGIN_TOP;
        c
    }

    /// Starts one household's paper on A4 portrait, its further pages headed
    /// `户档案卡（续）　户主：张三　户编号：…` (`title`, the head's name, the code).
    pub fn household_paper(fonts: &'f Fonts, title: &str, head: &str, code: &str) -> Self {
        Composer::new(
            fonts,
            super::layout::A4_PORTRAIT,
            format!("{title}（续）　户主：{head}　户编号：{code}"),
        )
    }

    /// The width between the side margins.
    pub fn width(&self) -> f32 {
        self.size.0 - 2.0 * MARGIN_X
    }

    /// Space left on the current page.
    pub fn room(&self) -> f32 {
        self.size.1 - STAMP_BAND - self.y
    }

    fn items(&mut self) -> &mut Vec<Item> {
        let last = self.pages.len() - 1;
        &mut self.pages[last].items
    }

    /// The document title, bold and centred, with an optional subtitle line under it.
    pub fn title(&mut self, title: &str, subtitle: &str) {
        let w = self.width();
        let f = layout::fit(self.fonts, title, w, 17.0, true);
        let h = f.height();
        let y = self.y;
        let fonts = self.fonts;
        layout::place(
            self.items(),
            fonts,
            &f,
            (MARGIN_X, y, w, h),
            Align::Center,
            true,
        );
        self.y += h + 8.0;
        if !subtitle.is_empty() {
            self.paragraph(subtitle, Align::Center, TEXT);
        }
        self.y += 2.0;
    }

    /// A paragraph across the page (wrapped), e.g. a notice's text.
    pub fn paragraph(&mut self, text: &str, align: Align, size: f32) {
        let w = self.width();
        let f = layout::fit(self.fonts, text, w, size, false);
        let h = f.height();
        if h > self.room() {
            self.new_page();
        }
        let y = self.y;
        let fonts = self.fonts;
        layout::place(self.items(), fonts, &f, (MARGIN_X, y, w, h), align, false);
        self.y += h + size * 0.6;
    }

    /// Vertical space.
    pub fn gap(&mut self, h: f32) {
        self.y += h;
    }

    /// A section heading kept on one page with at least `keep` points of what follows.
    pub fn section(&mut self, text: &str, keep: f32) {
        let h = LABEL * 1.9;
        if h + keep > self.room() {
            self.new_page();
        }
        self.y += 3.0;
        let w = self.width();
        let f = layout::fit(self.fonts, text, w, 10.5, true);
        let y = self.y;
        let fonts = self.fonts;
        layout::place(
            self.items(),
            fonts,
            &f,
            (MARGIN_X, y, w, h),
            Align::Left,
            true,
        );
        self.y += h;
    }

    /// Starts a table: draws its header now and after every page break until `end_table`.
    pub fn header(&mut self, cells: Vec<Cell>, keep: f32) {
        let fitted = self.prepare(&cells);
        let h = height(&fitted, 0.0);
        if h + keep > self.room() {
            self.new_page();
        }
        self.draw(&cells, &fitted, h);
        self.header = Some((cells, fitted, h));
    }

    /// Starts a table whose header is one line of titles over the columns `w`.
    pub fn titles(&mut self, titles: &[&str], w: &[f32], keep: f32) {
        let cells = titles
            .iter()
            .zip(w)
            .map(|(t, w)| Cell::head(*w, t))
            .collect();
        self.header(cells, keep);
    }

    /// A row of texts centred in the columns `w`.
    pub fn centered<T: Into<String>>(
        &mut self,
        texts: impl IntoIterator<Item = T>,
        w: &[f32],
        min_h: f32,
    ) {
        let cells = texts
            .into_iter()
            .zip(w)
            .map(|(t, w)| Cell::center(*w, t))
            .collect();
        self.row(cells, min_h);
    }

    /// Ends the repeated header.
    pub fn end_table(&mut self) {
        self.header = None;
    }

    /// Fits each cell's content to its width (once; drawing reuses it).
    fn prepare(&self, cells: &[Cell]) -> Vec<Fitted> {
        cells
            .iter()
            .map(|cell| {
                let inner = cell.w - 2.0 * PAD_X;
                match &cell.content {
                    Content::Text {
                        text, bold, size, ..
                    } => Fitted::Text(layout::fit_cell(self.fonts, text, inner, *size, *bold)),
                    Content::Choices(ch) => {
                        Fitted::Choices(checkbox::flow(self.fonts, ch, inner, TEXT))
                    }
                    Content::Blank => Fitted::Blank,
                }
            })
            .collect()
    }

    /// A table row; moves to a new page first if it does not fit.
    pub fn row(&mut self, cells: Vec<Cell>, min_h: f32) {
        let fitted = self.prepare(&cells);
        let h = height(&fitted, min_h);
        if h > self.room() {
            self.new_page();
        }
        self.draw(&cells, &fitted, h);
    }

    /// Whether a row of this height still fits on the page.
    pub fn fits(&self, h: f32) -> bool {
        h <= self.room()
    }

    fn draw(&mut self, cells: &[Cell], fitted: &[Fitted], h: f32) {
        let fonts = self.fonts;
        let top = self.y;
        let mut x = MARGIN_X;
        for (cell, fit) in cells.iter().zip(fitted) {
            let items = self.items();
            if cell.shade {
                items.push(Item::Rect {
                    x,
                    y: top,
                    w: cell.w,
                    h,
                    fill: Some(SHADE),
                    stroke: None,
                });
            }
            let inner = (
                x + PAD_X,
                top + PAD_Y,
                cell.w - 2.0 * PAD_X,
                h - 2.0 * PAD_Y,
            );
            match (&cell.content, fit) {
                (Content::Text { align, bold, .. }, Fitted::Text(f)) => {
                    layout::place(items, fonts, f, inner, *align, *bold);
                }
                (_, Fitted::Choices(f)) => {
                    let y = inner.1 + (inner.3 - f.height()) / 2.0;
                    checkbox::place(items, fonts, f, inner.0, y);
                }
                _ => {}
            }
            items.push(Item::Rect {
                x,
                y: top,
                w: cell.w,
                h,
                fill: None,
                stroke: Some(BORDER),
            });
            x += cell.w;
        }
        self.y += h;
    }

    /// Starts a new page with the continuation title and the current table header.
    pub fn new_page(&mut self) {
        self.pages.push(Sheet {
            width: self.size.0,
            height: self.size.1,
            ..Sheet::default()
        });
        self.y = MARGIN_TOP - 6.0;
        let w = self.width();
        let f = layout::fit(self.fonts, &self.continuation, w, 10.5, true);
        let h = f.height();
        let fonts = self.fonts;
        let y = self.y;
        layout::place(
            self.items(),
            fonts,
            &f,
            (MARGIN_X, y, w, h),
            Align::Left,
            true,
        );
        self.y += h + 8.0;
        if let Some((cells, fitted, h)) = self.header.take() {
            self.draw(&cells, &fitted, h);
            self.header = Some((cells, fitted, h));
        }
    }

    /// The finished pages.
    pub fn finish(self) -> Vec<Sheet> {
        self.pages
    }
}
