import { badRequest, GraphError } from '../errors';
import { newRequestId } from '../ids';
import { SlidingWindowLimiter } from '../ratelimit';
import type { Entity } from '../table';
import { AUDIT_LOG_RECORD_TYPES } from './recordTypes';
import type { AuditLogRecord, StoredAuditRecord, UnifiedAuditLog } from './unifiedAuditLog';

export type AuditQueryOutcome = 'succeeded' | 'failed';

export interface AuditQuerySettings {
  /** How long a query stays running before it ends. */
  delayMs: number;
  outcome: AuditQueryOutcome;
}

const COLLECTION_FILTERS = [
  'recordTypeFilters', 'serviceFilters', 'operationFilters', 'userPrincipalNameFilters', 'ipAddressFilters', 'objectIdFilters', 'administrativeUnitIdFilters',
] as const;
type CollectionFilter = (typeof COLLECTION_FILTERS)[number];

export interface AuditQueryFilters extends Record<CollectionFilter, string[]> {
  displayName: string | null;
  filterStartDateTime: string | null;
  filterEndDateTime: string | null;
  keywordFilter: string | null;
}

interface StoredQuery {
  id: string;
  filters: AuditQueryFilters;
  createdMs: number;
  /** The records the query found: those searchable when it was submitted that pass its filters. */
  found: StoredAuditRecord[];
  /** The found records a set of permissions may read, by that set's key: each page of a large result reads from it. */
  readable: Map<string, readonly AuditLogRecord[]>;
}

// Security audit log query service limits (Microsoft Graph throttling limits): a tenant's baseline
// allocation is at least 200 submissions per rolling 24 hours and at least 50 queued or running queries.
const SUBMISSIONS_PER_DAY = 200;
const UNFINISHED_QUERIES = 50;
const RECORD_COUNT_LIMIT = 1_000_000;
const DAY_MS = 86_400_000;

// AuditLogsQuery permissions are classified by Microsoft 365 service; AuditLogsQuery.Read.All reads all.
const SERVICE_PERMISSIONS: Readonly<Record<string, string>> = {
  exchange: 'AuditLogsQuery-Exchange.Read.All',
  sharepoint: 'AuditLogsQuery-SharePoint.Read.All',
  onedrive: 'AuditLogsQuery-OneDrive.Read.All',
  azureactivedirectory: 'AuditLogsQuery-Entra.Read.All',
  crm: 'AuditLogsQuery-CRM.Read.All',
  endpoint: 'AuditLogsQuery-Endpoint.Read.All',
};
export const AUDIT_LOG_QUERY_PERMISSIONS = [
  'AuditLogsQuery-Entra.Read.All', 'AuditLogsQuery-CRM.Read.All', 'AuditLogsQuery-Endpoint.Read.All', 'AuditLogsQuery-Exchange.Read.All',
  'AuditLogsQuery-OneDrive.Read.All', 'AuditLogsQuery-SharePoint.Read.All', 'AuditLogsQuery.Read.All',
];

const QUERY_TYPE = 'microsoft.graph.security.auditLogQuery';
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/i;

const unknownProperty = (name: string): GraphError =>
  badRequest(`The property '${name}' does not exist on type '${QUERY_TYPE}'. Make sure to only use property names that are defined by the type or mark the type as open type.`);

/** Graph writes DateTimeOffset values in UTC, without fractional digits when there are none. */
function dateTimeOffset(name: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const ms = typeof value === 'string' && DATE_TIME_OFFSET.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw badRequest(`Cannot convert the literal '${String(value)}' to the expected type 'Edm.DateTimeOffset' (property '${name}').`);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function text(name: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badRequest(`Cannot convert a value of property '${name}' to the expected type 'Edm.String'.`);
  return value;
}

function strings(name: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw badRequest(`Cannot convert the value of property '${name}' to the expected type 'Collection(Edm.String)'.`);
  }
  return value as string[];
}

function recordTypes(value: unknown): string[] {
  return strings('recordTypeFilters', value).map((wanted) => {
    const member = AUDIT_LOG_RECORD_TYPES.find((type) => type.toLowerCase() === wanted.toLowerCase());
    if (!member) throw badRequest(`Requested value '${wanted}' was not found.`);
    return member;
  });
}

