import type { RiskyUser, SignInActivity, User } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../graph/graphApi';
import { adminDetails, type AdminDetails } from './accountDetails';
import { evaluateEnforcement, type PerUserMfaState } from './enforcement';
import { groupsInPolicies, mfaPolicies, type MfaPolicies } from './policies';
import { perUserMfaStates } from './perUserMfa';
import { privilegedUsers, type RoleHolder } from './roleHolders';
import type { AdminAccount, DataGap } from './types';

export interface CollectOptions {
  /** Read per-user MFA from Graph beta (Microsoft does not support beta in production); default true. */
  perUserMfa?: boolean;
}

export interface AdminCollection {
  accounts: AdminAccount[];
  gaps: DataGap[];
  /** The tenant's Security Defaults; undefined when it could not be read. */
  securityDefaults?: boolean;
}

type SignIns = SignInActivity & { lastSuccessfulSignInDateTime?: string | null };

function lastSignIn(user: User | undefined): string | undefined {
  const activity = user?.signInActivity as SignIns | null | undefined;
  const times = [activity?.lastSignInDateTime, activity?.lastNonInteractiveSignInDateTime, activity?.lastSuccessfulSignInDateTime].filter((t): t is string => Boolean(t));
  return times.sort().at(-1);
}

function riskOf(risk: RiskyUser | undefined, riskAvailable: boolean): Pick<AdminAccount, 'riskLevel' | 'riskState' | 'riskDetail' | 'riskLastUpdated'> {
  if (!riskAvailable) return {};
  // Identity Protection lists only users it has ever flagged: absent means no risk.
  if (!risk) return { riskLevel: 'none', riskState: 'none' };
  return {
    riskLevel: risk.riskLevel ?? undefined,
    riskState: risk.riskState ?? undefined,
    riskDetail: risk.riskDetail ?? undefined,
    riskLastUpdated: risk.riskLastUpdatedDateTime ?? undefined,
  };
}

function accountOf(holder: RoleHolder, details: AdminDetails, policies: MfaPolicies, perUser: Map<string, PerUserMfaState>): AdminAccount {
  const user = details.users.get(holder.id);
  const registration = details.registrations.get(holder.id);
  const groups = details.memberships.get(holder.id) ?? [];
  return {
    id: holder.id,
    userPrincipalName: user?.userPrincipalName ?? holder.userPrincipalName ?? holder.id,
    displayName: user?.displayName ?? holder.displayName ?? holder.userPrincipalName ?? holder.id,
    accountEnabled: user?.accountEnabled ?? true,
    roles: holder.roles,
    mfaRegistered: registration?.mfaRegistered,
    methodsRegistered: registration?.methods ?? [],
    registrationSource: registration?.source ?? 'unavailable',
    enforcement: evaluateEnforcement(holder, {
      securityDefaults: policies.securityDefaults,
      policies: policies.policies,
      memberOfGroupIds: groups.map((g) => g.id as string),
      roleTemplateIds: holder.roles.filter((r) => r.assignment === 'active').map((r) => r.roleDefinitionId),
      perUserMfaState: perUser.get(holder.id),
      groupNames: new Map(groups.map((g) => [g.id as string, g.displayName ?? (g.id as string)])),
    }),
    ...riskOf(details.risks.get(holder.id), details.riskRead),
    lastSignIn: lastSignIn(user),
  };
}

/**
 * Every user holding a privileged role (active, eligible, or through a role-assignable group), with
 * MFA registration, enforcement, user risk and last sign-in. Requests grow with the admins only:
 * nothing here lists the tenant's users. What a licence or permission hides is a gap, not a failure.
 */
export async function collectAdminAccounts(graph: GraphApi, options: CollectOptions = {}): Promise<AdminCollection> {
  const [roleHolders, policies] = await Promise.all([privilegedUsers(graph), mfaPolicies(graph)]);
  const holders = [...roleHolders.holders.values()];
  const gaps = [...roleHolders.gaps, ...policies.gaps];
  if (holders.length === 0) return { accounts: [], gaps, securityDefaults: policies.securityDefaults };
  const withMemberships = groupsInPolicies(policies.policies ?? []).size > 0;
  const [details, perUser] = await Promise.all([
    adminDetails(graph, holders, withMemberships),
    options.perUserMfa === false ? { states: new Map<string, PerUserMfaState>(), gaps: [] } : perUserMfaStates(graph, holders.map((h) => h.id)),
  ]);
  gaps.push(...details.gaps, ...perUser.gaps);
  const accounts = holders
    .map((holder) => accountOf(holder, details, policies, perUser.states))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { accounts, gaps, securityDefaults: policies.securityDefaults };
}
