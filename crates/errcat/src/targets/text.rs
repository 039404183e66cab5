//! The text engine every target's escaping is built on.
//!
//! Catalog strings are untrusted input that ends up in generated source code, YAML, JSON
//! and Markdown. Each language module (`targets::<lang>::syntax`) owns its dialect: the
//! `Dialect` of its double-quoted literal, its comment and docstring rules. This module
//! holds what they share: [`quote`], which writes any string as a literal of a dialect,
//! the classification of invisible and line-breaking characters, comment lines safe in
//! every language, and JSON. Every function is total: it accepts any string and returns
//! text that reads back as exactly that string (literals) or shows it as plain text
//! (comments), whatever quotes, backslashes, line breaks, control characters,
//! bidirectional overrides or template delimiters it contains.
//!
//! Literals escape every character that is invisible or breaks lines somewhere: controls
//! (C0, DEL, C1), U+2028 and U+2029, bidirectional marks, embeddings, overrides and
//! isolates, the byte order mark, zero-width and other invisible format characters, tag
//! characters and the noncharacters U+FFFE and U+FFFF. Other characters, emoji included,
//! stay as they are.

/// A JSON string literal for `s`: the RFC 8259 escapes, plus `\uNNNN` for U+2028, U+2029
/// and other invisible characters, so it is also a valid JavaScript literal.
pub fn json_string(s: &str) -> String {
    quote(s, &JSON)
}

/// JSON text (as serde_json writes it) with every invisible or line-breaking character
/// that [`json_string`] escapes written as `\uNNNN` too.
///
/// serde_json escapes only controls, quotes and backslashes; U+2028, U+2029, the BOM and
/// bidirectional overrides stay raw, where they end lines in JavaScript or reorder what an
/// editor shows. Outside strings JSON text is ASCII, so every such character is inside a
/// string, where the escape reads back as the same character.
pub fn json_hidden_escaped(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_hidden(c) { numeric_utf16(c, &mut out) } else { out.push(c) }
    }
    out
}

/// `s` as lines safe to put after `///`, `//`, `#` or ` * ` in Rust, Python, TypeScript
/// and Go comments.
///
/// Lines break at LF, CR, CRLF, U+0085, U+2028 and U+2029. In each line, `*/` and `/*`
/// become `* /` and `/ *` (they cannot end or nest a block comment); NUL, other control
/// characters but tab, bidirectional overrides and isolates (Trojan Source) and the BOM
/// become U+FFFD; a Markdown code fence (```` ``` ```` or `~~~`) at the start gets a
/// backslash and indentation is capped at three spaces, so no code block (a Rust doctest)
/// can start; trailing whitespace is trimmed. Leading and trailing blank lines are
/// dropped, so an empty or blank `s` gives no lines. Callers should put a space after the
/// comment marker (`// go:generate` is not a Go directive, `//go:generate` is).
pub fn doc_comment_lines(s: &str) -> Vec<String> {
    let lines = clean_lines(s).iter().map(|line| comment_line(line)).collect();
    trim_blank_lines(lines)
}

/// How one language writes characters inside a double-quoted literal.
pub(crate) struct Dialect {
    /// The short escape of a character, if the language has one and the character needs
    /// escaping.
    pub named: fn(char) -> Option<&'static str>,
    /// Appends the numeric escape of a character [`is_hidden`] flags.
    pub numeric: fn(char, &mut String),
    /// Whether `</` is written `<\/`, for literals inside an HTML `<script>` element.
    pub close_tag: bool,
}

/// JSON: `\b`, `\f` and UTF-16 `\uNNNN`.
pub(crate) const JSON: Dialect = Dialect { named: named_json, numeric: numeric_utf16, close_tag: false };

/// The replacement character for what text must not contain.
pub(crate) const REPLACEMENT: char = '\u{FFFD}';

/// Writes `s` as a double-quoted literal in `dialect`.
pub(crate) fn quote(s: &str, dialect: &Dialect) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut prev = '"';
    for c in s.chars() {
        if let Some(named) = (dialect.named)(c) {
            out.push_str(named);
        } else if is_hidden(c) {
            (dialect.numeric)(c, &mut out);
        } else if dialect.close_tag && prev == '<' && c == '/' {
            out.push_str("\\/");
        } else {
            out.push(c);
        }
        prev = c;
    }
    out.push('"');
    out
}

