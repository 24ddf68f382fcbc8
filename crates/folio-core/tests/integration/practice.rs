use chrono::NaiveDate;
use folio_core::practice::clients::{self, ClientFilter, ClientSort};
use folio_core::practice::lifecycle::ClientState;
use folio_core::practice::referral::{Contact, Modality, ReferralForm};
use folio_core::{Error, ErrorCode, Vault};

use crate::{create, pw, PASSWORD};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%d/%m/%Y").unwrap_or_default()
}

fn today() -> NaiveDate {
    d("22/11/2026")
}

fn referral(given: &str, family: &str, referred: &str) -> ReferralForm {
    ReferralForm {
        given_name: given.into(),
        family_name: family.into(),
        date_of_birth: "14/03/2015".into(),
        referral_date: referred.into(),
        ..ReferralForm::default()
    }
}

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
        referrer: "School".into(),
        referrer_name: "Mrs Patel, SENCo".into(),
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
        modality: "art".into(),
        funding: "school".into(),
        ..referral("Jessamine", "Quartermaine", "02/11/2026")
    }
}

#[test]
fn a_full_referral_becomes_a_client_listed_by_initials_and_code_only() -> folio_core::Result<()> {
    let tmp = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
    let mut vault = create(&tmp.path().join("v"));
    let client = clients::add_referral(&mut vault, full_referral(), today())?;
    assert_eq!(client.code, "JQ-0001");
    assert_eq!(client.state, ClientState::Referred);
    assert_eq!(client.referral_date, "02/11/2026");
    assert!(client.safeguarding);
    assert_eq!(client.modality, Some(Modality::Art));
    let listed =
        serde_json::to_string(&clients::list(vault.connection(), &ClientFilter::default())?).unwrap_or_default();
    assert!(listed.contains("JQ-0001"));
    assert!(!listed.contains("Jessamine") && !listed.contains("Quartermaine"), "lists never show names: {listed}");

    let record = clients::show(vault.connection(), "jq-0001")?;
    assert_eq!(record.referral.given_name, "Jessamine");
    assert_eq!(record.referral.postcode, "MK40 1AA");
    assert_eq!(record.referral.referrer, "school");
    assert_eq!(record.referral.parental_responsibility[0].name, "Morwenna Quartermaine");
    assert_eq!(record.episodes.len(), 1);
    assert_eq!(record.episodes[0].started_on, "02/11/2026");
    // Survives lock and unlock.
    vault.lock()?;
    let vault = Vault::unlock(&tmp.path().join("v"), &pw(PASSWORD))?;
    assert_eq!(clients::show(vault.connection(), "JQ-0001")?.referral, record.referral);
    Ok(())
}

#[test]
fn a_bad_referral_reports_every_field_and_stores_nothing() -> folio_core::Result<()> {
    let tmp = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
    let mut vault = create(&tmp.path().join("v"));
    let bad =
        ReferralForm { date_of_birth: "31/02/2015".into(), email: "x".into(), ..referral("", "Smith", "01/12/2026") };
    let err = clients::add_referral(&mut vault, bad, today()).err().unwrap_or(Error::Locked);
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    let fields: Vec<&str> = err.problems().iter().map(|p| p.field).collect();
    assert_eq!(fields, ["givenName", "referralDate", "dateOfBirth", "email"]);
    assert!(clients::list(vault.connection(), &ClientFilter::default())?.is_empty());
    Ok(())
}

#[test]
fn the_lifecycle_moves_are_dated_checked_and_audited() -> folio_core::Result<()> {
    let tmp = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
    let mut vault = create(&tmp.path().join("v"));
    clients::add_referral(&mut vault, referral("Ada", "Lovelace", "01/09/2026"), today())?;
    let skip = clients::change_state(&mut vault, "AL-0001", ClientState::Ended, d("02/09/2026"), "done", today()).err();
    assert!(skip.map(|e| e.to_string()).unwrap_or_default().contains("can move to"));
    let early =
        clients::change_state(&mut vault, "AL-0001", ClientState::Assessment, d("31/08/2026"), "", today()).err();
    assert!(early.map(|e| e.to_string()).unwrap_or_default().contains("before the client's last change"));
    let future =
        clients::change_state(&mut vault, "AL-0001", ClientState::Assessment, d("23/11/2026"), "", today()).err();
    assert!(future.map(|e| e.to_string()).unwrap_or_default().contains("future"));

    clients::change_state(&mut vault, "AL-0001", ClientState::Assessment, d("08/09/2026"), "", today())?;
    clients::change_state(&mut vault, "AL-0001", ClientState::InTherapy, d("15/09/2026"), "", today())?;
    let no_reason =
        clients::change_state(&mut vault, "AL-0001", ClientState::Ended, d("20/11/2026"), " ", today()).err();
    assert_eq!(no_reason.and_then(|e| e.field()), Some("note"));
    let ended =
        clients::change_state(&mut vault, "AL-0001", ClientState::Ended, d("20/11/2026"), "planned ending", today())?;
    assert_eq!(ended.state, ClientState::Ended);
    assert_eq!(ended.state_since, "20/11/2026");

    let record = clients::show(vault.connection(), "AL-0001")?;
    assert_eq!(record.episodes[0].ended_on.as_deref(), Some("20/11/2026"));
    assert_eq!(record.episodes[0].end_reason, "planned ending");
    let moves: Vec<ClientState> = record.history.iter().map(|h| h.to).collect();
    assert_eq!(moves, [ClientState::Referred, ClientState::Assessment, ClientState::InTherapy, ClientState::Ended]);

    // A returning client: a new episode on the same record.
    let back = clients::re_refer(&mut vault, "AL-0001", d("22/11/2026"), "re-referred by GP", today())?;
    assert_eq!((back.state, back.episode), (ClientState::Referred, 2));
    let record = clients::show(vault.connection(), "AL-0001")?;
    assert_eq!(record.episodes.len(), 2);
    assert_eq!(record.episodes[1].ended_on, None);
    let again = clients::re_refer(&mut vault, "AL-0001", d("22/11/2026"), "", today()).err();
    assert!(again.map(|e| e.to_string()).unwrap_or_default().contains("still open"));

    let actions: Vec<String> = vault.audit_recent(10)?.into_iter().map(|e| e.action).collect();
    assert_eq!(actions.iter().filter(|a| *a == "client.state_changed").count(), 3);
    assert!(actions.contains(&"client.episode_started".to_string()));
    assert!(vault.verify()?.is_ok());
    Ok(())
}

