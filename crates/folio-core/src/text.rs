//! Text that looks like what it is. A name, a code or any one-line field must not hold
//! characters that show as nothing or as something else: control characters, zero-width
//! spaces and joiners, bidirectional overrides and isolates (which can make "Jo" display
//! as "oJ", or hide a word), the byte-order mark and the soft hyphen. They are refused with
//! a message naming the field, never silently removed.

/// True for a character that displays as nothing, or changes how the text around it is
/// shown.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'            // soft hyphen
            | '\u{061C}'          // Arabic letter mark
            | '\u{180E}'          // Mongolian vowel separator
            | '\u{200B}'..='\u{200F}' // zero-width space, joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidirectional embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidirectional isolates
            | '\u{FEFF}'          // byte-order mark
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotation
        )
}

/// The message for a one-line field (`label`, e.g. "first name") that holds a line break
/// or a hidden character; none when the text is fine.
pub fn one_line_problem(label: &str, value: &str) -> Option<String> {
    if value.contains(['\n', '\r']) {
        return Some(format!("Enter the {label} on one line."));
    }
    value.chars().any(is_hidden).then(|| {
        format!(
            "The {label} holds an invisible or direction-changing character (often pasted in by accident). Type it again."
        )
    })
}

/// `text` without the characters [`is_hidden`] finds: how Folio shows text it read from a
/// file and does not store (a spreadsheet's headings), so that it reads as it is matched and
/// no control character reaches a terminal.
pub fn without_hidden(text: &str) -> String {
    text.chars().filter(|c| !is_hidden(*c)).collect()
}

/// The longest one-line field and the longest free text a record's form takes.
pub const LINE_MAX: usize = 200;
pub const TEXT_MAX: usize = 20_000;

/// A field as typed, trimmed: one line (up to [`LINE_MAX`] characters, nothing hidden) or
/// free text (up to [`TEXT_MAX`], lines and tabs but no other control character). The refusal names the field by `label` and says what to
/// fix, never what was typed.
pub fn typed(field: &'static str, label: &str, value: &str, one_line: bool) -> crate::Result<String> {
    let value = value.trim();
    if one_line {
        if let Some(problem) = one_line_problem(label, value) {
            return Err(crate::Error::invalid(field, problem));
        }
    } else if value.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        // Free text keeps its lines and tabs; a NUL or an escape sequence is never typed,
        // and would reach a terminal or a PDF as it is.
        return Err(crate::Error::invalid(
            field,
            format!("The {label} holds a control character (often pasted in by accident). Type it again."),
        ));
    }
    let max = if one_line { LINE_MAX } else { TEXT_MAX };
    if value.chars().count() > max {
        return Err(crate::Error::invalid(field, format!("The {label} is longer than {max} characters. Shorten it.")));
    }
    Ok(value.to_string())
}

/// The ASCII letter a client code uses for an initial: Ł → L, Ş → S, Δ → D; X when none.
pub fn ascii_initial(initial: char) -> char {
    deunicode::deunicode_char(initial)
        .and_then(|s| s.chars().find(char::is_ascii_alphabetic))
        .map(|c| c.to_ascii_uppercase())
        .unwrap_or('X')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_and_direction_changing_characters_are_refused_by_field() {
        for sneaky in ["Jo\u{200B}", "\u{202E}oJ", "J\u{2066}o", "\u{FEFF}Jo", "Jo\u{00AD}an", "Jo\u{7}"] {
            let message = one_line_problem("first name", sneaky).unwrap_or_default();
            assert!(message.starts_with("The first name holds an invisible"), "{sneaky:?}: {message}");
        }
        assert_eq!(one_line_problem("first name", "Jo\nAnn").as_deref(), Some("Enter the first name on one line."));
        for fine in ["Łucja", "Şenay", "Nguyễn", "Дмитрий", "Αθηνά", "O'Brien-Smith", "Zoë 🎨", "محمد"]
        {
            assert_eq!(one_line_problem("first name", fine), None, "{fine}");
        }
    }

    #[test]
    fn hidden_characters_can_be_left_out_of_what_is_shown() {
        assert_eq!(without_hidden("\u{FEFF}Sur\u{200B}name\u{1b}[2J\n"), "Surname[2J");
        assert_eq!(without_hidden("Zoë 🎨 محمد"), "Zoë 🎨 محمد");
    }

    #[test]
    fn client_codes_use_plain_letters() {
        assert_eq!(['Ł', 'Ş', 'Δ', 'Д', 'é', 'j'].map(ascii_initial), ['L', 'S', 'D', 'D', 'E', 'J']);
        assert_eq!(ascii_initial('1'), 'X');
    }
}
