import { dateWithAge, daysBetween } from '../../detection/dates';
import type { AdminRule } from '../rule';

export const STALE_AFTER_DAYS = 90;

export const staleAdmin: AdminRule = {
  id: 'stale-admin',
  title: `Admin account not used for ${STALE_AFTER_DAYS} days`,
  why:
    'An admin account nobody signs in to is nobody\'s to watch: a takeover goes unnoticed, and its roles are ' +
    'standing access no one needs.',
  fix:
    'Ask whether the person still needs the role. If not, remove the role assignment (or make it eligible through PIM); ' +
    'if the account itself is unused, block its sign-in.',
  evaluate(account, context) {
    if (!account.lastSignIn || daysBetween(account.lastSignIn, context.now) < STALE_AFTER_DAYS) return [];
    return [{ severity: 'low', detail: `Last sign-in ${dateWithAge(account.lastSignIn, context.now)}.` }];
  },
};
