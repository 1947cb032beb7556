import type { AppRoleAssignment } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../graph/graphApi';
import { HIGH_IMPACT_PERMISSIONS } from './catalog';
import type { GrantedPermission } from './evidence';
import { appRoleValue, type ResourceServicePrincipal } from './resources';

// Graph cannot filter appRoleAssignedTo by appRoleId, so the whole list is read at 999 a page
// and filtered here: the cost grows with grants on these few resources, not with the tenant's apps.
const ASSIGNED_TO_SELECT = '$select=id,appRoleId,principalId,principalType,principalDisplayName,resourceId,createdDateTime&$top=999';

export function toGrantedPermission(assignment: AppRoleAssignment, resource: ResourceServicePrincipal): GrantedPermission {
  const appRoleId = assignment.appRoleId as string;
  return {
    assignmentId: assignment.id as string,
    resourceId: resource.id as string,
    resourceAppId: resource.appId as string,
    resourceName: resource.displayName ?? (resource.appId as string),
    appRoleId,
    permission: appRoleValue(resource, appRoleId) ?? appRoleId,
    grantedDateTime: assignment.createdDateTime ?? undefined,
  };
}

/** Service principals holding a high-impact application permission on one of the resources, by principal id. */
export async function highImpactGrants(
  graph: GraphApi,
  resources: ResourceServicePrincipal[],
): Promise<Map<string, GrantedPermission[]>> {
  const byPrincipal = new Map<string, GrantedPermission[]>();
  for (const resource of resources) {
    const wanted = new Set(
      HIGH_IMPACT_PERMISSIONS.filter((p) => p.resourceAppId === resource.appId)
        .map((p) => resource.appRoles.find((role) => role.value === p.value)?.id)
        .filter((id): id is string => Boolean(id)),
    );
    if (wanted.size === 0) continue;
    const assignments = await graph.list<AppRoleAssignment>(`/servicePrincipals/${resource.id}/appRoleAssignedTo?${ASSIGNED_TO_SELECT}`);
    for (const assignment of assignments) {
      if (assignment.principalType !== 'ServicePrincipal' || !wanted.has(assignment.appRoleId as string)) continue;
      const principalId = assignment.principalId as string;
      byPrincipal.set(principalId, [...(byPrincipal.get(principalId) ?? []), toGrantedPermission(assignment, resource)]);
    }
  }
  return byPrincipal;
}
