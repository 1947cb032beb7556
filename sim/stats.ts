export interface StatsSnapshot {
  requests: { total: number; byPath: Record<string, number>; batched: number };
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
  private byPath = new Map<string, number>();

  record(path: string, inBatch = false, detail?: string): void {
    this.total++;
    if (inBatch) this.batched++;
    this.count(path);
    if (detail) this.count(`${path}#${detail}`);
  }

  private count(key: string): void {
    this.byPath.set(key, (this.byPath.get(key) ?? 0) + 1);
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
