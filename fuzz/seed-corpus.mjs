// Writes the committed seed corpora (fuzz/corpus/<target>/seed-*) from real shapes: the STS bodies in
// tests/fixtures (captured from moto, and the ones AWS documents), real-looking requests, hostile values.
// Run `node fuzz/seed-corpus.mjs` after changing the input layout in fuzz/src/lib.rs or a target header.
// Files the fuzzer adds beside the seeds are kept; seeds are rewritten.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '../tests/fixtures');
const F = '\x1f', I = '\x1e', P = '\x1d';

// `--huge DIR`: instead of the seeds, write the huge and deep response bodies the stage feeds to the
// response target once each under a malloc limit (too big to commit, and past libFuzzer's -max_len).
const hugeDir = process.argv[2] === '--huge' ? process.argv[3] : null;

function write(target, name, header, text) {
  if ((hugeDir !== null) !== (target === 'huge')) return;
  const dir = hugeDir ?? path.join(here, 'corpus', target);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `seed-${name}`), Buffer.concat([Buffer.from(header), Buffer.from(text, 'utf8')]));
}

// ---- response: [op, status lo, status hi] Date 0x1F request-id 0x1F body ----
const OP = { AssumeRole: 0, GetCallerIdentity: 1, GetSessionToken: 2 };
const resp = (name, op, status, body, { date = '', id = '' } = {}) =>
  write('response', name, [OP[op], status & 255, status >> 8], `${date}${F}${id}${F}${body}`);
const DATE = 'Sat, 28 Nov 2026 12:00:05 GMT';
for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.xml'))) {
  const body = readFileSync(path.join(fixtures, file), 'utf8');
  const base = file.replace(/\.xml$/, '');
  const error = /error|denied|invalid/.test(base);
  // Every body against every operation: a result for the wrong call must be refused, not misread.
  for (const op of Object.keys(OP)) resp(`${base}-${op}`, op, error ? 403 : 200, body, { date: DATE, id: 'hdr-1' });
}
const errorDoc = (code, message, extra = '') =>
  `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r-1</RequestId>${extra}</ErrorResponse>`;
resp('skew', 'AssumeRole', 403, errorDoc('SignatureDoesNotMatch', 'Signature expired: 20261128T110000Z is now earlier than 20261128T114500Z (20261128T120000Z - 15 min.)'), { date: DATE });
resp('skew-garbage-date', 'AssumeRole', 403, errorDoc('SignatureDoesNotMatch', 'Signature expired: 20261128T110000Z is now earlier than 20261128T114500Z (2026112'), { date: 'yesterday-ish' });
resp('future', 'GetCallerIdentity', 403, errorDoc('SignatureDoesNotMatch', 'Signature not yet current: 20261128T130000Z is still later than 20261128T121500Z (20261128T120000Z + 15 min.)'));
resp('expired-request', 'GetSessionToken', 400, errorDoc('RequestExpired', 'Request has expired.'), { date: 'Mon, 31 Dec 9999 23:59:59 GMT' });
resp('throttling', 'AssumeRole', 400, errorDoc('Throttling', 'Rate exceeded'));
resp('unavailable', 'AssumeRole', 503, errorDoc('ServiceUnavailable', ''));
resp('html-502', 'AssumeRole', 502, '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>');
resp('empty-200', 'GetCallerIdentity', 200, '');
resp('entities', 'AssumeRole', 400, errorDoc('ValidationError', 'a &lt;b&gt; &amp; &#x41;&#66; &quot; &unknown; &#xD800;'));
resp('cdata', 'GetCallerIdentity', 200, '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn><![CDATA[arn:aws:iam::123456789012:user/Bob]]></Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>');
const moto = readFileSync(path.join(fixtures, 'moto_assume_role.xml'), 'utf8');
resp('truncated', 'AssumeRole', 200, moto.slice(0, Math.floor(moto.length / 2)));
resp('expiry-offset', 'AssumeRole', 200, moto.replace(/<Expiration>[^<]*/, '<Expiration>9999-12-31T23:59:59.999-23:59'));
resp('deep', 'AssumeRole', 200, '<a>'.repeat(2000) + '</a>'.repeat(2000));
resp('two-roots', 'GetCallerIdentity', 200, '<GetCallerIdentityResponse/><GetCallerIdentityResponse/>');
// Long element names on many leaves: the path strings the parser builds grow with name × leaves.
const long = 'N'.repeat(4000);
resp('long-names', 'AssumeRole', 200, `<AssumeRoleResponse><${long}>${'<x>1</x>'.repeat(130)}</${long}></AssumeRoleResponse>`);

