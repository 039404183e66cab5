//! The generator's view of a catalog: every identifier of the generated code, decided
//! once, so the files that write items agree on each name without recomputing it. The
//! identifiers are the names table's (valid Rust, possibly `r#raw`), written as they are.

use std::collections::HashMap;

use crate::model::{AdditionalDetails, Catalog, Code, DetailField};
use crate::names::CodeNames;
use crate::targets::markdown;

/// What the generator needs about the catalog, with every identifier decided once.
pub(super) struct Model<'a> {
    /// The checked catalog, for the text the model does not restate.
    pub(super) catalog: &'a Catalog,
    /// One entry per code, in catalog order.
    pub(super) codes: Vec<CodeModel<'a>>,
    /// Every category with its `ErrorCategory` variant, in catalog order.
    pub(super) categories: Vec<(&'a crate::model::Category, &'a str)>,
    /// Category id → index in `categories`.
    pub(super) category_index: HashMap<&'a str, usize>,
    /// The header that mirrors `retry_after` (`api.headers.retry_after`), as a Markdown
    /// code span. Docs that mention the header take it from here, so they name the one the
    /// catalog configures rather than assuming `Retry-After`.
    pub(super) retry_header: String,
}

/// One code and the identifiers the generated code uses for it.
pub(super) struct CodeModel<'a> {
    /// The code as the catalog declares it.
    pub(super) code: &'a Code,
    /// Its `ErrorCode` variant.
    pub(super) variant: &'a str,
    /// Its `ApiError` constructor, with a `_` added if it would shadow an inherent function.
    pub(super) constructor: &'a str,
    /// Its details struct, when the code sends `details`.
    pub(super) details: Option<DetailsModel<'a>>,
    /// Message-only fields: constructor parameters that only fill the message. A field
    /// called `details` or `message` becomes `details_` or `message_`, so it cannot clash
    /// with the details parameter or the message being built.
    pub(super) message_only: Vec<(&'a DetailField, &'a str)>,
}

/// The `…Details` struct of one code.
pub(super) struct DetailsModel<'a> {
    /// The struct's name.
    pub(super) ty: &'a str,
    /// The fields sent on the wire, each with its struct member.
    pub(super) fields: Vec<(&'a DetailField, &'a str)>,
    /// The free-form entries, if the code takes any, with the member that holds them.
    pub(super) additional: Option<(&'a AdditionalDetails, &'a str)>,
}

impl<'a> Model<'a> {
    /// The model of `catalog`, every identifier taken from its names table.
    pub(super) fn new(catalog: &'a Catalog) -> Self {
        let names = catalog.names();
        let codes = catalog.codes.iter().zip(&names.codes).map(|(code, names)| CodeModel::new(code, names)).collect();
        let categories = catalog
            .categories
            .iter()
            .zip(&names.categories)
            .map(|(category, names)| (category, names.rust.variant.as_str()))
            .collect();
        let category_index = catalog.categories.iter().enumerate().map(|(n, c)| (c.id.as_str(), n)).collect();
        let retry_header = markdown::code_span(&catalog.api.headers.retry_after);
        Model { catalog, codes, categories, category_index, retry_header }
    }

    /// The `ErrorCode` variant of the code `code` (its replacement, say); `None` when the
    /// catalog has no such live code.
    pub(super) fn variant_of(&self, code: &str) -> Option<&'a str> {
        let at = self.catalog.code_position(code)?;
        self.codes.get(at).map(|entry| entry.variant)
    }
}

impl<'a> CodeModel<'a> {
    /// The model of `code`, whose names are `names`.
    fn new(code: &'a Code, names: &'a CodeNames) -> Self {
        let fields: Vec<_> = code
            .fields
            .iter()
            .zip(&names.fields)
            .filter(|(field, _)| !field.message_only)
            .map(|(field, names)| (field, names.rust.as_str()))
            .collect();
        let additional = code.additional_details.as_ref().map(|extra| (extra, names.rust.additional.as_str()));
        let details = (!fields.is_empty() || additional.is_some()).then_some(DetailsModel {
            ty: names.rust.details.as_str(),
            fields,
            additional,
        });
        let message_only = code
            .fields
            .iter()
            .zip(&names.fields)
            .filter(|(field, _)| field.message_only)
            .map(|(field, names)| (field, names.rust.as_str()))
            .collect();
        CodeModel {
            code,
            variant: names.rust.variant.as_str(),
            constructor: names.rust.constructor.as_str(),
            details,
            message_only,
        }
    }
}
