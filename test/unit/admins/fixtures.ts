// Small hand-written admin accounts and Conditional Access policies, shaped as Graph v1.0 returns them.
import type { ConditionalAccessPolicy } from '@microsoft/microsoft-graph-types';
import type { AdminAccount, AdminRole } from '../../../services/admins/types';

export const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
export const PRIVILEGED_ROLE_ADMIN = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
export const EXCHANGE_ADMIN = '29232cdf-9323-42fd-ade2-1d097af3e4de';
export const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';

export const ADMIN_ID = '11111111-1111-4111-8111-111111111111';
export const OTHER_USER_ID = '22222222-2222-4222-8222-222222222222';
export const GROUP_ID = '33333333-3333-4333-8333-333333333333';
export const NESTED_GROUP_ID = '44444444-4444-4444-8444-444444444444';

const ROLE_NAMES: Record<string, string> = {
  [GLOBAL_ADMIN]: 'Global Administrator',
  [PRIVILEGED_ROLE_ADMIN]: 'Privileged Role Administrator',
  [EXCHANGE_ADMIN]: 'Exchange Administrator',
  [USER_ADMIN]: 'User Administrator',
};

export function role(roleDefinitionId: string, assignment: AdminRole['assignment'] = 'active', viaGroup?: AdminRole['viaGroup']): AdminRole {
  return { roleDefinitionId, roleName: ROLE_NAMES[roleDefinitionId] ?? roleDefinitionId, assignment, ...(viaGroup ? { viaGroup } : {}) };
}

export function admin(overrides: Partial<AdminAccount> = {}): AdminAccount {
  return {
    id: ADMIN_ID,
    userPrincipalName: 'ada@contoso.example',
    displayName: 'Ada Admin',
    accountEnabled: true,
    roles: [role(EXCHANGE_ADMIN)],
    mfaRegistered: true,
    methodsRegistered: ['microsoftAuthenticatorPush'],
    registrationSource: 'report',
    enforcement: { level: 'full', by: ['Security Defaults'], notes: [] },
    riskLevel: 'none',
    riskState: 'none',
    ...overrides,
  };
}

type Users = NonNullable<NonNullable<ConditionalAccessPolicy['conditions']>['users']>;

/** "Require MFA" for all cloud apps, enabled, with the given users; everything else as the portal writes it by default. */
export function mfaPolicy(users: Partial<Users>, overrides: Partial<ConditionalAccessPolicy> = {}, conditions: Partial<NonNullable<ConditionalAccessPolicy['conditions']>> = {}): ConditionalAccessPolicy {
  return {
    id: 'policy-1',
    displayName: 'Require MFA for admins',
    state: 'enabled',
    conditions: {
      applications: { includeApplications: ['All'], excludeApplications: [], includeUserActions: [], includeAuthenticationContextClassReferences: [] },
      clientAppTypes: ['all'],
      locations: null,
      platforms: null,
      devices: null,
      userRiskLevels: [],
      signInRiskLevels: [],
      users: { includeUsers: [], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [], ...users },
      ...conditions,
    },
    grantControls: { operator: 'OR', builtInControls: ['mfa'], customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: null },
    ...overrides,
  };
}
