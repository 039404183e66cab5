//! The Scriptix error vocabulary as a careful engineer writes it by hand: a `thiserror`
//! enum with one variant per code of `catalog/scriptix.yaml`, a `Copy` code enum whose
//! lookups are `match`es, typed `serde` details and the JSON error body.
//!
//! Not for use: it is the baseline of errcat's benchmarks (`cargo xtask bench`). Its cold
//! build is measured against the generated `scriptix-errors`, and its `from_str`,
//! `as_str`, `status` and body (de)serialization against the generated ones. It has the
//! same 28 codes, statuses, titles, messages and details as the catalog; nothing checks
//! that it stays so, which is the point of errcat.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Every error code of the Scriptix API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// `MISSING_API_KEY`
    MissingApiKey,
    /// `INVALID_API_KEY`
    InvalidApiKey,
    /// `KEY_REVOKED`
    KeyRevoked,
    /// `KEY_EXPIRED`
    KeyExpired,
    /// `INSUFFICIENT_PERMISSIONS`
    InsufficientPermissions,
    /// `VALIDATION_ERROR`
    ValidationError,
    /// `MISSING_FIELD`
    MissingField,
    /// `INVALID_FORMAT`
    InvalidFormat,
    /// `UNSUPPORTED_LANGUAGE`
    UnsupportedLanguage,
    /// `UNSUPPORTED_FORMAT`
    UnsupportedFormat,
    /// `DOCUMENT_NOT_FOUND`
    DocumentNotFound,
    /// `MODEL_NOT_FOUND`
    ModelNotFound,
    /// `GLOSSARY_NOT_FOUND`
    GlossaryNotFound,
    /// `SESSION_NOT_FOUND`
    SessionNotFound,
    /// `QUOTA_EXCEEDED`
    QuotaExceeded,
    /// `STORAGE_EXCEEDED`
    StorageExceeded,
    /// `MODEL_LIMIT_EXCEEDED`
    ModelLimitExceeded,
    /// `RATE_LIMIT_EXCEEDED`
    RateLimitExceeded,
    /// `FILE_TOO_LARGE`
    FileTooLarge,
    /// `INVALID_FILE`
    InvalidFile,
    /// `UNSUPPORTED_CODEC`
    UnsupportedCodec,
    /// `MODEL_IN_USE`
    ModelInUse,
    /// `MODEL_NOT_READY`
    ModelNotReady,
    /// `TRAINING_IN_PROGRESS`
    TrainingInProgress,
    /// `INSUFFICIENT_DATA`
    InsufficientData,
    /// `INTERNAL_ERROR`
    InternalError,
    /// `SERVICE_UNAVAILABLE`
    ServiceUnavailable,
    /// `TIMEOUT`
    Timeout,
}

/// The categories of the codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCategory {
    /// Missing, invalid or insufficient credentials.
    Authentication,
    /// Invalid request fields.
    Validation,
    /// Resources that do not exist.
    Resources,
    /// Plan quotas and rate limits.
    Quotas,
    /// Uploaded files.
    Files,
    /// Custom model state.
    State,
    /// Server-side failures.
    System,
}

/// How a client retries a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryMode {
    /// Do not retry.
    Never,
    /// Retry with exponential backoff.
    Backoff,
    /// Retry after the server's delay.
    AfterDelay,
}

/// Every code, in catalog order.
pub const ALL: [ErrorCode; 28] = {
    use ErrorCode::*;
    [
        MissingApiKey,
        InvalidApiKey,
        KeyRevoked,
        KeyExpired,
        InsufficientPermissions,
        ValidationError,
        MissingField,
        InvalidFormat,
        UnsupportedLanguage,
        UnsupportedFormat,
        DocumentNotFound,
        ModelNotFound,
        GlossaryNotFound,
        SessionNotFound,
        QuotaExceeded,
        StorageExceeded,
        ModelLimitExceeded,
        RateLimitExceeded,
        FileTooLarge,
        InvalidFile,
        UnsupportedCodec,
        ModelInUse,
        ModelNotReady,
        TrainingInProgress,
        InsufficientData,
        InternalError,
        ServiceUnavailable,
        Timeout,
    ]
};

