//! Locale files: each translation of a catalog's texts, read from `<dir>/<tag>.yaml` beside
//! the catalog and checked against it.
//!
//! A translated message has exactly the source message's placeholders; a plural choice is
//! on a number and has an arm for every plural category CLDR gives the language; each
//! translated text records the source text it was made from, so a translation whose source
//! changed since is reported stale (with both texts). A locale that leaves codes out is
//! reported with its coverage, and those codes fall back along its chain. Every diagnostic
//! points into the locale file it is about ([`LocaleFile`]), or into the catalog for a file
//! that is missing or not listed.

use std::collections::BTreeSet;
use std::path::Path;

use crate::diag::{Diagnostic, did_you_mean};
use crate::load::Limits;
use crate::locale::{LanguageTag, PluralCategory};
use crate::model::{
    Catalog, Code, LocalizedCategory, LocalizedTexts, MessagePart, MessageTemplate, PluralSelector, ReferenceLabel,
    ScalarType,
};
use crate::raw::{RawCategoryTranslation, RawLocaleFile, RawReferenceLabels, RawTranslation};
use crate::span::{Span, Spanned};
use crate::validate::parse_localized_template;

/// A locale file that was read, with the diagnostics that point into it.
#[derive(Debug)]
pub struct LocaleFile {
    /// Its path, as shown in diagnostics: the catalog's shown path with the file's relative
    /// path in place of the catalog's name.
    pub relative: String,
    /// Its text (diagnostics point into it).
    pub text: String,
    /// What was found in it.
    pub diagnostics: Vec<Diagnostic>,
}

/// The folder of `catalog_path`'s locale files: the catalog's `locales.dir` when it is
/// known, else the default, `locales` beside the catalog. Build scripts watch it.
pub fn locale_dir(catalog_path: &Path, catalog: Option<&Catalog>) -> std::path::PathBuf {
    let dir = catalog.map_or_else(|| crate::model::Locales::default().dir, |catalog| catalog.locales.dir.clone());
    catalog_path.parent().unwrap_or(Path::new(".")).join(dir)
}

/// Reads and checks the locale files of `catalog` (checked from the file at
/// `catalog_path`), filling in each translation's texts. Returns the diagnostics that point
/// into the catalog and the files that were read.
pub fn read(catalog_path: &Path, catalog: &mut Catalog, limits: &Limits) -> (Vec<Diagnostic>, Vec<LocaleFile>) {
    let mut in_catalog = Vec::new();
    let mut files = Vec::new();
    if catalog.locales.translations.is_empty() {
        return (in_catalog, files);
    }
    let dir = locale_dir(catalog_path, Some(catalog));
    for index in 0..catalog.locales.translations.len() {
        let (tag, span) = {
            let translation = &catalog.locales.translations[index];
            (translation.tag.clone(), translation.span)
        };
        let relative = format!("{}/{tag}.yaml", catalog.locales.dir);
        let path = dir.join(format!("{tag}.yaml"));
        let text = match crate::read_capped(&path, limits) {
            Ok(Ok(text)) => text,
            Ok(Err((text, diagnostic))) => {
                files.push(LocaleFile { relative, text, diagnostics: vec![diagnostic] });
                continue;
            }
            Err(error) => {
                let why = if error.kind() == std::io::ErrorKind::NotFound {
                    "it does not exist".to_owned()
                } else {
                    error.to_string()
                };
                in_catalog.push(
                    Diagnostic::error("locale-file", span, format!("the translation `{tag}` cannot be read from {relative}: {why}"))
                        .with_help(format!("write {relative} (`format: 1`, `locale: {tag}`, `codes:`), or drop `{tag}` from `locales.translations`")),
                );
                continue;
            }
        };
        let diagnostics = match crate::load::load_locale_file(&text, limits) {
            Ok(raw) => check_file(catalog, index, &raw),
            Err(diagnostics) => diagnostics,
        };
        files.push(LocaleFile { relative, text, diagnostics });
    }
    in_catalog.extend(unlisted(&dir, catalog));
    for file in &mut files {
        crate::diag::sort(&mut file.diagnostics);
    }
    (in_catalog, files)
}

