//! The artwork inventory and its photos and recordings, fed arbitrary forms: `artwork::add`
//! (descriptions, dates, media, sizes, locations, sessions of every shape, another client's
//! session), the four changes on a piece that is held, gone, another client's or none, and
//! `media::add` with odd kinds, names and bytes (a photo that is not one, a recording named
//! like a photo, another client's piece or session). Never a panic; every refusal is
//! `InvalidInput`, names a field of its form, never repeats what was typed, and changes
//! nothing in the vault.

use folio_core::artwork::{self, ArtworkForm};
use folio_core::consents::{self, ConsentForm};
use folio_core::media::{self, MediaForm};
use folio_core::referrals::{Contact, ReferralForm};
use folio_core::sessions::{self, SessionForm};
use folio_core::{clients, ErrorCode, Vault};
use proptest::prelude::*;

use super::forms::{fuzz_forms, FormOp, MARK};
use crate::referral;

/// Mia (a child in therapy, with a session, a photo consent and a written recording
/// consent; recording turned on) and Ola (another client, with a piece and a session).
struct Fixture {
    vault: u64,
    code: String,
    own_session: i64,
    other_session: i64,
    other_piece: String,
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
    let session = |on: &str| SessionForm {
        on: on.into(),
        start_time: "10:00".into(),
        minutes: 45,
        mode: "in-person".into(),
        outcome: "attended".into(),
        ..SessionForm::default()
    };
    let own_session = sessions::add(vault, &code, session("22/09/2026"))?.id;
    folio_core::sessions::settings::set_records_sessions(vault, "yes")?;
    let consent = |purpose: &str, plan: &str| ConsentForm {
        purpose: purpose.into(),
        given_by: "Ann Lee".into(),
        how: "written".into(),
        on: "10/09/2026".into(),
        plan: plan.into(),
        ..ConsentForm::default()
    };
    consents::add(vault, &code, consent("artwork-photos", ""), None)?;
    consents::add(vault, &code, consent("recording", "Listening back together (test)"), None)?;
    let other = clients::add_referral(vault, referral("Ola", "Nowak", "01/01/1990", "01/09/2026"))?.code;
    let other_session = sessions::add(vault, &other, session("23/09/2026"))?.id;
    let other_piece = artwork::add(
        vault,
        &other,
        ArtworkForm {
            description: "ON's drawing (test)".into(),
            location: "Cabinet A".into(),
            ..ArtworkForm::default()
        },
    )?
    .reference;
    Ok(Fixture { vault: made, code, own_session, other_session, other_piece })
}

/// Text that is sometimes fine and often not.
fn text(fine: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        30 => prop::sample::select(fine.to_vec()).prop_map(String::from),
        2 => Just(String::new()),
        2 => any::<String>().prop_map(|s| format!("{MARK}{s}")),
        2 => prop::sample::select(vec!["\u{202E}", "\u{200B}", "\u{FEFF}", "\0", "\u{1B}[2J", "\n", "\r", "\u{85}"])
            .prop_map(|c| format!("Cabinet{c}{MARK} A")),
        1 => (1usize..30_000, prop::sample::select(vec!['x', ' ', '\n', '🎨']))
            .prop_map(|(n, c)| format!("{MARK}{}", c.to_string().repeat(n))),
    ]
    .boxed()
}

fn date() -> BoxedStrategy<String> {
    prop_oneof![
        20 => prop::sample::select(vec!["", "22/09/2026", "20/11/2026", "22/11/2026"]).prop_map(String::from),
        3 => prop::sample::select(vec![
            "23/11/2026", "01/01/2020", "29/02/2025", "00/00/0000", "22-11-2026", "31/04/2026", "today", "\u{202E}22/11/2026",
        ])
        .prop_map(String::from),
        1 => any::<String>().prop_map(|s| format!("{MARK}/{s}")),
    ]
    .boxed()
}

/// Which piece or session a form names.
#[derive(Clone, Copy, Debug)]
enum Pick {
    Own,
    Other,
    Missing,
    Raw(i64),
}

fn pick() -> BoxedStrategy<Pick> {
    prop_oneof![4 => Just(Pick::Own), 2 => Just(Pick::Other), 1 => Just(Pick::Missing), 1 => any::<i64>().prop_map(Pick::Raw)]
        .boxed()
}

/// A file's name: a photo, a recording, nothing, odd, or marked.
fn file_name() -> BoxedStrategy<String> {
    prop_oneof![
        6 => prop::sample::select(vec!["piece.png", "piece.jpg", "piece.webp", "session.m4a", "session.wav", "session.mp4"])
            .prop_map(String::from),
        1 => prop::sample::select(vec!["piece.heic", "piece.gif", "notes.pdf", "", "a/b.png", "x\0.png", "PIECE.PNG"])
            .prop_map(String::from),
        1 => any::<String>().prop_map(|s| format!("{MARK}{s}.png")),
    ]
    .boxed()
}

/// The file's bytes: a real small PNG, arbitrary bytes, or nothing.
#[derive(Clone, Debug)]
enum Body {
    Png(u32),
    Bytes(Vec<u8>),
}

