//! The response corpus (tests/fixtures/sts-corpus/, sources in its README) through the crate's public
//! response parser: every recorded or AWS-published STS answer must be read as the right kind (a result,
//! an STS error with the body's code and request id, or an unexpected response) and keep the request id
//! of the x-amzn-requestid header when the body has none.
//!
//! `#[ignore]`d so that plain `cargo test` (stage 10) stays a unit run; stage 35 runs it with
//! `--include-ignored`. The crate API it touches is in `parse_entry` alone, to adapt in one place.

use assume_role_wasm::{model, response, Error};
use serde_json::Value;

enum Read {
    /// `problems`: leaves of the body's `<XResult>` the output lacks or reads differently.
    Result {
        request_id: Option<String>,
        leaves: usize,
        problems: Vec<String>,
    },
    Sts {
        code: String,
        request_id: Option<String>,
        status: u16,
    },
    Unexpected {
        request_id: Option<String>,
        status: u16,
    },
}

/// `None` when the crate has no parser for the operation.
fn parse_entry(op: &str, status: u16, body: &str, header_id: Option<&str>) -> Option<Read> {
    let op = model::operation(op)?;
    Some(match response::parse(op, status, body, header_id) {
        Ok(out) => {
            let leaves = result_leaves(body, op.action);
            Read::Result {
                request_id: out.request_id.clone(),
                leaves: leaves.len(),
                problems: leaves
                    .iter()
                    .filter_map(|(path, text)| check_leaf(&out, path, text).err())
                    .collect(),
            }
        }
        Err(e @ Error::Sts { .. }) => Read::Sts {
            code: e.code().to_owned(),
            request_id: e.request_id().map(str::to_owned),
            status: e.status().unwrap_or_default(),
        },
        Err(e) => Read::Unexpected {
            request_id: e.request_id().map(str::to_owned),
            status: e.status().unwrap_or_default(),
        },
    })
}

/// Every leaf element under `<{action}Result>`, as ("Credentials/AccessKeyId", text): read here with
/// quick-xml directly, so the expectation does not come from the parser under test.
fn result_leaves(body: &str, action: &str) -> Vec<(Vec<String>, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(body);
    let (mut stack, mut leaves, mut text, mut leaf) = (Vec::<String>::new(), Vec::new(), String::new(), false);
    let result = format!("{action}Result");
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                stack.push(e.local_name().as_ref().to_owned());
                text.clear();
                leaf = true;
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => text.push_str(quick_xml::escape::resolve_predefined_entity(&r).unwrap_or("?")),
            Event::End(_) => {
                if leaf {
                    if let Some(at) = stack.iter().position(|n| *n == result) {
                        leaves.push((stack[at + 1..].to_vec(), text.trim().to_owned()));
                    }
                }
                leaf = false;
                stack.pop();
            }
            Event::Eof => return leaves,
            _ => {}
        }
    }
}

/// The output value at `path` must exist and say what the body says (timestamps: the same instant,
/// normalised to whole seconds).
fn check_leaf(out: &response::Output, path: &[String], text: &str) -> Result<(), String> {
    let mut value = out.get(&path[0]);
    for name in &path[1..] {
        value = value.and_then(|v| v.get(name));
    }
    let shown = path.join("/");
    match value {
        None => Err(format!("{shown} missing from the output")),
        Some(response::OutValue::Str(s)) if s != text => Err(format!("{shown}: read {s:?}, the body says {text:?}")),
        Some(response::OutValue::Int(i)) if i.to_string() != text => {
            Err(format!("{shown}: read {i}, the body says {text}"))
        }
        Some(response::OutValue::Time(t)) if !text.starts_with(t.trim_end_matches('Z')) => {
            Err(format!("{shown}: read {t}, the body says {text}"))
        }
        Some(_) => Ok(()),
    }
}

/// The text of the first `<name>` element: enough to know what the body says, independently of the parser.
fn element<'a>(body: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let start = body.find(&open)? + open.len();
    let end = body[start..].find(&format!("</{name}>"))?;
    Some(body[start..start + end].trim())
}

#[test]
#[ignore = "stage 35 runs it (cargo test --test sts_corpus -- --include-ignored)"]
fn every_corpus_response_is_read() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sts-corpus");
    let corpus: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(dir.join("corpus.json")).unwrap()).unwrap();
    let (mut read, mut unsupported, mut wrong, mut fields) = (0, Vec::new(), Vec::new(), 0);
    for entry in &corpus {
        let file = entry["file"].as_str().unwrap();
        let op = entry["op"].as_str().unwrap();
        let status = entry["status"].as_u64().unwrap() as u16;
        let body = std::fs::read_to_string(dir.join(file)).unwrap();
        let header_id = entry["headers"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("x-amzn-requestid"))
            .and_then(|(_, v)| v.as_str());
        let Some(got) = parse_entry(op, status, &body, header_id) else {
            unsupported.push(format!("{file} ({op})"));
            continue;
        };
        let body_id = element(&body, "RequestId");
        let want_id = body_id.or(header_id);
        let problem = match (&entry["expect"], got) {
            (
                e,
                Read::Result {
                    request_id,
                    leaves,
                    problems,
                },
            ) if e.get("result").is_some() => {
                fields += leaves;
                if request_id.as_deref() != want_id {
                    Some(format!("request id {request_id:?}, expected {want_id:?}"))
                } else {
                    (!problems.is_empty()).then(|| problems.join("; "))
                }
            }
            (
                e,
                Read::Sts {
                    code,
                    request_id,
                    status: s,
                },
            ) if e["error"] == "botocore" => {
                let want_code = element(&body, "Code").unwrap();
                (code != want_code || request_id.as_deref() != want_id || s != status)
                    .then(|| format!("{code}/{request_id:?}/{s}, expected {want_code}/{want_id:?}/{status}"))
            }
            (e, Read::Unexpected { request_id, status: s }) if e["error"].is_object() => {
                let want = e["error"]["requestId"].as_str();
                (request_id.as_deref() != want || s != status).then(|| {
                    format!("unexpected response with request id {request_id:?}/{s}, expected {want:?}/{status}")
                })
            }
            _ => Some("read as the wrong kind (result, STS error or unexpected response)".to_owned()),
        };
        match problem {
            Some(p) => wrong.push(format!("{file}: {p}")),
            None => read += 1,
        }
    }
    println!(
        "corpus: {} responses ({fields} result fields compared); {read} read right, {} wrongly, {} for operations the parser does not know",
        corpus.len(),
        wrong.len(),
        unsupported.len()
    );
    assert!(wrong.is_empty(), "read wrongly:\n  {}", wrong.join("\n  "));
    assert!(unsupported.is_empty(), "no parser for:\n  {}", unsupported.join("\n  "));
}
