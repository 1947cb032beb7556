import type { ServicePrincipal } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../graph/graphApi';
import { quote } from '../apps/odata';
import { scanRiskyApps, type RiskyAppsScan } from '../apps/riskyApps';
import type { KnownApp } from '../detection/exchange/rule';

/** Names for the app ids found in audit records, and whether each is one of the risky apps. */
export async function knownApps(
  graph: GraphApi,
  tenantId: string,
  appIds: string[],
  now: Date,
  riskyScan?: Promise<RiskyAppsScan>,
): Promise<Map<string, KnownApp>> {
  const known = new Map<string, KnownApp>();
  if (appIds.length === 0) return known;
  const steps = appIds.map((appId, index) => ({
    id: String(index),
    method: 'GET' as const,
    url: `/servicePrincipals(appId=${quote(appId)})?$select=id,appId,displayName`,
  }));
  // A caller that scans the risky apps anyway (the posture card) hands its scan in: the audit endpoints are rate-limited.
  const [results, scan] = await Promise.all([graph.batch(steps), riskyScan ?? scanRiskyApps(graph, { tenantId, now })]);
  const risky = new Set(scan.assessments.map((a) => (a.app.servicePrincipal.appId ?? '').toLowerCase()));
  appIds.forEach((appId, index) => {
    const result = results.get(String(index));
    const sp = result?.status === 200 ? (result.body as ServicePrincipal) : undefined;
    known.set(appId, { name: sp?.displayName ?? 'not found in this tenant', risky: risky.has(appId) });
  });
  return known;
}
