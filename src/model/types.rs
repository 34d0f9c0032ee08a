//! What the generated operation table is made of. The table itself (`generated.rs`) is data written by
//! `scripts/gen-model.mjs` from AWS's STS model; the core's validation, form encoding, response parsing and
//! option names all walk it, so an operation is one table entry, not code.

/// One STS operation (an action of the Query API).
#[derive(Debug)]
pub struct Operation {
    /// The model's name and the `Action=` of the request: `AssumeRoleWithSAML`.
    pub action: &'static str,
    /// The JS function name: `assumeRoleWithSaml`.
    pub js: &'static str,
    /// The AWS CLI's subcommand name: `assume-role-with-saml`.
    pub cli: &'static str,
    /// False for the operations STS takes unsigned (web identity, SAML): no access keys at all.
    pub signed: bool,
    /// The result carries a `Credentials` structure.
    pub credentials: bool,
    pub input: &'static [Member],
    pub output: &'static [Member],
    /// The first sentence of the model's documentation, for help texts.
    pub summary: &'static str,
}

/// A member of an input or output structure.
#[derive(Debug)]
pub struct Member {
    /// The model's (and the wire's) name: `RoleArn`.
    pub name: &'static str,
    /// The JS option or result key: `roleArn`.
    pub js: &'static str,
    /// The AWS CLI's flag name without dashes: `role-arn`.
    pub cli: &'static str,
    pub required: bool,
    pub shape: &'static Shape,
}

#[derive(Debug)]
pub enum Shape {
    Str(StrRule),
    Int {
        min: Option<i64>,
        max: Option<i64>,
    },
    Bool,
    Timestamp,
    List {
        member: &'static Shape,
        min: u32,
        max: Option<u32>,
    },
    Map {
        key: &'static Shape,
        value: &'static Shape,
    },
    Struct(&'static [Member]),
}

/// A string's constraints: length in characters (Unicode scalar values), allowed characters, enum values.
#[derive(Debug)]
pub struct StrRule {
    pub min: u32,
    pub max: Option<u32>,
    pub chars: Option<&'static CharSet>,
    /// The model marks it sensitive: never echoed in an error, wiped after use.
    pub sensitive: bool,
    /// Allowed values when the model gives an enum (empty: any).
    pub values: &'static [&'static str],
}

/// A character class from a model pattern: code point ranges plus the Unicode categories \p{L}, \p{Z}, \p{N}.
#[derive(Debug)]
pub struct CharSet {
    pub ranges: &'static [(u32, u32)],
    pub letters: bool,
    pub separators: bool,
    pub numbers: bool,
    /// `[C]+( [C]+)*`: words of the class separated by single spaces.
    pub words: bool,
    /// What it allows, in words, for error messages.
    pub description: &'static str,
}

/// An AWS partition: which regions belong to it and how its hosts are named.
#[derive(Debug)]
pub struct Partition {
    pub id: &'static str,
    /// A region matching `PREFIX\w+-\d+` belongs here (the SDKs' regionRegex, expanded).
    pub region_prefixes: &'static [&'static str],
    /// Known regions and their names.
    pub regions: &'static [(&'static str, &'static str)],
    pub dns_suffix: &'static str,
    pub dual_stack_dns_suffix: &'static str,
    pub supports_fips: bool,
    pub supports_dual_stack: bool,
}

// Table entries are statics: two references are the same entry exactly when they point at it.
impl PartialEq for Operation {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::eq(self, other)
    }
}
impl Eq for Operation {}
impl PartialEq for Member {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::eq(self, other)
    }
}
impl Eq for Member {}
