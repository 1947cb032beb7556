import assert from 'node:assert/strict';
import type { AppRoleAssignment } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../../../services/graph/graphApi';
import type { ExchangeAdmin } from '../../../services/exchange/exchangeAdmin';
import { buildPlan } from '../../../services/remediation/plans';
import { runStep } from '../../../services/remediation/steps';
import type { PlannedStep } from '../../../services/remediation/types';
import { planOf } from './outcomes';
import { appIn, ATTACKER_APP_ID, defaultScenario } from './scenarios';
import { startSimTenant, type SimTenant } from './simTenant';

const DISABLE: PlannedStep = {
  id: '1',
  spec: { type: 'disableServicePrincipal', servicePrincipalId: 'de3d7478-cc06-49b0-9216-356cc6d488ee' },
  description: 'Disable the service principal of Mail Sync',
};

describe('runStep when something goes wrong', function () {
  this.timeout(60_000);

  it('reports a failed read as failed, saying nothing was changed, and never throws', async () => {
    const broken = { get: async () => { throw new Error('socket hang up'); } } as unknown as GraphApi;
    const result = await runStep(DISABLE, { graph: broken, exchange: {} as ExchangeAdmin });
    assert.deepEqual(result, {
      stepId: '1',
      outcome: 'failed',
      message: 'Not done: Disable the service principal of Mail Sync. Reading its current state failed, so nothing was changed. socket hang up',
    });
  });

  describe('a write the remediation identity is not allowed to make', () => {
    const scenario = defaultScenario();
    const attacker = appIn(scenario, ATTACKER_APP_ID);
    let tenant: SimTenant;
    before(async () => {
      tenant = await startSimTenant({ scenario, deniedPermissions: ['AppRoleAssignment.ReadWrite.All'] });
    });
    after(async () => {
      await tenant?.stop();
    });

    it('fails with the permission it lacks, keeps the snapshot, and leaves the assignment', async () => {
      const plan = planOf(await buildPlan({ kind: 'revokePermission', target: ATTACKER_APP_ID, item: attacker.assignments[0].id as string }, tenant.planDeps()));
      const result = await runStep(plan.steps[0], tenant.deps);
      assert.equal(result.outcome, 'failed');
      assert.match(result.message, /^Failed: Revoke Exchange\.ManageAsApp .*needs the AppRoleAssignment\.ReadWrite\.All application permission/);
      assert.equal((result.snapshot as { assignment: AppRoleAssignment }).assignment.id, attacker.assignments[0].id);
      const held = await tenant.graph.list<AppRoleAssignment>(`/servicePrincipals/${attacker.servicePrincipalId}/appRoleAssignments`);
      assert.deepEqual(held.map((a) => a.id), [attacker.assignments[0].id]);
    });
  });
});
