//! The generated `ErrorCategory` enum: one variant per catalog category, each documented
//! with the codes it groups.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::doc::{Doc, allow_doc_lints, doc};
use super::lit;
use super::model::Model;

/// The `ErrorCategory` enum with its methods and `Display`.
pub(super) fn error_category(model: &Model<'_>) -> TokenStream {
    let catalog = model.catalog;
    let mut enum_doc = Doc::default();
    enum_doc.text(&format!("The categories of the {} API's error codes.", catalog.api.name));
    let enum_doc = enum_doc.attrs();
    let allow = allow_doc_lints();
    let variants: Vec<&Ident> = model.categories.iter().map(|(_, variant)| variant).collect();
    let mut links: Vec<Vec<String>> = vec![Vec::new(); model.categories.len()];
    for entry in &model.codes {
        if let Some(&n) = model.category_index.get(entry.code.category.as_str()) {
            links[n].push(format!("[`{}`](ErrorCode::{})", entry.code.code, entry.variant));
        }
    }
    let docs = model.categories.iter().zip(&links).map(|((category, _), codes)| {
        let mut doc = Doc::default();
        doc.text(&format!("{} (`{}`).", category.title.trim_end_matches('.'), category.id));
        if let Some(description) = &category.description {
            doc.para(description);
        }
        if !codes.is_empty() {
            doc.para(&format!("Codes: {}.", codes.join(", ")));
        }
        doc.attrs()
    });
    let ids: Vec<Literal> = model.categories.iter().map(|(category, _)| lit(&category.id)).collect();
    let titles: Vec<Literal> = model.categories.iter().map(|(category, _)| lit(&category.title)).collect();
    let count = Literal::usize_unsuffixed(variants.len());
    let repr = if variants.is_empty() {
        quote! {}
    } else {
        quote! { #[repr(u8)] }
    };
    let repr = if variants.len() > 256 {
        quote! { #[repr(u16)] }
    } else {
        repr
    };
    let doc_all = doc("Every category, in catalog order.");
    let doc_as_str = doc("The category's id in the catalog, e.g. `\"authentication\"`.");
    let doc_title = doc("The category's heading in the error reference.");
    let doc_codes = doc("The codes of this category, in catalog order.");
    quote! {
        #enum_doc
        #allow
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        #repr
        pub enum ErrorCategory {
            #( #docs #variants, )*
        }

        impl ErrorCategory {
            #doc_all
            pub const ALL: [ErrorCategory; #count] = [#( Self::#variants ),*];

            #doc_as_str
            pub const fn as_str(self) -> &'static str {
                match self {
                    #( Self::#variants => #ids, )*
                }
            }

            #doc_title
            pub const fn title(self) -> &'static str {
                match self {
                    #( Self::#variants => #titles, )*
                }
            }

            #doc_codes
            pub fn codes(self) -> impl ::std::iter::Iterator<Item = ErrorCode> {
                ErrorCode::ALL.into_iter().filter(move |code| code.category() == self)
            }
        }

        impl ::std::fmt::Display for ErrorCategory {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}
