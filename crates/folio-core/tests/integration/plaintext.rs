//! Nothing personal is written to disk unencrypted (ARCHITECTURE's invariant, issue 8): a
//! distinct marker in every kind of record and attachment is found in no byte of the vault
//! folder while the vault is open, with those very writes still in its WAL, nor after it
//! is locked; also not as UTF-16LE, in any case. (The CLI's integration test types markers
//! through every command with a throwaway HOME and TMPDIR and scans those too.)

use std::fs;
use std::path::{Path, PathBuf};

use folio_core::agreements::{self, AgreementForm};
use folio_core::blobs::Incoming;
use folio_core::complaints::{self, ComplaintForm};
use folio_core::consents::{self, ConsentForm};
use folio_core::correspondence::{self, Attachment, CorrespondenceForm};
use folio_core::disclosures::{self, DisclosureForm};
use folio_core::incidents::{self, DecisionForm, IncidentForm, ReportForm};
use folio_core::notes::rules::Section;
use folio_core::notes::search::{self, SearchForm};
use folio_core::notes::{self, templates, Amendment, DraftText, NewNote};
use folio_core::professionals::{self, ProfessionalForm};
use folio_core::referrals::{Contact, ReferralForm};
use folio_core::requests;
use folio_core::safeguarding::{self, SafeguardingForm};
use folio_core::sessions::{self, SessionForm};
use folio_core::{blobs, clients, import, Result};

use crate::{create_named, tempdir};

/// Every marker written, each distinct: `MARKER-<KIND>-c0de`, or one in a field's own shape.
/// The second list: markers the vault never shows back (a discarded draft, a search).
#[derive(Default)]
struct Markers(Vec<String>, Vec<String>);

impl Markers {
    /// A marker that goes in but is never shown back.
    fn unshown(&mut self, kind: &str) -> String {
        let marker = self.word(kind);
        self.1.push(marker.clone());
        marker
    }

    fn word(&mut self, kind: &str) -> String {
        self.exact(&format!("MARKER-{kind}-c0de"))
    }

    fn exact(&mut self, marker: &str) -> String {
        assert!(!self.0.iter().any(|m| m.eq_ignore_ascii_case(marker)), "{marker} is used twice");
        self.0.push(marker.to_string());
        marker.to_string()
    }

    fn email(&mut self, kind: &str) -> String {
        format!("{}@example.com", self.word(kind))
    }
}

fn contact(m: &mut Markers, who: &str, phone: &str) -> Contact {
    Contact {
        name: m.word(&format!("{who}-NAME")),
        relationship: m.word(&format!("{who}-RELATIONSHIP")),
        phone: m.exact(phone),
        email: m.email(&format!("{who}-EMAIL")),
        address: m.word(&format!("{who}-ADDRESS")),
    }
}

/// The full referral with a marker in every free-text and contact field.
fn full_referral(m: &mut Markers) -> ReferralForm {
    ReferralForm {
        given_name: m.word("GIVEN-Łucja"),
        family_name: m.word("FAMILY"),
        preferred_name: m.word("PREFERRED"),
        pronouns: m.word("PRONOUNS"),
        date_of_birth: "14/03/2015".into(),
        address: m.word("ADDRESS"),
        postcode: m.exact("QZ7F 3AX"),
        phone: m.exact("01632960731"),
        email: m.email("EMAIL"),
        ethnicity: m.word("ETHNICITY"),
        parental_responsibility: vec![contact(m, "PARENT", "07700900417")],
        setting_name: m.word("SETTING"),
        setting_contact: contact(m, "SETTING-CONTACT", "01632960588"),
        court_orders: m.word("COURT-ORDERS"),
        referral_date: "01/09/2026".into(),
        referrer: "school".into(),
        referrer_name: m.word("REFERRER"),
        heard_about: m.word("HEARD-ABOUT"),
        gp_name: m.word("GP-NAME"),
        gp_surgery: m.word("GP-SURGERY"),
        other_professionals: m.word("OTHER-PROFESSIONALS"),
        difficulty: m.word("DIFFICULTY"),
        current_treatment: m.word("CURRENT-TREATMENT"),
        past_treatment: m.word("PAST-TREATMENT"),
        sen_areas: m.word("SEN-AREAS"),
        communication_methods: m.word("COMMUNICATION"),
        diagnoses: m.word("DIAGNOSES"),
        allergies: m.word("ALLERGIES"),
        medication: m.word("MEDICATION"),
        safeguarding_concern: true,
        safeguarding_involvement: m.word("SAFEGUARDING"),
        behaviour_risk: m.word("BEHAVIOUR-RISK"),
        modality: "music".into(),
        funding: "charity".into(),
        ..ReferralForm::default()
    }
}

