//! The handover secret, its k-of-n shares, and a share's printed text.
//!
//! The secret is 32 random bytes, made once per set of shares and never stored: the
//! handover slot's key is derived from it ([`super::slot`]) and it is split with Shamir's
//! scheme over GF(256) by `blahaj` (not `sharks`: RUSTSEC-2024-0398, unpatched). A share
//! is its number (the x of Shamir's polynomial, 1..n) and 32 bytes; with k of 2 or more a
//! single share says nothing about the secret. The bytes travel as words ([`super::words`]);
//! the share number, k, n, the set number and a short vault id travel as plain top lines of
//! the share's text, so a person can read them, and the words' checks bind the share and
//! set numbers so that a mistyped number is caught as surely as a mistyped word.

use zeroize::Zeroizing;

use super::words::{self, SHARE_BYTES};
use crate::{Error, Result};

/// The most holders a handover can have. Ten is more than any clinical will needs (two or
/// three executors, a supervisor, a colleague) and keeps every share sheet and message short.
pub const MAX_HOLDERS: usize = 10;

/// The random secret a handover slot's key is derived from. Wiped on drop; no `Debug`,
/// `Clone` or `Serialize`.
pub struct HandoverSecret(Zeroizing<[u8; SHARE_BYTES]>);

impl HandoverSecret {
    pub(crate) fn random() -> Result<Self> {
        let mut bytes = Zeroizing::new([0u8; SHARE_BYTES]);
        crate::crypto::fill_random(bytes.as_mut_slice())?;
        Ok(HandoverSecret(bytes))
    }

    pub(crate) fn as_bytes(&self) -> &[u8; SHARE_BYTES] {
        &self.0
    }
}

/// One share: on paper with its holder, or read back from what they typed. No `Debug`,
/// `Clone` or `Serialize`: the words are shown once and written only where the therapist
/// asks (the share files), never into the vault or the key file.
pub struct Share {
    /// 1..n: which share of the set this is (Shamir's x).
    pub number: u8,
    /// The set of shares it belongs to; each re-issue makes a new set.
    pub set: u32,
    /// How many shares together open the vault (k).
    pub threshold: u8,
    /// How many shares the set has (n).
    pub count: u8,
    /// The vault's short id (the first 8 hex digits of its id).
    pub vault: String,
    bytes: Zeroizing<[u8; SHARE_BYTES]>,
}

/// The short vault id printed on shares: enough to tell one vault's shares from another's
/// at a glance (the full id is checked through the key anyway).
pub fn short_vault_id(vault_id: &str) -> String {
    vault_id.chars().filter(char::is_ascii_hexdigit).take(8).collect::<String>().to_lowercase()
}

/// Checks k of n: 1 ≤ k ≤ n ≤ [`MAX_HOLDERS`]. A k of 1 is allowed (a therapist with one
/// trusted colleague) and returns a warning to show, since then any one share opens the
/// vault on its own.
pub fn check_threshold(k: usize, n: usize) -> Result<Option<String>> {
    if n == 0 {
        return Err(Error::invalid("holders", "Name at least one person to hold a share."));
    }
    if n > MAX_HOLDERS {
        return Err(Error::invalid("holders", format!("Name at most {MAX_HOLDERS} people to hold shares.")));
    }
    if k == 0 || k > n {
        return Err(Error::invalid(
            "threshold",
            format!("Choose how many shares are needed to open the vault: from 1 to {n}, the number of holders."),
        ));
    }
    Ok((k == 1).then(|| {
        if n == 1 {
            "With 1 share of 1, that one share opens the vault on its own: whoever holds or finds it can read everything. Two or three holders, any two needed, are safer.".to_string()
        } else {
            format!("With 1 share needed, each of the {n} shares opens the vault on its own: whoever holds or finds any one can read everything. Needing two is safer.")
        }
    }))
}

/// Splits `secret` into `n` shares, any `k` of which recover it (set `set`, vault `vault`).
pub(crate) fn split(secret: &HandoverSecret, k: u8, n: u8, set: u32, vault_id: &str) -> Result<Vec<Share>> {
    check_threshold(usize::from(k), usize::from(n))?;
    let vault = short_vault_id(vault_id);
    blahaj::Sharks(k)
        .dealer(secret.as_bytes())
        .take(usize::from(n))
        .map(|share| {
            let raw = Zeroizing::new(Vec::from(&share));
            let (&number, y) = raw.split_first().ok_or_else(|| Error::Internal("an empty share".into()))?;
            let mut bytes = Zeroizing::new([0u8; SHARE_BYTES]);
            if y.len() != SHARE_BYTES {
                return Err(Error::Internal("a share of the wrong length".into()));
            }
            bytes.copy_from_slice(y);
            Ok(Share { number, set, threshold: k, count: n, vault: vault.clone(), bytes })
        })
        .collect()
}

