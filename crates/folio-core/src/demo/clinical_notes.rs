//! The demo's clinical notes: plainly fictional, initials only, varied by modality.

use chrono::{Days, NaiveDate};

use super::{capitalised, SplitMix64, Story};
use crate::dates::format_uk;
use crate::notes::{self, rules::Section, Amendment, DraftText, NewNote};
use crate::{Clock, Result, Vault};

const THEMES: &[&str] = &[
    "endings and what happens when something stops",
    "feeling left out at break time",
    "anger that arrives quickly and leaves slowly",
    "a pet that died over the summer",
    "moving between two homes in a week",
    "wanting to be in charge of the session",
    "worry about starting a new class",
    "being heard without having to explain",
    "trust, tested by arriving late and leaving early",
    "a grandmother who is unwell",
    "friendships that change without warning",
    "feeling too big or too small for the room",
    "safety, and who decides what is safe",
    "pride in finishing something",
];
const ENGAGEMENT: &[&str] = &[
    "Arrived on time and settled quickly; engaged for the whole session.",
    "Hesitant at the door, then warmed up after ten minutes and stayed engaged.",
    "Restless in the first half; calmer once the structure of the session was named.",
    "Quiet and watchful; responded to invitations rather than starting activities.",
    "Lively and talkative; needed reminders about the end of the session.",
    "Tired today; chose low-effort activities and rested between them.",
];
const ART_MATERIALS: &[&str] = &[
    "oil pastels on black sugar paper",
    "charcoal and a putty rubber",
    "air-drying clay, shaped and then flattened again",
    "poster paint, mixed thickly and applied with fingers",
    "watercolour washes, layered wet into wet",
    "collage from magazines, scissors and glue",
    "felt tips and a ruler, working very precisely",
    "the sand tray and small figures",
    "cardboard boxes, tape and string",
    "chalk on the floor board",
];
const ART_IMAGES: &[&str] = &[
    "a house with no door",
    "a storm over a grey sea",
    "a small boat far from the shore",
    "a volcano that was about to erupt",
    "a walled garden with one gate",
    "a creature with many eyes",
    "a bridge that did not reach the other side",
    "a nest high in a tree",
    "a rocket leaving the planet",
    "a castle with a moat and a drawbridge",
    "a map of an imaginary island",
    "a mask, painted on one side only",
];
const INSTRUMENTS: &[&str] = &[
    "the djembe",
    "the xylophone",
    "the glockenspiel",
    "the piano",
    "the ocean drum",
    "the guitar",
    "chime bars",
    "the rainstick",
    "the kalimba",
    "the metallophone",
    "shakers and the cabasa",
    "the reed horn",
];
const MUSIC_ELEMENTS: &[&str] = &[
    "kept a steady pulse while the therapist played around it",
    "led a fast, loud beat and then stopped it suddenly",
    "took turns in a call-and-response pattern",
    "echoed short rhythms and then changed them",
    "improvised freely, with long silences between phrases",
    "built a repeating pattern and asked the therapist to join in",
    "sang a made-up song about the weather",
    "played very softly, checking whether they could be heard",
    "explored high and low sounds, settling on the low ones",
];
const OUTCOMES: &[&str] = &[
    "Able to stay with a difficult feeling for longer than in earlier sessions.",
    "Made a choice and kept to it, which is new.",
    "Tolerated the ending of the session without distress.",
    "Used the materials to show what was hard to say.",
    "Some progress towards the goal of asking for help.",
    "Less need to control the session; shared the space more easily.",
];
const PLANS: &[&str] = &[
    "Continue weekly sessions; offer the same materials next time.",
    "Continue weekly sessions; begin to name the ending in four weeks.",
    "Keep the structure of the session the same; review goals at the next review.",
    "Check in with the class teacher about the new seating plan.",
    "Continue; return to the unfinished piece if the client wishes.",
];
const AMENDMENT_REASONS: &[&str] = &[
    "The plan named the wrong week for the review; corrected.",
    "Added what was agreed about the room after the session.",
    "Corrected the description of what was made, which was recorded from the previous session.",
];

