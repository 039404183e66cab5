//! Message templates: their `{placeholder}` syntax, that placeholders name fields, and
//! matching a filled-in message against its template.

use super::{Checker, flag};
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::{DetailField, MessagePart, MessageTemplate};
use crate::raw::RawCode;

impl Checker {
    /// Parses a code's message template and checks that its placeholders name fields the
    /// code has, and that every message-only field is used (else it would be sent nowhere).
    pub(super) fn message_template(&mut self, code: &RawCode, fields: &[DetailField]) -> MessageTemplate {
        let message = &code.message;
        let parts = match parse_template(&message.value) {
            Ok(parts) => parts,
            Err(problem) => {
                self.push(
                    Diagnostic::error(
                        "message-template",
                        message.span,
                        format!("message template is malformed: {problem}"),
                    )
                    .with_help("placeholders are `{field_name}`; write `{{` and `}}` for literal braces"),
                );
                vec![MessagePart::Literal(message.value.clone())]
            }
        };
        let template = MessageTemplate { text: message.value.clone(), parts };
        for placeholder in template.placeholders() {
            // Raw names: a field whose type is invalid is reported once, not again here.
            let known = code.details.iter().any(|f| f.name.value == placeholder)
                || (placeholder == "retry_after" && code.retry_after.is_some());
            if known {
                continue;
            }
            let candidates =
                fields.iter().map(|f| f.name.as_str()).chain(code.retry_after.as_ref().map(|_| "retry_after"));
            let mut diagnostic = Diagnostic::error(
                "unknown-placeholder",
                message.span,
                format!("message placeholder `{{{placeholder}}}` names no details field of `{}`", code.code.value),
            );
            diagnostic = match did_you_mean(placeholder, candidates) {
                Some(suggestion) => diagnostic.with_help(format!("did you mean `{{{suggestion}}}`?")),
                None if placeholder == "retry_after" => {
                    diagnostic.with_help("`{retry_after}` needs `retry_after: SECONDS` on the code")
                }
                None => diagnostic.with_help(format!("declare `{placeholder}` under the code's `details`")),
            };
            self.push(diagnostic);
        }
        for field in code.details.iter().filter(|f| flag(&f.message_only)) {
            if !template.placeholders().any(|p| p == field.name.value) {
                self.push(
                    Diagnostic::warning(
                        "unused-message-field",
                        field.name.span,
                        format!("message-only field `{}` is not used by the message", field.name.value),
                    )
                    .with_help("use it as a placeholder, or drop `message_only` so it is sent in `details`"),
                );
            }
        }
        template
    }
}

/// Splits a message template into literal text and `{name}` placeholders.
pub fn parse_template(text: &str) -> Result<Vec<MessagePart>, String> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|(_, n)| *n) == Some('{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek().map(|(_, n)| *n) == Some('}') => {
                chars.next();
                literal.push('}');
            }
            '}' => return Err(format!("unmatched `}}` at character {}", text[..at].chars().count() + 1)),
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some((_, '}')) => break,
                        Some((_, c)) if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') => name.push(c),
                        Some((_, c)) => {
                            return Err(format!(
                                "`{c}` in a placeholder (it names a details field: ASCII letters, digits, `_`, `.`, `-`)"
                            ));
                        }
                        None => return Err("unclosed `{`".to_owned()),
                    }
                }
                if !name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') {
                    return Err(format!("`{{{name}}}` is not a field name"));
                }
                if !literal.is_empty() {
                    parts.push(MessagePart::Literal(std::mem::take(&mut literal)));
                }
                parts.push(MessagePart::Field(name));
            }
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        parts.push(MessagePart::Literal(literal));
    }
    Ok(parts)
}

/// Whether `text` is `template` with its placeholders filled: placeholders with a known
/// value must equal it; the others match any non-empty text.
pub(super) fn template_matches(template: &MessageTemplate, text: &str, value: &dyn Fn(&str) -> Option<String>) -> bool {
    fn matches(parts: &[MessagePart], text: &str, value: &dyn Fn(&str) -> Option<String>, budget: &mut u32) -> bool {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        let Some((first, rest)) = parts.split_first() else { return text.is_empty() };
        match first {
            MessagePart::Literal(literal) => {
                text.strip_prefix(literal.as_str()).is_some_and(|tail| matches(rest, tail, value, budget))
            }
            MessagePart::Field(name) => match value(name) {
                Some(known) => text.strip_prefix(known.as_str()).is_some_and(|tail| matches(rest, tail, value, budget)),
                None => text
                    .char_indices()
                    .skip(1)
                    .map(|(i, _)| i)
                    .chain(std::iter::once(text.len()))
                    .filter(|&i| i > 0)
                    .any(|i| matches(rest, &text[i..], value, budget)),
            },
        }
    }
    let mut budget = 100_000;
    matches(&template.parts, text, value, &mut budget)
}

#[cfg(test)]
/// Tests of the template parser and matcher.
mod tests {
    use super::*;

    #[test]
    /// Placeholders split the text; doubled braces are literal; bad syntax is an error.
    fn templates_split_into_literals_and_fields() {
        let parts = parse_template("Too many requests. Try again in {retry_after} s {{literal}}").unwrap_or_default();
        assert_eq!(
            parts,
            vec![
                MessagePart::Literal("Too many requests. Try again in ".into()),
                MessagePart::Field("retry_after".into()),
                MessagePart::Literal(" s {literal}".into()),
            ]
        );
        assert!(parse_template("open {").is_err());
        assert!(parse_template("close }").is_err());
        assert!(parse_template("{bad name}").is_err());
        assert!(parse_template("{9lives}").is_err());
        // Placeholders name the wire key, whatever its case style.
        assert_eq!(
            parse_template("{resourceId} in {storage.bucket-name}").unwrap_or_default(),
            vec![
                MessagePart::Field("resourceId".into()),
                MessagePart::Literal(" in ".into()),
                MessagePart::Field("storage.bucket-name".into()),
            ]
        );
    }

    #[test]
    /// Known values must appear as they are; unknown ones match any non-empty text.
    fn template_matching_fills_known_values_and_wildcards_the_rest() {
        let template = MessageTemplate {
            text: String::new(),
            parts: parse_template("Missing required field: {field}").unwrap_or_default(),
        };
        assert!(template_matches(&template, "Missing required field: audio_file", &|_| None));
        assert!(!template_matches(&template, "Missing required field: ", &|_| None));
        assert!(template_matches(&template, "Missing required field: x", &|_| Some("x".into())));
        assert!(!template_matches(&template, "Missing required field: y", &|_| Some("x".into())));
    }
}
