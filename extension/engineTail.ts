/** The last lines an engine process wrote, kept so that its death can be explained with them. */
export class OutputTail {
  private lines: string[] = [];
  private partial = '';

  constructor(private readonly keep = 3) {}

  append(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts.filter((l) => l.trim() !== ''));
    this.lines = this.lines.slice(-this.keep);
  }

  /** The kept lines, the unfinished one included, oldest first. */
  text(): string[] {
    return [...this.lines, ...(this.partial.trim() ? [this.partial] : [])].slice(-this.keep);
  }
}
