//! Sending a planned call with the runtime's `fetch` (Window, Worker, workerd, Deno and Node ≥ 18 all have
//! the global), under one deadline for the whole call, with the retry policy from `crate::retry`.

use std::sync::atomic::{AtomicI64, Ordering};

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroize;

use super::convert::Transport;
use crate::error::Error;
use crate::plan::Plan;
use crate::response::Output;
use crate::retry::{self, Next};

/// Largest body we copy into wasm memory; anything bigger is not an STS answer.
const MAX_BODY_CHARS: u32 = 256 * 1024;

/// Learned offset between the server's clock and ours, kept for later calls (as the AWS SDKs do).
static CLOCK_SKEW_MS: AtomicI64 = AtomicI64::new(0);

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(url: &str, init: &JsValue) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// The clock the core judges and signs with: local time corrected by what earlier answers taught us.
pub fn now_ms() -> u64 {
    let local = js_sys::Date::now() as i64;
    (local + CLOCK_SKEW_MS.load(Ordering::Relaxed)).max(0) as u64
}

/// One deadline for the call: a promise that resolves to a private sentinel when time is up (resolving,
/// not rejecting, so nothing is ever an unhandled rejection), plus an AbortController whose signal every
/// fetch carries; the race that sees the sentinel aborts it, so one timer serves both.
/// Dropping it clears the timer, so a finished call never keeps Node's event loop alive.
struct Deadline {
    sentinel: Object,
    expired: Promise,
    controller: Option<web_sys::AbortController>,
    timer: JsValue,
    ends_at: f64,
    timeout_ms: u32,
}

impl Deadline {
    fn start(timeout_ms: u32) -> Deadline {
        let sentinel = Object::new();
        let mut timer = JsValue::UNDEFINED;
        let expired = Promise::new(&mut |resolve, _reject| {
            let fire: Function = resolve.bind1(&JsValue::NULL, &sentinel).unchecked_into();
            timer = set_timeout(&fire, f64::from(timeout_ms));
        });
        Deadline {
            sentinel,
            expired,
            controller: web_sys::AbortController::new().ok(),
            timer,
            ends_at: js_sys::Date::now() + f64::from(timeout_ms),
            timeout_ms,
        }
    }

    fn timeout(&self) -> Error {
        Error::Timeout {
            after_ms: self.timeout_ms,
        }
    }

    /// Await `promise` unless the deadline comes first.
    async fn race(&self, promise: &Promise) -> Result<JsValue, RaceError> {
        let both = Array::of2(promise, &self.expired);
        match JsFuture::from(Promise::race(&both)).await {
            Ok(v) if Object::is(&v, &self.sentinel) => {
                // Cancel the request in flight (the socket, the body read), not just stop waiting.
                if let Some(c) = &self.controller {
                    c.abort();
                }
                Err(RaceError::TimedOut)
            }
            Ok(v) => Ok(v),
            // A fetch that rejects right at the deadline (its own timers racing ours) timed out too.
            Err(_) if js_sys::Date::now() >= self.ends_at => Err(RaceError::TimedOut),
            Err(e) => Err(RaceError::Failed(e)),
        }
    }

    /// Sleep for a backoff delay; false when the deadline would pass first.
    async fn sleep(&self, ms: u32) -> bool {
        if js_sys::Date::now() + f64::from(ms) >= self.ends_at {
            return false;
        }
        let mut timer = JsValue::UNDEFINED;
        let wait = Promise::new(&mut |resolve, _| timer = set_timeout(&resolve, f64::from(ms)));
        let done = self.race(&wait).await.is_ok();
        clear_timeout(&timer);
        done
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
    }
}

enum RaceError {
    TimedOut,
    Failed(JsValue),
}

/// A short description of a rejected fetch: message plus, in Node, the cause's code (ECONNREFUSED…).
fn describe(e: &JsValue) -> String {
    let text = |v: &JsValue, key: &str| Reflect::get(v, &key.into()).ok().and_then(|s| s.as_string());
    let mut message = text(e, "message")
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "fetch failed".into());
    if let Some(cause) = Reflect::get(e, &"cause".into()).ok().filter(|c| c.is_object()) {
        if let Some(detail) = text(&cause, "code").or_else(|| text(&cause, "message")) {
            message = format!("{message} ({detail})");
        }
    }
    message.chars().take(300).collect()
}

struct Reply {
    status: u16,
    body: String,
    date: Option<String>,
    request_id: Option<String>,
}

fn header(headers: &JsValue, name: &str) -> Option<String> {
    let get = Reflect::get(headers, &"get".into()).ok()?.dyn_into::<Function>().ok()?;
    get.call1(headers, &name.into()).ok()?.as_string()
}

