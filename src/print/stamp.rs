//! Ties paper to the record: revision, print date, checksum and a QR code on every page.
//!
//! The checksum is the first 12 hex digits of SHA-256 over the document's identity, the
//! record's revision and every placed body item (text, position, size, check-box state),
//! but not the stamp itself, so the print date does not change it. Printing an unchanged
//! record again gives the same checksum; changing any printed field changes it.

use super::layout::{Item, Layout, Sheet};
use super::table::{MARGIN_X, STAMP_BAND};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// What the stamp says about the document.
pub(crate) struct Stamp {
    /// Document kind code (`household`, `visits`, `income`, `roster`, `notice`).
    pub kind: &'static str,
    /// Record identity, e.g. `village code/household code`.
    pub identity: String,
    /// Human label of the identity, e.g. `户编号 360731-0012`.
    pub label: String,
    pub year: i32,
    pub revision: i64,
    pub printed_on: NaiveDate,
    /// `补打（原打印日期：…）` on a past year's paper printed again (not in the checksum).
    pub reprint: Option<String>,
}

impl Stamp {
    /// The stamp of a household document (`title` e.g. 户档案卡), identified by village and
    /// household code.
    pub(crate) fn household(kind: &'static str, title: &str, ctx: &super::CardContext) -> Stamp {
        let code = &ctx.household.code;
        Stamp {
            kind,
            identity: format!("{}/{}", ctx.village.code, code),
            label: format!("{title}　户编号：{code}"),
            year: ctx.year,
            revision: ctx.revision,
            printed_on: ctx.printed_on,
            reprint: ctx.reprint.map(|r| r.mark(ctx.year)),
        }
    }
}

const QR_SIZE: f32 = 48.0;
const STAMP_TEXT: f32 = 7.5;

/// Computes the checksum of the pages and adds the stamp to each; returns the layout.
pub(crate) fn finish(title: String, mut pages: Vec<Sheet>, stamp: &Stamp) -> Layout {
    let checksum = checksum(&pages, stamp);
    let total = pages.len();
    let payload = format!(
        "YBT1|{}|{}|{}|r{}|{}",
        stamp.kind, stamp.identity, stamp.year, stamp.revision, checksum
    );
    let qr = qr_items(&payload);
    for (i, page) in pages.iter_mut().enumerate() {
        let band = page.height - STAMP_BAND;
        let right = page.width - MARGIN_X;
        let qr_x = right - QR_SIZE;
        let qr_y = band + 12.0;
        page.stamp.push(Item::Line {
            x1: MARGIN_X,
            y1: band + 6.0,
            x2: right,
            y2: band + 6.0,
            width: 0.4,
        });
        let lines = [
            format!(
                "记录版本：{}　打印日期：{}{}　校验码：{}",
                stamp.revision,
                stamp.printed_on.format("%Y-%m-%d"),
                stamp
                    .reprint
                    .as_ref()
                    .map(|r| format!("　{r}"))
                    .unwrap_or_default(),
                checksum
            ),
            format!("{}　第{}页／共{}页", stamp.label, i + 1, total),
        ];
        for (n, text) in lines.into_iter().enumerate() {
            let y = band + 22.0 + n as f32 * STAMP_TEXT * 1.6;
            page.stamp.push(Item::Text {
                x: MARGIN_X,
                y,
                size: STAMP_TEXT,
                bold: false,
                text,
            });
        }
        for item in &qr {
            if let Item::Rect { x, y, w, h, .. } = item {
                page.stamp.push(Item::Rect {
                    x: qr_x + x,
                    y: qr_y + y,
                    w: *w,
                    h: *h,
                    fill: Some(0.0),
                    stroke: None,
                });
            }
        }
    }
    Layout {
        title,
        pages,
        checksum,
        printed_on: stamp.printed_on,
    }
}

/// First 12 hex digits of SHA-256 over identity, revision and body items.
pub(crate) fn checksum(pages: &[Sheet], stamp: &Stamp) -> String {
    let mut text = format!(
        "{}|{}|{}|{}\n",
        stamp.kind, stamp.identity, stamp.year, stamp.revision
    );
    for (i, page) in pages.iter().enumerate() {
        let _ = writeln!(text, "page {i}");
        for item in &page.items {
            canonical(&mut text, item);
        }
    }
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(6).fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Combines the checksums of several documents (a batch) into one.
pub(crate) fn combine(checksums: &[String]) -> String {
    let digest = Sha256::digest(checksums.join("\n").as_bytes());
    digest.iter().take(6).fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn canonical(out: &mut String, item: &Item) {
    let _ = match item {
        Item::Text {
            x,
            y,
            size,
            bold,
            text,
        } => writeln!(out, "T {x:.1} {y:.1} {size:.2} {bold} {text}"),
        Item::Check { x, y, checked, .. } => writeln!(out, "C {x:.1} {y:.1} {checked}"),
        Item::Rect {
            x, y, w, h, fill, ..
        } => writeln!(out, "R {x:.1} {y:.1} {w:.1} {h:.1} {fill:?}"),
        Item::Line { x1, y1, x2, y2, .. } => writeln!(out, "L {x1:.1} {y1:.1} {x2:.1} {y2:.1}"),
    };
}

/// The QR code as filled rectangles (dark runs per module row), origin at its top-left.
fn qr_items(payload: &str) -> Vec<Item> {
    let Ok(code) = qrcode::QrCode::with_error_correction_level(payload, qrcode::EcLevel::M) else {
        return Vec::new();
    };
    let n = code.width();
    let colors = code.to_colors();
    let module = QR_SIZE / n as f32;
    let mut out = Vec::new();
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if colors[row * n + col] == qrcode::Color::Dark {
                let start = col;
                while col < n && colors[row * n + col] == qrcode::Color::Dark {
                    col += 1;
                }
                out.push(Item::Rect {
                    x: start as f32 * module,
                    y: row as f32 * module,
                    w: (col - start) as f32 * module,
                    // Overlap the next row a hair so no white seams show between modules.
                    h: module + 0.05,
                    fill: Some(0.0),
                    stroke: None,
                });
            } else {
                col += 1;
            }
        }
    }
    out
}
