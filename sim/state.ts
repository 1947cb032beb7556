import type { ClientCertificates } from './clientAssertion';
import { AuditLogQueries, type AuditQueryOutcome } from './audit/auditLogQueries';
import { UnifiedAuditLog } from './audit/unifiedAuditLog';
import type { Directory } from './directory';
import { ExchangeOrganization } from './exchange/organization';
import { FaultInjector, type FaultRule } from './faults';
import { EXCHANGE_ONLINE_APP_ID, EXCHANGE_APP_PERMISSIONS, EXCHANGE_AUDIENCE, GRAPH_AUDIENCE, knownGraphPermissions, MICROSOFT_GRAPH_APP_ID } from './permissions';
import { SlidingWindowLimiter } from './ratelimit';
import type { Scenario } from './scenario';
import { RequestStats } from './stats';
import { TokenSigner } from './tokens';

export interface SimSettings {
  clientSecret: string;
  /** Client ids that sign in with a certificate (client assertion) and their certificates. */
  clientCertificates: ClientCertificates;
  latencyMs: number;
  auditQueryDelayMs: number;
  auditQueryOutcome: AuditQueryOutcome;
  /** Exchange admin records become searchable this long after they are written. */
  exchangeAuditIngestionDelayMs: number;
  log: (line: string) => void;
}

/** Everything one running sim shares between requests. */
export class SimState {
  readonly signer: TokenSigner;
  readonly stats = new RequestStats();
  readonly faults: FaultInjector;
  /** Identity and access reports: 5 requests per 10 seconds per app per tenant. */
  readonly reportsLimiter = new SlidingWindowLimiter(5, 10_000);
  readonly exchange: ExchangeOrganization;
  readonly auditLog: UnifiedAuditLog;
  readonly auditQueries: AuditLogQueries;

  constructor(
    readonly directory: Directory,
    readonly settings: SimSettings,
    faults: readonly FaultRule[],
    private readonly extraDenied: readonly string[],
    scenario: Scenario,
    now: Date,
  ) {
    this.signer = new TokenSigner(directory.tenant.id);
    this.faults = new FaultInjector(faults);
    this.exchange = new ExchangeOrganization(scenario, now);
    this.auditLog = new UnifiedAuditLog(scenario.tenant, scenario.exchange.auditRecords, settings.exchangeAuditIngestionDelayMs);
    this.auditQueries = new AuditLogQueries(this.auditLog, { delayMs: settings.auditQueryDelayMs, outcome: settings.auditQueryOutcome }, scenario.tenant.id);
  }

  /** Application permissions a token for `audience` carries: all the sim knows minus the denied ones. */
  rolesFor(audience: string): string[] {
    const denied = new Set([...this.directory.deniedPermissions, ...this.extraDenied]);
    const known = audience === EXCHANGE_AUDIENCE
      ? [...EXCHANGE_APP_PERMISSIONS, ...this.appRoleValues(EXCHANGE_ONLINE_APP_ID)]
      : [...knownGraphPermissions(), ...this.appRoleValues(MICROSOFT_GRAPH_APP_ID)];
    return [...new Set(known)].filter((role) => !denied.has(role)).sort();
  }

  private appRoleValues(resourceAppId: string): string[] {
    const resource = this.directory.servicePrincipals.lookup('appId', resourceAppId)?.[0];
    const appRoles = Array.isArray(resource?.appRoles) ? (resource.appRoles as { value?: unknown }[]) : [];
    return appRoles.map((role) => role.value).filter((value): value is string => typeof value === 'string');
  }

  audienceFor(scope: string): string | undefined {
    const resource = scope.replace(/\/\.default$/, '').replace(/\/$/, '');
    if (resource === GRAPH_AUDIENCE || resource === MICROSOFT_GRAPH_APP_ID) return GRAPH_AUDIENCE;
    if (resource === EXCHANGE_AUDIENCE || resource === EXCHANGE_ONLINE_APP_ID) return EXCHANGE_AUDIENCE;
    return undefined;
  }
}
