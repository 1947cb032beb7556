import type { AppRoleAssignment, OAuth2PermissionGrant, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../graph/graphApi';
import { GraphRequestError } from '../errors';
import { assessApp, type AppAssessment } from '../detection/rules';
import { appAuditEvents, eventsAbout } from './audits';
import { appDetails } from './details';
import type { ScanContext } from './evidence';
import { toGrantedPermission } from './grants';
import { isGuid, quote } from './odata';
import { resourcesById } from './resources';
import { rolesOf } from './roles';

export type AppMatch = Pick<ServicePrincipal, 'id' | 'appId' | 'displayName' | 'appOwnerOrganizationId' | 'verifiedPublisher'>;

const MATCH_SELECT = '$select=id,appId,displayName,appOwnerOrganizationId,verifiedPublisher';
const MAX_MATCHES = 10;

async function byKey(graph: GraphApi, path: string): Promise<AppMatch | undefined> {
  try {
    return await graph.get<AppMatch>(`${path}?${MATCH_SELECT}`);
  } catch (error) {
    if (error instanceof GraphRequestError && error.status === 404) return undefined;
    throw error;
  }
}

/** Service principals an admin may mean by a name, an appId or an object id: exact name first. */
export async function findApps(graph: GraphApi, query: string): Promise<AppMatch[]> {
  const text = query.trim();
  if (isGuid(text)) {
    const found = (await byKey(graph, `/servicePrincipals(appId=${quote(text)})`)) ?? (await byKey(graph, `/servicePrincipals/${text}`));
    return found ? [found] : [];
  }
  const exact = await graph.get<{ value: AppMatch[] }>(
    `/servicePrincipals?$filter=${encodeURIComponent(`displayName eq ${quote(text)}`)}&${MATCH_SELECT}&$top=${MAX_MATCHES}`,
  );
  if (exact.value.length > 0) return exact.value;
  const prefix = await graph.get<{ value: AppMatch[] }>(
    `/servicePrincipals?$filter=${encodeURIComponent(`startswith(displayName,${quote(text)})`)}&${MATCH_SELECT}&$top=${MAX_MATCHES}`,
  );
  return prefix.value;
}

/** One app's full picture: every permission (not only high-impact ones), role, grant, credential and audit event. */
export interface AppProfile {
  assessment: AppAssessment;
  /** Display names of the resources its permissions and grants are on, by service principal id. */
  resourceNames: Map<string, string>;
}

export async function profileApp(graph: GraphApi, context: ScanContext, servicePrincipalId: string): Promise<AppProfile | undefined> {
  const details = (await appDetails(graph, context.tenantId, [servicePrincipalId])).get(servicePrincipalId);
  if (!details) return undefined;
  const [assignments, roles, grants, audits] = await Promise.all([
    graph.list<AppRoleAssignment>(`/servicePrincipals/${servicePrincipalId}/appRoleAssignments?$top=999`),
    rolesOf(graph, servicePrincipalId),
    graph.list<OAuth2PermissionGrant>(`/oauth2PermissionGrants?$filter=${encodeURIComponent(`clientId eq ${quote(servicePrincipalId)}`)}`),
    appAuditEvents(graph, context.now),
  ]);
  const resources = await resourcesById(graph, [...new Set([...assignments, ...grants].map((a) => a.resourceId as string))]);
  const permissions = assignments
    .filter((a) => resources.has(a.resourceId as string))
    .map((a) => toGrantedPermission(a, resources.get(a.resourceId as string)!));
  const assessment = assessApp(
    {
      ...details,
      permissions,
      roles,
      delegatedGrants: grants,
      audits: eventsAbout(audits, [servicePrincipalId, details.application?.id, details.servicePrincipal.appId]),
    },
    context,
  );
  return { assessment, resourceNames: new Map([...resources.values()].map((r) => [r.id as string, r.displayName ?? (r.appId as string)])) };
}
