//! The proptest strategies of hostile catalogs: hostile [`text`], valid names, and the
//! independent drafts of every part of a catalog ([`Drafts`]) that [`catalog`] hands to
//! `super::assemble` to make one consistent catalog of.

use proptest::prelude::*;
use serde_json::Value as Json;

use errcat::validate::MAX_CODE_LEN;

use super::HostileCatalog;
use super::assemble::assemble;
use super::pieces::{HOSTILE_PIECES, KEYWORD_CATEGORIES, KEYWORD_CODES, KEYWORD_FIELDS};

/// Hostile free text: pieces of [`HOSTILE_PIECES`], plain words, arbitrary Unicode and,
/// rarely, a very long line.
pub fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        40 => proptest::sample::select(HOSTILE_PIECES).prop_map(str::to_owned),
        30 => "[A-Za-z][a-z]{0,9}( [a-z]{1,8}){0,3}",
        15 => any::<String>(),
        10 => any::<char>().prop_map(String::from),
        1 => (1_000usize..20_000, proptest::sample::select(&["x", "é", "🦀", "\"", "\\", "ab "][..]))
            .prop_map(|(n, s)| s.repeat(n)),
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
}

/// Hostile text that is not blank (required texts such as titles must not be).
pub fn nonblank_text() -> impl Strategy<Value = String> {
    (text(), "[A-Za-z0-9]{1,3}").prop_map(
        |(text, anchor)| {
            if text.trim().is_empty() { format!("{anchor}{text}") } else { text }
        },
    )
}

/// A code name the validator accepts: a keyword-ish one or a random SCREAMING_SNAKE one.
pub fn code_name() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => proptest::sample::select(KEYWORD_CODES).prop_map(str::to_owned),
        1 => "[A-Z][A-Z0-9]{0,7}(_[A-Z0-9]{1,6}){0,3}",
        // The longest name the validator accepts.
        1 => ("[A-Z]", "[A-Z0-9]{63}").prop_map(|(a, b)| format!("{a}{b}")),
    ]
}

/// A category id the validator accepts: a keyword-ish one or a random snake_case one.
fn category_id() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(KEYWORD_CATEGORIES).prop_map(str::to_owned),
        "[a-z][a-z0-9]{0,8}(_[a-z0-9]{1,5}){0,2}",
    ]
}

/// A details field name the validator accepts: a keyword-ish one or a random snake_case
/// one.
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(KEYWORD_FIELDS).prop_map(str::to_owned),
        "[a-z][a-z0-9]{0,8}(_[a-z0-9]{1,5}){0,2}",
    ]
}

/// A kebab-case id, as links, practices and problems have.
fn kebab_id() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,8}(-[a-z0-9]{1,6}){0,2}"
}

/// A retry mode: `never`, `backoff` or `after_delay`.
fn retry_mode() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(&["never", "backoff", "after_delay"][..])
}

/// `strategy`'s value, or (four times in ten) `None`.
fn optional<T: std::fmt::Debug>(strategy: impl Strategy<Value = T>) -> impl Strategy<Value = Option<T>> {
    proptest::option::weighted(0.6, strategy)
}

/// Up to `max` hostile texts.
fn texts(max: usize) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(text(), 0..=max)
}

/// A details field before its code is known.
#[derive(Clone, Debug)]
pub(super) struct FieldDraft {
    /// The field's name; dropped when it clashes with an earlier field of its code.
    pub(super) name: String,
    /// Its type: one of [`errcat::model::FIELD_TYPE_NAMES`].
    pub(super) ty: &'static str,
    /// Its description.
    pub(super) description: String,
    /// Its example value, of its type, if it has one.
    pub(super) example: Option<Json>,
    /// Whether it is optional.
    pub(super) optional: bool,
    /// Whether it only fills the message (never set unless `optional`).
    pub(super) message_only: bool,
}

/// A value of the scalar type `ty` (`string`, `integer`, `number` or `boolean`), the
/// awkward ones included.
fn scalar_value(ty: &str) -> BoxedStrategy<Json> {
    match ty {
        "string" => text().prop_map(Json::String).boxed(),
        "integer" => {
            prop_oneof![any::<i64>(), -1000i64..1000, Just(i64::MAX), Just(i64::MIN)].prop_map(Json::from).boxed()
        }
        "number" => prop_oneof![
            any::<f64>().prop_filter("finite", |f| f.is_finite()),
            Just(1e300),
            Just(-0.0),
            Just(5e-324),
            Just(0.1),
            Just(2.0),
        ]
        .prop_map(Json::from)
        .boxed(),
        _ => any::<bool>().prop_map(Json::Bool).boxed(),
    }
}

