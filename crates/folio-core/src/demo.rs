//! A demo practice: plainly fictional clients, episodes and sessions, so a newcomer can see
//! a lived-in vault. Deterministic for a seed, and scalable (benchmarks reuse it).
//!
//! Every record goes in through the same core functions the app and CLI use, so the demo
//! obeys every rule (and the audit log reads as a therapist's would). The generator's
//! randomness is SplitMix64: demo data only, never keys.
//!
//! Three streams, each seeded from the seed: the clients and their sessions; their notes;
//! and their consents, agreements, disclosures and safeguarding log (the *ledger*). A stream
//! added later never changes what an earlier one makes for a seed.

use std::path::Path;
use std::time::Duration;

use chrono::{Days, NaiveDate};

use crate::agreements::{self, AgreementForm, AgreementKind};
use crate::blobs::Incoming;
use crate::clients::{self, ClientState};
use crate::consents::{self, ConsentForm, ConsentState, How, Purpose};
use crate::dates::format_uk;
use crate::disclosures::{self, Basis, DisclosureForm, Recipient, Told};
use crate::notes::{self, rules::Section, Amendment, DraftText, NewNote};
use crate::referrals::{Contact, ReferralForm};
use crate::safeguarding::{self, SafeguardingForm};
use crate::sessions::{self, Mode, Outcome, SessionForm};
use crate::{Clock, CreateOptions, Password, Result, Vault};

/// Deterministic, non-cryptographic generator for demo data.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const GIVEN: &[&str] = &[
    "Ada", "Bramble", "Corin", "Delphine", "Ezra", "Fennel", "Gwyn", "Hazel", "Isolde", "Jasper", "Kit", "Linden",
    "Marigold", "Nell", "Orrin", "Pip", "Quill", "Rowan", "Saffi", "Tam", "Umber", "Vesper", "Wren", "Yarrow",
];
const FAMILY: &[&str] = &[
    "Applewood",
    "Brackenbury",
    "Cloudberry",
    "Dewhurst",
    "Elderflower",
    "Foxglove",
    "Gorseway",
    "Hawthorne",
    "Inkwell",
    "Juniper",
    "Kettlewell",
    "Larkspur",
    "Moonpenny",
    "Nettlefold",
    "Oakenshaw",
    "Puddleby",
    "Quince",
    "Rushmere",
    "Thistledown",
    "Willowmere",
];
const SETTINGS: &[&str] = &[
    "Willowbrook Primary (fictional)",
    "Hollow Lane Academy (fictional)",
    "Bramblegate Children's Home (fictional)",
    "Puddleby Infant School (fictional)",
];
const DIFFICULTIES: &[&str] = &[
    "Anxiety and low mood (demo text)",
    "Bereavement (demo text)",
    "Difficulties with friendships (demo text)",
    "Selective mutism (demo text)",
    "Adjustment after a family move (demo text)",
];
const ENDINGS: &[&str] = &["planned ending", "moved away", "goals met", "family chose to stop"];

/// What the generator made.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoSummary {
    pub clients: usize,
    pub sessions: usize,
    pub episodes: usize,
    pub notes: usize,
    pub consents: usize,
    pub agreements: usize,
    pub disclosures: usize,
    pub safeguarding_entries: usize,
}

/// Creates a demo vault in `dir` (new or empty) with `client_count` fictional clients.
pub fn create(dir: &Path, password: &Password, client_count: usize, seed: u64, clock: Clock) -> Result<DemoSummary> {
    let mut vault = Vault::create(
        dir,
        "Demo Practice (fictional)",
        password,
        &CreateOptions { kdf_target: Duration::from_millis(500) },
    )?;
    vault.set_clock(clock);
    let summary = fill(&mut vault, client_count, seed)?;
    vault.lock()?;
    Ok(summary)
}

/// Adds `client_count` fictional clients with their episodes, sessions, clinical notes,
/// consents, agreements, disclosures and safeguarding log to an open vault.
pub fn fill(vault: &mut Vault, client_count: usize, seed: u64) -> Result<DemoSummary> {
    fill_with(vault, client_count, seed, true)
}

/// As [`fill`], without clinical notes or the ledger: the benchmarks' practice for client
/// lists, whose figures stay comparable with earlier baselines (the notes benchmark adds its
/// own).
pub fn fill_without_notes(vault: &mut Vault, client_count: usize, seed: u64) -> Result<DemoSummary> {
    fill_with(vault, client_count, seed, false)
}

