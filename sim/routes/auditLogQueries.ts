import { AUDIT_LOG_QUERY_PERMISSIONS, parseQueryFilters } from '../audit/auditLogQueries';
import type { GraphRequest } from '../context';
import { GraphError } from '../errors';
import { jsonResponse, respondCollection, respondEntity, type Presented } from '../odata/query';
import { plainPresenter } from '../present';
import type { Route, RouteParams } from '../router';
import type { Entity } from '../table';

const QUERIES = 'security/auditLog/queries';
const QUERY_TYPE = 'microsoft.graph.security.auditLogQuery';
// Not documented: the sim pages records 150 at a time unless $top asks for up to 1,000 (public clients send $top=1000).
const RECORDS_PAGE = { default: 150, max: 1000 };

// auditData is declared as microsoft.graph.security.auditData; an Exchange admin record is its derived type
// exchangeAdminAuditRecord, which OData names with @odata.type (minimal metadata annotates derived instances).
const AUDIT_DATA_TYPES: Readonly<Record<string, string>> = { exchangeAdmin: '#microsoft.graph.security.exchangeAdminAuditRecord' };

function queryOrNotFound(req: GraphRequest, params: RouteParams) {
  const query = req.auditQueries.get(params.id.value);
  if (!query) throw new GraphError(404, 'NotFound', `The audit log query '${params.id.value}' was not found.`);
  return query;
}

function create(req: GraphRequest) {
  const query = req.auditQueries.submit(parseQueryFilters(req.body));
  const body = { '@odata.context': `${req.baseUrl}/${req.version}/$metadata#${QUERIES}/$entity`, ...req.auditQueries.present(query, query.createdMs, 'notStarted') };
  return jsonResponse(201, body);
}

function list(req: GraphRequest) {
  const now = Date.now();
  const items = req.auditQueries.all().map((query) => req.auditQueries.present(query, now));
  return respondCollection(req, { contextPath: QUERIES, items, present: plainPresenter }, QUERY_TYPE);
}

function get(req: GraphRequest, params: RouteParams) {
  const item = req.auditQueries.present(queryOrNotFound(req, params));
  return respondEntity(req, { contextPath: QUERIES, item, present: plainPresenter }, QUERY_TYPE);
}

function presentRecord(record: Entity, select: readonly string[] | undefined): Presented {
  const auditData = record.auditData as Record<string, unknown> | undefined;
  const type = AUDIT_DATA_TYPES[String(record.auditLogRecordType)];
  const typed = auditData && type && auditData['@odata.type'] === undefined ? { ...record, auditData: { '@odata.type': type, ...auditData } } : record;
  return plainPresenter(typed, select);
}

function records(req: GraphRequest, params: RouteParams) {
  const query = queryOrNotFound(req, params);
  const items = req.auditQueries.records(query, req.caller.roles);
  return respondCollection(req, { contextPath: `${QUERIES}('${query.id}')/records`, items, present: presentRecord, pageSize: RECORDS_PAGE }, 'microsoft.graph.security.auditLogRecord');
}

/** Permissions: the AuditLogsQuery-* family of the v1.0 API reference; records are limited to the services the token's permissions cover. */
export const auditLogQueryRoutes: Route[] = [
  { method: 'POST', pattern: `/${QUERIES}`, permissions: AUDIT_LOG_QUERY_PERMISSIONS, handler: create },
  { method: 'GET', pattern: `/${QUERIES}`, permissions: AUDIT_LOG_QUERY_PERMISSIONS, handler: list },
  { method: 'GET', pattern: `/${QUERIES}/{id}`, permissions: AUDIT_LOG_QUERY_PERMISSIONS, handler: get },
  { method: 'GET', pattern: `/${QUERIES}/{id}/records`, permissions: AUDIT_LOG_QUERY_PERMISSIONS, handler: records },
];