/// A details field with an example value of its type (sometimes none).
fn field_draft() -> impl Strategy<Value = FieldDraft> {
    (
        field_name(),
        proptest::sample::select(&errcat::model::FIELD_TYPE_NAMES[..]),
        text(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_flat_map(|(name, ty, description, optional, message_only, with_example)| {
            let scalar = ty.trim_end_matches("[]");
            let value = if ty.ends_with("[]") {
                proptest::collection::vec(scalar_value(scalar), 0..4).prop_map(Json::Array).boxed()
            } else {
                scalar_value(scalar)
            };
            value.prop_map(move |example| FieldDraft {
                name: name.clone(),
                ty,
                description: description.clone(),
                example: with_example.then_some(example),
                optional,
                // Rare: most fields are sent in `details`.
                message_only: message_only && optional,
            })
        })
}

/// The `wire` section before it is made consistent.
#[derive(Clone, Debug)]
pub(super) struct WireDraft {
    /// Its description.
    pub(super) description: Option<String>,
    /// Description and example of each of the five documented body members.
    pub(super) fields: Vec<(String, Json)>,
    /// The profile: `flat`, `problem`, `google` or `nested`.
    pub(super) profile: &'static str,
    /// A name for each member a catalog may rename (`error`, `message`, `error_code`,
    /// `details`, `retry_after`, `doc_url`), kept where the profile allows it.
    pub(super) names: Vec<Option<String>>,
    /// The `google` profile's `ErrorInfo.domain`.
    pub(super) domain: Option<String>,
}

/// A member name the validator accepts: ASCII letters, digits, `_`, `-` and `.`.
fn member_name() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(&["code", "type", "error", "details", "msg", "__proto__", "constructor"][..])
            .prop_map(str::to_owned),
        "[A-Za-z_][A-Za-z0-9_.-]{0,12}",
    ]
}

