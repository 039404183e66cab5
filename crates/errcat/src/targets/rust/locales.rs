//! The generated crate's translations: `LOCALES`, `negotiate_locale`, `ErrorCode::title_in`
//! and `message_template_in`, `ApiError::localized_message`, and in `errcat_support` the
//! table of translated texts with each language's CLDR plural rule compiled to Rust.
//!
//! A translation's texts are a sorted slice of `(code index, title, template)`, so a
//! partial one costs only what it translates; a lookup follows the locale's chain (its
//! parents that are translations, then the catalog's own texts) as the checked model
//! decided it.

use std::collections::BTreeMap;

use super::model::Model;
use super::source::Source;
use super::syntax::string_literal;
use crate::locale::{Condition, Operand, PluralCategory};
use crate::model::{PluralRule, Translation};
use crate::wire::{LOCALIZED_MESSAGE_TYPE, ProfileKind};

/// The runtime half: lookup, the plural-aware filler and `Accept-Language` negotiation.
pub(super) const LOCALIZE_SOURCE: &str = include_str!("message_localize.rs");

/// `LOCALES` and `negotiate_locale`, and the impl blocks of `ErrorCode` and `ApiError`.
pub(super) fn public_items(out: &mut Source, model: &Model<'_>) {
    let locales = &model.catalog.locales;
    let google = model.catalog.wire.profile.kind == ProfileKind::Google;
    let tags: Vec<String> = std::iter::once(locales.source.as_str())
        .chain(locales.translations.iter().map(|t| t.tag.as_str()))
        .map(string_literal)
        .collect();
    out.doc_text(
        0,
        "The locales this crate has texts in (BCP 47 tags): the catalog's own language first, then each translation.",
    );
    out.line(0, &format!("pub const LOCALES: &[&str] = &[{}];", tags.join(", ")));
    out.blank();
    out.doc_text(
        0,
        "The locale of [`LOCALES`] that best answers an `Accept-Language` header: its language ranges in order of \
         their `q` weight (`q=0` refuses one), each matched by lookup (`de-CH` by `de-CH`, else `de`); the catalog's \
         own language when none matches.",
    );
    out.line(0, "pub fn negotiate_locale(accept_language: &str) -> &'static str {");
    out.line(1, "errcat_support::negotiate(accept_language, LOCALES)");
    out.line(0, "}");
    out.blank();
    out.line(0, "impl ErrorCode {");
    out.doc_text(
        1,
        "The code's title in `locale` (a BCP 47 tag, any case): the translation's, else its fallbacks' (`de-CH`, \
         then `de`), else [`ErrorCode::title`].",
    );
    out.line(1, "pub fn title_in(self, locale: &str) -> &'static str {");
    out.line(2, "errcat_support::texts(self as usize, locale).map_or(self.title(), |(title, _, _)| title)");
    out.line(1, "}");
    out.blank();
    out.doc_text(
        1,
        "The code's translated message template in `locale`, looked up as [`ErrorCode::title_in`] looks up the \
         title (it may choose among plural forms: `{n, plural, one {…} other {…}}`); `None` where only the \
         catalog's own message ([`ErrorCode::default_message`]) has the code.",
    );
    out.line(1, "pub fn message_template_in(self, locale: &str) -> ::std::option::Option<&'static str> {");
    out.line(2, "errcat_support::texts(self as usize, locale).map(|(_, message, _)| message)");
    out.line(1, "}");
    out.line(0, "}");
    out.blank();
    out.line(0, "impl ApiError {");
    out.doc_text(
        1,
        "The error's message in `locale`: the code's translated template (looked up as [`ErrorCode::title_in`] does) \
         filled from the details, `retry_after` and the values the message as sent carries, with the plural form \
         the locale's CLDR rules choose. The message as sent when the code is unknown, has no translation there, or \
         was not made from the code's template.",
    );
    if google {
        out.line(1, "///");
        out.doc_text(
            1,
            "A `LocalizedMessage` the server sent ([`ApiError::server_localized`]) comes first, when its locale is \
             `locale` or one of its parents (`de` answers `de-CH`).",
        );
    }
    out.line(1, "pub fn localized_message(&self, locale: &str) -> ::std::string::String {");
    if google {
        out.block(2, SERVER_LOCALIZED_FIRST);
    }
    out.block(2, LOCALIZED_MESSAGE);
    out.line(1, "}");
    if google {
        out.blank();
        out.block(1, SERVER_LOCALIZED_ITEMS);
    }
    out.line(0, "}");
    if google {
        out.blank();
        out.line(0, "/// The `@type` of AIP-193's `LocalizedMessage` detail.");
        out.line(0, &format!("const LOCALIZED_MESSAGE_TYPE: &str = {};", string_literal(LOCALIZED_MESSAGE_TYPE)));
        out.blank();
        out.block(0, IS_LOCALIZED_MESSAGE);
    }
}