// Huge and deep (written only with --huge): over the 256 KB cap, and just under it in every costly shape.
const KB = 1024;
const huge = (name, body) => write('huge', name, [OP.AssumeRole, 200, 0], `${DATE}${F}hdr${F}${body}`);
huge('over-cap', `<AssumeRoleResponse>${'x'.repeat(300 * KB)}</AssumeRoleResponse>`);
huge('over-cap-error', errorDoc('X', 'm'.repeat(300 * KB)));
huge('deep', '<a>'.repeat(30 * KB) + '</a>'.repeat(30 * KB));
huge('deep-open', '<a>'.repeat(80 * KB));
huge('entities', errorDoc('ValidationError', '&amp;&#x41;'.repeat(20 * KB)));
huge('leaves', `<AssumeRoleResponse>${'<x>1</x>'.repeat(30 * KB)}</AssumeRoleResponse>`);
huge('long-names', `<AssumeRoleResponse><${'N'.repeat(120 * KB)}>${'<x></x>'.repeat(127)}</${'N'.repeat(120 * KB)}></AssumeRoleResponse>`);
huge('long-text', errorDoc('X', 'y'.repeat(250 * KB)));
huge('attributes', `<AssumeRoleResponse ${Array.from({ length: 20000 }, (_, i) => `a${i}="v"`).join(' ')}/>`);
huge('comments', `<ErrorResponse>${'<!-- c -->'.repeat(25 * KB)}<Error><Code>X</Code></Error></ErrorResponse>`);
if (hugeDir) {
  console.log(`huge inputs written to ${hugeDir}`);
  process.exit(0);
}