async fn send(
    plan: &Plan,
    headers: &[(&'static str, String)],
    transport: &Transport,
    deadline: &Deadline,
) -> Result<Reply, Error> {
    let network = |e: &JsValue| Error::Network { message: describe(e) };
    let header_obj = Object::new();
    for (name, value) in headers {
        let _ = Reflect::set(&header_obj, &(*name).into(), &value.as_str().into());
    }
    let init = Object::new();
    let _ = Reflect::set(&init, &"method".into(), &"POST".into());
    let _ = Reflect::set(&init, &"headers".into(), &header_obj);
    let _ = Reflect::set(&init, &"body".into(), &plan.body.as_str().into());
    // A redirect would carry the signed request elsewhere; surface it as an unexpected response instead.
    let _ = Reflect::set(&init, &"redirect".into(), &"manual".into());
    if let Some(c) = &deadline.controller {
        let _ = Reflect::set(&init, &"signal".into(), &c.signal());
    }
    let url = plan.endpoint.url.as_str();
    let started = match &transport.fetch {
        Some(f) => f
            .call2(&JsValue::UNDEFINED, &url.into(), &init)
            .map(|v| Promise::resolve(&v)),
        None => global_fetch(url, &init),
    };
    let promise = started.map_err(|e| network(&e))?;
    let response = match deadline.race(&promise).await {
        Ok(r) => r,
        Err(RaceError::TimedOut) => return Err(deadline.timeout()),
        Err(RaceError::Failed(e)) => return Err(network(&e)),
    };
    let status = Reflect::get(&response, &"status".into())
        .ok()
        .and_then(|s| s.as_f64())
        .unwrap_or(0.0);
    let status = if (0.0..=999.0).contains(&status) {
        status as u16
    } else {
        0
    };
    let headers = Reflect::get(&response, &"headers".into()).unwrap_or(JsValue::UNDEFINED);
    let date = header(&headers, "date");
    let request_id = header(&headers, "x-amzn-requestid");
    let text = Reflect::get(&response, &"text".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call0(&response).ok())
        .map(|p| Promise::resolve(&p))
        .ok_or_else(|| Error::UnexpectedResponse {
            status,
            snippet: "the response has no readable body".into(),
            request_id: request_id.clone(),
        })?;
    let body = match deadline.race(&text).await {
        Ok(b) => b,
        Err(RaceError::TimedOut) => return Err(deadline.timeout()),
        Err(RaceError::Failed(e)) => return Err(network(&e)),
    };
    let body: js_sys::JsString = body.dyn_into().map_err(|_| Error::UnexpectedResponse {
        status,
        snippet: "the body is not text".into(),
        request_id: request_id.clone(),
    })?;
    if body.length() > MAX_BODY_CHARS {
        return Err(Error::UnexpectedResponse {
            status,
            snippet: format!("a {} KB body, far larger than any STS answer", body.length() / 1024),
            request_id,
        });
    }
    Ok(Reply {
        status,
        body: body.into(),
        date,
        request_id,
    })
}

/// Send with retries; returns the outcome and how many attempts it took (hints mention retries).
pub async fn run(plan: &Plan, transport: &Transport) -> (Result<Output, Error>, u32) {
    let mut attempts = 0;
    let result = run_counted(plan, transport, &mut attempts).await;
    (result, attempts)
}

async fn run_counted(plan: &Plan, transport: &Transport, attempts: &mut u32) -> Result<Output, Error> {
    let deadline = Deadline::start(transport.timeout_ms);
    let mut attempt = 0;
    let mut skew_corrected = false;
    loop {
        attempt += 1;
        *attempts = attempt;
        let now = now_ms();
        let mut headers = plan.sign_at(now)?;
        let sent = send(plan, &headers, transport, &deadline).await;
        // Our copies of the session token (a header) and of the new credentials (the body) are wiped
        // as soon as they are used; the parsed result keeps its secrets in `Secret`s.
        headers.iter_mut().for_each(|(_, value)| value.zeroize());
        let (err, date) = match sent {
            Ok(mut reply) => {
                let parsed = plan.parse(reply.status, &reply.body, reply.request_id.as_deref());
                reply.body.zeroize();
                match parsed {
                    Ok(output) => return Ok(output),
                    Err(e) => (e, reply.date),
                }
            }
            Err(e) => (e, None),
        };
        match retry::decide(
            &err,
            attempt,
            skew_corrected,
            date.as_deref(),
            now,
            js_sys::Math::random(),
        ) {
            Next::Stop => return Err(err),
            Next::Retry { delay_ms, skew_ms } => {
                if let Some(skew) = skew_ms {
                    // `skew` is relative to `now`, which already includes the offset learned before.
                    CLOCK_SKEW_MS.fetch_add(skew, Ordering::Relaxed);
                    skew_corrected = true;
                }
                if !deadline.sleep(delay_ms).await {
                    return Err(err);
                }
            }
        }
    }
}
