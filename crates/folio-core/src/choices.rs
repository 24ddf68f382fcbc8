//! Closed lists, defined once.
//!
//! Every choice a therapist makes from a list (a client's state, a session's outcome, who
//! referred…) is an enum declared here with [`choice!`]: its spelling everywhere it leaves
//! the core (kebab-case: `in-therapy`, `did-not-attend`), in the database, in the CLI's
//! arguments and output, over IPC and in interchange files; its plain-English label; and the
//! message that names the choices when something else is typed. The UI renders lists and
//! labels from [`catalogue`] (generated into TypeScript), never from its own lists.

use crate::{Error, Result};

/// What every closed list offers: its values in order, each with its label.
pub trait Choice: Sized + Copy + 'static {
    /// The list's name in the generated catalogue (camelCase).
    const LIST: &'static str;
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    fn label(self) -> &'static str;
}

/// Lowercases and spells word breaks as hyphens: "In Therapy", "in_therapy" → "in-therapy".
fn normalise(text: &str) -> String {
    text.trim().to_lowercase().replace([' ', '_'], "-")
}

/// Finds the value a user typed: its spelling, its label, or an alias; `field` and
/// `what` make the message ("Choose the outcome: Planned, Attended, …").
pub fn parse<C: Choice>(field: &'static str, what: &str, text: &str, aliases: &[(&str, C)]) -> Result<C> {
    let wanted = normalise(text);
    C::ALL
        .iter()
        .copied()
        .find(|c| c.as_str() == wanted || normalise(c.label()) == wanted)
        .or_else(|| aliases.iter().find(|(alias, _)| *alias == wanted).map(|(_, c)| *c))
        .ok_or_else(|| {
            let labels: Vec<&str> = C::ALL.iter().map(|c| c.label()).collect();
            Error::InvalidInput { field, message: format!("Choose {what}: {}.", labels.join(", ")) }
        })
}

/// An optional choice as typed: empty (or spaces) is none; anything else must parse.
pub fn optional<T>(text: &str, parse: impl Fn(&str) -> Result<T>) -> Result<Option<T>> {
    let text = text.trim();
    if text.is_empty() {
        Ok(None)
    } else {
        parse(text).map(Some)
    }
}

/// Declares a closed list. `Variant = "value" => "Label"`; the optional `aliases` are
/// other spellings the CLI accepts (e.g. `dna`).
macro_rules! choice {
    (
        $(#[$meta:meta])*
        pub enum $name:ident in $list:literal, field $field:literal, choose $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal => $label:literal ),+ $(,)?
        }
        $( aliases { $($alias:literal => $target:ident),* $(,)? } )?
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $value)] $variant ),+
        }

        impl $crate::choices::Choice for $name {
            const LIST: &'static str = $list;
            const ALL: &'static [$name] = &[$($name::$variant),+];
            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $value),+ }
            }
            fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = <$name as $crate::choices::Choice>::ALL;

            /// The spelling used everywhere outside the core's memory.
            pub fn as_str(self) -> &'static str {
                $crate::choices::Choice::as_str(self)
            }

            /// How it reads on screen.
            pub fn label(self) -> &'static str {
                $crate::choices::Choice::label(self)
            }

            /// What the user typed (the value, its label, or an alias), or a message
            /// naming the field and every choice.
            pub fn parse(text: &str) -> $crate::Result<$name> {
                $crate::choices::parse($field, $what, text, &[$($(($alias, $name::$target)),*)?])
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                <$name as $crate::choices::Choice>::ALL
                    .iter()
                    .copied()
                    .find(|c| c.as_str() == text)
                    .ok_or(rusqlite::types::FromSqlError::InvalidType)
            }
        }
    };
}
pub(crate) use choice;

/// One list of the catalogue: its name and its values with their labels.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ChoiceList {
    pub list: &'static str,
    pub options: Vec<(&'static str, &'static str)>,
}

fn list_of<C: Choice>() -> ChoiceList {
    ChoiceList { list: C::LIST, options: C::ALL.iter().map(|c| (c.as_str(), c.label())).collect() }
}

/// Every closed list the core defines, for the UI's generated catalogue and the CLI's help.
pub fn catalogue() -> Vec<ChoiceList> {
    use crate::agreements::AgreementKind;
    use crate::artwork::{ArtworkChange, ArtworkState, CollectionState};
    use crate::clients::{ClientSort, ClientState};
    use crate::complaints::{ComplaintHow, ComplaintStage, ComplaintState};
    use crate::consents::{ConsentState, GivenByRole, How, Purpose};
    use crate::correspondence::{Counterpart, Direction, Kind};
    use crate::disclosures::{Basis, Recipient, Told};
    use crate::handover::ChecklistGroup;
    use crate::incidents::IncidentState;
    use crate::media::{MediaKind, MediaState};
    use crate::notes::templates::TemplateId;
    use crate::notes::{NoteKind, NoteState};
    use crate::professionals::Role;
    use crate::referrals::{Funding, Modality, Referrer};
    use crate::requests::{MadeBy, RequestKind, RequestOutcome, RequestState};
    use crate::retention::{Anchor, Category, RetentionState, When};
    use crate::sessions::{Mode, Outcome};
    vec![
        list_of::<ClientState>(),
        list_of::<ClientSort>(),
        list_of::<Modality>(),
        list_of::<Funding>(),
        list_of::<Referrer>(),
        list_of::<Mode>(),
        list_of::<Outcome>(),
        list_of::<Kind>(),
        list_of::<Direction>(),
        list_of::<Counterpart>(),
        list_of::<Role>(),
        list_of::<NoteKind>(),
        list_of::<NoteState>(),
        list_of::<TemplateId>(),
        list_of::<Purpose>(),
        list_of::<How>(),
        list_of::<GivenByRole>(),
        list_of::<ConsentState>(),
        list_of::<AgreementKind>(),
        list_of::<Recipient>(),
        list_of::<Basis>(),
        list_of::<Told>(),
        list_of::<ComplaintHow>(),
        list_of::<ComplaintStage>(),
        list_of::<ComplaintState>(),
        list_of::<IncidentState>(),
        list_of::<ArtworkState>(),
        list_of::<ArtworkChange>(),
        list_of::<CollectionState>(),
        list_of::<MediaKind>(),
        list_of::<MediaState>(),
        list_of::<Category>(),
        list_of::<Anchor>(),
        list_of::<When>(),
        list_of::<RetentionState>(),
        list_of::<ChecklistGroup>(),
        list_of::<RequestKind>(),
        list_of::<MadeBy>(),
        list_of::<RequestOutcome>(),
        list_of::<RequestState>(),
    ]
}

