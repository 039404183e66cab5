//! The names table: every identifier generated code declares, per target, decided once.
//!
//! [`Names::new`] runs right after validation and gives each code, category and details
//! field its name in every target, from the naming rules each language module owns
//! (`targets::<lang>::names`). Nothing downstream decides a name again: renderers and
//! templates print what the table says, and the clash and reserved-word rules
//! ([`clashes`]) are checks over this same table, so they can never disagree with what is
//! emitted. Where a name would collide with another generated name of the same code (a
//! details field called `extra` next to the map of extra keys), the language's rule picks
//! the alternative here, visibly, instead of a template patching its output.

pub mod clashes;

use serde::Serialize;

use crate::model::{Catalog, Code};
use crate::targets::words::Words;
use crate::targets::{go, java, openapi, python, rust, typescript};

/// Every generated name of a catalog.
#[derive(Clone, Debug, Default)]
pub struct Names {
    /// The names of each code, in the order of `Catalog::codes`.
    pub codes: Vec<CodeNames>,
    /// The names of each category, in the order of `Catalog::categories`.
    pub categories: Vec<CategoryNames>,
    /// The package (crate, module) names of the generated clients.
    pub packages: Packages,
}

/// The names one error code gets in each target.
#[derive(Clone, Debug, Serialize)]
pub struct CodeNames {
    /// In the Rust crate.
    pub rust: rust::names::CodeNames,
    /// In the Python package.
    pub python: python::names::CodeNames,
    /// In the TypeScript package.
    pub typescript: typescript::names::CodeNames,
    /// In the Go package.
    pub go: go::names::CodeNames,
    /// In the Java package.
    pub java: java::names::CodeNames,
    /// In the OpenAPI fragment.
    pub openapi: openapi::names::CodeNames,
    /// The names of each details field of the code, in the order of `Code::fields`
    /// (templates read them on each field instead).
    #[serde(skip_serializing)]
    pub fields: Vec<FieldNames>,
    /// The code's words, which every name above is built from (the reserved-word rule
    /// reads them).
    #[serde(skip_serializing)]
    pub words: Words,
}

/// The names one details field gets in each target.
#[derive(Clone, Debug, Serialize)]
pub struct FieldNames {
    /// Rust struct field or constructor parameter.
    pub rust: String,
    /// Python dataclass attribute.
    pub python: String,
    /// TypeScript property key (an identifier or a quoted string literal).
    pub typescript: String,
    /// Go struct field.
    pub go: String,
    /// Java record component (and accessor).
    pub java: String,
}

/// The names one category gets in each target.
#[derive(Clone, Debug, Serialize)]
pub struct CategoryNames {
    /// In the Rust crate.
    pub rust: rust::names::CategoryNames,
    /// In the Python package.
    pub python: python::names::CategoryNames,
    /// In the TypeScript package.
    pub typescript: typescript::names::CategoryNames,
    /// In the Go package.
    pub go: go::names::CategoryNames,
    /// In the Java package.
    pub java: java::names::CategoryNames,
}

/// The package names of the generated clients.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Packages {
    /// Python import name: `scriptix_errors`.
    pub python: String,
    /// npm package name: `@scriptix/errors`.
    pub npm: String,
    /// Go package name: `scriptixerrors`.
    pub go: String,
    /// Rust crate name: `scriptix-errors`.
    pub rust: String,
    /// Java Maven coordinates and package: `com.scriptix:scriptix-errors`,
    /// `com.scriptix.errors`.
    pub java: java::names::PackageNames,
}

impl Names {
    /// Decides every name of `catalog`. Runs in time linear in the catalog's size.
    pub fn new(catalog: &Catalog) -> Names {
        let codes = catalog
            .codes
            .iter()
            .map(|code| {
                let fields = Names::field_names(code);
                let words = Words::of(&code.code);
                CodeNames {
                    rust: rust::names::code(code, &words),
                    python: python::names::code(code, &words, &fields),
                    typescript: typescript::names::code(&words),
                    go: go::names::code(code, &words, &fields),
                    java: java::names::code(code, &fields),
                    openapi: openapi::names::code(&words),
                    fields,
                    words,
                }
            })
            .collect();
        let rust_categories = rust::names::categories(&catalog.categories);
        let categories = catalog
            .categories
            .iter()
            .zip(rust_categories)
            .map(|(category, rust)| CategoryNames {
                rust,
                python: python::names::category(&category.id),
                typescript: typescript::names::category(&category.id),
                go: go::names::category(&category.id),
                java: java::names::category(&category.id),
            })
            .collect();
        let name = &catalog.api.name;
        let packages = Packages {
            python: python::names::package(name),
            npm: typescript::names::package(name),
            go: go::names::package(name),
            rust: rust::names::package(name),
            java: java::names::package(name),
        };
        Names { codes, categories, packages }
    }

    /// The names of each details field of `code`, in order.
    pub fn field_names(code: &Code) -> Vec<FieldNames> {
        code.fields
            .iter()
            .map(|field| FieldNames {
                rust: rust::names::field(field),
                python: python::names::field(&field.name),
                typescript: typescript::names::field(&field.name),
                go: go::names::field(&field.name),
                java: java::names::field(&field.name),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
