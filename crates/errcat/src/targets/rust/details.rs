//! The generated `ErrorDetails` trait and one `…Details` struct per code that sends
//! `details`: typed fields that convert into the body's `details` object and back.

use proc_macro2::TokenStream;
use quote::quote;

use super::doc::{Doc, allow_doc_lints, doc};
use super::lit;
use super::model::{CodeModel, DetailsModel, Model};
use crate::model::{FieldType, ScalarType};

/// The Rust type of a details field (in a struct, or a non-string constructor parameter).
pub(super) fn field_type(ty: FieldType, optional: bool) -> TokenStream {
    let scalar = match ty.scalar {
        ScalarType::String => quote! { ::std::string::String },
        ScalarType::Integer => quote! { i64 },
        ScalarType::Number => quote! { f64 },
        ScalarType::Boolean => quote! { bool },
    };
    let ty = if ty.list {
        quote! { ::std::vec::Vec<#scalar> }
    } else {
        scalar
    };
    if optional {
        quote! { ::std::option::Option<#ty> }
    } else {
        ty
    }
}

/// The `ErrorDetails` trait and every code's details struct.
pub(super) fn details_types(model: &Model<'_>) -> TokenStream {
    let trait_doc = doc("The typed `details` of one error code: a struct that converts into the body's \
         `details` object. Read it back from an [`ApiError`] with [`ApiError::details_as`].");
    let code_doc = doc("The code whose `details` this type holds.");
    let structs = model.codes.iter().filter_map(|entry| entry.details.as_ref().map(|d| details_struct(entry, d)));
    quote! {
        #trait_doc
        pub trait ErrorDetails:
            ::serde::Serialize
            + ::serde::de::DeserializeOwned
            + ::std::convert::Into<::serde_json::Map<::std::string::String, ::serde_json::Value>>
        {
            #code_doc
            const CODE: ErrorCode;
        }

        #( #structs )*
    }
}

/// One code's details struct, its `ErrorDetails` impl and its conversion into a JSON map.
fn details_struct(entry: &CodeModel<'_>, details: &DetailsModel<'_>) -> TokenStream {
    let code = entry.code;
    let ty = &details.ty;
    let variant = &entry.variant;
    let mut doc = Doc::default();
    doc.text(&format!("The `details` of [`{}`](ErrorCode::{variant}).", code.code));
    let doc = doc.attrs();
    let allow = allow_doc_lints();
    let has_float = details.fields.iter().any(|(field, _)| field.ty.scalar == ScalarType::Number)
        || details.additional.as_ref().is_some_and(|(extra, _)| extra.ty.scalar == ScalarType::Number);
    let eq = if has_float {
        quote! {}
    } else {
        quote! { Eq, }
    };
    let members = details.fields.iter().map(|(field, member)| {
        let mut doc = Doc::default();
        doc.text(&field.description);
        let doc = doc.attrs();
        let ty = field_type(field.ty, field.optional);
        let bare = member.to_string();
        let rename = if bare.trim_start_matches("r#") == field.name {
            quote! {}
        } else {
            let wire = lit(&field.name);
            quote! { #[serde(rename = #wire)] }
        };
        let optional = if field.optional {
            quote! { #[serde(default, skip_serializing_if = "::std::option::Option::is_none")] }
        } else {
            quote! {}
        };
        quote! { #doc #rename #optional pub #member: #ty, }
    });
    let additional = details.additional.as_ref().map(|(extra, member)| {
        let mut doc = Doc::default();
        doc.text(&format!("Further entries, keyed by {}: {}", extra.key, extra.description));
        let doc = doc.attrs();
        let value = field_type(FieldType { scalar: extra.ty.scalar, list: extra.ty.list }, false);
        quote! {
            #doc
            #[serde(flatten)]
            pub #member: ::std::collections::BTreeMap<::std::string::String, #value>,
        }
    });
    let inserts = details.fields.iter().map(|(field, member)| {
        let key = lit(&field.name);
        if field.optional {
            quote! {
                if let ::std::option::Option::Some(value) = details.#member {
                    map.insert(::std::string::String::from(#key), ::serde_json::Value::from(value));
                }
            }
        } else {
            quote! { map.insert(::std::string::String::from(#key), ::serde_json::Value::from(details.#member)); }
        }
    });
    let extend = details.additional.as_ref().map(|(_, member)| {
        quote! {
            for (key, value) in details.#member {
                map.insert(key, ::serde_json::Value::from(value));
            }
        }
    });
    quote! {
        #doc
        #allow
        #[derive(Clone, Debug, PartialEq, #eq ::serde::Serialize, ::serde::Deserialize)]
        pub struct #ty {
            #( #members )*
            #additional
        }

        impl ErrorDetails for #ty {
            const CODE: ErrorCode = ErrorCode::#variant;
        }

        impl ::std::convert::From<#ty> for ::serde_json::Map<::std::string::String, ::serde_json::Value> {
            fn from(details: #ty) -> Self {
                let mut map = ::serde_json::Map::new();
                #( #inserts )*
                #extend
                map
            }
        }
    }
}
