/**
 * Request counts per tracker (a key id, a client address) over fixed windows. Finished windows are
 * swept at most once a window, so many distinct trackers cost one pass a minute, not one each.
 */
export class FixedWindows {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();
  private sweptAt = 0;

  constructor(private readonly windowMs = 60_000) {}

  /** Counts one request of `tracker`; answers the seconds to wait when that one is past `limit`, else 0. */
  hit(tracker: string, limit: number, now = Date.now()): number {
    const window = this.current(tracker, now, true)!;
    window.count++;
    return window.count <= limit ? 0 : this.secondsLeft(window.startedAt, now);
  }

  /** The seconds to wait when `tracker` has already used its `limit` in this window, else 0; counts nothing. */
  exhausted(tracker: string, limit: number, now = Date.now()): number {
    const window = this.current(tracker, now, false);
    return window && window.count >= limit ? this.secondsLeft(window.startedAt, now) : 0;
  }

  private current(tracker: string, now: number, create: boolean): { startedAt: number; count: number } | undefined {
    let window = this.windows.get(tracker);
    if (window && now - window.startedAt < this.windowMs) return window;
    if (now - this.sweptAt >= this.windowMs) this.sweep(now);
    if (!create) return undefined;
    window = { startedAt: now, count: 0 };
    this.windows.set(tracker, window);
    return window;
  }

  private secondsLeft(startedAt: number, now: number): number {
    return Math.max(1, Math.ceil((startedAt + this.windowMs - now) / 1000));
  }

  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [tracker, window] of this.windows) if (now - window.startedAt >= this.windowMs) this.windows.delete(tracker);
  }
}
