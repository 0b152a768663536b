//! The member fields of migration 0009 against each other, for registered households:
//! resident and employee medical insurance both held, 医疗救助 for someone with no basic
//! medical insurance, a 残疾人证 whose grade digit disagrees with the recorded grade or
//! held by someone not recorded as disabled, and one phone given for members working in
//! different places (county checks 2_01_009, 2_12_015, 1_11_008, 3_01_007, the certificate
//! half of 4_01_002 and 4_12_003, 5_15_021). Phones shared across households are in
//! `across.rs`; a phone that is not a mobile number is the validation's `member.phone`.

use super::{judged, registered, Out};
use crate::codes::{DocumentKind, Health};
use crate::model::{Household, Member};
use chrono::NaiveDate;

pub(super) fn check(h: &Household, on: NaiveDate, out: &mut Out) {
    if !registered(h) {
        return;
    }
    let members = judged(h, on);
    for &(j, m) in &members {
        let at = |f: &str| format!("members[{j}].{f}");
        let name = &m.name;
        if m.medical_insurance == Some(true) && m.employee_medical_insurance == Some(true) {
            out.push(
                &at("x_employee_medical_insurance"),
                "insurance.both_medical",
                format!(
                    "成员“{name}”同时参加了城乡居民基本医疗保险和城镇职工基本医疗保险：\
                     两者只能参加其一，请核实后改正"
                ),
            );
        }
        if m.medical_assistance == Some(true)
            && m.medical_insurance != Some(true)
            && m.employee_medical_insurance != Some(true)
        {
            out.push(
                &at("x_medical_assistance"),
                "insurance.assistance_uninsured",
                format!(
                    "成员“{name}”接受了医疗救助，但没有参加基本医疗保险：\
                     请核实参保情况，未参保的请动员参保（资助参保）"
                ),
            );
        }
        certificate(j, m, out);
    }
    shared_phone(&members, out);
}

/// A 残疾人证 held by someone not recorded as disabled, or whose grade digit disagrees
/// with the recorded 残疾等级.
fn certificate(j: usize, m: &Member, out: &mut Out) {
    if m.document != Some(DocumentKind::DisabilityCertificate) {
        return;
    }
    let name = &m.name;
    if m.health != Some(Health::Disabled) {
        out.push(
            &format!("members[{j}].health"),
            "disability.certificate_health",
            format!(
                "成员“{name}”的证件类型为残疾人证，但健康状况不是残疾：\
                 请核实健康状况，或把证件类型改为居民身份证"
            ),
        );
    }
    if let (Some(on_card), Some(recorded)) = (m.certificate_grade(), m.disability_grade) {
        if on_card != recorded {
            out.push(
                &format!("members[{j}].disability_grade"),
                "disability.certificate_grade",
                format!(
                    "成员“{name}”的残疾人证号第20位表示{on_card}级残疾，与登记的残疾等级\
                     {recorded}级不符：请按残疾人证改正"
                ),
            );
        }
    }
}

fn phone(m: &Member) -> Option<&str> {
    m.phone.as_deref().map(str::trim).filter(|p| !p.is_empty())
}

/// Two members of one household giving the same phone while working in different places
/// (5_15_021): each worker should give the number that reaches them.
fn shared_phone(members: &[(usize, &Member)], out: &mut Out) {
    let place = |m: &Member| m.work.as_ref().and_then(|w| w.place);
    for (k, &(j, m)) in members.iter().enumerate() {
        let (Some(p), Some(here)) = (phone(m), place(m)) else {
            continue;
        };
        let earlier = members[..k]
            .iter()
            .find(|(_, o)| phone(o) == Some(p) && place(o).is_some_and(|w| w != here));
        if let Some((_, other)) = earlier {
            out.push(
                &format!("members[{j}].x_phone"),
                "member.phone_shared",
                format!(
                    "成员“{}”与“{}”登记同一联系电话{p}，但务工所在地不同（{}、{}）：\
                     请各自登记本人的手机号码",
                    m.name,
                    other.name,
                    here.label(),
                    place(other).map_or("", |w| w.label())
                ),
            );
        }
    }
}