// ---- params: [op, flags, mask lo, mask hi] then 19 fields (see fuzz_targets/params.rs) ----
const bob = { id: 'AKIAIOSFODNN7EXAMPLE', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const TOKEN = 'FQoGZXIvYXdzEBYaDrQEOEUKD+NnsiQt7/LQAVYoZzoYj/j29Z++7pIRLLm8WqwUOGqvn2xlmzWRhOkWeBpjX8Ae68tlzmkthqVAN1u0/ifIO5OCRO2896/YzxhpIaNjV5x0EDtJk=';
function params(name, op, { fips = false, token, region, endpoint, keys = [], roleArn = '', session = '', duration, externalId, policy, policyArns = [], serial, code, tags = [], transitive = [], source, timeout = '10000', ms = '1795867200000', id = bob.id, secret = bob.secret } = {}) {
  const optional = [region, endpoint, duration, externalId, policy, serial, code, source];
  const mask = optional.reduce((m, v, i) => (v === undefined ? m : m | (1 << i)), 0);
  const fields = [keys.join(I), id, secret, token ?? '', region ?? '', endpoint ?? '', roleArn, session, duration ?? '',
    externalId ?? '', policy ?? '', policyArns.join(I), serial ?? '', code ?? '', tags.map(([k, v]) => `${k}${P}${v}`).join(I),
    transitive.join(I), source ?? '', timeout, ms];
  write('params', name, [op, (fips ? 1 : 0) | (token !== undefined ? 2 : 0), mask & 255, mask >> 8], fields.join(F));
}
const role = 'arn:aws:iam::123456789012:role/example-role';
params('assume-minimal', 0, { keys: ['accessKeyId', 'secretAccessKey', 'roleArn', 'roleSessionName'], roleArn: role, session: 's1' });
params('assume-everything', 0, {
  keys: ['accessKeyId', 'secretAccessKey', 'region', 'roleArn', 'roleSessionName', 'durationSeconds', 'tags'],
  region: 'eu-west-1', roleArn: role, session: 'bob@example.com', duration: '3600', externalId: 'ext/1:a',
  policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
  policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::123456789012:policy/example-policy'],
  serial: 'arn:aws:iam::123456789012:mfa/bob', code: '123456', tags: [['Team Name', 'ü+'], ['Project', '']],
  transitive: ['Team Name'], source: 'bob',
});
params('assume-chained', 0, { id: 'ASIARZPUZDIKEVXMB3VG', token: TOKEN, roleArn: 'arn:aws:iam::123456789012:role/chained-role', session: 'chain-source', duration: '3600' });
params('assume-loopback', 0, { region: 'us-east-1', endpoint: 'http://127.0.0.1:5000', roleArn: role, session: 's1' });
params('assume-typo', 0, { keys: ['rolearn', 'RoleSessionName'], roleArn: role, session: 's1' });
params('assume-51-tags', 0, { roleArn: role, session: 's1', tags: Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']) });
params('assume-bad-duration', 0, { roleArn: role, session: 's1', duration: 'NaN' });
params('assume-govcloud-fips', 0, { fips: true, region: 'us-gov-west-1', roleArn: 'arn:aws-us-gov:iam::123456789012:role/x', session: 's1' });
params('identity-fips', 1, { fips: true, region: 'ca-central-1' });
params('identity-global', 1, { region: 'aws-global' });
params('identity-china', 1, { region: 'cn-north-1' });
params('identity-http-remote', 1, { endpoint: 'http://sts.example.com' });
params('identity-v6', 1, { endpoint: 'http://[::1]:9000/sts' });
params('identity-newline-secret', 1, { secret: `${bob.secret}\n` });
params('identity-max-time', 1, { ms: '253402300799999' });
params('session-mfa', 2, { duration: '129600', serial: 'GAHT12345678', code: '654321' });
params('session-with-token', 2, { id: 'ASIARZPUZDIKEVXMB3VG', token: TOKEN });

// ---- exports: [flags] accessKeyId 0x1F secret 0x1F token 0x1F expiration 0x1F profile 0x1F format ----
const exp = (name, values, { profile, format = 'bash' } = {}) =>
  write('exports', name, [profile === undefined ? 0 : 1], [...values, profile ?? '', format].join(F));
const creds = ['ASIARZPUZDIKEVXMB3VG', 'XXLcZPXHiTSa5EF+9e8FxTcxSIdkwJuSuLJZXBp/', TOKEN, '2026-11-28T13:57:00Z'];
exp('moto', creds, { profile: 'example-role', format: 'credentials' });
exp('hostile', [creds[0], `a'b $(id) \`x\` %PATH% \\ ’ "q"`, 'line1\nline2</script>\r\u2028', '2026-11-28T13:57:00.611109Z'], { format: 'Fish' });
exp('quotes', ["'", "''\\'", '‘’‚‛\'', '2026-11-28T13:00:00+01:00'], { format: 'powershell' });
exp('dollar', ['$HOME', '${x}', '!!', '2026-11-28T13:00:00Z'], { format: 'cmd' });
exp('bad-profile', creds, { profile: 'a]\n[b', format: 'ini' });
exp('nul', ['a\0b', ...creds.slice(1)], { format: 'dotenv' });
exp('expiration-bad', [...creds.slice(0, 3), 'tomorrow'], { format: 'json' });
exp('format-names', creds, { format: 'credential-process' });
// ---- jwt: [mode] now_ms (8 bytes LE) then a token (mode even) or JSON text (mode odd) ----
const NOW = 1795867200000n; // 2026-11-28T12:00:00Z
const clock = (ms) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(ms); return [...b]; };
const b64url = (s) => Buffer.from(s, 'utf8').toString('base64url');
const jwtOf = (header, claims, sig = 'c2lnbmF0dXJl') => `${b64url(header)}.${b64url(claims)}.${sig}`;
const jwt = (name, token, ms = NOW) => write('jwt', name, [0, ...clock(ms)], token);
const json = (name, text) => write('jwt', `json-${name}`, [1, ...clock(NOW)], text);
const ghClaims = JSON.stringify({ iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub: 'repo:o/r:ref:refs/heads/main', exp: 1795870500, iat: 1795866900, nbf: 1795866900, job_workflow_ref: 'o/r/.github/workflows/deploy.yml@refs/heads/main' });
jwt('github-actions', jwtOf('{"alg":"RS256","typ":"JWT","kid":"k1"}', ghClaims));
jwt('expired', jwtOf('{"alg":"RS256"}', ghClaims), NOW + 7200000n);
jwt('eks', jwtOf('{"alg":"RS256","kid":"x"}', JSON.stringify({ aud: ['sts.amazonaws.com'], exp: 1795870800, iss: 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE', 'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'app', uid: 'u' } }, sub: 'system:serviceaccount:default:app' })));
jwt('bearer', `Bearer ${jwtOf('{}', '{}')}`);
jwt('jwe', 'a.b.c.d.e');
jwt('unsigned', jwtOf('{"alg":"none"}', '{"exp":1}', ''));
jwt('duplicate-iss', jwtOf('{}', '{"iss":"a","iss":"b"}'));
jwt('aud-mixed', jwtOf('{}', '{"aud":["a",1],"exp":1.5e9}'));
jwt('deep', jwtOf('{}', `{"a":${'['.repeat(40)}${']'.repeat(40)}}`));
jwt('surrogates', jwtOf('{}', '{"sub":"\\ud83d\\ude00 \\ud83d"}'));
jwt('max-clock', jwtOf('{}', '{"exp":-999999999999999}'), 0xffffffffffffffffn);
json('claims', ghClaims);
json('numbers', '[0,-0,1.5,-2e-3,1E+400,123456789012345678901234567890]');
json('escapes', '"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00"');
json('duplicate', '{"a":1,"a":2}');
json('deep', '['.repeat(40) + ']'.repeat(40));
json('trailing', '{"a":1} x');

