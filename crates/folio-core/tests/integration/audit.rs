//! Every change to a vault leaves an audit entry, and a refused change leaves none.

use folio_core::clients;
use folio_core::correspondence::{self, Attachment, CorrespondenceForm};
use folio_core::professionals::{self, ProfessionalForm};
use folio_core::referrals::ReferralForm;
use folio_core::sessions::{self, SessionForm};
use folio_core::{import, reports, Result, Vault};

use crate::{create, pw, referral, tempdir, PASSWORD, TODAY};

fn last_seq(vault: &Vault) -> Result<i64> {
    Ok(vault.audit_recent(1)?.first().map(|e| e.seq).unwrap_or(0))
}

/// The actions recorded after entry `seq`, oldest first.
fn actions_since(vault: &Vault, seq: i64) -> Result<Vec<String>> {
    let mut entries: Vec<_> = vault.audit_recent(10_000)?.into_iter().filter(|e| e.seq > seq).collect();
    entries.reverse();
    Ok(entries.into_iter().map(|e| e.action).collect())
}

/// Runs a write that must succeed and checks the entries it added, by action.
fn audited<T>(
    vault: &mut Vault,
    what: &str,
    expected: &[&str],
    write: impl FnOnce(&mut Vault) -> Result<T>,
) -> Result<T> {
    let before = last_seq(vault)?;
    let value = write(vault).map_err(|e| folio_core::Error::Internal(format!("{what} failed: {e}")))?;
    assert_eq!(actions_since(vault, before)?, expected, "{what}");
    Ok(value)
}

/// Runs a write that must be refused and checks that it added no entry.
fn refused<T>(vault: &mut Vault, what: &str, write: impl FnOnce(&mut Vault) -> Result<T>) -> Result<()> {
    let before = last_seq(vault)?;
    assert!(write(vault).is_err(), "{what} should have been refused");
    assert_eq!(actions_since(vault, before)?, Vec::<String>::new(), "{what}: a refused write leaves no entry");
    Ok(())
}

fn session(on: &str, outcome: &str) -> SessionForm {
    SessionForm { on: on.into(), mode: "in-person".into(), outcome: outcome.into(), ..SessionForm::default() }
}

fn letter() -> CorrespondenceForm {
    CorrespondenceForm {
        on: TODAY.into(),
        kind: "letter".into(),
        direction: "out".into(),
        counterpart: "school".into(),
        counterpart_name: "SENCo".into(),
        summary: "Confirmed the room for Thursdays".into(),
        ..CorrespondenceForm::default()
    }
}

