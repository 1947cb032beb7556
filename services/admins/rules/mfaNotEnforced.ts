import { holdsTakeoverRole } from '../roleWords';
import type { AdminRule } from '../rule';

export const mfaNotEnforced: AdminRule = {
  id: 'mfa-not-enforced',
  title: 'MFA is registered but not required at every sign-in',
  why:
    'A registered method protects nothing unless sign-in asks for it. Without a policy that requires MFA, ' +
    'a stolen password is enough, and attackers sign in from where a partial policy does not reach ' +
    '(an excluded location, platform or legacy client).',
  fix:
    'Require MFA for this admin at every sign-in to every cloud app: an enabled Conditional Access policy that includes ' +
    'the admin roles (or all users), with no exclusions but break-glass accounts and no location or platform conditions, ' +
    'ideally with a phishing-resistant authentication strength. Security Defaults do this for tenants without Conditional Access.',
  evaluate(account) {
    if (account.mfaRegistered !== true || account.enforcement.level === 'full') return [];
    const notes = account.enforcement.notes.join('; ');
    if (account.enforcement.level === 'none') {
      return [{ severity: 'medium', detail: `No policy requires MFA of this account${notes ? `: ${notes}` : ''}.` }];
    }
    return [
      {
        severity: holdsTakeoverRole(account.roles) ? 'medium' : 'low',
        detail: `Required only in part, by ${account.enforcement.by.join(', ')}${notes ? `: ${notes}` : ''}.`,
      },
    ];
  },
};
