// A stand-in STS on 127.0.0.1 that answers every POST instantly with a canned valid AssumeRole response
// (or, when the RoleSessionName is "fail", STS's AccessDenied error), so that round-trip figures measure
// the clients and the transport, not a server. It runs in its own process (forked below), so its CPU time
// is not on the client's event loop either. Keep-alive on, as the real endpoint.
import http from "node:http";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

const DENIED = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/Bob is not authorized to perform: sts:AssumeRole</Message></Error>
  <RequestId>4d5f2a5e-0000-4000-8000-000000000403</RequestId>
</ErrorResponse>`;

function serve(xml) {
  const ok = Buffer.from(xml);
  const denied = Buffer.from(DENIED);
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const fail = Buffer.concat(chunks).includes("RoleSessionName=fail");
      const body = fail ? denied : ok;
      res.writeHead(fail ? 403 : 200, {
        "Content-Type": "text/xml",
        "Content-Length": body.length,
        "x-amzn-RequestId": "c6104cbe-af31-11e0-8154-cbc7ccf896c7",
        Date: new Date().toUTCString(),
      });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
}

/** Fork the server; resolves to { endpoint, stop }. */
export function startCannedServer(xml) {
  const child = fork(fileURLToPath(import.meta.url), ["--serve"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  child.send({ xml });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("message", ({ port }) =>
      resolve({
        endpoint: `http://127.0.0.1:${port}/`,
        port,
        stop: () => new Promise((r) => { child.once("exit", r); child.kill(); }),
      }));
  });
}

if (process.argv[2] === "--serve") {
  process.once("message", ({ xml }) => serve(xml));
  process.on("disconnect", () => process.exit(0));
}
