import type { TurnContext } from 'botbuilder';
import type { BotDeps } from './deps';

export const NOT_ALLOWED = 'Tenant Warden answers members of its admins and approvers groups only. Ask your Microsoft 365 administrator for access.';
export const NOT_ADMIN = 'Only members of the Tenant Warden admins group can do that.';
export const NOT_APPROVER = 'Only members of the Tenant Warden approvers group can do that.';
export const WRONG_TENANT = 'This bot serves one Microsoft 365 organisation, and this conversation is not from it.';

export interface Roles {
  admin: boolean;
  approver: boolean;
}

export type AccessDecision = { allowed: true; roles: Roles } | { allowed: false; reason: string; event: string };

const ROLES_KEY = 'tenantWarden.roles';

function tenantOf(context: TurnContext): string | undefined {
  const activity = context.activity;
  return (activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id)?.toLowerCase();
}

/**
 * Decided on the server for every activity: the tenant must be ours, and the sender (by Entra object
 * id, which the authenticated channel vouches for) a transitive member of the admins or approvers group.
 */
export async function checkAccess(context: TurnContext, deps: BotDeps): Promise<AccessDecision> {
  if (tenantOf(context) !== deps.tenant.id.toLowerCase()) return { allowed: false, reason: WRONG_TENANT, event: 'access.wrongTenant' };
  const userId = context.activity.from?.aadObjectId;
  if (!userId) return { allowed: false, reason: NOT_ALLOWED, event: 'access.noUser' };
  const groups = await deps.membership.memberOf(userId, [deps.adminsGroupId, deps.approversGroupId]);
  const admin = groups.has(deps.adminsGroupId.toLowerCase());
  const approver = groups.has(deps.approversGroupId.toLowerCase());
  if (!admin && !approver) return { allowed: false, reason: NOT_ALLOWED, event: 'access.notMember' };
  const roles = { admin, approver };
  context.turnState.set(ROLES_KEY, roles);
  return { allowed: true, roles };
}

export function rolesIn(context: TurnContext): Roles {
  return (context.turnState.get(ROLES_KEY) as Roles | undefined) ?? { admin: false, approver: false };
}

/** The sender as the audit trail records them. */
export function personOf(context: TurnContext): { id: string; name: string } {
  return { id: context.activity.from?.aadObjectId ?? '', name: context.activity.from?.name ?? 'unknown' };
}
