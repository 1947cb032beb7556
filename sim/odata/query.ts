import type { GraphRequest, GraphResponse } from '../context';
import { advancedQueryRequired, badRequest, GraphError, unsupportedQuery } from '../errors';
import type { Entity } from '../table';
import { advancedOperators, evaluateFilter, indexableEquality, type FilterNode } from './filter';
import { isAdvancedQuery, type QueryOptions } from './options';

export type Presented = Record<string, unknown>;

export interface CollectionSpec {
  /** What follows $metadata# in @odata.context, e.g. servicePrincipals or servicePrincipals('{id}')/appRoleAssignedTo. */
  contextPath: string;
  items: readonly Entity[];
  /** An index to answer `prop eq 'x'` without scanning (large collections). */
  lookup?: (property: string, value: string) => Entity[] | undefined;
  /** Directory object collections follow Graph's advanced-query rules; relationships also need them for $filter, $orderby and casts. */
  directory?: 'entitySet' | 'relationship';
  /** How one item is returned, given $select (undefined: the default property set). */
  present: (item: Entity, select: readonly string[] | undefined) => Presented;
  /** Navigation properties this collection can $expand. */
  expand?: Readonly<Record<string, (item: Entity) => Presented | null>>;
  pageSize?: { default: number; max: number };
  /** A page never holds more than this, whatever $top says ($top up to pageSize.max is still accepted). */
  pageCap?: number;
}

const DIRECTORY_PAGE = { default: 100, max: 999 };
const ODATA_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): GraphResponse {
  return { status, body, headers: { 'Content-Type': ODATA_JSON, ...headers } };
}

export function noContent(): GraphResponse {
  return { status: 204 };
}

/** Picks properties as $select does: unknown or unset ones come back as null; @odata.type stays. */
export function selectProperties(object: Presented, select: readonly string[]): Presented {
  const out: Presented = {};
  if (object['@odata.type'] !== undefined) out['@odata.type'] = object['@odata.type'];
  const keys = Object.keys(object);
  for (const name of select) {
    const key = keys.find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    out[key] = object[key] ?? null;
  }
  return out;
}

function contextUrl(req: GraphRequest, contextPath: string, options: QueryOptions, entity: boolean): string {
  const parts = [...(options.select ?? []), ...(options.expand ?? []).map((name) => `${name}()`)];
  const shape = parts.length > 0 ? `(${parts.join(',')})` : '';
  return `${req.baseUrl}/${req.version}/$metadata#${contextPath}${shape}${entity ? '/$entity' : ''}`;
}

/** `id eq '…'` works on membership lists without advanced query parameters. */
function isIdEquality(filter: FilterNode): boolean {
  return filter.type === 'compare' && filter.op === 'eq' && filter.left.type === 'path' && filter.left.segments.length === 1 && filter.left.segments[0].toLowerCase() === 'id';
}

