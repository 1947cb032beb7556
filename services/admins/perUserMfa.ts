import type { GraphApi } from '../graph/graphApi';
import type { PerUserMfaState } from './enforcement';
import { gapOf, orRefused, SOURCES } from './gaps';
import { firstRefusal, get, readEntities } from './graphReads';
import type { DataGap } from './types';

interface StrongAuthenticationRequirements {
  perUserMfaState?: PerUserMfaState;
}

export interface PerUserMfaStates {
  states: Map<string, PerUserMfaState>;
  gaps: DataGap[];
}

/**
 * Per-user MFA state of each admin: beta /users/{id}/authentication/requirements, batched
 * (ceil(admins / 20) requests). Only beta has it; a refusal leaves a gap, not a failed report.
 */
export async function perUserMfaStates(graph: GraphApi, userIds: string[]): Promise<PerUserMfaStates> {
  const steps = userIds.map((id) => get(id, `/users/${id}/authentication/requirements`));
  const answers = await orRefused(() => readEntities<StrongAuthenticationRequirements>(graph, steps, { version: 'beta' }), userIds);
  const states = new Map<string, PerUserMfaState>();
  for (const [id, answer] of answers) if (answer.ok && answer.value.perUserMfaState) states.set(id, answer.value.perUserMfaState);
  const refused = firstRefusal(answers.values());
  const gap = refused && gapOf(SOURCES.perUserMfa, refused, 'Per-user MFA is not taken into account.');
  return { states, gaps: gap ? [gap] : [] };
}
