// A valid catalog expands to a working vocabulary.

errcat_macros::catalog!("tests/ui/good.yaml");

fn main() {
    assert_eq!(std::mem::size_of::<ErrorCode>(), 1);
    assert_eq!(ErrorCode::ALL.len(), 4);
    for code in ErrorCode::ALL {
        assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(code));
    }
    assert_eq!(ErrorCode::RateLimited.status(), 429);
    assert_eq!(ErrorCode::RateLimited.retry_mode(), RetryMode::AfterDelay);
    assert_eq!(ErrorCode::QuotaExceeded.category(), ErrorCategory::Limits);

    let quota = ApiError::quota_exceeded(QuotaExceededDetails { quota_limit: 100, r#type: "hours".to_owned() });
    let expected = serde_json::json!({
        "error": "Quota Exceeded",
        "message": "Quota of 100 hours exceeded",
        "error_code": "QUOTA_EXCEEDED",
        "details": {"quota_limit": 100, "type": "hours"}
    });
    assert_eq!(serde_json::to_value(&quota).unwrap(), expected);
    assert_eq!(quota.details_as::<QuotaExceededDetails>().unwrap().r#type, "hours");

    let limited = ApiError::rate_limited(30);
    assert_eq!(limited.message, "Too many requests. Try again in 30 seconds.");
    assert_eq!(limited.retry_after, Some(30));
    assert_eq!(ApiError::missing_field("audio_file").message, "Missing required field: audio_file");

    let unknown: ApiError = serde_json::from_str(
        r#"{"error": "Teapot", "message": "No", "error_code": "TEAPOT", "details": {"x": 1}}"#,
    )
    .unwrap();
    assert_eq!(unknown.code(), None);
    assert_eq!(unknown.error_code, "TEAPOT");
    assert_eq!(unknown.details.unwrap()["x"], 1);
}
