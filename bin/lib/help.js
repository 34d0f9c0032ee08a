// Usage texts, printed on --help (stdout) and after usage errors (stderr).

import { formats } from "../../js/node.js";
import { OPERATIONS, memberHelp, valueName } from "./operations.js";

// From the wasm's one table (src/exports.rs): ids and the aliases worth listing (zsh, sh).
const names = (list) => list.flatMap((f) => [f.id, ...f.listedAliases]);
export const SHELL_FORMATS = names(formats().filter((f) => f.shell));
export const FORMATS = names(formats());
/** Every name renderExports accepts, aliases included. */
export const ACCEPTED_FORMATS = formats().flatMap((f) => [f.id, ...f.aliases]);

const COMMON = `  --region REGION          STS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1)
  --endpoint-url URL       STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the region's)
  --profile NAME           run with this profile's credentials, as \`aws --profile NAME\` would: its keys, or for a
                           role profile (role_arn + source_profile/credential_source) the role's credentials
                           (default: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, then AWS_PROFILE, then "default")
  --no-cache               neither read nor write the credential cache shared with the AWS CLI (~/.aws/cli/cache)`;

const PROFILE = `  --profile NAME           a role profile of ~/.aws/config (default: AWS_PROFILE, then "default"):
                           role_arn with source_profile (chains allowed) or credential_source = Environment;
                           mfa_serial, external_id, duration_seconds, role_session_name, region, endpoint_url, services
  --token-code CODE        MFA code for the profile's mfa_serial (default: asked on the terminal, when needed)
  --region REGION          STS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1)
  --endpoint-url URL       STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile's services/endpoint_url)
  --no-cache               neither read nor write ~/.aws/cli/cache (shared with the AWS CLI; entries are used
                           until 15 minutes before they expire)`;

const CREDENTIAL_OUTPUT = `  --format FORMAT          ${FORMATS.join(" | ")}  (default: json)
                           bash/fish/powershell/cmd print lines to eval; credential-process prints what
                           a credential_process in ~/.aws/config must print
  --credentials-profile N  section name for --format credentials (default: default)`;

export const HELP = {
  main: `assume-role-wasm — AWS STS from the command line, on the same wasm as the assume-role-wasm package

Usage:
  assume-role-wasm assume-role --role-arn ARN --role-session-name NAME [options]
  assume-role-wasm assume-role-with-web-identity --role-arn ARN --role-session-name NAME --web-identity-token file://TOKEN
  assume-role-wasm assume-role-with-saml --role-arn ARN --principal-arn ARN --saml-assertion file://RESPONSE
  assume-role-wasm get-session-token [options]
  assume-role-wasm get-caller-identity [options]
  assume-role-wasm unset [--format bash|zsh|sh|fish|powershell|cmd]
  assume-role-wasm export-credentials --profile ROLE-PROFILE [--format FORMAT]
  assume-role-wasm exec --profile ROLE-PROFILE [-- COMMAND [ARGS…]]
  assume-role-wasm login --profile ROLE-PROFILE [--open]
  assume-role-wasm cache clear [--profile ROLE-PROFILE]
  assume-role-wasm COMMAND --help

Commands (every operation of AWS STS, named as the AWS CLI names them):
  ${OPERATIONS.map((o) => o.cli.padEnd(31) + o.summary.slice(0, 70) + (o.summary.length > 70 ? "…" : "")).join("\n  ")}

Examples:
  eval "$(assume-role-wasm assume-role --role-arn arn:aws:iam::123456789012:role/example-role --role-session-name me --format bash)"
  eval "$(assume-role-wasm unset --format bash)"      # remove the AWS_* variables again (back to your profile)
  assume-role-wasm exec --profile example-role -- aws s3 ls
  assume-role-wasm login --profile example-role --open
  # ~/.aws/config:  [profile example]
  #                 credential_process = npx assume-role-wasm assume-role --role-arn … --role-session-name me --format credential-process

Exit status: 0 success, 2 usage error (bad or missing options, invalid values), 1 anything else
(STS refused, network, no credentials found); exec: its command's. Errors go to stderr and never contain secrets.
`,
  "export-credentials": `Usage: assume-role-wasm export-credentials --profile ROLE-PROFILE [options]

  Prints a role profile's credentials (from the cache while fresh, else AssumeRole along its chain),
  like \`aws configure export-credentials\`:  eval "$(assume-role-wasm export-credentials --profile example-role --format bash)"
${PROFILE}
${CREDENTIAL_OUTPUT}
`,
  exec: `Usage: assume-role-wasm exec --profile ROLE-PROFILE [options] [-- COMMAND [ARGS…]]

  Runs COMMAND with the role's AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
  AWS_CREDENTIAL_EXPIRATION (and AWS_REGION/AWS_DEFAULT_REGION when configured; AWS_PROFILE removed),
  and exits with its exit status. Without a command, starts $SHELL that way; \`exit\` leaves it.
${PROFILE}
`,
  login: `Usage: assume-role-wasm login --profile ROLE-PROFILE [options]

  Prints an AWS console sign-in URL for the role (federation endpoint getSigninToken), or opens it.
  The URL signs you in: treat it as a secret (it works once, within 15 minutes).
  --open                   open it with $BROWSER, else xdg-open / open (the URL is then the opener's argument)
  --destination URL        console page to land on (https on the partition's console; default: the
                           console home in the profile's region)
  --session-duration N     console session length, 900–43200 seconds (not for chained role sessions)
  --issuer URL             where the console sends you when the session ends
  --federation-endpoint URL  instead of https://signin.aws.amazon.com/federation (https, or http on loopback)
${PROFILE}
`,
  cache: `Usage: assume-role-wasm cache clear [--profile ROLE-PROFILE]

  Removes the cached role credentials from ~/.aws/cli/cache (shared with the AWS CLI): all of them, or
  those of the profile's chain.
`,
  "get-caller-identity": `Usage: assume-role-wasm get-caller-identity [options]

${COMMON}
  --format json | text     json: {"UserId","Account","Arn"} as the AWS CLI prints it; text: tab-separated (default: json)
`,
};

// Every STS operation's help, from the operation table (get-caller-identity keeps its own text above).
for (const op of OPERATIONS) {
  if (HELP[op.cli]) continue;
  const required = op.input.filter((m) => m.required).map((m) => ` --${m.cli} ${valueName(m)}`).join("");
  HELP[op.cli] = `Usage: assume-role-wasm ${op.cli}${required} [options]

${op.summary}${op.signed ? "" : " Unsigned: needs no AWS keys (the token or assertion proves who you are)."}

${memberHelp(op)}
  Lists take several values (--tags Key=a,Value=b Key=c,Value=d) or JSON; any value can be file://PATH.
${op.signed ? COMMON : COMMON.split("\n").slice(0, 2).join("\n")}
${op.credentials ? CREDENTIAL_OUTPUT : "  --format json | text     the AWS CLI's output shapes (default: json)"}
`;
}
