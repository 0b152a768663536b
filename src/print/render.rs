//! Writes a [`Layout`] as PDF with printpdf: one embedded, subset font; shapes for lines,
//! boxes, check boxes and the QR code.
//!
//! Output is byte-for-byte deterministic: the font resource has a fixed name, the document
//! dates are printpdf's fixed epoch, and the random file identifier printpdf writes into the
//! trailer is replaced (same length, so offsets stay valid) by one derived from the checksum.

use super::fonts::{bold_stroke, Face, Fonts};
use super::layout::{Item, Layout};
use super::PrintedDocument;
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, OffsetDateTime, Op, PaintMode, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextRenderingMode,
};

/// Renders the layout to PDF bytes.
pub(crate) fn render(layout: &Layout, fonts: &Fonts) -> crate::Result<PrintedDocument> {
    let mut doc = PdfDocument::new(&layout.title);
    doc.metadata.info.producer = "Yibentong".to_string();
    doc.metadata.info.creator = "Yibentong".to_string();
    // The print date (an input), never the clock: same input, same bytes.
    let midnight = layout
        .printed_on
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp());
    if let Some(Ok(date)) = midnight.map(OffsetDateTime::from_unix_timestamp) {
        doc.metadata.info.creation_date = date;
        doc.metadata.info.modification_date = date;
        doc.metadata.info.metadata_date = date;
    }
    let primary = FontId("YBTSCA".to_string());
    doc.resources
        .fonts
        .map
        .insert(primary.clone(), PdfFont::new(fonts.regular.clone()));
    let fallback = FontId("YBTJPA".to_string());
    // The fallback face goes in only when some character needs it.
    let uses_fallback = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .any(|it| match it {
            Item::Text { text, .. } => text.chars().any(|c| fonts.face(c) == Face::Fallback),
            _ => false,
        });
    if let Some(face) = fonts.fallback().filter(|_| uses_fallback) {
        doc.resources
            .fonts
            .map
            .insert(fallback.clone(), PdfFont::new(face.clone()));
    }
    let faces = Faces {
        fonts,
        primary: PdfFontHandle::External(primary),
        fallback: PdfFontHandle::External(fallback),
    };

    let pages: Vec<PdfPage> = layout
        .pages
        .iter()
        .map(|sheet| {
            let mut ops = Vec::with_capacity(sheet.items.len() * 4);
            let mut pen = Pen::default();
            for item in sheet.items.iter().chain(&sheet.stamp) {
                push_item(&mut ops, &mut pen, &faces, item, sheet.height);
            }
            let mut page = PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops);
            let bounds = Rect::from_wh(Pt(sheet.width), Pt(sheet.height));
            page.media_box = bounds.clone();
            page.trim_box = bounds.clone();
            page.crop_box = bounds;
            page
        })
        .collect();
    let count = pages.len();
    doc.with_pages(pages);

    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let mut bytes = doc.save(&options, &mut warnings);
    if bytes.is_empty() {
        return Err(crate::Error::Document("PDF 写出为空".to_string()));
    }
    fix_file_id(&mut bytes, &layout.checksum);
    Ok(PrintedDocument {
        bytes,
        checksum: layout.checksum.clone(),
        pages: count,
    })
}

/// The fonts and their PDF handles.
struct Faces<'f> {
    fonts: &'f Fonts,
    primary: PdfFontHandle,
    fallback: PdfFontHandle,
}

/// Splits text into runs printed by one face each.
fn runs(fonts: &Fonts, text: &str) -> Vec<(Face, String)> {
    let mut out: Vec<(Face, String)> = Vec::new();
    for c in text.chars() {
        let face = fonts.face(c);
        match out.last_mut() {
            Some((f, run)) if *f == face => run.push(c),
            _ => out.push((face, c.to_string())),
        }
    }
    out
}

/// Graphics state already set, to avoid repeating operators.
#[derive(Default)]
struct Pen {
    fill: Option<u32>,
    stroke_width: Option<u32>,
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level,
        icc_profile: None,
    })
}

fn set_fill(ops: &mut Vec<Op>, pen: &mut Pen, level: f32) {
    let key = (level * 1000.0) as u32;
    if pen.fill != Some(key) {
        ops.push(Op::SetFillColor { col: grey(level) });
        pen.fill = Some(key);
    }
}

