// A credential broker on Cloudflare Workers, built on the assume-role-wasm package.
//
//   POST /credentials  {roleArn, roleSessionName?, durationSeconds?, format?}
//        → assumed-role credentials: JSON as `aws sts assume-role --query Credentials` prints it
//          (format "json", the default), or export lines / files in any renderExports format.
//   POST /console      {roleArn, roleSessionName?, durationSeconds?, sessionDuration?, destination?, issuer?}
//        → {"url": "<AWS console sign-in URL>", "expiration": "<role credentials' expiry>"}
//
// Every route needs `Authorization: Bearer <BEARER_TOKEN>`. Bindings (README.md): secrets
// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, [AWS_SESSION_TOKEN], BEARER_TOKEN; vars
// ALLOWED_ROLE_ARNS (comma/space separated, "*" = any), [STS_REGION], [STS_ENDPOINT],
// [FEDERATION_ENDPOINT], [DEFAULT_SESSION_NAME].

import { createCredentialProvider, renderExports, isStsError } from "assume-role-wasm";
import { hasBearerToken } from "./auth.js";
import { readConfig, roleAllowed, ConfigError } from "./config.js";
import {
  consoleSigninUrl,
  consoleDestination,
  partitionOf,
  RequestError,
  MIN_CONSOLE_SESSION,
  MAX_CONSOLE_SESSION,
} from "./console.js";
import { createProviderCache } from "./provider-cache.js";

const FORMATS = new Set(["bash", "zsh", "sh", "fish", "powershell", "cmd", "dotenv", "credentials", "credential-process", "json"]);
const MAX_BODY_BYTES = 16 * 1024;

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

async function readJsonBody(request) {
  if (!/^application\/json\b/i.test(request.headers.get("Content-Type") ?? "")) {
    throw new RequestError(415, "UnsupportedMediaType", "send a JSON body with Content-Type: application/json");
  }
  // Refuse by the declared length before reading, and by the real length after.
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BODY_BYTES) {
    throw new RequestError(413, "BodyTooLarge", "request body too large");
  }
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new RequestError(413, "BodyTooLarge", "request body too large");
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RequestError(400, "InvalidJson", "request body is not valid JSON");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new RequestError(400, "InvalidJson", "request body must be a JSON object");
  }
  return body;
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

async function credentialsRoute(request, config) {
  const body = await readJsonBody(request);
  const role = roleRequest(config, body);
  const format = optionalString(body, "format") ?? "json";
  if (!FORMATS.has(format)) throw new RequestError(400, "InvalidParameter", `format must be one of ${[...FORMATS].join(", ")}`);
  const credentials = await providers.get(config.source, role)();
  const text = renderExports(credentials, format);
  const type = format === "json" || format === "credential-process" ? "application/json" : "text/plain";
  return new Response(text, { status: 200, headers: { ...BASE_HEADERS, "Content-Type": `${type}; charset=utf-8` } });
}

async function consoleRoute(request, config) {
  const body = await readJsonBody(request);
  const role = roleRequest(config, body);
  const partition = partitionOf(role.roleArn);
  const destination = consoleDestination(partition, optionalString(body, "destination"));
  const sessionDuration = optionalInteger(body, "sessionDuration");
  if (sessionDuration !== undefined) {
    if (config.chained) {
      throw new RequestError(400, "InvalidParameter", "sessionDuration is not allowed: with temporary source keys the role session is chained");
    }
    if (sessionDuration < MIN_CONSOLE_SESSION || sessionDuration > MAX_CONSOLE_SESSION) {
      throw new RequestError(400, "InvalidParameter", `sessionDuration must be ${MIN_CONSOLE_SESSION}–${MAX_CONSOLE_SESSION} seconds`);
    }
  }
  const credentials = await providers.get(config.source, role)();
  const url = await consoleSigninUrl({
    credentials,
    partition,
    sessionDuration,
    destination,
    issuer: optionalString(body, "issuer"),
    federationEndpoint: config.federationEndpoint,
  });
  return json(200, { url, expiration: credentials.expiration });
}

const ROUTES = { "/credentials": credentialsRoute, "/console": consoleRoute };

export default {
  async fetch(request, env) {
    let config;
    try {
      config = readConfig(env);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      console.error(`assume-role-wasm worker misconfigured: ${e.message}`); // names the binding, never a value
      return problem(500, "NotConfigured", "this worker is not configured");
    }
    if (!(await hasBearerToken(request, config.bearerToken))) {
      return json(401, { error: { code: "Unauthorized", message: "missing or wrong bearer token" } }, { "WWW-Authenticate": "Bearer" });
    }
    const route = ROUTES[new URL(request.url).pathname];
    if (!route) return problem(404, "NotFound", "routes: POST /credentials, POST /console");
    if (request.method !== "POST") return json(405, { error: { code: "MethodNotAllowed", message: "use POST" } }, { Allow: "POST" });
    try {
      return await route(request, config);
    } catch (e) {
      if (e instanceof RequestError) return problem(e.status, e.code, e.message);
      if (isStsError(e)) {
        // STS's messages are secret-free by contract; pass them on so callers can fix trust policies.
        const status = e.code === "InvalidParameter" ? 400 : 502;
        const detail = {};
        for (const k of ["field", "hint", "fix", "requestId", "status"]) if (e[k] !== undefined) detail[k === "status" ? "stsStatus" : k] = e[k];
        return problem(status, e.code, e.message, detail);
      }
      console.error(`assume-role-wasm worker: unexpected ${e?.name ?? "error"}`);
      return problem(500, "InternalError", "unexpected error");
    }
  },
};
