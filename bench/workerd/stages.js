// Bench-only worker (bench/workerd-breakdown.mjs): runs one stage of a call `n` times inside one request, so
// that the CPU of the stage, read from outside around requests with n = N and n = 0, is split from workerd's
// dispatch. Stages: `options` (resolveEndpoint: option reading + endpoint), `invalid` (a whole call refused by
// validation: options → input checks → error object, nothing signed), `call` (a whole AssumeRole with an
// in-isolate fetch answering the canned XML at once: options → validation → sign → parse → result object),
// `render` (renderExports json), `fetch` (workerd's own fetch of the canned server, no wasm), `roundtrip`
// (a whole AssumeRole through workerd's fetch to the canned server). VARIANT (a bundler `define`) picks the
// cold-start variant: "none" (no wasm), "compile" (the wasm module imported, not instantiated),
// "instantiate" (initSync), "full" (initSync, and requests run stages).
import * as glue from "assume-role-wasm/glue";
import wasmModule from "assume-role-wasm/wasm";
// The second wasm (src/wasm/mod.rs): resolveEndpoint and renderExports live there.
import * as extras from "assume-role-wasm/extras-glue";
import extrasModule from "assume-role-wasm/extras-wasm";

const VARIANT = globalThis.__VARIANT ?? "full";
if (VARIANT === "compile") globalThis.__exports = WebAssembly.Module.exports(wasmModule).length;
if (VARIANT === "instantiate" || VARIANT === "full") glue.initSync({ module: wasmModule });
if (VARIANT === "full") extras.initSync({ module: extrasModule });

const creds = { accessKeyId: "ASIAIOSFODNN7EXAMPLE", secretAccessKey: "x".repeat(40), sessionToken: "t".repeat(300), expiration: "2026-11-28T13:00:00Z" };

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const n = Number(url.searchParams.get("n") ?? 0);
    const stage = url.pathname.slice(1);
    if (VARIANT !== "full") return new Response(stage === "" ? "ok" : VARIANT);
    const xml = env.XML;
    const base = {
      accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, region: "us-east-1",
      roleArn: "arn:aws:iam::123456789012:role/example-role",
    };
    const canned = async () => new Response(xml, { status: 200, headers: { "content-type": "text/xml" } });
    let last = "";
    for (let i = 0; i < n; i++) {
      if (stage === "options") last = extras.resolveEndpoint({ region: "us-east-1" }).url;
      else if (stage === "invalid") last = await glue.call("AssumeRole", { ...base, roleSessionName: `s${i}`, durationSeconds: 1, fetch: canned }).catch((e) => e.code);
      else if (stage === "call") last = (await glue.call("AssumeRole", { ...base, roleSessionName: `s${i}`, endpoint: "https://sts.us-east-1.amazonaws.com", fetch: canned })).credentials.accessKeyId;
      else if (stage === "render") last = extras.renderExports(creds, "json");
      else if (stage === "fetch") last = await (await fetch(env.STS_ENDPOINT, { method: "POST", body: "Action=AssumeRole" })).text();
      else if (stage === "roundtrip") last = (await glue.call("AssumeRole", { ...base, roleSessionName: `s${i}`, endpoint: env.STS_ENDPOINT })).credentials.accessKeyId;
      else return new Response("unknown stage", { status: 404 });
    }
    return new Response(String(last).slice(0, 40));
  },
};
