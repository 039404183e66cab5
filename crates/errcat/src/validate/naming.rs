//! Wire names: the character set codes and details field names are written in, the case
//! style a catalog may ask for (`naming`), and the rule that two names of one kind may not
//! differ only in case or punctuation.
//!
//! A code and a details field name are kept exactly as the API sends them; only the
//! identifiers generated from them are cased (by the names table). So the rules here check
//! spelling, never rewrite it.

use std::collections::HashMap;

use super::{Checker, MAX_CODE_LEN};
use crate::diag::Diagnostic;
use crate::raw::NamingStyle;
use crate::span::{Span, Spanned};
use crate::targets::words;

/// Longest accepted details field name, in characters.
pub const MAX_FIELD_LEN: usize = 64;

/// The two kinds of wire names the rules check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum NameKind {
    /// A code, sent as `error_code`.
    Code,
    /// A details field name, a key of `details`.
    Field,
}

impl NameKind {
    /// The rule of its spelling problems.
    fn rule(self) -> &'static str {
        match self {
            NameKind::Code => "code-naming",
            NameKind::Field => "field-naming",
        }
    }

    /// How a diagnostic names one: "code", "details field".
    fn what(self) -> &'static str {
        match self {
            NameKind::Code => "code",
            NameKind::Field => "details field",
        }
    }

    /// How a diagnostic names several: "codes", "details fields".
    fn plural(self) -> &'static str {
        match self {
            NameKind::Code => "codes",
            NameKind::Field => "details field names",
        }
    }

    /// The `naming` key that sets its style.
    fn key(self) -> &'static str {
        match self {
            NameKind::Code => "naming.codes",
            NameKind::Field => "naming.fields",
        }
    }

    /// The longest accepted name of this kind, in characters.
    fn max_len(self) -> usize {
        match self {
            NameKind::Code => MAX_CODE_LEN,
            NameKind::Field => MAX_FIELD_LEN,
        }
    }
}

/// errcat's character set of wire names: runs of ASCII letters and digits joined by single
/// `_`, `.` or `-`, starting with a letter (`RATE_LIMITED`, `AccessDeniedException`,
/// `storage.bucket_not_found`, `rate-limited`, `E404`). Length is checked apart.
pub fn is_wire_name(name: &str) -> bool {
    let separator = |c: char| matches!(c, '_' | '.' | '-');
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || separator(c))
        && name.split(separator).all(|run| !run.is_empty())
}

/// What two names that differ only in case or punctuation share: their ASCII letters and
/// digits, lower-cased (`card_declined`, `CardDeclined` and `card-declined` all give
/// `carddeclined`). Every identifier, file name and anchor generated from a name is made
/// of these characters, so two names with one key would be told apart by nothing but case
/// or separators, which some languages, file systems and URL fragments ignore.
pub fn clash_key(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

impl NamingStyle {
    /// The style as diagnostics and docs spell it: `SCREAMING_SNAKE_CASE`.
    pub fn title(self) -> &'static str {
        match self {
            NamingStyle::ScreamingSnake => "SCREAMING_SNAKE_CASE",
            NamingStyle::Snake => "snake_case",
            NamingStyle::Pascal => "PascalCase",
            NamingStyle::Camel => "camelCase",
            NamingStyle::Kebab => "kebab-case",
        }
    }

    /// Whether `name`, a name in [`is_wire_name`]'s character set, is written in this
    /// style. PascalCase and camelCase take runs of capitals (`HTTPError`), as APIs write
    /// them.
    pub fn matches(self, name: &str) -> bool {
        let words = |separator: char, upper: bool| {
            name.split(separator).all(|word| {
                !word.is_empty()
                    && word
                        .chars()
                        .all(|c| c.is_ascii_digit() || (c.is_ascii_alphabetic() && c.is_ascii_uppercase() == upper))
            })
        };
        let first = name.chars().next();
        match self {
            NamingStyle::ScreamingSnake => first.is_some_and(|c| c.is_ascii_uppercase()) && words('_', true),
            NamingStyle::Snake => first.is_some_and(|c| c.is_ascii_lowercase()) && words('_', false),
            NamingStyle::Kebab => first.is_some_and(|c| c.is_ascii_lowercase()) && words('-', false),
            NamingStyle::Pascal => {
                first.is_some_and(|c| c.is_ascii_uppercase()) && name.chars().all(|c| c.is_ascii_alphanumeric())
            }
            NamingStyle::Camel => {
                first.is_some_and(|c| c.is_ascii_lowercase()) && name.chars().all(|c| c.is_ascii_alphanumeric())
            }
        }
    }

    /// `name` written in this style: `card-declined` gives `CardDeclined` in PascalCase.
    pub fn spell(self, name: &str) -> String {
        match self {
            NamingStyle::ScreamingSnake => words::screaming_snake(name),
            NamingStyle::Snake => words::snake(name),
            NamingStyle::Pascal => words::upper_camel(name),
            NamingStyle::Camel => words::lower_camel(name),
            NamingStyle::Kebab => words::kebab(name),
        }
    }
}

