//! Batch printing: the cards of a whole village (or a chosen list) in one PDF, each household
//! starting on a fresh sheet, with progress reported for the app's bar.
//!
//! Each card keeps the stamp and checksum it has when printed alone; the batch's own checksum
//! combines the cards' checksums in order.

use super::fonts::Fonts;
use super::layout::Layout;
use super::stamp;
use super::{compose_one, CardContext, CardKind, PrintedDocument};

/// Prints one card per household into a single PDF.
///
/// `progress(done, total)` is called after each card is laid out and once more, with
/// `done == total`, when the PDF is written (so a bar reaches 100 % only at the end).
pub fn household_cards(
    kind: CardKind,
    cards: &[CardContext<'_>],
    progress: &mut dyn FnMut(usize, usize),
) -> crate::Result<PrintedDocument> {
    let fonts = Fonts::shared()?;
    let total = cards.len();
    let mut pages = Vec::new();
    let mut checksums = Vec::with_capacity(total);
    for (i, ctx) in cards.iter().enumerate() {
        let layout = compose_one(kind, ctx, fonts);
        checksums.push(layout.checksum);
        pages.extend(layout.pages);
        if i + 1 < total {
            progress(i + 1, total);
        }
    }
    let Some(printed_on) = cards.iter().map(|c| c.printed_on).max() else {
        return Err(crate::Error::Invalid("没有可打印的农户".to_string()));
    };
    if pages.is_empty() {
        return Err(crate::Error::Invalid("没有可打印的农户".to_string()));
    }
    let layout = Layout {
        title: format!("{}（批量）", kind.title()),
        pages,
        checksum: stamp::combine(&checksums),
        printed_on,
    };
    let printed = super::render::render(&layout, fonts)?;
    progress(total, total);
    Ok(printed)
}
