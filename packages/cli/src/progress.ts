/**
 * A one-line progress bar on stderr: bytes, lines per second, findings. Drawn only when asked
 * (files are read and stderr is a TTY), at most ten times a second, and erased at the end.
 */

/** The part of a TTY stream the bar needs. */
export interface ProgressStream {
  write(text: string): boolean;
  readonly columns?: number;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function rate(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)}k` : n.toFixed(0);
}

/** A progress bar over a known number of bytes (0 when unknown: no percentage). */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  /**
   * @param stream where to draw (stderr)
   * @param totalBytes the total input size, or 0 when unknown
   * @param findingsLabel what the third count means (`findings`, `lines changed`)
   */
  constructor(
    private readonly stream: ProgressStream,
    private readonly totalBytes: number,
    private readonly findingsLabel: string,
  ) {}

  /** Redraws, at most every 100 ms. */
  update(bytes: number, lines: number, findings: number): void {
    const now = Date.now();
    if (now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const parts = [
      `${mb(bytes)}${this.totalBytes > 0 ? ` / ${mb(this.totalBytes)}` : ''}`,
      `${rate(lines / seconds)} lines/s`,
      `${findings} ${this.findingsLabel}`,
    ];
    let bar = '';
    if (this.totalBytes > 0) {
      const ratio = Math.min(bytes / this.totalBytes, 1);
      const width = 20;
      const full = Math.round(ratio * width);
      bar = `[${'#'.repeat(full)}${'-'.repeat(width - full)}] ${(ratio * 100).toFixed(0).padStart(3)}%  `;
    }
    const text = `hushlog ${bar}${parts.join('  ')}`;
    const columns = this.stream.columns ?? 80;
    this.stream.write(`\r${text.slice(0, Math.max(columns - 1, 20))}\x1b[K`);
    this.drawn = true;
  }

  /** Erases the bar. */
  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