/// `google`: the start of `ApiError::localized_message`, which takes the server's own
/// `LocalizedMessage` when it is in the locale asked for or a parent of it.
const SERVER_LOCALIZED_FIRST: &str = r#"if let ::std::option::Option::Some((sent, message)) = self.server_localized() {
    let mut asked = locale;
    loop {
        if asked.eq_ignore_ascii_case(sent) {
            return message.to_owned();
        }
        match asked.rfind('-') {
            ::std::option::Option::Some(at) => asked = &asked[..at],
            ::std::option::Option::None => break,
        }
    }
}"#;

/// `google`: whether a `details` entry is a `LocalizedMessage`.
const IS_LOCALIZED_MESSAGE: &str = r#"/// Whether a `details` entry is an AIP-193 `LocalizedMessage`.
fn is_localized_message(entry: &::serde_json::Value) -> bool {
    entry.get("@type").and_then(::serde_json::Value::as_str) == ::std::option::Option::Some(LOCALIZED_MESSAGE_TYPE)
}"#;

/// `google`: reading and writing the server's `LocalizedMessage` detail.
const SERVER_LOCALIZED_ITEMS: &str = r#"/// The server's own translation of this error, as `(locale, message)`: the first AIP-193
/// `LocalizedMessage` in the body's `details`, when its `locale` and `message` are both strings.
/// [`ApiError::localized_message`] prefers it in its locale and that locale's subtags.
pub fn server_localized(&self) -> ::std::option::Option<(&str, &str)> {
    let extra = self.extra.as_deref()?;
    let entry = extra.other_details.iter().find(|entry| is_localized_message(entry))?;
    ::std::option::Option::Some((entry.get("locale")?.as_str()?, entry.get("message")?.as_str()?))
}

/// This error with a `LocalizedMessage` detail holding its message in `locale` (a tag, usually
/// from [`negotiate_locale`]), in place of any it had: AIP-193's way of answering in the user's
/// language. `message` stays the developer-facing text.
#[must_use]
pub fn with_localized_message(mut self, locale: &str) -> Self {
    let message = self.localized_message(locale);
    let mut entry = ::serde_json::Map::new();
    entry.insert("@type".to_owned(), LOCALIZED_MESSAGE_TYPE.into());
    entry.insert("locale".to_owned(), locale.into());
    entry.insert("message".to_owned(), message.into());
    let extra = self.extra.get_or_insert_with(::std::default::Default::default);
    extra.other_details.retain(|entry| !is_localized_message(entry));
    extra.other_details.insert(0, ::serde_json::Value::Object(entry));
    self
}"#;

/// The body of `ApiError::localized_message`.
const LOCALIZED_MESSAGE: &str = r#"let Some(code) = self.code() else { return self.message.clone() };
let Some((_, template, translation)) = errcat_support::texts(code as usize, locale) else {
    return self.message.clone();
};
// The values only the message carries (message-only fields), read back from it.
let Some(sent) = errcat_support::values_in(code.default_message(), &self.message) else {
    return self.message.clone();
};
let missing = ::std::cell::Cell::new(false);
let value = |name: &str| -> ::std::option::Option<::serde_json::Value> {
    let found = match (name, self.retry_after) {
        ("retry_after", ::std::option::Option::Some(seconds)) => ::std::option::Option::Some(seconds.into()),
        _ => self.details.as_ref().and_then(|details| details.get(name)).or_else(|| sent.get(name)).cloned(),
    };
    missing.set(missing.get() || found.is_none());
    found
};
let plural = errcat_support::TRANSLATIONS[translation].plural;
let message = errcat_support::fill_localized(template, &value, plural);
if missing.get() { self.message.clone() } else { message }"#;

