//! Region (or a custom URL) → the STS URL to call and the region to sign for. Regional endpoints by default:
//! tokens from the global endpoint are refused in opt-in regions, and regional ones are what AWS recommends.

use crate::error::{Error, Result};
use crate::model;
use crate::params::Target;

pub const DEFAULT_REGION: &str = "us-east-1";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// Full URL the request is POSTed to, e.g. `https://sts.eu-west-1.amazonaws.com/`.
    pub url: String,
    /// The region in the credential scope of the signature.
    pub signing_region: String,
    /// The AWS partition of the region (`aws`, `aws-cn`, `aws-us-gov`, …).
    pub partition: &'static str,
}

/// `aa-bbbb-9`, `us-gov-west-1`, `ap-southeast-5`: lower-case words joined by dashes, then a number.
fn is_region(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    let (last, words) = match parts.split_last() {
        Some((last, words)) if words.len() >= 2 => (last, words),
        _ => return false,
    };
    region.len() <= 32
        && !last.is_empty()
        && last.len() <= 2
        && last.bytes().all(|b| b.is_ascii_digit())
        && words
            .iter()
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()))
}

/// STS's endpoint rule set (vendor/sts/endpoint-rule-set-1.json) with `UseGlobalEndpoint` false, the SDKs'
/// default: FIPS + dual-stack, FIPS (GovCloud's regular hosts are FIPS already), dual-stack, `aws-global`,
/// else `sts.{region}.{dnsSuffix}`, with the partition's suffixes from vendor/endpoints/partitions.json.
pub fn resolve(target: &Target) -> Result<Endpoint> {
    let region = target.region.as_deref().unwrap_or(DEFAULT_REGION);
    let known = model::PARTITIONS.iter().any(|p| p.has_region(region));
    if !known && !is_region(region) {
        return Err(Error::invalid(
            "region",
            "expected an AWS region code such as us-east-1, eu-west-1, cn-north-1 or us-gov-west-1",
        ));
    }
    let partition = model::partition_of(region);
    if let Some(url) = &target.endpoint {
        for (on, field) in [(target.use_fips, "useFips"), (target.use_dual_stack, "useDualStack")] {
            if on {
                return Err(Error::invalid(
                    field,
                    "cannot be combined with a custom endpoint (the endpoint URL already says where to go); turn it off",
                ));
            }
        }
        return Ok(Endpoint {
            url: check_custom_url(url)?,
            signing_region: region.to_owned(),
            partition: partition.id,
        });
    }
    let unsupported = |field: &str, what: &str| {
        Error::invalid(
            field,
            format!(
                "the {} partition has no {what} STS endpoints; turn it off",
                partition.id
            ),
        )
    };
    let (host, signing_region) = match (target.use_fips, target.use_dual_stack) {
        (true, true) => {
            if !(partition.supports_fips && partition.supports_dual_stack) {
                return Err(unsupported("useFips", "FIPS dual-stack"));
            }
            (format!("sts-fips.{region}.{}", partition.dual_stack_dns_suffix), region)
        }
        (true, false) => {
            if !partition.supports_fips {
                return Err(unsupported("useFips", "FIPS"));
            }
            if partition.id == "aws-us-gov" {
                (format!("sts.{region}.amazonaws.com"), region)
            } else {
                (format!("sts-fips.{region}.{}", partition.dns_suffix), region)
            }
        }
        (false, true) => {
            if !partition.supports_dual_stack {
                return Err(unsupported("useDualStack", "dual-stack"));
            }
            (format!("sts.{region}.{}", partition.dual_stack_dns_suffix), region)
        }
        // The global endpoint signs as us-east-1.
        (false, false) if region == "aws-global" => ("sts.amazonaws.com".to_owned(), DEFAULT_REGION),
        (false, false) => (format!("sts.{region}.{}", partition.dns_suffix), region),
    };
    Ok(Endpoint {
        url: format!("https://{host}/"),
        signing_region: signing_region.to_owned(),
        partition: partition.id,
    })
}

