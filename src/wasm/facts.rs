//! The facts the page, the CLI and the worker share, exported from the core so nobody keeps a copy:
//! `formats()`, `operations()` (the operation table for CLI flags and form limits), `regions()` (AWS's
//! partition data) and `resolveEndpoint(opts)`.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use super::convert::{to_js_error, Options};
use super::NO_CALL;
use crate::endpoint;
use crate::exports::FORMATS;
use crate::model::{self, Member, Shape};

fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value.into());
}

fn strings(items: impl IntoIterator<Item = &'static str>) -> Array {
    items.into_iter().map(JsValue::from_str).collect()
}

/// Every export format: `{ id, aliases, label, shell, file?, how, profile, mediaType }`.
#[wasm_bindgen(js_name = formats, skip_typescript)]
pub fn formats() -> Array {
    FORMATS
        .iter()
        .map(|f| {
            let o = Object::new();
            set(&o, "id", f.id);
            set(&o, "aliases", strings(f.aliases.iter().copied()));
            set(
                &o,
                "listedAliases",
                strings(f.aliases[..f.listed_aliases].iter().copied()),
            );
            set(&o, "label", f.label);
            set(&o, "shell", f.shell);
            if let Some(file) = f.file {
                set(&o, "file", file);
            }
            set(&o, "how", f.how);
            set(&o, "profile", f.profile);
            set(&o, "mediaType", f.media_type);
            JsValue::from(o)
        })
        .collect()
}

fn describe_member(m: &Member) -> Object {
    let o = Object::new();
    set(&o, "name", m.name);
    set(&o, "js", m.js);
    set(&o, "cli", m.cli);
    set(&o, "required", m.required);
    describe_shape(&o, m.shape);
    o
}

fn describe_shape(o: &Object, shape: &Shape) {
    match shape {
        Shape::Str(rule) => {
            set(o, "type", "string");
            set(o, "min", rule.min);
            if let Some(max) = rule.max {
                set(o, "max", max);
            }
            if let Some(chars) = rule.chars {
                set(o, "chars", chars.description);
            }
            set(o, "sensitive", rule.sensitive);
            if !rule.values.is_empty() {
                set(o, "values", strings(rule.values.iter().copied()));
            }
        }
        Shape::Int { min, max } => {
            set(o, "type", "integer");
            if let Some(min) = min {
                set(o, "min", *min as f64);
            }
            if let Some(max) = max {
                set(o, "max", *max as f64);
            }
        }
        Shape::Bool => set(o, "type", "boolean"),
        Shape::Timestamp => set(o, "type", "timestamp"),
        Shape::List { member, min, max } => {
            set(o, "type", "list");
            set(o, "min", *min);
            if let Some(max) = max {
                set(o, "max", *max);
            }
            let item = Object::new();
            describe_shape(&item, member);
            set(o, "member", item);
        }
        Shape::Map { .. } => set(o, "type", "map"),
        Shape::Struct(members) => {
            set(o, "type", "structure");
            set(o, "members", members.iter().map(describe_member).collect::<Array>());
        }
    }
}

/// The operation table: `[{ action, name, cli, signed, credentials, summary, input: [member…], output: [member…] }]`,
/// each member `{ name, js, cli, required, type, min?, max?, chars?, sensitive?, values?, member?, members? }`.
#[wasm_bindgen(js_name = operations, skip_typescript)]
pub fn operations() -> Array {
    model::OPERATIONS
        .iter()
        .map(|op| {
            let o = Object::new();
            set(&o, "action", op.action);
            set(&o, "name", op.js);
            set(&o, "cli", op.cli);
            set(&o, "signed", op.signed);
            set(&o, "credentials", op.credentials);
            set(&o, "summary", op.summary);
            set(&o, "input", op.input.iter().map(describe_member).collect::<Array>());
            set(&o, "output", op.output.iter().map(describe_member).collect::<Array>());
            set(
                &o,
                "clientOptions",
                strings(crate::params::client_options(op).iter().copied()),
            );
            JsValue::from(o)
        })
        .collect()
}

/// AWS's partitions and their regions: `[{ id, dnsSuffix, dualStackDnsSuffix, regions: [{ id, name }] }]`.
#[wasm_bindgen(js_name = regions, skip_typescript)]
pub fn regions() -> Array {
    model::PARTITIONS
        .iter()
        .map(|p| {
            let o = Object::new();
            set(&o, "id", p.id);
            set(&o, "dnsSuffix", p.dns_suffix);
            set(&o, "dualStackDnsSuffix", p.dual_stack_dns_suffix);
            let regions: Array = p
                .regions
                .iter()
                .map(|(id, name)| {
                    let r = Object::new();
                    set(&r, "id", *id);
                    set(&r, "name", *name);
                    JsValue::from(r)
                })
                .collect();
            set(&o, "regions", regions);
            JsValue::from(o)
        })
        .collect()
}

/// Where a call with these options would go: `{ url, signingRegion, partition }` (`region`, `useFips`,
/// `useDualStack`, `endpoint`; nothing is sent). Throws an `StsError` for a bad region or endpoint.
#[wasm_bindgen(js_name = resolveEndpoint, skip_typescript)]
pub fn resolve_endpoint(opts: JsValue) -> Result<JsValue, JsValue> {
    let op = &model::OPERATIONS[0];
    let opts = if opts.is_undefined() || opts.is_null() {
        Object::new().into()
    } else {
        opts
    };
    let resolved = Options::read_target_only(&opts, op).and_then(|o| endpoint::resolve(&o.target()?));
    let e = resolved.map_err(|e| to_js_error(&e, &NO_CALL))?;
    let o = Object::new();
    set(&o, "url", e.url.as_str());
    set(&o, "signingRegion", e.signing_region.as_str());
    set(&o, "partition", e.partition);
    Ok(o.into())
}