fn fill_with(vault: &mut Vault, client_count: usize, seed: u64, with_notes: bool) -> Result<DemoSummary> {
    let today: NaiveDate = vault.today();
    let mut rng = SplitMix64(seed);
    // The notes draw from their own stream, so the clients and sessions of a seed are the
    // same with or without them.
    let mut writer = NoteWriter::new(seed);
    // So do the consents and the rest of the ledger.
    let mut ledger = Ledger::new(seed);
    let mut stories: Vec<Story> = Vec::new();
    let mut summary = DemoSummary {
        clients: 0,
        sessions: 0,
        episodes: 0,
        notes: 0,
        consents: 0,
        agreements: 0,
        disclosures: 0,
        safeguarding_entries: 0,
    };
    for _ in 0..client_count {
        let referred = today - Days::new(7 + rng.below(3 * 365));
        let child = rng.chance(70);
        let age_years = if child { 5 + rng.below(12) } else { 19 + rng.below(50) };
        let dob = referred - Days::new(age_years * 365 + rng.below(300));
        let given = rng.pick(GIVEN);
        let family = rng.pick(FAMILY);
        let form = ReferralForm {
            given_name: given.into(),
            family_name: family.into(),
            date_of_birth: format_uk(dob),
            referral_date: format_uk(referred),
            postcode: "ZZ99 3DM".into(),
            phone: "01632 960 000".into(),
            email: "demo@example.invalid".into(),
            parental_responsibility: if child {
                vec![Contact { name: format!("Parent {family}"), relationship: "parent".into(), ..Contact::default() }]
            } else {
                Vec::new()
            },
            setting_name: if child { rng.pick(SETTINGS).into() } else { String::new() },
            referrer: if child { rng.pick(&["parent", "school", "camhs"]) } else { rng.pick(&["self", "gp"]) }.into(),
            difficulty: rng.pick(DIFFICULTIES).into(),
            safeguarding_concern: rng.chance(15),
            modality: if rng.chance(50) { "art" } else { "music" }.into(),
            funding: rng.pick(&["private", "school", "charity", "nhs"]).into(),
            ..ReferralForm::default()
        };
        let (flagged, school) = (form.safeguarding_concern, form.funding == "school");
        let client = clients::add_referral(vault, form)?;
        summary.clients += 1;
        summary.episodes += 1;
        let code = client.code;
        let mut story = Story {
            code: code.clone(),
            initials: client.initials.clone(),
            name: format!("{given} {family}"),
            parent: child.then(|| format!("Parent {family}")),
            age_years,
            music: client.modality == Some(crate::referrals::Modality::Music),
            child,
            flagged,
            school,
            assessment: None,
            therapy: None,
            attended: Vec::new(),
            ended: None,
            referred_again: None,
        };
        // How far this client got.
        let assessment = referred + Days::new(7 + rng.below(21));
        if assessment >= today || rng.chance(10) {
            continue;
        }
        story.assessment = Some(assessment);
        clients::change_state(vault, &code, ClientState::Assessment.as_str(), &format_uk(assessment), "")?;
        let therapy = assessment + Days::new(7);
        if therapy >= today {
            if with_notes {
                ledger.client(vault, &story, &mut summary)?;
                stories.push(story);
            }
            continue;
        }
        story.therapy = Some(therapy);
        clients::change_state(vault, &code, ClientState::InTherapy.as_str(), &format_uk(therapy), "")?;
        let weeks = 6 + rng.below(30);
        let mut last = therapy;
        let mut online_consent = false;
        for week in 0..weeks {
            let on = therapy + Days::new(week * 7);
            let outcome = if on > today {
                Outcome::Planned
            } else if rng.chance(8) {
                Outcome::DidNotAttend
            } else if rng.chance(6) {
                Outcome::CancelledByClient
            } else {
                Outcome::Attended
            };
            let remote = rng.chance(10);
            if remote && child && !online_consent {
                // Seed 004: written parental consent before any online contact with a child.
                consents::add(
                    vault,
                    &code,
                    ConsentForm {
                        purpose: Purpose::OnlineContact.as_str().into(),
                        given_by: format!("Parent {family}"),
                        how: How::Written.as_str().into(),
                        on: format_uk(referred),
                        told: "Online sessions: how they work, who is nearby, how to stop (demo).".into(),
                        ..ConsentForm::default()
                    },
                    None,
                )?;
                online_consent = true;
                summary.consents += 1;
            }
            let session = sessions::add(
                vault,
                &code,
                SessionForm {
                    on: format_uk(on),
                    start_time: format!("{:02}:{}", 9 + rng.below(8), if rng.chance(50) { "00" } else { "30" }),
                    minutes: if child { 45 } else { 50 },
                    mode: if remote { Mode::Online } else { Mode::InPerson }.as_str().into(),
                    outcome: outcome.as_str().into(),
                    platform: if remote { "Video call (demo)".into() } else { String::new() },
                    parent_contacted_start: remote.then_some(true),
                    parent_contacted_end: remote.then_some(true),
                    parent_nearby: remote.then_some(true),
                },
            )?;
            summary.sessions += 1;
            if outcome == Outcome::Attended {
                story.attended.push((session.id, on));
            }
            last = on;
            if on > today + Days::new(28) {
                break;
            }
        }
        if last < today && rng.chance(60) {
            let ended = last + Days::new(1);
            clients::change_state(vault, &code, ClientState::Ended.as_str(), &format_uk(ended), rng.pick(ENDINGS))?;
            story.ended = Some(ended);
            if rng.chance(15) && ended + Days::new(60) < today {
                clients::re_refer(vault, &code, &format_uk(ended + Days::new(60)), "returning client (demo)")?;
                summary.episodes += 1;
                story.referred_again = Some(ended + Days::new(60));
            }
        }
        if with_notes {
            summary.notes += writer.write(vault, &story)?;
            ledger.client(vault, &story, &mut summary)?;
            stories.push(story);
        }
    }
    if with_notes {
        ledger.finish(vault, &stories, &mut summary)?;
    }
    Ok(summary)
}

