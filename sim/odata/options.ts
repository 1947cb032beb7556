import { badRequest, GraphError } from '../errors';
import { FilterSyntaxError, parseFilter, type FilterNode } from './filter';

export interface OrderBy {
  property: string;
  descending: boolean;
}

/** The OData system query options of one request, parsed and syntax-checked. */
export interface QueryOptions {
  filter?: FilterNode;
  select?: string[];
  expand?: string[];
  top?: number;
  skipToken?: string;
  count: boolean;
  orderBy?: OrderBy[];
  search?: string;
  /** `ConsistencyLevel: eventual` was sent. */
  eventual: boolean;
}

const SUPPORTED = ['$select', '$filter', '$top', '$skiptoken', '$count', '$expand', '$orderby', '$search', '$format'];

function list(value: string): string[] {
  return value.split(',').map((part) => part.trim()).filter((part) => part.length > 0);
}

function parseOrderBy(value: string): OrderBy[] {
  return list(value).map((clause) => {
    const [property, direction, extra] = clause.split(/\s+/);
    const dir = direction?.toLowerCase();
    if (extra !== undefined || (dir !== undefined && dir !== 'asc' && dir !== 'desc')) {
      throw badRequest(`Syntax error in $orderby: '${value}'.`);
    }
    return { property, descending: dir === 'desc' };
  });
}

function parseTop(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw badRequest(`Invalid value for $top query option: '${value}'.`);
  return Number(value);
}

export function parseQueryOptions(query: URLSearchParams, consistencyLevel: string | undefined): QueryOptions {
  const options: QueryOptions = { count: false, eventual: (consistencyLevel ?? '').toLowerCase() === 'eventual' };
  for (const [rawKey, value] of query) {
    const key = rawKey.trim().toLowerCase();
    if (!key.startsWith('$')) continue;
    if (key === '$skip') throw new GraphError(400, 'Request_BadRequest', "'$skip' is not supported by the service.");
    if (!SUPPORTED.includes(key)) throw badRequest(`The query parameter '${rawKey}' is not supported.`);
    switch (key) {
      case '$select':
        options.select = list(value);
        break;
      case '$expand':
        options.expand = list(value);
        break;
      case '$filter':
        try {
          options.filter = parseFilter(value);
        } catch (error) {
          if (error instanceof FilterSyntaxError) throw badRequest(`Invalid filter clause: ${error.message}`);
          throw error;
        }
        break;
      case '$top':
        options.top = parseTop(value);
        break;
      case '$skiptoken':
        options.skipToken = value;
        break;
      case '$count':
        if (value !== 'true' && value !== 'false') throw badRequest(`Invalid value for $count query option: '${value}'.`);
        options.count = value === 'true';
        break;
      case '$orderby':
        options.orderBy = parseOrderBy(value);
        break;
      case '$search':
        options.search = value;
        break;
      default:
        break;
    }
  }
  return options;
}

/** Advanced queries on directory objects need both the header and $count=true. */
export function isAdvancedQuery(options: QueryOptions): boolean {
  return options.eventual && options.count;
}
