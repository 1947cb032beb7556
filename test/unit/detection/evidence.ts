import type { AppEvidence, GrantedPermission, HeldRole } from '../../../services/apps/evidence';
import { EXCHANGE_ADMINISTRATOR, EXCHANGE_ONLINE_APP_ID, GLOBAL_ADMINISTRATOR, MICROSOFT_GRAPH_APP_ID } from '../../../services/apps/catalog';

export const TENANT = '11111111-2222-4333-8444-555555555555';
export const NOW = new Date('2026-11-20T09:00:00Z');
export const context = { tenantId: TENANT, now: NOW };

export function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * 86_400_000).toISOString();
}

export function app(overrides: Partial<AppEvidence> = {}): AppEvidence {
  return {
    servicePrincipal: {
      id: 'aaaaaaaa-0000-4000-8000-000000000001',
      appId: 'bbbbbbbb-0000-4000-8000-000000000001',
      displayName: 'Some app',
      appOwnerOrganizationId: TENANT,
      accountEnabled: true,
      passwordCredentials: [],
      keyCredentials: [],
    },
    owners: [{ id: 'cccccccc-0000-4000-8000-000000000001', displayName: 'Owner' }],
    federatedCredentials: [],
    permissions: [],
    roles: [],
    delegatedGrants: [],
    audits: [],
    ...overrides,
  };
}

export function permission(value: string, resourceAppId = MICROSOFT_GRAPH_APP_ID, grantedDaysAgo = 100): GrantedPermission {
  return {
    assignmentId: `assignment-${value}`,
    resourceId: 'dddddddd-0000-4000-8000-000000000001',
    resourceAppId,
    resourceName: resourceAppId === EXCHANGE_ONLINE_APP_ID ? 'Office 365 Exchange Online' : 'Microsoft Graph',
    appRoleId: `role-${value}`,
    permission: value,
    grantedDateTime: daysAgo(grantedDaysAgo),
  };
}

export const manageAsApp = () => permission('Exchange.ManageAsApp', EXCHANGE_ONLINE_APP_ID);

export function role(roleDefinitionId: string, roleName: string, viaGroup?: HeldRole['viaGroup']): HeldRole {
  return { assignmentId: `ra-${roleDefinitionId}`, roleDefinitionId, roleName, directoryScopeId: '/', viaGroup };
}

export const globalAdmin = () => role(GLOBAL_ADMINISTRATOR, 'Global Administrator');
export const exchangeAdmin = (viaGroup?: HeldRole['viaGroup']) => role(EXCHANGE_ADMINISTRATOR, 'Exchange Administrator', viaGroup);
