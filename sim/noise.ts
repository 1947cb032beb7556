import { guidFromSeed, SeededRandom } from './ids';
import { GRAPH_APP_ROLES, LOW_IMPACT_GRAPH_PERMISSIONS, MICROSOFT_GRAPH_APP_ID, MICROSOFT_TENANT_ID } from './permissions';
import type { Entity } from './table';

export interface NoiseOptions {
  servicePrincipals: number;
  grants: number;
  tenantId: string;
  tenantDomain: string;
  now: Date;
}

export interface Noise {
  applications: Entity[];
  servicePrincipals: Entity[];
  appRoleAssignments: Entity[];
}

const COMPANIES = ['Contoso', 'Fabrikam', 'Northwind', 'Adatum', 'Tailspin', 'Woodgrove', 'Litware', 'Proseware', 'Wingtip', 'Coho Winery', 'Lucerne Publishing', 'Relecloud', 'Trey Research', 'VanArsdel', 'Wide World Importers', 'Fourth Coffee', 'Humongous Insurance', 'Blue Yonder Airlines', 'Alpine Ski House', 'Graphic Design Institute'];
const PRODUCTS = ['Expense Sync', 'HR Connector', 'Backup Agent', 'Mail Archiver', 'Calendar Bridge', 'Service Desk', 'CRM Integration', 'Payroll Export', 'Analytics Collector', 'Signature Manager', 'Contract Portal', 'Learning Portal', 'Survey Tool', 'Asset Tracker', 'Timesheets', 'Intranet Search', 'Invoice Reader', 'Travel Booking', 'Onboarding Assistant', 'Badge Access'];
const ENVIRONMENTS = ['Dev', 'Test', 'Staging', 'Prod EU', 'Prod US', 'Sandbox'];
const DAY_MS = 86_400_000;
// Shared, frozen empty collections keep 100,000 noise objects small; writes always assign new arrays.
const EMPTY: readonly never[] = Object.freeze([]);
const INTEGRATED_APP_TAGS: readonly string[] = Object.freeze(['WindowsAzureActiveDirectoryIntegratedApp']);

function noiseName(index: number): string {
  const base = `${COMPANIES[index % COMPANIES.length]} ${PRODUCTS[Math.floor(index / COMPANIES.length) % PRODUCTS.length]}`;
  const round = Math.floor(index / (COMPANIES.length * PRODUCTS.length));
  if (round === 0) return base;
  if (round <= ENVIRONMENTS.length) return `${base} (${ENVIRONMENTS[round - 1]})`;
  return `${base} ${round - ENVIRONMENTS.length + 1}`;
}

function base64Url(random: SeededRandom, bytes: number): string {
  return Buffer.from(random.hex(bytes), 'hex').toString('base64url');
}

function noiseApplication(random: SeededRandom, name: string, appId: string, createdMs: number, options: NoiseOptions, withSecret: boolean): Entity {
  const created = new Date(createdMs).toISOString();
  return {
    id: random.guid(),
    deletedDateTime: null,
    appId,
    createdDateTime: created,
    description: null,
    displayName: name,
    identifierUris: EMPTY,
    publisherDomain: options.tenantDomain,
    signInAudience: 'AzureADMyOrg',
    tags: EMPTY,
    keyCredentials: EMPTY,
    passwordCredentials: withSecret
      ? [{ customKeyIdentifier: null, displayName: 'integration secret', endDateTime: new Date(createdMs + 730 * DAY_MS).toISOString(), hint: random.hex(2).slice(0, 3), keyId: random.guid(), secretText: null, startDateTime: created }]
      : EMPTY,
    requiredResourceAccess: EMPTY,
  };
}

function noiseServicePrincipal(random: SeededRandom, name: string, appId: string, options: NoiseOptions): Entity {
  return {
    id: random.guid(),
    deletedDateTime: null,
    accountEnabled: true,
    alternativeNames: EMPTY,
    appDisplayName: name,
    appDescription: null,
    appId,
    appOwnerOrganizationId: options.tenantId,
    appRoleAssignmentRequired: false,
    description: null,
    displayName: name,
    homepage: null,
    notes: null,
    replyUrls: EMPTY,
    servicePrincipalNames: [appId],
    servicePrincipalType: 'Application',
    signInAudience: 'AzureADMyOrg',
    tags: INTEGRATED_APP_TAGS,
    appRoles: EMPTY,
    keyCredentials: EMPTY,
    oauth2PermissionScopes: EMPTY,
    passwordCredentials: EMPTY,
  };
}

