//! 户: the household record with its living conditions (生产生活条件).

use super::{
    Event, Expense, FactPeriod, IncomeLine, Measure, Member, Monitoring, Pairing, RigidExpense,
    Visit,
};
use crate::codes::{
    Attribute, Cause, Fuel, HouseGrade, LowIncomeKind, Relation, RelocationMode, RoadType,
    Standard, Status, Tekun,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One household (户) with every record that belongs to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Household {
    pub id: String,
    /// 户编号, unique in the village.
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identified_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<Standard>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<Attribute>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_cause: Option<Cause>,
    #[serde(default)]
    pub other_causes: Vec<Cause>,
    /// 不愁吃、不愁穿: the cadre's recorded assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub food_clothing_secure: Option<bool>,
    #[serde(default, skip_serializing_if = "Conditions::is_empty")]
    pub conditions: Conditions,
    /// 整户无劳动能力兜底保障户 (exchange extension).
    #[serde(
        default,
        rename = "x_no_labor_guarantee",
        skip_serializing_if = "Option::is_none"
    )]
    pub no_labor_guarantee: Option<bool>,
    /// 低保边缘家庭 or 刚性支出困难家庭, as 民政 recorded it (exchange extension).
    #[serde(
        default,
        rename = "x_low_income",
        skip_serializing_if = "Option::is_none"
    )]
    pub low_income: Option<LowIncomeKind>,
    #[serde(default)]
    pub members: Vec<Member>,
    #[serde(default)]
    pub income: Vec<IncomeLine>,
    #[serde(default)]
    pub expenses: Vec<Expense>,
    #[serde(default)]
    pub rigid_expenses: Vec<RigidExpense>,
    #[serde(default)]
    pub pairings: Vec<Pairing>,
    #[serde(default)]
    pub visits: Vec<Visit>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitoring: Option<Monitoring>,
    #[serde(default)]
    pub events: Vec<Event>,
    /// The date the ledger first knew this household's facts (exchange extension).
    #[serde(
        default,
        rename = "x_recorded_from",
        skip_serializing_if = "Option::is_none"
    )]
    pub recorded_from: Option<NaiveDate>,
    /// Earlier values of its facts (exchange extension; see `model::history`).
    #[serde(default, rename = "x_history", skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<FactPeriod>,
}

impl Household {
    /// The 农村低收入人口 categories the household is in on `date` (this household as it
    /// stood then): 低保对象 and 特困人员 from its registered members, 防止返贫监测对象 while
    /// monitored and not yet eliminated, and the category 民政 recorded (`low_income`).
    pub fn low_income_categories(&self, date: NaiveDate) -> Vec<&'static str> {
        let members = self.members_on(date);
        let mut out = Vec::new();
        if members.iter().any(|m| m.dibao == Some(true)) {
            out.push("低保对象");
        }
        if members
            .iter()
            .any(|m| matches!(m.tekun, Some(Tekun::Dispersed | Tekun::Centralized)))
        {
            out.push("特困人员");
        }
        let monitored = self
            .monitoring
            .as_ref()
            .is_some_and(|m| m.identified <= date && m.eliminated.is_none_or(|e| e > date));
        if monitored {
            out.push("防止返贫监测对象");
        }
        if let Some(kind) = self.low_income {
            out.push(kind.label());
        }
        out
    }

    /// The household head (户主), if exactly one is recorded first.
    pub fn head(&self) -> Option<&Member> {
        self.members
            .iter()
            .find(|m| m.relation == Some(Relation::Head))
    }

    /// Members registered in the household on `date`: joined (or always there) and not left.
    pub fn members_on(&self, date: NaiveDate) -> Vec<&Member> {
        self.members
            .iter()
            .filter(|m| self.is_registered_on(m, date))
            .collect()
    }

    /// Whether a member is registered on `date`, judged from the member-change events.
    pub fn is_registered_on(&self, member: &Member, date: NaiveDate) -> bool {
        let mut present = true;
        let mut joined_later = false;
        for e in self
            .events
            .iter()
            .filter(|e| e.member.as_deref() == Some(&member.id))
        {
            if e.kind.joins() && e.date > date {
                joined_later = true;
            }
            if e.kind.leaves() && e.date <= date {
                present = false;
            }
        }
        // A member born after the date is not registered either, event or not.
        let born_later = member.birth_date().is_some_and(|b| b > date);
        present && !joined_later && !born_later
    }
}

/// 生产生活条件.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub farmland_mu: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub irrigated_mu: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forest_mu: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grassland_mu: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub water_surface_mu: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house_area_m2: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house_grade: Option<HouseGrade>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relocation: Option<Relocation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drinking_water_safe: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electricity: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sanitary_toilet: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub road_distance_km: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub road_type: Option<RoadType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fuel: Option<Fuel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooperative_member: Option<bool>,
}

impl Conditions {
    /// True when nothing is recorded (the key is then left out of exports).
    pub fn is_empty(&self) -> bool {
        self == &Conditions::default()
    }
}

/// 易地扶贫搬迁.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Relocation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<RelocationMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved_in: Option<bool>,
}