/// A name in the character set close to `name`: every character outside it becomes `_`,
/// a run of separators is its first one, and separators at either end are dropped. `None`
/// when that is still no wire name (it would start with a digit, or nothing is left).
fn repaired(name: &str) -> Option<String> {
    let separator = |c: char| matches!(c, '_' | '.' | '-');
    let mut out = String::new();
    for c in name.chars().map(|c| if c.is_ascii_alphanumeric() || separator(c) { c } else { '_' }) {
        if !(separator(c) && (out.is_empty() || out.ends_with(separator))) {
            out.push(c);
        }
    }
    let out = out.trim_end_matches(separator).to_owned();
    is_wire_name(&out).then_some(out)
}

impl Checker {
    /// Checks one wire name of `kind` against the character set, the length limit and
    /// `style` (the catalog's `naming` choice for its kind, if any; checked only for a name
    /// in the character set, which is reported once).
    pub(super) fn wire_name(&mut self, name: &Spanned<String>, kind: NameKind, style: Option<&Spanned<NamingStyle>>) {
        let value = name.value.as_str();
        let in_set = is_wire_name(value);
        if !in_set {
            let mut diagnostic = Diagnostic::error(
                kind.rule(),
                name.span,
                format!("{} `{value}` is not a wire name errcat accepts", kind.what()),
            )
            .with_label("ASCII letters and digits in runs joined by single `_`, `.` or `-`, starting with a letter");
            diagnostic = match repaired(value) {
                Some(suggestion) => diagnostic.with_help(format!("write it as `{suggestion}`")),
                None => diagnostic.with_help("start it with an ASCII letter"),
            };
            self.push(diagnostic);
        }
        let length = value.chars().count();
        if length > kind.max_len() {
            self.push(
                Diagnostic::error(kind.rule(), name.span, format!("{} is {length} characters long", kind.what()))
                    .with_help(format!("{} are at most {} characters", kind.plural(), kind.max_len())),
            );
        }
        if let Some(style) = style
            && in_set
            && !style.value.matches(value)
        {
            let title = style.value.title();
            let mut diagnostic =
                Diagnostic::error(kind.rule(), name.span, format!("{} `{value}` is not {title}", kind.what()))
                    .with_label(format!("`{}` asks for {title}", kind.key()))
                    .with_related(style.span, "the style is chosen here");
            let suggestion = style.value.spell(value);
            if is_wire_name(&suggestion) && style.value.matches(&suggestion) {
                diagnostic = diagnostic.with_help(format!("write it as `{suggestion}`"));
            }
            self.push(diagnostic);
        }
    }

