import type { GraphRequest, GraphResponse } from './context';
import { badRequest, GraphError } from './errors';

/** A path key: `/servicePrincipals/{id}` or the alternate key `/servicePrincipals(appId='{appId}')`. */
export interface PathKey {
  value: string;
  byAppId: boolean;
}

export type RouteParams = Readonly<Record<string, PathKey>>;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** e.g. /servicePrincipals/{id}/appRoleAssignedTo; literal segments match case-insensitively. */
  pattern: string;
  /** Application permissions that allow the call, least privileged first (Microsoft's permission tables). */
  permissions: readonly string[];
  /** Identity and access reports share a throttling limit of 5 requests per 10 s per app per tenant. */
  identityAndAccessReport?: boolean;
  /** A collection that also answers /$count. */
  collection?: boolean;
  /** A collection of mixed directory object types that accepts a derived-type cast (…/microsoft.graph.group). */
  polymorphic?: boolean;
  handler: (req: GraphRequest, params: RouteParams) => GraphResponse;
}

export interface RouteMatch {
  route: Route;
  params: RouteParams;
  cast?: string;
  countOnly: boolean;
  /** The route's pattern with ids as {id} and keys as (appId={appId}), for stats. */
  statsPath: string;
}

type Segment = { literal: string } | { key: PathKey };

const KEY_SEGMENT = /^(servicePrincipals|applications)\(appId='((?:[^']|'')*)'\)$/i;

function parsePath(path: string): Segment[] {
  const segments: Segment[] = [];
  for (const raw of path.split('/')) {
    if (raw === '') continue;
    const key = KEY_SEGMENT.exec(raw);
    if (key) {
      segments.push({ literal: key[1] }, { key: { value: key[2].replace(/''/g, "'"), byAppId: true } });
    } else {
      segments.push({ literal: raw });
    }
  }
  return segments;
}

function matchSegments(pattern: string[], segments: Segment[]): Record<string, PathKey> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, PathKey> = {};
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i];
    const segment = segments[i];
    if (part.startsWith('{')) {
      params[part.slice(1, -1)] = 'key' in segment ? segment.key : { value: segment.literal, byAppId: false };
    } else if (!('literal' in segment) || segment.literal.toLowerCase() !== part.toLowerCase()) {
      return undefined;
    }
  }
  return params;
}

function literalCount(pattern: string[]): number {
  return pattern.filter((part) => !part.startsWith('{')).length;
}

function statsPathFor(route: Route, params: RouteParams, cast: string | undefined, countOnly: boolean): string {
  const parts = route.pattern.split('/').filter((p) => p !== '');
  const out: string[] = [];
  for (const part of parts) {
    if (part.startsWith('{') && params[part.slice(1, -1)]?.byAppId) {
      out[out.length - 1] += '(appId={appId})';
    } else {
      out.push(part.startsWith('{') ? '{id}' : part);
    }
  }
  if (cast) out.push(cast);
  if (countOnly) out.push('$count');
  return `/${out.join('/')}`;
}

function describe(segments: Segment[]): string {
  const last = segments[segments.length - 1];
  if (!last) return '';
  return 'literal' in last ? last.literal : last.key.value;
}

/** Finds the route for a Graph path below the version; unknown paths fail as Graph does (400/405). */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const segments = parsePath(path);
  let countOnly = false;
  let cast: string | undefined;
  const last = segments[segments.length - 1];
  if (last && 'literal' in last && last.literal === '$count') {
    countOnly = true;
    segments.pop();
  }
  const maybeCast = segments[segments.length - 1];
  if (maybeCast && 'literal' in maybeCast && maybeCast.literal.toLowerCase().startsWith('microsoft.graph.')) {
    cast = maybeCast.literal;
    segments.pop();
  }
  const candidates = routes
    .map((route) => ({ route, pattern: route.pattern.split('/').filter((p) => p !== '') }))
    .map(({ route, pattern }) => ({ route, pattern, params: matchSegments(pattern, segments) }))
    .filter((c): c is { route: Route; pattern: string[]; params: Record<string, PathKey> } => c.params !== undefined);
  if (candidates.length === 0) throw badRequest(`Resource not found for the segment '${describe(segments)}'.`);
  const sameMethod = candidates.filter((c) => c.route.method === method.toUpperCase());
  if (sameMethod.length === 0) throw new GraphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
  const best = sameMethod.reduce((a, b) => (literalCount(b.pattern) > literalCount(a.pattern) ? b : a));
  if (cast && !best.route.polymorphic) throw badRequest(`Resource not found for the segment '${cast}'.`);
  if (countOnly && !best.route.collection) throw badRequest("Resource not found for the segment '$count'.");
  return { route: best.route, params: best.params, cast, countOnly, statsPath: statsPathFor(best.route, best.params, cast, countOnly) };
}

/** Stats path for a request no route matched: GUIDs and key values become {id}. */
export function normalisePath(path: string): string {
  return path
    .replace(/\((appId)='(?:[^']|'')*'\)/gi, '($1={appId})')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{id}');
}
