//! Doc comments of the generated code: the [`Doc`] builder every item's docs go through,
//! so catalog Markdown is sanitized in one place, and the reference entry of each code.

use super::model::{CodeModel, Model};
use super::retry::retry_words;
use crate::model::{Catalog, RetryMode};

/// `text` on one line, for the header comment.
pub(super) fn one_line(text: &str) -> String {
    crate::targets::text::doc_comment_lines(text).join(" ")
}

/// Doc comment lines, built up and then written as `///` comments
/// ([`super::source::Source::doc`]). Every line added goes through
/// [`crate::targets::text::doc_comment_lines`].
#[derive(Default)]
pub(super) struct Doc {
    /// The lines so far, without the `/// ` each gets.
    lines: Vec<String>,
}

impl Doc {
    /// Docs made only of our own fixed text (and safe catalog values such as code names):
    /// paragraphs separated by blank lines.
    pub(super) fn fixed(text: &str) -> Self {
        let mut doc = Doc::default();
        for paragraph in text.split("\n\n") {
            doc.para(paragraph);
        }
        doc
    }

    /// The lines, without their `/// `.
    pub(super) fn lines(&self) -> &[String] {
        &self.lines
    }

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

    /// Adds a blank line, unless the comment is empty or already ends with one.
    pub(super) fn blank(&mut self) -> &mut Self {
        if self.lines.last().is_some_and(|line| !line.is_empty()) {
            self.lines.push(String::new());
        }
        self
    }
}

/// Whether catalog text holds something rustdoc's lints could take for a broken link, a
/// bare URL or an HTML tag: an item whose docs quote it needs
/// [`super::source::ALLOW_DOC_LINTS`].
pub(super) fn trips_doc_lints(text: &str) -> bool {
    text.contains(['[', ']', '<', '>']) || text.contains("://") || text.contains("www.")
}

/// A status as the reference writes it (`429 Too Many Requests`), or the bare number if the
/// status table has no row for it.
pub(super) fn status_name(catalog: &Catalog, status: u16) -> String {
    catalog.status(status).map_or_else(|| status.to_string(), |row| format!("{status} {}", row.name))
}

/// Prose longer than this (in bytes) is cut to its first sentence in a code's doc.
const LEAN_PROSE: usize = 200;

/// The rustdoc of one code's variant: its reference entry, kept lean because a catalog
/// may have tens of thousands of codes (the docs target writes the full one, with causes,
/// the solution, an example body and links). Its first paragraph, which rustdoc shows in
/// the list of variants, is the code, its summary, its status and how it is retried; the
/// second says what it means (the description, cut to its first sentence when it is long).
pub(super) fn code_doc(model: &Model<'_>, entry: &CodeModel<'_>) -> Doc {
    let catalog = model.catalog;
    let code = entry.code;
    let mode = if code.retryable { code.retry } else { RetryMode::Never };
    let mut card = format!(
        "`{}`: {}. **Status:** {}. **Retry:** {}.",
        code.code,
        code.summary.trim_end_matches('.'),
        status_name(catalog, code.status),
        retry_words(mode, &model.retry_header)
    );
    if let Some(seconds) = code.retry_after {
        card.push_str(&format!(
            " **`retry_after`:** typically {seconds} seconds, also sent as the {} header.",
            model.retry_header
        ));
    }
    let mut doc = Doc::default();
    doc.text(&card);
    doc.para(lean(&code.description));
    doc
}

/// `text`, or its first sentence if it is longer than [`LEAN_PROSE`]: up to the first `.`,
/// `!` or `?` that ends a sentence (followed by a space and a capital letter, so `e.g. this`
/// goes on), outside code spans and links.
pub(super) fn lean(text: &str) -> &str {
    let text = text.trim();
    if text.len() <= LEAN_PROSE {
        return text;
    }
    let mut ticks = 0; // The backticks that opened the current code span, if any.
    let mut depth = 0usize; // Open `[` and `(`.
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '`' => {
                let mut run = 1;
                while chars.next_if(|&(_, c)| c == '`').is_some() {
                    run += 1;
                }
                ticks = if ticks == 0 {
                    run
                } else if ticks == run {
                    0
                } else {
                    ticks
                };
            }
            _ if ticks > 0 => {}
            '[' | '(' => depth += 1,
            ']' | ')' => depth = depth.saturating_sub(1),
            '.' | '!' | '?' if depth == 0 => {
                let rest = &text[at + 1..];
                let next_word = rest.trim_start().chars().next();
                if rest.starts_with(char::is_whitespace) && next_word.is_none_or(char::is_uppercase) {
                    return &text[..=at];
                }
            }
            _ => {}
        }
    }
    text
}
