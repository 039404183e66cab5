//! The `localized` section of `conformance/vectors.json`: responses and the title and
//! message each client gives them in a locale.
//!
//! For every translation, its translated codes (at most [`MAX_CODES_PER_LOCALE`]) answer
//! with the code's example response; a code whose translated message chooses a plural
//! form on a number is answered once per [`PLURAL_SAMPLES`] value of it. Further cases
//! pin the lookup: the first code each translation lacks (its fallbacks' text, else the
//! source's), a tag in upper case with a variant (`DE-1996`), a language without a
//! translation and a message the server wrote itself. In the `google` profile, bodies
//! carrying an AIP-193 `LocalizedMessage` pin when a client takes the server's own
//! translation: of the locale asked for or a parent of it, not of another, not one of the
//! wrong shape. The expected texts come from the checked model, with the plural rules
//! errcat evaluates.

use serde_json::{Map, Value as Json, json};

use crate::locale::PluralRules;
use crate::model::{Catalog, Code, LocalizedTexts};
use crate::validate::plain_text;
use crate::wire::{LOCALIZED_MESSAGE_TYPE, Parts, ProfileKind};

/// Codes per locale with a case of their own.
pub const MAX_CODES_PER_LOCALE: usize = 50;
/// The numbers a plural choice is tried with: each category of every common language.
pub const PLURAL_SAMPLES: [u64; 12] = [0, 1, 2, 3, 5, 11, 12, 21, 22, 100, 101, 1_000_000];

/// The section: the locales and the cases.
pub fn section(catalog: &Catalog) -> Json {
    let locales: Vec<&str> = std::iter::once(catalog.locales.source.as_str())
        .chain(catalog.locales.translations.iter().map(|t| t.tag.as_str()))
        .collect();
    let mut cases = Vec::new();
    for translation in &catalog.locales.translations {
        for code in
            catalog.codes.iter().filter(|code| translation.codes.contains_key(&code.code)).take(MAX_CODES_PER_LOCALE)
        {
            let field = plural_field(&translation.codes[&code.code]);
            match field {
                Some(field) if number_field(code, &field) => {
                    for number in PLURAL_SAMPLES {
                        let name = format!("{}/{}/{field}={number}", translation.tag, code.code);
                        cases.push(case(catalog, code, &translation.tag, &name, Some((&field, number))));
                    }
                }
                _ => cases.push(case(
                    catalog,
                    code,
                    &translation.tag,
                    &format!("{}/{}", translation.tag, code.code),
                    None,
                )),
            }
        }
    }
    // The first code each translation lacks: its fallbacks' text, else the source's.
    for translation in &catalog.locales.translations {
        if let Some(code) = catalog.codes.iter().find(|code| !translation.codes.contains_key(&code.code)) {
            cases.push(case(
                catalog,
                code,
                &translation.tag,
                &format!("fallback/{}/{}", translation.tag, code.code),
                None,
            ));
        }
    }
    if let (Some(first), Some(code)) = (catalog.locales.translations.first(), catalog.codes.first()) {
        // Any case, and a variant the catalog lacks: looked up by its parents.
        let odd = format!("{}-1996", first.tag.to_ascii_uppercase());
        cases.push(case(catalog, code, &odd, &format!("lookup/{odd}/{}", code.code), None));
        // A message the server wrote itself stays as it was.
        let mut custom = case(catalog, code, &first.tag, &format!("custom-message/{}/{}", first.tag, code.code), None);
        let body = made_body(catalog, code, "Written by the server: disk 3 failed", None);
        custom["response"]["body"] = json!(serde_json::to_string(&body).unwrap_or_default());
        custom["expect"]["message"] = json!("Written by the server: disk 3 failed");
        cases.push(custom);
        if catalog.wire.profile.kind == ProfileKind::Google {
            let code = catalog.codes.iter().find(|code| first.codes.contains_key(&code.code)).unwrap_or(code);
            cases.extend(server_localized_cases(catalog, code, &first.tag));
        }
    }
    if let Some(code) = catalog.codes.first() {
        // A language without a translation: the catalog's own texts.
        cases.push(case(catalog, code, "zz", &format!("untranslated/zz/{}", code.code), None));
    }
    json!({ "source": catalog.locales.source, "locales": locales, "cases": cases })
}

