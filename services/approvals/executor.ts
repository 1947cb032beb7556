import type { PlannedStep, StepResult } from '../remediation/types';
import type { Approvals } from './approvals';
import type { RemediationRequest } from './request';
import { finishExecution, startExecution, takeOverExecution } from './transitions';

/** Runs one step of a request; the request says which approval the step carries out. */
export type StepRunner = (step: PlannedStep, request: RemediationRequest) => Promise<StepResult & { snapshot?: unknown }>;

const SYSTEM = { id: 'system', name: 'Tenant Warden' };

/**
 * Carries out an approved request exactly once: only the caller whose compare-and-swap moves it to
 * `executing` runs it. Each step's intent is recorded before its write, and every step checks the
 * target first, so a request resumed after a crash re-reads instead of repeating blindly.
 */
export async function executeRequest(approvals: Approvals, requestId: string, runStep: StepRunner, resume = false, instanceId = 'local'): Promise<RemediationRequest | undefined> {
  if (!resume) {
    const started = await approvals.update(requestId, (request) => startExecution(request, instanceId));
    if (!started.ok) return started.request;
    await approvals.audit.append({ event: 'request.executing', actor: SYSTEM, requestId, details: {} });
  }
  const current = await approvals.get(requestId);
  if (!current || current.request.status !== 'executing') return current?.request;
  for (const step of current.request.plan.steps) {
    const progress = current.request.steps.find((s) => s.stepId === step.id);
    if (progress?.result) continue;
    await approvals.update(requestId, (request) => ({
      ok: true,
      request: {
        ...request,
        steps: request.steps.map((s) => (s.stepId === step.id ? { ...s, startedAt: new Date().toISOString() } : s)),
        executor: { instanceId, at: new Date().toISOString() },
      },
    }));
    await approvals.audit.append({ event: 'step.started', actor: SYSTEM, requestId, details: { step: step.id, description: step.description, resumed: resume && Boolean(progress?.startedAt) } });
    const { snapshot, ...result } = await runStep(step, current.request);
    await approvals.update(requestId, (request) => ({
      ok: true,
      request: { ...request, steps: request.steps.map((s) => (s.stepId === step.id ? { ...s, result } : s)) },
    }));
    await approvals.audit.append({ event: `step.${result.outcome}`, actor: SYSTEM, requestId, details: { step: step.id, message: result.message, priorState: snapshot ?? null } });
  }
  const finished = await approvals.update(requestId, (request) => finishExecution(request, new Date()));
  if (finished.ok) await approvals.audit.append({ event: `request.${finished.request.status}`, actor: SYSTEM, requestId, details: {} });
  return finished.request;
}

/** How long an executing request may go without progress before another instance takes it over. */
export const STALE_EXECUTION_MS = 2 * 60_000;

/**
 * Requests left approved or executing by a crash are finished now: at start (this instance's own, after
 * its restart) and, on the watcher's instance, those of an instance that stopped reporting progress.
 * Taking one over is a compare-and-swap, so two instances never both resume the same request.
 */
export async function resumeInterrupted(
  approvals: Approvals,
  runStep: StepRunner,
  instanceId = 'local',
  options: { afterRestart: boolean; staleAfterMs?: number } = { afterRestart: true },
): Promise<RemediationRequest[]> {
  const open = (await approvals.all()).filter((r) => r.status === 'approved' || r.status === 'executing');
  const done: RemediationRequest[] = [];
  for (const request of open) {
    if (request.status === 'approved' && !options.afterRestart) continue; // its approver's instance is starting it
    if (request.status === 'executing') {
      const claimed = await approvals.update(request.id, (r) => takeOverExecution(r, instanceId, new Date(), options.staleAfterMs ?? STALE_EXECUTION_MS, options.afterRestart));
      if (!claimed.ok) continue;
    }
    const result = await executeRequest(approvals, request.id, runStep, request.status === 'executing', instanceId);
    if (result) done.push(result);
  }
  return done;
}
