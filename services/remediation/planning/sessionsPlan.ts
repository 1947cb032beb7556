import type { User } from '@microsoft/microsoft-graph-types';
import { isGuid } from '../../apps/odata';
import type { GraphApi } from '../../graph/graphApi';
import { readOrGone } from '../steps/graphReads';
import type { RemediationPlan } from '../types';
import { plan, refuse, type Refusal } from './draft';

export async function revokeSessionsPlan(graph: GraphApi, userId: string): Promise<RemediationPlan | Refusal> {
  const user = isGuid(userId) ? await readOrGone(graph.get<User>(`/users/${userId}?$select=id,displayName,userPrincipalName,accountEnabled`)) : undefined;
  if (!user) return refuse(`no such user: no user with object id ${userId} exists in this tenant`);
  const upn = user.userPrincipalName ?? userId;
  return plan({
    kind: 'revokeSessions',
    title: `Revoke the sign-in sessions of ${upn}`,
    targetSummary: `${user.displayName ?? upn} (${upn}, object id ${user.id}; ${user.accountEnabled === false ? 'disabled' : 'enabled'})`,
    evidence: [],
    steps: [{
      spec: { type: 'revokeSignInSessions', userId: user.id as string, userPrincipalName: upn },
      description: `Revoke every refresh token and session cookie of ${upn}, so every app and browser must sign in again`,
    }],
    caveats: ['Access tokens already issued stay valid until they expire, typically 60–90 minutes.'],
  });
}
