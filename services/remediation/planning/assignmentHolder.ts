import type { AppRoleAssignment } from '@microsoft/microsoft-graph-types';
import { EXCHANGE_ONLINE_APP_ID, MICROSOFT_GRAPH_APP_ID } from '../../apps/catalog';
import { appRoleValue, resourcesByAppId } from '../../apps/resources';
import type { GraphApi } from '../../graph/graphApi';

export interface AssignmentHolder {
  principalName: string;
  permission: string;
}

/**
 * Who holds an app role assignment, searched among the resources whose permissions the bot offers to revoke.
 * Graph cannot read an assignment by id alone, so this is only asked when a request names one the app lacks.
 */
export async function assignmentHolder(graph: GraphApi, assignmentId: string): Promise<AssignmentHolder | undefined> {
  const resources = await resourcesByAppId(graph, [EXCHANGE_ONLINE_APP_ID, MICROSOFT_GRAPH_APP_ID]);
  for (const resource of resources) {
    const assignments = await graph.list<AppRoleAssignment>(
      `/servicePrincipals/${resource.id}/appRoleAssignedTo?$select=id,appRoleId,principalId,principalDisplayName&$top=999`,
    );
    const found = assignments.find((a) => (a.id ?? '').toLowerCase() === assignmentId.toLowerCase());
    if (found) {
      return {
        principalName: found.principalDisplayName ?? (found.principalId as string),
        permission: appRoleValue(resource, found.appRoleId as string) ?? (found.appRoleId as string),
      };
    }
  }
  return undefined;
}
