//! Our signer against vectors produced by an independent one (botocore with a frozen clock; see
//! tests/vectors/README.md). Every header we send must match what botocore computed, byte for byte.

use assume_role_wasm::params::SourceCredentials;
use assume_role_wasm::secret::Secret;
use assume_role_wasm::sign::sign_post;
use serde_json::Value;

#[test]
fn matches_botocore() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors/sigv4.json")).unwrap();
    let cases: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert!(cases.len() >= 7, "expected the full vector set");
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let input = &case["input"];
        let expected = &case["expected"];
        let s = |k: &str| input[k].as_str().unwrap().to_owned();
        let source = SourceCredentials {
            access_key_id: s("accessKeyId"),
            secret_access_key: Secret::new(s("secretAccessKey")),
            session_token: input["sessionToken"].as_str().map(Secret::from),
            expiration: None,
        };
        let url = format!("{}://{}{}", s("scheme"), s("host"), s("path"));
        let ms = input["epochSeconds"].as_u64().unwrap() * 1000;
        let headers = sign_post(&url, &s("region"), &source, &s("body"), ms).unwrap();
        let get = |n: &str| headers.iter().find(|(k, _)| *k == n).map(|(_, v)| v.as_str());
        assert_eq!(
            get("authorization"),
            expected["authorization"].as_str(),
            "{name}: authorization"
        );
        assert_eq!(get("x-amz-date"), expected["x-amz-date"].as_str(), "{name}: x-amz-date");
        assert_eq!(
            get("x-amz-security-token"),
            expected["x-amz-security-token"].as_str(),
            "{name}: token"
        );
        assert_eq!(
            get("content-type"),
            input["contentType"].as_str(),
            "{name}: content-type"
        );
    }
}
