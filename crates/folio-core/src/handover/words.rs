//! A share's bytes as words a person can copy by hand, each line with its own check.
//!
//! The words are the BIP-39 English list (2,048 words, so 11 bits a word; the official
//! `english.txt`, checked in beside this file and pinned by its SHA-256 in a test). Every
//! word is unique in its first four letters, so those four are enough when typing.
//!
//! BIP-39's own checksum covers a whole phrase and only says that *something* is wrong,
//! and a share is not a BIP-39 length. Here the 32 bytes of a share plus one byte that
//! checks the whole share (33 bytes = 24 words of 11 bits) are laid out in 6 lines of 4
//! words, and each line gets a fifth word, its check, so that a mistake is found *and its
//! line named*. The check is a parity symbol over GF(2^11) (one Reed–Solomon symbol):
//! for the five words `w0..w4` of line `L`, `Σ αⁱ·wᵢ + α^L·g = 0`, where `g` is derived
//! from the share and set numbers. Because the field has no zero divisors this catches,
//! with certainty rather than by luck, every single wrong word (`αⁱ·δ ≠ 0`), every swap
//! of two neighbouring words (`(αⁱ + αⁱ⁺¹)·δ ≠ 0`, as `α ≠ 1`), a line copied in the wrong
//! place (`α^a·g ≠ α^b·g`) and a share or set number mistyped at the top (every line then
//! fails). A hash cut to 11 bits would miss one mistake in 2,048.

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::Error;

/// The official BIP-39 English word list, one word a line.
const LIST: &str = include_str!("bip39-english.txt");

/// Bytes of a share's secret part (the handover secret is 32 bytes; each share's part is
/// as long as the secret).
pub const SHARE_BYTES: usize = 32;
/// Lines of words on a share, and words on each (four carry the share, the last checks).
pub const LINES: usize = 6;
pub const WORDS_PER_LINE: usize = 5;
const DATA_WORDS_PER_LINE: usize = WORDS_PER_LINE - 1;

/// GF(2^11) with the primitive polynomial x¹¹ + x² + 1; α = x (2).
const POLY: u16 = 0x805;
const FIELD_BITS: u32 = 11;
const ORDER: u32 = (1 << FIELD_BITS) - 1;

/// The 2,048 words, in list order (a word's index is its 11-bit value). The list is in
/// alphabetical order, which [`index_of`] relies on.
pub fn word_list() -> &'static [&'static str] {
    static WORDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| LIST.lines().collect())
}

fn word_at(index: u16) -> &'static str {
    word_list().get(usize::from(index)).copied().unwrap_or("")
}

/// A typed word's index: the whole word or its first four letters (every word of the list
/// is unique in those), in any case.
fn index_of(typed: &str) -> Option<u16> {
    let typed = typed.to_lowercase();
    let list = word_list();
    let at = list.partition_point(|w| *w < typed.as_str());
    let word = list.get(at)?;
    let found = *word == typed || (typed.chars().count() == 4 && word.starts_with(&typed));
    if found {
        u16::try_from(at).ok()
    } else {
        None
    }
}

fn gf_mul(a: u16, b: u16) -> u16 {
    let (mut a, mut b, mut product) = (u32::from(a), u32::from(b), 0u32);
    while b != 0 {
        if b & 1 != 0 {
            product ^= a;
        }
        b >>= 1;
        a <<= 1;
        if a & (1 << FIELD_BITS) != 0 {
            a ^= u32::from(POLY);
        }
    }
    (product & ORDER) as u16
}

fn gf_pow(mut base: u16, mut exp: u32) -> u16 {
    let mut result = 1u16;
    while exp != 0 {
        if exp & 1 != 0 {
            result = gf_mul(result, base);
        }
        base = gf_mul(base, base);
        exp >>= 1;
    }
    result
}

/// α^i.
fn alpha(i: u32) -> u16 {
    gf_pow(2, i % ORDER)
}

/// The tweak `g` of a share: a non-zero field element from the share and set numbers, so
/// that the lines of one share do not check under another number.
fn tweak(share: u8, set: u32) -> u16 {
    let digest = Sha256::new()
        .chain_update(b"folio-handover-line-v1")
        .chain_update([share])
        .chain_update(set.to_be_bytes())
        .finalize();
    let value = u16::from_be_bytes([digest[0], digest[1]]) & ORDER as u16;
    if value == 0 {
        1
    } else {
        value
    }
}

