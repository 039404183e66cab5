//! The guides: best practices and troubleshooting entries, whose ids, texts, related codes
//! and links must hold up.

use std::collections::HashMap;

use super::{Checker, Context, values};
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::{Practice, Problem};
use crate::raw::RawCatalog;
use crate::span::Span;

impl Checker {
    /// Checks the best-practice entries: kebab-case, unique ids and non-empty titles.
    pub(super) fn practices(&mut self, raw: &RawCatalog) -> Vec<Practice> {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        raw.practices
            .iter()
            .map(|practice| {
                self.kebab_id(&practice.id, "practice");
                self.unique_id(&mut seen, &practice.id, "practice");
                self.required_text(&practice.title, "practices[].title");
                Practice {
                    id: practice.id.value.clone(),
                    title: practice.title.value.clone(),
                    rule: practice.rule.value.clone(),
                    points: values(&practice.points),
                }
            })
            .collect()
    }

    /// Checks the troubleshooting entries: ids, problem text, and that their related codes
    /// and links exist, since the docs link to them.
    pub(super) fn troubleshooting(&mut self, raw: &RawCatalog, context: &Context<'_>) -> Vec<Problem> {
        let mut seen: HashMap<&str, Span> = HashMap::new();
        raw.troubleshooting
            .iter()
            .map(|problem| {
                self.kebab_id(&problem.id, "troubleshooting entry");
                self.unique_id(&mut seen, &problem.id, "troubleshooting entry");
                self.required_text(&problem.problem, "troubleshooting[].problem");
                for code in &problem.related_codes {
                    if !context.code_set.contains(code.value.as_str()) {
                        let mut diagnostic = Diagnostic::error(
                            "unknown-code",
                            code.span,
                            format!("related code `{}` is not in the catalog", code.value),
                        );
                        if let Some(suggestion) = did_you_mean(&code.value, context.code_names.iter().copied()) {
                            diagnostic = diagnostic.with_help(format!("did you mean `{suggestion}`?"));
                        }
                        self.push(diagnostic);
                    }
                }
                for see in &problem.see {
                    self.link_reference(see, &context.links);
                }
                Problem {
                    id: problem.id.value.clone(),
                    problem: problem.problem.value.clone(),
                    symptoms: values(&problem.symptoms),
                    checklist: values(&problem.checklist),
                    solutions: values(&problem.solutions),
                    related_codes: values(&problem.related_codes),
                    see: values(&problem.see),
                }
            })
            .collect()
    }
}
