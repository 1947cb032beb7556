// An in-memory ConcurrentStore with the SQLite store's semantics, for unit tests of other modules.
// Items are kept as JSON text so a caller can never change what is stored through a reference.
import { randomUUID } from 'node:crypto';
import { AlreadyExistsError, ETagConflictError, type ConcurrentStore, type StoreItem, type StoreItems } from './storage';
import { itemJson, itemWithETag, overwrites } from './storedItem';

interface Stored {
  value: string;
  eTag: string;
}

export class MemoryStore implements ConcurrentStore {
  private readonly items = new Map<string, Stored>();

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const stored = this.items.get(key);
      if (stored) items[key] = itemWithETag(stored.value, stored.eTag);
    }
    return items;
  }

  /** All items land together or, on the first eTag conflict, none do (as in the SQLite store). */
  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    const conflict = entries.find(([key, item]) => !overwrites(item) && this.items.get(key)?.eTag !== item.eTag);
    if (conflict) throw new ETagConflictError(conflict[0]);
    for (const [key, item] of entries) this.put(key, item);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  async create(key: string, item: StoreItem): Promise<string> {
    if (this.items.has(key)) throw new AlreadyExistsError(key);
    return this.put(key, item);
  }

  async replace(key: string, item: StoreItem, eTag: string): Promise<string> {
    if (this.items.get(key)?.eTag !== eTag) throw new ETagConflictError(key);
    return this.put(key, item);
  }

  async list(prefix: string): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const [key, stored] of this.items) {
      if (key.startsWith(prefix)) items[key] = itemWithETag(stored.value, stored.eTag);
    }
    return items;
  }

  private put(key: string, item: StoreItem): string {
    const eTag = randomUUID();
    this.items.set(key, { value: itemJson(item), eTag });
    return eTag;
  }
}
