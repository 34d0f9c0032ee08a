//! SigV4 signing of the one request shape STS gets, at an instant the caller supplies (wasm32 has no clock of
//! its own, and tests need a frozen one). Returns the headers to send; nothing here touches the network.
//!
//! aws-sigv4 does the cryptography: `generate_signing_key` (the four-HMAC key derivation) and
//! `calculate_signature`. The canonical request is built here, because every request this crate signs has the
//! same fixed shape: POST, a path from `endpoint.rs` (`/`, or a custom endpoint's path of unreserved characters),
//! no query, a form body, and the headers content-type, host, x-amz-date and x-amz-security-token, all of
//! whose values this crate writes itself. aws-sigv4's general `http_request::sign` handles any request — header
//! maps, query strings, path normalisation, presigning — and linking it cost 52 KB of the 137 KB gzipped wasm
//! (`bash bench/size-floor.sh`: 69.0 KB for a wasm that signs with it, 15.9 KB with the primitives; issue 15).
//! `tests::same_signature_as_http_request_sign` signs every shape with both and compares byte for byte, and
//! `tests/sigv4_vectors.rs` compares with botocore's signer.

use std::time::{Duration, UNIX_EPOCH};

use aws_sigv4::sign::v4::{calculate_signature, generate_signing_key};

use crate::error::{Error, Result};
use crate::params::SourceCredentials;
use crate::request::CONTENT_TYPE;
use crate::time;

const ALGORITHM: &str = "AWS4-HMAC-SHA256";
const SERVICE: &str = "sts";

/// Headers for a signed STS POST: content-type, x-amz-date, x-amz-security-token (if any), authorization.
/// `host` is signed (taken from the URL) but not returned: fetch sets it, and browsers forbid setting it.
pub fn sign_post(
    url: &str,
    signing_region: &str,
    source: &SourceCredentials,
    body: &str,
    unix_ms: u64,
) -> Result<Vec<(&'static str, String)>> {
    let unsignable = || Error::invalid("endpoint", "is not a URL that can be signed");
    let (host, path) = host_and_path(url).ok_or_else(unsignable)?;
    if signing_region.is_empty() || !signing_region.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(Error::invalid("region", "could not be used to sign the request"));
    }
    let token = source.session_token.as_ref().map(|t| t.expose());
    // Header values are sent as written: only visible ASCII can be (and was validated in `rules.rs`). An empty
    // token is signed as an empty header, as aws-sigv4 does.
    let visible = |s: &str| s.bytes().all(|b| b.is_ascii_graphic());
    if source.access_key_id.is_empty() || !visible(&source.access_key_id) || token.is_some_and(|t| !visible(t)) {
        return Err(Error::invalid("accessKeyId", "could not be used to sign the request"));
    }

    let seconds = unix_ms / 1000;
    let amz_date: String = time::format_iso8601(unix_ms)
        .chars()
        .filter(|c| !matches!(c, '-' | ':'))
        .collect(); // 20261128T120000Z
    let scope = format!("{}/{signing_region}/{SERVICE}/aws4_request", &amz_date[..8]);

    let mut canonical = String::with_capacity(512 + token.map_or(0, str::len));
    canonical.push_str("POST\n");
    canonical.push_str(path);
    canonical.push_str("\n\n"); // no query string
    for (name, value) in [
        ("content-type", CONTENT_TYPE),
        ("host", host),
        ("x-amz-date", amz_date.as_str()),
    ]
    .into_iter()
    .chain(token.map(|t| ("x-amz-security-token", t)))
    {
        canonical.push_str(name);
        canonical.push(':');
        canonical.push_str(value);
        canonical.push('\n');
    }
    let signed_headers = if token.is_some() {
        "content-type;host;x-amz-date;x-amz-security-token"
    } else {
        "content-type;host;x-amz-date"
    };
    canonical.push('\n');
    canonical.push_str(signed_headers);
    canonical.push('\n');
    canonical.push_str(&sha256_hex(body.as_bytes()));

    let string_to_sign = format!("{ALGORITHM}\n{amz_date}\n{scope}\n{}", sha256_hex(canonical.as_bytes()));
    let key = generate_signing_key(
        source.secret_access_key.expose(),
        UNIX_EPOCH + Duration::from_secs(seconds),
        signing_region,
        SERVICE,
    );
    let signature = calculate_signature(key, string_to_sign.as_bytes());

    let mut out = Vec::with_capacity(4);
    out.push(("content-type", CONTENT_TYPE.to_owned()));
    out.push(("x-amz-date", amz_date));
    if let Some(t) = token {
        out.push(("x-amz-security-token", t.to_owned()));
    }
    out.push((
        "authorization",
        format!(
            "{ALGORITHM} Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
            source.access_key_id
        ),
    ));
    Ok(out)
}

