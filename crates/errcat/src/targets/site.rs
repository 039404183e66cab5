//! The site target: a static, searchable HTML error reference (`generated/site/`), from the
//! templates in `templates/site/`. It needs no server and no build step: every page opens
//! from `file://` as well as from any static host.
//!
//! - `index.html` is the page at `api.reference_url`: every code in a list whose rows carry
//!   the code's anchor (`id="rate_limit_exceeded"`, what each code's default `doc_url`
//!   ends in), the search box and filters, and the search index as JSON in a
//!   `<script type="application/json">` block (see [`super::html::script_json`]). Its
//!   script sends a deep link (`index.html#rate_limit_exceeded`) on to the code's page.
//! - `codes/<code in lower case>.html`: one page per code, its stable URL.
//! - `status/<status>.html` and `categories/<id>.html`: the codes of one status or category.
//! - `troubleshooting.html`, `practices.html`, `site.css`, `site.js`.
//! - `<tag>/index.html` for each translation: every code with its texts in that language
//!   ([`super::localized_reference`]), marked where the catalog's own text stands in.
//!
//! Every catalog text goes through the `html` filter ([`super::html::text`]) or `html_prose`
//! ([`super::html::prose`], backtick pairs as `<code>`), URLs through
//! `html_href`, JSON through `script_json`. The pages carry a Content Security Policy that
//! allows only the site's own script and style sheet, so even a mistake in escaping could
//! not run a script.

use super::html;

/// The site target.
pub struct Site;

impl crate::targets::Target for Site {
    fn id(&self) -> crate::targets::TargetId {
        crate::targets::TargetId::Site
    }

    fn name(&self) -> &'static str {
        "site"
    }

    fn describe(&self) -> &'static str {
        "static HTML error reference: searchable index, a page per code, status and category pages"
    }

    fn register_filters(&self, env: &mut minijinja::Environment<'_>) {
        env.add_filter("html", |s: &str| html::text(s));
        env.add_filter("html_prose", |s: &str| html::prose(s));
        env.add_filter("html_href", |s: &str| html::href(s).unwrap_or_default());
        env.add_filter("script_json", |s: &str| html::script_json(s));
        env.add_filter("search_words", |s: &str| search_words(s).join(" "));
        env.add_filter("search_runs", |s: &str| search_runs(&search_words(s)));
        env.add_filter("search_compact", |s: &str| search_words(s).concat());
        env.add_filter("search_other", |s: &str, known: &str| search_other(s, known));
    }

    fn render(&self, job: &crate::render::Job<'_>) -> Result<crate::render::Files, crate::render::RenderError> {
        use crate::render::Item;
        let item = |template: &str, path: String, index: usize| Item {
            template: format!("site/{template}"),
            path: format!("site/{path}"),
            vars: vec![("index", minijinja::Value::from(index))],
        };
        let mut items = Vec::new();
        for (index, code) in job.catalog.codes.iter().enumerate() {
            items.push(item("_code.html.j2", format!("codes/{}", page_of_code(&code.code)), index));
        }
        for (index, status) in job.catalog.statuses.iter().enumerate() {
            items.push(item("_status.html.j2", format!("status/{}.html", status.code), index));
        }
        for (index, category) in job.catalog.categories.iter().enumerate() {
            items.push(item("_category.html.j2", format!("categories/{}.html", category.id), index));
        }
        items.extend(super::localized_reference::items(job.catalog, "_localized.html.j2", "site", "index.html"));
        job.render_templates_with(self.name(), &items)
    }
}

/// The file name of a code's page below `codes/`: its anchor (the code in lower case, as
/// in its default `doc_url`) and `.html`. Codes are upper-case letters, digits and
/// underscores, so the name is safe on every file system and unique among codes.
pub fn page_of_code(code: &str) -> String {
    format!("{}.html", code.to_lowercase())
}

/// The words the site's search matches `s` by: lower case, split at every character that
/// is neither alphabetic nor numeric (`RATE_LIMIT_EXCEEDED` and `rate-limit exceeded` give
/// the same words). `site.js` splits a query the same way
/// (`/[^\p{Alphabetic}\p{N}]+/u` after `toLowerCase`, the Unicode properties Rust's
/// `char::is_alphanumeric` reads); the search index holds the words computed here, so a
/// browser does no text processing at load.
pub fn search_words(s: &str) -> Vec<String> {
    s.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// `words` as the search matches a code or a title: each word, then each run of two or more
/// words to the end written together, every one after a space
/// (`" rate limit exceeded ratelimitexceeded limitexceeded"`), so that a query word matches
/// by prefix (`" " + word`) and `ratelimit` finds `RATE_LIMIT_EXCEEDED`.
pub fn search_runs(words: &[String]) -> String {
    let mut out = String::new();
    for word in words {
        out.push(' ');
        out.push_str(word);
    }
    for start in 0..words.len().saturating_sub(1) {
        out.push(' ');
        out.push_str(&words[start..].concat());
    }
    out
}

/// The words of `s` that the search needs besides those of `known` (the code and title,
/// matched on their own): each once, in order of first appearance, every one after a
/// space. A query word matches by prefix of a word, so neither order nor repeats matter,
/// and at 10,000 codes this keeps the index a third smaller.
pub fn search_other(s: &str, known: &str) -> String {
    let mut seen: std::collections::HashSet<String> = search_words(known).into_iter().collect();
    let mut out = String::new();
    for word in search_words(s) {
        if seen.insert(word.clone()) {
            out.push(' ');
            out.push_str(&word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_ignore_case_and_separators() {
        assert_eq!(search_words("RATE_LIMIT_EXCEEDED"), ["rate", "limit", "exceeded"]);
        assert_eq!(search_words("  Rate-limit, exceeded!"), ["rate", "limit", "exceeded"]);
        assert_eq!(search_words("</script>\u{2028}Ünïcode 🦀 e\u{301}"), ["script", "ünïcode", "e"]);
        assert!(search_words("--- ___").is_empty());
    }

    #[test]
    fn search_runs_hold_every_word_and_every_run_to_the_end() {
        let words = search_words("RATE_LIMIT_EXCEEDED");
        assert_eq!(search_runs(&words), " rate limit exceeded ratelimitexceeded limitexceeded");
        assert_eq!(search_runs(&search_words("A")), " a");
        assert_eq!(search_runs(&[]), "");
    }

    #[test]
    fn search_other_keeps_each_new_word_once() {
        assert_eq!(
            search_other("Too many requests; too MANY, retry", "RATE_LIMIT_EXCEEDED Too many"),
            " requests retry"
        );
        assert_eq!(search_other("", "A"), "");
    }
}