/// Recovers the secret from shares the caller has checked (same set, distinct numbers, at
/// least k). A wrong combination gives a wrong secret, found when the slot does not open.
pub(crate) fn combine(shares: &[Share], threshold: u8) -> Result<HandoverSecret> {
    let parts: Vec<blahaj::Share> = shares
        .iter()
        .map(|s| {
            let mut raw = Zeroizing::new(Vec::with_capacity(SHARE_BYTES + 1));
            raw.push(s.number);
            raw.extend_from_slice(s.bytes.as_slice());
            blahaj::Share::try_from(raw.as_slice()).map_err(|e| Error::Internal(format!("a share: {e}")))
        })
        .collect::<Result<_>>()?;
    let recovered = Zeroizing::new(
        blahaj::Sharks(threshold).recover(parts.iter()).map_err(|e| Error::Internal(format!("recover: {e}")))?,
    );
    let mut bytes = Zeroizing::new([0u8; SHARE_BYTES]);
    if recovered.len() != SHARE_BYTES {
        return Err(Error::Internal("a recovered secret of the wrong length".into()));
    }
    bytes.copy_from_slice(&recovered);
    Ok(HandoverSecret(bytes))
}

impl Share {
    /// The words, in lines of five (the fifth checks the line).
    pub fn words(&self) -> words::ShareWords {
        words::encode(self.number, self.set, &self.bytes)
    }

    /// The share as a text file (`share-N.txt`): who holds it, the numbers, the words, and
    /// what to do with it. [`parse`] reads it back (it reads only the numbered word lines
    /// and the Vault, Set, Share and Needed lines; the rest is for people).
    pub fn text(&self, holder: &str, practice: &str) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::new());
        let (k, n) = (self.threshold, self.count);
        text.push_str("FOLIO HANDOVER SHARE\n");
        text.push_str(&format!("Practice: {}\nHolder: {}\n", one_line(practice), one_line(holder)));
        text.push_str(&format!("Vault: {}\nSet: {}\nShare: {} of {n}\n", self.vault, self.set, self.number));
        text.push_str(&format!("Needed: {k}\n\n"));
        text.push_str(&self.words().numbered());
        text.push('\n');
        text.push_str(&holder_advice(k, n));
        text.push('\n');
        text
    }
}

/// What a holder is told about their share, on the text and on the sheet.
pub fn holder_advice(k: u8, n: u8) -> String {
    let opens = if k == 1 {
        "This share opens the vault on its own.".to_string()
    } else {
        format!("Any {k} of the {n} shares together open the vault; this one alone reveals nothing.")
    };
    format!("{opens} Keep it private and safe. Give it only to open the vault after the therapist's death or incapacity, as their clinical will says.")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads a share back from its text (a `share-N.txt` file, or the same typed). `label`
/// names it in messages ("share-2.txt"); messages give positions, never the words.
pub fn parse(label: &str, text: &str) -> Result<Share> {
    let bad = |what: String| Error::invalid("share", format!("{label} cannot be read: {what}"));
    let (mut vault, mut set, mut share, mut needed) = (None, None, None, None);
    let mut lines: Vec<(usize, Vec<String>)> = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some((number, rest)) = word_line(line) {
            lines.push((number, words::split_words(rest)));
            continue;
        }
        let Some((key, value)) = line.split_once(':') else { continue };
        let numbers = numbers_in(value);
        match key.trim().to_lowercase().as_str() {
            "vault" => vault = Some(short_vault_id(value.trim())),
            "set" => set = numbers.first().copied(),
            "share" => share = (numbers.len() >= 2).then(|| (numbers[0], numbers[1])),
            "needed" => needed = numbers.first().copied(),
            _ => {}
        }
    }
    let missing = |name: &str, example: &str| {
        bad(format!(
            "it has no '{name}:' line at the top (like '{name}: {example}'). Copy the whole share, with its top lines."
        ))
    };
    let vault = vault.filter(|v| v.len() == 8).ok_or_else(|| missing("Vault", "7c1e59a2"))?;
    let set = set.and_then(|s| u32::try_from(s).ok()).filter(|&s| s > 0).ok_or_else(|| missing("Set", "1"))?;
    let (number, count) = share.ok_or_else(|| missing("Share", "2 of 3"))?;
    let needed = needed.ok_or_else(|| missing("Needed", "2"))?;
    let small = |v: u64| u8::try_from(v).ok().filter(|&v| v > 0 && usize::from(v) <= MAX_HOLDERS);
    let (Some(number), Some(count), Some(threshold)) = (small(number), small(count), small(needed)) else {
        return Err(bad(
            "its 'Share:' or 'Needed:' line gives numbers a share cannot have. Check them against the printed share."
                .into(),
        ));
    };
    if number > count || threshold > count {
        return Err(bad(format!(
            "its top lines say share {number} of {count} with {threshold} needed, which cannot be. Check the 'Share:' and 'Needed:' lines."
        )));
    }
    let expected: Vec<usize> = (1..=lines.len()).collect();
    if lines.iter().map(|(n, _)| *n).collect::<Vec<_>>() != expected {
        return Err(bad(format!(
            "its lines of words must be numbered 1 to {}, in order. Check the numbers at the left.",
            words::LINES
        )));
    }
    let typed: Vec<Vec<String>> = lines.into_iter().map(|(_, w)| w).collect();
    let bytes = words::decode(number, set, &typed).map_err(|problem| bad(problem.in_words()))?;
    Ok(Share { number, set, threshold, count, vault, bytes })
}