#[test]
fn every_write_adds_its_audit_entry_and_a_refused_write_adds_none() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("v");
    let mut vault = create(&dir);

    // Clients.
    refused(&mut vault, "a referral without a name", |v| clients::add_referral(v, referral("", "", "", "")))?;
    let ada = audited(&mut vault, "add_referral", &["client.referred"], |v| {
        clients::add_referral(v, referral("Ada", "Lovelace", "10/12/2015", "01/09/2026"))
    })?;
    let code = ada.code.clone();
    refused(&mut vault, "a correction moving the referral date", |v| {
        clients::update_referral(v, &code, referral("Ada", "Lovelace", "10/12/2015", "02/09/2026"))
    })?;
    audited(&mut vault, "update_referral", &["client.updated"], |v| {
        let form = ReferralForm {
            setting_name: "Oakfield Primary".into(),
            ..referral("Ada", "Lovelace", "10/12/2015", "01/09/2026")
        };
        clients::update_referral(v, &code, form)
    })?;
    refused(&mut vault, "skipping to ended", |v| clients::change_state(v, &code, "ended", "02/09/2026", "done"))?;
    refused(&mut vault, "a state change dated tomorrow", |v| {
        clients::change_state(v, &code, "assessment", "23/11/2026", "")
    })?;
    audited(&mut vault, "change_state", &["client.state_changed"], |v| {
        clients::change_state(v, &code, "assessment", "08/09/2026", "")
    })?;
    audited(&mut vault, "change_state", &["client.state_changed"], |v| {
        clients::change_state(v, &code, "in-therapy", "15/09/2026", "")
    })?;

    // Sessions.
    refused(&mut vault, "a session of no minutes", |v| {
        sessions::add(v, &code, SessionForm { minutes: 0, ..session("18/11/2026", "attended") })
    })?;
    let planned = audited(&mut vault, "sessions::add", &["session.recorded"], |v| {
        sessions::add(v, &code, session("18/11/2026", "planned"))
    })?;
    refused(&mut vault, "an unknown outcome", |v| sessions::set_outcome(v, &code, planned.id, "maybe"))?;
    refused(&mut vault, "another client's session", |v| sessions::set_outcome(v, &code, planned.id + 1, "attended"))?;
    audited(&mut vault, "set_outcome", &["session.outcome_changed"], |v| {
        sessions::set_outcome(v, &code, planned.id, "attended")
    })?;

    // Correspondence.
    refused(&mut vault, "an entry without a summary", |v| {
        correspondence::add(v, &code, CorrespondenceForm { summary: String::new(), ..letter() }, vec![], None)
    })?;
    let mut program: &[u8] = b"MZ";
    refused(&mut vault, "an entry whose attachment is refused mid-write", |v| {
        let attachment = Attachment::Stream { file_name: "setup.exe".into(), reader: &mut program };
        correspondence::add(v, &code, letter(), vec![attachment], None)
    })?;
    let mut notes: &[u8] = b"Room 4, 14:30";
    let entry = audited(&mut vault, "correspondence::add", &["correspondence.logged"], |v| {
        correspondence::add(
            v,
            &code,
            letter(),
            vec![Attachment::Stream { file_name: "room.txt".into(), reader: &mut notes }],
            None,
        )
    })?;
    refused(&mut vault, "exporting an attachment that does not exist", |v| {
        correspondence::export_attachment(v, 999, &mut Vec::new())
    })?;
    audited(&mut vault, "export_attachment", &["attachment.exported"], |v| {
        correspondence::export_attachment(v, entry.attachments[0].id, &mut Vec::new())
    })?;

    // Professionals.
    refused(&mut vault, "an unknown role", |v| {
        professionals::add(
            v,
            ProfessionalForm { name: "Priya Shah".into(), role: "wizard".into(), ..Default::default() },
        )
    })?;
    let priya = audited(&mut vault, "professionals::add", &["professional.added"], |v| {
        professionals::add(v, ProfessionalForm { name: "Priya Shah".into(), role: "salt".into(), ..Default::default() })
    })?;
    refused(&mut vault, "linking nobody", |v| professionals::link(v, &code, 999))?;
    audited(&mut vault, "link", &["professional.linked"], |v| professionals::link(v, &code, priya.id))?;
    audited(&mut vault, "linking again changes nothing", &[], |v| professionals::link(v, &code, priya.id))?;

    // Import: one entry per client imported.
    refused(&mut vault, "a truncated file", |v| {
        import::import(
            v,
            &mut "First name,Surname,DOB,Referral date\nBram,Stoker,01/01/2014,02/09/2026\nCo".as_bytes(),
            &[],
        )
    })?;
    audited(&mut vault, "a file with no good row", &[], |v| {
        import::import(v, &mut "First name,Surname,DOB,Referral date\n,Stoker,01/01/2014,02/09/2026\n".as_bytes(), &[])
    })?;
    let sheet =
        "First name,Surname,DOB,Referral date\nBram,Stoker,01/01/2014,02/09/2026\nCora,Pearl,unknown,03/09/2026\n";
    audited(&mut vault, "import", &["client.referred", "client.referred"], |v| {
        import::import(v, &mut sheet.as_bytes(), &[])
    })?;

    // Reports: the summary leaving the vault is recorded; a summary that could not be
    // written is not.
    let out = tmp.path().join("out");
    refused(&mut vault, "a period that ends before it starts", |v| {
        reports::save_attendance_pdf(v, &code, "30/11/2026", "01/09/2026", "", &out)
    })?;
    let not_a_folder = tmp.path().join("a file");
    std::fs::write(&not_a_folder, b"x").map_err(|e| folio_core::Error::Internal(e.to_string()))?;
    refused(&mut vault, "a summary into a folder that cannot be made", |v| {
        reports::save_attendance_pdf(v, &code, "01/09/2026", "30/11/2026", "", &not_a_folder)
    })?;
    audited(&mut vault, "save_attendance_pdf", &["report.attendance_exported"], |v| {
        reports::save_attendance_pdf(v, &code, "01/09/2026", "30/11/2026", "", &out)
    })?;

    // The end of an episode and a new one.
    refused(&mut vault, "re-referring an open episode", |v| clients::re_refer(v, &code, "", ""))?;
    refused(&mut vault, "an ending without a reason", |v| clients::change_state(v, &code, "ended", "20/11/2026", ""))?;
    audited(&mut vault, "change_state to ended", &["client.state_changed"], |v| {
        clients::change_state(v, &code, "ended", "20/11/2026", "planned ending")
    })?;
    refused(&mut vault, "a session in an ended episode", |v| {
        sessions::add(v, &code, session("21/11/2026", "attended"))
    })?;
    audited(&mut vault, "re_refer", &["client.episode_started"], |v| clients::re_refer(v, &code, "", "returning"))?;

    // The vault's own settings.
    refused(&mut vault, "an auto-lock of 0 minutes", |v| v.set_auto_lock_minutes(0))?;
    audited(&mut vault, "set_auto_lock_minutes", &["settings.changed"], |v| v.set_auto_lock_minutes(20))?;
    refused(&mut vault, "a weak new password", |v| v.change_password(&pw(PASSWORD), &pw("password1")))?;
    audited(&mut vault, "change_password", &["vault.password_changed"], |v| {
        v.change_password(&pw(PASSWORD), &pw("quiet river copper saucepan"))
    })?;

    // Reading adds nothing.
    audited(&mut vault, "reading", &[], |v| {
        clients::list(v, &clients::ClientFilter::default())?;
        clients::show(v, &code)?;
        sessions::list(v, &code, None)?;
        sessions::attendance(v, &code, "01/09/2026", "30/11/2026")?;
        correspondence::list(v, &code)?;
        professionals::list(v)?;
        import::preview(v, &mut sheet.as_bytes(), &[])?;
        v.verify()
    })?;

    // Entries name the record by type and id, never its content, and carry the vault's time.
    let entries = vault.audit_recent(10_000)?;
    let referred = entries.iter().rev().find(|e| e.action == "client.referred");
    assert_eq!(
        referred.map(|e| (e.record_type.as_deref(), e.record_id.clone())),
        Some((Some("client"), Some(ada.id.to_string())))
    );
    let json = serde_json::to_string(&entries).unwrap_or_default();
    for personal in ["Ada", "Lovelace", "Priya", "Stoker", "Oakfield", "Thursdays", "room.txt"] {
        assert!(!json.contains(personal), "the audit log holds {personal}: {json}");
    }
    assert!(entries.iter().filter(|e| e.seq > 1).all(|e| e.at == "2026-11-22T12:00:00Z"), "{json}");
    assert!(vault.verify()?.is_ok());
    Ok(())
}
