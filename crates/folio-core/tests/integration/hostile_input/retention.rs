//! Retention and destruction fed hostile values: `retention::status` with any `as_of` and
//! client, `retention::hold` and `release` with any client and reason, `set_grace_days` with
//! any typed value, `set_preset` with any id, and a destruction certificate for any record
//! and any "for whom": empty, whitespace, emoji, control characters and NUL, direction
//! overrides, 10 MB, impossible and malformed dates (31/02/2026, 00/00/0000, a five-digit
//! year), numbers past every limit. Never a panic; every refusal is `InvalidInput`, names a
//! field of its form, never repeats what was typed, and changes nothing in the vault.

use folio_core::referrals::ReferralForm;
use folio_core::retention::{self, destroy};
use folio_core::{clients, ErrorCode, Vault};
use proptest::prelude::*;

use super::forms::{fuzz_forms, FormOp, MARK};
use crate::{pw, referral, PASSWORD};

/// Mia (therapy ended 31/03/2026), Kai (in therapy), and the destruction record of Ola
/// (born 1980, therapy ended in 2010), destroyed on the fixture's day.
struct Fixture {
    vault: u64,
    mia: String,
    kai: String,
    record: i64,
}

impl super::forms::Fixture for Fixture {
    fn vault(&self) -> u64 {
        self.vault
    }
}

fn client(vault: &mut Vault, form: ReferralForm, states: &[(&str, &str, &str)]) -> folio_core::Result<String> {
    let code = clients::add_referral(vault, form)?.code;
    for (state, on, note) in states {
        clients::change_state(vault, &code, state, on, note)?;
    }
    Ok(code)
}

fn fixture(vault: &mut Vault, made: u64) -> folio_core::Result<Fixture> {
    retention::set_preset(vault, "bedfordshire")?;
    let therapy = |start: &'static str, from: &'static str| [("assessment", start, ""), ("in-therapy", from, "")];
    let [a, b] = therapy("08/09/2025", "15/09/2025");
    let mia = client(
        vault,
        referral("Mia", "Lee", "10/12/2015", "01/09/2025"),
        &[a, b, ("ended", "31/03/2026", "planned ending")],
    )?;
    let kai = client(vault, referral("Kai", "Moss", "02/02/2016", "01/09/2026"), &therapy("08/09/2026", "15/09/2026"))?;
    let [a, b] = therapy("08/09/2008", "15/09/2008");
    client(
        vault,
        referral("Ola", "Nowak", "01/01/1980", "01/09/2008"),
        &[a, b, ("ended", "31/03/2010", "moved away")],
    )?;
    destroy::set_grace_days(vault, "0")?;
    retention::confirm(vault, &pw(PASSWORD))?;
    let record = retention::run_due(vault)?.first().map(|r| r.id).unwrap_or(-1);
    destroy::set_grace_days(vault, "14")?;
    Ok(Fixture { vault: made, mia, kai, record })
}

/// A value that is sometimes fine and often hostile.
fn hostile(fine: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        20 => prop::sample::select(fine.to_vec()).prop_map(String::from),
        2 => prop::sample::select(vec!["", " ", "\t", "\n\n"]).prop_map(String::from),
        3 => any::<String>().prop_map(|s| format!("{MARK}{s}")),
        3 => prop::sample::select(vec!["\0", "\u{1B}[2J", "\u{7}", "\u{202E}", "\u{200B}", "\u{FEFF}", "\r\n", "\u{85}", "🎨", "👩‍👧‍👦"])
            .prop_map(|c| format!("{MARK}{c}A")),
        1 => prop::sample::select(vec!['x', ' ', '\0', '🎨']).prop_map(|c| format!("{MARK}{}", c.to_string().repeat(10 << 20))),
    ]
    .boxed()
}

const DATES: &[&str] = &[
    "",
    "22/11/2026",
    "01/01/2041",
    "31/12/9999",
    "01/01/0001",
    "29/02/2028",
    "29/02/2025",
    "31/02/2026",
    "00/00/0000",
    "01/01/99999",
    "1/1/2026",
    "22-11-2026",
    "22/11/26",
    "2026/11/22",
    "+1/01/2026",
    "٢٢/١١/٢٠٢٦",
];
const REASONS: &[&str] = &["A claim from the family's solicitor", "Subject access request", "Inquiry"];
const DAYS: &[&str] =
    &["0", "14", "90", "91", "-1", "+5", " 7 ", "1e2", "3.0", "٣", "4294967296", "18446744073709551616", "seven"];
