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

    /// `yaml_str` (a double-quoted scalar) and `yaml_flow` (any value as one flow node).
    fn register_filters(&self, env: &mut minijinja::Environment<'_>) {
        env.add_filter("yaml_str", |s: &str| crate::targets::yaml::string_literal(s));
        env.add_filter("yaml_flow", |value: &minijinja::Value| -> Result<String, minijinja::Error> {
            let json: serde_json::Value = serde_json::to_value(value).map_err(|e| {
                minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, format!("cannot serialize to YAML: {e}"))
            })?;
            Ok(crate::targets::yaml::flow(&json))
        });
    }
}
