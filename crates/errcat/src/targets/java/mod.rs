//! The Java language: its lexical rules ([`syntax`]) and the names a Java client gives
//! codes, categories and fields ([`names`]).

pub mod names;
pub mod syntax;
