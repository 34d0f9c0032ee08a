//! What to do after a failed attempt: retry throttling, 5xx and network errors a bounded number of times
//! with full-jitter exponential backoff (as the AWS SDKs' standard mode does), and correct the clock once
//! when STS says the signature's time is off. Pure: the caller supplies the time and the random number.

use crate::error::Error;
use crate::time;

/// Attempts for transient errors, the first included. A clock correction adds one more.
pub const MAX_ATTEMPTS: u32 = 3;
const BASE_MS: f64 = 100.0;
const THROTTLE_BASE_MS: f64 = 500.0;
const CAP_MS: f64 = 20_000.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Next {
    /// Try again after `delay_ms`; when `skew_ms` is set, sign with `local time + skew_ms` from now on.
    Retry {
        delay_ms: u32,
        skew_ms: Option<i64>,
    },
    Stop,
}

fn is_throttle(code: &str) -> bool {
    matches!(
        code,
        "Throttling"
            | "ThrottlingException"
            | "ThrottledException"
            | "RequestThrottled"
            | "RequestLimitExceeded"
            | "TooManyRequestsException"
            | "SlowDown"
    )
}

fn is_transient(err: &Error) -> bool {
    match err {
        Error::Network { .. } => true,
        Error::Sts { code, status, .. } => {
            *status >= 500
                || *status == 429
                || is_throttle(code)
                || code == "IDPCommunicationError"
                || code == "InternalFailure"
        }
        Error::UnexpectedResponse { status, .. } => *status >= 500 || *status == 429,
        Error::InvalidParameter { .. } | Error::Timeout { .. } => false,
    }
}

/// STS says the request time is outside its 15-minute window.
pub fn is_clock_skew(err: &Error) -> bool {
    let Error::Sts { code, message, .. } = err else {
        return false;
    };
    let m = message.to_ascii_lowercase();
    matches!(
        code.as_str(),
        "RequestExpired" | "RequestTimeTooSkewed" | "RequestInTheFuture"
    ) || (matches!(
        code.as_str(),
        "SignatureDoesNotMatch" | "InvalidSignatureException" | "AuthFailure"
    ) && (m.contains("signature expired") || m.contains("not yet current")))
}

/// The server's time: the `Date` header, else the timestamp STS puts in parentheses in the message
/// ("… is now earlier than 20261128T123000Z (20261128T124500Z - 15 min.)").
pub fn server_time_ms(err: &Error, date_header: Option<&str>) -> Option<u64> {
    if let Some(ms) = date_header.and_then(time::parse_http_date) {
        return Some(ms);
    }
    let Error::Sts { message, .. } = err else {
        return None;
    };
    let inside = message.rsplit_once('(')?.1;
    time::parse_amz_date(inside.get(..16)?)
}

/// Decide after attempt number `attempt` (1-based) failed with `err`.
pub fn decide(
    err: &Error,
    attempt: u32,
    skew_already_corrected: bool,
    date_header: Option<&str>,
    local_ms: u64,
    random01: f64,
) -> Next {
    if is_clock_skew(err) && !skew_already_corrected {
        return match server_time_ms(err, date_header) {
            Some(server) => Next::Retry {
                delay_ms: 0,
                skew_ms: Some(server as i64 - local_ms as i64),
            },
            None => Next::Stop,
        };
    }
    if !is_transient(err) || attempt >= MAX_ATTEMPTS {
        return Next::Stop;
    }
    let base = if matches!(err, Error::Sts { code, .. } if is_throttle(code)) {
        THROTTLE_BASE_MS
    } else {
        BASE_MS
    };
    let ceiling = (base * f64::from(1u32 << (attempt - 1).min(16))).min(CAP_MS);
    let r = if random01.is_finite() {
        random01.clamp(0.0, 1.0)
    } else {
        0.5
    };
    Next::Retry {
        delay_ms: (r * ceiling) as u32,
        skew_ms: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sts(code: &str, message: &str, status: u16) -> Error {
        Error::Sts {
            code: code.into(),
            message: message.into(),
            request_id: None,
            status,
        }
    }

    const NOON: u64 = 1_795_867_200_000;

    #[test]
    fn transient_errors_retry_with_bounded_jittered_backoff() {
        let throttled = sts("Throttling", "Rate exceeded", 400);
        assert_eq!(
            decide(&throttled, 1, false, None, NOON, 1.0),
            Next::Retry {
                delay_ms: 500,
                skew_ms: None
            }
        );
        assert_eq!(
            decide(&throttled, 2, false, None, NOON, 0.5),
            Next::Retry {
                delay_ms: 500,
                skew_ms: None
            }
        );
        assert_eq!(decide(&throttled, 3, false, None, NOON, 0.5), Next::Stop);
        let unavailable = sts("ServiceUnavailable", "", 503);
        assert_eq!(
            decide(&unavailable, 1, false, None, NOON, 0.0),
            Next::Retry {
                delay_ms: 0,
                skew_ms: None
            }
        );
        let net = Error::Network {
            message: "reset".into(),
        };
        assert_eq!(
            decide(&net, 2, false, None, NOON, 1.0),
            Next::Retry {
                delay_ms: 200,
                skew_ms: None
            }
        );
        let bad_gateway = Error::UnexpectedResponse {
            status: 502,
            snippet: "<html>".into(),
            request_id: None,
        };
        assert!(matches!(
            decide(&bad_gateway, 1, false, None, NOON, f64::NAN),
            Next::Retry { delay_ms: 50, .. }
        ));
    }

    #[test]
    fn permanent_errors_stop() {
        for e in [
            sts("AccessDenied", "no", 403),
            sts(
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match",
                403,
            ),
            Error::Timeout { after_ms: 10 },
            Error::invalid("roleArn", "x"),
            Error::UnexpectedResponse {
                status: 200,
                snippet: String::new(),
                request_id: None,
            },
        ] {
            assert_eq!(decide(&e, 1, false, None, NOON, 0.5), Next::Stop, "{e:?}");
        }
    }

    #[test]
    fn clock_skew_is_corrected_once_from_the_date_header_or_the_message() {
        let expired = sts(
            "SignatureDoesNotMatch",
            "Signature expired: 20261128T110000Z is now earlier than 20261128T114500Z (20261128T120000Z - 15 min.)",
            403,
        );
        let local = NOON - 3_600_000; // an hour slow
        assert_eq!(
            decide(&expired, 1, false, None, local, 0.5),
            Next::Retry {
                delay_ms: 0,
                skew_ms: Some(3_600_000)
            }
        );
        let header = Some("Sat, 28 Nov 2026 12:00:05 GMT");
        assert_eq!(
            decide(&expired, 1, false, header, local, 0.5),
            Next::Retry {
                delay_ms: 0,
                skew_ms: Some(3_605_000)
            }
        );
        assert_eq!(decide(&expired, 2, true, header, local, 0.5), Next::Stop, "only once");
        let garbage = sts("RequestExpired", "Request has expired.", 400);
        assert_eq!(
            decide(&garbage, 1, false, Some("garbage"), local, 0.5),
            Next::Stop,
            "no usable server time"
        );
        let future = sts("SignatureDoesNotMatch", "Signature not yet current: 20261128T130000Z is still later than 20261128T121500Z (20261128T120000Z + 15 min.)", 403);
        assert_eq!(
            decide(&future, 1, false, None, NOON + 3_600_000, 0.5),
            Next::Retry {
                delay_ms: 0,
                skew_ms: Some(-3_600_000)
            }
        );
    }
}