fn body() -> BoxedStrategy<Body> {
    prop_oneof![
        3 => (1u32..64).prop_map(Body::Png),
        2 => prop::collection::vec(any::<u8>(), 0..4_000).prop_map(Body::Bytes),
    ]
    .boxed()
}

#[derive(Clone, Debug)]
enum Change {
    Move,
    Return,
    Keep,
    Dispose,
}

#[derive(Clone, Debug)]
enum Op {
    Add(ArtworkForm, Option<Pick>),
    Change(Change, Pick, String, String),
    Media(MediaForm, Option<Pick>, Option<Pick>, String, Body),
}

impl super::forms::Fixture for Fixture {
    fn vault(&self) -> u64 {
        self.vault
    }
}

impl FormOp for Op {
    fn name(&self) -> &'static str {
        match self {
            Op::Add(..) => "artwork",
            Op::Change(..) => "change",
            Op::Media(..) => "media",
        }
    }

    fn fields(&self) -> &'static [&'static str] {
        match self {
            Op::Add(..) => &["code", "description", "made", "medium", "size", "location", "session"],
            Op::Change(..) => &["reference", "on", "location", "to", "reason", "how"],
            Op::Media(..) => &["code", "kind", "file", "attachment", "artwork", "session", "caption", "consent"],
        }
    }
}

const WORDS: &[&str] = &["Clay figure (test)", "Drum pattern drawing", "A3", "Paint", "Cabinet A, drawer 2"];

fn op() -> impl Strategy<Value = Op> {
    let add = (text(WORDS), date(), text(WORDS), text(WORDS), text(WORDS), prop::option::of(pick())).prop_map(
        |(description, made, medium, size, location, session)| {
            Op::Add(ArtworkForm { description, made, medium, size, location, session: None }, session)
        },
    );
    let change = (
        prop::sample::select(vec![Change::Move, Change::Return, Change::Keep, Change::Dispose]),
        pick(),
        date(),
        text(WORDS),
    )
        .prop_map(|(kind, p, on, detail)| Op::Change(kind, p, on, detail));
    let kind = prop_oneof![
        10 => prop::sample::select(vec!["photo", "audio", "video"]).prop_map(String::from),
        1 => prop::sample::select(vec!["PHOTO", "picture", ""]).prop_map(String::from),
        1 => any::<String>().prop_map(|s| format!("{MARK}{s}")),
    ];
    let media = (kind, prop::option::of(pick()), prop::option::of(pick()), text(WORDS), file_name(), body()).prop_map(
        |(kind, art, session, caption, name, body)| {
            Op::Media(MediaForm { kind, artwork: None, session: None, caption }, art, session, name, body)
        },
    );
    prop_oneof![3 => add, 3 => change, 3 => media]
}

fn session_id(p: Pick, fx: &Fixture) -> i64 {
    match p {
        Pick::Own => fx.own_session,
        Pick::Other => fx.other_session,
        Pick::Missing => 999_999,
        Pick::Raw(n) => n,
    }
}

fn run(vault: &mut Vault, fx: &Fixture, op: &Op) -> folio_core::Result<()> {
    let code = fx.code.as_str();
    match op.clone() {
        Op::Add(mut form, session) => {
            form.session = session.map(|p| session_id(p, fx));
            artwork::add(vault, code, form).map(drop)
        }
        Op::Change(kind, p, on, detail) => {
            let own = artwork::list(vault, Some(code))?.first().map(|a| a.reference.clone()).unwrap_or_default();
            let reference = match p {
                Pick::Own => own,
                Pick::Other => fx.other_piece.clone(),
                Pick::Missing => "ART-9999".into(),
                Pick::Raw(n) => format!("{MARK}{n}"),
            };
            match kind {
                Change::Move => artwork::move_to(vault, &reference, &detail, &on),
                Change::Return => artwork::return_to(vault, &reference, &on, &detail),
                Change::Keep => artwork::keep(vault, &reference, &on, &detail),
                Change::Dispose => artwork::dispose(vault, &reference, &on, &detail),
            }
            .map(drop)
        }
        Op::Media(mut form, art, session, name, body) => {
            let own = artwork::list(vault, Some(code))?.first().map(|a| a.reference.clone());
            form.artwork = art.map(|p| match p {
                Pick::Own => own.clone().unwrap_or_default(),
                Pick::Other => fx.other_piece.clone(),
                Pick::Missing => "ART-9999".into(),
                Pick::Raw(n) => format!("{MARK}{n}"),
            });
            form.session = session.map(|p| session_id(p, fx));
            let bytes = match body {
                Body::Png(side) => folio_core::demo::square_png([10, 20, 30], side),
                Body::Bytes(b) => b,
            };
            media::add_stream(vault, code, form, &name, &mut bytes.as_slice()).map(drop)
        }
    }
}

#[test]
fn hostile_artwork_and_media_forms_never_panic_refuse_plainly_and_change_nothing() {
    fuzz_forms("artwork", file!(), op(), &[ErrorCode::InvalidInput], fixture, run);
}
