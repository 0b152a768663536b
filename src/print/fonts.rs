//! The embedded CJK font (Noto Sans SC, SIL OFL), parsed once per process, and text measuring.
//!
//! Widths come from the font's horizontal advances, so wrapping and shrinking match what the
//! PDF shows. Bold is drawn as fill-and-stroke of the same face (one font to ship and subset).
//! Names may hold characters outside the Simplified Chinese font (e.g. 𠮷, CJK Ext. B): those
//! are printed with Noto Sans JP, the same design, which carries several hundred more Ext. B
//! ideographs. A character neither font has prints as an empty box; `missing` lists them.

use printpdf::ParsedFont;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// Noto Sans SC Regular: TrueType outlines, about 27,800 ideographs (Ext. B names included).
const NOTO_SANS_SC: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC_400Regular.ttf");
/// Noto Sans JP Regular: the fallback for ideographs the SC font lacks (e.g. 𠮷).
const NOTO_SANS_JP: &[u8] = include_bytes!("../../assets/fonts/NotoSansJP_400Regular.ttf");

/// Which of the two faces prints a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    Primary,
    Fallback,
}

/// The parsed font with its metrics. Get it with [`Fonts::shared`].
pub struct Fonts {
    pub(crate) regular: ParsedFont,
    /// The fallback face, parsed the first time a character needs it (most papers never do).
    fallback: OnceLock<Option<ParsedFont>>,
    units_per_em: f32,
    /// Advance of a glyph the font lacks (the .notdef box), in em.
    missing_advance: f32,
    /// Face and advance (em) of each BMP character, looked up on first use and kept:
    /// measuring runs for every fitting attempt, so after the first it must be a table
    /// read, not a cmap search. 0 = not looked up yet; else `KNOWN | face | f32 bits`.
    bmp: Box<[AtomicU64]>,
}

const KNOWN: u64 = 1 << 40;
const FALLBACK: u64 = 1 << 41;

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts")
            .field("units_per_em", &self.units_per_em)
            .finish()
    }
}

static SHARED: OnceLock<Result<Fonts, String>> = OnceLock::new();

/// Parses an embedded font whose glyph tables are read when a glyph is first needed
/// (printing uses a few hundred of some 30,000).
fn shared_font(bytes: &'static [u8]) -> Option<ParsedFont> {
    let bytes = std::sync::Arc::new(rust_fontconfig::FontBytes::Owned(std::sync::Arc::from(
        bytes,
    )));
    printpdf::AzulParsedFont::from_bytes_shared(bytes, 0, &mut Vec::new())
        .map(ParsedFont::from_azul)
}

impl Fonts {
    /// The process-wide font, parsed on first use (about 10 MB; later calls are free).
    pub fn shared() -> crate::Result<&'static Fonts> {
        SHARED
            .get_or_init(Fonts::parse)
            .as_ref()
            .map_err(|e| crate::Error::Document(e.clone()))
    }

    fn parse() -> Result<Fonts, String> {
        let regular = shared_font(NOTO_SANS_SC)
            .ok_or_else(|| "内置字体无法读取（NotoSansSC）".to_string())?;
        let units_per_em = f32::from(regular.font_metrics.units_per_em.max(1));
        let missing_advance = f32::from(regular.get_horizontal_advance(0)) / units_per_em;
        Ok(Fonts {
            regular,
            fallback: OnceLock::new(),
            units_per_em,
            missing_advance,
            bmp: (0..=0xFFFF).map(|_| AtomicU64::new(0)).collect(),
        })
    }

    /// The fallback face (Noto Sans JP), parsed on first need.
    pub(crate) fn fallback(&self) -> Option<&ParsedFont> {
        self.fallback
            .get_or_init(|| shared_font(NOTO_SANS_JP))
            .as_ref()
    }

    /// Whether one of the fonts has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    /// The face and glyph that print `c`, if any.
    fn glyph(&self, c: char) -> Option<(Face, u16)> {
        let cp = c as u32;
        match self.regular.lookup_glyph_index(cp) {
            Some(g) if g != 0 => Some((Face::Primary, g)),
            _ => match self.fallback()?.lookup_glyph_index(cp) {
                Some(g) if g != 0 => Some((Face::Fallback, g)),
                _ => None,
            },
        }
    }

    /// The face that prints `c` (the primary face for characters no face has).
    pub(crate) fn face(&self, c: char) -> Face {
        self.measure(c).0
    }

    /// Face and advance (em) of a character: from the table for the BMP.
    fn measure(&self, c: char) -> (Face, f32) {
        let Some(slot) = self.bmp.get(c as usize) else {
            return self.lookup(c);
        };
        let known = slot.load(Ordering::Relaxed);
        if known & KNOWN != 0 {
            let face = if known & FALLBACK != 0 {
                Face::Fallback
            } else {
                Face::Primary
            };
            return (face, f32::from_bits(known as u32));
        }
        let (face, advance) = self.lookup(c);
        let bits = KNOWN
            | if face == Face::Fallback { FALLBACK } else { 0 }
            | u64::from(advance.to_bits());
        slot.store(bits, Ordering::Relaxed);
        (face, advance)
    }

    /// Face and advance (em) of a character, from the fonts' tables.
    fn lookup(&self, c: char) -> (Face, f32) {
        match self.glyph(c) {
            Some((Face::Primary, g)) => (
                Face::Primary,
                f32::from(self.regular.get_horizontal_advance(g)) / self.units_per_em,
            ),
            Some((Face::Fallback, g)) => match self.fallback() {
                Some(f) => (
                    Face::Fallback,
                    f32::from(f.get_horizontal_advance(g))
                        / f32::from(f.font_metrics.units_per_em.max(1)),
                ),
                None => (Face::Primary, self.missing_advance),
            },
            None => (Face::Primary, self.missing_advance),
        }
    }

    /// The characters of `text` the font cannot show.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = text
            .chars()
            .filter(|c| !c.is_control() && !self.covers(*c))
            .collect();
        out.dedup();
        out
    }

    /// Advance of one character, in em.
    pub(crate) fn advance(&self, c: char) -> f32 {
        self.measure(c).1
    }

    /// Width of `text` at `size` points (bold adds the stroke).
    pub(crate) fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let em: f32 = text.chars().map(|c| self.advance(c)).sum();
        em * size + if bold { bold_stroke(size) } else { 0.0 }
    }
}

/// The outline width that makes the regular face read as bold.
pub(crate) fn bold_stroke(size: f32) -> f32 {
    size * 0.035
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_covers_rare_name_characters() {
        let fonts = Fonts::shared().expect("the embedded font parses");
        for c in ['𠮷', '䶮', '赟', '昇', '户', '☐'] {
            let covered = fonts.covers(c);
            assert_eq!(
                covered,
                c != '☐',
                "coverage of {c} (the fonts have no ballot boxes)"
            );
        }
        assert_eq!(
            fonts.face('𠮷'),
            Face::Fallback,
            "𠮷 is only in the JP face"
        );
        assert_eq!(
            fonts.face('赟'),
            Face::Primary,
            "common name characters use the SC face"
        );
        assert!(
            fonts.width("户主", 10.0, false) > 19.0,
            "CJK glyphs are about one em wide"
        );
    }
}
