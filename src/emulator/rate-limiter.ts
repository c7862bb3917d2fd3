/** Propexo's documented limit: N requests a minute, responses delayed above 80%, 429 at 100%. */
export interface RateLimitSettings {
  limit: number;
  windowMs: number;
  /** Delay added to each response once usage passes the slowdown threshold. */
  slowdownMs: number;
  slowdownThreshold: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  delayMs: number;
  /** Seconds until the window resets (sent as Retry-After on a 429). */
  resetSeconds: number;
}

/** A fixed window that starts with the first request after the previous one ended. */
export class RateLimiter {
  private windowStart = 0;
  private used = 0;

  constructor(public settings: RateLimitSettings) {}

  take(now = Date.now()): RateDecision {
    const { limit, windowMs, slowdownMs, slowdownThreshold } = this.settings;
    if (now - this.windowStart >= windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    const resetSeconds = Math.max(1, Math.ceil((this.windowStart + windowMs - now) / 1000));
    if (this.used >= limit) return { allowed: false, limit, remaining: 0, delayMs: 0, resetSeconds };
    this.used++;
    const delayMs = this.used > limit * slowdownThreshold ? slowdownMs : 0;
    return { allowed: true, limit, remaining: limit - this.used, delayMs, resetSeconds };
  }

  /** As a forced 429 reports it: the budget looks spent. */
  spent(now = Date.now()): RateDecision {
    const resetSeconds = Math.max(1, Math.ceil((this.windowStart + this.settings.windowMs - now) / 1000));
    return { allowed: false, limit: this.settings.limit, remaining: 0, delayMs: 0, resetSeconds };
  }

  reset(): void {
    this.windowStart = 0;
    this.used = 0;
  }
}