impl ErrorCode {
    /// The wire string.
    pub const fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            MissingApiKey => "MISSING_API_KEY",
            InvalidApiKey => "INVALID_API_KEY",
            KeyRevoked => "KEY_REVOKED",
            KeyExpired => "KEY_EXPIRED",
            InsufficientPermissions => "INSUFFICIENT_PERMISSIONS",
            ValidationError => "VALIDATION_ERROR",
            MissingField => "MISSING_FIELD",
            InvalidFormat => "INVALID_FORMAT",
            UnsupportedLanguage => "UNSUPPORTED_LANGUAGE",
            UnsupportedFormat => "UNSUPPORTED_FORMAT",
            DocumentNotFound => "DOCUMENT_NOT_FOUND",
            ModelNotFound => "MODEL_NOT_FOUND",
            GlossaryNotFound => "GLOSSARY_NOT_FOUND",
            SessionNotFound => "SESSION_NOT_FOUND",
            QuotaExceeded => "QUOTA_EXCEEDED",
            StorageExceeded => "STORAGE_EXCEEDED",
            ModelLimitExceeded => "MODEL_LIMIT_EXCEEDED",
            RateLimitExceeded => "RATE_LIMIT_EXCEEDED",
            FileTooLarge => "FILE_TOO_LARGE",
            InvalidFile => "INVALID_FILE",
            UnsupportedCodec => "UNSUPPORTED_CODEC",
            ModelInUse => "MODEL_IN_USE",
            ModelNotReady => "MODEL_NOT_READY",
            TrainingInProgress => "TRAINING_IN_PROGRESS",
            InsufficientData => "INSUFFICIENT_DATA",
            InternalError => "INTERNAL_ERROR",
            ServiceUnavailable => "SERVICE_UNAVAILABLE",
            Timeout => "TIMEOUT",
        }
    }

    /// The HTTP status.
    pub const fn status(self) -> u16 {
        use ErrorCode::*;
        match self {
            MissingApiKey | InvalidApiKey | KeyRevoked | KeyExpired => 401,
            InsufficientPermissions => 403,
            ValidationError => 422,
            MissingField | InvalidFormat | UnsupportedLanguage | UnsupportedFormat | InvalidFile | UnsupportedCodec
            | InsufficientData => 400,
            DocumentNotFound | ModelNotFound | GlossaryNotFound | SessionNotFound => 404,
            QuotaExceeded | StorageExceeded | ModelLimitExceeded => 402,
            RateLimitExceeded => 429,
            FileTooLarge => 413,
            ModelInUse | ModelNotReady | TrainingInProgress => 409,
            InternalError => 500,
            ServiceUnavailable => 503,
            Timeout => 504,
        }
    }

    /// The category.
    pub const fn category(self) -> ErrorCategory {
        use ErrorCode::*;
        match self {
            MissingApiKey | InvalidApiKey | KeyRevoked | KeyExpired | InsufficientPermissions => {
                ErrorCategory::Authentication
            }
            ValidationError | MissingField | InvalidFormat | UnsupportedLanguage | UnsupportedFormat => {
                ErrorCategory::Validation
            }
            DocumentNotFound | ModelNotFound | GlossaryNotFound | SessionNotFound => ErrorCategory::Resources,
            QuotaExceeded | StorageExceeded | ModelLimitExceeded | RateLimitExceeded => ErrorCategory::Quotas,
            FileTooLarge | InvalidFile | UnsupportedCodec => ErrorCategory::Files,
            ModelInUse | ModelNotReady | TrainingInProgress | InsufficientData => ErrorCategory::State,
            InternalError | ServiceUnavailable | Timeout => ErrorCategory::System,
        }
    }

    /// The `error` title of a body with this code.
    pub const fn title(self) -> &'static str {
        use ErrorCode::*;
        match self {
            MissingApiKey | InvalidApiKey | KeyRevoked | KeyExpired => "Unauthorized",
            InsufficientPermissions => "Forbidden",
            ValidationError => "Validation Error",
            MissingField | InvalidFormat | UnsupportedLanguage | UnsupportedFormat | InvalidFile | UnsupportedCodec
            | InsufficientData => "Bad Request",
            DocumentNotFound | ModelNotFound | GlossaryNotFound | SessionNotFound => "Not Found",
            QuotaExceeded => "Quota Exceeded",
            StorageExceeded => "Storage Limit Exceeded",
            ModelLimitExceeded => "Payment Required",
            RateLimitExceeded => "Rate Limit Exceeded",
            FileTooLarge => "Payload Too Large",
            ModelInUse | ModelNotReady | TrainingInProgress => "Conflict",
            InternalError => "Internal Server Error",
            ServiceUnavailable => "Service Unavailable",
            Timeout => "Gateway Timeout",
        }
    }

    /// How a client retries it.
    pub const fn retry_mode(self) -> RetryMode {
        match self {
            ErrorCode::RateLimitExceeded => RetryMode::AfterDelay,
            ErrorCode::InternalError | ErrorCode::ServiceUnavailable | ErrorCode::Timeout => RetryMode::Backoff,
            _ => RetryMode::Never,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is no known code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown error code `{0}`")]
pub struct UnknownErrorCode(pub String);

impl FromStr for ErrorCode {
    type Err = UnknownErrorCode;

    fn from_str(text: &str) -> Result<Self, UnknownErrorCode> {
        use ErrorCode::*;
        Ok(match text {
            "MISSING_API_KEY" => MissingApiKey,
            "INVALID_API_KEY" => InvalidApiKey,
            "KEY_REVOKED" => KeyRevoked,
            "KEY_EXPIRED" => KeyExpired,
            "INSUFFICIENT_PERMISSIONS" => InsufficientPermissions,
            "VALIDATION_ERROR" => ValidationError,
            "MISSING_FIELD" => MissingField,
            "INVALID_FORMAT" => InvalidFormat,
            "UNSUPPORTED_LANGUAGE" => UnsupportedLanguage,
            "UNSUPPORTED_FORMAT" => UnsupportedFormat,
            "DOCUMENT_NOT_FOUND" => DocumentNotFound,
            "MODEL_NOT_FOUND" => ModelNotFound,
            "GLOSSARY_NOT_FOUND" => GlossaryNotFound,
            "SESSION_NOT_FOUND" => SessionNotFound,
            "QUOTA_EXCEEDED" => QuotaExceeded,
            "STORAGE_EXCEEDED" => StorageExceeded,
            "MODEL_LIMIT_EXCEEDED" => ModelLimitExceeded,
            "RATE_LIMIT_EXCEEDED" => RateLimitExceeded,
            "FILE_TOO_LARGE" => FileTooLarge,
            "INVALID_FILE" => InvalidFile,
            "UNSUPPORTED_CODEC" => UnsupportedCodec,
            "MODEL_IN_USE" => ModelInUse,
            "MODEL_NOT_READY" => ModelNotReady,
            "TRAINING_IN_PROGRESS" => TrainingInProgress,
            "INSUFFICIENT_DATA" => InsufficientData,
            "INTERNAL_ERROR" => InternalError,
            "SERVICE_UNAVAILABLE" => ServiceUnavailable,
            "TIMEOUT" => Timeout,
            _ => return Err(UnknownErrorCode(text.to_owned())),
        })
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The JSON body of every error response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// Short title.
    pub error: String,
    /// Human-readable description.
    pub message: String,
    /// Machine-readable code.
    pub error_code: String,
    /// Code-specific facts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Box<Map<String, Value>>>,
    /// Seconds to wait before retrying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// The code, if known.
    pub fn code(&self) -> Option<ErrorCode> {
        self.error_code.parse().ok()
    }

    /// The status of the code, 500 when unknown.
    pub fn status(&self) -> u16 {
        self.code().map_or(500, ErrorCode::status)
    }
}

/// The `details` of `QUOTA_EXCEEDED`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaExceededDetails {
    /// The plan's monthly quota.
    pub quota_limit: i64,
    /// Quota used so far.
    pub quota_used: i64,
    /// Unit of both.
    pub quota_unit: String,
}

/// The `details` of `STORAGE_EXCEEDED`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorageExceededDetails {
    /// Storage in use, in gigabytes.
    pub storage_used_gb: i64,
    /// The plan's limit, in gigabytes.
    pub storage_limit_gb: i64,
}

/// The `details` of `MODEL_LIMIT_EXCEEDED`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelLimitExceededDetails {
    /// Models the plan allows.
    pub model_limit: i64,
    /// Models the organization has.
    pub model_count: i64,
}

