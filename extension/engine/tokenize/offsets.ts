/**
 * The tokenizers binding reports offsets in Unicode code points; JS strings index
 * UTF-16 code units. This maps one to the other for a given text.
 */
export function codePointToUtf16(text: string): (cp: number) => number {
  let astral = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      astral = true;
      break;
    }
  }
  if (!astral) return (cp) => cp;
  const table: number[] = [];
  let unit = 0;
  for (const ch of text) {
    table.push(unit);
    unit += ch.length;
  }
  table.push(unit);
  return (cp) => table[Math.min(cp, table.length - 1)];
}
