// A catalog with PascalCase, dotted and dashed codes and camelCase details keys: every
// wire name is sent and read exactly as the catalog writes it, while the Rust names are
// derived from its words (`storage.bucket_not_found` -> `StorageBucketNotFound`,
// `resourceId` -> `resource_id`).

errcat_macros::catalog!("tests/ui/pascal-camel.yaml");

fn main() {
    let wire = [
        (ErrorCode::AccessDeniedException, "AccessDeniedException"),
        (ErrorCode::ThrottlingException, "ThrottlingException"),
        (ErrorCode::ResourceNotFoundException, "ResourceNotFoundException"),
        (ErrorCode::StorageBucketNotFound, "storage.bucket_not_found"),
        (ErrorCode::RateLimited, "rate-limited"),
        (ErrorCode::InternalFailure, "InternalFailure"),
        (ErrorCode::ServiceUnavailable, "ServiceUnavailable"),
        (ErrorCode::E404, "E404"),
    ];
    assert_eq!(ErrorCode::ALL.len(), wire.len());
    for (code, text) in wire {
        assert_eq!(code.as_str(), text);
        assert_eq!(text.parse::<ErrorCode>(), Ok(code));
        assert_eq!(serde_json::to_value(code).unwrap(), serde_json::json!(text));
    }
    // Only the exact spelling is the code.
    assert!("access_denied_exception".parse::<ErrorCode>().is_err());
    assert!("storage_bucket_not_found".parse::<ErrorCode>().is_err());

    // A body as the API sends it reads into typed details through the Rust names.
    let body = serde_json::json!({
        "error": "Forbidden",
        "message": "Access denied to bucket b-123",
        "error_code": "AccessDeniedException",
        "details": {"resourceType": "bucket", "resourceId": "b-123", "missingActions": ["storage:Get"]}
    });
    let error: ApiError = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(error.code(), Some(ErrorCode::AccessDeniedException));
    let details: AccessDeniedExceptionDetails = error.details_as().unwrap();
    assert_eq!(details.resource_id, "b-123");
    assert_eq!(details.resource_type, "bucket");
    assert_eq!(details.missing_actions.as_deref(), Some(&["storage:Get".to_owned()][..]));
    // The constructor fills `{resourceType} {resourceId}` and sends the wire keys back.
    let built = ApiError::access_denied_exception(details);
    assert_eq!(serde_json::to_value(&built).unwrap(), body);

    let throttled = ApiError::throttling_exception(
        ThrottlingExceptionDetails { retry_after_seconds: 20, limit_per_second: 2.5 },
        20,
    );
    let sent = serde_json::to_value(&throttled).unwrap();
    assert_eq!(sent["error_code"], "ThrottlingException");
    assert_eq!(sent["details"], serde_json::json!({"retryAfterSeconds": 20, "limitPerSecond": 2.5}));
    assert_eq!(sent["retry_after"], 20);

    let bucket: ApiError = serde_json::from_value(serde_json::json!({
        "error": "Not Found",
        "message": "Bucket logs not found",
        "error_code": "storage.bucket_not_found",
        "details": {"bucketName": "logs", "region-hint": "eu-west-1"}
    }))
    .unwrap();
    let typed: StorageBucketNotFoundDetails = bucket.details_as().unwrap();
    assert_eq!(typed.bucket_name, "logs");
    assert_eq!(typed.region_hint.as_deref(), Some("eu-west-1"));
    // A snake_case spelling of a camelCase key is not the key.
    let wrong: ApiError = serde_json::from_value(serde_json::json!({
        "error": "Not Found",
        "message": "Bucket logs not found",
        "error_code": "storage.bucket_not_found",
        "details": {"bucket_name": "logs"}
    }))
    .unwrap();
    assert!(wrong.details_as::<StorageBucketNotFoundDetails>().is_none());
}
