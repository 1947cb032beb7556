export interface StatsSnapshot {
  requests: { total: number; byPath: Record<string, number>; batched: number };
}

/**
 * Request counts by normalised path (ids replaced by {id}). Requests inside a $batch count under their
 * own paths too, so `total` is the sum of `byPath` and `batched` says how many of those came in batches.
 */
export class RequestStats {
  private total = 0;
  private batched = 0;
  private byPath = new Map<string, number>();

  record(path: string, inBatch = false): void {
    this.total++;
    if (inBatch) this.batched++;
    this.byPath.set(path, (this.byPath.get(path) ?? 0) + 1);
  }

  reset(): void {
    this.total = 0;
    this.batched = 0;
    this.byPath = new Map();
  }

  snapshot(): StatsSnapshot {
    return { requests: { total: this.total, byPath: Object.fromEntries(this.byPath), batched: this.batched } };
  }
}
