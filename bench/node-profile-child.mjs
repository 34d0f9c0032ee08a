// Child of bench/node-profile.mjs, run under `node --cpu-prof`: N sequential AssumeRoles through the Node
// entry (js/node.js, node:http transport) against the canned server at argv[2].
import * as F from "./lib/fixture.mjs";
import { loadUs, usOpts } from "./lib/impls.mjs";

const [endpoint, n = "10000"] = process.argv.slice(2);
// PROFILE_DIR (bench/profile-build.sh's output): the same wasm with its names kept, driven as js/node.js does.
let entry;
if (process.env.ARW_NAMED_DIR) {
  const dir = process.env.ARW_NAMED_DIR;
  const { readFileSync } = await import("node:fs");
  const glue = await import(`${dir}/assume_role_wasm.js`);
  glue.initSync({ module: readFileSync(`${dir}/named.wasm`) });
  const { nodeFetch } = await import("../js/node-transport.js");
  entry = { assumeRole: (o) => glue.call("AssumeRole", { ...o, fetch: nodeFetch }) };
} else {
  ({ entry } = await loadUs());
}
const opts = usOpts(endpoint);
for (let i = 0; i < 200; i++) await entry.assumeRole(opts); // warm-up, in the profile too (it is 2%)
const t0 = process.hrtime.bigint();
for (let i = 0; i < Number(n); i++) {
  const r = await entry.assumeRole(opts);
  if (r.credentials.accessKeyId !== "ASIAIOSFODNN7EXAMPLE" && i === 0) throw new Error(`unexpected ${r.credentials.accessKeyId}`);
}
const us = Number(process.hrtime.bigint() - t0) / 1000 / Number(n);
process.send?.({ us });
void F;
