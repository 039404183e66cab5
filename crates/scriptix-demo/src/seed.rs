//! The demo's fixed world: API keys, organizations and the resources they own.
//!
//! Seed resources never change, so every scenario gives the same answer in any order and
//! any number of times; resources created through the API live in memory next to them. The
//! one exception: a seed model deleted through the API stays deleted while the demo runs
//! (no scenario deletes one).

/// What an API key may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyState {
    /// Authenticates requests.
    Active,
    /// Revoked in the dashboard: KEY_REVOKED.
    Revoked,
    /// Past its expiry date: KEY_EXPIRED.
    Expired,
}

/// The plan of a key's organization, which sets its rate limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    /// `--rate-limit` requests per window.
    Standard,
    /// `--free-rate-limit` requests per window.
    Free,
}

/// One API key of the in-memory key table.
#[derive(Debug)]
pub struct Key {
    /// The secret sent after `Bearer`.
    pub secret: &'static str,
    /// Whether it authenticates.
    pub state: KeyState,
    /// Whether it may create, change or delete anything.
    pub can_write: bool,
    /// The organization it belongs to.
    pub org: Org,
    /// Its plan.
    pub plan: Plan,
}

/// An organization and how much of its plan it has used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Org {
    /// Acme: within every limit.
    Acme,
    /// Full Ltd: at its transcription quota, storage and custom model limits.
    Full,
}

/// Usage figures of an organization at its limits.
pub struct Limits {
    /// Monthly transcription quota and unit.
    pub quota_limit: i64,
    /// Quota used this month.
    pub quota_used: i64,
    /// Unit of the quota.
    pub quota_unit: &'static str,
    /// Storage limit, GB.
    pub storage_limit_gb: i64,
    /// Storage used, GB.
    pub storage_used_gb: i64,
    /// Custom models the plan allows.
    pub model_limit: i64,
    /// Custom models the organization has.
    pub model_count: i64,
}

impl Org {
    /// The organization's usage against its plan.
    pub fn limits(self) -> Limits {
        match self {
            Org::Acme => Limits {
                quota_limit: 100,
                quota_used: 12,
                quota_unit: "hours",
                storage_limit_gb: 50,
                storage_used_gb: 3,
                model_limit: 5,
                model_count: 2,
            },
            Org::Full => Limits {
                quota_limit: 100,
                quota_used: 100,
                quota_unit: "hours",
                storage_limit_gb: 50,
                storage_used_gb: 50,
                model_limit: 5,
                model_count: 5,
            },
        }
    }

    /// Whether the organization has used its monthly quota.
    pub fn quota_used_up(self) -> bool {
        let limits = self.limits();
        limits.quota_used >= limits.quota_limit
    }

    /// Whether the organization's storage is full.
    pub fn storage_full(self) -> bool {
        let limits = self.limits();
        limits.storage_used_gb >= limits.storage_limit_gb
    }

    /// Whether the organization has all the custom models its plan allows.
    pub fn models_full(self) -> bool {
        let limits = self.limits();
        limits.model_count >= limits.model_limit
    }
}

/// The key table. Any other key, including every `sk_live_…` key (the demo is a test
/// environment), is INVALID_API_KEY.
pub const KEYS: &[Key] = &[
    Key { secret: "sk_test_valid", state: KeyState::Active, can_write: true, org: Org::Acme, plan: Plan::Standard },
    Key { secret: "sk_test_readonly", state: KeyState::Active, can_write: false, org: Org::Acme, plan: Plan::Standard },
    Key { secret: "sk_test_revoked", state: KeyState::Revoked, can_write: true, org: Org::Acme, plan: Plan::Standard },
    Key { secret: "sk_test_expired", state: KeyState::Expired, can_write: true, org: Org::Acme, plan: Plan::Standard },
    Key { secret: "sk_test_limits", state: KeyState::Active, can_write: true, org: Org::Full, plan: Plan::Standard },
    Key { secret: "sk_test_free", state: KeyState::Active, can_write: true, org: Org::Acme, plan: Plan::Free },
];

