//! The Markdown error reference (`docs/errors.md`), from the shipped catalog, a small
//! catalog of hostile text (also in every other wire profile) and the example catalog of
//! each profile: insta snapshots, and what a real Markdown parser
//! (pulldown-cmark, with GitHub's table extension) makes of it. Every table keeps its
//! column count, every internal link lands on an anchor that exists, anchors are unique,
//! the header comment closes where it should, and every catalog string shows up as text.

mod targets;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use errcat::model::Catalog;
use errcat::render::filters::anchor;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use targets::{CASES, Case, GOOGLE, LIFECYCLE, MINIMAL, NESTED, PASCAL_CAMEL, PROBLEM, SHIPPED};

const FILE: &str = "docs/errors.md";

fn docs(case: &Case) -> String {
    targets::render(case, "docs", FILE)
}

/// What the structural tests read: each case's catalog and reference, then the hostile
/// catalog in each other profile (`errcat_testkit::profiles::in_profile`), named
/// `minimal-<profile>`.
fn renders() -> Vec<(String, Catalog, String)> {
    let mut renders: Vec<(String, Catalog, String)> =
        CASES.iter().map(|case| (case.name.to_owned(), targets::catalog(case), docs(case))).collect();
    let flat = std::fs::read_to_string(targets::root().join(MINIMAL.path)).expect("readable");
    for profile in ["problem", "google", "nested"] {
        let text = errcat_testkit::profiles::in_profile(&flat, profile).expect("the catalog takes a profile");
        let checked = errcat::check_str(&text, &errcat::load::Limits::default());
        assert!(checked.diagnostics.is_empty(), "{profile}: {:#?}", checked.diagnostics);
        let catalog = checked.catalog.expect("a clean catalog");
        let options = errcat::render::Options {
            command: MINIMAL.command.to_owned(),
            catalog_path: MINIMAL.path.to_owned(),
            templates_dir: None,
        };
        let mut files = errcat::render::plan_targets(&catalog, &options, &[errcat::targets::TargetId::Docs])
            .unwrap_or_else(|e| panic!("{profile}: {e}"));
        let markdown = files.remove(FILE).expect("the reference");
        renders.push((format!("minimal-{profile}"), catalog, markdown));
    }
    renders
}

#[test]
fn docs_snapshot_scriptix() {
    insta::assert_snapshot!("scriptix", docs(&SHIPPED));
}

/// The reference of a partial translation: its own texts, the source's marked, the
/// category and label translations.
#[test]
fn docs_snapshot_scriptix_localized() {
    insta::assert_snapshot!("scriptix_fr", targets::render(&SHIPPED, "docs", "docs/fr/errors.md"));
    insta::assert_snapshot!("google_de", targets::render(&GOOGLE, "docs", "docs/de/errors.md"));
}

#[test]
fn docs_snapshot_minimal() {
    insta::assert_snapshot!("minimal", docs(&MINIMAL));
}

#[test]
fn docs_snapshot_lifecycle() {
    insta::assert_snapshot!("lifecycle", docs(&LIFECYCLE));
}

#[test]
fn docs_snapshot_problem() {
    insta::assert_snapshot!("problem", docs(&PROBLEM));
}

#[test]
fn docs_snapshot_google() {
    insta::assert_snapshot!("google", docs(&GOOGLE));
}

#[test]
fn docs_snapshot_nested() {
    insta::assert_snapshot!("nested", docs(&NESTED));
}

#[test]
fn docs_snapshot_pascal_camel() {
    insta::assert_snapshot!("pascal-camel", docs(&PASCAL_CAMEL));
}

#[test]
fn docs_mark_deprecated_codes_and_list_tombstones_without_an_entry() {
    let markdown = docs(&LIFECYCLE);
    assert!(markdown.contains("> **Deprecated** since 2\\.0: Folded into `SLOW_DOWN`"), "{markdown}");
    assert!(markdown.contains("Use [`SLOW_DOWN`](#slow_down) instead."));
    assert!(markdown.contains("*Since 1\\.1.*"));
    assert!(markdown.contains("### Removed codes"));
    // A tombstone has a row in the removed-codes table and nothing else: no anchor, no entry.
    assert!(!markdown.contains("id=\"access_blocked\""));
    assert_eq!(markdown.matches("ACCESS_BLOCKED").count(), 1, "{markdown}");
}

