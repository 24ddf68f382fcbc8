//! The artwork inventory's rules, pure. Seed 001: "After therapy ends clients are able to
//! take their artwork away. We will keep any clients' artwork not taken by them for two
//! months after therapy ends … Art works will then be disposed of in a confidential way."

use chrono::NaiveDate;

use super::ArtworkState;
use crate::dates::add_months;

/// Folio's collection period, in months after the last episode ends (seed 001).
pub const DEFAULT_COLLECTION_MONTHS: u32 = 2;

/// The day a held item is due for collection: the end of the client's last episode plus
/// the collection period ("the same date two months later, or the last day of that month":
/// 31/12 → 28/02, or 29/02 in a leap year). None while an episode is open (a re-referral
/// clears it) or once the item has left the inventory.
pub fn collect_by(state: ArtworkState, last_episode_ended: Option<NaiveDate>, months: u32) -> Option<NaiveDate> {
    match state {
        ArtworkState::Held => last_episode_ended.map(|ended| add_months(ended, months)),
        ArtworkState::Returned | ArtworkState::Kept | ArtworkState::Disposed => None,
    }
}

/// Where a held item stands on `today`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Collection {
    /// In therapy: no date yet.
    NotDue,
    /// Therapy has ended; the client may collect it until the date.
    Due,
    /// The date has passed: to be disposed of confidentially.
    Overdue,
}

pub fn collection_on(collect_by: Option<NaiveDate>, today: NaiveDate) -> Collection {
    match collect_by {
        None => Collection::NotDue,
        Some(date) if today > date => Collection::Overdue,
        Some(_) => Collection::Due,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%d/%m/%Y").unwrap_or_default()
    }

    #[test]
    fn two_months_after_the_end_or_the_last_day_of_that_month() {
        let by = |ended: &str| collect_by(ArtworkState::Held, Some(d(ended)), DEFAULT_COLLECTION_MONTHS);
        assert_eq!(by("15/09/2026"), Some(d("15/11/2026")));
        assert_eq!(by("31/12/2026"), Some(d("28/02/2027")));
        assert_eq!(by("31/12/2027"), Some(d("29/02/2028")), "a leap year");
        assert_eq!(by("30/06/2026"), Some(d("30/08/2026")));
        assert_eq!(by("31/07/2026"), Some(d("30/09/2026")));
    }

    #[test]
    fn only_a_held_item_of_a_client_whose_therapy_has_ended_is_due() {
        assert_eq!(collect_by(ArtworkState::Held, None, 2), None, "in therapy, or re-referred");
        for gone in [ArtworkState::Returned, ArtworkState::Kept, ArtworkState::Disposed] {
            assert_eq!(collect_by(gone, Some(d("01/09/2026")), 2), None);
        }
        let date = Some(d("15/11/2026"));
        assert_eq!(collection_on(date, d("15/11/2026")), Collection::Due, "the date itself is still in time");
        assert_eq!(collection_on(date, d("16/11/2026")), Collection::Overdue);
        assert_eq!(collection_on(None, d("16/11/2026")), Collection::NotDue);
    }
}
