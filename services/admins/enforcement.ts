import type {
  ConditionalAccessApplications,
  ConditionalAccessConditionSet,
  ConditionalAccessGrantControls,
  ConditionalAccessPolicy,
  ConditionalAccessUsers,
} from '@microsoft/microsoft-graph-types';
import { privilegedRole } from '../apps/catalog';
import type { AdminAccount, MfaEnforcement } from './types';

/** Per-user MFA (the legacy per-account setting), as beta /users/{id}/authentication/requirements gives it. */
export type PerUserMfaState = 'disabled' | 'enabled' | 'enforced' | 'unknownFutureValue';

export interface EnforcementInputs {
  /** undefined when the setting could not be read. */
  securityDefaults?: boolean;
  /** undefined when the policies could not be read. */
  policies?: ConditionalAccessPolicy[];
  /** Every group the account is a member of, directly or through nested groups. */
  memberOfGroupIds: string[];
  /** Role template ids the account holds ACTIVELY (directly or through a group): the roles Conditional Access sees. */
  roleTemplateIds: string[];
  perUserMfaState?: PerUserMfaState;
  /** Names for the groups a note may mention; the id is shown otherwise. */
  groupNames?: ReadonlyMap<string, string>;
}

/** What the evaluation needs of the account: who it is and which roles it holds, active or eligible. */
export type EnforcedAccount = Pick<AdminAccount, 'id' | 'roles'>;

interface Subject {
  id: string;
  groups: Set<string>;
  activeRoles: Set<string>;
  /** Held as eligible only: Conditional Access sees them once activated. */
  eligibleRoles: Set<string>;
  groupName(id: string): string;
}

type Verdict =
  | { kind: 'irrelevant' }
  | { kind: 'nearMiss'; note: string }
  | { kind: 'covers'; limits: string[] };

const roleName = (id: string) => privilegedRole(id)?.name ?? id;
const list = (items: string[]) => items.join(', ');

/** Does the grant demand MFA? true, false, or the alternatives that satisfy it instead. */
function mfaDemand(grant: ConditionalAccessGrantControls | null | undefined): true | false | string {
  if (!grant) return false;
  if (grant.authenticationStrength) return true;
  const controls = grant.builtInControls ?? [];
  if (!controls.includes('mfa')) return false;
  if ((grant.operator ?? 'OR').toUpperCase() === 'AND') return true;
  const alternatives = [...controls.filter((c) => c !== 'mfa'), ...(grant.customAuthenticationFactors ?? []).map((c) => `custom control ${c}`)];
  return alternatives.length === 0 ? true : `MFA or ${list(alternatives)} satisfies it`;
}

function inclusion(users: ConditionalAccessUsers, who: Subject): { by: string } | { eligibleOnly: string[] } | undefined {
  const includeUsers = users.includeUsers ?? [];
  if (includeUsers.includes('All')) return { by: 'all users' };
  if (includeUsers.includes(who.id)) return { by: 'name' };
  const group = (users.includeGroups ?? []).find((g) => who.groups.has(g));
  if (group) return { by: `group '${who.groupName(group)}'` };
  const roles = users.includeRoles ?? [];
  const active = roles.find((r) => who.activeRoles.has(r));
  if (active) return { by: `role '${roleName(active)}'` };
  const eligible = roles.filter((r) => who.eligibleRoles.has(r));
  return eligible.length ? { eligibleOnly: eligible.map(roleName) } : undefined;
}

function exclusion(users: ConditionalAccessUsers, who: Subject): string | undefined {
  if ((users.excludeUsers ?? []).includes(who.id)) return 'user exclusion';
  const group = (users.excludeGroups ?? []).find((g) => who.groups.has(g));
  if (group) return `group '${who.groupName(group)}'`;
  const role = (users.excludeRoles ?? []).find((r) => who.activeRoles.has(r));
  return role ? `role '${roleName(role)}'` : undefined;
}

const APP_GROUPS: Record<string, string> = { Office365: 'Office 365 apps', MicrosoftAdminPortals: 'Microsoft admin portals' };

/** undefined: every cloud app; a string: how the apps are limited; 'none': no sign-in at all (user actions only). */
function appLimit(apps: ConditionalAccessApplications | null | undefined): string | undefined | 'none' {
  const include = apps?.includeApplications ?? [];
  const exclude = apps?.excludeApplications ?? [];
  if (include.length === 0) return 'none';
  if (include.includes('All')) {
    if (exclude.length) return `not for ${exclude.length} excluded app${exclude.length === 1 ? '' : 's'}`;
    return apps?.applicationFilter ? 'only for apps matching an app filter' : undefined;
  }
  const named = include.map((app) => APP_GROUPS[app]).filter(Boolean);
  const others = include.length - named.length;
  return `only for ${list([...named, ...(others ? [`${others} selected app${others === 1 ? '' : 's'}`] : [])])}`;
}

