// The AWS CLI's assume-role credential cache, shared with it: ~/.aws/cli/cache/<key>.json.
//
// The key and the file are botocore's (botocore/credentials.py BaseAssumeRoleCredentialFetcher.
// _create_cache_key, CachedCredentialFetcher, botocore/utils.py JSONFileCache; the AWS CLI plugs a
// JSONFileCache on ~/.aws/cli/cache into its assume-role provider in awscli/customizations/assumerole.py):
//
//   key  = sha1(json.dumps(args, sort_keys=True)).hexdigest()   args = the AssumeRole parameters
//          under their API names (RoleArn, RoleSessionName, ExternalId, SerialNumber, DurationSeconds,
//          Policy parsed so its keys sort), without a RoleSessionName botocore made up itself, and
//          without TokenCode; json.dumps' defaults: ", " and ": " separators, non-ASCII as \uXXXX
//   file = the AssumeRole response as JSON: {"Credentials": {"AccessKeyId", "SecretAccessKey",
//          "SessionToken", "Expiration": "2026-12-01T12:00:00UTC", "AccountId"}, "AssumedRoleUser": {…}, …}
//   use  = while more than 15 minutes remain before Expiration
//
// So credentials either tool fetched are reused by the other. What we add: the folder is 0700 and
// the files 0600 (botocore leaves the folder at the umask); a folder another user could write to
// (or that is not ours) is not used at all, since whoever controls it chooses our credentials;
// files are read without following symlinks, bounded in size and checked field by field.

import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  chmodSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { homeOf } from "./aws-config.js";

export const EXPIRY_WINDOW_MS = 15 * 60 * 1000;
const MAX_FILE_BYTES = 64 * 1024;
const KEY = /^[0-9a-f]{40}$/;

export function defaultCacheDir(env) {
  return join(homeOf(env), ".aws", "cli", "cache");
}

