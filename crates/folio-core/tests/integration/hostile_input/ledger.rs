//! The consent ledger and the record of sharing, fed arbitrary forms: `consents::add`,
//! `review` and `withdraw`, `agreements::add`, `disclosures::add` and `safeguarding::add`
//! with dates of every shape, names with control, zero-width and direction-changing
//! characters, huge text, unknown choices, attachments with odd names, and the ids of
//! another client's consents, notes, disclosures and entries (or of none). Never a panic;
//! every refusal is `InvalidInput` (or the identifier check's `IdentifiersFound`), names one of the form's own fields, never repeats what
//! was typed, and changes nothing in the vault.

use folio_core::agreements::{self, AgreementForm};
use folio_core::blobs::Incoming;
use folio_core::consents::{self, ConsentForm};
use folio_core::disclosures::{self, DisclosureForm};
use folio_core::notes::{self, NewNote};
use folio_core::referrals::{Contact, ReferralForm};
use folio_core::safeguarding::{self, SafeguardingForm};
use folio_core::{clients, ErrorCode, Vault};
use proptest::prelude::*;

use super::forms::{fuzz_forms, FormOp, MARK};
use crate::referral;

/// The records every vault starts with: a child in therapy (Mia, her mother Ann Lee) with a
/// consent and a safeguarding entry of her own, and an adult with a consent, a note, a
/// disclosure and an entry that are not Mia's.
struct Fixture {
    vault: u64,
    code: String,
    own_consent: i64,
    own_entry: i64,
    other_consent: i64,
    other_note: i64,
    other_disclosure: i64,
    other_entry: i64,
}

fn fixture(vault: &mut Vault, made: u64) -> folio_core::Result<Fixture> {
    let form = ReferralForm {
        parental_responsibility: vec![Contact {
            name: "Ann Lee".into(),
            relationship: "mother".into(),
            ..Contact::default()
        }],
        ..referral("Mia", "Lee", "10/12/2015", "01/09/2026")
    };
    let code = clients::add_referral(vault, form)?.code;
    clients::change_state(vault, &code, "assessment", "08/09/2026", "")?;
    clients::change_state(vault, &code, "in-therapy", "15/09/2026", "")?;
    let consent = |purpose: &str, by: &str| ConsentForm {
        purpose: purpose.into(),
        given_by: by.into(),
        how: "written".into(),
        on: "10/09/2026".into(),
        ..ConsentForm::default()
    };
    let own_consent = consents::add(vault, &code, consent("parental-therapy", "Ann Lee"), None)?.id;
    let entry = |account: &str| SafeguardingForm {
        account: account.into(),
        action: "Noted.".into(),
        ..SafeguardingForm::default()
    };
    let own_entry = safeguarding::add(vault, &code, entry("ML seemed worried (test)."), None)?.id;
    let other = clients::add_referral(vault, referral("Ola", "Nowak", "01/01/1990", "01/09/2026"))?.code;
    let other_consent = consents::add(vault, &other, consent("therapy", "client"), None)?.id;
    let note = NewNote { kind: "free".into(), on: "20/09/2026".into(), ..NewNote::default() };
    let other_note = notes::start(vault, &other, note)?.summary.id;
    let shared = DisclosureForm {
        on: "20/09/2026".into(),
        recipient: "supervisor".into(),
        what: "Themes (test)".into(),
        basis: "supervision".into(),
        told: "not-told".into(),
        ..DisclosureForm::default()
    };
    let other_disclosure = disclosures::add(vault, &other, shared, vec![], None)?.id;
    let other_entry = safeguarding::add(vault, &other, entry("ON was upset (test)."), None)?.id;
    Ok(Fixture { vault: made, code, own_consent, own_entry, other_consent, other_note, other_disclosure, other_entry })
}

