// What admins have declared known-good, each entry through an approved request: a connector as it is
// configured now, and apps whose ordinary activity is trusted. Names are chosen by attackers, so a
// connector is keyed by its Guid and pinned to a fingerprint of its settings; an app by its appId.
import type { ExchangeObjectKind } from '../exchange/history';
import type { ConcurrentStore } from '../store/storage';

const CONNECTOR_PREFIX = 'knownGood/connectors/';
const APP_PREFIX = 'knownGood/apps/';

export interface ExpectedConnector {
  kind: Extract<ExchangeObjectKind, 'inboundConnector' | 'outboundConnector'>;
  /** The inventory key: kind plus Guid. */
  key: string;
  guid: string;
  name: string;
  fingerprint: string;
  /** When Exchange says the connector was created: records of a namesake from before then are not covered. */
  createdAt?: string;
  /** The approved request that recorded it: who asked, who approved, when. */
  requestId: string;
  at: string;
}

export interface TrustedApp {
  appId: string;
  name: string;
  /** An approved request, or the TRUSTED_APP_IDS setting. */
  requestId?: string;
  at?: string;
  source: 'approval' | 'setting';
}

export type KnownGoodEntry = ({ type: 'connector' } & ExpectedConnector) | ({ type: 'app' } & TrustedApp);

/** The store key of an entry, which is also what "stop expecting" names. */
export function knownGoodKey(entry: KnownGoodEntry): string {
  return entry.type === 'connector' ? CONNECTOR_PREFIX + entry.key : APP_PREFIX + entry.appId;
}

export class KnownGood {
  constructor(
    private readonly store: ConcurrentStore,
    /** TRUSTED_APP_IDS: Tenant Warden's own app(s), trusted without a request. */
    private readonly seededAppIds: string[] = [],
  ) {}

  async expectedConnectors(): Promise<ExpectedConnector[]> {
    return Object.values(await this.store.list(CONNECTOR_PREFIX)).map((item) => item.connector as ExpectedConnector);
  }

  async trustedApps(): Promise<TrustedApp[]> {
    const approved = Object.values(await this.store.list(APP_PREFIX)).map((item) => item.app as TrustedApp);
    const seeded = this.seededAppIds
      .filter((id) => !approved.some((a) => a.appId === id))
      .map((appId): TrustedApp => ({ appId, name: 'Tenant Warden (TRUSTED_APP_IDS)', source: 'setting' }));
    return [...seeded, ...approved];
  }

  async trustedAppIds(): Promise<Set<string>> {
    return new Set((await this.trustedApps()).map((a) => a.appId));
  }

  async entries(): Promise<KnownGoodEntry[]> {
    const [connectors, apps] = await Promise.all([this.expectedConnectors(), this.trustedApps()]);
    return [...connectors.map((c) => ({ type: 'connector' as const, ...c })), ...apps.map((a) => ({ type: 'app' as const, ...a }))];
  }

  async get(key: string): Promise<KnownGoodEntry | undefined> {
    return (await this.entries()).find((entry) => knownGoodKey(entry) === key);
  }

  isSeeded(appId: string): boolean {
    return this.seededAppIds.includes(appId);
  }

  async expect(connector: ExpectedConnector): Promise<void> {
    await this.store.write({ [CONNECTOR_PREFIX + connector.key]: { connector, eTag: '*' } });
  }

  async trust(app: TrustedApp): Promise<void> {
    await this.store.write({ [APP_PREFIX + app.appId]: { app, eTag: '*' } });
  }

  async forget(key: string): Promise<void> {
    if (!key.startsWith(CONNECTOR_PREFIX) && !key.startsWith(APP_PREFIX)) throw new Error('that is not a known-good entry');
    await this.store.delete([key]);
  }
}

/** Is this connector, with these settings, the one that was approved? */
export function isExpected(expected: ExpectedConnector[], key: string, fingerprint: string): boolean {
  return expected.some((e) => e.key === key && e.fingerprint === fingerprint);
}
