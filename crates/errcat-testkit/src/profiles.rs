//! Test catalogs in another wire profile, or with other member names: the same catalog text
//! with `wire.profile` set or the `flat` members renamed, so a catalog of hostile text
//! proves every profile's output as it proves `flat`'s (the docs and OpenAPI tests, and the
//! validators of `cargo xtask ci --only docs`).

/// `catalog` (the YAML text of a `flat` catalog) in `profile`: `wire.profile` set right
/// under `wire:`, and every code example it spells out (a `flat` body, on one line) left
/// out, for errcat to derive in `profile`. `None` when the text has no top-level `wire:`
/// line, already sets a profile, or has a code example that spans several lines.
pub fn in_profile(catalog: &str, profile: &str) -> Option<String> {
    let mut out = String::with_capacity(catalog.len() + 32);
    let (mut wire, mut in_codes, mut dropped) = (false, false, false);
    for line in catalog.lines() {
        if dropped && line.starts_with("     ") {
            return None;
        }
        dropped = false;
        if !line.starts_with(' ') && !line.is_empty() && !line.starts_with('#') {
            in_codes = line.starts_with("codes:");
        }
        if line.starts_with("  profile:") && !in_codes {
            return None;
        }
        if in_codes && line.starts_with("    example:") {
            dropped = true;
            continue;
        }
        out.push_str(line);
        out.push('\n');
        if line == "wire:" {
            out.push_str("  profile: ");
            out.push_str(profile);
            out.push('\n');
            wire = true;
        }
    }
    wire.then_some(out)
}

/// The names [`with_renamed_members`] gives the `flat` members: the title, message, code,
/// details, retry delay and documentation URL, in wire order.
pub const RENAMED_MEMBERS: [&str; 6] = ["title", "msg", "err.code", "facts", "wait", "help-url"];

/// `catalog` (the YAML text of a `flat` catalog whose `wire` section documents `error`,
/// `message`, `error_code`, `details` and `retry_after`) with every member renamed to
/// [`RENAMED_MEMBERS`] and a documentation URL member added, its spelled-out code examples
/// left for errcat to derive ([`in_profile`]). `None` when a member is not documented
/// exactly once in that form.
pub fn with_renamed_members(catalog: &str) -> Option<String> {
    let [title, message, code, details, retry_after, doc_url] = RENAMED_MEMBERS;
    let mut text = in_profile(catalog, "flat")?;
    for (member, name) in [
        ("error", title),
        ("message", message),
        ("error_code", code),
        ("details", details),
        ("retry_after", retry_after),
    ] {
        let from = format!("\n  {member}:\n    description");
        if text.matches(&from).count() != 1 {
            return None;
        }
        let extra =
            if member == "retry_after" { format!("\n  doc_url:\n    name: \"{doc_url}\"") } else { String::new() };
        text = text.replacen(&from, &format!("{extra}\n  {member}:\n    name: \"{name}\"\n    description"), 1);
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_the_profile_and_drops_one_line_code_examples() {
        let flat = "wire:\n  error:\n    example: \"Title\"\ncodes:\n  - code: A\n    example: {\"error_code\": \"A\"}\n    title: T\n";
        let problem = in_profile(flat, "problem").expect("a flat catalog with a wire section");
        assert_eq!(
            problem,
            "wire:\n  profile: problem\n  error:\n    example: \"Title\"\ncodes:\n  - code: A\n    title: T\n"
        );
        assert_eq!(in_profile("codes: []\n", "google"), None, "no wire section");
        assert_eq!(in_profile("wire:\n  profile: flat\n", "google"), None, "a profile already");
        let multi_line = "wire:\ncodes:\n  - code: A\n    example:\n      {\"error_code\": \"A\"}\n";
        assert_eq!(in_profile(multi_line, "nested"), None, "a multi-line example");
    }

    #[test]
    fn renames_every_flat_member() {
        let flat = "wire:\n  error:\n    description: a\n  message:\n    description: b\n  error_code:\n    description: c\n  details:\n    description: d\n  retry_after:\n    description: e\n";
        let renamed = with_renamed_members(flat).expect("every member documented");
        assert!(renamed.contains("  error_code:\n    name: \"err.code\"\n    description: c\n"), "{renamed}");
        assert!(
            renamed.contains("  doc_url:\n    name: \"help-url\"\n  retry_after:\n    name: \"wait\""),
            "{renamed}"
        );
        assert_eq!(with_renamed_members("wire:\n  error:\n    description: a\n"), None, "members missing");
    }
}
