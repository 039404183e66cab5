//! Hostile sizes and shapes: each gets a clear diagnostic (asserted here) instead of
//! exhausting time, memory or the stack. How long each takes is for the benchmarks; here
//! the point is what the user is told.

use errcat::diag::{self, Diagnostic, Style};
use errcat::load::Limits;

fn shipped() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../catalog/scriptix.yaml"))
        .expect("the shipped catalog is readable")
}

/// Checks `text` with the default limits, expecting it refused; returns the diagnostics
/// and how `errcat check` prints them.
fn refused(text: &str) -> (Vec<Diagnostic>, String) {
    let checked = errcat::check_str(text, &Limits::default());
    assert!(checked.catalog.is_none() && checked.has_errors(), "accepted: {:#?}", checked.diagnostics);
    let shown = diag::render(&checked.diagnostics, "catalog.yaml", text, Style::Plain);
    (checked.diagnostics, shown)
}

/// The one diagnostic of a refused catalog, which must have `rule` and mention `words`.
fn one_diagnostic(text: &str, rule: &str, words: &str) -> String {
    let (diagnostics, shown) = refused(text);
    assert_eq!(diagnostics.len(), 1, "{shown}");
    assert_eq!(diagnostics[0].rule, rule, "{shown}");
    assert!(diagnostics[0].message.contains(words), "{shown}");
    assert!(diagnostics[0].help.is_some(), "a limit says what to do: {shown}");
    shown
}

#[test]
fn a_catalog_over_the_size_limit_is_refused_unread() -> std::io::Result<()> {
    let limits = Limits::default();
    let text = "#".repeat(limits.max_bytes + 1);
    let shown = one_diagnostic(&text, "catalog-too-large", "more than the limit");
    assert!(shown.len() < 1_000, "{shown}");

    // A file over the limit is refused from its size, before a byte is read: a sparse
    // file of 65 MB costs no disk.
    let path = std::env::temp_dir().join(format!("errcat-too-large-{}.yaml", std::process::id()));
    let file = std::fs::File::create(&path)?;
    file.set_len(limits.max_bytes as u64 + 1)?;
    let checked = errcat::check_file(&path, &limits).map_err(|e| e.error)?;
    std::fs::remove_file(&path)?;
    assert_eq!(checked.checked.diagnostics.len(), 1);
    assert_eq!(checked.checked.diagnostics[0].rule, "catalog-too-large");
    assert!(checked.text.is_empty(), "the file was read");
    Ok(())
}

#[test]
fn an_endless_device_is_read_only_up_to_the_limit() {
    // `/dev/zero` reports a length of 0: only the bounded read stops it.
    let limits = Limits { max_bytes: 4096, ..Limits::default() };
    let checked = errcat::check_file(std::path::Path::new("/dev/zero"), &limits).expect("readable");
    assert_eq!(checked.checked.diagnostics.len(), 1);
    assert_eq!(checked.checked.diagnostics[0].rule, "catalog-too-large");
}

