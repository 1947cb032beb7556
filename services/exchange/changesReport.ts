import type { GraphApi } from '../graph/graphApi';
import type { RiskyAppsScan } from '../apps/riskyApps';
import { AdminFacingError } from '../errors';
import { assessObject, type ObjectAssessment } from '../detection/exchange/rules';
import type { ExchangeContext } from '../detection/exchange/rule';
import { awaitAuditQuery, startAuditQuery } from './auditLog';
import { knownApps } from './appNames';
import { findBursts, type Burst } from './bursts';
import type { ExchangeAdmin } from './exchangeAdmin';
import { buildHistories, CHANGE_OPERATIONS, changeOf, type ExchangeObjectKind, type LiveObject } from './history';
import type { AdminAuditLogConfig, AuditLogRecord } from './types';

export type ChangesSubject = 'connectors' | 'transportRules';

export const SUBJECT_KINDS: Record<ChangesSubject, ExchangeObjectKind[]> = {
  connectors: ['inboundConnector', 'outboundConnector'],
  transportRules: ['transportRule'],
};

const INVENTORY_CMDLETS: Record<ExchangeObjectKind, string> = {
  inboundConnector: 'Get-InboundConnector',
  outboundConnector: 'Get-OutboundConnector',
  transportRule: 'Get-TransportRule',
};

export interface ChangesDeps {
  graph: GraphApi;
  exchange: ExchangeAdmin;
  tenantId: string;
  trustedAppIds: string[];
  now: () => Date;
  /** A risky-apps scan already under way, reused to tell whether an app in the records is a risky one. */
  riskyScan?: Promise<RiskyAppsScan>;
}

export interface ChangesReport {
  subject: ChangesSubject;
  windowDays: number;
  generatedAt: Date;
  /** undefined when Get-AdminAuditLogConfig could not be read. */
  auditLoggingOn?: boolean;
  /** Each source that failed, in an admin's words; the report still shows the others. */
  problems: string[];
  auditRecords: number;
  operationCounts: Map<string, number>;
  bursts: { burst: Burst; members: ObjectAssessment[] }[];
  objects: ObjectAssessment[];
  context: ExchangeContext;
}

export type ChangesOutcome = { state: 'ready'; report: ChangesReport } | { state: 'pending'; queryId: string; finish: () => Promise<ChangesReport> };

function problemText(source: string, error: unknown): string {
  const reason = error instanceof AdminFacingError ? error.adminMessage : error instanceof Error ? error.message : String(error);
  return `${source} failed: ${reason}`;
}

interface Started {
  windowStart: Date;
  inventory: Map<ExchangeObjectKind, LiveObject[]>;
  auditLoggingOn?: boolean;
  problems: string[];
  queryId?: string;
}

async function start(deps: ChangesDeps, subject: ChangesSubject, windowDays: number, now: Date): Promise<Started> {
  const windowStart = new Date(now.getTime() - windowDays * 86_400_000);
  const kinds = SUBJECT_KINDS[subject];
  const problems: string[] = [];
  const [query, config, ...inventories] = await Promise.allSettled([
    startAuditQuery(deps.graph, {
      displayName: `Tenant Warden: ${subject} changes, last ${windowDays} days`,
      start: windowStart,
      end: now,
      operations: kinds.flatMap((kind) => CHANGE_OPERATIONS[kind]),
    }),
    deps.exchange.invoke<AdminAuditLogConfig>('Get-AdminAuditLogConfig'),
    ...kinds.map((kind) => deps.exchange.invoke<LiveObject>(INVENTORY_CMDLETS[kind])),
  ]);
  if (query.status === 'rejected') problems.push(problemText('The audit log query', query.reason));
  if (config.status === 'rejected') problems.push(problemText('Reading the audit log configuration', config.reason));
  const inventory = new Map<ExchangeObjectKind, LiveObject[]>();
  inventories.forEach((result, index) => {
    if (result.status === 'fulfilled') inventory.set(kinds[index], result.value);
    else problems.push(problemText(`Reading today's configuration (${INVENTORY_CMDLETS[kinds[index]]})`, result.reason));
  });
  return {
    windowStart,
    inventory,
    auditLoggingOn: config.status === 'fulfilled' ? config.value[0]?.UnifiedAuditLogIngestionEnabled !== false : undefined,
    problems,
    queryId: query.status === 'fulfilled' ? query.value.id : undefined,
  };
}

