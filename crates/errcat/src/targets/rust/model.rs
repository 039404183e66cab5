//! The generator's view of a catalog: every identifier of the generated code, decided
//! once, so the files that write items agree on each name without recomputing it.

use std::collections::HashMap;

use proc_macro2::{Ident, Span};

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
    pub(super) categories: Vec<(&'a crate::model::Category, Ident)>,
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
    pub(super) variant: Ident,
    /// Its `ApiError` constructor, with a `_` added if it would shadow an inherent function.
    pub(super) constructor: Ident,
    /// Its details struct, when the code sends `details`.
    pub(super) details: Option<DetailsModel<'a>>,
    /// Message-only fields: constructor parameters that only fill the message. A field
    /// called `details` or `message` becomes `details_` or `message_`, so it cannot clash
    /// with the details parameter or the message being built.
    pub(super) message_only: Vec<(&'a DetailField, Ident)>,
}

/// The `…Details` struct of one code.
pub(super) struct DetailsModel<'a> {
    /// The struct's name.
    pub(super) ty: Ident,
    /// The fields sent on the wire, each with its struct member.
    pub(super) fields: Vec<(&'a DetailField, Ident)>,
    /// The free-form entries, if the code takes any, with the member that holds them.
    pub(super) additional: Option<(&'a AdditionalDetails, Ident)>,
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
            .map(|(category, names)| (category, ident(&names.rust.variant)))
            .collect();
        let category_index = catalog.categories.iter().enumerate().map(|(n, c)| (c.id.as_str(), n)).collect();
        let retry_header = markdown::code_span(&catalog.api.headers.retry_after);
        Model { catalog, codes, categories, category_index, retry_header }
    }

    /// The `ErrorCategory` variant of category `id`.
    pub(super) fn category_variant(&self, id: &str) -> Option<&Ident> {
        self.category_index.get(id).map(|&n| &self.categories[n].1)
    }

    /// The title of category `id` (the id itself if it had none, which validation rules out).
    pub(super) fn category_title<'s>(&'s self, id: &'s str) -> &'s str {
        self.category_index.get(id).map_or(id, |&n| self.categories[n].0.title.as_str())
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
            .map(|(field, names)| (field, ident(&names.rust)))
            .collect();
        let additional = code.additional_details.as_ref().map(|extra| (extra, ident(&names.rust.additional)));
        let details = (!fields.is_empty() || additional.is_some()).then(|| DetailsModel {
            ty: ident(&names.rust.details),
            fields,
            additional,
        });
        let message_only = code
            .fields
            .iter()
            .zip(&names.fields)
            .filter(|(field, _)| field.message_only)
            .map(|(field, names)| (field, ident(&names.rust)))
            .collect();
        CodeModel {
            code,
            variant: ident(&names.rust.variant),
            constructor: ident(&names.rust.constructor),
            details,
            message_only,
        }
    }
}

/// An identifier from a name of the names table (valid, possibly `r#raw`).
fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
