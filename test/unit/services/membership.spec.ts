import assert from 'node:assert/strict';
import sinon from 'sinon';
import { GroupMembership } from '../../../services/access/membership';
import type { GraphApi } from '../../../services/graph/graphApi';
import { GraphRequestError } from '../../../services/errors';

const USER = '11111111-0000-4000-8000-000000000001';
const GROUP = '22222222-0000-4000-8000-000000000002';

function graphAnswering(send: sinon.SinonStub): GraphApi {
  return { send } as unknown as GraphApi;
}

describe('admin group membership', () => {
  it('asks Graph once and answers from the cache until it expires', async () => {
    let now = 0;
    const send = sinon.stub().resolves({ value: [GROUP] });
    const membership = new GroupMembership(graphAnswering(send), 60_000, () => now);
    assert.equal(await membership.isMember(USER, GROUP), true);
    assert.equal(await membership.isMember(USER, GROUP), true);
    assert.equal(send.callCount, 1);
    assert.deepEqual(send.firstCall.args, ['POST', `/users/${USER}/checkMemberGroups`, { groupIds: [GROUP] }]);
    now = 61_000;
    send.resolves({ value: [] });
    assert.equal(await membership.isMember(USER, GROUP), false, 'a removal takes effect after the cache time');
    assert.equal(send.callCount, 2);
  });

  it('a user id that is not a GUID is never sent to Graph', async () => {
    const send = sinon.stub();
    assert.equal(await new GroupMembership(graphAnswering(send), 1000).isMember("x/../../groups", GROUP), false);
    assert.equal(send.callCount, 0);
  });

  it('an unknown user is not a member', async () => {
    const send = sinon.stub().rejects(new GraphRequestError(404, 'Request_ResourceNotFound', '/users/x', 'not found'));
    assert.equal(await new GroupMembership(graphAnswering(send), 1000).isMember(USER, GROUP), false);
  });

  it('any other failure is not taken as an answer', async () => {
    const send = sinon.stub().rejects(new GraphRequestError(500, 'x', '/users/x', 'boom'));
    await assert.rejects(new GroupMembership(graphAnswering(send), 1000).isMember(USER, GROUP), GraphRequestError);
  });

  it('answers for the admins and approvers groups in one Graph request', async () => {
    const OTHER = '33333333-0000-4000-8000-000000000003';
    const send = sinon.stub().resolves({ value: [OTHER.toUpperCase()] });
    const groups = await new GroupMembership(graphAnswering(send), 1000).memberOf(USER, [GROUP, OTHER]);
    assert.deepEqual([...groups], [OTHER]);
    assert.equal(send.callCount, 1);
    assert.deepEqual(send.firstCall.args[2], { groupIds: [GROUP, OTHER] });
  });
});
