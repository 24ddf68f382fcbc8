//! Initials-only clinical notes. This first part is the identifier check
//! ([`identifiers`]): the rules that keep names, dates of birth, addresses and numbers out
//! of clinical text. Notes themselves (drafts, sign and amend, search) build on it.

pub mod identifiers;
