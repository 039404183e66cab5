//! The checked catalog: the only input renderers ever see.
//!
//! A [`Catalog`] can only be built by [`crate::validate`], so every renderer may rely on
//! what the validator guarantees: codes are unique, well-named and safe identifiers in
//! every target language; every code's status is in the status table and its category
//! exists; message placeholders name details fields; every code has an example body that
//! agrees with it. The model serializes to the context templates receive.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::locale::{PluralCategory, PluralRules};
pub use crate::raw::{Jitter, RetryMode};
use crate::span::Span;

/// A validated error catalog.
#[derive(Clone, Debug, Serialize)]
pub struct Catalog {
    /// Version of the catalog format.
    pub format: u32,
    /// Facts about the API.
    pub api: Api,
    /// Documentation of the error body's fields.
    pub wire: Wire,
    /// The HTTP status table, sorted by status code.
    pub statuses: Vec<Status>,
    /// Categories in catalog order.
    pub categories: Vec<Category>,
    /// Codes grouped by category (in category order), then in catalog order.
    pub codes: Vec<Code>,
    /// The retry rules clients implement.
    pub retry_policy: RetryPolicy,
    /// Facts a client logs about a failed request, in order.
    pub log_fields: Vec<String>,
    /// Error-handling best practices.
    pub practices: Vec<Practice>,
    /// The troubleshooting guide.
    pub troubleshooting: Vec<Problem>,
    /// Tombstones of codes no longer sent, in catalog order.
    pub removed: Vec<RemovedCode>,
    /// The language of the catalog's texts, and their translations.
    pub locales: Locales,
    /// Positions of codes and categories by name, built on the first lookup.
    #[serde(skip)]
    pub(crate) index: OnceLock<Index>,
    /// Every generated name, decided by the validator right after checking (or on first
    /// use, for a catalog built by hand).
    #[serde(skip)]
    pub(crate) names: OnceLock<crate::names::Names>,
}

/// Where each code and category is in a [`Catalog`], so that renderers looking up one
/// code per code don't scan thousands of them for each.
#[derive(Clone, Default)]
pub(crate) struct Index {
    codes: HashMap<String, usize>,
    categories: HashMap<String, usize>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index {{ {} codes, {} categories }}", self.codes.len(), self.categories.len())
    }
}

impl Index {
    fn new(catalog: &Catalog) -> Self {
        // The first entry of a name wins, as a scan would find it.
        fn positions<'a>(names: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
            let mut map = HashMap::new();
            for (at, name) in names.enumerate() {
                map.entry(name.clone()).or_insert(at);
            }
            map
        }
        Index {
            codes: positions(catalog.codes.iter().map(|code| &code.code)),
            categories: positions(catalog.categories.iter().map(|category| &category.id)),
        }
    }
}

/// The entry at the indexed position of `name` if it still has that name; otherwise (the
/// name is not indexed, or the catalog's public fields were changed after the index was
/// built) the first entry named `name`, found by scanning.
fn find<'a, T>(entries: &'a [T], indexed: Option<usize>, name: &str, key: impl Fn(&T) -> &str) -> Option<&'a T> {
    match indexed.and_then(|at| entries.get(at)) {
        Some(entry) if key(entry) == name => Some(entry),
        _ => entries.iter().find(|entry| key(entry) == name),
    }
}

impl Catalog {
    /// The status table row of `status`. Every code's status has one.
    pub fn status(&self, status: u16) -> Option<&Status> {
        self.statuses.iter().find(|row| row.code == status)
    }

    /// The category with `id`. Every code's category exists.
    pub fn category(&self, id: &str) -> Option<&Category> {
        let at = self.index().categories.get(id).copied();
        find(&self.categories, at, id, |category| &category.id)
    }

    /// The translation that answers `locale` (a BCP 47 tag in any case): the one of the
    /// whole tag, else of its nearest parent (`DE-1996` → `de`); `None` when no translation
    /// is of its language (the catalog's own texts answer).
    pub fn translation_for(&self, locale: &str) -> Option<&Translation> {
        let wanted = locale.to_ascii_lowercase();
        let mut tag = wanted.as_str();
        loop {
            if let Some(found) = self.locales.translations.iter().find(|t| t.tag.to_ascii_lowercase() == tag) {
                return Some(found);
            }
            tag = &tag[..tag.rfind('-')?];
        }
    }

