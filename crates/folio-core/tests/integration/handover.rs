//! Handover: k-of-n shares open the vault for the contact sheet or a takeover; fewer,
//! foreign, duplicate, old or mistyped shares are refused with messages that say which.

use std::path::Path;

use folio_core::clients;
use folio_core::handover::{self, HandoverForm, ShareInput, Successor};
use folio_core::referrals::Contact;
use folio_core::sessions::{self, SessionForm};
use folio_core::{Clock, Error, ErrorCode, Result, Vault};
use zeroize::Zeroizing;

use crate::{create, day, message, pw, referral, tempdir, unlock, PASSWORD, TODAY};

const HOLDERS: [&str; 5] = ["Priya Shah", "Tomasz Nowak", "Ruth Okafor", "Dan Ellis", "Mei Chen"];
const SUCCESSOR: &str = "Joan Whitlock";
pub(crate) const NEW_PASSWORD: &str = "saffron kettle orchard 91";

fn form(k: &str, n: usize) -> HandoverForm {
    HandoverForm {
        threshold: k.into(),
        holders: HOLDERS[..n].iter().map(|h| h.to_string()).collect(),
        successor: Successor {
            name: SUCCESSOR.into(),
            profession: "Art therapist".into(),
            registration: "AS12345".into(),
            contact: "07700 900123".into(),
        },
        laptop: "In the locked desk drawer at home".into(),
        backups: "USB drive in the fire safe".into(),
        instructions: "INSTRUCTIONS-MARKER: the cabinet key is with my sister.".into(),
    }
}

/// The test form, for other modules' tests (k of the first n holders).
pub(crate) fn form_for_tests(k: &str, n: usize) -> HandoverForm {
    form(k, n)
}

pub(crate) fn clock() -> Clock {
    Clock::on(day(TODAY))
}

/// Sets up a handover (k of n) on a new vault in `dir` and returns the share texts.
fn set_up(dir: &Path, k: &str, n: usize) -> Result<Vec<Zeroizing<String>>> {
    let mut vault = create(dir);
    let texts = issue(&mut vault, k, n, false)?;
    vault.lock()?;
    Ok(texts)
}

pub(crate) fn issue(vault: &mut Vault, k: &str, n: usize, again: bool) -> Result<Vec<Zeroizing<String>>> {
    let f = form(k, n);
    let issued = if again { handover::reissue(vault, &f)? } else { handover::setup(vault, &f)? };
    Ok((0..issued.shares.len()).filter_map(|i| issued.text(i)).collect())
}

pub(crate) fn inputs(texts: &[&Zeroizing<String>]) -> Vec<ShareInput> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| ShareInput { label: format!("share {}", i + 1), text: Zeroizing::new(t.to_string()) })
        .collect()
}

pub(crate) fn contact(dir: &Path, texts: &[&Zeroizing<String>]) -> Result<handover::ContactSheet> {
    handover::open_for_contact(dir, &inputs(texts), clock())
}

#[test]
fn two_of_three_every_pair_opens_and_one_share_never_does() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("v");
    let s = set_up(&dir, "2", 3)?;
    for (a, b) in [(0, 1), (0, 2), (1, 2), (2, 0)] {
        let sheet = contact(&dir, &[&s[a], &s[b]])?;
        assert_eq!(sheet.set, 1);
        let mut used = vec![a as u8 + 1, b as u8 + 1];
        used.sort_unstable();
        assert_eq!(sheet.shares, used);
    }
    for one in &s {
        let refused = contact(&dir, &[one]);
        assert!(matches!(refused, Err(Error::WrongShares(_))));
        assert_eq!(message(refused), "Too few shares: 2 of 3 needed; 1 given. Ask 1 more holder for their share.");
    }
    let twice = contact(&dir, &[&s[1], &s[1]]);
    assert_eq!(twice.as_ref().err().map(Error::code), Some(ErrorCode::WrongShares), "exit 3");
    assert_eq!(twice.as_ref().err().and_then(Error::field), Some("share-2"), "the second copy is pointed at");
    assert!(message(twice).starts_with("share 1 and share 2 are the same share (share 2 of 3)"));
    Ok(())
}