/// Warnings for `*.yaml` files in the locale folder that no translation names.
fn unlisted(dir: &Path, catalog: &Catalog) -> Vec<Diagnostic> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.ends_with(".yaml"))
        .filter(|name| !catalog.locales.translations.iter().any(|t| format!("{}.yaml", t.tag) == *name))
        .collect();
    names.sort();
    let span = catalog.locales.translations.first().map_or(Span::UNKNOWN, |t| t.span);
    names
        .into_iter()
        .map(|name| {
            Diagnostic::warning(
                "locale-unlisted",
                span,
                format!("{}/{name} is not a listed translation", catalog.locales.dir),
            )
            .with_help(format!(
                "add `{}` to `locales.translations`, or remove the file",
                name.trim_end_matches(".yaml")
            ))
        })
        .collect()
}

/// Checks one locale file against the catalog and fills in the translation at `index`.
fn check_file(catalog: &mut Catalog, index: usize, raw: &RawLocaleFile) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let tag = catalog.locales.translations[index].tag.clone();
    if raw.format.value != 1 {
        diagnostics.push(
            Diagnostic::error(
                "locale-format",
                raw.format.span,
                format!("locale file format {} is unknown", raw.format.value),
            )
            .with_help("write `format: 1`"),
        );
    }
    let named =
        LanguageTag::parse(&raw.locale.value).map(|t| t.to_string()).unwrap_or_else(|_| raw.locale.value.clone());
    if named != tag {
        diagnostics.push(
            Diagnostic::error(
                "locale-mismatch",
                raw.locale.span,
                format!("this is the file of `{tag}`, but it says `locale: {}`", raw.locale.value),
            )
            .with_help(format!("write `locale: {tag}`, or rename the file after its locale")),
        );
    }
    let categories = catalog.locales.translations[index].plural_categories.clone();
    let mut codes = std::collections::BTreeMap::new();
    let mut seen: Vec<&Spanned<String>> = Vec::new();
    for entry in &raw.codes {
        if let Some(first) = seen.iter().find(|code| code.value == entry.code.value) {
            diagnostics.push(
                Diagnostic::error(
                    "translation-duplicate",
                    entry.code.span,
                    format!("`{}` is translated twice", entry.code.value),
                )
                .with_related(first.span, "first translated here"),
            );
            continue;
        }
        seen.push(&entry.code);
        let Some(code) = catalog.code(&entry.code.value) else {
            diagnostics.push(unknown_code(catalog, entry));
            continue;
        };
        let before = diagnostics.len();
        let texts = check_translation(code, entry, &tag, &categories, &mut diagnostics);
        if diagnostics[before..].iter().all(|d| !d.is_error()) {
            codes.insert(code.code.clone(), texts);
        }
    }
    let categories = check_categories(catalog, &raw.categories, &tag, &mut diagnostics);
    let reference = check_reference(raw.reference.as_ref(), &tag, &mut diagnostics);
    let total = catalog.codes.len();
    let translation = &mut catalog.locales.translations[index];
    translation.codes = codes;
    translation.categories = categories;
    translation.reference = reference;
    if translation.codes.len() < total {
        let missing: Vec<&str> = catalog
            .codes
            .iter()
            .map(|code| code.code.as_str())
            .filter(|code| !translation.codes.contains_key(*code))
            .collect();
        let shown: Vec<String> = missing.iter().take(5).map(|code| format!("`{code}`")).collect();
        let more = if missing.len() > shown.len() {
            format!(" and {} more", missing.len() - shown.len())
        } else {
            String::new()
        };
        diagnostics.push(Diagnostic::note(
            "translation-coverage",
            raw.locale.span,
            format!(
                "`{tag}` translates {} of {total} codes ({}%); {}{more} {} back to {}",
                translation.codes.len(),
                translation.coverage_percent(total),
                shown.join(", "),
                if missing.len() == 1 { "falls" } else { "fall" },
                translation.fallbacks.join(", then "),
            ),
        ));
    }
    diagnostics
}

