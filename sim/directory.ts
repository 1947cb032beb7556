import { parseIsoDateTime } from './dates';
import { normaliseCallerRoles, type CallerRoles } from './callerRoles';
import type { Licenses } from './licenses';
import { generateNoise, graphAppRole, microsoftGraphServicePrincipal } from './noise';
import { LOW_IMPACT_GRAPH_PERMISSIONS, MICROSOFT_GRAPH_APP_ID } from './permissions';
import { builtInRoleDefinitions } from './roles';
import type { PerUserMfaState, Scenario, ScenarioTenant } from './scenario';
import { EntityTable, type Entity } from './table';

export type DirectoryObjectKind = 'user' | 'group' | 'application' | 'servicePrincipal';

export interface DirectoryObjectRef {
  kind: DirectoryObjectKind;
  object: Entity;
}

/** The collections a running tenant can take more of (POST /_sim/scenario/append). */
export type DirectoryAppendix = Pick<Scenario,
  'users' | 'groups' | 'applications' | 'servicePrincipals' | 'appRoleAssignments' | 'oauth2PermissionGrants' | 'roleAssignments'
  | 'roleEligibilityScheduleInstances' | 'userRegistrationDetails' | 'riskyUsers' | 'conditionalAccessPolicies' | 'directoryAudits'>;

export interface NoiseSettings {
  servicePrincipals: number;
  grants: number;
}

const SECURITY_DEFAULTS_DESCRIPTION = 'Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks.';

const asEntity = (value: unknown): Entity => value as Entity;

/** Copies a scenario entry, dropping its @odata.type and the sim's relationship keys. */
function stripped(value: unknown, extraKeys: readonly string[] = []): Entity {
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  delete copy['@odata.type'];
  for (const key of extraKeys) delete copy[key];
  return copy as Entity;
}

/** The whole simulated tenant in memory, with the indexes Graph's key lookups need. */
export class Directory {
  readonly users = new EntityTable(['id', 'userPrincipalName']);
  readonly groups = new EntityTable(['id']);
  readonly applications = new EntityTable(['id', 'appId']);
  readonly servicePrincipals = new EntityTable(['id', 'appId']);
  readonly appRoleAssignments = new EntityTable(['id', 'principalId', 'resourceId']);
  readonly oauth2PermissionGrants = new EntityTable(['id', 'clientId', 'resourceId', 'principalId']);
  readonly roleDefinitions = new EntityTable(['id', 'templateId']);
  readonly roleAssignments = new EntityTable(['id', 'principalId', 'roleDefinitionId']);
  readonly roleEligibilityScheduleInstances = new EntityTable(['id', 'principalId', 'roleDefinitionId']);
  readonly userRegistrationDetails = new EntityTable(['id']);
  readonly riskyUsers = new EntityTable(['id']);
  readonly conditionalAccessPolicies = new EntityTable(['id']);
  readonly directoryAudits = new EntityTable(['id']);
  /** application object id -> its federated identity credentials */
  readonly federatedIdentityCredentials = new Map<string, EntityTable>();
  /** object id (lower case) -> owner ids */
  readonly owners = new Map<string, string[]>();
  /** group id -> direct member ids */
  readonly members = new Map<string, string[]>();
  /** object id -> ids of groups it is a direct member of */
  readonly memberOf = new Map<string, Set<string>>();
  readonly securityDefaults: Entity;
  readonly organization: Entity;
  readonly deniedPermissions: ReadonlySet<string>;
  readonly exchange: Scenario['exchange'];
  /** The tenant's Entra ID plans (scenario `licenses`, overridden by SIM_LICENSE). */
  readonly licenses: Readonly<Licenses>;
  /** user id (lower case) -> signInActivity, kept off the user object: Graph returns it only on $select. */
  private readonly signInActivities = new Map<string, Entity>();
  /** user id (lower case) -> per-user MFA state (beta authentication/requirements); absent means disabled. */
  private readonly perUserMfaStates = new Map<string, PerUserMfaState>();
  /** client id (lower case) -> role template ids granted by the callerRoles option. */
  private callerRoles = new Map<string, Set<string>>();

  readonly tenant: ScenarioTenant;

  constructor(scenario: Scenario, noise: NoiseSettings, now: Date) {
    this.tenant = scenario.tenant;
    this.deniedPermissions = new Set(scenario.deniedPermissions);
    this.exchange = scenario.exchange;
    this.licenses = { ...scenario.licenses };
    this.securityDefaults = {
      id: '00000000-0000-0000-0000-000000000005',
      description: SECURITY_DEFAULTS_DESCRIPTION,
      displayName: 'Security Defaults',
      isEnabled: scenario.securityDefaults.isEnabled,
    };
    this.organization = this.organizationFor(scenario.tenant);
    this.loadDirectoryObjects(scenario);
    this.loadNoise(noise, now);
    for (const role of builtInRoleDefinitions()) this.roleDefinitions.add(asEntity(role));
    for (const role of scenario.roleDefinitions) {
      this.roleDefinitions.delete(role.id as string);
      this.roleDefinitions.add(stripped(role));
    }
    this.loadAssignments(scenario);
    this.loadReports(scenario);
  }

