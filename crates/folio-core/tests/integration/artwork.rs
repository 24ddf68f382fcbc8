//! The artwork inventory: references, the episode an item belongs to, where it is kept and
//! moved, what became of it (history kept), and the collection date two months after the
//! last episode ends (cleared by a re-referral).

use folio_core::artwork::{self, ArtworkChange, ArtworkForm, ArtworkState, CollectionState};
use folio_core::sessions::{self, SessionForm};
use folio_core::{clients, Result, Vault};

use crate::{create, day, message, referral, tempdir};

/// Mia, in therapy since 15/09/2026, with a session on 22/09/2026. Returns her code.
fn mia(vault: &mut Vault) -> Result<String> {
    let code = clients::add_referral(vault, referral("Mia", "Lee", "10/12/2015", "01/09/2026"))?.code;
    clients::change_state(vault, &code, "assessment", "08/09/2026", "")?;
    clients::change_state(vault, &code, "in-therapy", "15/09/2026", "")?;
    let session = SessionForm { on: "22/09/2026".into(), outcome: "attended".into(), ..SessionForm::default() };
    sessions::add(vault, &code, session)?;
    Ok(code)
}

fn piece(description: &str, location: &str) -> ArtworkForm {
    ArtworkForm { description: description.into(), location: location.into(), ..ArtworkForm::default() }
}

#[test]
fn an_item_is_recorded_with_its_session_episode_and_place_and_moved_with_its_history_kept() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = mia(&mut vault)?;
    let form = ArtworkForm {
        session: Some(1),
        medium: "Paint and collage".into(),
        size: "A3".into(),
        ..piece("ML's tide picture", "Cabinet A, drawer 2")
    };
    let first = artwork::add(&mut vault, &code, form)?;
    assert_eq!(first.reference, "ART-0001");
    assert_eq!(
        (first.made, first.episode, first.session),
        (day("22/09/2026"), 1, Some(1)),
        "the session's date and episode"
    );
    assert_eq!((first.state, first.location.as_deref()), (ArtworkState::Held, Some("Cabinet A, drawer 2")));
    assert_eq!(first.collect_by, None, "in therapy: no collection date");

    let second = artwork::add(&mut vault, &code, piece("Clay bowl", "cabinet a, DRAWER 2"))?;
    assert_eq!(second.reference, "ART-0002");
    assert_eq!(second.location.as_deref(), Some("Cabinet A, drawer 2"), "a location is one whatever its case");
    assert_eq!(second.made, day(crate::TODAY), "made defaults to today");

    let moved = artwork::move_to(&mut vault, "art-0001", "School art room store", "01/10/2026")?;
    assert_eq!(moved.location.as_deref(), Some("School art room store"));
    let changes: Vec<ArtworkChange> = moved.history.iter().map(|e| e.change).collect();
    assert_eq!(changes, [ArtworkChange::Placed, ArtworkChange::Moved], "the history is kept");
    let places = artwork::locations(&vault)?;
    assert_eq!(
        places.iter().map(|l| (l.name.as_str(), l.held)).collect::<Vec<_>>(),
        [("Cabinet A, drawer 2", 1), ("School art room store", 1)]
    );

    // Refusals name the field and what to fix.
    assert!(message(artwork::add(&mut vault, &code, piece("", "x"))).contains("Describe the piece"));
    let before = ArtworkForm { made: "01/08/2026".into(), ..piece("Early sketch", "") };
    assert!(message(artwork::add(&mut vault, &code, before)).contains("no period of therapy on that day"));
    let future = ArtworkForm { made: "01/01/2030".into(), ..piece("Later", "") };
    assert!(message(artwork::add(&mut vault, &code, future)).contains("cannot be in the future"));
    assert!(message(artwork::move_to(&mut vault, "ART-0001", "Cabinet B", "30/09/2026"))
        .contains("before the item's last change"));
    assert!(message(artwork::show(&vault, "ART-0099")).contains("no artwork with that reference"));
    Ok(())
}

#[test]
fn two_months_after_the_last_episode_ends_held_items_are_due_then_overdue_and_a_re_referral_clears_it() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = mia(&mut vault)?;
    artwork::add(&mut vault, &code, ArtworkForm { made: "22/09/2026".into(), ..piece("Tide picture", "Cabinet A") })?;
    artwork::add(&mut vault, &code, ArtworkForm { made: "29/09/2026".into(), ..piece("Clay bowl", "Cabinet A") })?;
    clients::change_state(&mut vault, &code, "ended", "30/09/2026", "Planned ending")?;
    let items = artwork::list(&vault, Some(&code))?;
    assert!(items.iter().all(|i| i.collect_by == Some(day("30/11/2026"))), "{items:?}");
    // The vault's today (22/11/2026) is before the date: due, not overdue.
    assert!(items.iter().all(|i| i.collection == CollectionState::Due));
    let place = &artwork::locations(&vault)?[0];
    assert_eq!((place.held, place.due, place.overdue), (2, 2, 0));

    let returned = artwork::return_to(&mut vault, "ART-0002", "10/10/2026", "KL (mother)")?;
    assert_eq!((returned.state, returned.collect_by), (ArtworkState::Returned, None), "a returned item is not due");
    assert!(message(artwork::dispose(&mut vault, "ART-0002", "11/10/2026", "shredded")).contains("no longer held"));

    clients::re_refer(&mut vault, &code, "05/11/2026", "Referred again")?;
    assert_eq!(artwork::show(&vault, "ART-0001")?.collect_by, None, "a new episode clears the date");
    Ok(())
}

#[test]
fn keeping_and_disposing_record_why_and_how() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = mia(&mut vault)?;
    artwork::add(&mut vault, &code, piece("Mask", "Cabinet A"))?;
    artwork::add(&mut vault, &code, piece("Drawing", "Cabinet A"))?;
    assert!(message(artwork::keep(&mut vault, "ART-0001", "", "")).contains("Say why it is kept"));
    let kept = artwork::keep(&mut vault, "ART-0001", "", "For the exhibition; ML and her mother agreed in writing")?;
    assert_eq!(kept.state, ArtworkState::Kept);
    let gone = artwork::dispose(&mut vault, "ART-0002", "", "Shredded in the office")?;
    assert_eq!(gone.state, ArtworkState::Disposed);
    assert_eq!(gone.history.last().map(|e| e.detail.as_str()), Some("Shredded in the office"));
    assert_eq!(gone.location.as_deref(), Some("Cabinet A"), "where it was last kept stays known");
    assert_eq!(artwork::locations(&vault)?[0].held, 0);
    assert_eq!(artwork::set_collection_months(&mut vault, "3")?, 3);
    assert!(message(artwork::set_collection_months(&mut vault, "0")).contains("from 1 to 24"));
    Ok(())
}
