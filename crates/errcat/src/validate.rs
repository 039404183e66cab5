//! Raw catalog → checked [`Catalog`], or the reasons it can't be one.
//!
//! Every rule runs on every entry, and every finding is kept, so one run reports all
//! problems. A [`Catalog`] is returned only when no rule found an error; warnings come
//! with it. Rule names (the `rule` of each diagnostic) are stable: they appear in output
//! and in the bad-catalog snapshots.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value as Json;

use crate::diag::{self, Diagnostic, did_you_mean};
use crate::ident::{self, Lang};
use crate::model::{
    AdditionalDetails, Api, Catalog, Category, Code, DetailField, Example, FIELD_TYPE_NAMES, FieldType, Headers, Link,
    MessagePart, MessageTemplate, Practice, Problem, RetryMode, RetryPolicy, ScalarType, Status, Support, Uploads,
    Wire, WireField,
};
use crate::raw::{RawCatalog, RawCode};
use crate::span::{Span, Spanned};

/// Longest accepted code, in characters.
pub const MAX_CODE_LEN: usize = 64;

/// Most attempts a retry policy may make; more would hammer a failing server.
pub const MAX_ATTEMPTS: u32 = 100;

/// The only catalog format version.
pub const FORMAT_VERSION: u32 = 1;

/// Type names generated code declares besides per-code and per-category types; a code or
/// category whose generated name equals one of them would clash.
pub const GENERATED_TYPE_NAMES: [&str; 8] =
    ["ApiError", "ErrorCode", "ErrorCategory", "ErrorDetails", "RetryPolicy", "UnknownError", "HttpError", "CodeInfo"];

/// The result of validation: the checked catalog when there was no error, and every
/// diagnostic (errors and warnings), sorted by position.
#[derive(Debug)]
pub struct Validated {
    /// The checked catalog; `None` when any error was found.
    pub catalog: Option<Catalog>,
    /// Every finding, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks a raw catalog.
pub fn validate(raw: &RawCatalog) -> Validated {
    let mut checker = Checker { diagnostics: Vec::new() };
    let catalog = checker.catalog(raw);
    let mut diagnostics = checker.diagnostics;
    diag::sort(&mut diagnostics);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    Validated { catalog: if has_errors { None } else { Some(catalog) }, diagnostics }
}

struct Checker {
    diagnostics: Vec<Diagnostic>,
}

/// Lookup tables shared by the per-code rules.
struct Context<'r> {
    statuses: HashMap<u16, (&'r crate::raw::RawStatus, RetryMode)>,
    categories: BTreeMap<&'r str, &'r crate::raw::RawCategory>,
    links: Vec<&'r str>,
    /// Code names in catalog order, for suggestions.
    code_names: Vec<&'r str>,
    /// The same names, for membership tests.
    code_set: HashSet<&'r str>,
}

impl Checker {
    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn catalog(&mut self, raw: &RawCatalog) -> Catalog {
        if raw.format.value != FORMAT_VERSION {
            self.push(
                Diagnostic::error(
                    "unsupported-format",
                    raw.format.span,
                    format!("catalog format {} is not supported", raw.format.value),
                )
                .with_help(format!("this errcat reads format {FORMAT_VERSION}")),
            );
        }
        let api = self.api(raw);
        let wire = wire(raw);
        let statuses = self.statuses(raw);
        let categories = self.categories(raw);
        let context = Context {
            statuses: raw.statuses.iter().map(|s| (s.code.value, (s, s.retry.value))).collect(),
            categories: raw.categories.iter().map(|c| (c.id.value.as_str(), c)).collect(),
            links: raw.api.links.iter().map(|l| l.id.value.as_str()).collect(),
            code_names: raw.codes.iter().map(|c| c.code.value.as_str()).collect(),
            code_set: raw.codes.iter().map(|c| c.code.value.as_str()).collect(),
        };
        self.unique_codes(raw);
        self.identifier_clashes(raw);
        let mut codes: Vec<Code> = raw.codes.iter().map(|code| self.code(code, &context)).collect();
        self.pattern_exceptions(raw);
        // Docs order: categories in catalog order, codes in catalog order within each.
        let category_rank: HashMap<&str, usize> =
            raw.categories.iter().enumerate().map(|(i, c)| (c.id.value.as_str(), i)).collect();
        codes.sort_by_key(|code| category_rank.get(code.category.as_str()).copied().unwrap_or(usize::MAX));
        let retry_policy = self.retry_policy(raw, &statuses);
        let practices = self.practices(raw);
        let troubleshooting = self.troubleshooting(raw, &context);
        let log_fields = raw
            .logging
            .as_ref()
            .map(|logging| {
                for field in logging.fields.iter().filter(|f| f.value.trim().is_empty()) {
                    self.push(Diagnostic::error("empty-text", field.span, "empty logging field name"));
                }
                logging.fields.iter().map(|f| f.value.clone()).collect()
            })
            .unwrap_or_default();
        Catalog {
            format: raw.format.value,
            api,
            wire,
            statuses,
            categories,
            codes,
            retry_policy,
            log_fields,
            practices,
            troubleshooting,
            index: Default::default(),
        }
    }

