//! ARNs read out of STS messages, checked against IAM's grammar before anything is built from them: an
//! ARN that does not parse yields no statement and no command (a message is a hostile input).

/// The parts of an IAM or STS ARN: `arn:PARTITION:SERVICE::ACCOUNT:RESOURCE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn {
    pub partition: String,
    pub service: String,
    pub account: String,
    pub resource: String,
}

/// Characters IAM allows in user, role, path and session names (`[\w+=,.@-]`, `/` between path parts).
fn name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'=' | b',' | b'.' | b'@' | b'-')
}

fn is_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 128 && s.bytes().all(name_char)
}

impl Arn {
    /// A strictly checked IAM/STS ARN; anything else is `None`.
    pub fn parse(s: &str) -> Option<Arn> {
        if s.len() > 2048 {
            return None;
        }
        let mut parts = s.splitn(6, ':');
        let (arn, partition, service, region, account, resource) = (
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
        );
        let partition_ok = partition.starts_with("aws")
            && partition.len() <= 16
            && partition[3..].bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
        let account_ok = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
        let resource_ok = !resource.is_empty()
            && resource.split('/').all(|part| part.is_empty() || is_name(part))
            && !resource.ends_with('/');
        (arn == "arn"
            && partition_ok
            && matches!(service, "iam" | "sts")
            && region.is_empty()
            && account_ok
            && resource_ok)
            .then(|| Arn {
                partition: partition.to_owned(),
                service: service.to_owned(),
                account: account.to_owned(),
                resource: resource.to_owned(),
            })
    }

    /// `arn:P:iam::ACCOUNT:KIND/NAME` for an IAM resource in the same partition and account.
    pub fn iam(&self, kind: &str, name: &str) -> String {
        format!("arn:{}:iam::{}:{kind}/{name}", self.partition, self.account)
    }

    /// `arn:P:iam::ACCOUNT:root`: the account as a principal.
    pub fn account_root(&self) -> String {
        format!("arn:{}:iam::{}:root", self.partition, self.account)
    }

    pub fn to_text(&self) -> String {
        format!(
            "arn:{}:{}::{}:{}",
            self.partition, self.service, self.account, self.resource
        )
    }

    /// The last part of the resource (a role or user name without its path).
    pub fn last_name(&self) -> &str {
        self.resource.rsplit('/').next().unwrap_or("")
    }

    /// A role ARN: `arn:P:iam::ACCOUNT:role/[path/]NAME`.
    pub fn is_role(&self) -> bool {
        self.service == "iam" && self.resource.starts_with("role/") && self.resource.len() > 5
    }
}

/// Who made the request, as far as an ARN says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// `arn:P:iam::A:user/[path/]NAME`
    User { arn: Arn, name: String },
    /// `arn:P:sts::A:assumed-role/ROLE/SESSION`
    AssumedRole { arn: Arn, role: String, session: String },
    /// `arn:P:sts::A:federated-user/NAME`
    FederatedUser { arn: Arn, name: String },
    /// `arn:P:iam::A:root`
    Root { arn: Arn },
}

impl Caller {
    pub fn parse(s: &str) -> Option<Caller> {
        let arn = Arn::parse(s)?;
        let mut parts = arn.resource.split('/');
        let kind = parts.next()?;
        let rest: Vec<&str> = parts.collect();
        match (arn.service.as_str(), kind, rest.as_slice()) {
            ("iam", "user", [.., name]) if rest.iter().all(|p| is_name(p)) => Some(Caller::User {
                name: (*name).to_owned(),
                arn,
            }),
            ("sts", "assumed-role", [role, session]) if is_name(role) && is_name(session) => {
                Some(Caller::AssumedRole {
                    role: (*role).to_owned(),
                    session: (*session).to_owned(),
                    arn,
                })
            }
            ("sts", "federated-user", [name]) if is_name(name) => Some(Caller::FederatedUser {
                name: (*name).to_owned(),
                arn,
            }),
            ("iam", "root", []) => Some(Caller::Root { arn }),
            _ => None,
        }
    }

    pub fn arn(&self) -> &Arn {
        match self {
            Caller::User { arn, .. }
            | Caller::AssumedRole { arn, .. }
            | Caller::FederatedUser { arn, .. }
            | Caller::Root { arn } => arn,
        }
    }

    /// What this caller is, for sentences.
    pub fn kind(&self) -> &'static str {
        match self {
            Caller::User { .. } => "IAM user",
            Caller::AssumedRole { .. } => "role session",
            Caller::FederatedUser { .. } => "federated user",
            Caller::Root { .. } => "account root user",
        }
    }
}

/// The first ARN-looking word in `text` after `marker` (up to a space or the end), unchecked.
pub fn word_after<'t>(text: &'t str, marker: &str) -> Option<&'t str> {
    let start = text.find(marker)? + marker.len();
    let rest = text[start..].trim_start();
    let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    // A sentence may end right after the ARN.
    Some(rest[..end].trim_end_matches(['.', ',', ';']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_caller_kind_in_each_partition() {
        for p in ["aws", "aws-cn", "aws-us-gov"] {
            let user = Caller::parse(&format!("arn:{p}:iam::123456789012:user/division/Bob")).unwrap();
            assert!(matches!(&user, Caller::User { name, .. } if name == "Bob"), "{user:?}");
            assert_eq!(user.arn().partition, p);
            let session = Caller::parse(&format!("arn:{p}:sts::123456789012:assumed-role/A/s@x")).unwrap();
            assert!(matches!(&session, Caller::AssumedRole { role, session, .. } if role == "A" && session == "s@x"));
            let fed = Caller::parse(&format!("arn:{p}:sts::123456789012:federated-user/carol")).unwrap();
            assert_eq!(fed.kind(), "federated user");
            assert!(matches!(
                Caller::parse(&format!("arn:{p}:iam::123456789012:root")),
                Some(Caller::Root { .. })
            ));
        }
    }

    #[test]
    fn refuses_anything_outside_the_grammar() {
        for bad in [
            "arn:aws:iam::123456789012:user/Bob';touch x;'",
            "arn:aws:iam::123456789012:user/Bob$(id)",
            "arn:aws:iam::123456789012:user/Bo b",
            "arn:aws:iam::123456789012:user/",
            "arn:aws:iam::12345678901:user/Bob",
            "arn:aws:iam:us-east-1:123456789012:user/Bob",
            "arn:aws:s3::123456789012:user/Bob",
            "arn:AWS:iam::123456789012:user/Bob",
            "arn:aws:sts::123456789012:assumed-role/A",
            "arn:aws:sts::123456789012:assumed-role/A/s/t",
            "arn:aws:iam::123456789012:user/Bob\n",
            "arn:aws:iam::123456789012:user/Bob`id`",
        ] {
            assert_eq!(Caller::parse(bad), None, "{bad}");
        }
        assert!(Arn::parse("arn:aws:iam::123456789012:role/x\"}").is_none());
    }

    #[test]
    fn words_after_markers() {
        let m = "User: arn:aws:iam::1:user/B is not authorized to perform: sts:AssumeRole on resource: arn:x.";
        assert_eq!(word_after(m, "User:"), Some("arn:aws:iam::1:user/B"));
        assert_eq!(word_after(m, "on resource:"), Some("arn:x"));
        assert_eq!(word_after(m, "nothing"), None);
    }
}
