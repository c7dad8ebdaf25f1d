/**
 * A message arriving from a webview, checked by its panel's protocol parser. One that fails is dropped and
 * logged with where it came from: a webview is a boundary, and what crosses it is never trusted as typed.
 */
export function fromWebview<M>(
  parse: (x: unknown) => M,
  raw: unknown,
  where: string,
  log: (line: string) => void = console.warn,
): M | null {
  try {
    return parse(raw);
  } catch (e) {
    log(`${where}: ignored a malformed message: ${(e as Error).message}`);
    return null;
  }
}