#[test]
fn three_of_five_every_three_open_and_no_two_do() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("v");
    let s = set_up(&dir, "3", 5)?;
    for a in 0..5 {
        for b in a + 1..5 {
            assert!(message(contact(&dir, &[&s[a], &s[b]])).starts_with("Too few shares: 3 of 5 needed; 2 given"));
            for c in b + 1..5 {
                assert_eq!(contact(&dir, &[&s[a], &s[b], &s[c]])?.shares, vec![a as u8 + 1, b as u8 + 1, c as u8 + 1]);
            }
        }
    }
    assert_eq!(contact(&dir, &[&s[4], &s[0], &s[2], &s[3]])?.shares, vec![1, 3, 4, 5], "more than k also opens");
    Ok(())
}

#[test]
fn a_share_of_another_vault_or_another_copy_is_refused_never_called_damage() -> Result<()> {
    let tmp = tempdir();
    let (dir, other) = (tmp.path().join("v"), tmp.path().join("w"));
    let s = set_up(&dir, "2", 3)?;
    let t = set_up(&other, "2", 3)?;
    let refused = contact(&dir, &[&s[0], &t[1]]);
    assert_eq!(refused.as_ref().err().map(Error::code), Some(ErrorCode::WrongShares));
    assert_eq!(refused.as_ref().err().and_then(Error::field), Some("share-2"), "a form points at the share refused");
    assert!(message(refused).starts_with("share 2 is a share of another vault"));

    // A copy of the vault folder given its own handover has the same vault id and set
    // number: its shares pass every check but do not combine with these. "Wrong shares".
    let copy = tmp.path().join("copy");
    let base = tmp.path().join("base");
    drop(create(&base));
    copy_dir(&base, &copy);
    let mut first = unlock(&base)?;
    let ours = issue(&mut first, "2", 3, false)?;
    first.lock()?;
    let mut second = unlock(&copy)?;
    let theirs = issue(&mut second, "2", 3, false)?;
    second.lock()?;
    let mixed = contact(&base, &[&ours[0], &theirs[1]]);
    assert!(matches!(mixed, Err(Error::WrongShares(_))), "never Damaged");
    assert_eq!(mixed.as_ref().err().and_then(Error::field), None, "no one share is at fault");
    let text = message(mixed);
    assert!(text.starts_with("Wrong shares:") && !text.contains("damaged"), "{text}");
    assert_eq!(contact(&base, &[&ours[0], &ours[1]])?.shares, vec![1, 2]);
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{e}")).flatten() {
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn a_mistyped_word_is_an_input_error_naming_the_share_and_the_line() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("v");
    let s = set_up(&dir, "2", 3)?;
    let typo: String = s[1]
        .lines()
        .map(|l| match l.strip_prefix("4  ") {
            Some(rest) => {
                let mut w: Vec<&str> = rest.split(' ').collect();
                w[2] = if w[2] == "acid" { "zebra" } else { "acid" };
                format!("4  {}", w.join(" "))
            }
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let typo = Zeroizing::new(typo);
    let refused = contact(&dir, &[&s[0], &typo]);
    assert_eq!(refused.as_ref().err().map(Error::code), Some(ErrorCode::InvalidInput), "exit 1, not 3");
    assert_eq!(refused.as_ref().err().and_then(Error::field), Some("share-2"));
    assert_eq!(
        message(refused),
        "share 2 cannot be read: line 4 does not check: a word there is mistyped, or two are swapped. Check that line against the printed share."
    );
    Ok(())
}

#[test]
fn reissue_makes_the_old_shares_useless_and_setup_points_to_it() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("v");
    let mut vault = create(&dir);
    let old = issue(&mut vault, "2", 3, false)?;
    let again = handover::setup(&mut vault, &form("2", 3));
    assert!(message(again).contains("folio handover reissue"));
    let issued = handover::reissue(&mut vault, &HandoverForm { threshold: "3".into(), ..HandoverForm::default() })?;
    assert_eq!((issued.set, issued.threshold, issued.shares.len()), (2, 3, 3), "empty fields keep the holders");
    assert!(issued.backups_note.as_deref().unwrap_or("").contains("still opens with the shares of set 1"));
    let new: Vec<Zeroizing<String>> = (0..3).filter_map(|i| issued.text(i)).collect();
    drop(issued);
    let status = handover::status(&vault)?.ok_or_else(|| Error::Internal("no status".into()))?;
    assert_eq!(
        (status.set, status.threshold, status.shares, status.holders[2].name.as_str()),
        (2, 3, 3, "Ruth Okafor")
    );
    vault.lock()?;

    let refused = contact(&dir, &[&new[0], &old[1]]);
    assert_eq!(refused.as_ref().err().and_then(Error::field), Some("share-2"));
    assert!(message(refused).starts_with("share 2 is from an earlier set"));
    let refused = contact(&dir, &[&old[0], &old[1]]);
    assert!(message(refused).starts_with("share 1 is from an earlier set of shares (set 1), replaced by set 2"));
    // Renumbering an old share's set does not make it a new one: its words are bound to it.
    let forged: Vec<Zeroizing<String>> = old.iter().map(|t| Zeroizing::new(t.replace("Set: 1", "Set: 2"))).collect();
    let refused = contact(&dir, &[&forged[0], &forged[1], &forged[2]]);
    assert!(message(refused).contains("none of its lines checks"));
    assert_eq!(contact(&dir, &[&new[0], &new[1], &new[2]])?.set, 2);
    Ok(())
}

#[test]
fn the_audit_log_records_the_opening_with_share_numbers_and_no_names() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("v");
    let s = set_up(&dir, "2", 3)?;
    let key_file_before = std::fs::read(dir.join("folio.key")).unwrap_or_default();
    contact(&dir, &[&s[2], &s[0]])?;
    assert_eq!(
        std::fs::read(dir.join("folio.key")).unwrap_or_default(),
        key_file_before,
        "contact only changes no key"
    );
    let vault = unlock(&dir)?;
    let entries = vault.audit_recent(500)?;
    let opening = entries.iter().find(|e| e.action == "handover.opened_for_contact");
    let opening = opening.ok_or_else(|| Error::Internal("no entry".into()))?;
    assert_eq!((opening.actor.as_str(), opening.record_id.as_deref()), ("executor", Some("set 1: shares 1, 3")));
    assert!(entries.iter().any(|e| e.action == "handover.set_up" && e.record_id.as_deref() == Some("1")));
    let everything = format!("{entries:?}") + &String::from_utf8_lossy(&key_file_before);
    for name in HOLDERS.iter().chain([&SUCCESSOR]) {
        assert!(!everything.contains(name), "{name} is in the audit log or the key file");
    }
    assert!(!String::from_utf8_lossy(&key_file_before).contains("INSTRUCTIONS-MARKER"));
    Ok(())
}

