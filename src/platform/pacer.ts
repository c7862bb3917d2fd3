/**
 * Client-side pacing under Propexo's per-minute limit. Keeps at most `budget` of the limit in any rolling
 * window of our own requests, and also trusts the server's x-ratelimit-remaining (other clients share the
 * budget). A rolling window never exceeds a fixed window the server may use.
 */
export interface PacerOptions {
  /** Share of the limit to use; 0.8 stays under the threshold where Propexo delays responses. */
  budget: number;
  windowMs: number;
  /** Until the first response says otherwise. */
  initialLimit: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class Pacer {
  private starts: number[] = [];
  private limit: number;
  private serverUsed = 0;
  private serverSeenAt = 0;
  private queue: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: PacerOptions) {
    this.limit = options.initialLimit;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  get capacity(): number {
    return Math.max(1, Math.floor(this.limit * this.options.budget));
  }

  /** Waits for a slot; slots are handed out in call order. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Learn the real limit and usage from a response's headers. */
  observe(headers: Headers): void {
    const limit = Number(headers.get("x-ratelimit-limit"));
    const remaining = Number(headers.get("x-ratelimit-remaining"));
    if (Number.isFinite(limit) && limit > 0) this.limit = limit;
    if (headers.has("x-ratelimit-remaining") && Number.isFinite(remaining)) {
      this.serverUsed = this.limit - remaining;
      this.serverSeenAt = this.now();
    }
  }

  /** After a 429: nothing more until the window has passed. */
  blockFor(ms: number): void {
    const until = this.now() + ms;
    this.starts = Array.from({ length: this.capacity }, () => until - this.options.windowMs);
    // The server said when its window resets: its "0 remaining" is stale from then on.
    this.serverSeenAt = until - this.options.windowMs;
  }

  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      this.starts = this.starts.filter((t) => now - t < this.options.windowMs);
      const serverFresh = now - this.serverSeenAt < this.options.windowMs;
      const sinceSeen = this.starts.filter((t) => t >= this.serverSeenAt).length;
      const serverBusy = serverFresh && this.serverUsed + sinceSeen >= this.capacity;
      if (this.starts.length < this.capacity && !serverBusy) {
        this.starts.push(now);
        return;
      }
      const oldest = this.starts[0] ?? now;
      const wait = this.starts.length >= this.capacity ? oldest + this.options.windowMs - now : Math.min(this.options.windowMs / 10, 1000);
      await this.sleep(Math.max(10, wait));
    }
  }
}
