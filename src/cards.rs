//! Printing from the ledger: gathers a record, its verdicts for the year and the card
//! settings, renders with `print`, and writes a print-log row (paper tied to record).

use crate::assess::{paper_date, policy_for, village_households_on};
use crate::model::Cadre;
use crate::print::{
    self, CardContext, CardKind, NoticeContext, NoticeKind, NoticeRow, PrintedDocument,
    RosterContext, RosterRow, VerdictLine,
};
use crate::rules::{self, Overrides, Rule};
use crate::store::{Ledger, StoredHousehold, StoredVillage};
use crate::{Error, Result};
use chrono::NaiveDate;

const MASK_KEY: &str = "card_mask_ids";

impl Ledger {
    /// Whether cards mask ID numbers (a setting; default no).
    pub fn mask_ids(&self) -> Result<bool> {
        Ok(self.setting(MASK_KEY)?.as_deref() == Some("true"))
    }

    /// Sets whether cards mask ID numbers (audited).
    pub fn set_mask_ids(&mut self, mask: bool) -> Result<()> {
        self.set_setting(
            MASK_KEY,
            if mask { "true" } else { "false" },
            Some("打印设置"),
        )
    }

    fn log_print(
        &mut self,
        household_id: Option<&str>,
        village_id: &str,
        kind: &str,
        year: i32,
        revision: i64,
        checksum: &str,
    ) -> Result<()> {
        self.with_tx(|w| {
            w.conn().execute(
                "INSERT INTO print_log (at, operator, household_id, village_id, kind, year, revision, checksum)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                rusqlite::params![w.at(), w.operator, household_id, village_id, kind, year, revision, checksum],
            )?;
            Ok(())
        })
    }
}

fn context<'a>(
    ledger: &Ledger,
    village: &'a StoredVillage,
    cadres: &'a [crate::model::Cadre],
    stored: &'a crate::store::StoredHousehold,
    year: i32,
    printed_on: NaiveDate,
    mask_ids: bool,
) -> Result<CardContext<'a>> {
    let (household, revision) = (&stored.household, stored.revision);
    let on = paper_date(year, printed_on)?;
    let policy = policy_for(
        ledger,
        &village.village,
        year,
        Some(on),
        &Overrides::default(),
    )?;
    let assessment = rules::assess_household(household, &policy);
    let shown = [
        Rule::HouseholdExit,
        Rule::Identification,
        Rule::Monitoring,
        Rule::Dibao,
        Rule::Tekun,
    ];
    let verdicts = assessment
        .verdicts
        .iter()
        .filter(|v| shown.contains(&v.rule))
        .map(|v| VerdictLine {
            rule_label: v.rule.label().to_string(),
            outcome_label: v.outcome.label().to_string(),
            reason: v
                .reasons
                .iter()
                .find(|r| r.met != Some(true))
                .or(v.reasons.first())
                .map(|r| r.text.clone())
                .unwrap_or_else(|| {
                    if v.missing.is_empty() {
                        String::new()
                    } else {
                        format!("缺少：{}", v.missing.join("、"))
                    }
                }),
        })
        .collect();
    let line = match (&policy.monitoring_line, year >= 2021) {
        (Some(m), true) => line_of(m),
        _ => line_of(&policy.poverty_line),
    };
    Ok(CardContext {
        village: &village.village,
        cadres,
        household,
        year,
        revision,
        printed_on,
        mask_ids,
        verdicts,
        per_capita_income: assessment.per_capita_net_income,
        line,
    })
}

/// A household, its village and the village's cadres as they stood on `on`; a household
/// not registered then is refused with the reason.
fn as_of(
    stored: &StoredHousehold,
    village: &StoredVillage,
    cadres: &[Cadre],
    on: NaiveDate,
) -> Result<(StoredHousehold, StoredVillage, Vec<Cadre>)> {
    let h = &stored.household;
    if let Some(why) = h.registration_on(on).explain(&h.code, on) {
        return Err(Error::Invalid(why));
    }
    Ok((
        StoredHousehold {
            household: h.as_of(on),
            ..stored.clone()
        },
        StoredVillage {
            village: village.village.as_of(on),
            ..village.clone()
        },
        cadres.iter().map(|c| c.as_of(on)).collect(),
    ))
}

fn line_of(p: &rules::Param<f64>) -> Option<(f64, String)> {
    Some((p.value, format!("{}年{}", p.year, p.name)))
}

/// Prints one household's card of `kind` for `year` and logs the print.
pub fn household_card(
    ledger: &mut Ledger,
    code: &str,
    kind: CardKind,
    year: i32,
    printed_on: NaiveDate,
    mask: Option<bool>,
) -> Result<PrintedDocument> {
    let stored = ledger.household_by_code(code)?;
    let village = ledger.village_by_id(&stored.village_id)?;
    let cadres = ledger.cadres(&village.id)?;
    let (stored, village, cadres) =
        as_of(&stored, &village, &cadres, paper_date(year, printed_on)?)?;
    let mask = match mask {
        Some(m) => m,
        None => ledger.mask_ids()?,
    };
    let ctx = context(ledger, &village, &cadres, &stored, year, printed_on, mask)?;
    let doc = print::card(kind, &ctx)?;
    ledger.log_print(
        Some(&stored.household.id),
        &village.id,
        kind.code(),
        year,
        stored.revision,
        &doc.checksum,
    )?;
    Ok(doc)
}

