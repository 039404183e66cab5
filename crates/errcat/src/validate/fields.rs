//! A code's `details` fields: wire names, unique, known types and examples that fit.

use std::collections::HashMap;

use super::examples::{json_kind, placeholder_value};
use super::naming::NameKind;
use super::{Checker, flag};
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::{DetailField, FIELD_TYPE_NAMES, FieldType};
use crate::raw::{NamingStyle, RawCode};
use crate::span::{Span, Spanned};

impl Checker {
    /// Checks one code's `details` fields (names in the character set and in the catalog's
    /// `naming.fields` style `style`, duplicates, names that differ only in case or
    /// punctuation, types, examples) and returns those that can be generated, each with an
    /// example value for the docs.
    pub(super) fn detail_fields(&mut self, code: &RawCode, style: Option<&Spanned<NamingStyle>>) -> Vec<DetailField> {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut fields = Vec::new();
        for field in &code.details {
            let name = &field.name;
            self.wire_name(name, NameKind::Field, style);
            if name.value == "retry_after" {
                self.push(
                    Diagnostic::error(
                        "field-naming",
                        name.span,
                        "`retry_after` is a field of the error body, not of `details`",
                    )
                    .with_help("declare `retry_after: SECONDS` on the code instead"),
                );
            }
            if let Some(first) = seen.insert(name.value.as_str(), name.span) {
                self.push(
                    Diagnostic::error(
                        "duplicate-field",
                        name.span,
                        format!("details field `{}` is declared twice", name.value),
                    )
                    .with_related(first, "first declared here"),
                );
                continue;
            }
            let Some(ty) = self.field_type(&field.ty) else { continue };
            let example = match &field.example {
                Some(example) => {
                    if !ty.admits(&example.value) {
                        self.push(
                            Diagnostic::error(
                                "details-type",
                                example.span,
                                format!(
                                    "example of `{}` is {}, not {}",
                                    name.value,
                                    json_kind(&example.value),
                                    ty.name()
                                ),
                            )
                            .with_related(field.ty.span, "type declared here"),
                        );
                    }
                    example.value.clone()
                }
                None => placeholder_value(ty, &name.value),
            };
            fields.push(DetailField {
                name: name.value.clone(),
                ty,
                description: field.description.value.clone(),
                example,
                optional: flag(&field.optional),
                message_only: flag(&field.message_only),
                span: name.span,
            });
        }
        self.case_clashes(
            code.details.iter().map(|field| &field.name),
            NameKind::Field,
            &format!(" of code `{}`", code.code.value),
        );
        fields
    }

    /// Parses a details type, reporting an unknown one with the nearest known type name.
    pub(super) fn field_type(&mut self, ty: &Spanned<String>) -> Option<FieldType> {
        let parsed = FieldType::parse(ty.value.trim());
        if parsed.is_none() {
            let mut diagnostic =
                Diagnostic::error("unknown-field-type", ty.span, format!("`{}` is not a details type", ty.value))
                    .with_label("unsupported type");
            diagnostic = match did_you_mean(&ty.value, FIELD_TYPE_NAMES) {
                Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
                None => diagnostic.with_help(format!("supported types: {}", FIELD_TYPE_NAMES.join(", "))),
            };
            self.push(diagnostic);
        }
        parsed
    }
}

/// snake_case: lower-case ASCII words of letters and digits, joined by single
/// underscores, starting with a letter.
pub(super) fn is_snake_case(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .split('_')
            .all(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}
