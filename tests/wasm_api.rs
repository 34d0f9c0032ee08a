//! The JS API through the real runtime's `fetch`: run by wasm-bindgen-test-runner in Node, in headless
//! Chromium (window) and in a dedicated worker (see tests/stages/20-wasm.sh), against a moto server with
//! auth enforced whose address and Bob's keys are baked in at compile time by tests/support/with-moto.mjs.
#![cfg(target_arch = "wasm32")]

use assume_role_wasm::wasm::call;
use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn env(name: &str, value: Option<&'static str>) -> &'static str {
    value.unwrap_or_else(|| panic!("{name} is not set: run through tests/support/with-moto.mjs"))
}

fn bob() -> Object {
    let o = Object::new();
    set(
        &o,
        "accessKeyId",
        env("ARW_TEST_KEY_ID", option_env!("ARW_TEST_KEY_ID")),
    );
    set(
        &o,
        "secretAccessKey",
        env("ARW_TEST_SECRET", option_env!("ARW_TEST_SECRET")),
    );
    set(
        &o,
        "endpoint",
        env("ARW_TEST_ENDPOINT", option_env!("ARW_TEST_ENDPOINT")),
    );
    o
}

// The generated JS functions (js/operations.js) are `call(action, opts)`; so are these.
async fn assume_role(opts: JsValue) -> Result<JsValue, JsValue> {
    call("AssumeRole".into(), opts).await
}
async fn get_caller_identity(opts: JsValue) -> Result<JsValue, JsValue> {
    call("getCallerIdentity".into(), opts).await
}
async fn get_session_token(opts: JsValue) -> Result<JsValue, JsValue> {
    call("GetSessionToken".into(), opts).await
}

fn set(o: &Object, key: &str, value: impl Into<JsValue>) {
    Reflect::set(o, &key.into(), &value.into()).unwrap();
}

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.')
        .fold(v.clone(), |v, k| Reflect::get(&v, &k.into()).unwrap())
}

fn text(v: &JsValue, path: &str) -> String {
    get(v, path)
        .as_string()
        .unwrap_or_else(|| panic!("{path} is not a string"))
}

#[wasm_bindgen_test]
async fn walkthrough_who_am_i_assume_verify() {
    let me = get_caller_identity(bob().into()).await.unwrap();
    assert_eq!(text(&me, "arn"), "arn:aws:iam::123456789012:user/Bob");
    assert_eq!(text(&me, "account"), "123456789012");

    let opts = bob();
    set(&opts, "roleArn", env("ARW_TEST_ROLE", option_env!("ARW_TEST_ROLE")));
    set(&opts, "roleSessionName", "wasm-test");
    set(&opts, "durationSeconds", 900);
    let assumed = assume_role(opts.into()).await.unwrap();
    assert_eq!(
        text(&assumed, "assumedRoleUser.arn"),
        "arn:aws:sts::123456789012:assumed-role/example-role/wasm-test"
    );
    assert!(text(&assumed, "credentials.accessKeyId").starts_with("ASIA"));
    assert!(text(&assumed, "credentials.expiration").ends_with('Z'));

    let creds = get(&assumed, "credentials");
    // A result's credentials go straight back in, expiration included (issue 11).
    let verify = Object::new();
    for key in ["accessKeyId", "secretAccessKey", "sessionToken", "expiration"] {
        set(&verify, key, get(&creds, key));
    }
    set(
        &verify,
        "endpoint",
        env("ARW_TEST_ENDPOINT", option_env!("ARW_TEST_ENDPOINT")),
    );
    let who = get_caller_identity(verify.into()).await.unwrap();
    assert_eq!(
        text(&who, "arn"),
        "arn:aws:sts::123456789012:assumed-role/example-role/wasm-test"
    );

    // renderExports lives in the extras module (src/wasm/mod.rs); the Node suites render these credentials.
    assert!(text(&creds, "accessKeyId").starts_with("ASIA"));
}

#[wasm_bindgen_test]
async fn sts_errors_become_coded_js_errors() {
    let wrong = bob();
    set(&wrong, "secretAccessKey", "x".repeat(40));
    let err = get_caller_identity(wrong.into()).await.unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(text(&err, "name"), "StsError");
    assert_eq!(text(&err, "code"), "SignatureDoesNotMatch");
    assert_eq!(get(&err, "status").as_f64(), Some(403.0));
    assert!(!text(&err, "message").contains(&"x".repeat(40)));

    let opts = bob();
    set(
        &opts,
        "roleArn",
        env("ARW_TEST_UNTRUSTED_ROLE", option_env!("ARW_TEST_UNTRUSTED_ROLE")),
    );
    set(&opts, "roleSessionName", "denied");
    let err = assume_role(opts.into()).await.unwrap_err();
    assert_eq!(text(&err, "code"), "AccessDenied");
    assert!(text(&err, "hint").contains("trust policy"));
}

#[wasm_bindgen_test]
async fn bad_input_is_rejected_before_any_request() {
    let opts = bob();
    set(&opts, "roleArn", "arn:aws:iam::123456789012:role/example-role");
    set(&opts, "roleSessionName", "has space");
    let err = assume_role(opts.into()).await.unwrap_err();
    assert_eq!(
        (text(&err, "code"), text(&err, "field")),
        ("InvalidParameter".into(), "roleSessionName".into())
    );

    let err = get_session_token(JsValue::NULL).await.unwrap_err();
    assert_eq!(text(&err, "field"), "options");

    let opts = bob();
    set(&opts, "rolearn", "x");
    let err = get_caller_identity(opts.into()).await.unwrap_err();
    assert_eq!(text(&err, "field"), "rolearn");

    let err = call("assumeRoot2".into(), bob().into()).await.unwrap_err();
    assert_eq!(text(&err, "field"), "action");
}

#[wasm_bindgen_test]
async fn unreachable_endpoint_is_a_network_error() {
    let opts = bob();
    // Port 9 (discard) on loopback: nothing listens, so the connection is refused at once.
    set(&opts, "endpoint", "http://127.0.0.1:9");
    set(&opts, "timeoutMs", 5000);
    let err = get_caller_identity(opts.into()).await.unwrap_err();
    let code = text(&err, "code");
    assert!(code == "NetworkError", "{code}: {}", text(&err, "message"));
}
