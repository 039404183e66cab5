//! Markdown, as the docs and every package README write catalog text.
//!
//! Catalog text shows as exactly itself: nothing in it can start Markdown, HTML or math,
//! end a table cell or open a code block.

use super::text::clean_lines;

/// Text that shows as exactly `s` inside a Markdown paragraph, heading or list item.
///
/// Backslash-escapes the ASCII punctuation that can start Markdown, HTML or math
/// (`` \ ` * _ { } [ ] < > # + - ! | ~ & $ ``) and the `.` or `)` of a leading ordered
/// list marker such as `1.`. Line breaks and tabs become spaces, leading and trailing
/// spaces are dropped (they could start an indented code block or a hard break), and
/// NUL, other controls, bidirectional overrides and the BOM become U+FFFD.
pub fn inline(s: &str) -> String {
    let text = clean_lines(s).join(" ").replace('\t', " ");
    let text = text.trim_matches(' ');
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = (digits > 0 && text[digits..].starts_with(['.', ')'])).then_some(digits);
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for (i, c) in text.char_indices() {
        if MARKDOWN_SPECIAL.contains(c) || marker == Some(i) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text that shows as exactly `s` inside one cell of a GitHub-flavored Markdown table.
///
/// This is [`inline`], which already escapes `|` and removes line breaks, so
/// nothing in `s` can end the cell or the row and every row keeps its column count.
pub fn table_cell(s: &str) -> String {
    inline(s)
}

/// An inline Markdown code span showing `s`.
///
/// The backtick fence is longer than any backtick run in `s`, and the content is padded
/// with a space on both sides when it starts or ends with a backtick or a space (Markdown
/// strips one such space from each side). Line breaks become spaces; NUL, other controls
/// (but tab), bidirectional overrides and the BOM become U+FFFD. An empty `s` gives a
/// span of one space. In a GitHub table cell a `|` still ends the cell, even inside a
/// code span; use [`table_cell`] for text that may contain one.
pub fn code_span(s: &str) -> String {
    let mut text = clean_lines(s).join(" ");
    if text.is_empty() {
        text.push(' ');
    }
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let all_spaces = text.chars().all(|c| c == ' ');
    let pad = if !all_spaces && (text.starts_with(['`', ' ']) || text.ends_with(['`', ' '])) { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// ASCII punctuation [`inline`] escapes wherever it appears.
pub(crate) const MARKDOWN_SPECIAL: &str = "\\`*_{}[]<>#+-!|~&$";
