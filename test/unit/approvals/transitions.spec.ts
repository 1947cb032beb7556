import assert from 'node:assert/strict';
import { approve, expire, finishExecution, reject, startExecution } from '../../../services/approvals/transitions';
import { APPROVER, NOW, pendingRequest, REQUESTER } from './fixtures';

describe('the remediation request state machine', () => {
  it('an approver other than the requester approves a pending request', () => {
    const result = approve(pendingRequest(), APPROVER, NOW, true);
    assert.ok(result.ok);
    assert.equal(result.request.status, 'approved');
    assert.deepEqual(result.request.approver, APPROVER);
  });

  it('a requester cannot approve their own request, even as an approver', () => {
    const result = approve(pendingRequest(), REQUESTER, NOW, true);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /own request/);
  });

  it('a non-approver cannot approve or reject', () => {
    assert.equal(approve(pendingRequest(), APPROVER, NOW, false).ok, false);
    assert.equal(reject(pendingRequest(), APPROVER, NOW, false).ok, false);
  });

  it('an expired, rejected or finished request cannot be approved', () => {
    const expired = pendingRequest({ expiresAt: new Date(NOW.getTime() - 1).toISOString() });
    assert.match((approve(expired, APPROVER, NOW, true) as { reason: string }).reason, /expired/);
    for (const status of ['rejected', 'succeeded', 'failed', 'approved', 'executing'] as const) {
      assert.equal(approve(pendingRequest({ status }), APPROVER, NOW, true).ok, false, status);
    }
  });

  it('a rejection keeps its reason, trimmed and bounded', () => {
    const result = reject(pendingRequest(), APPROVER, NOW, true, `  ${'x'.repeat(600)}  `);
    assert.ok(result.ok);
    assert.equal(result.request.status, 'rejected');
    assert.equal(result.request.rejectReason?.length, 500);
  });

  it('only a pending request past its expiry expires', () => {
    const expired = pendingRequest({ expiresAt: new Date(NOW.getTime() - 1).toISOString() });
    assert.equal(expire(expired, NOW).ok && 'expired', 'expired');
    assert.equal(expire(pendingRequest(), NOW).ok, false);
    assert.equal(expire(pendingRequest({ status: 'approved', expiresAt: expired.expiresAt }), NOW).ok, false);
  });

  it('execution starts only from approved, and ends succeeded only when every step has a non-failed result', () => {
    assert.equal(startExecution(pendingRequest()).ok, false);
    const started = startExecution(pendingRequest({ status: 'approved' }));
    assert.ok(started.ok && started.request.status === 'executing');
    const unfinished = finishExecution(pendingRequest({ status: 'executing' }), NOW);
    assert.ok(unfinished.ok && unfinished.request.status === 'failed', 'a step without result is a failure');
    const done = finishExecution(
      pendingRequest({ status: 'executing', steps: [{ stepId: '1', result: { stepId: '1', outcome: 'alreadyDone', message: '' } }] }),
      NOW,
    );
    assert.ok(done.ok && done.request.status === 'succeeded');
    const failed = finishExecution(
      pendingRequest({ status: 'executing', steps: [{ stepId: '1', result: { stepId: '1', outcome: 'failed', message: 'x' } }] }),
      NOW,
    );
    assert.ok(failed.ok && failed.request.status === 'failed');
  });

  it('an approver cannot approve blocking or revoking their own account', () => {
    const blockApprover = pendingRequest({
      plan: {
        ...pendingRequest().plan,
        kind: 'blockSignIn',
        steps: [{ id: '1', spec: { type: 'blockSignIn', userId: APPROVER.id.toUpperCase(), userPrincipalName: 'pattif@contoso.com' }, description: 'Block' }],
      },
    });
    const result = approve(blockApprover, APPROVER, NOW, true);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /their own account/);
    assert.equal(approve(blockApprover, { id: 'eeeeeeee-0000-4000-8000-000000000005', name: 'Other' }, NOW, true).ok, true);
  });
});
