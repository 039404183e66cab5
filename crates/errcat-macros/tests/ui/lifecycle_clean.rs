// A catalog with a deprecated code and a tombstone expands without a warning, even under
// `deny(warnings)`, as long as the program does not name the deprecated code.

#![deny(warnings)]

errcat_macros::catalog!("tests/ui/lifecycle.yaml");

fn main() {
    // The tombstone is not a code of the vocabulary.
    assert_eq!(ErrorCode::ALL.len(), 4);
    assert!("ACCESS_BLOCKED".parse::<ErrorCode>().is_err());
    let oops: ErrorCode = "OOPS".parse().expect("a deprecated code still parses");
    assert!(oops.is_deprecated());
    assert_eq!(oops.replaced_by(), Some(ErrorCode::SlowDown));
    assert!(!ErrorCode::SlowDown.is_deprecated());
    assert_eq!(ErrorCode::SlowDown.replaced_by(), None);
    let body = serde_json::json!({"error": "Internal Server Error", "message": "Oops", "error_code": "OOPS"});
    let parsed: ApiError = serde_json::from_value(body).expect("a body with a deprecated code parses");
    assert_eq!(parsed.code(), Some(oops));
}
