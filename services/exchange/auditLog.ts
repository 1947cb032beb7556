import type { GraphApi } from '../graph/graphApi';
import type { AuditLogQuery, AuditLogRecord } from './types';

const QUERIES = '/security/auditLog/queries';

export interface AuditQueryRequest {
  displayName: string;
  start: Date;
  end: Date;
  operations: string[];
}

/** Starts an exchangeAdmin audit log query; Microsoft runs it in the background. */
export async function startAuditQuery(graph: GraphApi, request: AuditQueryRequest): Promise<AuditLogQuery> {
  return graph.send<AuditLogQuery>('POST', QUERIES, {
    '@odata.type': '#microsoft.graph.security.auditLogQuery',
    displayName: request.displayName,
    filterStartDateTime: request.start.toISOString(),
    filterEndDateTime: request.end.toISOString(),
    recordTypeFilters: ['exchangeAdmin'],
    operationFilters: request.operations,
  });
}

export async function auditQueryStatus(graph: GraphApi, id: string): Promise<AuditLogQuery> {
  return graph.get<AuditLogQuery>(`${QUERIES}/${encodeURIComponent(id)}`);
}

// The largest page the service gives (the default is smaller): a search that found 100,000 records takes 100 requests.
const RECORDS_PER_PAGE = 1000;

/** The records of a finished query, each once: pages can repeat a record, so they are keyed by id. */
export async function auditQueryRecords(graph: GraphApi, id: string): Promise<AuditLogRecord[]> {
  const records = await graph.list<AuditLogRecord>(`${QUERIES}/${encodeURIComponent(id)}/records?$top=${RECORDS_PER_PAGE}`);
  return [...new Map(records.map((record) => [record.id, record])).values()];
}

export type QueryOutcome =
  | { state: 'succeeded'; records: AuditLogRecord[] }
  | { state: 'failed'; status: string }
  | { state: 'pending'; queryId: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls a query until it ends or the wait is over. Real queries can take minutes, so a
 * caller that cannot wait gets `pending` with the id and polls again later.
 */
export async function awaitAuditQuery(graph: GraphApi, queryId: string, waitMs: number, pollMs = 1000): Promise<QueryOutcome> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const query = await auditQueryStatus(graph, queryId);
    if (query.status === 'succeeded') return { state: 'succeeded', records: await auditQueryRecords(graph, queryId) };
    if (query.status === 'failed' || query.status === 'cancelled') return { state: 'failed', status: query.status };
    if (Date.now() + pollMs > deadline) return { state: 'pending', queryId };
    await sleep(pollMs);
  }
}
