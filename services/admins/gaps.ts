import { AdminFacingError, MissingPermissionError } from '../errors';
import type { Answer } from './graphReads';
import type { DataGap } from './types';

/** What one source of the admin report needs, in an admin's words. */
export interface SourceNeeds {
  /** "the MFA registration report" */
  source: string;
  /** Least application permission, per the API's Microsoft Graph page. */
  permission: string;
  /** "Entra ID P1", when the API is licensed. */
  licence?: string;
}

function reasonFor(needs: SourceNeeds, refused: Exclude<Answer<unknown>, { ok: true }>): string {
  switch (refused.refusal) {
    case 'licence':
      return `${needs.licence ?? 'A premium Entra ID licence'} is needed for ${needs.source}.`;
    case 'permission':
      return new MissingPermissionError(needs.permission, needs.source).adminMessage;
    default:
      if (!refused.status) return `Microsoft Graph could not give ${needs.source}: ${refused.message}`;
      return `Microsoft Graph could not give ${needs.source} (${refused.status} ${refused.code}${refused.message ? `: ${refused.message}` : ''}).`;
  }
}

/** The gap a refused read leaves, or undefined when the read answered. */
export function gapOf(needs: SourceNeeds, answer: Answer<unknown>, fallback?: string): DataGap | undefined {
  if (answer.ok) return undefined;
  const reason = reasonFor(needs, answer);
  return fallback ? { source: needs.source, reason, fallback } : { source: needs.source, reason };
}

/** A batch whose failure is a gap, not a failed report: the error becomes a refusal of every step. */
export async function orRefused<T>(read: () => Promise<Map<string, Answer<T>>>, ids: string[]): Promise<Map<string, Answer<T>>> {
  try {
    return await read();
  } catch (error) {
    const message = error instanceof AdminFacingError ? error.adminMessage : error instanceof Error ? error.message : String(error);
    const refusal: Answer<T> = { ok: false, refusal: error instanceof MissingPermissionError ? 'permission' : 'failed', status: 0, code: 'batchFailed', message };
    return new Map(ids.map((id) => [id, refusal]));
  }
}

export const SOURCES = {
  roleAssignments: { source: 'the active role assignments', permission: 'RoleManagement.Read.Directory' },
  roleEligibility: { source: 'the eligible (PIM) role assignments', permission: 'RoleManagement.Read.Directory', licence: 'Entra ID P2' },
  groupMembers: { source: 'the members of role-assignable groups', permission: 'GroupMember.Read.All' },
  users: { source: 'the admins\' accounts', permission: 'User.Read.All' },
  signInActivity: { source: 'the admins\' last sign-in', permission: 'AuditLog.Read.All', licence: 'Entra ID P1' },
  registration: { source: 'the MFA registration report', permission: 'AuditLog.Read.All', licence: 'Entra ID P1' },
  methods: { source: 'the admins\' registered authentication methods', permission: 'UserAuthenticationMethod.Read.All' },
  risk: { source: 'the admins\' user risk (Identity Protection)', permission: 'IdentityRiskyUser.Read.All', licence: 'Entra ID P2' },
  perUserMfa: { source: 'the admins\' per-user MFA state', permission: 'Policy.Read.All' },
  securityDefaults: { source: 'the Security Defaults setting', permission: 'Policy.Read.All' },
  conditionalAccess: { source: 'the Conditional Access policies', permission: 'Policy.Read.All', licence: 'Entra ID P1' },
  memberships: { source: 'the admins\' group memberships (for Conditional Access groups)', permission: 'GroupMember.Read.All' },
} satisfies Record<string, SourceNeeds>;
