import assert from 'node:assert/strict';
import type { Refusal } from '../../../services/remediation/plans';
import type { RemediationPlan } from '../../../services/remediation/types';

export function planOf(answer: RemediationPlan | Refusal): RemediationPlan {
  assert.ok(!('refused' in answer), `a plan, got the refusal: ${'refused' in answer ? answer.refused : ''}`);
  return answer;
}

export function refusalOf(answer: RemediationPlan | Refusal): string {
  assert.ok('refused' in answer, `a refusal, got a plan: ${JSON.stringify(answer).slice(0, 300)}`);
  return answer.refused;
}
