//! The catalog exactly as written in YAML, with a source span on every value the
//! validator may need to point at.
//!
//! Nothing here is checked beyond its YAML shape: these types are the input of
//! [`crate::validate`], which turns them into the checked [`crate::model::Catalog`].
//! Their doc comments become the descriptions of the catalog's JSON Schema, so editors
//! show them on hover.

use serde::Deserialize;

use crate::span::Spanned;

/// A whole error catalog: one API's error vocabulary.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCatalog {
    /// Version of the catalog format. Only `1` exists.
    pub format: Spanned<u32>,
    /// Who the API is and where its users get help.
    pub api: RawApi,
    /// The JSON error body every error response carries. Optional: errcat documents the
    /// fields itself when it is left out.
    #[serde(default)]
    pub wire: RawWire,
    /// Spelling rules for the wire names: the case style every code, and every details
    /// field name, must be written in. Optional: without it any name in errcat's character
    /// set is accepted as the API sends it.
    #[serde(default)]
    pub naming: Option<RawNaming>,
    /// The HTTP status table: every status the API answers with, and what a client does.
    pub statuses: Vec<RawStatus>,
    /// Groups of codes. Their order is the order of sections in the docs.
    pub categories: Vec<RawCategory>,
    /// Every error code. Within a category, this order is the order of the docs.
    pub codes: Vec<RawCode>,
    /// How clients retry. Which statuses are retried comes from `statuses[].retry`.
    /// Optional: 3 attempts, 1 s doubling backoff up to 30 s with full jitter, 60 s when
    /// `Retry-After` is missing, 300 s in all, network errors retried.
    #[serde(default)]
    pub retry_policy: RawRetryPolicy,
    /// What a client should log about a failed request.
    #[serde(default)]
    pub logging: Option<RawLogging>,
    /// Error-handling best practices, in the order the docs show them.
    #[serde(default)]
    pub practices: Vec<RawPractice>,
    /// The troubleshooting guide: one entry per problem a user may have.
    #[serde(default)]
    pub troubleshooting: Vec<RawProblem>,
    /// The language of the catalog's texts and its translations. Optional: without it the
    /// texts are English (`en`) and there are no translations.
    #[serde(default)]
    pub locales: Option<RawLocales>,
}

/// The catalog's language and its translations, each in a file of its own.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawLocales {
    /// The BCP 47 tag of the language the catalog's texts are written in, e.g. `en`.
    pub source: Spanned<String>,
    /// The BCP 47 tags of the translations, e.g. `[de, pt-BR]`. Each is the file
    /// `<dir>/<tag>.yaml` (a locale file, `schema/locale.schema.json`). A lookup falls back
    /// from a tag to its parents (`pt-BR` to `pt`) and then to the source texts.
    #[serde(default)]
    pub translations: Vec<Spanned<String>>,
    /// The folder of the locale files, relative to the catalog's folder. Default: `locales`.
    #[serde(default)]
    pub dir: Option<Spanned<String>>,
}

/// A locale file: one translation of a catalog's texts.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawLocaleFile {
    /// Version of the locale file format. Only `1` exists.
    pub format: Spanned<u32>,
    /// The BCP 47 tag of the translation; the file is `<tag>.yaml`.
    pub locale: Spanned<String>,
    /// The translated codes. A code left out falls back to the next locale of the chain.
    #[serde(default)]
    pub codes: Vec<RawTranslation>,
    /// The translated categories: their titles (and descriptions) in the localized error
    /// reference. A category left out falls back along the chain.
    #[serde(default)]
    pub categories: Vec<RawCategoryTranslation>,
    /// The fixed texts of the localized error reference (`docs/<tag>/errors.md` and
    /// `site/<tag>/index.html`): headings and labels. Each one left out falls back along the
    /// chain, then to errcat's English.
    #[serde(default)]
    pub reference: Option<RawReferenceLabels>,
}

/// One category's texts in the locale of its file.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCategoryTranslation {
    /// The category's `id`, as the catalog spells it.
    pub id: Spanned<String>,
    /// The translated title.
    pub title: Spanned<String>,
    /// The translated description.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    /// The source texts this translation was made from (reported stale when they change).
    pub source: RawCategorySource,
}

