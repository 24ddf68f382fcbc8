use folio_core::clients::{self, ClientFilter, ClientState};
use folio_core::referrals::{Contact, Modality, ReferralForm};
use folio_core::{ErrorCode, Result, Vault};

use crate::{create, day, message, referral, tempdir, unlock, TODAY};

fn full_referral() -> ReferralForm {
    ReferralForm {
        preferred_name: "Jess".into(),
        pronouns: "she/her".into(),
        address: "1 Orchard Row, Bedford".into(),
        postcode: "mk40 1aa".into(),
        phone: "01632 960 123".into(),
        email: "parent@example.com".into(),
        ethnicity: "Prefer not to say".into(),
        parental_responsibility: vec![Contact {
            name: "Morwenna Quartermaine".into(),
            relationship: "mother".into(),
            phone: "07700 900 123".into(),
            ..Contact::default()
        }],
        setting_name: "Oakfield Primary School".into(),
        setting_contact: Contact { name: "SENCo".into(), email: "senco@oakfield.example".into(), ..Contact::default() },
        court_orders: "None known".into(),
        referrer: "Social care".into(),
        referrer_name: "Mr Hughes, social worker".into(),
        heard_about: "School newsletter".into(),
        gp_name: "Dr Adeyemi".into(),
        gp_surgery: "Castle Road Surgery".into(),
        other_professionals: "SALT (NHS), CAMHS".into(),
        difficulty: "Anxiety after a bereavement".into(),
        current_treatment: "None".into(),
        past_treatment: "Play therapy in 2023".into(),
        sen_areas: "Speech and language".into(),
        communication_methods: "Makaton".into(),
        diagnoses: "Selective mutism".into(),
        allergies: "Peanuts".into(),
        medication: "None".into(),
        safeguarding_concern: true,
        safeguarding_involvement: "Social worker allocated".into(),
        behaviour_risk: "Runs when distressed".into(),
        modality: "Art therapy".into(),
        funding: "school".into(),
        ..referral("Jessamine", "Quartermaine", "14/03/2015", "02/11/2026")
    }
}

fn codes(vault: &Vault, filter: ClientFilter) -> Result<Vec<String>> {
    Ok(clients::list(vault, &filter)?.into_iter().map(|c| c.code).collect())
}

#[test]
fn a_full_referral_becomes_a_client_listed_by_initials_and_code_only() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let client = clients::add_referral(&mut vault, full_referral())?;
    assert_eq!(client.code, "JQ-0001");
    assert_eq!(client.state, ClientState::Referred);
    assert_eq!(client.referral_date, day("02/11/2026"));
    assert!(client.safeguarding);
    assert_eq!(client.modality, Some(Modality::Art));
    let listed = serde_json::to_string(&clients::list(&vault, &ClientFilter::default())?).unwrap_or_default();
    assert!(listed.contains("JQ-0001"));
    assert!(listed.contains(r#""referralDate":"02/11/2026""#), "dates leave the core as dd/mm/yyyy: {listed}");
    assert!(listed.contains(r#""state":"referred""#), "{listed}");
    assert!(!listed.contains("Jessamine") && !listed.contains("Quartermaine"), "lists never show names: {listed}");

    let record = clients::show(&vault, "jq-0001")?;
    assert_eq!(record.referral.given_name, "Jessamine");
    assert_eq!(record.referral.postcode, "MK40 1AA");
    assert_eq!(record.referral.referrer, "social-care", "a choice typed as its label is kept as its value");
    assert_eq!(record.referral.modality, "art");
    assert_eq!(record.referral.parental_responsibility[0].name, "Morwenna Quartermaine");
    assert_eq!(record.episodes.len(), 1);
    assert_eq!(record.episodes[0].started_on, day("02/11/2026"));
    assert_eq!(
        record.next_states,
        [ClientState::WaitingList, ClientState::Assessment, ClientState::Declined, ClientState::Withdrawn]
    );
    // Survives lock and unlock.
    vault.lock()?;
    let vault = unlock(&tmp.path().join("v"))?;
    assert_eq!(clients::show(&vault, "JQ-0001")?.referral, record.referral);
    Ok(())
}

#[test]
fn a_bad_referral_reports_every_field_and_stores_nothing() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    // Referred "tomorrow" by the vault's clock.
    let bad = ReferralForm { email: "x".into(), ..referral("", "Smith", "31/02/2015", "23/11/2026") };
    let err = clients::add_referral(&mut vault, bad).err().unwrap_or(folio_core::Error::Locked);
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    let fields: Vec<&str> = err.problems().iter().map(|p| p.field).collect();
    assert_eq!(fields, ["givenName", "referralDate", "dateOfBirth", "email"]);
    assert!(clients::list(&vault, &ClientFilter::default())?.is_empty());
    Ok(())
}

#[test]
fn corrections_keep_the_code_follow_the_name_and_leave_the_referral_date_alone() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    clients::add_referral(&mut vault, referral("Ada", "Lovelace", "10/12/2015", "01/09/2026"))?;
    let corrected = clients::update_referral(
        &mut vault,
        "AL-0001",
        ReferralForm {
            setting_name: "Oakfield Primary".into(),
            ..referral("Ada", "Byron", "10/12/2015", "01/09/2026")
        },
    )?;
    assert_eq!((corrected.code.as_str(), corrected.initials.as_str()), ("AL-0001", "AB"));
    assert_eq!(corrected.setting_name, "Oakfield Primary");
    assert_eq!(clients::show(&vault, "AL-0001")?.referral.family_name, "Byron");
    let moved = clients::update_referral(&mut vault, "AL-0001", referral("Ada", "Byron", "10/12/2015", "02/09/2026"));
    let moved = moved.err();
    assert_eq!(moved.as_ref().and_then(|e| e.field()), Some("referralDate"));
    assert!(moved.map(|e| e.to_string()).unwrap_or_default().contains("stays 01/09/2026"));
    Ok(())
}

#[test]
fn the_lifecycle_moves_are_dated_checked_and_audited() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    clients::add_referral(&mut vault, referral("Ada", "Lovelace", "10/12/2015", "01/09/2026"))?;
    assert!(
        message(clients::change_state(&mut vault, "AL-0001", "ended", "02/09/2026", "done")).contains("can move to")
    );
    assert!(message(clients::change_state(&mut vault, "AL-0001", "assessment", "31/08/2026", ""))
        .contains("before the client's last change"));
    assert!(message(clients::change_state(&mut vault, "AL-0001", "assessment", "23/11/2026", "")).contains("future"));
    let unknown = clients::change_state(&mut vault, "AL-0001", "asleep", "08/09/2026", "").err();
    assert_eq!(unknown.and_then(|e| e.field()), Some("state"));

    clients::change_state(&mut vault, "AL-0001", "assessment", "08/09/2026", "")?;
    // The label, as the screen shows it, is accepted too.
    clients::change_state(&mut vault, "AL-0001", "In therapy", "15/09/2026", "")?;
    let no_reason = clients::change_state(&mut vault, "AL-0001", "ended", "20/11/2026", " ").err();
    assert_eq!(no_reason.and_then(|e| e.field()), Some("note"));
    let ended = clients::change_state(&mut vault, "AL-0001", "ended", "20/11/2026", "planned ending")?;
    assert_eq!(ended.state, ClientState::Ended);
    assert_eq!(ended.state_since, day("20/11/2026"));
    assert!(ended.episode_closed);

    let record = clients::show(&vault, "AL-0001")?;
    assert_eq!(record.episodes[0].ended_on, Some(day("20/11/2026")));
    assert_eq!(record.episodes[0].end_reason, "planned ending");
    assert!(record.next_states.is_empty());
    let moves: Vec<ClientState> = record.history.iter().map(|h| h.to).collect();
    assert_eq!(moves, [ClientState::Referred, ClientState::Assessment, ClientState::InTherapy, ClientState::Ended]);

    // A returning client: a new episode on the same record, today when no date is given.
    let back = clients::re_refer(&mut vault, "AL-0001", "", "re-referred by GP")?;
    assert_eq!((back.state, back.episode, back.state_since), (ClientState::Referred, 2, day(TODAY)));
    assert_eq!(back.referral_date, day(TODAY));
    let record = clients::show(&vault, "AL-0001")?;
    assert_eq!(record.episodes.len(), 2);
    assert_eq!(record.episodes[1].ended_on, None);
    assert!(message(clients::re_refer(&mut vault, "AL-0001", TODAY, "")).contains("still open"));

    let actions: Vec<String> = vault.audit_recent(10)?.into_iter().map(|e| e.action).collect();
    assert_eq!(actions.iter().filter(|a| *a == "client.state_changed").count(), 3);
    assert!(actions.contains(&"client.episode_started".to_string()));
    assert!(vault.verify()?.is_ok());
    Ok(())
}

