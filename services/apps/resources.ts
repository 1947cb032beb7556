import type { AppRole, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../graph/graphApi';
import { quote } from './odata';

export type ResourceServicePrincipal = Pick<ServicePrincipal, 'id' | 'appId' | 'displayName'> & { appRoles: AppRole[] };

const SELECT = '$select=id,appId,displayName,appRoles';

/** The resource service principals (Microsoft Graph, Exchange Online…) with their app roles, by appId. */
export async function resourcesByAppId(graph: GraphApi, appIds: string[]): Promise<ResourceServicePrincipal[]> {
  const filter = `appId in (${appIds.map(quote).join(',')})`;
  return graph.list<ResourceServicePrincipal>(`/servicePrincipals?$filter=${encodeURIComponent(filter)}&${SELECT}`);
}

/** Resource service principals by object id, in batches: for resources other than the well-known ones. */
export async function resourcesById(graph: GraphApi, ids: string[]): Promise<Map<string, ResourceServicePrincipal>> {
  const steps = ids.map((id, index) => ({ id: String(index), method: 'GET' as const, url: `/servicePrincipals/${id}?${SELECT}` }));
  const results = await graph.batch(steps);
  const found = new Map<string, ResourceServicePrincipal>();
  for (const step of steps) {
    const result = results.get(step.id);
    if (result?.status === 200) {
      const resource = result.body as ResourceServicePrincipal;
      found.set(resource.id as string, resource);
    }
  }
  return found;
}

export function appRoleValue(resource: ResourceServicePrincipal, appRoleId: string): string | undefined {
  return resource.appRoles.find((role) => role.id === appRoleId)?.value ?? undefined;
}