/// What the parser found in one document.
#[derive(Default)]
struct Parsed {
    /// Per table: its column count, and per row (head included) its cell count.
    tables: Vec<(usize, Vec<usize>)>,
    /// Source ranges of the tables.
    table_ranges: Vec<Range<usize>>,
    /// Heading texts, in order.
    headings: Vec<String>,
    /// Every `id="…"` of raw HTML, in order (repeats kept).
    explicit_ids: Vec<String>,
    /// Targets of links starting with `#`, without the `#`.
    internal_links: Vec<String>,
    /// The text a reader sees: blocks on their own lines.
    text: String,
    /// Contents of fenced code blocks, by language.
    code_blocks: Vec<(String, String)>,
    /// The first event's HTML, if the document starts with HTML.
    first_html: Option<String>,
}

fn parse(markdown: &str) -> Parsed {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut parsed = Parsed::default();
    let mut heading: Option<String> = None;
    let mut code_block: Option<(String, String)> = None;
    let mut row_cells = 0;
    for (index, (event, range)) in Parser::new_ext(markdown, options).into_offset_iter().enumerate() {
        if let Some(text) = heading.as_mut()
            && let Event::Text(t) | Event::Code(t) = &event
        {
            text.push_str(t);
        }
        match event {
            Event::Start(Tag::Table(alignments)) => {
                parsed.tables.push((alignments.len(), Vec::new()));
                parsed.table_ranges.push(range);
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => row_cells = 0,
            Event::Start(Tag::TableCell) => row_cells += 1,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                parsed.tables.last_mut().expect("a row is in a table").1.push(row_cells);
            }
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                parsed.headings.push(heading.take().expect("a heading ends after it starts"));
                parsed.text.push('\n');
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(target) = dest_url.strip_prefix('#') {
                    parsed.internal_links.push(target.to_owned());
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(lang) => lang.to_string(),
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                code_block = Some((lang, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                parsed.code_blocks.push(code_block.take().expect("a code block ends after it starts"));
                parsed.text.push('\n');
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                // Event 0 starts the HTML block; event 1 is its first line.
                if index == 1 {
                    parsed.first_html = Some(html.to_string());
                }
                let mut rest: &str = &html;
                while let Some(start) = rest.find("id=\"") {
                    rest = &rest[start + 4..];
                    let end = rest.find('"').expect("a closed attribute");
                    parsed.explicit_ids.push(rest[..end].to_owned());
                    rest = &rest[end..];
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, body)) = code_block.as_mut() {
                    body.push_str(&text);
                }
                parsed.text.push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => parsed.text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => parsed.text.push('\n'),
            _ => {}
        }
    }
    parsed
}

/// GitHub's heading anchors: the slug, with `-1`, `-2`, … for repeats.
fn heading_anchors(headings: &[String]) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    headings
        .iter()
        .map(|heading| {
            let slug = anchor(heading);
            let count = seen.entry(slug.clone()).or_insert(0);
            *count += 1;
            if *count == 1 { slug } else { format!("{slug}-{}", *count - 1) }
        })
        .collect()
}

/// Pipes that split a table row: those not escaped by a backslash.
fn unescaped_pipes(line: &str) -> usize {
    let mut backslashes = 0;
    let mut pipes = 0;
    for c in line.chars() {
        match c {
            '\\' => backslashes += 1,
            '|' if backslashes % 2 == 0 => {
                pipes += 1;
                backslashes = 0;
            }
            _ => backslashes = 0,
        }
    }
    pipes
}

#[test]
fn docs_tables_keep_their_columns() {
    for (name, _, markdown) in renders() {
        let parsed = parse(&markdown);
        assert!(parsed.tables.len() >= 3, "{}: status, wire and reference tables at least", name);
        for ((columns, rows), range) in parsed.tables.iter().zip(&parsed.table_ranges) {
            let source = &markdown[range.clone()];
            assert!(rows.len() >= 2, "{}: a table without rows:\n{source}", name);
            assert!(rows.iter().all(|cells| cells == columns), "{}: cells {rows:?} ≠ {columns}:\n{source}", name);
            let pipes: BTreeSet<usize> = source.lines().filter(|l| !l.is_empty()).map(unescaped_pipes).collect();
            assert_eq!(pipes, BTreeSet::from([columns + 1]), "{}: a row's pipes split it differently:\n{source}", name);
        }
        // A row that broke its table would leave a `|` line outside every table.
        let table_lines: usize =
            parsed.table_ranges.iter().map(|r| markdown[r.clone()].lines().filter(|l| !l.is_empty()).count()).sum();
        let pipe_lines = markdown.lines().filter(|line| line.starts_with('|')).count();
        assert_eq!(pipe_lines, table_lines, "{}: a `|` line is outside every table", name);
    }
}

#[test]
fn docs_internal_links_resolve_to_unique_anchors() {
    for (name, catalog, markdown) in renders() {
        let parsed = parse(&markdown);
        let headings = heading_anchors(&parsed.headings);
        let explicit: BTreeSet<&String> = parsed.explicit_ids.iter().collect();
        assert_eq!(explicit.len(), parsed.explicit_ids.len(), "{}: an explicit anchor repeats", name);
        for id in &explicit {
            assert!(!headings.contains(id), "{}: anchor `{id}` is also a heading's", name);
        }
        let anchors: BTreeSet<&String> = explicit.iter().copied().chain(&headings).collect();
        assert!(!parsed.internal_links.is_empty());
        for target in &parsed.internal_links {
            assert!(anchors.contains(target), "{}: link to #{target}, which is not an anchor", name);
        }
        // Every code has its stable anchor, and the reference and troubleshooting link to it.
        for code in &catalog.codes {
            let id = code.code.to_lowercase();
            assert!(explicit.contains(&id), "{}: no anchor for {}", name, code.code);
            assert!(parsed.internal_links.contains(&id), "{}: nothing links to {}", name, code.code);
        }
        for problem in &catalog.troubleshooting {
            assert!(explicit.contains(&format!("troubleshooting-{}", problem.id)));
        }
        for practice in &catalog.practices {
            assert!(explicit.contains(&format!("practice-{}", practice.id)));
        }
    }
}

/// Each translation's reference (`docs/<tag>/errors.md`) of the catalogs that have
/// translations: its tables keep their columns, its links land on its anchors or on the
/// other languages' pages, every code has its anchor, and every text the page shows as
/// translated is the translation's.
#[test]
fn localized_references_keep_their_tables_links_and_anchors() {
    for case in [SHIPPED, GOOGLE] {
        let catalog = targets::catalog(&case);
        assert!(!catalog.locales.translations.is_empty(), "{}: translated", case.name);
        let files = targets::render_all(&case, "docs");
        for translation in &catalog.locales.translations {
            let path = format!("docs/{}/errors.md", translation.tag);
            let markdown = files.get(&path).unwrap_or_else(|| panic!("{}: no {path}", case.name));
            let parsed = parse(markdown);
            for ((columns, rows), range) in parsed.tables.iter().zip(&parsed.table_ranges) {
                assert!(rows.iter().all(|cells| cells == columns), "{path}:\n{}", &markdown[range.clone()]);
            }
            let anchors: BTreeSet<&String> = parsed.explicit_ids.iter().collect();
            assert_eq!(anchors.len(), parsed.explicit_ids.len(), "{path}: an anchor repeats");
            for target in &parsed.internal_links {
                assert!(anchors.contains(target), "{path}: link to #{target}, which is not an anchor");
            }
            for code in &catalog.codes {
                assert!(anchors.contains(&code.code.to_lowercase()), "{path}: no anchor for {}", code.code);
                if let Some(texts) = translation.codes.get(&code.code) {
                    assert!(parsed.text.contains(&normalize(&texts.title)), "{path}: {} title", code.code);
                }
            }
            for language in catalog.locales.translations.iter().filter(|t| t.tag != translation.tag) {
                assert!(
                    markdown.contains(&format!("](../{}/errors.md)", language.tag)),
                    "{path}: links {}",
                    language.tag
                );
                assert!(files.contains_key(&format!("docs/{}/errors.md", language.tag)));
            }
            assert!(markdown.contains("](../errors.md)"), "{path}: links the full reference");
        }
        let full = &files["docs/errors.md"];
        for translation in &catalog.locales.translations {
            assert!(
                full.contains(&format!("]({}/errors.md)", translation.tag)),
                "the full reference links {}",
                translation.tag
            );
        }
    }
}

#[test]
fn docs_start_with_a_header_comment_that_closes_on_its_line() {
    for (name, _, markdown) in renders() {
        let first_line = markdown.lines().next().unwrap_or_default();
        assert!(first_line.starts_with("<!-- Generated by `") && first_line.ends_with(" -->"), "{first_line}");
        assert_eq!(markdown.matches("-->").count(), 1, "{}: only the header closes a comment", name);
        let parsed = parse(&markdown);
        assert_eq!(parsed.first_html.as_deref().map(str::trim_end), Some(first_line));
    }
}

/// Text as compared: no backticks (code spans lose theirs), whitespace runs as one space,
/// and what Markdown must not show (controls, bidirectional overrides, the BOM) as U+FFFD,
/// as errcat's Markdown filters show them.
fn normalize(text: &str) -> String {
    let shown: String = text
        .chars()
        .filter(|&c| c != '`')
        .map(|c| match c {
            c if c.is_whitespace() => c,
            c if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}') => {
                '\u{FFFD}'
            }
            c => c,
        })
        .collect();
    shown.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every string of the catalog a reader must find in the reference.
