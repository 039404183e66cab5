//! Doc comments of the generated code: the [`Doc`] builder every item's docs go through,
//! so catalog Markdown is sanitized in one place, and the reference entry of each code.

use proc_macro2::TokenStream;
use quote::quote;

use super::lit;
use super::model::{CodeModel, Model};
use super::retry::retry_words;
use crate::model::{Catalog, RetryMode};

/// `text` on one line, for the header comment.
pub(super) fn one_line(text: &str) -> String {
    crate::targets::text::doc_comment_lines(text).join(" ")
}

/// Doc comment lines, built up and then turned into `#[doc = "…"]` attributes. Every
/// line added goes through [`crate::targets::text::doc_comment_lines`], except the fences of code
/// blocks this module writes itself.
#[derive(Default)]
pub(super) struct Doc {
    /// The lines so far, without the leading space each gets in its attribute.
    lines: Vec<String>,
}

impl Doc {
    /// Adds text (catalog Markdown) as one or more lines.
    pub(super) fn text(&mut self, text: &str) -> &mut Self {
        self.lines.extend(crate::targets::text::doc_comment_lines(text));
        self
    }

    /// Adds a paragraph: a blank line before it unless it is the first.
    pub(super) fn para(&mut self, text: &str) -> &mut Self {
        if crate::targets::text::doc_comment_lines(text).is_empty() {
            return self;
        }
        self.blank();
        self.text(text)
    }

    /// Adds a list item; lines after the first are indented under the marker.
    pub(super) fn item(&mut self, marker: &str, text: &str) -> &mut Self {
        for (n, line) in crate::targets::text::doc_comment_lines(text).into_iter().enumerate() {
            let indent = if n == 0 { format!("{marker} ") } else { " ".repeat(marker.len() + 1) };
            self.lines.push(format!("{indent}{line}"));
        }
        self
    }

    /// Adds a blank line, unless the comment is empty or already ends with one.
    pub(super) fn blank(&mut self) -> &mut Self {
        if self.lines.last().is_some_and(|line| !line.is_empty()) {
            self.lines.push(String::new());
        }
        self
    }

    /// Adds a fenced code block whose content is `text`'s lines.
    pub(super) fn code_block(&mut self, lang: &str, text: &str) -> &mut Self {
        self.blank();
        self.lines.push(format!("```{lang}"));
        for line in text.lines() {
            // Indentation is safe inside a fence; the rest is sanitized like any line.
            let rest = line.trim_start_matches(' ');
            let indent = &line[..line.len() - rest.len()];
            self.lines.push(format!("{indent}{}", crate::targets::text::doc_comment_lines(rest).join(" ")));
        }
        self.lines.push("```".to_owned());
        self
    }

    /// The `#[doc = "…"]` attributes of the lines, each non-empty one after a space as
    /// `///` comments have it.
    pub(super) fn attrs(&self) -> TokenStream {
        let lines = self.lines.iter().map(|line| if line.is_empty() { lit("") } else { lit(&format!(" {line}")) });
        quote! { #( #[doc = #lines] )* }
    }
}

/// Docs made only of our own fixed text (and safe catalog values such as code names).
pub(super) fn doc(text: &str) -> TokenStream {
    let mut doc = Doc::default();
    for paragraph in text.split("\n\n") {
        doc.para(paragraph);
    }
    doc.attrs()
}

/// Rustdoc lints that catalog Markdown could trip (a `[word]` that is not a link, a bare
/// URL, an HTML-looking `<tag>`): generated docs must build without warnings whatever the
/// catalog says.
pub(super) fn allow_doc_lints() -> TokenStream {
    quote! { #[allow(rustdoc::broken_intra_doc_links, rustdoc::bare_urls, rustdoc::invalid_html_tags)] }
}

/// A status as the reference writes it (`429 Too Many Requests`), or the bare number if the
/// status table has no row for it.
pub(super) fn status_name(catalog: &Catalog, status: u16) -> String {
    catalog.status(status).map_or_else(|| status.to_string(), |row| format!("{status} {}", row.name))
}

/// A catalog link as a Markdown link. The URL goes in `<…>` (minus characters that would
/// end it early) so spaces or parentheses in it cannot break the link.
fn link_markdown(link: &crate::model::Link) -> String {
    let url: String = link.url.chars().filter(|c| !matches!(c, '<' | '>') && !c.is_whitespace()).collect();
    format!("[{}](<{url}>)", crate::targets::markdown::inline(&link.title))
}

/// The rustdoc of one code's variant: the error reference entry.
pub(super) fn code_doc(model: &Model<'_>, entry: &CodeModel<'_>) -> TokenStream {
    let catalog = model.catalog;
    let code = entry.code;
    let mut doc = Doc::default();
    doc.text(&format!("`{}`: {}.", code.code, code.summary.trim_end_matches('.')));
    doc.para(&code.description);
    doc.blank();
    doc.item("-", &format!("**Status:** {}", status_name(catalog, code.status)));
    doc.item("-", &format!("**Category:** {}", model.category_title(&code.category)));
    doc.item("-", &format!("**Title (`error`):** {}", code.title));
    doc.item("-", &format!("**Message:** {}", crate::targets::markdown::code_span(&code.message.text)));
    let mode = if code.retryable { code.retry } else { RetryMode::Never };
    let retry = retry_words(mode, &model.retry_header);
    doc.item("-", &format!("**Retry:** {retry}"));
    if let Some(seconds) = code.retry_after {
        doc.item(
            "-",
            &format!("**`retry_after`:** typically {seconds} seconds, also sent as the {} header", model.retry_header),
        );
    }
    if !code.causes.is_empty() {
        doc.para("**Causes**");
        doc.blank();
        for cause in &code.causes {
            doc.item("-", cause);
        }
    }
    doc.para(&format!("**Solution:** {}", code.solution));
    if !code.solution_steps.is_empty() {
        doc.blank();
        for (n, step) in code.solution_steps.iter().enumerate() {
            doc.item(&format!("{}.", n + 1), step);
        }
    }
    if !code.fields.is_empty() || code.additional_details.is_some() {
        match &entry.details {
            Some(details) => doc.para(&format!("**Details** ([`{}`]):", details.ty)),
            None => doc.para("**Message fields:**"),
        };
        doc.blank();
        for field in &code.fields {
            let mut facts = vec![field.ty.name()];
            if field.optional {
                facts.push("optional".to_owned());
            }
            if field.message_only {
                facts.push("message only, not sent".to_owned());
            }
            let name = crate::targets::markdown::code_span(&field.name);
            doc.item("-", &format!("{name} ({}): {}", facts.join(", "), field.description));
        }
        if let Some(extra) = &code.additional_details {
            doc.item("-", &format!("any {} ({}): {}", extra.key, extra.ty.name(), extra.description));
        }
    }
    let example = serde_json::to_string_pretty(&code.example.body).unwrap_or_default();
    doc.para("**Example body**");
    doc.code_block("json", &example);
    let links: Vec<String> = code.see.iter().filter_map(|id| catalog.link(id)).map(link_markdown).collect();
    if !links.is_empty() {
        doc.para(&format!("**See also:** {}", links.join(", ")));
    }
    doc.attrs()
}
