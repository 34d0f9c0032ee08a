// Command-line parsing in the AWS CLI's style: `--flag value` or `--flag=value`, booleans bare.

export class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * @param {string[]} argv arguments after the command name
 * @param {Record<string, "string" | "int" | "bool" | "list" | "json">} spec flag name (without --) → kind;
 *   a "list" flag takes every value up to the next flag (`--tags Key=a,Value=b Key=c,Value=d`)
 * @returns {Record<string, string | number | boolean>} camelCased flag → value
 */
export function parseFlags(argv, spec) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h") {
      out.help = true;
      continue;
    }
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`);
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    const key = camel(name);
    if (kind === "bool") {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      out[key] = true;
      continue;
    }
    if (kind === "list") {
      const values = eq !== -1 ? [arg.slice(eq + 1)] : [];
      while (i + 1 < argv.length && !argv[i + 1].startsWith("--")) values.push(argv[++i]);
      if (values.length === 0) throw new UsageError(`--${name} needs at least one value`);
      if (key in out) throw new UsageError(`--${name} given twice`);
      out[key] = values;
      continue;
    }
    let value;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[++i];
      if (value === undefined || (value.startsWith("--") && spec[value.slice(2).split("=")[0]])) {
        throw new UsageError(`--${name} needs a value`);
      }
    }
    if (key in out) throw new UsageError(`--${name} given twice`);
    if (kind === "int") {
      if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number${name.endsWith("seconds") ? " of seconds" : ""}, not ${JSON.stringify(value)}`);
      out[key] = Number(value);
    } else out[key] = value;
  }
  return out;
}

export function camel(flag) {
  return flag.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
}

export function kebab(option) {
  return option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