/// Three chunks or so, the marker at the start, twice inside and at the end.
fn attachment_body(marker: &str) -> Vec<u8> {
    let mut body = Vec::new();
    for i in 0..3u32 {
        body.extend_from_slice(marker.as_bytes());
        body.extend((0..250_000u32).map(|j| b'a' + ((i * 7 + j) % 26) as u8));
    }
    body.extend_from_slice(marker.as_bytes());
    body
}

/// Writes every kind of record with markers; returns everything the vault shows back.
fn write_every_kind(vault: &mut folio_core::Vault, m: &mut Markers, bodies: &[String; 3]) -> Result<String> {
    let mut shown = String::new();
    vault.set_auto_lock_minutes(7)?;
    let form = full_referral(m);
    let code = clients::add_referral(vault, form.clone())?.code;
    shown += &serde_json::to_string(&clients::show(vault, &code)?).unwrap_or_default();
    let corrected = ReferralForm { allergies: m.word("ALLERGIES-CORRECTED"), ..form };
    clients::update_referral(vault, &code, corrected)?;
    clients::change_state(vault, &code, "assessment", "08/09/2026", &m.word("STATE-NOTE"))?;
    clients::change_state(vault, &code, "in-therapy", "15/09/2026", "")?;

    let online = SessionForm {
        on: "22/09/2026".into(),
        minutes: 50,
        mode: "online".into(),
        outcome: "attended".into(),
        platform: m.word("PLATFORM"),
        platform_confirmed: m.word("PLATFORM-AGREED"),
        parent_contacted_start: Some(true),
        parent_contacted_end: Some(true),
        parent_nearby: Some(true),
        ..SessionForm::default()
    };
    crate::allow_online_contact(vault, &code, "15/09/2026")?;
    sessions::add(vault, &code, online)?;
    shown += &serde_json::to_string(&sessions::list(vault, &code, None)?).unwrap_or_default();

    // Correspondence: one file streamed (the CLI's way), one uploaded in pieces (the app's).
    let letter = CorrespondenceForm {
        on: "30/09/2026".into(),
        kind: "letter".into(),
        direction: "in".into(),
        counterpart: "school".into(),
        counterpart_name: m.word("COUNTERPART"),
        summary: m.word("SUMMARY"),
        ..CorrespondenceForm::default()
    };
    let streamed = attachment_body(&bodies[0]);
    let mut streamed_reader = streamed.as_slice();
    let name = format!("{}.pdf", m.word("STREAMED-NAME"));
    let uploaded = attachment_body(&bodies[1]);
    let upload = blobs::upload_from_reader(
        vault,
        &format!("{}.txt", m.word("UPLOADED-NAME")),
        &mut uploaded.as_slice(),
        &mut |_| {},
    )?;
    let attachments = vec![
        Attachment::Stream { file_name: name, reader: &mut streamed_reader },
        Attachment::Uploaded(upload.upload_id),
    ];
    // The markers share a word with the client's name markers: kept with a reason, a marker too.
    let kept_reason = m.word("CORR-KEPT-REASON");
    correspondence::add(vault, &code, letter, attachments, Some(&kept_reason))?;
    shown += &serde_json::to_string(&correspondence::list(vault, &code)?).unwrap_or_default();
    // An upload no record claims (the app was closed mid-way): pending, then discarded.
    let abandoned = attachment_body(&bodies[2]);
    let pending = blobs::upload_from_reader(
        vault,
        &format!("{}.txt", m.word("PENDING-NAME")),
        &mut abandoned.as_slice(),
        &mut |_| {},
    )?;
    assert_eq!(pending.size, abandoned.len() as i64);
    shown += &pending.file_name;

    let pro = ProfessionalForm {
        name: m.word("PROFESSIONAL"),
        role: "salt".into(),
        organisation: m.word("ORGANISATION"),
        phone: m.exact("01632960999"),
        email: m.email("PROFESSIONAL-EMAIL"),
    };
    let pro = professionals::add(vault, pro)?;
    professionals::link(vault, &code, pro.id)?;
    clients::change_state(vault, &code, "ended", "01/10/2026", &m.word("END-REASON"))?;
    clients::re_refer(vault, &code, "02/10/2026", &m.word("REREFERRAL-NOTE"))?;
    shown += &serde_json::to_string(&clients::show(vault, &code)?).unwrap_or_default();
    shown += &write_notes(vault, m, &code)?;
    shown += &write_ledger(vault, m, &code)?;

    let row = [
        m.word("CSV-GIVEN"),
        m.word("CSV-FAMILY"),
        m.word("CSV-ADDRESS"),
        m.exact("QZ8F 4AY"),
        m.exact("01632960444"),
        m.email("CSV-EMAIL"),
        m.word("CSV-SCHOOL"),
        m.word("CSV-GP"),
        m.word("CSV-SURGERY"),
        m.word("CSV-DIFFICULTY"),
    ];
    let sheet = format!(
        "First name,Surname,Address,Postcode,Phone,Email,School,GP,Surgery,Difficulty,DOB,Referral date\n{},05/05/2014,03/09/2026\n",
        row.join(",")
    );
    assert_eq!(import::import(vault, &mut sheet.as_bytes(), &[])?.good, 1);
    let filter = clients::ClientFilter { search: row[1].clone(), ..Default::default() };
    let imported = clients::list(vault, &filter)?.into_iter().next().map(|c| c.code).unwrap_or_default();
    shown += &serde_json::to_string(&clients::show(vault, &imported)?).unwrap_or_default();
    shown += &vault.practice_name()?;
    Ok(shown)
}

