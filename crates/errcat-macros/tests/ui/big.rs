// A synthetic catalog of 600 codes (written by `compiletest.rs`): more than `FromStr`
// matches with a `match`, so it looks codes up in a perfect hash table; details structs
// of every field type, optional fields and flattened maps.

errcat_macros::catalog!("tests/ui/big.yaml");

fn main() {
    assert_eq!(ErrorCode::ALL.len(), 600);
    assert_eq!(std::mem::size_of::<ErrorCode>(), 2);
    for code in ErrorCode::ALL {
        let wire = code.as_str();
        assert_eq!(wire.parse::<ErrorCode>(), Ok(code));
        assert_eq!(serde_json::from_value::<ErrorCode>(serde_json::json!(wire)).unwrap(), code);
        // Near misses are unknown: a prefix, an extension, another case.
        assert!(wire[..wire.len() - 1].parse::<ErrorCode>().is_err());
        assert!(format!("{wire}_").parse::<ErrorCode>().is_err());
        assert!(wire.to_lowercase().parse::<ErrorCode>().is_err());
        assert!(code.category().codes().any(|c| c == code));
        let error = ApiError::new(code, "m");
        assert_eq!(error.code(), Some(code));
        assert_eq!(error.status(), code.status());
        // The reference's URL of each code, built on first use.
        let url = format!("https://docs.synthetic.example/errors#{}", wire.to_ascii_lowercase());
        assert_eq!(code.doc_url(), url);
        assert_eq!(error.doc_url(), Some(url.as_str()));
        assert!(!code.grpc_status().is_empty());
    }
    for text in ["", "A", "NOT_A_CODE", "ÉTÉ", "BILLING"] {
        assert_eq!(text.parse::<ErrorCode>().unwrap_err().as_str(), text);
    }
}
