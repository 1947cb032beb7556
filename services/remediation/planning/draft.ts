import type { PlannedStep, RemediationPlan } from '../types';

/** A step before the plan numbers it. */
export type DraftStep = Omit<PlannedStep, 'id'>;

/** Why no plan was made, in an admin's words: a clause without a final full stop, as the bot quotes it in a sentence. */
export type Refusal = { refused: string };

export const refuse = (message: string): Refusal => ({ refused: message });

export function isRefusal<T extends object>(value: T | Refusal): value is Refusal {
  return 'refused' in value;
}

export const TOKENS_CAVEAT = 'Tokens already issued stay valid until they expire, typically 60–90 minutes.';

export function plan(fields: Omit<RemediationPlan, 'steps'> & { steps: DraftStep[] }): RemediationPlan {
  return { ...fields, steps: fields.steps.map((step, index) => ({ id: String(index + 1), ...step })) };
}

export function day(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : 'unknown';
}
