//! String literal and text escaping per target language.