// ---------------------------------------------------------------------------------------
// Clinical notes: plainly fictional, initials only, varied by modality.

/// What happened to one demo client, for writing their notes.
struct Story {
    code: String,
    initials: String,
    /// The client's full (fictional) name, for the agreements an adult signs.
    name: String,
    /// The person with parental responsibility on a child's referral.
    parent: Option<String>,
    age_years: u64,
    music: bool,
    child: bool,
    /// The referral has the safeguarding flag.
    flagged: bool,
    /// Funded by the school (work in schools).
    school: bool,
    assessment: Option<NaiveDate>,
    therapy: Option<NaiveDate>,
    /// Attended sessions: (id, date), oldest first.
    attended: Vec<(i64, NaiveDate)>,
    ended: Option<NaiveDate>,
    /// The start of a second period of therapy.
    referred_again: Option<NaiveDate>,
}

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
struct NoteWriter {
    rng: SplitMix64,
    old_drafts_left: u32,
    risk_left: u32,
    safeguarding_left: u32,
    amendments_left: u32,
}

impl NoteWriter {
    fn new(seed: u64) -> NoteWriter {
        NoteWriter {
            rng: SplitMix64(seed ^ 0x6E6F_7465_7321),
            old_drafts_left: 2,
            risk_left: 1,
            safeguarding_left: 1,
            amendments_left: 3,
        }
    }

    /// Writes the client's notes and returns how many.
    fn write(&mut self, vault: &mut Vault, story: &Story) -> Result<usize> {
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

// ---------------------------------------------------------------------------------------
// The ledger: consents, agreements, disclosures and the safeguarding log, as a practice
// keeps them. Initials only in free text; every record through the core's own services.

const TOLD_THERAPY: &str = "What therapy involves, how often and for how long; what is kept confidential and \
     the limits (safeguarding); who to contact; that consent can be withdrawn at any time (demo text).";
const REVIEW_NOTES: &[&str] = &[
    "Checked at the progress review; still agreed, nothing changed (demo text).",
    "Talked through again at the review meeting; still agreed (demo text).",
    "Reviewed by phone; no change (demo text).",
];

/// What a consent for one purpose says it was for and what the person was told.
fn told_for(purpose: Purpose) -> &'static str {
    match purpose {
        Purpose::Therapy | Purpose::ParentalTherapy => TOLD_THERAPY,
        Purpose::ArtworkPhotos => {
            "Photos of artwork are kept encrypted in the record, never shown with a name (demo text)."
        }
        Purpose::Recording => {
            "Recordings are for the therapeutic plan only, kept encrypted, reviewed at the end (demo text)."
        }
        Purpose::Supervision => {
            "Work is discussed with the clinical supervisor by initials, to keep it safe and good (demo text)."
        }
        Purpose::Training => {
            "Anonymised work may be used in training other therapists; saying no changes nothing (demo text)."
        }
        Purpose::Funding => {
            "Anonymised outcomes may be used in funding applications; saying no changes nothing (demo text)."
        }
        Purpose::Publicity => {
            "Anonymised artwork may be used in the practice's leaflets; saying no changes nothing (demo text)."
        }
        _ => "Explained in person (demo text).",
    }
}

/// A consent the ledger may later withdraw or refresh.
struct Recorded {
    id: i64,
    code: String,
    given: NaiveDate,
    form: ConsentForm,
    /// The client's therapy has not ended.
    open: bool,
}

struct Ledger {
    rng: SplitMix64,
    young_left: u32,
    supervision_left: u32,
    school_left: u32,
    /// Optional opt-ins and photo consents, the first of which is withdrawn.
    withdrawable: Vec<Recorded>,
    /// Consents to therapy over a year old of clients still in therapy, the first refreshed.
    refreshable: Vec<Recorded>,
}

impl Ledger {
    fn new(seed: u64) -> Ledger {
        Ledger {
            rng: SplitMix64(seed ^ 0x6C65_6467_6572),
            young_left: 2,
            supervision_left: 3,
            school_left: 2,
            withdrawable: Vec::new(),
            refreshable: Vec::new(),
        }
    }