/// Notes: a draft autosaved many times, a signed note with what the identifier check found
/// kept with a reason, an amendment with its reason, a discarded draft, a template with a
/// marked heading and a note started from it, and a search for a marker. The FTS index's
/// shadow tables live in the same encrypted database (and its WAL).
fn write_notes(vault: &mut folio_core::Vault, m: &mut Markers, code: &str) -> Result<String> {
    let mut shown = String::new();
    let free = |text: String| NewNote {
        kind: "free".into(),
        on: "03/10/2026".into(),
        sections: vec![Section { heading: String::new(), text }],
        ..NewNote::default()
    };
    let text = |marker: &str| format!("Drew a long {marker} river with pastels; spoke about the ending.");

    let draft = notes::start(vault, code, free("first words".into()))?.summary.id;
    let draft_marker = m.word("NOTE-DRAFT");
    for i in 0..30 {
        let sections = vec![Section { heading: String::new(), text: format!("{} ({i})", text(&draft_marker)) }];
        notes::save_draft(vault, draft, DraftText { sections, kept: vec![] })?;
    }
    shown += &serde_json::to_string(&notes::show(vault, draft)?).unwrap_or_default();

    // The client's own names are markers, so the check finds "marker" in every note here:
    // signing keeps them with a reason, which is itself a marker.
    let signed = notes::start(vault, code, free(text(&m.word("NOTE-SIGNED"))))?.summary.id;
    let reason = m.word("KEPT-REASON");
    notes::sign(vault, signed, Some(&reason))?;
    let current = notes::show(vault, signed)?.sections;
    let amended =
        vec![Section { heading: String::new(), text: format!("{} {}", current[0].text, m.word("NOTE-AMENDMENT")) }];
    let amendment = Amendment { reason: m.word("AMEND-REASON"), sections: amended, kept: vec![] };
    notes::amend(vault, signed, amendment, Some(&reason))?;
    shown += &serde_json::to_string(&notes::show(vault, signed)?).unwrap_or_default();

    let discarded = notes::start(vault, code, free(text(&m.unshown("NOTE-DISCARDED"))))?.summary.id;
    notes::discard(vault, discarded)?;

    let heading = m.word("TEMPLATE-HEADING");
    templates::set(vault, "progress-review", &format!("Progress\n{heading}\nPlan"))?;
    shown += &serde_json::to_string(&templates::list(vault)?).unwrap_or_default();
    let from_template = NewNote { kind: "progress-review".into(), on: "04/10/2026".into(), ..NewNote::default() };
    let started = notes::start(vault, code, from_template)?;
    shown += &serde_json::to_string(&started).unwrap_or_default();

    // A search is never stored: its words are not written anywhere.
    let query = m.unshown("SEARCH-QUERY");
    assert!(search::search(vault, &SearchForm { query, ..SearchForm::default() })?.is_empty());
    assert_eq!(search::search(vault, &SearchForm { query: "river".into(), ..SearchForm::default() })?.len(), 2);
    Ok(shown)
}

