// The bad-input table: every operation and option, each bad value rejected BEFORE any network call with
// code "InvalidParameter" and the right `field`. Proof of "before any network call": each call gets a
// counting `fetch` option (when the options are an object) AND globalThis.fetch is replaced by a counter;
// both must stay at zero. A control case shows the same counters do count a valid call.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadApi, roleOpts, source, countingFetch, withGlobalFetchCounted, errorText, SECRET, SESSION_TOKEN, ROLE, cell } from './support.mjs';

const long = (n, c = 'a') => c.repeat(n);
const tags = (n) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));
const creds = { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: SECRET, sessionToken: SESSION_TOKEN, expiration: '2026-11-28T13:00:00Z' };
const NO_OPTS = Symbol('no options argument');

// [operation, what, options (or arguments for the render functions), expected field]
const A = 'assumeRole', G = 'getCallerIdentity', S = 'getSessionToken', R = 'renderExports', U = 'renderUnset';
const CASES = [
  // the options object itself
  [A, 'options null', null, 'options'],
  [A, 'options missing', NO_OPTS, 'options'],
  [G, 'options a string', 'AKIA…', 'options'],
  [S, 'options an array', [source()], 'options'],
  [G, 'options a number', 42, 'options'],
  // unknown option names are reported, not ignored
  [A, 'typo rolearn', { ...roleOpts(), rolearn: ROLE }, 'rolearn'],
  [A, 'wrong case RoleSessionName', { ...roleOpts(), RoleSessionName: 's2' }, 'RoleSessionName'],
  [A, 'unknown option foo', { ...roleOpts(), foo: 1 }, 'foo'],
  [G, 'roleArn given to getCallerIdentity', { ...source(), roleArn: ROLE }, 'roleArn'],
  [S, 'roleSessionName given to getSessionToken', { ...source(), roleSessionName: 's1' }, 'roleSessionName'],
  // source credentials
  [G, 'accessKeyId missing', { secretAccessKey: SECRET }, 'accessKeyId'],
  [G, 'accessKeyId a number', { ...source(), accessKeyId: 12345678901234567 }, 'accessKeyId'],
  [G, 'accessKeyId empty', { ...source(), accessKeyId: '' }, 'accessKeyId'],
  [G, 'accessKeyId with a space', { ...source(), accessKeyId: 'AKIA IOSFODNN7EXAMPLE' }, 'accessKeyId'],
  [G, 'secretAccessKey missing', { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }, 'secretAccessKey'],
  [G, 'secretAccessKey null', { ...source(), secretAccessKey: null }, 'secretAccessKey'],
  [G, 'secretAccessKey with a line break', { ...source(), secretAccessKey: `${SECRET}\n` }, 'secretAccessKey'],
  [G, 'sessionToken a number', { ...source(), sessionToken: 7 }, 'sessionToken'],
  [G, 'temporary key without sessionToken', { ...source(), accessKeyId: 'ASIAIOSFODNN7EXAMPLE' }, 'sessionToken'],
  // where
  [G, 'region unknown shape', { ...source(), region: 'mars' }, 'region'],
  [G, 'region upper case', { ...source(), region: 'US-EAST-1' }, 'region'],
  [G, 'region a number', { ...source(), region: 1 }, 'region'],
  [G, 'useFips a string', { ...source(), useFips: 'yes' }, 'useFips'],
  [G, 'endpoint http, not loopback', { ...source(), endpoint: 'http://sts.example.com' }, 'endpoint'],
  [G, 'endpoint http private IP', { ...source(), endpoint: 'http://10.0.0.1:5000' }, 'endpoint'],
  [G, 'endpoint loopback look-alike', { ...source(), endpoint: 'http://127.0.0.1.evil.example' }, 'endpoint'],
  [G, 'endpoint with user info', { ...source(), endpoint: 'https://u:p@sts.example.com' }, 'endpoint'],
  [G, 'endpoint ftp', { ...source(), endpoint: 'ftp://127.0.0.1' }, 'endpoint'],
  [G, 'endpoint with a query', { ...source(), endpoint: 'https://sts.example.com/?Action=x' }, 'endpoint'],
  [G, 'endpoint not a URL', { ...source(), endpoint: 'sts.amazonaws.com' }, 'endpoint'],
  [G, 'endpoint an object', { ...source(), endpoint: new URL('https://sts.example.com') }, 'endpoint'],
  [G, 'timeoutMs 0', { ...source(), timeoutMs: 0 }, 'timeoutMs'],
  [G, 'timeoutMs NaN', { ...source(), timeoutMs: NaN }, 'timeoutMs'],
  [G, 'timeoutMs fractional', { ...source(), timeoutMs: 1.5 }, 'timeoutMs'],
  [G, 'timeoutMs a string', { ...source(), timeoutMs: '1000' }, 'timeoutMs'],
  [G, 'fetch not a function', { ...source(), fetch: 'https://evil.example' }, 'fetch'],
  // AssumeRole
  [A, 'roleArn missing', { ...source(), roleSessionName: 's1' }, 'roleArn'],
  [A, 'roleArn empty', roleOpts({ roleArn: '' }), 'roleArn'],
  [A, 'roleArn a number', roleOpts({ roleArn: 123456789012 }), 'roleArn'],
  [A, 'roleArn short account', roleOpts({ roleArn: 'arn:aws:iam::12345:role/x' }), 'roleArn'],
  [A, 'roleArn of a user', roleOpts({ roleArn: 'arn:aws:iam::123456789012:user/Bob' }), 'roleArn'],
  [A, 'roleArn not IAM', roleOpts({ roleArn: 'arn:aws:s3:::bucket/role/x' }), 'roleArn'],
  [A, 'roleArn unknown partition', roleOpts({ roleArn: 'arn:aws-mars:iam::123456789012:role/x' }), 'roleArn'],
  [A, 'roleArn too long', roleOpts({ roleArn: `arn:aws:iam::123456789012:role/${long(2100)}` }), 'roleArn'],
  [A, 'roleSessionName null', roleOpts({ roleSessionName: null }), 'roleSessionName'],
  [A, 'roleSessionName too short', roleOpts({ roleSessionName: 'a' }), 'roleSessionName'],
  [A, 'roleSessionName too long', roleOpts({ roleSessionName: long(65) }), 'roleSessionName'],
  [A, 'roleSessionName with a space', roleOpts({ roleSessionName: 'my session' }), 'roleSessionName'],
  [A, 'roleSessionName non-ASCII', roleOpts({ roleSessionName: 'sé' }), 'roleSessionName'],
  [A, 'durationSeconds NaN', roleOpts({ durationSeconds: NaN }), 'durationSeconds'],
  [A, 'durationSeconds negative', roleOpts({ durationSeconds: -3600 }), 'durationSeconds'],
  [A, 'durationSeconds fractional', roleOpts({ durationSeconds: 900.5 }), 'durationSeconds'],
  [A, 'durationSeconds Infinity', roleOpts({ durationSeconds: Infinity }), 'durationSeconds'],
  [A, 'durationSeconds a string', roleOpts({ durationSeconds: '3600' }), 'durationSeconds'],
  [A, 'durationSeconds over 12 h', roleOpts({ durationSeconds: 43201 }), 'durationSeconds'],
  [A, 'durationSeconds > 1 h when chaining', roleOpts({ accessKeyId: 'ASIAIOSFODNN7EXAMPLE', sessionToken: SESSION_TOKEN, durationSeconds: 3601 }), 'durationSeconds'],
  [A, 'externalId too short', roleOpts({ externalId: 'x' }), 'externalId'],
  [A, 'externalId with a space', roleOpts({ externalId: 'ext id' }), 'externalId'],
  [A, 'policy empty', roleOpts({ policy: '' }), 'policy'],
  [A, 'policy not JSON', roleOpts({ policy: 'Allow s3:*' }), 'policy'],
  [A, 'policy an object', roleOpts({ policy: { Version: '2012-10-17' } }), 'policy'],
  [A, 'policyArns not an array', roleOpts({ policyArns: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }), 'policyArns'],
  [A, 'policyArns 11 entries', roleOpts({ policyArns: Array(11).fill('arn:aws:iam::aws:policy/ReadOnlyAccess') }), 'policyArns'],
  [A, 'policyArns[1] malformed', roleOpts({ policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'ReadOnlyAccess'] }), 'policyArns[1]'],
  [A, 'policyArns[0] a number', roleOpts({ policyArns: [1] }), 'policyArns[0]'],
  [A, '51 tags', roleOpts({ tags: tags(51) }), 'tags'],
  [A, 'tags an object', roleOpts({ tags: { Team: 'x' } }), 'tags'],
  [A, 'tags[0] null', roleOpts({ tags: [null] }), 'tags[0]'],
  [A, 'tags[2].key missing', roleOpts({ tags: [...tags(2), { value: 'v' }] }), 'tags[2].key'],
  [A, 'tags[0].key reserved aws:', roleOpts({ tags: [{ key: 'aws:x', value: 'v' }] }), 'tags[0].key'],
  [A, 'tags[0].value bad character', roleOpts({ tags: [{ key: 'k', value: 'a;b' }] }), 'tags[0].value'],
  [A, 'tags[0].value a number', roleOpts({ tags: [{ key: 'k', value: 1 }] }), 'tags[0].value'],
  [A, 'tags duplicate key (case-insensitive)', roleOpts({ tags: [{ key: 'Team', value: '1' }, { key: 'team', value: '2' }] }), 'tags[1].key'],
  [A, 'tokenCode five digits', roleOpts({ serialNumber: 'arn:aws:iam::123456789012:mfa/bob', tokenCode: '12345' }), 'tokenCode'],
  [A, 'sourceIdentity reserved aws:', roleOpts({ sourceIdentity: 'aws:me' }), 'sourceIdentity'],
  // GetSessionToken
  [S, 'durationSeconds over 36 h', { ...source(), durationSeconds: 129601 }, 'durationSeconds'],
  [S, 'durationSeconds under 15 min', { ...source(), durationSeconds: 899 }, 'durationSeconds'],
  [S, 'with temporary credentials', { ...source(), accessKeyId: 'ASIAIOSFODNN7EXAMPLE', sessionToken: SESSION_TOKEN }, 'sessionToken'],
  [S, 'tokenCode letters', { ...source(), serialNumber: 'GAHT12345678', tokenCode: 'abcdef' }, 'tokenCode'],
  // renderExports / renderUnset (no network at all, same error contract)
  [R, 'format unknown', [creds, 'tcsh'], 'format'],
  [R, 'format a number', [creds, 1], 'format'],
  [R, 'credentials null', [null, 'bash'], 'credentials'],
  [R, 'credentials.expiration not a time', [{ ...creds, expiration: 'tomorrow' }, 'bash'], 'credentials.expiration'],
  [R, 'credentials.sessionToken missing', [{ ...creds, sessionToken: undefined }, 'bash'], 'credentials.sessionToken'],
  [R, 'cmd cannot carry %', [{ ...creds, secretAccessKey: `${SECRET}%PATH%` }, 'cmd'], 'credentials.secretAccessKey'],
  [R, 'NUL in a value', [{ ...creds, accessKeyId: 'ASIA\0X' }, 'bash'], 'credentials.accessKeyId'],
  [R, 'profile injection', [creds, 'credentials', { profile: 'x]\n[default' }], 'profile'],
  [R, 'render option typo', [creds, 'credentials', { Profile: 'x' }], 'Profile'],
  [U, 'unset for a file format', ['json'], 'format'],
  [U, 'unset format null', [null], 'format'],
];

