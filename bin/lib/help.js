// Usage texts, printed on --help (stdout) and after usage errors (stderr).

export const SHELL_FORMATS = ["bash", "zsh", "sh", "fish", "powershell", "cmd"];
export const FORMATS = ["bash", "zsh", "sh", "fish", "powershell", "cmd", "dotenv", "credentials", "credential-process", "json"];

const COMMON = `  --region REGION          STS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1)
  --endpoint-url URL       STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the region's)
  --profile NAME           take source keys from this profile of ~/.aws/credentials or ~/.aws/config
                           (default: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, then AWS_PROFILE, then "default")`;

const CREDENTIAL_OUTPUT = `  --format FORMAT          ${FORMATS.join(" | ")}  (default: json)
                           bash/fish/powershell/cmd print lines to eval; credential-process prints what
                           a credential_process in ~/.aws/config must print
  --credentials-profile N  section name for --format credentials (default: default)`;

export const HELP = {
  main: `assume-role-wasm — AWS STS from the command line, on the same wasm as the assume-role-wasm package

Usage:
  assume-role-wasm assume-role --role-arn ARN --role-session-name NAME [options]
  assume-role-wasm get-session-token [options]
  assume-role-wasm get-caller-identity [options]
  assume-role-wasm unset [--format bash|zsh|sh|fish|powershell|cmd]
  assume-role-wasm COMMAND --help

Examples:
  eval "$(assume-role-wasm assume-role --role-arn arn:aws:iam::123456789012:role/example-role --role-session-name me --format bash)"
  eval "$(assume-role-wasm unset --format bash)"      # remove the AWS_* variables again (back to your profile)
  # ~/.aws/config:  [profile example]
  #                 credential_process = npx assume-role-wasm assume-role --role-arn … --role-session-name me --format credential-process

Exit status: 0 success, 2 usage error (bad or missing options, invalid values), 1 anything else
(STS refused, network, no credentials found). Errors go to stderr and never contain secrets.
`,
  "assume-role": `Usage: assume-role-wasm assume-role --role-arn ARN --role-session-name NAME [options]

  --role-arn ARN           role to assume (required)
  --role-session-name NAME session name, shown in the assumed-role ARN (required)
  --duration-seconds N     session length, 900 up to the role's maximum (3600 when role chaining)
  --external-id ID         external id the role's trust policy requires
  --serial-number ARN      MFA device; without --token-code the code is asked for on the terminal
  --token-code CODE        MFA code
  --policy JSON            inline session policy
${COMMON}
${CREDENTIAL_OUTPUT}
`,
  "get-session-token": `Usage: assume-role-wasm get-session-token [options]

  --duration-seconds N     session length, 900–129600
  --serial-number ARN      MFA device; without --token-code the code is asked for on the terminal
  --token-code CODE        MFA code
${COMMON}
${CREDENTIAL_OUTPUT}
`,
  unset: `Usage: assume-role-wasm unset [--format FORMAT]

  Prints the lines that remove what the shell formats set (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
  AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION).
  --format FORMAT          bash | zsh | sh | fish | powershell | cmd  (default: bash)
`,
  "get-caller-identity": `Usage: assume-role-wasm get-caller-identity [options]

${COMMON}
  --format json | text     json: {"UserId","Account","Arn"} as the AWS CLI prints it; text: tab-separated (default: json)
`,
};
