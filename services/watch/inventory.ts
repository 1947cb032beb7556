import { createHash } from 'node:crypto';
import type { ExchangeAdmin } from '../exchange/exchangeAdmin';
import type { ExchangeObjectKind, LiveObject } from '../exchange/history';
import { canonicalJson } from '../store/auditChain';

const CMDLETS: Record<ExchangeObjectKind, string> = {
  inboundConnector: 'Get-InboundConnector',
  outboundConnector: 'Get-OutboundConnector',
  transportRule: 'Get-TransportRule',
};

// Properties that change without anyone changing the object's behaviour.
const VOLATILE = /^(WhenChanged|WhenChangedUTC|WhenCreated|WhenCreatedUTC|Id|IsValid|ObjectState|DistinguishedName)$|@/;

export interface InventoryEntry {
  kind: ExchangeObjectKind;
  /** Guid when the object has one: names are chosen by attackers and can be reused. */
  key: string;
  name: string;
  /** sha256 of the object's settings: any change of configuration changes it. */
  fingerprint: string;
}

export type Inventory = Record<string, InventoryEntry>;

export function fingerprintOf(object: LiveObject): string {
  const settings = Object.fromEntries(Object.entries(object).filter(([key]) => !VOLATILE.test(key)));
  return createHash('sha256').update(canonicalJson(settings)).digest('hex');
}

export function entryOf(kind: ExchangeObjectKind, object: LiveObject): InventoryEntry {
  return { kind, key: `${kind}:${(object.Guid || object.Identity || object.Name).toLowerCase()}`, name: object.Name || object.Identity, fingerprint: fingerprintOf(object) };
}

/** Today's connectors and transport rules, read live, with the objects themselves for the alert card. */
export async function readInventory(exchange: ExchangeAdmin): Promise<{ inventory: Inventory; objects: Map<string, LiveObject> }> {
  const inventory: Inventory = {};
  const objects = new Map<string, LiveObject>();
  for (const kind of Object.keys(CMDLETS) as ExchangeObjectKind[]) {
    for (const object of await exchange.invoke<LiveObject>(CMDLETS[kind])) {
      const entry = entryOf(kind, object);
      inventory[entry.key] = entry;
      objects.set(entry.key, object);
    }
  }
  return { inventory, objects };
}

export interface InventoryChange {
  entry: InventoryEntry;
  change: 'created' | 'changed';
}

/** What exists now that did not, or exists with other settings. Removals are left to the audit log. */
export function inventoryChanges(before: Inventory, now: Inventory): InventoryChange[] {
  return Object.values(now)
    .filter((entry) => before[entry.key]?.fingerprint !== entry.fingerprint)
    .map((entry) => ({ entry, change: before[entry.key] ? 'changed' : 'created' }));
}