async function finish(deps: ChangesDeps, subject: ChangesSubject, windowDays: number, started: Started, records: AuditLogRecord[], now: Date): Promise<ChangesReport> {
  const changes = records.map(changeOf).filter((c) => c !== undefined);
  const appIds = [...new Set(changes.filter((c) => c.actor.kind === 'app').map((c) => c.actor.id))];
  const problems = [...started.problems];
  let apps = new Map<string, { name: string; risky: boolean }>();
  try {
    apps = await knownApps(deps.graph, deps.tenantId, appIds, now, deps.riskyScan);
  } catch (error) {
    problems.push(problemText('Looking up the apps in the audit records', error));
  }
  const context: ExchangeContext = { now, windowStart: started.windowStart, trustedAppIds: new Set(deps.trustedAppIds), apps };
  const histories = SUBJECT_KINDS[subject].flatMap((kind) => buildHistories(kind, records, started.inventory.get(kind) ?? []));
  const assessments = new Map(histories.map((h) => [h, assessObject(h, context)]));
  const bursts = findBursts(histories).map((burst) => ({ burst, members: burst.histories.map((h) => assessments.get(h)!) }));
  const inBurst = new Set(bursts.flatMap((b) => b.burst.histories.filter((h) => !h.live)));
  const operationCounts = new Map<string, number>();
  for (const change of changes) operationCounts.set(change.operation, (operationCounts.get(change.operation) ?? 0) + 1);
  return {
    subject,
    windowDays,
    generatedAt: now,
    auditLoggingOn: started.auditLoggingOn,
    problems,
    auditRecords: records.length,
    operationCounts,
    bursts,
    objects: histories.filter((h) => !inBurst.has(h)).map((h) => assessments.get(h)!),
    context,
  };
}

/** How long the background wait for a slow audit query may last before the report is given up. */
export const BACKGROUND_WAIT_MS = 20 * 60_000;

/**
 * Starts the audit query and reads today's configuration at once; answers within waitMs when the
 * query is done by then, otherwise returns `pending` with a finish() that waits in the background.
 */
export async function changesReport(deps: ChangesDeps, subject: ChangesSubject, windowDays: number, waitMs: number): Promise<ChangesOutcome> {
  const now = deps.now();
  const started = await start(deps, subject, windowDays, now);
  const complete = async (outcome: Awaited<ReturnType<typeof awaitAuditQuery>> | undefined) => {
    if (outcome?.state === 'failed') started.problems.push(`The audit log query ended ${outcome.status}: only today's configuration is shown.`);
    if (outcome?.state === 'pending') started.problems.push('The audit log query did not finish in time: only today\'s configuration is shown.');
    return finish(deps, subject, windowDays, started, outcome?.state === 'succeeded' ? outcome.records : [], now);
  };
  if (!started.queryId) return { state: 'ready', report: await complete(undefined) };
  const queryId = started.queryId;
  const first = await awaitAuditQuery(deps.graph, queryId, waitMs).catch((error) => {
    started.problems.push(problemText('The audit log query', error));
    return undefined;
  });
  if (first?.state !== 'pending') return { state: 'ready', report: await complete(first) };
  return {
    state: 'pending',
    queryId,
    finish: async () => complete(await awaitAuditQuery(deps.graph, queryId, BACKGROUND_WAIT_MS, 10_000)),
  };
}
