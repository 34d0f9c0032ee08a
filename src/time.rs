//! The few date formats STS speaks, as Unix milliseconds: the HTTP `Date` header, SigV4's basic format in
//! "Signature expired" messages, and ISO-8601 expirations. Hand-rolled: a date crate would cost wasm size.

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn to_ms(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<u64> {
    let valid =
        (1970..=9999).contains(&y) && (1..=12).contains(&mo) && (1..=31).contains(&d) && h < 24 && mi < 60 && s < 61;
    if !valid {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    // A leap second on 9999-12-31 would be year 10000 (found by fuzz/response): stay below MAX_MS.
    u64::try_from(((days * 24 + i64::from(h)) * 60 + i64::from(mi)) * 60 + i64::from(s))
        .ok()
        .map(|secs| secs * 1000)
        .filter(|ms| *ms < MAX_MS)
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `Sat, 28 Nov 2026 12:00:00 GMT` (IMF-fixdate, what every HTTP server sends).
pub fn parse_http_date(s: &str) -> Option<u64> {
    let mut it = s.trim().split_ascii_whitespace();
    let _weekday = it.next()?;
    let day = num(it.next()?)?;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month_name = it.next()?;
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month_name))? as u32 + 1;
    let year = num(it.next()?)?;
    let mut hms = it.next()?.split(':');
    let (h, mi, sec) = (num(hms.next()?)?, num(hms.next()?)?, num(hms.next()?)?);
    if hms.next().is_some() || it.next()? != "GMT" || it.next().is_some() {
        return None;
    }
    to_ms(i64::from(year), month, day, h, mi, sec)
}

/// `20261128T120000Z` (SigV4's x-amz-date).
pub fn parse_amz_date(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let n = |r: core::ops::Range<usize>| num(s.get(r)?);
    to_ms(
        i64::from(n(0..4)?),
        n(4..6)?,
        n(6..8)?,
        n(9..11)?,
        n(11..13)?,
        n(13..15)?,
    )
}

/// `2026-11-28T13:00:00Z`, with optional fractional seconds and a `Z` or `+00:00` zone.
pub fn parse_iso8601(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let n = |r: core::ops::Range<usize>| num(s.get(r)?);
    let base = to_ms(
        i64::from(n(0..4)?),
        n(5..7)?,
        n(8..10)?,
        n(11..13)?,
        n(14..16)?,
        n(17..19)?,
    )?;
    let mut rest = &s[19..];
    let mut millis = 0u64;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let first3 = format!("{:0<3}", &frac[..digits.min(3)]);
        millis = u64::from(num(&first3)?);
        rest = &frac[digits..];
    }
    let offset_ms: i64 = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (h, m) = rest[1..].split_once(':')?;
            let (h, m) = (num(h)?, num(m)?);
            if h > 23 || m > 59 || rest.len() != 6 {
                return None;
            }
            sign * i64::from(h * 3600 + m * 60) * 1000
        }
    };
    // A zone offset can push 9999-12-31 into year 10000, which `format_iso8601` could not write back in
    // the 20-character shape (found by fuzz/response): keep results inside the years `to_ms` accepts.
    u64::try_from(base as i64 + millis as i64 - offset_ms)
        .ok()
        .filter(|ms| *ms < MAX_MS)
}

/// 10000-01-01T00:00:00Z: the first instant past what these parsers accept.
const MAX_MS: u64 = 253_402_300_800_000;

/// `2026-11-28T13:00:00Z`: the one shape we hand out, whatever the server's precision.
/// "4 minutes", "1 hour", "3 days": the largest unit that keeps the number ≥ 1, at most two of the next
/// unit (so "90 minutes" reads as that, not "1 hour"); whole units, rounded down. The one wording of a span
/// of time in messages (expired credentials, token expiry, err.fix).
pub fn describe_duration(ms: u64) -> String {
    let seconds = ms / 1000;
    let (n, unit) = match seconds {
        0..=119 => (seconds, "second"),
        120..=7_199 => (seconds / 60, "minute"),
        7_200..=172_799 => (seconds / 3_600, "hour"),
        _ => (seconds / 86_400, "day"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

pub fn format_iso8601(unix_ms: u64) -> String {
    let secs = unix_ms / 1000;
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOON: u64 = 1_795_867_200_000; // 2026-11-28T12:00:00Z

    #[test]
    fn formats_agree() {
        assert_eq!(parse_http_date("Sat, 28 Nov 2026 12:00:00 GMT"), Some(NOON));
        assert_eq!(parse_amz_date("20261128T120000Z"), Some(NOON));
        assert_eq!(parse_iso8601("2026-11-28T12:00:00Z"), Some(NOON));
        assert_eq!(parse_iso8601("2026-11-28T12:00:00.250Z"), Some(NOON + 250));
        assert_eq!(parse_iso8601("2026-11-28T13:00:00+01:00"), Some(NOON));
        assert_eq!(format_iso8601(NOON + 999), "2026-11-28T12:00:00Z");
        assert_eq!(format_iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            parse_iso8601("2024-02-29T00:00:00Z").map(format_iso8601).as_deref(),
            Some("2024-02-29T00:00:00Z")
        );
    }

    #[test]
    fn offsets_stay_inside_the_formattable_years() {
        // Regression (fuzz/response): this parsed to 10000-01-01T23:58:59Z, 21 characters.
        assert_eq!(parse_iso8601("9999-12-31T23:59:59.999-23:59"), None);
        let last = parse_iso8601("9999-12-31T23:59:59.999Z").unwrap();
        assert_eq!(format_iso8601(last), "9999-12-31T23:59:59Z");
        assert_eq!(parse_iso8601("1970-01-01T00:00:00+00:01"), None);
        assert_eq!(parse_http_date("Fri, 31 Dec 9999 23:59:60 GMT"), None);
        assert_eq!(parse_amz_date("99991231T235960Z"), None);
    }

    #[test]
    fn garbage_is_none() {
        for s in [
            "",
            "garbage",
            "Sat, 28 Nov 2026 25:00:00 GMT",
            "Sat, 28 Foo 2026 12:00:00 GMT",
            "Sat, 28 Nov 2026 12:00:00 PST",
            "Sat, 28 Nov 2026 12:00 GMT",
            "Sat, 99999999999999999999 Nov 2026 12:00:00 GMT",
        ] {
            assert_eq!(parse_http_date(s), None, "{s:?}");
        }
        for s in [
            "",
            "2026112T120000Z",
            "20261328T120000Z",
            "2026112xT120000Z",
            "20261128T12000éZ",
        ] {
            assert_eq!(parse_amz_date(s), None, "{s:?}");
        }
        for s in [
            "",
            "2026-11-28",
            "2026-11-28T12:00:00",
            "2026-11-28T12:00:00.Z",
            "2026-11-28T12:00:00+1:00",
            "2026-11-28T12:00:00Zjunk",
            "2026-11-28T12:00:00é",
        ] {
            assert_eq!(parse_iso8601(s), None, "{s:?}");
        }
    }
}
