/** Command arguments arrive as whatever the caller passed; these read the kinds the commands accept. */

/** The run folder of a Runs tree node ({ run: { folder } }), if `arg` is one. */
export function runFolderArg(arg: unknown): string | undefined {
  const run = typeof arg === 'object' && arg !== null ? (arg as { run?: unknown }).run : undefined;
  const folder = typeof run === 'object' && run !== null ? (run as { folder?: unknown }).folder : undefined;
  return typeof folder === 'string' ? folder : undefined;
}
