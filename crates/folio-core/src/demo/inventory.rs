//! The demo's artwork inventory: pieces made in art therapy sessions, kept in a few
//! locations; for clients whose therapy has ended some were collected, some disposed of
//! after the two months, and some are still held, due or overdue for collection.
//! Deterministic from the stories (no random draws).

use chrono::Days;

use super::{DemoSummary, Story};
use crate::artwork::{self, ArtworkForm, CollectionState};
use crate::dates::format_uk;
use crate::{Result, Vault};

const LOCATIONS: &[&str] = &["Cabinet A, drawer 1", "Cabinet A, drawer 2", "School art room store (demo)"];
const PIECES: &[(&str, &str, &str)] = &[
    ("A tide coming in over a sandcastle (demo text)", "Paint", "A3"),
    ("Clay bowl with a lid (demo text)", "Clay", "12 cm across"),
    ("Collage of a safe place (demo text)", "Collage", "A2"),
    ("Mask in two halves, dark and bright (demo text)", "Card and paint", "A4"),
];

pub(super) fn fill(vault: &mut Vault, stories: &[Story], summary: &mut DemoSummary) -> Result<()> {
    let today = vault.today();
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
        // After the end: the first piece collected a week later; what stayed past its date
        // disposed of for every other client, left overdue for the rest.
        let Some(ended) = story.ended.filter(|_| story.referred_again.is_none()) else { continue };
        if let Some(first) = references.first() {
            let collected = ended + Days::new(7);
            if collected <= today {
                let who = if story.child { "Collected by the client's parent" } else { "Collected by the client" };
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