/// Checks the translated categories: each names a category once, has texts, and records
/// the source texts it was made from.
fn check_categories(
    catalog: &Catalog,
    entries: &[RawCategoryTranslation],
    tag: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> std::collections::BTreeMap<String, LocalizedCategory> {
    let mut categories = std::collections::BTreeMap::new();
    let mut seen: Vec<&Spanned<String>> = Vec::new();
    for entry in entries {
        let id = &entry.id.value;
        if let Some(first) = seen.iter().find(|seen| seen.value == *id) {
            diagnostics.push(
                Diagnostic::error(
                    "translation-duplicate",
                    entry.id.span,
                    format!("category `{id}` is translated twice"),
                )
                .with_related(first.span, "first translated here"),
            );
            continue;
        }
        seen.push(&entry.id);
        let Some(category) = catalog.categories.iter().find(|category| category.id == *id) else {
            let diagnostic = Diagnostic::error(
                "translation-unknown-category",
                entry.id.span,
                format!("the catalog has no category `{id}`"),
            );
            diagnostics.push(match did_you_mean(id, catalog.categories.iter().map(|c| c.id.as_str())) {
                Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
                None => diagnostic.with_help("translate categories of the catalog only"),
            });
            continue;
        };
        let before = diagnostics.len();
        let what = format!("category `{id}`");
        empty_text(&what, "title", Some(&entry.title), tag, diagnostics);
        empty_text(&what, "description", entry.description.as_ref(), tag, diagnostics);
        let sources = [
            ("title", Some(&entry.title), Some(&entry.source.title), category.title.as_str()),
            (
                "description",
                entry.description.as_ref(),
                entry.source.description.as_ref(),
                category.description.as_deref().unwrap_or_default(),
            ),
        ];
        for (text, translated, recorded, current) in sources {
            source_check(&what, text, translated, recorded, current, tag, diagnostics);
        }
        if diagnostics[before..].iter().all(|d| !d.is_error()) {
            categories.insert(
                id.clone(),
                LocalizedCategory {
                    title: entry.title.value.clone(),
                    description: entry.description.as_ref().map(|d| d.value.clone()),
                },
            );
        }
    }
    categories
}

/// The reference labels a locale file gives, each checked not to be empty.
fn check_reference(
    raw: Option<&RawReferenceLabels>,
    tag: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> std::collections::BTreeMap<ReferenceLabel, String> {
    let Some(raw) = raw else { return Default::default() };
    let given = [
        (ReferenceLabel::Language, &raw.language),
        (ReferenceLabel::Heading, &raw.heading),
        (ReferenceLabel::FullReference, &raw.full_reference),
        (ReferenceLabel::Languages, &raw.languages),
        (ReferenceLabel::Code, &raw.code),
        (ReferenceLabel::Status, &raw.status),
        (ReferenceLabel::Title, &raw.title),
        (ReferenceLabel::Message, &raw.message),
        (ReferenceLabel::Solution, &raw.solution),
        (ReferenceLabel::Deprecated, &raw.deprecated),
        (ReferenceLabel::Untranslated, &raw.untranslated),
    ];
    let mut labels = std::collections::BTreeMap::new();
    for (label, text) in given {
        let Some(text) = text else { continue };
        if text.value.trim().is_empty() {
            diagnostics.push(
                Diagnostic::error("empty-text", text.span, format!("`reference.{}` in `{tag}` is empty", label.key()))
                    .with_help("translate it, or leave it out so the reference falls back"),
            );
        } else {
            labels.insert(label, text.value.clone());
        }
    }
    labels
}

/// An error for a translated text that is blank.
fn empty_text(what: &str, field: &str, text: Option<&Spanned<String>>, tag: &str, diagnostics: &mut Vec<Diagnostic>) {
    if let Some(text) = text.filter(|text| text.value.trim().is_empty()) {
        diagnostics.push(
            Diagnostic::error("empty-text", text.span, format!("the `{field}` of {what} in `{tag}` is empty"))
                .with_help("translate it, or leave the entry out so it falls back"),
        );
    }
}

/// The recorded source of one translated text: present when the text is, and the
/// catalog's current text (else the translation is stale).
fn source_check(
    what: &str,
    field: &str,
    translated: Option<&Spanned<String>>,
    recorded: Option<&Spanned<String>>,
    current: &str,
    tag: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    match (translated, recorded) {
        (Some(translated), None) => diagnostics.push(
            Diagnostic::error(
                "translation-source",
                translated.span,
                format!("the `{field}` of {what} records no `source.{field}`"),
            )
            .with_help(format!(
                "add `source.{field}`: the catalog's text it was translated from, so a later change shows"
            )),
        ),
        (None, Some(recorded)) => diagnostics.push(
            Diagnostic::warning(
                "translation-source",
                recorded.span,
                format!("`source.{field}` of {what} is recorded, but its `{field}` is not translated"),
            )
            .with_help(format!("translate `{field}`, or drop `source.{field}`")),
        ),
        (Some(_), Some(recorded)) if recorded.value != current => diagnostics.push(
            Diagnostic::warning(
                "translation-stale",
                recorded.span,
                format!("the source `{field}` of {what} changed since it was translated to `{tag}`"),
            )
            .with_label(format!("translated from: {}", recorded.value))
            .with_help(format!(
                "the source now says: {current}; review the translation, then set `source.{field}` to it"
            )),
        ),
        _ => {}
    }
}

/// An entry for a code the catalog does not have.
fn unknown_code(catalog: &Catalog, entry: &RawTranslation) -> Diagnostic {
    let name = &entry.code.value;
    let diagnostic = if catalog.removed.iter().any(|removed| removed.code.code == *name) {
        return Diagnostic::warning(
            "translation-unknown-code",
            entry.code.span,
            format!("`{name}` is removed; its translation is never used"),
        )
        .with_help("drop the entry");
    } else {
        Diagnostic::error("translation-unknown-code", entry.code.span, format!("the catalog has no code `{name}`"))
    };
    match did_you_mean(name, catalog.codes.iter().map(|code| code.code.as_str())) {
        Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
        None => diagnostic.with_help("translate codes of the catalog only"),
    }
}

/// Checks one code's translation; returns its texts (meaningful when no error was added).
fn check_translation(
    code: &Code,
    entry: &RawTranslation,
    tag: &str,
    categories: &[PluralCategory],
    diagnostics: &mut Vec<Diagnostic>,
) -> LocalizedTexts {
    let name = format!("`{}`", code.code);
    empty_text(&name, "title", Some(&entry.title), tag, diagnostics);
    empty_text(&name, "message", Some(&entry.message), tag, diagnostics);
    empty_text(&name, "description", entry.description.as_ref(), tag, diagnostics);
    empty_text(&name, "solution", entry.solution.as_ref(), tag, diagnostics);
    let parts = match parse_localized_template(&entry.message.value) {
        Ok(parts) => parts,
        Err(problem) => {
            diagnostics.push(
                Diagnostic::error("translation-template", entry.message.span, format!("message template is malformed: {problem}"))
                    .with_help("placeholders are `{field}`, plural choices `{field, plural, one {…} other {…}}`; write `{{` and `}}` for literal braces"),
            );
            vec![MessagePart::Literal(entry.message.value.clone())]
        }
    };
    let message = MessageTemplate { text: entry.message.value.clone(), parts };
    check_placeholders(code, &message, &entry.message, tag, diagnostics);
    check_plurals(code, &message.parts, &entry.message, tag, categories, diagnostics);
    // The source each text was made from.
    let sources = [
        ("title", Some(&entry.title), Some(&entry.source.title), code.title.as_str()),
        ("message", Some(&entry.message), Some(&entry.source.message), code.message.text.as_str()),
        ("description", entry.description.as_ref(), entry.source.description.as_ref(), code.description.as_str()),
        ("solution", entry.solution.as_ref(), entry.source.solution.as_ref(), code.solution.as_str()),
    ];
    for (field, translated, recorded, current) in sources {
        source_check(&name, field, translated, recorded, current, tag, diagnostics);
    }
    LocalizedTexts {
        title: entry.title.value.clone(),
        message,
        description: entry.description.as_ref().map(|d| d.value.clone()),
        solution: entry.solution.as_ref().map(|s| s.value.clone()),
    }
}

/// The translated message has exactly the source's placeholders.
fn check_placeholders(
    code: &Code,
    message: &MessageTemplate,
    at: &Spanned<String>,
    tag: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let source: BTreeSet<&str> = code.message.placeholders().collect();
    let translated: BTreeSet<&str> = message.placeholders().collect();
    if source == translated {
        return;
    }
    let list = |names: Vec<&&str>| names.iter().map(|name| format!("`{{{name}}}`")).collect::<Vec<_>>().join(", ");
    let missing = list(source.difference(&translated).collect());
    let extra = list(translated.difference(&source).collect());
    let problem = match (missing.is_empty(), extra.is_empty()) {
        (false, true) => format!("lacks {missing}"),
        (true, false) => format!("has {extra}, which the source lacks"),
        _ => format!("lacks {missing} and has {extra}, which the source lacks"),
    };
    diagnostics.push(
        Diagnostic::error(
            "translation-placeholders",
            at.span,
            format!("the `{tag}` message of `{}` {problem}", code.code),
        )
        .with_help(format!("use exactly the placeholders of the source message: {}", code.message.text)),
    );
}

/// Every plural choice is on a number and has an arm for each category of the language.
fn check_plurals(
    code: &Code,
    parts: &[MessagePart],
    at: &Spanned<String>,
    tag: &str,
    categories: &[PluralCategory],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for part in parts {
        let MessagePart::Plural { field, arms } = part else { continue };
        let numeric = (field == "retry_after" && code.retry_after.is_some())
            || code.fields.iter().any(|f| {
                f.name == *field && !f.ty.list && matches!(f.ty.scalar, ScalarType::Integer | ScalarType::Number)
            });
        let exists = field == "retry_after" || code.fields.iter().any(|f| f.name == *field);
        if exists && !numeric {
            diagnostics.push(
                Diagnostic::error(
                    "translation-plural",
                    at.span,
                    format!(
                        "the plural choice in the `{tag}` message of `{}` is on `{field}`, which is not a number",
                        code.code
                    ),
                )
                .with_help("choose plural forms on an integer or number field"),
            );
        }
        let present: Vec<PluralCategory> = arms
            .iter()
            .filter_map(|arm| match arm.selector {
                PluralSelector::Category(category) => Some(category),
                PluralSelector::Exact(_) => None,
            })
            .collect();
        let missing: Vec<&str> = categories.iter().filter(|c| !present.contains(c)).map(|c| c.as_str()).collect();
        if !missing.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    "translation-plural",
                    at.span,
                    format!(
                        "the plural choice on `{field}` in the `{tag}` message of `{}` has no arm for {}",
                        code.code,
                        missing.join(", ")
                    ),
                )
                .with_help(format!(
                    "`{tag}` has the plural categories {}: give each an arm",
                    categories.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
                )),
            );
        }
        let unused: Vec<&str> = present.iter().filter(|c| !categories.contains(c)).map(|c| c.as_str()).collect();
        if !unused.is_empty() {
            diagnostics.push(
                Diagnostic::warning(
                    "translation-plural",
                    at.span,
                    format!(
                        "`{tag}` has no plural category {}: that arm of the choice on `{field}` in `{}` is never chosen",
                        unused.join(", "),
                        code.code
                    ),
                )
                .with_help("drop the arm, or write it as an exact number (`=1 {…}`)"),
            );
        }
        for arm in arms {
            check_plurals(code, &arm.parts, at, tag, categories, diagnostics);
        }
    }
}
