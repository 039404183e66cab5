//! The OpenAPI target: an OpenAPI 3.1 fragment of the error responses
//! (`generated/openapi/errors.yaml`), from the templates in `templates/openapi/`.
//!
//! [`names`] holds its component schema names, its own rather than borrowed from a client.

pub mod names;

/// The OpenAPI target.
#[cfg(feature = "render")]
pub struct OpenApi;

#[cfg(feature = "render")]
impl crate::targets::Target for OpenApi {
    fn id(&self) -> crate::targets::TargetId {
        crate::targets::TargetId::OpenApi
    }

    fn name(&self) -> &'static str {
        "openapi"
    }

    fn describe(&self) -> &'static str {
        "OpenAPI 3.1 fragment: one schema per code, responses per status, headers"
    }

    /// `yaml_str` (a double-quoted scalar), `yaml_flow` (any value as one flow node) and
    /// `yaml_flow_without(keys)` (an object without some members, as one flow node: a
    /// body's details where they are members of the error object).
    fn register_filters(&self, env: &mut minijinja::Environment<'_>) {
        env.add_filter("yaml_str", |s: &str| crate::targets::yaml::string_literal(s));
        env.add_filter("yaml_flow", |value: &minijinja::Value| -> Result<String, minijinja::Error> {
            Ok(crate::targets::yaml::flow(&to_json(value)?))
        });
        env.add_filter(
            "yaml_flow_without",
            |value: &minijinja::Value, keys: Vec<String>| -> Result<String, minijinja::Error> {
                let mut json = to_json(value)?;
                if let Some(object) = json.as_object_mut() {
                    object.retain(|key, _| !keys.contains(key));
                }
                Ok(crate::targets::yaml::flow(&json))
            },
        );
    }
}

/// A template value as JSON.
#[cfg(feature = "render")]
fn to_json(value: &minijinja::Value) -> Result<serde_json::Value, minijinja::Error> {
    serde_json::to_value(value).map_err(|e| {
        minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, format!("cannot serialize to YAML: {e}"))
    })
}
