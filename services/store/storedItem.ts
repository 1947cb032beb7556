// How both stores keep an item: its JSON without the eTag, which is kept beside it and set on read.
import type { StoreItem } from './storage';

export function itemJson(item: StoreItem): string {
  const { eTag: _eTag, ...value } = item;
  return JSON.stringify(value);
}

export function itemWithETag(json: string, eTag: string): StoreItem {
  return { ...(JSON.parse(json) as StoreItem), eTag };
}

/** botbuilder's rule: an item written with eTag "*" or none replaces whatever is stored. */
export function overwrites(item: StoreItem): boolean {
  return item.eTag === undefined || item.eTag === '*';
}