/// The consent ledger and the record of sharing: a consent with what the person was told
/// (typed and as a file), its competence note, its custom purpose and a review note; a
/// withdrawal's by-name; an agreement's signer, version and signed copy; a disclosure's
/// recipient, what, reason, decider and attachment; a safeguarding entry's every text, with
/// what the identifier check found kept for a reason (the client's names are markers).
fn write_ledger(vault: &mut folio_core::Vault, m: &mut Markers, code: &str) -> Result<String> {
    let mut shown = String::new();
    let parent = clients::show(vault, code)?.referral.parental_responsibility[0].name.clone();
    let told_file = attachment_body(&m.unshown("CONSENT-FILE-BYTES"));
    let told_name = format!("{}.pdf", m.word("CONSENT-FILE-NAME"));
    let consent = consents::add(
        vault,
        code,
        ConsentForm {
            purpose: "other".into(),
            custom_purpose: m.word("CONSENT-PURPOSE"),
            given_by: parent.clone(),
            competence: m.word("CONSENT-COMPETENCE"),
            how: "written".into(),
            on: "15/09/2026".into(),
            told: m.word("CONSENT-TOLD"),
            ..ConsentForm::default()
        },
        Some(Incoming::Stream { file_name: told_name, reader: &mut told_file.as_slice() }),
    )?;
    let online = ConsentForm {
        purpose: "online-contact".into(),
        given_by: parent.clone(),
        how: "written".into(),
        on: "15/09/2026".into(),
        platforms: m.word("CONSENT-PLATFORMS"),
        failure_plan: m.word("CONSENT-FAILURE-PLAN"),
        ..ConsentForm::default()
    };
    let online = consents::add(vault, code, online, None)?;
    shown += &serde_json::to_string(&consents::show(vault, online.id)?).unwrap_or_default();
    // A review's note is kept with the review and never shown back.
    consents::review(vault, consent.id, "20/11/2026", &m.unshown("CONSENT-REVIEW-NOTE"))?;
    shown += &serde_json::to_string(&consents::show(vault, consent.id)?).unwrap_or_default();
    let publicity = ConsentForm {
        purpose: "publicity".into(),
        given_by: parent,
        how: "email".into(),
        on: "15/09/2026".into(),
        ..ConsentForm::default()
    };
    let publicity = consents::add(vault, code, publicity, None)?;
    consents::withdraw(vault, publicity.id, "21/11/2026", &m.word("WITHDRAWN-BY"))?;
    shown += &serde_json::to_string(&consents::list(vault, Some(code))?).unwrap_or_default();

    let signed_copy = attachment_body(&m.unshown("AGREEMENT-BYTES"));
    let agreement = AgreementForm {
        kind: "therapy-contract".into(),
        signed_on: "02/10/2026".into(),
        signed_by: m.word("AGREEMENT-SIGNED-BY"),
        version: m.word("AGREEMENT-VERSION"),
    };
    let copy_name = format!("{}.pdf", m.word("AGREEMENT-FILE-NAME"));
    agreements::add(
        vault,
        code,
        agreement,
        Some(Incoming::Stream { file_name: copy_name, reader: &mut signed_copy.as_slice() }),
    )?;
    shown += &serde_json::to_string(&agreements::list(vault, code)?).unwrap_or_default();

    let shared = attachment_body(&m.unshown("DISCLOSURE-BYTES"));
    let shared_name = format!("{}.pdf", m.word("DISCLOSURE-FILE-NAME"));
    let disclosure = DisclosureForm {
        on: "20/11/2026".into(),
        recipient: "safeguarding-team".into(),
        recipient_name: m.word("DISCLOSURE-RECIPIENT"),
        what: m.word("DISCLOSURE-WHAT"),
        basis: "safeguarding".into(),
        reason: m.word("DISCLOSURE-REASON"),
        told: "not-told".into(),
        decided_by: m.word("DISCLOSURE-DECIDED-BY"),
        told_confidential: true,
        permitted_use: m.word("DISCLOSURE-PERMITTED-USE"),
        ..DisclosureForm::default()
    };
    let attachment = Incoming::Stream { file_name: shared_name, reader: &mut shared.as_slice() };
    let kept_reason = m.word("DISCLOSURE-KEPT-REASON");
    let disclosure = disclosures::add(vault, code, disclosure, vec![attachment], Some(&kept_reason))?;
    shown += &serde_json::to_string(&disclosures::list(vault, code)?).unwrap_or_default();

    let entry = SafeguardingForm {
        on: "20/11/2026".into(),
        time: "10:15".into(),
        involved: m.word("SG-INVOLVED"),
        account: m.word("SG-ACCOUNT"),
        action: m.word("SG-ACTION"),
        referred_to: m.word("SG-REFERRED-TO"),
        referred_on: "20/11/2026".into(),
        reference: m.word("SG-REFERENCE"),
        outcome: m.word("SG-OUTCOME"),
        disclosure: Some(disclosure.id),
        ..SafeguardingForm::default()
    };
    safeguarding::add(vault, code, entry, Some(&m.word("SG-KEPT-REASON")))?;
    shown += &serde_json::to_string(&safeguarding::list(vault, code)?).unwrap_or_default();
    shown += &write_registers(vault, m, code)?;
    Ok(shown)
}

