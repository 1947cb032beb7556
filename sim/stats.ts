export interface StatsSnapshot {
  requests: { total: number; byPath: Record<string, number>; batched: number; throttled: number };
  /** The sim's own work on the requests counted: routing, the answer, serialising and writing it (not latencyMs, not reading the body). */
  handling: { requests: number; totalMs: number; maxMs: number };
}

/**
 * Request counts by normalised path (ids replaced by {id}). Requests inside a $batch count under their
 * own paths too, so `total` is the sum of `byPath` and `batched` says how many of those came in batches.
 * A request can also be counted under a detail key `<path>#<detail>` (the cmdlet an Exchange
 * InvokeCommand ran): detail keys break their path down and are not added to `total` again.
 */
export class RequestStats {
  private total = 0;
  private batched = 0;
  private throttledCount = 0;
  private byPath = new Map<string, number>();
  private handling = { requests: 0, totalMs: 0, maxMs: 0 };

  record(path: string, inBatch = false, detail?: string): void {
    this.total++;
    if (inBatch) this.batched++;
    this.count(path);
    if (detail) this.count(`${path}#${detail}`);
  }

  /** A request the identity-and-access-report limit answered with 429. */
  throttled(): void {
    this.throttledCount++;
  }

  /** The time the sim spent on one HTTP request. */
  handled(ms: number): void {
    this.handling.requests++;
    this.handling.totalMs += ms;
    this.handling.maxMs = Math.max(this.handling.maxMs, ms);
  }

  private count(key: string): void {
    this.byPath.set(key, (this.byPath.get(key) ?? 0) + 1);
  }

  reset(): void {
    this.total = 0;
    this.batched = 0;
    this.throttledCount = 0;
    this.byPath = new Map();
    this.handling = { requests: 0, totalMs: 0, maxMs: 0 };
  }

  snapshot(): StatsSnapshot {
    const round = (ms: number) => Math.round(ms * 1000) / 1000;
    return {
      requests: { total: this.total, byPath: Object.fromEntries(this.byPath), batched: this.batched, throttled: this.throttledCount },
      handling: { requests: this.handling.requests, totalMs: round(this.handling.totalMs), maxMs: round(this.handling.maxMs) },
    };
  }
}
