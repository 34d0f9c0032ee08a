//! Sign one STS AssumeRole POST with aws-sigv4's primitives at a caller-given time; return the Authorization
//! header through a static buffer. The canonical request is the fixed STS shape: POST, path /, no query, the
//! headers content-type;host;x-amz-date, the body's SHA-256. Measurement only (bench/size-floor.sh).

use std::fmt::Write;
use std::time::{Duration, UNIX_EPOCH};

use aws_sigv4::sign::v4::{calculate_signature, generate_signing_key};
use sha2::{Digest, Sha256};

static mut OUT: [u8; 512] = [0; 512];

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// `YYYYMMDDTHHMMSSZ`, with the `time` crate aws-sigv4 already links for its date scope.
fn amz_date(secs: u64) -> String {
    let t = time::OffsetDateTime::from(UNIX_EPOCH + Duration::from_secs(secs));
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// # Safety
/// `body` must point to `len` readable bytes of UTF-8.
#[no_mangle]
pub unsafe extern "C" fn sign_sts(body: *const u8, len: usize, unix_ms: f64) -> usize {
    let body = std::slice::from_raw_parts(body, len);
    let secs = unix_ms as u64 / 1000;
    let date = amz_date(secs);
    let host = "sts.amazonaws.com";
    let canonical = format!(
        "POST\n/\n\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:{host}\nx-amz-date:{date}\n\ncontent-type;host;x-amz-date\n{}",
        hex(&Sha256::digest(body))
    );
    let scope = format!("{}/us-east-1/sts/aws4_request", &date[..8]);
    let to_sign = format!("AWS4-HMAC-SHA256\n{date}\n{scope}\n{}", hex(&Sha256::digest(canonical.as_bytes())));
    let key = generate_signing_key("secret", UNIX_EPOCH + Duration::from_secs(secs), "us-east-1", "sts");
    let auth = format!(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{scope}, SignedHeaders=content-type;host;x-amz-date, Signature={}",
        calculate_signature(key, to_sign.as_bytes())
    );
    let n = auth.len().min(512);
    let out = &mut *std::ptr::addr_of_mut!(OUT);
    out[..n].copy_from_slice(&auth.as_bytes()[..n]);
    n
}
