import assert from 'node:assert/strict';
import { buildPlan } from '../../../services/remediation/plans';
import { runStep } from '../../../services/remediation/steps';
import { planOf } from './outcomes';
import { ATTACKER_APP_ID, defaultScenario, withoutApp } from './scenarios';
import { startSimTenant, type SimTenant } from './simTenant';

describe('a step whose target was deleted after the plan was made', function () {
  this.timeout(60_000);
  const tenants: SimTenant[] = [];
  after(async () => {
    await Promise.all(tenants.map((t) => t.stop()));
  });

  it('reports targetGone for every step on the deleted app and writes nothing', async () => {
    const before = await startSimTenant({ scenario: defaultScenario() });
    tenants.push(before);
    const plan = planOf(await buildPlan({ kind: 'contain', target: ATTACKER_APP_ID }, before.planDeps()));
    // The same tenant, after someone deleted the app registration and its service principal.
    const after = await startSimTenant({ scenario: withoutApp(ATTACKER_APP_ID) });
    tenants.push(after);
    const outcomes = [];
    for (const step of plan.steps) outcomes.push([step.spec.type, (await runStep(step, after.deps)).outcome]);
    assert.deepEqual(outcomes, plan.steps.map((s) => [s.spec.type, s.spec.type === 'deleteDelegatedGrant' ? 'alreadyDone' : 'targetGone']));
    assert.deepEqual(after.graphWrites, []);
  });

  it('reports targetGone for a connector removed by someone else meanwhile', async () => {
    const tenant = await startSimTenant({ scenario: defaultScenario() });
    tenants.push(tenant);
    const plan = planOf(await buildPlan({ kind: 'disableConnector', target: 'Fabrikam partner TLS' }, tenant.planDeps()));
    await tenant.exchange.invoke('Remove-InboundConnector', { Identity: 'Fabrikam partner TLS', Confirm: false });
    const run = await runStep(plan.steps[0], tenant.deps);
    assert.equal(run.outcome, 'targetGone');
    assert.equal(run.message, "Nothing to change, the target no longer exists: Disable inbound connector 'Fabrikam partner TLS' (Set-InboundConnector -Enabled:$false).");
  });
});
