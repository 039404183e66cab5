//! Java's lexical rules as generated code meets them: reserved words, identifiers, string
//! literals and Javadoc text.
//!
//! One rule of Java shapes everything here: javac translates every `\uXXXX` escape of the
//! source (`\uuu0022` too) **before** it lexes it, in string literals and comments alike.
//! `\u0022` in a literal is a closing quote, `\u000a` in a `//` comment ends it, `\u002a/`
//! in a Javadoc comment closes it. A backslash preceded by an odd number of backslashes
//! cannot start such an escape, so literals double every backslash of the text, and
//! Javadoc writes backslashes as the HTML entity `&#92;`.

use crate::targets::text::{Dialect, clean_lines, quote, trim_blank_lines};
use crate::targets::words::sanitize;

/// A Java string literal `"..."` that evaluates to `s`, on any Java 17 compiler.
///
/// Uses `\\`, `\"`, `\n`, `\r`, `\t`, `\b`, `\f`, a three-digit octal escape (`\000`) for
/// other invisible characters below U+0100 and `\uNNNN` (a surrogate pair outside the BMP)
/// above. Since every backslash of `s` is doubled, no text of `s` can form a Unicode
/// escape; the `\uNNNN` escapes this function writes stand for characters that are
/// neither line terminators nor quotes nor backslashes, so javac's early translation of
/// them cannot break the literal.
pub fn string_literal(s: &str) -> String {
    quote(s, &DIALECT)
}

const DIALECT: Dialect = Dialect { named, numeric, close_tag: false };

/// Java's short escapes.
fn named(c: char) -> Option<&'static str> {
    match c {
        '\\' => Some("\\\\"),
        '"' => Some("\\\""),
        '\n' => Some("\\n"),
        '\r' => Some("\\r"),
        '\t' => Some("\\t"),
        '\u{8}' => Some("\\b"),
        '\u{c}' => Some("\\f"),
        _ => None,
    }
}

/// `\ooo` below U+0100 (an octal escape is lexed, not translated early, so it is safe even
/// for line terminators), else `\uNNNN` per UTF-16 code unit.
fn numeric(c: char, out: &mut String) {
    let code = u32::from(c);
    if code < 0x100 {
        out.push_str(&format!("\\{code:03o}"));
    } else {
        let mut units = [0; 2];
        for unit in c.encode_utf16(&mut units) {
            out.push_str(&format!("\\u{unit:04x}"));
        }
    }
}

/// `s` as lines of Javadoc text, each to put after ` * ` in a `/** … */` comment.
///
/// Lines break as in [`doc_comment_lines`](crate::targets::text::doc_comment_lines), and
/// characters text must not show become U+FFFD. Javadoc is HTML, so `&`, `<` and `>` are
/// written as entities and the text shows exactly as written (`<script>` is text, not a
/// tag). Besides, `\` becomes `&#92;` (no Unicode escape can form), `@` becomes `&#64;`
/// (no block tag such as `@param`, no inline tag such as `{@code`), the `/` of `*/`
/// becomes `&#47;` (the comment cannot end) and a `*` that starts a line becomes `&#42;`
/// (Javadoc would drop it as comment decoration). Trailing whitespace is trimmed; leading
/// and trailing blank lines are dropped, so an empty or blank `s` gives no lines.
pub fn javadoc_lines(s: &str) -> Vec<String> {
    let lines = clean_lines(s).iter().map(|line| javadoc_line(line.trim_end())).collect();
    trim_blank_lines(lines)
}

/// `s` as one line of Javadoc text: [`javadoc_lines`] joined with spaces. For `@param`
/// descriptions and short phrases.
pub fn javadoc_inline(s: &str) -> String {
    javadoc_lines(s).iter().map(|line| line.trim()).filter(|line| !line.is_empty()).collect::<Vec<_>>().join(" ")
}

/// One clean line as Javadoc text (see [`javadoc_lines`]).
fn javadoc_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut prev = None;
    let mut at_start = true;
    for c in line.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' => out.push_str("&#92;"),
            '@' => out.push_str("&#64;"),
            '/' if prev == Some('*') => out.push_str("&#47;"),
            '*' if at_start => out.push_str("&#42;"),
            c => out.push(c),
        }
        if !matches!(c, ' ' | '\t') {
            at_start = false;
        }
        prev = Some(c);
    }
    out
}

