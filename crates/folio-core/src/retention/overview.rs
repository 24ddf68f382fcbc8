//! The retention screen's groups: what is overdue (due on or before today), confirmed for
//! destruction and waiting its grace period, due within 30 days, due within 90, on hold,
//! and what needs information, each with its counts per
//! category and its entries; and Home's line: overdue, or due this month.

use chrono::{Datelike, Days, NaiveDate};

use super::rules::Category;
use super::{status_on, Entry, RetentionState};
use crate::{Result, Vault};

/// One group of the screen.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Group {
    /// `overdue`, `destruction-pending`, `due-30`, `due-90`, `on-hold`, `needs-information`.
    pub key: String,
    pub title: String,
    /// How many entries of each category, in the categories' order (zeros left out).
    pub counts: Vec<CategoryCount>,
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CategoryCount {
    pub category: Category,
    pub count: usize,
}

/// The retention screen on the vault's today.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Overview {
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub today: NaiveDate,
    /// Whether a policy has been chosen.
    pub has_policy: bool,
    pub groups: Vec<Group>,
    /// For Home: entries overdue, and entries due later this calendar month.
    pub overdue: usize,
    pub due_this_month: usize,
}

pub fn overview(vault: &Vault) -> Result<Overview> {
    let today = vault.today();
    let entries = status_on(vault, None, today)?;
    Ok(group(today, super::policy(vault)?.is_some(), entries))
}

/// Sorts the entries into the screen's groups (soonest first within each).
pub fn group(today: NaiveDate, has_policy: bool, entries: Vec<Entry>) -> Overview {
    let in_days = |n: u64| today.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX);
    let month_end = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
        .and_then(|first| first.checked_add_months(chrono::Months::new(1)))
        .and_then(|next| next.pred_opt())
        .unwrap_or(today);
    let key_of = |e: &Entry| -> Option<&'static str> {
        match (e.state, e.due_on) {
            (RetentionState::Due, _) => Some("overdue"),
            (RetentionState::DestructionPending, _) => Some("destruction-pending"),
            (RetentionState::Kept, Some(on)) if on <= in_days(30) => Some("due-30"),
            (RetentionState::Kept, Some(on)) if on <= in_days(90) => Some("due-90"),
            (RetentionState::OnHold, _) => Some("on-hold"),
            (RetentionState::NeedsInformation, _) => Some("needs-information"),
            _ => None,
        }
    };
    let overdue = entries.iter().filter(|e| e.state == RetentionState::Due).count();
    let due_this_month = entries
        .iter()
        .filter(|e| e.state == RetentionState::Kept && e.due_on.is_some_and(|on| on <= month_end))
        .count();
    let titles = [
        ("overdue", "Overdue: may be destroyed now"),
        ("destruction-pending", "Confirmed for destruction: waiting for the grace period to end"),
        ("due-30", "Due within 30 days"),
        ("due-90", "Due within 90 days"),
        ("on-hold", "On hold"),
        ("needs-information", "Needs information"),
    ];
    let groups = titles
        .iter()
        .map(|(key, title)| {
            let mut list: Vec<Entry> = entries.iter().filter(|e| key_of(e) == Some(*key)).cloned().collect();
            list.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.client.cmp(&b.client)));
            let counts = Category::ALL
                .iter()
                .map(|c| CategoryCount { category: *c, count: list.iter().filter(|e| e.category == *c).count() })
                .filter(|c| c.count > 0)
                .collect();
            Group { key: key.to_string(), title: title.to_string(), counts, entries: list }
        })
        .collect();
    Overview { today, has_policy, groups, overdue, due_this_month }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(client: &str, state: RetentionState, due_on: Option<NaiveDate>) -> Entry {
        Entry {
            client: client.into(),
            category: Category::ClientRecord,
            item: None,
            state,
            due_on,
            reason: String::new(),
        }
    }

    #[test]
    fn every_state_but_in_therapy_and_kept_later_has_its_group() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 15).unwrap_or_default();
        let day = |d: u64| today.checked_add_days(Days::new(d));
        let entries = vec![
            entry("A", RetentionState::Due, Some(today)),
            entry("B", RetentionState::DestructionPending, Some(today)),
            entry("C", RetentionState::Kept, day(1)),
            entry("D", RetentionState::Kept, day(60)),
            entry("E", RetentionState::OnHold, Some(today)),
            entry("F", RetentionState::NeedsInformation, None),
            entry("G", RetentionState::InTherapy, None),
            entry("H", RetentionState::Kept, day(400)),
        ];
        let overview = group(today, true, entries);
        let placed: Vec<(String, Vec<String>)> = overview
            .groups
            .iter()
            .map(|g| (g.key.clone(), g.entries.iter().map(|e| e.client.clone()).collect()))
            .collect();
        let expected = [
            ("overdue", "A"),
            ("destruction-pending", "B"),
            ("due-30", "C"),
            ("due-90", "D"),
            ("on-hold", "E"),
            ("needs-information", "F"),
        ];
        assert_eq!(placed, expected.map(|(k, c)| (k.to_string(), vec![c.to_string()])).to_vec());
        assert_eq!((overview.overdue, overview.due_this_month), (1, 1));
    }
}
