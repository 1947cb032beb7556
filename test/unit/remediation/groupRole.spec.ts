import assert from 'node:assert/strict';
import type { DirectoryObject, UnifiedRoleAssignment } from '@microsoft/microsoft-graph-types';
import { buildPlan } from '../../../services/remediation/plans';
import { runStep } from '../../../services/remediation/steps';
import { planOf } from './outcomes';
import { appIn, ATTACKER_APP_ID, ATTACKER_NAME, EXCHANGE_ADMINISTRATOR, MESSAGING_OPERATIONS, withGroupRole } from './scenarios';
import { startSimTenant, type SimTenant } from './simTenant';

describe('removing a role the app holds through a role-assignable group', function () {
  this.timeout(60_000);
  const scenario = withGroupRole();
  const attacker = appIn(scenario, ATTACKER_APP_ID);
  const group = scenario.groups!.find((g) => g.displayName === MESSAGING_OPERATIONS)!;
  const groupRole = scenario.roleAssignments!.find((a) => a.principalId === group.id)!;
  const otherMembers = (group.members as unknown as string[]).filter((id) => id !== attacker.servicePrincipalId);
  let tenant: SimTenant;

  before(async () => {
    tenant = await startSimTenant({ scenario });
  });
  after(async () => {
    await tenant?.stop();
  });

  it('plans to take the app out of the group, and says the group keeps its role', async () => {
    const plan = planOf(await buildPlan({ kind: 'removeRole', target: ATTACKER_APP_ID, item: groupRole.id as string }, tenant.planDeps()));
    assert.deepEqual(plan.steps.map((s) => s.spec), [
      { type: 'removeGroupMember', groupId: group.id, groupName: MESSAGING_OPERATIONS, memberId: attacker.servicePrincipalId },
    ]);
    assert.match(plan.steps[0].description, new RegExp(`^Remove ${ATTACKER_NAME.replace(/[[\]().]/g, '\\$&')} from the role-assignable group 'Messaging Operations'`));
    assert.ok(plan.caveats.some((c) => /the group keeps Exchange Administrator for its other members/.test(c)), plan.caveats.join('\n'));
  });

  it('contain plans to take the app out of the group as well as removing its direct roles', async () => {
    const plan = planOf(await buildPlan({ kind: 'contain', target: ATTACKER_APP_ID }, tenant.planDeps()));
    assert.deepEqual(plan.steps.filter((s) => s.spec.type === 'removeGroupMember').map((s) => s.spec), [
      { type: 'removeGroupMember', groupId: group.id, groupName: MESSAGING_OPERATIONS, memberId: attacker.servicePrincipalId },
    ]);
    assert.equal(plan.steps.filter((s) => s.spec.type === 'removeDirectoryRole').length, attacker.roleAssignments.length);
    assert.ok(plan.caveats.includes("The group 'Messaging Operations' keeps its roles for its other members; only this app leaves it."));
  });

  it('removes the membership only: the group keeps its role and its other members, the direct role stays', async () => {
    const plan = planOf(await buildPlan({ kind: 'removeRole', target: ATTACKER_APP_ID, item: groupRole.id as string }, tenant.planDeps()));
    const run = await runStep(plan.steps[0], tenant.deps);
    // Needs the simulator to implement DELETE /groups/{id}/members/{memberId}/$ref (Microsoft Graph v1.0 "Remove member").
    assert.equal(run.outcome, 'succeeded', run.message);
    const members = await tenant.graph.list<DirectoryObject>(`/groups/${group.id}/members?$select=id`);
    assert.deepEqual(members.map((m) => m.id).sort(), [...otherMembers].sort());
    const groupRoles = await tenant.graph.list<UnifiedRoleAssignment>(`/roleManagement/directory/roleAssignments?$filter=principalId eq '${group.id}'`);
    assert.deepEqual(groupRoles.map((r) => r.roleDefinitionId), [EXCHANGE_ADMINISTRATOR]);
    const direct = await tenant.graph.list<UnifiedRoleAssignment>(`/roleManagement/directory/roleAssignments?$filter=principalId eq '${attacker.servicePrincipalId}'`);
    assert.equal(direct.length, attacker.roleAssignments.length);
  });

});