    /// The translations a lookup in `translation` tries, in order: itself, then each of its
    /// fallbacks that is a translation (the source, last of the chain, is not).
    pub fn chain<'a>(&'a self, translation: &'a Translation) -> impl Iterator<Item = &'a Translation> {
        std::iter::once(translation).chain(
            translation.fallbacks.iter().filter_map(|tag| self.locales.translations.iter().find(|t| t.tag == *tag)),
        )
    }

    /// The texts of `code` in `locale` along its chain, with the translation they come
    /// from; `None` where only the catalog's own texts have the code.
    pub fn texts_in(&self, code: &str, locale: &str) -> Option<(&LocalizedTexts, &Translation)> {
        let first = self.translation_for(locale)?;
        self.chain(first).find_map(|translation| translation.codes.get(code).map(|texts| (texts, translation)))
    }

    /// The code named `code`, if the catalog has it.
    pub fn code(&self, code: &str) -> Option<&Code> {
        let at = self.index().codes.get(code).copied();
        find(&self.codes, at, code, |entry| &entry.code)
    }

    /// The position of the code named `code` in [`Catalog::codes`] (and so of its names in
    /// the names table), found through the index.
    pub fn code_position(&self, code: &str) -> Option<usize> {
        match self.index().codes.get(code).copied() {
            Some(at) if self.codes.get(at).is_some_and(|entry| entry.code == code) => Some(at),
            _ => self.codes.iter().position(|entry| entry.code == code),
        }
    }

    /// Every code a client decodes as another: each deprecated code with `replaced_by`
    /// and each tombstone with `replaced_by`, paired with the live code at the end of its
    /// chain of replacements (a replacement may itself be deprecated in favour of a third
    /// code). Deprecated codes come first, in docs order, then tombstones in catalog order.
    /// The validator guarantees every chain ends at a code of [`Catalog::codes`]; a chain
    /// that does not (a catalog built by hand) is left out.
    pub fn replacements(&self) -> Vec<Replacement<'_>> {
        let deprecated = self.codes.iter().filter_map(|code| {
            let by = code.lifecycle.deprecated.as_ref()?.replaced_by.as_deref()?;
            Some((code.code.as_str(), by))
        });
        let removed = self
            .removed
            .iter()
            .filter_map(|tombstone| Some((tombstone.code.code.as_str(), tombstone.removal.replaced_by.as_deref()?)));
        deprecated
            .chain(removed)
            .filter_map(|(wire, by)| Some(Replacement { wire, code: self.final_replacement(by)? }))
            .collect()
    }

    /// The live code a client decodes a response carrying `wire` as: the code itself, or
    /// for a deprecated code or a tombstone with `replaced_by`, the end of its chain of
    /// replacements; `None` for a code the catalog does not know or has removed without
    /// a replacement.
    pub fn decoded_as(&self, wire: &str) -> Option<&Code> {
        match self.code(wire) {
            Some(code) => match code.lifecycle.deprecated.as_ref().and_then(|d| d.replaced_by.as_deref()) {
                Some(by) => self.final_replacement(by),
                None => Some(code),
            },
            None => {
                let tombstone = self.removed.iter().find(|tombstone| tombstone.code.code == wire)?;
                self.final_replacement(tombstone.removal.replaced_by.as_deref()?)
            }
        }
    }

    /// The code `by` names, or the end of its own chain of replacements; `None` when the
    /// chain leaves the catalog or loops (the validator reports both).
    fn final_replacement(&self, by: &str) -> Option<&Code> {
        let mut code = self.code(by)?;
        for _ in 0..=self.codes.len() {
            match code.lifecycle.deprecated.as_ref().and_then(|deprecation| deprecation.replaced_by.as_deref()) {
                Some(next) => code = self.code(next)?,
                None => return Some(code),
            }
        }
        None
    }

    /// The names table: every identifier generated code declares for this catalog.
    pub fn names(&self) -> &crate::names::Names {
        self.names.get_or_init(|| crate::names::Names::new(self))
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::new(self))
    }

    /// The codes of one category, in docs order.
    pub fn codes_in<'a>(&'a self, category: &'a str) -> impl Iterator<Item = &'a Code> + 'a {
        self.codes.iter().filter(move |code| code.category == category)
    }

    /// The link with `id`.
    pub fn link(&self, id: &str) -> Option<&Link> {
        self.api.links.iter().find(|link| link.id == id)
    }
}

