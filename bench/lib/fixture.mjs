// The one request every implementation signs and sends: AssumeRole of example-role by Bob's long-term
// keys, at a fixed instant, with content-type + host + x-amz-date signed (what our crate signs; aws4fetch
// needs `allHeaders: true` and client-sts `applyChecksum: false` to sign exactly that set).

export const ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
export const SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
export const REGION = "us-east-1";
export const HOST = "sts.us-east-1.amazonaws.com";
export const URL_ = `https://${HOST}/`;
export const ROLE_ARN = "arn:aws:iam::123456789012:role/example-role";
export const SESSION_NAME = "bench";
export const CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";
// 2026-11-28T12:00:00Z
export const TIME_MS = 1_795_867_200_000;
export const AMZ_DATE = "20261128T120000Z";
// Byte for byte the body src/request.rs writes for these inputs (the golden tests pin it).
export const BODY =
  "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fexample-role&RoleSessionName=bench";

// A valid AssumeRole answer, as moto/STS sends it (tests/fixtures/assume_role.xml).
import { readFileSync } from "node:fs";
export const ASSUME_ROLE_XML = readFileSync(new URL("../../tests/fixtures/assume_role.xml", import.meta.url), "utf8");

/** The signature hex from an Authorization header value. */
export const signatureOf = (auth) => /Signature=([0-9a-f]{64})/.exec(auth ?? "")?.[1] ?? null;
