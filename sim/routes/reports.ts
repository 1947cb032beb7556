import type { GraphRequest } from '../context';
import type { Directory } from '../directory';
import { notFound } from '../errors';
import { nonPremiumTenant } from '../licenses';
import { respondCollection, respondEntity } from '../odata/query';
import { plainPresenter } from '../present';
import type { Route, RouteParams } from '../router';
import type { EntityTable } from '../table';

// Identity and access reports: AuditLog.Read.All (Microsoft Graph v1.0 API reference).
const AUDIT_LOG_READ = ['AuditLog.Read.All'];
// Audit log pages hold up to 1,000 records; other reports follow the directory default.
const AUDIT_PAGE = { default: 1000, max: 1000 };

function listOf(contextPath: string, table: (dir: Directory) => EntityTable, typeName: string, pageSize?: { default: number; max: number }) {
  return (req: GraphRequest) => {
    const rows = table(req.directory);
    return respondCollection(req, { contextPath, items: rows.all(), lookup: (p, v) => rows.lookup(p, v), present: plainPresenter, pageSize }, typeName);
  };
}

function getOf(contextPath: string, table: (dir: Directory) => EntityTable, typeName: string) {
  return (req: GraphRequest, params: RouteParams) => {
    const item = table(req.directory).get(params.id.value);
    if (!item) throw notFound(params.id.value);
    return respondEntity(req, { contextPath, item, present: plainPresenter }, typeName);
  };
}

const audits = (dir: Directory) => dir.directoryAudits;
const registrations = (dir: Directory) => dir.userRegistrationDetails;
const REGISTRATIONS = 'reports/authenticationMethods/userRegistrationDetails';

type Handler = (req: GraphRequest, params: RouteParams) => ReturnType<ReturnType<typeof getOf>>;

/** The authentication-method reports need Entra ID P1 or P2; checked after the permission, as Graph does. */
function premium(handler: Handler): Handler {
  return (req, params) => {
    if (!req.directory.licenses.entraIdP1) throw nonPremiumTenant();
    return handler(req, params);
  };
}

export const reportRoutes: Route[] = [
  { method: 'GET', pattern: '/auditLogs/directoryAudits', permissions: AUDIT_LOG_READ, identityAndAccessReport: true, handler: listOf('auditLogs/directoryAudits', audits, 'microsoft.graph.directoryAudit', AUDIT_PAGE) },
  { method: 'GET', pattern: '/auditLogs/directoryAudits/{id}', permissions: AUDIT_LOG_READ, identityAndAccessReport: true, handler: getOf('auditLogs/directoryAudits', audits, 'microsoft.graph.directoryAudit') },
  { method: 'GET', pattern: `/${REGISTRATIONS}`, permissions: AUDIT_LOG_READ, identityAndAccessReport: true, handler: premium(listOf(REGISTRATIONS, registrations, 'microsoft.graph.userRegistrationDetails')) },
  { method: 'GET', pattern: `/${REGISTRATIONS}/{id}`, permissions: AUDIT_LOG_READ, identityAndAccessReport: true, handler: premium(getOf(REGISTRATIONS, registrations, 'microsoft.graph.userRegistrationDetails')) },
];
