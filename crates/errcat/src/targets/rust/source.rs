//! The text the generator writes: formatted Rust, line by line.
//!
//! Every item of the generated file is written directly as formatted source (four-space
//! indentation, lines of at most [`WIDTH`] columns where the generator chooses the breaks),
//! so nothing is parsed back for formatting and memory stays proportional to the output.
//! The layout follows rustfmt's for the shapes the generator writes; nothing depends on it
//! being byte-identical to rustfmt's.

use super::doc::Doc;

/// The width packed lists wrap at, as the workspace's `rustfmt.toml` sets it.
pub(super) const WIDTH: usize = 120;

/// Formatted Rust source being written.
#[derive(Default)]
pub(super) struct Source {
    /// The text so far.
    pub(super) text: String,
}

impl Source {
    /// Appends `text` as one line, indented by `indent` levels of four spaces. `text` must
    /// not hold a line break.
    pub(super) fn line(&mut self, indent: usize, text: &str) {
        debug_assert!(!text.contains('\n'), "one line at a time: {text:?}");
        if !text.is_empty() {
            self.indent(indent);
            self.text.push_str(text);
        }
        self.text.push('\n');
    }

    /// Appends `text`, several lines of code written at indentation 0, each line indented
    /// by `indent` levels (blank lines stay empty).
    pub(super) fn block(&mut self, indent: usize, text: &str) {
        for line in text.lines() {
            self.line(indent, line);
        }
    }

    /// An empty line.
    pub(super) fn blank(&mut self) {
        self.text.push('\n');
    }

    /// `doc` as `///` lines.
    pub(super) fn doc(&mut self, indent: usize, doc: &Doc) {
        for line in doc.lines() {
            self.indent(indent);
            if line.is_empty() {
                self.text.push_str("///\n");
            } else {
                self.text.push_str("/// ");
                // A tab in a doc comment is a clippy warning (`tabs_in_doc_comments`).
                if line.contains('\t') {
                    self.text.push_str(&line.replace('\t', "    "));
                } else {
                    self.text.push_str(line);
                }
                self.text.push('\n');
            }
        }
    }

    /// Docs made only of our own fixed text: paragraphs separated by blank lines.
    pub(super) fn doc_text(&mut self, indent: usize, text: &str) {
        self.doc(indent, &Doc::fixed(text));
    }

    /// `items`, each followed by `,`, packed into lines of at most [`WIDTH`] columns at
    /// `indent` (an item longer than a line gets a line of its own): the body of an array
    /// literal.
    pub(super) fn packed<I, S>(&mut self, indent: usize, items: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let start = 4 * indent;
        let mut column = 0;
        for item in items {
            let item = item.as_ref();
            // ` item,` on this line if it fits, else `item,` at the start of the next.
            let fits = column + " ".len() + item.len() + ",".len() <= WIDTH;
            if column > 0 && fits {
                self.text.push(' ');
                column += 1;
            } else {
                if column > 0 {
                    self.text.push('\n');
                }
                self.indent(indent);
                column = start;
            }
            self.text.push_str(item);
            self.text.push(',');
            column += item.len() + 1;
        }
        if column > 0 {
            self.text.push('\n');
        }
    }

    fn indent(&mut self, indent: usize) {
        for _ in 0..indent {
            self.text.push_str("    ");
        }
    }
}

/// Rustdoc lints that catalog Markdown could trip (a `[word]` that is not a link, a bare
/// URL, an HTML-looking `<tag>`): generated docs must build without warnings whatever the
/// catalog says.
pub(super) const ALLOW_DOC_LINTS: &str =
    "#[allow(rustdoc::broken_intra_doc_links, rustdoc::bare_urls, rustdoc::invalid_html_tags)]";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_lists_wrap_at_the_width() {
        let mut source = Source::default();
        source.packed(1, (0..100).map(|n| format!("item_{n}")));
        for line in source.text.lines() {
            assert!(line.len() <= WIDTH, "{line:?}");
            assert!(line.starts_with("    ") && !line.starts_with("     "), "{line:?}");
            assert!(line.ends_with(','), "{line:?}");
        }
        let items: Vec<&str> = source.text.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
        assert_eq!(items.len(), 100);
        let long = "x".repeat(200);
        let mut source = Source::default();
        source.packed(0, ["a", long.as_str(), "b"]);
        assert_eq!(source.text, format!("a,\n{long},\nb,\n"));
    }
}
