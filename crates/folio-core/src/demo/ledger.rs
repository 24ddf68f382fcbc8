//! The demo's ledger: consents, agreements, disclosures and the safeguarding log, as a
//! practice keeps them. Initials only in free text; every record through the core's own
//! services.

use chrono::{Days, NaiveDate};

use super::{DemoSummary, SplitMix64, Story};
use crate::agreements::{self, AgreementForm, AgreementKind};
use crate::blobs::Incoming;
use crate::consents::{self, ConsentForm, ConsentState, How, Purpose};
use crate::dates::format_uk;
use crate::disclosures::{self, Basis, DisclosureForm, Recipient, Told};
use crate::safeguarding::{self, SafeguardingForm};
use crate::{Result, Vault};

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

pub(super) struct Ledger {
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
    pub(super) fn new(seed: u64) -> Ledger {
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
    pub(super) fn client(&mut self, vault: &mut Vault, story: &Story, summary: &mut DemoSummary) -> Result<()> {
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
            let mut f = form(purpose, how);
            if purpose == Purpose::Recording {
                f.plan = "Recording the improvised duets to listen back together, part of the plan agreed at the review (demo text)."
                    .into();
            }
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
            disclosures::add(vault, &story.code, form, Vec::new(), None)?;
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
            told_confidential: true,
            permitted_use: "For the termly review of support in school; not to be passed on (demo text).".into(),
            ..DisclosureForm::default()
        };
        disclosures::add(vault, &story.code, form, Vec::new(), None)?;
        summary.disclosures += 1;
        Ok(())
    }

    /// After every client: one withdrawal, one refresh of an old consent, and one
    /// safeguarding concern (a disclosure to the safeguarding team, a log entry and its
    /// follow-up) for a child whose referral has the safeguarding flag if there is one.
    pub(super) fn finish(&mut self, vault: &mut Vault, stories: &[Story], summary: &mut DemoSummary) -> Result<()> {
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
                told_confidential: true,
                permitted_use: "For the child protection enquiry only (demo text).".into(),
                ..DisclosureForm::default()
            },
            Vec::new(),
            None,
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
