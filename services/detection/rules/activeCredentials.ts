import { credentialsOf, isActive } from '../../apps/credentials';
import { daysBetween } from '../dates';
import type { AppRule } from '../rule';

const LONG_LIFETIME_DAYS = 365;

export const activeCredentials: AppRule = {
  id: 'active-credentials',
  title: 'Has credentials that can be used to act as the app',
  why:
    'Every valid secret or certificate is a key to everything the app can do. Secrets that live for years, and ' +
    'credentials on the service principal (which the App registrations page does not show), are favourite places to hide one.',
  fix:
    'Keep one credential per real deployment, prefer certificates or managed identities over secrets, give secrets ' +
    'short lifetimes, and remove any credential nobody can account for.',
  evaluate(app, context) {
    const active = credentialsOf(app).filter((c) => isActive(c, context.now));
    if (active.length === 0) return [];
    const secrets = active.filter((c) => c.kind === 'secret').length;
    const certificates = active.length - secrets;
    const onServicePrincipal = active.filter((c) => c.on === 'servicePrincipal').length;
    const longLived = active.filter((c) => c.endDateTime && c.startDateTime && daysBetween(c.startDateTime, new Date(c.endDateTime)) > LONG_LIFETIME_DAYS).length;
    const latestExpiry = active.map((c) => c.endDateTime ?? '').sort().at(-1)?.slice(0, 10) || 'never';
    const parts = [`${secrets} secret(s) and ${certificates} certificate(s) valid, the last expiring ${latestExpiry}`];
    if (onServicePrincipal > 0) parts.push(`${onServicePrincipal} on the service principal, where the portal's App registrations page does not show them`);
    if (longLived > 0) parts.push(`${longLived} valid for more than a year`);
    return [{ severity: onServicePrincipal > 0 || longLived > 0 ? 'medium' : 'low', detail: `${parts.join('; ')}.` }];
  },
};