/// `google` bodies of `code` with a `LocalizedMessage` detail, read in `tag` (a translated
/// locale): the server's message counts when its locale is the one asked for or a parent
/// of it; one in another locale, or of the wrong shape, leaves the catalog's translation.
fn server_localized_cases(catalog: &Catalog, code: &Code, tag: &str) -> Vec<Json> {
    let server_message = format!("Übersetzt vom Server ({tag}): {}", code.code);
    let entry = |locale: Json| json!({"@type": LOCALIZED_MESSAGE_TYPE, "locale": locale, "message": server_message});
    let variant = format!("{}-1996", tag.to_ascii_uppercase());
    let cases = [
        ("server-localized", tag, entry(json!(tag)), true),
        ("server-localized-parent", variant.as_str(), entry(json!(tag)), true),
        ("server-localized-other-locale", tag, entry(json!("ja")), false),
        ("server-localized-malformed", tag, entry(json!(7)), false),
    ];
    cases
        .into_iter()
        .map(|(group, asked, entry, taken)| {
            let mut case = case(catalog, code, asked, &format!("{group}/{asked}/{}", code.code), None);
            let sent = case["response"]["body"].as_str().and_then(|body| serde_json::from_str::<Json>(body).ok());
            if let Some(mut body) = sent {
                if let Some(details) = body.pointer_mut("/error/details").and_then(Json::as_array_mut) {
                    details.push(entry.clone());
                }
                case["response"]["body"] = json!(serde_json::to_string(&body).unwrap_or_default());
            }
            if entry["locale"].is_string() {
                case["expect"]["server_localized"] = json!({"locale": entry["locale"], "message": entry["message"]});
            }
            if taken {
                case["expect"]["message"] = entry["message"].clone();
            }
            case
        })
        .collect()
}

/// The field of the first plural choice of a translated message, if it has one.
fn plural_field(texts: &LocalizedTexts) -> Option<String> {
    texts.message.parts.iter().find_map(|part| match part {
        crate::model::MessagePart::Plural { field, .. } => Some(field.clone()),
        _ => None,
    })
}

/// Whether `field` of `code` holds a whole number (or is its `retry_after`).
fn number_field(code: &Code, field: &str) -> bool {
    (field == "retry_after" && code.retry_after.is_some())
        || code.fields.iter().any(|f| f.name == field && !f.ty.list && f.ty.scalar == crate::model::ScalarType::Integer)
}

/// One case: `code` answered (with `field` set to the number, when given), read in `locale`.
fn case(catalog: &Catalog, code: &Code, locale: &str, name: &str, number: Option<(&str, u64)>) -> Json {
    let values = values(code, number);
    let shown = |name: &str| values.get(name).map(plain_text).unwrap_or_default();
    let message = code.message.fill(shown);
    let body = made_body(catalog, code, &message, number);
    let mut headers = Map::new();
    headers.insert("Content-Type".to_owned(), json!(catalog.wire.profile.media_type));
    let retry_after = number.filter(|(field, _)| *field == "retry_after").map(|(_, n)| n).or(code.retry_after);
    if let Some(seconds) = retry_after {
        headers.insert(catalog.api.headers.retry_after.clone(), json!(seconds.to_string()));
    }
    let (title, template, localized) = match catalog.texts_in(&code.code, locale) {
        Some((texts, translation)) => {
            let rules = PluralRules::for_tag(&translation.tag);
            (texts.title.clone(), Some(texts.message.text.clone()), texts.message.fill_in(rules, shown))
        }
        None => (code.title.clone(), None, message.clone()),
    };
    json!({
        "name": name,
        "locale": locale,
        "response": {"status": code.status, "headers": headers, "body": serde_json::to_string(&body).unwrap_or_default()},
        "expect": {"code": code.code, "title": title, "template": template, "message": localized, "server_localized": null},
    })
}

/// The values of `code`'s placeholders: its fields' examples and its `retry_after`, with
/// `number` in place of one of them.
fn values(code: &Code, number: Option<(&str, u64)>) -> Map<String, Json> {
    let mut values: Map<String, Json> = code.fields.iter().map(|f| (f.name.clone(), f.example.clone())).collect();
    if let Some(seconds) = code.retry_after {
        values.insert("retry_after".to_owned(), json!(seconds));
    }
    if let Some((field, number)) = number {
        values.insert(field.to_owned(), json!(number));
    }
    values
}

/// The body of `code` in the catalog's profile with `message`, its fields' examples as
/// details (with `number` in place of one), and its retry delay.
fn made_body(catalog: &Catalog, code: &Code, message: &str, number: Option<(&str, u64)>) -> Json {
    let values = values(code, number);
    let details: Map<String, Json> = code
        .fields
        .iter()
        .filter(|f| !f.message_only)
        .filter_map(|f| values.get(&f.name).map(|v| (f.name.clone(), v.clone())))
        .collect();
    let retry_after = values.get("retry_after").and_then(Json::as_u64).filter(|_| code.retry_after.is_some());
    catalog.wire.profile.body(&Parts {
        title: Some(&code.title),
        message,
        code: &code.code,
        details: (!details.is_empty()).then_some(&details),
        retry_after,
        doc_url: None,
        status: code.status,
        grpc_status: &code.grpc_status,
        category: &code.category,
    })
}
