// `login --profile NAME`: an AWS console sign-in URL for the role's credentials, through the
// federation endpoint (js/console.js, the same code as the example worker's POST /console), printed
// on stdout or, with --open, handed to the browser. The URL is a credential for 15 minutes: it is
// printed only where asked (stdout), never in a message.

import { spawn } from "node:child_process";
import { consoleSigninUrl, consoleDestination, partitionOf, regionalConsoleHome, federationEndpointOf, ConsoleError, MIN_CONSOLE_SESSION, MAX_CONSOLE_SESSION } from "../../js/console.js";
import { UsageError } from "./args.js";
import { commandCredentials, rolePlan } from "./profile.js";
import { resolveRegion } from "./source.js";

/** The `login` command: every flag is checked before any credentials are fetched (or an MFA code asked for). */
export async function loginCommand(flags, env) {
  const plan = rolePlan(flags, env);
  const chained = plan.hops.length > 1 || Boolean(plan.source.sessionToken);
  const request = loginRequest(flags, { roleArn: plan.hops[0].args.RoleArn, chained, region: resolveRegion(flags, env) });
  const { credentials } = await commandCredentials(flags, env, { needRole: true, profileTokenCode: flags.tokenCode });
  const url = await consoleSigninUrl({ ...request, credentials });
  if (!flags.open) {
    process.stdout.write(`${url}\n`);
    return 0;
  }
  const opener = await openUrl(url, env);
  process.stderr.write(`assume-role-wasm: opened the console sign-in URL with ${opener} (it works once, within 15 minutes)\n`);
  return 0;
}

/**
 * Everything about the request that can be wrong, checked before any credentials are fetched.
 * @returns {{ partition, destination, federationEndpoint?, sessionDuration?, issuer? }}
 */
export function loginRequest(flags, { roleArn, chained, region }) {
  try {
    const partition = partitionOf(roleArn);
    const destination = flags.destination !== undefined ? consoleDestination(partition, flags.destination) : regionalConsoleHome(partition, region);
    if (flags.federationEndpoint !== undefined) federationEndpointOf(partition, flags.federationEndpoint);
    if (flags.sessionDuration !== undefined) {
      if (chained) {
        throw new UsageError("--session-duration is not allowed for a chained role session (the source credentials are temporary); the console session then lasts as long as the role's credentials");
      }
      if (flags.sessionDuration < MIN_CONSOLE_SESSION || flags.sessionDuration > MAX_CONSOLE_SESSION) {
        throw new UsageError(`--session-duration must be ${MIN_CONSOLE_SESSION}–${MAX_CONSOLE_SESSION} seconds`);
      }
    }
    return { partition, destination, federationEndpoint: flags.federationEndpoint, sessionDuration: flags.sessionDuration, issuer: flags.issuer };
  } catch (e) {
    if (e instanceof ConsoleError) throw new UsageError(e.message.replace(/^roleArn/, "the profile's role_arn").replace(/^destination/, "--destination"));
    throw e;
  }
}

/** The program that opens a URL: $BROWSER (its first entry), else the platform's opener. */
function opener(env) {
  const browser = (env.BROWSER || "").split(":")[0];
  if (browser) return [browser];
  if (process.platform === "darwin") return ["open"];
  // rundll32 takes the URL as one argument; `cmd /c start` would re-parse its & and ^.
  if (process.platform === "win32") return ["rundll32", "url.dll,FileProtocolHandler"];
  return ["xdg-open"];
}

/** Hands the URL to the browser as one argument (no shell). Resolves once the opener started. */
export function openUrl(url, env) {
  const [command, ...args] = opener(env);
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args, url], { stdio: "ignore", detached: true, env });
    child.on("error", (e) => reject(new ConsoleError("OpenFailed", `could not start ${JSON.stringify(command)} to open the browser (${e.code ?? e.message}); run login without --open to print the URL`)));
    child.on("spawn", () => {
      child.unref();
      resolve(command);
    });
  });
}
