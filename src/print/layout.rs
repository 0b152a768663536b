//! The page model (placed text runs, lines, boxes, check boxes) and text fitting.
//!
//! Coordinates are points from the page's top-left corner; `render` flips them for PDF.
//! Text is fitted to a width with the font's glyph advances: kept on one line, shrunk a
//! little, or wrapped (CJK between any two characters, Latin and digits at spaces, closing
//! punctuation never starting a line). Callers grow the cell to the lines' height, so
//! nothing is cut.

use super::fonts::Fonts;
use super::PrintedDocument;

/// A4 portrait in points.
pub(crate) const A4_PORTRAIT: (f32, f32) = (595.276, 841.89);
/// A4 landscape in points.
pub(crate) const A4_LANDSCAPE: (f32, f32) = (841.89, 595.276);
/// Distance between baselines, in em.
pub(crate) const LINE_PITCH: f32 = 1.28;
/// Ascent of the CJK face, in em (the em box is 0.88 above and 0.12 below the baseline).
pub(crate) const ASCENT: f32 = 0.88;
/// Text is never shrunk below this share of its size; it wraps instead.
const MIN_SHRINK: f32 = 0.8;

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// A text run; `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        text: String,
    },
    /// A straight line.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A rectangle, `y` its top edge; filled with a grey level and/or stroked.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<f32>,
        stroke: Option<f32>,
    },
    /// A check box (☐ or ☑) of text size `size`, sitting on baseline `y`.
    Check {
        x: f32,
        y: f32,
        size: f32,
        checked: bool,
    },
}

/// One page: the body (covered by the checksum) and the stamp (revision, date, checksum, QR).
#[derive(Debug, Clone, Default)]
pub(crate) struct Sheet {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
    pub stamp: Vec<Item>,
}

/// A laid-out document: pages of placed items, ready to render or to read back as text.
#[derive(Debug, Clone)]
pub struct Layout {
    pub(crate) title: String,
    pub(crate) pages: Vec<Sheet>,
    pub(crate) checksum: String,
    /// The print date, also written as the PDF's creation date (no clock is read).
    pub(crate) printed_on: chrono::NaiveDate,
}

impl Layout {
    /// The checksum printed on every page.
    pub fn checksum(&self) -> &str {
        &self.checksum
    }

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The printed text in reading order, one line per printed line, check boxes as ☐/☑,
    /// pages separated by a `=== 第n页 ===` line. Used by tests and previews.
    pub fn text(&self) -> String {
        self.text_of(true)
    }

    /// The printed text without the stamp (revision, date, checksum, page numbers).
    pub fn body_text(&self) -> String {
        self.text_of(false)
    }

    fn text_of(&self, with_stamp: bool) -> String {
        let mut out = String::new();
        for (i, page) in self.pages.iter().enumerate() {
            out.push_str(&format!("=== 第{}页 ===\n", i + 1));
            let stamp = if with_stamp { &page.stamp[..] } else { &[] };
            for line in reading_lines(page.items.iter().chain(stamp)) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        out
    }

    /// Writes the PDF.
    pub fn render(&self) -> crate::Result<PrintedDocument> {
        let fonts = Fonts::shared()?;
        super::render::render(self, fonts)
    }
}

/// Groups text and check boxes into lines by baseline, each sorted left to right.
fn reading_lines<'a>(items: impl Iterator<Item = &'a Item>) -> Vec<String> {
    let mut runs: Vec<(f32, f32, String)> = items
        .filter_map(|it| match it {
            Item::Text { x, y, text, .. } => Some((*y, *x, text.clone())),
            Item::Check { x, y, checked, .. } => {
                Some((*y, *x, if *checked { "☑" } else { "☐" }.to_string()))
            }
            _ => None,
        })
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut lines: Vec<Vec<(f32, String)>> = Vec::new();
    let mut current_y = f32::NEG_INFINITY;
    for (y, x, text) in runs {
        if y - current_y > 2.5 || lines.is_empty() {
            lines.push(Vec::new());
            current_y = y;
        }
        if let Some(line) = lines.last_mut() {
            line.push((x, text));
        }
    }
    lines
        .into_iter()
        .map(|mut line| {
            line.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut s = String::new();
            for (i, (_, t)) in line.iter().enumerate() {
                // A check box and its label read as one word.
                if i > 0 && !s.ends_with('☐') && !s.ends_with('☑') {
                    s.push(' ');
                }
                s.push_str(t);
            }
            s
        })
        .collect()
}

