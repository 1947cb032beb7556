import { EXCHANGE_ADMINISTRATOR, EXCHANGE_ONLINE_APP_ID, GLOBAL_ADMINISTRATOR } from '../../apps/catalog';
import type { AppRule } from '../rule';

export const exchangePowerShellAsApp: AppRule = {
  id: 'exchange-powershell-as-app',
  title: 'Can run Exchange Online PowerShell as itself',
  why:
    'Exchange.ManageAsApp together with the Exchange Administrator or Global Administrator role is exactly what ' +
    'attackers gave their OAuth app to create inbound connectors and header-stripping transport rules, relay spam, ' +
    'and delete the evidence afterwards.',
  fix:
    'Unless this is a known automation account, contain the app now: disable it, revoke Exchange.ManageAsApp, remove ' +
    'its roles and credentials, then check "show new connectors" and "show transport rules".',
  evaluate(app) {
    const manageAsApp = app.permissions.some((p) => p.resourceAppId === EXCHANGE_ONLINE_APP_ID && p.permission === 'Exchange.ManageAsApp');
    const roles = app.roles.filter((r) => r.roleDefinitionId === EXCHANGE_ADMINISTRATOR || r.roleDefinitionId === GLOBAL_ADMINISTRATOR);
    if (!manageAsApp || roles.length === 0) return [];
    const names = [...new Set(roles.map((r) => r.roleName))].join(' and ');
    return [{ severity: 'critical', detail: `Exchange.ManageAsApp plus ${names}.` }];
  },
};