/// The escapes every dialect shares: backslash, double quote, LF, CR and tab.
pub(crate) fn named_common(c: char) -> Option<&'static str> {
    match c {
        '\\' => Some("\\\\"),
        '"' => Some("\\\""),
        '\n' => Some("\\n"),
        '\r' => Some("\\r"),
        '\t' => Some("\\t"),
        _ => None,
    }
}

/// The JSON escapes: the shared ones plus backspace and form feed.
pub(crate) fn named_json(c: char) -> Option<&'static str> {
    match c {
        '\u{8}' => Some("\\b"),
        '\u{c}' => Some("\\f"),
        _ => named_common(c),
    }
}

/// `\xNN` up to U+00FF, else `\uNNNN` or `\UNNNNNNNN` (Python, YAML).
pub(crate) fn numeric_sized(c: char, out: &mut String) {
    push_sized(out, c, 0x100);
}

/// `\xNN` below `x_limit`, else `\uNNNN` or `\UNNNNNNNN`, whichever fits.
pub(crate) fn push_sized(out: &mut String, c: char, x_limit: u32) {
    match u32::from(c) {
        code if code < x_limit => push_hex(out, "\\x", code, 2),
        code @ ..0x10000 => push_hex(out, "\\u", code, 4),
        code => push_hex(out, "\\U", code, 8),
    }
}

/// `\uNNNN` per UTF-16 code unit (JSON, JavaScript).
pub(crate) fn numeric_utf16(c: char, out: &mut String) {
    let mut units = [0; 2];
    for unit in c.encode_utf16(&mut units) {
        push_hex(out, "\\u", u32::from(*unit), 4);
    }
}

/// Appends `prefix` and `value` in lower case hex, zero-padded to `width` digits.
fn push_hex(out: &mut String, prefix: &str, value: u32, width: usize) {
    out.push_str(prefix);
    out.push_str(&format!("{value:0width$x}"));
}

/// Whether a literal must escape `c` because it is invisible, breaks lines somewhere or
/// is not printable in YAML.
pub(crate) fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{FFFE}'
                | '\u{FFFF}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// Whether `c` ends a line of text: LF, CR, NEL, U+2028 or U+2029.
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Whether text must not show `c`: controls but tab, bidirectional embeddings, overrides
/// and isolates, and the BOM.
pub(crate) fn is_unsafe_in_text(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// `s` split into lines (CRLF counts as one break), with every character text must not
/// show replaced by U+FFFD.
pub(crate) fn clean_lines(s: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if is_line_break(c) {
            if c == '\r' {
                chars.next_if_eq(&'\n');
            }
            lines.push(String::new());
        } else if let Some(line) = lines.last_mut() {
            line.push(if is_unsafe_in_text(c) { REPLACEMENT } else { c });
        }
    }
    lines
}

/// `lines` without leading and trailing blank lines.
pub(crate) fn trim_blank_lines(mut lines: Vec<String>) -> Vec<String> {
    while lines.last().is_some_and(|line| line.trim().is_empty()) {
        lines.pop();
    }
    let first = lines.iter().take_while(|line| line.trim().is_empty()).count();
    lines.drain(..first);
    lines
}