    fn api(&mut self, raw: &RawCatalog) -> Api {
        let api = &raw.api;
        self.required_text(&api.name, "api.name");
        // Package names (`acme_errors`, `@acme/errors`, …) are made from the name's ASCII
        // words; it needs at least one, starting with a letter.
        if !ident::snake(&api.name.value).starts_with(|c: char| c.is_ascii_lowercase()) {
            self.push(
                Diagnostic::error(
                    "api-name",
                    api.name.span,
                    format!("API name `{}` cannot name packages", api.name.value),
                )
                .with_help("start the name with an ASCII letter, e.g. `Acme` or `Acme Cloud`"),
            );
        }
        let docs_url = api.docs_url.value.trim().to_owned();
        if !is_http_url(&docs_url) {
            self.push(
                Diagnostic::error("invalid-url", api.docs_url.span, format!("`{docs_url}` is not an http(s) URL"))
                    .with_help("give the base URL of the API's documentation, e.g. `https://docs.example.com/`"),
            );
        }
        let docs_url = if docs_url.ends_with('/') { docs_url } else { format!("{docs_url}/") };
        let email = &api.support.email;
        if !is_email(&email.value) {
            self.push(Diagnostic::error(
                "invalid-email",
                email.span,
                format!("`{}` is not an e-mail address", email.value),
            ));
        }
        for (name, header) in [
            ("authorization", &api.headers.authorization),
            ("auth_scheme", &api.headers.auth_scheme),
            ("retry_after", &api.headers.retry_after),
            ("request_id", &api.headers.request_id),
        ] {
            if header.value.is_empty() || !header.value.bytes().all(is_token_byte) {
                self.push(
                    Diagnostic::error(
                        "invalid-header",
                        header.span,
                        format!("`{}` is not a valid HTTP header token", header.value),
                    )
                    .with_help(format!("`api.headers.{name}` takes letters, digits and `-`")),
                );
            }
        }
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut links = Vec::new();
        for link in &api.links {
            self.kebab_id(&link.id, "link");
            if let Some(first) = seen.insert(link.id.value.as_str(), link.id.span) {
                self.push(
                    Diagnostic::error(
                        "duplicate-id",
                        link.id.span,
                        format!("link `{}` is defined twice", link.id.value),
                    )
                    .with_related(first, "first defined here"),
                );
            }
            let url = link.url.value.trim();
            let url = if is_http_url(url) {
                url.to_owned()
            } else if url.contains("://") || url.starts_with("//") || url.chars().any(char::is_whitespace) {
                self.push(
                    Diagnostic::error(
                        "invalid-url",
                        link.url.span,
                        format!("`{url}` is neither an http(s) URL nor a relative path"),
                    )
                    .with_help("write an absolute `https://` URL or a path relative to `api.docs_url`"),
                );
                url.to_owned()
            } else {
                format!("{docs_url}{}", url.trim_start_matches('/'))
            };
            links.push(Link {
                id: link.id.value.clone(),
                title: link.title.value.clone(),
                url,
                description: text(&link.description),
            });
        }
        let uploads = api.uploads.as_ref().map(|uploads| Uploads {
            formats: uploads.formats.iter().map(|f| f.value.clone()).collect(),
            max_size_mb: uploads.max_size_mb.value,
            large_files: text(&uploads.large_files),
            content_type: text(&uploads.content_type),
        });
        Api {
            name: api.name.value.clone(),
            description: text(&api.description),
            docs_url,
            support: Support {
                email: email.value.clone(),
                self_service: values(&api.support.self_service),
                request_checklist: values(&api.support.request_checklist),
            },
            headers: Headers {
                authorization: api.headers.authorization.value.clone(),
                auth_scheme: api.headers.auth_scheme.value.clone(),
                retry_after: api.headers.retry_after.value.clone(),
                request_id: api.headers.request_id.value.clone(),
            },
            uploads,
            links,
            tip: text(&api.tip),
        }
    }

    fn statuses(&mut self, raw: &RawCatalog) -> Vec<Status> {
        let mut seen: HashMap<u16, Span> = HashMap::new();
        let mut statuses = Vec::new();
        for row in &raw.statuses {
            let code = row.code.value;
            if !(100..=599).contains(&code) {
                self.push(Diagnostic::error(
                    "invalid-status",
                    row.code.span,
                    format!("{code} is not an HTTP status code"),
                ));
            }
            if let Some(first) = seen.insert(code, row.code.span) {
                self.push(
                    Diagnostic::error(
                        "duplicate-status",
                        row.code.span,
                        format!("status {code} is in the table twice"),
                    )
                    .with_related(first, "first row here"),
                );
                continue;
            }
            let is_error = code >= 400;
            if !is_error && row.retry.value != RetryMode::Never {
                self.push(
                    Diagnostic::warning(
                        "retry-contradicts-status",
                        row.retry.span,
                        format!("status {code} is not an error, yet its row says to retry"),
                    )
                    .with_help("set `retry: never` for 1xx–3xx statuses"),
                );
            }
            if (400..500).contains(&code) && code != 408 && code != 429 && row.retry.value == RetryMode::Backoff {
                self.push(
                    Diagnostic::warning(
                        "retry-contradicts-status",
                        row.retry.span,
                        format!("client error {code} is retried with backoff; the same request will fail again"),
                    )
                    .with_help("retry only statuses where waiting helps: 408, 429 and 5xx"),
                );
            }
            self.required_text(&row.name, "statuses[].name");
            // The reason phrase names the status's response in OpenAPI, where a key longer
            // than 1024 characters is no YAML; real ones are a few words.
            if row.name.value.chars().count() > MAX_CODE_LEN {
                self.push(
                    Diagnostic::error(
                        "status-name",
                        row.name.span,
                        format!("the name of status {code} is {} characters long", row.name.value.chars().count()),
                    )
                    .with_help(format!("a reason phrase such as `Too Many Requests` has at most {MAX_CODE_LEN}")),
                );
            }
            statuses.push(Status {
                code,
                name: row.name.value.clone(),
                meaning: row.meaning.value.clone(),
                action: row.action.value.clone(),
                retry: row.retry.value,
                is_error,
            });
        }
        statuses.sort_by_key(|status| status.code);
        statuses
    }

