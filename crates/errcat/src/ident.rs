//! Identifier casing and keyword escaping per target language.