// Refused before issue 11, accepted now: what AWS accepts (its model and documentation have no such rule),
// so these must reach the transport. Each was a row of the table above.
const NOW_ACCEPTED = [
  [G, 'accessKeyId of an emulator (LocalStack: test / test)', { ...source(), accessKeyId: 'test', secretAccessKey: 'test' }],
  [G, 'secretAccessKey longer than 128', { ...source(), secretAccessKey: long(129, 'x') }],
  [G, 'useFips in eu-west-1 (AWS partition data: sts-fips.eu-west-1)', { ...source(), region: 'eu-west-1', useFips: true }],
  [A, 'policy over 2048 characters (AssumeRole\'s model has no maximum)', roleOpts({ policy: `{${long(2048)}}` })],
  [A, 'transitiveTagKeys not among tags', roleOpts({ transitiveTagKeys: ['Team'] })],
  [A, 'serialNumber without tokenCode', roleOpts({ serialNumber: 'arn:aws:iam::123456789012:mfa/bob' })],
  [A, 'tokenCode without serialNumber', roleOpts({ tokenCode: '123456' })],
  [A, 'sourceIdentity of 256 characters', roleOpts({ sourceIdentity: long(256, 's') })],
  [A, 'tag with U+00A0 and U+3000 (\\p{Z})', roleOpts({ tags: [{ key: 'Team\u00a0Name', value: 'a\u3000b' }] })],
  [A, 'roleArn in the aws-eusc partition', roleOpts({ roleArn: 'arn:aws-eusc:iam::123456789012:role/x' })],
  [G, 'sessionToken over 16,384 characters', { ...source(), sessionToken: long(20000, 'T') }],
];