/// The source texts a category's translation was made from.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCategorySource {
    /// The source `title`.
    pub title: Spanned<String>,
    /// The source description, when it is translated.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
}

/// The fixed texts of the localized error reference. All are plain text (backticks mark
/// code, as in the catalog).
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawReferenceLabels {
    /// The language's own name, shown in the list of languages (`Deutsch`).
    #[serde(default)]
    pub language: Option<Spanned<String>>,
    /// The page's heading after the API's name (`Error Codes`).
    #[serde(default)]
    pub heading: Option<Spanned<String>>,
    /// The sentence that sends readers to the full reference for the response format,
    /// the retry rules and troubleshooting; it is the link's text.
    #[serde(default)]
    pub full_reference: Option<Spanned<String>>,
    /// The label of the list of languages (`Languages`).
    #[serde(default)]
    pub languages: Option<Spanned<String>>,
    /// The code table's column of codes (`Code`).
    #[serde(default)]
    pub code: Option<Spanned<String>>,
    /// The code table's column of HTTP statuses (`HTTP`).
    #[serde(default)]
    pub status: Option<Spanned<String>>,
    /// The code table's column of titles (`Title`).
    #[serde(default)]
    pub title: Option<Spanned<String>>,
    /// The label of a code's message (`Message`).
    #[serde(default)]
    pub message: Option<Spanned<String>>,
    /// The label of a code's solution (`Solution`).
    #[serde(default)]
    pub solution: Option<Spanned<String>>,
    /// The mark of a deprecated code (`Deprecated`).
    #[serde(default)]
    pub deprecated: Option<Spanned<String>>,
    /// The note on a text not translated into this language, shown in its source language
    /// instead (`Not translated yet`).
    #[serde(default)]
    pub untranslated: Option<Spanned<String>>,
}

/// One code's texts in the locale of its file.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawTranslation {
    /// The code, as the catalog spells it.
    pub code: Spanned<String>,
    /// The translated `title` (the body's `error`).
    pub title: Spanned<String>,
    /// The translated message template. It has exactly the placeholders of the source
    /// message; a number may choose among plural forms, ICU MessageFormat style:
    /// `{count, plural, one {# file} other {# files}}`, with an arm for every plural
    /// category CLDR gives the language (`#` is the number).
    pub message: Spanned<String>,
    /// The translated description.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    /// The translated solution.
    #[serde(default)]
    pub solution: Option<Spanned<String>>,
    /// The source texts this translation was made from, as they were then. When the
    /// catalog's text changes, the translation is reported stale until it is reviewed and
    /// this is updated.
    pub source: RawSourceTexts,
}

/// The source texts a translation was made from: one for each text translated.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawSourceTexts {
    /// The source `title`.
    pub title: Spanned<String>,
    /// The source message template.
    pub message: Spanned<String>,
    /// The source description, when it is translated.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    /// The source solution, when it is translated.
    #[serde(default)]
    pub solution: Option<Spanned<String>>,
}

/// Facts about the API itself.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawApi {
    /// Short product name, e.g. `Scriptix`. Shown as written in headings; package names
    /// (`scriptix_errors`, `@scriptix/errors`, …) are made from its lowercase ASCII words,
    /// so it must start with an ASCII letter and those words, joined with `_`, may be at
    /// most 57 characters. Letters outside ASCII are dropped (with a warning).
    pub name: Spanned<String>,
    /// One paragraph introducing the error reference.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    /// Base URL of the API's documentation; relative link URLs are resolved against it.
    pub docs_url: Spanned<String>,
    /// The URL of the published error reference (the docs target's `errors.md`), absolute
    /// or relative to `docs_url` (default: `errors`). A code's documentation URL is this URL
    /// and the code's anchor, unless the code gives its own `doc_url`.
    #[serde(default)]
    pub reference_url: Option<Spanned<String>>,
    /// Where users get help.
    pub support: RawSupport,
    /// The HTTP header names that matter for errors. Optional: `Authorization`, `Bearer`,
    /// `Retry-After`, `X-Request-ID`.
    #[serde(default)]
    pub headers: RawHeaders,
    /// File upload limits that error messages refer to.
    #[serde(default)]
    pub uploads: Option<RawUploads>,
    /// Pages of the API's documentation that codes, practices and problems link to.
    #[serde(default)]
    pub links: Vec<RawLink>,
    /// A closing tip shown at the end of the error reference.
    #[serde(default)]
    pub tip: Option<Spanned<String>>,
}