/// The sum `Σ αⁱ·wᵢ + α^L·g` of a line (1-based `line`); zero for a sound line.
fn syndrome(words: &[u16], line: usize, g: u16) -> u16 {
    let mut sum = gf_mul(alpha(line as u32), g);
    for (i, &w) in words.iter().enumerate() {
        sum ^= gf_mul(alpha(i as u32), w);
    }
    sum
}

/// The byte that checks a whole share (its last eight bits of words): catches what line
/// checks cannot, two mistakes in one line that cancel out (one time in 2,048).
fn share_check(share: u8, set: u32, bytes: &[u8]) -> u8 {
    let digest = Sha256::new()
        .chain_update(b"folio-handover-share-v1")
        .chain_update([share])
        .chain_update(set.to_be_bytes())
        .chain_update(bytes)
        .finalize();
    digest[0]
}

/// A share's words, held as their indices in the list and wiped on drop.
pub struct ShareWords(Zeroizing<Vec<u16>>);

impl ShareWords {
    /// The words line by line (each `&str` points into the word list, which is public; the
    /// choice of words is the secret, and lives in the wiped indices and the wiped texts
    /// made from them).
    pub fn lines(&self) -> Vec<Vec<&'static str>> {
        self.0.chunks(WORDS_PER_LINE).map(|line| line.iter().map(|&w| word_at(w)).collect()).collect()
    }

    /// The lines as one would type them: "1  word word word word word", in one wiped text.
    pub fn numbered(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::new());
        for (i, line) in self.lines().iter().enumerate() {
            text.push_str(&format!("{}  {}\n", i + 1, line.join(" ")));
        }
        text
    }
}

/// Encodes a share's 32 bytes as 6 lines of 5 words (the fifth is the line's check).
pub fn encode(share: u8, set: u32, bytes: &[u8; SHARE_BYTES]) -> ShareWords {
    let mut payload = Zeroizing::new(Vec::with_capacity(SHARE_BYTES + 1));
    payload.extend_from_slice(bytes);
    payload.push(share_check(share, set, bytes));
    let values = to_elevens(&payload);
    let g = tweak(share, set);
    let inverse_last = gf_pow(alpha(DATA_WORDS_PER_LINE as u32), ORDER - 1);
    let mut words = Zeroizing::new(Vec::with_capacity(LINES * WORDS_PER_LINE));
    for (l, chunk) in values.chunks(DATA_WORDS_PER_LINE).enumerate() {
        // Solve Σ αⁱ·wᵢ + α⁴·c + α^L·g = 0 for the check word c.
        let check = gf_mul(inverse_last, syndrome(chunk, l + 1, g));
        words.extend_from_slice(chunk);
        words.push(check);
    }
    ShareWords(words)
}

/// What is wrong with the words of a share, by position (1-based), never by content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordProblem {
    /// Not a word of the list (and not its first four letters).
    UnknownWord { line: usize, word: usize },
    /// A line with more or fewer than five words.
    LineLength { line: usize, found: usize },
    /// The wrong number of lines.
    LineCount { found: usize },
    /// Lines whose check word does not agree with their other words.
    LineChecks { lines: Vec<usize> },
    /// Every line checks but the share as a whole does not.
    WholeShare,
}

impl WordProblem {
    /// The problem in words, with what to do about it.
    pub fn in_words(&self) -> String {
        match self {
            WordProblem::UnknownWord { line, word } => format!(
                "line {line}, word {word} is not one of the share words. Check that word against the printed share."
            ),
            WordProblem::LineLength { line, found } => format!(
                "line {line} has {found} words; every line has {WORDS_PER_LINE}. Check that line against the printed share."
            ),
            WordProblem::LineCount { found } => format!(
                "it has {found} numbered lines of words; a share has {LINES}. Copy every line, with its number."
            ),
            WordProblem::LineChecks { lines } if lines.len() == LINES => "none of its lines checks. Check the share and set numbers at the top, then the words.".to_string(),
            WordProblem::LineChecks { lines } => {
                let named: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                let (which, verb) = if lines.len() == 1 { ("line", "does") } else { ("lines", "do") };
                format!(
                    "{which} {} {verb} not check: a word there is mistyped, or two are swapped. Check {} against the printed share.",
                    and_list(&named),
                    if lines.len() == 1 { "that line" } else { "those lines" }
                )
            }
            WordProblem::WholeShare => "its lines each check, but the share as a whole does not: two words of one line may be wrong. Check every word against the printed share.".to_string(),
        }
    }
}

