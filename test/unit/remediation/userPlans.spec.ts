import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RiskyUser, User } from '@microsoft/microsoft-graph-types';
import { buildPlan } from '../../../services/remediation/plans';
import { runStep } from '../../../services/remediation/steps';
import type { RemediationPlan } from '../../../services/remediation/types';
import { startSimTenant, type SimTenant } from './simTenant';

const PRIVILEGED_AUTHENTICATION_ADMINISTRATOR = '7be44c8a-adaf-4e2a-84d6-ab2649e08a13';
const scenario = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../sim/scenarios/default.json'), 'utf8'));
const NESTOR = scenario.users.find((u: { userPrincipalName: string }) => /^nestorw@/i.test(u.userPrincipalName));
const CLIENT_ID = '5b0a0f3c-6a4e-4d8e-9f11-2f1e4c7d9a01';

function planOf(value: RemediationPlan | { refused: string }): RemediationPlan {
  assert.ok(!('refused' in value), 'refused' in value ? value.refused : '');
  return value as RemediationPlan;
}

describe('user remediation against the simulated tenant', function () {
  this.timeout(60_000);
  let tenant: SimTenant;

  afterEach(async () => {
    await tenant?.stop();
  });

  it('blocks an admin\'s sign-in and revokes their sessions when the identity holds Privileged Authentication Administrator', async () => {
    tenant = await startSimTenant({ callerRoles: { [CLIENT_ID]: [PRIVILEGED_AUTHENTICATION_ADMINISTRATOR] } });
    const plan = planOf(await buildPlan({ kind: 'blockSignIn', target: NESTOR.id }, tenant.planDeps()));
    assert.deepEqual(plan.steps.map((s) => s.spec.type), ['blockSignIn', 'revokeSignInSessions']);
    for (const step of plan.steps) assert.notEqual((await runStep(step, tenant.deps)).outcome, 'failed');
    const user = await tenant.graph.get<User>(`/users/${NESTOR.id}?$select=accountEnabled`);
    assert.equal(user.accountEnabled, false);
    assert.match((await buildPlan({ kind: 'blockSignIn', target: NESTOR.id }, tenant.planDeps()) as { refused: string }).refused, /already blocked/);
  });

  it('without the directory role the change to an admin fails with Graph\'s refusal and nothing changes', async () => {
    tenant = await startSimTenant();
    const plan = planOf(await buildPlan({ kind: 'blockSignIn', target: NESTOR.id }, tenant.planDeps()));
    const result = await runStep(plan.steps[0], tenant.deps);
    assert.equal(result.outcome, 'failed');
    assert.match(result.message, /Privileged Authentication Administrator/);
    assert.equal((await tenant.graph.get<User>(`/users/${NESTOR.id}?$select=accountEnabled`)).accountEnabled, true);
  });

  it('never plans to block a break-glass account', async () => {
    tenant = await startSimTenant();
    const refusal = await buildPlan({ kind: 'blockSignIn', target: NESTOR.id }, { ...tenant.planDeps(), breakGlassAccounts: [NESTOR.userPrincipalName.toLowerCase()] });
    assert.match((refusal as { refused: string }).refused, /break-glass/);
  });

  it('confirms a user compromised, and a second run finds it already done', async () => {
    tenant = await startSimTenant();
    const plan = planOf(await buildPlan({ kind: 'confirmCompromised', target: NESTOR.id }, tenant.planDeps()));
    assert.equal((await runStep(plan.steps[0], tenant.deps)).outcome, 'succeeded');
    const risk = await tenant.graph.get<RiskyUser>(`/identityProtection/riskyUsers/${NESTOR.id}`);
    assert.equal(risk.riskState, 'confirmedCompromised');
    assert.equal((await runStep(plan.steps[0], tenant.deps)).outcome, 'alreadyDone');
  });
});
