//! The generated `ErrorCode` enum: one variant per code, documented with its reference
//! entry, and the methods that answer a code's facts with `const fn` matches.

use std::collections::HashMap;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::doc::{Doc, allow_doc_lints, code_doc, doc};
use super::lit;
use super::model::{CodeModel, Model};
use super::retry::retry_variant;
use crate::model::RetryMode;

/// The `ErrorCode` enum with its methods and its string and serde conversions.
pub(super) fn error_code(model: &Model<'_>) -> TokenStream {
    let catalog = model.catalog;
    let count = model.codes.len();
    let repr = match count {
        0 => quote! {},
        1..=256 => quote! { #[repr(u8)] },
        257..=65_536 => quote! { #[repr(u16)] },
        _ => quote! { #[repr(u32)] },
    };
    let mut enum_doc = Doc::default();
    enum_doc.text(&format!("The error codes of the {} API: the `error_code` of every error body.", catalog.api.name));
    if let Some(description) = &catalog.api.description {
        enum_doc.para(description);
    }
    enum_doc.para("| Code | Status | Category | Summary |");
    enum_doc.text("| --- | --- | --- | --- |");
    for entry in &model.codes {
        let code = entry.code;
        let category = model.category_title(&code.category);
        enum_doc.text(&format!(
            "| [`{}`](ErrorCode::{}) | {} | {} | {} |",
            code.code,
            entry.variant,
            code.status,
            crate::targets::markdown::table_cell(category),
            crate::targets::markdown::table_cell(&code.summary)
        ));
    }
    if let Some(tip) = &catalog.api.tip {
        enum_doc.para(tip);
    }
    enum_doc.para(
        "The enum is `#[non_exhaustive]`: a newer catalog may add codes. Bodies with a code this \
         crate does not know still parse as an [`ApiError`], whose `error_code` keeps the text.",
    );
    let enum_doc = enum_doc.attrs();
    let allow = allow_doc_lints();
    let variant_docs = model.codes.iter().map(|entry| code_doc(model, entry));
    let variants: Vec<&Ident> = model.codes.iter().map(|entry| &entry.variant).collect();
    let wires: Vec<Literal> = model.codes.iter().map(|entry| lit(&entry.code.code)).collect();
    let titles: Vec<Literal> = model.codes.iter().map(|entry| lit(&entry.code.title)).collect();
    let messages: Vec<Literal> = model.codes.iter().map(|entry| lit(&entry.code.message.text)).collect();
    let summaries: Vec<Literal> = model.codes.iter().map(|entry| lit(&entry.code.summary)).collect();
    let status_arms = grouped_arms(model, |entry| {
        let status = Literal::u16_unsuffixed(entry.code.status);
        (entry.code.status.to_string(), quote! { #status })
    });
    let category_arms = grouped_arms(model, |entry| match model.category_variant(&entry.code.category) {
        Some(variant) => (variant.to_string(), quote! { ErrorCategory::#variant }),
        // The validator guarantees the category exists; this keeps the code compiling if not.
        None => (String::new(), quote! { compile_error!("code without a category") }),
    });
    let retry_arms = grouped_arms(model, |entry| {
        let mode = if entry.code.retryable { entry.code.retry } else { RetryMode::Never };
        (format!("{mode:?}"), retry_variant(mode))
    });
    let retry_after_arms = grouped_arms(model, |entry| match entry.code.retry_after {
        Some(seconds) => (seconds.to_string(), quote! { ::std::option::Option::Some(#seconds) }),
        None => (String::new(), quote! { ::std::option::Option::None }),
    });
    let retryable: Vec<&Ident> = model.codes.iter().filter(|e| e.code.retryable).map(|e| &e.variant).collect();
    let is_retryable = if retryable.is_empty() {
        quote! { false }
    } else {
        quote! { ::std::matches!(self, #( Self::#retryable )|*) }
    };
    let from_str_body = if count == 0 {
        quote! { ::std::result::Result::Err(UnknownErrorCode(::std::borrow::ToOwned::to_owned(text))) }
    } else {
        quote! {
            match text {
                #( #wires => ::std::result::Result::Ok(Self::#variants), )*
                _ => ::std::result::Result::Err(UnknownErrorCode(::std::borrow::ToOwned::to_owned(text))),
            }
        }
    };
    let count_lit = Literal::usize_unsuffixed(count);
    let doc_all = doc("Every code, in catalog order (grouped by category).");
    let doc_as_str = doc("The wire string, e.g. `\"QUOTA_EXCEEDED\"`: what `error_code` carries.");
    let doc_status = doc("The HTTP status a response with this code has.");
    let doc_http_status = doc("The HTTP status a response with this code has, as an [`http::StatusCode`].");
    let doc_category = doc("The category the code belongs to.");
    let doc_title = doc("The short title a body with this code carries in `error`.");
    let doc_message = doc("The catalog's message: the text of `message`, with `{field}` placeholders where a \
         constructor fills in details.");
    let doc_summary = doc("A one-line summary, for reference tables.");
    let doc_retryable = doc("Whether a client may retry a request that failed with this code.");
    let doc_retry_mode = doc("How a client retries a request that failed with this code.");
    let doc_retry_after = doc("The `retry_after` seconds a response with this code typically carries, if it has one.");
    quote! {
        #enum_doc
        #allow
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        #repr
        pub enum ErrorCode {
            #( #variant_docs #variants, )*
        }

        // `http_status` is behind the `http` feature of the crate that holds this code; one
        // that declares no such feature simply goes without it.
        #[allow(unexpected_cfgs)]
        impl ErrorCode {
            #doc_all
            pub const ALL: [ErrorCode; #count_lit] = [#( Self::#variants ),*];

            #doc_as_str
            pub const fn as_str(self) -> &'static str {
                match self {
                    #( Self::#variants => #wires, )*
                }
            }

            #doc_status
            pub const fn status(self) -> u16 {
                match self { #status_arms }
            }

            #doc_http_status
            #[cfg(feature = "http")]
            pub fn http_status(self) -> ::http::StatusCode {
                ::http::StatusCode::from_u16(self.status()).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR)
            }

            #doc_category
            pub const fn category(self) -> ErrorCategory {
                match self { #category_arms }
            }

            #doc_title
            pub const fn title(self) -> &'static str {
                match self {
                    #( Self::#variants => #titles, )*
                }
            }

            #doc_message
            pub const fn default_message(self) -> &'static str {
                match self {
                    #( Self::#variants => #messages, )*
                }
            }

            #doc_summary
            pub const fn summary(self) -> &'static str {
                match self {
                    #( Self::#variants => #summaries, )*
                }
            }

            #doc_retryable
            pub const fn is_retryable(self) -> bool {
                #is_retryable
            }

            #doc_retry_mode
            pub const fn retry_mode(self) -> RetryMode {
                match self { #retry_arms }
            }

            #doc_retry_after
            pub const fn retry_after(self) -> ::std::option::Option<u64> {
                match self { #retry_after_arms }
            }
        }

        impl ::std::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for ErrorCode {
            type Err = UnknownErrorCode;

            fn from_str(text: &str) -> ::std::result::Result<Self, UnknownErrorCode> {
                #from_str_body
            }
        }

        impl<'a> ::std::convert::TryFrom<&'a str> for ErrorCode {
            type Error = UnknownErrorCode;

            fn try_from(text: &'a str) -> ::std::result::Result<Self, UnknownErrorCode> {
                ::std::str::FromStr::from_str(text)
            }
        }

        impl ::serde::Serialize for ErrorCode {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for ErrorCode {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let text = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::str::FromStr::from_str(&text).map_err(::serde::de::Error::custom)
            }
        }
    }
}

/// `match self` arms with codes that share a value grouped into one arm: `(key, value)`
/// per code, where codes with the same key get the same value. Groups are in order of
/// first appearance; an empty catalog gives no arms (the match is on an empty enum).
fn grouped_arms(model: &Model<'_>, value: impl Fn(&CodeModel<'_>) -> (String, TokenStream)) -> TokenStream {
    let mut groups: Vec<(String, TokenStream, Vec<&Ident>)> = Vec::new();
    let mut index = HashMap::new();
    for entry in &model.codes {
        let (key, tokens) = value(entry);
        let at = *index.entry(key.clone()).or_insert_with(|| {
            groups.push((key, tokens, Vec::new()));
            groups.len() - 1
        });
        groups[at].2.push(&entry.variant);
    }
    let arms = groups.iter().map(|(_, value, variants)| quote! { #( Self::#variants )|* => #value, });
    quote! { #( #arms )* }
}