/// The `wire` section: a profile (half of them `flat`), member names, a domain.
fn wire_draft() -> impl Strategy<Value = WireDraft> {
    (
        optional(text()),
        proptest::collection::vec((text(), scalar_or_object()), 5),
        proptest::sample::select(&["flat", "flat", "flat", "problem", "google", "nested"][..]),
        proptest::collection::vec(optional(member_name()), 6),
        optional(r#"[A-Za-z0-9.\\"'<>&$`{}/-]{1,20}"#),
    )
        .prop_map(|(description, fields, profile, names, domain)| WireDraft {
            description,
            fields,
            profile,
            names,
            domain,
        })
}

/// A code before statuses, categories and links are known: `pick`s index into them.
#[derive(Clone, Debug)]
pub(super) struct CodeDraft {
    /// The code's name; the code is dropped when it is taken.
    pub(super) name: String,
    /// Picks its status among the error statuses.
    pub(super) status_pick: usize,
    /// Picks its category.
    pub(super) category_pick: usize,
    /// Its title.
    pub(super) title: String,
    /// The literal text of its message, a placeholder possibly following each piece.
    pub(super) literals: Vec<String>,
    /// Pick the placeholder after each literal among the code's fields (and
    /// `retry_after`).
    pub(super) placeholder_picks: Vec<usize>,
    /// Its summary.
    pub(super) summary: String,
    /// Its description.
    pub(super) description: String,
    /// Its causes.
    pub(super) causes: Vec<String>,
    /// Its solution.
    pub(super) solution: String,
    /// Its solution steps.
    pub(super) solution_steps: Vec<String>,
    /// Its own retry mode; without one, its status's.
    pub(super) retry: Option<&'static str>,
    /// Its `retry_after`, kept only when the code is retried after a delay.
    pub(super) retry_after: Option<u64>,
    /// Its details fields.
    pub(super) fields: Vec<FieldDraft>,
    /// Its additional details: key, type and description.
    pub(super) additional: Option<(String, &'static str, String)>,
    /// Whether it gives its example body (when every placeholder has an example value).
    pub(super) explicit_example: bool,
    /// The key of the additional detail in that example.
    pub(super) extra_detail_key: String,
    /// Pick the links of its `see`.
    pub(super) see_picks: Vec<usize>,
    /// Its heading, if it has one.
    pub(super) heading: Option<String>,
    /// Its own documentation page, a path relative to `api.docs_url`.
    pub(super) doc_path: Option<String>,
    /// Its own gRPC status.
    pub(super) grpc: Option<&'static str>,
}

/// A code, its references left as picks.
fn code_draft() -> impl Strategy<Value = CodeDraft> {
    let texts_part = (
        code_name(),
        any::<usize>(),
        any::<usize>(),
        nonblank_text(),
        proptest::collection::vec(text(), 1..4),
        proptest::collection::vec(any::<usize>(), 0..3),
        nonblank_text(),
        text(),
        texts(3),
        text(),
        texts(3),
    );
    let rest = (
        optional(retry_mode()),
        optional(prop_oneof![0u64..100_000, Just(u64::MAX), Just(0)]),
        proptest::collection::vec(field_draft(), 0..4),
        optional((text(), proptest::sample::select(&["string", "integer", "boolean[]", "number"][..]), text())),
        any::<bool>(),
        text(),
        proptest::collection::vec(any::<usize>(), 0..3),
        optional(text()),
        optional("[a-z0-9._~'!$&()*+,;=%-][a-z0-9._~'!$&()*+,;=%/-]{0,19}"),
        optional(proptest::sample::select(&errcat::wire::GRPC_STATUSES[..])),
    );
    (texts_part, rest).prop_map(
        |(
            (
                name,
                status_pick,
                category_pick,
                title,
                literals,
                placeholder_picks,
                summary,
                description,
                causes,
                solution,
                solution_steps,
            ),
            (
                retry,
                retry_after,
                fields,
                additional,
                explicit_example,
                extra_detail_key,
                see_picks,
                heading,
                doc_path,
                grpc,
            ),
        )| CodeDraft {
            name,
            status_pick,
            category_pick,
            title,
            literals,
            placeholder_picks,
            summary,
            description,
            causes,
            solution,
            solution_steps,
            retry,
            retry_after,
            fields,
            additional,
            explicit_example,
            extra_detail_key,
            see_picks,
            heading,
            doc_path,
            grpc,
        },
    )
}

/// Statuses a generated catalog may have; codes use the 4xx and 5xx ones.
const STATUS_POOL: &[u16] = &[
    100, 200, 201, 204, 301, 400, 401, 402, 403, 404, 405, 408, 409, 410, 413, 415, 418, 422, 425, 429, 431, 451, 499,
    500, 501, 502, 503, 504, 507, 599,
];

/// A strategy for whole catalogs the validator accepts, with hostile text everywhere.
pub fn catalog() -> impl Strategy<Value = HostileCatalog> {
    let api = (
        ("[A-Z][a-z]{0,8}", optional(prop_oneof![" [A-Za-z0-9]{1,5}", "-[a-z0-9]{1,5}", "_[A-Z0-9]{1,5}"])),
        optional(text()),
        "[a-z0-9._~'!$&()*+,;=%-]{0,20}",
        "[a-z0-9.!#$%&'*+/=?^_`{|}~\"<>-]{1,12}",
        texts(3),
        texts(3),
        proptest::collection::vec("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,16}", 4),
        optional((texts(3), 0u64..100_000, optional(text()), optional(text()))),
        proptest::collection::vec((kebab_id(), nonblank_text(), link_url(), optional(text())), 0..4),
        optional(text()),
    );
    let wire = wire_draft();
    let statuses = proptest::collection::vec(
        (proptest::sample::select(STATUS_POOL), status_name(), text(), text(), retry_mode()),
        1..6,
    );
    let categories = proptest::collection::vec((category_id(), nonblank_text(), optional(text()), any::<bool>()), 1..4);
    let codes = proptest::collection::vec(code_draft(), 1..7);
    let policy = (
        1u32..10,
        0u64..100_000,
        prop_oneof![Just(1.0), Just(2.0), 1.0f64..10.0],
        0u64..1_000_000,
        proptest::sample::select(&["none", "full", "equal"][..]),
        0u64..10_000,
        0u64..100_000,
        any::<bool>(),
    );
    let guide = (
        optional(proptest::collection::vec(nonblank_text(), 0..4)),
        proptest::collection::vec((kebab_id(), nonblank_text(), text(), texts(3)), 0..3),
        proptest::collection::vec(
            (
                kebab_id(),
                nonblank_text(),
                texts(3),
                texts(2),
                texts(2),
                proptest::collection::vec(any::<usize>(), 0..3),
                proptest::collection::vec(any::<usize>(), 0..2),
            ),
            0..3,
        ),
    );
    (api, wire, statuses, categories, codes, policy, guide).prop_map(
        |(api, wire, statuses, categories, codes, policy, guide)| {
            assemble(Drafts { api, wire, statuses, categories, codes, policy, guide })
        },
    )
}

/// A reason phrase: at most 64 characters, sometimes one that names another status the
/// same once converted to an identifier.
fn status_name() -> impl Strategy<Value = String> {
    const ALIKE: [&str; 10] =
        ["Bad Request", "bad request", "BAD-REQUEST", "Error", "error", "1", "true", "null", "Type", "None"];
    prop_oneof![
        proptest::sample::select(&ALIKE[..]).prop_map(str::to_owned),
        nonblank_text().prop_map(|text| {
            let short: String = text.chars().take(MAX_CODE_LEN).collect();
            if short.trim().is_empty() { "S".to_owned() } else { short }
        }),
    ]
}

/// A link URL: a relative path or an `https` URL, both with awkward characters.
fn link_url() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9/_.~'!$&()*+,;=%-]{0,20}",
        "https://[a-z]{1,8}\\.example/[a-z0-9/_.~'!$&()*+,;=%<>\"`{}|^-]{0,20}",
    ]
    .prop_filter("relative paths must not look like URLs", |url| {
        !url.starts_with("//") && (url.starts_with("https://") || !url.contains("://"))
    })
}

