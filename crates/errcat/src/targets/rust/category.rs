//! The generated `ErrorCategory` enum: one variant per catalog category, documented with
//! its title and description.

use super::doc::Doc;
use super::model::Model;
use super::source::{ALLOW_DOC_LINTS, Source};
use super::syntax::string_literal;

/// The `ErrorCategory` enum with its methods and `Display`.
pub(super) fn error_category(out: &mut Source, model: &Model<'_>) {
    let catalog = model.catalog;
    let count = model.categories.len();
    let mut enum_doc = Doc::default();
    enum_doc.text(&format!("The categories of the {} API's error codes.", catalog.api.name));
    enum_doc.para("[`ErrorCategory::codes`] lists the codes of a category; [`ErrorCode::category`] is a code's.");
    out.doc(0, &enum_doc);
    out.line(0, ALLOW_DOC_LINTS);
    out.line(0, "#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]");
    out.line(0, "#[non_exhaustive]");
    match count {
        0 => {}
        1..=256 => out.line(0, "#[repr(u8)]"),
        _ => out.line(0, "#[repr(u16)]"),
    }
    out.line(0, "pub enum ErrorCategory {");
    for (category, variant) in &model.categories {
        let mut doc = Doc::default();
        doc.text(&format!("{} (`{}`).", category.title.trim_end_matches('.'), category.id));
        if let Some(description) = &category.description {
            doc.para(description);
        }
        out.doc(1, &doc);
        out.line(1, &format!("{variant},"));
    }
    out.line(0, "}");
    out.blank();
    out.line(0, "impl ErrorCategory {");
    out.doc_text(1, "Every category, in catalog order.");
    out.line(1, &format!("pub const ALL: [ErrorCategory; {count}] = ["));
    out.packed(2, model.categories.iter().map(|(_, variant)| format!("Self::{variant}")));
    out.line(1, "];");
    out.blank();
    out.doc_text(1, "The category's id in the catalog, e.g. `\"authentication\"`.");
    out.line(1, "pub const fn as_str(self) -> &'static str {");
    table(out, "IDS", "&str", model.categories.iter().map(|(category, _)| string_literal(&category.id)));
    out.line(1, "}");
    out.blank();
    out.doc_text(1, "The category's heading in the error reference.");
    out.line(1, "pub const fn title(self) -> &'static str {");
    table(out, "TITLES", "&str", model.categories.iter().map(|(category, _)| string_literal(&category.title)));
    out.line(1, "}");
    out.blank();
    out.doc_text(1, "The codes of this category, in catalog order.");
    out.block(
        1,
        "pub fn codes(self) -> impl ::std::iter::Iterator<Item = ErrorCode> {
    ErrorCode::ALL.into_iter().filter(move |code| code.category() == self)
}",
    );
    out.line(0, "}");
    out.blank();
    out.block(
        0,
        "impl ::std::fmt::Display for ErrorCategory {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}",
    );
}

/// The body of a `const fn` of `self` that reads a value from a table with one entry per
/// category (an empty enum has no value to read: the body is `match self {}`).
fn table(out: &mut Source, name: &str, ty: &str, values: impl ExactSizeIterator<Item = String>) {
    if values.len() == 0 {
        out.line(2, "match self {}");
        return;
    }
    out.line(2, &format!("static {name}: [{ty}; {}] = [", values.len()));
    out.packed(3, values);
    out.line(2, "];");
    out.line(2, &format!("{name}[self as usize]"));
}
