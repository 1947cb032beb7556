import { HIGH_IMPACT_DELEGATED_SCOPES } from '../../apps/catalog';
import { highImpactScopes } from '../../apps/delegated';
import { highest } from '../severity';
import type { AppRule } from '../rule';

export const tenantWideDelegatedGrant: AppRule = {
  id: 'tenant-wide-delegated-grant',
  title: 'Was consented for every user with high-impact scopes',
  why:
    'An admin consent for all users lets the app act as any user who signs in to it, over that user\'s mail or the directory. ' +
    'Consent phishing relies on exactly this.',
  fix:
    'If the app does not need these scopes for everyone, delete the delegated permission grant and let users consent ' +
    'individually, or require admin approval through the consent workflow.',
  evaluate(app) {
    return app.delegatedGrants
      .filter((grant) => grant.consentType === 'AllPrincipals')
      .map((grant) => highImpactScopes(grant))
      .filter((scopes) => scopes.length > 0)
      .map((scopes) => ({
        severity: highest(scopes.map((s) => HIGH_IMPACT_DELEGATED_SCOPES[s])),
        detail: `Delegated ${scopes.join(', ')} for all users.`,
      }));
  },
};
