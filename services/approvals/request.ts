import type { FindingReference, RemediationPlan, StepResult } from '../remediation/types';

export type RequestStatus = 'pending' | 'approved' | 'executing' | 'succeeded' | 'failed' | 'rejected' | 'expired';

export const OPEN_STATUSES: RequestStatus[] = ['pending', 'approved', 'executing'];

export interface Person {
  /** Entra object id. */
  id: string;
  name: string;
}

/** Where a card about the request was posted, so it can be updated after its turn ended. */
export interface PostedCard {
  conversation: Record<string, unknown>;
  activityId: string;
}

export interface StepProgress {
  stepId: string;
  /** Set before the step's write is attempted, so a restart knows it may have happened. */
  startedAt?: string;
  result?: StepResult;
}

export interface RemediationRequest {
  id: string;
  tenantId: string;
  reference: FindingReference;
  plan: RemediationPlan;
  requester: Person;
  createdAt: string;
  expiresAt: string;
  status: RequestStatus;
  approver?: Person;
  decidedAt?: string;
  rejectReason?: string;
  finishedAt?: string;
  steps: StepProgress[];
  /** The instance carrying it out, and when it last reported progress: a live executor is left alone. */
  executor?: { instanceId: string; at: string };
  cards: { requester?: PostedCard; approval?: PostedCard };
}

export function isOpen(request: RemediationRequest): boolean {
  return OPEN_STATUSES.includes(request.status);
}