/// The generated half of the support module: each plural rule as a function and the
/// `TRANSLATIONS` table.
pub(super) fn support_items(out: &mut Source, model: &Model<'_>) {
    out.block(1, LOCALIZE_SOURCE);
    out.blank();
    let locales = &model.catalog.locales;
    // One function per CLDR locale whose rules a translation follows (`de` and `de-CH`
    // share `de`'s), from the rules the model holds.
    let mut rules: BTreeMap<String, &Translation> = BTreeMap::new();
    for translation in &locales.translations {
        rules.entry(plural_function(translation)).or_insert(translation);
    }
    for (name, translation) in &rules {
        let locale = translation.plural_locale.as_deref().unwrap_or("a language without CLDR rules");
        out.line(
            1,
            &format!("/// The CLDR cardinal plural category (an index of `CATEGORIES`) of a number in {locale}."),
        );
        out.line(1, &format!("pub fn {name}(o: &Operands) -> usize {{"));
        if translation.plural_rules.is_empty() {
            out.line(2, "let _ = o;");
        }
        for PluralRule { category, condition } in &translation.plural_rules {
            let lines = condition_lines(condition);
            if let [only] = &lines[..] {
                out.line(2, &format!("if {only} {{"));
            } else {
                for (n, line) in lines.iter().enumerate() {
                    out.line(if n == 0 { 2 } else { 3 }, &if n == 0 { format!("if {line}") } else { line.clone() });
                }
                out.line(2, "{");
            }
            out.line(3, &format!("return {};", category_index(*category)));
            out.line(2, "}");
        }
        out.line(2, &category_index(PluralCategory::Other).to_string());
        out.line(1, "}");
        out.blank();
    }
    let index_of = |tag: &str| locales.translations.iter().position(|t| t.tag == tag);
    let code_index: BTreeMap<&str, usize> =
        model.codes.iter().enumerate().map(|(index, entry)| (entry.code.code.as_str(), index)).collect();
    out.line(1, "/// The translations, in catalog order.");
    out.line(1, "pub static TRANSLATIONS: &[Translation] = &[");
    for translation in &locales.translations {
        let chain: Vec<String> = std::iter::once(translation.tag.as_str())
            .chain(translation.fallbacks.iter().map(String::as_str))
            .filter_map(index_of)
            .map(|index| index.to_string())
            .collect();
        let mut texts: Vec<(usize, &str, &str)> = translation
            .codes
            .iter()
            .filter_map(|(code, texts)| {
                code_index.get(code.as_str()).map(|&index| (index, texts.title.as_str(), texts.message.text.as_str()))
            })
            .collect();
        texts.sort_unstable_by_key(|(index, _, _)| *index);
        out.line(2, "Translation {");
        out.line(3, &format!("tag: {},", string_literal(&translation.tag.to_ascii_lowercase())));
        out.line(3, &format!("chain: &[{}],", chain.join(", ")));
        out.line(3, &format!("plural: {},", plural_function(translation)));
        out.line(3, "texts: &[");
        for (index, title, message) in texts {
            let (title, message) = (string_literal(title), string_literal(message));
            let one_line = format!("({index}, {title}, {message}),");
            if 16 + one_line.len() <= super::source::WIDTH {
                out.line(4, &one_line);
            } else {
                out.line(4, "(");
                out.line(5, &format!("{index},"));
                out.line(5, &format!("{title},"));
                out.line(5, &format!("{message},"));
                out.line(4, "),");
            }
        }
        out.line(3, "],");
        out.line(2, "},");
    }
    out.line(1, "];");
}

/// The name of the generated function of the plural rule `translation` follows.
fn plural_function(translation: &Translation) -> String {
    match &translation.plural_locale {
        Some(locale) => format!("plural_{}", locale.to_ascii_lowercase().replace('-', "_")),
        None => "plural_other".to_owned(),
    }
}

/// The index of `category` in the generated `CATEGORIES`.
fn category_index(category: PluralCategory) -> usize {
    PluralCategory::ALL.iter().position(|c| *c == category).unwrap_or(PluralCategory::ALL.len() - 1)
}

/// `condition` as a Rust `bool` expression over `o: &Operands`, one relation per line:
/// each line after the first starts with `&&` or `||`, and a conjunction among several
/// alternatives is in parentheses.
fn condition_lines(condition: &Condition) -> Vec<String> {
    if condition.any_of.is_empty() {
        return vec!["false".to_owned()];
    }
    let several = condition.any_of.len() > 1;
    let mut lines = Vec::new();
    for (a, all_of) in condition.any_of.iter().enumerate() {
        let grouped = several && all_of.len() > 1;
        for (r, relation) in all_of.iter().enumerate() {
            let operand = match relation.operand {
                Operand::N => "o.n".to_owned(),
                other => format!("o.{} as f64", other.letter()),
            };
            let value = match relation.modulus {
                Some(modulus) => format!("{operand} % {modulus}.0"),
                None => operand,
            };
            let ranges: Vec<String> = relation.ranges.iter().map(|(low, high)| format!("({low}, {high})")).collect();
            let mut line =
                format!("{}within({value}, &[{}])", if relation.negated { "!" } else { "" }, ranges.join(", "));
            if grouped && r == 0 {
                line.insert(0, '(');
            }
            if grouped && r + 1 == all_of.len() {
                line.push(')');
            }
            let joiner = match (a, r) {
                (0, 0) => "",
                (_, 0) => "|| ",
                _ => "&& ",
            };
            lines.push(format!("{joiner}{line}"));
        }
    }
    lines
}