#[test]
fn the_list_filters_searches_and_sorts() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    clients::add_referral(&mut vault, full_referral())?;
    clients::add_referral(
        &mut vault,
        ReferralForm { modality: "music".into(), ..referral("Bram", "Stoker", "14/03/2015", "05/10/2026") },
    )?;
    clients::add_referral(
        &mut vault,
        ReferralForm {
            setting_name: "Oakfield Primary School".into(),
            ..referral("Cora", "Pearl", "14/03/2015", "01/08/2026")
        },
    )?;
    clients::change_state(&mut vault, "BS-0002", "waiting-list", "06/10/2026", "")?;
    let filter = |f: fn(&mut ClientFilter)| {
        let mut filter = ClientFilter::default();
        f(&mut filter);
        filter
    };
    assert_eq!(codes(&vault, ClientFilter::default())?, ["JQ-0001", "BS-0002", "CP-0003"], "newest referral first");
    assert_eq!(codes(&vault, filter(|f| f.sort = "code".into()))?, ["BS-0002", "CP-0003", "JQ-0001"]);
    assert_eq!(codes(&vault, filter(|f| f.state = "Waiting list".into()))?, ["BS-0002"]);
    assert_eq!(codes(&vault, filter(|f| f.modality = "music".into()))?, ["BS-0002"]);
    assert_eq!(codes(&vault, filter(|f| f.setting = "oakfield".into()))?, ["JQ-0001", "CP-0003"]);
    assert_eq!(codes(&vault, filter(|f| f.safeguarding = Some(true)))?, ["JQ-0001"]);
    assert_eq!(codes(&vault, filter(|f| f.search = "stok".into()))?, ["BS-0002"]);
    assert_eq!(codes(&vault, filter(|f| f.search = "jess".into()))?, ["JQ-0001"], "preferred name");
    assert_eq!(codes(&vault, filter(|f| f.search = "cp-00".into()))?, ["CP-0003"]);
    let bad_state = clients::list(&vault, &filter(|f| f.state = "asleep".into())).err();
    assert_eq!(bad_state.and_then(|e| e.field()), Some("state"));
    let missing = message(clients::show(&vault, "ZZ-9999"));
    assert!(missing.contains("no client with that code"), "{missing}");
    assert!(!missing.contains("ZZ-9999"), "{missing}");
    Ok(())
}
