//! Messages name the field at fault and never repeat what was typed into it when that may
//! be personal (a date of birth, an email address, a phone number, a file name, a code).

use folio_core::correspondence::{self, Attachment, CorrespondenceForm};
use folio_core::professionals::{self, ProfessionalForm};
use folio_core::referrals::{Contact, ReferralForm};
use folio_core::sessions::{self, SessionForm};
use folio_core::{blobs, clients, import, reports, Result, Vault};

use crate::{create, referral, tempdir, TODAY};

const DOB: &str = "31/02/2013";
const EMAIL: &str = "jo.bloggs@@example";
const PHONE: &str = "07700 900 12x";
const FILE: &str = "Jo Bloggs letter.exe";
const CODE: &str = "JB-0042";

/// What may not appear in a message about each typed value (compared ignoring case).
const DOB_PARTS: &[&str] = &[DOB, "31/02"];
const EMAIL_PARTS: &[&str] = &[EMAIL, "jo.bloggs", "bloggs", "@@example"];
const PHONE_PARTS: &[&str] = &[PHONE, "07700", "900 12"];
const FILE_PARTS: &[&str] = &[FILE, "Jo Bloggs", "bloggs", "letter"];
const CODE_PARTS: &[&str] = &[CODE, "JB-"];

/// Collects every way a refusal breaks the rule, so one run lists them all.
#[derive(Default)]
struct Findings(Vec<String>);

impl Findings {
    fn check<T>(&mut self, what: &str, result: Result<T>, field: &str, secrets: &[&str]) {
        let err = match result {
            Ok(_) => return self.0.push(format!("{what}: was accepted")),
            Err(e) => e,
        };
        if err.field() != Some(field) {
            self.0.push(format!("{what}: names the field {:?}, not {field:?} ({err})", err.field()));
        }
        let whole = err.to_string();
        let mut messages: Vec<String> = err.problems().into_iter().map(|p| p.message).filter(|m| *m != whole).collect();
        messages.push(whole);
        self.leaks(what, &messages, secrets);
    }

    fn leaks(&mut self, what: &str, messages: &[String], secrets: &[&str]) {
        for message in messages {
            for secret in secrets {
                if message.to_lowercase().contains(&secret.to_lowercase()) {
                    self.0.push(format!("{what}: the message repeats {secret:?}: {message}"));
                }
            }
        }
    }
}

fn form(change: impl FnOnce(&mut ReferralForm)) -> ReferralForm {
    let mut form = referral("Jo", "Bloggs", "14/03/2013", "01/09/2026");
    change(&mut form);
    form
}

fn entry() -> CorrespondenceForm {
    CorrespondenceForm {
        on: TODAY.into(),
        kind: "letter".into(),
        direction: "in".into(),
        counterpart: "parent".into(),
        counterpart_name: "Mother".into(),
        summary: "Letter about the new term".into(),
        ..CorrespondenceForm::default()
    }
}

fn session() -> SessionForm {
    SessionForm {
        on: "18/11/2026".into(),
        mode: "in person".into(),
        outcome: "attended".into(),
        ..SessionForm::default()
    }
}

fn with_client(dir: &std::path::Path) -> Result<(Vault, String)> {
    let mut vault = create(dir);
    let client = clients::add_referral(&mut vault, referral("Jo", "Bloggs", "14/03/2013", "01/09/2026"))?;
    clients::change_state(&mut vault, &client.code, "assessment", "08/09/2026", "")?;
    clients::change_state(&mut vault, &client.code, "in therapy", "15/09/2026", "")?;
    Ok((vault, client.code))
}

