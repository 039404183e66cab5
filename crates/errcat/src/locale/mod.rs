//! Locales: BCP 47 tags and CLDR plural rules, for translated messages.

pub mod plural;
pub mod tag;

pub use plural::{Condition, Operand, PluralCategory, PluralRules, Relation};
pub use tag::LanguageTag;
