// A fault-injecting stand-in for STS on 127.0.0.1. The request path picks the behaviour and names the run:
// POST /<scenario>/<run-id>. Each scenario is a list of steps, one per attempt (the last repeats), so
// "Throttling then success" is ['throttle', 'ok']. Every request is recorded (headers, body, arrival time)
// per run id, so a test can count attempts and inspect what was signed.
//
//   const server = await startFaultServer();   // { url, requests(runId), forget(runId), close() }
//   endpoint: `${server.url}/throttle-then-ok/run-1`
import http from 'node:http';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** SigV4 basic format of a time: 20261128T120000Z. */
export const amzDate = (ms) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');

export function assumeRoleXml({ expiration = new Date(Date.now() + 3600e3), requestId = 'req-ok' } = {}) {
  return `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult><Credentials><AccessKeyId>ASIAFAULTSERVEREXAMPLE</AccessKeyId>` +
    `<SecretAccessKey>fault/server/secret/EXAMPLEKEY0123456789ab</SecretAccessKey><SessionToken>FwoGZXIvYXdzFAULTtoken==</SessionToken>` +
    `<Expiration>${expiration.toISOString()}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAFAULT:s1</AssumedRoleId>` +
    `<Arn>arn:aws:sts::123456789012:assumed-role/example-role/s1</Arn></AssumedRoleUser></AssumeRoleResult>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></AssumeRoleResponse>`;
}

export const errorXml = (code, message, type = 'Sender') =>
  `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-${code}</RequestId></ErrorResponse>`;

// How far ahead of this machine the fault server's clock runs in the clock-skew scenarios.
export const SERVER_CLOCK_AHEAD_MS = 2 * 3600e3;
const serverNow = () => Date.now() + SERVER_CLOCK_AHEAD_MS;

/** One step: what to do with one request. `req.record` is the recorded request. */
const STEPS = {
  ok: (req, res) => send(res, 200, assumeRoleXml(), { 'x-amzn-requestid': 'req-ok' }),
  html502: (req, res) => send(res, 502, '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>', { 'content-type': 'text/html' }),
  truncated: (req, res) => { const x = assumeRoleXml(); send(res, 200, x.slice(0, Math.floor(x.length / 2))); },
  empty200: (req, res) => send(res, 200, ''),
  error200: (req, res) => send(res, 200, errorXml('AccessDenied', 'User: arn:aws:iam::123456789012:user/Bob is not authorized to perform: sts:AssumeRole')),
  huge: (req, res) => send(res, 200, `<AssumeRoleResponse>${'x'.repeat(8 * 1024 * 1024)}</AssumeRoleResponse>`),
  // Headers never come: only the deadline can end this.
  stall: () => {},
  // Headers and half a body, then nothing: the deadline must also cover reading the body.
  stallBody: (req, res) => { res.writeHead(200, { 'content-type': 'text/xml', 'content-length': '100000' }); res.write('<AssumeRoleResponse>'); },
  reset: (req) => req.socket.destroy(),
  throttle: (req, res) => send(res, 400, errorXml('Throttling', 'Rate exceeded')),
  unavailable: (req, res) => send(res, 503, errorXml('ServiceUnavailable', 'Service is unavailable', 'Receiver')),
  // STS's clock-skew answer: the server's time in the Date header and in the message.
  expired: (req, res) => {
    const now = serverNow();
    const signed = req.headers['x-amz-date'];
    send(res, 403, errorXml('SignatureDoesNotMatch', `Signature expired: ${signed} is now earlier than ${amzDate(now - 900e3)} (${amzDate(now)} - 15 min.)`),
      { date: new Date(now).toUTCString() });
  },
  // Succeeds only when the request was signed within 5 minutes of the server's clock, as STS does.
  okIfOnTime: (req, res) => {
    const signed = Date.parse(String(req.headers['x-amz-date']).replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
    if (Math.abs(signed - serverNow()) <= 300e3) return STEPS.ok(req, res);
    return STEPS.expired(req, res);
  },
  // A clock-skew answer with no usable server time: a garbage Date and no timestamp in the message.
  expiredGarbageDate: (req, res) => send(res, 403, errorXml('SignatureDoesNotMatch', 'Signature expired: the request time is too far from the server time'), { date: 'garbage, 99 Foo 20x6 25:61:61 XYZ' }),
  okGarbageDate: (req, res) => send(res, 200, assumeRoleXml(), { date: 'not a date at all' }),
  // Terminal escapes from a hostile endpoint, raw and as XML character references: OSC 52 (writes the
  // clipboard), a CSI that clears the screen, the 8-bit CSI (U+009B), BEL. Each field a client may print.
  hostileError: (req, res) => send(res, 403,
    `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>AccessDenied${HOSTILE_REFS}</Code>` +
    `<Message>denied ${HOSTILE_RAW} and ${HOSTILE_REFS}</Message></Error><RequestId>req${HOSTILE_REFS}${HOSTILE_RAW}</RequestId></ErrorResponse>`),
  hostileIdentity: (req, res) => send(res, 200,
    `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/Bob${HOSTILE_REFS}</Arn>` +
    `<UserId>AIDA${HOSTILE_RAW}</UserId><Account>123456789012</Account></GetCallerIdentityResult>` +
    `<ResponseMetadata><RequestId>req${HOSTILE_RAW}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`),
  // An error whose message echoes the request (a misbehaving proxy), including the signed body and headers.
  echo: (req, res) => send(res, 400, errorXml('ValidationError', xmlEscape(`You sent ${req.record.body} with ${JSON.stringify(req.headers)}`))),
};

export const SCENARIOS = {
  'ok': ['ok'],
  'html-502': ['html502'],
  'truncated': ['truncated'],
  'empty-200': ['empty200'],
  'error-200': ['error200'],
  'huge': ['huge'],
  'stall': ['stall'],
  'stall-body': ['stallBody'],
  'reset': ['reset'],
  'throttle-then-ok': ['throttle', 'ok'],
  '503-then-ok': ['unavailable', 'ok'],
  'skew-then-ok': ['okIfOnTime'],
  'skew-always': ['expired'],
  'garbage-date-skew': ['expiredGarbageDate'],
  'garbage-date-ok': ['okGarbageDate'],
  'echo': ['echo'],
  'hostile-error': ['hostileError'],
  'hostile-identity': ['hostileIdentity'],
};

/** Escape sequences as raw characters and as XML character references (see hostileError). */
export const HOSTILE_RAW = '\u001b]52;c;cHduZWQ=\u0007\u0085\u001b[2J\u009b31m';
export const HOSTILE_REFS = '&#27;]52;c;cHduZWQ=&#7;&#133;&#x1b;[2J&#x9b;31m';

const xmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export async function startFaultServer() {
  const runs = new Map(); // run id -> recorded requests
  const server = http.createServer((req, res) => {
    const [, scenario, runId = ''] = req.url.split('/');
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const record = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString(), at: Date.now() };
      const list = runs.get(runId) ?? [];
      list.push(record);
      runs.set(runId, list);
      req.record = record;
      const steps = SCENARIOS[scenario];
      if (!steps) return send(res, 404, 'no such scenario');
      STEPS[steps[Math.min(list.length, steps.length) - 1]](req, res);
    });
  });
  // A deep accept queue: the load test opens a thousand connections at once.
  await new Promise((resolve) => server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests: (runId) => runs.get(runId) ?? [],
    // Drops a run's records (the load test's would otherwise count as its own memory growth).
    forget: (runId) => runs.delete(runId),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
