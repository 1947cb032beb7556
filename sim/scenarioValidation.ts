import { isIsoDateTime } from './dates';
import { isGuid } from './ids';
import { builtInRoleDefinitions } from './roles';
import type { ScenarioExchange, ScenarioFile, ScenarioTenant } from './scenario';

type Json = Record<string, unknown>;

const SCENARIO_KEYS: readonly (keyof ScenarioFile)[] = [
  'tenant', 'now', 'users', 'groups', 'applications', 'servicePrincipals', 'appRoleAssignments',
  'oauth2PermissionGrants', 'roleDefinitions', 'roleAssignments', 'roleEligibilityScheduleInstances',
  'userRegistrationDetails', 'riskyUsers', 'securityDefaults', 'conditionalAccessPolicies', 'directoryAudits',
  'deniedPermissions', 'licenses', 'exchange',
];
const TENANT_KEYS: readonly (keyof ScenarioTenant)[] = ['id', 'displayName', 'defaultDomain'];
const EXCHANGE_KEYS: readonly (keyof ScenarioExchange)[] = ['inboundConnectors', 'outboundConnectors', 'transportRules', 'auditRecords', 'adminAuditLogConfig'];
const EXCHANGE_LISTS = ['inboundConnectors', 'outboundConnectors', 'transportRules', 'auditRecords'] as const;
const RULE_STATES = ['Enabled', 'Disabled'];
/** What POST /_sim/scenario/append takes: the collections (and `now`), never the tenant or its settings. */
const APPEND_KEYS: readonly (keyof ScenarioFile)[] = [
  'now', 'users', 'groups', 'applications', 'servicePrincipals', 'appRoleAssignments', 'oauth2PermissionGrants',
  'roleAssignments', 'roleEligibilityScheduleInstances', 'userRegistrationDetails', 'riskyUsers',
  'conditionalAccessPolicies', 'directoryAudits', 'exchange',
];

const ENTITY_COLLECTIONS = [
  'users', 'groups', 'applications', 'servicePrincipals', 'appRoleAssignments', 'oauth2PermissionGrants',
  'roleDefinitions', 'roleAssignments', 'roleEligibilityScheduleInstances', 'userRegistrationDetails',
  'riskyUsers', 'conditionalAccessPolicies', 'directoryAudits',
] as const;

const DIRECTORY_TYPES: Record<string, string> = {
  users: '#microsoft.graph.user',
  groups: '#microsoft.graph.group',
  applications: '#microsoft.graph.application',
  servicePrincipals: '#microsoft.graph.servicePrincipal',
};

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
const LICENSE_KEYS = ['entraIdP1', 'entraIdP2'];
const PER_USER_MFA_STATES = ['disabled', 'enabled', 'enforced'];
const SIGN_IN_ACTIVITY_DATES = ['lastSignInDateTime', 'lastNonInteractiveSignInDateTime', 'lastSuccessfulSignInDateTime'];
const SIGN_IN_ACTIVITY_REQUEST_IDS = ['lastSignInRequestId', 'lastNonInteractiveSignInRequestId', 'lastSuccessfulSignInRequestId'];
const CA_STATES = ['enabled', 'disabled', 'enabledForReportingButNotEnforced'];

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

class Problems {
  readonly list: string[] = [];
  add(where: string, message: string): void {
    this.list.push(`${where}: ${message}`);
  }
}

function checkKeys(value: Json, allowed: readonly string[], where: string, problems: Problems): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) problems.add(where, `unknown key '${key}' (allowed: ${allowed.join(', ')})`);
  }
}