/// Accept `https://host[:port][/path]`, or `http://` for loopback hosts only (local emulators): plain HTTP
/// anywhere else would send the signed request, and the credentials it returns, in the clear. Parsed by
/// `http::Uri`, the parser aws-sigv4 signs with (so a URL that validates also signs, and the parser is in
/// the wasm anyway: −6 bytes gzipped against the hand-written one, BENCHMARKS.md "Library or hand-written").
fn check_custom_url(url: &str) -> Result<String> {
    let bad = |why: &str| {
        Error::invalid(
            "endpoint",
            format!("{why}; expected a URL such as https://sts.example.com or http://127.0.0.1:5000"),
        )
    };
    if url.len() > 2048 {
        return Err(bad("is too long"));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) || !url.is_ascii() {
        return Err(bad("has spaces or characters that are not allowed in a URL"));
    }
    let uri: http::Uri = url.parse().map_err(|_| bad("is not a URL"))?;
    let scheme = uri
        .scheme_str()
        .ok_or_else(|| bad("is not a URL"))?
        .to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(bad("must use https"));
    }
    let authority = uri.authority().ok_or_else(|| bad("has no valid host"))?;
    if authority.as_str().contains('@') {
        return Err(bad("must not contain a user name or password"));
    }
    if uri.query().is_some() || url.contains('#') {
        return Err(bad("must not have a query or fragment"));
    }
    let host = authority.host();
    // http's parser takes any port digits and the URI grammar's sub-delims in a host; fetch does not.
    // (`port_u16()` is None both for no port and for `:99999`, so read the text after the host.)
    let port = authority.as_str().get(host.len()..).unwrap_or(":");
    let port_ok = port.is_empty()
        || port.strip_prefix(':').is_some_and(|p| {
            (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok_and(|p| p > 0)
        });
    let v6 = host.starts_with('[') && host.ends_with(']');
    let host_ok = !host.is_empty()
        && host.bytes().enumerate().all(|(i, b)| {
            b.is_ascii_alphanumeric()
                || b"-.".contains(&b)
                || (v6 && b == b':')
                || (v6 && (i == 0 || i == host.len() - 1))
        });
    if !(port_ok && host_ok) {
        return Err(bad("has no valid host"));
    }
    if scheme == "http" && !is_loopback(host) {
        return Err(bad(
            "must use https (plain http is allowed only for 127.0.0.1 (any 127.x.x.x), localhost or [::1])",
        ));
    }
    // The request is signed as sent (src/sign.rs): a path SigV4 would normalise or percent-encode is refused
    // here, with the reason, rather than signed one way and read another by a proxy.
    if !crate::sign::is_canonical_path(uri.path()) {
        return Err(bad(
            "has a path other than / or segments of letters, digits, -, ., _ and ~ (no empty, . or .. segments)",
        ));
    }
    Ok(format!(
        "{scheme}://{}{}",
        authority.as_str().to_ascii_lowercase(),
        uri.path()
    ))
}

