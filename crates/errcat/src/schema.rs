//! The JSON Schema of the catalog format, generated from the raw types.

/// The catalog format's JSON Schema (draft 2020-12), pretty-printed with a trailing newline.
/// Editors use it through the `yaml-language-server` comment at the top of a catalog;
/// the loader checks catalogs against the committed copy, [`crate::load::CATALOG_SCHEMA`].
pub fn catalog_schema() -> String {
    let mut schema = schemars::schema_for!(crate::raw::RawCatalog);
    schema.insert("title".to_owned(), "errcat error catalog".into());
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
    }
}
