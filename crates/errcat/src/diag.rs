//! Diagnostics: what is wrong with a catalog, where, and how to fix it.
//!
//! Every problem the loader or the validator finds becomes one [`Diagnostic`]. They are
//! collected, never thrown, so one run reports all of them; [`render`] prints them the
//! way rustc does (`path:line:col`, the offending line with a caret, a help text).

use std::fmt;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet, renderer::DecorStyle};

use crate::span::Span;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The catalog cannot be used; nothing is generated.
    Error,
    /// The catalog can be used, but something is probably not meant that way.
    Warning,
    /// Information, e.g. a change `errcat diff` found that only touches documentation.
    Note,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        })
    }
}

/// One problem found in a catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable name of the rule that found the problem, e.g. `duplicate-code`.
    pub rule: &'static str,
    /// What is wrong, in one sentence without a trailing period.
    pub message: String,
    /// Where it is wrong.
    pub span: Span,
    /// A short label shown under the caret.
    pub label: Option<String>,
    /// Other places that explain the problem (e.g. the first definition of a duplicate).
    pub related: Vec<(Span, String)>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A new error found by `rule` at `span`.
    pub fn error(rule: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, rule, span, message)
    }

    /// A new warning found by `rule` at `span`.
    pub fn warning(rule: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, rule, span, message)
    }

    /// A new note found by `rule` at `span`.
    pub fn note(rule: &'static str, span: Span, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, rule, span, message)
    }

    fn new(severity: Severity, rule: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic { severity, rule, message: message.into(), span, label: None, related: Vec::new(), help: None }
    }

    /// Adds the label shown under the caret.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds another place that explains the problem.
    pub fn with_related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related.push((span, label.into()));
        self
    }

    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Diagnostics in the order a reader wants them: by position, errors before warnings on
/// the same spot. Sorting makes output independent of the order rules run in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.line, a.span.column, a.severity, a.rule, &a.message).cmp(&(
            b.span.line,
            b.span.column,
            b.severity,
            b.rule,
            &b.message,
        ))
    });
}

/// How [`render`] decorates its output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    /// No colours, ASCII art: for files, pipes and snapshots.
    #[default]
    Plain,
    /// ANSI colours and Unicode art: for terminals.
    Color,
}

/// Renders diagnostics rustc-style against the catalog text they were found in, followed
/// by a summary line (`2 errors, 1 warning`). `path` is shown as given.
pub fn render(diagnostics: &[Diagnostic], path: &str, source: &str, style: Style) -> String {
    let lines = LineIndex::new(source);
    let renderer = match style {
        Style::Plain => Renderer::plain().decor_style(DecorStyle::Ascii),
        Style::Color => Renderer::styled().decor_style(DecorStyle::Unicode),
    };
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&render_one(diagnostic, path, source, &lines, &renderer));
        out.push_str("\n\n");
    }
    out.push_str(&summary(diagnostics));
    out.push('\n');
    out
}

/// One diagnostic rendered rustc-style against the text it points into, with no summary
/// line: for output that mixes diagnostics of several files (`errcat diff`).
pub fn render_one_of(diagnostic: &Diagnostic, path: &str, source: &str, style: Style) -> String {
    let renderer = match style {
        Style::Plain => Renderer::plain().decor_style(DecorStyle::Ascii),
        Style::Color => Renderer::styled().decor_style(DecorStyle::Unicode),
    };
    render_one(diagnostic, path, source, &LineIndex::new(source), &renderer)
}

/// `N errors, M warnings` for a set of diagnostics.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    summary_of(diagnostics.iter())
}

/// `N errors, M warnings` for diagnostics of several files, with `, K notes` when there
/// are notes, as [`summary`] says it.
pub fn summary_of<'a>(diagnostics: impl Iterator<Item = &'a Diagnostic>) -> String {
    let (mut errors, mut warnings, mut notes) = (0, 0, 0);
    for diagnostic in diagnostics {
        match diagnostic.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Note => notes += 1,
        }
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut out = format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"));
    if notes > 0 {
        out.push_str(&format!(", {}", plural(notes, "note")));
    }
    out
}

