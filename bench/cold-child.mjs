// One cold start, in a fresh Node process (spawned by cold.mjs): ms from the first import of the library
// to (sign) the first signed AssumeRole request in hand, or (call) the first AssumeRole answered by the
// canned server. Prints {"ms": …}.   node bench/cold-child.mjs <us|client-sts|aws4fetch> <sign|call> <endpoint>
const [impl, mode, endpoint] = process.argv.slice(2);
const t0 = performance.now();
const I = await import("./lib/impls.mjs"); // fixture constants only; each library is imported below
if (impl === "us" && mode === "sign") {
  I.usSign(await I.loadBenchGlue()); // the same wasm with signRequest compiled in (bench-pkg/)
} else if (impl === "us") {
  const { glue, entry } = await I.loadUs();
  await (entry ? entry.assumeRole(I.usOpts(endpoint)) : glue.call("AssumeRole", I.usOpts(endpoint)));
} else if (impl === "client-sts") {
  const { sts, client } = await I.loadClientSts(mode === "sign" ? "https://sts.us-east-1.amazonaws.com" : endpoint);
  if (mode === "sign") await (await I.clientStsSigner(client))();
  else await client.send(I.assumeRoleCommand(sts));
} else {
  if (mode === "sign") await I.aws4Sign();
  else await (await I.aws4Client())(endpoint);
}
console.log(JSON.stringify({ ms: performance.now() - t0 }));
process.exit(0);
