//! Sign one STS AssumeRole POST with aws-sigv4 at a caller-given time; return the Authorization header
//! through a static buffer. Exactly the aws-sigv4 work the real crate does per call, with no JS boundary.

use std::time::{Duration, UNIX_EPOCH};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

static mut OUT: [u8; 512] = [0; 512];

/// # Safety
/// `body` must point to `len` readable bytes of UTF-8.
#[no_mangle]
pub unsafe extern "C" fn sign_sts(body: *const u8, len: usize, unix_ms: f64) -> usize {
    let body = std::str::from_utf8(std::slice::from_raw_parts(body, len)).unwrap_or("");
    let identity = Identity::from(Credentials::new("AKIDEXAMPLE", "secret", None, None, "floor"));
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("sts")
        .time(UNIX_EPOCH + Duration::from_millis(unix_ms as u64))
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let headers = [("content-type", "application/x-www-form-urlencoded; charset=utf-8")];
    let req = SignableRequest::new("POST", "https://sts.amazonaws.com/", headers.into_iter(), SignableBody::Bytes(body.as_bytes())).unwrap();
    let (instructions, _) = sign(req, &params).unwrap().into_parts();
    let (headers, _) = instructions.into_parts();
    let auth = headers.iter().find(|h| h.name() == "authorization").map(|h| h.value()).unwrap_or("");
    let n = auth.len().min(512);
    let out = &mut *std::ptr::addr_of_mut!(OUT);
    out[..n].copy_from_slice(&auth.as_bytes()[..n]);
    n
}
