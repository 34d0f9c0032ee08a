// A credential broker on Cloudflare Workers, built on the assume-role-wasm package.
//
//   POST /credentials  {roleArn, roleSessionName?, durationSeconds?, format?}
//        → assumed-role credentials: JSON as `aws sts assume-role --query Credentials` prints it
//          (format "json", the default), or export lines / files in any renderExports format.
//   POST /console      {roleArn, roleSessionName?, durationSeconds?, sessionDuration?, destination?, issuer?}
//        → {"url": "<AWS console sign-in URL>", "expiration": "<role credentials' expiry>"}
//
// Every answer, even "not configured", needs `Authorization: Bearer <a token in BEARER_TOKEN>` first.
// Bindings (README.md): secrets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, [AWS_SESSION_TOKEN],
// BEARER_TOKEN (one or more tokens, one per caller); vars ALLOWED_ROLE_ARNS (comma/space separated,
// "*" = any), [STS_REGION], [STS_ENDPOINT], [FEDERATION_ENDPOINT], [CONSOLE_ISSUERS], [DEFAULT_SESSION_NAME].

import { createCredentialProvider, renderExports, formats, isStsError } from "assume-role-wasm";
import { bearerTokens, callerOf } from "./auth.js";
import { readJsonBody } from "./body.js";
import { scrubSecrets } from "./scrub.js";
import { readConfig, roleAllowed, ConfigError } from "./config.js";
import {
  consoleSigninUrl,
  consoleDestination,
  partitionOf,
  RequestError,
  MIN_CONSOLE_SESSION,
  MAX_CONSOLE_SESSION,
} from "./console.js";
import { consoleIssuer, IssuerError } from "./issuer.js";
import { createProviderCache } from "./provider-cache.js";

// The formats and their media types come from the wasm (one table, src/exports.rs): id and aliases.
const FORMATS = new Map(formats().flatMap((f) => [f.id, ...f.aliases].map((name) => [name, f])));

// Credentials are secrets and sign-in URLs are credentials: nothing may cache any response.
const BASE_HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

function json(status, body, extra = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...BASE_HEADERS, "Content-Type": "application/json; charset=utf-8", ...extra },
  });
}

function problem(status, code, message, extra) {
  return json(status, { error: { code, message, ...extra } });
}

function optionalString(body, name) {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") throw new RequestError(400, "InvalidParameter", `${name} must be a non-empty string`);
  return value;
}

function optionalInteger(body, name) {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!Number.isInteger(value)) throw new RequestError(400, "InvalidParameter", `${name} must be an integer`);
  return value;
}

/** Role request fields shared by both routes, checked against ALLOWED_ROLE_ARNS. */
function roleRequest(config, body) {
  const roleArn = optionalString(body, "roleArn");
  if (roleArn === undefined) throw new RequestError(400, "InvalidParameter", "roleArn is required");
  if (!roleAllowed(config, roleArn)) throw new RequestError(403, "RoleNotAllowed", "this worker is not configured to hand out that role");
  return {
    roleArn,
    roleSessionName: optionalString(body, "roleSessionName") ?? config.defaultSessionName,
    durationSeconds: optionalInteger(body, "durationSeconds"),
  };
}

// Module scope outlives requests in a warm isolate: a hot worker calls STS once per role and
// session name until the credentials near expiry, not once per request.
const providers = createProviderCache(createCredentialProvider);

async function credentialsRoute(request, config, caller) {
  const body = await readJsonBody(request);
  const role = roleRequest(config, body);
  const format = optionalString(body, "format") ?? "json";
  const info = FORMATS.get(format);
  if (!info) {
    const names = formats().flatMap((f) => [f.id, ...f.listedAliases]);
    throw new RequestError(400, "InvalidParameter", `format must be one of ${names.join(", ")}`);
  }
  const credentials = await providers.get(config.source, role, caller)();
  const text = renderExports(credentials, format);
  const type = info.mediaType;
  return new Response(text, { status: 200, headers: { ...BASE_HEADERS, "Content-Type": `${type}; charset=utf-8` } });
}

async function consoleRoute(request, config, caller) {
  const body = await readJsonBody(request);
  const role = roleRequest(config, body);
  const partition = partitionOf(role.roleArn);
  const destination = consoleDestination(partition, optionalString(body, "destination"));
  const issuer = consoleIssuer(config.consoleIssuers, optionalString(body, "issuer"));
  const sessionDuration = optionalInteger(body, "sessionDuration");
  if (sessionDuration !== undefined) {
    if (config.chained) {
      throw new RequestError(400, "InvalidParameter", "sessionDuration is not allowed: with temporary source keys the role session is chained");
    }
    if (sessionDuration < MIN_CONSOLE_SESSION || sessionDuration > MAX_CONSOLE_SESSION) {
      throw new RequestError(400, "InvalidParameter", `sessionDuration must be ${MIN_CONSOLE_SESSION}–${MAX_CONSOLE_SESSION} seconds`);
    }
  }
  const credentials = await providers.get(config.source, role, caller)();
  const url = await consoleSigninUrl({
    credentials,
    partition,
    sessionDuration,
    destination,
    issuer,
    federationEndpoint: config.federationEndpoint,
  });
  return json(200, { url, expiration: credentials.expiration });
}

const ROUTES = { "/credentials": credentialsRoute, "/console": consoleRoute };

export default {
  async fetch(request, env) {
    // The bearer token first: without it, nothing else (not even "not configured") is said.
    const tokens = bearerTokens(env.BEARER_TOKEN);
    if (tokens.length === 0) console.error("assume-role-wasm worker misconfigured: BEARER_TOKEN is not set"); // never a value
    const caller = await callerOf(request, tokens);
    if (caller === null) {
      return json(401, { error: { code: "Unauthorized", message: "missing or wrong bearer token" } }, { "WWW-Authenticate": "Bearer" });
    }
    let config;
    try {
      config = readConfig(env);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      console.error(`assume-role-wasm worker misconfigured: ${e.message}`); // names the binding, never a value
      return problem(500, "NotConfigured", "this worker is not configured");
    }
    const route = ROUTES[new URL(request.url).pathname];
    if (!route) return problem(404, "NotFound", "routes: POST /credentials, POST /console");
    if (request.method !== "POST") return json(405, { error: { code: "MethodNotAllowed", message: "use POST" } }, { Allow: "POST" });
    try {
      return await route(request, config, caller);
    } catch (e) {
      if (e instanceof RequestError || e instanceof IssuerError) return problem(e.status, e.code, e.message);
      if (isStsError(e)) {
        // STS's messages are secret-free by contract; pass them on so callers can fix trust policies. But
        // the endpoint chose every field, so each is scrubbed of the worker's own secrets in any encoding.
        const status = e.code === "InvalidParameter" ? 400 : 502;
        const detail = {};
        for (const k of ["field", "hint", "fix", "requestId", "status"]) if (e[k] !== undefined) detail[k === "status" ? "stsStatus" : k] = e[k];
        const body = scrubSecrets({ error: { code: e.code, message: e.message, ...detail } }, ownSecrets(config, tokens));
        return json(status, body);
      }
      console.error(`assume-role-wasm worker: unexpected ${e?.name ?? "error"}`);
      return problem(500, "InternalError", "unexpected error");
    }
  },
};

/** What must never leave the worker: its source secret key and session token, and the bearer tokens. */
function ownSecrets(config, tokens) {
  return [config.source.secretAccessKey, config.source.sessionToken, ...tokens];
}