  /**
   * Adds validated, already anchored collections to the running tenant (POST /_sim/scenario/append): the same
   * loading as at start, indexes included; directory audits stay newest first.
   */
  append(part: DirectoryAppendix): void {
    this.loadDirectoryObjects(part);
    this.loadAssignments(part);
    this.loadReports(part);
  }

  private organizationFor(tenant: ScenarioTenant): Entity {
    return {
      id: tenant.id,
      deletedDateTime: null,
      displayName: tenant.displayName,
      tenantType: 'AAD',
      verifiedDomains: [{ capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: true, name: tenant.defaultDomain, type: 'Managed' }],
    };
  }

  private loadDirectoryObjects(scenario: DirectoryAppendix): void {
    for (const user of scenario.users) {
      const key = (user.id as string).toLowerCase();
      if (user.signInActivity) this.signInActivities.set(key, stripped(user.signInActivity));
      if (user.perUserMfaState) this.perUserMfaStates.set(key, user.perUserMfaState);
      this.users.add(stripped(user, ['signInActivity', 'perUserMfaState']));
    }
    for (const group of scenario.groups) {
      this.groups.add(stripped(group, ['members']));
      this.setMembers(group.id as string, group.members ?? []);
    }
    for (const app of scenario.applications) {
      this.applications.add(stripped(app, ['owners', 'federatedIdentityCredentials']));
      this.owners.set((app.id as string).toLowerCase(), [...(app.owners ?? [])]);
      const credentials = new EntityTable(['id']);
      for (const credential of app.federatedIdentityCredentials ?? []) credentials.add(stripped(credential));
      this.federatedIdentityCredentials.set((app.id as string).toLowerCase(), credentials);
    }
    for (const sp of scenario.servicePrincipals) {
      this.servicePrincipals.add(stripped(sp, ['owners']));
      this.owners.set((sp.id as string).toLowerCase(), [...(sp.owners ?? [])]);
    }
  }

  private loadNoise(noise: NoiseSettings, now: Date): void {
    if (noise.servicePrincipals === 0 && noise.grants === 0) return;
    let graph = this.servicePrincipals.lookup('appId', MICROSOFT_GRAPH_APP_ID)?.[0];
    if (noise.grants > 0) graph = this.ensureLowImpactGraphRoles(graph);
    const generated = generateNoise({ ...noise, tenantId: this.tenant.id, tenantDomain: this.tenant.defaultDomain, now }, graph);
    for (const app of generated.applications) {
      this.applications.add(app);
      this.federatedIdentityCredentials.set(app.id.toLowerCase(), new EntityTable(['id']));
    }
    for (const sp of generated.servicePrincipals) this.servicePrincipals.add(sp);
    for (const assignment of generated.appRoleAssignments) this.appRoleAssignments.add(assignment);
  }

  private ensureLowImpactGraphRoles(existing: Entity | undefined): Entity {
    if (!existing) {
      const created = microsoftGraphServicePrincipal(this.tenant.id);
      this.servicePrincipals.add(created);
      return created;
    }
    const roles = Array.isArray(existing.appRoles) ? (existing.appRoles as Entity[]) : [];
    const missing = LOW_IMPACT_GRAPH_PERMISSIONS.filter((value) => !roles.some((role) => role.value === value));
    if (missing.length > 0) this.servicePrincipals.update(existing.id, { appRoles: [...roles, ...missing.map(graphAppRole)] });
    return existing;
  }

  private loadAssignments(scenario: DirectoryAppendix): void {
    for (const assignment of scenario.appRoleAssignments) this.appRoleAssignments.add(this.withAssignmentNames(stripped(assignment)));
    for (const grant of scenario.oauth2PermissionGrants) this.oauth2PermissionGrants.add(stripped(grant));
    for (const assignment of scenario.roleAssignments) this.roleAssignments.add(stripped(assignment));
    for (const instance of scenario.roleEligibilityScheduleInstances) this.roleEligibilityScheduleInstances.add(stripped(instance));
  }

  private loadReports(scenario: DirectoryAppendix): void {
    for (const details of scenario.userRegistrationDetails) this.userRegistrationDetails.add(stripped(details));
    for (const risky of scenario.riskyUsers) this.riskyUsers.add(asEntity({ ...risky }));
    for (const policy of scenario.conditionalAccessPolicies) this.conditionalAccessPolicies.add(stripped(policy));
    if (scenario.directoryAudits.length === 0) return;
    // Newest first (a stable sort keeps equal times in the order given); appended audits are merged in.
    const existing = [...this.directoryAudits.all()];
    for (const audit of existing) this.directoryAudits.delete(audit.id);
    const newestFirst = [...existing, ...scenario.directoryAudits.map((audit) => stripped(audit))].sort(
      (a, b) => parseIsoDateTime(String(b.activityDateTime)) - parseIsoDateTime(String(a.activityDateTime)),
    );
    for (const audit of newestFirst) this.directoryAudits.add(audit);
  }

