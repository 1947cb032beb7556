export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A sliding window: at most `limit` accepted requests per key in any `windowMs`. Refused requests do not count. */
export class SlidingWindowLimiter {
  private readonly accepted = new Map<string, number[]>();

  constructor(private readonly limit: number, private readonly windowMs: number) {}

  check(key: string, now = Date.now()): RateDecision {
    const recent = (this.accepted.get(key) ?? []).filter((time) => now - time < this.windowMs);
    if (recent.length >= this.limit) {
      this.accepted.set(key, recent);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.accepted.set(key, recent);
    return { allowed: true };
  }

  /** Forgets every accepted request (a control route: a pause long enough for the window to clear). */
  reset(): void {
    this.accepted.clear();
  }
}