/// Text fitted to a width: the size to print it at and its lines.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fitted {
    pub size: f32,
    pub lines: Vec<String>,
}

impl Fitted {
    /// Height of the text block (first ascent to last descent).
    pub fn height(&self) -> f32 {
        if self.lines.is_empty() {
            return 0.0;
        }
        (self.lines.len() - 1) as f32 * self.size * LINE_PITCH + self.size
    }
}

/// Fits `text` into `width` at `size`: as is, shrunk (not below 80 %), or wrapped.
pub(crate) fn fit(fonts: &Fonts, text: &str, width: f32, size: f32, bold: bool) -> Fitted {
    fit_with(fonts, text, width, size, bold, false)
}

/// Like `fit`, but wrapped lines are balanced (`文盲或\n半文盲`, not `文盲或半文\n盲`): for
/// table cells, where a lone last character reads badly.
pub(crate) fn fit_cell(fonts: &Fonts, text: &str, width: f32, size: f32, bold: bool) -> Fitted {
    fit_with(fonts, text, width, size, bold, true)
}

fn fit_with(fonts: &Fonts, text: &str, width: f32, size: f32, bold: bool, balance: bool) -> Fitted {
    let paragraphs: Vec<&str> = text.split('\n').collect();
    let widest = paragraphs
        .iter()
        .map(|p| fonts.width(p, size, bold))
        .fold(0.0_f32, f32::max);
    let lines = |s: &[&str]| s.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    if widest <= width {
        return Fitted {
            size,
            lines: lines(&paragraphs),
        };
    }
    let shrunk = size * width / widest * 0.999;
    if shrunk >= size * MIN_SHRINK {
        return Fitted {
            size: shrunk,
            lines: lines(&paragraphs),
        };
    }
    let wrap_size = size * 0.9;
    let mut out = Vec::new();
    for p in paragraphs {
        let greedy = wrap(fonts, p, width, wrap_size, bold);
        if !balance || greedy.len() < 2 {
            out.extend(greedy);
            continue;
        }
        // The narrowest width that still needs no more lines than the greedy wrap.
        let (mut lo, mut hi) = (width / greedy.len() as f32 * 0.9, width);
        let mut best = greedy;
        for _ in 0..10 {
            let mid = (lo + hi) / 2.0;
            let candidate = wrap(fonts, p, mid, wrap_size, bold);
            if candidate.len() <= best.len() {
                best = candidate;
                hi = mid;
            } else {
                lo = mid;
            }
        }
        out.extend(best);
    }
    Fitted {
        size: wrap_size,
        lines: out,
    }
}

