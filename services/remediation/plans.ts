import type { ExchangeAdmin } from '../exchange/exchangeAdmin';
import type { GraphApi } from '../graph/graphApi';
import { loadApp, type AppTarget } from './planning/appTarget';
import { containPlan } from './planning/containPlan';
import { isRefusal, refuse, type Refusal } from './planning/draft';
import { connectorPlan, transportRulePlan } from './planning/exchangePlans';
import { disableAppPlan, removeCredentialsPlan, removeRolePlan, revokePermissionPlan } from './planning/itemPlans';
import { revokeSessionsPlan } from './planning/sessionsPlan';
import { expectConnectorPlan, forgetPlan, trustAppPlan } from './planning/knownGoodPlans';
import { blockSignInPlan, confirmCompromisedPlan } from './planning/userPlans';
import type { KnownGood } from '../watch/knownGood';
import type { FindingReference, RemediationPlan } from './types';

export type { Refusal } from './planning/draft';

export interface PlanDeps {
  graph: GraphApi;
  exchange: ExchangeAdmin;
  tenantId: string;
  now: Date;
  /** Emergency-access accounts (object ids or UPNs) that are never blocked. */
  breakGlassAccounts?: string[];
  /** For expect, trust and forget: the known-good list. */
  knownGood?: KnownGood;
}

async function appPlan(deps: PlanDeps, reference: FindingReference, make: (target: AppTarget) => Promise<RemediationPlan | Refusal> | RemediationPlan | Refusal) {
  const target = await loadApp(deps, reference.target.trim());
  return isRefusal(target) ? target : make(target);
}

function needsItem(reference: FindingReference, what: string): Refusal | undefined {
  return reference.item?.trim() ? undefined : refuse(`the request does not say which ${what} to remove`);
}

/**
 * The plan for a finding as the tenant is now: only the kind, the target and the item of the request
 * are used; everything else is read again, and a finding that no longer holds is refused.
 */
export async function buildPlan(reference: FindingReference, deps: PlanDeps): Promise<RemediationPlan | Refusal> {
  const item = reference.item?.trim();
  switch (reference.kind) {
    case 'contain':
      return appPlan(deps, reference, containPlan);
    case 'revokePermission':
      return needsItem(reference, 'permission') ?? appPlan(deps, reference, (target) => revokePermissionPlan(deps.graph, target, item as string));
    case 'removeRole':
      return needsItem(reference, 'role') ?? appPlan(deps, reference, (target) => removeRolePlan(deps.graph, target, item as string));
    case 'removeCredentials':
      return appPlan(deps, reference, (target) => removeCredentialsPlan(target, item || undefined));
    case 'disableApp':
      return appPlan(deps, reference, disableAppPlan);
    case 'disableConnector':
    case 'removeConnector':
      return connectorPlan(deps, reference.kind, reference.target);
    case 'disableTransportRule':
    case 'removeTransportRule':
      return transportRulePlan(deps, reference.kind, reference.target);
    case 'revokeSessions':
      return revokeSessionsPlan(deps.graph, reference.target.trim());
    case 'confirmCompromised':
      return confirmCompromisedPlan(deps.graph, reference.target.trim());
    case 'blockSignIn':
      return blockSignInPlan(deps.graph, reference.target.trim(), { breakGlassAccounts: deps.breakGlassAccounts ?? [] });
    case 'expectConnector':
    case 'trustApp':
    case 'forgetKnownGood': {
      if (!deps.knownGood) return refuse('the known-good list is not available');
      const knownGoodDeps = { ...deps, knownGood: deps.knownGood };
      if (reference.kind === 'expectConnector') return expectConnectorPlan(knownGoodDeps, reference.target.trim());
      if (reference.kind === 'trustApp') return trustAppPlan(knownGoodDeps, reference.target.trim().toLowerCase());
      return forgetPlan(knownGoodDeps, reference.target);
    }
  }
}
