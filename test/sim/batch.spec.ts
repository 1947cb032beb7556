import assert from 'node:assert/strict';
import type { RunningSim } from '../../sim/server';
import { graphClient, http, startTestSim, token, type Graph, type GraphJson } from './helpers';

const ATTACKER_SP = '3b0a7c2d-1e4f-4a6b-9c8d-7e6f5a4b3c2d';
const EXCHANGE_SP = '9f7a2f7c-3b3e-4f35-9f0d-1c2b7d8e6a01';
const MANAGE_AS_APP_ASSIGNMENT = 'LXwKOx5PSmucjX5vWkszLY8sVcDJ6y9KtB4n1aH2mE0';

const byId = (body: GraphJson): Map<string, GraphJson> => new Map(body.responses.map((r: GraphJson) => [r.id, r]));

describe('sim JSON batching', () => {
  let sim: RunningSim;
  let graph: Graph;

  beforeEach(async () => {
    sim = await startTestSim({ deniedPermissions: ['Policy.Read.All'] });
    graph = graphClient(sim, await token(sim));
  });

  afterEach(() => sim.stop());

  const batch = (requests: unknown[]) => graph('/$batch', { method: 'POST', body: { requests } });

  it('runs up to 20 requests with relative urls, with or without a leading slash', async () => {
    const requests = Array.from({ length: 20 }, (_, i) => ({ id: String(i), method: 'GET', url: i % 2 === 0 ? '/users?$top=1' : 'groups?$top=1' }));
    const res = await batch(requests);
    assert.equal(res.status, 200);
    assert.equal(res.body.responses.length, 20);
    for (const response of res.body.responses) assert.equal(response.status, 200);
  });

  it('rejects more than 20 requests with 400', async () => {
    const res = await batch(Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users' })));
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'BadRequest');
  });

  it('rejects duplicate ids, unknown dependsOn and a missing url with 400', async () => {
    assert.equal((await batch([{ id: '1', method: 'GET', url: '/users' }, { id: '1', method: 'GET', url: '/groups' }])).status, 400);
    assert.equal((await batch([{ id: '1', method: 'GET', url: '/users', dependsOn: ['9'] }])).status, 400);
    assert.equal((await batch([{ id: '1', method: 'GET' }])).status, 400);
    assert.equal((await graph('/$batch', { method: 'POST', body: { nope: [] } })).status, 400);
  });

  it('honours dependsOn: a write runs before the read that depends on it', async () => {
    const res = await batch([
      { id: 'read', method: 'GET', url: `/servicePrincipals/${EXCHANGE_SP}/appRoleAssignedTo`, dependsOn: ['revoke'] },
      { id: 'revoke', method: 'DELETE', url: `/servicePrincipals/${EXCHANGE_SP}/appRoleAssignedTo/${MANAGE_AS_APP_ASSIGNMENT}` },
    ]);
    const answers = byId(res.body);
    assert.equal(answers.get('revoke').status, 204);
    assert.equal(answers.get('revoke').body, undefined);
    assert.deepEqual(answers.get('read').body.value, []);
  });

  it('answers 424 for requests that depend on a failed one', async () => {
    const res = await batch([
      { id: '1', method: 'GET', url: '/servicePrincipals/6d3a8a4e-0000-4000-8000-000000000000' },
      { id: '2', method: 'GET', url: '/users', dependsOn: ['1'] },
    ]);
    const answers = byId(res.body);
    assert.equal(answers.get('1').status, 404);
    assert.equal(answers.get('2').status, 424);
  });

  it('authorises every inner request on its own', async () => {
    const res = await batch([
      { id: 'policies', method: 'GET', url: '/policies/identitySecurityDefaultsEnforcementPolicy' },
      { id: 'users', method: 'GET', url: '/users' },
    ]);
    const answers = byId(res.body);
    assert.equal(answers.get('policies').status, 403);
    assert.equal(answers.get('policies').body.error.code, 'Authorization_RequestDenied');
    assert.equal(answers.get('users').status, 200);
  });

  it('needs a token on the batch itself', async () => {
    const res = await http(`${sim.url}/v1.0/$batch`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ requests: [] }) });
    assert.equal(res.status, 401);
  });

  it('needs a Content-Type header on an inner request with a body', async () => {
    const res = await batch([{ id: '1', method: 'PATCH', url: `/servicePrincipals/${ATTACKER_SP}`, body: { accountEnabled: false } }]);
    assert.equal(byId(res.body).get('1').status, 400);
    const ok = await batch([{ id: '1', method: 'PATCH', url: `/servicePrincipals/${ATTACKER_SP}`, body: { accountEnabled: false }, headers: { 'Content-Type': 'application/json' } }]);
    assert.equal(byId(ok.body).get('1').status, 204);
  });

  it('counts inner requests under their own paths and as batched', async () => {
    await http(`${sim.url}/_sim/stats/reset`, { method: 'POST' });
    await batch([
      { id: '1', method: 'GET', url: `/servicePrincipals/${EXCHANGE_SP}/appRoleAssignedTo` },
      { id: '2', method: 'GET', url: `/servicePrincipals/${ATTACKER_SP}/appRoleAssignedTo` },
    ]);
    const stats = (await http(`${sim.url}/_sim/stats`)).body.requests;
    assert.equal(stats.byPath['/v1.0/$batch'], 1);
    assert.equal(stats.byPath['/v1.0/servicePrincipals/{id}/appRoleAssignedTo'], 2);
    assert.equal(stats.batched, 2);
    assert.equal(stats.total, 3);
  });

  it('throttles inner identity-report requests like direct ones, with Retry-After', async () => {
    const res = await batch(Array.from({ length: 6 }, (_, i) => ({ id: String(i), method: 'GET', url: '/auditLogs/directoryAudits?$top=1', dependsOn: i > 0 ? [String(i - 1)] : undefined })));
    const answers = byId(res.body);
    for (let i = 0; i < 5; i++) assert.equal(answers.get(String(i)).status, 200);
    const throttled = res.body.responses.filter((r: GraphJson) => r.status === 429 || r.status === 424);
    assert.equal(answers.get('5').status, 429);
    assert.equal(throttled.length, 1);
    assert.match(answers.get('5').headers['Retry-After'], /^\d+$/);
  });
});
