// The aws4fetch peer as a user of it writes "assume a role": AwsClient plus the hand parsing of the XML
// answer. One source for both size figures: bench/size.mjs (esbuild) and bench/bundlers.mjs (every bundler).
export const AWS4FETCH_ASSUME_ROLE = `import { AwsClient } from "aws4fetch";
const tag = (x, n) => new RegExp("<" + n + ">([^<]*)</" + n + ">").exec(x)?.[1];
export async function assumeRole(o) {
  const c = new AwsClient({ accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey, service: "sts", region: o.region });
  const body = new URLSearchParams({ Action: "AssumeRole", Version: "2011-06-15", RoleArn: o.roleArn, RoleSessionName: o.roleSessionName });
  const r = await c.fetch("https://sts." + o.region + ".amazonaws.com/", { method: "POST", body });
  const x = await r.text();
  if (!r.ok) throw new Error(tag(x, "Message"));
  return { accessKeyId: tag(x, "AccessKeyId"), secretAccessKey: tag(x, "SecretAccessKey"), sessionToken: tag(x, "SessionToken"), expiration: tag(x, "Expiration") };
}
`;
