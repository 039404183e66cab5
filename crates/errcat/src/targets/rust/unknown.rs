//! The generated `UnknownErrorCode`: the error of parsing text that names no code. It
//! does not depend on the catalog, so every generated crate gets the same one.

use proc_macro2::TokenStream;
use quote::quote;

use super::doc::doc;

/// The `UnknownErrorCode` struct that `ErrorCode`'s `FromStr` returns.
pub(super) fn unknown_error_code() -> TokenStream {
    let struct_doc = doc("The error of parsing a string that is not a known error code.");
    let as_str_doc = doc("The text that was parsed.");
    quote! {
        #struct_doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct UnknownErrorCode(::std::string::String);

        impl UnknownErrorCode {
            #as_str_doc
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for UnknownErrorCode {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("unknown error code `")?;
                f.write_str(&self.0)?;
                f.write_str("`")
            }
        }

        impl ::std::error::Error for UnknownErrorCode {}
    }
}
