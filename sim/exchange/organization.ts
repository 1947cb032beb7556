import { guidFromSeed } from '../ids';
import type { Scenario, ScenarioTenant } from '../scenario';
import type { ExchangeObject } from './wire';

export type ConfigurationKind = 'inboundConnectors' | 'outboundConnectors' | 'transportRules';

/**
 * Get-AdminAuditLogConfig's object in a new Exchange Online organisation, in the cmdlet's property
 * order (as read from clients that model its REST output). The scenario's exchange.adminAuditLogConfig
 * overrides any of these properties.
 */
function defaultAdminAuditLogConfig(tenant: ScenarioTenant, createdAt: string): ExchangeObject {
  const organization = tenant.defaultDomain;
  return {
    AdminAuditLogEnabled: true,
    LogLevel: 'None',
    TestCmdletLoggingEnabled: false,
    AdminAuditLogCmdlets: ['*'],
    AdminAuditLogParameters: ['*'],
    AdminAuditLogExcludedCmdlets: [],
    AdminAuditLogAgeLimit: '90.00:00:00',
    LoadBalancerCount: 3,
    RefreshInterval: 10,
    PartitionInfo: [],
    AdminAuditLogMailbox: '',
    UnifiedAuditLogIngestionEnabled: true,
    UnifiedAuditLogFirstOptInDate: createdAt,
    AdminDisplayName: '',
    ExchangeVersion: '0.10 (14.0.100.0)',
    Name: 'Admin Audit Log Settings',
    DistinguishedName: `CN=Admin Audit Log Settings,CN=Global Settings,CN=Configuration,CN=${organization},CN=ConfigurationUnits,DC=SIMPR01A001,DC=PROD,DC=OUTLOOK,DC=COM`,
    Identity: 'Admin Audit Log Settings',
    ObjectCategory: 'SIMPR01A001.PROD.OUTLOOK.COM/Configuration/Schema/ms-Exch-Admin-Audit-Log-Config',
    ObjectClass: ['top', 'msExchAdminAuditLogConfig'],
    WhenChanged: createdAt,
    WhenCreated: createdAt,
    ExchangeObjectId: guidFromSeed(`admin-audit-log-config:${tenant.id}`),
    OrganizationalUnitRoot: organization,
    OrganizationId: `SIMPR01A001.PROD.OUTLOOK.COM/Microsoft Exchange Hosted Organizations/${organization} - SIMPR01A001.PROD.OUTLOOK.COM/ConfigurationUnits/${organization}/Configuration`,
    Guid: guidFromSeed(`admin-audit-log-config:${tenant.id}`),
    OriginatingServer: 'SIMPR01A001DC001.SIMPR01A001.PROD.OUTLOOK.COM',
  };
}

const matches = (object: ExchangeObject, identity: string): boolean => {
  const wanted = identity.toLowerCase();
  return ['Identity', 'Name', 'Guid', 'DistinguishedName', 'ExchangeObjectId'].some((key) => typeof object[key] === 'string' && (object[key] as string).toLowerCase() === wanted);
};

/** The tenant's Exchange Online configuration that the admin API reads and changes. */
export class ExchangeOrganization {
  /** The domain controller named in "couldn't be found on '…'" errors. */
  readonly domainController = 'SIMPR01A001DC001.SIMPR01A001.PROD.OUTLOOK.COM';
  readonly adminAuditLogConfig: ExchangeObject;
  /** The tenant's default domain, as Exchange names the organisation. */
  readonly organization: string;
  private readonly objects: Record<ConfigurationKind, ExchangeObject[]>;

  constructor(scenario: Scenario, now: Date) {
    this.organization = scenario.tenant.defaultDomain;
    const copy = (list: ExchangeObject[]) => list.map((object) => ({ ...object }));
    this.objects = {
      inboundConnectors: copy(scenario.exchange.inboundConnectors),
      outboundConnectors: copy(scenario.exchange.outboundConnectors),
      transportRules: copy(scenario.exchange.transportRules),
    };
    const createdAt = new Date(now.getTime() - 365 * 86_400_000).toISOString();
    this.adminAuditLogConfig = { ...defaultAdminAuditLogConfig(scenario.tenant, createdAt), ...scenario.exchange.adminAuditLogConfig };
  }

  list(kind: ConfigurationKind): readonly ExchangeObject[] {
    return this.objects[kind];
  }

  find(kind: ConfigurationKind, identity: string): ExchangeObject | undefined {
    return this.objects[kind].find((object) => matches(object, identity));
  }

  /** Applies changes and stamps WhenChanged, as saving an Exchange object does. */
  update(object: ExchangeObject, changes: ExchangeObject, now: Date): void {
    Object.assign(object, changes, { WhenChanged: now.toISOString() });
    delete object.WhenChangedUTC;
  }

  /** Where Exchange keeps an object of that kind in the tenant's configuration unit. */
  distinguishedName(kind: ConfigurationKind, name: string): string {
    const container = kind === 'transportRules' ? 'CN=TransportVersioned,CN=Rules,CN=Transport Settings' : 'CN=Transport Settings';
    return `CN=${name},${container},CN=Configuration,CN=${this.organization},CN=ConfigurationUnits,DC=SIMPR01A001,DC=PROD,DC=OUTLOOK,DC=COM`;
  }

  /** Adds an object (New-* cmdlets, POST /_sim/scenario/append). */
  add(kind: ConfigurationKind, object: ExchangeObject): void {
    this.objects[kind].push(object);
  }

  /** The object whose Identity or Name is `name` (case-insensitive): names are unique per kind. */
  named(kind: ConfigurationKind, name: string): ExchangeObject | undefined {
    const wanted = name.toLowerCase();
    return this.objects[kind].find((object) => ['Identity', 'Name'].some((key) => typeof object[key] === 'string' && (object[key] as string).toLowerCase() === wanted));
  }

  /**
   * Puts a transport rule at `priority` (default: last) and renumbers the rules 0…n-1 in order, as Exchange
   * keeps them; Get-TransportRule then lists them by priority.
   */
  placeRule(rule: ExchangeObject, priority?: number): void {
    const others = this.objects.transportRules
      .filter((candidate) => candidate !== rule)
      .map((candidate, index) => ({ candidate, index }))
      .sort((a, b) => (Number(a.candidate.Priority ?? Infinity) - Number(b.candidate.Priority ?? Infinity)) || a.index - b.index)
      .map(({ candidate }) => candidate);
    const at = Math.min(Math.max(priority ?? others.length, 0), others.length);
    others.splice(at, 0, rule);
    others.forEach((candidate, index) => {
      candidate.Priority = index;
    });
    this.objects.transportRules = others;
  }

  remove(kind: ConfigurationKind, object: ExchangeObject): void {
    this.objects[kind] = this.objects[kind].filter((candidate) => candidate !== object);
  }
}
