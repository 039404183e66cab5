//! The generated `UnknownErrorCode`: the error of parsing text that names no code. It
//! does not depend on the catalog, so every generated crate gets the same one.

use super::source::Source;

/// The `UnknownErrorCode` struct that `ErrorCode`'s `FromStr` returns.
pub(super) fn unknown_error_code(out: &mut Source) {
    out.block(
        0,
        r#"/// The error of parsing a string that is not a known error code.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownErrorCode(::std::string::String);

impl UnknownErrorCode {
    /// The text that was parsed.
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

impl ::std::error::Error for UnknownErrorCode {}"#,
    );
}