/** An app role entry as the Microsoft Graph service principal publishes it. */
export function graphAppRole(value: string): Entity {
  return {
    allowedMemberTypes: ['Application'],
    description: `Allows the app to use ${value} without a signed-in user.`,
    displayName: value,
    id: GRAPH_APP_ROLES[value],
    isEnabled: true,
    origin: 'Application',
    value,
  };
}

/** The Microsoft Graph service principal every tenant has; created when a scenario omits it and noise grants need it. */
export function microsoftGraphServicePrincipal(tenantId: string): Entity {
  return {
    id: guidFromSeed(`microsoft-graph-service-principal:${tenantId}`),
    deletedDateTime: null,
    accountEnabled: true,
    appDisplayName: 'Microsoft Graph',
    appId: MICROSOFT_GRAPH_APP_ID,
    appOwnerOrganizationId: MICROSOFT_TENANT_ID,
    appRoleAssignmentRequired: false,
    displayName: 'Microsoft Graph',
    servicePrincipalNames: [MICROSOFT_GRAPH_APP_ID, 'https://graph.microsoft.com', 'https://graph.microsoft.com/'],
    servicePrincipalType: 'Application',
    signInAudience: 'AzureADMultipleOrgs',
    tags: EMPTY,
    appRoles: Object.keys(GRAPH_APP_ROLES).map(graphAppRole),
    keyCredentials: EMPTY,
    oauth2PermissionScopes: EMPTY,
    passwordCredentials: EMPTY,
  };
}

/**
 * Benign tenant-registered apps (each with its service principal) and low-impact Graph grants
 * spread over them, so detection has to find the needle in a realistic haystack. Deterministic.
 */
export function generateNoise(options: NoiseOptions, graphServicePrincipal: Entity | undefined): Noise {
  const { servicePrincipals: count, grants } = options;
  if (grants > 0 && count === 0) throw new Error('noiseGrants needs noiseServicePrincipals > 0 (grants are spread over the noise service principals)');
  if (grants > count * LOW_IMPACT_GRAPH_PERMISSIONS.length) {
    throw new Error(`noiseGrants ${grants} exceeds ${count * LOW_IMPACT_GRAPH_PERMISSIONS.length} (${LOW_IMPACT_GRAPH_PERMISSIONS.length} low-impact permissions per noise service principal)`);
  }
  if (grants > 0 && !graphServicePrincipal) throw new Error('noise grants need the Microsoft Graph service principal');
  const random = new SeededRandom(0x7e4a);
  const applications: Entity[] = new Array(count);
  const servicePrincipals: Entity[] = new Array(count);
  const nowMs = options.now.getTime();
  for (let i = 0; i < count; i++) {
    const name = noiseName(i);
    const appId = random.guid();
    const createdMs = nowMs - (100 + random.int(1400)) * DAY_MS;
    applications[i] = noiseApplication(random, name, appId, createdMs, options, i % 3 === 0);
    servicePrincipals[i] = noiseServicePrincipal(random, name, appId, options);
  }
  const appRoleAssignments: Entity[] = new Array(grants);
  for (let i = 0; i < grants; i++) {
    const principal = servicePrincipals[i % count];
    const permission = LOW_IMPACT_GRAPH_PERMISSIONS[Math.floor(i / count)];
    appRoleAssignments[i] = {
      id: base64Url(random, 32),
      deletedDateTime: null,
      appRoleId: GRAPH_APP_ROLES[permission],
      createdDateTime: new Date(nowMs - (90 + random.int(1000)) * DAY_MS).toISOString(),
      principalDisplayName: principal.displayName,
      principalId: principal.id,
      principalType: 'ServicePrincipal',
      resourceDisplayName: 'Microsoft Graph',
      resourceId: (graphServicePrincipal as Entity).id,
    };
  }
  return { applications, servicePrincipals, appRoleAssignments };
}
