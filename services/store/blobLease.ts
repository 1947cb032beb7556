// The watcher lease on Blob Storage: a blob lease on one blob, "watch/state", which also holds the
// watcher's cursors and inventory. Every write of that blob carries the lease id as a condition, so an
// instance whose lease expired or was taken over cannot write, however long it was stalled.
import { createHash, randomUUID } from 'node:crypto';
import type { BlobLeaseClient, BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import { canonicalJson } from './auditChain';
import { AlreadyExistsError, ETagConflictError, type ConcurrentStore, type StoreItem, type StoreItems } from './storage';
import { LeaseLostError, type WatchLease } from '../watch/lease';

const STATE_BLOB = 'watch/state';

type State = Record<string, Record<string, unknown>>;

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

/** An item's eTag inside the state blob: a hash of its value, which is all compare-and-swap needs here. */
function eTagOf(value: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

/** Items kept as fields of the leased blob; the lease holder is its only writer. */
class LeasedStateStore implements ConcurrentStore {
  constructor(private readonly blob: BlockBlobClient, private readonly leaseId: () => string) {}

  private async load(): Promise<State> {
    try {
      const buffer = await this.blob.downloadToBuffer();
      return (JSON.parse(buffer.toString('utf8') || '{}').items ?? {}) as State;
    } catch (error) {
      if (statusOf(error) === 404) return {};
      throw error;
    }
  }

  private async save(state: State): Promise<void> {
    const body = JSON.stringify({ items: state });
    try {
      await this.blob.upload(body, Buffer.byteLength(body), { conditions: { leaseId: this.leaseId() }, blobHTTPHeaders: { blobContentType: 'application/json' } });
    } catch (error) {
      // 412 lease not present or 409 lease id mismatch: someone else holds the watcher now.
      if (statusOf(error) === 412 || statusOf(error) === 409) throw new LeaseLostError();
      throw error;
    }
  }

  private static item(value: Record<string, unknown>): StoreItem {
    return { ...value, eTag: eTagOf(value) };
  }

  async read(keys: string[]): Promise<StoreItems> {
    const state = await this.load();
    return Object.fromEntries(keys.filter((k) => state[k]).map((k) => [k, LeasedStateStore.item(state[k])]));
  }

  async list(prefix: string): Promise<StoreItems> {
    const state = await this.load();
    return Object.fromEntries(Object.keys(state).filter((k) => k.startsWith(prefix)).map((k) => [k, LeasedStateStore.item(state[k])]));
  }

  private async change(apply: (state: State) => string | void): Promise<string> {
    const state = await this.load();
    const key = apply(state);
    await this.save(state);
    return key && state[key] ? eTagOf(state[key]) : '';
  }

  async write(changes: StoreItems): Promise<void> {
    await this.change((state) => {
      for (const [key, { eTag, ...value }] of Object.entries(changes)) {
        if (eTag && eTag !== '*' && (!state[key] || eTagOf(state[key]) !== eTag)) throw new ETagConflictError(key);
        state[key] = value;
      }
    });
  }

  create(key: string, { eTag: _ignored, ...value }: StoreItem): Promise<string> {
    return this.change((state) => {
      if (state[key]) throw new AlreadyExistsError(key);
      state[key] = value;
      return key;
    });
  }

  replace(key: string, { eTag: _ignored, ...value }: StoreItem, eTag: string): Promise<string> {
    return this.change((state) => {
      if (!state[key] || eTagOf(state[key]) !== eTag) throw new ETagConflictError(key);
      state[key] = value;
      return key;
    });
  }

  async delete(keys: string[]): Promise<void> {
    await this.change((state) => {
      for (const key of keys) delete state[key];
    });
  }
}

export class BlobWatchLease implements WatchLease {
  readonly fenced: ConcurrentStore;
  readonly renewEveryMs: number;
  private readonly blob: BlockBlobClient;
  private readonly lease: BlobLeaseClient;
  private holding = false;

  /** durationSeconds: 15 to 60, as Blob Storage allows; the holder renews three times per period. */
  constructor(container: ContainerClient, private readonly durationSeconds = 30, readonly leaseId: string = randomUUID()) {
    this.blob = container.getBlockBlobClient(STATE_BLOB);
    this.lease = this.blob.getBlobLeaseClient(leaseId);
    this.fenced = new LeasedStateStore(this.blob, () => this.leaseId);
    this.renewEveryMs = Math.floor((durationSeconds * 1000) / 3);
  }

  async tryHold(): Promise<boolean> {
    if (this.holding) {
      try {
        await this.lease.renewLease();
        return true;
      } catch (error) {
        if (statusOf(error) !== 409 && statusOf(error) !== 412) throw error;
        this.holding = false;
      }
    }
    await this.blob.upload('{"items":{}}', 12, { conditions: { ifNoneMatch: '*' } }).catch((error) => {
      // Exists already (409/412), or leased by the holder (412): either way there is a blob to lease.
      if (statusOf(error) !== 409 && statusOf(error) !== 412) throw error;
    });
    try {
      await this.lease.acquireLease(this.durationSeconds);
      this.holding = true;
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
      this.holding = false;
    }
    return this.holding;
  }

  async release(): Promise<void> {
    if (!this.holding) return;
    this.holding = false;
    await this.lease.releaseLease().catch(() => undefined);
  }
}