// ---- saml: the pasted text (raw XML, base64, percent-encoded, a form body) ----
const ROLE_A = 'arn:aws:iam::123456789012:role/example-role';
const ROLE_B = 'arn:aws:iam::123456789012:role/saml/ReadOnly';
const IDP = 'arn:aws:iam::123456789012:saml-provider/ExampleIdP';
const samlResponse = (values) => `<?xml version="1.0" encoding="UTF-8"?><saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" Version="2.0"><saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"><saml2:AttributeStatement><saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><saml2:AttributeValue>bob</saml2:AttributeValue></saml2:Attribute><saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">${values.map((v) => `<saml2:AttributeValue>${v}</saml2:AttributeValue>`).join('')}</saml2:Attribute></saml2:AttributeStatement></saml2:Assertion></saml2p:Response>`;
const two = samlResponse([`${ROLE_A},${IDP}`, `${IDP},${ROLE_B}`]);
const wrapped = Buffer.from(two).toString('base64').replace(/.{76}/g, '$&\r\n');
const saml = (name, text) => write('saml', name, [], text);
saml('xml-two-roles', two);
saml('base64-wrapped', wrapped);
saml('percent-form', `SAMLResponse=${encodeURIComponent(Buffer.from(two).toString('base64'))}&RelayState=x`);
saml('entities-cdata', samlResponse([`${ROLE_A}&#44;${IDP}`, `<![CDATA[${IDP},${ROLE_B}]]>`, 'not-a-pair']));
saml('encrypted', '<samlp:Response><saml:EncryptedAssertion>c2Vj</saml:EncryptedAssertion></samlp:Response>');
saml('doctype', '<!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>');
saml('mismatched', `<a><b>${ROLE_A},${IDP}</a>`);
saml('cn-partition', samlResponse(['arn:aws-cn:iam::123456789012:role/r,arn:aws-cn:iam::123456789012:saml-provider/p']));
console.log(`seed corpora written under ${path.join(here, 'corpus')}`);
