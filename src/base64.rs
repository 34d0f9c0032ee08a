//! Base64 decoding for the keyless helpers: base64url without padding (JWT segments, RFC 7515 §2) and
//! standard base64 with line breaks (a SAMLResponse as an IdP posts it, wrapped at 76 columns).
//!
//! Hand-written rather than a crate: ~60 lines against a dependency in a size-budgeted wasm. Bounded by
//! the caller's `max_out`; never panics.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alphabet {
    /// `A-Z a-z 0-9 - _`, padding optional (JWTs have none).
    UrlSafe,
    /// `A-Z a-z 0-9 + /`, `=` padding, ASCII whitespace ignored.
    Standard,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A character outside the alphabet (its char index; the character itself is not echoed, since the
    /// input is often a credential).
    BadChar(usize),
    /// A length no encoder produces (one leftover character), or padding in the middle.
    BadLength,
    /// The decoded bytes would exceed the caller's limit.
    TooLong,
}

fn sextet(c: u8, alphabet: Alphabet) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' if alphabet == Alphabet::UrlSafe => Some(62),
        b'_' if alphabet == Alphabet::UrlSafe => Some(63),
        b'+' if alphabet == Alphabet::Standard => Some(62),
        b'/' if alphabet == Alphabet::Standard => Some(63),
        _ => None,
    }
}

/// Decodes `input`; trailing `=` padding is accepted in both alphabets (some tools pad base64url).
pub fn decode(input: &str, alphabet: Alphabet, max_out: usize) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity((input.len() / 4 * 3).min(max_out));
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    let mut count = 0usize;
    let mut padding = 0usize;
    for (i, c) in input.bytes().enumerate() {
        if alphabet == Alphabet::Standard && c.is_ascii_whitespace() {
            continue;
        }
        if c == b'=' {
            padding += 1;
            continue;
        }
        // Nothing but padding (and whitespace) may follow padding.
        let v = match sextet(c, alphabet) {
            Some(v) if padding == 0 => v,
            Some(_) => return Err(DecodeError::BadLength),
            None => return Err(DecodeError::BadChar(input[..i].chars().count())),
        };
        count += 1;
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            if out.len() >= max_out {
                return Err(DecodeError::TooLong);
            }
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // One leftover character carries 6 bits: no whole byte, so no encoder writes it. Padding, when
    // present, must complete the last quartet.
    if count % 4 == 1 || padding > 2 || (padding > 0 && (count + padding) % 4 != 0) {
        return Err(DecodeError::BadLength);
    }
    Ok(out)
}

/// Standard base64 of `bytes`, padded: a raw SAML XML pasted into the page is sent to STS this way.
pub fn encode_standard(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Result<Vec<u8>, DecodeError> {
        decode(s, Alphabet::UrlSafe, 1 << 20)
    }

    #[test]
    fn rfc4648_vectors_both_ways() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode_standard(plain.as_bytes()), enc);
            assert_eq!(decode(enc, Alphabet::Standard, 100).unwrap(), plain.as_bytes());
            assert_eq!(url(enc.trim_end_matches('=')).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn alphabets_differ_in_two_characters() {
        assert_eq!(url("-_8").unwrap(), [0xfb, 0xff]);
        assert_eq!(decode("+/8=", Alphabet::Standard, 10).unwrap(), [0xfb, 0xff]);
        assert_eq!(url("+/8"), Err(DecodeError::BadChar(0)));
        assert_eq!(decode("-_8=", Alphabet::Standard, 10), Err(DecodeError::BadChar(0)));
    }

    #[test]
    fn standard_skips_line_breaks_urlsafe_does_not() {
        assert_eq!(decode("Zm9v\r\nYmFy\n", Alphabet::Standard, 10).unwrap(), b"foobar");
        assert_eq!(url("Zm9v\nYmFy"), Err(DecodeError::BadChar(4)));
    }

    #[test]
    fn impossible_lengths_and_misplaced_padding() {
        assert_eq!(url("Z"), Err(DecodeError::BadLength));
        assert_eq!(url("Zm9vY"), Err(DecodeError::BadLength));
        assert_eq!(decode("Zg=a", Alphabet::Standard, 10), Err(DecodeError::BadLength));
        assert_eq!(decode("Zg===", Alphabet::Standard, 10), Err(DecodeError::BadLength));
        assert_eq!(decode("Zm8==", Alphabet::Standard, 10), Err(DecodeError::BadLength));
        // The index is in characters, for a caret under the right place in a UI.
        assert_eq!(url("ab€d"), Err(DecodeError::BadChar(2)));
    }

    #[test]
    fn output_is_bounded() {
        assert_eq!(url("Zm9vYmFy").map(|v| v.len()), Ok(6));
        assert_eq!(decode("Zm9vYmFy", Alphabet::UrlSafe, 5), Err(DecodeError::TooLong));
    }
}
