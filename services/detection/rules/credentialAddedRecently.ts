import { holdsHighImpactAccess } from '../../apps/evidence';
import { credentialsOf, isActive } from '../../apps/credentials';
import { dateWithAge, daysBetween } from '../dates';
import type { AppRule } from '../rule';

export const RECENT_CREDENTIAL_DAYS = 30;

export const credentialAddedRecently: AppRule = {
  id: 'credential-added-recently',
  title: 'A credential was added recently',
  why:
    'Adding a secret or certificate is how an attacker who controls an admin account turns a powerful app into a ' +
    'back door that survives password resets and MFA on the admin.',
  fix:
    'Ask the app\'s owner whether they added it. If not, remove the credential, then look at who added it in the ' +
    'audit evidence and revoke that account\'s sessions.',
  aboutAChange: true,
  evaluate(app, context) {
    const powerful = holdsHighImpactAccess(app);
    return credentialsOf(app)
      .filter((c) => isActive(c, context.now) && c.startDateTime && daysBetween(c.startDateTime, context.now) <= RECENT_CREDENTIAL_DAYS)
      .map((c) => ({
        severity: powerful ? 'high' : 'medium',
        detail: `${c.kind === 'secret' ? 'Client secret' : 'Certificate'} "${c.name}" on the ${c.on === 'application' ? 'app registration' : 'service principal'}, added ${dateWithAge(c.startDateTime, context.now)}.`,
      }));
  },
};
