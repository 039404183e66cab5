//! Drafts made into one catalog the validator accepts: duplicate ids and names dropped,
//! names that would clash once converted to some language's identifiers dropped,
//! references (statuses, categories, links, related codes) resolved by index into what was
//! kept, message templates built from the declared fields, and example bodies that agree
//! with their code.

use std::collections::HashSet;

use serde_json::Value as Json;

use errcat::validate::{GENERATED_TYPE_NAMES, MAX_CODE_LEN, clash_key, is_code_name};

use errcat::wire::{MemberChoices, Parts, Profile, ProfileKind};

use super::strategies::{CodeDraft, Drafts, FieldDraft, WireDraft};
use super::{HostileCatalog, Yaml};

/// Builds a consistent catalog from independent drafts: duplicates dropped, references
/// resolved by index, message templates built from declared fields.
pub(super) fn assemble(drafts: Drafts) -> HostileCatalog {
    let (name, description, docs_path, email_local, self_service, checklist, headers, uploads, links, tip) = drafts.api;
    let mut api = vec![("name".to_owned(), Yaml::Str(format!("{}{}", name.0, name.1.unwrap_or_default())))];
    if let Some(description) = description {
        api.push(("description".into(), Yaml::Str(description)));
    }
    api.push(("docs_url".into(), Yaml::Str(format!("https://docs.example.com/{docs_path}"))));
    api.push((
        "support".into(),
        Yaml::Map(vec![
            ("email".into(), Yaml::Str(format!("{email_local}@example.com"))),
            ("self_service".into(), Yaml::strs(&self_service)),
            ("request_checklist".into(), Yaml::strs(&checklist)),
        ]),
    ));
    let header_keys = ["authorization", "auth_scheme", "retry_after", "request_id"];
    // TODO(issue 4): the OpenAPI template names header components after the header with
    // `!#$%&'*+^`|~` made `_`, without deduplicating: `X-$` and `X-~` would be one key.
    // Until it does, the retry-after and request-id headers differ once so converted.
    let component = |h: &str| h.replace(|c: char| !(c.is_ascii_alphanumeric() || "-._".contains(c)), "_");
    let mut headers = headers;
    if component(&headers[2]) == component(&headers[3]) {
        headers[3] = format!("{}-Id", headers[3]);
    }
    api.push((
        "headers".into(),
        Yaml::Map(header_keys.iter().zip(&headers).map(|(k, v)| ((*k).to_owned(), Yaml::str(v))).collect()),
    ));
    if let Some((formats, max_size_mb, large_files, content_type)) = uploads {
        let mut map =
            vec![("formats".into(), Yaml::strs(&formats)), ("max_size_mb".into(), Yaml::Int(max_size_mb.into()))];
        if let Some(text) = large_files {
            map.push(("large_files".into(), Yaml::Str(text)));
        }
        if let Some(text) = content_type {
            map.push(("content_type".into(), Yaml::Str(text)));
        }
        api.push(("uploads".into(), Yaml::Map(map)));
    }
    let mut link_ids: Vec<String> = Vec::new();
    let mut link_nodes = Vec::new();
    for (id, title, url, description) in links {
        if link_ids.contains(&id) {
            continue;
        }
        link_ids.push(id.clone());
        let mut map =
            vec![("id".into(), Yaml::Str(id)), ("title".into(), Yaml::Str(title)), ("url".into(), Yaml::Str(url))];
        if let Some(description) = description {
            map.push(("description".into(), Yaml::Str(description)));
        }
        link_nodes.push(Yaml::Map(map));
    }
    api.push(("links".into(), Yaml::Seq(link_nodes)));
    if let Some(tip) = tip {
        api.push(("tip".into(), Yaml::Str(tip)));
    }

    let (wire, profile) = wire_section(drafts.wire);
    let docs_base = format!("https://docs.example.com/{docs_path}");
    let docs_base = if docs_base.ends_with('/') { docs_base } else { format!("{docs_base}/") };

    let mut statuses: Vec<(u16, &'static str)> = Vec::new();
    let mut status_nodes = Vec::new();
    let mut status_rows = drafts.statuses;
    // Codes need an error status; one that the drawn rows cannot clash with comes last.
    status_rows.push((599, "Errcat Fallback Status".into(), String::new(), String::new(), "backoff"));
    let mut response_names: Vec<String> = Vec::new();
    let fallback = status_rows.len() - 1;
    for (index, (code, name, meaning, action, retry)) in status_rows.into_iter().enumerate() {
        let last_resort = index == fallback;
        if statuses.iter().any(|(c, _)| *c == code) || (last_resort && statuses.iter().any(|(c, _)| *c >= 400)) {
            continue;
        }
        // TODO(issue 4): the OpenAPI template names a response after its status's reason
        // phrase in UpperCamelCase, unquoted and not deduplicated: `Null`, `True` or two
        // statuses named `Bad Request` and `bad request` break the document. Until the
        // template quotes and deduplicates these keys, such catalogs are not drawn.
        let response_name = errcat::targets::words::upper_camel(&name);
        let yaml_word = ["Null", "NULL", "True", "TRUE", "False", "FALSE"].contains(&response_name.as_str());
        if code >= 400 && !last_resort && (yaml_word || response_names.contains(&response_name)) {
            continue;
        }
        response_names.push(response_name);
        statuses.push((code, retry));
        status_nodes.push(Yaml::Map(vec![
            ("code".into(), Yaml::Int(code.into())),
            ("name".into(), Yaml::Str(name)),
            ("meaning".into(), Yaml::Str(meaning)),
            ("action".into(), Yaml::Str(action)),
            ("retry".into(), Yaml::str(retry)),
        ]));
    }
    let error_statuses: Vec<(u16, &'static str)> = statuses.iter().copied().filter(|(c, _)| *c >= 400).collect();

    // Every generated identifier taken so far, in any language: stricter than the
    // validator, so every catalog drawn here passes it.
    let mut taken: HashSet<String> = GENERATED_TYPE_NAMES.iter().map(|n| (*n).to_owned()).collect();
    let mut category_ids: Vec<String> = Vec::new();
    let mut category_nodes = Vec::new();
    for (id, title, description, star) in drafts.categories {
        let camel = errcat::targets::words::upper_camel(&id);
        let names = [format!("{camel}Error"), format!("Category{camel}")];
        if category_ids.contains(&id) || names.iter().any(|n| taken.contains(n)) {
            continue;
        }
        taken.extend(names);
        category_ids.push(id.clone());
        let mut map = vec![("id".into(), Yaml::Str(id)), ("title".into(), Yaml::Str(title))];
        if let Some(description) = description {
            map.push(("description".into(), Yaml::Str(description)));
        }
        if star {
            map.push(("patterns".into(), Yaml::Seq(vec![Yaml::str("*")])));
        }
        category_nodes.push(Yaml::Map(map));
    }
    if category_ids.is_empty() {
        category_ids.push("general".into());
        category_nodes
            .push(Yaml::Map(vec![("id".into(), Yaml::str("general")), ("title".into(), Yaml::str("General"))]));
    }

    let mut code_names: Vec<String> = Vec::new();
    let mut code_nodes = Vec::new();
    for (index, draft) in drafts.codes.into_iter().enumerate() {
        let Some(node) = code_node(
            draft,
            index,
            &error_statuses,
            &category_ids,
            &link_ids,
            &mut taken,
            &mut code_names,
            (&profile, &docs_base),
        ) else {
            continue;
        };
        code_nodes.push(node);
    }
    if code_nodes.is_empty() {
        let name = "FALLBACK_CODE_ONLY".to_owned();
        let (status, _) = error_statuses[0];
        code_nodes.push(Yaml::Map(vec![
            ("code".into(), Yaml::Str(name.clone())),
            ("status".into(), Yaml::Int(status.into())),
            ("category".into(), Yaml::Str(category_ids[0].clone())),
            ("title".into(), Yaml::str("Fallback")),
            ("message".into(), Yaml::str("Fallback")),
            ("summary".into(), Yaml::str("Fallback")),
            ("description".into(), Yaml::str("")),
            ("solution".into(), Yaml::str("")),
        ]));
        code_names.push(name);
    }

    let (max_attempts, initial_delay_ms, multiplier, max_delay_ms, jitter, default_retry_after, max_total, network) =
        drafts.policy;
    let policy = Yaml::Map(vec![
        ("max_attempts".into(), Yaml::Int(max_attempts.into())),
        ("initial_delay_ms".into(), Yaml::Int(initial_delay_ms.into())),
        ("multiplier".into(), Yaml::Float(multiplier)),
        ("max_delay_ms".into(), Yaml::Int(max_delay_ms.into())),
        ("jitter".into(), Yaml::str(jitter)),
        ("default_retry_after_seconds".into(), Yaml::Int(default_retry_after.into())),
        ("max_total_delay_seconds".into(), Yaml::Int(max_total.into())),
        ("retry_network_errors".into(), Yaml::Bool(network)),
    ]);

    let (logging, practices, problems) = drafts.guide;
    let mut root = vec![
        ("format".to_owned(), Yaml::Int(1)),
        ("api".into(), Yaml::Map(api)),
        ("wire".into(), Yaml::Map(wire)),
        ("statuses".into(), Yaml::Seq(status_nodes)),
        ("categories".into(), Yaml::Seq(category_nodes)),
        ("codes".into(), Yaml::Seq(code_nodes)),
        ("retry_policy".into(), policy),
    ];
    if let Some(fields) = logging {
        root.push(("logging".into(), Yaml::Map(vec![("fields".into(), Yaml::strs(&fields))])));
    }
    let mut practice_ids = Vec::new();
    let mut practice_nodes = Vec::new();
    for (id, title, rule, points) in practices {
        if practice_ids.contains(&id) {
            continue;
        }
        practice_ids.push(id.clone());
        practice_nodes.push(Yaml::Map(vec![
            ("id".into(), Yaml::Str(id)),
            ("title".into(), Yaml::Str(title)),
            ("rule".into(), Yaml::Str(rule)),
            ("points".into(), Yaml::strs(&points)),
        ]));
    }
    root.push(("practices".into(), Yaml::Seq(practice_nodes)));
    let mut problem_ids = Vec::new();
    let mut problem_nodes = Vec::new();
    for (id, problem, symptoms, checklist, solutions, related, see) in problems {
        if problem_ids.contains(&id) {
            continue;
        }
        problem_ids.push(id.clone());
        let related: Vec<String> = related.iter().map(|i| code_names[i % code_names.len()].clone()).collect();
        let see: Vec<String> = if link_ids.is_empty() {
            Vec::new()
        } else {
            see.iter().map(|i| link_ids[i % link_ids.len()].clone()).collect()
        };
        problem_nodes.push(Yaml::Map(vec![
            ("id".into(), Yaml::Str(id)),
            ("problem".into(), Yaml::Str(problem)),
            ("symptoms".into(), Yaml::strs(&symptoms)),
            ("checklist".into(), Yaml::strs(&checklist)),
            ("solutions".into(), Yaml::strs(&solutions)),
            ("related_codes".into(), Yaml::strs(&related)),
            ("see".into(), Yaml::strs(&see)),
        ]));
    }
    root.push(("troubleshooting".into(), Yaml::Seq(problem_nodes)));
    HostileCatalog { root: Yaml::Map(root) }
}

/// The `wire` section and the profile it chooses: member names kept where the profile
/// lets them be chosen and they are distinct (and, in `problem`, not a standard member).
fn wire_section(draft: WireDraft) -> (Vec<(String, Yaml)>, Profile) {
    let kind = match draft.profile {
        "problem" => ProfileKind::Problem,
        "google" => ProfileKind::Google,
        "nested" => ProfileKind::Nested,
        _ => ProfileKind::Flat,
    };
    let keys = ["error", "message", "error_code", "details", "retry_after", "doc_url"];
    let renamable = |key: &str| match kind {
        ProfileKind::Flat => true,
        ProfileKind::Problem => key == "error_code" || key == "retry_after",
        ProfileKind::Google | ProfileKind::Nested => false,
    };
    // Chosen names differ from each other and from every member's default name.
    let defaults = Profile::new(kind, &MemberChoices::default(), "");
    let mut used: Vec<String> = match kind {
        ProfileKind::Flat => defaults.flat_member_names().iter().map(|n| (*n).to_owned()).collect(),
        _ => defaults.reserved.clone(),
    };
    used.push("doc_url".into());
    let mut names: Vec<Option<String>> = Vec::new();
    for (key, name) in keys.iter().zip(draft.names.iter().chain(std::iter::repeat(&None))) {
        let standard = kind == ProfileKind::Problem
            && name.as_deref().is_some_and(|n| ["type", "title", "status", "detail", "instance"].contains(&n));
        let keep = name.clone().filter(|n| renamable(key) && !standard && !used.contains(n));
        used.extend(keep.clone());
        names.push(keep);
    }
    let mut wire = vec![("profile".to_owned(), Yaml::str(draft.profile))];
    if let Some(description) = draft.description {
        wire.push(("description".into(), Yaml::Str(description)));
    }
    let documented = draft.fields.into_iter().map(Some).chain(std::iter::repeat(None));
    for ((key, name), field) in keys.iter().zip(&names).zip(documented) {
        let mut member = Vec::new();
        if let Some(name) = name {
            member.push(("name".to_owned(), Yaml::Str(name.clone())));
        }
        if let Some((description, example)) = field {
            member.push(("description".into(), Yaml::Str(description)));
            member.push(("example".into(), Yaml::from_json(&example)));
        }
        if !member.is_empty() {
            wire.push(((*key).to_owned(), Yaml::Map(member)));
        }
    }
    let domain = draft.domain.filter(|_| kind == ProfileKind::Google);
    if let Some(domain) = &domain {
        wire.push(("domain".into(), Yaml::Str(domain.clone())));
    }
    let [title, message, code, details, retry_after, doc_url]: [Option<String>; 6] =
        names.try_into().unwrap_or_default();
    let choices = MemberChoices { title, message, code, details, retry_after, doc_url };
    // The validator's default domain is the docs host, `docs.example.com` here.
    let profile = Profile::new(kind, &choices, domain.as_deref().unwrap_or("docs.example.com"));
    (wire, profile)
}

/// One code's node, or `None` when its name is taken (or would clash once converted).
/// `(profile, docs_base)`: the body's profile, and `api.docs_url` ending in `/`.
#[allow(clippy::too_many_arguments)]
fn code_node(
    draft: CodeDraft,
    index: usize,
    statuses: &[(u16, &'static str)],
    categories: &[String],
    links: &[String],
    taken: &mut HashSet<String>,
    code_names: &mut Vec<String>,
    (profile, docs_base): (&Profile, &str),
) -> Option<Yaml> {
    let name = draft.name;
    if !is_code_name(&name) || name.chars().count() > MAX_CODE_LEN {
        return None;
    }
    let mut generated = errcat::names::clashes::declared_code_names(&name);
    // Codes that differ only in case or punctuation (`AB_C`, `A_BC`) are a `case-clash`;
    // their shared letters are taken like a name (with a prefix no identifier has).
    generated.push(format!("case-clash:{}", clash_key(&name)));
    if code_names.contains(&name) || generated.iter().any(|g| taken.contains(g.as_str())) {
        return None;
    }
    taken.extend(generated);
    code_names.push(name.clone());

    let (status, status_retry) = statuses[draft.status_pick % statuses.len()];
    let category = categories[draft.category_pick % categories.len()].clone();
    let retry = draft.retry.unwrap_or(status_retry);
    // `retry_after` only where the code is retried after a delay (else a warning).
    let retry_after = draft.retry_after.filter(|_| retry == "after_delay");

    let mut fields: Vec<FieldDraft> = Vec::new();
    for field in draft.fields {
        // Two fields whose identifiers agree in some language, or that differ only in case
        // or punctuation (`a_1` and `a1`, both `A1` in Go), are refused by the validator:
        // keep the first.
        let identifiers = errcat::names::clashes::field_identifiers(&field.name);
        let clashes = |f: &FieldDraft| {
            clash_key(&f.name) == clash_key(&field.name)
                || errcat::names::clashes::field_identifiers(&f.name).iter().zip(&identifiers).any(|(a, b)| a == b)
        };
        // Where details fields are members of the error object, none may take a member's name.
        let reserved = profile.reserved.contains(&field.name);
        if field.name == "retry_after" || reserved || fields.iter().any(clashes) {
            continue;
        }
        fields.push(field);
    }
    // Placeholders: declared fields, and `retry_after` when the code carries one.
    let mut placeholders: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
    if retry_after.is_some() {
        placeholders.push("retry_after".into());
    }
    let mut parts: Vec<(bool, String)> = Vec::new();
    for (i, literal) in draft.literals.iter().enumerate() {
        parts.push((false, literal.clone()));
        if let Some(pick) = draft.placeholder_picks.get(i)
            && !placeholders.is_empty()
        {
            parts.push((true, placeholders[pick % placeholders.len()].clone()));
        }
    }
    // A message-only field the message does not use only earns a warning; use them all.
    for field in fields.iter().filter(|f| f.message_only) {
        if !parts.iter().any(|(is_field, name)| *is_field && *name == field.name) {
            parts.push((true, field.name.clone()));
        }
    }
    let mut message: String = parts
        .iter()
        .map(
            |(is_field, text)| {
                if *is_field { format!("{{{text}}}") } else { text.replace('{', "{{").replace('}', "}}") }
            },
        )
        .collect();
    if message.trim().is_empty() {
        message = format!("Message {index}{message}");
        parts.insert(0, (false, format!("Message {index}")));
    }

    let mut map = vec![
        ("code".to_owned(), Yaml::Str(name.clone())),
        ("status".into(), Yaml::Int(status.into())),
        ("category".into(), Yaml::Str(category)),
        ("title".into(), Yaml::Str(draft.title.clone())),
        ("message".into(), Yaml::Str(message)),
        ("summary".into(), Yaml::Str(draft.summary)),
        ("heading".into(), draft.heading.map_or(Yaml::Null, Yaml::Str)),
        ("description".into(), Yaml::Str(draft.description)),
        ("causes".into(), Yaml::strs(&draft.causes)),
        ("solution".into(), Yaml::Str(draft.solution)),
        ("solution_steps".into(), Yaml::strs(&draft.solution_steps)),
    ];
    if let Some(mode) = draft.retry {
        map.push(("retry".into(), Yaml::str(mode)));
    }
    if let Some(path) = &draft.doc_path {
        map.push(("doc_url".into(), Yaml::Str(path.clone())));
    }
    if let Some(grpc) = draft.grpc {
        map.push(("grpc".into(), Yaml::str(grpc)));
    }
    // The documentation URL and gRPC status the validator gives the code, for its example.
    let doc_url = match &draft.doc_path {
        Some(path) => format!("{docs_base}{}", path.trim_start_matches('/')),
        None => format!("{docs_base}errors#{}", name.to_ascii_lowercase()),
    };
    let grpc = draft.grpc.unwrap_or_else(|| errcat::wire::grpc_status_of_http(status));
    let category_id = map
        .iter()
        .find(|(key, _)| key == "category")
        .and_then(|(_, value)| if let Yaml::Str(id) = value { Some(id.clone()) } else { None })
        .unwrap_or_default();
    if let Some(seconds) = retry_after {
        map.push(("retry_after".into(), Yaml::Int(seconds.into())));
    }
    if !fields.is_empty() {
        let nodes = fields
            .iter()
            .map(|f| {
                let mut node = vec![
                    ("name".to_owned(), Yaml::Str(f.name.clone())),
                    ("type".into(), Yaml::str(f.ty)),
                    ("description".into(), Yaml::Str(f.description.clone())),
                ];
                if let Some(example) = &f.example {
                    node.push(("example".into(), Yaml::from_json(example)));
                }
                if f.optional {
                    node.push(("optional".into(), Yaml::Bool(true)));
                }
                if f.message_only {
                    node.push(("message_only".into(), Yaml::Bool(true)));
                }
                Yaml::Map(node)
            })
            .collect();
        map.push(("details".into(), Yaml::Seq(nodes)));
    }
    if let Some((key, ty, description)) = &draft.additional {
        map.push((
            "additional_details".into(),
            Yaml::Map(vec![
                ("key".into(), Yaml::Str(key.clone())),
                ("type".into(), Yaml::str(*ty)),
                ("description".into(), Yaml::Str(description.clone())),
            ]),
        ));
    }
    if draft.explicit_example
        && let Some(example) = explicit_example(
            Identity { name: &name, title: &draft.title, status, doc_url: &doc_url, grpc, category: &category_id },
            profile,
            &parts,
            &fields,
            retry_after,
            (&draft.additional, &draft.extra_detail_key),
        )
    {
        map.push(("example".into(), example));
    }
    if !links.is_empty() {
        let see: Vec<String> = draft.see_picks.iter().map(|i| links[i % links.len()].clone()).collect();
        map.push(("see".into(), Yaml::strs(&see)));
    }
    Some(Yaml::Map(map))
}

/// What a code's body says of the code itself.
struct Identity<'a> {
    /// The code.
    name: &'a str,
    /// Its title.
    title: &'a str,
    /// Its HTTP status.
    status: u16,
    /// Its documentation URL.
    doc_url: &'a str,
    /// Its gRPC status.
    grpc: &'a str,
    /// Its category id.
    category: &'a str,
}

/// A complete example body for a code in the profile's shape, the way the server would
/// send it, when every placeholder has an example value (message-only ones need non-empty
/// text).
fn explicit_example(
    code: Identity<'_>,
    profile: &Profile,
    parts: &[(bool, String)],
    fields: &[FieldDraft],
    retry_after: Option<u64>,
    (additional, extra_key): (&Option<(String, &'static str, String)>, &String),
) -> Option<Yaml> {
    let mut message = String::new();
    for (is_field, text) in parts {
        if !is_field {
            message.push_str(text);
            continue;
        }
        if text == "retry_after" {
            message.push_str(&retry_after?.to_string());
            continue;
        }
        let field = fields.iter().find(|f| f.name == *text)?;
        let filled = plain_text(field.example.as_ref()?);
        if field.message_only && filled.is_empty() {
            return None;
        }
        message.push_str(&filled);
    }
    let mut details = serde_json::Map::new();
    for field in fields.iter().filter(|f| !f.message_only) {
        details.insert(field.name.clone(), field.example.clone()?);
    }
    if let Some((_, ty, _)) = additional
        && !fields.iter().any(|f| f.name == *extra_key)
    {
        let value = match *ty {
            "string" => Json::String(extra_key.clone()),
            "integer" => Json::from(-7),
            "number" => Json::from(0.5),
            _ => Json::Array(vec![Json::Bool(true), Json::Bool(false)]),
        };
        details.insert(extra_key.clone(), value);
    }
    let body = profile.body(&Parts {
        title: Some(code.title),
        message: &message,
        code: code.name,
        details: Some(&details),
        retry_after,
        doc_url: Some(code.doc_url),
        status: code.status,
        grpc_status: code.grpc,
        category: code.category,
    });
    Some(Yaml::from_json(&body))
}

/// How the validator fills a value into a message: strings as they are, lists joined.
fn plain_text(value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        Json::Array(items) => items.iter().map(plain_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}