/// How users get help.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawSupport {
    /// Support e-mail address.
    pub email: Spanned<String>,
    /// Steps a user takes before contacting support.
    #[serde(default)]
    pub self_service: Vec<Spanned<String>>,
    /// What a support request must include.
    #[serde(default)]
    pub request_checklist: Vec<Spanned<String>>,
}

/// Header names used by error handling.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawHeaders {
    /// The request header that carries the credential, e.g. `Authorization`.
    pub authorization: Spanned<String>,
    /// The authentication scheme placed before the key, e.g. `Bearer`.
    pub auth_scheme: Spanned<String>,
    /// The response header that says how long to wait, e.g. `Retry-After`.
    pub retry_after: Spanned<String>,
    /// The response header that identifies the request, e.g. `X-Request-ID`.
    pub request_id: Spanned<String>,
    /// The request header that makes a request safe to repeat, e.g. `Idempotency-Key`: the
    /// server runs a request at most once per key. Without it, clients never retry a
    /// request whose method is not idempotent unless the server asked them to wait.
    #[serde(default)]
    pub idempotency_key: Option<Spanned<String>>,
}

impl Default for RawHeaders {
    fn default() -> Self {
        RawHeaders {
            authorization: Spanned::unspanned("Authorization".to_owned()),
            auth_scheme: Spanned::unspanned("Bearer".to_owned()),
            retry_after: Spanned::unspanned("Retry-After".to_owned()),
            request_id: Spanned::unspanned("X-Request-ID".to_owned()),
            idempotency_key: None,
        }
    }
}

/// File upload limits.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawUploads {
    /// Accepted file formats (extensions, lower case).
    pub formats: Vec<Spanned<String>>,
    /// Largest accepted file, in megabytes.
    pub max_size_mb: Spanned<u64>,
    /// How to upload files above the limit, if there is a way.
    #[serde(default)]
    pub large_files: Option<Spanned<String>>,
    /// The request content type for uploads.
    #[serde(default)]
    pub content_type: Option<Spanned<String>>,
}

/// A page of the API's documentation.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    /// Identifier used by `see` lists, in kebab-case.
    pub id: Spanned<String>,
    /// Title of the page.
    pub title: Spanned<String>,
    /// Absolute URL, or a path relative to `api.docs_url`.
    pub url: Spanned<String>,
    /// What the page is about.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
}

/// The error body: its profile (shape), the names of its members where the profile lets
/// the catalog choose them, and their documentation.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawWire {
    /// The shape of the body: `flat` (default: one object with `error`, `message`,
    /// `error_code`, `details`, `retry_after`), `problem` (RFC 9457
    /// `application/problem+json`), `google` (AIP-193 `ErrorInfo`) or `nested`
    /// (Stripe-style `{"error": {"type", "code", "message", "doc_url", …}}`).
    #[serde(default)]
    pub profile: Option<Spanned<crate::wire::ProfileKind>>,
    /// Sentence introducing the format in the docs.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    /// The title member (`flat`: `error`).
    #[serde(default)]
    pub error: Option<RawWireField>,
    /// The message member (`flat`: `message`; `problem`: `detail`).
    #[serde(default)]
    pub message: Option<RawWireField>,
    /// The code member (`flat`: `error_code`; `problem`: `code`; `google`:
    /// `ErrorInfo.reason`; `nested`: `code`).
    #[serde(default)]
    pub error_code: Option<RawWireField>,
    /// The details (`flat`: the `details` object; `google`: `ErrorInfo.metadata`, string
    /// values; `problem` and `nested`: each field is a member of the error object).
    #[serde(default)]
    pub details: Option<RawWireField>,
    /// The retry delay (`flat`, `problem`, `nested`: `retry_after` seconds; `google`:
    /// `RetryInfo.retryDelay`).
    #[serde(default)]
    pub retry_after: Option<RawWireField>,
    /// The code's documentation URL (`problem`: `type`; `google`: a `Help` link; `nested`:
    /// `doc_url`; `flat`: only when a `name` is given here).
    #[serde(default)]
    pub doc_url: Option<RawWireField>,
    /// AIP-193's `ErrorInfo.domain`, the `google` profile only (default: the host of
    /// `api.docs_url`).
    #[serde(default)]
    pub domain: Option<Spanned<String>>,
}

