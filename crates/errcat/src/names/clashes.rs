//! The naming rules, as checks over the names table: two things the catalog keeps apart
//! must not get one generated name, and a code should not need escaping to be a name.
//!
//! Each target says which of its names share a namespace (`targets::<lang>::names`
//! declares them); this module only hashes what they declare, so every check is linear in
//! the catalog's size. Codes and categories are visited in the order the catalog file
//! defines them, so the diagnostic lands on the later of two clashing entries.

use std::collections::HashMap;

use super::{CodeNames, Names};
use crate::diag::Diagnostic;
use crate::model::Catalog;
use crate::raw::RawCatalog;
use crate::span::Span;
use crate::targets::Lang;
use crate::targets::java;
use crate::targets::words::{Words, concat, snake};

/// Type names every client declares besides per-code and per-category types.
const SHARED_TYPE_NAMES: [&str; 9] = [
    "ApiError",
    "ErrorCode",
    "ErrorCategory",
    "ErrorDetails",
    "RetryPolicy",
    "UnknownError",
    "HttpError",
    "CodeInfo",
    "LocalizedMessage",
];

/// Type names generated code declares besides per-code and per-category types (the Java
/// package's own are [`java::names::GENERATED_TYPES`]); a code or category whose generated
/// name equals one of them would clash.
pub const GENERATED_TYPE_NAMES: [&str; SHARED_TYPE_NAMES.len() + java::names::GENERATED_TYPES.len()] =
    concat(SHARED_TYPE_NAMES, java::names::GENERATED_TYPES);

/// The namespaces of generated names: two names clash only within one language and one
/// of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Namespace {
    /// Types, and in Go everything at package level (constants and variables share it). In
    /// Java, every class of the package (one file each).
    Type,
    /// Rust enum variants, and the constants of Java's `ErrorCode`.
    Variant,
    /// The constants of Java's `ErrorCategory`.
    CategoryConstant,
    /// Rust functions.
    Function,
}

/// Who holds a generated name already. Described only when a clash needs the words: a
/// catalog of 10,000 codes declares 130,000 names, and almost none of them clash.
struct Holder<'a> {
    who: Who<'a>,
    span: Span,
}