/// Writes each demo client's notes through the notes service, as a therapist would: each
/// on its day (the vault's clock is set to that day while it is written), so drafts age
/// and the audit log reads in order for each client.
pub(super) struct NoteWriter {
    rng: SplitMix64,
    old_drafts_left: u32,
    risk_left: u32,
    safeguarding_left: u32,
    amendments_left: u32,
}

impl NoteWriter {
    pub(super) fn new(seed: u64) -> NoteWriter {
        NoteWriter {
            rng: SplitMix64(seed ^ 0x6E6F_7465_7321),
            old_drafts_left: 2,
            risk_left: 1,
            safeguarding_left: 1,
            amendments_left: 3,
        }
    }

    /// Writes the client's notes and returns how many.
    pub(super) fn write(&mut self, vault: &mut Vault, story: &Story) -> Result<usize> {
        let clock = vault.clock();
        let written = self.write_all(vault, story);
        vault.set_clock(clock);
        written
    }

    fn write_all(&mut self, vault: &mut Vault, story: &Story) -> Result<usize> {
        let today = vault.today();
        let mut written = 0;
        if let Some(on) = story.assessment {
            if self.rng.chance(50) {
                self.note(vault, story, "assessment", None, on, today, false)?;
                written += 1;
            }
        }
        for (i, &(session, on)) in story.attended.iter().enumerate() {
            let age = (today - on).num_days();
            // Most notes are signed; a few recent ones are still drafts, and one or two
            // have waited more than a week for a signature.
            let draft = if age < i64::from(notes::DEFAULT_DRAFT_DAYS) {
                self.rng.chance(60)
            } else if (8..=30).contains(&age) && self.old_drafts_left > 0 && self.rng.chance(50) {
                self.old_drafts_left -= 1;
                true
            } else {
                false
            };
            self.note(vault, story, "session-note", Some(session), on, today, draft)?;
            written += 1;
            if (i + 1) % 12 == 0 && self.rng.chance(70) && on < today {
                self.note(vault, story, "progress-review", None, on, today, false)?;
                written += 1;
            }
        }
        match story.ended {
            Some(on) if self.rng.chance(70) => {
                self.note(vault, story, "end-of-therapy", None, on, today, false)?;
                written += 1;
            }
            Some(_) => {}
            // Still in therapy: a call with the school or family this week, often not yet
            // signed.
            None if !story.attended.is_empty() => {
                let on = today - Days::new(self.rng.below(5));
                let draft = self.rng.chance(70);
                self.note(vault, story, "free", None, on, today, draft)?;
                written += 1;
            }
            None => {}
        }
        Ok(written)
    }

    #[allow(clippy::too_many_arguments)]
    fn note(
        &mut self,
        vault: &mut Vault,
        story: &Story,
        kind: &str,
        session: Option<i64>,
        on: NaiveDate,
        today: NaiveDate,
        draft: bool,
    ) -> Result<()> {
        vault.set_clock(Clock::on(on));
        let started = notes::start(
            vault,
            &story.code,
            NewNote { kind: kind.into(), session, on: format_uk(on), sections: Vec::new() },
        )?;
        let id = started.summary.id;
        let sections: Vec<Section> = started
            .sections
            .iter()
            .map(|s| Section { heading: s.heading.clone(), text: self.section_text(story, kind, &s.heading, draft) })
            .collect();
        notes::save_draft(vault, id, DraftText { sections: sections.clone(), kept: Vec::new() })?;
        if draft {
            return Ok(());
        }
        notes::sign(vault, id, None)?;
        // Now and then a signed note is corrected a few days later, with the reason.
        let later = on + Days::new(1 + self.rng.below(6));
        if self.amendments_left > 0 && later <= today && kind == "session-note" && self.rng.chance(6) {
            self.amendments_left -= 1;
            vault.set_clock(Clock::on(later));
            let reason = self.rng.pick(AMENDMENT_REASONS);
            let amended = sections
                .into_iter()
                .map(|s| match s.heading.as_str() {
                    "Plan" => {
                        Section { text: format!("{} Review planned for the sixth session from now.", s.text), ..s }
                    }
                    _ => s,
                })
                .collect();
            notes::amend(vault, id, Amendment { reason: reason.into(), sections: amended, kept: Vec::new() }, None)?;
        }
        Ok(())
    }

