import assert from 'node:assert/strict';
import type { RunningSim } from '../../sim/server';
import { graphClient, http, startTestSim, token } from './helpers';

const ATTACKER_SP = '3b0a7c2d-1e4f-4a6b-9c8d-7e6f5a4b3c2d';

describe('sim request stats', () => {
  let sim: RunningSim;

  before(async () => {
    sim = await startTestSim();
  });

  after(() => sim.stop());

  it('counts every request except /_sim/* by normalised path, and resets', async () => {
    assert.equal((await http(`${sim.url}/_sim/stats/reset`, { method: 'POST' })).status, 200);
    const graph = graphClient(sim, await token(sim));
    await graph(`/servicePrincipals/${ATTACKER_SP}/appRoleAssignedTo`);
    await graph('/servicePrincipals/9f7a2f7c-3b3e-4f35-9f0d-1c2b7d8e6a01/appRoleAssignedTo');
    await graph("/servicePrincipals(appId='00000002-0000-0ff1-ce00-000000000000')/appRoleAssignedTo");
    await graph('/groups/02bd9fd6-8f93-4758-87c3-1fb73740a315/transitiveMembers/microsoft.graph.servicePrincipal?$count=true', { headers: { ConsistencyLevel: 'eventual' } });
    await graph('/servicePrincipals/$count', { headers: { ConsistencyLevel: 'eventual' } });
    await graph('/users/AlexW@Contoso.com');
    await graph('/auditLogs/directoryAudits/Directory_3b0a7c2d_A1');
    await http(`${sim.url}/v1.0/users`);
    await http(`${sim.url}/_sim/stats`);
    const { requests, handling } = (await http(`${sim.url}/_sim/stats`)).body;
    assert.deepEqual({ requests }, {
      requests: {
        total: 9,
        batched: 0,
        throttled: 0,
        byPath: {
          '/{id}/oauth2/v2.0/token': 1,
          '/v1.0/servicePrincipals/{id}/appRoleAssignedTo': 2,
          '/v1.0/servicePrincipals(appId={appId})/appRoleAssignedTo': 1,
          '/v1.0/groups/{id}/transitiveMembers/microsoft.graph.servicePrincipal': 1,
          '/v1.0/servicePrincipals/$count': 1,
          '/v1.0/users/{id}': 1,
          '/v1.0/auditLogs/directoryAudits/{id}': 1,
          '/v1.0/users': 1,
        },
      },
    });
    assert.equal(handling.requests, 9, 'each HTTP request is timed once');
    assert.ok(handling.totalMs > 0 && handling.maxMs <= handling.totalMs, JSON.stringify(handling));
    await http(`${sim.url}/_sim/stats/reset`, { method: 'POST' });
    assert.deepEqual((await http(`${sim.url}/_sim/stats`)).body, {
      requests: { total: 0, batched: 0, throttled: 0, byPath: {} },
      handling: { requests: 0, totalMs: 0, maxMs: 0 },
    });
  });

  it('times the sim\'s own work, without the configured latency', async () => {
    const slow = await startTestSim({ latencyMs: 200 });
    try {
      const graph = graphClient(slow, await token(slow));
      await http(`${slow.url}/_sim/stats/reset`, { method: 'POST' });
      await graph('/users');
      const { handling } = (await http(`${slow.url}/_sim/stats`)).body;
      assert.equal(handling.requests, 1);
      assert.ok(handling.totalMs < 150, `the 200 ms latency is not the sim's own time: ${JSON.stringify(handling)}`);
    } finally {
      await slow.stop();
    }
  });

  it('counts report requests refused by the 5-per-10-seconds limit, and a control route clears the window', async () => {
    const graph = graphClient(sim, await token(sim, { client_id: 'stats-throttling-test' }));
    await http(`${sim.url}/_sim/stats/reset`, { method: 'POST' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await graph('/auditLogs/directoryAudits?$top=1')).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    assert.equal((await http(`${sim.url}/_sim/stats`)).body.requests.throttled, 1);
    assert.equal((await http(`${sim.url}/_sim/throttling/reset`, { method: 'POST' })).status, 204);
    assert.equal((await graph('/auditLogs/directoryAudits?$top=1')).status, 200);
  });

  it('answers 404 on unknown control routes', async () => {
    assert.equal((await http(`${sim.url}/_sim/nothing`)).status, 404);
  });
});