/// The catalogue as a TypeScript module (`ui/src/lib/generated/choices.ts`), checked for
/// drift by the shell's binding test.
pub fn catalogue_typescript() -> String {
    let mut out = String::from(
        "// Generated from folio-core's closed lists (choices.rs). Do not edit: run\n\
         // FOLIO_UPDATE_BINDINGS=1 cargo test -p folio-app\n\n\
         export type Option = { value: string; label: string };\n\n\
         export const CHOICES = {\n",
    );
    for list in catalogue() {
        out.push_str(&format!("  {}: [\n", list.list));
        for (value, label) in list.options {
            out.push_str(&format!("    {{ value: {value:?}, label: {label:?} }},\n"));
        }
        out.push_str("  ],\n");
    }
    out.push_str(
        "} as const satisfies Record<string, readonly Option[]>;\n\nexport type ChoiceList = keyof typeof CHOICES;\n",
    );
    let remote: Vec<String> =
        crate::sessions::Mode::ALL.iter().filter(|m| m.is_remote()).map(|m| format!("{:?}", m.as_str())).collect();
    out.push_str(&format!(
        "\n/** Session modes that carry seed 004's parent or carer checks (Mode::is_remote). */\nexport const REMOTE_MODES = [{}] as const;\n",
        remote.join(", ")
    ));
    use crate::correspondence::{rules::is_remote_contact, Kind};
    let contact: Vec<String> =
        Kind::ALL.iter().filter(|k| is_remote_contact(**k)).map(|k| format!("{:?}", k.as_str())).collect();
    out.push_str(&format!(
        "\n/** Correspondence kinds that are remote contact with a child (seed 004, correspondence::rules::is_remote_contact). */\nexport const REMOTE_CONTACT_KINDS = [{}] as const;\n",
        contact.join(", ")
    ));
    out.push_str(&format!(
        "\n/** Said when a photo is added (seed 004: no images of people; media::PHOTO_REMINDER). */\nexport const PHOTO_REMINDER = {:?};\n",
        crate::media::PHOTO_REMINDER
    ));
    out.push_str(&format!(
        "\n/** Said before a copy leaves the vault (media::EXPORT_WARNING). */\nexport const EXPORT_WARNING = {:?};\n",
        crate::media::EXPORT_WARNING
    ));
    use crate::consents::Purpose;
    let optional: Vec<String> =
        Purpose::ALL.iter().filter(|p| p.is_optional()).map(|p| format!("{:?}", p.as_str())).collect();
    out.push_str(&format!(
        "\n/** Consent purposes that are separate opt-ins (seeds 000/001, Purpose::is_optional). */\nexport const OPTIONAL_PURPOSES = [{}] as const;\n",
        optional.join(", ")
    ));
    out.push_str("\n/** What withdrawing a consent for each purpose affects (Purpose::withdrawal_affects). */\nexport const WITHDRAWAL_AFFECTS: Record<string, string> = {\n");
    for p in Purpose::ALL {
        out.push_str(&format!("  {:?}: {:?},\n", p.as_str(), p.withdrawal_affects()));
    }
    out.push_str("};\n");
    use crate::handover::words::{LINES, WORDS_PER_LINE};
    out.push_str(&format!(
        "\n/** A handover share's words: lines, and words on each line (the last checks the line; handover::words). */\nexport const SHARE_LINES = {LINES};\nexport const SHARE_WORDS_PER_LINE = {WORDS_PER_LINE};\n"
    ));
    use crate::agreements::AgreementKind;
    let therapy: Vec<String> =
        AgreementKind::ALL.iter().filter(|k| k.is_therapy_agreement()).map(|k| format!("{:?}", k.as_str())).collect();
    out.push_str(&format!(
        "\n/** Agreements that make \"a signed agreement for this period of therapy\" (AgreementKind::is_therapy_agreement). */\nexport const THERAPY_AGREEMENTS = [{}] as const;\n",
        therapy.join(", ")
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sessions::Outcome;

    #[test]
    fn a_choice_is_found_by_value_label_or_alias_whatever_the_spelling() -> Result<()> {
        assert_eq!(Outcome::parse("did_not_attend")?, Outcome::DidNotAttend);
        assert_eq!(Outcome::parse("Did not attend")?, Outcome::DidNotAttend);
        assert_eq!(Outcome::parse("DNA")?, Outcome::DidNotAttend);
        let message = Outcome::parse("maybe").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.starts_with("Choose the outcome: Planned, Attended"), "{message}");
        Ok(())
    }

    #[test]
    fn every_value_is_kebab_case_and_every_label_is_plain_english() {
        for list in catalogue() {
            for (value, label) in list.options {
                assert!(value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{value}");
                assert!(label.chars().next().is_some_and(char::is_uppercase), "{label}");
                assert_ne!(normalise(label), "", "{value}");
            }
        }
    }
}