/// What a [`Holder`] is.
#[derive(Clone, Copy)]
enum Who<'a> {
    /// One of errcat's own types.
    Own(&'static str),
    /// A category, by id.
    Category(&'a str),
    /// A code.
    Code(&'a str),
}

impl Holder<'_> {
    /// The holder as diagnostics name it: "code `FOO`".
    fn what(&self) -> String {
        match self.who {
            Who::Own(name) => format!("errcat's own type `{name}`"),
            Who::Category(id) => format!("category `{id}`"),
            Who::Code(name) => format!("code `{name}`"),
        }
    }
}

/// Every identifier-clash and reserved-word finding of `catalog`, whose names are `names`;
/// `raw` gives the positions and the order of definition.
pub fn check(raw: &RawCatalog, catalog: &Catalog, names: &Names) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let declared =
        GENERATED_TYPE_NAMES.len() * Lang::ALL.len() + 6 * catalog.categories.len() + 13 * catalog.codes.len();
    let mut taken: HashMap<(Lang, Namespace, &str), Holder<'_>> = HashMap::with_capacity(declared);
    for name in GENERATED_TYPE_NAMES {
        for lang in Lang::ALL {
            taken.insert((lang, Namespace::Type, name), Holder { who: Who::Own(name), span: Span::UNKNOWN });
        }
    }
    let category_at: HashMap<&str, usize> =
        catalog.categories.iter().enumerate().map(|(at, category)| (category.id.as_str(), at)).collect();
    let mut seen = std::collections::HashSet::new();
    for raw_category in &raw.categories {
        let id = raw_category.id.value.as_str();
        let Some(&at) = category_at.get(id).filter(|_| seen.insert(id)) else {
            continue; // A duplicate id, reported already.
        };
        let category = &names.categories[at];
        let declared = [
            (Lang::Python, Namespace::Type, category.python.class.as_str()),
            (Lang::TypeScript, Namespace::Type, category.typescript.class.as_str()),
            (Lang::Go, Namespace::Type, category.go.class.as_str()),
            (Lang::Go, Namespace::Type, category.go.constant.as_str()),
            (Lang::Java, Namespace::Type, category.java.exception.as_str()),
            (Lang::Java, Namespace::CategoryConstant, category.java.constant.as_str()),
        ];
        let mut clash: Option<(&str, String, Span)> = None;
        for (lang, namespace, generated) in declared {
            match taken.get(&(lang, namespace, generated)) {
                Some(holder) => {
                    clash.get_or_insert_with(|| (generated, holder.what(), holder.span));
                }
                None => {
                    let holder = Holder { who: Who::Category(id), span: raw_category.id.span };
                    taken.insert((lang, namespace, generated), holder);
                }
            }
        }
        if let Some((generated, other, other_span)) = clash {
            let diagnostic = Diagnostic::error(
                "identifier-clash",
                raw_category.id.span,
                format!("category `{id}` becomes `{generated}` in generated clients, which is {other}"),
            )
            .with_help("choose another category id");
            diagnostics.push(related(diagnostic, other_span));
        }
    }
    let code_at: HashMap<&str, usize> =
        catalog.codes.iter().enumerate().map(|(at, code)| (code.code.as_str(), at)).collect();
    let mut seen = std::collections::HashSet::new();
    // Codes that differ only in case or punctuation are one `case-clash` diagnostic
    // already; their identifiers would repeat it in every language.
    let mut keys = std::collections::HashSet::new();
    for raw_code in &raw.codes {
        let name = raw_code.code.value.as_str();
        let first_spelling = keys.insert(crate::validate::clash_key(name));
        let Some(&at) = code_at.get(name).filter(|_| seen.insert(name)) else { continue };
        if !crate::validate::is_code_name(name) || !first_spelling {
            continue; // Reported as a naming problem already.
        }
        let code_names = &names.codes[at];
        // One diagnostic per clashing pair, listing every name they share.
        let mut clashes: Vec<(String, Span, Vec<String>)> = Vec::new();
        for (lang, namespace, generated) in code_declarations(code_names) {
            if let Some(holder) = taken.get(&(lang, namespace, generated)) {
                let what = holder.what();
                let shared = format!("`{generated}` ({})", lang.name());
                // errcat's own types (which have no place in the file) make one diagnostic.
                let own = !holder.span.is_known();
                match clashes.iter_mut().find(|(other, span, _)| *other == what || (own && !span.is_known())) {
                    Some((other, _, shared_names)) => {
                        let name = what.trim_start_matches("errcat's own type ");
                        if own && !other.contains(name) {
                            *other = format!("{} and {name}", other.replacen("own type ", "own types ", 1));
                        }
                        shared_names.push(shared);
                    }
                    None => clashes.push((what, holder.span, vec![shared])),
                }
            } else {
                let holder = Holder { who: Who::Code(name), span: raw_code.code.span };
                taken.insert((lang, namespace, generated), holder);
            }
        }
        for (other, other_span, shared) in clashes {
            let diagnostic = Diagnostic::error(
                "identifier-clash",
                raw_code.code.span,
                format!("code `{name}` and {other} become the same generated names: {}", shared.join(", ")),
            )
            .with_help(
                "rename one of them so that their words differ, not just their underscores, their case or a last \
                 word `Error` (error class names end in `Error` once)",
            );
            diagnostics.push(related(diagnostic, other_span));
        }
        diagnostics.extend(reserved_word(name, &code_names.words, raw_code.code.span));
        diagnostics.extend(field_clashes(raw_code, &catalog.codes[at], code_names));
    }
    diagnostics
}

/// The names a code called `name` declares in the namespaces the clash rules check, for
/// tools that make up catalogs the validator accepts (errcat's hostile-catalog generator).
pub fn declared_code_names(name: &str) -> Vec<String> {
    let code = crate::model::Code {
        code: name.to_owned(),
        status: 400,
        category: String::new(),
        title: String::new(),
        message: crate::model::MessageTemplate { text: String::new(), parts: Vec::new() },
        summary: String::new(),
        heading: String::new(),
        description: String::new(),
        causes: Vec::new(),
        solution: String::new(),
        solution_steps: Vec::new(),
        retry: crate::model::RetryMode::Never,
        retryable: false,
        retry_after: None,
        fields: Vec::new(),
        additional_details: None,
        example: crate::model::Example { body: serde_json::Value::Null, from_catalog: false },
        see: Vec::new(),
        doc_url: String::new(),
        grpc_status: String::new(),
        lifecycle: Default::default(),
        span: Default::default(),
        spans: Default::default(),
    };
    let words = Words::of(name);
    let names = CodeNames {
        rust: crate::targets::rust::names::code(&code, &words),
        python: crate::targets::python::names::code(&code, &words, &[]),
        typescript: crate::targets::typescript::names::code(&words),
        go: crate::targets::go::names::code(&code, &words, &[]),
        java: crate::targets::java::names::code(&code, &[]),
        openapi: crate::targets::openapi::names::code(&words),
        fields: Vec::new(),
        words,
    };
    code_declarations(&names).iter().map(|(_, _, name)| (*name).to_owned()).collect()
}