/// The complaints register, the incident log and the request register: every text of a
/// complaint, its closing, an incident, its decision and its report, a request, its
/// identity check, extension and closing.
fn write_registers(vault: &mut folio_core::Vault, m: &mut Markers, code: &str) -> Result<String> {
    let complaint = ComplaintForm {
        client: code.into(),
        received: "02/10/2026".into(),
        from: m.word("COMPLAINT-FROM"),
        how: "letter".into(),
        summary: m.word("COMPLAINT-SUMMARY"),
    };
    let complaint = complaints::add(vault, complaint)?;
    complaints::add_stage(vault, complaint.id, "commissioner", "20/10/2026")?;
    complaints::close(vault, complaint.id, "01/11/2026", &m.word("COMPLAINT-OUTCOME"), &m.word("COMPLAINT-RESPONSE"))?;
    let mut shown = serde_json::to_string(&complaints::list(vault, None)?).unwrap_or_default();
    let incident = IncidentForm {
        aware: "24/10/2026 10:00".into(),
        summary: m.word("INCIDENT-SUMMARY"),
        clients: vec![code.into()],
        risk: m.word("INCIDENT-RISK"),
        actions: m.word("INCIDENT-ACTIONS"),
        people_told: m.word("INCIDENT-TOLD"),
    };
    let reported = incidents::add(vault, incident)?;
    let report = ReportForm {
        on: "27/10/2026 11:00".into(),
        late_reason: m.word("INCIDENT-LATE-REASON"),
        reference: m.word("INCIDENT-REFERENCE"),
    };
    incidents::report(vault, reported.id, report)?;
    let other = incidents::add(
        vault,
        IncidentForm { aware: "01/11/2026 09:00".into(), summary: "Another".into(), ..IncidentForm::default() },
    )?;
    incidents::decide(
        vault,
        other.id,
        DecisionForm { report: "no".into(), reason: m.word("INCIDENT-DECISION-REASON") },
    )?;
    shown += &serde_json::to_string(&incidents::list(vault)?).unwrap_or_default();
    let request = requests::RequestForm {
        client: code.into(),
        kind: "access".into(),
        made_by: "parent".into(),
        from: m.word("REQUEST-FROM"),
        received: "02/10/2026".into(),
        summary: m.word("REQUEST-SUMMARY"),
    };
    let request = requests::add(vault, request)?;
    let identity =
        requests::IdentityForm { on: "03/10/2026".into(), how: m.word("REQUEST-IDENTITY-HOW"), waited: true };
    requests::check_identity(vault, request.id, identity)?;
    let extension = requests::ExtensionForm {
        months: "2".into(),
        reason: m.word("REQUEST-EXTENSION-REASON"),
        told_on: "20/10/2026".into(),
    };
    requests::extend(vault, request.id, extension)?;
    let closing =
        requests::RequestCloseForm { on: "20/11/2026".into(), outcome: "part".into(), note: m.word("REQUEST-NOTE") };
    requests::close(vault, request.id, closing)?;
    shown += &serde_json::to_string(&requests::list(vault, None)?).unwrap_or_default();
    shown += &write_artwork(vault, m, code)?;
    shown += &write_media(vault, m, code)?;
    Ok(shown)
}