/// "1", "1 and 2", "1, 2 and 3".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Decodes 6 lines of 5 typed words back to a share's 32 bytes.
pub fn decode(
    share: u8,
    set: u32,
    lines: &[Vec<String>],
) -> std::result::Result<Zeroizing<[u8; SHARE_BYTES]>, WordProblem> {
    if lines.len() != LINES {
        return Err(WordProblem::LineCount { found: lines.len() });
    }
    let mut values = Zeroizing::new(Vec::with_capacity(LINES * WORDS_PER_LINE));
    for (l, line) in lines.iter().enumerate() {
        for (w, typed) in line.iter().enumerate() {
            let index = index_of(typed).ok_or(WordProblem::UnknownWord { line: l + 1, word: w + 1 })?;
            values.push(index);
        }
        if line.len() != WORDS_PER_LINE {
            return Err(WordProblem::LineLength { line: l + 1, found: line.len() });
        }
    }
    let g = tweak(share, set);
    let failing: Vec<usize> = values
        .chunks(WORDS_PER_LINE)
        .enumerate()
        .filter(|(l, words)| syndrome(words, l + 1, g) != 0)
        .map(|(l, _)| l + 1)
        .collect();
    if !failing.is_empty() {
        return Err(WordProblem::LineChecks { lines: failing });
    }
    let data: Zeroizing<Vec<u16>> =
        Zeroizing::new(values.chunks(WORDS_PER_LINE).flat_map(|line| line[..DATA_WORDS_PER_LINE].to_vec()).collect());
    let payload = from_elevens(&data);
    let mut bytes = Zeroizing::new([0u8; SHARE_BYTES]);
    bytes.copy_from_slice(&payload[..SHARE_BYTES]);
    if payload[SHARE_BYTES] != share_check(share, set, bytes.as_slice()) {
        return Err(WordProblem::WholeShare);
    }
    Ok(bytes)
}

/// 33 bytes → 24 values of 11 bits, most significant first.
fn to_elevens(bytes: &[u8]) -> Zeroizing<Vec<u16>> {
    let mut out = Zeroizing::new(Vec::with_capacity(bytes.len() * 8 / 11));
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= FIELD_BITS {
            bits -= FIELD_BITS;
            out.push(((acc >> bits) & ORDER) as u16);
        }
        acc &= (1 << bits) - 1;
    }
    zeroize::Zeroize::zeroize(&mut acc);
    out
}

/// 24 values of 11 bits → 33 bytes.
fn from_elevens(values: &[u16]) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(values.len() * 11 / 8));
    let (mut acc, mut bits) = (0u32, 0u32);
    for &v in values {
        acc = (acc << FIELD_BITS) | u32::from(v);
        bits += FIELD_BITS;
        while bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    zeroize::Zeroize::zeroize(&mut acc);
    out
}

/// Checks that the embedded list is the official one (used by the tests).
#[cfg(test)]
pub(crate) fn list_sha256() -> String {
    hex::encode(Sha256::digest(LIST.as_bytes()))
}

impl From<WordProblem> for Error {
    fn from(problem: WordProblem) -> Error {
        Error::invalid("share", format!("This share cannot be read: {}", problem.in_words()))
    }
}