/// One member of the error body: its name where the profile lets the catalog choose it,
/// and its documentation.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawWireField {
    /// The member's name on the wire. `flat` lets every member be renamed; `problem` the
    /// code and `retry_after` members; `google` and `nested` none.
    #[serde(default)]
    pub name: Option<Spanned<String>>,
    /// What the member holds.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    /// The placeholder value shown in the format overview.
    #[serde(default)]
    pub example: Option<Spanned<serde_json::Value>>,
}

/// The case styles a catalog's wire names must follow. Each key is optional: a name kind
/// without a style accepts any name in errcat's character set.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawNaming {
    /// The style of every code (`error_code` on the wire), e.g. `screaming_snake`.
    #[serde(default)]
    pub codes: Option<Spanned<NamingStyle>>,
    /// The style of every details field name (a key of `details`), e.g. `snake`.
    #[serde(default)]
    pub fields: Option<Spanned<NamingStyle>>,
}

/// A case style of wire names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NamingStyle {
    /// Upper-case words joined by single underscores: `RATE_LIMIT_EXCEEDED`.
    ScreamingSnake,
    /// Lower-case words joined by single underscores: `rate_limit_exceeded`.
    Snake,
    /// Words run together, each capitalized: `RateLimitExceeded`.
    Pascal,
    /// Words run together, each but the first capitalized: `rateLimitExceeded`.
    Camel,
    /// Lower-case words joined by single dashes: `rate-limit-exceeded`.
    Kebab,
}

/// What a client should do about responses with one HTTP status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RetryMode {
    /// Do not retry: the request must change first.
    Never,
    /// Retry with exponential backoff and jitter.
    Backoff,
    /// Retry after the delay the server gives in `retry_after` / `Retry-After`.
    AfterDelay,
}

/// One row of the HTTP status table.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawStatus {
    /// The HTTP status code.
    pub code: Spanned<u16>,
    /// The reason phrase, e.g. `Too Many Requests`.
    pub name: Spanned<String>,
    /// What the status means for this API.
    pub meaning: Spanned<String>,
    /// What the client should do.
    pub action: Spanned<String>,
    /// Whether and how a client retries a request answered with this status.
    pub retry: Spanned<RetryMode>,
}

/// A group of codes.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCategory {
    /// Identifier codes use in `category`, in snake_case.
    pub id: Spanned<String>,
    /// Heading in the docs, e.g. `Authentication`.
    pub title: Spanned<String>,
    /// What the codes of this category have in common.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    /// Naming patterns for the category's codes; `*` matches any run of characters.
    /// A code matching none of them gets a warning.
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// Codes that keep a name outside `patterns` on purpose (usually because clients
    /// already match on it). Listing a code here silences the pattern warning.
    #[serde(default)]
    pub pattern_exceptions: Vec<Spanned<String>>,
}