const PRESETS: &[&str] =
    &["bedfordshire", "cambridge", "mind", "nhs", "NHS", " mind ", "gdpr", "nhs\0", "ｎｈｓ", "MİND", "bedfordshire2"];
const WHOM: &[&str] = &["the practice's records", "An auditor", "ICO"];

/// Which client a form names.
#[derive(Clone, Debug)]
enum Pick {
    Ended,
    InTherapy,
    Destroyed,
    Typed(String),
}

fn pick() -> BoxedStrategy<Pick> {
    prop_oneof![
        4 => Just(Pick::Ended),
        2 => Just(Pick::InTherapy),
        1 => Just(Pick::Destroyed),
        2 => hostile(&["ZZ-9999", "ml-0001", " ML-0001 "]).prop_map(Pick::Typed),
    ]
    .boxed()
}

#[derive(Clone, Debug)]
enum Op {
    Status(String, Option<Pick>),
    Hold(Pick, String),
    Release(Pick),
    Grace(String),
    Preset(String),
    Certificate(Option<i64>, String),
}

impl FormOp for Op {
    fn name(&self) -> &'static str {
        match self {
            Op::Status(..) => "status",
            Op::Hold(..) => "hold",
            Op::Release(..) => "release",
            Op::Grace(..) => "grace",
            Op::Preset(..) => "preset",
            Op::Certificate(..) => "certificate",
        }
    }

    fn fields(&self) -> &'static [&'static str] {
        match self {
            Op::Status(..) => &["asOf", "code"],
            Op::Hold(..) => &["code", "reason"],
            Op::Release(..) => &["code"],
            Op::Grace(..) => &["graceDays"],
            Op::Preset(..) => &["preset"],
            Op::Certificate(..) => &["id", "forWhom"],
        }
    }
}

fn op() -> impl Strategy<Value = Op> {
    let record = prop::option::of(prop_oneof![Just(0i64), Just(-1), Just(2), Just(i64::MAX), Just(i64::MIN)]);
    prop_oneof![
        3 => (hostile(DATES), prop::option::of(pick())).prop_map(|(on, p)| Op::Status(on, p)),
        3 => (pick(), hostile(REASONS)).prop_map(|(p, r)| Op::Hold(p, r)),
        1 => pick().prop_map(Op::Release),
        2 => hostile(DAYS).prop_map(Op::Grace),
        2 => hostile(PRESETS).prop_map(Op::Preset),
        2 => (record, hostile(WHOM)).prop_map(|(id, whom)| Op::Certificate(id, whom)),
    ]
}

fn code(p: &Pick, fx: &Fixture) -> String {
    match p {
        Pick::Ended => fx.mia.clone(),
        Pick::InTherapy => fx.kai.clone(),
        Pick::Destroyed => "ON-0003".into(),
        Pick::Typed(s) => s.clone(),
    }
}

fn run(vault: &mut Vault, fx: &Fixture, op: &Op) -> folio_core::Result<()> {
    match op {
        Op::Status(on, p) => retention::status(vault, on, p.as_ref().map(|p| code(p, fx)).as_deref()).map(drop),
        Op::Hold(p, reason) => retention::hold(vault, &code(p, fx), reason).map(drop),
        Op::Release(p) => retention::release(vault, &code(p, fx)).map(drop),
        Op::Grace(days) => destroy::set_grace_days(vault, days).map(drop),
        Op::Preset(id) => retention::set_preset(vault, id).map(drop),
        Op::Certificate(id, whom) => {
            retention::destruction_certificate_pdf(vault, id.unwrap_or(fx.record), whom).map(drop)
        }
    }
}

#[test]
fn hostile_retention_values_never_panic_refuse_plainly_naming_the_field_and_change_nothing() {
    fuzz_forms("retention", file!(), op(), &[ErrorCode::InvalidInput], fixture, run);
}
