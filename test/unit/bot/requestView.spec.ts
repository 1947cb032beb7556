import assert from 'node:assert/strict';
import { requestView } from '../../../bot/views/requests';
import { pendingRequest } from '../approvals/fixtures';

describe('the request card view', () => {
  it('shows each step\'s outcome without repeating its description', () => {
    const base = pendingRequest({ status: 'succeeded' });
    const description = base.plan.steps[0].description;
    const done = requestView({ ...base, steps: [{ stepId: '1', result: { stepId: '1', outcome: 'succeeded', message: `Done: ${description}.` } }] });
    assert.equal(done.steps[0].outcome, 'Done');
    const failed = requestView({
      ...base,
      status: 'failed',
      steps: [{ stepId: '1', result: { stepId: '1', outcome: 'failed', message: `Failed: ${description}. Graph answered 403.` } }],
    });
    assert.equal(failed.steps[0].outcome, 'Failed: Graph answered 403.');
    assert.equal(failed.steps[0].failed, true);
  });

  it('offers Approve and Reject only on the approvers\' card of a pending request', () => {
    assert.equal(requestView(pendingRequest(), { canDecide: true }).canDecide, true);
    assert.equal(requestView(pendingRequest(), {}).canDecide, false);
    assert.equal(requestView(pendingRequest({ status: 'approved' }), { canDecide: true }).canDecide, false);
  });
});
