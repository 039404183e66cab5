//! `catalog!`: an error catalog's Rust vocabulary, generated at compile time.
//!
//! ```ignore
//! errcat_macros::catalog!("catalog/errors.yaml");
//! ```
//!
//! expands, in place, to the same code `errcat::targets::rust::generate` writes for a build script
//! (`ErrorCode`, `ErrorCategory`, `RetryMode`, `UnknownErrorCode`, `ApiError`,
//! `ErrorDetails` and one `…Details` struct per code with details), so a crate can use
//! errcat without a build script. The path is relative to the calling crate's
//! `CARGO_MANIFEST_DIR`. The crate needs `serde` (with `derive`) and `serde_json`; it gets
//! `http_status()` if it has an `http` feature that enables the `http` crate, and axum's
//! `IntoResponse` for `ApiError` if it has an `axum` feature that enables `axum` 0.8.
//!
//! A catalog with errors is a compile error at the macro call that carries every
//! diagnostic as `errcat check` prints it, with the catalog's `file:line:col`. The
//! expansion includes the catalog's bytes with `include_bytes!`, so the crate recompiles
//! when the catalog changes.
//!
//! This is `errcat_macros::catalog!`, not `errcat::catalog!`: the macro is built on the
//! `errcat` library, so `errcat` cannot re-export it without a dependency cycle.

use std::path::PathBuf;

use proc_macro::TokenStream;
use quote::quote;
use syn::LitStr;

/// Expands to the Rust vocabulary of the error catalog at the given path (relative to
/// `CARGO_MANIFEST_DIR`). See the [crate docs](crate).
#[proc_macro]
pub fn catalog(input: TokenStream) -> TokenStream {
    let path = syn::parse_macro_input!(input as LitStr);
    expand(&path).unwrap_or_else(|error| error.to_compile_error()).into()
}

fn expand(path: &LitStr) -> syn::Result<proc_macro2::TokenStream> {
    let relative = path.value();
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| syn::Error::new(path.span(), "CARGO_MANIFEST_DIR is not set: is this built by cargo?"))?;
    let absolute = manifest_dir.join(&relative);
    let loaded = errcat::targets::rust::load(&absolute, &relative).map_err(|message| {
        syn::Error::new(
            path.span(),
            format!("error catalog `{relative}` (relative to CARGO_MANIFEST_DIR) cannot be used:\n\n{message}"),
        )
    })?;
    let code = errcat::targets::rust::generate_tokens(&loaded.catalog);
    // Makes the catalog and its locale files inputs of the calling crate: cargo rebuilds it
    // when one of them changes.
    let dir = errcat::translations::locale_dir(&absolute, Some(&loaded.catalog));
    let dependencies: Vec<String> = std::iter::once(absolute.to_string_lossy().into_owned())
        .chain(
            loaded
                .catalog
                .locales
                .translations
                .iter()
                .map(|t| dir.join(format!("{}.yaml", t.tag)).to_string_lossy().into_owned()),
        )
        .collect();
    Ok(quote! {
        #(const _: &[u8] = include_bytes!(#dependencies);)*
        #code
    })
}