#[test]
fn the_contact_sheet_lists_who_to_tell_and_nothing_clinical() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("v");
    let mut vault = create(&dir);
    let mut child = referral("Amira", "Qureshi", "03/05/2015", "01/09/2026");
    child.parental_responsibility = vec![Contact {
        name: "Sara Qureshi".into(),
        relationship: "mother".into(),
        phone: "07700 900456".into(),
        ..Contact::default()
    }];
    child.setting_name = "Oakfield Primary".into();
    child.diagnoses = "CLINICAL-MARKER".into();
    child.difficulty = "CLINICAL-MARKER".into();
    let amira = clients::add_referral(&mut vault, child)?.code;
    clients::change_state(&mut vault, &amira, "assessment", "08/09/2026", "")?;
    clients::change_state(&mut vault, &amira, "in-therapy", "15/09/2026", "")?;
    let mut adult = referral("Ben", "Lowe", "01/01/1980", "01/10/2026");
    adult.phone = "07700 900789".into();
    let ben = clients::add_referral(&mut vault, adult)?.code;
    sessions::add(
        &mut vault,
        &ben,
        SessionForm { on: "30/11/2026".into(), outcome: "planned".into(), ..SessionForm::default() },
    )?;
    clients::add_referral(&mut vault, referral("Cara", "Dunn", "01/01/1990", "01/10/2026"))?;
    let shares = issue(&mut vault, "2", 3, false)?;
    vault.lock()?;

    let sheet = contact(&dir, &[&shares[0], &shares[1]])?;
    let codes: Vec<&str> = sheet.clients.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, [ben.as_str(), amira.as_str()], "in therapy or a session booked; by family name");
    let a = &sheet.clients[1];
    assert!(a.child && a.name == "Amira Qureshi" && a.setting == "Oakfield Primary");
    assert_eq!(a.parents.first().map(|p| p.phone.as_str()), Some("07700 900456"));
    assert_eq!(sheet.clients[0].next_session, Some(day("30/11/2026")));
    assert_eq!(sheet.clients[0].phone, "07700 900789");
    assert!(sheet.instructions.contains("INSTRUCTIONS-MARKER"));
    let json = serde_json::to_string(&sheet).unwrap_or_default();
    assert!(!json.contains("CLINICAL-MARKER"), "{json}");
    Ok(())
}