/// One error code.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCode {
    /// The machine-readable code, exactly as the body sends it (`RATE_LIMITED`,
    /// `AccessDeniedException`, `storage.bucket_not_found`): ASCII letters and digits in runs
    /// joined by single `_`, `.` or `-`, starting with a letter, at most 64 characters.
    pub code: Spanned<String>,
    /// The HTTP status; must be a 4xx or 5xx listed in `statuses`.
    pub status: Spanned<u16>,
    /// The `id` of the code's category.
    pub category: Spanned<String>,
    /// The `error` field of the body, e.g. `Unauthorized`.
    pub title: Spanned<String>,
    /// The default `message`. `{name}` placeholders are filled from details fields
    /// (or `{retry_after}` for codes that carry one); `{{` and `}}` are literal braces.
    pub message: Spanned<String>,
    /// One line for the code reference table.
    pub summary: Spanned<String>,
    /// Heading of the code's entry among the docs' common errors, e.g. `Missing API Key`
    /// (defaults to the summary).
    #[serde(default)]
    pub heading: Option<Spanned<String>>,
    /// What the error means, in a paragraph.
    pub description: Spanned<String>,
    /// Why it happens.
    #[serde(default)]
    pub causes: Vec<Spanned<String>>,
    /// What the client or user does about it.
    pub solution: Spanned<String>,
    /// Steps of the solution, when it has several.
    #[serde(default)]
    pub solution_steps: Vec<Spanned<String>>,
    /// Overrides the retry behaviour of the code's status.
    #[serde(default)]
    pub retry: Option<Spanned<RetryMode>>,
    /// The delay in seconds the server typically sends as `retry_after`. Present only for
    /// codes whose responses carry `retry_after` and a `Retry-After` header.
    #[serde(default)]
    pub retry_after: Option<Spanned<u64>>,
    /// Typed fields of the `details` object.
    #[serde(default)]
    pub details: Vec<RawDetailField>,
    /// Details keys that are not known in advance (e.g. one entry per invalid request field).
    #[serde(default)]
    pub additional_details: Option<RawAdditionalDetails>,
    /// A complete example response body, exactly as the server sends it.
    #[serde(default)]
    pub example: Option<Spanned<serde_json::Value>>,
    /// Ids of `api.links` worth reading about this code.
    #[serde(default)]
    pub see: Vec<Spanned<String>>,
    /// The code's documentation URL, absolute or relative to `api.docs_url` (default: the
    /// code's entry in the error reference, `api.reference_url` + `#` + the code in lower
    /// case). Sent in the bodies of profiles that have a slot for it; every client exposes
    /// it as `doc_url`.
    #[serde(default)]
    pub doc_url: Option<Spanned<String>>,
    /// The canonical gRPC status of the code, e.g. `RESOURCE_EXHAUSTED` (default: derived
    /// from the HTTP status by the standard mapping). Every target exposes it, whatever
    /// the profile; the `google` profile sends it.
    #[serde(default)]
    pub grpc: Option<Spanned<String>>,
    /// The version of the API that introduced the code, e.g. `2.3` or `2024-06-01`.
    #[serde(default)]
    pub since: Option<Spanned<String>>,
    /// The code is still sent, but clients should stop relying on it.
    #[serde(default)]
    pub deprecated: Option<RawLifecycleStep>,
    /// A tombstone: the code is no longer sent. Its entry stays in the catalog so that the
    /// code is never given another meaning; no target emits it.
    #[serde(default)]
    pub removed: Option<RawLifecycleStep>,
}

/// A step of a code's lifecycle, `deprecated` or `removed`: since when, why, and what to
/// use instead.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawLifecycleStep {
    /// The version of the step, e.g. `2.0`.
    #[serde(default)]
    pub since: Option<Spanned<String>>,
    /// Why, in a sentence: shown next to the code in every target.
    pub reason: Spanned<String>,
    /// The code to use instead (a code still sent); clients name it next to this one.
    #[serde(default)]
    pub replaced_by: Option<Spanned<String>>,
}

/// One typed field of a code's `details`.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawDetailField {
    /// The key of the field in `details`, exactly as the API sends it (`resource_id`,
    /// `resourceId`): the same character set as codes, at most 64 characters.
    pub name: Spanned<String>,
    /// One of `string`, `integer`, `number`, `boolean`, or a list of one of them written
    /// `string[]`, `integer[]`, `number[]`, `boolean[]`.
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    /// What the field holds.
    pub description: Spanned<String>,
    /// A realistic value, used in docs and derived examples.
    #[serde(default)]
    pub example: Option<Spanned<serde_json::Value>>,
    /// The server may leave the field out.
    #[serde(default)]
    pub optional: Option<Spanned<bool>>,
    /// The field only fills the message template; it is not sent in `details`.
    #[serde(default)]
    pub message_only: Option<Spanned<bool>>,
}

/// Details keys that are not known in advance.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawAdditionalDetails {
    /// What each key names, e.g. `request field name`.
    pub key: Spanned<String>,
    /// Type of every value; same set as details field types.
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    /// What each value holds.
    pub description: Spanned<String>,
}