function entities(raw: Json, key: string): Json[] {
  const value = raw[key];
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** What an appended document's references may also resolve against: the running tenant's objects. */
export interface ExistingReferences {
  isUser(id: string): boolean;
  group(id: string): Json | undefined;
  servicePrincipal(id: string): Json | undefined;
  isRoleDefinition(id: string): boolean;
}

class ReferenceChecker {
  private readonly users = new Set<string>();
  private readonly groups = new Map<string, Json>();
  private readonly servicePrincipals = new Map<string, Json>();
  private readonly roleDefinitions = new Set(builtInRoleDefinitions().map((role) => role.id as string));

  constructor(raw: Json, private readonly existing?: ExistingReferences) {
    for (const user of entities(raw, 'users')) this.users.add(String(user.id));
    for (const group of entities(raw, 'groups')) this.groups.set(String(group.id), group);
    for (const sp of entities(raw, 'servicePrincipals')) this.servicePrincipals.set(String(sp.id), sp);
    for (const role of entities(raw, 'roleDefinitions')) this.roleDefinitions.add(String(role.id));
  }

  isUser(id: unknown): boolean {
    const key = String(id);
    return this.users.has(key) || (this.existing?.isUser(key) ?? false);
  }

  group(id: unknown): Json | undefined {
    const key = String(id);
    return this.groups.get(key) ?? this.existing?.group(key);
  }

  servicePrincipal(id: unknown): Json | undefined {
    const key = String(id);
    return this.servicePrincipals.get(key) ?? this.existing?.servicePrincipal(key);
  }

  isRoleDefinition(id: unknown): boolean {
    const key = String(id);
    return this.roleDefinitions.has(key) || (this.existing?.isRoleDefinition(key) ?? false);
  }

  isPrincipal(id: unknown): boolean {
    return this.isUser(id) || this.group(id) !== undefined || this.servicePrincipal(id) !== undefined;
  }

  isOwner(id: unknown): boolean {
    return this.isUser(id) || this.servicePrincipal(id) !== undefined;
  }
}

function checkShape(raw: Json, problems: Problems, append = false): void {
  checkKeys(raw, append ? APPEND_KEYS : SCENARIO_KEYS, 'top level', problems);
  // An appended document adds to the running tenant: it names no tenant.
  if (!append && !isObject(raw.tenant)) {
    problems.add('tenant', 'required object {id, displayName, defaultDomain}');
  } else if (isObject(raw.tenant)) {
    checkKeys(raw.tenant, TENANT_KEYS, 'tenant', problems);
    if (!isGuid(raw.tenant.id)) problems.add('tenant.id', 'must be a GUID');
    if (typeof raw.tenant.displayName !== 'string') problems.add('tenant.displayName', 'must be a string');
    if (typeof raw.tenant.defaultDomain !== 'string') problems.add('tenant.defaultDomain', 'must be a string');
  }
  if (raw.now !== undefined && (typeof raw.now !== 'string' || !isIsoDateTime(raw.now))) {
    problems.add('now', 'must be an ISO-8601 date-time such as 2025-01-15T09:00:00Z');
  }
  for (const key of ENTITY_COLLECTIONS) {
    const value = raw[key];
    if (value === undefined) continue;
    if (!Array.isArray(value)) {
      problems.add(key, 'must be an array');
      continue;
    }
    value.forEach((item, index) => {
      if (!isObject(item)) problems.add(`${key}[${index}]`, 'must be an object');
      else if (typeof item.id !== 'string' || item.id === '') problems.add(`${key}[${index}].id`, 'required string');
    });
  }
  if (raw.securityDefaults !== undefined) {
    if (!isObject(raw.securityDefaults) || typeof raw.securityDefaults.isEnabled !== 'boolean') {
      problems.add('securityDefaults', 'must be {"isEnabled": true|false}');
    } else {
      checkKeys(raw.securityDefaults, ['isEnabled'], 'securityDefaults', problems);
    }
  }
  if (raw.deniedPermissions !== undefined) {
    if (!Array.isArray(raw.deniedPermissions) || raw.deniedPermissions.some((p) => typeof p !== 'string')) {
      problems.add('deniedPermissions', 'must be an array of permission names');
    }
  }
  checkLicenses(raw.licenses, problems);
  entities(raw, 'users').forEach((user, index) => checkUserExtras(user, `users[${index}]`, problems));
  if (raw.exchange !== undefined) {
    if (!isObject(raw.exchange)) {
      problems.add('exchange', 'must be an object');
    } else {
      checkKeys(raw.exchange, append ? EXCHANGE_LISTS : EXCHANGE_KEYS, 'exchange', problems);
      for (const key of EXCHANGE_LISTS) {
        const value = raw.exchange[key];
        if (value !== undefined && (!Array.isArray(value) || !value.every(isObject))) {
          problems.add(`exchange.${key}`, 'must be an array of objects');
        }
      }
      checkAdminAuditLogConfig(raw.exchange.adminAuditLogConfig, problems);
    }
  }
}

function checkLicenses(licenses: unknown, problems: Problems): void {
  if (licenses === undefined) return;
  if (!isObject(licenses)) {
    problems.add('licenses', 'must be {"entraIdP1": true|false, "entraIdP2": true|false}');
    return;
  }
  checkKeys(licenses, LICENSE_KEYS, 'licenses', problems);
  for (const key of LICENSE_KEYS) {
    if (licenses[key] !== undefined && typeof licenses[key] !== 'boolean') problems.add(`licenses.${key}`, 'must be true or false');
  }
  if (licenses.entraIdP2 === true && licenses.entraIdP1 === false) problems.add('licenses', 'entraIdP2 includes entraIdP1: it cannot be true while entraIdP1 is false');
}

/**
 * signInActivity as Graph returns it (dates may also be "" or 0001-01-01T00:00:00Z, as Microsoft's own example
 * shows for a sign-in type that never happened); perUserMfaState as beta authentication/requirements reports it.
 */
function checkUserExtras(user: Json, where: string, problems: Problems): void {
  if (user.perUserMfaState !== undefined && !PER_USER_MFA_STATES.includes(String(user.perUserMfaState))) {
    problems.add(`${where}.perUserMfaState`, `must be one of ${PER_USER_MFA_STATES.join(', ')}`);
  }
  const activity = user.signInActivity;
  if (activity === undefined || activity === null) return;
  if (!isObject(activity)) {
    problems.add(`${where}.signInActivity`, 'must be an object (or null for a user who never signed in)');
    return;
  }
  checkKeys(activity, ['@odata.type', ...SIGN_IN_ACTIVITY_DATES, ...SIGN_IN_ACTIVITY_REQUEST_IDS], `${where}.signInActivity`, problems);
  if (activity['@odata.type'] !== undefined && activity['@odata.type'] !== '#microsoft.graph.signInActivity') {
    problems.add(`${where}.signInActivity['@odata.type']`, "must be '#microsoft.graph.signInActivity'");
  }
  for (const key of SIGN_IN_ACTIVITY_DATES) {
    const value = activity[key];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string' || !isIsoDateTime(value)) problems.add(`${where}.signInActivity.${key}`, 'must be an ISO-8601 date-time, "" or null');
  }
  for (const key of SIGN_IN_ACTIVITY_REQUEST_IDS) {
    const value = activity[key];
    if (value !== undefined && value !== null && typeof value !== 'string') problems.add(`${where}.signInActivity.${key}`, 'must be a string or null');
  }
}

function checkAdminAuditLogConfig(config: unknown, problems: Problems): void {
  if (config === undefined) return;
  if (!isObject(config)) {
    problems.add('exchange.adminAuditLogConfig', 'must be an object as Get-AdminAuditLogConfig returns it');
    return;
  }
  for (const key of ['UnifiedAuditLogIngestionEnabled', 'AdminAuditLogEnabled', 'TestCmdletLoggingEnabled']) {
    if (config[key] !== undefined && typeof config[key] !== 'boolean') problems.add(`exchange.adminAuditLogConfig.${key}`, 'must be true or false');
  }
}

/** Connectors and rules are found by Identity (or Name/Guid), so those must be there and unique. */
function checkExchangeObjects(exchange: Json, problems: Problems): void {
  for (const key of ['inboundConnectors', 'outboundConnectors', 'transportRules'] as const) {
    const seen = new Set<string>();
    entities(exchange, key).forEach((object, i) => {
      const where = `exchange.${key}[${i}]`;
      for (const property of ['Identity', 'Name']) {
        if (typeof object[property] !== 'string' || object[property] === '') problems.add(`${where}.${property}`, 'required string');
      }
      if (object.Guid !== undefined && !isGuid(object.Guid)) problems.add(`${where}.Guid`, 'must be a GUID');
      const identity = String(object.Identity).toLowerCase();
      if (seen.has(identity)) problems.add(`${where}.Identity`, `duplicate Identity '${String(object.Identity)}'`);
      seen.add(identity);
      if (key !== 'transportRules' && typeof object.Enabled !== 'boolean') problems.add(`${where}.Enabled`, 'must be true or false');
      if (key === 'transportRules' && !RULE_STATES.includes(String(object.State))) problems.add(`${where}.State`, `must be one of ${RULE_STATES.join(', ')}`);
      for (const date of ['WhenCreated', 'WhenChanged']) {
        if (object[date] !== undefined && (typeof object[date] !== 'string' || !isIsoDateTime(object[date] as string))) problems.add(`${where}.${date}`, 'must be an ISO-8601 date-time');
      }
    });
  }
  const ids = new Set<string>();
  entities(exchange, 'auditRecords').forEach((record, i) => {
    const where = `exchange.auditRecords[${i}]`;
    if (typeof record.id !== 'string' || record.id === '') problems.add(`${where}.id`, 'required string');
    else if (ids.has(record.id)) problems.add(`${where}.id`, `duplicate id '${record.id}'`);
    ids.add(String(record.id));
    if (typeof record.createdDateTime !== 'string' || !isIsoDateTime(record.createdDateTime)) problems.add(`${where}.createdDateTime`, 'required ISO-8601 date-time');
    if (typeof record.auditLogRecordType !== 'string') problems.add(`${where}.auditLogRecordType`, 'required string (e.g. exchangeAdmin)');
    if (!isObject(record.auditData)) problems.add(`${where}.auditData`, 'required object');
  });
}

function checkUniqueness(raw: Json, problems: Problems): void {
  const directoryIds = new Map<string, string>();
  for (const key of ENTITY_COLLECTIONS) {
    const seen = new Set<string>();
    entities(raw, key).forEach((item, index) => {
      const id = String(item.id);
      if (seen.has(id)) problems.add(`${key}[${index}].id`, `duplicate id '${id}'`);
      seen.add(id);
      if (key in DIRECTORY_TYPES) {
        const other = directoryIds.get(id);
        if (other && other !== key) problems.add(`${key}[${index}].id`, `id '${id}' is already used in ${other}`);
        directoryIds.set(id, key);
        const type = item['@odata.type'];
        if (type !== undefined && type !== DIRECTORY_TYPES[key]) {
          problems.add(`${key}[${index}]['@odata.type']`, `must be '${DIRECTORY_TYPES[key]}'`);
        }
      }
    });
  }
  for (const key of ['applications', 'servicePrincipals']) {
    const appIds = new Set<string>();
    entities(raw, key).forEach((item, index) => {
      if (typeof item.appId !== 'string') problems.add(`${key}[${index}].appId`, 'required string');
      else if (appIds.has(item.appId)) problems.add(`${key}[${index}].appId`, `duplicate appId '${item.appId}'`);
      else appIds.add(item.appId);
    });
  }
  const upns = new Set<string>();
  entities(raw, 'users').forEach((user, index) => {
    if (typeof user.userPrincipalName !== 'string') return;
    const upn = user.userPrincipalName.toLowerCase();
    if (upns.has(upn)) problems.add(`users[${index}].userPrincipalName`, `duplicate '${user.userPrincipalName}'`);
    upns.add(upn);
  });
}

function checkIdList(value: unknown, where: string, accepts: (id: unknown) => boolean, what: string, problems: Problems): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    problems.add(where, 'must be an array of directory object ids');
    return;
  }
  value.forEach((id, index) => {
    if (!accepts(id)) problems.add(`${where}[${index}]`, `'${String(id)}' is not ${what} in this scenario`);
  });
}

