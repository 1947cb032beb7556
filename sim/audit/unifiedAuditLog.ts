import { parseIsoDateTime } from '../dates';
import { newRequestId } from '../ids';
import type { ScenarioTenant } from '../scenario';

/** An auditLogRecord exactly as Graph's audit log query API returns it. */
export type AuditLogRecord = Record<string, unknown> & { id: string };

export interface StoredAuditRecord {
  record: AuditLogRecord;
  createdMs: number;
  /** Queries created from this moment on can find the record (Exchange's ingestion delay). */
  searchableFromMs: number;
}

/** Who ran an Exchange cmdlet, read from the app-only access token. */
export interface ExchangeActor {
  appId: string;
  objectId: string;
  tenantId: string;
  clientIp: string;
}

export interface ExchangeAdminEvent {
  operation: string;
  objectId: string;
  parameters: { Name: string; Value: string }[];
  actor: ExchangeActor;
  now: Date;
}

const ORIGINATING_SERVERS = ['BN8PR15MB2563 (15.20.8182.019)', 'SA1PR15MB5109 (15.20.8158.013)', 'CH3PR15MB6472 (15.20.8182.021)'];

const secondsOnly = (date: Date): string => date.toISOString().slice(0, 19);

/**
 * The tenant's unified audit log: the scenario's records (searchable from the start) plus the
 * exchangeAdmin records written when an app changes Exchange through the admin API.
 */
export class UnifiedAuditLog {
  private readonly stored: StoredAuditRecord[] = [];

  constructor(private readonly tenant: ScenarioTenant, scenarioRecords: readonly Record<string, unknown>[], private readonly ingestionDelayMs: number) {
    for (const record of scenarioRecords) {
      const createdMs = parseIsoDateTime(String(record.createdDateTime));
      this.stored.push({ record: record as AuditLogRecord, createdMs, searchableFromMs: Number.NEGATIVE_INFINITY });
    }
  }

  /**
   * Records appended to the running tenant (POST /_sim/scenario/append). An exchangeAdmin record becomes
   * searchable the ingestion delay after its createdDateTime, as the records Exchange writes do; other
   * types from their createdDateTime.
   */
  append(records: readonly Record<string, unknown>[]): void {
    for (const record of records) {
      const createdMs = parseIsoDateTime(String(record.createdDateTime));
      const delay = record.auditLogRecordType === 'exchangeAdmin' ? this.ingestionDelayMs : 0;
      this.stored.push({ record: { ...record } as AuditLogRecord, createdMs, searchableFromMs: createdMs + delay });
    }
  }

  has(id: string): boolean {
    const wanted = id.toLowerCase();
    return this.stored.some((stored) => stored.record.id.toLowerCase() === wanted);
  }

  /** Newest first, as the scenario lists them. */
  all(): readonly StoredAuditRecord[] {
    return [...this.stored].sort((a, b) => b.createdMs - a.createdMs);
  }

  /**
   * Writes the exchangeAdmin record Exchange keeps for a cmdlet an app ran (ExchangeAdmin schema of the
   * Office 365 Management Activity API, UserType 5 = Application, ResultStatus "True").
   */
  recordExchangeAdmin(event: ExchangeAdminEvent): AuditLogRecord {
    const id = newRequestId();
    const created = new Date(Math.floor(event.now.getTime() / 1000) * 1000);
    const { actor } = event;
    const record: AuditLogRecord = {
      '@odata.type': '#microsoft.graph.security.auditLogRecord',
      id,
      createdDateTime: `${secondsOnly(created)}Z`,
      auditLogRecordType: 'exchangeAdmin',
      operation: event.operation,
      organizationId: this.tenant.id,
      userType: 'application',
      userId: actor.appId,
      userPrincipalName: actor.appId,
      clientIp: actor.clientIp,
      objectId: event.objectId,
      service: 'Exchange',
      administrativeUnits: [],
      auditData: {
        CreationTime: secondsOnly(created),
        Id: id,
        Operation: event.operation,
        OrganizationId: this.tenant.id,
        RecordType: 1,
        ResultStatus: 'True',
        UserKey: actor.appId,
        UserType: 5,
        Workload: 'Exchange',
        ClientIP: actor.clientIp,
        ObjectId: event.objectId,
        UserId: actor.appId,
        AppId: actor.appId,
        ClientAppId: actor.appId,
        ExternalAccess: false,
        OrganizationName: this.tenant.defaultDomain,
        OriginatingServer: ORIGINATING_SERVERS[this.stored.length % ORIGINATING_SERVERS.length],
        Parameters: event.parameters,
        TokenObjectId: actor.objectId,
        TokenTenantId: actor.tenantId,
      },
    };
    this.stored.push({ record, createdMs: created.getTime(), searchableFromMs: event.now.getTime() + this.ingestionDelayMs });
    return record;
  }
}
