//! The schema walk: every structural problem of the tree at once.

use serde_json::Value as Json;

use super::tree::{Node, NodeKind};
use crate::diag::{Diagnostic, did_you_mean};
use crate::span::{Span, Spanned};

/// Checks `tree` against `schema` (the catalog's JSON Schema), adding every problem to
/// `diagnostics`.
pub(super) fn check(tree: &Node, schema: &Json, diagnostics: &mut Vec<Diagnostic>) {
    SchemaWalker { root: schema, diagnostics }.check(tree, schema, "");
}

/// Checks a [`Node`] tree against the subset of JSON Schema that schemars emits for the
/// raw types: `$ref`, `type`, `properties`/`required`/`additionalProperties`, `items`,
/// `enum`/`const`/`oneOf`/`anyOf`, `minimum`/`maximum`.
struct SchemaWalker<'a> {
    root: &'a Json,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a> SchemaWalker<'a> {
    fn check(&mut self, node: &Node, schema: &Json, path: &str) {
        let schema = self.deref(schema);
        let Json::Object(object) = schema else {
            if schema == &Json::Bool(false) {
                self.diagnostics.push(Diagnostic::error(
                    "unexpected-value",
                    node.span,
                    format!("`{path}` may not be given"),
                ));
            }
            return;
        };
        if let Some(branches) = object.get("anyOf").or_else(|| object.get("oneOf")).and_then(Json::as_array) {
            self.check_branches(node, branches, path);
            return;
        }
        if let Some(values) = object.get("enum").and_then(Json::as_array) {
            self.check_enum(node, values, path);
            return;
        }
        if let Some(value) = object.get("const") {
            self.check_enum(node, std::slice::from_ref(value), path);
            return;
        }
        if let Some(expected) = object.get("type")
            && !type_matches(&node.kind, expected)
        {
            self.diagnostics.push(
                Diagnostic::error(
                    "wrong-type",
                    node.span,
                    format!(
                        "`{}` must be {}, found {}",
                        display_path(path),
                        describe_type(expected),
                        node.kind.describe()
                    ),
                )
                .with_label(format!("expected {}", describe_type(expected))),
            );
            return;
        }
        match &node.kind {
            NodeKind::Map(entries) => self.check_map(node, entries, object, path),
            NodeKind::Seq(items) => {
                if let Some(item_schema) = object.get("items") {
                    for (index, item) in items.iter().enumerate() {
                        self.check(item, item_schema, &format!("{path}[{index}]"));
                    }
                }
            }
            NodeKind::Int(value) => self.check_range(node.span, *value, object, path),
            _ => {}
        }
    }

    fn deref<'s>(&self, mut schema: &'s Json) -> &'s Json
    where
        'a: 's,
    {
        for _ in 0..16 {
            let Some(reference) = schema.get("$ref").and_then(Json::as_str) else { break };
            let Some(name) = reference.strip_prefix("#/$defs/") else { break };
            match self.root.get("$defs").and_then(|defs| defs.get(name)) {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }

    fn check_map(
        &mut self,
        node: &Node,
        entries: &[(Spanned<String>, Node)],
        object: &serde_json::Map<String, Json>,
        path: &str,
    ) {
        let properties = object.get("properties").and_then(Json::as_object);
        let closed = object.get("additionalProperties") == Some(&Json::Bool(false));
        let known: Vec<&str> = properties.map(|p| p.keys().map(String::as_str).collect()).unwrap_or_default();
        // A misspelt required field is one problem, not two: the unknown key's "did you
        // mean" names the field, so the missing-field report is left out.
        let mut suggested: Vec<&str> = Vec::new();
        for (key, value) in entries {
            let child_path = join(path, &key.value);
            match properties.and_then(|p| p.get(&key.value)) {
                Some(child) => self.check(value, child, &child_path),
                None if closed => {
                    let mut diagnostic = Diagnostic::error(
                        "unknown-field",
                        key.span,
                        format!("unknown field `{}` in {}", key.value, describe_location(path)),
                    )
                    .with_label("not a field of the catalog format");
                    diagnostic = match did_you_mean(&key.value, known.iter().copied()) {
                        Some(suggestion) => {
                            suggested.push(suggestion);
                            diagnostic.with_help(format!("did you mean `{suggestion}`?"))
                        }
                        None => diagnostic.with_help(format!("expected one of: {}", list(&known))),
                    };
                    self.diagnostics.push(diagnostic);
                }
                None => {
                    if let Some(extra) = object.get("additionalProperties").filter(|s| s.is_object()) {
                        self.check(value, extra, &child_path);
                    }
                }
            }
        }
        if let Some(required) = object.get("required").and_then(Json::as_array) {
            for name in required.iter().filter_map(Json::as_str) {
                if !entries.iter().any(|(key, _)| key.value == name) && !suggested.contains(&name) {
                    let what = properties
                        .and_then(|p| p.get(name))
                        .map(|s| self.deref(s))
                        .and_then(|s| s.get("description"))
                        .and_then(Json::as_str)
                        .map(|d| format!(" ({})", d.lines().next().unwrap_or(d).trim_end_matches('.')))
                        .unwrap_or_default();
                    self.diagnostics.push(
                        Diagnostic::error(
                            "missing-field",
                            node.span,
                            format!("missing field `{name}` in {}", describe_location(path)),
                        )
                        .with_label(format!("`{name}` required here"))
                        .with_help(format!("add `{name}`{what}")),
                    );
                }
            }
        }
    }

    fn check_branches(&mut self, node: &Node, branches: &[Json], path: &str) {
        // An enum whose variants carry descriptions comes out as `oneOf` of constants.
        let constants: Vec<Json> = branches.iter().filter_map(|b| self.deref(b).get("const")).cloned().collect();
        if constants.len() == branches.len() {
            self.check_enum(node, &constants, path);
            return;
        }
        let mut best: Option<Vec<Diagnostic>> = None;
        for branch in branches {
            let mut found = Vec::new();
            SchemaWalker { root: self.root, diagnostics: &mut found }.check(node, branch, path);
            if found.is_empty() {
                return;
            }
            // Prefer the branch whose type matches: its errors are about the content.
            let branch = self.deref(branch);
            let type_ok = branch.get("type").is_none_or(|t| type_matches(&node.kind, t));
            if type_ok
                && best.as_ref().is_none_or(|b| found.len() < b.len() || b.iter().any(|d| d.rule == "wrong-type"))
            {
                best = Some(found);
            }
        }
        if let Some(found) = best.filter(|found| !found.iter().all(|d| d.rule == "wrong-type")) {
            self.diagnostics.extend(found);
            return;
        }
        // No branch matched the node's type: report the alternatives.
        let types: Vec<String> =
            branches.iter().map(|b| self.deref(b)).filter_map(|b| b.get("type")).map(describe_type).collect();
        self.diagnostics.push(Diagnostic::error(
            "wrong-type",
            node.span,
            format!("`{}` must be {}, found {}", display_path(path), types.join(" or "), node.kind.describe()),
        ));
    }

    fn check_enum(&mut self, node: &Node, values: &[Json], path: &str) {
        let accepted = values.iter().any(|value| match (&node.kind, value) {
            (NodeKind::Str(text), Json::String(expected)) => text == expected,
            (NodeKind::Int(number), Json::Number(expected)) => expected.as_i64().map(i128::from) == Some(*number),
            (NodeKind::Bool(flag), Json::Bool(expected)) => flag == expected,
            (NodeKind::Null, Json::Null) => true,
            _ => false,
        });
        if accepted {
            return;
        }
        let names: Vec<&str> = values.iter().filter_map(Json::as_str).collect();
        let found = match &node.kind {
            NodeKind::Str(text) => format!("`{text}`"),
            other => other.describe().to_owned(),
        };
        let mut diagnostic = Diagnostic::error(
            "unknown-value",
            node.span,
            format!("`{}` must be one of {}, found {found}", display_path(path), list(&names)),
        );
        if let NodeKind::Str(text) = &node.kind
            && let Some(suggestion) = did_you_mean(text, names.iter().copied())
        {
            diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
        }
        self.diagnostics.push(diagnostic);
    }

    fn check_range(&mut self, span: Span, value: i128, object: &serde_json::Map<String, Json>, path: &str) {
        let minimum = object.get("minimum").and_then(Json::as_f64);
        let maximum = object.get("maximum").and_then(Json::as_f64);
        let too_small = minimum.is_some_and(|min| (value as f64) < min);
        let too_large = maximum.is_some_and(|max| (value as f64) > max);
        if too_small || too_large {
            let range = match (minimum, maximum) {
                (Some(min), Some(max)) => format!("between {min} and {max}"),
                (Some(min), None) => format!("at least {min}"),
                (None, Some(max)) => format!("at most {max}"),
                (None, None) => String::new(),
            };
            self.diagnostics.push(Diagnostic::error(
                "out-of-range",
                span,
                format!("`{}` must be {range}, found {value}", display_path(path)),
            ));
        }
    }
}

fn type_matches(kind: &NodeKind, expected: &Json) -> bool {
    let one = |name: &str| {
        matches!(
            (name, kind),
            ("null", NodeKind::Null)
                | ("boolean", NodeKind::Bool(_))
                | ("integer", NodeKind::Int(_))
                | ("number", NodeKind::Int(_) | NodeKind::Float(_))
                | ("string", NodeKind::Str(_))
                | ("array", NodeKind::Seq(_))
                | ("object", NodeKind::Map(_))
        )
    };
    match expected {
        Json::String(name) => one(name),
        Json::Array(names) => names.iter().filter_map(Json::as_str).any(one),
        _ => true,
    }
}

fn describe_type(expected: &Json) -> String {
    let one = |name: &str| match name {
        "null" => "nothing",
        "boolean" => "a boolean",
        "integer" => "an integer",
        "number" => "a number",
        "string" => "a string",
        "array" => "a list",
        "object" => "a mapping",
        _ => "a value",
    };
    match expected {
        Json::String(name) => one(name).to_owned(),
        Json::Array(names) => {
            names.iter().filter_map(Json::as_str).filter(|n| *n != "null").map(one).collect::<Vec<_>>().join(" or ")
        }
        _ => "a value".to_owned(),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") }
}

fn display_path(path: &str) -> &str {
    if path.is_empty() { "the catalog" } else { path }
}

fn describe_location(path: &str) -> String {
    if path.is_empty() { "the catalog's top level".to_owned() } else { format!("`{path}`") }
}

fn list(names: &[&str]) -> String {
    names.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
}