/// The canonical host (without a default port, as aws-sigv4 and RFC 9110 have it) and path of an
/// `https://host[:port][/path]` URL as `endpoint.rs` writes it; `None` for anything else, including a path
/// that SigV4 would have to normalise or percent-encode (dot segments, `//`, characters beyond `A-Za-z0-9-._~/`):
/// `endpoint.rs` refuses those, so this is only a second line.
fn host_and_path(url: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, "/"),
    };
    let default_port = match scheme {
        "https" => ":443",
        "http" => ":80",
        _ => return None,
    };
    let host = authority.strip_suffix(default_port).unwrap_or(authority);
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-.:[]".contains(&b));
    (host_ok && is_canonical_path(path)).then_some((host, path))
}

/// A path SigV4 leaves as it is: absolute, only unreserved characters, no empty or dot segments (so neither
/// normalisation nor either round of percent-encoding changes it).
pub fn is_canonical_path(path: &str) -> bool {
    path == "/"
        || (path.starts_with('/')
            && path[1..].strip_suffix('/').unwrap_or(&path[1..]).split('/').all(|seg| {
                !seg.is_empty()
                    && seg != "."
                    && seg != ".."
                    && seg.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
            }))
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
    }
    out
}

/// The oracle and the inputs shared by the unit and property tests.
#[cfg(test)]
mod tests_support {
    use super::*;
    use crate::secret::Secret;

    pub fn source(token: Option<&str>) -> SourceCredentials {
        SourceCredentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: Secret::from("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            session_token: token.map(Secret::from),
            expiration: None,
        }
    }

    /// aws-sigv4's general signer, as the crate used it before (and as the SDKs do): the oracle.
    pub fn oracle(url: &str, region: &str, token: Option<&str>, body: &str, unix_ms: u64) -> Vec<(String, String)> {
        use aws_credential_types::Credentials;
        use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
        use aws_sigv4::sign::v4;
        use aws_smithy_runtime_api::client::identity::Identity;
        let s = source(token);
        let identity = Identity::from(Credentials::new(
            s.access_key_id.clone(),
            s.secret_access_key.expose().to_owned(),
            token.map(str::to_owned),
            None,
            "oracle",
        ));
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region(region)
            .name("sts")
            .time(UNIX_EPOCH + Duration::from_millis(unix_ms))
            .settings(SigningSettings::default())
            .build()
            .unwrap()
            .into();
        let headers = [("content-type", CONTENT_TYPE)];
        let req = SignableRequest::new("POST", url, headers.into_iter(), SignableBody::Bytes(body.as_bytes())).unwrap();
        let (instructions, _) = sign(req, &params).unwrap().into_parts();
        let (signed, _) = instructions.into_parts();
        let mut out = vec![("content-type".to_owned(), CONTENT_TYPE.to_owned())];
        out.extend(signed.iter().map(|h| (h.name().to_owned(), h.value().to_owned())));
        out.sort();
        out
    }

    pub fn ours(url: &str, region: &str, token: Option<&str>, body: &str, unix_ms: u64) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = sign_post(url, region, &source(token), body, unix_ms)
            .unwrap()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::*;
    use super::*;

