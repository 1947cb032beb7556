import { anchoredToNow } from './dates';
import type { ConfigurationKind } from './exchange/organization';
import type { ExchangeObject } from './scenario';
import { validateAppendix, type ScenarioAppendix } from './scenarioValidation';
import type { SimState } from './state';
import type { EntityTable } from './table';

/** Why POST /_sim/scenario/append refused a document: 400 (invalid) or 409 (an id the tenant already has). */
export class AppendRefused extends Error {
  constructor(readonly status: 400 | 409, message: string) {
    super(message);
  }
}

type Json = Record<string, unknown>;

const EXCHANGE_KINDS: readonly ConfigurationKind[] = ['inboundConnectors', 'outboundConnectors', 'transportRules'];
const DIRECTORY_COLLECTIONS = ['users', 'groups', 'applications', 'servicePrincipals'] as const;
const OTHER_COLLECTIONS = [
  'appRoleAssignments', 'oauth2PermissionGrants', 'roleAssignments', 'roleEligibilityScheduleInstances',
  'userRegistrationDetails', 'riskyUsers', 'conditionalAccessPolicies', 'directoryAudits',
] as const;

const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** Every id (and unique key) of the document that the running tenant already holds, with its JSON path. */
function collisions(state: SimState, doc: ScenarioAppendix): string[] {
  const { directory } = state;
  const found: string[] = [];
  for (const key of DIRECTORY_COLLECTIONS) {
    list(doc[key]).forEach((item, i) => {
      const existing = directory.directoryObject(String(item.id));
      if (existing) found.push(`${key}[${i}].id: '${String(item.id)}' already exists in the tenant (a ${existing.kind})`);
      if (key === 'applications' || key === 'servicePrincipals') {
        const table: EntityTable = directory[key];
        if ((table.lookup('appId', item.appId) ?? []).length > 0) found.push(`${key}[${i}].appId: '${String(item.appId)}' already exists in the tenant`);
      }
      if (key === 'users' && typeof item.userPrincipalName === 'string' && (directory.users.lookup('userPrincipalName', item.userPrincipalName) ?? []).length > 0) {
        found.push(`users[${i}].userPrincipalName: '${item.userPrincipalName}' already exists in the tenant`);
      }
    });
  }
  for (const key of OTHER_COLLECTIONS) {
    list(doc[key]).forEach((item, i) => {
      if (directory[key].get(String(item.id))) found.push(`${key}[${i}].id: '${String(item.id)}' already exists in the tenant`);
    });
  }
  for (const kind of EXCHANGE_KINDS) {
    list(doc.exchange?.[kind]).forEach((object, i) => {
      for (const property of ['Identity', 'Name']) {
        if (state.exchange.named(kind, String(object[property]))) found.push(`exchange.${kind}[${i}].${property}: '${String(object[property])}' already exists in the tenant`);
      }
    });
  }
  list(doc.exchange?.auditRecords).forEach((record, i) => {
    if (state.auditLog.has(String(record.id))) found.push(`exchange.auditRecords[${i}].id: '${String(record.id)}' already exists in the tenant`);
  });
  return found;
}

/**
 * POST /_sim/scenario/append: validates a partial scenario with the loader's rules (references may point at the
 * running tenant), refuses ids the tenant already has, anchors its dates like a scenario's (when it has `now`),
 * then adds it: directory tables and their indexes, Exchange objects, audit records.
 */
export function appendToTenant(state: SimState, raw: unknown, realNow: Date = new Date()): void {
  const { directory } = state;
  let doc: ScenarioAppendix;
  try {
    doc = validateAppendix(raw, {
      isUser: (id) => directory.users.get(id) !== undefined,
      group: (id) => directory.groups.get(id),
      servicePrincipal: (id) => directory.servicePrincipals.get(id),
      isRoleDefinition: (id) => directory.roleDefinitions.get(id) !== undefined,
    });
  } catch (error) {
    throw new AppendRefused(400, (error as Error).message);
  }
  const taken = collisions(state, doc);
  if (taken.length > 0) throw new AppendRefused(409, `Conflicting appended scenario:\n${taken.map((line) => `  - ${line}`).join('\n')}`);
  const anchored = anchoredToNow(doc, realNow);
  directory.append({
    users: anchored.users ?? [],
    groups: anchored.groups ?? [],
    applications: anchored.applications ?? [],
    servicePrincipals: anchored.servicePrincipals ?? [],
    appRoleAssignments: anchored.appRoleAssignments ?? [],
    oauth2PermissionGrants: anchored.oauth2PermissionGrants ?? [],
    roleAssignments: anchored.roleAssignments ?? [],
    roleEligibilityScheduleInstances: anchored.roleEligibilityScheduleInstances ?? [],
    userRegistrationDetails: anchored.userRegistrationDetails ?? [],
    riskyUsers: anchored.riskyUsers ?? [],
    conditionalAccessPolicies: anchored.conditionalAccessPolicies ?? [],
    directoryAudits: anchored.directoryAudits ?? [],
  });
  for (const kind of EXCHANGE_KINDS) {
    for (const object of anchored.exchange?.[kind] ?? []) state.exchange.add(kind, { ...(object as ExchangeObject) });
  }
  state.auditLog.append(anchored.exchange?.auditRecords ?? []);
}