function conditionLimits(conditions: ConditionalAccessConditionSet): string[] {
  const limits: string[] = [];
  const includeLocations = conditions.locations?.includeLocations ?? [];
  const excludeLocations = conditions.locations?.excludeLocations ?? [];
  if (includeLocations.includes('AllTrusted')) limits.push('only from trusted locations');
  else if (includeLocations.length && !includeLocations.includes('All')) limits.push('only from some locations');
  if (excludeLocations.includes('AllTrusted')) limits.push('not from trusted locations');
  else if (excludeLocations.length) limits.push(`not from ${excludeLocations.length} excluded location${excludeLocations.length === 1 ? '' : 's'}`);
  const includePlatforms = conditions.platforms?.includePlatforms ?? [];
  const excludePlatforms = conditions.platforms?.excludePlatforms ?? [];
  if (includePlatforms.length && !includePlatforms.includes('all')) limits.push(`only on ${list(includePlatforms)}`);
  if (excludePlatforms.length) limits.push(`not on ${list(excludePlatforms)}`);
  const clientApps = conditions.clientAppTypes ?? [];
  if (clientApps.length && !clientApps.includes('all')) limits.push(`only for client apps ${list(clientApps)}`);
  if (conditions.userRiskLevels?.length) limits.push(`only when user risk is ${list(conditions.userRiskLevels)}`);
  if (conditions.signInRiskLevels?.length) limits.push(`only when sign-in risk is ${list(conditions.signInRiskLevels)}`);
  if (conditions.insiderRiskLevels) limits.push(`only at insider risk ${conditions.insiderRiskLevels}`);
  if (conditions.devices?.deviceFilter) limits.push(`only for devices ${conditions.devices.deviceFilter.mode === 'exclude' ? 'not ' : ''}matching a device filter`);
  if (conditions.authenticationFlows?.transferMethods) limits.push(`only for ${conditions.authenticationFlows.transferMethods} sign-ins`);
  return limits;
}

const STATE_WORDS: Record<string, string> = {
  disabled: 'is turned off',
  enabledForReportingButNotEnforced: 'is report-only: it logs sign-ins but does not require MFA',
};

function judgePolicy(policy: ConditionalAccessPolicy, who: Subject): Verdict {
  const name = `'${policy.displayName ?? policy.id}'`;
  const demand = mfaDemand(policy.grantControls);
  const conditions = policy.conditions ?? {};
  const included = conditions.users ? inclusion(conditions.users, who) : undefined;
  if (demand === false || !included) return { kind: 'irrelevant' };
  const excludedBy = exclusion(conditions.users!, who);
  const state = policy.state ?? 'disabled';
  if (excludedBy) return { kind: 'nearMiss', note: `excluded from ${name} by ${excludedBy}${state === 'enabled' ? '' : ` (the policy ${STATE_WORDS[state] ?? state} anyway)`}` };
  if (state !== 'enabled') return { kind: 'nearMiss', note: `policy ${name} ${STATE_WORDS[state] ?? `is ${state}`}` };
  const apps = appLimit(conditions.applications);
  if (apps === 'none') return { kind: 'nearMiss', note: `policy ${name} requires MFA only for user actions or authentication contexts, not at sign-in` };
  const limits = [
    ...('eligibleOnly' in included ? [`only while the eligible role ${list(included.eligibleOnly)} is activated (PIM)`] : []),
    ...(typeof demand === 'string' ? [demand] : []),
    ...(apps ? [apps] : []),
    ...conditionLimits(conditions),
  ];
  return { kind: 'covers', limits };
}

function subjectOf(account: EnforcedAccount, inputs: EnforcementInputs): Subject {
  const activeRoles = new Set(inputs.roleTemplateIds);
  const eligibleRoles = new Set(account.roles.filter((r) => r.assignment === 'eligible' && !activeRoles.has(r.roleDefinitionId)).map((r) => r.roleDefinitionId));
  return {
    id: account.id,
    groups: new Set(inputs.memberOfGroupIds),
    activeRoles,
    eligibleRoles,
    groupName: (id) => inputs.groupNames?.get(id) ?? id,
  };
}

/**
 * Is MFA required of this admin at sign-in? Security Defaults, enabled Conditional Access policies
 * that demand MFA of every cloud app, or per-user MFA "enforced" make it full; a covering policy
 * limited by conditions, apps or eligibility makes it partial; the notes say what nearly applied.
 */
export function evaluateEnforcement(account: EnforcedAccount, inputs: EnforcementInputs): MfaEnforcement {
  const who = subjectOf(account, inputs);
  const full: string[] = [];
  const partial: string[] = [];
  const notes: string[] = [];
  if (inputs.securityDefaults === true) full.push('Security Defaults');
  if (inputs.securityDefaults === undefined) notes.push('the Security Defaults setting could not be read');
  if (inputs.policies === undefined) notes.push('the Conditional Access policies could not be read');
  for (const policy of inputs.policies ?? []) {
    const verdict = judgePolicy(policy, who);
    const source = `Conditional Access policy '${policy.displayName ?? policy.id}'`;
    if (verdict.kind === 'nearMiss') notes.push(verdict.note);
    if (verdict.kind === 'covers' && verdict.limits.length === 0) full.push(source);
    if (verdict.kind === 'covers' && verdict.limits.length > 0) {
      partial.push(source);
      notes.push(`'${policy.displayName ?? policy.id}' applies ${verdict.limits.join('; ')}`);
    }
  }
  if (inputs.perUserMfaState === 'enforced') full.push('per-user MFA (enforced)');
  if (inputs.perUserMfaState === 'enabled') {
    partial.push('per-user MFA (enabled)');
    notes.push('per-user MFA is enabled, not enforced: it is enforced only once the user registers, and until then legacy authentication takes the password alone');
  }
  if (full.length) return { level: 'full', by: full, notes };
  if (partial.length) return { level: 'partial', by: partial, notes };
  if (notes.length === 0) notes.push('no Conditional Access policy requires MFA of this account, and Security Defaults are off');
  return { level: 'none', by: [], notes };
}