/// Text that is sometimes fine and often not: one of `fine`, nothing, anything (marked),
/// a hidden or line-breaking character inside a name, or far too much.
fn text(fine: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        40 => prop::sample::select(fine.to_vec()).prop_map(String::from),
        1 => Just(String::new()),
        2 => any::<String>().prop_map(|s| format!("{MARK}{s}")),
        2 => prop::sample::select(vec![
            "\u{202E}", "\u{200B}", "\u{2066}", "\u{FEFF}", "\0", "\u{7}", "\u{1B}[2J", "\n", "\r", "\t", "\u{85}",
        ])
        .prop_map(|c| format!("Ann{c}{MARK} Lee")),
        1 => (1usize..45_000, prop::sample::select(vec!['x', ' ', '\n', '🎨', '\u{202E}']))
            .prop_map(|(n, c)| format!("{MARK}{}", c.to_string().repeat(n))),
    ]
    .boxed()
}

/// Dates as typed: fine, empty (today), in the future, impossible, malformed, marked.
fn date() -> BoxedStrategy<String> {
    prop_oneof![
        30 => prop::sample::select(vec!["10/09/2026", "15/09/2026", "20/11/2026", "22/11/2026", "01/01/2020"])
            .prop_map(String::from),
        1 => Just(String::new()),
        3 => prop::sample::select(vec![
            "23/11/2026", "31/12/9999", "29/02/2025", "00/00/0000", "1/1/1", "22-11-2026", "2026-11-22",
            "22/11/26", "today", "31/04/2026", "01/01/1899", "99999999999/1/2026", "\u{202E}22/11/2026",
        ])
        .prop_map(String::from),
        1 => any::<String>().prop_map(|s| format!("{MARK}/{s}")),
    ]
    .boxed()
}

/// A closed-list value: one of `values`, a near miss, or anything.
fn choice(values: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        40 => prop::sample::select(values.to_vec()).prop_map(String::from),
        1 => prop::sample::select(values.to_vec()).prop_map(|v| v.to_uppercase().replace('-', "_")),
        1 => any::<String>().prop_map(|s| format!("{MARK}{s}")),
        1 => Just(String::new()),
    ]
    .boxed()
}

/// Which record an id names.
#[derive(Clone, Copy, Debug)]
enum Pick {
    Own,
    Other,
    Missing,
    Raw(i64),
}

fn pick() -> BoxedStrategy<Pick> {
    prop_oneof![
        4 => Just(Pick::Own),
        3 => Just(Pick::Other),
        1 => Just(Pick::Missing),
        1 => any::<i64>().prop_map(Pick::Raw),
    ]
    .boxed()
}

/// An attachment: its name (odd ones included) and size.
fn file() -> BoxedStrategy<Option<(String, usize)>> {
    let name = prop_oneof![
        4 => Just("form.pdf".to_string()),
        1 => Just(String::new()),
        1 => any::<String>().prop_map(|s| format!("{MARK}{s}.pdf")),
        1 => prop::sample::select(vec!["../../etc/passwd", "a\u{202E}fdp.exe", "x\0.pdf", "con.pdf", "a/b.pdf"])
            .prop_map(|s| format!("{MARK}{s}")),
        1 => (256usize..400).prop_map(|n| format!("{MARK}{}.pdf", "n".repeat(n))),
    ];
    prop::option::of((name, 0usize..600_000)).boxed()
}

#[derive(Clone, Debug)]
enum Op {
    Consent(ConsentForm, Option<(String, usize)>),
    Review(Pick, String, String),
    Withdraw(Pick, String, String),
    Agreement(AgreementForm, Option<(String, usize)>),
    Disclosure(DisclosureForm, Option<Pick>, Option<Pick>, Vec<(String, usize)>),
    Safeguarding(SafeguardingForm, [Option<Pick>; 3], Option<String>),
}

impl super::forms::Fixture for Fixture {
    fn vault(&self) -> u64 {
        self.vault
    }
}

