/// `template` with each `{name}` replaced by `value(name)` as the catalog writes values
/// into messages (text as it is, numbers and booleans as JSON writes them, lists joined
/// with `, `, nothing for a field without a value) and `{{`, `}}` by `{`, `}`.
pub fn fill<'a>(template: &str, value: impl Fn(&str) -> Option<&'a Value>) -> String {
    let mut message = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        message.push_str(&rest[..at]);
        let brace = &rest[at..=at];
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix(brace) {
            message.push_str(brace);
            rest = after;
        } else if brace == "{" {
            let end = rest.find('}').unwrap_or(rest.len());
            if let Some(value) = value(&rest[..end]) {
                show(value, &mut message);
            }
            rest = rest.get(end + 1..).unwrap_or_default();
        } else {
            message.push_str(brace);
        }
    }
    message.push_str(rest);
    message
}

/// Appends `value` as a message shows it.
fn show(value: &Value, message: &mut String) {
    match value {
        Value::String(text) => message.push_str(text),
        Value::Array(items) => {
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    message.push_str(", ");
                }
                show(item, message);
            }
        }
        other => message.push_str(&other.to_string()),
    }
}
