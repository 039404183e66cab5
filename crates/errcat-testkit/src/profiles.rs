//! Test catalogs in another wire profile: the same catalog text with `wire.profile` set,
//! so a catalog of hostile text proves every profile's output as it proves `flat`'s (the
//! OpenAPI tests, and the validators of `cargo xtask ci --only docs`).

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
}
