//! The native floor for bench/sign.mjs: µs per `sign::sign_post` of the same AssumeRole request (same
//! keys, body, instant) in a plain std::time loop (no criterion: its build is large on a 2-core machine).
//! Prints one JSON line: {"us_median", "us_min", "us_max", "signature"}; bench/run.mjs reads it.
//!   cargo bench --bench sign [-- --smoke]

use std::hint::black_box;
use std::time::Instant;

use assume_role_wasm::params::SourceCredentials;
use assume_role_wasm::secret::Secret;
use assume_role_wasm::sign::sign_post;

// Same inputs as bench/lib/fixture.mjs.
const URL: &str = "https://sts.us-east-1.amazonaws.com/";
const BODY: &str = "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fexample-role&RoleSessionName=bench";
const TIME_MS: u64 = 1_795_867_200_000;

fn main() {
    let smoke = std::env::args().any(|a| a == "--smoke");
    let (rounds, iterations) = if smoke { (3, 200) } else { (11, 20_000) };
    let source = SourceCredentials {
        access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
        secret_access_key: Secret::from("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        session_token: None,
        expiration: None,
    };
    let sign = || sign_post(black_box(URL), "us-east-1", &source, black_box(BODY), TIME_MS).unwrap();
    let headers = sign();
    let auth = &headers.iter().find(|(n, _)| *n == "authorization").unwrap().1;
    let signature = auth.rsplit("Signature=").next().unwrap().to_owned();
    for _ in 0..iterations / 4 {
        black_box(sign());
    }
    let mut per_op: Vec<f64> = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..iterations {
                black_box(sign());
            }
            t.elapsed().as_secs_f64() * 1e6 / f64::from(iterations)
        })
        .collect();
    per_op.sort_by(f64::total_cmp);
    println!(
        "{{\"us_median\":{:.3},\"us_min\":{:.3},\"us_max\":{:.3},\"signature\":\"{signature}\"}}",
        per_op[per_op.len() / 2],
        per_op[0],
        per_op[per_op.len() - 1]
    );
}
