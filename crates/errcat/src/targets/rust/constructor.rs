//! The per-code constructors of the generated `ApiError`: each takes the code's
//! message-only fields, its details struct and its `retry_after`, and fills in the
//! message from the catalog's template.

use proc_macro2::TokenStream;
use quote::quote;

use super::details::field_type;
use super::doc::{Doc, status_name};
use super::lit;
use super::model::{CodeModel, Model};
use crate::model::{DetailField, FieldType, MessagePart, ScalarType};

/// The type of a message-only constructor parameter: `&str` for text, else the field type.
fn param_type(field: &DetailField) -> TokenStream {
    match (field.ty.scalar, field.ty.list, field.optional) {
        (ScalarType::String, false, false) => quote! { &str },
        (ScalarType::String, false, true) => quote! { ::std::option::Option<&str> },
        _ => field_type(field.ty, field.optional),
    }
}

/// How a value is reached when the message is built.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// A place holding the value itself (`details.x`, an `i64` parameter).
    Owned,
    /// A reference to the value (`&String`, `&str`, `&i64`).
    Ref,
}

/// A statement appending `value` (of type `ty`, reached as `form`) to `message`, written
/// as the validator writes example values into messages: strings as they are, numbers as
/// JSON writes them, lists joined with `, `.
fn push_value(value: &TokenStream, ty: FieldType, form: Form) -> TokenStream {
    let text = match (ty.list, ty.scalar, form) {
        (false, ScalarType::String, Form::Owned) => return quote! { message.push_str(&#value); },
        (false, ScalarType::String, Form::Ref) => return quote! { message.push_str(#value); },
        (false, ScalarType::Number, Form::Owned) => quote! { ::serde_json::Value::from(#value).to_string() },
        (false, ScalarType::Number, Form::Ref) => quote! { ::serde_json::Value::from(*#value).to_string() },
        (false, _, _) => quote! { #value.to_string() },
        (true, ScalarType::String, _) => quote! { #value.join(", ") },
        (true, ScalarType::Number, _) => quote! {
            #value
                .iter()
                .map(|item| ::serde_json::Value::from(*item).to_string())
                .collect::<::std::vec::Vec<::std::string::String>>()
                .join(", ")
        },
        (true, _, _) => quote! {
            #value
                .iter()
                .map(::std::string::ToString::to_string)
                .collect::<::std::vec::Vec<::std::string::String>>()
                .join(", ")
        },
    };
    quote! { message.push_str(&#text); }
}

/// The statements that build `message` from the code's template.
fn build_message(entry: &CodeModel<'_>) -> TokenStream {
    let code = entry.code;
    if code.message.is_constant() {
        let whole = lit(&code.message.fill(|_| String::new()));
        return quote! { let message = ::std::string::String::from(#whole); };
    }
    let steps = code.message.parts.iter().map(|part| match part {
        MessagePart::Literal(text) => {
            let text = lit(text);
            quote! { message.push_str(#text); }
        }
        MessagePart::Field(name) if name == "retry_after" && code.retry_after.is_some() => {
            quote! { message.push_str(&retry_after.to_string()); }
        }
        MessagePart::Field(name) => {
            if let Some((field, param)) = entry.message_only.iter().find(|(field, _)| &field.name == name) {
                let is_text = field.ty.scalar == ScalarType::String && !field.ty.list;
                if field.optional {
                    let (binding, form) =
                        if is_text { (quote! { #param }, Form::Ref) } else { (quote! { &#param }, Form::Ref) };
                    let push = push_value(&quote! { value }, field.ty, form);
                    return quote! { if let ::std::option::Option::Some(value) = #binding { #push } };
                }
                let form = if is_text { Form::Ref } else { Form::Owned };
                return push_value(&quote! { #param }, field.ty, form);
            }
            let found =
                entry.details.as_ref().and_then(|details| details.fields.iter().find(|(field, _)| &field.name == name));
            match found {
                Some((field, member)) if field.optional => {
                    let push = push_value(&quote! { value }, field.ty, Form::Ref);
                    quote! { if let ::std::option::Option::Some(value) = &details.#member { #push } }
                }
                Some((field, member)) => push_value(&quote! { details.#member }, field.ty, Form::Owned),
                // The validator guarantees every placeholder names a field; an unknown one
                // fills in as nothing, like the validator's own example builder.
                None => quote! {},
            }
        }
    });
    quote! {
        let mut message = ::std::string::String::new();
        #( #steps )*
    }
}

/// The constructor of one code, e.g. `ApiError::quota_exceeded`.
pub(super) fn constructor(model: &Model<'_>, entry: &CodeModel<'_>) -> TokenStream {
    let catalog = model.catalog;
    let code = entry.code;
    let name = &entry.constructor;
    let variant = &entry.variant;
    let mut doc = Doc::default();
    doc.text(&format!(
        "Builds the [`{}`](ErrorCode::{variant}) error ({}): {}.",
        code.code,
        status_name(catalog, code.status),
        code.summary.trim_end_matches('.')
    ));
    doc.para(&format!("The message is {}.", crate::targets::markdown::code_span(&code.message.text)));
    if code.retry_after.is_some() {
        doc.para(&format!(
            "`retry_after` is the delay in seconds; it is also sent as the {} header.",
            model.retry_header
        ));
    }
    let doc = doc.attrs();
    let mut params = Vec::new();
    for (field, param) in &entry.message_only {
        let ty = param_type(field);
        params.push(quote! { #param: #ty });
    }
    let details_value = match &entry.details {
        Some(details) => {
            let ty = &details.ty;
            params.push(quote! { details: #ty });
            quote! {
                {
                    let map = ::serde_json::Map::from(details);
                    if map.is_empty() { ::std::option::Option::None } else { ::std::option::Option::Some(::std::boxed::Box::new(map)) }
                }
            }
        }
        None => quote! { ::std::option::Option::None },
    };
    let retry_after_value = if code.retry_after.is_some() {
        params.push(quote! { retry_after: u64 });
        quote! { ::std::option::Option::Some(retry_after) }
    } else {
        quote! { ::std::option::Option::None }
    };
    let message = build_message(entry);
    let title = lit(&code.title);
    let wire = lit(&code.code);
    quote! {
        #doc
        pub fn #name(#( #params ),*) -> Self {
            #message
            ApiError {
                error: ::std::string::String::from(#title),
                message,
                error_code: ::std::string::String::from(#wire),
                details: #details_value,
                retry_after: #retry_after_value,
            }
        }
    }
}
