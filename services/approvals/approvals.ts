import { randomUUID } from 'node:crypto';
import { AlreadyExistsError, ETagConflictError, type AuditTrail, type ConcurrentStore } from '../store/storage';
import type { FindingReference, RemediationPlan } from '../remediation/types';
import { isOpen, type Person, type PostedCard, type RemediationRequest } from './request';
import { approve, expire, isExpired, reject, type Transition } from './transitions';

const REQUEST_PREFIX = 'requests/';
const APPROVALS_CHAT_KEY = 'settings/approvalsChat';
const MAX_CAS_ATTEMPTS = 8;

export type Outcome = { ok: true; request: RemediationRequest } | { ok: false; reason: string; request?: RemediationRequest };

export interface ApprovalsChat {
  conversation: Record<string, unknown>;
  setBy: Person;
  setAt: string;
}

/** Remediation requests in the project's store: every change is a compare-and-swap, every step audited. */
export class Approvals {
  constructor(
    private readonly store: ConcurrentStore,
    readonly audit: AuditTrail,
    private readonly clock: () => Date,
    private readonly ttlMs: number,
  ) {}

  async create(tenantId: string, reference: FindingReference, plan: RemediationPlan, requester: Person): Promise<RemediationRequest> {
    const now = this.clock();
    const request: RemediationRequest = {
      id: randomUUID(),
      tenantId,
      reference,
      plan,
      requester,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.ttlMs).toISOString(),
      status: 'pending',
      steps: plan.steps.map((step) => ({ stepId: step.id })),
      cards: {},
    };
    await this.store.create(REQUEST_PREFIX + request.id, { request });
    await this.audit.append({
      event: 'request.created',
      actor: requester,
      requestId: request.id,
      details: { kind: plan.kind, target: plan.targetSummary, evidence: plan.evidence, steps: plan.steps.map((s) => s.description) },
    });
    return request;
  }

  async get(id: string): Promise<{ request: RemediationRequest; eTag: string } | undefined> {
    const item = (await this.store.read([REQUEST_PREFIX + id]))[REQUEST_PREFIX + id];
    return item ? { request: item.request as RemediationRequest, eTag: item.eTag as string } : undefined;
  }

  /**
   * Applies a transition with compare-and-swap: on a conflict the request is read again and the
   * transition re-decided against what is stored now, so two approvers can never both win.
   */
  async update(id: string, transition: (request: RemediationRequest) => Transition): Promise<Outcome> {
    for (let attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      const current = await this.get(id);
      if (!current) return { ok: false, reason: 'there is no such request' };
      const next = transition(current.request);
      if (!next.ok) return { ok: false, reason: next.reason, request: current.request };
      try {
        await this.store.replace(REQUEST_PREFIX + id, { request: next.request }, current.eTag);
        return { ok: true, request: next.request };
      } catch (error) {
        if (!(error instanceof ETagConflictError)) throw error;
      }
    }
    return { ok: false, reason: 'the request kept changing while this was being saved; try again' };
  }

  private async decided(outcome: Outcome, actor: Person, id: string, event: string, details: Record<string, unknown> = {}): Promise<Outcome> {
    if (outcome.ok) await this.audit.append({ event, actor, requestId: id, details });
    else await this.refused(actor, id, event, outcome.reason);
    return outcome;
  }

  async refused(actor: Person, requestId: string | undefined, attempt: string, reason: string): Promise<void> {
    await this.audit.append({ event: 'request.refused', actor, requestId, details: { attempt, reason } });
  }

  async approve(id: string, approver: Person, isApprover: boolean): Promise<Outcome> {
    const outcome = await this.update(id, (r) => approve(r, approver, this.clock(), isApprover));
    return this.decided(outcome, approver, id, 'request.approved');
  }

  async reject(id: string, approver: Person, isApprover: boolean, reason?: string): Promise<Outcome> {
    const outcome = await this.update(id, (r) => reject(r, approver, this.clock(), isApprover, reason));
    return this.decided(outcome, approver, id, 'request.rejected', outcome.ok ? { reason: outcome.request.rejectReason ?? '' } : {});
  }

  async recordCard(id: string, role: 'requester' | 'approval', card: PostedCard): Promise<void> {
    await this.update(id, (request) => ({ ok: true, request: { ...request, cards: { ...request.cards, [role]: card } } }));
  }

  /** Every request, newest first; pending ones past their expiry are marked expired on the way. */
  async all(): Promise<RemediationRequest[]> {
    const items = await this.store.list(REQUEST_PREFIX);
    const requests: RemediationRequest[] = [];
    for (const item of Object.values(items)) {
      let request = item.request as RemediationRequest;
      if (isExpired(request, this.clock())) {
        const outcome = await this.update(request.id, (r) => expire(r, this.clock()));
        if (outcome.ok) await this.audit.append({ event: 'request.expired', actor: { id: 'system', name: 'Tenant Warden' }, requestId: request.id, details: {} });
        request = outcome.request ?? request;
      }
      requests.push(request);
    }
    return requests.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async open(): Promise<RemediationRequest[]> {
    return (await this.all()).filter(isOpen);
  }

  async setApprovalsChat(conversation: Record<string, unknown>, setBy: Person): Promise<void> {
    const chat: ApprovalsChat = { conversation, setBy, setAt: this.clock().toISOString() };
    await this.store.write({ [APPROVALS_CHAT_KEY]: { chat, eTag: '*' } });
    await this.audit.append({
      event: 'approvalsChat.set',
      actor: setBy,
      details: { conversationId: String(conversation.id ?? ''), conversationType: String(conversation.conversationType ?? '') },
    });
  }

  async approvalsChat(): Promise<ApprovalsChat | undefined> {
    return (await this.store.read([APPROVALS_CHAT_KEY]))[APPROVALS_CHAT_KEY]?.chat as ApprovalsChat | undefined;
  }
}

export { AlreadyExistsError };
