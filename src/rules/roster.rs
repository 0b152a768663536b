//! The members registered in a household on the assessment date (家庭人口), each with
//! its position in `members` (for field paths) and its age, worked out once.

use crate::model::{Household, Member};
use chrono::NaiveDate;

/// A registered member as the rules see it.
pub(crate) struct Person<'a> {
    /// Index in `household.members`: paths read `members[{index}].field`.
    pub index: usize,
    pub member: &'a Member,
    /// Age in whole years on the assessment date (from the ID number).
    pub age: Option<i32>,
}

impl Person<'_> {
    /// `members[2].medical_insurance`.
    pub fn path(&self, field: &str) -> String {
        format!("members[{}].{field}", self.index)
    }

    /// The member's name, or its path when no name is recorded.
    pub fn name(&self) -> String {
        if self.member.name.trim().is_empty() {
            format!("members[{}]", self.index)
        } else {
            self.member.name.clone()
        }
    }
}

/// Registered members on `as_of`: the same selection as [`Household::members_on`], kept
/// with their indices so missing fields can be named by path.
pub(crate) fn roster(household: &Household, as_of: NaiveDate) -> Vec<Person<'_>> {
    household
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| household.is_registered_on(m, as_of))
        .map(|(index, member)| Person {
            index,
            member,
            age: member.age_on(as_of),
        })
        .collect()
}
