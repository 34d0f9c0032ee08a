// How each implementation is loaded and driven, in one place so that every part uses them the same way.
// Ours: the Node package entry js/node.js (node:http transport) when it exists, and the pkg/ glue with the
// global fetch; signRequest comes from bench-pkg/, the same wasm built with the `bench` feature
// (`bash scripts/build.sh --bench`), since the shipped pkg/ does not carry it.
import { existsSync, readFileSync } from "node:fs";
import * as F from "./fixture.mjs";

export const repo = new URL("../../", import.meta.url);
export const hasNodeEntry = existsSync(new URL("js/node.js", repo));

export async function loadUs() {
  const glue = await import(new URL("pkg/assume_role_wasm.js", repo));
  let entry = null;
  if (hasNodeEntry) entry = await import(new URL("js/node.js", repo));
  else glue.initSync({ module: readFileSync(new URL("pkg/assume_role_wasm_bg.wasm", repo)) });
  return { glue, entry };
}

export const usOpts = (endpoint, sessionName = F.SESSION_NAME) => ({
  accessKeyId: F.ACCESS_KEY_ID,
  secretAccessKey: F.SECRET_ACCESS_KEY,
  region: F.REGION,
  endpoint,
  roleArn: F.ROLE_ARN,
  roleSessionName: sessionName,
});

let benchGlue = null;
/** The bench build's glue (signRequest), loaded once. */
export async function loadBenchGlue() {
  if (!benchGlue) {
    const url = new URL("bench-pkg/assume_role_wasm.js", repo);
    if (!existsSync(url)) throw new Error("bench-pkg/ is missing: run `bash scripts/build.sh --bench` first");
    benchGlue = await import(url);
    benchGlue.initSync({ module: readFileSync(new URL("bench-pkg/assume_role_wasm_bg.wasm", repo)) });
  }
  return benchGlue;
}

export const usSign = (glue) =>
  glue.signRequest(F.URL_, F.REGION, F.ACCESS_KEY_ID, F.SECRET_ACCESS_KEY, undefined, F.BODY, F.TIME_MS);

export async function loadClientSts(endpoint) {
  const sts = await import("@aws-sdk/client-sts");
  const client = new sts.STSClient({
    region: F.REGION,
    endpoint,
    credentials: { accessKeyId: F.ACCESS_KEY_ID, secretAccessKey: F.SECRET_ACCESS_KEY },
    // Without this the SDK also signs x-amz-content-sha256; with it, the signed header set is ours.
    applyChecksum: false,
    maxAttempts: 1,
  });
  return { sts, client };
}

/** client-sts's own signer instance (SignatureV4MultiRegion over @smithy/signature-v4), as the client resolves it. */
export async function clientStsSigner(client) {
  const { HttpRequest } = await import("@smithy/core/transport");
  const signer = await client.config.signer({ name: "sigv4", signingName: "sts", signingRegion: F.REGION, properties: {} });
  const sign = () =>
    signer.sign(
      new HttpRequest({
        method: "POST", protocol: "https:", hostname: F.HOST, path: "/",
        headers: { "content-type": F.CONTENT_TYPE, host: F.HOST }, body: F.BODY,
      }),
      { signingDate: new Date(F.TIME_MS) },
    );
  return sign;
}

export const assumeRoleCommand = (sts, sessionName = F.SESSION_NAME) =>
  new sts.AssumeRoleCommand({ RoleArn: F.ROLE_ARN, RoleSessionName: sessionName });

/** aws4fetch's signer on the same request; `cache` shared = its key cache on, fresh Map = off. */
export async function aws4Sign(cache) {
  const { AwsV4Signer } = await import("aws4fetch");
  return new AwsV4Signer({
    url: F.URL_, method: "POST", headers: { "content-type": F.CONTENT_TYPE }, body: F.BODY,
    accessKeyId: F.ACCESS_KEY_ID, secretAccessKey: F.SECRET_ACCESS_KEY, service: "sts", region: F.REGION,
    datetime: F.AMZ_DATE, allHeaders: true, cache: cache ?? new Map(),
  }).sign();
}

/** aws4fetch's AwsClient (global fetch) plus the hand parsing a user of it writes. */
export async function aws4Client() {
  const { AwsClient } = await import("aws4fetch");
  const client = new AwsClient({
    accessKeyId: F.ACCESS_KEY_ID, secretAccessKey: F.SECRET_ACCESS_KEY, service: "sts", region: F.REGION, retries: 0,
  });
  const tag = (xml, name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
  return async (endpoint, body = F.BODY) => {
    const res = await client.fetch(endpoint, { method: "POST", headers: { "content-type": F.CONTENT_TYPE }, body });
    const xml = await res.text();
    if (res.status !== 200) throw Object.assign(new Error(tag(xml, "Message") ?? "STS error"), { code: tag(xml, "Code") });
    return {
      credentials: {
        accessKeyId: tag(xml, "AccessKeyId"), secretAccessKey: tag(xml, "SecretAccessKey"),
        sessionToken: tag(xml, "SessionToken"), expiration: tag(xml, "Expiration"),
      },
      assumedRoleUser: { arn: tag(xml, "Arn"), assumedRoleId: tag(xml, "AssumedRoleId") },
    };
  };
}
