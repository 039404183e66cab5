//! The JSON Schemas of the catalog format and of locale files, generated from the raw types.

/// The catalog format's JSON Schema (draft 2020-12), pretty-printed with a trailing newline.
/// Editors use it through the `yaml-language-server` comment at the top of a catalog;
/// the loader checks catalogs against the committed copy, [`crate::load::CATALOG_SCHEMA`].
pub fn catalog_schema() -> String {
    schema_text(schemars::schema_for!(crate::raw::RawCatalog), "errcat error catalog")
}

/// The locale file format's JSON Schema (draft 2020-12), like [`catalog_schema`]; the
/// loader checks locale files against the committed copy, [`crate::load::LOCALE_SCHEMA`].
pub fn locale_schema() -> String {
    schema_text(schemars::schema_for!(crate::raw::RawLocaleFile), "errcat locale file: one translation of a catalog")
}

/// `schema` with `title`, pretty-printed with a trailing newline.
fn schema_text(mut schema: schemars::Schema, title: &str) -> String {
    schema.insert("title".to_owned(), title.into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    /// The loader checks catalogs against the committed schema; it must be the one the raw
    /// types produce. Regenerate with `cargo xtask generate`.
    #[test]
    fn committed_schema_is_fresh() {
        assert!(
            super::catalog_schema() == crate::load::CATALOG_SCHEMA,
            "schema/catalog.schema.json is stale: run `cargo xtask generate`"
        );
        assert!(
            super::locale_schema() == crate::load::LOCALE_SCHEMA,
            "schema/locale.schema.json is stale: run `cargo xtask generate`"
        );
    }
}