/// Facts about the API.
#[derive(Clone, Debug, Serialize)]
pub struct Api {
    /// Short product name.
    pub name: String,
    /// Introduction of the error reference.
    pub description: Option<String>,
    /// Base URL of the documentation, ending in `/`.
    pub docs_url: String,
    /// URL of the published error reference; a code's anchor is appended to it.
    pub reference_url: String,
    /// Where users get help.
    pub support: Support,
    /// Header names.
    pub headers: Headers,
    /// Upload limits.
    pub uploads: Option<Uploads>,
    /// Documentation pages, with absolute URLs.
    pub links: Vec<Link>,
    /// Closing tip of the error reference.
    pub tip: Option<String>,
}

/// Where users get help.
#[derive(Clone, Debug, Serialize)]
pub struct Support {
    /// Support e-mail address.
    pub email: String,
    /// Steps before contacting support.
    pub self_service: Vec<String>,
    /// What a support request includes.
    pub request_checklist: Vec<String>,
}

/// Header names used by error handling.
#[derive(Clone, Debug, Serialize)]
pub struct Headers {
    /// Request header carrying the credential.
    pub authorization: String,
    /// Scheme before the key.
    pub auth_scheme: String,
    /// Response header with the delay before a retry.
    pub retry_after: String,
    /// Response header identifying the request.
    pub request_id: String,
    /// Request header that makes a request safe to repeat, when the API has one.
    pub idempotency_key: Option<String>,
}

/// Upload limits.
#[derive(Clone, Debug, Serialize)]
pub struct Uploads {
    /// Accepted formats, lower case.
    pub formats: Vec<String>,
    /// Largest file in megabytes.
    pub max_size_mb: u64,
    /// How to send larger files.
    pub large_files: Option<String>,
    /// Content type of uploads.
    pub content_type: Option<String>,
}

/// A documentation page.
#[derive(Clone, Debug, Serialize)]
pub struct Link {
    /// Identifier.
    pub id: String,
    /// Page title.
    pub title: String,
    /// Absolute URL.
    pub url: String,
    /// What the page is about.
    pub description: Option<String>,
}

/// The error body: its profile and the documentation of its members.
#[derive(Clone, Debug, Serialize)]
pub struct Wire {
    /// The shape of the body and the names of its members.
    pub profile: crate::wire::Profile,
    /// Sentence introducing the format.
    pub description: Option<String>,
    /// The members in wire order, as the docs list them.
    pub fields: Vec<WireField>,
}

/// One member of the error body, as the docs list it.
#[derive(Clone, Debug, Serialize)]
pub struct WireField {
    /// Where it is in the body: its name, or a path such as `error.details[ErrorInfo].reason`.
    pub name: String,
    /// Which part of an error it carries: `title`, `message`, `code`, `details`,
    /// `retry_after`, `doc_url`, `status`, `grpc_status`, `category`, `instance`, `domain`.
    pub role: &'static str,
    /// What it holds.
    pub description: String,
    /// Placeholder value for the format overview.
    pub example: serde_json::Value,
    /// Whether every error body has it.
    pub required: bool,
}

impl Wire {
    /// The member carrying `role`, if the profile has one.
    pub fn field(&self, role: &str) -> Option<&WireField> {
        self.fields.iter().find(|field| field.role == role)
    }
}

/// One row of the status table.
#[derive(Clone, Debug, Serialize)]
pub struct Status {
    /// HTTP status code.
    pub code: u16,
    /// Reason phrase.
    pub name: String,
    /// Meaning for this API.
    pub meaning: String,
    /// What a client does.
    pub action: String,
    /// Whether and how a client retries.
    pub retry: RetryMode,
    /// Whether the status is an error (4xx or 5xx).
    pub is_error: bool,
}

/// A group of codes.
#[derive(Clone, Debug, Serialize)]
pub struct Category {
    /// Identifier, snake_case.
    pub id: String,
    /// Heading.
    pub title: String,
    /// What its codes have in common.
    pub description: Option<String>,
    /// Naming patterns of its codes.
    pub patterns: Vec<String>,
    /// Codes exempt from the patterns.
    pub pattern_exceptions: Vec<String>,
}

