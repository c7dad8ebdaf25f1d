/** Download progress events from the engine, checked and put into words for the notification. */
const mib = (n: number) => (n / 2 ** 20).toFixed(1);

/** "model.safetensors 12.3 / 420.0 MiB (2%)", or null for an event that is not well-formed. */
export function downloadProgressText(e: unknown): string | null {
  const x = e as { type?: unknown; file?: unknown; bytes?: unknown; total?: unknown } | null;
  if (
    !x ||
    x.type !== 'download' ||
    typeof x.file !== 'string' ||
    typeof x.bytes !== 'number' ||
    typeof x.total !== 'number' ||
    !Number.isFinite(x.bytes) ||
    !Number.isFinite(x.total) ||
    x.bytes < 0 ||
    x.total < 0
  )
    return null;
  const pct = x.total > 0 ? Math.min(100, Math.floor((100 * x.bytes) / x.total)) : 100;
  return `${x.file} ${mib(x.bytes)} / ${mib(x.total)} MiB (${pct}%)`;
}
