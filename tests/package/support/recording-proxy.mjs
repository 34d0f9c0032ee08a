// An HTTP proxy on 127.0.0.1 in front of moto that records every request it forwards
// (method, path, headers, body), so tests can see exactly what reached "STS": how many calls,
// which Action, which transport sent it.

import http from "node:http";

export async function startRecordingProxy(targetEndpoint) {
  const target = new URL(targetEndpoint);
  const requests = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method, url: req.url, headers: req.headers, body: body.toString("utf8") });
      const upstream = http.request(
        // Headers go on unchanged: Host is part of the SigV4 signature, so it must stay as signed.
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", () => res.destroy());
      upstream.end(body);
    });
  });
  server.on("connection", () => connections++);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}`,
    requests,
    get connections() {
      return connections;
    },
    /** Requests whose form body names this STS Action. */
    actions(action) {
      return requests.filter((r) => new URLSearchParams(r.body).get("Action") === action);
    },
    async stop() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
