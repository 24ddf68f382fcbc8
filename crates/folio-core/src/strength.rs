//! The password strength check used when a vault is created or its password changed.
//!
//! It uses `zxcvbn` (a kept estimator) and explains the result in plain words. The rule:
//! at least 12 characters and a zxcvbn score of 3 or more. NCSC's advice, three random
//! words, passes easily and is what the explanation suggests.

use crate::secret::Password;

pub const MIN_LENGTH: usize = 12;
pub const MIN_SCORE: u8 = 3;

const THREE_WORDS: &str =
    "Try three random words that mean nothing together, with spaces between them (the NCSC's advice).";

/// The verdict, in words a therapist can act on.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Strength {
    /// zxcvbn's 0–4 score.
    pub score: u8,
    pub acceptable: bool,
    pub summary: String,
    pub suggestions: Vec<String>,
}

impl Strength {
    /// The summary and suggestions as one message, for errors and the CLI.
    pub fn explanation(&self) -> String {
        std::iter::once(self.summary.as_str())
            .chain(self.suggestions.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Rates `password`. `context` lists words it should not be built from (the practice name).
pub fn check(password: &Password, context: &[&str]) -> Strength {
    let text = String::from_utf8_lossy(password.as_bytes());
    let length = text.chars().count();
    if length == 0 {
        return Strength {
            score: 0,
            acceptable: false,
            summary: "Enter a password.".into(),
            suggestions: vec![THREE_WORDS.into()],
        };
    }
    let entropy = zxcvbn::zxcvbn(&text, context);
    let score = u8::from(entropy.score());
    let mut suggestions = Vec::new();
    let mut warning = None;
    if let Some(feedback) = entropy.feedback() {
        warning = feedback.warning().map(|w| w.to_string());
        suggestions.extend(feedback.suggestions().iter().map(|s| s.to_string()));
    }
    let long_enough = length >= MIN_LENGTH;
    let acceptable = long_enough && score >= MIN_SCORE;
    let summary = if !long_enough {
        format!("Too short: use at least {MIN_LENGTH} characters (this has {length}).")
    } else if !acceptable {
        let why = warning.unwrap_or_else(|| "It follows a pattern that is quick to guess.".into());
        format!("Too easy to guess. {why}")
    } else if score >= 4 {
        "Strong password.".into()
    } else {
        "Good password.".into()
    };
    if !acceptable && !suggestions.iter().any(|s| s == THREE_WORDS) {
        suggestions.push(THREE_WORDS.into());
    }
    Strength { score, acceptable, summary, suggestions }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(s: &str) -> Strength {
        check(&Password::new(s.as_bytes().to_vec()), &["Hillside Art Therapy"])
    }

    #[test]
    fn common_and_short_passwords_are_refused_with_a_reason() {
        let weak = rate("password1");
        assert!(!weak.acceptable);
        assert!(weak.summary.contains("Too short"));
        assert!(weak.suggestions.iter().any(|s| s.contains("three random words")));
        let common = rate("password123456");
        assert!(!common.acceptable, "{common:?}");
        assert!(common.summary.starts_with("Too easy to guess"));
    }

    #[test]
    fn three_random_words_pass() {
        let s = rate("tangerine piano lighthouse");
        assert!(s.acceptable, "{s:?}");
        assert!(s.score >= MIN_SCORE);
    }

    #[test]
    fn the_practice_name_does_not_make_a_password() {
        assert!(!rate("Hillside Art Therapy").acceptable);
    }

    #[test]
    fn empty_password_is_explained() {
        assert_eq!(rate("").summary, "Enter a password.");
    }
}
