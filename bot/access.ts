import type { TurnContext } from 'botbuilder';
import type { BotDeps } from './deps';

export const NOT_ALLOWED = 'Tenant Warden answers members of its admins group only. Ask your Microsoft 365 administrator for access.';
export const WRONG_TENANT = 'This bot serves one Microsoft 365 organisation, and this conversation is not from it.';

export type AccessDecision = { allowed: true } | { allowed: false; reason: string; event: string };

function tenantOf(context: TurnContext): string | undefined {
  const activity = context.activity;
  return (activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id)?.toLowerCase();
}

/**
 * Decided on the server for every activity: the tenant must be ours and the sender (by Entra object id,
 * which the authenticated channel vouches for) a transitive member of the admins group.
 */
export async function checkAccess(context: TurnContext, deps: BotDeps): Promise<AccessDecision> {
  if (tenantOf(context) !== deps.tenant.id.toLowerCase()) return { allowed: false, reason: WRONG_TENANT, event: 'access.wrongTenant' };
  const userId = context.activity.from?.aadObjectId;
  if (!userId || !(await deps.membership.isMember(userId, deps.adminsGroupId))) {
    return { allowed: false, reason: NOT_ALLOWED, event: 'access.notAdmin' };
  }
  return { allowed: true };
}