fn render_one(diagnostic: &Diagnostic, path: &str, source: &str, lines: &LineIndex, renderer: &Renderer) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    // Messages quote catalog values; a 100 000-character code must not fill the terminal.
    let message = shorten(&diagnostic.message);
    let label = diagnostic.label.as_deref().map(shorten);
    let help = diagnostic.help.as_deref().map(shorten);
    let mut group = Group::with_title(level.primary_title(message.as_str()).id(diagnostic.rule));
    if diagnostic.span.is_known() {
        let window = lines.window(source, diagnostic.span);
        let (window, origin) = window.excerpt(path, diagnostic.span);
        let mut annotation = AnnotationKind::Primary.span(window.mark.clone());
        if let Some(label) = &label {
            annotation = annotation.label(label.as_str());
        }
        let snippet = Snippet::source(window.text).line_start(window.first_line).annotation(annotation);
        group = match origin {
            None => group.element(snippet.path(path)),
            // The excerpt does not start at the line's start: say where it is ourselves.
            Some(origin) => group.element(Level::NOTE.message(origin)).element(snippet),
        };
    } else {
        group = group.element(Level::NOTE.message(format!("in {path}")));
    }
    for (span, label) in diagnostic.related.iter().filter(|(span, _)| span.is_known()) {
        let (window, origin) = lines.window(source, *span).excerpt(path, *span);
        let snippet = Snippet::source(window.text)
            .line_start(window.first_line)
            .annotation(AnnotationKind::Context.span(window.mark.clone()).label(label.as_str()));
        group = match origin {
            None => group.element(snippet.path(path)),
            Some(origin) => group.element(Level::NOTE.message(origin)).element(snippet),
        };
    }
    if let Some(help) = &help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let report: [Group<'_>; 1] = [group];
    renderer.render(&report)
}

/// `text` cut to its first and last 200 characters when it is longer than 500.
fn shorten(text: &str) -> String {
    const KEEP: usize = 200;
    let count = text.chars().count();
    if count <= 500 {
        return text.to_owned();
    }
    let head: String = text.chars().take(KEEP).collect();
    let tail: String = text.chars().skip(count - KEEP).collect();
    format!("{head}…({} characters left out)…{tail}", count - 2 * KEEP)
}

/// Line starts of a source, so a diagnostic shows only the lines it is about (rendering
/// against the whole file would cost the file's size per diagnostic).
struct LineIndex {
    starts: Vec<usize>,
}

struct Window<'a> {
    text: &'a str,
    first_line: usize,
    mark: Range<usize>,
}

/// Longest window a diagnostic shows as it is; a longer one (a one-line catalog of a
/// megabyte) is cut to [`EXCERPT_CONTEXT`] bytes around the mark, so rendering a
/// diagnostic costs the same whatever the line's length.
const MAX_WINDOW: usize = 1_000;

/// Bytes of context an excerpt keeps on each side of the mark.
const EXCERPT_CONTEXT: usize = 120;

impl<'a> Window<'a> {
    /// The window, or an excerpt of it around the mark when it is longer than
    /// [`MAX_WINDOW`]; an excerpt comes with the `path:line:col` it starts from, which the
    /// renderer cannot know.
    fn excerpt(self, path: &str, span: Span) -> (Window<'a>, Option<String>) {
        if self.text.len() <= MAX_WINDOW {
            return (self, None);
        }
        let mark_len = (self.mark.end - self.mark.start).min(EXCERPT_CONTEXT);
        let start = floor_char_boundary(self.text, self.mark.start.saturating_sub(EXCERPT_CONTEXT));
        let end = floor_char_boundary(self.text, (self.mark.start + mark_len + EXCERPT_CONTEXT).min(self.text.len()));
        let text = &self.text[start..end];
        // An excerpt is one piece of one line: no line break may remain in it.
        let text = text.split(['\n', '\r']).next().unwrap_or(text);
        let mark_start = (self.mark.start - start).min(text.len());
        let mark_end = floor_char_boundary(text, (mark_start + mark_len).min(text.len()));
        let mark_end = if mark_end > mark_start { mark_end } else { next_char_end(text, mark_start) };
        let origin = format!("at {path}:{}:{} (an excerpt of a long line)", span.line, span.column);
        (Window { text, first_line: self.first_line, mark: mark_start..mark_end }, Some(origin))
    }
}

impl LineIndex {
    fn new(source: &str) -> Self {
        let starts = std::iter::once(0).chain(source.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { starts }
    }

    /// The line of `span` (or the lines a multi-line value covers, at most a few) and the
    /// marked range relative to them.
    fn window<'a>(&self, source: &'a str, span: Span) -> Window<'a> {
        let line = (span.line as usize).clamp(1, self.starts.len());
        let start = self.starts[line - 1];
        let start_of_value = span.start.clamp(start, source.len());
        let value_end = (start_of_value + span.len).min(source.len());
        let last_line = self.starts.partition_point(|&s| s <= value_end.saturating_sub(1).max(start));
        let last_line = last_line.clamp(line, line + 3).min(self.starts.len());
        let end = self.starts.get(last_line).map_or(source.len(), |&next| next.saturating_sub(1));
        let end = end.max(start);
        let text = &source[start..end];
        let mark_start = floor_char_boundary(text, start_of_value - start);
        let mark_end = floor_char_boundary(text, (value_end - start).min(text.len()));
        let mark_end = if mark_end > mark_start { mark_end } else { next_char_end(text, mark_start) };
        Window { text, first_line: line, mark: mark_start..mark_end }
    }
}