/// An example value of a wire field: a string, an integer or an object of strings.
fn scalar_or_object() -> impl Strategy<Value = Json> {
    prop_oneof![
        text().prop_map(Json::String),
        any::<i64>().prop_map(Json::from),
        proptest::collection::btree_map(text(), text().prop_map(Json::String), 0..3)
            .prop_map(|map| Json::Object(map.into_iter().collect())),
    ]
}

/// The `api` section: name (and a suffix), description, docs path, support email's local
/// part, self-service steps, request checklist, the four headers, uploads (formats, size,
/// large-file and content-type notes), links (id, title, URL, description) and tip.
pub(super) type ApiDraft = (
    (String, Option<String>),
    Option<String>,
    String,
    String,
    Vec<String>,
    Vec<String>,
    Vec<String>,
    Option<(Vec<String>, u64, Option<String>, Option<String>)>,
    Vec<(String, String, String, Option<String>)>,
    Option<String>,
);
/// The retry policy: max attempts, initial delay, multiplier, max delay, jitter, default
/// `retry_after`, max total delay and whether network errors are retried.
pub(super) type PolicyDraft = (u32, u64, f64, u64, &'static str, u64, u64, bool);
/// A practice: id, title, rule and points.
pub(super) type PracticeDraft = (String, String, String, Vec<String>);
/// A troubleshooting problem: id, problem, symptoms, checklist, solutions, and picks of
/// its related codes and links.
pub(super) type ProblemDraft = (String, String, Vec<String>, Vec<String>, Vec<String>, Vec<usize>, Vec<usize>);

/// Every part of a catalog, drawn independently of the others: duplicates possible,
/// references left as picks.
pub(super) struct Drafts {
    /// The `api` section.
    pub(super) api: ApiDraft,
    /// The `wire` section.
    pub(super) wire: WireDraft,
    /// The statuses: code, name, meaning, action and retry mode.
    pub(super) statuses: Vec<(u16, String, String, String, &'static str)>,
    /// The categories: id, title, description and whether it has the `*` pattern.
    pub(super) categories: Vec<(String, String, Option<String>, bool)>,
    /// The codes.
    pub(super) codes: Vec<CodeDraft>,
    /// The retry policy.
    pub(super) policy: PolicyDraft,
    /// The guide: logging fields, practices and troubleshooting problems.
    pub(super) guide: (Option<Vec<String>>, Vec<PracticeDraft>, Vec<ProblemDraft>),
}
