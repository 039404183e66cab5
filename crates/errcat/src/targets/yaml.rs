//! YAML, as the OpenAPI fragment and catalogs written by errcat's tools spell strings.

use super::text::{Dialect, named_common, numeric_sized, quote};

/// A YAML 1.2 double-quoted scalar that any YAML parser reads back as exactly `s`.
///
/// Escapes `\\`, `\"` and every non-printable or invisible character: C0 controls, DEL,
/// C1 controls (U+0085 as `\N`), U+2028 and U+2029 (as `\L` and `\P`), the BOM and
/// bidirectional controls.
pub fn string_literal(s: &str) -> String {
    quote(s, &YAML)
}

/// YAML 1.2 double-quoted: its named escapes, `\xNN`, `\uNNNN`, `\UNNNNNNNN`.
const YAML: Dialect = Dialect {
    named: |c| match c {
        '\0' => Some("\\0"),
        '\u{7}' => Some("\\a"),
        '\u{8}' => Some("\\b"),
        '\u{b}' => Some("\\v"),
        '\u{c}' => Some("\\f"),
        '\u{1b}' => Some("\\e"),
        '\u{85}' => Some("\\N"),
        '\u{2028}' => Some("\\L"),
        '\u{2029}' => Some("\\P"),
        _ => named_common(c),
    },
    numeric: numeric_sized,
    close_tag: false,
};

/// `value` as a one-line YAML flow node that YAML 1.2 and 1.1 parsers read back as `value`.
///
/// Strings and keys are double-quoted by [`string_literal`] (so `NO`, `1e3` or `null`
/// stay strings); floats always have a fraction and a signed exponent (`1.0e+300`), which
/// YAML 1.1 needs to read them as numbers. The output is also JSON when no string needs a
/// YAML-only escape.
pub fn flow(value: &serde_json::Value) -> String {
    use serde_json::Value as Json;
    match value {
        Json::Null => "null".to_owned(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) if n.is_f64() => {
            let text = n.to_string();
            let (mantissa, exponent) = text.split_once(['e', 'E']).map_or((text.as_str(), None), |(m, e)| (m, Some(e)));
            let mut out = mantissa.to_owned();
            if !mantissa.contains('.') {
                out.push_str(".0");
            }
            if let Some(exponent) = exponent {
                out.push('e');
                if !exponent.starts_with(['+', '-']) {
                    out.push('+');
                }
                out.push_str(exponent);
            }
            out
        }
        Json::Number(n) => n.to_string(),
        Json::String(s) => string_literal(s),
        Json::Array(items) => format!("[{}]", items.iter().map(flow).collect::<Vec<_>>().join(", ")),
        Json::Object(map) => {
            // An implicit key is at most 1024 characters long; a longer one is explicit (`? `).
            let key = |k: &str| match string_literal(k) {
                quoted if quoted.chars().count() > 1000 => format!("? {quoted}"),
                quoted => quoted,
            };
            let entries: Vec<String> = map.iter().map(|(k, v)| format!("{}: {}", key(k), flow(v))).collect();
            format!("{{{}}}", entries.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_flow_round_trips() {
        let value = serde_json::json!({
            "NO": ["yes", "null", "1e3", "~", "", "- x", "a: b", "#c", "*ref", "&a", "!tag", "%x", "@", "`"],
            "quote\"back\\slash": "line\nbreak\u{85}\u{2028}\u{0}\u{7f}\u{9f}\u{feff}\u{202e}🦀",
            "nested": {"empty": {}, "list": [], "n": null, "t": true, "i": -3, "u": 18446744073709551615u64},
            "floats": [5.0, 3.5, 1e300, 1.5e-7, -0.0],
        });
        let text = flow(&value);
        assert!(!text.contains('\n'), "{text}");
        let back: serde_json::Value = serde_saphyr::from_str(&text).expect("valid YAML");
        assert_eq!(back, value);
        let doc = format!("key: {text}\nnext: 1\n");
        let map: std::collections::BTreeMap<String, serde_json::Value> =
            serde_saphyr::from_str(&doc).expect("valid YAML mapping");
        assert_eq!(map.get("key"), Some(&value));
    }

    #[test]
    fn yaml_flow_floats_read_as_floats_in_yaml_1_1() {
        let floats = serde_json::json!([5.0, 1e300, 1.5e-7, 2.5]);
        assert_eq!(flow(&floats), "[5.0, 1.0e+300, 1.5e-7, 2.5]");
        assert_eq!(flow(&serde_json::json!({"a": [1, "b"]})), r#"{"a": [1, "b"]}"#);
    }
}