/// The `details` of `FILE_TOO_LARGE`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileTooLargeDetails {
    /// Largest accepted file, in megabytes.
    pub max_size_mb: i64,
    /// Size of the upload, in megabytes.
    pub file_size_mb: i64,
}

/// The `details` of `MODEL_NOT_READY`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelNotReadyDetails {
    /// The model's status.
    pub current_status: i64,
    /// The status the operation needs.
    pub required_status: i64,
}

/// The `details` of `INSUFFICIENT_DATA`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InsufficientDataDetails {
    /// Hours of training data provided.
    pub hours_provided: f64,
    /// Hours required.
    pub hours_required: f64,
}

/// Every Scriptix error, with its facts.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ScriptixError {
    /// `MISSING_API_KEY`
    #[error("Missing API key")]
    MissingApiKey,
    /// `INVALID_API_KEY`
    #[error("Invalid API key")]
    InvalidApiKey,
    /// `KEY_REVOKED`
    #[error("API key has been revoked")]
    KeyRevoked,
    /// `KEY_EXPIRED`
    #[error("API key has expired")]
    KeyExpired,
    /// `INSUFFICIENT_PERMISSIONS`
    #[error("API key lacks permission for this operation")]
    InsufficientPermissions,
    /// `VALIDATION_ERROR`: one message per rejected field.
    #[error("Invalid field values")]
    ValidationError(std::collections::BTreeMap<String, String>),
    /// `MISSING_FIELD`
    #[error("Missing required field: {field}")]
    MissingField {
        /// The missing field (message only).
        field: String,
    },
    /// `INVALID_FORMAT`
    #[error("Invalid format for field: {field}")]
    InvalidFormat {
        /// The malformed field.
        field: String,
    },
    /// `UNSUPPORTED_LANGUAGE`
    #[error("Language '{language}' is not supported")]
    UnsupportedLanguage {
        /// The language requested.
        language: String,
    },
    /// `UNSUPPORTED_FORMAT`
    #[error("Unsupported audio format")]
    UnsupportedFormat {
        /// The accepted formats.
        supported_formats: Vec<String>,
    },
    /// `DOCUMENT_NOT_FOUND`
    #[error("Document not found")]
    DocumentNotFound,
    /// `MODEL_NOT_FOUND`
    #[error("Custom model not found")]
    ModelNotFound,
    /// `GLOSSARY_NOT_FOUND`
    #[error("Glossary not found")]
    GlossaryNotFound,
    /// `SESSION_NOT_FOUND`
    #[error("Real-time session not found")]
    SessionNotFound,
    /// `QUOTA_EXCEEDED`
    #[error("Monthly transcription quota exceeded")]
    QuotaExceeded(QuotaExceededDetails),
    /// `STORAGE_EXCEEDED`
    #[error("Storage quota exceeded for your plan")]
    StorageExceeded(StorageExceededDetails),
    /// `MODEL_LIMIT_EXCEEDED`
    #[error("Custom model limit reached for your plan")]
    ModelLimitExceeded(ModelLimitExceededDetails),
    /// `RATE_LIMIT_EXCEEDED`
    #[error("Too many requests. Please try again in {retry_after} seconds.")]
    RateLimitExceeded {
        /// Seconds to wait.
        retry_after: u64,
    },
    /// `FILE_TOO_LARGE`
    #[error("Audio file exceeds maximum size")]
    FileTooLarge(FileTooLargeDetails),
    /// `INVALID_FILE`
    #[error("File is corrupted or invalid")]
    InvalidFile,
    /// `UNSUPPORTED_CODEC`
    #[error("Unsupported audio codec: {codec}")]
    UnsupportedCodec {
        /// The codec found.
        codec: String,
    },
    /// `MODEL_IN_USE`
    #[error("Cannot delete model: currently in use")]
    ModelInUse {
        /// Running transcriptions using the model.
        active_transcriptions: i64,
    },
    /// `MODEL_NOT_READY`
    #[error("Cannot start training: model not ready")]
    ModelNotReady(ModelNotReadyDetails),
    /// `TRAINING_IN_PROGRESS`
    #[error("Cannot start training: training already in progress")]
    TrainingInProgress,
    /// `INSUFFICIENT_DATA`
    #[error("Not enough training data")]
    InsufficientData(InsufficientDataDetails),
    /// `INTERNAL_ERROR`
    #[error("An unexpected error occurred")]
    InternalError,
    /// `SERVICE_UNAVAILABLE`
    #[error("Service temporarily unavailable")]
    ServiceUnavailable,
    /// `TIMEOUT`
    #[error("Request timed out")]
    Timeout,
}

