// Run a command with a seeded moto server up: `node tests/support/with-moto.mjs -- cmd args…`.
// The command sees ARW_TEST_ENDPOINT, ARW_TEST_KEY_ID, ARW_TEST_SECRET, ARW_TEST_ROLE, ARW_TEST_UNTRUSTED_ROLE
// (Bob's keys and the walkthrough roles). Exits with the command's status; moto is stopped either way.
import { spawn } from "node:child_process";
import { startMoto } from "./moto.mjs";

const sep = process.argv.indexOf("--");
const [cmd, ...args] = process.argv.slice(sep + 1);
if (sep < 0 || !cmd) {
  console.error("usage: node tests/support/with-moto.mjs -- command [args…]");
  process.exit(2);
}
const moto = await startMoto();
const env = {
  ...process.env,
  ARW_TEST_ENDPOINT: moto.endpoint,
  ARW_TEST_KEY_ID: moto.bob.accessKeyId,
  ARW_TEST_SECRET: moto.bob.secretAccessKey,
  ARW_TEST_ROLE: moto.roles.example,
  ARW_TEST_UNTRUSTED_ROLE: moto.roles.untrusted,
};
const child = spawn(cmd, args, { stdio: "inherit", env });
const code = await new Promise((resolve) => child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0))));
await moto.stop();
process.exit(code);
