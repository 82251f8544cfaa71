import { AppError } from '../common/errors';

/**
 * A count per key in windows of a minute, in the memory of this process: a key's window starts at its first hit and
 * holds `limit` hits; the next is refused until the window ends. Several processes (PostgreSQL) each keep their own
 * windows, so N processes allow up to N × limit. A fixed window may let up to 2 × limit through around its end; that
 * is the price of one counter per key (no list of timestamps) and is enough to stop guessing and runaway clients.
 * Windows that ended are swept once a window, so the map holds only the keys of the last minute. `limit` 0 = off.
 */
export class RateWindows {
  private readonly windows = new Map<string, { endsAt: number; count: number }>();
  private nextSweep = 0;

  constructor(
    readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit of `key`: 0 when it is within the limit, else the seconds until its window ends. */
  hit(key: string): number {
    if (this.limit <= 0) return 0;
    const window = this.current(key, true)!;
    window.count++;
    return window.count > this.limit ? this.secondsLeft(window) : 0;
  }

  /** The seconds until `key` may be counted again when it has used its window up, else 0 (counts nothing). */
  exhausted(key: string): number {
    if (this.limit <= 0) return 0;
    const window = this.current(key, false);
    return window && window.count >= this.limit ? this.secondsLeft(window) : 0;
  }

  /** Keys with a window open now (for tests). */
  get size(): number {
    return this.windows.size;
  }

  private current(key: string, open: boolean): { endsAt: number; count: number } | undefined {
    const now = this.now();
    if (now >= this.nextSweep) {
      for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
      this.nextSweep = now + this.windowMs;
    }
    let window = this.windows.get(key);
    if (window && window.endsAt <= now) window = undefined;
    if (!window && open) this.windows.set(key, (window = { endsAt: now + this.windowMs, count: 0 }));
    return window;
  }

  private secondsLeft(window: { endsAt: number }): number {
    return Math.max(1, Math.ceil((window.endsAt - this.now()) / 1000));
  }
}

/** 429 RATE_LIMITED in the service's error shape; the guard also sets Retry-After. */
export function rateLimited(retryAfterSeconds: number, what: 'failures' | 'requests'): AppError {
  const [message, messageSv] =
    what === 'failures'
      ? [
          `Too many failed authentications from this address; try again in ${retryAfterSeconds} s.`,
          `För många misslyckade inloggningar från denna adress; försök igen om ${retryAfterSeconds} s.`,
        ]
      : [
          `Too many requests with this token; try again in ${retryAfterSeconds} s.`,
          `För många anrop med denna token; försök igen om ${retryAfterSeconds} s.`,
        ];
  return new AppError('TOO_MANY_REQUESTS', 'RATE_LIMITED', message, messageSv, undefined, { retryAfterSeconds });
}
