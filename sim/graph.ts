import type { Caller, GraphRequest, GraphResponse } from './context';
import { badRequest, forbidden, GraphError, graphErrorBody, invalidToken } from './errors';
import { jsonResponse } from './odata/query';
import { parseQueryOptions } from './odata/options';
import { GRAPH_AUDIENCE, MICROSOFT_GRAPH_APP_ID } from './permissions';
import { matchRoute, normalisePath, type Route, type RouteMatch } from './router';
import { GRAPH_BETA_ROUTES } from './routes';
import type { SimState } from './state';

/** One Graph call as the HTTP server or $batch hands it over. */
export interface GraphCall {
  method: string;
  version: string;
  /** Path below the version, percent-decoded. */
  path: string;
  /** Path below the version as sent (still encoded), for @odata.nextLink. */
  rawPath: string;
  rawQuery: string;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | undefined>>;
  body: unknown;
  bodyIsInvalidJson?: boolean;
  baseUrl: string;
  requestId: string;
  clientRequestId: string;
  inBatch: boolean;
}

/** Reads the caller from a Graph access token issued by this sim; 401 otherwise. */
export function authenticate(state: SimState, authorization: string | undefined): Caller {
  if (!authorization || authorization.trim() === '') throw invalidToken('Access token is empty.');
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  if (!match) throw invalidToken('Access token is empty.');
  const check = state.signer.check(match[1], [GRAPH_AUDIENCE, MICROSOFT_GRAPH_APP_ID]);
  if (!check.ok) throw invalidToken(check.reason);
  return { appId: check.claims.appid, roles: new Set(check.claims.roles ?? []) };
}

function fault(status: 429 | 503): GraphError {
  return status === 429
    ? new GraphError(429, 'TooManyRequests', 'Please retry again later.', { 'Retry-After': '1' })
    : new GraphError(503, 'ServiceNotAvailable', 'Service unavailable. Please retry again later.', { 'Retry-After': '1' });
}

function throttled(retryAfterSeconds: number): GraphError {
  return new GraphError(429, 'TooManyRequests', 'Too many requests. Please retry again later.', { 'Retry-After': String(retryAfterSeconds) });
}

function toRequest(state: SimState, call: GraphCall, caller: Caller, cast: string | undefined, countOnly: boolean): GraphRequest {
  const query = new URLSearchParams(call.rawQuery);
  return {
    method: call.method.toUpperCase(),
    version: call.version,
    path: call.path,
    rawQuery: call.rawQuery,
    headers: call.headers,
    body: call.body,
    baseUrl: call.baseUrl,
    resourceUrl: `${call.baseUrl}/${call.version}${call.rawPath}`,
    caller,
    options: parseQueryOptions(query, call.headers.consistencylevel),
    cast,
    countOnly,
    directory: state.directory,
    auditQueries: state.auditQueries,
  };
}

const unsimulatedVersion = (version: string): GraphError =>
  badRequest(`Invalid version: ${version}. The simulator serves Microsoft Graph v1.0 (of beta only GET /users/{id}/authentication/requirements).`);

function matchVersionRoute(routes: readonly Route[], call: GraphCall): RouteMatch {
  if (call.version !== 'v1.0') throw unsimulatedVersion(call.version);
  return matchRoute(routes, call.method, call.path);
}

/** Of beta only the per-user MFA state is simulated; any other beta request answers 400 as before. */
function matchBetaRoute(call: GraphCall): RouteMatch {
  try {
    return matchRoute(GRAPH_BETA_ROUTES, call.method, call.path);
  } catch (error) {
    if (error instanceof GraphError) throw unsimulatedVersion(call.version);
    throw error;
  }
}

/**
 * Runs one Graph request through the same gates as Graph: token (401), route (400/405), injected
 * faults, identity-report throttling (429), permissions (403), then the handler. Every call is counted.
 */
export function handleGraphCall(state: SimState, routes: readonly Route[], call: GraphCall): GraphResponse {
  let statsPath = normalisePath(`/${call.version}${call.path}`);
  try {
    const caller = authenticate(state, call.headers.authorization);
    const match = call.version === 'beta' ? matchBetaRoute(call) : matchVersionRoute(routes, call);
    statsPath = `/${call.version}${match.statsPath}`;
    const injected = state.faults.next();
    if (injected) throw fault(injected);
    if (match.route.identityAndAccessReport) {
      const decision = state.reportsLimiter.check(caller.appId);
      if (!decision.allowed) {
        state.stats.throttled();
        throw throttled(decision.retryAfterSeconds);
      }
    }
    if (!match.route.permissions.some((permission) => caller.roles.has(permission))) throw forbidden();
    if (call.bodyIsInvalidJson) {
      throw badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
    }
    return match.route.handler(toRequest(state, call, caller, match.cast, match.countOnly), match.params);
  } catch (error) {
    if (error instanceof GraphError) return jsonResponse(error.status, graphErrorBody(error, call.requestId, call.clientRequestId), { ...error.headers });
    state.settings.log(`sim: ${call.method} ${call.path} failed: ${(error as Error).stack ?? String(error)}`);
    const internal = new GraphError(500, 'InternalServerError', 'An internal server error occurred in the simulator.');
    return jsonResponse(500, graphErrorBody(internal, call.requestId, call.clientRequestId));
  } finally {
    state.stats.record(statsPath, call.inBatch);
  }
}
