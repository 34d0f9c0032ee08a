//! AWS's STS model as the single source of truth: the operation table and the partition data, generated
//! from `vendor/` by `scripts/gen-model.mjs`, and the few questions the rest of the core asks of them.

mod generated;
mod types;

pub use generated::{API_VERSION, OPERATIONS, PARTITIONS};
pub use types::*;

/// An operation by its action (`AssumeRole`) or JS name (`assumeRole`).
pub fn operation(name: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|op| op.action == name || op.js == name)
}

impl Operation {
    /// Index of the input member with this model name.
    pub fn input_index(&self, name: &str) -> Option<usize> {
        self.input.iter().position(|m| m.name == name)
    }
}

fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                core::cmp::Ordering::Less
            } else if lo > c {
                core::cmp::Ordering::Greater
            } else {
                core::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// \p{L} or \p{N}: Rust's Alphabetic/Numeric properties less the Alphabetic marks (which are \p{M}).
fn is_letter_or_number(c: char) -> bool {
    c.is_numeric() || (c.is_alphabetic() && !in_ranges(&generated::ALPHABETIC_NOT_LETTER, c))
}

impl CharSet {
    pub fn allows(&self, c: char) -> bool {
        in_ranges(self.ranges, c)
            || ((self.letters || self.numbers) && is_letter_or_number(c) && self.letter_or_number_ok(c))
            || (self.separators && in_ranges(&generated::SEPARATORS, c))
    }

    /// The model's classes that name \p{L} always name \p{N} too; should one come alone, split the test.
    fn letter_or_number_ok(&self, c: char) -> bool {
        (self.letters && self.numbers) || (self.numbers == c.is_numeric())
    }

    /// The first character (0-based position, char) the set refuses, including a misplaced space in `words` mode.
    pub fn first_invalid(&self, value: &str) -> Option<(usize, char)> {
        let mut prev_space = true;
        for (i, c) in value.chars().enumerate() {
            if self.words && c == ' ' {
                if prev_space {
                    return Some((i, c));
                }
                prev_space = true;
                continue;
            }
            if !self.allows(c) {
                return Some((i, c));
            }
            prev_space = false;
        }
        if self.words && prev_space && !value.is_empty() {
            return Some((value.chars().count() - 1, ' '));
        }
        None
    }
}

impl Partition {
    pub fn has_region(&self, region: &str) -> bool {
        self.regions.iter().any(|(id, _)| *id == region)
    }

    /// `PREFIX` + `\w+-\d+`, the tail of every partition's pattern.
    pub fn matches_pattern(&self, region: &str) -> bool {
        self.region_prefixes.iter().any(|prefix| {
            region.strip_prefix(prefix).is_some_and(|rest| {
                let Some((word, digits)) = rest.split_once('-') else {
                    return false;
                };
                !word.is_empty()
                    && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                    && !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
            })
        })
    }
}

/// The partition a region belongs to, as the SDKs decide it: a listed region, else the first pattern that
/// matches, else `aws`.
pub fn partition_of(region: &str) -> &'static Partition {
    PARTITIONS
        .iter()
        .find(|p| p.has_region(region))
        .or_else(|| PARTITIONS.iter().find(|p| p.matches_pattern(region)))
        .unwrap_or(&PARTITIONS[0])
}

/// A partition by its id (`aws-us-gov`), for ARNs.
pub fn partition(id: &str) -> Option<&'static Partition> {
    PARTITIONS.iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_of_the_model_is_in_the_table() {
        assert_eq!(OPERATIONS.len(), 12);
        let unsigned: Vec<&str> = OPERATIONS.iter().filter(|o| !o.signed).map(|o| o.action).collect();
        assert_eq!(unsigned, ["AssumeRoleWithSAML", "AssumeRoleWithWebIdentity"]);
        let saml = operation("assumeRoleWithSaml").unwrap();
        assert_eq!((saml.action, saml.cli), ("AssumeRoleWithSAML", "assume-role-with-saml"));
        assert!(saml
            .input
            .iter()
            .any(|m| m.js == "samlAssertion" && m.cli == "saml-assertion" && m.required));
        let info = operation("GetAccessKeyInfo").unwrap();
        assert_eq!(info.input[0].js, "targetAccessKeyId");
        assert_eq!(info.input[0].cli, "access-key-id");
    }

    #[test]
    fn source_identity_allows_256_characters() {
        let op = operation("AssumeRole").unwrap();
        let m = &op.input[op.input_index("SourceIdentity").unwrap()];
        let Shape::Str(rule) = m.shape else { panic!() };
        assert_eq!((rule.min, rule.max), (2, Some(256)));
    }

    #[test]
    fn tag_characters_follow_the_unicode_categories() {
        let op = operation("AssumeRole").unwrap();
        let Shape::List { member, .. } = op.input[op.input_index("Tags").unwrap()].shape else {
            panic!()
        };
        let Shape::Struct(tag) = member else { panic!() };
        let Shape::Str(key) = tag[0].shape else { panic!() };
        let chars = key.chars.unwrap();
        for ok in [
            'a', 'É', 'ж', '日', '٣', ' ', '\u{a0}', '\u{2003}', '\u{202f}', '\u{3000}', '\u{2028}', '\u{2029}', '_',
            '@',
        ] {
            assert!(chars.allows(ok), "{ok:?} is \\p{{L}}, \\p{{Z}}, \\p{{N}} or listed");
        }
        // Combining marks are \p{M}: Devanagari vowel sign I, a combining acute accent; and controls, emoji.
        for bad in ['\u{93f}', '\u{301}', '\t', '\n', '😀', '#', '!'] {
            assert!(!chars.allows(bad), "{bad:?} is not allowed");
        }
    }

    #[test]
    fn partitions_from_the_sdk_data() {
        assert_eq!(partition_of("eusc-de-east-1").id, "aws-eusc");
        assert_eq!(partition_of("eu-isoe-west-1").id, "aws-iso-e");
        assert_eq!(partition_of("us-isof-south-1").id, "aws-iso-f");
        assert_eq!(partition_of("us-gov-west-1").id, "aws-us-gov");
        assert_eq!(partition_of("cn-north-1").id, "aws-cn");
        assert_eq!(partition_of("eu-west-9").id, "aws");
        assert_eq!(partition_of("us-isob-east-7").id, "aws-iso-b");
        assert!(partition("aws-eusc").is_some());
    }
}
