import type { User } from '@microsoft/microsoft-graph-types';
import { GLOBAL_ADMINISTRATOR } from '../../apps/catalog';
import { isGuid } from '../../apps/odata';
import { roleAssignmentsUrl } from '../../apps/roles';
import type { GraphApi } from '../../graph/graphApi';
import { readOrGone } from '../steps/graphReads';
import type { RemediationPlan } from '../types';
import { plan, refuse, type Refusal } from './draft';

export interface UserGuards {
  /** Object ids or UPNs of emergency-access accounts that must never be blocked. */
  breakGlassAccounts: string[];
}

async function loadUser(graph: GraphApi, userId: string): Promise<User | undefined> {
  return isGuid(userId) ? readOrGone(graph.get<User>(`/users/${userId}?$select=id,displayName,userPrincipalName,accountEnabled`)) : undefined;
}

export function isBreakGlass(user: Pick<User, 'id' | 'userPrincipalName'>, guards: UserGuards): boolean {
  const names = guards.breakGlassAccounts.map((a) => a.toLowerCase());
  return names.includes((user.id ?? '').toLowerCase()) || names.includes((user.userPrincipalName ?? '').toLowerCase());
}

/** The enabled users holding Global Administrator actively (directly; group holders are counted as their group). */
export async function enabledGlobalAdmins(graph: GraphApi): Promise<string[]> {
  const assignments = await graph.list<{ principalId: string; principal?: { '@odata.type'?: string; accountEnabled?: boolean } }>(
    roleAssignmentsUrl(GLOBAL_ADMINISTRATOR),
  );
  return assignments
    .filter((a) => a.principal?.['@odata.type'] === '#microsoft.graph.user' && a.principal.accountEnabled !== false)
    .map((a) => a.principalId.toLowerCase());
}

/** Why blocking this user is not offered, or undefined when it may be. */
export async function blockRefusal(graph: GraphApi, user: User, guards: UserGuards): Promise<string | undefined> {
  const upn = user.userPrincipalName ?? user.id;
  if (isBreakGlass(user, guards)) return `${upn} is an emergency-access (break-glass) account (BREAK_GLASS_ACCOUNTS)`;
  if (user.accountEnabled === false) return `${upn} is already blocked from signing in`;
  const admins = await enabledGlobalAdmins(graph);
  if (admins.length === 1 && admins[0] === (user.id ?? '').toLowerCase()) return `${upn} is the last enabled Global Administrator`;
  return undefined;
}

export async function blockSignInPlan(graph: GraphApi, userId: string, guards: UserGuards): Promise<RemediationPlan | Refusal> {
  const user = await loadUser(graph, userId);
  if (!user) return refuse(`no such user: no user with object id ${userId} exists in this tenant`);
  const refusal = await blockRefusal(graph, user, guards);
  if (refusal) return refuse(refusal);
  const upn = user.userPrincipalName ?? userId;
  return plan({
    kind: 'blockSignIn',
    title: `Block sign-in for ${upn}`,
    targetSummary: `${user.displayName ?? upn} (${upn}, object id ${user.id})`,
    evidence: [],
    steps: [
      { spec: { type: 'blockSignIn', userId: user.id as string, userPrincipalName: upn }, description: `Set accountEnabled to false for ${upn}: no new sign-in is accepted` },
      { spec: { type: 'revokeSignInSessions', userId: user.id as string, userPrincipalName: upn }, description: `Revoke every refresh token and session cookie of ${upn}` },
    ],
    caveats: [
      'Access tokens already issued stay valid until they expire, typically 60–90 minutes.',
      'Changing an admin needs a remediation identity that holds Privileged Authentication Administrator; the approver cannot approve blocking their own account.',
    ],
  });
}

export async function confirmCompromisedPlan(graph: GraphApi, userId: string): Promise<RemediationPlan | Refusal> {
  const user = await loadUser(graph, userId);
  if (!user) return refuse(`no such user: no user with object id ${userId} exists in this tenant`);
  const upn = user.userPrincipalName ?? userId;
  return plan({
    kind: 'confirmCompromised',
    title: `Confirm ${upn} compromised`,
    targetSummary: `${user.displayName ?? upn} (${upn}, object id ${user.id})`,
    evidence: [],
    steps: [{ spec: { type: 'confirmCompromised', userId: user.id as string, userPrincipalName: upn }, description: `Tell Entra ID Protection that ${upn} is compromised: user risk becomes high, and risk-based Conditional Access applies` }],
    caveats: ['This needs Entra ID P2. It does not block the account or end its sessions: ask for those too.'],
  });
}
