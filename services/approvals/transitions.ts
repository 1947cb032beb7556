import type { Person, RemediationRequest } from './request';

// The state machine as pure functions: each returns the next request or the reason it refuses.
// pending → approved → executing → succeeded | failed; pending → rejected; pending → expired.

export type Transition = { ok: true; request: RemediationRequest } | { ok: false; reason: string };

const refuse = (reason: string): Transition => ({ ok: false, reason });

function statusWords(request: RemediationRequest): string {
  switch (request.status) {
    case 'approved':
    case 'executing':
      return `it was already approved by ${request.approver?.name ?? 'an approver'} and is being carried out`;
    case 'succeeded':
    case 'failed':
      return `it was already approved by ${request.approver?.name ?? 'an approver'} and carried out (${request.status})`;
    case 'rejected':
      return `it was rejected by ${request.approver?.name ?? 'an approver'}`;
    case 'expired':
      return 'it expired before anyone approved it';
    default:
      return `it is ${request.status}`;
  }
}

export function isExpired(request: RemediationRequest, now: Date): boolean {
  return request.status === 'pending' && new Date(request.expiresAt) <= now;
}

export function expire(request: RemediationRequest, now: Date): Transition {
  if (!isExpired(request, now)) return refuse('it has not expired');
  return { ok: true, request: { ...request, status: 'expired', finishedAt: now.toISOString() } };
}

function decide(request: RemediationRequest, approver: Person, now: Date, isApprover: boolean): string | undefined {
  if (!isApprover) return 'only members of the approvers group can approve or reject';
  if (approver.id.toLowerCase() === request.requester.id.toLowerCase()) return 'nobody approves or rejects their own request: a second person must';
  if (isExpired(request, now)) return 'it expired before anyone approved it';
  if (request.status !== 'pending') return statusWords(request);
  return undefined;
}

const ACCOUNT_STEPS = new Set(['blockSignIn', 'revokeSignInSessions', 'confirmCompromised']);

/** An approver never approves a change to their own account: it could lock the last person able to undo it. */
function targetsApprover(request: RemediationRequest, approver: Person): boolean {
  return request.plan.steps.some(
    (step) => ACCOUNT_STEPS.has(step.spec.type) && 'userId' in step.spec && step.spec.userId.toLowerCase() === approver.id.toLowerCase(),
  );
}

export function approve(request: RemediationRequest, approver: Person, now: Date, isApprover: boolean): Transition {
  const reason = decide(request, approver, now, isApprover);
  if (reason) return refuse(reason);
  if (targetsApprover(request, approver)) return refuse('an approver cannot approve a change to their own account: another approver must');
  return { ok: true, request: { ...request, status: 'approved', approver, decidedAt: now.toISOString() } };
}

export function reject(request: RemediationRequest, approver: Person, now: Date, isApprover: boolean, rejectReason?: string): Transition {
  const reason = decide(request, approver, now, isApprover);
  if (reason) return refuse(reason);
  const text = rejectReason?.trim().slice(0, 500) || undefined;
  return { ok: true, request: { ...request, status: 'rejected', approver, decidedAt: now.toISOString(), rejectReason: text, finishedAt: now.toISOString() } };
}

export function startExecution(request: RemediationRequest, instanceId = 'local', now = new Date()): Transition {
  if (request.status !== 'approved') return refuse(statusWords(request));
  return { ok: true, request: { ...request, status: 'executing', executor: { instanceId, at: now.toISOString() } } };
}

/**
 * Takes over a request left executing: by the same instance after its restart, or by any instance once
 * the executor has reported nothing for staleAfterMs (it died). A live executor on another instance is left alone.
 */
export function takeOverExecution(request: RemediationRequest, instanceId: string, now: Date, staleAfterMs: number, afterRestart: boolean): Transition {
  if (request.status !== 'executing') return refuse(statusWords(request));
  const executor = request.executor;
  const stale = !executor || now.getTime() - Date.parse(executor.at) > staleAfterMs;
  const ownBeforeRestart = afterRestart && executor?.instanceId === instanceId;
  if (!stale && !ownBeforeRestart) return refuse(`instance ${executor?.instanceId ?? 'unknown'} is carrying it out`);
  return { ok: true, request: { ...request, executor: { instanceId, at: now.toISOString() } } };
}

export function finishExecution(request: RemediationRequest, now: Date): Transition {
  if (request.status !== 'executing') return refuse(statusWords(request));
  const failed = request.steps.some((s) => s.result?.outcome === 'failed' || !s.result);
  return { ok: true, request: { ...request, status: failed ? 'failed' : 'succeeded', finishedAt: now.toISOString() } };
}
