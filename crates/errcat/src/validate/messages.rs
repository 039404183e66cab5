//! Message templates: their `{placeholder}` syntax, that placeholders name fields, and
//! matching a filled-in message against its template.

use super::{Checker, flag};
use crate::diag::{Diagnostic, did_you_mean};
use crate::locale::PluralCategory;
use crate::model::{DetailField, MessagePart, MessageTemplate, PluralArm, PluralSelector};
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

/// Splits a source message template into literal text and `{name}` placeholders.
pub fn parse_template(text: &str) -> Result<Vec<MessagePart>, String> {
    TemplateParser { chars: text.chars().collect(), at: 0, plurals: false }.parts(None, 0)
}

/// Splits a translated message template into literal text, `{name}` placeholders and
/// plural choices, ICU MessageFormat style: `{count, plural, =0 {none} one {# file} other
/// {# files}}`, where `#` is the number. Inside an arm a `}` always closes the arm.
pub fn parse_localized_template(text: &str) -> Result<Vec<MessagePart>, String> {
    TemplateParser { chars: text.chars().collect(), at: 0, plurals: true }.parts(None, 0)
}

/// Plural choices nest at most this deep.
const MAX_PLURAL_DEPTH: u32 = 4;

/// A recursive-descent parser of message templates.
struct TemplateParser {
    chars: Vec<char>,
    at: usize,
    plurals: bool,
}