/// One error code.
#[derive(Clone, Debug, Serialize)]
pub struct Code {
    /// The wire string, exactly as the body sends it.
    pub code: String,
    /// HTTP status.
    pub status: u16,
    /// Category id.
    pub category: String,
    /// The `error` field.
    pub title: String,
    /// The default message.
    pub message: MessageTemplate,
    /// One line for reference tables.
    pub summary: String,
    /// Heading of the code's docs entry: the catalog's `heading`, else the summary.
    pub heading: String,
    /// What the error means.
    pub description: String,
    /// Why it happens.
    pub causes: Vec<String>,
    /// What to do about it.
    pub solution: String,
    /// Steps of the solution.
    pub solution_steps: Vec<String>,
    /// Retry behaviour (the status table's, unless the code overrides it).
    pub retry: RetryMode,
    /// Whether a client may retry this code at all.
    pub retryable: bool,
    /// Typical `retry_after` seconds, for codes whose responses carry it.
    pub retry_after: Option<u64>,
    /// Every declared details field, message-only ones included.
    pub fields: Vec<DetailField>,
    /// Details keys not known in advance.
    pub additional_details: Option<AdditionalDetails>,
    /// A complete example body.
    pub example: Example,
    /// Ids of related links.
    pub see: Vec<String>,
    /// The code's documentation URL (the catalog's `doc_url`, else its entry in the error
    /// reference).
    pub doc_url: String,
    /// The canonical gRPC status name (the catalog's `grpc`, else derived from the HTTP
    /// status by [`crate::wire::grpc_status_of_http`]).
    pub grpc_status: String,
    /// When the code appeared and whether it is deprecated.
    pub lifecycle: Lifecycle,
    /// Where the code's name is in the catalog source.
    #[serde(skip)]
    pub span: Span,
    /// Where the code's parts are in the catalog source, so that a diagnostic about one
    /// part (`errcat diff`) points at it.
    #[serde(skip)]
    pub spans: CodeSpans,
}

/// Where the parts of a code are written; a part the catalog leaves out (a derived gRPC
/// status, the status row's retry rule) is located at the code's name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeSpans {
    /// The `status` value.
    pub status: Span,
    /// The `category` value.
    pub category: Span,
    /// The `title`.
    pub title: Span,
    /// The `message` template.
    pub message: Span,
    /// The code's own `retry`, else its `status` (whose row decides the rule).
    pub retry: Span,
    /// The `retry_after` value.
    pub retry_after: Span,
    /// The `grpc` status, else the `status` it is derived from.
    pub grpc_status: Span,
    /// The `doc_url`.
    pub doc_url: Span,
}

/// A code that clients decode as another ([`Catalog::replacements`]): a response carrying
/// `wire` is read as `code`, and keeps `wire` as the code it was sent with.
#[derive(Clone, Copy, Debug)]
pub struct Replacement<'a> {
    /// The code as a server may still send it: deprecated or removed.
    pub wire: &'a str,
    /// The live code it is decoded as.
    pub code: &'a Code,
}

/// A code's place in the API's history.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Lifecycle {
    /// The version that introduced the code.
    pub since: Option<String>,
    /// Set when clients should stop relying on the code.
    pub deprecated: Option<Deprecation>,
}

/// Why and since when a code is deprecated, or was removed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deprecation {
    /// The version of the change.
    pub since: Option<String>,
    /// Why, in a sentence.
    pub reason: String,
    /// The code to use instead (a live code, checked).
    pub replaced_by: Option<String>,
}

/// A tombstone: a code that is no longer sent, kept so that it is never reused. No target
/// emits it; `errcat diff` and the lock read it.
#[derive(Clone, Debug, Serialize)]
pub struct RemovedCode {
    /// The code's last entry, as checked.
    pub code: Code,
    /// Why and since when it is gone.
    pub removal: Deprecation,
}

impl Code {
    /// The fields sent in `details` (message-only fields excluded), in catalog order.
    pub fn wire_fields(&self) -> impl Iterator<Item = &DetailField> {
        self.fields.iter().filter(|field| !field.message_only)
    }

