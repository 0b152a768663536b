//! Whether the rows of one household say the same in a household column: by what the
//! cells mean, not how they are spelt. A sheet saved from Excel or WPS mixes forms within
//! one household (202304 typed as a number on one row, 2023年04月 as text on the next, a
//! date cell on a third; 18000 and 18,000.00); those agree. A cell that cannot be read
//! says why, rather than that it differs.

use super::columns::Field;
use super::measures;
use super::values::{self as v, parse};
use crate::codes::{Cause, EliminationMode, HouseGrade, MonitoringKind, Risk, RoadType};
use crate::rules::round2 as fen;

/// What a household cell means, as far as agreeing goes.
#[derive(Debug, PartialEq)]
enum Meaning<'t> {
    Text(&'t str),
    /// A month column: its year and month (a day typed into it does not count).
    Month(i32, u32),
    /// An amount or area, to the fen (as the import compares it with the book).
    Number(f64),
    Flag(bool),
    /// A value of a code list, by its label.
    Label(&'static str),
    /// 是否危房户 and 入户道路是否硬化: the grade or road type read (C and D are both 是).
    House(HouseGrade),
    Road(RoadType),
}

/// How a later row's cell (`later`) stands to the household's first row's (`first`).
#[derive(Debug, PartialEq)]
pub(super) enum Agreement {
    Same,
    Differs,
    /// The later cell cannot be read: why.
    Unreadable(String),
}

/// Whether `later` says what `first` does in household column `f`. A first cell that
/// cannot be read is reported where the household is read; against it the cells' text
/// is compared.
pub(super) fn agreement(f: Field, first: Option<&str>, later: &str) -> Agreement {
    if let Field::Assistance(_) = f {
        // A measure cell names the same measures in any order.
        return match measures::same_words(first.unwrap_or(""), later) {
            true => Agreement::Same,
            false => Agreement::Differs,
        };
    }
    if first == Some(later) {
        return Agreement::Same; // even if unreadable: told once, at the first row
    }
    let later_means = match meaning(f, later) {
        Ok(m) => m,
        Err(why) => return Agreement::Unreadable(why),
    };
    let same = match first.map(|t| meaning(f, t)) {
        Some(Ok(first_means)) => first_means == later_means,
        Some(Err(_)) | None => false,
    };
    match same {
        true => Agreement::Same,
        false => Agreement::Differs,
    }
}

/// What the text of household column `f` means (read as `read::household_field` reads it).
fn meaning(f: Field, t: &str) -> Result<Meaning<'_>, String> {
    use chrono::Datelike;
    let label = |l: &'static str| Ok(Meaning::Label(l));
    match f {
        Field::MainCause => label(v::spell(parse::<Cause>(t)?)),
        Field::MonitoringKind => label(v::spell(parse::<MonitoringKind>(t)?)),
        Field::Risk(_) => label(v::spell(parse::<Risk>(t)?)),
        Field::EliminationMode => label(v::spell(parse::<EliminationMode>(t)?)),
        Field::Identified | Field::EliminatedOn => {
            v::month(t).map(|d| Meaning::Month(d.year(), d.month()))
        }
        Field::RiskEliminated
        | Field::NoLaborGuarantee
        | Field::DrinkingWater
        | Field::Electricity
        | Field::Toilet => v::yes_no(t).map(Meaning::Flag),
        Field::RoadDistance
        | Field::HouseArea
        | Field::Farmland
        | Field::Forest
        | Field::Grassland
        | Field::WaterSurface => v::number(t).map(|n| Meaning::Number(fen(n))),
        Field::Income(..) | Field::ProductionCost(_) | Field::OutOfPocket(_) | Field::Claims => {
            v::amount(t).map(|n| Meaning::Number(fen(n)))
        }
        Field::DangerousHouse => v::house_grade(t, None).map(Meaning::House),
        Field::HardenedRoad => v::road_type(t, None).map(Meaning::Road),
        _ => Ok(Meaning::Text(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::columns::Snapshot;
    use super::*;
    use crate::codes::IncomeCategory;

    /// The same value in the forms a sheet from Excel or WPS holds agrees; another value
    /// differs; an unreadable later cell says why.
    #[test]
    fn rows_of_a_household_agree_by_meaning() {
        use Agreement::*;
        let wage = Field::Income(Snapshot::Identified, IncomeCategory::Wage);
        let table: &[(Field, Option<&str>, &str, Agreement)] = &[
            (Field::Identified, Some("202304"), "2023年04月", Same),
            (Field::Identified, Some("202304"), "2023-04-01", Same),
            (Field::Identified, Some("202304"), "2023/4", Same),
            (Field::Identified, Some("202304"), "202305", Differs),
            (wage, Some("18000"), "18,000.00", Same),
            (wage, Some("18000"), "18000.5", Differs),
            (Field::HouseArea, Some("85"), "85.0", Same),
            // A formula's result against the figure typed: the same to the fen.
            (wage, Some("2200.1000000000004"), "2200.10", Same),
            (Field::DangerousHouse, Some("是"), "是", Same),
            (Field::DangerousHouse, Some("C"), "D", Differs),
            (Field::RiskEliminated, Some("是"), "是", Same),
            (Field::RiskEliminated, Some("是"), "否", Differs),
            (Field::Phone, Some("13985400001"), "13985400001", Same),
            (Field::Phone, Some("13985400001"), "13985400002", Differs),
            (Field::Identified, None, "202304", Differs),
            // The first row's own error is reported where the household is read.
            (Field::Identified, Some("2023-13"), "2023-13", Same),
        ];
        for (f, first, later, expected) in table {
            assert_eq!(
                &agreement(*f, *first, later),
                expected,
                "{first:?} / {later}"
            );
        }
        let Unreadable(why) = agreement(Field::Identified, Some("202304"), "2023-13") else {
            panic!("an unreadable month is told as such");
        };
        assert!(why.contains("无法识别的日期“2023-13”"), "{why}");
    }
}