    #[test]
    fn signs_with_the_given_time_and_scope() {
        // 2026-11-28T12:00:00Z
        let headers = sign_post(
            "https://sts.eu-west-1.amazonaws.com/",
            "eu-west-1",
            &source(Some("token-xyz")),
            "Action=GetCallerIdentity&Version=2011-06-15",
            1_795_867_200_000,
        )
        .unwrap();
        let get = |n: &str| headers.iter().find(|(k, _)| *k == n).map(|(_, v)| v.as_str());
        assert_eq!(get("x-amz-date"), Some("20261128T120000Z"));
        assert_eq!(get("x-amz-security-token"), Some("token-xyz"));
        let auth = get("authorization").unwrap();
        assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261128/eu-west-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature="), "{auth}");
        assert!(!auth.contains("wJalr"));
    }

    #[test]
    fn same_signature_as_http_request_sign() {
        let urls = [
            "https://sts.amazonaws.com/",
            "https://sts.us-east-1.amazonaws.com/",
            "https://sts-fips.us-gov-west-1.amazonaws.com/",
            "https://sts.cn-north-1.amazonaws.com.cn/",
            "https://sts.us-east-1.api.aws/",
            "https://sts.example.com",
            "https://sts.example.com:443/",
            "https://sts.example.com:8443/",
            "https://proxy.example/sts/v1",
            "https://proxy.example/a-b_c.d~e/",
            "http://127.0.0.1:5000/",
            "http://127.0.0.1/",
            "http://localhost:80/",
            "http://localhost:4566",
            "http://[::1]:5000/",
        ];
        let bodies = [
            "",
            "Action=GetCallerIdentity&Version=2011-06-15",
            "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fx&RoleSessionName=%E2%9C%93&Policy=%7B%22a%22%3A%20%22%2B%22%7D",
        ];
        let times = [
            0,
            1_795_867_200_000,
            1_795_867_199_999,
            4_102_444_799_000,
            951_782_400_000,
        ];
        let mut n = 0;
        for url in urls {
            for region in ["us-east-1", "cn-north-1", "eu-central-2"] {
                for token in [None, Some("FwoGZXIvYXdzEXAMPLE+/=token"), Some("")] {
                    for body in bodies {
                        for ms in times {
                            assert_eq!(
                                ours(url, region, token, body, ms),
                                oracle(url, region, token, body, ms),
                                "{url} {region} {token:?} {body} {ms}"
                            );
                            n += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(n, 15 * 3 * 3 * 3 * 5);
    }

    #[test]
    fn refuses_what_it_would_have_to_canonicalise() {
        for url in [
            "https://sts.example.com/a/../b",
            "https://sts.example.com/./",
            "https://sts.example.com//x",
            "https://sts.example.com/a%20b",
            "https://sts.example.com/a b",
            "https://sts.example.com/?x=1",
            "ftp://sts.example.com/",
            "https://STS.example.com/",
            "https:///",
            "sts.example.com",
        ] {
            assert!(sign_post(url, "us-east-1", &source(None), "", 0).is_err(), "{url}");
        }
        assert!(sign_post("https://sts.example.com/", "us east", &source(None), "", 0).is_err());
        assert!(sign_post("https://sts.example.com/", "us-east-1", &source(Some("a b")), "", 0).is_err());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::tests_support::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Any body, token, region and instant: the same headers as aws-sigv4's `http_request::sign`.
        #[test]
        fn any_request_signs_as_aws_sigv4_does(
            body in "\\PC{0,300}",
            token in proptest::option::of("[!-~]{0,400}"),
            region in "[a-z]{2}-[a-z]{4,9}-[1-9]",
            ms in 0u64..8_000_000_000_000,
            path in prop::sample::select(vec!["/", "/sts", "/sts/", "/a/b-c/d_e.f~g"]),
        ) {
            let url = format!("https://sts.example.com{path}");
            prop_assert_eq!(ours(&url, &region, token.as_deref(), &body, ms), oracle(&url, &region, token.as_deref(), &body, ms));
        }
    }
}
