//! 公民身份号码 (GB 11643-1999): parsing, checksum (ISO 7064 MOD 11-2), birth date, sex.
//!
//! Also builds valid numbers (for the demo village) and masks them for printing.

use crate::codes::Sex;
use chrono::{Datelike, NaiveDate};

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Why an ID number is not valid; each message is the Chinese sentence the cadre reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdNumberError {
    #[error("身份证号应为18位，实际为{0}位")]
    Length(usize),
    #[error("身份证号前17位只能是数字，最后一位是数字或X")]
    Characters,
    #[error("身份证号中的出生日期{0}不是有效日期")]
    BirthDate(String),
    #[error("身份证号校验位错误：最后一位应为{expected}，实际为{found}")]
    Checksum { expected: char, found: char },
}

/// A valid 18-character citizen ID number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IdNumber {
    digits: [u8; 18],
    birth: NaiveDate,
}

impl IdNumber {
    /// Parses and checks an ID number (lower-case `x` is accepted as `X`).
    pub fn parse(text: &str) -> Result<Self, IdNumberError> {
        let text = text.trim();
        let bytes = text.as_bytes();
        if bytes.len() != 18 || !bytes.is_ascii() {
            return Err(match text.chars().count() {
                18 => IdNumberError::Characters,
                n => IdNumberError::Length(n),
            });
        }
        let mut digits = [0u8; 18];
        for (i, b) in bytes.iter().enumerate() {
            digits[i] = match b {
                b'0'..=b'9' => b - b'0',
                b'X' | b'x' if i == 17 => 10,
                _ => return Err(IdNumberError::Characters),
            };
        }
        let number = |range: std::ops::Range<usize>| {
            digits[range]
                .iter()
                .fold(0u32, |n, d| n * 10 + u32::from(*d))
        };
        let birth = NaiveDate::from_ymd_opt(number(6..10) as i32, number(10..12), number(12..14))
            .filter(|d| d.year() >= 1880)
            .ok_or_else(|| IdNumberError::BirthDate(text[6..14].to_string()))?;
        let expected = check_char(&digits[..17]);
        let found = if digits[17] == 10 {
            'X'
        } else {
            (b'0' + digits[17]) as char
        };
        if expected != found {
            return Err(IdNumberError::Checksum { expected, found });
        }
        Ok(IdNumber { digits, birth })
    }

    /// Birth date (digits 7–14).
    pub fn birth_date(&self) -> NaiveDate {
        self.birth
    }

    /// Sex from the sequence digit (17th): odd for men, even for women.
    pub fn sex(&self) -> Sex {
        if self.digits[16] % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The last four characters (what cadres type to find a person).
    pub fn tail(&self) -> String {
        self.to_string()[14..].to_string()
    }
}

impl std::fmt::Display for IdNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = self.digits.map(|d| if d == 10 { b'X' } else { b'0' + d });
        f.write_str(std::str::from_utf8(&text).expect("ASCII digits"))
    }
}

fn check_char(first17: &[u8]) -> char {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| *d as u32 * w)
        .sum();
    CHECK[(sum % 11) as usize]
}

/// Builds a valid ID number from an area code, a birth date and a sequence (0–999);
/// the sequence's last digit is forced odd for men and even for women.
pub fn build(area: &str, birth: NaiveDate, sequence: u16, sex: Sex) -> String {
    let mut seq = sequence % 1000;
    let odd = seq % 2 == 1;
    if odd != (sex == Sex::Male) {
        seq = if seq == 999 { 998 } else { seq + 1 };
    }
    let first17 = format!("{area}{}{seq:03}", birth.format("%Y%m%d"));
    let digits: Vec<u8> = first17.bytes().map(|b| b - b'0').collect();
    format!("{first17}{}", check_char(&digits))
}

/// Masks an ID number for print: `3607**********1234`.
pub fn mask(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 8))
}

/// Age in whole years on `date`.
pub fn age_on(birth: NaiveDate, date: NaiveDate) -> i32 {
    let mut age = date.year() - birth.year();
    if (date.month(), date.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_standard_example() {
        // The example number of GB 11643-1999 itself.
        let id = IdNumber::parse("11010519491231002X").expect("the standard's example is valid");
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        assert_eq!(id.sex(), Sex::Female, "sequence 002 is even: female");
        assert_eq!(id.tail(), "002X");
    }

    #[test]
    fn built_numbers_are_valid_and_carry_sex() {
        let birth = NaiveDate::from_ymd_opt(1980, 2, 29).unwrap();
        for seq in [0u16, 1, 998, 999] {
            for sex in [Sex::Male, Sex::Female] {
                let text = build("360729", birth, seq, sex);
                let id = IdNumber::parse(&text).expect("built numbers pass the checksum");
                assert_eq!(id.sex(), sex);
                assert_eq!(id.birth_date(), birth);
            }
        }
    }

    #[test]
    fn rejects_each_fault_with_its_own_message() {
        let cases = [
            ("1101051949123100", "应为18位"),
            ("11010519491231002A", "只能是数字"),
            ("110105194902300021", "不是有效日期"),
            ("110105194912310021", "校验位错误：最后一位应为X"),
        ];
        for (input, message) in cases {
            let err = IdNumber::parse(input).unwrap_err().to_string();
            assert!(
                err.contains(message),
                "{input}: expected “{message}” in “{err}”"
            );
        }
    }

    #[test]
    fn masks_the_middle() {
        assert_eq!(mask("360729198002290011"), "3607**********0011");
    }
}