/// The artwork inventory: an item's every text, its locations, who took one and how
/// another was disposed of.
fn write_artwork(vault: &mut folio_core::Vault, m: &mut Markers, code: &str) -> Result<String> {
    use folio_core::artwork::{self, ArtworkForm};
    let piece = |m: &mut Markers, n: &str| ArtworkForm {
        description: m.word(&format!("ARTWORK-DESCRIPTION-{n}")),
        made: "20/10/2026".into(),
        medium: m.word(&format!("ARTWORK-MEDIUM-{n}")),
        size: m.word(&format!("ARTWORK-SIZE-{n}")),
        location: m.word(&format!("ARTWORK-LOCATION-{n}")),
        session: None,
    };
    let first = artwork::add(vault, code, piece(m, "1"))?;
    let second = artwork::add(vault, code, piece(m, "2"))?;
    artwork::move_to(vault, &first.reference, &m.word("ARTWORK-MOVED-TO"), "21/10/2026")?;
    artwork::return_to(vault, &first.reference, "22/10/2026", &m.word("ARTWORK-RETURNED-TO"))?;
    artwork::dispose(vault, &second.reference, "22/10/2026", &m.word("ARTWORK-DISPOSED-HOW"))?;
    Ok(serde_json::to_string(&artwork::list(vault, None)?).unwrap_or_default())
}

/// A photo of artwork: its caption, its file's name and its bytes (a marker inside the
/// picture's data, which stripping keeps, and one in a text chunk, which it takes out).
fn write_media(vault: &mut folio_core::Vault, m: &mut Markers, code: &str) -> Result<String> {
    use folio_core::media::{self, MediaForm};
    use img_parts::png::{Png, PngChunk};
    let parent = clients::show(vault, code)?.referral.parental_responsibility[0].name.clone();
    let photos = ConsentForm {
        purpose: "artwork-photos".into(),
        given_by: parent,
        how: "written".into(),
        on: "15/09/2026".into(),
        ..ConsentForm::default()
    };
    consents::add(vault, code, photos, None)?;
    let mut png =
        Png::from_bytes(folio_core::demo::square_png([10, 20, 30], 8).into()).unwrap_or_else(|e| panic!("{e}"));
    let pixels = m.unshown("MEDIA-PHOTO-BYTES");
    png.chunks_mut().insert(1, PngChunk::new(*b"IDAT", pixels.into_bytes().into()));
    png.chunks_mut().insert(1, PngChunk::new(*b"tEXt", format!("Author\0{}", m.unshown("MEDIA-TEXT-CHUNK")).into()));
    let bytes = png.encoder().bytes().to_vec();
    let form = MediaForm { kind: "photo".into(), caption: m.word("MEDIA-CAPTION"), ..MediaForm::default() };
    let name = format!("{}.png", m.word("MEDIA-FILE-NAME"));
    media::add_stream(vault, code, form, &name, &mut bytes.as_slice())?;
    Ok(serde_json::to_string(&media::list(vault, None)?).unwrap_or_default())
}