describe('bad input', () => {
  let api;
  before(async () => { ({ api } = await loadApi('bad-input')); });

  it(`rejects all ${CASES.length} cases with InvalidParameter, the right field, and no fetch`, async () => {
    assert.ok(CASES.length >= 40);
    const rows = [], failures = [];
    for (const [op, what, input, field] of CASES) {
      const local = countingFetch();
      const isOpts = input && typeof input === 'object' && !Array.isArray(input) && op !== R && op !== U;
      // The option-name cases must not get an extra `fetch` key only to make the count: it is a known key.
      const opts = isOpts && !('fetch' in input) ? { ...input, fetch: local.fn } : input;
      const { result: error, calls } = await withGlobalFetchCounted(async () => {
        try {
          if (op === R || op === U) api[op](...input);
          else if (opts === NO_OPTS) await api[op]();
          else await api[op](opts);
          return null;
        } catch (e) { return e; }
      });
      const got = error ? { code: error.code, field: error.field, name: error.name } : { code: '(resolved)' };
      rows.push(`${cell(op, 17)} ${cell(what, 40)} ${cell(got.field, 26)} ${cell(error?.message, 90)}`);
      const problems = [];
      if (!(error instanceof Error) || got.name !== 'StsError') problems.push(`not an StsError: ${error}`);
      if (got.code !== 'InvalidParameter') problems.push(`code ${got.code}`);
      if (got.field !== field) problems.push(`field ${got.field}, want ${field}`);
      if (calls.length + local.calls.length !== 0) problems.push(`${calls.length} global + ${local.calls.length} option fetch calls`);
      if (error && errorText(error).includes(SECRET)) problems.push('the secret is in the error');
      if (problems.length) failures.push(`${op} / ${what}: ${problems.join('; ')}`);
    }
    console.log(`bad-input table: ${CASES.length} cases\n${rows.join('\n')}`);
    assert.deepEqual(failures, []);
  });

  it(`accepts the ${NOW_ACCEPTED.length} inputs AWS accepts that were refused before (issue 11): they reach fetch`, async () => {
    const failures = [];
    for (const [op, what, input] of NOW_ACCEPTED) {
      const local = countingFetch();
      const error = await api[op]({ ...input, fetch: local.fn }).catch((e) => e);
      if (error?.code === 'InvalidParameter') failures.push(`${op} / ${what}: refused: ${error.message}`);
      else if (local.calls.length === 0) failures.push(`${op} / ${what}: never sent (${error?.code})`);
    }
    assert.deepEqual(failures, []);
  });

  it('messages say what was wrong: the typo gets a suggestion, a missing value is "undefined"', async () => {
    const e = await api.assumeRole({ ...roleOpts(), rolearn: ROLE }).catch((x) => x);
    assert.match(e.message, /did you mean `roleArn`/);
    assert.match((await api.assumeRole().catch((x) => x)).message, /got undefined$/);
    const tag = await api.assumeRole(roleOpts({ tags: [{ value: 'v' }] })).catch((x) => x);
    assert.equal(tag.message, 'tags[0].key: expected a string, got undefined');
  });

  it('control: the same counters do count a call that passes validation', async () => {
    const local = countingFetch();
    const { result: e, calls } = await withGlobalFetchCounted(() => api.assumeRole(roleOpts({ fetch: local.fn })).catch((x) => x));
    assert.equal(e.code, 'NetworkError');
    assert.equal(local.calls.length, 3, 'the option fetch was used, and network errors are retried');
    assert.equal(calls.length, 0, 'the global fetch is not used when a fetch option is given');
    const { result: e2, calls: global } = await withGlobalFetchCounted(() => api.getCallerIdentity({ ...source(), timeoutMs: 2000 }).catch((x) => x));
    assert.equal(e2.code, 'NetworkError');
    assert.equal(global.length, 3, 'without the option, the global fetch is used');
  });
});