    fn consent(
        &mut self,
        vault: &mut Vault,
        story: &Story,
        form: ConsentForm,
        summary: &mut DemoSummary,
    ) -> Result<consents::Consent> {
        let consent = consents::add(vault, &story.code, form, None)?;
        summary.consents += 1;
        let today = vault.today();
        // Some that have come up for review were reviewed; the others are due.
        if consent.state == ConsentState::ReviewDue && self.rng.chance(40) {
            let on = (consent.review_on + Days::new(self.rng.below(40))).min(today);
            consents::review(vault, consent.id, &format_uk(on), self.rng.pick(REVIEW_NOTES))?;
        }
        Ok(consent)
    }

    /// A client's consents, agreements and routine disclosures, from the assessment on.
    fn client(&mut self, vault: &mut Vault, story: &Story, summary: &mut DemoSummary) -> Result<()> {
        let Some(assessment) = story.assessment else { return Ok(()) };
        let today = vault.today();
        let open = story.ended.is_none() || story.referred_again.is_some();
        let on = format_uk(assessment);
        // Who gives the consents: a child's parent, an adult, or a young person judged
        // competent to consent for themselves.
        let young_own = story.child && story.age_years >= 13 && self.young_left > 0 && self.rng.chance(60);
        let (giver, competence) = match &story.parent {
            Some(_) if young_own => {
                self.young_left -= 1;
                (
                    "client".to_string(),
                    format!(
                        "Judged by the therapist at the assessment on {on}, with the family present: understood what \
                         therapy involves, who would be told what and that they could stop, and explained it back in \
                         their own words (demo text)."
                    ),
                )
            }
            Some(parent) => (parent.clone(), String::new()),
            None => ("client".to_string(), String::new()),
        };
        let form = |purpose: Purpose, how: How| ConsentForm {
            purpose: purpose.as_str().into(),
            given_by: giver.clone(),
            competence: competence.clone(),
            how: how.as_str().into(),
            on: on.clone(),
            told: told_for(purpose).into(),
            ..ConsentForm::default()
        };
        let how = if self.rng.chance(50) { How::SignedContract } else { How::Written };
        let therapy = if story.parent.is_some() && !young_own { Purpose::ParentalTherapy } else { Purpose::Therapy };
        let therapy_form = form(therapy, how);
        let consent = self.consent(vault, story, therapy_form.clone(), summary)?;
        if let Some(again) = story.referred_again {
            // A new period of therapy: the consent is given again (a refresh).
            let refreshed = ConsentForm { on: format_uk(again), ..therapy_form.clone() };
            self.consent(vault, story, refreshed, summary)?;
        } else if open && (today - assessment).num_days() > 400 {
            let recorded =
                Recorded { id: consent.id, code: story.code.clone(), given: assessment, form: therapy_form, open };
            self.refreshable.push(recorded);
        }
        let mut optional = vec![];
        if !story.music && self.rng.chance(75) {
            optional.push((Purpose::ArtworkPhotos, if self.rng.chance(80) { How::Written } else { How::Email }));
        }
        if story.music && self.rng.chance(40) {
            optional.push((Purpose::Recording, How::Written));
        }
        let supervision = self.rng.chance(80);
        if supervision {
            optional.push((Purpose::Supervision, if self.rng.chance(70) { How::Written } else { How::Verbal }));
        }
        // The opt-ins: separate, and most people say no (a refusal is simply no consent).
        for (purpose, percent) in [(Purpose::Training, 25), (Purpose::Funding, 15), (Purpose::Publicity, 10)] {
            if self.rng.chance(percent) {
                optional.push((purpose, How::Written));
            }
        }
        for (purpose, how) in optional {
            let f = form(purpose, how);
            let c = self.consent(vault, story, f.clone(), summary)?;
            if purpose.is_optional() || purpose == Purpose::ArtworkPhotos {
                self.withdrawable.push(Recorded {
                    id: c.id,
                    code: story.code.clone(),
                    given: assessment,
                    form: f,
                    open,
                });
            }
        }
        self.agreements(vault, story, assessment, summary)?;
        self.disclosures(vault, story, supervision, summary)?;
        Ok(())
    }

