//! SigV4 signing with aws-sigv4, at an instant the caller supplies (wasm32 has no clock of its own, and tests
//! need a frozen one). Returns the headers to send; aws-sigv4 only computes, it never touches the request.

use std::time::{Duration, UNIX_EPOCH};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

use crate::error::{Error, Result};
use crate::params::SourceCredentials;
use crate::request::CONTENT_TYPE;

/// Headers for a signed STS POST: content-type, x-amz-date, x-amz-security-token (if any), authorization.
/// `host` is signed (taken from the URL) but not returned: fetch sets it, and browsers forbid setting it.
pub fn sign_post(
    url: &str,
    signing_region: &str,
    source: &SourceCredentials,
    body: &str,
    unix_ms: u64,
) -> Result<Vec<(&'static str, String)>> {
    let credentials = Credentials::new(
        source.access_key_id.clone(),
        source.secret_access_key.expose().to_owned(),
        source.session_token.as_ref().map(|t| t.expose().to_owned()),
        None,
        "assume-role-wasm",
    );
    let identity = Identity::from(credentials);
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(signing_region)
        .name("sts")
        .time(UNIX_EPOCH + Duration::from_millis(unix_ms))
        .settings(SigningSettings::default())
        .build()
        .map_err(|_| Error::invalid("region", "could not be used to sign the request"))?
        .into();
    let headers = [("content-type", CONTENT_TYPE)];
    let signable = SignableRequest::new("POST", url, headers.into_iter(), SignableBody::Bytes(body.as_bytes()))
        .map_err(|_| Error::invalid("endpoint", "is not a URL that can be signed"))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|_| Error::invalid("endpoint", "is not a URL that can be signed"))?
        .into_parts();
    let (signed, _query) = instructions.into_parts();
    let mut out = Vec::with_capacity(4);
    out.push(("content-type", CONTENT_TYPE.to_owned()));
    for header in signed {
        out.push((header.name(), header.value().to_owned()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    #[test]
    fn signs_with_the_given_time_and_scope() {
        let source = SourceCredentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: Secret::from("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            session_token: Some(Secret::from("token-xyz")),
            expiration: None,
        };
        // 2026-11-28T12:00:00Z
        let headers = sign_post(
            "https://sts.eu-west-1.amazonaws.com/",
            "eu-west-1",
            &source,
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
}