/// One clean line made safe inside any comment (see [`doc_comment_lines`]).
fn comment_line(line: &str) -> String {
    let rest = line.trim_start_matches([' ', '\t']);
    let indent = line[..line.len() - rest.len()].chars().map(|c| if c == '\t' { 4 } else { 1 }).sum::<usize>().min(3);
    let mut out = " ".repeat(indent);
    if rest.starts_with("```") || rest.starts_with("~~~") {
        out.push('\\');
    }
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if let Some(&next) = chars.peek()
            && matches!((c, next), ('*', '/') | ('/', '*'))
        {
            out.push(' ');
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// The round-trip suite of every dialect, which shares one hostile corpus and one
/// reference unescaper per language.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::go::syntax::string_literal as go_string;
    use crate::targets::markdown::{
        MARKDOWN_SPECIAL, code_span as markdown_code_span, inline as markdown_inline, table_cell as markdown_table_cell,
    };
    use crate::targets::python::syntax::{docstring as python_docstring, string_literal as python_string};
    use crate::targets::rust::syntax::string_literal as rust_string;
    use crate::targets::typescript::syntax::string_literal as typescript_string;
    use crate::targets::yaml::string_literal as yaml_string;

    /// Pieces of hostile strings.
    const HOSTILE: &[&str] = &[
        "'",
        "\"",
        "`",
        "\\",
        "\n",
        "\r",
        "\r\n",
        "\t",
        "*/",
        "/*",
        "/*/",
        "\"\"\"",
        "'''",
        "${",
        "{{",
        "}}",
        "{%",
        "%}",
        "</script>",
        "</SCRIPT >",
        "<!--",
        "<",
        "/",
        "\u{2028}",
        "\u{2029}",
        "\0",
        "\u{1}",
        "\u{8}",
        "\u{b}",
        "\u{c}",
        "\u{1b}",
        "\u{1f}",
        "\u{7f}",
        "\u{80}",
        "\u{85}",
        "\u{9f}",
        "\u{a0}",
        "\u{ad}",
        "\u{feff}",
        "\u{200b}",
        "\u{200e}",
        "\u{200f}",
        "\u{202a}",
        "\u{202e}",
        "\u{2066}",
        "\u{2069}",
        "\u{e0041}",
        "\u{fffe}",
        "\u{ffff}",
        "\u{10ffff}",
        "🦀",
        "👨‍👩‍👧",
        "é",
        "日本",
        "\\\"",
        "\\n",
        "\\u{41}",
        "\\x41",
        "\\0",
        "\\\\",
        "#",
        "|",
        "||",
        "&amp;",
        "[x](y)",
        "1. ",
        "2)",
        "- ",
        "> ",
        "```",
        "~~~",
        ">>> ",
        "    ",
        " ",
        "`` `",
        "*a*",
        "_b_",
        "$x$",
        "!",
        "%s",
        "{0}",
        "\\N{BULLET}",
        "a",
        "Z",
        "0",
        "7",
    ];

    /// A small deterministic linear congruential generator.
    struct Lcg(u64);

    impl Lcg {
        fn step(&mut self) -> u32 {
            self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) as u32
        }

        fn below(&mut self, n: u32) -> u32 {
            self.step() % n
        }

        fn char(&mut self) -> char {
            let code = match self.below(4) {
                0 => self.below(0x100),
                1 => 0x2000 + self.below(0x80),
                2 => self.below(0x10000),
                _ => self.below(0x11_0000),
            };
            char::from_u32(code).unwrap_or('\u{D7FF}')
        }

        fn string(&mut self) -> String {
            let mut s = String::new();
            for _ in 0..self.below(24) {
                if self.below(2) == 0 {
                    s.push_str(HOSTILE[self.below(HOSTILE.len() as u32) as usize]);
                } else {
                    s.push(self.char());
                }
            }
            s
        }
    }

    /// Every hostile piece alone, all of them together, a very long string, and a few
    /// thousand random ones.
    fn corpus() -> Vec<String> {
        let mut all: Vec<String> = HOSTILE.iter().map(|s| s.to_string()).collect();
        let joined = HOSTILE.concat();
        all.push(String::new());
        all.push(joined.clone());
        all.push(joined.repeat(500));
        all.push("\\".repeat(10_001));
        let mut rng = Lcg(0x5EED);
        all.extend((0..3000).map(|_| rng.string()));
        all
    }

    fn hex(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, digits: usize) -> u32 {
        let text: String = (0..digits).map(|_| chars.next().expect("hex digit")).collect();
        u32::from_str_radix(&text, 16).expect("hex digits")
    }

    fn scalar(code: u32) -> char {
        char::from_u32(code).expect("a Unicode scalar value")
    }

    /// The body of a `"..."` literal.
    fn body(lit: &str) -> &str {
        lit.strip_prefix('"').and_then(|rest| rest.strip_suffix('"')).expect("a double-quoted literal")
    }

    /// Rust string literal rules.
    fn unescape_rust(lit: &str) -> String {
        let mut out = String::new();
        let mut chars = body(lit).chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' => panic!("raw quote in {lit:?}"),
                '\r' => panic!("bare CR in {lit:?}"),
                '\\' => out.push(match chars.next() {
                    Some('n') => '\n',
                    Some('r') => '\r',
                    Some('t') => '\t',
                    Some('0') => '\0',
                    Some('\\') => '\\',
                    Some('"') => '"',
                    Some('\'') => '\'',
                    Some('x') => {
                        let code = hex(&mut chars, 2);
                        assert!(code < 0x80, "\\x above 7F in {lit:?}");
                        scalar(code)
                    }
                    Some('u') => {
                        assert_eq!(chars.next(), Some('{'));
                        let mut digits = String::new();
                        for d in chars.by_ref() {
                            if d == '}' {
                                break;
                            }
                            digits.push(d);
                        }
                        assert!((1..=6).contains(&digits.len()), "bad \\u in {lit:?}");
                        scalar(u32::from_str_radix(&digits, 16).expect("hex digits"))
                    }
                    other => panic!("unknown escape {other:?} in {lit:?}"),
                }),
                c => out.push(c),
            }
        }
        out
    }

    /// Python string literal rules for a `"..."` body, or a `"""..."""` body when
    /// `triple`.
    fn unescape_python(body: &str, triple: bool) -> String {
        let mut out = String::new();
        let mut chars = body.chars().peekable();
        let mut quotes = 0;
        while let Some(c) = chars.next() {
            if c == '"' {
                assert!(triple, "raw quote in {body:?}");
                quotes += 1;
                assert!(quotes < 3, "\"\"\" closes the string early in {body:?}");
                out.push(c);
                continue;
            }
            quotes = 0;
            match c {
                '\n' | '\r' if !triple => panic!("raw line break in {body:?}"),
                '\0' => panic!("NUL in source {body:?}"),
                '\\' => out.push(match chars.next() {
                    Some('\\') => '\\',
                    Some('\'') => '\'',
                    Some('"') => '"',
                    Some('a') => '\u{7}',
                    Some('b') => '\u{8}',
                    Some('f') => '\u{c}',
                    Some('n') => '\n',
                    Some('r') => '\r',
                    Some('t') => '\t',
                    Some('v') => '\u{b}',
                    Some('x') => scalar(hex(&mut chars, 2)),
                    Some('u') => scalar(hex(&mut chars, 4)),
                    Some('U') => scalar(hex(&mut chars, 8)),
                    other => panic!("unexpected escape {other:?} in {body:?}"),
                }),
                c => out.push(c),
            }
        }
        assert_eq!(quotes, 0, "a final quote merges with the closing ones: {body:?}");
        out
    }

    /// JavaScript string literal rules.
    fn unescape_typescript(lit: &str) -> String {
        let mut units: Vec<u16> = Vec::new();
        let mut chars = body(lit).chars().peekable();
        let mut buf = [0; 2];
        while let Some(c) = chars.next() {
            let c = match c {
                '"' => panic!("raw quote in {lit:?}"),
                '\n' | '\r' => panic!("raw line break in {lit:?}"),
                '\\' => match chars.next() {
                    Some('b') => '\u{8}',
                    Some('f') => '\u{c}',
                    Some('n') => '\n',
                    Some('r') => '\r',
                    Some('t') => '\t',
                    Some('v') => '\u{b}',
                    Some('0') => {
                        assert!(!chars.peek().is_some_and(char::is_ascii_digit));
                        '\0'
                    }
                    Some('x') => scalar(hex(&mut chars, 2)),
                    Some('u') => {
                        let unit = hex(&mut chars, 4);
                        units.push(u16::try_from(unit).expect("a UTF-16 unit"));
                        continue;
                    }
                    Some(d) if d.is_ascii_digit() => panic!("octal escape in {lit:?}"),
                    Some(other) if !is_line_break(other) => other,
                    other => panic!("unexpected escape {other:?} in {lit:?}"),
                },
                c => c,
            };
            units.extend_from_slice(c.encode_utf16(&mut buf));
        }
        String::from_utf16(&units).expect("no lone surrogate")
    }

    /// Go interpreted string literal rules.
    fn unescape_go(lit: &str) -> String {
        let mut bytes = Vec::new();
        let mut chars = body(lit).chars().peekable();
        let mut buf = [0; 4];
        while let Some(c) = chars.next() {
            let c = match c {
                '"' => panic!("raw quote in {lit:?}"),
                '\n' => panic!("raw newline in {lit:?}"),
                '\0' | '\u{feff}' => panic!("NUL or BOM in source {lit:?}"),
                '\\' => match chars.next() {
                    Some('a') => '\u{7}',
                    Some('b') => '\u{8}',
                    Some('f') => '\u{c}',
                    Some('n') => '\n',
                    Some('r') => '\r',
                    Some('t') => '\t',
                    Some('v') => '\u{b}',
                    Some('\\') => '\\',
                    Some('"') => '"',
                    Some('x') => {
                        let byte = hex(&mut chars, 2);
                        bytes.push(u8::try_from(byte).expect("a byte"));
                        continue;
                    }
                    Some('u') => scalar(hex(&mut chars, 4)),
                    Some('U') => scalar(hex(&mut chars, 8)),
                    other => panic!("unexpected escape {other:?} in {lit:?}"),
                },
                c => c,
            };
            bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        String::from_utf8(bytes).expect("valid UTF-8")
    }

    /// Undoes Markdown backslash escapes of ASCII punctuation.
    fn unescape_markdown(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match chars.peek() {
                Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                    out.push(next);
                    chars.next();
                }
                _ => out.push(c),
            }
        }
        out
    }

    /// Whether the character at byte `i` of `text` follows an odd run of backslashes.
    fn is_escaped_at(text: &str, i: usize) -> bool {
        text[..i].chars().rev().take_while(|&c| c == '\\').count() % 2 == 1
    }

    /// What text shows of `s`: line breaks as spaces, unsafe characters replaced.
    fn shown(s: &str) -> String {
        s.replace("\r\n", "\n")
            .chars()
            .map(|c| match c {
                c if is_line_break(c) => ' ',
                c if is_unsafe_in_text(c) => REPLACEMENT,
                c => c,
            })
            .collect()
    }

    fn assert_no_raw_hidden(lit: &str) {
        assert!(!lit.chars().any(is_hidden), "raw invisible character in {lit:?}");
        for bad in ['\n', '\r', '\0', '\u{2028}', '\u{2029}'] {
            assert!(!lit.contains(bad), "raw {bad:?} in {lit:?}");
        }
    }

    #[test]
    fn rust_string_round_trips() {
        for s in corpus() {
            let lit = rust_string(&s);
            assert_no_raw_hidden(&lit);
            assert_eq!(unescape_rust(&lit), s);
        }
    }

    #[test]
    fn python_string_round_trips() {
        for s in corpus() {
            let lit = python_string(&s);
            assert_no_raw_hidden(&lit);
            assert_eq!(unescape_python(body(&lit), false), s);
        }
    }

    #[test]
    fn typescript_string_round_trips() {
        for s in corpus() {
            let lit = typescript_string(&s);
            assert_no_raw_hidden(&lit);
            assert!(!lit.contains("</"), "{lit:?}");
            assert_eq!(unescape_typescript(&lit), s);
        }
    }

    #[test]
    fn go_string_round_trips() {
        for s in corpus() {
            let lit = go_string(&s);
            assert_no_raw_hidden(&lit);
            assert_eq!(unescape_go(&lit), s);
        }
    }

    #[test]
    fn json_string_round_trips() {
        for s in corpus() {
            let lit = json_string(&s);
            assert_no_raw_hidden(&lit);
            let back: String = serde_json::from_str(&lit).expect("valid JSON");
            assert_eq!(back, s);
            // A JSON literal is also a JavaScript literal.
            assert_eq!(unescape_typescript(&lit), s);
        }
    }

    #[test]
    fn yaml_string_round_trips() {
        for s in corpus() {
            let lit = yaml_string(&s);
            assert_no_raw_hidden(&lit);
            let back: String = serde_saphyr::from_str(&lit).expect("valid YAML");
            assert_eq!(back, s, "{lit:?}");
            let doc = format!("key: {lit}\nnext: 1\n");
            let map: std::collections::BTreeMap<String, serde_json::Value> =
                serde_saphyr::from_str(&doc).expect("valid YAML mapping");
            assert_eq!(map.get("key"), Some(&serde_json::Value::String(s)));
        }
    }

    #[test]
    fn literal_examples() {
        let s = "a\"b\\c\nd\0e\u{2028}f🦀";
        assert_eq!(rust_string(s), r#""a\"b\\c\nd\0e\u{2028}f🦀""#);
        assert_eq!(python_string(s), r#""a\"b\\c\nd\x00e\u2028f🦀""#);
        assert_eq!(typescript_string(s), r#""a\"b\\c\nd\u0000e\u2028f🦀""#);
        assert_eq!(go_string(s), r#""a\"b\\c\nd\x00e\u2028f🦀""#);
        assert_eq!(json_string(s), r#""a\"b\\c\nd\u0000e\u2028f🦀""#);
        assert_eq!(yaml_string(s), r#""a\"b\\c\nd\0e\Lf🦀""#);
        assert_eq!(typescript_string("</script>"), r#""<\/script>""#);
        assert_eq!(json_string("</script>"), r#""</script>""#);
        assert_eq!(go_string("\u{7}\u{85}\u{202e}"), r#""\a\u0085\u202e""#);
        assert_eq!(typescript_string("\u{e0041}"), r#""\udb40\udc41""#);
        assert_eq!(python_string("\u{e0041}"), r#""\U000e0041""#);
        assert_eq!(rust_string("${x} {{y}} `z` '"), r#""${x} {{y}} `z` '""#);
    }

    #[test]
    fn markdown_inline_shows_the_text() {
        for s in corpus() {
            let md = markdown_inline(&s);
            assert!(!md.chars().any(is_line_break), "{md:?}");
            assert!(!md.chars().any(|c| c.is_control()), "{md:?}");
            assert!(!md.starts_with(' ') && !md.ends_with(' '), "{md:?}");
            for (i, c) in md.char_indices() {
                if c != '\\' && MARKDOWN_SPECIAL.contains(c) {
                    assert!(is_escaped_at(&md, i), "unescaped {c:?} in {md:?}");
                }
            }
            let expected = shown(&s).replace('\t', " ");
            assert_eq!(unescape_markdown(&md), expected.trim_matches(' '));
        }
    }

    #[test]
    fn markdown_inline_examples() {
        assert_eq!(markdown_inline("1. first"), "1\\. first");
        assert_eq!(markdown_inline("12) x"), "12\\) x");
        assert_eq!(markdown_inline("v1.2"), "v1.2");
        assert_eq!(markdown_inline("<script>"), "\\<script\\>");
        assert_eq!(markdown_inline("a | b"), "a \\| b");
        assert_eq!(markdown_inline("**bold** _it_"), "\\*\\*bold\\*\\* \\_it\\_");
        assert_eq!(markdown_inline("line\r\nnext"), "line next");
        assert_eq!(markdown_inline("    code"), "code");
        assert_eq!(markdown_inline("a\0b"), "a\u{FFFD}b");
        assert_eq!(markdown_inline("&amp; $x$"), "\\&amp; \\$x\\$");
        assert_eq!(markdown_inline("Plain text, fine."), "Plain text, fine.");
    }

    #[test]
    fn markdown_table_cells_keep_columns() {
        for s in corpus() {
            let cell = markdown_table_cell(&s);
            assert!(!cell.chars().any(is_line_break));
            for (i, c) in cell.char_indices() {
                if c == '|' {
                    assert!(is_escaped_at(&cell, i), "unescaped pipe in {cell:?}");
                }
            }
        }
        assert_eq!(markdown_table_cell("a|b"), "a\\|b");
        assert_eq!(markdown_table_cell(""), "");
    }

    #[test]
    fn markdown_code_span_shows_the_text() {
        for s in corpus() {
            let span = markdown_code_span(&s);
            assert!(!span.chars().any(is_line_break), "{span:?}");
            assert!(!span.contains('\0'));
            let n = span.len() - span.trim_start_matches('`').len();
            let fence = "`".repeat(n);
            let inner = span.strip_prefix(&fence).and_then(|rest| rest.strip_suffix(&fence)).expect("fenced");
            assert!(!inner.starts_with('`') && !inner.ends_with('`'), "{span:?}");
            assert!(!inner.split(|c| c != '`').any(|run| run.len() == n), "a backtick run closes {span:?}");
            let all_spaces = inner.chars().all(|c| c == ' ');
            let content = match inner.strip_prefix(' ').and_then(|i| i.strip_suffix(' ')) {
                Some(stripped) if !all_spaces => stripped,
                _ => inner,
            };
            let expected = if s.is_empty() { " ".into() } else { shown(&s) };
            assert_eq!(content, expected, "{span:?}");
        }
    }

    #[test]
    fn markdown_code_span_examples() {
        assert_eq!(markdown_code_span("MISSING_API_KEY"), "`MISSING_API_KEY`");
        assert_eq!(markdown_code_span("a`b"), "``a`b``");
        assert_eq!(markdown_code_span("`x`"), "`` `x` ``");
        assert_eq!(markdown_code_span(" x "), "`  x  `");
        assert_eq!(markdown_code_span("a\nb"), "`a b`");
        assert_eq!(markdown_code_span(""), "` `");
        assert_eq!(markdown_code_span("  "), "`  `");
    }

    fn assert_safe_comment_line(line: &str) {
        assert!(!line.chars().any(is_line_break), "{line:?}");
        assert!(!line.chars().any(is_unsafe_in_text), "{line:?}");
        assert!(!line.contains("*/") && !line.contains("/*"), "{line:?}");
        assert_eq!(line.trim_end(), line, "trailing whitespace");
        let rest = line.trim_start_matches([' ', '\t']);
        assert!(line.len() - rest.len() <= 3, "indented code in {line:?}");
        assert!(!rest.starts_with("```") && !rest.starts_with("~~~"), "{line:?}");
    }

    #[test]
    fn doc_comment_lines_are_safe() {
        for s in corpus() {
            let lines = doc_comment_lines(&s);
            for line in &lines {
                assert_safe_comment_line(line);
            }
            assert!(!lines.first().is_some_and(|line| line.is_empty()));
            assert!(!lines.last().is_some_and(|line| line.is_empty()));
        }
    }

    #[test]
    fn doc_comment_lines_examples() {
        assert_eq!(doc_comment_lines("a */ b /* c /*/"), ["a * / b / * c / * /"]);
        assert_eq!(
            doc_comment_lines("one\r\ntwo\rthree\u{2028}four  \n\nfive\n"),
            ["one", "two", "three", "four", "", "five"]
        );
        assert_eq!(doc_comment_lines("\u{202e}evil\0"), ["\u{FFFD}evil\u{FFFD}"]);
        assert_eq!(doc_comment_lines("```rust\n    std::process::exit(1)"), ["\\```rust", "   std::process::exit(1)"]);
        assert_eq!(doc_comment_lines("- list\n  - nested"), ["- list", "  - nested"]);
        assert!(doc_comment_lines("").is_empty());
        assert!(doc_comment_lines(" \n\t\n").is_empty());
    }

    #[test]
    fn python_docstring_round_trips() {
        for s in corpus() {
            let doc = python_docstring(&s);
            assert!(!doc.chars().any(|c| is_unsafe_in_text(c) && c != '\n'), "{doc:?}");
            let value = unescape_python(&doc, true);
            for line in value.lines() {
                assert!(!line.trim_start().starts_with(">>>"), "doctest in {doc:?}");
            }
            let text = s.replace("\r\n", "\n").replace(is_line_break, "\n");
            let mut lines: Vec<String> = text
                .split('\n')
                .map(|line| {
                    let line = shown(line);
                    let line = line.trim_end();
                    let rest = line.trim_start();
                    let prompt = if rest.starts_with(">>>") { "\\" } else { "" };
                    format!("{}{prompt}{rest}", &line[..line.len() - rest.len()])
                })
                .collect();
            while lines.last().is_some_and(|line| line.is_empty()) {
                lines.pop();
            }
            let blank = lines.iter().take_while(|line| line.is_empty()).count();
            assert_eq!(value, lines[blank..].join("\n"));
        }
    }

    #[test]
    fn python_docstring_examples() {
        assert_eq!(python_docstring("plain text"), "plain text");
        assert_eq!(python_docstring(r"a\b"), r"a\\b");
        assert_eq!(python_docstring(r#"say """hi""""#), r#"say ""\"hi""\""#);
        assert_eq!(python_docstring("4 \"\"\"\""), r#"4 ""\"\""#);
        assert_eq!(python_docstring("ends with \""), r#"ends with \""#);
        assert_eq!(python_docstring(">>> import os\n  >>> x"), "\\\\>>> import os\n  \\\\>>> x");
        assert_eq!(python_docstring("a\r\nb\0"), "a\nb\u{FFFD}");
        assert_eq!(unescape_python(&python_docstring(r#"q"""q\"#), true), r#"q"""q\"#);
    }
}