    /// Whether the code's body has a `details` object with known or unknown keys.
    pub fn has_details(&self) -> bool {
        self.wire_fields().next().is_some() || self.additional_details.is_some()
    }
}

/// A message with `{field}` placeholders (and, in translations, plural choices).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MessageTemplate {
    /// The template as written.
    pub text: String,
    /// The template split into literal text, placeholders and plural choices.
    pub parts: Vec<MessagePart>,
}

impl MessageTemplate {
    /// Placeholder names in order of appearance (repeats included), those of plural
    /// choices and inside their arms too.
    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        fn collect<'a>(parts: &'a [MessagePart], out: &mut Vec<&'a str>) {
            for part in parts {
                match part {
                    MessagePart::Literal(_) | MessagePart::Number(_) => {}
                    MessagePart::Field(name) => out.push(name),
                    MessagePart::Plural { field, arms } => {
                        out.push(field);
                        for arm in arms {
                            collect(&arm.parts, out);
                        }
                    }
                }
            }
        }
        let mut out = Vec::new();
        collect(&self.parts, &mut out);
        out.into_iter()
    }

    /// Whether the message has no placeholders.
    pub fn is_constant(&self) -> bool {
        self.placeholders().next().is_none()
    }

    /// Fills the placeholders with `value(name)`. A plural choice takes the arm of an exact
    /// value (`=0`) or else of the category that `rules` select for the value (`other`
    /// without rules, or for a value that is not a number).
    pub fn fill_in(&self, rules: Option<&PluralRules>, mut value: impl FnMut(&str) -> String) -> String {
        fn fill(
            parts: &[MessagePart],
            rules: Option<&PluralRules>,
            value: &mut dyn FnMut(&str) -> String,
            out: &mut String,
        ) {
            for part in parts {
                match part {
                    MessagePart::Literal(text) => out.push_str(text),
                    MessagePart::Field(name) | MessagePart::Number(name) => out.push_str(&value(name)),
                    MessagePart::Plural { field, arms } => {
                        let number = value(field);
                        let category =
                            rules.and_then(|rules| rules.select(&number).ok()).unwrap_or(PluralCategory::Other);
                        let exact = arms.iter().find(|arm| arm.selector == PluralSelector::Exact(number.clone()));
                        let arm = exact
                            .or_else(|| arms.iter().find(|arm| arm.selector == PluralSelector::Category(category)))
                            .or_else(|| {
                                arms.iter().find(|arm| arm.selector == PluralSelector::Category(PluralCategory::Other))
                            });
                        if let Some(arm) = arm {
                            fill(&arm.parts, rules, value, out);
                        }
                    }
                }
            }
        }
        let mut out = String::new();
        fill(&self.parts, rules, &mut value, &mut out);
        out
    }

    /// Fills the placeholders with `value(name)`; for a source message, which has no plural
    /// choices.
    pub fn fill(&self, value: impl FnMut(&str) -> String) -> String {
        self.fill_in(None, value)
    }
}

/// A piece of a message template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum MessagePart {
    /// Literal text (braces already unescaped).
    Literal(String),
    /// A placeholder naming a details field or `retry_after`.
    Field(String),
    /// A plural choice on the number in a field, ICU MessageFormat style:
    /// `{count, plural, one {# file} other {# files}}`.
    Plural {
        /// The field whose number chooses the arm.
        field: String,
        /// The arms, in the order written.
        arms: Vec<PluralArm>,
    },
    /// `#` in a plural arm: the number of the choice's field (named here).
    Number(String),
}

/// One arm of a plural choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PluralArm {
    /// When the arm is chosen.
    pub selector: PluralSelector,
    /// Its text.
    pub parts: Vec<MessagePart>,
}

/// What chooses a plural arm: an exact number (`=0`) or a CLDR plural category (`one`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum PluralSelector {
    /// `=N`: the number written exactly so.
    Exact(String),
    /// A CLDR plural category.
    Category(PluralCategory),
}

/// The language of a catalog's texts and their translations.
#[derive(Clone, Debug, Serialize)]
pub struct Locales {
    /// The BCP 47 tag of the catalog's own texts, canonical case (`en`).
    pub source: String,
    /// The folder of the locale files, relative to the catalog's folder (`locales`).
    pub dir: String,
    /// The translations, in catalog order. Their texts are read from the locale files by
    /// [`crate::check_file`]; a catalog checked from text alone has none.
    pub translations: Vec<Translation>,
}

