import { adminReason } from './adminReason';
import { stepFor } from './registry';
import type { StepDeps } from './step';
import type { PlannedStep, StepResult, StepState } from '../types';

export type StepRun = StepResult & { snapshot?: unknown };

// Waits before each read-back after the write: the directory can take a moment to show a change.
const CONFIRM_DELAYS_MS = [0, 1000, 3000];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function result(step: PlannedStep, outcome: StepResult['outcome'], message: string, snapshot?: unknown): StepRun {
  return snapshot === undefined ? { stepId: step.id, outcome, message } : { stepId: step.id, outcome, message, snapshot };
}

async function readBack(step: PlannedStep, deps: StepDeps, delays: number[]): Promise<StepState> {
  let state: StepState = 'toDo';
  for (const delay of delays) {
    if (delay > 0) await sleep(delay);
    state = await stepFor(step.spec).check(step.spec, deps);
    if (state !== 'toDo') return state;
  }
  return state;
}

/**
 * check → snapshot → execute → check again. Never throws: every failure is a `failed` result whose
 * message says what happened and whether anything changed.
 */
export async function runStep(step: PlannedStep, deps: StepDeps): Promise<StepRun> {
  const implementation = stepFor(step.spec);
  let before: StepState;
  try {
    before = await implementation.check(step.spec, deps);
  } catch (error) {
    return result(step, 'failed', `Not done: ${step.description}. Reading its current state failed, so nothing was changed. ${adminReason(error)}`);
  }
  if (before === 'alreadyDone') return result(step, 'alreadyDone', `Already done, nothing changed: ${step.description}.`);
  if (before === 'targetGone') return result(step, 'targetGone', `Nothing to change, the target no longer exists: ${step.description}.`);

  let snapshot: unknown;
  try {
    snapshot = (await implementation.snapshot(step.spec, deps)) ?? null;
  } catch (error) {
    return result(step, 'failed', `Not done: ${step.description}. Its prior state could not be recorded, so nothing was changed. ${adminReason(error)}`);
  }
  try {
    await implementation.execute(step.spec, deps);
  } catch (error) {
    return result(step, 'failed', `Failed: ${step.description}. ${adminReason(error)}`, snapshot);
  }

  let after: StepState;
  const delays = implementation.confirmable === false ? [0] : CONFIRM_DELAYS_MS;
  try {
    after = await readBack(step, deps, delays);
  } catch (error) {
    return result(step, 'failed', `Sent, but not confirmed: ${step.description}. Reading it back failed; check it in the admin center. ${adminReason(error)}`, snapshot);
  }
  if (after === 'targetGone') return result(step, 'targetGone', `The target disappeared while it was being changed: ${step.description}.`, snapshot);
  if (after === 'alreadyDone') return result(step, 'succeeded', `Done: ${step.description}.`, snapshot);
  if (implementation.confirmable === false) return result(step, 'succeeded', `Done: ${step.description}. (This change cannot be read back.)`, snapshot);
  return result(step, 'failed', `Sent, but reading it back still shows the old state: ${step.description}. Check it in the admin center.`, snapshot);
}