/** The create body: the documented auditLogQuery properties only (status is the service's to set). */
export function parseQueryFilters(body: unknown): AuditQueryFilters {
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) throw badRequest('Empty Payload. JSON content expected.');
  const raw = (body ?? {}) as Record<string, unknown>;
  const known = new Set(['@odata.type', 'displayName', 'filterStartDateTime', 'filterEndDateTime', 'keywordFilter', 'status', ...COLLECTION_FILTERS]);
  for (const name of Object.keys(raw)) if (!known.has(name)) throw unknownProperty(name);
  const type = raw['@odata.type'];
  if (type !== undefined && String(type).replace(/^#/, '') !== QUERY_TYPE) throw badRequest(`A type named '${String(type)}' could not be resolved by the model.`);
  return {
    displayName: text('displayName', raw.displayName),
    filterStartDateTime: dateTimeOffset('filterStartDateTime', raw.filterStartDateTime),
    filterEndDateTime: dateTimeOffset('filterEndDateTime', raw.filterEndDateTime),
    recordTypeFilters: recordTypes(raw.recordTypeFilters),
    keywordFilter: text('keywordFilter', raw.keywordFilter),
    serviceFilters: strings('serviceFilters', raw.serviceFilters),
    operationFilters: strings('operationFilters', raw.operationFilters),
    userPrincipalNameFilters: strings('userPrincipalNameFilters', raw.userPrincipalNameFilters),
    ipAddressFilters: strings('ipAddressFilters', raw.ipAddressFilters),
    objectIdFilters: strings('objectIdFilters', raw.objectIdFilters),
    administrativeUnitIdFilters: strings('administrativeUnitIdFilters', raw.administrativeUnitIdFilters),
  };
}

const inList = (list: readonly string[], value: unknown): boolean =>
  list.length === 0 || (typeof value === 'string' && list.some((item) => item.toLowerCase() === value.toLowerCase()));

/** Start inclusive, end exclusive; list filters match case-insensitively; the keyword searches auditData. */
function passes(filters: AuditQueryFilters, stored: StoredAuditRecord): boolean {
  const { record, createdMs } = stored;
  if (filters.filterStartDateTime && createdMs < Date.parse(filters.filterStartDateTime)) return false;
  if (filters.filterEndDateTime && createdMs >= Date.parse(filters.filterEndDateTime)) return false;
  if (!inList(filters.recordTypeFilters, record.auditLogRecordType)) return false;
  if (!inList(filters.operationFilters, record.operation)) return false;
  if (!inList(filters.userPrincipalNameFilters, record.userPrincipalName)) return false;
  if (!inList(filters.ipAddressFilters, record.clientIp)) return false;
  if (!inList(filters.objectIdFilters, record.objectId)) return false;
  if (!inList(filters.serviceFilters, record.service)) return false;
  const units = Array.isArray(record.administrativeUnits) ? (record.administrativeUnits as unknown[]) : [];
  if (filters.administrativeUnitIdFilters.length > 0 && !units.some((unit) => inList(filters.administrativeUnitIdFilters, unit))) return false;
  if (filters.keywordFilter && !JSON.stringify(record.auditData ?? {}).toLowerCase().includes(filters.keywordFilter.toLowerCase())) return false;
  return true;
}

function readableBy(record: AuditLogRecord, roles: ReadonlySet<string>): boolean {
  if (roles.has('AuditLogsQuery.Read.All')) return true;
  const permission = SERVICE_PERMISSIONS[String(record.service ?? '').toLowerCase()];
  return permission !== undefined && roles.has(permission);
}

/** Which records a token may read depends only on the audit log query permissions it holds. */
const readKey = (roles: ReadonlySet<string>): string => AUDIT_LOG_QUERY_PERMISSIONS.filter((p) => roles.has(p)).join(',');

/** The tenant's audit log queries (Microsoft Purview Audit Search through Graph). */
export class AuditLogQueries {
  private readonly queries = new Map<string, StoredQuery>();
  private readonly submissions = new SlidingWindowLimiter(SUBMISSIONS_PER_DAY, DAY_MS);

  constructor(private readonly log: UnifiedAuditLog, private readonly settings: AuditQuerySettings, private readonly tenantId: string) {}

  /** Submits a query; 429 past the tenant's daily submissions or its queued-or-running allocation. */
  submit(filters: AuditQueryFilters, now = Date.now()): StoredQuery {
    const unfinished = [...this.queries.values()].filter((query) => this.statusOf(query, now) !== this.settings.outcome);
    if (unfinished.length >= UNFINISHED_QUERIES) {
      const firstDone = Math.min(...unfinished.map((query) => query.createdMs + this.settings.delayMs));
      throw tooMany(`The tenant already has ${UNFINISHED_QUERIES} audit log queries queued or running.`, firstDone - now);
    }
    const decision = this.submissions.check(this.tenantId, now);
    if (!decision.allowed) throw tooMany(`The tenant has submitted ${SUBMISSIONS_PER_DAY} audit log queries in the last 24 hours.`, decision.retryAfterSeconds * 1000);
    const found = this.log.all().filter((stored) => stored.searchableFromMs <= now && passes(filters, stored));
    const query: StoredQuery = { id: newRequestId(), filters, createdMs: now, found, readable: new Map() };
    this.queries.set(query.id, query);
    return query;
  }

  get(id: string): StoredQuery | undefined {
    return this.queries.get(id.toLowerCase());
  }

  all(): StoredQuery[] {
    return [...this.queries.values()];
  }

  /** Running until the delay has passed since submission (which answers notStarted), then the configured outcome. */
  statusOf(query: StoredQuery, now = Date.now()): string {
    return now - query.createdMs >= this.settings.delayMs ? this.settings.outcome : 'running';
  }

  /** The auditLogQuery resource in the documented shape (its documented examples carry @odata.type). */
  present(query: StoredQuery, now = Date.now(), status = this.statusOf(query, now)): Entity {
    const succeeded = status === 'succeeded';
    return {
      '@odata.type': `#${QUERY_TYPE}`,
      id: query.id,
      ...query.filters,
      status,
      approximateReturnedRecordCount: succeeded ? query.found.length : null,
      isRecordCountLimitExceeded: false,
      recordCountLimit: RECORD_COUNT_LIMIT,
    };
  }

  /** A finished query's records the caller's permissions cover; 400 before the query has succeeded. */
  records(query: StoredQuery, roles: ReadonlySet<string>, now = Date.now()): readonly AuditLogRecord[] {
    const status = this.statusOf(query, now);
    if (status !== 'succeeded') {
      throw badRequest(`The audit log query '${query.id}' is ${status}. Its records can be read once its status is succeeded.`);
    }
    const key = readKey(roles);
    let records = query.readable.get(key);
    if (!records) query.readable.set(key, (records = query.found.map((stored) => stored.record).filter((record) => readableBy(record, roles))));
    return records;
  }
}

function tooMany(message: string, waitMs: number): GraphError {
  return new GraphError(429, 'TooManyRequests', `${message} Please retry after the time in the Retry-After header.`, { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) });
}