impl Default for Locales {
    fn default() -> Self {
        Locales { source: "en".to_owned(), dir: "locales".to_owned(), translations: Vec::new() }
    }
}

/// One translation of a catalog's texts.
#[derive(Clone, Debug, Serialize)]
pub struct Translation {
    /// Its BCP 47 tag, canonical case (`de-CH`).
    pub tag: String,
    /// The locales a text missing here is looked up in next, in order, ending with the
    /// source: for `de-CH` with `de` translated too, `[de, en]`.
    pub fallbacks: Vec<String>,
    /// The CLDR plural categories of its language, `other` last.
    pub plural_categories: Vec<PluralCategory>,
    /// The CLDR locale whose cardinal rules it follows (`de` for `de-CH`), when CLDR has
    /// rules for its language.
    pub plural_locale: Option<String>,
    /// Those rules: each category but `other` with its condition, in CLDR's order (a
    /// number is `other` when none holds). Targets compile them into their languages.
    pub plural_rules: Vec<PluralRule>,
    /// The translated texts, by code.
    pub codes: std::collections::BTreeMap<String, LocalizedTexts>,
    /// The translated category texts, by category id.
    pub categories: std::collections::BTreeMap<String, LocalizedCategory>,
    /// The fixed texts of the localized error reference this file translates, by
    /// [`ReferenceLabel`].
    pub reference: std::collections::BTreeMap<ReferenceLabel, String>,
    /// Where the tag is in the catalog.
    #[serde(skip)]
    pub span: Span,
}

impl Translation {
    /// The share of `total` codes translated here, in whole percent (rounded down).
    pub fn coverage_percent(&self, total: usize) -> usize {
        (self.codes.len() * 100).checked_div(total).unwrap_or(100)
    }
}

/// A category's texts in one locale.
#[derive(Clone, Debug, Serialize)]
pub struct LocalizedCategory {
    /// The title.
    pub title: String,
    /// The description, when translated.
    pub description: Option<String>,
}

/// The fixed texts of the localized error reference, each with errcat's English.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceLabel {
    /// The language's own name (not looked up along the chain: `de-CH` is not `Deutsch`).
    Language,
    /// The page's heading after the API's name.
    Heading,
    /// The link to the full reference.
    FullReference,
    /// The label of the list of languages.
    Languages,
    /// The code table's column of codes.
    Code,
    /// The code table's column of HTTP statuses.
    Status,
    /// The code table's column of titles.
    Title,
    /// The label of a code's message.
    Message,
    /// The label of a code's solution.
    Solution,
    /// The mark of a deprecated code.
    Deprecated,
    /// The note on a text shown in the source language.
    Untranslated,
}

impl ReferenceLabel {
    /// Every label.
    pub const ALL: [ReferenceLabel; 11] = [
        ReferenceLabel::Language,
        ReferenceLabel::Heading,
        ReferenceLabel::FullReference,
        ReferenceLabel::Languages,
        ReferenceLabel::Code,
        ReferenceLabel::Status,
        ReferenceLabel::Title,
        ReferenceLabel::Message,
        ReferenceLabel::Solution,
        ReferenceLabel::Deprecated,
        ReferenceLabel::Untranslated,
    ];

    /// Its key in a locale file's `reference` and in templates.
    pub fn key(self) -> &'static str {
        match self {
            ReferenceLabel::Language => "language",
            ReferenceLabel::Heading => "heading",
            ReferenceLabel::FullReference => "full_reference",
            ReferenceLabel::Languages => "languages",
            ReferenceLabel::Code => "code",
            ReferenceLabel::Status => "status",
            ReferenceLabel::Title => "title",
            ReferenceLabel::Message => "message",
            ReferenceLabel::Solution => "solution",
            ReferenceLabel::Deprecated => "deprecated",
            ReferenceLabel::Untranslated => "untranslated",
        }
    }

    /// errcat's English text, used where no locale of the chain has one (`language`: the
    /// tag itself).
    pub fn english(self) -> &'static str {
        match self {
            ReferenceLabel::Language => "",
            ReferenceLabel::Heading => "Error Codes",
            ReferenceLabel::FullReference => {
                "The response format, the retry rules and the troubleshooting guide are in the full reference."
            }
            ReferenceLabel::Languages => "Languages",
            ReferenceLabel::Code => "Code",
            ReferenceLabel::Status => "HTTP",
            ReferenceLabel::Title => "Title",
            ReferenceLabel::Message => "Message",
            ReferenceLabel::Solution => "Solution",
            ReferenceLabel::Deprecated => "Deprecated",
            ReferenceLabel::Untranslated => "Not translated yet",
        }
    }
}