function checkRoleHolder(item: Json, where: string, refs: ReferenceChecker, problems: Problems): void {
  if (!refs.isPrincipal(item.principalId)) {
    problems.add(`${where}.principalId`, `'${String(item.principalId)}' is not a user, group or service principal in this scenario`);
  }
  const group = refs.group(item.principalId);
  if (group && group.isAssignableToRole !== true) {
    problems.add(`${where}.principalId`, `group '${String(item.principalId)}' is not role-assignable (isAssignableToRole)`);
  }
  if (!refs.isRoleDefinition(item.roleDefinitionId)) {
    problems.add(`${where}.roleDefinitionId`, `'${String(item.roleDefinitionId)}' is neither a built-in role nor in roleDefinitions`);
  }
}

function checkAppRoleAssignment(item: Json, where: string, refs: ReferenceChecker, problems: Problems): void {
  if (!refs.isPrincipal(item.principalId)) {
    problems.add(`${where}.principalId`, `'${String(item.principalId)}' is not a user, group or service principal in this scenario`);
  }
  const resource = refs.servicePrincipal(item.resourceId);
  if (!resource) {
    problems.add(`${where}.resourceId`, `'${String(item.resourceId)}' is not a service principal in this scenario`);
    return;
  }
  if (!isGuid(item.appRoleId)) {
    problems.add(`${where}.appRoleId`, 'must be a GUID');
    return;
  }
  const appRoles = Array.isArray(resource.appRoles) ? resource.appRoles.filter(isObject) : [];
  if (item.appRoleId !== ZERO_GUID && appRoles.length > 0 && !appRoles.some((role) => role.id === item.appRoleId)) {
    problems.add(`${where}.appRoleId`, `'${item.appRoleId}' is not one of the appRoles of service principal '${String(resource.displayName)}'`);
  }
}