    fn section_text(&mut self, story: &Story, kind: &str, heading: &str, draft: bool) -> String {
        let who = story.initials.as_str();
        let rng = &mut self.rng;
        let heading = heading.to_lowercase();
        let made = if story.music {
            format!(
                "{who} chose {} and {}; later moved to {} and {}.",
                rng.pick(INSTRUMENTS),
                rng.pick(MUSIC_ELEMENTS),
                rng.pick(INSTRUMENTS),
                rng.pick(MUSIC_ELEMENTS)
            )
        } else {
            format!(
                "{who} worked with {} and made {}; then used {} to make {}.",
                rng.pick(ART_MATERIALS),
                rng.pick(ART_IMAGES),
                rng.pick(ART_MATERIALS),
                rng.pick(ART_IMAGES)
            )
        };
        let mode = if story.music { "music" } else { "art making" };
        if heading.contains("risk") {
            if !draft && self.risk_left > 0 && rng.chance(8) {
                self.risk_left -= 1;
                return format!(
                    "{who} said they sometimes want to run away when things at home are loud. No plan described. \
                     Safety plan talked through; the school's safeguarding lead informed the same day (demo text)."
                );
            }
            return "No concerns noted.".into();
        }
        if heading.contains("safeguard") {
            if !draft && story.child && self.safeguarding_left > 0 && rng.chance(8) {
                self.safeguarding_left -= 1;
                return format!(
                    "{who} described being left alone at home overnight. Discussed with the designated safeguarding \
                     lead the same day, who is making a referral to children's services (demo text)."
                );
            }
            return "No concerns noted.".into();
        }
        match (kind, heading.as_str()) {
            (_, "themes") => format!("{}; and {}.", capitalised(rng.pick(THEMES)), rng.pick(THEMES)),
            (_, "engagement") => rng.pick(ENGAGEMENT).into(),
            (_, h) if h.starts_with("art made") || h.starts_with("music made") => made,
            (_, "outcomes") => rng.pick(OUTCOMES).into(),
            (_, "plan") if draft => format!("{} (to finish)", rng.pick(PLANS)),
            (_, "plan") => rng.pick(PLANS).into(),
            (_, "progress since the last review") => format!(
                "Twelve sessions since the last review. Recurring theme of {}. {made}",
                rng.pick(THEMES)
            ),
            (_, "goals and how they are being met") => {
                format!("Goal: to find words or {mode} for {}. {}", rng.pick(THEMES), rng.pick(OUTCOMES))
            }
            (_, "evaluation") => format!("Engagement has been steady. {}", rng.pick(OUTCOMES)),
            (_, "reason for referral") => {
                format!("Referred for support with {} (demo text).", rng.pick(THEMES))
            }
            (_, "presentation") => rng.pick(ENGAGEMENT).into(),
            (_, "response to art or music making") => made,
            (_, "strengths") => {
                format!("Curious, with a good sense of humour; able to use {mode} to show feelings.")
            }
            (_, "recommendation") => format!("Weekly {} therapy for an initial twelve sessions.", if story.music { "music" } else { "art" }),
            (_, "summary of the work") => format!(
                "{who} attended {} sessions. The work centred on {} and {}.",
                story.attended.len(),
                rng.pick(THEMES),
                rng.pick(THEMES)
            ),
            (_, "the ending") => {
                "The ending was prepared over the last four sessions; the finished pieces were looked back over together.".into()
            }
            (_, "recommendations") => "No further therapy needed now; the school knows how to refer again.".into(),
            ("free", _) => format!(
                "{} with {}. {} Agreed to keep the same room and time (demo text).",
                rng.pick(&["Phone call", "Short meeting", "Video call"]),
                if story.child { rng.pick(&["the class teacher", "the school's SENCo", "mum", "dad", "the foster carer"]) } else { rng.pick(&["the GP surgery", "the client's support worker"]) },
                capitalised(&format!("{who} has been talking at home about {}.", rng.pick(THEMES)))
            ),
            _ => format!("{who}: {} (demo text).", rng.pick(THEMES)),
        }
    }
}