/// One CLDR plural rule: a category and when a number takes it.
#[derive(Clone, Debug, Serialize)]
pub struct PluralRule {
    /// The category.
    pub category: PluralCategory,
    /// When a number takes it.
    pub condition: crate::locale::Condition,
}

/// A code's texts in one locale.
#[derive(Clone, Debug, Serialize)]
pub struct LocalizedTexts {
    /// The body's `error` (title).
    pub title: String,
    /// The message template, with the source's placeholders (and maybe plural choices).
    pub message: MessageTemplate,
    /// The description, when translated.
    pub description: Option<String>,
    /// The solution, when translated.
    pub solution: Option<String>,
}

/// One typed details field.
#[derive(Clone, Debug, Serialize)]
pub struct DetailField {
    /// Name, snake_case.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// What it holds.
    pub description: String,
    /// A value of the field's type: the catalog's, or one errcat made up.
    pub example: serde_json::Value,
    /// The server may leave it out.
    pub optional: bool,
    /// Fills the message only; not sent in `details`.
    pub message_only: bool,
    /// Where the field's name is in the catalog source.
    #[serde(skip)]
    pub span: Span,
}

/// Details keys not known in advance.
#[derive(Clone, Debug, Serialize)]
pub struct AdditionalDetails {
    /// What each key names.
    pub key: String,
    /// Type of every value.
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// What each value holds.
    pub description: String,
}

/// The scalar types details fields can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScalarType {
    /// UTF-8 text.
    String,
    /// A whole number that fits in 64 signed bits.
    Integer,
    /// A floating-point number.
    Number,
    /// `true` or `false`.
    Boolean,
}

impl ScalarType {
    /// The catalog spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ScalarType::String => "string",
            ScalarType::Integer => "integer",
            ScalarType::Number => "number",
            ScalarType::Boolean => "boolean",
        }
    }

    /// Whether a JSON value has this type.
    pub fn admits(self, value: &serde_json::Value) -> bool {
        match self {
            ScalarType::String => value.is_string(),
            ScalarType::Integer => {
                value.is_i64() || value.is_u64() && value.as_u64().is_some_and(|v| i64::try_from(v).is_ok())
            }
            ScalarType::Number => value.is_number(),
            ScalarType::Boolean => value.is_boolean(),
        }
    }
}

/// The type of a details field: a scalar or a list of scalars.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FieldType {
    /// The scalar (or list item) type.
    pub scalar: ScalarType,
    /// Whether the field is a list of `scalar`.
    pub list: bool,
}

/// Every type name the catalog accepts, for messages and suggestions.
pub const FIELD_TYPE_NAMES: [&str; 8] =
    ["string", "integer", "number", "boolean", "string[]", "integer[]", "number[]", "boolean[]"];

impl FieldType {
    /// Parses the catalog spelling (`string`, `integer[]`, …).
    pub fn parse(text: &str) -> Option<FieldType> {
        let (name, list) = match text.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (text, false),
        };
        let scalar = match name {
            "string" => ScalarType::String,
            "integer" => ScalarType::Integer,
            "number" => ScalarType::Number,
            "boolean" => ScalarType::Boolean,
            _ => return None,
        };
        Some(FieldType { scalar, list })
    }

    /// The catalog spelling.
    pub fn name(&self) -> String {
        if self.list { format!("{}[]", self.scalar.as_str()) } else { self.scalar.as_str().to_owned() }
    }

    /// Whether a JSON value has this type.
    pub fn admits(&self, value: &serde_json::Value) -> bool {
        match (self.list, value) {
            (false, value) => self.scalar.admits(value),
            (true, serde_json::Value::Array(items)) => items.iter().all(|item| self.scalar.admits(item)),
            (true, _) => false,
        }
    }
}