/// Loopback by its address, or exactly `localhost`. Not `*.localhost`: Node resolves those through the
/// configured nameserver, and a non-loopback answer would receive the signed request over plain http.
fn is_loopback(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    if host == "localhost" || host == "[::1]" {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4 && octets[0] == "127" && octets.iter().all(|o| o.parse::<u8>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(region: &str, fips: bool) -> Result<Endpoint> {
        resolve(&Target {
            region: Some(region.into()),
            use_fips: fips,
            ..Default::default()
        })
    }

    fn custom(url: &str) -> Result<Endpoint> {
        resolve(&Target {
            endpoint: Some(url.into()),
            ..Default::default()
        })
    }

    #[test]
    fn partitions_and_fips() {
        let e = resolve(&Target::default()).unwrap();
        assert_eq!(e.url, "https://sts.us-east-1.amazonaws.com/");
        assert_eq!(e.signing_region, "us-east-1");
        assert_eq!(
            at("eu-west-1", false).unwrap().url,
            "https://sts.eu-west-1.amazonaws.com/"
        );
        assert_eq!(
            at("cn-north-1", false).unwrap().url,
            "https://sts.cn-north-1.amazonaws.com.cn/"
        );
        assert_eq!(
            at("us-gov-west-1", false).unwrap().url,
            "https://sts.us-gov-west-1.amazonaws.com/"
        );
        assert_eq!(
            at("us-gov-west-1", true).unwrap().url,
            "https://sts.us-gov-west-1.amazonaws.com/"
        );
        assert_eq!(
            at("us-east-2", true).unwrap().url,
            "https://sts-fips.us-east-2.amazonaws.com/"
        );
        assert_eq!(
            at("ca-central-1", true).unwrap().url,
            "https://sts-fips.ca-central-1.amazonaws.com/"
        );
        let global = at("aws-global", false).unwrap();
        assert_eq!(
            (global.url.as_str(), global.signing_region.as_str()),
            ("https://sts.amazonaws.com/", "us-east-1")
        );
        // The SDKs' partition data: every partition has FIPS hosts (even where DNS has none yet).
        assert_eq!(
            at("eu-west-1", true).unwrap().url,
            "https://sts-fips.eu-west-1.amazonaws.com/"
        );
        assert_eq!(
            at("cn-north-1", true).unwrap().url,
            "https://sts-fips.cn-north-1.amazonaws.com.cn/"
        );
        // Partitions the hand-written rules got wrong (issue 9).
        for (region, url, partition) in [
            ("eusc-de-east-1", "https://sts.eusc-de-east-1.amazonaws.eu/", "aws-eusc"),
            (
                "us-isof-south-1",
                "https://sts.us-isof-south-1.csp.hci.ic.gov/",
                "aws-iso-f",
            ),
            (
                "eu-isoe-west-1",
                "https://sts.eu-isoe-west-1.cloud.adc-e.uk/",
                "aws-iso-e",
            ),
            ("us-iso-east-1", "https://sts.us-iso-east-1.c2s.ic.gov/", "aws-iso"),
        ] {
            let e = at(region, false).unwrap();
            assert_eq!(
                (e.url.as_str(), e.signing_region.as_str(), e.partition),
                (url, region, partition)
            );
        }
        let dual = resolve(&Target {
            region: Some("eu-west-1".into()),
            use_dual_stack: true,
            ..Default::default()
        });
        assert_eq!(dual.unwrap().url, "https://sts.eu-west-1.api.aws/");
        let fips_custom = resolve(&Target {
            use_fips: true,
            endpoint: Some("https://vpce.example.com".into()),
            ..Default::default()
        });
        assert_eq!(fips_custom.unwrap_err().field(), Some("useFips"));
    }

    #[test]
    fn bad_regions() {
        for r in [
            "",
            "US-EAST-1",
            "useast1",
            "us-east",
            "us-east-1a",
            "us_east_1",
            "eu-west-123",
            "-west-1",
        ] {
            assert_eq!(at(r, false).unwrap_err().field(), Some("region"), "{r:?}");
        }
    }

    #[test]
    fn custom_urls() {
        assert_eq!(custom("http://127.0.0.1:5000").unwrap().url, "http://127.0.0.1:5000/");
        assert_eq!(
            custom("http://localhost:8080/sts").unwrap().url,
            "http://localhost:8080/sts"
        );
        assert_eq!(custom("http://[::1]:9000/").unwrap().url, "http://[::1]:9000/");
        assert_eq!(
            custom("https://proxy.example/sts/v1.0/").unwrap().url,
            "https://proxy.example/sts/v1.0/"
        );
        assert_eq!(
            custom("https://STS.example.com").unwrap().url,
            "https://sts.example.com/"
        );
        let signing = resolve(&Target {
            region: Some("eu-west-2".into()),
            endpoint: Some("https://vpce.example.com".into()),
            ..Default::default()
        });
        assert_eq!(signing.unwrap().signing_region, "eu-west-2");
        for bad in [
            "http://sts.example.com",
            "http://10.0.0.1:80",
            "http://127.0.0.1.evil.com",
            "ftp://127.0.0.1",
            "sts.amazonaws.com",
            "https://user:pw@sts.example.com",
            "https://sts.example.com/?a=b",
            "https://sts.example.com:99999",
            "https://sts.exa mple.com",
            "http://127.0.0.1:5000/a`b",
            "http://[::1]008/",
            "http://a]b.localhost/",
            // Resolved by DNS, not necessarily to loopback (issue 10): https only.
            "http://sts.localhost:5000/",
            "http://localhost.evil.example/",
            "https://sts.example.com:443:443/",
            "https://sts.example.com/<x>",
            "https://",
            // Paths SigV4 would rewrite before signing (src/sign.rs signs the path as sent).
            "https://sts.example.com/a/../b",
            "https://sts.example.com//sts",
            "https://sts.example.com/./",
            "https://sts.example.com/a%2Fb",
            "https://sts.example.com/a;b",
        ] {
            assert_eq!(custom(bad).unwrap_err().field(), Some("endpoint"), "{bad}");
        }
    }
}