    /// A signed therapy contract and confidentiality agreement for most clients, in their
    /// current period of therapy; a work agreement with the school for some school work.
    fn agreements(
        &mut self,
        vault: &mut Vault,
        story: &Story,
        assessment: NaiveDate,
        summary: &mut DemoSummary,
    ) -> Result<()> {
        if !self.rng.chance(85) {
            return Ok(());
        }
        let signed_on = format_uk(story.referred_again.unwrap_or(assessment));
        let signed_by = story.parent.clone().unwrap_or_else(|| story.name.clone());
        let mut kinds = vec![AgreementKind::TherapyContract, AgreementKind::Confidentiality];
        if story.school && self.rng.chance(50) {
            kinds.push(AgreementKind::WorkAgreement);
        }
        for kind in kinds {
            let form = AgreementForm {
                kind: kind.as_str().into(),
                signed_on: signed_on.clone(),
                signed_by: if kind == AgreementKind::WorkAgreement {
                    "Head teacher (demo)".into()
                } else {
                    signed_by.clone()
                },
                version: "2025-09 (demo)".into(),
            };
            let copy =
                format!("%PDF-1.4\n% Demo signed copy: {} for {} (fictional)\n%%EOF\n", kind.label(), story.initials);
            let mut reader = copy.as_bytes();
            let file = Incoming::Stream { file_name: format!("{}-signed.pdf", kind.as_str()), reader: &mut reader };
            agreements::add(vault, &story.code, form, self.rng.chance(70).then_some(file))?;
            summary.agreements += 1;
        }
        Ok(())
    }

    /// Routine sharing: supervision, and the school's termly report with the parent's consent.
    fn disclosures(
        &mut self,
        vault: &mut Vault,
        story: &Story,
        supervision: bool,
        summary: &mut DemoSummary,
    ) -> Result<()> {
        let (Some(&(_, first)), Some(&(_, last))) = (story.attended.first(), story.attended.last()) else {
            return Ok(());
        };
        if supervision && self.supervision_left > 0 && self.rng.chance(60) {
            self.supervision_left -= 1;
            let on = story.attended[story.attended.len() / 2].1;
            let form = DisclosureForm {
                on: format_uk(on),
                recipient: Recipient::Supervisor.as_str().into(),
                recipient_name: "Clinical supervisor (demo)".into(),
                what: "Case discussion in supervision: themes, the therapeutic relationship and the plan, by initials \
                       only (demo text)."
                    .into(),
                basis: Basis::Supervision.as_str().into(),
                told: Told::NotTold.as_str().into(),
                ..DisclosureForm::default()
            };
            disclosures::add(vault, &story.code, form, Vec::new())?;
            summary.disclosures += 1;
        }
        let parent = match &story.parent {
            Some(parent) if story.school && self.school_left > 0 && story.attended.len() >= 4 => parent.clone(),
            _ => return Ok(()),
        };
        self.school_left -= 1;
        let consent = consents::add(
            vault,
            &story.code,
            ConsentForm {
                purpose: Purpose::Other.as_str().into(),
                custom_purpose: "Termly progress reports to the school".into(),
                given_by: parent,
                how: How::Written.as_str().into(),
                on: format_uk(first),
                told: "A short report of attendance and progress to the SENCo each term; nothing of what is said or \
                       made in sessions (demo text)."
                    .into(),
                ..ConsentForm::default()
            },
            None,
        )?;
        summary.consents += 1;
        let form = DisclosureForm {
            on: format_uk(last),
            recipient: Recipient::School.as_str().into(),
            recipient_name: "SENCo (demo)".into(),
            what: "Attendance and a short summary of progress for the termly review (demo text).".into(),
            basis: Basis::Consent.as_str().into(),
            consent: Some(consent.id),
            told: Told::Parent.as_str().into(),
            told_on: format_uk(last),
            ..DisclosureForm::default()
        };
        disclosures::add(vault, &story.code, form, Vec::new())?;
        summary.disclosures += 1;
        Ok(())
    }