/// Prints the cards of a whole village (or the listed household codes) in one PDF, one
/// household per sheet; `progress(done, total)` is called as cards are laid out.
pub fn village_cards(
    ledger: &mut Ledger,
    village_code: &str,
    only: Option<&[String]>,
    kind: CardKind,
    year: i32,
    printed_on: NaiveDate,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<PrintedDocument> {
    let all_cadres = ledger.cadres(&ledger.village(village_code)?.id)?;
    let on = paper_date(year, printed_on)?;
    let full_village = ledger.village(village_code)?;
    let mask = ledger.mask_ids()?;
    let ids = crate::store::read::household_ids(ledger.conn(), &full_village.id)?;
    let mut stored = Vec::new();
    let (mut village, mut cadres) = (full_village.clone(), all_cadres.clone());
    for id in ids {
        let s = ledger.household(&id)?;
        let listed = only.is_some_and(|list| list.iter().any(|c| c == &s.household.code));
        if only.is_some() && !listed {
            continue;
        }
        match as_of(&s, &full_village, &all_cadres, on) {
            Ok((h, v, c)) => {
                stored.push(h);
                (village, cadres) = (v, c);
            }
            // Asked for by name: say why it cannot be printed; otherwise leave it out.
            Err(e) if listed => return Err(e),
            Err(_) => {}
        }
    }
    if stored.is_empty() {
        return Err(Error::NotFound(format!("{year}年在册、要打印的农户")));
    }
    let contexts = stored
        .iter()
        .map(|s| context(ledger, &village, &cadres, s, year, printed_on, mask))
        .collect::<Result<Vec<_>>>()?;
    let doc = print::household_cards(kind, &contexts, progress)?;
    let rev = stored.iter().map(|s| s.revision).max().unwrap_or(0);
    ledger.log_print(
        None,
        &village.id,
        &format!("batch-{}", kind.code()),
        year,
        rev,
        &doc.checksum,
    )?;
    Ok(doc)
}

/// Prints the village roster (花名册) for `year`.
pub fn roster(
    ledger: &mut Ledger,
    village_code: &str,
    year: i32,
    printed_on: NaiveDate,
) -> Result<PrintedDocument> {
    let mut village = ledger.village(village_code)?;
    let on = paper_date(year, printed_on)?;
    let cadres: Vec<Cadre> = ledger
        .cadres(&village.id)?
        .iter()
        .map(|c| c.as_of(on))
        .collect();
    let households = village_households_on(ledger, &village.id, on)?;
    village.village = village.village.as_of(on);
    let policy = policy_for(
        ledger,
        &village.village,
        year,
        Some(on),
        &Overrides::default(),
    )?;
    let rows = households
        .iter()
        .map(|h| {
            let paired: Vec<String> = h
                .pairings
                .iter()
                .filter(|p| p.active_on(on))
                .filter_map(|p| {
                    cadres
                        .iter()
                        .find(|c| c.id == p.cadre)
                        .map(|c| c.name.clone())
                })
                .collect();
            RosterRow {
                code: h.code.clone(),
                head: h.head().map(|m| m.name.clone()).unwrap_or_default(),
                group: h.group.clone(),
                size: h.members_on(on).len() as u32,
                attribute: h.attribute,
                status: h.status,
                main_cause: h.main_cause,
                income_per_person: rules::assess_household(h, &policy).per_capita_net_income,
                cadres: paired.join("、"),
            }
        })
        .collect();
    let revision = village.revision;
    let doc = print::roster(&RosterContext {
        village: &village.village,
        year,
        revision,
        printed_on,
        rows,
    })?;
    ledger.log_print(None, &village.id, "roster", year, revision, &doc.checksum)?;
    Ok(doc)
}

/// The notice kind that fits a year: exits up to 2020, monitoring from 2021.
pub fn default_notice_kind(year: i32) -> NoticeKind {
    if year <= 2020 {
        NoticeKind::Exit
    } else {
        NoticeKind::Monitoring
    }
}

/// Prints the public notice (公示名单) of `kind` for `year`: names, groups and decisions only.
pub fn notice(
    ledger: &mut Ledger,
    village_code: &str,
    year: i32,
    kind: NoticeKind,
    printed_on: NaiveDate,
) -> Result<PrintedDocument> {
    let mut village = ledger.village(village_code)?;
    let on = paper_date(year, printed_on)?;
    let households = village_households_on(ledger, &village.id, on)?;
    village.village = village.village.as_of(on);
    let rows: Vec<NoticeRow> = households
        .iter()
        .filter_map(|h| {
            let decision = match kind {
                NoticeKind::Identification => {
                    (h.identified_year == Some(year)).then(|| "识别为建档立卡贫困户".to_string())
                }
                NoticeKind::Exit => {
                    (h.exit_year == Some(year)).then(|| "拟退出（脱贫）".to_string())
                }
                NoticeKind::Monitoring => h
                    .monitoring
                    .as_ref()
                    .filter(|m| m.identified.format("%Y").to_string() == year.to_string())
                    .map(|m| format!("拟纳入监测对象（{}）", m.kind.label())),
                NoticeKind::RiskEliminated => h
                    .monitoring
                    .as_ref()
                    .filter(|m| {
                        m.eliminated
                            .is_some_and(|d| d.format("%Y").to_string() == year.to_string())
                    })
                    .map(|_| "拟标注风险消除".to_string()),
            }?;
            Some(NoticeRow {
                group: h.group.clone(),
                head: h.head()?.name.clone(),
                size: h.members_on(on).len() as u32,
                decision,
            })
        })
        .collect();
    let start = printed_on;
    let days = if kind == NoticeKind::Monitoring || kind == NoticeKind::RiskEliminated {
        5
    } else {
        7
    };
    let period = (start, start + chrono::Days::new(days - 1));
    let revision = village.revision;
    let doc = print::notice(&NoticeContext {
        village: &village.village,
        year,
        kind,
        period,
        revision,
        printed_on,
        rows,
    })?;
    ledger.log_print(None, &village.id, "notice", year, revision, &doc.checksum)?;
    Ok(doc)
}