#[test]
fn takeover_replaces_the_password_and_spends_the_shares() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("v");
    let mut vault = create(&dir);
    let code = clients::add_referral(&mut vault, referral("Amira", "Qureshi", "03/05/2015", "01/09/2026"))?.code;
    clients::change_state(&mut vault, &code, "assessment", "08/09/2026", "")?;
    clients::change_state(&mut vault, &code, "in-therapy", "15/09/2026", "")?;
    let asked = folio_core::requests::add(
        &mut vault,
        folio_core::requests::RequestForm {
            client: code.clone(),
            kind: "access".into(),
            made_by: "parent".into(),
            received: "20/11/2026".into(),
            summary: "A copy of the records.".into(),
            ..Default::default()
        },
    )?;
    let s = issue(&mut vault, "2", 3, false)?;
    vault.lock()?;

    let weak = handover::take_over(&dir, &inputs(&[&s[0], &s[2]]), &pw("password"), clock());
    assert!(matches!(weak, Err(Error::WeakPassword(_))));
    assert!(unlock(&dir)?.lock().is_ok(), "a refused takeover changes nothing");

    let mut vault = handover::take_over(&dir, &inputs(&[&s[0], &s[2]]), &pw(NEW_PASSWORD), clock())?;
    vault.set_clock(clock());
    let list = handover::checklist(&vault)?;
    let keys: Vec<&str> = list.items.iter().map(|i| i.key.as_str()).collect();
    assert!(keys.contains(&"instructions") && keys.contains(&format!("client:{code}").as_str()), "{keys:?}");
    assert_eq!(list.items.last().map(|i| (i.key.as_str(), i.ticked_on)), Some(("own-handover", None)));
    let request = list.items.iter().find(|i| i.key == format!("request:{}", asked.id));
    assert_eq!(
        request.map(|i| (i.group, i.due)),
        Some((handover::ChecklistGroup::Requests, Some(day("21/12/2026")))),
        "an open rights request and its deadline (20/12/2026 is a Sunday)"
    );
    assert!(request.is_some_and(|i| i.text.contains("access request") && i.text.contains(&code)));
    let ticked = handover::tick(&mut vault, &format!("client:{code}"), true)?;
    assert_eq!(ticked.done, 1);
    assert!(handover::tick(&mut vault, "client:ZZ-9999", true).is_err());
    let entries = vault.audit_recent(50)?;
    let took =
        entries.iter().find(|e| e.action == "handover.taken_over").map(|e| (e.actor.clone(), e.record_id.clone()));
    assert_eq!(took, Some(("successor".into(), Some("set 1: shares 1, 3".into()))));
    assert_eq!(handover::status(&vault)?, None, "the spent handover is gone");
    vault.lock()?;

    assert!(matches!(Vault::unlock(&dir, &pw(PASSWORD)), Err(Error::WrongPassword)), "the old password is refused");
    let vault = Vault::unlock(&dir, &pw(NEW_PASSWORD))?;
    assert_eq!(handover::checklist(&vault)?.done, 1, "progress is kept");
    let status = folio_core::vault::status(&dir)?;
    assert_eq!(status.slots.iter().map(|s| s.kind.as_str()).collect::<Vec<_>>(), ["password"]);
    vault.lock()?;
    let again = contact(&dir, &[&s[0], &s[1]]);
    assert!(message(again).contains("no handover set up"));
    Ok(())
}

