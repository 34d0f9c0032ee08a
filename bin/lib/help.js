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
  assume-role-wasm assume-role-with-web-identity --role-arn ARN --role-session-name NAME --web-identity-token file://TOKEN
  assume-role-wasm assume-role-with-saml --role-arn ARN --principal-arn ARN --saml-assertion file://RESPONSE
  assume-role-wasm get-session-token [options]
  assume-role-wasm get-caller-identity [options]
  assume-role-wasm unset [--format bash|zsh|sh|fish|powershell|cmd]
  assume-role-wasm COMMAND --help

Commands (every operation of AWS STS, named as the AWS CLI names them):
  ${OPERATIONS.map((o) => o.cli.padEnd(31) + o.summary.slice(0, 70) + (o.summary.length > 70 ? "…" : "")).join("\n  ")}

Examples:
  eval "$(assume-role-wasm assume-role --role-arn arn:aws:iam::123456789012:role/example-role --role-session-name me --format bash)"
  eval "$(assume-role-wasm unset --format bash)"      # remove the AWS_* variables again (back to your profile)
  # ~/.aws/config:  [profile example]
  #                 credential_process = npx assume-role-wasm assume-role --role-arn … --role-session-name me --format credential-process

Exit status: 0 success, 2 usage error (bad or missing options, invalid values), 1 anything else
(STS refused, network, no credentials found). Errors go to stderr and never contain secrets.
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
