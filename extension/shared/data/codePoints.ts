/**
 * Offsets in code points (what Python's str indexes, and so what doccano, Label Studio and Prodigy write in
 * span files) against offsets in UTF-16 units (what a JavaScript string indexes). They differ after any
 * character outside the Basic Multilingual Plane, such as most emoji.
 */

/** The number of code points in text[0, utf16). */
export function toCodePoints(text: string, utf16: number): number {
  let n = 0;
  for (let i = 0; i < utf16 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) i++;
    n++;
  }
  return n;
}

/** The UTF-16 offset of code point `codePoints` of text; text.length when past its end. */
export function toUtf16(text: string, codePoints: number): number {
  let i = 0;
  for (let n = 0; n < codePoints && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

/** The text's length in code points. */
export const codePointLength = (text: string): number => toCodePoints(text, text.length);

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