function checkReferences(raw: Json, problems: Problems, existing?: ExistingReferences): void {
  const refs = new ReferenceChecker(raw, existing);
  entities(raw, 'groups').forEach((group, i) =>
    checkIdList(group.members, `groups[${i}].members`, (id) => refs.isPrincipal(id), 'a user, group or service principal', problems));
  entities(raw, 'applications').forEach((app, i) => {
    checkIdList(app.owners, `applications[${i}].owners`, (id) => refs.isOwner(id), 'a user or service principal', problems);
    const credentials = app.federatedIdentityCredentials;
    if (credentials !== undefined && (!Array.isArray(credentials) || !credentials.every((c) => isObject(c) && typeof c.id === 'string'))) {
      problems.add(`applications[${i}].federatedIdentityCredentials`, 'must be an array of objects with an id');
    }
  });
  entities(raw, 'servicePrincipals').forEach((sp, i) =>
    checkIdList(sp.owners, `servicePrincipals[${i}].owners`, (id) => refs.isOwner(id), 'a user or service principal', problems));
  entities(raw, 'appRoleAssignments').forEach((item, i) => checkAppRoleAssignment(item, `appRoleAssignments[${i}]`, refs, problems));
  entities(raw, 'oauth2PermissionGrants').forEach((grant, i) => {
    const where = `oauth2PermissionGrants[${i}]`;
    if (!refs.servicePrincipal(grant.clientId)) problems.add(`${where}.clientId`, `'${String(grant.clientId)}' is not a service principal in this scenario`);
    if (!refs.servicePrincipal(grant.resourceId)) problems.add(`${where}.resourceId`, `'${String(grant.resourceId)}' is not a service principal in this scenario`);
    if (grant.consentType !== 'AllPrincipals' && grant.consentType !== 'Principal') problems.add(`${where}.consentType`, "must be 'AllPrincipals' or 'Principal'");
    if (grant.consentType === 'Principal' && !refs.isUser(grant.principalId)) problems.add(`${where}.principalId`, `'${String(grant.principalId)}' is not a user in this scenario`);
  });
  entities(raw, 'roleAssignments').forEach((item, i) => checkRoleHolder(item, `roleAssignments[${i}]`, refs, problems));
  entities(raw, 'roleEligibilityScheduleInstances').forEach((item, i) => checkRoleHolder(item, `roleEligibilityScheduleInstances[${i}]`, refs, problems));
  for (const key of ['userRegistrationDetails', 'riskyUsers']) {
    entities(raw, key).forEach((item, i) => {
      if (!refs.isUser(item.id)) problems.add(`${key}[${i}].id`, `'${String(item.id)}' is not a user in this scenario`);
    });
  }
  entities(raw, 'conditionalAccessPolicies').forEach((policy, i) => checkConditionalAccessPolicy(policy, `conditionalAccessPolicies[${i}]`, problems));
  entities(raw, 'directoryAudits').forEach((audit, i) => {
    if (typeof audit.activityDateTime !== 'string' || !isIsoDateTime(audit.activityDateTime)) problems.add(`directoryAudits[${i}].activityDateTime`, 'required ISO-8601 date-time');
    if (typeof audit.activityDisplayName !== 'string') problems.add(`directoryAudits[${i}].activityDisplayName`, 'required string');
  });
}

