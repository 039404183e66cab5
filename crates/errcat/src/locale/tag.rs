//! BCP 47 language tags, as catalogs name locales: `de`, `pt-BR`, `zh-Hant-TW`, `es-419`.

/// A well-formed BCP 47 language tag of the shape catalogs use: a language, then an
/// optional script, region and variants (no extensions or private use).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LanguageTag {
    /// The tag in canonical case: `pt-BR`, `zh-Hant-TW`.
    canonical: String,
}

impl LanguageTag {
    /// Parses `text`; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<LanguageTag, String> {
        if text.is_empty() {
            return Err("a language tag may not be empty".to_owned());
        }
        if text.contains('_') {
            return Err(format!(
                "`{text}` separates its subtags with `_`; BCP 47 tags use `-` (`{}`)",
                text.replace('_', "-")
            ));
        }
        let mut subtags = text.split('-');
        let language = subtags.next().unwrap_or_default();
        if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(format!("`{text}` does not start with a language of 2 or 3 letters (`de`, `pt`, `yue`)"));
        }
        let mut canonical = language.to_ascii_lowercase();
        let mut stage = 0; // 0: script next, 1: region next, 2: variants.
        for subtag in subtags {
            let alphabetic = subtag.bytes().all(|b| b.is_ascii_alphabetic());
            let digits = subtag.bytes().all(|b| b.is_ascii_digit());
            let alphanumeric = subtag.bytes().all(|b| b.is_ascii_alphanumeric());
            canonical.push('-');
            if stage == 0 && subtag.len() == 4 && alphabetic {
                let mut chars = subtag.chars();
                canonical.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                canonical.push_str(&chars.as_str().to_ascii_lowercase());
                stage = 1;
            } else if stage <= 1 && ((subtag.len() == 2 && alphabetic) || (subtag.len() == 3 && digits)) {
                canonical.push_str(&subtag.to_ascii_uppercase());
                stage = 2;
            } else if alphanumeric
                && ((5..=8).contains(&subtag.len()) || (subtag.len() == 4 && subtag.as_bytes()[0].is_ascii_digit()))
            {
                canonical.push_str(&subtag.to_ascii_lowercase());
                stage = 2;
            } else if subtag.len() == 1 {
                return Err(format!(
                    "`{text}` has an extension or private-use part (`-{subtag}-…`); name the locale by language, script, region and variants only"
                ));
            } else {
                return Err(format!(
                    "`{text}`: `{subtag}` is not a script (4 letters), region (2 letters or 3 digits) or variant (5 to 8 letters and digits) in that place"
                ));
            }
        }
        Ok(LanguageTag { canonical })
    }

    /// The tag in canonical case.
    pub fn as_str(&self) -> &str {
        &self.canonical
    }

    /// The tags a lookup of this one falls back to, most specific first, this one not
    /// included: `zh-Hant-TW` → `zh-Hant`, `zh`.
    pub fn parents(&self) -> Vec<LanguageTag> {
        let mut parents = Vec::new();
        let mut tag = self.canonical.as_str();
        while let Some(at) = tag.rfind('-') {
            tag = &tag[..at];
            parents.push(LanguageTag { canonical: tag.to_owned() });
        }
        parents
    }
}

impl std::fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.canonical)
    }
}

#[cfg(test)]
/// Tags as catalogs write them.
mod tests {
    use super::*;

    #[test]
    /// Well-formed tags get canonical case; others say why not.
    fn parse_examples() {
        let canonical = |text: &str| LanguageTag::parse(text).map(|tag| tag.as_str().to_owned());
        assert_eq!(canonical("de"), Ok("de".into()));
        assert_eq!(canonical("pt-br"), Ok("pt-BR".into()));
        assert_eq!(canonical("ZH-hant-tw"), Ok("zh-Hant-TW".into()));
        assert_eq!(canonical("es-419"), Ok("es-419".into()));
        assert_eq!(canonical("de-CH-1996"), Ok("de-CH-1996".into()));
        assert_eq!(canonical("sl-rozaj"), Ok("sl-rozaj".into()));
        for bad in ["", "d", "german", "pt_BR", "de-", "de-x-private", "en-US-u-ca-gregory", "de-CH-DE", "12"] {
            assert!(LanguageTag::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    /// Fallback drops subtags from the end.
    fn parents() {
        let tag = LanguageTag::parse("zh-Hant-TW").unwrap_or_else(|e| panic!("{e}"));
        let parents: Vec<String> = tag.parents().iter().map(ToString::to_string).collect();
        assert_eq!(parents, ["zh-Hant", "zh"]);
    }
}