    fn categories(&mut self, raw: &RawCatalog) -> Vec<Category> {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut categories = Vec::new();
        for category in &raw.categories {
            let id = &category.id;
            if !is_snake_case(&id.value) {
                self.push(
                    Diagnostic::error(
                        "category-naming",
                        id.span,
                        format!("category id `{}` is not snake_case", id.value),
                    )
                    .with_help(format!("write it as `{}`", ident::snake(&id.value))),
                );
            }
            if let Some(first) = seen.insert(id.value.as_str(), id.span) {
                self.push(
                    Diagnostic::error("duplicate-id", id.span, format!("category `{}` is defined twice", id.value))
                        .with_related(first, "first defined here"),
                );
            }
            self.required_text(&category.title, "categories[].title");
            for pattern in &category.patterns {
                if pattern.value.is_empty()
                    || !pattern
                        .value
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '*')
                {
                    self.push(
                        Diagnostic::error(
                            "category-pattern",
                            pattern.span,
                            format!("pattern `{}` can never match a code", pattern.value),
                        )
                        .with_help("patterns use A–Z, 0–9, `_` and `*` (any run of characters), e.g. `AUTH_*`"),
                    );
                }
            }
            categories.push(Category {
                id: id.value.clone(),
                title: category.title.value.clone(),
                description: text(&category.description),
                patterns: values(&category.patterns),
                pattern_exceptions: values(&category.pattern_exceptions),
            });
        }
        categories
    }

    fn unique_codes(&mut self, raw: &RawCatalog) {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for code in &raw.codes {
            if let Some(first) = seen.insert(code.code.value.as_str(), code.code.span) {
                self.push(
                    Diagnostic::error(
                        "duplicate-code",
                        code.code.span,
                        format!("code `{}` is defined twice", code.code.value),
                    )
                    .with_label("second definition")
                    .with_related(first, "first defined here")
                    .with_help("codes are the wire contract: each must be unique; remove or rename one"),
                );
            }
        }
    }