/// Each marker found in a file under `dir`, as UTF-8 or UTF-16LE, ignoring ASCII case.
fn found_in(dir: &Path, markers: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files_under(dir) {
        let bytes = fs::read(&file).unwrap_or_else(|e| panic!("read {}: {e}", file.display())).to_ascii_lowercase();
        for marker in markers {
            let lower = marker.to_ascii_lowercase();
            let wide: Vec<u8> = lower.encode_utf16().flat_map(u16::to_le_bytes).collect();
            for (encoding, needle) in [("UTF-8", lower.into_bytes()), ("UTF-16LE", wide)] {
                if contains(&bytes, &needle) {
                    found.push(format!("{marker} ({encoding}) in {}", file.display()));
                }
            }
        }
    }
    found
}

/// Whether `needle` occurs in `haystack` (its first byte found by a plain scan, fast enough
/// in a debug build).
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else { return true };
    let mut at = 0;
    while let Some(i) = haystack[at..].iter().position(|&b| b == first) {
        at += i + 1;
        if haystack[at..].starts_with(rest) {
            return true;
        }
    }
    false
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{e}")).filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn markers_in_every_kind_of_record_appear_nowhere_in_the_folder_open_or_closed() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let mut m = Markers::default();
    let practice = m.word("PRACTICE");
    let mut vault = create_named(&dir, &practice);
    let bodies = [m.word("STREAMED-BYTES"), m.word("UPLOADED-BYTES"), m.word("PENDING-BYTES")];
    let shown = write_every_kind(&mut vault, &mut m, &bodies)?.to_lowercase();
    let unseen: Vec<&String> =
        m.0.iter().filter(|k| !bodies.contains(k) && !m.1.contains(k) && !shown.contains(&k.to_lowercase())).collect();
    assert!(unseen.is_empty(), "the vault never showed these back, so they were not written: {unseen:?}");

    // Open: the writes above are still in the WAL (not yet checkpointed into the database).
    let wal = fs::metadata(dir.join("folio.db-wal")).map(|w| w.len()).unwrap_or(0);
    assert!(wal > 1_000_000, "the open vault's WAL holds the writes ({wal} bytes)");
    let found = found_in(&dir, &m.0);
    assert!(found.is_empty(), "while open (WAL of {wal} bytes): markers in plaintext:\n{}", found.join("\n"));
    vault.lock()?;
    let found = found_in(&dir, &m.0);
    assert!(found.is_empty(), "after lock: markers in plaintext:\n{}", found.join("\n"));
    println!(
        "plaintext  core  markers={}  files-scanned={}  wal-while-open={wal}  found=0",
        m.0.len(),
        files_under(&dir).len()
    );

    // The scan finds a marker where one is, in another case and as UTF-16LE.
    let control = tmp.path().join("control");
    fs::create_dir_all(&control).map_err(|e| folio_core::Error::Internal(e.to_string()))?;
    let wide: Vec<u8> = bodies[0].to_lowercase().encode_utf16().flat_map(u16::to_le_bytes).collect();
    fs::write(control.join("wide.txt"), wide).map_err(|e| folio_core::Error::Internal(e.to_string()))?;
    assert_eq!(found_in(&control, &m.0).len(), 1, "the scan finds a UTF-16LE marker in lower case");
    Ok(())
}