/// The key with `secret`, if the table has it.
pub fn key(secret: &str) -> Option<&'static Key> {
    KEYS.iter().find(|key| key.secret == secret)
}

/// How a stored document behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    /// Reads fine; a synchronous transcription takes `ms` milliseconds.
    Fine {
        /// Simulated processing time.
        ms: u64,
    },
    /// Its stored data is damaged: reading it is an INTERNAL_ERROR.
    Corrupt,
}

/// A seed document.
pub struct Document {
    /// Its id.
    pub id: &'static str,
    /// Its owner.
    pub org: Org,
    /// Its name.
    pub name: &'static str,
    /// How it behaves.
    pub stored: Stored,
}

/// Seed documents. `doc_other` belongs to another organization, so Acme's keys get
/// DOCUMENT_NOT_FOUND for it.
pub const DOCUMENTS: &[Document] = &[
    Document { id: "doc_1", org: Org::Acme, name: "Board meeting", stored: Stored::Fine { ms: 5 } },
    // A three-hour recording: synchronous transcription outlasts any sync timeout.
    Document { id: "doc_long", org: Org::Acme, name: "Conference day 1", stored: Stored::Fine { ms: 3 * 3600 * 1000 } },
    Document { id: "doc_corrupt", org: Org::Acme, name: "Damaged upload", stored: Stored::Corrupt },
    Document { id: "doc_other", org: Org::Full, name: "Someone else's", stored: Stored::Fine { ms: 5 } },
    Document { id: "doc_full", org: Org::Full, name: "Quarterly review", stored: Stored::Fine { ms: 5 } },
];

/// Training status codes of custom models, as the Scriptix API numbers them.
pub mod training_status {
    /// Created; training data is still being uploaded or processed.
    pub const PREPARING: i64 = 1;
    /// Training data is ready: training may start.
    pub const READY: i64 = 2;
    /// Training is running.
    pub const TRAINING: i64 = 3;
}

/// A seed custom model.
pub struct Model {
    /// Its id.
    pub id: &'static str,
    /// Its owner.
    pub org: Org,
    /// Its training status (see [`training_status`]).
    pub status: i64,
    /// Hours of usable training audio.
    pub hours: f64,
    /// Running transcriptions that use it.
    pub active_transcriptions: i64,
}

/// Hours of training audio a model needs before training.
pub const HOURS_REQUIRED: f64 = 5.0;

/// Seed custom models, one per state a request can run into.
pub const MODELS: &[Model] = &[
    Model { id: "model_ready", org: Org::Acme, status: training_status::READY, hours: 6.0, active_transcriptions: 0 },
    Model { id: "model_new", org: Org::Acme, status: training_status::PREPARING, hours: 0.5, active_transcriptions: 0 },
    Model {
        id: "model_training",
        org: Org::Acme,
        status: training_status::TRAINING,
        hours: 8.0,
        active_transcriptions: 0,
    },
    Model { id: "model_small", org: Org::Acme, status: training_status::READY, hours: 3.5, active_transcriptions: 0 },
    Model { id: "model_busy", org: Org::Acme, status: training_status::READY, hours: 12.0, active_transcriptions: 3 },
];

/// A seed glossary: (id, owner, name).
pub const GLOSSARIES: &[(&str, Org, &str)] = &[("gloss_1", Org::Acme, "Product names")];

/// A seed real-time session: (id, owner).
pub const SESSIONS: &[(&str, Org)] = &[("sess_live", Org::Acme)];

/// Transcription languages the demo supports.
pub const LANGUAGES: &[&str] = &["en", "nl", "de", "fr", "es", "it", "pt", "da", "sv", "no", "fi", "pl"];

/// Audio formats uploads may have, lower case (the catalog's `api.uploads.formats`).
pub const FORMATS: &[&str] = &["mp3", "wav", "flac", "m4a", "aac", "ogg"];
