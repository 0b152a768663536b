//! A cell as the cadre reads it: trimmed text, whole numbers without `.0`, dates as
//! `YYYY-MM-DD`, TRUE/FALSE as 是/否, full-width digits as ASCII ones; a number longer than
//! Excel keeps (15 digits: an ID number or code typed as a number) or an error value is
//! refused with why, never a silently changed code.

use calamine::Data;

/// `s` onto `out`, digits typed full-width (１２３, as a Chinese input method gives them) as
/// ASCII digits, so ID numbers, phones and months read the same either way.
fn push_half_width(s: &str, out: &mut String) {
    if !s.contains([
        '０', '１', '２', '３', '４', '５', '６', '７', '８', '９', 'Ｘ', 'ｘ',
    ]) {
        out.push_str(s);
        return;
    }
    out.extend(s.chars().map(|c| match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        'Ｘ' | 'ｘ' => 'X',
        c => c,
    }));
}

/// A cell as the cadre reads it, trimmed; `None` when empty.
pub(super) fn cell_text(cell: &Data) -> Result<Option<String>, String> {
    let mut t = String::new();
    append(cell, &mut t)?;
    Ok((!t.is_empty()).then_some(t))
}

/// A cell's text as the cadre reads it, trimmed, onto `out` (nothing when empty; nothing
/// either when it cannot be read: then why).
pub(super) fn append(cell: &Data, out: &mut String) -> Result<(), String> {
    use std::fmt::Write;
    const TAKES: &str = "a String takes any text";
    match cell {
        Data::Empty => {}
        Data::String(s) => push_half_width(s.trim(), out),
        Data::Int(i) => write!(out, "{i}").expect(TAKES),
        // Exact below 1e15: a whole number as an integer, without float formatting.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            write!(out, "{}", *f as i64).expect(TAKES)
        }
        Data::Float(f) if f.fract() == 0.0 => {
            return Err(format!(
                "数字{f:.0}超过15位，Excel已改动其末尾数字；请把该列设为文本后重新导出"
            ))
        }
        Data::Float(f) => write!(out, "{f}").expect(TAKES),
        Data::Bool(b) => out.push_str(super::values::yes_no_text(*b)),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) => write!(out, "{}", dt.date().format("%Y-%m-%d")).expect(TAKES),
            None => return Err(format!("无法识别的日期“{d}”")),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => out.push_str(s.trim()),
        Data::Error(e) => return Err(format!("单元格是错误值“{e}”")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_read_as_digits() {
        let cell = Data::String(" １３９８５４０００１１ ".into());
        assert_eq!(cell_text(&cell), Ok(Some("13985400011".into())));
        let id = Data::String("５２２７２９１９６８０４０５１３ｘ".into());
        assert_eq!(cell_text(&id), Ok(Some("5227291968040513X".into())));
        let month = Data::String("２０２３年０４月".into());
        assert_eq!(cell_text(&month), Ok(Some("2023年04月".into())));
    }

    #[test]
    fn whole_numbers_read_without_a_decimal_point_and_long_ones_are_refused() {
        assert_eq!(cell_text(&Data::Float(522729.0)), Ok(Some("522729".into())));
        assert_eq!(cell_text(&Data::Float(-3.0)), Ok(Some("-3".into())));
        assert_eq!(cell_text(&Data::Float(2.5)), Ok(Some("2.5".into())));
        assert_eq!(
            cell_text(&Data::Float(999_999_999_999_999.0)),
            Ok(Some("999999999999999".into()))
        );
        assert!(cell_text(&Data::Float(522729196804051300.0)).is_err());
        assert_eq!(
            cell_text(&Data::String(" 长顺县 ".into())),
            Ok(Some("长顺县".into()))
        );
    }
}
