import assert from 'node:assert/strict';
import { Approvals } from '../../../services/approvals/approvals';
import { executeRequest, resumeInterrupted } from '../../../services/approvals/executor';
import { MemoryStore } from '../../../services/store/memoryStore';
import type { AuditEntry, AuditTrail } from '../../../services/store/storage';
import type { PlannedStep, StepResult } from '../../../services/remediation/types';
import { APPROVER, NOW, pendingRequest, REQUESTER } from './fixtures';

/** Records entries in order; the hash chain itself is tested with the SQLite trail. */
class RecordingTrail implements AuditTrail {
  readonly entries: AuditEntry[] = [];
  async append(entry: Parameters<AuditTrail['append']>[0]): Promise<AuditEntry> {
    const full = { ...entry, seq: this.entries.length + 1, time: entry.time ?? NOW.toISOString(), prevHash: '', hash: '' };
    this.entries.push(full);
    return full;
  }
  async recent(limit: number): Promise<AuditEntry[]> {
    return [...this.entries].reverse().slice(0, limit);
  }
  async forRequest(requestId: string): Promise<AuditEntry[]> {
    return this.entries.filter((e) => e.requestId === requestId);
  }
  async verify() {
    return { ok: true as const, entries: this.entries.length };
  }
  async *all(): AsyncIterable<AuditEntry> {
    yield* this.entries;
  }
  async prune(): Promise<number> {
    return 0;
  }
}

const SECOND_APPROVER = { id: 'dddddddd-0000-4000-8000-000000000004', name: 'Johanna Lorenz' };

function setup() {
  const trail = new RecordingTrail();
  const approvals = new Approvals(new MemoryStore(), trail, () => NOW, 24 * 3_600_000);
  const template = pendingRequest();
  return { trail, approvals, create: () => approvals.create(template.tenantId, template.reference, template.plan, REQUESTER) };
}

function countingRunner(outcome: StepResult['outcome'] = 'succeeded') {
  const calls: string[] = [];
  const run = async (step: PlannedStep) => {
    calls.push(step.id);
    await new Promise((resolve) => setImmediate(resolve));
    return { stepId: step.id, outcome, message: '', snapshot: { accountEnabled: true } };
  };
  return { calls, run };
}