/// The identifiers a details field called `name` gets in every language, as the field
/// clash rule compares them.
pub fn field_identifiers(name: &str) -> [String; 5] {
    [
        crate::targets::Lang::Rust.escape_ident(&snake(name)),
        crate::targets::python::names::field(name),
        crate::targets::typescript::names::field(name),
        crate::targets::go::names::field(name),
        crate::targets::java::names::field(name),
    ]
}

/// The names a code declares, each with its language and namespace.
fn code_declarations(names: &CodeNames) -> [(Lang, Namespace, &str); 13] {
    [
        (Lang::Rust, Namespace::Variant, &names.rust.variant),
        (Lang::Rust, Namespace::Function, &names.rust.constructor),
        (Lang::Rust, Namespace::Type, &names.rust.details),
        (Lang::Python, Namespace::Type, &names.python.class),
        (Lang::Python, Namespace::Type, &names.python.details),
        (Lang::TypeScript, Namespace::Type, &names.typescript.class),
        (Lang::TypeScript, Namespace::Type, &names.typescript.details),
        // Go's constants, types and variables share one package namespace.
        (Lang::Go, Namespace::Type, &names.go.constant),
        (Lang::Go, Namespace::Type, &names.go.details),
        (Lang::Go, Namespace::Type, &names.go.error_var),
        // Every Java class of the package is a file of its own; `ErrorCode` holds the constants.
        (Lang::Java, Namespace::Variant, &names.java.constant),
        (Lang::Java, Namespace::Type, &names.java.exception),
        (Lang::Java, Namespace::Type, &names.java.details),
    ]
}

/// A warning when the code is a reserved word of some language once cased: generated
/// code escapes it, which reads badly.
fn reserved_word(name: &str, words: &Words, span: Span) -> Option<Diagnostic> {
    let reserved_in: Vec<&str> = Lang::ALL
        .into_iter()
        .filter(|&lang| lang.is_reserved(&words.camel) || lang.is_reserved(&words.snake))
        .map(Lang::name)
        .collect();
    (!reserved_in.is_empty()).then(|| {
        Diagnostic::warning(
            "reserved-word",
            span,
            format!("code `{name}` is a reserved word in {} once converted", reserved_in.join(", ")),
        )
        .with_help(
            "generated code escapes it (e.g. `Self_`, `r#type`), which reads badly; consider a more specific name",
        )
    })
}

/// Two details fields of one code must not become the same identifier in any language.
/// Each field is checked against the earliest earlier field with another wire name that
/// shares one of its identifiers, in the first language where they do.
fn field_clashes(raw_code: &crate::raw::RawCode, code: &crate::model::Code, names: &CodeNames) -> Vec<Diagnostic> {
    let span_of = |name: &str| {
        raw_code.details.iter().find(|field| field.name.value == name).map_or(Span::UNKNOWN, |field| field.name.span)
    };
    let mut first: HashMap<(Lang, &str), usize> = HashMap::new();
    let mut keys: HashMap<String, &str> = HashMap::new();
    let mut diagnostics = Vec::new();
    for (at, (field, field_names)) in code.fields.iter().zip(&names.fields).enumerate() {
        let key = crate::validate::clash_key(&field.name);
        if keys.get(&key).is_some_and(|&earlier| earlier != field.name) {
            continue; // Differs from an earlier field only in case or punctuation: a `case-clash`.
        }
        keys.entry(key).or_insert(&field.name);
        let idents = [
            (Lang::Rust, field_names.rust.as_str()),
            (Lang::Python, field_names.python.as_str()),
            (Lang::TypeScript, field_names.typescript.as_str()),
            (Lang::Go, field_names.go.as_str()),
            (Lang::Java, field_names.java.as_str()),
        ];
        let clash = idents
            .iter()
            .filter_map(|&(lang, ident)| {
                let earlier = *first.get(&(lang, ident))?;
                (code.fields[earlier].name != field.name).then_some((earlier, lang, ident))
            })
            .min_by_key(|&(earlier, _, _)| earlier);
        if let Some((earlier, lang, generated)) = clash {
            let other = &code.fields[earlier].name;
            diagnostics.push(
                Diagnostic::error(
                    "identifier-clash",
                    span_of(&field.name),
                    format!(
                        "details fields `{other}` and `{}` both become `{generated}` in {}",
                        field.name,
                        lang.name()
                    ),
                )
                .with_related(span_of(other), "clashes with this one")
                .with_help("rename one of them so that their words differ, not just their underscores"),
            );
        }
        for (lang, ident) in idents {
            first.entry((lang, ident)).or_insert(at);
        }
    }
    diagnostics
}

/// `diagnostic` pointing at `other_span` too, when that is a place in the file.
fn related(diagnostic: Diagnostic, other_span: Span) -> Diagnostic {
    if other_span.is_known() { diagnostic.with_related(other_span, "clashes with this one") } else { diagnostic }
}