/// The largest char boundary of `text` at or before `at` (spans from the parser should
/// already be on one; this keeps a wrong offset from panicking).
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn next_char_end(text: &str, at: usize) -> usize {
    text[at.min(text.len())..].chars().next().map_or(at, |c| at + c.len_utf8())
}

/// Longest name (in bytes) [`did_you_mean`] compares: typos are made in names people type,
/// and the comparison costs the product of both lengths.
pub const SUGGESTION_MAX_LEN: usize = 128;

/// Most candidates [`did_you_mean`] compares with one input.
pub const SUGGESTION_MAX_CANDIDATES: usize = 20_000;

/// The candidate closest to `input`, if one is close enough to be a plausible typo. Inputs
/// and candidates longer than [`SUGGESTION_MAX_LEN`] are never suggested, and at most
/// [`SUGGESTION_MAX_CANDIDATES`] candidates are compared, so the work is bounded whatever
/// the catalog holds.
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if input.len() > SUGGESTION_MAX_LEN {
        return None;
    }
    let input_lower = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .take(SUGGESTION_MAX_CANDIDATES)
        .filter(|candidate| candidate.len() <= SUGGESTION_MAX_LEN)
        .map(|candidate| (strsim::jaro_winkler(&input_lower, &candidate.to_ascii_lowercase()), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| candidate)
}

/// `text` safe to print on a terminal: control characters (but line feeds and tabs),
/// escape sequences' introducers, bidirectional controls and the BOM become U+FFFD, so
/// catalog text cannot set a window title, clear the screen, fake a link or reorder what
/// is shown.
pub fn terminal_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            let unsafe_char = (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}');
            if unsafe_char { '\u{FFFD}' } else { c }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_text_cannot_control_the_terminal() {
        let hostile = "title\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}evil\u{1b}]8;;https://x\u{1b}\\link\nnext\tcell";
        let safe = terminal_safe(hostile);
        assert!(!safe.contains('\u{1b}') && !safe.contains('\u{7}') && !safe.contains('\u{202e}'), "{safe:?}");
        assert!(safe.contains("\nnext\tcell"), "{safe:?}");
    }

    #[test]
    fn a_diagnostic_on_a_huge_line_shows_an_excerpt_and_its_position() {
        let line = format!("key: [{}\"bad\"]", "1, ".repeat(100_000));
        let column = line.find("\"bad").expect("bad") + 1;
        let diagnostic = Diagnostic::error(
            "yaml-syntax",
            Span { line: 1, column: column as u32, start: column - 1, len: 5 },
            "a problem",
        );
        let shown = render(std::slice::from_ref(&diagnostic), "catalog.yaml", &line, Style::Plain);
        assert!(shown.len() < 2_000, "{} bytes", shown.len());
        assert!(shown.contains(&format!("at catalog.yaml:1:{column}")), "{shown}");
        assert!(shown.contains("\"bad\""), "{shown}");
    }

    #[test]
    fn suggestions_are_bounded() {
        let long = "a".repeat(SUGGESTION_MAX_LEN + 1);
        assert_eq!(did_you_mean(&long, [long.as_str()]), None);
        assert_eq!(did_you_mean("descripton", [long.as_str(), "description"]), Some("description"));
    }

    #[test]
    fn suggestion_picks_the_closest_plausible_name() {
        assert_eq!(did_you_mean("descripton", ["description", "details"]), Some("description"));
        assert_eq!(did_you_mean("xyz", ["description", "details"]), None);
    }

    #[test]
    fn rendering_shows_path_line_caret_and_help() {
        let source = "codes:\n  - code: bad_code\n";
        let diagnostic = Diagnostic::error(
            "code-naming",
            Span { line: 2, column: 11, start: 17, len: 8 },
            "code `bad_code` is not SCREAMING_SNAKE_CASE",
        )
        .with_label("here")
        .with_help("write it as `BAD_CODE`");
        let text = render(&[diagnostic], "catalog.yaml", source, Style::Plain);
        assert!(text.contains("catalog.yaml:2:11"), "{text}");
        assert!(text.contains("^^^^^^^^ here"), "{text}");
        assert!(text.contains("help: write it as `BAD_CODE`"), "{text}");
        assert!(text.ends_with("1 error, 0 warnings\n"), "{text}");
    }
}
