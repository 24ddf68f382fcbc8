//! Handover shares as typed or read from a file: a real share's text mutated (bytes
//! changed, inserted, removed, lines cut) and arbitrary bytes into `handover::shares::parse`.
//! Never a panic; a mutated share that is accepted is the same share (its number, set and
//! words: the words' checks bind them), so a mistake can never become another share; a
//! refusal never repeats a word of the share.

use folio_core::handover::{self, shares, HandoverForm, Successor};
use proptest::prelude::*;

use super::{arbitrary_bytes, fuzz, messages, mutate, mutations, no_echo, Tally};

/// One share of a real 2-of-3 handover, made once.
fn seed_share() -> String {
    let tmp = crate::tempdir();
    let mut vault = crate::create(&tmp.path().join("v"));
    let form = HandoverForm {
        holders: vec!["A One".into(), "B Two".into(), "C Three".into()],
        successor: Successor { name: "D Four".into(), ..Successor::default() },
        ..HandoverForm::default()
    };
    let issued = handover::setup(&mut vault, &form).unwrap_or_else(|e| panic!("{e}"));
    issued.text(1).map(|t| t.to_string()).unwrap_or_default()
}

/// Every sentence a refusal of a share can say, to tell Folio's words from echoed ones.
fn folio_own_words() -> String {
    use folio_core::handover::words::WordProblem;
    let problems = [
        WordProblem::UnknownWord { line: 1, word: 1 },
        WordProblem::LineLength { line: 1, found: 1 },
        WordProblem::LineCount { found: 1 },
        WordProblem::LineChecks { lines: vec![1] },
        WordProblem::LineChecks { lines: vec![1, 2] },
        WordProblem::LineChecks { lines: (1..=6).collect() },
        WordProblem::WholeShare,
    ];
    let mut text: String = problems.iter().map(|p| p.in_words()).collect::<Vec<_>>().join(" ");
    text.push_str(" share-2.txt cannot be read: it has no line at the top like Vault Set Share Needed of Copy the whole share, with its top lines. its or line gives numbers a share cannot have. Check them against the printed share. its top lines say share with needed, which cannot be. Check the and lines. its lines of words must be numbered to in order. Check the numbers at the left.");
    text.to_lowercase()
}

#[test]
fn hostile_share_texts_never_panic_never_become_another_share_and_never_echo_words() {
    let original = seed_share();
    let seed = shares::parse("seed", &original).unwrap_or_else(|e| panic!("{e}"));
    let seed_words = seed.words().lines();
    // Words of the list that Folio's own messages use ("line", "check", "word"…) could
    // appear in a refusal without being echoed: only the others are looked for.
    let ours = folio_own_words();
    let words: Vec<&str> = seed_words.iter().flatten().copied().filter(|w| !ours.contains(*w)).collect();
    let tally = Tally::default();
    let strategy = prop_oneof![
        6 => mutations(4, 64).prop_map(|m| mutate(original.as_bytes(), &m)),
        1 => arbitrary_bytes(),
    ];
    fuzz("shares", file!(), strategy, &tally, String::new, |bytes| {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let read = tally.guard(|| shares::parse("share-2.txt", &text))?;
        tally.outcome(read.is_ok());
        match read {
            Ok(share) => {
                prop_assert_eq!((share.number, share.set), (seed.number, seed.set));
                prop_assert_eq!(share.words().lines(), seed_words.clone());
            }
            Err(e) => {
                prop_assert_eq!(e.code(), folio_core::ErrorCode::InvalidInput);
                no_echo(&messages(&e), &words)?;
            }
        }
        Ok(())
    });
}
