/// A delay in JSON as whole seconds: a whole number in range (`60`, `60.0`, `6e1`);
/// anything else reads as no delay (as `errcat::wire::seconds_of_json`).
pub fn seconds(value: &Value) -> Option<u64> {
    let seconds = value.as_f64()?;
    let whole = seconds.is_finite() && seconds.fract() == 0.0;
    (whole && (0.0..=2_147_483_647.0).contains(&seconds)).then_some(seconds as u64)
}

/// An HTTP status in JSON (`problem` `status`, `google` `error.code`), if it is one.
pub fn status(value: &Value) -> Option<u16> {
    value.as_u64().and_then(|status| u16::try_from(status).ok())
}

/// The gRPC status of an HTTP status by the standard mapping (as
/// `errcat::wire::grpc_status_of_http`).
pub fn grpc_of_http(status: u16) -> &'static str {
    match status {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        408 | 504 => "DEADLINE_EXCEEDED",
        409 => "ABORTED",
        412 => "FAILED_PRECONDITION",
        416 => "OUT_OF_RANGE",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        500 => "INTERNAL",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        _ => match status / 100 {
            4 => "FAILED_PRECONDITION",
            5 => "INTERNAL",
            _ => "UNKNOWN",
        },
    }
}

/// The canonical gRPC status names (`google.rpc.Code`), in code order.
pub const GRPC_STATUSES: [&str; 17] = [
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
];

/// `name` as a canonical gRPC status name, if it is one.
pub fn canonical_grpc(name: &str) -> Option<&'static str> {
    GRPC_STATUSES.iter().copied().find(|known| *known == name)
}

/// A protobuf JSON `Duration` (`"30s"`, `"1.5s"`) as whole seconds, rounded up so a client
/// never retries early; `None` if malformed, negative or out of range (as
/// `errcat::wire::seconds_of_duration`).
pub fn duration(text: &str) -> Option<u64> {
    let number = text.strip_suffix('s')?;
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 9 || number.ends_with('.') {
        return None;
    }
    let seconds: u64 = whole.parse().ok()?;
    let seconds = if fraction.bytes().any(|b| b != b'0') { seconds.checked_add(1)? } else { seconds };
    (seconds <= 2_147_483_647).then_some(seconds)
}

/// How a details value travels as AIP-193 metadata text: a string as it is, any other
/// value as its JSON (as `errcat::wire::metadata_text`).
pub fn text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