/// Splits typed word lines into words (any spacing, any case).
pub(crate) fn split_words(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(seed: u8) -> [u8; SHARE_BYTES] {
        let mut bytes = [0u8; SHARE_BYTES];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = seed.wrapping_mul(31).wrapping_add((i as u8).wrapping_mul(97));
        }
        bytes
    }

    fn typed(lines: &[Vec<&str>]) -> Vec<Vec<String>> {
        lines.iter().map(|l| l.iter().map(|w| w.to_string()).collect()).collect()
    }

    #[test]
    fn the_list_is_the_official_bip39_english_list() {
        assert_eq!(list_sha256(), "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda");
        let words = word_list();
        assert_eq!(words.len(), 2048);
        assert!(words.windows(2).all(|pair| pair[0] < pair[1]), "in order, for the binary search");
        let mut prefixes: Vec<String> = words.iter().map(|w| w.chars().take(4).collect()).collect();
        prefixes.sort();
        prefixes.dedup();
        assert_eq!(prefixes.len(), 2048, "unique in their first four letters");
    }

    #[test]
    fn alpha_generates_the_whole_field() {
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..ORDER {
            seen.insert(alpha(i));
        }
        assert_eq!(seen.len(), ORDER as usize, "x^11 + x^2 + 1 is primitive");
        assert!(!seen.contains(&0));
    }

    #[test]
    fn shares_round_trip_through_words_in_any_case_and_by_four_letters() {
        for seed in 0..50u8 {
            let bytes = sample(seed);
            let lines = encode(3, 2, &bytes).lines();
            assert_eq!(lines.len(), LINES);
            assert!(lines.iter().all(|l| l.len() == WORDS_PER_LINE));
            let back = decode(3, 2, &typed(&lines)).map_err(|p| p.in_words());
            assert_eq!(back.as_deref().map(|b| b.as_slice()), Ok(bytes.as_slice()));
            let short: Vec<Vec<String>> = lines
                .iter()
                .map(|l| l.iter().map(|w| w.chars().take(4).collect::<String>().to_uppercase()).collect())
                .collect();
            assert_eq!(decode(3, 2, &short).map(|b| b.to_vec()), Ok(bytes.to_vec()));
        }
    }

    #[test]
    fn every_single_wrong_word_is_caught_and_its_line_named() {
        let bytes = sample(7);
        let lines = encode(1, 1, &bytes).lines();
        let list = word_list();
        for l in 0..LINES {
            for w in 0..WORDS_PER_LINE {
                for replacement in list {
                    if *replacement == lines[l][w] {
                        continue;
                    }
                    let mut wrong = typed(&lines);
                    wrong[l][w] = replacement.to_string();
                    assert_eq!(decode(1, 1, &wrong).err(), Some(WordProblem::LineChecks { lines: vec![l + 1] }));
                }
            }
        }
    }

    #[test]
    fn every_swap_of_neighbouring_words_is_caught() {
        for seed in 0..20u8 {
            let lines = encode(2, 1, &sample(seed)).lines();
            for l in 0..LINES {
                for w in 0..WORDS_PER_LINE - 1 {
                    let mut swapped = typed(&lines);
                    if swapped[l][w] == swapped[l][w + 1] {
                        continue;
                    }
                    swapped[l].swap(w, w + 1);
                    assert_eq!(decode(2, 1, &swapped).err(), Some(WordProblem::LineChecks { lines: vec![l + 1] }));
                }
            }
        }
    }

    #[test]
    fn lines_in_the_wrong_order_or_another_share_number_are_caught() {
        let lines = encode(2, 1, &sample(9)).lines();
        let mut moved = typed(&lines);
        moved.swap(1, 4);
        assert_eq!(decode(2, 1, &moved).err(), Some(WordProblem::LineChecks { lines: vec![2, 5] }));
        let all = decode(3, 1, &typed(&lines)).err();
        assert_eq!(all, Some(WordProblem::LineChecks { lines: (1..=LINES).collect() }));
        assert!(all.map(|p| p.in_words()).unwrap_or_default().contains("share and set numbers"));
    }

    #[test]
    fn unknown_words_and_wrong_lengths_are_named_by_position() {
        let lines = encode(1, 1, &sample(1)).lines();
        let mut wrong = typed(&lines);
        wrong[3][2] = "zzzzz".into();
        assert_eq!(decode(1, 1, &wrong).err(), Some(WordProblem::UnknownWord { line: 4, word: 3 }));
        let mut short = typed(&lines);
        short[5].pop();
        assert_eq!(decode(1, 1, &short).err(), Some(WordProblem::LineLength { line: 6, found: 4 }));
        assert_eq!(decode(1, 1, &typed(&lines[..5])).err(), Some(WordProblem::LineCount { found: 5 }));
        let text = WordProblem::UnknownWord { line: 4, word: 3 }.in_words();
        assert_eq!(text, "line 4, word 3 is not one of the share words. Check that word against the printed share.");
    }
}
