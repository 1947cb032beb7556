import type { ConditionalAccessPolicy, IdentitySecurityDefaultsEnforcementPolicy } from '@microsoft/microsoft-graph-types';
import type { GraphApi, Page } from '../graph/graphApi';
import { gapOf, orRefused, SOURCES } from './gaps';
import { allItems, get, readEntities, type Answer } from './graphReads';
import type { DataGap } from './types';

export interface MfaPolicies {
  /** undefined when it could not be read. */
  securityDefaults?: boolean;
  /** undefined when they could not be read. */
  policies?: ConditionalAccessPolicy[];
  gaps: DataGap[];
}

const STEPS = [
  get('securityDefaults', '/policies/identitySecurityDefaultsEnforcementPolicy'),
  get('conditionalAccess', '/identity/conditionalAccess/policies'),
];

/** Security Defaults and the Conditional Access policies, in one $batch. */
export async function mfaPolicies(graph: GraphApi): Promise<MfaPolicies> {
  const answers = await orRefused(() => readEntities<unknown>(graph, STEPS), STEPS.map((s) => s.id));
  const defaults = answers.get('securityDefaults')!;
  const policies = await allItems(graph, answers.get('conditionalAccess') as Answer<Page<ConditionalAccessPolicy>>);
  const gaps = [gapOf(SOURCES.securityDefaults, defaults), gapOf(SOURCES.conditionalAccess, policies)].filter((g): g is DataGap => g !== undefined);
  return {
    securityDefaults: defaults.ok ? (defaults.value as IdentitySecurityDefaultsEnforcementPolicy).isEnabled === true : undefined,
    policies: policies.ok ? policies.value : undefined,
    gaps,
  };
}

/** Every group a policy includes or excludes, whatever its state: the notes mention report-only policies too. */
export function groupsInPolicies(policies: ConditionalAccessPolicy[]): Set<string> {
  return new Set(policies.flatMap((p) => [...(p.conditions?.users?.includeGroups ?? []), ...(p.conditions?.users?.excludeGroups ?? [])]));
}