    /// Codes (and categories) become type and constant names in every target language;
    /// two different codes must not become the same name, and no name may be a keyword.
    fn identifier_clashes(&mut self, raw: &RawCatalog) {
        let mut taken: HashMap<(Lang, &'static str, String), (String, Span)> = HashMap::new();
        for name in GENERATED_TYPE_NAMES {
            for lang in Lang::ALL {
                taken.insert((lang, "type", name.to_owned()), (format!("errcat's own type `{name}`"), Span::UNKNOWN));
            }
        }
        let mut seen_categories = std::collections::HashSet::new();
        for category in &raw.categories {
            if !seen_categories.insert(category.id.value.as_str()) {
                continue; // Reported as a duplicate id already.
            }
            let camel = ident::upper_camel(&category.id.value);
            let class = format!("{camel}Error");
            let names = [
                (Lang::Python, class.clone()),
                (Lang::TypeScript, class.clone()),
                (Lang::Go, class),
                (Lang::Go, format!("Category{camel}")),
            ];
            let mut clash: Option<(String, String, Span)> = None;
            for (lang, generated_name) in names {
                let key = (lang, "type", generated_name.clone());
                match taken.get(&key) {
                    Some((other, span)) => clash = Some((generated_name, other.clone(), *span)),
                    None => {
                        taken.insert(key, (format!("category `{}`", category.id.value), category.id.span));
                    }
                }
            }
            if let Some((generated_name, other, other_span)) = clash {
                let mut diagnostic = Diagnostic::error(
                    "identifier-clash",
                    category.id.span,
                    format!(
                        "category `{}` becomes `{generated_name}` in generated clients, which is {other}",
                        category.id.value
                    ),
                )
                .with_help("choose another category id");
                if other_span.is_known() {
                    diagnostic = diagnostic.with_related(other_span, "clashes with this one");
                }
                self.push(diagnostic);
            }
        }
        let mut seen_codes = std::collections::HashSet::new();
        for code in &raw.codes {
            let name = code.code.value.as_str();
            if !seen_codes.insert(name) || !is_code_name(name) {
                continue; // Reported as a duplicate or a naming problem already.
            }
            let idents = ident::code_idents(name);
            let generated: [(Lang, &'static str, &String); 10] = [
                (Lang::Rust, "variant", &idents.rust_variant),
                (Lang::Rust, "fn", &idents.rust_constructor),
                (Lang::Rust, "type", &idents.rust_details),
                (Lang::Python, "type", &idents.python_class),
                (Lang::Python, "type", &idents.python_details),
                (Lang::TypeScript, "type", &idents.typescript_class),
                (Lang::TypeScript, "type", &idents.typescript_details),
                // Go's constants, types and variables share one package namespace.
                (Lang::Go, "type", &idents.go_const),
                (Lang::Go, "type", &idents.go_details),
                (Lang::Go, "type", &idents.go_error_var),
            ];
            // One diagnostic per clashing pair, listing every name they share.
            let mut clashes: Vec<(String, Span, Vec<String>)> = Vec::new();
            for (lang, kind, generated_name) in generated {
                let key = (lang, kind, generated_name.clone());
                if let Some((other, other_span)) = taken.get(&key) {
                    let shared = format!("`{generated_name}` ({})", lang.name());
                    match clashes.iter_mut().find(|(o, _, _)| o == other) {
                        Some((_, _, names)) => names.push(shared),
                        None => clashes.push((other.clone(), *other_span, vec![shared])),
                    }
                } else {
                    taken.insert(key, (format!("code `{name}`"), code.code.span));
                }
            }
            for (other, other_span, names) in clashes {
                let mut diagnostic = Diagnostic::error(
                    "identifier-clash",
                    code.code.span,
                    format!("code `{name}` and {other} become the same generated names: {}", names.join(", ")),
                )
                .with_help("rename one of them so that their words differ, not just their underscores or case");
                if other_span.is_known() {
                    diagnostic = diagnostic.with_related(other_span, "clashes with this one");
                }
                self.push(diagnostic);
            }
            let camel = ident::upper_camel(name);
            let reserved_in: Vec<&str> = Lang::ALL
                .into_iter()
                .filter(|&lang| ident::is_reserved(lang, &camel) || ident::is_reserved(lang, &ident::snake(name)))
                .map(Lang::name)
                .collect();
            if !reserved_in.is_empty() {
                self.push(
                    Diagnostic::warning(
                        "reserved-word",
                        code.code.span,
                        format!("code `{name}` is a reserved word in {} once converted", reserved_in.join(", ")),
                    )
                    .with_help("generated code escapes it (e.g. `Self_`, `r#type`), which reads badly; consider a more specific name"),
                );
            }
        }
    }

    fn code(&mut self, code: &RawCode, context: &Context<'_>) -> Code {
        let name = &code.code;
        if !is_code_name(&name.value) {
            let suggestion = ident::screaming_snake(&name.value);
            let mut diagnostic = Diagnostic::error(
                "code-naming",
                name.span,
                format!("code `{}` is not SCREAMING_SNAKE_CASE", name.value),
            )
            .with_label("codes are upper-case words joined by single underscores");
            if is_code_name(&suggestion) {
                diagnostic = diagnostic.with_help(format!("write it as `{suggestion}`"));
            }
            self.push(diagnostic);
        }
        if name.value.chars().count() > MAX_CODE_LEN {
            self.push(
                Diagnostic::error(
                    "code-naming",
                    name.span,
                    format!("code is {} characters long", name.value.chars().count()),
                )
                .with_help(format!("codes are at most {MAX_CODE_LEN} characters")),
            );
        }
        let status = code.status.value;
        let status_retry = match context.statuses.get(&status) {
            Some((_, retry)) => Some(*retry),
            None => {
                let (_, nearest) = context
                    .statuses
                    .keys()
                    .map(|other| (other.abs_diff(status), *other))
                    .filter(|(distance, _)| *distance < 10)
                    .min()
                    .unwrap_or((0, 0));
                let mut diagnostic = Diagnostic::error(
                    "status-not-in-table",
                    code.status.span,
                    format!("code `{}` uses status {status}, which the status table lacks", name.value),
                )
                .with_help(format!("add a row for {status} to `statuses`, or use a status the table has"));
                if nearest != 0 {
                    diagnostic = diagnostic.with_label(format!("the table has {nearest}"));
                }
                self.push(diagnostic);
                None
            }
        };
        if !(400..=599).contains(&status) {
            self.push(
                Diagnostic::error(
                    "status-not-error",
                    code.status.span,
                    format!("error code `{}` has status {status}", name.value),
                )
                .with_help("error codes use a 4xx or 5xx status"),
            );
        }
        match context.categories.get(code.category.value.as_str()) {
            None => {
                let mut diagnostic = Diagnostic::error(
                    "unknown-category",
                    code.category.span,
                    format!("category `{}` is not defined", code.category.value),
                );
                diagnostic = match did_you_mean(&code.category.value, context.categories.keys().copied()) {
                    Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
                    None => diagnostic.with_help("add it to `categories`, or use one of its ids"),
                };
                self.push(diagnostic);
            }
            Some(category) => self.code_pattern(code, category),
        }
        self.required_text(&code.title, "title");
        self.required_text(&code.message, "message");
        self.required_text(&code.summary, "summary");
        for (field, value) in [("description", &code.description), ("solution", &code.solution)] {
            if value.value.trim().is_empty() {
                self.push(
                    Diagnostic::warning(
                        "empty-text",
                        value.span,
                        format!("code `{}` has an empty {field}", name.value),
                    )
                    .with_help("the docs and `errcat explain` show it to users; say something useful"),
                );
            }
        }
        for cause in code.causes.iter().chain(&code.solution_steps).filter(|c| c.value.trim().is_empty()) {
            self.push(Diagnostic::warning("empty-text", cause.span, "empty list item"));
        }
        let fields = self.detail_fields(code);
        let additional_details = code.additional_details.as_ref().and_then(|extra| {
            self.field_type(&extra.ty).map(|ty| AdditionalDetails {
                key: extra.key.value.clone(),
                ty,
                description: extra.description.value.clone(),
            })
        });
        let message = self.message_template(code, &fields);
        let retry = self.code_retry(code, status_retry);
        for see in &code.see {
            self.link_reference(see, &context.links);
        }
        let example = self.example(code, &message, &fields, additional_details.as_ref());
        Code {
            code: name.value.clone(),
            status,
            category: code.category.value.clone(),
            title: code.title.value.clone(),
            message,
            summary: code.summary.value.clone(),
            heading: code.heading.as_ref().map_or_else(|| code.summary.value.clone(), |h| h.value.clone()),
            description: code.description.value.clone(),
            causes: values(&code.causes),
            solution: code.solution.value.clone(),
            solution_steps: values(&code.solution_steps),
            retry,
            retryable: retry != RetryMode::Never,
            retry_after: code.retry_after.as_ref().map(|r| r.value),
            fields,
            additional_details,
            example,
            see: values(&code.see),
        }
    }

    fn code_pattern(&mut self, code: &RawCode, category: &crate::raw::RawCategory) {
        if category.patterns.is_empty() {
            return;
        }
        let name = &code.code.value;
        let matches = category.patterns.iter().any(|p| glob_matches(&p.value, name));
        let excepted = category.pattern_exceptions.iter().any(|e| &e.value == name);
        if !matches && !excepted {
            let patterns = category.patterns.iter().map(|p| format!("`{}`", p.value)).collect::<Vec<_>>().join(", ");
            self.push(
                Diagnostic::warning(
                    "category-pattern",
                    code.code.span,
                    format!("code `{name}` does not match the {patterns} pattern of category `{}`", category.id.value),
                )
                .with_related(category.id.span, "category defined here")
                .with_help(format!(
                    "rename the code, or list it under the category's `pattern_exceptions` if clients already depend on `{name}`"
                )),
            );
        }
    }

    fn pattern_exceptions(&mut self, raw: &RawCatalog) {
        // The first definition of a name, as a scan would find it.
        let mut by_name: HashMap<&str, &RawCode> = HashMap::new();
        for code in &raw.codes {
            by_name.entry(code.code.value.as_str()).or_insert(code);
        }
        for category in &raw.categories {
            for exception in &category.pattern_exceptions {
                let code = by_name.get(exception.value.as_str()).copied();
                let problem = match code {
                    None => Some(format!("`{}` is not a code", exception.value)),
                    Some(code) if code.category.value != category.id.value => {
                        Some(format!("`{}` belongs to category `{}`", exception.value, code.category.value))
                    }
                    Some(_) if category.patterns.iter().any(|p| glob_matches(&p.value, &exception.value)) => {
                        Some(format!("`{}` matches the category's patterns anyway", exception.value))
                    }
                    Some(_) => None,
                };
                if let Some(problem) = problem {
                    self.push(
                        Diagnostic::warning(
                            "stale-pattern-exception",
                            exception.span,
                            format!("pattern exception: {problem}"),
                        )
                        .with_help("remove it from `pattern_exceptions`"),
                    );
                }
            }
        }
    }

    fn detail_fields(&mut self, code: &RawCode) -> Vec<DetailField> {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut fields = Vec::new();
        for field in &code.details {
            let name = &field.name;
            if !is_snake_case(&name.value) {
                self.push(
                    Diagnostic::error(
                        "field-naming",
                        name.span,
                        format!("details field `{}` is not snake_case", name.value),
                    )
                    .with_help(format!("write it as `{}`", ident::snake(&name.value))),
                );
            }
            if name.value == "retry_after" {
                self.push(
                    Diagnostic::error(
                        "field-naming",
                        name.span,
                        "`retry_after` is a field of the error body, not of `details`",
                    )
                    .with_help("declare `retry_after: SECONDS` on the code instead"),
                );
            }
            if let Some(first) = seen.insert(name.value.as_str(), name.span) {
                self.push(
                    Diagnostic::error(
                        "duplicate-field",
                        name.span,
                        format!("details field `{}` is declared twice", name.value),
                    )
                    .with_related(first, "first declared here"),
                );
                continue;
            }
            self.field_ident_clash(code, field);
            let Some(ty) = self.field_type(&field.ty) else { continue };
            let example = match &field.example {
                Some(example) => {
                    if !ty.admits(&example.value) {
                        self.push(
                            Diagnostic::error(
                                "details-type",
                                example.span,
                                format!(
                                    "example of `{}` is {}, not {}",
                                    name.value,
                                    json_kind(&example.value),
                                    ty.name()
                                ),
                            )
                            .with_related(field.ty.span, "type declared here"),
                        );
                    }
                    example.value.clone()
                }
                None => placeholder_value(ty, &name.value),
            };
            fields.push(DetailField {
                name: name.value.clone(),
                ty,
                description: field.description.value.clone(),
                example,
                optional: flag(&field.optional),
                message_only: flag(&field.message_only),
            });
        }
        fields
    }

    /// Two details fields of one code must not become the same identifier in any language.
    fn field_ident_clash(&mut self, code: &RawCode, field: &crate::raw::RawDetailField) {
        let name = &field.name;
        let earlier = code.details.iter().take_while(|f| !std::ptr::eq(*f, field));
        for other in earlier.filter(|f| f.name.value != name.value) {
            let clash = Lang::ALL.into_iter().find_map(|lang| {
                let generated = ident::field_ident(lang, &name.value);
                (ident::field_ident(lang, &other.name.value) == generated).then_some((lang, generated))
            });
            if let Some((lang, generated)) = clash {
                self.push(
                    Diagnostic::error(
                        "identifier-clash",
                        name.span,
                        format!(
                            "details fields `{}` and `{}` both become `{generated}` in {}",
                            other.name.value,
                            name.value,
                            lang.name()
                        ),
                    )
                    .with_related(other.name.span, "clashes with this one")
                    .with_help("rename one of them so that their words differ, not just their underscores"),
                );
                return;
            }
        }
    }

    fn field_type(&mut self, ty: &Spanned<String>) -> Option<FieldType> {
        let parsed = FieldType::parse(ty.value.trim());
        if parsed.is_none() {
            let mut diagnostic =
                Diagnostic::error("unknown-field-type", ty.span, format!("`{}` is not a details type", ty.value))
                    .with_label("unsupported type");
            diagnostic = match did_you_mean(&ty.value, FIELD_TYPE_NAMES) {
                Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
                None => diagnostic.with_help(format!("supported types: {}", FIELD_TYPE_NAMES.join(", "))),
            };
            self.push(diagnostic);
        }
        parsed
    }

    fn message_template(&mut self, code: &RawCode, fields: &[DetailField]) -> MessageTemplate {
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

    fn code_retry(&mut self, code: &RawCode, status_retry: Option<RetryMode>) -> RetryMode {
        let retry = code.retry.as_ref().map(|r| r.value).or(status_retry).unwrap_or(RetryMode::Never);
        if let (Some(own), Some(table)) = (&code.retry, status_retry)
            && own.value != table
        {
            self.push(
                Diagnostic::warning(
                    "retry-contradicts-status",
                    own.span,
                    format!(
                        "code `{}` says `{}` but the status table says `{}` for {}",
                        code.code.value,
                        retry_name(own.value),
                        retry_name(table),
                        code.status.value
                    ),
                )
                .with_help("clients that only read the status will behave differently; align them or explain why"),
            );
        }
        if let Some(retry_after) = &code.retry_after
            && retry != RetryMode::AfterDelay
        {
            self.push(
                Diagnostic::warning(
                    "retry-contradicts-status",
                    retry_after.span,
                    format!("code `{}` sends `retry_after` but is not retried after a delay", code.code.value),
                )
                .with_help("use a status whose row says `retry: after_delay`, or set `retry: after_delay` on the code"),
            );
        }
        retry
    }

    fn link_reference(&mut self, see: &Spanned<String>, links: &[&str]) {
        if !links.contains(&see.value.as_str()) {
            let mut diagnostic = Diagnostic::error(
                "unknown-link",
                see.span,
                format!("link `{}` is not defined in `api.links`", see.value),
            );
            if let Some(suggestion) = did_you_mean(&see.value, links.iter().copied()) {
                diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
            }
            self.push(diagnostic);
        }
    }

    fn example(
        &mut self,
        code: &RawCode,
        message: &MessageTemplate,
        fields: &[DetailField],
        additional: Option<&AdditionalDetails>,
    ) -> Example {
        let Some(example) = &code.example else {
            return Example { body: derived_example(code, message, fields, additional), from_catalog: false };
        };
        let span = example.span;
        let Json::Object(body) = &example.value else {
            self.push(Diagnostic::error(
                "example-mismatch",
                span,
                "example must be a JSON object (the whole response body)",
            ));
            return Example { body: example.value.clone(), from_catalog: true };
        };
        let name = &code.code.value;
        let mismatch = |checker: &mut Checker, rule: &'static str, text: String, help: String| {
            checker.push(Diagnostic::error(rule, span, text).with_help(help));
        };
        for key in body.keys() {
            if !["error", "message", "error_code", "details", "retry_after"].contains(&key.as_str()) {
                mismatch(
                    self,
                    "example-mismatch",
                    format!("example of `{name}` has `{key}`, which is not a field of the error body"),
                    "the body has `error`, `message`, `error_code`, `details` and `retry_after`".to_owned(),
                );
            }
        }
        match body.get("error_code") {
            None => mismatch(
                self,
                "example-missing-code",
                format!("example of `{name}` has no `error_code`"),
                format!("every error body carries its code: add `\"error_code\": \"{name}\"`"),
            ),
            Some(Json::String(found)) if found == name => {}
            Some(found) => mismatch(
                self,
                "example-mismatch",
                format!("example of `{name}` has `error_code` {found}"),
                format!("set it to \"{name}\", or move the example to the code it belongs to"),
            ),
        }
        match body.get("error") {
            Some(Json::String(found)) if *found == code.title.value => {}
            found => mismatch(
                self,
                "example-mismatch",
                format!("example's `error` is {}, but the code's title is {:?}", show(found), code.title.value),
                "the `error` field always carries the code's `title`".to_owned(),
            ),
        }
        let details = body.get("details");
        match details {
            None | Some(Json::Object(_)) => {}
            Some(other) => mismatch(
                self,
                "details-type",
                format!("example's `details` is {}, not an object", json_kind(other)),
                "`details` is an object of named fields".to_owned(),
            ),
        }
        let details = details.and_then(Json::as_object);
        if let Some(details) = details {
            for (key, value) in details {
                match fields.iter().find(|f| &f.name == key) {
                    Some(field) if field.message_only => mismatch(
                        self,
                        "example-mismatch",
                        format!("example sends `{key}` in `details`, but the field is `message_only`"),
                        "drop `message_only`, or the key from the example".to_owned(),
                    ),
                    Some(field) if !field.ty.admits(value) => mismatch(
                        self,
                        "details-type",
                        format!(
                            "example's `details.{key}` is {}, but the field is {}",
                            json_kind(value),
                            field.ty.name()
                        ),
                        "make the example value match the declared type, or fix the type".to_owned(),
                    ),
                    Some(_) => {}
                    None if code.details.iter().any(|f| &f.name.value == key) => {} // Its type is reported.
                    None => match additional {
                        Some(extra) if !extra.ty.admits(value) => mismatch(
                            self,
                            "details-type",
                            format!(
                                "example's `details.{key}` is {}, but additional details are {}",
                                json_kind(value),
                                extra.ty.name()
                            ),
                            "make the example value match `additional_details.type`".to_owned(),
                        ),
                        Some(_) => {}
                        None => {
                            let suggestion = did_you_mean(key, fields.iter().map(|f| f.name.as_str()));
                            mismatch(
                                self,
                                "example-mismatch",
                                format!("example's `details.{key}` is not a declared details field of `{name}`"),
                                match suggestion {
                                    Some(s) => format!("did you mean `{s}`?"),
                                    None => "declare it under the code's `details`".to_owned(),
                                },
                            );
                        }
                    },
                }
            }
        }
        for field in fields.iter().filter(|f| !f.optional && !f.message_only) {
            if !details.is_some_and(|d| d.contains_key(&field.name)) {
                mismatch(
                    self,
                    "example-mismatch",
                    format!("example of `{name}` lacks the required details field `{}`", field.name),
                    "add it to the example's `details`, or mark the field `optional: true`".to_owned(),
                );
            }
        }
        match (body.get("retry_after"), &code.retry_after) {
            (None, _) => {}
            (Some(value), Some(_)) if value.is_u64() => {}
            (Some(value), Some(_)) => mismatch(
                self,
                "details-type",
                format!("example's `retry_after` is {}, not a whole number of seconds", json_kind(value)),
                "write the delay in seconds".to_owned(),
            ),
            (Some(_), None) => mismatch(
                self,
                "example-mismatch",
                format!("example sends `retry_after`, but code `{name}` declares none"),
                "add `retry_after: SECONDS` to the code".to_owned(),
            ),
        }
        match body.get("message") {
            Some(Json::String(text)) => {
                let values = |placeholder: &str| -> Option<String> {
                    if placeholder == "retry_after" {
                        return body.get("retry_after").map(plain_text);
                    }
                    details.and_then(|d| d.get(placeholder)).map(plain_text)
                };
                if !template_matches(message, text, &values) {
                    mismatch(
                        self,
                        "example-mismatch",
                        format!("example's message {text:?} does not match the template {:?}", message.text),
                        "the message must be the template with its placeholders filled from the example".to_owned(),
                    );
                }
            }
            found => mismatch(
                self,
                "example-mismatch",
                format!("example's `message` is {}, not a string", show(found)),
                "every body has a `message`".to_owned(),
            ),
        }
        Example { body: example.value.clone(), from_catalog: true }
    }

    fn retry_policy(&mut self, raw: &RawCatalog, statuses: &[Status]) -> RetryPolicy {
        let policy = &raw.retry_policy;
        if !(1..=MAX_ATTEMPTS).contains(&policy.max_attempts.value) {
            self.push(
                Diagnostic::error(
                    "retry-policy",
                    policy.max_attempts.span,
                    format!("`max_attempts` is {}; it counts the first attempt", policy.max_attempts.value),
                )
                .with_help(format!("use 1 (never retry) to {MAX_ATTEMPTS}")),
            );
        }
        if !(policy.multiplier.value.is_finite() && policy.multiplier.value >= 1.0) {
            self.push(
                Diagnostic::error(
                    "retry-policy",
                    policy.multiplier.span,
                    "`multiplier` must be a finite number of at least 1",
                )
                .with_help("2 doubles the delay after each attempt"),
            );
        }
        if policy.initial_delay_ms.value > policy.max_delay_ms.value {
            self.push(Diagnostic::warning(
                "retry-policy",
                policy.initial_delay_ms.span,
                "`initial_delay_ms` is larger than `max_delay_ms`; every delay is capped",
            ));
        }
        let statuses_with = |mode| statuses.iter().filter(|s| s.retry == mode).map(|s| s.code).collect::<Vec<_>>();
        RetryPolicy {
            max_attempts: policy.max_attempts.value,
            initial_delay_ms: policy.initial_delay_ms.value,
            multiplier: policy.multiplier.value,
            max_delay_ms: policy.max_delay_ms.value,
            jitter: policy.jitter.value,
            default_retry_after_seconds: policy.default_retry_after_seconds.value,
            max_total_delay_seconds: policy.max_total_delay_seconds.value,
            retry_network_errors: policy.retry_network_errors.value,
            backoff_statuses: statuses_with(RetryMode::Backoff),
            delay_statuses: statuses_with(RetryMode::AfterDelay),
        }
    }

    fn practices(&mut self, raw: &RawCatalog) -> Vec<Practice> {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        raw.practices
            .iter()
            .map(|practice| {
                self.kebab_id(&practice.id, "practice");
                self.unique_id(&mut seen, &practice.id, "practice");
                self.required_text(&practice.title, "practices[].title");
                Practice {
                    id: practice.id.value.clone(),
                    title: practice.title.value.clone(),
                    rule: practice.rule.value.clone(),
                    points: values(&practice.points),
                }
            })
            .collect()
    }

    fn troubleshooting(&mut self, raw: &RawCatalog, context: &Context<'_>) -> Vec<Problem> {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        raw.troubleshooting
            .iter()
            .map(|problem| {
                self.kebab_id(&problem.id, "troubleshooting entry");
                self.unique_id(&mut seen, &problem.id, "troubleshooting entry");
                self.required_text(&problem.problem, "troubleshooting[].problem");
                for code in &problem.related_codes {
                    if !context.code_set.contains(code.value.as_str()) {
                        let mut diagnostic = Diagnostic::error(
                            "unknown-code",
                            code.span,
                            format!("related code `{}` is not in the catalog", code.value),
                        );
                        if let Some(suggestion) = did_you_mean(&code.value, context.code_names.iter().copied()) {
                            diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
                        }
                        self.push(diagnostic);
                    }
                }
                for see in &problem.see {
                    self.link_reference(see, &context.links);
                }
                Problem {
                    id: problem.id.value.clone(),
                    problem: problem.problem.value.clone(),
                    symptoms: values(&problem.symptoms),
                    checklist: values(&problem.checklist),
                    solutions: values(&problem.solutions),
                    related_codes: values(&problem.related_codes),
                    see: values(&problem.see),
                }
            })
            .collect()
    }

    fn required_text(&mut self, value: &Spanned<String>, what: &str) {
        if value.value.trim().is_empty() {
            self.push(
                Diagnostic::error("empty-text", value.span, format!("`{what}` is empty"))
                    .with_help("it is shown to users; fill it in"),
            );
        }
    }

    fn kebab_id(&mut self, id: &Spanned<String>, what: &str) {
        let ok = !id.value.is_empty()
            && id
                .value
                .split('-')
                .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
        if !ok {
            self.push(
                Diagnostic::error("id-naming", id.span, format!("{what} id `{}` is not kebab-case", id.value))
                    .with_help(format!("write it as `{}`", heck::ToKebabCase::to_kebab_case(id.value.as_str()))),
            );
        }
    }

    fn unique_id<'r>(&mut self, seen: &mut HashMap<&'r str, Span>, id: &'r Spanned<String>, what: &str) {
        if let Some(first) = seen.insert(id.value.as_str(), id.span) {
            self.push(
                Diagnostic::error("duplicate-id", id.span, format!("{what} `{}` is defined twice", id.value))
                    .with_related(first, "first defined here"),
            );
        }
    }
}

fn wire(raw: &RawCatalog) -> Wire {
    let w = &raw.wire;
    let field = |name: &str, field: &crate::raw::RawWireField, required: bool| WireField {
        name: name.to_owned(),
        description: field.description.value.clone(),
        example: field.example.value.clone(),
        required,
    };
    Wire {
        description: text(&w.description),
        fields: vec![
            field("error", &w.error, true),
            field("message", &w.message, true),
            field("error_code", &w.error_code, true),
            field("details", &w.details, false),
            field("retry_after", &w.retry_after, false),
        ],
    }
}

/// An example body built from the template and the details fields' examples, for codes
/// the catalog gives no example for.
fn derived_example(
    code: &RawCode,
    message: &MessageTemplate,
    fields: &[DetailField],
    additional: Option<&AdditionalDetails>,
) -> Json {
    let retry_after = code.retry_after.as_ref().map(|r| r.value);
    let text = message.fill(|placeholder| {
        if placeholder == "retry_after" {
            return retry_after.map(|r| r.to_string()).unwrap_or_default();
        }
        fields.iter().find(|f| f.name == placeholder).map(|f| plain_text(&f.example)).unwrap_or_default()
    });
    let mut body = serde_json::Map::new();
    body.insert("error".to_owned(), Json::String(code.title.value.clone()));
    body.insert("message".to_owned(), Json::String(text));
    body.insert("error_code".to_owned(), Json::String(code.code.value.clone()));
    let mut details: serde_json::Map<String, Json> =
        fields.iter().filter(|f| !f.message_only).map(|f| (f.name.clone(), f.example.clone())).collect();
    if let Some(extra) = additional {
        details.insert(ident::snake(&extra.key).if_empty("field"), placeholder_value(extra.ty, &extra.key));
    }
    if !details.is_empty() {
        body.insert("details".to_owned(), Json::Object(details));
    }
    if let Some(seconds) = retry_after {
        body.insert("retry_after".to_owned(), Json::from(seconds));
    }
    Json::Object(body)
}

trait IfEmpty {
    fn if_empty(self, fallback: &str) -> String;
}

impl IfEmpty for String {
    fn if_empty(self, fallback: &str) -> String {
        if self.is_empty() { fallback.to_owned() } else { self }
    }
}

/// A value of `ty` for fields the catalog gives no example for.
fn placeholder_value(ty: FieldType, name: &str) -> Json {
    let scalar = match ty.scalar {
        ScalarType::String => Json::String(name.to_owned()),
        ScalarType::Integer => Json::from(1),
        ScalarType::Number => Json::from(1.5),
        ScalarType::Boolean => Json::Bool(true),
    };
    if ty.list { Json::Array(vec![scalar]) } else { scalar }
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
                        Some((_, c)) if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' => name.push(c),
                        Some((_, c)) => return Err(format!("`{c}` in a placeholder (names are snake_case)")),
                        None => return Err("unclosed `{`".to_owned()),
                    }
                }
                if !name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_') {
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
fn template_matches(template: &MessageTemplate, text: &str, value: &dyn Fn(&str) -> Option<String>) -> bool {
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

/// How a JSON value reads when filled into a message: strings without quotes.
fn plain_text(value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        Json::Array(items) => items.iter().map(plain_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

fn show(value: Option<&Json>) -> String {
    value.map_or_else(|| "missing".to_owned(), |v| v.to_string())
}

fn json_kind(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "a list",
        Json::Object(_) => "an object",
    }
}

fn retry_name(mode: RetryMode) -> &'static str {
    match mode {
        RetryMode::Never => "never",
        RetryMode::Backoff => "backoff",
        RetryMode::AfterDelay => "after_delay",
    }
}

/// `*` matches any run of characters (including none); everything else matches itself.
pub fn glob_matches(pattern: &str, text: &str) -> bool {
    let pieces: Vec<&str> = pattern.split('*').collect();
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else { return false };
    if pieces.len() == 1 {
        return pattern == text;
    }
    if !text.starts_with(first) || !text[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for piece in &pieces[1..pieces.len() - 1] {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    first.len() + last.len() <= text.len()
}

/// SCREAMING_SNAKE_CASE: upper-case ASCII words of letters and digits, joined by single
/// underscores, starting with a letter.
pub fn is_code_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name
            .split('_')
            .all(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
}

fn is_snake_case(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .split('_')
            .all(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

fn is_http_url(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

fn is_email(email: &str) -> bool {
    let mut parts = email.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

fn text(value: &Option<Spanned<String>>) -> Option<String> {
    value.as_ref().map(|v| v.value.clone())
}

fn values(list: &[Spanned<String>]) -> Vec<String> {
    list.iter().map(|v| v.value.clone()).collect()
}

fn flag(value: &Option<Spanned<bool>>) -> bool {
    value.as_ref().is_some_and(|v| v.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
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
        assert!(parse_template("{Bad}").is_err());
    }

    #[test]
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

    #[test]
    fn globs() {
        assert!(glob_matches("AUTH_*", "AUTH_FAILED"));
        assert!(!glob_matches("AUTH_*", "MISSING_API_KEY"));
        assert!(glob_matches("*_NOT_FOUND", "DOCUMENT_NOT_FOUND"));
        assert!(glob_matches("*_IN_*", "MODEL_IN_USE"));
        assert!(!glob_matches("A*A", "A"));
        assert!(glob_matches("A*A", "AA"));
    }

    #[test]
    fn code_names() {
        assert!(is_code_name("MISSING_API_KEY"));
        assert!(is_code_name("E404"));
        assert!(!is_code_name("missing_api_key"));
        assert!(!is_code_name("DOUBLE__UNDERSCORE"));
        assert!(!is_code_name("_LEADING"));
        assert!(!is_code_name("9LIVES"));
    }
}