/// The retry rules clients implement.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawRetryPolicy {
    /// Attempts in all, the first one included.
    pub max_attempts: Spanned<u32>,
    /// Delay before the first retry with backoff, in milliseconds.
    pub initial_delay_ms: Spanned<u64>,
    /// Factor applied to the delay after each attempt.
    pub multiplier: Spanned<f64>,
    /// Upper bound of one backoff delay, in milliseconds.
    pub max_delay_ms: Spanned<u64>,
    /// Randomisation of backoff delays.
    pub jitter: Spanned<Jitter>,
    /// Delay used when a status with `after_delay` arrives without a usable `Retry-After`.
    pub default_retry_after_seconds: Spanned<u64>,
    /// Upper bound of all delays of one call, in seconds; a longer wait is not attempted.
    pub max_total_delay_seconds: Spanned<u64>,
    /// Whether network failures (no response at all) are retried with backoff.
    pub retry_network_errors: Spanned<bool>,
    /// The longest wait a client takes on the server's word (`Retry-After`, or a delay in
    /// the body), in seconds; a longer one is waited this long.
    #[serde(default = "default_retry_after_cap_seconds")]
    pub retry_after_cap_seconds: Spanned<u64>,
    /// The HTTP methods retried by every rule, upper case. A request with another method
    /// (`POST`, `PATCH`) is retried only when the server asked for a delay (`after_delay`),
    /// or when it carries an idempotency key (`api.headers.idempotency_key`).
    #[serde(default = "default_idempotent_methods")]
    pub idempotent_methods: Vec<Spanned<String>>,
}

/// RFC 9110's idempotent methods (section 9.2.2).
pub const IDEMPOTENT_METHODS: [&str; 6] = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"];

fn default_retry_after_cap_seconds() -> Spanned<u64> {
    Spanned::unspanned(120)
}

fn default_idempotent_methods() -> Vec<Spanned<String>> {
    IDEMPOTENT_METHODS.iter().map(|method| Spanned::unspanned((*method).to_owned())).collect()
}

impl Default for RawRetryPolicy {
    fn default() -> Self {
        RawRetryPolicy {
            max_attempts: Spanned::unspanned(3),
            initial_delay_ms: Spanned::unspanned(1000),
            multiplier: Spanned::unspanned(2.0),
            max_delay_ms: Spanned::unspanned(30_000),
            jitter: Spanned::unspanned(Jitter::Full),
            default_retry_after_seconds: Spanned::unspanned(60),
            max_total_delay_seconds: Spanned::unspanned(300),
            retry_network_errors: Spanned::unspanned(true),
            retry_after_cap_seconds: default_retry_after_cap_seconds(),
            idempotent_methods: default_idempotent_methods(),
        }
    }
}

/// Randomisation of backoff delays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Jitter {
    /// No randomisation.
    None,
    /// A uniformly random delay between zero and the computed delay.
    Full,
    /// Half the computed delay plus a random part up to the other half.
    Equal,
}

/// What to log about a failed request.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawLogging {
    /// Facts to log, in order, e.g. `error_code`, `request_id`.
    pub fields: Vec<Spanned<String>>,
}

/// One error-handling practice.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawPractice {
    /// Identifier in kebab-case; also the docs anchor.
    pub id: Spanned<String>,
    /// Heading, e.g. `Check Status Code`.
    pub title: Spanned<String>,
    /// The rule in one or two sentences.
    pub rule: Spanned<String>,
    /// Further points.
    #[serde(default)]
    pub points: Vec<Spanned<String>>,
}

/// One troubleshooting entry.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawProblem {
    /// Identifier in kebab-case; also the docs anchor.
    pub id: Spanned<String>,
    /// The problem, e.g. `Authentication Fails`.
    pub problem: Spanned<String>,
    /// What the user sees.
    pub symptoms: Vec<Spanned<String>>,
    /// Questions to go through.
    #[serde(default)]
    pub checklist: Vec<Spanned<String>>,
    /// Things that fix it.
    #[serde(default)]
    pub solutions: Vec<Spanned<String>>,
    /// Codes a user with this problem receives.
    #[serde(default)]
    pub related_codes: Vec<Spanned<String>>,
    /// Ids of `api.links` to read.
    #[serde(default)]
    pub see: Vec<Spanned<String>>,
}
