import type { OAuth2PermissionGrant } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../graph/graphApi';
import { HIGH_IMPACT_DELEGATED_SCOPES } from './catalog';
import { quote } from './odata';

export function scopesOf(grant: OAuth2PermissionGrant): string[] {
  return (grant.scope ?? '').split(/\s+/).filter(Boolean);
}

export function highImpactScopes(grant: OAuth2PermissionGrant): string[] {
  return scopesOf(grant).filter((scope) => scope in HIGH_IMPACT_DELEGATED_SCOPES);
}

/** Tenant-wide (admin-consented for all users) delegated grants of high-impact scopes, by client service principal id. */
export async function tenantWideHighImpactGrants(graph: GraphApi): Promise<Map<string, OAuth2PermissionGrant[]>> {
  const filter = encodeURIComponent(`consentType eq ${quote('AllPrincipals')}`);
  const grants = await graph.list<OAuth2PermissionGrant>(`/oauth2PermissionGrants?$filter=${filter}&$top=999`);
  const byClient = new Map<string, OAuth2PermissionGrant[]>();
  for (const grant of grants.filter((g) => highImpactScopes(g).length > 0)) {
    const clientId = grant.clientId as string;
    byClient.set(clientId, [...(byClient.get(clientId) ?? []), grant]);
  }
  return byClient;
}