/** Python's json.dumps(value, sort_keys=sortKeys) byte for byte, for strings, integers, lists, dicts. */
export function pythonJsonDumps(value, sortKeys = true) {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new TypeError("only integers have one spelling in both languages");
    return String(value);
  }
  if (typeof value === "string") {
    // JSON.stringify escapes what Python escapes below 0x80 the same way (\n, \u001f, \", \\);
    // ensure_ascii then escapes everything outside " "…"~" (so DEL too), every UTF-16 unit above it,
    // surrogate halves one by one, in lowercase hex.
    return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  }
  if (Array.isArray(value)) return `[${value.map((v) => pythonJsonDumps(v, sortKeys)).join(", ")}]`;
  if (typeof value === "object") {
    let keys = Object.keys(value).filter((k) => value[k] !== undefined);
    // Python sorts str keys by code point; JS's default sort compares UTF-16 units, which differs
    // only above U+FFFF: compare code points explicitly.
    if (sortKeys) keys = keys.sort((a, b) => compareCodePoints(a, b));
    return `{${keys.map((k) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(value[k], sortKeys)}`).join(", ")}}`;
  }
  throw new TypeError(`cannot serialise a ${typeof value}`);
}

function compareCodePoints(a, b) {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * The cache key botocore computes for an AssumeRole call with these parameters (API names).
 * @param {Record<string, string | number | object>} args e.g. { RoleArn, RoleSessionName?, ExternalId?, SerialNumber?, DurationSeconds? }
 */
export function assumeRoleCacheKey(args) {
  const copy = { ...args };
  delete copy.TokenCode;
  if (typeof copy.Policy === "string") {
    try {
      copy.Policy = JSON.parse(copy.Policy);
    } catch {
      /* not JSON: STS will refuse it; keep the text so the key stays deterministic */
    }
  }
  // botocore's _make_file_safe would replace ':' and '/'; a hex digest has neither.
  return createHash("sha1").update(pythonJsonDumps(copy), "utf8").digest("hex");
}

/** "2026-12-01T12:00:00Z" (ours) → "2026-12-01T12:00:00UTC" (botocore's strftime('%Y-%m-%dT%H:%M:%S%Z') of a UTC datetime). */
function botocoreExpiration(iso) {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new TypeError("credentials without a parsable expiration cannot be cached");
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "UTC");
}

// What botocore (dateutil) writes or might: "…UTC" (its own files), "…Z", "+00:00" offsets, fractions.
const EXPIRATION = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?)(UTC|Z|[+-]\d\d:?\d\d)$/;

function parseExpiration(text) {
  const m = typeof text === "string" ? EXPIRATION.exec(text) : null;
  if (!m) return NaN;
  const zone = m[2] === "UTC" ? "Z" : m[2].length === 5 ? `${m[2].slice(0, 3)}:${m[2].slice(3)}` : m[2];
  return Date.parse(`${m[1].replace(/(\.\d{3})\d+$/, "$1")}${zone}`);
}

const PRINTABLE = /^[\x21-\x7e]+$/; // key material is printable ASCII; anything else is not STS's

/** The cached entry as our API's shapes, or undefined when the file is not a usable entry. */
function entryFromJson(json) {
  const c = json?.Credentials;
  if (!c || typeof c !== "object") return undefined;
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = c;
  if (![AccessKeyId, SecretAccessKey, SessionToken].every((v) => typeof v === "string" && PRINTABLE.test(v) && v.length <= 8192)) return undefined;
  if (!/^[A-Z0-9]{16,128}$/.test(AccessKeyId)) return undefined;
  const expiresAt = parseExpiration(Expiration);
  if (!Number.isFinite(expiresAt)) return undefined;
  const credentials = {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    sessionToken: SessionToken,
    expiration: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
  const user = json.AssumedRoleUser;
  const assumedRoleUser =
    user && typeof user.Arn === "string" && typeof user.AssumedRoleId === "string" && PRINTABLE.test(user.Arn)
      ? { arn: user.Arn, assumedRoleId: user.AssumedRoleId }
      : undefined;
  return { credentials, assumedRoleUser, expiresAt };
}

/**
 * @param {object} [options]
 * @param {string} [options.dir] default ~/.aws/cli/cache (HOME from `env`)
 * @param {Record<string, string | undefined>} [options.env] default process.env
 * @param {() => number} [options.now] epoch ms
 * @param {(message: string) => void} [options.warn] told (once per problem) why the cache is not used
 */
export function createAwsCliCache({ dir, env = process.env, now = Date.now, warn = () => {} } = {}) {
  const folder = dir ?? defaultCacheDir(env);
  const uid = typeof process.getuid === "function" ? process.getuid() : undefined;

  /** Whether the folder (if it exists) is one only we can write to. */
  function folderTrusted() {
    let st;
    try {
      st = statSync(folder);
    } catch (e) {
      if (e.code === "ENOENT") return true;
      warn(`not using the credential cache ${folder}: ${e.code}`);
      return false;
    }
    if (!st.isDirectory()) {
      warn(`not using the credential cache ${folder}: not a directory`);
      return false;
    }
    if (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0)) {
      warn(`not using the credential cache ${folder}: it is ${st.uid !== uid ? "owned by another user" : "writable by other users"} (fix: chmod 700 it, or pass --no-cache)`);
      return false;
    }
    return true;
  }

  function path(key) {
    if (!KEY.test(key)) throw new TypeError("cache keys are sha1 hex digests");
    return join(folder, `${key}.json`);
  }

  return {
    dir: folder,

    /** @returns {{ credentials, assumedRoleUser?, expiresAt: number } | undefined} a fresh entry (15 minutes or more left) */
    get(key) {
      const file = path(key);
      if (!folderTrusted()) return undefined;
      let fd;
      try {
        fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
      } catch {
        return undefined; // absent, a symlink (ELOOP), unreadable: a miss
      }
      try {
        const st = fstatSync(fd);
        if (!st.isFile() || st.size > MAX_FILE_BYTES || (uid !== undefined && st.uid !== uid)) return undefined;
        const entry = entryFromJson(JSON.parse(readFileSync(fd, "utf8")));
        if (!entry || entry.expiresAt - now() < EXPIRY_WINDOW_MS) return undefined;
        return entry;
      } catch {
        return undefined; // not JSON: botocore treats it as a miss too
      } finally {
        closeSync(fd);
      }
    },

    /** Stores an assumeRole() result under `key`, in botocore's shape. Failing to write is not fatal. */
    set(key, result) {
      const file = path(key);
      const c = result.credentials;
      const body = {
        Credentials: {
          AccessKeyId: c.accessKeyId,
          SecretAccessKey: c.secretAccessKey,
          SessionToken: c.sessionToken,
          Expiration: botocoreExpiration(c.expiration),
        },
      };
      const arn = result.assumedRoleUser?.arn;
      const account = /^arn:[^:]+:sts::(\d{12}):/.exec(arn ?? "")?.[1];
      if (account) body.Credentials.AccountId = account; // botocore adds it from the ARN, as here
      if (result.assumedRoleUser) body.AssumedRoleUser = { AssumedRoleId: result.assumedRoleUser.assumedRoleId, Arn: arn };
      if (result.packedPolicySize !== undefined) body.PackedPolicySize = result.packedPolicySize;
      if (result.sourceIdentity !== undefined) body.SourceIdentity = result.sourceIdentity;
      if (result.requestId) body.ResponseMetadata = { RequestId: result.requestId, HTTPStatusCode: 200 };
      try {
        mkdirSync(folder, { recursive: true, mode: 0o700 });
        const st = statSync(folder);
        // The AWS CLI creates it 0755; ours is 0700 (only when it is ours to change).
        if (uid === undefined || st.uid === uid) {
          if ((st.mode & 0o777) !== 0o700) chmodSync(folder, 0o700);
        }
        if (!folderTrusted()) return false;
        // Written whole to a private temporary file, then renamed over: readers never see half a file.
        const tmp = join(folder, `${key}.${randomBytes(6).toString("hex")}.tmp`);
        const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
        try {
          writeSync(fd, pythonJsonDumps(body, false));
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(tmp, file);
        return true;
      } catch (e) {
        warn(`could not write the credential cache ${folder}: ${e.code ?? e.name}`);
        return false;
      }
    },

    delete(key) {
      try {
        unlinkSync(path(key));
        return true;
      } catch {
        return false;
      }
    },

    /** Removes every assume-role entry (sha1-named JSON file); returns how many. */
    clear() {
      let names;
      try {
        names = readdirSync(folder);
      } catch (e) {
        if (e.code === "ENOENT") return 0;
        throw e;
      }
      let removed = 0;
      for (const name of names) {
        if (!/^[0-9a-f]{40}\.json$/.test(name)) continue;
        try {
          unlinkSync(join(folder, name));
          removed++;
        } catch {
          /* gone meanwhile */
        }
      }
      return removed;
    },
  };
}
