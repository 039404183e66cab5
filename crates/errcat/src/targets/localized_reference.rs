//! The error reference in one translation's language: what the docs target renders into
//! `docs/<tag>/errors.md` and the site target into `site/<tag>/index.html`.
//!
//! Every text is looked up here, once, along the translation's chain (its own file, then
//! each fallback that is a translation, then the catalog's own text), so the templates
//! only print: each text says whether it is in the page's language chain or in the
//! catalog's source language, which the pages mark as not translated yet.

use serde::Serialize;

use crate::model::{Catalog, ReferenceLabel, Translation};

/// The reference of one translation.
#[derive(Debug, Serialize)]
pub struct LocalizedReference<'a> {
    /// The page's BCP 47 tag (`de-CH`), the `lang` of its HTML.
    pub tag: &'a str,
    /// The catalog's own language (`en`): the language of untranslated texts.
    pub source: &'a str,
    /// The fixed texts, by key (`heading`, `code`, …; see [`ReferenceLabel`]).
    pub labels: std::collections::BTreeMap<&'static str, String>,
    /// Every language the reference is in, the catalog's own first: links between them.
    pub languages: Vec<Language<'a>>,
    /// The categories with codes, in catalog order.
    pub categories: Vec<CategoryEntry<'a>>,
}

/// One language of the reference.
#[derive(Debug, Serialize)]
pub struct Language<'a> {
    /// Its tag; `docs/<tag>/errors.md` (the source's page is `docs/errors.md`).
    pub tag: &'a str,
    /// Its own name when its locale file gives one (`Deutsch`; never a fallback's), else
    /// the tag.
    pub name: String,
    /// Whether it is the catalog's own language.
    pub is_source: bool,
}

/// A text and whether it is translated into the page's language chain.
#[derive(Debug, Serialize)]
pub struct Text<'a> {
    /// The text.
    pub text: &'a str,
    /// `false` when the catalog's own (source-language) text stands in.
    pub translated: bool,
}

/// One category of the reference.
#[derive(Debug, Serialize)]
pub struct CategoryEntry<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its title.
    pub title: Text<'a>,
    /// Its description, if the catalog has one.
    pub description: Option<Text<'a>>,
    /// Its live codes, in catalog order.
    pub codes: Vec<CodeEntry<'a>>,
}

/// One code of the reference.
#[derive(Debug, Serialize)]
pub struct CodeEntry<'a> {
    /// The code.
    pub code: &'a str,
    /// Its HTTP status.
    pub status: u16,
    /// Whether it is deprecated.
    pub deprecated: bool,
    /// Its title.
    pub title: Text<'a>,
    /// Its message template.
    pub message: Text<'a>,
    /// Its description.
    pub description: Text<'a>,
    /// Its solution.
    pub solution: Text<'a>,
}

