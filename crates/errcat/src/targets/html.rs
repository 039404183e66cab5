//! HTML spelling for the site target: text and attribute values, link targets, and JSON
//! that sits inside a `<script type="application/json">` data block.
//!
//! Catalog text is shown exactly as written wherever HTML can hold it: only the five
//! characters that mean markup (`&`, `<`, `>`, `"`, `'`) become references, and a carriage
//! return becomes `&#13;` (the parser would turn a raw one into a line feed). NUL is the one
//! character no HTML document can carry (the parser replaces it, raw or as `&#0;`, with
//! U+FFFD), so it is written as U+FFFD here, which is what a browser would show anyway and
//! keeps the output deterministic. Other control and invisible characters stay raw: as
//! numeric references, U+0080..U+009F would be read as Windows-1252.

/// `s` as HTML text or a quoted attribute value (one escaping serves both).
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => out.push_str("&#13;"),
            '\0' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Catalog prose as HTML: each pair of backticks becomes a `<code>` element and everything
/// else is [`text`], so the prose keeps its `code` formatting and nothing else in it is
/// markup. With an odd number of backticks, or an empty pair, the whole text is plain.
pub fn prose(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) || parts.iter().skip(1).step_by(2).any(|code| code.trim().is_empty()) {
        return text(s);
    }
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(&text(part));
            out.push_str("</code>");
        } else {
            out.push_str(&text(part));
        }
    }
    out
}

/// `url` as the value of an `href`, or `None` when it is not an `http:`, `https:` or
/// `mailto:` URL (a `javascript:` or `data:` URL must never become a link). The validator
/// already makes every catalog URL absolute http(s); this keeps the site safe for a catalog
/// built by hand too.
pub fn href(url: &str) -> Option<String> {
    let lower = url.trim_start().to_ascii_lowercase();
    let allowed = ["http://", "https://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme));
    let clean = !url.chars().any(|c| c.is_control() || c.is_whitespace());
    (allowed && clean).then(|| text(url))
}

/// A JSON document made safe to sit between `<script type="application/json">` and
/// `</script>`: `<`, `>` and `&` become `\u003c`, `\u003e` and `\u0026` (so neither
/// `</script>` nor `<!--` can occur), and U+2028, U+2029 (line ends to older JavaScript),
/// the BOM and bidirectional controls become `\u` escapes too. Every one of these
/// characters can only occur inside a JSON string, where the escape means the same
/// character, so `JSON.parse` of the element's text gives back the document.
pub fn script_json(json: &str) -> String {
    let json = super::text::json_hidden_escaped(json);
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_markup_and_keeps_everything_else() {
        assert_eq!(text("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assert_eq!(text("a \"b\" & c --> d"), "a &quot;b&quot; &amp; c --&gt; d");
        assert_eq!(text("&amp;"), "&amp;amp;");
        assert_eq!(text("line\r\nnext"), "line&#13;\nnext");
        assert_eq!(text("nul\0here"), "nul\u{fffd}here");
        // Shown as they are: the parser keeps these raw (as references, U+0085 would be …).
        let raw = "\u{85}\u{2028}\u{202e}\u{feff}\u{200b}🦀e\u{301}\t{{ x }}`${x}`";
        assert_eq!(text(raw), raw);
    }

    #[test]
    fn prose_makes_code_of_backtick_pairs_only() {
        assert_eq!(
            prose("Send `Authorization: Token <key>` | always"),
            "Send <code>Authorization: Token &lt;key&gt;</code> | always"
        );
        assert_eq!(prose("one ` tick <b>"), "one ` tick &lt;b&gt;");
        assert_eq!(prose("empty `` pair"), "empty `` pair");
        assert_eq!(prose("`<script>`"), "<code>&lt;script&gt;</code>");
    }

    #[test]
    fn href_allows_web_and_mail_links_only() {
        assert_eq!(
            href("https://docs.acme.test/limits_(v2)?a=1&b=<2>").as_deref(),
            Some("https://docs.acme.test/limits_(v2)?a=1&amp;b=&lt;2&gt;")
        );
        assert_eq!(href("mailto:help@acme.test").as_deref(), Some("mailto:help@acme.test"));
        assert_eq!(href("HTTP://A.TEST/").as_deref(), Some("HTTP://A.TEST/"));
        for bad in
            ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "https://a.test/\nx", "/relative"]
        {
            assert_eq!(href(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn script_json_cannot_end_the_script_and_parses_back() {
        let value = serde_json::json!({
            "t": "</script><script>alert(1)</script><!-- \u{2028}\u{2029} & \u{202e} \u{feff}",
        });
        let json = serde_json::to_string(&value).expect("serializes");
        let safe = script_json(&json);
        for bad in ['<', '>', '&', '\u{2028}', '\u{2029}', '\u{202e}', '\u{feff}'] {
            assert!(!safe.contains(bad), "{bad:?} in {safe}");
        }
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back, value);
    }
}
