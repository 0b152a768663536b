//! The inspector's list (检查清单) of a village and year as an Excel workbook, from the
//! same assessment the 首页 shows: the households registered on the paper's date, as they
//! stood then, judged by that year's policy.

use crate::assess::{paper_date, village_on, VillageOn};
use crate::rules::Overrides;
use crate::store::Ledger;
use crate::{print, Result};
use chrono::NaiveDate;

/// The workbook of `village_code`'s inspector's list for `year` (read at the year's end,
/// or on `today` for the running year, as the 首页 reads it), and how many households
/// disagree with their verdict.
pub fn inspector_workbook(
    ledger: &Ledger,
    village_code: &str,
    year: i32,
    today: NaiveDate,
) -> Result<(Vec<u8>, usize)> {
    let on = paper_date(year, today)?;
    let village = village_on(ledger, Some(village_code), year, on, &Overrides::default())?;
    inspector_workbook_of(&village)
}

/// The inspector's list of a village as it stood on a day (from the ledger or a file, on
/// any date, with any overrides), and how many households disagree with their verdict.
pub fn inspector_workbook_of(village: &VillageOn) -> Result<(Vec<u8>, usize)> {
    let assessed = village.assess();
    let bytes = print::inspector_workbook(&village.village, &assessed, &village.households)?;
    Ok((bytes, assessed.inspector.disagreements.len()))
}

#[cfg(test)]
mod tests {
    use crate::store::Ledger;
    use chrono::NaiveDate;

    #[test]
    fn the_list_is_the_overviews_disagreements_as_a_workbook() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let mut ledger = Ledger::open_in_memory().unwrap();
        let doc = crate::demo::generate_on(40, 3, today).remove(0);
        crate::exchange::import_many_at(
            &mut ledger,
            [Ok((doc.clone(), "v.json".to_string()))],
            today,
            today,
            true,
        )
        .unwrap();
        let code = &doc.village.code;
        for year in [2016, 2019, 2026] {
            let (bytes, disagreeing) = super::inspector_workbook(&ledger, code, year, today)
                .unwrap_or_else(|e| panic!("{year}: {e}"));
            assert!(
                bytes.starts_with(b"PK\x03\x04"),
                "{year}: an .xlsx is a zip"
            );
            let overview = crate::overview::village_overview(&ledger, code, year, today).unwrap();
            assert_eq!(
                disagreeing,
                overview.disagreements.len(),
                "{year}: the same households the 首页 lists"
            );
        }
        let refused = super::inspector_workbook(&ledger, code, 2012, today).unwrap_err();
        assert!(refused.to_string().contains("2012"), "{refused}");
    }
}
