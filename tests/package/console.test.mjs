// The console sign-in flow shared by the CLI's `login` and the example worker (js/console.js):
// where the session credentials may be sent, and that a redirect never carries them elsewhere.

import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { consoleSigninUrl, federationEndpointOf, regionalConsoleHome } from "../../js/console.js";

const credentials = { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "secret-never-elsewhere", sessionToken: "token" };

function listen(handler) {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` })));
}

test("attack: a federation endpoint that redirects does not get the session replayed to the redirect target", async () => {
  const hits = [];
  const elsewhere = await listen((req, res) => {
    hits.push(req.url);
    res.end(JSON.stringify({ SigninToken: "stolen" }));
  });
  const redirecting = await listen((req, res) => {
    res.writeHead(302, { Location: `${elsewhere.url}/federation${req.url.slice(req.url.indexOf("?"))}` });
    res.end();
  });
  try {
    await assert.rejects(
      consoleSigninUrl({ credentials, partition: "aws", destination: "https://console.aws.amazon.com/", federationEndpoint: `${redirecting.url}/federation` }),
      (e) => e.code === "FederationError" && /HTTP 302/.test(e.message),
    );
    assert.deepEqual(hits, [], "the session never reached the redirect target");
  } finally {
    redirecting.server.close();
    elsewhere.server.close();
  }
});

test("the session goes only to https, or http on loopback, with nothing but a path", () => {
  assert.equal(federationEndpointOf("aws"), "https://signin.aws.amazon.com/federation");
  assert.equal(federationEndpointOf("aws", "http://127.0.0.1:8080/federation"), "http://127.0.0.1:8080/federation");
  assert.equal(federationEndpointOf("aws", "https://broker.example/federation"), "https://broker.example/federation");
  for (const bad of ["http://signin.example/federation", "https://user:pw@signin.example/f", "https://signin.example/f?x=1", "https://signin.example/f#x", "ftp://127.0.0.1/f", "not a url"]) {
    assert.throws(() => federationEndpointOf("aws", bad), (e) => e.code === "InvalidParameter", bad);
  }
  assert.equal(regionalConsoleHome("aws", "eu-west-1"), "https://console.aws.amazon.com/console/home?region=eu-west-1");
  assert.equal(regionalConsoleHome("aws-cn", "cn-north-1"), "https://console.amazonaws.cn/console/home?region=cn-north-1");
  assert.equal(regionalConsoleHome("aws", "x&evil=1"), "https://console.aws.amazon.com/");
});

test("long-term keys (no session token) are refused before anything is sent", async () => {
  await assert.rejects(
    consoleSigninUrl({ credentials: { accessKeyId: "AKIA", secretAccessKey: "s" }, partition: "aws", destination: "https://console.aws.amazon.com/", fetch: () => assert.fail("sent") }),
    (e) => e.code === "InvalidParameter",
  );
});