/// "3  word word …" or "3. word …" → (3, "word word …").
fn word_line(line: &str) -> Option<(usize, &str)> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let number = line[..digits].parse().ok()?;
    let rest = line[digits..].trim_start_matches(['.', ':', ')']);
    rest.starts_with(char::is_whitespace).then(|| (number, rest.trim()))
}

fn numbers_in(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const VAULT: &str = "7c1e59a2-0000-4000-8000-000000000000";

    fn issue(k: u8, n: u8) -> Result<(HandoverSecret, Vec<Share>)> {
        let secret = HandoverSecret::random()?;
        let shares = split(&secret, k, n, 1, VAULT)?;
        Ok((secret, shares))
    }

    #[test]
    fn any_k_shares_recover_the_secret_and_fewer_do_not() -> Result<()> {
        let (secret, shares) = issue(2, 3)?;
        for (a, b) in [(0, 1), (0, 2), (1, 2), (2, 0)] {
            let text_a = shares[a].text("A", "P");
            let text_b = shares[b].text("B", "P");
            let pair = [parse("a", &text_a)?, parse("b", &text_b)?];
            assert_eq!(combine(&pair, 2)?.as_bytes(), secret.as_bytes());
        }
        let one = [parse("a", &shares[0].text("A", "P"))?];
        assert!(combine(&one, 2).is_err(), "blahaj refuses fewer than k");
        // Forcing a lower threshold does not help: one point of a line says nothing.
        assert_ne!(combine(&one, 1)?.as_bytes(), secret.as_bytes());
        Ok(())
    }

    #[test]
    fn the_text_carries_the_numbers_and_reads_back() -> Result<()> {
        let (_, shares) = issue(3, 5)?;
        let text = shares[3].text("Priya  Shah", "Hillside Art Therapy");
        assert!(
            text.contains("Holder: Priya Shah\n") && text.contains("Share: 4 of 5\n") && text.contains("Needed: 3\n")
        );
        assert!(text.contains("Vault: 7c1e59a2\nSet: 1\n"), "{}", text.as_str());
        let back = parse("share-4.txt", &text)?;
        assert_eq!((back.number, back.count, back.threshold, back.set, back.vault.as_str()), (4, 5, 3, 1, "7c1e59a2"));
        Ok(())
    }

    #[test]
    fn a_mistyped_word_names_the_file_and_the_line() -> Result<()> {
        let (_, shares) = issue(2, 3)?;
        let text = shares[1].text("A", "P");
        let wrong: Vec<String> = text
            .lines()
            .map(|l| match l.strip_prefix("3  ") {
                Some(rest) => {
                    let mut w: Vec<&str> = rest.split(' ').collect();
                    w[1] = if w[1] == "zoo" { "abandon" } else { "zoo" };
                    format!("3  {}", w.join(" "))
                }
                None => l.to_string(),
            })
            .collect();
        let wrong = wrong.join("\n");
        let message = parse("share-2.txt", &wrong).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.starts_with("share-2.txt cannot be read: line 3 does not check"), "{message}");
        let header = text.replace("Set: 1", "Set: 2");
        let message = parse("share-2.txt", &header).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("share and set numbers"), "{message}");
        let cut = text.replace("Needed: 2\n", "");
        let message = parse("share-2.txt", &cut).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("no 'Needed:' line"), "{message}");
        Ok(())
    }

    #[test]
    fn thresholds_from_one_of_one_to_ten() {
        assert!(matches!(check_threshold(1, 1), Ok(Some(_))));
        assert!(matches!(check_threshold(2, 3), Ok(None)));
        assert!(matches!(check_threshold(10, 10), Ok(None)));
        assert!(check_threshold(0, 3).is_err());
        assert!(check_threshold(4, 3).is_err());
        assert!(check_threshold(2, 11).is_err());
        assert!(check_threshold(1, 0).is_err());
    }
}