fn catalog_strings(catalog: &Catalog) -> Vec<String> {
    let api = &catalog.api;
    let mut strings: Vec<String> = Vec::new();
    strings.extend(api.description.clone());
    strings.extend(api.tip.clone());
    strings.push(api.support.email.clone());
    strings.extend(api.support.self_service.iter().cloned());
    strings.extend(api.support.request_checklist.iter().cloned());
    for link in &api.links {
        strings.push(link.title.clone());
        strings.extend(link.description.clone());
    }
    if let Some(uploads) = &api.uploads {
        strings.extend(uploads.formats.iter().cloned());
        strings.push(format!("{} MB", uploads.max_size_mb));
        strings.extend(uploads.large_files.clone());
        strings.extend(uploads.content_type.clone());
    }
    strings.extend(catalog.wire.description.clone());
    for field in &catalog.wire.fields {
        strings.push(field.name.clone());
        strings.push(field.description.clone());
    }
    for status in &catalog.statuses {
        strings.push(format!("{} {} {} {}", status.code, status.name, status.meaning, status.action));
    }
    for category in &catalog.categories {
        strings.push(category.title.clone());
        strings.extend(category.description.clone());
        strings.extend(category.patterns.iter().cloned());
        strings.extend(category.pattern_exceptions.iter().cloned());
    }
    for code in &catalog.codes {
        strings.push(format!("{} {}", code.code, code.status));
        strings.push(code.summary.clone());
        strings.push(code.description.clone());
        strings.extend(code.causes.iter().cloned());
        strings.push(code.solution.clone());
        strings.extend(code.solution_steps.iter().cloned());
        for field in &code.fields {
            strings.push(format!("{} {}", field.name, field.ty.name()));
            strings.push(field.description.clone());
        }
        if let Some(extra) = &code.additional_details {
            strings.push(extra.key.clone());
            strings.push(extra.description.clone());
        }
        for see in &code.see {
            strings.push(catalog.link(see).expect("links exist").title.clone());
        }
    }
    for practice in &catalog.practices {
        strings.push(practice.title.clone());
        strings.push(practice.rule.clone());
        strings.extend(practice.points.iter().cloned());
    }
    for problem in &catalog.troubleshooting {
        strings.push(problem.problem.clone());
        strings.extend(problem.symptoms.iter().cloned());
        strings.extend(problem.checklist.iter().cloned());
        strings.extend(problem.solutions.iter().cloned());
        strings.extend(problem.related_codes.iter().cloned());
    }
    strings.extend(catalog.log_fields.iter().cloned());
    strings
}

