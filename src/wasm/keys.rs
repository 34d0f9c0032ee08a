//! Property names made into JS strings once. Every call reads and writes the same few dozen names (option
//! names, result members, fetch's init keys); passing a Rust `&str` to JS decodes it from wasm memory each time
//! (wasm-bindgen's TextDecoder path), which the per-call profile showed as a visible share of a call. Only
//! `&'static str`s are cached, keyed by address: the set is the program's own strings, so it stays bounded
//! (never a name that came from the caller, such as a map key).

use std::cell::RefCell;

use wasm_bindgen::JsValue;

thread_local! {
    static CACHE: RefCell<Vec<(usize, usize, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with the JS string for `key`, made on first use.
pub fn with_key<R>(key: &'static str, f: impl FnOnce(&JsValue) -> R) -> R {
    f(&key_of(key))
}

// One copy of the lookup, not one per caller's closure (wasm size).
#[inline(never)]
fn key_of(key: &'static str) -> JsValue {
    let id = (key.as_ptr() as usize, key.len());
    CACHE.with(|c| {
        if let Some((_, _, v)) = c.borrow().iter().find(|(p, l, _)| (*p, *l) == id) {
            return v.clone();
        }
        let v = JsValue::from_str(key);
        c.borrow_mut().push((id.0, id.1, v.clone()));
        v
    })
}