const CA_USER_LISTS = ['includeUsers', 'excludeUsers', 'includeGroups', 'excludeGroups', 'includeRoles', 'excludeRoles'];

/** The parts of a conditionalAccessPolicy a reader evaluates: state, who it targets, what it grants. */
function checkConditionalAccessPolicy(policy: Json, where: string, problems: Problems): void {
  if (!CA_STATES.includes(String(policy.state))) problems.add(`${where}.state`, `must be one of ${CA_STATES.join(', ')}`);
  const conditions = policy.conditions;
  if (conditions !== undefined && conditions !== null && !isObject(conditions)) problems.add(`${where}.conditions`, 'must be an object');
  const users = isObject(conditions) ? conditions.users : undefined;
  if (isObject(users)) {
    for (const key of CA_USER_LISTS) {
      const list = users[key];
      if (list !== undefined && (!Array.isArray(list) || list.some((id) => typeof id !== 'string'))) problems.add(`${where}.conditions.users.${key}`, 'must be an array of strings');
    }
  }
  const applications = isObject(conditions) ? conditions.applications : undefined;
  if (isObject(applications) && applications.includeApplications !== undefined && !Array.isArray(applications.includeApplications)) {
    problems.add(`${where}.conditions.applications.includeApplications`, 'must be an array (e.g. ["All"])');
  }
  const grant = policy.grantControls;
  if (grant !== undefined && grant !== null) {
    if (!isObject(grant)) problems.add(`${where}.grantControls`, 'must be an object or null');
    else if (grant.operator !== undefined && grant.operator !== 'AND' && grant.operator !== 'OR') problems.add(`${where}.grantControls.operator`, "must be 'AND' or 'OR'");
  }
}

