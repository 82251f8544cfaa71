import type { VerifyProgress } from '../workflow/verify/verify-run.types';

/** A line plain enough for a log file, at most this often, when stderr is not a terminal and no bar was asked for. */
const PLAIN_EVERY_MS = 10_000;
const BAR_EVERY_MS = 100;
const BAR_WIDTH = 30;

/**
 * The progress of a long verify on stderr: a bar redrawn in place (a terminal, or `--progress`) with rows per second
 * and the time left, or else a plain line every ten seconds (nothing at all for a run shorter than that).
 */
export class VerifyProgressReporter {
  private last: number | null = null;
  private drawn = false;

  constructor(
    private readonly out: { write(s: string): unknown },
    private readonly bar: boolean,
  ) {}

  update(p: VerifyProgress): void {
    const now = p.elapsedMs;
    // The first report starts the clock: a run that ends within one interval prints no plain line at all.
    if (this.last === null && !this.bar) this.last = now;
    if (this.last !== null && now - this.last < (this.bar ? BAR_EVERY_MS : PLAIN_EVERY_MS)) return;
    this.last = now;
    if (this.bar) {
      this.out.write(`\r${describe(p, true)}\u001b[K`);
      this.drawn = true;
    } else this.out.write(`verify: ${describe(p, false)}\n`);
  }

  /** Ends the bar's line (the result goes to stdout after it). */
  done(p: VerifyProgress | null): void {
    if (!this.bar || !p) return;
    this.out.write(`\r${describe(p, true)}\u001b[K\n`);
    this.drawn = false;
  }

  get active(): boolean {
    return this.drawn;
  }
}

function describe(p: VerifyProgress, bar: boolean): string {
  const fraction = p.rowsTotal ? Math.min(1, p.rowsDone / p.rowsTotal) : 1;
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.rowsDone / seconds : 0;
  const left = rate > 0 ? Math.max(0, (p.rowsTotal - p.rowsDone) / rate) : NaN;
  const filled = Math.round(fraction * BAR_WIDTH);
  const head = bar ? `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ` : '';
  return (
    `${head}${(fraction * 100).toFixed(0)}% ${p.rowsDone}/${p.rowsTotal} rows, ` +
    `${p.workflowsDone}/${p.workflowsTotal} workflows, ${Math.round(rate)} rows/s, ` +
    `${Number.isFinite(left) ? `${Math.ceil(left)} s left` : 'time left unknown'}`
  );
}