#[test]
fn typed_dates_file_names_codes_and_choices_never_come_back_in_messages() -> Result<()> {
    let tmp = tempdir();
    let (mut vault, code) = with_client(&tmp.path().join("v"))?;
    let v = &mut vault;
    let mut found = Findings::default();

    // Referral details.
    found.check(
        "referral date of birth",
        clients::add_referral(v, form(|f| f.date_of_birth = DOB.into())),
        "dateOfBirth",
        DOB_PARTS,
    );
    found.check(
        "a correction's date of birth",
        clients::update_referral(v, &code, form(|f| f.date_of_birth = DOB.into())),
        "dateOfBirth",
        DOB_PARTS,
    );
    found.check(
        "referrer",
        clients::add_referral(v, form(|f| f.referrer = "Jo Bloggs".into())),
        "referrer",
        &["bloggs"],
    );

    // The professionals directory.
    let professional = || ProfessionalForm { name: "Dr Jo Bloggs".into(), role: "gp".into(), ..Default::default() };
    found.check(
        "professional's role",
        professionals::add(v, ProfessionalForm { role: "Jo Bloggs".into(), ..professional() }),
        "role",
        &["bloggs"],
    );

    // Attachments.
    let mut bytes: &[u8] = b"MZ";
    found.check(
        "attachment file name",
        correspondence::add(
            v,
            &code,
            entry(),
            vec![Attachment::Stream { file_name: FILE.into(), reader: &mut bytes }],
            None,
        ),
        "attachment",
        FILE_PARTS,
    );
    found.check("upload file name", blobs::begin_upload(v, FILE), "attachment", FILE_PARTS);
    found.check(
        "counterpart",
        correspondence::add(v, &code, CorrespondenceForm { counterpart: "Jo Bloggs".into(), ..entry() }, vec![], None),
        "counterpart",
        &["bloggs"],
    );

    // Dates and choices elsewhere.
    found.check("state change date", clients::change_state(v, &code, "ended", DOB, "moved"), "on", DOB_PARTS);
    found.check("state", clients::change_state(v, &code, "Jo Bloggs", "", ""), "state", &["bloggs"]);
    found.check(
        "correspondence date",
        correspondence::add(v, &code, CorrespondenceForm { on: DOB.into(), ..entry() }, vec![], None),
        "on",
        DOB_PARTS,
    );
    found.check("session date", sessions::add(v, &code, SessionForm { on: DOB.into(), ..session() }), "on", DOB_PARTS);
    found.check(
        "session outcome",
        sessions::add(v, &code, SessionForm { outcome: "Jo Bloggs".into(), ..session() }),
        "outcome",
        &["bloggs"],
    );
    let folder = tmp.path().join("out");
    found.check(
        "report period",
        reports::save_attendance_pdf(v, &code, DOB, "30/11/2026", "", &folder),
        "from",
        DOB_PARTS,
    );

    // An unknown client code, wherever a code is typed.
    found.check("show", clients::show(v, CODE), "code", CODE_PARTS);
    found.check("update_referral", clients::update_referral(v, CODE, form(|_| ())), "code", CODE_PARTS);
    found.check("change_state", clients::change_state(v, CODE, "assessment", "", ""), "code", CODE_PARTS);
    found.check("re_refer", clients::re_refer(v, CODE, "", ""), "code", CODE_PARTS);
    found.check("sessions::add", sessions::add(v, CODE, session()), "code", CODE_PARTS);
    found.check("sessions::list", sessions::list(v, CODE, None), "code", CODE_PARTS);
    found.check("set_outcome", sessions::set_outcome(v, CODE, 1, "attended"), "code", CODE_PARTS);
    found.check("attendance", sessions::attendance(v, CODE, "01/09/2026", "30/11/2026"), "code", CODE_PARTS);
    found.check("correspondence::add", correspondence::add(v, CODE, entry(), vec![], None), "code", CODE_PARTS);
    found.check("correspondence::list", correspondence::list(v, CODE), "code", CODE_PARTS);
    found.check("link", professionals::link(v, CODE, 1), "code", CODE_PARTS);
    found.check(
        "save_attendance_pdf",
        reports::save_attendance_pdf(v, CODE, "01/09/2026", "30/11/2026", "", &folder),
        "code",
        CODE_PARTS,
    );

    // A spreadsheet's row: the problems a preview lists for it.
    let sheet = format!("First name,Surname,DOB,Referral date\nJo,Bloggs,{DOB},01/09/2026\n");
    let preview = import::preview(v, &mut sheet.as_bytes(), &[])?;
    assert_eq!(preview.bad, 1, "{preview:?}");
    found.leaks("import row", &preview.rows[0].problems, DOB_PARTS);

    assert_eq!(clients::list(v, &clients::ClientFilter::default())?.len(), 1, "nothing refused was stored");
    assert!(found.0.is_empty(), "{} problem(s):\n{}", found.0.len(), found.0.join("\n"));
    Ok(())
}

#[test]
fn typed_emails_and_phone_numbers_never_come_back_in_messages() -> Result<()> {
    let tmp = tempdir();
    let (mut vault, _code) = with_client(&tmp.path().join("v"))?;
    let v = &mut vault;
    let mut found = Findings::default();
    let parent = || Contact { name: "Sam Bloggs".into(), relationship: "mother".into(), ..Contact::default() };
    let professional = || ProfessionalForm { name: "Dr Jo Bloggs".into(), role: "gp".into(), ..Default::default() };
    found.check("referral email", clients::add_referral(v, form(|f| f.email = EMAIL.into())), "email", EMAIL_PARTS);
    found.check("referral phone", clients::add_referral(v, form(|f| f.phone = PHONE.into())), "phone", PHONE_PARTS);
    found.check(
        "parent's email",
        clients::add_referral(
            v,
            form(|f| f.parental_responsibility = vec![Contact { email: EMAIL.into(), ..parent() }]),
        ),
        "parentalResponsibility",
        EMAIL_PARTS,
    );
    found.check(
        "parent's phone",
        clients::add_referral(
            v,
            form(|f| f.parental_responsibility = vec![Contact { phone: PHONE.into(), ..parent() }]),
        ),
        "parentalResponsibility",
        PHONE_PARTS,
    );
    found.check(
        "setting contact's email",
        clients::add_referral(v, form(|f| f.setting_contact = Contact { email: EMAIL.into(), ..parent() })),
        "settingContact",
        EMAIL_PARTS,
    );
    found.check(
        "professional's email",
        professionals::add(v, ProfessionalForm { email: EMAIL.into(), ..professional() }),
        "email",
        EMAIL_PARTS,
    );
    found.check(
        "professional's phone",
        professionals::add(v, ProfessionalForm { phone: PHONE.into(), ..professional() }),
        "phone",
        PHONE_PARTS,
    );

    // A spreadsheet's rows: the problems a preview lists for each row.
    let sheet = format!(
        "First name,Surname,DOB,Email,Phone,Referral date\n\
         Jo,Bloggs,14/03/2013,{EMAIL},,01/09/2026\nJo,Bloggs,14/03/2013,,{PHONE},01/09/2026\n"
    );
    let preview = import::preview(v, &mut sheet.as_bytes(), &[])?;
    assert_eq!(preview.bad, 2, "{preview:?}");
    for (row, secrets) in preview.rows.iter().zip([EMAIL_PARTS, PHONE_PARTS]) {
        found.leaks(&format!("import line {}", row.line), &row.problems, secrets);
    }

    assert_eq!(clients::list(v, &clients::ClientFilter::default())?.len(), 1, "nothing refused was stored");
    assert!(found.0.is_empty(), "{} problem(s):\n{}", found.0.len(), found.0.join("\n"));
    Ok(())
}