#[test]
fn the_list_filters_searches_and_sorts() -> folio_core::Result<()> {
    let tmp = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
    let mut vault = create(&tmp.path().join("v"));
    clients::add_referral(&mut vault, full_referral(), today())?;
    clients::add_referral(
        &mut vault,
        ReferralForm { modality: "music".into(), ..referral("Bram", "Stoker", "05/10/2026") },
        today(),
    )?;
    clients::add_referral(
        &mut vault,
        ReferralForm { setting_name: "Oakfield Primary School".into(), ..referral("Cora", "Pearl", "01/08/2026") },
        today(),
    )?;
    clients::change_state(&mut vault, "BS-0002", ClientState::WaitingList, d("06/10/2026"), "", today())?;
    let codes = |f: ClientFilter| -> folio_core::Result<Vec<String>> {
        Ok(clients::list(vault.connection(), &f)?.into_iter().map(|c| c.code).collect())
    };
    assert_eq!(codes(ClientFilter::default())?, ["JQ-0001", "BS-0002", "CP-0003"], "newest referral first");
    assert_eq!(
        codes(ClientFilter { sort: ClientSort::Code, ..Default::default() })?,
        ["BS-0002", "CP-0003", "JQ-0001"]
    );
    assert_eq!(codes(ClientFilter { state: Some(ClientState::WaitingList), ..Default::default() })?, ["BS-0002"]);
    assert_eq!(codes(ClientFilter { modality: Some(Modality::Music), ..Default::default() })?, ["BS-0002"]);
    assert_eq!(codes(ClientFilter { setting: Some("oakfield".into()), ..Default::default() })?, ["JQ-0001", "CP-0003"]);
    assert_eq!(codes(ClientFilter { safeguarding: Some(true), ..Default::default() })?, ["JQ-0001"]);
    assert_eq!(codes(ClientFilter { search: Some("stok".into()), ..Default::default() })?, ["BS-0002"]);
    assert_eq!(
        codes(ClientFilter { search: Some("jess".into()), ..Default::default() })?,
        ["JQ-0001"],
        "preferred name"
    );
    assert_eq!(codes(ClientFilter { search: Some("cp-00".into()), ..Default::default() })?, ["CP-0003"]);
    let missing = clients::show(vault.connection(), "ZZ-9999").err();
    assert!(missing.map(|e| e.to_string()).unwrap_or_default().contains("no client with the code ZZ-9999"));
    Ok(())
}

#[test]
fn the_professionals_directory_links_people_to_clients() -> folio_core::Result<()> {
    use folio_core::practice::professionals::{self, Professional};
    let tmp = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
    let mut vault = create(&tmp.path().join("v"));
    clients::add_referral(&mut vault, referral("Ada", "Lovelace", "01/09/2026"), today())?;
    let bad = professionals::add(
        &mut vault,
        Professional { name: "Dr Who".into(), role: "wizard".into(), ..Default::default() },
    )
    .err();
    assert!(bad.map(|e| e.to_string()).unwrap_or_default().contains("Choose a role"));
    let salt = professionals::add(
        &mut vault,
        Professional {
            name: "Priya Shah".into(),
            role: "SALT".into(),
            organisation: "NHS Trust".into(),
            ..Default::default()
        },
    )?;
    assert_eq!(salt.role, "salt");
    professionals::link(&mut vault, "AL-0001", salt.id)?;
    professionals::link(&mut vault, "AL-0001", salt.id)?;
    let record = clients::show(vault.connection(), "AL-0001")?;
    assert_eq!(record.professionals.len(), 1);
    assert_eq!(record.professionals[0].name, "Priya Shah");
    assert!(professionals::link(&mut vault, "AL-0001", 999).is_err());
    assert_eq!(professionals::list(vault.connection())?.len(), 1);
    Ok(())
}