function checkAll(raw: Json, problems: Problems, existing?: ExistingReferences): void {
  checkShape(raw, problems, existing !== undefined);
  if (problems.list.length === 0) checkUniqueness(raw, problems);
  if (problems.list.length === 0) checkReferences(raw, problems, existing);
  if (problems.list.length === 0 && isObject(raw.exchange)) checkExchangeObjects(raw.exchange, problems);
}

function report(problems: Problems, title: string): string {
  const shown = problems.list.slice(0, 25).map((p) => `  - ${p}`).join('\n');
  const more = problems.list.length > 25 ? `\n  … and ${problems.list.length - 25} more` : '';
  return `${title}:\n${shown}${more}`;
}

/** Checks a parsed scenario; throws one Error listing every problem (unknown keys by name). */
export function validateScenario(raw: unknown, source: string): ScenarioFile {
  if (!isObject(raw)) throw new Error(`Invalid scenario (${source}): the file must hold a JSON object`);
  const problems = new Problems();
  checkAll(raw, problems);
  if (problems.list.length > 0) throw new Error(report(problems, `Invalid scenario (${source})`));
  return raw as unknown as ScenarioFile;
}

/** A partial scenario for POST /_sim/scenario/append: collections (and `now`) only. */
export type ScenarioAppendix = Omit<ScenarioFile, 'tenant' | 'roleDefinitions' | 'securityDefaults' | 'deniedPermissions' | 'licenses'>;

/**
 * Checks a partial scenario with the loader's rules; references resolve against the document and the running
 * tenant. Collisions with the tenant's own objects are not checked here (the caller answers those with 409).
 * Throws one Error listing every problem.
 */
export function validateAppendix(raw: unknown, existing: ExistingReferences): ScenarioAppendix {
  if (!isObject(raw)) throw new Error('Invalid appended scenario: the body must be a JSON object');
  const problems = new Problems();
  checkAll(raw, problems, existing);
  if (problems.list.length > 0) throw new Error(report(problems, 'Invalid appended scenario'));
  return raw as unknown as ScenarioAppendix;
}
