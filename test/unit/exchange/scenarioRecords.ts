import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AuditLogRecord, InboundConnector, TransportRule } from '../../../services/exchange/types';
import type { ExchangeContext } from '../../../services/detection/exchange/rule';

// The default scenario's Exchange data as written (anchored to its own "now"), for rule tests.
const scenario = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../sim/scenarios/default.json'), 'utf8'));

export const NOW = new Date(scenario.now);
export const ATTACKER_APP_ID = 'ed79bf56-cf65-46ce-b4f3-55353fc3585a';
export const records: AuditLogRecord[] = scenario.exchange.auditRecords;
export const inboundConnectors: InboundConnector[] = scenario.exchange.inboundConnectors;
export const transportRules: TransportRule[] = scenario.exchange.transportRules;

export function inWindow(days: number): AuditLogRecord[] {
  const start = NOW.getTime() - days * 86_400_000;
  return records.filter((r) => new Date(r.createdDateTime).getTime() >= start);
}

export function context(days: number, overrides: Partial<ExchangeContext> = {}): ExchangeContext {
  return {
    now: NOW,
    windowStart: new Date(NOW.getTime() - days * 86_400_000),
    trustedAppIds: new Set(),
    apps: new Map([[ATTACKER_APP_ID, { name: 'Mail Sync [Open](https://mail-sync.example)', risky: true }]]),
    ...overrides,
  };
}

let counter = 0;
/** A hand-written exchangeAdmin record. */
export function record(operation: string, name: string, when: string, extra: { appId?: string; user?: string; parameters?: Record<string, string>; id?: string } = {}): AuditLogRecord {
  const id = extra.id ?? `rec-${++counter}`;
  const byApp = Boolean(extra.appId);
  return {
    id,
    createdDateTime: when,
    operation,
    auditData: {
      Id: id,
      CreationTime: when.replace('Z', ''),
      Operation: operation,
      ResultStatus: 'True',
      UserType: byApp ? 5 : 2,
      UserId: byApp ? extra.appId : extra.user ?? 'admin@contoso.onmicrosoft.com',
      AppId: extra.appId,
      ObjectId: name,
      Parameters: Object.entries({ [operation.startsWith('New') ? 'Name' : 'Identity']: name, ...extra.parameters }).map(([Name, Value]) => ({ Name, Value })),
    },
  };
}