/// The reference of `translation`, a translation of `catalog`.
pub fn reference<'a>(catalog: &'a Catalog, translation: &'a Translation) -> LocalizedReference<'a> {
    let chain: Vec<&Translation> = catalog.chain(translation).collect();
    let labels = ReferenceLabel::ALL
        .into_iter()
        .map(|label| {
            // A language's name is its own: `de-CH` is not called `Deutsch`.
            let text = match label {
                ReferenceLabel::Language => translation.reference.get(&label).cloned(),
                _ => chain.iter().find_map(|t| t.reference.get(&label)).cloned(),
            };
            let text = match (text, label) {
                (Some(text), _) => text,
                (None, ReferenceLabel::Language) => translation.tag.clone(),
                (None, label) => label.english().to_owned(),
            };
            (label.key(), text)
        })
        .collect();
    let languages = std::iter::once(Language {
        tag: &catalog.locales.source,
        name: catalog.locales.source.clone(),
        is_source: true,
    })
    .chain(catalog.locales.translations.iter().map(|t| Language {
        tag: &t.tag,
        name: t.reference.get(&ReferenceLabel::Language).cloned().unwrap_or_else(|| t.tag.clone()),
        is_source: false,
    }))
    .collect();
    // Each category's codes, gathered in one pass (a catalog may have thousands of both).
    let mut by_category: std::collections::HashMap<&str, Vec<&crate::model::Code>> = Default::default();
    for code in &catalog.codes {
        by_category.entry(code.category.as_str()).or_default().push(code);
    }
    let categories = catalog
        .categories
        .iter()
        .filter_map(|category| {
            let codes: Vec<CodeEntry<'a>> = by_category
                .remove(category.id.as_str())
                .unwrap_or_default()
                .into_iter()
                .map(|code| {
                    let texts: Vec<_> = chain.iter().filter_map(|t| t.codes.get(&code.code)).collect();
                    let pick = |found: Option<&'a str>, own: &'a str| match found {
                        Some(text) => Text { text, translated: true },
                        None => Text { text: own, translated: false },
                    };
                    CodeEntry {
                        code: &code.code,
                        status: code.status,
                        deprecated: code.lifecycle.deprecated.is_some(),
                        title: pick(texts.first().map(|t| t.title.as_str()), &code.title),
                        message: pick(texts.first().map(|t| t.message.text.as_str()), &code.message.text),
                        description: pick(texts.iter().find_map(|t| t.description.as_deref()), &code.description),
                        solution: pick(texts.iter().find_map(|t| t.solution.as_deref()), &code.solution),
                    }
                })
                .collect();
            if codes.is_empty() {
                return None;
            }
            let texts: Vec<_> = chain.iter().filter_map(|t| t.categories.get(&category.id)).collect();
            let title = match texts.first() {
                Some(texts) => Text { text: &texts.title, translated: true },
                None => Text { text: &category.title, translated: false },
            };
            let description =
                category.description.as_deref().map(|own| match texts.iter().find_map(|t| t.description.as_deref()) {
                    Some(text) => Text { text, translated: true },
                    None => Text { text: own, translated: false },
                });
            Some(CategoryEntry { id: &category.id, title, description, codes })
        })
        .collect();
    LocalizedReference { tag: &translation.tag, source: &catalog.locales.source, labels, languages, categories }
}

/// One rendered file per translation of `catalog`: `template` (a partial of the target's
/// folder) at `<folder>/<tag>/<file>`, with the translation's reference as `localized`.
pub fn items(catalog: &Catalog, template: &str, folder: &str, file: &str) -> Vec<crate::render::Item> {
    catalog
        .locales
        .translations
        .iter()
        .map(|translation| crate::render::Item {
            template: format!("{folder}/{template}"),
            path: format!("{folder}/{}/{file}", translation.tag),
            vars: vec![("localized", minijinja::Value::from_serialize(reference(catalog, translation)))],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scriptix() -> Catalog {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog/scriptix.yaml");
        let checked = crate::check_file(&path, &crate::load::Limits::default()).expect("readable");
        assert!(!checked.has_errors(), "{:?}", checked.all_diagnostics().collect::<Vec<_>>());
        checked.checked.catalog.expect("checked")
    }

    #[test]
    fn texts_follow_the_chain_and_say_when_they_are_not_translated() {
        let catalog = scriptix();
        let swiss = catalog.locales.translations.iter().find(|t| t.tag == "de-CH").expect("de-CH");
        let reference = reference(&catalog, swiss);
        let codes: Vec<&CodeEntry<'_>> = reference.categories.iter().flat_map(|c| &c.codes).collect();
        let code = |name: &str| codes.iter().find(|c| c.code == name).expect("listed");
        // de-CH's own text, then de's.
        assert_eq!(code("FILE_TOO_LARGE").title.text, "Nutzlast zu gross");
        assert_eq!(code("MISSING_API_KEY").title.text, "Nicht autorisiert");
        assert!(code("MISSING_API_KEY").description.translated);
        assert_eq!(reference.labels["languages"], "Sprachen", "de's label, through the chain");
        let french = catalog.locales.translations.iter().find(|t| t.tag == "fr").expect("fr");
        let reference = super::reference(&catalog, french);
        let untranslated = reference.categories.iter().flat_map(|c| &c.codes).find(|c| !c.title.translated);
        let untranslated = untranslated.expect("fr leaves codes out");
        let own = catalog.code(untranslated.code).expect("a code");
        assert_eq!(untranslated.title.text, own.title, "the source text stands in");
        assert_eq!(reference.languages.iter().map(|l| l.tag).collect::<Vec<_>>(), ["en", "de", "de-CH", "fr"]);
        assert_eq!(reference.languages[1].name, "Deutsch");
    }
}
