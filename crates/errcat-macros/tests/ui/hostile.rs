// Hostile catalog text (quotes, comment ends, line breaks, NUL, U+2028, bidi controls,
// a BOM, code fences) compiles and reads back as exactly the catalog's text.

errcat_macros::catalog!("tests/ui/hostile.yaml");

const T: &str = "Quote \" end */ start /* back \\ nl \n cr \r nul \0 ls \u{2028} ps \u{2029} rlo \u{202E} \
                 isolate \u{2066} bom \u{FEFF} nel \u{85} tab \t crab 🦀 fence ``` [link] <b> #[doc = \"x\"]";

fn main() {
    let code = ErrorCode::HostileText;
    assert_eq!(code.title(), T);
    assert_eq!(code.summary(), T);
    assert_eq!(code.category().title(), T);
    let error = ApiError::hostile_text(HostileTextDetails { detail: T.to_owned(), count: 2.5 });
    let message = format!("Msg {{braces}} \" */ \\ \n \0 \u{2028} \u{202E} \u{FEFF} 🦀 {T} and 2.5");
    assert_eq!(error.message, message);
    assert_eq!(error.title.as_deref(), Some(T));
    let body = serde_json::to_value(&error).unwrap();
    assert_eq!(body["details"]["detail"], T);
    let back: ApiError = serde_json::from_value(body).unwrap();
    assert_eq!(back, error);
}