impl FormOp for Op {
    fn name(&self) -> &'static str {
        match self {
            Op::Consent(..) => "consent",
            Op::Review(..) => "review",
            Op::Withdraw(..) => "withdraw",
            Op::Agreement(..) => "agreement",
            Op::Disclosure(..) => "disclosure",
            Op::Safeguarding(..) => "safeguarding",
        }
    }

    /// The fields a refusal of this form may name.
    fn fields(&self) -> &'static [&'static str] {
        match self {
            Op::Consent(..) => &[
                "purpose",
                "customPurpose",
                "givenBy",
                "competence",
                "how",
                "on",
                "told",
                "platforms",
                "failurePlan",
                "plan",
                "attachment",
            ],
            Op::Review(..) => &["id", "on", "note"],
            Op::Withdraw(..) => &["id", "on", "by"],
            Op::Agreement(..) => &["kind", "signedOn", "signedBy", "version", "attachment"],
            Op::Disclosure(..) => &[
                "on",
                "recipient",
                "recipientName",
                "professional",
                "what",
                "basis",
                "consent",
                "reason",
                "told",
                "toldOn",
                "decidedBy",
                "attachment",
            ],
            Op::Safeguarding(..) => &[
                "on",
                "time",
                "involved",
                "account",
                "action",
                "referredTo",
                "referredOn",
                "reference",
                "outcome",
                "note",
                "disclosure",
                "follows",
                "keepIdentifiers",
                "text",
            ],
        }
    }
}

const PURPOSES: &[&str] = &[
    "therapy",
    "parental-therapy",
    "online-contact",
    "recording",
    "artwork-photos",
    "supervision",
    "training",
    "funding",
    "publicity",
    "other",
];
const NAMES: &[&str] = &["Ann Lee", "ann lee", "client", "Bob Smith", "the school"];
const WORDS: &[&str] = &["Spoke to ML about the plan (test).", "Weekly sessions; photos of artwork (test).", "ML"];

fn op() -> impl Strategy<Value = Op> {
    let consent =
        (choice(PURPOSES), text(&["", "Reports to the school"]), text(NAMES), text(&["", "Judged able (test)."]))
            .prop_flat_map(|(purpose, custom_purpose, given_by, competence)| {
                (choice(&["written", "signed-contract", "verbal", "email"]), date(), text(WORDS), file()).prop_map(
                    move |(how, on, told, file)| {
                        let form = ConsentForm {
                            purpose: purpose.clone(),
                            custom_purpose: custom_purpose.clone(),
                            given_by: given_by.clone(),
                            competence: competence.clone(),
                            how,
                            on,
                            platforms: told.clone(),
                            failure_plan: told.clone(),
                            plan: told.clone(),
                            told,
                        };
                        Op::Consent(form, file)
                    },
                )
            });
    let agreement = (
        choice(&["confidentiality", "therapy-contract", "work-agreement"]),
        date(),
        text(NAMES),
        text(&["v3", ""]),
        file(),
    )
        .prop_map(|(kind, signed_on, signed_by, version, file)| {
            Op::Agreement(AgreementForm { kind, signed_on, signed_by, version }, file)
        });
    let disclosure = (
        (date(), choice(&["supervisor", "school", "gp", "safeguarding-team", "police", "court", "other"]), text(NAMES)),
        (
            text(WORDS),
            choice(&["consent", "supervision", "safeguarding", "court-order", "legal-duty", "vital-interests"]),
        ),
        (text(&["", "Risk of harm (test)."]), choice(&["client", "parent", "not-told"]), date(), text(&["", "DSL"])),
        (prop::option::of(pick()), prop::option::of(pick()), prop::collection::vec(file(), 0..3)),
    )
        .prop_map(
            |(
                (on, recipient, recipient_name),
                (what, basis),
                (reason, told, told_on, decided_by),
                (pro, consent, files),
            )| {
                let form = DisclosureForm {
                    on,
                    recipient,
                    recipient_name,
                    what,
                    basis,
                    reason,
                    told,
                    told_on,
                    decided_by,
                    ..DisclosureForm::default()
                };
                Op::Disclosure(form, pro, consent, files.into_iter().flatten().collect())
            },
        );
    let safeguarding = (
        (date(), text(&["", "14:30", "25:00", "9", "09:5"]), text(&["ML; the DSL"]), text(WORDS), text(WORDS)),
        (text(&["", "Children's services"]), date(), text(&["", "CS-1"]), text(&["", "Plan agreed (test)."])),
        (prop::option::of(pick()), prop::option::of(pick()), prop::option::of(pick())),
        prop::option::of(text(&["her exact words matter", ""])),
    )
        .prop_map(
            |(
                (on, time, involved, account, action),
                (referred_to, referred_on, reference, outcome),
                (n, d, f),
                keep,
            )| {
                let form = SafeguardingForm {
                    on,
                    time,
                    involved,
                    account,
                    action,
                    referred_to,
                    referred_on,
                    reference,
                    outcome,
                    ..SafeguardingForm::default()
                };
                Op::Safeguarding(form, [n, d, f], keep)
            },
        );
    prop_oneof![
        3 => consent,
        2 => (pick(), date(), text(WORDS)).prop_map(|(p, on, note)| Op::Review(p, on, note)),
        2 => (pick(), date(), text(NAMES)).prop_map(|(p, on, by)| Op::Withdraw(p, on, by)),
        2 => agreement,
        3 => disclosure,
        3 => safeguarding,
    ]
}