#[test]
fn one_of_one_is_allowed_with_a_warning_and_bad_thresholds_are_refused() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("v");
    let mut vault = create(&dir);
    assert!(message(handover::setup(&mut vault, &form("4", 3))).contains("from 1 to 3"));
    let mut dup = form("2", 3);
    dup.holders[2] = "priya shah".into();
    assert_eq!(
        message(handover::setup(&mut vault, &dup)),
        "Holder 3 has the same name as holder 1: each person holds one share."
    );
    let issued = handover::setup(&mut vault, &form("1", 1))?;
    assert!(issued.warning.as_deref().unwrap_or("").contains("opens the vault on its own"));
    let text = issued.text(0).ok_or_else(|| Error::Internal("no share".into()))?;
    drop(issued);
    vault.lock()?;
    assert_eq!(contact(&dir, &[&text])?.shares, vec![1]);
    Ok(())
}

#[test]
fn each_share_is_checked_alone_as_it_is_entered() -> Result<()> {
    let tmp = tempdir();
    let (dir, other) = (tmp.path().join("v"), tmp.path().join("w"));
    let s = set_up(&dir, "2", 3)?;
    let t = set_up(&other, "2", 3)?;
    let one = |text: &Zeroizing<String>| {
        handover::check_share(&dir, &ShareInput { label: "First share".into(), text: Zeroizing::new(text.to_string()) })
    };
    let seen = one(&s[2])?;
    assert_eq!((seen.number, seen.count, seen.threshold, seen.set), (3, 3, 2, 1), "one share alone is not 'too few'");
    let typo = Zeroizing::new(s[0].replacen("\n2  ", "\n2  zzzz ", 1));
    let refused = one(&typo);
    assert_eq!(refused.as_ref().err().map(Error::code), Some(ErrorCode::InvalidInput));
    assert_eq!(
        message(refused),
        "First share cannot be read: line 2, word 1 is not one of the share words. Check that word against the printed share."
    );
    let foreign = one(&t[0]);
    assert_eq!(foreign.as_ref().err().map(Error::code), Some(ErrorCode::WrongShares));
    assert!(message(foreign).starts_with("First share is a share of another vault"));
    Ok(())
}

#[test]
fn the_form_is_checked_before_anything_is_made_and_the_shares_are_given_back_once() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("v");
    let mut vault = create(&dir);
    assert!(message(handover::check_form(&vault, &form("4", 3), false)).contains("from 1 to 3"));
    assert!(message(handover::check_form(&vault, &form("2", 3), true)).contains("no handover to re-issue"));
    assert_eq!(handover::check_form(&vault, &form("2", 3), false)?, None);
    assert!(handover::check_form(&vault, &form("1", 2), false)?.unwrap_or_default().contains("on its own"));
    assert_eq!(
        handover::overview(&vault)?,
        handover::HandoverOverview { current: None, interrupted: false, taken_over_on: None, backups: Vec::new() }
    );
    assert!(handover::status(&vault)?.is_none(), "checking made nothing");

    let out = tmp.path().join("out");
    let (saved, issued) = handover::setup_into_showing(&mut vault, &form("2", 3), &out, false)?;
    assert_eq!(saved.files.len(), 7);
    for i in 0..3 {
        let text = issued.text(i).ok_or_else(|| Error::Internal("no share".into()))?;
        let file = std::fs::read_to_string(out.join(format!("share-{}.txt", i + 1))).unwrap_or_default();
        assert_eq!(text.as_str(), file, "the share shown is the share saved");
    }
    drop(issued);
    assert!(message(handover::check_form(&vault, &form("2", 3), false)).contains("already has a handover"));
    assert_eq!(handover::check_form(&vault, &HandoverForm::default(), true)?, None, "a re-issue keeps what was there");
    assert_eq!(handover::overview(&vault)?.current.map(|s| s.set), Some(1));
    vault.lock()?;
    Ok(())
}