impl ScriptixError {
    /// The error's code.
    pub fn code(&self) -> ErrorCode {
        use ScriptixError as E;
        match self {
            E::MissingApiKey => ErrorCode::MissingApiKey,
            E::InvalidApiKey => ErrorCode::InvalidApiKey,
            E::KeyRevoked => ErrorCode::KeyRevoked,
            E::KeyExpired => ErrorCode::KeyExpired,
            E::InsufficientPermissions => ErrorCode::InsufficientPermissions,
            E::ValidationError(_) => ErrorCode::ValidationError,
            E::MissingField { .. } => ErrorCode::MissingField,
            E::InvalidFormat { .. } => ErrorCode::InvalidFormat,
            E::UnsupportedLanguage { .. } => ErrorCode::UnsupportedLanguage,
            E::UnsupportedFormat { .. } => ErrorCode::UnsupportedFormat,
            E::DocumentNotFound => ErrorCode::DocumentNotFound,
            E::ModelNotFound => ErrorCode::ModelNotFound,
            E::GlossaryNotFound => ErrorCode::GlossaryNotFound,
            E::SessionNotFound => ErrorCode::SessionNotFound,
            E::QuotaExceeded(_) => ErrorCode::QuotaExceeded,
            E::StorageExceeded(_) => ErrorCode::StorageExceeded,
            E::ModelLimitExceeded(_) => ErrorCode::ModelLimitExceeded,
            E::RateLimitExceeded { .. } => ErrorCode::RateLimitExceeded,
            E::FileTooLarge(_) => ErrorCode::FileTooLarge,
            E::InvalidFile => ErrorCode::InvalidFile,
            E::UnsupportedCodec { .. } => ErrorCode::UnsupportedCodec,
            E::ModelInUse { .. } => ErrorCode::ModelInUse,
            E::ModelNotReady(_) => ErrorCode::ModelNotReady,
            E::TrainingInProgress => ErrorCode::TrainingInProgress,
            E::InsufficientData(_) => ErrorCode::InsufficientData,
            E::InternalError => ErrorCode::InternalError,
            E::ServiceUnavailable => ErrorCode::ServiceUnavailable,
            E::Timeout => ErrorCode::Timeout,
        }
    }

