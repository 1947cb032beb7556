import assert from 'node:assert/strict';
import { adminActions } from '../../../bot/views/admins';
import { GLOBAL_ADMINISTRATOR } from '../../../services/apps/catalog';
import type { AdminAccount } from '../../../services/admins/types';

const ID = 'aaaaaaaa-0000-4000-8000-000000000001';

function account(overrides: Partial<AdminAccount> = {}): AdminAccount {
  return {
    id: ID,
    userPrincipalName: 'admin@contoso.onmicrosoft.com',
    displayName: 'Admin',
    accountEnabled: true,
    roles: [{ roleDefinitionId: GLOBAL_ADMINISTRATOR, roleName: 'Global Administrator', assignment: 'active' }],
    mfaRegistered: false,
    methodsRegistered: [],
    registrationSource: 'report',
    enforcement: { level: 'none', by: [], notes: [] },
    riskLevel: 'high',
    ...overrides,
  };
}

const titles = (result: ReturnType<typeof adminActions>) => result.actions.map((a) => a.title);

describe('the buttons offered on an admin row', () => {
  it('offers all three for an ordinary admin when another Global Administrator remains', () => {
    const result = adminActions(account(), { breakGlassAccounts: [], enabledGlobalAdmins: [ID, 'other'], riskAvailable: true });
    assert.deepEqual(titles(result), ['Revoke sessions', 'Confirm compromised', 'Block sign-in']);
    assert.deepEqual(result.guards, []);
  });

  it('never offers to block the last enabled Global Administrator, and says why', () => {
    const result = adminActions(account(), { breakGlassAccounts: [], enabledGlobalAdmins: [ID], riskAvailable: true });
    assert.ok(!titles(result).includes('Block sign-in'));
    assert.match(result.guards.join(' '), /last enabled Global Administrator/);
  });

  it('never offers to block a break-glass account, by UPN or object id', () => {
    for (const name of ['admin@contoso.onmicrosoft.com', ID]) {
      const result = adminActions(account(), { breakGlassAccounts: [name], enabledGlobalAdmins: [ID, 'other'], riskAvailable: true });
      assert.ok(!titles(result).includes('Block sign-in'), name);
      assert.match(result.guards.join(' '), /break-glass/);
    }
  });

  it('does not offer Confirm compromised without Entra ID P2', () => {
    const result = adminActions(account(), { breakGlassAccounts: [], enabledGlobalAdmins: [ID, 'other'], riskAvailable: false });
    assert.ok(!titles(result).includes('Confirm compromised'));
    assert.match(result.guards.join(' '), /P2/);
  });
});
