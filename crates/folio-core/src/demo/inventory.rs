//! The demo's artwork inventory: pieces made in art therapy sessions, kept in a few
//! locations; for clients whose therapy has ended some were collected, some disposed of
//! after the two months, and some are still held, due or overdue for collection.
//! Deterministic from the stories (no random draws).

use chrono::Days;

use super::{DemoSummary, Story};
use crate::artwork::{self, ArtworkForm, CollectionState};
use crate::clients::{self, ClientState};
use crate::dates::format_uk;
use crate::{Result, Vault};

/// How long ago the one recent ending was: inside the two months, so its pieces are due.
const RECENT_ENDING_DAYS: u64 = 14;

const LOCATIONS: &[&str] = &["Cabinet A, drawer 1", "Cabinet A, drawer 2", "School art room store (demo)"];
const PIECES: &[(&str, &str, &str)] = &[
    ("A tide coming in over a sandcastle (demo text)", "Paint", "A3"),
    ("Clay bowl with a lid (demo text)", "Clay", "12 cm across"),
    ("Collage of a safe place (demo text)", "Collage", "A2"),
    ("Mask in two halves, dark and bright (demo text)", "Card and paint", "A4"),
];

pub(super) fn fill(vault: &mut Vault, stories: &[Story], summary: &mut DemoSummary) -> Result<()> {
    let today = vault.today();
    let mut recent_ending_left = true;
    for (n, story) in stories.iter().filter(|s| !s.music && s.attended.len() >= 2).enumerate() {
        let place = if story.school { LOCATIONS[2] } else { LOCATIONS[n % 2] };
        let made: Vec<_> = story.attended.iter().step_by(3).take(PIECES.len()).collect();
        let mut references = Vec::new();
        for (i, (session, _)) in made.iter().enumerate() {
            let (description, medium, size) = PIECES[i];
            let form = ArtworkForm {
                description: description.into(),
                medium: medium.into(),
                size: size.into(),
                location: place.into(),
                session: Some(*session),
                ..ArtworkForm::default()
            };
            references.push(artwork::add(vault, &story.code, form)?.reference);
            summary.artwork += 1;
        }
        // One client still in therapy on paper whose sessions stopped weeks ago: the ending is
        // recorded two weeks ago, so their pieces wait for collection (due, not yet overdue).
        if recent_ending_left && story.ended.is_none() && ended_quietly(vault, story, today)? {
            let on = today - Days::new(RECENT_ENDING_DAYS);
            clients::change_state(vault, &story.code, ClientState::Ended.as_str(), &format_uk(on), "goals met")?;
            recent_ending_left = false;
            continue;
        }
        // After the end: the first piece collected a week later; what stayed past its date
        // disposed of for every other client, left overdue for the rest.
        let Some(ended) = story.ended.filter(|_| story.referred_again.is_none()) else { continue };
        if let Some(first) = references.first() {
            let collected = ended + Days::new(7);
            if collected <= today {
                let who = if story.child { "the client's parent (demo)" } else { "the client (demo)" };
                artwork::return_to(vault, first, &format_uk(collected), who)?;
            }
        }
        if n % 2 == 0 {
            for reference in references.iter().skip(1) {
                let item = artwork::show(vault, reference)?;
                if let (CollectionState::Overdue, Some(by)) = (item.collection, item.collect_by) {
                    let on = (by + Days::new(3)).min(today);
                    artwork::dispose(vault, reference, &format_uk(on), "Shredded in the office (demo)")?;
                }
            }
        }
    }
    Ok(())
}

/// Whether the client's sessions all came before the recent ending's date (none planned
/// after it), so ending their therapy then reads true.
fn ended_quietly(vault: &Vault, story: &Story, today: chrono::NaiveDate) -> Result<bool> {
    let on = today - Days::new(RECENT_ENDING_DAYS);
    let sessions = crate::sessions::list(vault, &story.code, None)?;
    Ok(!sessions.is_empty() && sessions.iter().all(|s| s.on < on))
}
