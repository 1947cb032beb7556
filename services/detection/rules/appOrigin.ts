import { MICROSOFT_TENANT_ID } from '../../apps/catalog';
import type { AppRule } from '../rule';

const MULTI_TENANT = new Set(['AzureADMultipleOrgs', 'AzureADandPersonalMicrosoftAccount']);

export const unverifiedOrigin: AppRule = {
  id: 'unverified-origin',
  title: 'Nobody vouches for who made it',
  why:
    'A third-party app without a verified publisher, or an app registered here that other organisations can sign in to, ' +
    'is the shape attacker-made apps take: multi-tenant so one registration serves many victims, never verified.',
  fix:
    'Find out who asked for the app. For a third-party app, check the vendor and prefer verified publishers; for an app ' +
    'registered here, set its supported account types to this organisation only unless it really serves others.',
  evaluate(app, context) {
    const sp = app.servicePrincipal;
    const owner = sp.appOwnerOrganizationId;
    if (owner === MICROSOFT_TENANT_ID) return [];
    if (owner === context.tenantId) {
      const audience = app.application?.signInAudience ?? sp.signInAudience ?? '';
      return MULTI_TENANT.has(audience) ? [{ severity: 'medium', detail: `Registered in this tenant but open to other organisations (${audience}).` }] : [];
    }
    return sp.verifiedPublisher?.verifiedPublisherId
      ? []
      : [{ severity: 'medium', detail: `Third-party app from tenant ${owner ?? 'unknown'} with no verified publisher.` }];
  },
};