function checkAdvancedRules(req: GraphRequest, spec: CollectionSpec): void {
  const options = req.options;
  if (!spec.directory) return;
  const advanced = isAdvancedQuery(options);
  if (options.search !== undefined && !options.eventual) {
    throw unsupportedQuery("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
  }
  if (advanced) return;
  const operators = options.filter ? advancedOperators(options.filter) : [];
  if (operators.length > 0) throw advancedQueryRequired(`Operator ${operators[0]}`);
  if (options.filter && options.orderBy) throw unsupportedQuery('Sorting not supported for current query.');
  if (spec.directory === 'relationship') {
    // Microsoft documents ConsistencyLevel + $count as required for casts, $filter and $orderby on
    // membership and ownership lists; without them Graph rejects the query or ignores the cast.
    if (req.cast) throw advancedQueryRequired(`The OData cast '${req.cast}'`);
    if (options.filter && !isIdEquality(options.filter)) {
      throw unsupportedQuery('The specified filter to the reference property query is currently not supported.');
    }
    if (options.orderBy) throw unsupportedQuery('Sorting not supported for current query.');
  }
}

function candidates(spec: CollectionSpec, options: QueryOptions): readonly Entity[] {
  if (!options.filter || !spec.lookup) return spec.items;
  const equality = indexableEquality(options.filter);
  if (!equality) return spec.items;
  const found: Entity[] = [];
  const seen = new Set<string>();
  for (const value of equality.values) {
    const rows = spec.lookup(equality.property, value);
    if (!rows) return spec.items;
    for (const row of rows) {
      if (!seen.has(row.id)) {
        seen.add(row.id);
        found.push(row);
      }
    }
  }
  return found;
}

function matchesSearch(item: Entity, search: string): boolean {
  const clauses = search.replace(/^"|"$/g, '').split(/"\s+AND\s+"/i);
  return clauses.every((clause) => {
    const separator = clause.indexOf(':');
    if (separator < 0) return false;
    const value = item[clause.slice(0, separator)];
    return typeof value === 'string' && value.toLowerCase().includes(clause.slice(separator + 1).toLowerCase());
  });
}

function compareForOrder(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase().localeCompare(b.toLowerCase());
  return (a as number) < (b as number) ? -1 : 1;
}

/** The rows a query selects, in order; the collection's own array when nothing narrows or sorts it (no copy per page). */
function filtered(req: GraphRequest, spec: CollectionSpec): readonly Entity[] {
  const { filter, search, orderBy } = req.options;
  let rows = candidates(spec, req.options);
  if (filter) rows = rows.filter((row) => evaluateFilter(filter, row));
  if (search !== undefined) rows = rows.filter((row) => matchesSearch(row, search));
  if (orderBy) {
    rows = [...rows].sort((a, b) => {
      for (const { property, descending } of orderBy) {
        const order = compareForOrder(a[property], b[property]);
        if (order !== 0) return descending ? -order : order;
      }
      return 0;
    });
  }
  return rows;
}

function encodeSkipToken(offset: number): string {
  return Buffer.from(`sim-page:${offset}`).toString('base64url');
}

function decodeSkipToken(token: string): number {
  const match = /^sim-page:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  if (!match) {
    throw new GraphError(400, 'Directory_ExpiredPageToken', 'The specified page token value has expired and can no longer be included in your request.');
  }
  return Number(match[1]);
}

function nextLink(req: GraphRequest, offset: number): string {
  const kept = req.rawQuery
    .split('&')
    .filter((part) => part !== '' && decodeURIComponent(part.split('=')[0]).toLowerCase() !== '$skiptoken');
  kept.push(`$skiptoken=${encodeSkipToken(offset)}`);
  return `${req.resourceUrl}?${kept.join('&')}`;
}

function pageSize(req: GraphRequest, spec: CollectionSpec): number {
  const limits = spec.pageSize ?? DIRECTORY_PAGE;
  const top = req.options.top ?? limits.default;
  if (top < 1 || top > limits.max) {
    throw unsupportedQuery(`Invalid page size specified: '${top}'. Must be between 1 and ${limits.max} inclusive.`);
  }
  return spec.pageCap !== undefined ? Math.min(top, spec.pageCap) : top;
}

function presentWithExpansions(spec: CollectionSpec, item: Entity, options: QueryOptions): Presented {
  const presented = spec.present(item, options.select);
  for (const name of options.expand ?? []) {
    const expander = spec.expand?.[name];
    if (expander) presented[name] = expander(item);
  }
  return presented;
}

function checkExpand(spec: CollectionSpec, options: QueryOptions, typeName: string): void {
  for (const name of options.expand ?? []) {
    if (!spec.expand?.[name]) throw badRequest(`Could not find a property named '${name}' on type '${typeName}'.`);
  }
}

/** A Graph collection answer: filter, search, order, count, page, select and expand as Graph does. */
export function respondCollection(req: GraphRequest, spec: CollectionSpec, typeName = 'microsoft.graph.entity'): GraphResponse {
  checkAdvancedRules(req, spec);
  checkExpand(spec, req.options, typeName);
  const rows = filtered(req, spec);
  if (req.countOnly) {
    if (!spec.directory) throw badRequest("Resource not found for the segment '$count'.");
    if (!req.options.eventual) throw new GraphError(400, 'Request_BadRequest', '$count is not currently supported.');
    return { status: 200, headers: { 'Content-Type': 'text/plain;charset=utf-8' }, body: String(rows.length) };
  }
  const top = pageSize(req, spec);
  const offset = req.options.skipToken !== undefined ? decodeSkipToken(req.options.skipToken) : 0;
  const page = rows.slice(offset, offset + top);
  const body: Record<string, unknown> = { '@odata.context': contextUrl(req, spec.contextPath, req.options, false) };
  // Without ConsistencyLevel: eventual Graph silently ignores $count=true on directory objects.
  if (req.options.count && (req.options.eventual || !spec.directory)) body['@odata.count'] = rows.length;
  if (offset + top < rows.length) body['@odata.nextLink'] = nextLink(req, offset + top);
  body.value = page.map((item) => presentWithExpansions(spec, item, req.options));
  return jsonResponse(200, body);
}

export interface EntitySpec {
  contextPath: string;
  item: Entity;
  present: (item: Entity, select: readonly string[] | undefined) => Presented;
  expand?: Readonly<Record<string, (item: Entity) => Presented | null>>;
  /** Singletons such as policies/identitySecurityDefaultsEnforcementPolicy have no /$entity suffix. */
  singleton?: boolean;
}

export function respondEntity(req: GraphRequest, spec: EntitySpec, typeName = 'microsoft.graph.entity'): GraphResponse {
  checkExpand({ ...spec, items: [] }, req.options, typeName);
  const body: Presented = { '@odata.context': contextUrl(req, spec.contextPath, req.options, !spec.singleton) };
  const presented = presentWithExpansions({ ...spec, items: [] }, spec.item, req.options);
  return jsonResponse(200, { ...body, ...presented });
}