/// Greedy line breaking on break units (see `units`); a unit wider than the line is split.
pub(crate) fn wrap(fonts: &Fonts, text: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
    let extra = if bold {
        super::fonts::bold_stroke(size)
    } else {
        0.0
    };
    let w = |t: &str| fonts.width(t, size, false);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0.0;
    for unit in units(text) {
        let unit_w = w(&unit);
        // Trailing spaces may hang past the edge.
        if line_w + w(unit.trim_end()) + extra <= width {
            line.push_str(&unit);
            line_w += unit_w;
            continue;
        }
        if !line.trim().is_empty() {
            lines.push(line.trim_end().to_string());
        }
        line = String::new();
        line_w = 0.0;
        let unit = unit.trim_start();
        if w(unit) + extra <= width {
            line.push_str(unit);
            line_w = w(unit);
        } else {
            // Too wide for any line: break between characters.
            for c in unit.chars() {
                let cw = fonts.advance(c) * size;
                if line_w + cw + extra > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += cw;
            }
        }
    }
    if !line.trim().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Splits text into break units: each CJK character alone, Latin/digit runs together
/// (`3.8`, `1,234.00`, `10%` stay whole), closing punctuation glued to what precedes it,
/// opening punctuation to what follows, and a unit after a number (`16号`, `1,234.00 元`,
/// `6 人`) kept with it, so a number never parts from its unit at a line end.
fn units(text: &str) -> Vec<String> {
    const CLOSING: &str = "，。、；：？！）》」』”’%…·,.;:!?)]";
    const OPENING: &str = "（《「『“‘([";
    const IN_WORD: &str = "-*/.,:%_+#";
    const MEASURE: &str = "元号人年月日亩户岁周组个次米天页项名间层平公千万";
    let mut out: Vec<String> = Vec::new();
    let mut pending_open = String::new();
    let mut prev_word = false;
    for c in text.chars() {
        let after_number = pending_open.is_empty()
            && out.last().is_some_and(|last| {
                let t = last.strip_suffix(' ').unwrap_or(last);
                t.ends_with(|d: char| d.is_ascii_digit()) && !t.ends_with(' ')
            });
        if after_number
            && (MEASURE.contains(c) || (c == ' ' && !out.last().is_some_and(|l| l.ends_with(' '))))
        {
            if let Some(last) = out.last_mut() {
                last.push(c);
                prev_word = false;
                continue;
            }
        }
        let word = c.is_ascii_alphanumeric() || (prev_word && IN_WORD.contains(c)) || c == '*';
        if word && prev_word && pending_open.is_empty() {
            if let Some(last) = out.last_mut() {
                last.push(c);
                continue;
            }
        }
        if CLOSING.contains(c) && !out.is_empty() {
            if let Some(last) = out.last_mut() {
                last.push(c);
            }
            prev_word = false;
            continue;
        }
        if OPENING.contains(c) {
            pending_open.push(c);
            prev_word = false;
            continue;
        }
        let mut unit = std::mem::take(&mut pending_open);
        unit.push(c);
        out.push(unit);
        prev_word = word;
    }
    if !pending_open.is_empty() {
        out.push(pending_open);
    }
    out
}

/// Horizontal alignment of text in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// Places fitted text in a box (`x`, `y` top, `w`, `h`), vertically centred.
pub(crate) fn place(
    items: &mut Vec<Item>,
    fonts: &Fonts,
    fitted: &Fitted,
    (x, y, w, h): (f32, f32, f32, f32),
    align: Align,
    bold: bool,
) {
    let top = y + (h - fitted.height()) / 2.0;
    for (i, line) in fitted.lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        let lw = fonts.width(line, fitted.size, bold);
        let lx = match align {
            Align::Left => x,
            Align::Center => x + (w - lw) / 2.0,
            Align::Right => x + w - lw,
        };
        let baseline = top + fitted.size * ASCENT + i as f32 * fitted.size * LINE_PITCH;
        items.push(Item::Text {
            x: lx,
            y: baseline,
            size: fitted.size,
            bold,
            text: line.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_within_width_and_keeps_every_character() {
        let fonts = Fonts::shared().expect("font");
        let text = "江西省赣州市于都县𠮷村镇䶮赟昇组（老屋场）123号附2号，靠近村委会";
        let f = fit(fonts, text, 80.0, 10.0, false);
        assert!(f.lines.len() > 1, "a long address wraps: {:?}", f.lines);
        for l in &f.lines {
            assert!(
                fonts.width(l, f.size, false) <= 80.0 + 0.01,
                "line fits: {l}"
            );
            assert!(
                !l.starts_with('，') && !l.starts_with('）'),
                "no closing mark starts a line: {l}"
            );
        }
        assert_eq!(f.lines.concat(), text, "wrapping loses no character");
        let f = fit(fonts, "年工资性收入约3.8万元，人均10%", 60.0, 10.0, false);
        assert!(
            f.lines.iter().any(|l| l.contains("3.8")),
            "a decimal number stays whole: {:?}",
            f.lines
        );
    }

    /// Issue 14: an address printed "16 / 号" and an amount "1,234.00 / 元" across lines.
    #[test]
    fn a_number_keeps_its_unit() {
        let units = units("村委会旁16号，合计1,234.00 元，共6人");
        for whole in ["16号，", "1,234.00 元，", "6人"] {
            assert!(
                units.iter().any(|u| u == whole),
                "{whole} is one break unit: {units:?}"
            );
        }
    }

    #[test]
    fn cell_text_wraps_into_balanced_lines() {
        let fonts = Fonts::shared().expect("font");
        let f = fit_cell(fonts, "文盲或半文盲", 45.0, 9.5, false);
        assert_eq!(
            f.lines,
            vec!["文盲或", "半文盲"],
            "balanced, no lone last character"
        );
    }

    #[test]
    fn slightly_long_text_shrinks_on_one_line() {
        let fonts = Fonts::shared().expect("font");
        let w = fonts.width("欧阳𠮷䶮赟", 10.0, false);
        let f = fit(fonts, "欧阳𠮷䶮赟", w * 0.9, 10.0, false);
        assert_eq!(
            f.lines.len(),
            1,
            "a name a little too wide shrinks instead of wrapping"
        );
        assert!(f.size < 10.0 && f.size >= 8.0, "shrunk to {}", f.size);
    }
}