/// Java keywords (JLS 17 §3.9), the literals, the contextual keywords that restrict what
/// a name may be (`record`, `sealed`, `permits`, `var`, `yield`, …), and the `java.lang`
/// and `java.util` types generated code names, which a generated class must not shadow.
#[rustfmt::skip]
pub const RESERVED: &[&str] = &[
    // Keywords.
    "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class",
    "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
    "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
    "interface", "long", "native", "new", "package", "private", "protected", "public",
    "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
    "throw", "throws", "transient", "try", "void", "volatile", "while", "_",
    // Literals.
    "true", "false", "null",
    // Contextual keywords.
    "exports", "module", "open", "opens", "permits", "provides", "record", "requires",
    "sealed", "to", "transitive", "uses", "var", "when", "with", "yield",
    // java.lang types generated code uses or users meet next to it.
    "Object", "String", "Class", "Enum", "Record", "Override", "Deprecated",
    "SuppressWarnings", "FunctionalInterface", "SafeVarargs", "Integer", "Long", "Double",
    "Boolean", "Character", "Number", "Math", "StrictMath", "System", "Thread", "Throwable",
    "Exception", "RuntimeException", "Error", "InterruptedException",
    "IllegalArgumentException", "IllegalStateException", "NullPointerException",
    "ArithmeticException", "NumberFormatException", "IndexOutOfBoundsException",
    "UnsupportedOperationException", "ClassCastException", "SecurityException",
    "CloneNotSupportedException", "ReflectiveOperationException", "StringBuilder",
    "CharSequence", "Iterable", "Comparable", "Runnable", "AutoCloseable", "Void",
    // java.util, java.time and java.net.http types generated code imports.
    "Optional", "OptionalLong", "OptionalDouble", "List", "Map", "Objects", "Duration",
    "Instant", "HttpResponse", "HttpHeaders",
];

/// Names a record component cannot have: the methods every record inherits from `Object`
/// without parameters (JLS 17 §8.10.1).
pub const RECORD_COMPONENT_FORBIDDEN: &[&str] =
    &["clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait"];

