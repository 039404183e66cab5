//! The `locales` section: the language of the catalog's texts and the list of its
//! translations. The locale files themselves are read and checked by
//! [`crate::translations`], which needs the catalog's folder.

use super::Checker;
use crate::diag::Diagnostic;
use crate::locale::{LanguageTag, PluralRules};
use crate::model::{Locales, PluralRule, Translation};
use crate::raw::RawLocales;
use crate::span::Spanned;

impl Checker {
    /// Checks the tags and the folder, and lists the translations (without their texts).
    pub(super) fn locales(&mut self, raw: Option<&RawLocales>) -> Locales {
        let Some(raw) = raw else { return Locales::default() };
        let source = self.language_tag(&raw.source).unwrap_or_else(|| raw.source.value.clone());
        let dir = match &raw.dir {
            Some(dir) => {
                let path = std::path::Path::new(&dir.value);
                let inside = !dir.value.trim().is_empty()
                    && path.components().all(|part| matches!(part, std::path::Component::Normal(_)));
                if !inside {
                    self.push(
                        Diagnostic::error(
                            "locale-dir",
                            dir.span,
                            format!("`locales.dir` is `{}`, not a folder below the catalog's", dir.value),
                        )
                        .with_help("name a relative folder without `..`, such as `locales`"),
                    );
                }
                dir.value.clone()
            }
            None => Locales::default().dir,
        };
        let mut tags: Vec<(String, &Spanned<String>)> = Vec::new();
        for raw_tag in &raw.translations {
            let Some(tag) = self.language_tag(raw_tag) else { continue };
            if tag == source {
                self.push(
                    Diagnostic::error("duplicate-locale", raw_tag.span, format!("`{tag}` is the source locale"))
                        .with_help("the catalog's own texts are in the source locale; drop it from `translations`"),
                );
            } else if let Some((_, first)) = tags.iter().find(|(seen, _)| *seen == tag) {
                self.push(
                    Diagnostic::error("duplicate-locale", raw_tag.span, format!("`{tag}` is listed twice"))
                        .with_related(first.span, "first listed here"),
                );
            } else {
                tags.push((tag, raw_tag));
            }
        }
        let translations = tags
            .iter()
            .map(|(tag, raw_tag)| {
                let parsed = LanguageTag::parse(tag).ok();
                let mut fallbacks: Vec<String> = parsed
                    .map(|parsed| parsed.parents())
                    .unwrap_or_default()
                    .into_iter()
                    .map(|parent| parent.to_string())
                    .filter(|parent| tags.iter().any(|(listed, _)| listed == parent))
                    .collect();
                fallbacks.push(source.clone());
                let rules = PluralRules::for_tag(tag);
                let plural_rules = rules
                    .map(|rules| {
                        rules
                            .conditions()
                            .iter()
                            .map(|(category, condition)| PluralRule {
                                category: *category,
                                condition: condition.clone(),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let plural_categories = match rules {
                    Some(rules) => rules.categories(),
                    None => {
                        self.push(
                            Diagnostic::warning(
                                "locale-plural-rules",
                                raw_tag.span,
                                format!("CLDR has no plural rules for `{tag}`"),
                            )
                            .with_help("its plural choices can use `other` and exact numbers (`=1`) only"),
                        );
                        vec![crate::locale::PluralCategory::Other]
                    }
                };
                Translation {
                    tag: tag.clone(),
                    fallbacks,
                    plural_categories,
                    plural_locale: rules.map(|rules| rules.locale.clone()),
                    plural_rules,
                    codes: Default::default(),
                    categories: Default::default(),
                    reference: Default::default(),
                    span: raw_tag.span,
                }
            })
            .collect();
        Locales { source, dir, translations }
    }

    /// The canonical form of a well-formed tag; reports a malformed one, and one not
    /// written in canonical case (its file name is the canonical one).
    fn language_tag(&mut self, raw: &Spanned<String>) -> Option<String> {
        match LanguageTag::parse(&raw.value) {
            Ok(tag) => {
                if tag.as_str() != raw.value {
                    self.push(
                        Diagnostic::warning(
                            "locale-tag",
                            raw.span,
                            format!("the locale `{}` is written `{tag}` in BCP 47's canonical case", raw.value),
                        )
                        .with_help(format!("write `{tag}`; its file is `{tag}.yaml`")),
                    );
                }
                Some(tag.to_string())
            }
            Err(why) => {
                self.push(
                    Diagnostic::error("locale-tag", raw.span, format!("not a BCP 47 language tag: {why}")).with_help(
                        "write a language, optionally with a script and region: `de`, `pt-BR`, `zh-Hant-TW`",
                    ),
                );
                None
            }
        }
    }
}