#[test]
fn text_that_is_not_utf8_is_a_diagnostic_with_its_position_and_encoding() -> std::io::Result<()> {
    let dir = std::env::temp_dir().join(format!("errcat-encoding-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let latin1 = dir.join("latin1.yaml");
    std::fs::write(&latin1, b"format: 1\napi:\n  name: Caf\xe9\n")?;
    let checked = errcat::check_file(&latin1, &Limits::default()).map_err(|e| e.error)?;
    let diagnostic = &checked.checked.diagnostics[0];
    assert_eq!(diagnostic.rule, "catalog-encoding");
    assert_eq!((diagnostic.span.line, diagnostic.span.column), (3, 12));
    assert!(checked.rendered("latin1.yaml", errcat::diag::Style::Plain).contains("latin1.yaml:3:12"));
    assert!(format!("{diagnostic:?}").contains("Latin-1"), "{diagnostic:?}");
    let utf16 = dir.join("utf16.yaml");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend("format: 1\n".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&utf16, bytes)?;
    let checked = errcat::check_file(&utf16, &Limits::default()).map_err(|e| e.error)?;
    assert!(format!("{:?}", checked.checked.diagnostics[0]).contains("UTF-16 (little-endian"));
    std::fs::remove_dir_all(&dir)
}

/// `levels` anchors, each a list of ten aliases of the one before: 10^levels values.
fn alias_bomb(leaf: &str, wrap: impl Fn(&str) -> String) -> String {
    let mut text = format!("format: 1\nl0: &l0 {}\n", wrap(&[leaf; 10].join(", ")));
    for level in 1..10 {
        let aliases = vec![format!("*l{}", level - 1); 10].join(", ");
        text.push_str(&format!("l{level}: &l{level} {}\n", wrap(&aliases)));
    }
    text
}

#[test]
fn alias_bombs_are_refused() {
    let list = |items: &str| format!("[{items}]");
    // `tests/bad/resource-limit-alias-bomb` is the classic one, of plain scalars.
    for bomb in [
        alias_bomb("\"lol lol lol lol lol lol lol lol\"", list),
        // The bomb set off inside a field the catalog really has.
        shipped().replacen(
            "    causes:\n      - \"No Authorization header provided.\"",
            &format!(
                "    causes: &c0 [x, x, x, x, x, x, x, x, x, x]\n    solution_steps: [{}]",
                vec!["*c0"; 20_000].join(", ")
            ),
            1,
        ),
    ] {
        one_diagnostic(&bomb, "resource-limit", "alias");
    }
    // Merge keys that fan out the same way.
    let mut merge = String::from("format: 1\nl0: &l0 {a: 1, b: 2, c: 3}\n");
    for level in 1..10 {
        let aliases = vec![format!("*l{}", level - 1); 10].join(", ");
        merge.push_str(&format!("l{level}: &l{level} {{<<: [{aliases}], k{level}: 1}}\n"));
    }
    let (diagnostics, shown) = refused(&merge);
    assert!(diagnostics.iter().all(|d| d.rule != "internal"), "{shown}");
    assert!(shown.len() < 10_000, "{shown}");
}

#[test]
fn deep_nesting_is_refused() {
    let depth = 100_000;
    for text in [
        format!("format: 1\napi: {}{}\n", "[".repeat(depth), "]".repeat(depth)),
        format!("format: 1\napi: {}1{}\n", "{a: ".repeat(depth), "}".repeat(depth)),
        format!("format: 1\napi:\n  {}x\n", "- ".repeat(depth)),
    ] {
        let (diagnostics, shown) = refused(&text);
        assert_eq!(diagnostics.len(), 1, "{shown}");
        assert_eq!(diagnostics[0].rule, "resource-limit", "{shown}");
        assert!(shown.len() < 1_000, "{shown}");
    }
}

#[test]
fn the_deepest_accepted_nesting_renders_on_a_test_thread() -> Result<(), String> {
    // Every nesting level costs the parser stack (tens of KB in a debug build); a catalog
    // just inside the depth limit must still load and render on a 2 MB test thread.
    let catalog = shipped();
    let limits = Limits::default();
    let mut deepest = None;
    for depth in (limits.max_depth - 8..limits.max_depth).rev() {
        let value = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let text = catalog.replacen(
            "example: {\"field_name\": \"Specific error details\"}",
            &format!("example: {{\"field_name\": {value}}}"),
            1,
        );
        let checked = errcat::check_str(&text, &limits);
        if let Some(model) = checked.catalog {
            deepest = Some(depth);
            let options = errcat::render::Options {
                command: "errcat generate".into(),
                catalog_path: "catalog.yaml".into(),
                templates_dir: None,
            };
            errcat::render::plan(&model, &options).map_err(|e| e.to_string())?;
            errcat::targets::rust::generate(&model);
            break;
        }
        assert_eq!(checked.diagnostics[0].rule, "resource-limit");
    }
    assert!(deepest.is_some(), "no nesting close to the limit was accepted");
    Ok(())
}

#[test]
fn a_one_megabyte_line_is_fine_as_text_and_shown_short_when_wrong() -> Result<(), String> {
    let line = "x".repeat(1 << 20);
    // As a description it is text like any other.
    let text =
        shipped().replacen("description: \"All errors follow", &format!("description: \"{line} All errors follow"), 1);
    let checked = errcat::check_str(&text, &Limits::default());
    let catalog = checked.catalog.ok_or("a long description is refused")?;
    assert!(catalog.wire.description.as_ref().is_some_and(|d| d.len() > 1 << 20));
    // Broken, the diagnostic shows a window of the line, not the megabyte.
    for broken in [format!("format: 1\napi: \"{line}\n"), format!("format: 1\napi: {}\n", "a: ".repeat(1 << 18))] {
        let (diagnostics, shown) = refused(&broken);
        assert_eq!(diagnostics[0].rule, "yaml-syntax", "{shown}");
        assert!(shown.len() < 2_000, "the diagnostic prints {} bytes", shown.len());
    }
    Ok(())
}

#[test]
fn a_hundred_thousand_character_code_name_is_refused_briefly() {
    let name = "A".repeat(100_000);
    let text = shipped().replacen("- code: MISSING_API_KEY", &format!("- code: {name}"), 1);
    let (diagnostics, shown) = refused(&text);
    let naming = diagnostics.iter().find(|d| d.rule == "code-naming").expect("a code-naming error");
    assert_eq!(naming.message, "code is 100000 characters long");
    assert!(naming.help.as_deref().is_some_and(|h| h.contains("at most 64")));
    // Other diagnostics quote the name; printed, each quote is cut short.
    assert!(shown.len() < 20_000, "the diagnostics print {} bytes", shown.len());
}

#[test]
fn a_million_element_list_is_refused() {
    let million = format!("[{}x]", "x, ".repeat(999_999));
    let text = shipped().replacen(
        "    causes:\n      - \"No Authorization header provided.\"",
        &format!("    causes: {million}"),
        1,
    );
    one_diagnostic(&text, "resource-limit", "more than 200000 items");
}