#[test]
fn docs_show_every_catalog_string_as_text() {
    for (name, catalog, markdown) in renders() {
        let parsed = parse(&markdown);
        // Table cells are separate blocks; a status row reads as one line once joined.
        let text = normalize(&parsed.text.replace('\n', " "));
        for string in catalog_strings(&catalog) {
            assert!(text.contains(&normalize(&string)), "{}: {string:?} is not in the text", name);
        }
        // Each code's example body, exactly as the catalog gives it, in a JSON block.
        for code in &catalog.codes {
            let body = serde_json::to_string_pretty(&code.example.body).expect("JSON");
            assert!(
                parsed.code_blocks.iter().any(|(lang, block)| lang == "json" && block.trim_end() == body),
                "{}: no JSON block with the example of {}",
                name,
                code.code
            );
        }
    }
}

/// The JSON type of a value, as the members table names it.
fn json_type(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::String(_) => "string",
        serde_json::Value::Object(_) => "object",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Null => "null",
    }
}

/// The text of the section under the level-2 heading `heading`, up to the next one.
fn section<'a>(markdown: &'a str, heading: &str) -> &'a str {
    let start = markdown.find(&format!("\n## {heading}\n")).unwrap_or_else(|| panic!("no section {heading}"));
    let rest = &markdown[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |at| at + 3);
    &rest[..end]
}

