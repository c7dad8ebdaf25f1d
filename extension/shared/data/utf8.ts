/**
 * Strict UTF-8 decoding of a byte stream, chunk by chunk (a sequence split across
 * chunks is fine). At the first invalid byte the text stops just before it, so the
 * reader downstream sees the partial row the byte fell in and can name it.
 */
export interface InvalidUtf8 {
  /** 1-based physical line of the bad byte. */
  line: number;
  /** 0-based byte offset of the bad sequence in the file. */
  byte: number;
}

/** Bytes at the end of a valid buffer that begin a sequence still waiting for its continuation bytes. */
function incompleteTail(bytes: Uint8Array): Uint8Array {
  for (let k = 1; k <= Math.min(3, bytes.length); k++) {
    const b = bytes[bytes.length - k];
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return k < need ? bytes.subarray(bytes.length - k) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

const fatalDecoder = () => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function fails(bytes: Uint8Array): boolean {
  try {
    fatalDecoder().decode(bytes, { stream: true });
    return false;
  } catch {
    return true;
  }
}

/** The valid text before the first invalid sequence of `bytes` (which holds one). */
function validPrefix(bytes: Uint8Array): string {
  // Decoding a prefix fails once it contains the bad sequence: the shortest failing prefix ends in it.
  let lo = 1,
    hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fails(bytes.subarray(0, mid))) hi = mid;
    else lo = mid + 1;
  }
  return fatalDecoder().decode(bytes.subarray(0, lo - 1), { stream: true });
}

const countNewlines = (text: string) => {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

export class StrictUtf8 {
  /** Set once an invalid sequence was found; the text ended before it. */
  invalid: InvalidUtf8 | null = null;
  /** Bytes read so far, for progress. */
  bytes = 0;
  private newlines = 0;
  private started = false;

  /** `mark` is appended after the valid text when a bad byte ends it, so a parser can tell the cut-off row. */
  constructor(private readonly mark = '') {}

  async *text(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
    const decoder = fatalDecoder();
    let tail: Uint8Array = new Uint8Array(0);
    for await (const chunk of chunks) {
      const start = this.bytes;
      this.bytes += chunk.length;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        yield this.stop(validPrefix(concat(tail, chunk)), start - tail.length);
        return;
      }
      tail = incompleteTail(chunk.length >= 3 ? chunk : concat(tail, chunk));
      if (text) yield this.emit(text);
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      yield this.stop('', this.bytes - tail.length);
      return;
    }
    if (rest) yield this.emit(rest);
  }

  private emit(text: string): string {
    if (!this.started) {
      this.started = true;
      text = text.replace(/^\ufeff/, '');
    }
    this.newlines += countNewlines(text);
    return text;
  }

  private stop(prefix: string, prefixStart: number): string {
    const byte = prefixStart + Buffer.byteLength(prefix);
    const text = this.emit(prefix);
    this.invalid = { line: this.newlines + 1, byte };
    return text + this.mark;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (!a.length) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The whole of a small file (a SQuAD JSON), strictly decoded. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { invalid: InvalidUtf8 } {
  try {
    return {
      text: fatalDecoder()
        .decode(bytes)
        .replace(/^\ufeff/, ''),
    };
  } catch {
    const prefix = fails(bytes) ? validPrefix(bytes) : fatalDecoder().decode(bytes, { stream: true });
    return { invalid: { line: countNewlines(prefix) + 1, byte: Buffer.byteLength(prefix) } };
  }
}
