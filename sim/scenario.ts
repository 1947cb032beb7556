import { readFileSync } from 'node:fs';
import type * as MG from '@microsoft/microsoft-graph-types';
import { anchoredToNow } from './dates';
import { DEFAULT_LICENSES, type Licenses } from './licenses';
import { validateScenario } from './scenarioValidation';

/** A Graph resource as a doc example shows it, which may carry its own `@odata.type`. */
export type Typed<T> = T & { '@odata.type'?: string };

export interface ScenarioTenant {
  id: string;
  displayName: string;
  defaultDomain: string;
}

/**
 * `signInActivity` (optional) is returned only on `$select`, as Graph does; `perUserMfaState` (optional, default
 * `disabled`) is the sim's own key, served by beta `GET /users/{id}/authentication/requirements`.
 */
export type ScenarioUser = Typed<MG.User> & { perUserMfaState?: PerUserMfaState };
export type PerUserMfaState = 'disabled' | 'enabled' | 'enforced';
/** `members`: ids of the group's direct members (users, groups, service principals). */
export type ScenarioGroup = Typed<MG.Group> & { members?: string[] };
/** `owners`: directory object ids; `federatedIdentityCredentials`: as Graph lists them. */
export type ScenarioApplication = Typed<MG.Application> & {
  owners?: string[];
  federatedIdentityCredentials?: MG.FederatedIdentityCredential[];
};
export type ScenarioServicePrincipal = Typed<MG.ServicePrincipal> & { owners?: string[] };

/** Exchange Online objects as the admin REST API returns them (PascalCase properties). */
export type ExchangeObject = Record<string, unknown>;
export interface ScenarioExchange {
  inboundConnectors?: ExchangeObject[];
  outboundConnectors?: ExchangeObject[];
  transportRules?: ExchangeObject[];
  /** auditLogRecord objects as Graph's audit log query API returns them. */
  auditRecords?: ExchangeObject[];
  /** Get-AdminAuditLogConfig's object; properties given here override the sim's defaults. */
  adminAuditLogConfig?: ExchangeObject;
}

export interface ScenarioFile {
  tenant: ScenarioTenant;
  now?: string;
  users?: ScenarioUser[];
  groups?: ScenarioGroup[];
  applications?: ScenarioApplication[];
  servicePrincipals?: ScenarioServicePrincipal[];
  appRoleAssignments?: Typed<MG.AppRoleAssignment>[];
  oauth2PermissionGrants?: Typed<MG.OAuth2PermissionGrant>[];
  roleDefinitions?: Typed<MG.UnifiedRoleDefinition>[];
  roleAssignments?: Typed<MG.UnifiedRoleAssignment>[];
  roleEligibilityScheduleInstances?: Typed<MG.UnifiedRoleEligibilityScheduleInstance>[];
  userRegistrationDetails?: Typed<MG.UserRegistrationDetails>[];
  riskyUsers?: Typed<MG.RiskyUser>[];
  securityDefaults?: { isEnabled: boolean };
  conditionalAccessPolicies?: Typed<MG.ConditionalAccessPolicy>[];
  directoryAudits?: Typed<MG.DirectoryAudit>[];
  deniedPermissions?: string[];
  /** Entra ID plans; default both true. entraIdP2 defaults to the value of entraIdP1. */
  licenses?: Partial<Licenses>;
  exchange?: ScenarioExchange;
}

/** A validated scenario: every collection present, dates already moved to the present. */
export type Scenario = Required<Omit<ScenarioFile, 'now' | 'exchange' | 'licenses'>> & { exchange: Required<ScenarioExchange>; licenses: Licenses };

function readScenarioFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read scenario file ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`Scenario file ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** A missing entraIdP1 means the tenant holds P1; a missing entraIdP2 follows entraIdP1 (P2 includes P1). */
function licensesOf(given: Partial<Licenses> | undefined): Licenses {
  const entraIdP1 = given?.entraIdP1 ?? DEFAULT_LICENSES.entraIdP1;
  return { entraIdP1, entraIdP2: given?.entraIdP2 ?? entraIdP1 };
}

/**
 * Reads, validates and anchors a scenario. With `now` set, every ISO-8601 date-time moves by
 * (real now - now) so that "created 3 days ago" stays 3 days ago whenever the sim starts.
 */
export function loadScenario(fileOrObject: string | ScenarioFile, realNow: Date = new Date()): Scenario {
  const raw = typeof fileOrObject === 'string' ? readScenarioFile(fileOrObject) : fileOrObject;
  const source = typeof fileOrObject === 'string' ? fileOrObject : 'scenario object';
  const checked = validateScenario(raw, source);
  const anchored = anchoredToNow(checked, realNow);
  return {
    tenant: anchored.tenant,
    users: anchored.users ?? [],
    groups: anchored.groups ?? [],
    applications: anchored.applications ?? [],
    servicePrincipals: anchored.servicePrincipals ?? [],
    appRoleAssignments: anchored.appRoleAssignments ?? [],
    oauth2PermissionGrants: anchored.oauth2PermissionGrants ?? [],
    roleDefinitions: anchored.roleDefinitions ?? [],
    roleAssignments: anchored.roleAssignments ?? [],
    roleEligibilityScheduleInstances: anchored.roleEligibilityScheduleInstances ?? [],
    userRegistrationDetails: anchored.userRegistrationDetails ?? [],
    riskyUsers: anchored.riskyUsers ?? [],
    securityDefaults: anchored.securityDefaults ?? { isEnabled: true },
    conditionalAccessPolicies: anchored.conditionalAccessPolicies ?? [],
    directoryAudits: anchored.directoryAudits ?? [],
    deniedPermissions: anchored.deniedPermissions ?? [],
    licenses: licensesOf(anchored.licenses),
    exchange: {
      inboundConnectors: anchored.exchange?.inboundConnectors ?? [],
      outboundConnectors: anchored.exchange?.outboundConnectors ?? [],
      transportRules: anchored.exchange?.transportRules ?? [],
      auditRecords: anchored.exchange?.auditRecords ?? [],
      adminAuditLogConfig: anchored.exchange?.adminAuditLogConfig ?? {},
    },
  };
}
