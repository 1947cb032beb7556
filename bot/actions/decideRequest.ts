import type { TurnContext } from 'botbuilder';
import { requestStatusCard } from '../../cards/render';
import type { AdaptiveCard } from '../../cards/adaptiveCard';
import { executeRequest, type StepRunner } from '../../services/approvals/executor';
import { runStep } from '../../services/remediation/steps';
import { personOf, rolesIn } from '../access';
import type { BotDeps } from '../deps';
import { approverCard, NOBODY_CAN_EXECUTE, refreshCards } from '../requestCards';
import { requestView } from '../views/requests';
import type { Parsed } from './findingReference';

export const APPROVE_VERB = 'approveRequest';
export const REJECT_VERB = 'rejectRequest';

/** Carries out an approved request after the invoke has been answered, then updates both cards. */
/** Steps run as the remediation identity; the known-good steps also get the list and the request that approved them. */
export function stepRunner(deps: BotDeps, remediation: NonNullable<BotDeps['remediation']>): StepRunner {
  return (step, request) => runStep(step, { ...remediation, knownGood: { list: deps.knownGood, requestId: request.id, now: deps.now } });
}

export function executeInBackground(requestId: string, deps: BotDeps): void {
  const remediation = deps.remediation;
  if (!remediation) return;
  const task = (async () => {
    await refreshCards(requestId, deps);
    await executeRequest(deps.approvals, requestId, stepRunner(deps, remediation), false, deps.instanceId);
    await refreshCards(requestId, deps);
  })()
    .catch((error) => deps.log.error('request.executionFailed', error, { requestId }))
    .finally(() => deps.background.delete(task));
  deps.background.add(task);
}

async function refusal(deps: BotDeps, requestId: string, reason: string): Promise<AdaptiveCard | string> {
  const stored = await deps.approvals.get(requestId);
  if (!stored || stored.request.tenantId !== deps.tenant.id) return `Nothing changed: ${reason}.`;
  return requestStatusCard(requestView(stored.request, { note: `Nothing changed: ${reason}.` }));
}

/** Approve or Reject: decided on the server from the stored request, never from the card. */
export async function decideRequest(
  context: TurnContext,
  deps: BotDeps,
  parsed: Parsed<{ requestId: string; reason?: string }>,
  decision: 'approve' | 'reject',
): Promise<AdaptiveCard | string> {
  const person = personOf(context);
  if (!parsed.ok) {
    await deps.approvals.refused(person, undefined, decision, parsed.reason);
    return `Nothing changed: ${parsed.reason}.`;
  }
  const { requestId, reason } = parsed.value;
  const stored = await deps.approvals.get(requestId);
  if (!stored || stored.request.tenantId !== deps.tenant.id) {
    await deps.approvals.refused(person, requestId, decision, 'there is no such request');
    return 'Nothing changed: there is no such request.';
  }
  const isApprover = rolesIn(context).approver;
  if (decision === 'approve' && isApprover && !deps.remediation) {
    await deps.approvals.refused(person, requestId, decision, NOBODY_CAN_EXECUTE);
    return refusal(deps, requestId, NOBODY_CAN_EXECUTE);
  }
  const outcome = decision === 'approve'
    ? await deps.approvals.approve(requestId, person, isApprover)
    : await deps.approvals.reject(requestId, person, isApprover, reason);
  if (!outcome.ok) return refusal(deps, requestId, outcome.reason);
  if (decision === 'approve') executeInBackground(requestId, deps);
  else await refreshCards(requestId, deps);
  return approverCard(outcome.request, deps);
}
