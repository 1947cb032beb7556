import assert from 'node:assert/strict';
import type { ConditionalAccessPolicy } from '@microsoft/microsoft-graph-types';
import { evaluateEnforcement, type EnforcementInputs } from '../../../services/admins/enforcement';
import type { AdminAccount } from '../../../services/admins/types';
import { ADMIN_ID, admin, EXCHANGE_ADMIN, GLOBAL_ADMIN, GROUP_ID, mfaPolicy, NESTED_GROUP_ID, OTHER_USER_ID, PRIVILEGED_ROLE_ADMIN, role, USER_ADMIN } from './fixtures';

const exchangeAdmin = admin({ roles: [role(EXCHANGE_ADMIN)] });

function evaluate(policies: ConditionalAccessPolicy[] | undefined, inputs: Partial<EnforcementInputs> = {}, account: AdminAccount = exchangeAdmin) {
  return evaluateEnforcement(account, {
    securityDefaults: false,
    policies,
    memberOfGroupIds: [],
    roleTemplateIds: account.roles.filter((r) => r.assignment === 'active').map((r) => r.roleDefinitionId),
    ...inputs,
  });
}

describe('MFA enforcement of an admin account', () => {
  describe('Security Defaults', () => {
    it('Security Defaults on require MFA of every admin', () => {
      const result = evaluate([], { securityDefaults: true });
      assert.equal(result.level, 'full');
      assert.deepEqual(result.by, ['Security Defaults']);
    });

    it('with Security Defaults off and no policy, nothing requires MFA, and the note says so', () => {
      const result = evaluate([]);
      assert.equal(result.level, 'none');
      assert.match(result.notes.join(), /no Conditional Access policy requires MFA.*Security Defaults are off/);
    });

    it('a setting that could not be read is a note, not a verdict', () => {
      const result = evaluate(undefined, { securityDefaults: undefined });
      assert.equal(result.level, 'none');
      assert.ok(result.notes.some((n) => /Security Defaults setting could not be read/.test(n)));
      assert.ok(result.notes.some((n) => /Conditional Access policies could not be read/.test(n)));
    });
  });

  describe('Conditional Access state', () => {
    it('an enabled policy for all users and all apps requiring MFA covers the admin fully', () => {
      const result = evaluate([mfaPolicy({ includeUsers: ['All'] })]);
      assert.equal(result.level, 'full');
      assert.deepEqual(result.by, ["Conditional Access policy 'Require MFA for admins'"]);
    });

    it('a disabled policy does not cover, and the note says it is turned off', () => {
      const result = evaluate([mfaPolicy({ includeUsers: ['All'] }, { state: 'disabled' })]);
      assert.equal(result.level, 'none');
      assert.deepEqual(result.notes, ["policy 'Require MFA for admins' is turned off"]);
    });

    it('a report-only policy does not cover, and the note says it is report-only', () => {
      const result = evaluate([mfaPolicy({ includeUsers: ['All'] }, { state: 'enabledForReportingButNotEnforced' })]);
      assert.equal(result.level, 'none');
      assert.match(result.notes[0], /policy 'Require MFA for admins' is report-only/);
    });

    it('a policy whose grant is not MFA (block, compliant device alone) is not counted and not mentioned', () => {
      const block = mfaPolicy({ includeUsers: ['All'] }, { displayName: 'Block legacy', grantControls: { operator: 'OR', builtInControls: ['block'] } });
      const device = mfaPolicy({ includeUsers: ['All'] }, { displayName: 'Compliant device', grantControls: { operator: 'OR', builtInControls: ['compliantDevice'] } });
      const result = evaluate([block, device]);
      assert.equal(result.level, 'none');
      assert.ok(!result.notes.some((n) => /Block legacy|Compliant device/.test(n)));
    });

    it('MFA required together with another control (AND) still counts as MFA', () => {
      const policy = mfaPolicy({ includeUsers: ['All'] }, { grantControls: { operator: 'AND', builtInControls: ['mfa', 'compliantDevice'] } });
      assert.equal(evaluate([policy]).level, 'full');
    });

    it('MFA as one of several alternatives (OR) is partial: the other control satisfies it without MFA', () => {
      const policy = mfaPolicy({ includeUsers: ['All'] }, { grantControls: { operator: 'OR', builtInControls: ['mfa', 'compliantDevice'] } });
      const result = evaluate([policy]);
      assert.equal(result.level, 'partial');
      assert.match(result.notes.join(), /MFA or compliantDevice satisfies it/);
    });

    it('an authentication strength counts as requiring MFA', () => {
      const policy = mfaPolicy({ includeUsers: ['All'] }, {
        grantControls: { operator: 'OR', builtInControls: [], authenticationStrength: { id: '00000000-0000-0000-0000-000000000004', displayName: 'Phishing-resistant MFA' } },
      });
      assert.equal(evaluate([policy]).level, 'full');
    });
  });

  describe('who the policy includes and excludes', () => {
    it('a policy naming the admin includes them', () => {
      assert.equal(evaluate([mfaPolicy({ includeUsers: [ADMIN_ID] })]).level, 'full');
    });

    it('a policy naming someone else is not about this admin', () => {
      const result = evaluate([mfaPolicy({ includeUsers: [OTHER_USER_ID] })]);
      assert.equal(result.level, 'none');
      assert.ok(!result.notes.some((n) => /Require MFA for admins/.test(n)));
    });

    it('a policy including a group the admin is in through a nested group includes them', () => {
      const result = evaluate([mfaPolicy({ includeGroups: [GROUP_ID] })], { memberOfGroupIds: [NESTED_GROUP_ID, GROUP_ID] });
      assert.equal(result.level, 'full');
    });

    it('a policy including a group the admin is not in does not cover them', () => {
      assert.equal(evaluate([mfaPolicy({ includeGroups: [GROUP_ID] })], { memberOfGroupIds: [NESTED_GROUP_ID] }).level, 'none');
    });

    it('a policy including one of the admin\'s active roles covers them', () => {
      assert.equal(evaluate([mfaPolicy({ includeRoles: [GLOBAL_ADMIN, EXCHANGE_ADMIN] })]).level, 'full');
    });

    it('a role held through a role-assignable group is active and counts', () => {
      const viaGroup = admin({ roles: [role(EXCHANGE_ADMIN, 'active', { id: GROUP_ID, displayName: 'Messaging Operations' })] });
      assert.equal(evaluate([mfaPolicy({ includeRoles: [EXCHANGE_ADMIN] })], {}, viaGroup).level, 'full');
    });

    it('an eligible-only role covers the admin only while activated: partial, and the note says so', () => {
      const eligible = admin({ roles: [role(PRIVILEGED_ROLE_ADMIN, 'eligible')] });
      const result = evaluate([mfaPolicy({ includeRoles: [PRIVILEGED_ROLE_ADMIN] })], {}, eligible);
      assert.equal(result.level, 'partial');
      assert.match(result.notes.join(), /only while the eligible role Privileged Role Administrator is activated/);
    });

    it('a user exclusion takes the admin out, and the note names the policy and the exclusion', () => {
      const result = evaluate([mfaPolicy({ includeRoles: [EXCHANGE_ADMIN], excludeUsers: [ADMIN_ID] })]);
      assert.equal(result.level, 'none');
      assert.deepEqual(result.notes, ["excluded from 'Require MFA for admins' by user exclusion"]);
    });

    it('a group exclusion through nested membership takes the admin out, named by the group', () => {
      const result = evaluate([mfaPolicy({ includeUsers: ['All'], excludeGroups: [GROUP_ID] })], {
        memberOfGroupIds: [NESTED_GROUP_ID, GROUP_ID],
        groupNames: new Map([[GROUP_ID, 'Break glass']]),
      });
      assert.equal(result.level, 'none');
      assert.deepEqual(result.notes, ["excluded from 'Require MFA for admins' by group 'Break glass'"]);
    });

    it('a role exclusion takes the admin out', () => {
      const result = evaluate([mfaPolicy({ includeUsers: ['All'], excludeRoles: [EXCHANGE_ADMIN] })]);
      assert.equal(result.level, 'none');
      assert.match(result.notes[0], /by role 'Exchange Administrator'/);
    });

    it('an exclusion from one policy does not matter when another covers the admin fully, but stays as a note', () => {
      const excluded = mfaPolicy({ includeRoles: [EXCHANGE_ADMIN], excludeUsers: [ADMIN_ID] });
      const everyone = mfaPolicy({ includeUsers: ['All'] }, { id: 'policy-2', displayName: 'MFA for everyone' });
      const result = evaluate([excluded, everyone]);
      assert.equal(result.level, 'full');
      assert.deepEqual(result.by, ["Conditional Access policy 'MFA for everyone'"]);
      assert.match(result.notes.join(), /excluded from 'Require MFA for admins'/);
    });
  });

  describe('apps and conditions', () => {
    it('a policy for some apps only is partial', () => {
      const policy = mfaPolicy({ includeUsers: ['All'] }, {}, { applications: { includeApplications: ['MicrosoftAdminPortals'], excludeApplications: [] } });
      const result = evaluate([policy]);
      assert.equal(result.level, 'partial');
      assert.match(result.notes.join(), /only for Microsoft admin portals/);
    });

    it('all apps but some excluded is partial', () => {
      const policy = mfaPolicy({ includeUsers: ['All'] }, {}, { applications: { includeApplications: ['All'], excludeApplications: ['00000002-0000-0ff1-ce00-000000000000'] } });
      const result = evaluate([policy]);
      assert.equal(result.level, 'partial');
      assert.match(result.notes.join(), /not for 1 excluded app/);
    });

    it('a policy for user actions only (registering security info) does not cover sign-in', () => {
      const policy = mfaPolicy({ includeUsers: ['All'] }, {}, { applications: { includeApplications: [], includeUserActions: ['urn:user:registersecurityinfo'] } });
      const result = evaluate([policy]);
      assert.equal(result.level, 'none');
      assert.match(result.notes[0], /only for user actions/);
    });

    const partialConditions: [string, Partial<NonNullable<ConditionalAccessPolicy['conditions']>>, RegExp][] = [
      ['trusted locations excluded', { locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } }, /not from trusted locations/],
      ['some platforms', { platforms: { includePlatforms: ['windows', 'macOS'], excludePlatforms: [] } }, /only on windows, macOS/],
      ['legacy clients only', { clientAppTypes: ['exchangeActiveSync', 'other'] }, /only for client apps exchangeActiveSync, other/],
      ['high user risk only', { userRiskLevels: ['high'] }, /only when user risk is high/],
      ['medium or high sign-in risk only', { signInRiskLevels: ['medium', 'high'] }, /only when sign-in risk is medium, high/],
      ['a device filter', { devices: { deviceFilter: { mode: 'exclude', rule: 'device.trustType -eq "ServerAD"' } } }, /not matching a device filter/],
    ];
    for (const [what, conditions, note] of partialConditions) {
      it(`a covering policy limited to ${what} is partial, with the reason`, () => {
        const result = evaluate([mfaPolicy({ includeUsers: ['All'] }, {}, conditions)]);
        assert.equal(result.level, 'partial');
        assert.match(result.notes.join(), note);
      });
    }

    it('conditions that include everything (all locations, all platforms, all client apps) keep it full', () => {
      const policy = mfaPolicy({ includeUsers: ['All'] }, {}, {
        locations: { includeLocations: ['All'], excludeLocations: [] },
        platforms: { includePlatforms: ['all'], excludePlatforms: [] },
        clientAppTypes: ['all'],
      });
      assert.equal(evaluate([policy]).level, 'full');
    });
  });

  describe('per-user MFA', () => {
    it('per-user MFA enforced requires MFA at every sign-in', () => {
      const result = evaluate([], { perUserMfaState: 'enforced' });
      assert.equal(result.level, 'full');
      assert.deepEqual(result.by, ['per-user MFA (enforced)']);
    });

    it('per-user MFA enabled (not enforced) is partial: enforced only after registration', () => {
      const result = evaluate([], { perUserMfaState: 'enabled' });
      assert.equal(result.level, 'partial');
      assert.deepEqual(result.by, ['per-user MFA (enabled)']);
      assert.match(result.notes.join(), /enforced only once the user registers, and until then legacy authentication takes the password alone/);
    });

    it('per-user MFA disabled adds nothing', () => {
      assert.equal(evaluate([], { perUserMfaState: 'disabled' }).level, 'none');
    });
  });

  it('a user administrator not named by an admin-roles policy is not covered by it', () => {
    const userAdmin = admin({ roles: [role(USER_ADMIN)] });
    assert.equal(evaluate([mfaPolicy({ includeRoles: [GLOBAL_ADMIN] })], {}, userAdmin).level, 'none');
  });
});
