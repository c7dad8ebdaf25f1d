/** Command-line arguments: positionals and --flags (`--name value`, `--name=value`, dashes or underscores alike). */
export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

const norm = (name: string) => name.replace(/-/g, '_');

export function parseArgs(argv: string[], booleanFlags: string[] = []): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const booleans = new Set(booleanFlags.map(norm));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--') || a === '--') {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = norm(eq > 0 ? a.slice(2, eq) : a.slice(2));
    if (eq > 0) flags.set(name, a.slice(eq + 1));
    else if (booleans.has(name)) flags.set(name, true);
    else if (i + 1 < argv.length) flags.set(name, argv[++i]);
    else throw new UsageError(`--${name} needs a value`);
  }
  return { positional, flags };
}

export class UsageError extends Error {}

/** Reads typed flags against a table of defaults; unknown flags are an error. */
export function readFlags<T extends object>(flags: Map<string, string | true>, defaults: T, command: string): T {
  const out = { ...defaults } as Record<string, unknown>;
  for (const [name, raw] of flags) {
    if (!(name in out))
      throw new UsageError(
        `${command}: unknown option --${name} (options: ${Object.keys(defaults)
          .map((k) => `--${k}`)
          .join(' ')})`,
      );
    const kind = typeof (defaults as Record<string, unknown>)[name];
    if (kind === 'number') {
      const n = Number(raw);
      if (raw === true || !Number.isFinite(n))
        throw new UsageError(`${command}: --${name} expects a number, got ${raw}`);
      out[name] = n;
    } else if (kind === 'boolean') {
      out[name] = raw === true || raw === 'true' || raw === '1';
    } else {
      out[name] = raw;
    }
  }
  return out as T;
}
