import { dateWithAge } from '../../detection/dates';
import type { Severity } from '../../detection/severity';
import { LIVE_RISK_STATES } from '../riskyAdmins';
import type { AdminRule } from '../rule';

const SEVERITY: Record<string, Severity> = { medium: 'high', high: 'critical' };

export const riskyAdmin: AdminRule = {
  id: 'risky-admin',
  title: 'Identity Protection thinks this admin account may be compromised',
  why:
    'Microsoft Entra ID Protection raised the user risk of this account from signals such as leaked credentials, ' +
    'sign-ins from anonymous or unfamiliar places, or token theft. For an admin, a taken-over account means the ' +
    'attacker holds the admin\'s roles.',
  fix:
    'Check the account\'s risky sign-ins and recent changes now (audit log: role, app and consent changes). If anything is not the admin\'s doing, ' +
    'block sign-in, revoke sessions, reset the password and re-register MFA, then confirm the account compromised. ' +
    'If it was the admin, have them change the password with MFA so the risk is remediated.',
  evaluate(account, context) {
    const state = account.riskState ?? '';
    if (!LIVE_RISK_STATES.has(state)) return [];
    const since = account.riskLastUpdated ? ` since ${dateWithAge(account.riskLastUpdated, context.now)}` : '';
    if (state === 'confirmedCompromised') return [{ severity: 'critical', detail: `Confirmed compromised${since}.` }];
    const severity = SEVERITY[account.riskLevel ?? ''];
    if (!severity) return [];
    const reason = account.riskDetail && account.riskDetail !== 'none' ? ` (${account.riskDetail})` : '';
    return [{ severity, detail: `User risk ${account.riskLevel}${reason}${since}.` }];
  },
};
