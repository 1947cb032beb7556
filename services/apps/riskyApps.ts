import type { GraphApi } from '../graph/graphApi';
import { assessApp, byRisk, type AppAssessment } from '../detection/rules';
import { appAuditEvents, eventsAbout } from './audits';
import { EXCHANGE_ONLINE_APP_ID, MICROSOFT_GRAPH_APP_ID } from './catalog';
import { tenantWideHighImpactGrants } from './delegated';
import { appDetails } from './details';
import type { AppEvidence, ScanContext } from './evidence';
import { highImpactGrants } from './grants';
import { resourcesByAppId } from './resources';
import { privilegedRoleHolders } from './roles';

export interface RiskyAppsScan {
  assessments: AppAssessment[];
}

/**
 * Service principals holding high-impact access, assessed by every rule, highest risk first.
 * Starts from what holds power (grants on the few resources, privileged role assignments,
 * tenant-wide consents) and never enumerates the tenant's service principals.
 */
export async function scanRiskyApps(graph: GraphApi, context: ScanContext): Promise<RiskyAppsScan> {
  const resources = await resourcesByAppId(graph, [EXCHANGE_ONLINE_APP_ID, MICROSOFT_GRAPH_APP_ID]);
  const [permissions, roles, delegated, audits] = await Promise.all([
    highImpactGrants(graph, resources),
    privilegedRoleHolders(graph),
    tenantWideHighImpactGrants(graph),
    appAuditEvents(graph, context.now),
  ]);
  const candidateIds = [...new Set([...permissions.keys(), ...roles.keys(), ...delegated.keys()])];
  const details = await appDetails(graph, context.tenantId, candidateIds);
  const assessments = [...details.entries()].map(([id, detail]) => {
    const evidence: AppEvidence = {
      ...detail,
      permissions: permissions.get(id) ?? [],
      roles: roles.get(id) ?? [],
      delegatedGrants: delegated.get(id) ?? [],
      audits: eventsAbout(audits, [id, detail.application?.id, detail.servicePrincipal.appId]),
    };
    return assessApp(evidence, context);
  });
  return { assessments: assessments.sort(byRisk) };
}
