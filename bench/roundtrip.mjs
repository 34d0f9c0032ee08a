// Part 2: µs per AssumeRole round trip against the canned local server (bench/lib/canned-server.mjs),
// N sequential calls: ours (node:http transport of the Node entry; and the global fetch) vs client-sts
// (its default NodeHttpHandler, node:http) vs aws4fetch + hand parsing (global fetch); bare fetch and bare
// node:http as the transport floors. Overhead = client − its transport's floor; the overhead ratio is the
// figure the "≥ 5× lower than client-sts" target is about.
import http from "node:http";
import * as F from "./lib/fixture.mjs";
import { startCannedServer } from "./lib/canned-server.mjs";
import { loadUs, usOpts, loadClientSts, assumeRoleCommand, aws4Client, hasNodeEntry } from "./lib/impls.mjs";
import { timeCases, ratio, printTable, median } from "./lib/stats.mjs";

const agent = new http.Agent({ keepAlive: true });
function bareHttp(endpoint) {
  return new Promise((resolve, reject) => {
    const req = http.request(endpoint, {
      method: "POST", agent,
      headers: { "content-type": F.CONTENT_TYPE, "content-length": Buffer.byteLength(F.BODY) },
    }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(F.BODY);
  });
}
const bareFetch = async (endpoint) =>
  (await fetch(endpoint, { method: "POST", headers: { "content-type": F.CONTENT_TYPE }, body: F.BODY })).text();

export async function run({ smoke }) {
  const server = await startCannedServer(F.ASSUME_ROLE_XML);
  try {
    const { glue, entry } = await loadUs();
    const { sts, client } = await loadClientSts(server.endpoint);
    const aws4 = await aws4Client();
    const opts = usOpts(server.endpoint);
    // Same answer from each before timing: the assumed-role access key id.
    const expect = /<AccessKeyId>([^<]+)/.exec(F.ASSUME_ROLE_XML)[1];
    const check = {
      "us (pkg, global fetch)": (await glue.call("AssumeRole", opts)).credentials.accessKeyId,
      "client-sts": (await client.send(assumeRoleCommand(sts))).Credentials.AccessKeyId,
      "aws4fetch + parsing": (await aws4(server.endpoint)).credentials.accessKeyId,
    };
    if (entry) check["us (node entry, node:http)"] = (await entry.assumeRole(opts)).credentials.accessKeyId;
    for (const [k, v] of Object.entries(check)) if (v !== expect) throw new Error(`${k} returned ${v}`);

    const cases = {
      "bare node:http": () => bareHttp(server.endpoint),
      "bare fetch": () => bareFetch(server.endpoint),
      ...(entry ? { "us (node entry, node:http)": () => entry.assumeRole(opts) } : {}),
      "us (pkg, global fetch)": () => glue.call("AssumeRole", opts),
      "client-sts": () => client.send(assumeRoleCommand(sts)),
      "aws4fetch + parsing": () => aws4(server.endpoint),
    };
    const res = await timeCases(cases, smoke ? { rounds: 3, iterations: 30, warmup: 20 } : { rounds: 9, iterations: 400, warmup: 300 });
    const over = (name, floor) => res[name].rounds.map((v, i) => v - res[floor].rounds[i]);
    const usName = entry ? "us (node entry, node:http)" : "us (pkg, global fetch)";
    const usFloor = entry ? "bare node:http" : "bare fetch";
    const o = {
      [usName]: over(usName, usFloor),
      ...(entry ? { "us (pkg, global fetch)": over("us (pkg, global fetch)", "bare fetch") } : {}),
      "client-sts": over("client-sts", "bare node:http"),
      "aws4fetch + parsing": over("aws4fetch + parsing", "bare fetch"),
    };
    printTable(`2a. AssumeRole round trip, canned server on 127.0.0.1 (wall time)`, "µs", Object.entries(res).map(([name, stat]) => ({
      name, stat, ratio: name.startsWith("us") || name.startsWith("bare") ? undefined : ratio(stat.rounds, res[usName].rounds),
    })));
    printTable(`2b. client overhead above its own transport (${usName} − ${usFloor}; client-sts − node:http; aws4fetch − fetch)`, "µs",
      Object.entries(o).map(([name, rounds]) => ({
        name, stat: { median: median(rounds), min: Math.min(...rounds), max: Math.max(...rounds) },
        ratio: name.startsWith("us") ? undefined : ratio(rounds, o[usName]),
      })));
    return {
      roundTrip: Object.fromEntries(Object.entries(res).map(([k, v]) => [k, v.median])),
      overhead: Object.fromEntries(Object.entries(o).map(([k, v]) => [k, median(v)])),
      overheadRatios: Object.fromEntries(Object.entries(o).filter(([k]) => !k.startsWith("us")).map(([k, v]) => [k, ratio(v, o[usName])])),
      usesNodeEntry: hasNodeEntry,
    };
  } finally {
    agent.destroy();
    await server.stop();
  }
}