describe('approvals in the store', () => {
  it('a new request is pending, expires after the TTL, and is audited with its steps', async () => {
    const { approvals, trail, create } = setup();
    const request = await create();
    assert.equal(request.status, 'pending');
    assert.equal(new Date(request.expiresAt).getTime() - NOW.getTime(), 24 * 3_600_000);
    assert.equal(trail.entries[0].event, 'request.created');
    assert.deepEqual(trail.entries[0].details.steps, ['Disable the service principal']);
    assert.equal((await approvals.get(request.id))?.request.status, 'pending');
  });

  it('two approvers approving at the same moment: exactly one wins, the other sees it approved', async () => {
    const { approvals, create, trail } = setup();
    const request = await create();
    const results = await Promise.all([approvals.approve(request.id, APPROVER, true), approvals.approve(request.id, SECOND_APPROVER, true)]);
    assert.equal(results.filter((r) => r.ok).length, 1);
    const loser = results.find((r) => !r.ok)!;
    assert.match(!loser.ok ? loser.reason : '', /already approved/);
    assert.equal(trail.entries.filter((e) => e.event === 'request.approved').length, 1);
    assert.equal(trail.entries.filter((e) => e.event === 'request.refused').length, 1, 'the losing attempt is audited');
  });

  it('a refused attempt changes nothing and is audited', async () => {
    const { approvals, create, trail } = setup();
    const request = await create();
    const outcome = await approvals.approve(request.id, REQUESTER, true);
    assert.equal(outcome.ok, false);
    assert.equal((await approvals.get(request.id))?.request.status, 'pending');
    assert.equal(trail.entries.at(-1)?.event, 'request.refused');
    assert.match(String(trail.entries.at(-1)?.details.reason), /own request/);
  });

  it('an approved request executes exactly once even when started three times at once', async () => {
    const { approvals, create } = setup();
    const request = await create();
    await approvals.approve(request.id, APPROVER, true);
    const runner = countingRunner();
    await Promise.all([1, 2, 3].map(() => executeRequest(approvals, request.id, runner.run)));
    assert.deepEqual(runner.calls, ['1']);
    assert.equal((await approvals.get(request.id))?.request.status, 'succeeded');
  });

  it('each step records its intent before its write and the prior state after', async () => {
    const { approvals, create, trail } = setup();
    const request = await create();
    await approvals.approve(request.id, APPROVER, true);
    await executeRequest(approvals, request.id, countingRunner().run);
    const events = trail.entries.filter((e) => e.requestId === request.id).map((e) => e.event);
    assert.deepEqual(events, ['request.created', 'request.approved', 'request.executing', 'step.started', 'step.succeeded', 'request.succeeded']);
    assert.deepEqual(trail.entries.find((e) => e.event === 'step.succeeded')?.details.priorState, { accountEnabled: true });
  });

  it('a request left executing by a crash is resumed: the step is re-checked, not repeated blindly', async () => {
    const { approvals, create } = setup();
    const request = await create();
    await approvals.approve(request.id, APPROVER, true);
    await approvals.update(request.id, (r) => ({ ok: true, request: { ...r, status: 'executing', steps: [{ stepId: '1', startedAt: NOW.toISOString() }] } }));
    const runner = countingRunner('alreadyDone');
    const [resumed] = await resumeInterrupted(approvals, runner.run);
    assert.equal(resumed.status, 'succeeded');
    assert.equal(resumed.steps[0].result?.outcome, 'alreadyDone');
  });

  describe('with several instances', () => {
    async function leftExecutingBy(instanceId: string, minutesAgo: number) {
      const { approvals, create } = setup();
      const request = await create();
      await approvals.approve(request.id, APPROVER, true);
      const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
      await approvals.update(request.id, (r) => ({ ok: true, request: { ...r, status: 'executing', executor: { instanceId, at }, steps: [{ stepId: '1', startedAt: at }] } }));
      return { approvals, request };
    }

    it('a request another instance is executing right now is left alone, at start and later', async () => {
      const { approvals } = await leftExecutingBy('instance-a', 0);
      const runner = countingRunner();
      assert.deepEqual(await resumeInterrupted(approvals, runner.run, 'instance-b'), []);
      assert.deepEqual(await resumeInterrupted(approvals, runner.run, 'instance-b', { afterRestart: false }), []);
      assert.deepEqual(runner.calls, []);
    });

    it('an instance finishes its own request after its restart, but not while it is still running it', async () => {
      const { approvals } = await leftExecutingBy('instance-a', 0);
      const runner = countingRunner();
      assert.deepEqual(await resumeInterrupted(approvals, runner.run, 'instance-a', { afterRestart: false }), []);
      const [resumed] = await resumeInterrupted(approvals, runner.run, 'instance-a');
      assert.equal(resumed.status, 'succeeded');
    });

    it('a request whose executor stopped reporting progress is taken over by exactly one instance', async () => {
      const { approvals, request } = await leftExecutingBy('instance-a', 5);
      const runner = countingRunner();
      const results = await Promise.all(['instance-b', 'instance-c', 'instance-b'].map((id) => resumeInterrupted(approvals, runner.run, id, { afterRestart: false })));
      assert.equal(results.flat().length, 1);
      assert.deepEqual(runner.calls, ['1']);
      assert.equal((await approvals.get(request.id))?.request.status, 'succeeded');
    });
  });

  it('a pending request past its TTL is marked expired when requests are listed', async () => {
    const trail = new RecordingTrail();
    let now = NOW;
    const approvals = new Approvals(new MemoryStore(), trail, () => now, 60_000);
    const template = pendingRequest();
    const request = await approvals.create(template.tenantId, template.reference, template.plan, REQUESTER);
    now = new Date(NOW.getTime() + 120_000);
    assert.deepEqual(await approvals.open(), []);
    assert.equal((await approvals.get(request.id))?.request.status, 'expired');
    assert.ok(trail.entries.some((e) => e.event === 'request.expired'));
  });

  it('the approvals chat is stored and its change audited', async () => {
    const { approvals, trail } = setup();
    assert.equal(await approvals.approvalsChat(), undefined);
    await approvals.setApprovalsChat({ id: '19:abc@thread.v2', conversationType: 'channel' }, APPROVER);
    assert.equal((await approvals.approvalsChat())?.setBy.name, APPROVER.name);
    assert.equal(trail.entries.at(-1)?.event, 'approvalsChat.set');
  });
});