/// Makes `ident` a usable identifier: [`sanitize`]d, with `_` appended to a reserved word.
pub fn escape_ident(ident: &str) -> String {
    let mut out = sanitize(ident);
    if RESERVED.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Java string literal rules, in javac's order: Unicode escapes first (only where the
    /// backslash follows an even number of backslashes), then the literal's own escapes.
    fn unescape_java(lit: &str) -> String {
        let translated = translate_unicode_escapes(lit);
        let body = translated.strip_prefix('"').and_then(|rest| rest.strip_suffix('"')).expect("a literal");
        let mut units: Vec<u16> = Vec::new();
        let mut chars = body.chars().peekable();
        let mut buf = [0; 2];
        while let Some(c) = chars.next() {
            let c = match c {
                '"' => panic!("raw quote in {lit:?}"),
                '\n' | '\r' => panic!("raw line terminator in {lit:?}"),
                '\\' => match chars.next() {
                    Some('b') => '\u{8}',
                    Some('t') => '\t',
                    Some('n') => '\n',
                    Some('f') => '\u{c}',
                    Some('r') => '\r',
                    Some('s') => ' ',
                    Some('"') => '"',
                    Some('\'') => '\'',
                    Some('\\') => '\\',
                    Some(d @ '0'..='7') => {
                        let mut value = d.to_digit(8).expect("octal");
                        let max = if d <= '3' { 2 } else { 1 };
                        for _ in 0..max {
                            match chars.peek().and_then(|c| c.to_digit(8)) {
                                Some(next) => {
                                    value = value * 8 + next;
                                    chars.next();
                                }
                                None => break,
                            }
                        }
                        char::from_u32(value).expect("a char")
                    }
                    other => panic!("unknown escape {other:?} in {lit:?}"),
                },
                c => c,
            };
            units.extend_from_slice(c.encode_utf16(&mut buf));
        }
        String::from_utf16(&units).expect("no lone surrogate")
    }

    /// javac's first step (JLS 17 §3.3): `\u+XXXX` becomes the UTF-16 unit it names, where
    /// the backslash is preceded by an even number of backslashes. Surrogate pairs made of
    /// two escapes are joined back.
    fn translate_unicode_escapes(source: &str) -> String {
        let chars: Vec<char> = source.chars().collect();
        let mut units: Vec<u16> = Vec::new();
        let mut buf = [0; 2];
        let mut i = 0;
        let mut backslashes = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '\\' && backslashes % 2 == 0 && chars.get(i + 1) == Some(&'u') {
                let mut j = i + 1;
                while chars.get(j) == Some(&'u') {
                    j += 1;
                }
                let hex: String = chars[j..j + 4].iter().collect();
                units.push(u16::from_str_radix(&hex, 16).expect("four hex digits"));
                i = j + 4;
                backslashes = 0;
                continue;
            }
            backslashes = if c == '\\' { backslashes + 1 } else { 0 };
            units.extend_from_slice(c.encode_utf16(&mut buf));
            i += 1;
        }
        String::from_utf16(&units).expect("no lone surrogate")
    }

    /// Undoes the entities [`javadoc_lines`] writes.
    fn unescape_html(text: &str) -> String {
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#92;", "\\")
            .replace("&#64;", "@")
            .replace("&#47;", "/")
            .replace("&#42;", "*")
            .replace("&amp;", "&")
    }

    const HOSTILE: &[&str] = &[
        "\\u000a",
        "\\u0022",
        "\\uuu002a/",
        "\\\\u0022",
        "\\",
        "\\\\\\",
        "\"",
        "*/",
        "/*",
        "@param x",
        "{@code x}",
        "{@link Object}",
        "<script>alert(1)</script>",
        "&amp;",
        "& <b> >",
        "* bullet",
        "  ** two",
        "\n",
        "\r\n",
        "\u{2028}",
        "\0",
        "\u{1}",
        "\u{7f}",
        "\u{85}",
        "\u{feff}",
        "\u{202e}",
        "\u{e0041}",
        "🦀",
        "é",
        "'",
        "\t",
        "\u{8}",
        "\u{c}",
        "0",
        "7",
        "plain",
    ];

    fn corpus() -> Vec<String> {
        let mut all: Vec<String> = HOSTILE.iter().map(|s| (*s).to_owned()).collect();
        for a in HOSTILE {
            for b in HOSTILE {
                all.push(format!("{a}{b}"));
            }
        }
        all.push(HOSTILE.concat());
        all.push(String::new());
        all
    }

    #[test]
    fn string_literal_round_trips_through_javac_rules() {
        for s in corpus() {
            let lit = string_literal(&s);
            assert!(!lit.contains('\n') && !lit.contains('\r'), "{lit:?}");
            assert!(!lit.chars().any(crate::targets::text::is_hidden), "{lit:?}");
            assert_eq!(unescape_java(&lit), s, "{lit:?}");
        }
    }

    #[test]
    fn string_literal_examples() {
        assert_eq!(string_literal("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
        assert_eq!(string_literal("\\u0022"), r#""\\u0022""#);
        assert_eq!(string_literal("\0"), r#""\000""#);
        assert_eq!(string_literal("\u{0}7"), r#""\0007""#);
        assert_eq!(string_literal("\u{85}\u{2028}"), r#""\205\u2028""#);
        assert_eq!(string_literal("\u{e0041}"), r#""\udb40\udc41""#);
        assert_eq!(string_literal("🦀 é"), "\"🦀 é\"");
    }

    fn assert_safe_javadoc(line: &str) {
        // After javac's Unicode translation the line is the same: nothing to translate.
        assert!(!line.contains('\\'), "{line:?}");
        assert!(!line.contains("*/"), "{line:?}");
        assert!(!line.contains('@'), "{line:?}");
        assert!(!line.contains('<') && !line.contains('>'), "{line:?}");
        assert!(!line.trim_start().starts_with('*'), "{line:?}");
        assert!(!line.chars().any(crate::targets::text::is_line_break), "{line:?}");
        assert!(!line.chars().any(crate::targets::text::is_unsafe_in_text), "{line:?}");
        for (at, _) in line.match_indices('&') {
            let entity = &line[at..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&#92;", "&#64;", "&#47;", "&#42;"].iter().any(|e| entity.starts_with(e)),
                "{line:?}"
            );
        }
        assert_eq!(line.trim_end(), line);
    }

    #[test]
    fn javadoc_lines_are_safe_and_read_back() {
        for s in corpus() {
            let lines = javadoc_lines(&s);
            for line in &lines {
                assert_safe_javadoc(line);
            }
            let expected: Vec<String> = {
                let lines: Vec<String> = clean_lines(&s).iter().map(|line| line.trim_end().to_owned()).collect();
                trim_blank_lines(lines)
            };
            let back: Vec<String> = lines.iter().map(|line| unescape_html(line)).collect();
            assert_eq!(back, expected, "{s:?}");
            assert_safe_javadoc(&javadoc_inline(&s));
        }
    }

    #[test]
    fn javadoc_examples() {
        assert_eq!(javadoc_lines("a */ b"), ["a *&#47; b"]);
        assert_eq!(javadoc_lines("@param x\n* item"), ["&#64;param x", "&#42; item"]);
        assert_eq!(javadoc_lines("{@code x} <b>&"), ["{&#64;code x} &lt;b&gt;&amp;"]);
        assert_eq!(javadoc_lines("\\u000a"), ["&#92;u000a"]);
        assert_eq!(javadoc_lines("a\r\nb\u{2028}c"), ["a", "b", "c"]);
        assert_eq!(javadoc_inline("one\n\ntwo  "), "one two");
        assert!(javadoc_lines(" \n ").is_empty());
    }

    #[test]
    fn escape_ident_examples() {
        assert_eq!(escape_ident("class"), "class_");
        assert_eq!(escape_ident("record"), "record_");
        assert_eq!(escape_ident("_"), "__");
        assert_eq!(escape_ident("1st"), "_1st");
        assert_eq!(escape_ident("String"), "String_");
        assert_eq!(escape_ident("RuntimeException"), "RuntimeException_");
        assert_eq!(escape_ident("quotaLimit"), "quotaLimit");
    }
}
