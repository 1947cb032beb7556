import type { GraphApi } from '../graph/graphApi';
import { AdminFacingError } from '../errors';
import { profileApp, type AppProfile } from '../apps/appProfile';
import { awaitAuditQuery, startAuditQuery, type QueryOutcome } from '../exchange/auditLog';
import type { ExchangeAdmin } from '../exchange/exchangeAdmin';
import { CHANGE_OPERATIONS, objectKey, type ExchangeObjectKind, type LiveObject } from '../exchange/history';
import { BACKGROUND_WAIT_MS } from '../exchange/changesReport';
import { directoryEntries, usersNamedIn, type AppIds, type UserNames } from './directoryEvents';
import { exchangeEntries, type LiveNames } from './exchangeEvents';
import { buildTimeline, type TimelineEntry } from './timeline';

/** Exchange audit records are searched this far back; directory audits are kept 30 days. */
export const EXCHANGE_LOOKBACK_DAYS = 180;

const INVENTORY: Record<ExchangeObjectKind, string> = {
  inboundConnector: 'Get-InboundConnector',
  outboundConnector: 'Get-OutboundConnector',
  transportRule: 'Get-TransportRule',
};

export interface InvestigationDeps {
  graph: GraphApi;
  exchange: ExchangeAdmin;
  tenantId: string;
  now: () => Date;
}

export interface Investigation {
  generatedAt: Date;
  profile: AppProfile;
  /** Oldest first. */
  timeline: TimelineEntry[];
  /** Each source that failed, in an admin's words; the timeline still shows the others. */
  problems: string[];
}

export type InvestigationOutcome =
  | { state: 'ready'; investigation: Investigation }
  | { state: 'pending'; finish: () => Promise<Investigation> }
  | { state: 'notFound' };

function problemText(source: string, error: unknown): string {
  const reason = error instanceof AdminFacingError ? error.adminMessage : error instanceof Error ? error.message : String(error);
  return `${source} failed: ${reason}`;
}

/** Display names of the users the records name, in one request however many there are. */
async function displayNames(graph: GraphApi, ids: string[]): Promise<UserNames> {
  if (ids.length === 0) return new Map();
  try {
    const found = await graph.send<{ value: { id?: string; displayName?: string | null }[] }>('POST', '/directoryObjects/getByIds', { ids, types: ['user'] });
    return new Map(found.value.filter((u) => u.id && u.displayName).map((u) => [(u.id as string).toLowerCase(), u.displayName as string]));
  } catch {
    // Names are a courtesy: the records still name each user by UPN.
    return new Map();
  }
}

async function liveNames(exchange: ExchangeAdmin, problems: string[]): Promise<LiveNames> {
  const kinds = Object.keys(INVENTORY) as ExchangeObjectKind[];
  const results = await Promise.allSettled(kinds.map((kind) => exchange.invoke<LiveObject>(INVENTORY[kind])));
  const live: LiveNames = new Map();
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') live.set(kinds[i], new Set(result.value.map((o) => objectKey(o.Name || o.Identity))));
    else problems.push(problemText(`Reading today's configuration (${INVENTORY[kinds[i]]})`, result.reason));
  });
  return live;
}

/**
 * One app's story: its directory audits of the last 30 days and its Exchange connector and rule changes
 * of the last 180, in one timeline, with its current state. The Exchange audit query can take minutes:
 * when it is not done within waitMs, the outcome is `pending` with a finish() that waits in the background.
 */
export async function investigateApp(deps: InvestigationDeps, servicePrincipalId: string, waitMs: number): Promise<InvestigationOutcome> {
  const now = deps.now();
  const problems: string[] = [];
  const profile = await profileApp(deps.graph, { tenantId: deps.tenantId, now }, servicePrincipalId);
  if (!profile) return { state: 'notFound' };
  const sp = profile.assessment.app.servicePrincipal;
  const app: AppIds = { servicePrincipalId, applicationId: profile.assessment.app.application?.id ?? undefined, appId: sp.appId as string };
  // profileApp has read the directory audit log (rate-limited) and kept the events about this app.
  const about = profile.assessment.app.audits;
  const [query, live] = await Promise.all([
    startAuditQuery(deps.graph, {
      displayName: `Tenant Warden: changes by app ${app.appId}, last ${EXCHANGE_LOOKBACK_DAYS} days`,
      start: new Date(now.getTime() - EXCHANGE_LOOKBACK_DAYS * 86_400_000),
      end: now,
      operations: Object.values(CHANGE_OPERATIONS).flat(),
    }).catch((error) => {
      problems.push(problemText('The Exchange audit log query', error));
      return undefined;
    }),
    liveNames(deps.exchange, problems),
  ]);
  const directory = directoryEntries(about, app, await displayNames(deps.graph, usersNamedIn(about)));
  const complete = (outcome: QueryOutcome | undefined): Investigation => {
    if (outcome?.state === 'failed') problems.push(`The Exchange audit log query ended ${outcome.status}: connector and rule changes are not shown.`);
    if (outcome?.state === 'pending') problems.push('The Exchange audit log query did not finish in time: connector and rule changes are not shown.');
    const exchange = outcome?.state === 'succeeded' ? exchangeEntries(outcome.records, app.appId, live) : [];
    return { generatedAt: now, profile, timeline: buildTimeline(directory, exchange), problems };
  };
  if (!query) return { state: 'ready', investigation: complete(undefined) };
  const first = await awaitAuditQuery(deps.graph, query.id, waitMs).catch((error) => {
    problems.push(problemText('The Exchange audit log query', error));
    return undefined;
  });
  if (first?.state !== 'pending') return { state: 'ready', investigation: complete(first) };
  return { state: 'pending', finish: async () => complete(await awaitAuditQuery(deps.graph, query.id, BACKGROUND_WAIT_MS, 10_000)) };
}
