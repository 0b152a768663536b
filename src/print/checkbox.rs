//! Option lists printed as ☐/☑ check boxes drawn as shapes (the CJK font has no ballot box).
//!
//! A list shows every choice of a code list so the reader sees what was not chosen; the
//! recorded one is ticked. Options flow left to right and wrap onto more lines.

use super::fonts::Fonts;
use super::layout::{Item, ASCENT, LINE_PITCH};

/// Side of the box, in em.
pub(crate) const BOX: f32 = 0.8;
const GAP_AFTER_BOX: f32 = 0.25;
const GAP_BETWEEN: f32 = 1.0;

/// One choice: its label and whether it is ticked.
pub(crate) type Choice = (String, bool);

/// Builds the choices of a whole code list with `chosen` ticked.
pub(crate) fn choices<T: Copy + PartialEq>(
    all: &[T],
    label: impl Fn(T) -> &'static str,
    chosen: &[T],
) -> Vec<Choice> {
    all.iter()
        .map(|v| (label(*v).to_string(), chosen.contains(v)))
        .collect()
}

/// 是/否 choices for a recorded yes/no (neither ticked when not recorded).
pub(crate) fn yes_no(value: Option<bool>) -> Vec<Choice> {
    vec![
        ("是".to_string(), value == Some(true)),
        ("否".to_string(), value == Some(false)),
    ]
}

/// Option list placed in lines: the size used and, per line, (x offset, label, ticked).
pub(crate) struct Flowed {
    pub size: f32,
    pub lines: Vec<Vec<(f32, String, bool)>>,
}

impl Flowed {
    /// Height of the block of lines.
    pub fn height(&self) -> f32 {
        if self.lines.is_empty() {
            return 0.0;
        }
        (self.lines.len() - 1) as f32 * self.size * LINE_PITCH + self.size
    }
}

/// Flows the choices into `width`, shrinking the size only if one choice is wider than a line.
pub(crate) fn flow(fonts: &Fonts, choices: &[Choice], width: f32, size: f32) -> Flowed {
    let one = |label: &str, s: f32| s * (BOX + GAP_AFTER_BOX) + fonts.width(label, s, false);
    let widest = choices
        .iter()
        .map(|(l, _)| one(l, size))
        .fold(0.0_f32, f32::max);
    let size = if widest > width {
        size * width / widest * 0.999
    } else {
        size
    };
    let mut lines: Vec<Vec<(f32, String, bool)>> = vec![Vec::new()];
    let mut x = 0.0;
    for (label, checked) in choices {
        let w = one(label, size);
        if x > 0.0 && x + w > width {
            lines.push(Vec::new());
            x = 0.0;
        }
        if let Some(line) = lines.last_mut() {
            line.push((x, label.clone(), *checked));
        }
        x += w + GAP_BETWEEN * size;
    }
    Flowed { size, lines }
}

/// Places a flowed list with its top-left at (`x`, `top`).
pub(crate) fn place(items: &mut Vec<Item>, fonts: &Fonts, flowed: &Flowed, x: f32, top: f32) {
    let _ = fonts;
    let s = flowed.size;
    for (i, line) in flowed.lines.iter().enumerate() {
        let baseline = top + s * ASCENT + i as f32 * s * LINE_PITCH;
        for (dx, label, checked) in line {
            items.push(Item::Check {
                x: x + dx,
                y: baseline,
                size: s,
                checked: *checked,
            });
            items.push(Item::Text {
                x: x + dx + s * (BOX + GAP_AFTER_BOX),
                y: baseline,
                size: s,
                bold: false,
                text: label.clone(),
            });
        }
    }
}
