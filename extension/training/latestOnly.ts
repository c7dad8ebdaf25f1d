/**
 * Sends a burst of updates as at most one per interval, always the latest: a
 * training run can fire hundreds of events a second, a webview needs a few. The
 * first update goes out at once; the last one is never lost. No VS Code import.
 */
export class LatestOnly<T> {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: { value: T } | null = null;

  constructor(
    private readonly send: (value: T) => void,
    private readonly intervalMs: number,
  ) {}

  push(value: T): void {
    this.pending = { value };
    if (!this.timer) this.flush();
  }

  private flush(): void {
    this.timer = null;
    if (!this.pending) return;
    const { value } = this.pending;
    this.pending = null;
    this.send(value);
    this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }
}