/// The id a pick names, for a kind of record.
fn id(pick: Pick, own: i64, other: i64) -> i64 {
    match pick {
        Pick::Own => own,
        Pick::Other => other,
        Pick::Missing => 999_999,
        Pick::Raw(n) => n,
    }
}

fn run(vault: &mut Vault, fx: &Fixture, op: &Op) -> folio_core::Result<()> {
    let bytes = |len: usize| vec![b'%'; len];
    let code = fx.code.as_str();
    match op.clone() {
        Op::Consent(form, file) => {
            let body = file.as_ref().map(|(_, len)| bytes(*len)).unwrap_or_default();
            let mut reader = body.as_slice();
            let told = file.map(|(name, _)| Incoming::Stream { file_name: name, reader: &mut reader });
            consents::add(vault, code, form, told).map(drop)
        }
        Op::Review(p, on, note) => {
            consents::review(vault, id(p, fx.own_consent, fx.other_consent), &on, &note).map(drop)
        }
        Op::Withdraw(p, on, by) => {
            consents::withdraw(vault, id(p, fx.own_consent, fx.other_consent), &on, &by).map(drop)
        }
        Op::Agreement(form, file) => {
            let body = file.as_ref().map(|(_, len)| bytes(*len)).unwrap_or_default();
            let mut reader = body.as_slice();
            let copy = file.map(|(name, _)| Incoming::Stream { file_name: name, reader: &mut reader });
            agreements::add(vault, code, form, copy).map(drop)
        }
        Op::Disclosure(mut form, pro, consent, files) => {
            form.professional = pro.map(|p| id(p, 1, 2));
            form.consent = consent.map(|p| id(p, fx.own_consent, fx.other_consent));
            let bodies: Vec<Vec<u8>> = files.iter().map(|(_, len)| bytes(*len)).collect();
            let mut readers: Vec<&[u8]> = bodies.iter().map(Vec::as_slice).collect();
            let attachments = files
                .iter()
                .zip(readers.iter_mut())
                .map(|((name, _), reader)| Incoming::Stream { file_name: name.clone(), reader })
                .collect();
            disclosures::add(vault, code, form, attachments, None).map(drop)
        }
        Op::Safeguarding(mut form, [note, disclosure, follows], keep) => {
            // Mia has no note or disclosure of her own: "own" is a missing one.
            form.note = note.map(|p| id(p, 999_998, fx.other_note));
            form.disclosure = disclosure.map(|p| id(p, 999_997, fx.other_disclosure));
            form.follows = follows.map(|p| id(p, fx.own_entry, fx.other_entry));
            safeguarding::add(vault, code, form, keep.as_deref()).map(drop)
        }
    }
}

#[test]
fn hostile_ledger_forms_never_panic_refuse_plainly_and_change_nothing() {
    fuzz_forms("ledger", file!(), op(), &[ErrorCode::InvalidInput, ErrorCode::IdentifiersFound], fixture, run);
}
