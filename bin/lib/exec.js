// `exec --profile NAME -- COMMAND [ARGS…]`: runs COMMAND with the role's credentials in its
// environment (as aws-vault exec and Granted's assume --exec do), or $SHELL when no command is given.
//
// The child gets AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN /
// AWS_CREDENTIAL_EXPIRATION, AWS_REGION + AWS_DEFAULT_REGION when a region is configured, and
// ASSUME_ROLE_WASM_PROFILE (for prompts; also how a nested exec is noticed). AWS_PROFILE and
// AWS_DEFAULT_PROFILE are removed: with them an SDK in the child could pick the profile's own
// settings over the variables (and our credential_process would be asked again). Nothing is printed
// but names and the expiry: the values only ever reach the child's environment.
//
// The exit status is the child's; a child killed by a signal gives 128 + the signal's number, as
// shells report it. Ctrl-C reaches the child through the terminal; we wait for it to exit.

import { spawn } from "node:child_process";
import { constants } from "node:os";
import { commandCredentials } from "./profile.js";

/** The `exec` command: resolves to the exit status to pass on. */
export async function execCommand(flags, env, command) {
  const resolved = await commandCredentials(flags, env, { needRole: true, profileTokenCode: flags.tokenCode });
  if (env.ASSUME_ROLE_WASM_PROFILE) {
    process.stderr.write(`assume-role-wasm: note: already inside exec of profile ${JSON.stringify(env.ASSUME_ROLE_WASM_PROFILE)}; this one replaces its variables\n`);
  }
  let argv = command;
  if (argv.length === 0) {
    const shell = shellCommand(env, resolved.profile, resolved.credentials.expiration);
    process.stderr.write(shell.note);
    argv = shell.argv;
  }
  return runChild(argv, childEnvironment(env, resolved));
}

export function childEnvironment(env, { credentials, region, profile }) {
  const out = { ...env };
  for (const name of ["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION"]) delete out[name];
  out.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
  out.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
  if (credentials.sessionToken) out.AWS_SESSION_TOKEN = credentials.sessionToken;
  if (credentials.expiration) out.AWS_CREDENTIAL_EXPIRATION = credentials.expiration;
  if (region) {
    out.AWS_REGION = region;
    out.AWS_DEFAULT_REGION = region;
  }
  out.ASSUME_ROLE_WASM_PROFILE = profile;
  return out;
}

/** Runs the command (argv, never through a shell); resolves to the exit status to pass on. */
export function runChild(argv, env) {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: "inherit", env });
    // Ctrl-C and friends go to the whole foreground process group: the child decides what they
    // mean (a shell ignores them); we only wait for it. SIGTERM/SIGHUP sent to us alone are passed on.
    const ignore = () => {};
    const forward = (signal) => () => child.kill(signal);
    const handlers = { SIGINT: ignore, SIGQUIT: ignore, SIGTERM: forward("SIGTERM"), SIGHUP: forward("SIGHUP") };
    for (const [s, h] of Object.entries(handlers)) process.on(s, h);
    const done = (code) => {
      for (const [s, h] of Object.entries(handlers)) process.off(s, h);
      resolve(code);
    };
    child.on("error", (e) => {
      const why = e.code === "ENOENT" ? "command not found" : e.code === "EACCES" ? "permission denied" : e.code ?? e.message;
      process.stderr.write(`assume-role-wasm: ${JSON.stringify(argv[0])}: ${why}\n`);
      done(e.code === "ENOENT" ? 127 : 126);
    });
    child.on("exit", (code, signal) => done(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}

/** The shell to start when exec has no command, and the line that says how to leave it. */
export function shellCommand(env, profile, expiration) {
  const shell = env.SHELL || "/bin/sh";
  const until = expiration ? ` until ${expiration}` : "";
  const note =
    `assume-role-wasm: starting ${shell} with the credentials of profile ${JSON.stringify(profile)}${until}; ` +
    "type `exit` (or Ctrl-D) to leave it and go back to your own.\n";
  return { argv: [shell], note };
}