impl TemplateParser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        self.at += 1;
        c
    }

    /// `character N`, for the character before the cursor.
    fn position(&self) -> String {
        format!("character {}", self.at)
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    /// The parts up to the end (`arm_of: None`) or up to the `}` closing an arm of the
    /// plural choice on `arm_of`.
    fn parts(&mut self, arm_of: Option<&str>, depth: u32) -> Result<Vec<MessagePart>, String> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        loop {
            let Some(c) = self.next() else {
                if arm_of.is_some() {
                    return Err("a plural arm is not closed with `}`".to_owned());
                }
                break;
            };
            match c {
                '{' if self.peek() == Some('{') => {
                    self.at += 1;
                    literal.push('{');
                }
                '}' if arm_of.is_some() => break,
                '}' if self.peek() == Some('}') => {
                    self.at += 1;
                    literal.push('}');
                }
                '}' => return Err(format!("unmatched `}}` at {}", self.position())),
                '#' if arm_of.is_some() => {
                    if !literal.is_empty() {
                        parts.push(MessagePart::Literal(std::mem::take(&mut literal)));
                    }
                    parts.push(MessagePart::Number(arm_of.unwrap_or_default().to_owned()));
                }
                '{' => {
                    if !literal.is_empty() {
                        parts.push(MessagePart::Literal(std::mem::take(&mut literal)));
                    }
                    parts.push(self.placeholder(depth)?);
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            parts.push(MessagePart::Literal(literal));
        }
        Ok(parts)
    }

    /// A placeholder or plural choice, its `{` read.
    fn placeholder(&mut self, depth: u32) -> Result<MessagePart, String> {
        let mut name = String::new();
        if self.plurals {
            self.skip_spaces();
        }
        let closed = loop {
            match self.next() {
                Some('}') => break true,
                Some(c) if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') => name.push(c),
                Some(',' | ' ') if self.plurals => {
                    self.at -= 1;
                    break false;
                }
                Some(',') => {
                    return Err(format!(
                        "`,` in the placeholder `{{{name},…}}`: plural choices are for translations; the source message names the field (`{{{name}}}`)"
                    ));
                }
                Some(c) => {
                    return Err(format!(
                        "`{c}` in a placeholder (it names a details field: ASCII letters, digits, `_`, `.`, `-`)"
                    ));
                }
                None => return Err("unclosed `{`".to_owned()),
            }
        };
        if !name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') {
            return Err(format!("`{{{name}}}` is not a field name"));
        }
        if closed {
            return Ok(MessagePart::Field(name));
        }
        self.skip_spaces();
        match self.next() {
            Some('}') => return Ok(MessagePart::Field(name)),
            Some(',') => {}
            _ => return Err(format!("`{{{name}` is followed by neither `}}` nor `, plural,` at {}", self.position())),
        }
        self.plural(name, depth)
    }

    /// The rest of `{name, plural, …}`, its `{name,` read.
    fn plural(&mut self, field: String, depth: u32) -> Result<MessagePart, String> {
        if depth >= MAX_PLURAL_DEPTH {
            return Err(format!("plural choices nest more than {MAX_PLURAL_DEPTH} deep"));
        }
        self.skip_spaces();
        let keyword = self.word();
        self.skip_spaces();
        if keyword != "plural" || self.next() != Some(',') {
            return Err(format!(
                "`{{{field}, {keyword}…`: the only choice is `plural` (`{{{field}, plural, one {{…}} other {{…}}}}`)"
            ));
        }
        let mut arms = Vec::new();
        loop {
            self.skip_spaces();
            match self.peek() {
                Some('}') => {
                    self.at += 1;
                    break;
                }
                None => return Err(format!("the plural choice on `{field}` is not closed with `}}`")),
                _ => {}
            }
            let selector = if self.peek() == Some('=') {
                self.at += 1;
                let number = self.word();
                if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                    return Err(format!("`={number}` in the plural choice on `{field}` is not a number"));
                }
                PluralSelector::Exact(number)
            } else {
                let word = self.word();
                match PluralCategory::from_name(&word) {
                    Some(category) => PluralSelector::Category(category),
                    None => {
                        return Err(format!(
                            "`{word}` in the plural choice on `{field}` is not a plural category (zero, one, two, few, many, other) or `=N`"
                        ));
                    }
                }
            };
            self.skip_spaces();
            if self.next() != Some('{') {
                return Err(format!(
                    "an arm of the plural choice on `{field}` has no `{{text}}` at {}",
                    self.position()
                ));
            }
            if arms.iter().any(|arm: &PluralArm| arm.selector == selector) {
                return Err(format!("the plural choice on `{field}` has two arms for the same selector"));
            }
            let parts = self.parts(Some(&field), depth + 1)?;
            arms.push(PluralArm { selector, parts });
        }
        if !arms.iter().any(|arm| arm.selector == PluralSelector::Category(PluralCategory::Other)) {
            return Err(format!("the plural choice on `{field}` has no `other` arm, which every language needs"));
        }
        Ok(MessagePart::Plural { field, arms })
    }

    /// A run of letters, digits, `_` and `.`.
    fn word(&mut self) -> String {
        let mut word = String::new();
        while let Some(c) = self.peek().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.')) {
            word.push(c);
            self.at += 1;
        }
        word
    }
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
            MessagePart::Plural { arms, .. } => arms.iter().any(|arm| {
                let joined: Vec<MessagePart> = arm.parts.iter().chain(rest).cloned().collect();
                matches(&joined, text, value, budget)
            }),
            MessagePart::Field(name) | MessagePart::Number(name) => match value(name) {
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
    /// Translations may choose by plural category or exact number; `#` is the number.
    fn localized_templates_have_plural_choices() {
        let parts =
            parse_localized_template("Noch {count, plural, =0 {keine} one {# Datei} other {# Dateien}} in {bucket}")
                .unwrap_or_else(|e| panic!("{e}"));
        let template = MessageTemplate { text: String::new(), parts };
        assert_eq!(template.placeholders().collect::<Vec<_>>(), ["count", "bucket"]);
        let german = crate::locale::PluralRules::for_tag("de");
        let fill = |count: &str| {
            template.fill_in(german, |name| if name == "count" { count.to_owned() } else { "b".to_owned() })
        };
        assert_eq!(fill("0"), "Noch keine in b");
        assert_eq!(fill("1"), "Noch 1 Datei in b");
        assert_eq!(fill("7"), "Noch 7 Dateien in b");
        for bad in [
            "{n, plural, one {x}}",
            "{n, plural, one {x} other {y}",
            "{n, select, other {y}}",
            "{n, plural, single {x} other {y}}",
            "{n, plural, other {y} other {z}}",
            "{n, plural, =x {a} other {y}}",
            "{n, plural, other y}",
            "{n plural}",
        ] {
            assert!(parse_localized_template(bad).is_err(), "{bad}");
        }
        assert!(parse_template("{n, plural, other {y}}").is_err(), "the source has no plural choices");
        let nested = "{a, plural, {b, plural, other {x}}}".to_owned();
        assert!(parse_localized_template(&nested).is_err());
        let deep = "{a, plural, other {".repeat(5) + &"}}".repeat(5);
        assert!(parse_localized_template(&deep).is_err());
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