    /// The error body the API sends.
    pub fn to_api_error(&self) -> ApiError {
        use ScriptixError as E;
        let code = self.code();
        let details = match self {
            E::ValidationError(fields) => {
                Some(fields.iter().map(|(k, v)| (k.clone(), Value::from(v.as_str()))).collect())
            }
            E::InvalidFormat { field } => Some(object([("field", Value::from(field.as_str()))])),
            E::UnsupportedLanguage { language } => Some(object([("language", Value::from(language.as_str()))])),
            E::UnsupportedFormat { supported_formats } => {
                Some(object([("supported_formats", Value::from(supported_formats.clone()))]))
            }
            E::UnsupportedCodec { codec } => Some(object([("codec", Value::from(codec.as_str()))])),
            E::ModelInUse { active_transcriptions } => {
                Some(object([("active_transcriptions", Value::from(*active_transcriptions))]))
            }
            E::QuotaExceeded(d) => to_map(d),
            E::StorageExceeded(d) => to_map(d),
            E::ModelLimitExceeded(d) => to_map(d),
            E::FileTooLarge(d) => to_map(d),
            E::ModelNotReady(d) => to_map(d),
            E::InsufficientData(d) => to_map(d),
            _ => None,
        };
        let retry_after = match self {
            E::RateLimitExceeded { retry_after } => Some(*retry_after),
            _ => None,
        };
        ApiError {
            error: code.title().to_owned(),
            message: self.to_string(),
            error_code: code.as_str().to_owned(),
            details: details.filter(|d: &Map<String, Value>| !d.is_empty()).map(Box::new),
            retry_after,
        }
    }
}

fn object<const N: usize>(entries: [(&str, Value); N]) -> Map<String, Value> {
    entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

fn to_map<T: Serialize>(details: &T) -> Option<Map<String, Value>> {
    match serde_json::to_value(details) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for code in ALL {
            assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(code));
        }
        assert!("NOPE".parse::<ErrorCode>().is_err());
    }

    #[test]
    fn bodies_carry_code_title_and_details() {
        let error = ScriptixError::QuotaExceeded(QuotaExceededDetails {
            quota_limit: 100,
            quota_used: 100,
            quota_unit: "hours".to_owned(),
        });
        let body = serde_json::to_value(error.to_api_error()).unwrap_or_default();
        assert_eq!(body["error_code"], "QUOTA_EXCEEDED");
        assert_eq!(body["error"], "Quota Exceeded");
        assert_eq!(body["details"]["quota_unit"], "hours");
        let rate = ScriptixError::RateLimitExceeded { retry_after: 60 }.to_api_error();
        assert_eq!(rate.message, "Too many requests. Please try again in 60 seconds.");
        assert_eq!(rate.status(), 429);
    }
}
