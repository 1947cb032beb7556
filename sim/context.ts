import type { AuditLogQueries } from './audit/auditLogQueries';
import type { Directory } from './directory';
import type { QueryOptions } from './odata/options';

/** Who is calling, read from a valid sim access token. */
export interface Caller {
  appId: string;
  roles: ReadonlySet<string>;
}

/** One Graph request, direct or from inside a $batch. */
export interface GraphRequest {
  method: string;
  version: string;
  /** Path below the version, e.g. /servicePrincipals/{id}/appRoleAssignedTo (as sent, decoded). */
  path: string;
  /** Query string as sent, without '?'; reused to build @odata.nextLink. */
  rawQuery: string;
  headers: Readonly<Record<string, string | undefined>>;
  body: unknown;
  /** https://127.0.0.1:PORT */
  baseUrl: string;
  /** Absolute URL of the resource as requested (path still encoded), without the query. */
  resourceUrl: string;
  caller: Caller;
  options: QueryOptions;
  /** A derived-type cast at the end of the path, e.g. microsoft.graph.servicePrincipal. */
  cast?: string;
  /** The path ended in /$count. */
  countOnly: boolean;
  directory: Directory;
  /** The tenant's audit log queries (security/auditLog/queries). */
  auditQueries: AuditLogQueries;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON body; a string is sent as text/plain (as /$count answers). */
  body?: unknown;
}
