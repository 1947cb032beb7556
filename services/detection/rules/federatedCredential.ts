import { holdsHighImpactAccess } from '../../apps/evidence';
import type { AppRule } from '../rule';

export const federatedCredential: AppRule = {
  id: 'federated-identity-credential',
  title: 'Trusts tokens from an outside identity provider',
  why:
    'A federated identity credential lets anyone who can get a token from the named issuer and subject act as this app, ' +
    'with no secret at all. It does not appear among the app\'s secrets and certificates, so it is easy to miss.',
  fix:
    'Check that the issuer and subject are your own (for example your organisation\'s GitHub repository and environment). ' +
    'Delete any federated credential you do not recognise.',
  evaluate(app) {
    return app.federatedCredentials.map((fic) => ({
      severity: holdsHighImpactAccess(app) ? 'high' : 'medium',
      detail: `"${fic.name ?? 'unnamed'}": issuer ${fic.issuer ?? '?'}, subject ${fic.subject ?? '?'}.`,
    }));
  },
};
