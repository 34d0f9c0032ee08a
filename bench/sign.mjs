// Part 1: µs to sign the AssumeRole request in Node — ours (wasm signRequest: aws-sigv4) vs aws4fetch
// (WebCrypto; key cache on and off) vs client-sts's signer (@smithy/signature-v4) — after checking that all
// produce the same signature. The native aws-sigv4 figure (cargo bench) is the floor, added by run.mjs.
import * as F from "./lib/fixture.mjs";
import { loadBenchGlue, usSign, loadClientSts, clientStsSigner, aws4Sign } from "./lib/impls.mjs";
import { timeCases, ratio, printTable } from "./lib/stats.mjs";

export async function signatures() {
  const glue = await loadBenchGlue();
  const { client } = await loadClientSts("https://sts.us-east-1.amazonaws.com");
  const smithy = await clientStsSigner(client);
  const got = {
    us: F.signatureOf(usSign(glue).authorization),
    "aws4fetch": F.signatureOf((await aws4Sign()).headers.get("authorization")),
    "client-sts signer": F.signatureOf((await smithy()).headers.authorization),
  };
  return got;
}

export async function run({ smoke, native }) {
  const sigs = await signatures();
  if (native?.signature) sigs["native aws-sigv4"] = native.signature;
  const distinct = new Set(Object.values(sigs));
  if (distinct.size !== 1 || distinct.has(null)) {
    throw new Error(`signatures differ across implementations: ${JSON.stringify(sigs, null, 1)}`);
  }
  console.log(`\nsignatures equal across ${Object.keys(sigs).join(", ")}: ${[...distinct][0].slice(0, 16)}…`);

  const glue = await loadBenchGlue();
  const { client } = await loadClientSts("https://sts.us-east-1.amazonaws.com");
  const smithy = await clientStsSigner(client);
  const cache = new Map();
  const res = await timeCases(
    {
      us: () => usSign(glue),
      "aws4fetch (key cached)": () => aws4Sign(cache),
      "aws4fetch (uncached)": () => aws4Sign(),
      "client-sts signer": () => smithy(),
    },
    smoke ? { rounds: 3, iterations: 50, warmup: 20, clock: "cpu" } : { rounds: 11, iterations: 1000, warmup: 1000, clock: "cpu" },
  );
  const rows = Object.entries(res).map(([name, stat]) => ({
    name, stat, ratio: name === "us" ? undefined : ratio(stat.rounds, res.us.rounds),
  }));
  if (native?.us) {
    rows.push({ name: "native aws-sigv4 (floor)", stat: native.us, note: `us ÷ native = ×${(res.us.median / native.us).toFixed(2)}` });
  }
  printTable("1. signing one AssumeRole request, Node, CPU time", "µs", rows);
  return { us: res.us.median, peers: Object.fromEntries(rows.map((r) => [r.name, r.stat?.median ?? r.stat])), ratios: Object.fromEntries(rows.filter((r) => r.ratio).map((r) => [r.name, r.ratio])), native: native?.us, signatures: sigs };
}