fn set_stroke(ops: &mut Vec<Op>, pen: &mut Pen, width: f32) {
    let key = (width * 1000.0) as u32;
    if pen.stroke_width != Some(key) {
        ops.push(Op::SetOutlineColor { col: grey(0.0) });
        ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        pen.stroke_width = Some(key);
    }
}

fn point(x: f32, y: f32, page_h: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt(x),
            y: Pt(page_h - y),
        },
        bezier: false,
    }
}

fn push_item(ops: &mut Vec<Op>, pen: &mut Pen, faces: &Faces<'_>, item: &Item, page_h: f32) {
    match item {
        Item::Text {
            x,
            y,
            size,
            bold,
            text,
        } => {
            set_fill(ops, pen, 0.0);
            if *bold {
                set_stroke(ops, pen, bold_stroke(*size));
            }
            let mut dx = 0.0;
            for (face, run) in runs(faces.fonts, text) {
                let font = match face {
                    Face::Primary => faces.primary.clone(),
                    Face::Fallback => faces.fallback.clone(),
                };
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFont {
                    font,
                    size: Pt(*size),
                });
                ops.push(Op::SetTextCursor {
                    pos: Point {
                        x: Pt(x + dx),
                        y: Pt(page_h - y),
                    },
                });
                if *bold {
                    ops.push(Op::SetTextRenderingMode {
                        mode: TextRenderingMode::FillStroke,
                    });
                }
                dx += faces.fonts.width(&run, *size, false);
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(run)],
                });
                if *bold {
                    ops.push(Op::SetTextRenderingMode {
                        mode: TextRenderingMode::Fill,
                    });
                }
                ops.push(Op::EndTextSection);
            }
        }
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
        } => {
            set_stroke(ops, pen, *width);
            let line = Line {
                points: vec![point(*x1, *y1, page_h), point(*x2, *y2, page_h)],
                is_closed: false,
            };
            ops.push(Op::DrawLine { line });
        }
        Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => {
            let rect = |mode| Rect {
                x: Pt(*x),
                y: Pt(page_h - y - h),
                width: Pt(*w),
                height: Pt(*h),
                mode: Some(mode),
                winding_order: None,
            };
            if let Some(level) = fill {
                set_fill(ops, pen, *level);
                ops.push(Op::DrawRectangle {
                    rectangle: rect(PaintMode::Fill),
                });
            }
            if let Some(width) = stroke {
                set_stroke(ops, pen, *width);
                ops.push(Op::DrawRectangle {
                    rectangle: rect(PaintMode::Stroke),
                });
            }
        }
        Item::Check {
            x,
            y,
            size,
            checked,
        } => {
            let side = size * super::checkbox::BOX;
            let bottom = y + size * 0.1;
            let top = bottom - side;
            set_stroke(ops, pen, 0.6);
            let rect = Rect {
                x: Pt(*x),
                y: Pt(page_h - bottom),
                width: Pt(side),
                height: Pt(side),
                mode: Some(PaintMode::Stroke),
                winding_order: None,
            };
            ops.push(Op::DrawRectangle { rectangle: rect });
            if *checked {
                set_stroke(ops, pen, 1.1);
                let tick = Line {
                    points: vec![
                        point(x + side * 0.18, top + side * 0.52, page_h),
                        point(x + side * 0.42, top + side * 0.8, page_h),
                        point(x + side * 0.86, top + side * 0.2, page_h),
                    ],
                    is_closed: false,
                };
                ops.push(Op::DrawLine { line: tick });
            }
        }
    }
}

/// Replaces the random `/ID` strings of the trailer with ones derived from the checksum.
fn fix_file_id(bytes: &mut [u8], checksum: &str) {
    let Some(pos) = find_last(bytes, b"/ID") else {
        return;
    };
    let mut i = pos + 3;
    let mut which = 0;
    while i < bytes.len() && which < 2 {
        if bytes[i] == b'(' {
            let start = i + 1;
            let Some(len) = bytes[start..].iter().position(|b| *b == b')') else {
                return;
            };
            let id: Vec<u8> = format!("{checksum}{which}")
                .bytes()
                .cycle()
                .take(len)
                .collect();
            bytes[start..start + len].copy_from_slice(&id);
            i = start + len;
            which += 1;
        } else if bytes[i] == b']' {
            return;
        }
        i += 1;
    }
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