    /// After every client: one withdrawal, one refresh of an old consent, and one
    /// safeguarding concern (a disclosure to the safeguarding team, a log entry and its
    /// follow-up) for a child whose referral has the safeguarding flag if there is one.
    fn finish(&mut self, vault: &mut Vault, stories: &[Story], summary: &mut DemoSummary) -> Result<()> {
        let today = vault.today();
        if let Some(c) = self.withdrawable.iter().find(|c| c.given < today) {
            let on = c.given + Days::new(1 + self.rng.below((today - c.given).num_days().max(1) as u64 - 1).min(300));
            let by = if c.form.given_by == "client" { "The client".to_string() } else { c.form.given_by.clone() };
            consents::withdraw(vault, c.id, &format_uk(on.min(today)), &by)?;
        }
        if let Some(c) = self.refreshable.iter().find(|c| c.open) {
            let on = (today - Days::new(self.rng.below(20))).max(c.given);
            consents::add(vault, &c.code, ConsentForm { on: format_uk(on), ..c.form.clone() }, None)?;
            summary.consents += 1;
        }
        let with_sessions = |s: &&Story| s.child && !s.attended.is_empty();
        let chosen =
            stories.iter().filter(with_sessions).find(|s| s.flagged).or_else(|| stories.iter().find(with_sessions));
        if let Some(story) = chosen {
            self.safeguarding(vault, story, summary)?;
        }
        Ok(())
    }

    fn safeguarding(&mut self, vault: &mut Vault, story: &Story, summary: &mut DemoSummary) -> Result<()> {
        let today = vault.today();
        let who = story.initials.as_str();
        let on = story.attended[story.attended.len() / 2].1;
        let disclosure = disclosures::add(
            vault,
            &story.code,
            DisclosureForm {
                on: format_uk(on),
                recipient: Recipient::SafeguardingTeam.as_str().into(),
                recipient_name: "Children's services front door (demo)".into(),
                what: format!("What {who} said in the session about being left alone overnight (demo text)."),
                basis: Basis::Safeguarding.as_str().into(),
                reason: "A risk of significant harm to a child: shared the same day without waiting for consent, \
                         as telling the family first could have put the child at greater risk (demo text)."
                    .into(),
                told: Told::NotTold.as_str().into(),
                decided_by: "The therapist, with the designated safeguarding lead".into(),
                ..DisclosureForm::default()
            },
            Vec::new(),
        )?;
        summary.disclosures += 1;
        let entry = safeguarding::add(
            vault,
            &story.code,
            SafeguardingForm {
                on: format_uk(on),
                time: "15:10".into(),
                involved: format!("{who} (the client); the designated safeguarding lead (DSL)"),
                account: format!(
                    "{who} said they had been left at home alone overnight twice this month and had not eaten \
                     until school the next day. Seen tired but calm (demo text)."
                ),
                action: "Spoke with the DSL the same afternoon; together agreed a referral to children's services \
                         (demo text)."
                    .into(),
                referred_to: "Children's services front door (demo)".into(),
                referred_on: format_uk(on),
                reference: "DEMO-CS-417".into(),
                disclosure: Some(disclosure.id),
                ..SafeguardingForm::default()
            },
            None,
        )?;
        let later = (on + Days::new(7 + self.rng.below(14))).min(today);
        safeguarding::add(
            vault,
            &story.code,
            SafeguardingForm {
                on: format_uk(later),
                outcome: "Strategy discussion held; a plan agreed with the family and the school to check in each \
                          morning (demo text)."
                    .into(),
                follows: Some(entry.id),
                ..SafeguardingForm::default()
            },
            None,
        )?;
        summary.safeguarding_entries += 2;
        Ok(())
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::SplitMix64;

    #[test]
    fn the_generator_is_deterministic_for_a_seed() {
        let (mut a, mut b, mut c) = (SplitMix64(7), SplitMix64(7), SplitMix64(8));
        let xs: Vec<u64> = (0..5).map(|_| a.next()).collect();
        assert_eq!(xs, (0..5).map(|_| b.next()).collect::<Vec<_>>());
        assert_ne!(xs, (0..5).map(|_| c.next()).collect::<Vec<_>>());
    }
}