#[test]
fn the_contact_sheet_prints_and_a_takeover_is_remembered() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("v");
    let mut vault = create(&dir);
    let mut child = referral("Amira", "Qureshi", "03/05/2015", "01/09/2026");
    child.parental_responsibility =
        vec![Contact { name: "Sara Qureshi".into(), relationship: "mother".into(), ..Contact::default() }];
    child.difficulty = "CLINICAL-MARKER".into();
    let amira = clients::add_referral(&mut vault, child)?.code;
    clients::change_state(&mut vault, &amira, "assessment", "08/09/2026", "")?;
    clients::change_state(&mut vault, &amira, "in-therapy", "15/09/2026", "")?;
    let s = issue(&mut vault, "2", 3, false)?;
    vault.lock()?;

    let sheet = contact(&dir, &[&s[0], &s[1]])?;
    let folder = tmp.path().join("printed");
    let first = handover::contact::save_sheet(&sheet, &folder)?;
    let second = handover::contact::save_sheet(&sheet, &folder)?;
    assert_eq!(first.file_name().and_then(|n| n.to_str()), Some("Contact sheet.pdf"));
    assert_eq!(second.file_name().and_then(|n| n.to_str()), Some("Contact sheet (2).pdf"), "never overwritten");
    let bytes = std::fs::read(&first).unwrap_or_default();
    assert!(bytes.starts_with(b"%PDF"));

    let vault = handover::take_over(&dir, &inputs(&[&s[1], &s[2]]), &pw(NEW_PASSWORD), clock())?;
    let overview = handover::overview(&vault)?;
    assert_eq!(
        overview,
        handover::HandoverOverview {
            current: None,
            interrupted: false,
            taken_over_on: Some(day(TODAY)),
            backups: Vec::new()
        }
    );
    vault.lock()?;
    Ok(())
}

#[test]
fn a_yearly_review_with_nothing_to_change_moves_the_next_review_a_year_on() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("v");
    let mut vault = create(&dir);
    assert!(message(handover::mark_reviewed(&mut vault)).contains("No clinical will is set up"));
    issue(&mut vault, "2", 3, false)?;
    let set_up_on = day(TODAY);
    vault.lock()?;

    let a_year_on = set_up_on + chrono::Months::new(12);
    let mut vault = Vault::unlock_on(&dir, &pw(PASSWORD), Clock::on(a_year_on))?;
    let due = handover::status(&vault)?.ok_or_else(|| Error::Internal("no handover".into()))?;
    assert!(due.review_due);
    assert_eq!((due.review_by, due.reviewed_on), (a_year_on, None));

    let reviewed = handover::mark_reviewed(&mut vault)?;
    assert!(!reviewed.review_due);
    assert_eq!(reviewed.reviewed_on, Some(a_year_on));
    assert_eq!(reviewed.review_by, a_year_on + chrono::Months::new(12));
    assert_eq!((reviewed.set, reviewed.holders.len()), (1, 3), "the same set and holders: nothing re-issued");
    handover::mark_reviewed(&mut vault)?;
    let entries = vault.audit_recent(500)?;
    let reviews: Vec<_> = entries.iter().filter(|e| e.action == "handover.reviewed").collect();
    assert_eq!(reviews.len(), 1, "a second review the same day records nothing");
    assert_eq!(reviews[0].record_id.as_deref(), Some("1"));
    vault.lock()?;

    let two_years_on = a_year_on + chrono::Months::new(12);
    let vault = Vault::unlock_on(&dir, &pw(PASSWORD), Clock::on(two_years_on))?;
    assert!(handover::status(&vault)?.is_some_and(|s| s.review_due), "due again a year after the review");
    Ok(())
}
