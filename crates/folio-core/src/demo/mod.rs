//! A demo practice: plainly fictional clients, episodes and sessions, so a newcomer can see
//! a lived-in vault. Deterministic for a seed, and scalable (benchmarks reuse it).
//!
//! Every record goes in through the same core functions the app and CLI use, so the demo
//! obeys every rule (and the audit log reads as a therapist's would). The generator's
//! randomness is SplitMix64: demo data only, never keys.
//!
//! Three streams, each seeded from the seed: the clients and their sessions; their notes;
//! and their consents, agreements, disclosures and safeguarding log (the *ledger*); then the
//! practice-wide complaints register and incident log (`registers.rs`, no randomness). A stream
//! added later never changes what an earlier one makes for a seed. A demo vault made whole
//! ([`create`]) also has a clinical will, its shares beside the vault (`handover.rs`).

use std::path::Path;
use std::time::Duration;

use chrono::{Days, NaiveDate};

mod clinical_notes;
mod handover;
mod inventory;
mod photos;

pub use self::photos::square_png;
mod ledger;
mod letters;
mod registers;

use self::clinical_notes::NoteWriter;
use self::ledger::Ledger;
use crate::clients::{self, ClientState};
use crate::consents::{self, ConsentForm, How, Purpose};
use crate::dates::format_uk;
use crate::referrals::{Contact, ReferralForm};
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
    pub complaints: usize,
    pub incidents: usize,
    /// Rights requests.
    pub requests: usize,
    pub correspondence: usize,
    pub artwork: usize,
    /// Photos of artwork.
    pub media: usize,
    /// The folder beside the demo vault holding its clinical will's shares and pack (2 of
    /// 3, fictional holders): made by [`create`] only.
    pub handover_shares: Option<String>,
}

/// Creates a demo vault in `dir` (new or empty) with `client_count` fictional clients and a
/// clinical will, its shares beside the vault.
pub fn create(dir: &Path, password: &Password, client_count: usize, seed: u64, clock: Clock) -> Result<DemoSummary> {
    create_with(dir, password, client_count, seed, clock, true)
}

/// [`create`]; without a clinical will when `with_handover` is false (to try setting one up).
pub fn create_with(
    dir: &Path,
    password: &Password,
    client_count: usize,
    seed: u64,
    clock: Clock,
    with_handover: bool,
) -> Result<DemoSummary> {
    let mut vault = Vault::create(
        dir,
        "Demo Practice (fictional)",
        password,
        &CreateOptions { kdf_target: Duration::from_millis(500) },
    )?;
    vault.set_clock(clock);
    let mut summary = fill(&mut vault, client_count, seed)?;
    if with_handover {
        let shares = handover::fill(&mut vault, dir)?;
        summary.handover_shares = Some(shares.display().to_string());
    }
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
    // One online session where the parent was not close by, with its reason: the review
    // Home lists (seed 004 §6).
    let mut check_missed = false;
    let mut summary = DemoSummary {
        clients: 0,
        sessions: 0,
        episodes: 0,
        notes: 0,
        consents: 0,
        agreements: 0,
        disclosures: 0,
        safeguarding_entries: 0,
        complaints: 0,
        incidents: 0,
        requests: 0,
        correspondence: 0,
        artwork: 0,
        media: 0,
        handover_shares: None,
    };
    for _ in 0..client_count {
        let referred = today - Days::new(7 + rng.below(3 * 365));
        let child = rng.chance(70);
        let age_years = if child { 5 + rng.below(12) } else { 19 + rng.below(50) };
        let dob = referred - Days::new(age_years * 365 + rng.below(300));
        let given = rng.pick(GIVEN);
        let family = rng.pick(FAMILY);
        let setting = if child { rng.pick(SETTINGS) } else { "" };
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
            setting_name: setting.into(),
            setting_is_school: setting.contains("Primary") || setting.contains("School") || setting.contains("Academy"),
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
            online: false,
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
                        platforms: "Video call (demo), phone".into(),
                        failure_plan:
                            "If the call drops I phone the parent straight away and we end or move the session (demo)."
                                .into(),
                        ..ConsentForm::default()
                    },
                    None,
                )?;
                online_consent = true;
                summary.consents += 1;
            }
            let missed = remote && outcome == Outcome::Attended && !check_missed && story.attended.len() >= 2;
            check_missed |= missed;
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
                    parent_nearby: remote.then_some(!missed),
                    checks_reason: if missed {
                        "Parent went to collect a sibling for ten minutes; I kept the session to drawing and phoned \
                         them at the end (demo)."
                            .into()
                    } else {
                        String::new()
                    },
                    platform_confirmed: String::new(),
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
        story.online = online_consent;
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
        registers::fill(vault, &stories, &mut summary)?;
        letters::fill(vault, &stories, &mut summary)?;
        inventory::fill(vault, &stories, &mut summary)?;
        photos::fill(vault, &mut summary)?;
        // The practice follows Music Therapy Bedfordshire's policy (seed 000), and one
        // client's records are on legal hold for a claim (an open complaint holds another).
        crate::retention::set_preset(vault, "bedfordshire")?;
        if let Some(story) = stories.iter().find(|s| s.ended.is_some() && s.referred_again.is_none()) {
            crate::retention::hold(vault, &story.code, "A claim from the family's solicitor (demo)")?;
        }
    }
    Ok(summary)
}

/// What happened to one demo client, for writing their notes and their ledger.
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
    /// Funded by the school: the demo gives some a work agreement with the school and termly
    /// reports to it.
    school: bool,
    assessment: Option<NaiveDate>,
    therapy: Option<NaiveDate>,
    /// Attended sessions: (id, date), oldest first.
    attended: Vec<(i64, NaiveDate)>,
    ended: Option<NaiveDate>,
    /// The start of a second period of therapy.
    referred_again: Option<NaiveDate>,
    /// The parent gave written consent to online contact (before the first online session).
    online: bool,
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