  /** Fills the denormalised names Graph returns on an app role assignment when the scenario leaves them out. */
  private withAssignmentNames(assignment: Entity): Entity {
    const principal = this.directoryObject(String(assignment.principalId));
    const resource = this.servicePrincipals.get(String(assignment.resourceId));
    const principalType = { user: 'User', group: 'Group', servicePrincipal: 'ServicePrincipal', application: 'ServicePrincipal' };
    assignment.principalType ??= principal ? principalType[principal.kind] : null;
    assignment.principalDisplayName ??= principal?.object.displayName ?? null;
    assignment.resourceDisplayName ??= resource?.displayName ?? null;
    return assignment;
  }

  setMembers(groupId: string, memberIds: readonly string[]): void {
    this.members.set(groupId.toLowerCase(), [...memberIds]);
    for (const memberId of memberIds) {
      const key = memberId.toLowerCase();
      let groups = this.memberOf.get(key);
      if (!groups) this.memberOf.set(key, (groups = new Set()));
      groups.add(groupId);
    }
  }

  /** Takes one direct member out of a group; false when it was not a direct member. */
  removeMember(groupId: string, memberId: string): boolean {
    const members = this.directMembers(groupId);
    const kept = members.filter((id) => id.toLowerCase() !== memberId.toLowerCase());
    if (kept.length === members.length) return false;
    this.members.set(groupId.toLowerCase(), kept);
    const groups = this.memberOf.get(memberId.toLowerCase());
    for (const id of [...(groups ?? [])]) if (id.toLowerCase() === groupId.toLowerCase()) groups?.delete(id);
    return true;
  }

  /** The user's signInActivity, or undefined for a user who never signed in. */
  signInActivityOf(userId: string): Entity | undefined {
    return this.signInActivities.get(userId.toLowerCase());
  }

  perUserMfaStateOf(userId: string): PerUserMfaState {
    return this.perUserMfaStates.get(userId.toLowerCase()) ?? 'disabled';
  }

  /** Replaces the roles the callerRoles option grants (throws on a malformed value). */
  setCallerRoles(value: CallerRoles | undefined): void {
    this.callerRoles = normaliseCallerRoles(value);
  }

  /**
   * Role template ids an app holds tenant-wide: those its service principal holds (directly or through
   * role-assignable groups) plus those the callerRoles option grants its client id.
   */
  rolesOfCaller(appId: string): Set<string> {
    const roles = new Set(this.callerRoles.get(appId.toLowerCase()) ?? []);
    const sp = this.servicePrincipals.lookup('appId', appId)?.[0];
    if (sp) for (const role of this.tenantWideRolesOf(sp.id)) roles.add(role);
    return roles;
  }

  /** Role template ids a principal holds at directory scope '/', directly or through (nested) groups; eligibility does not count. */
  tenantWideRolesOf(principalId: string): Set<string> {
    const roles = new Set<string>();
    for (const holder of [principalId, ...this.transitiveMemberOf(principalId)]) {
      for (const assignment of this.roleAssignments.lookup('principalId', holder) ?? []) {
        if ((assignment.directoryScopeId ?? '/') !== '/') continue;
        const definition = this.roleDefinitions.get(String(assignment.roleDefinitionId));
        roles.add(String(definition?.templateId ?? assignment.roleDefinitionId).toLowerCase());
      }
    }
    return roles;
  }

  directoryObject(id: string): DirectoryObjectRef | undefined {
    const user = this.users.get(id);
    if (user) return { kind: 'user', object: user };
    const group = this.groups.get(id);
    if (group) return { kind: 'group', object: group };
    const sp = this.servicePrincipals.get(id);
    if (sp) return { kind: 'servicePrincipal', object: sp };
    const app = this.applications.get(id);
    if (app) return { kind: 'application', object: app };
    return undefined;
  }

  ownersOf(objectId: string): string[] {
    return this.owners.get(objectId.toLowerCase()) ?? [];
  }

  directMembers(groupId: string): string[] {
    return this.members.get(groupId.toLowerCase()) ?? [];
  }

  directMemberOf(objectId: string): string[] {
    return [...(this.memberOf.get(objectId.toLowerCase()) ?? [])];
  }

  /** Every member reached through nested groups, each once (cycles are tolerated). */
  transitiveMembers(groupId: string): string[] {
    return this.walk(groupId, (id) => this.directMembers(id));
  }

  /** Every group reached upwards through nested membership, each once. */
  transitiveMemberOf(objectId: string): string[] {
    return this.walk(objectId, (id) => this.directMemberOf(id));
  }

  private walk(start: string, next: (id: string) => string[]): string[] {
    const seen = new Set<string>([start.toLowerCase()]);
    const found: string[] = [];
    const queue = [start];
    while (queue.length > 0) {
      for (const id of next(queue.shift() as string)) {
        if (seen.has(id.toLowerCase())) continue;
        seen.add(id.toLowerCase());
        found.push(id);
        queue.push(id);
      }
    }
    return found;
  }
}
