// A `flat` catalog that renames every member and sends a documentation URL: the generated
// serde writes and reads the catalog's names.

errcat_macros::catalog!("tests/ui/flat_members.yaml");

fn main() {
    let quota = ApiError::quota_exceeded(QuotaExceededDetails { quota_limit: 100, r#type: "hours".to_owned() });
    let expected = serde_json::json!({
        "title": "Quota Exceeded",
        "msg": "Quota of 100 hours exceeded",
        "errorCode": "QUOTA_EXCEEDED",
        "info": {"quota_limit": 100, "type": "hours"},
        "docs": "https://docs.acme.test/errors#quota_exceeded"
    });
    assert_eq!(serde_json::to_value(&quota).unwrap(), expected);
    let back: ApiError = serde_json::from_value(expected).unwrap();
    assert_eq!(back, quota);
    assert_eq!(back.doc_url(), Some(ErrorCode::QuotaExceeded.doc_url()));

    let limited = serde_json::to_value(ApiError::rate_limited(30)).unwrap();
    assert_eq!(limited["retryAfterSeconds"], 30);
    assert!(limited.get("retry_after").is_none());

    // The default names are not members of this body: they are ignored, and without the
    // renamed code member a body is not an error body.
    let default_names = r#"{"error": "Teapot", "message": "No", "error_code": "TEAPOT"}"#;
    assert!(serde_json::from_str::<ApiError>(default_names).is_err());
    let unknown: ApiError =
        serde_json::from_str(r#"{"msg": "No", "errorCode": "TEAPOT", "docs": "https://teapot.test/"}"#).unwrap();
    assert_eq!(unknown.code(), None);
    assert_eq!(unknown.doc_url(), Some("https://teapot.test/"));
    assert_eq!(unknown.grpc_status(), "INTERNAL");
}
