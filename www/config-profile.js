// The ~/.aws/config role profile that does with the AWS CLI what this page just did:
// the CLI assumes the role itself whenever the profile is used, with the source profile's keys.
// (Keys in ~/.aws/credentials, role settings in ~/.aws/config — the walkthrough's last step.)

/** The role's name from its ARN (`arn:aws:iam::123:role/path/name` → `name`), used as profile name. */
export function roleName(roleArn) {
  const m = /:role\/(?:.*\/)?([^/]+)$/.exec(roleArn || '');
  return m ? m[1] : 'my-role';
}

// A value on one INI line: a newline in a form field must not start a new setting.
const oneLine = (v) => String(v).replace(/[\r\n]+/g, ' ').trim();

/**
 * @param {object} o roleArn, sourceProfile, serialNumber?, externalId?, durationSeconds?,
 *   roleSessionName?, region?, endpoint? (set for the emulator or a custom endpoint)
 * @returns {string} the block, ending with a newline
 */
export function renderConfigProfile(o) {
  const lines = [
    `[profile ${roleName(o.roleArn)}]`,
    `role_arn = ${oneLine(o.roleArn)}`,
    `source_profile = ${oneLine(o.sourceProfile || 'default')}`,
  ];
  const opt = [
    ['mfa_serial', o.serialNumber],
    ['external_id', o.externalId],
    ['duration_seconds', o.durationSeconds],
    ['role_session_name', o.roleSessionName],
    ['region', o.region],
    // Read by AWS CLI ≥ 1.29 / 2.13 for every call of the profile, the role assumption included.
    ['endpoint_url', o.endpoint],
  ];
  for (const [k, v] of opt) if (v !== undefined && v !== null && v !== '') lines.push(`${k} = ${oneLine(v)}`);
  return lines.join('\n') + '\n';
}
