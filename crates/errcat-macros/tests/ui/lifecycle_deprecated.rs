// Naming a deprecated code, its constructor or its details struct is a `deprecated`
// warning (an error here) that says why and what to use instead.

#![deny(deprecated)]

errcat_macros::catalog!("tests/ui/lifecycle.yaml");

fn main() {
    let _ = ErrorCode::Oops;
    let _ = ApiError::oops(OopsDetails { additional: Default::default() });
}
