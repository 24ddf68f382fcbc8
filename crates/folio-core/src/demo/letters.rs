//! The demo's correspondence log, initials only (the identifier check runs on every
//! summary): a parent's call to move a session, a letter to the school with the termly
//! attendance, and for a child whose parent agreed to online contact, a text from the
//! child on an evening without a session, kept with its recorded warning (seed 004).

use chrono::Days;

use super::{DemoSummary, Story};
use crate::correspondence::{self, CorrespondenceForm, Counterpart, Direction, Kind};
use crate::dates::format_uk;
use crate::{Result, Vault};

fn entry(
    on: chrono::NaiveDate,
    kind: Kind,
    direction: Direction,
    with: Counterpart,
    summary: &str,
) -> CorrespondenceForm {
    CorrespondenceForm {
        on: format_uk(on),
        kind: kind.as_str().into(),
        direction: direction.as_str().into(),
        counterpart: with.as_str().into(),
        summary: summary.into(),
        ..CorrespondenceForm::default()
    }
}

/// Adds the correspondence, deterministically from the stories (no random draws, so the
/// rest of the demo is the same for a seed whatever this adds).
pub(super) fn fill(vault: &mut Vault, stories: &[Story], summary: &mut DemoSummary) -> Result<()> {
    let today = vault.today();
    for (i, story) in stories.iter().enumerate().filter(|(_, s)| s.attended.len() >= 2) {
        let (_, second) = story.attended[1];
        let who = story.initials.as_str();
        let call = if story.child {
            entry(
                second - Days::new(1),
                Kind::PhoneCall,
                Direction::In,
                Counterpart::Parent,
                &format!(
                    "Asked to move {who}'s session to later in the day for a hospital appointment; agreed (demo text)."
                ),
            )
        } else {
            entry(
                second - Days::new(1),
                Kind::Email,
                Direction::In,
                Counterpart::Client,
                "Asked whether the room is step-free; confirmed it is (demo text).",
            )
        };
        if i % 2 == 0 {
            correspondence::add(vault, &story.code, call, Vec::new(), None)?;
            summary.correspondence += 1;
        }
        if story.school && story.attended.len() >= 6 {
            let (_, sixth) = story.attended[5];
            let letter = CorrespondenceForm {
                counterpart_name: "SENCo (demo)".into(),
                ..entry(
                    sixth,
                    Kind::Letter,
                    Direction::Out,
                    Counterpart::School,
                    &format!("Termly note of {who}'s attendance, with the family's consent; no clinical content (demo text)."),
                )
            };
            correspondence::add(vault, &story.code, letter, Vec::new(), None)?;
            summary.correspondence += 1;
        }
    }
    // A text from a child on an evening without a session: kept, with the warning recorded.
    let session_days = |s: &Story| s.attended.iter().map(|(_, on)| *on).collect::<Vec<_>>();
    let texted = stories.iter().filter(|s| s.child && s.online && s.ended.is_none()).find_map(|s| {
        let (_, last) = *s.attended.last()?;
        let evening = last + Days::new(2);
        (evening < today && !session_days(s).contains(&evening)).then_some((s, evening))
    });
    if let Some((story, evening)) = texted {
        let text = CorrespondenceForm {
            outside_reason:
                "Sent by the child in the evening; not answered, and talked about at the next session (demo).".into(),
            ..entry(
                evening,
                Kind::Text,
                Direction::In,
                Counterpart::Client,
                "Asked if we could use the drums again next week (demo text).",
            )
        };
        correspondence::add(vault, &story.code, text, Vec::new(), None)?;
        summary.correspondence += 1;
    }
    Ok(())
}
