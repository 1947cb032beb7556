import type { ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { profileApp, type AppProfile } from '../../apps/appProfile';
import type { AppEvidence } from '../../apps/evidence';
import { isGuid, quote } from '../../apps/odata';
import type { AppAssessment } from '../../detection/rules';
import type { GraphApi } from '../../graph/graphApi';
import { readOrGone } from '../steps/graphReads';
import { refuse, type Refusal } from './draft';

export interface AppTarget {
  app: AppEvidence;
  assessment: AppAssessment;
  /** Display names of the resources of its permissions and grants, by service principal id. */
  resourceNames: Map<string, string>;
  name: string;
  tenantId: string;
}

export interface AppPlanDeps {
  graph: GraphApi;
  tenantId: string;
  now: Date;
}

/** The app as it is now, with every permission, role, credential and grant, assessed by the detection rules. */
export async function loadApp(deps: AppPlanDeps, appId: string): Promise<AppTarget | Refusal> {
  const noSuchApp = refuse(`no such app: no service principal with appId ${appId} exists in this tenant`);
  if (!isGuid(appId)) return noSuchApp;
  const found = await readOrGone(deps.graph.get<ServicePrincipal>(`/servicePrincipals(appId=${quote(appId)})?$select=id`));
  if (!found) return noSuchApp;
  const profile: AppProfile | undefined = await profileApp(deps.graph, { tenantId: deps.tenantId, now: deps.now }, found.id as string);
  if (!profile) return noSuchApp;
  const app = profile.assessment.app;
  return {
    app,
    assessment: profile.assessment,
    resourceNames: profile.resourceNames,
    name: app.servicePrincipal.displayName ?? appId,
    tenantId: deps.tenantId,
  };
}

export function targetSummary(target: AppTarget): string {
  const sp = target.app.servicePrincipal;
  const home = sp.appOwnerOrganizationId === target.tenantId ? 'registered in this tenant' : `registered in tenant ${sp.appOwnerOrganizationId ?? 'unknown'}`;
  return `${target.name} (appId ${sp.appId}, service principal ${sp.id}; ${sp.accountEnabled === false ? 'disabled' : 'enabled'}; ${home})`;
}

/** The detection findings that hold now, most severe first. */
export function findingsEvidence(target: AppTarget): string[] {
  return target.assessment.findings.map((finding) => `${finding.title}: ${finding.detail}`);
}
