import type { GraphApi } from '../graph/graphApi';
import type { ConcurrentStore } from '../store/storage';
import { auditQueryRecords, auditQueryStatus, startAuditQuery } from '../exchange/auditLog';
import { CHANGE_OPERATIONS, changeOf, objectKey, timeOf, type ExchangeChange } from '../exchange/history';
import type { DirectoryChange } from './directoryAlerts';
import { LATE_RECORD_MS } from './directoryAlerts';
import type { ExpectedConnector } from './knownGood';

const CURSOR_KEY = 'watch/cursor/exchangeAudit';
const ALL_OPERATIONS = Object.values(CHANGE_OPERATIONS).flat();

export interface ExchangeAuditResult {
  /** Changes to objects not alerted yet: new alerts. */
  changes: DirectoryChange[];
  /** Records of objects already alerted from the live configuration: who made the change, added to that alert. */
  details: { eventId: string; change: ExchangeChange }[];
}

const NOTHING: ExchangeAuditResult = { changes: [], details: [] };

interface ExchangeCursor {
  since: string;
  queryId?: string;
  queryUntil?: string;
}

function describe(change: ExchangeChange, trusted: Set<string>): string {
  const who = change.actor.kind === 'app' ? `app ${change.actor.id}${trusted.has(change.actor.id) ? ' (trusted)' : ''}` : change.actor.id;
  return `${change.operation} '${change.objectName}' by ${who}${change.actor.ip ? ` from ${change.actor.ip}` : ''}.`;
}

/**
 * The Exchange audit half of a round. Audit queries take minutes, so one is started and picked up in a
 * later round. Its records tell who made a change already alerted from the live configuration (added
 * to that alert, not a new alarm), and reveal changes that came and went between two rounds.
 */
export async function exchangeAuditChanges(
  graph: GraphApi,
  store: ConcurrentStore,
  now: Date,
  known: {
    /** Objects already alerted from the live configuration: their records say who, they are not new alarms. */
    alertedNames: Set<string>;
    trusted: Set<string>;
    /** Records of an expected connector up to its approval are what was approved. */
    expected: ExpectedConnector[];
  },
): Promise<ExchangeAuditResult> {
  const cursor = (await store.read([CURSOR_KEY]))[CURSOR_KEY] as unknown as ExchangeCursor | undefined;
  const save = (next: ExchangeCursor) => store.write({ [CURSOR_KEY]: { ...next, eTag: '*' } });
  if (!cursor) {
    await save({ since: now.toISOString() });
    return NOTHING;
  }
  if (!cursor.queryId) {
    const query = await startAuditQuery(graph, {
      displayName: 'Tenant Warden watch: connector and rule changes',
      start: new Date(new Date(cursor.since).getTime() - LATE_RECORD_MS),
      end: now,
      operations: ALL_OPERATIONS,
    });
    await save({ since: cursor.since, queryId: query.id, queryUntil: now.toISOString() });
    return NOTHING;
  }
  const status = await auditQueryStatus(graph, cursor.queryId);
  if (status.status === 'running' || status.status === 'notStarted') return NOTHING;
  if (status.status !== 'succeeded') {
    await save({ since: cursor.since });
    throw new Error(`the Exchange audit log query ended ${status.status}; it will be asked again`);
  }
  const records = await auditQueryRecords(graph, cursor.queryId);
  await save({ since: cursor.queryUntil ?? now.toISOString() });
  const { alertedNames, trusted, expected } = known;
  // A record of an expected connector between its creation and the approval describes what was approved.
  const approved = (change: ExchangeChange) =>
    change.kind !== 'transportRule' &&
    expected.some((e) => objectKey(e.name) === objectKey(change.objectName) && timeOf(change) <= Date.parse(e.at) && timeOf(change) >= Date.parse(e.createdAt ?? e.at) - 60_000);
  const changes = records
    .map(changeOf)
    .filter((c): c is ExchangeChange => c !== undefined && c.succeeded)
    .filter((change) => !approved(change));
  return {
    changes: changes
      .filter((change) => !alertedNames.has(objectKey(change.objectName)))
      .map((change) => ({
        eventId: `exchange:${change.recordId}`,
        when: change.when,
        kind: 'exchangeChange' as const,
        appId: change.actor.kind === 'app' && !trusted.has(change.actor.id) ? change.actor.id : undefined,
        appName: change.objectName,
        detail: describe(change, trusted),
        actor: change.actor.kind === 'app' ? `app ${change.actor.id}` : change.actor.id,
        operation: change.operation,
      })),
    details: changes.filter((change) => alertedNames.has(objectKey(change.objectName))).map((change) => ({ eventId: `exchange:${change.recordId}`, change })),
  };
}
