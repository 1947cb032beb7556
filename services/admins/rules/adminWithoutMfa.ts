import { holdsTakeoverRole, rolesText } from '../roleWords';
import type { AdminRule } from '../rule';

function methodsText(methods: string[]): string {
  return methods.length ? `only ${methods.join(', ')}, which cannot answer an MFA prompt` : 'no method at all';
}

export const adminWithoutMfa: AdminRule = {
  id: 'admin-without-mfa',
  title: 'Admin account has no MFA method registered',
  why:
    'With only a password, anyone who phishes, guesses or buys that password signs in as this admin. ' +
    'This is how the attack this tool watches for starts: an admin account without MFA is taken over, ' +
    'then used to give an app Exchange and directory powers.',
  fix:
    'Have the admin register a phishing-resistant method (a passkey or FIDO2 key, or Microsoft Authenticator) today, ' +
    'then require MFA for every admin with a Conditional Access policy (or Security Defaults) that excludes no one but ' +
    'break-glass accounts. Until then, consider blocking sign-in for this account.',
  evaluate(account) {
    if (account.mfaRegistered !== false) return [];
    const enforcement = account.enforcement.level === 'none' ? ` No policy would ask for MFA either${account.enforcement.notes.length ? `: ${account.enforcement.notes.join('; ')}` : ''}.` : '';
    return [
      {
        severity: holdsTakeoverRole(account.roles) ? 'critical' : 'high',
        detail: `Registered: ${methodsText(account.methodsRegistered)}. Holds ${rolesText(account.roles)}.${enforcement}`,
      },
    ];
  },
};
