//! SAML responses: `saml::saml_roles` with any text (raw XML, base64, percent-encoded, form bodies).
//!
//! Input: the whole input is the pasted text (invalid UTF-8 becomes U+FFFD).
#![no_main]

use assume_role_wasm::base64::encode_standard;
use assume_role_wasm::saml::{self, saml_roles};
use assume_role_wasm::Error;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match saml_roles(&text) {
        Ok(roles) => {
            assert!(!roles.is_empty() && roles.len() <= saml::MAX_ROLES);
            for (i, r) in roles.iter().enumerate() {
                assert!(r.role_arn.starts_with("arn:aws") && r.role_arn.contains(":role/"), "{r:?}");
                assert!(r.principal_arn.contains(":saml-provider/"), "{r:?}");
                // Shown in a picker: nothing invisible or direction-changing in a name.
                let name_of = |arn: &str| arn.rsplit(':').next().unwrap_or_default().to_owned();
                assert!(name_of(&r.role_arn).bytes().all(|c| c.is_ascii_graphic()), "{r:?}");
                assert!(name_of(&r.principal_arn).bytes().all(|c| c.is_ascii_graphic()), "{r:?}");
                assert!(!roles[..i].contains(r), "a pair listed twice");
            }
            // What the IdP posts is the base64 of the same XML: it must list the same roles.
            let trimmed = text.trim().trim_start_matches('\u{feff}');
            if trimmed.starts_with('<') {
                let again = saml_roles(&encode_standard(trimmed.as_bytes())).expect("base64 of accepted XML");
                assert_eq!(again, roles);
            }
        }
        Err(Error::InvalidParameter { field, reason }) => {
            assert_eq!(field, saml::FIELD);
            assert!(reason.chars().count() <= 300 && !reason.contains('\n'), "{reason}");
        }
        Err(other) => panic!("saml_roles returned {other:?}"),
    }
});
