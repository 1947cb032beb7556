import type { AppRule } from '../rule';
import { MICROSOFT_TENANT_ID } from '../../apps/catalog';

export const noOwner: AppRule = {
  id: 'no-owner',
  title: 'Has no owner',
  why: 'Without an owner nobody is answerable for the app, and nobody notices when its access or credentials change.',
  fix: 'Assign at least two owners who know what the app is for, or remove the app if nobody claims it.',
  evaluate(app, context) {
    const homeApp = app.servicePrincipal.appOwnerOrganizationId === context.tenantId;
    if (app.servicePrincipal.appOwnerOrganizationId === MICROSOFT_TENANT_ID || !homeApp || app.owners.length > 0) return [];
    return [{ severity: 'low', detail: 'Neither the app registration nor the service principal has an owner.' }];
  },
};