#[test]
fn docs_show_the_profile_body_and_where_each_part_lives() {
    for (name, catalog, markdown) in renders() {
        let format = section(&markdown, "Error Response Format");
        let parsed = parse(format);
        let profile = &catalog.wire.profile;
        let text = normalize(&parsed.text.replace('\n', " "));
        assert!(text.contains(&format!("Media type: {}", profile.media_type)), "{}: the media type", name);
        // One row per documented member, with its example.
        let table = parsed.tables.first().expect("the members table");
        assert_eq!(table.1.len(), catalog.wire.fields.len() + 1, "{}: a row per member", name);
        for field in &catalog.wire.fields {
            let example = serde_json::to_string(&field.example).expect("JSON");
            let always = if field.required { "Yes" } else { "No" };
            let ty = json_type(&field.example);
            let row = normalize(&format!("{} {ty} {always} {} {example}", field.name, field.description));
            assert!(text.contains(&row), "{}: no row {row:?}", name);
        }
        // A complete body of the profile, as one code's example gives it.
        let bodies: Vec<serde_json::Value> = parsed
            .code_blocks
            .iter()
            .filter(|(lang, _)| lang == "json")
            .filter_map(|(_, block)| serde_json::from_str(block).ok())
            .collect();
        assert!(
            catalog.codes.iter().any(|code| bodies.contains(&code.example.body)),
            "{}: no code's example body in the format section",
            name
        );
        // Where the code, details, retry delay, documentation URL and gRPC status are.
        for part in ["Code:", "Details:", "Retry delay:", "Documentation URL:", "gRPC status:"] {
            assert!(text.contains(part), "{}: where the {part} is", name);
        }
        let code_path = &catalog.wire.field("code").expect("a code member").name;
        assert!(text.contains(&format!("Code: {code_path}.")), "{}: the code is at {code_path}", name);
    }
}

#[test]
fn docs_give_every_code_its_grpc_status_and_documentation_url() {
    for (name, catalog, markdown) in renders() {
        let links: Vec<String> = Parser::new_ext(&markdown, Options::ENABLE_TABLES)
            .filter_map(|event| match event {
                Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
                _ => None,
            })
            .collect();
        let text = normalize(&parse(&markdown).text.replace('\n', " "));
        for code in &catalog.codes {
            let at = format!("{}: {}", name, code.code);
            assert!(links.contains(&code.doc_url), "{at}: no link to {}", code.doc_url);
            let grpc = format!(
                "gRPC status: {} ({})",
                code.grpc_status,
                errcat::wire::grpc_status_number(&code.grpc_status).expect("a canonical status")
            );
            assert!(text.contains(&grpc), "{at}: {grpc}");
            let anchor = format!("{}#{}", catalog.api.reference_url, code.code.to_lowercase());
            let own_page = normalize(&format!("{}: a page of its own, not this entry ({anchor})", code.doc_url));
            assert_eq!(text.contains(&own_page), code.doc_url != anchor, "{at}: whether the URL is its own page");
        }
    }
}

#[test]
fn docs_hostile_text_stays_text() {
    let markdown = docs(&MINIMAL);
    let parsed = parse(&markdown);
    // The only raw HTML is errcat's own: the header comment and the anchors.
    let html: Vec<String> = Parser::new_ext(&markdown, Options::ENABLE_TABLES)
        .filter_map(|event| match event {
            Event::Html(html) | Event::InlineHtml(html) => Some(html.trim().to_owned()),
            _ => None,
        })
        .collect();
    for fragment in &html {
        assert!(
            fragment.starts_with("<!-- Generated by") || (fragment.starts_with("<a id=\"") || fragment == "</a>"),
            "raw HTML from the catalog: {fragment:?}"
        );
    }
    assert!(parsed.text.contains("<script>alert(1)</script>"), "the hostile text is shown, not run");
    // The link with parentheses and `&` in its URL keeps all of it.
    let urls: Vec<String> = Parser::new_ext(&markdown, Options::ENABLE_TABLES)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("https://docs.acme.test/limits") => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect();
    assert!(!urls.is_empty());
    assert!(urls.iter().all(|url| url == "https://docs.acme.test/limits_(v2)?a=1&b=<2>"), "{urls:?}");
}
