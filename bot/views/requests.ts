import type { RemediationRequest } from '../../services/approvals/request';
import type { AuditEntry } from '../../services/store/storage';
import type { AuditView, PendingView, RequestView } from '../../cards/views';
import { minute } from './exchange';

const OUTCOME_WORDS = { succeeded: 'Done', alreadyDone: 'Already done', targetGone: 'Target gone', failed: 'Failed' } as const;

function statusLine(request: RemediationRequest): string {
  switch (request.status) {
    case 'pending':
      return 'Awaiting approval by a member of the approvers group other than the requester.';
    case 'approved':
      return 'Approved; starting.';
    case 'executing':
      return 'Approved and being carried out now.';
    case 'succeeded':
      return 'Approved and carried out.';
    case 'failed':
      return 'Approved, but at least one step failed: see below.';
    case 'rejected':
      return 'Rejected: nothing was changed.';
    case 'expired':
      return 'Expired before anyone approved it: nothing was changed.';
  }
}

export function requestView(request: RemediationRequest, options: { canDecide?: boolean; note?: string } = {}): RequestView {
  return {
    requestId: request.id,
    title: request.plan.title,
    status: request.status,
    statusLine: statusLine(request),
    targetSummary: request.plan.targetSummary,
    evidence: request.plan.evidence,
    steps: request.plan.steps.map((step) => {
      const progress = request.steps.find((s) => s.stepId === step.id);
      const result = progress?.result;
      // Step messages repeat the step's description, which the card already shows: keep only what they add.
      const extra = result ? result.message.split(step.description).slice(1).join('').replace(/^[.:]\s*/, '').trim() : '';
      const outcome = result
        ? `${OUTCOME_WORDS[result.outcome]}${extra ? `: ${extra}` : ''}`
        : progress?.startedAt
          ? 'In progress'
          : '';
      return { description: step.description, outcome, failed: result?.outcome === 'failed' };
    }),
    caveats: request.plan.caveats,
    requester: request.requester.name,
    requestedAt: `${minute(request.createdAt)} UTC`,
    expiresAt: `${minute(request.expiresAt)} UTC`,
    approver: request.approver?.name ?? '',
    decidedAt: request.decidedAt ? `${minute(request.decidedAt)} UTC` : '',
    rejectReason: request.rejectReason ?? '',
    note: options.note ?? '',
    canDecide: Boolean(options.canDecide) && request.status === 'pending',
  };
}

const MOST_PENDING = 25;

export function pendingView(requests: RemediationRequest[], now: Date): PendingView {
  return {
    generatedAt: `${minute(now)} UTC`,
    notShown: Math.max(0, requests.length - MOST_PENDING),
    requests: requests.slice(0, MOST_PENDING).map((r) => ({
      requestId: r.id,
      title: r.plan.title,
      status: r.status,
      requester: r.requester.name,
      requestedAt: `${minute(r.createdAt)} UTC`,
      expiresAt: `${minute(r.expiresAt)} UTC`,
    })),
  };
}

function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([key]) => key !== 'priorState')
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ')
    .slice(0, 300);
}

export function auditView(entries: AuditEntry[], page: number, hasOlder: boolean, chainStatus: string): AuditView {
  return {
    page,
    entries: entries.map((e) => ({
      seq: e.seq,
      time: `${minute(e.time)} UTC`,
      event: e.event,
      actor: e.actor.name,
      requestId: e.requestId ?? '',
      details: detailsText(e.details) + (e.details.priorState ? ' (prior state recorded)' : ''),
    })),
    nextPageCommand: hasOlder ? `audit page ${page + 1}` : '',
    chainStatus,
  };
}