    /// Reports names of `kind` that differ from an earlier one only in case or punctuation
    /// (`card_declined`, `CardDeclined`): one diagnostic per later name, pointing at both.
    /// Exact repeats are the duplicate rules' business. `scope` says where the names live
    /// in the message ("of code `X`" for fields).
    pub(super) fn case_clashes<'r>(
        &mut self,
        names: impl IntoIterator<Item = &'r Spanned<String>>,
        kind: NameKind,
        scope: &str,
    ) {
        let mut seen: HashMap<String, (&str, Span)> = HashMap::new();
        for name in names {
            let key = clash_key(&name.value);
            if key.is_empty() {
                continue;
            }
            match seen.get(&key) {
                Some(&(first, span)) if first != name.value => {
                    let plural = match kind {
                        NameKind::Code => "codes",
                        NameKind::Field => "details fields",
                    };
                    self.push(
                        Diagnostic::error(
                            "case-clash",
                            name.span,
                            format!(
                                "{plural} `{first}` and `{}`{scope} differ only in case or punctuation",
                                name.value
                            ),
                        )
                        .with_label(format!("same letters as `{first}`"))
                        .with_related(span, "first defined here")
                        .with_help(
                            "the wire tells them apart, but their generated names, file names and anchors would \
                             not: rename one so that their letters or digits differ",
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    seen.insert(key, (name.value.as_str(), name.span));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names() {
        for name in [
            "MISSING_API_KEY",
            "E404",
            "card_declined",
            "AccessDeniedException",
            "storage.bucket_not_found",
            "rate-limited",
            "resourceId",
            "x",
            "a.b-c_d",
        ] {
            assert!(is_wire_name(name), "{name}");
        }
        for name in
            ["", "_LEADING", "9LIVES", "DOUBLE__UNDERSCORE", "a._b", "TRAILING-", "with space", "café", "a/b", "-x"]
        {
            assert!(!is_wire_name(name), "{name}");
        }
    }

    #[test]
    fn repairs() {
        assert_eq!(repaired("RATE LIMIT").as_deref(), Some("RATE_LIMIT"));
        assert_eq!(repaired("_LEADING").as_deref(), Some("LEADING"));
        assert_eq!(repaired("DOUBLE__UNDERSCORE").as_deref(), Some("DOUBLE_UNDERSCORE"));
        assert_eq!(repaired("a.b").as_deref(), Some("a.b"));
        assert_eq!(repaired("rate--limited!").as_deref(), Some("rate-limited"));
        assert_eq!(repaired("9LIVES"), None);
        assert_eq!(repaired("!!!"), None);
    }

    #[test]
    fn clash_keys() {
        assert_eq!(clash_key("card_declined"), "carddeclined");
        assert_eq!(clash_key("CardDeclined"), "carddeclined");
        assert_eq!(clash_key("card-declined"), "carddeclined");
        assert_ne!(clash_key("card_declined"), clash_key("card_declined_2"));
    }

    #[test]
    fn styles() {
        use NamingStyle::*;
        let cases = [
            (ScreamingSnake, "RATE_LIMITED", true),
            (ScreamingSnake, "E404", true),
            (ScreamingSnake, "RateLimited", false),
            (Snake, "rate_limited", true),
            (Snake, "rate-limited", false),
            (Kebab, "rate-limited", true),
            (Kebab, "rate_limited", false),
            (Pascal, "AccessDeniedException", true),
            (Pascal, "HTTPError", true),
            (Pascal, "accessDenied", false),
            (Pascal, "Access_Denied", false),
            (Camel, "resourceId", true),
            (Camel, "ResourceId", false),
            (Camel, "resource_id", false),
        ];
        for (style, name, expected) in cases {
            assert_eq!(style.matches(name), expected, "{style:?} {name}");
        }
        assert_eq!(Pascal.spell("card-declined"), "CardDeclined");
        assert_eq!(Camel.spell("retry_after_seconds"), "retryAfterSeconds");
        assert_eq!(ScreamingSnake.spell("storage.bucketNotFound"), "STORAGE_BUCKET_NOT_FOUND");
        assert_eq!(Kebab.spell("RateLimited"), "rate-limited");
        assert_eq!(Snake.spell("resourceId"), "resource_id");
        // Every spelling of a wire name is in its style.
        for style in [ScreamingSnake, Snake, Pascal, Camel, Kebab] {
            for name in ["AccessDeniedException", "storage.bucket_not_found", "rate-limited", "E404", "HTTPError2x"] {
                let spelled = style.spell(name);
                assert!(is_wire_name(&spelled) && style.matches(&spelled), "{style:?} {name} {spelled}");
            }
        }
    }
}
