//! Printing results as plain text or `--json`, and errors as `{code, message}`; the
//! small text helpers every command's rendering shares.

use folio_core::choices::Choice;
use folio_core::Error;

pub struct Out {
    pub json: bool,
}

impl Out {
    /// Prints `value` as the core serialises it (`--json`), or the text `text` makes.
    pub fn value<T: serde::Serialize>(&self, value: &T, text: impl FnOnce() -> String) {
        if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(s) => print_line(&s),
                Err(e) => eprintln!("error: could not encode the result: {e}"),
            }
        } else {
            print_line(&text());
        }
    }

    pub fn error(&self, e: &Error) {
        if self.json {
            let mut body =
                serde_json::json!({ "error": { "code": e.code(), "message": e.to_string(), "field": e.field() } });
            // The identifier check's refusal says where it found something (never what).
            if !e.hits().is_empty() {
                body["error"]["hits"] = serde_json::json!(e.hits());
            }
            print_line(&body.to_string());
        }
        eprintln!("error: {e}");
    }
}

/// Writes a line to standard output. A reader that stopped early (`folio … | head`) is not
/// an error: the work is done and the rest of the output is simply not wanted (`println!`
/// would panic on the closed pipe).
fn print_line(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: could not write the output: {e}");
        }
    }
}

/// The values a closed list accepts, as typed on the command line: "art, music".
pub fn values<C: Choice>() -> String {
    C::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
}

/// Help text for an option that takes one of a closed list: "{what}: v1, v2, …".
pub fn one_of<C: Choice>(what: &str) -> String {
    format!("{what}: {}", values::<C>())
}

/// [`one_of`] for an option whose default, when left out, is `default`.
pub fn one_of_or<C: Choice>(what: &str, default: C) -> String {
    format!("{} [default: {}]", one_of::<C>(what), default.as_str())
}

/// The label of a stored value of a closed list (the value itself if it is not one).
pub fn label_of<C: Choice>(value: &str) -> &str {
    C::ALL.iter().find(|c| c.as_str() == value).map_or(value, |c| c.label())
}

/// "1 client", "3 clients".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A plain-text table: one heading per column, each column as wide as its widest cell,
/// two spaces between columns, no trailing spaces.
pub fn table(headings: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headings.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> =
            cells.iter().zip(&widths).map(|(cell, width)| format!("{cell:<width$}", width = *width)).collect();
        padded.join("  ").trim_end().to_string()
    };
    let mut lines = vec![line(headings.to_vec())];
    lines.extend(rows.iter().map(|row| line(row.iter().map(String::as_str).collect())));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_starts_under_its_heading() {
        let rows = vec![
            vec!["JQ-0001".to_string(), "In therapy".into(), String::new(), "Oakfield Primary".into()],
            vec!["AL-0002".to_string(), "Waiting list".into(), "yes".into(), String::new()],
        ];
        let text = table(&["Code", "State", "Safeguarding", "Setting"], &rows);
        let lines: Vec<&str> = text.lines().collect();
        let starts: Vec<usize> = ["Code", "State", "Safeguarding", "Setting"]
            .iter()
            .map(|h| lines[0].find(h).unwrap_or(usize::MAX))
            .collect();
        assert_eq!(starts, [0, 9, 23, 37], "{text}");
        assert_eq!(lines[1].find("In therapy"), Some(starts[1]));
        assert_eq!(lines[1].find("Oakfield"), Some(starts[3]));
        assert_eq!(lines[2].find("yes"), Some(starts[2]));
        assert!(lines.iter().all(|l| !l.ends_with(' ')), "{text:?}");
    }

    #[test]
    fn stored_values_show_their_labels() {
        use folio_core::referrals::Referrer;
        assert_eq!(label_of::<Referrer>("social-care"), "Social care");
        assert_eq!(label_of::<Referrer>(""), "");
        assert_eq!(values::<folio_core::referrals::Modality>(), "art, music");
    }
}