impl Serialize for FieldType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut state = serializer.serialize_struct("FieldType", 3)?;
        state.serialize_field("name", &self.name())?;
        state.serialize_field("scalar", &self.scalar)?;
        state.serialize_field("list", &self.list)?;
        state.end()
    }
}

/// An example response body.
#[derive(Clone, Debug, Serialize)]
pub struct Example {
    /// The body as JSON, keys in catalog order.
    pub body: serde_json::Value,
    /// Whether the catalog gave it (`false`: errcat built it from the message and details
    /// field examples).
    pub from_catalog: bool,
}

/// The retry rules clients implement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RetryPolicy {
    /// Attempts in all.
    pub max_attempts: u32,
    /// First backoff delay, milliseconds.
    pub initial_delay_ms: u64,
    /// Backoff factor.
    pub multiplier: f64,
    /// Largest backoff delay, milliseconds.
    pub max_delay_ms: u64,
    /// Randomisation.
    pub jitter: Jitter,
    /// Delay when `Retry-After` is missing or unusable, seconds.
    pub default_retry_after_seconds: u64,
    /// Bound on all delays of one call, seconds.
    pub max_total_delay_seconds: u64,
    /// Whether network failures are retried.
    pub retry_network_errors: bool,
    /// Longest wait on the server's word (`Retry-After`), seconds.
    pub retry_after_cap_seconds: u64,
    /// Methods retried by every rule, upper case, in catalog order.
    pub idempotent_methods: Vec<String>,
    /// Statuses retried with backoff: the status table's, and the
    /// [`DEFAULT_STATUS_RETRIES`] it lacks.
    pub backoff_statuses: Vec<u16>,
    /// Statuses retried after the server's delay: the status table's, and the
    /// [`DEFAULT_STATUS_RETRIES`] it lacks.
    pub delay_statuses: Vec<u16>,
    /// The statuses that the status table lacks and that are retried by default, each with
    /// its retry mode (from [`DEFAULT_STATUS_RETRIES`]), in status order.
    pub defaulted_statuses: Vec<DefaultedStatus>,
}

/// A status the status table lacks, retried by default: the shape of a status table row's
/// retry rule, so that clients render both alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DefaultedStatus {
    /// The HTTP status.
    pub code: u16,
    /// How clients retry it.
    pub retry: RetryMode,
}

/// How clients retry a status the status table lacks, the way well-known SDKs do: a
/// proxy's or gateway's 502, 503 and 504 with backoff, a 429 after the server's delay.
/// Every other status missing from the table is never retried.
pub const DEFAULT_STATUS_RETRIES: [(u16, RetryMode); 4] =
    [(429, RetryMode::AfterDelay), (502, RetryMode::Backoff), (503, RetryMode::Backoff), (504, RetryMode::Backoff)];

impl RetryPolicy {
    /// How a client retries an error of `status` whose code it does not know: the status
    /// table's mode, else the default of [`DEFAULT_STATUS_RETRIES`], else never.
    pub fn status_retry(&self, status: u16) -> RetryMode {
        if self.backoff_statuses.contains(&status) {
            RetryMode::Backoff
        } else if self.delay_statuses.contains(&status) {
            RetryMode::AfterDelay
        } else {
            RetryMode::Never
        }
    }

    /// Whether a request with `method` is retried by every rule (compared ignoring case).
    pub fn is_idempotent(&self, method: &str) -> bool {
        self.idempotent_methods.iter().any(|known| known.eq_ignore_ascii_case(method))
    }
}

/// One best practice.
#[derive(Clone, Debug, Serialize)]
pub struct Practice {
    /// Identifier and anchor.
    pub id: String,
    /// Heading.
    pub title: String,
    /// The rule.
    pub rule: String,
    /// Further points.
    pub points: Vec<String>,
}

/// One troubleshooting entry.
#[derive(Clone, Debug, Serialize)]
pub struct Problem {
    /// Identifier and anchor.
    pub id: String,
    /// The problem.
    pub problem: String,
    /// What the user sees.
    pub symptoms: Vec<String>,
    /// Questions to go through.
    pub checklist: Vec<String>,
    /// What fixes it.
    pub solutions: Vec<String>,
    /// Codes involved.
    pub related_codes: Vec<String>,
    /// Ids of links to read.
    pub see: Vec<String>,
}
