import type { GraphResponse } from './context';
import { badRequest, GraphError, graphErrorBody } from './errors';
import { authenticate, handleGraphCall, type GraphCall } from './graph';
import { safeDecode } from './http';
import { newRequestId } from './ids';
import { jsonResponse } from './odata/query';
import type { Route } from './router';
import type { SimState } from './state';

const MAX_REQUESTS = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

interface BatchAnswer {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const invalidPayload = (detail: string): GraphError => badRequest(`Invalid batch payload format. ${detail}`);

function parseItem(raw: unknown, index: number): BatchItem {
  if (typeof raw !== 'object' || raw === null) throw invalidPayload(`requests[${index}] must be an object.`);
  const item = raw as Record<string, unknown>;
  if (typeof item.id !== 'string' || item.id === '') throw invalidPayload(`requests[${index}].id is required.`);
  if (typeof item.method !== 'string') throw invalidPayload(`requests[${index}].method is required.`);
  if (typeof item.url !== 'string' || item.url === '') throw invalidPayload(`requests[${index}].url is required.`);
  if (/^[a-z]+:\/\//i.test(item.url)) throw invalidPayload(`requests[${index}].url must be relative, such as /users.`);
  const headers: Record<string, string> = {};
  if (item.headers !== undefined) {
    if (typeof item.headers !== 'object' || item.headers === null) throw invalidPayload(`requests[${index}].headers must be an object.`);
    for (const [name, value] of Object.entries(item.headers)) headers[name.toLowerCase()] = String(value);
  }
  if (item.dependsOn !== undefined && (!Array.isArray(item.dependsOn) || item.dependsOn.some((d) => typeof d !== 'string'))) {
    throw invalidPayload(`requests[${index}].dependsOn must be an array of request ids.`);
  }
  return { id: item.id, method: item.method.toUpperCase(), url: item.url, headers, body: item.body, dependsOn: (item.dependsOn as string[] | undefined) ?? [] };
}

function parseBatch(body: unknown): BatchItem[] {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests)) throw invalidPayload("The body must be a JSON object with a 'requests' array.");
  if (requests.length > MAX_REQUESTS) throw badRequest(`The number of requests in a batch exceeds the limit of ${MAX_REQUESTS}.`);
  const items = requests.map(parseItem);
  const ids = new Set<string>();
  for (const item of items) {
    const key = item.id.toLowerCase();
    if (ids.has(key)) throw invalidPayload(`Request id '${item.id}' is used more than once.`);
    ids.add(key);
  }
  for (const item of items) {
    for (const dependency of item.dependsOn) {
      if (!ids.has(dependency.toLowerCase())) throw invalidPayload(`Request '${item.id}' depends on unknown request '${dependency}'.`);
    }
  }
  return items;
}

/** Orders requests so each runs after the requests it depends on; a cycle makes the batch invalid. */
function executionOrder(items: BatchItem[]): BatchItem[] {
  const byId = new Map(items.map((item) => [item.id.toLowerCase(), item]));
  const ordered: BatchItem[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (item: BatchItem): void => {
    const key = item.id.toLowerCase();
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'visiting') throw invalidPayload(`Request '${item.id}' is part of a dependsOn cycle.`);
    state.set(key, 'visiting');
    for (const dependency of item.dependsOn) visit(byId.get(dependency.toLowerCase()) as BatchItem);
    state.set(key, 'done');
    ordered.push(item);
  };
  items.forEach(visit);
  return ordered;
}

function innerCall(outer: GraphCall, item: BatchItem): GraphCall {
  const relative = item.url.replace(/^\/+/, '');
  const queryAt = relative.indexOf('?');
  const rawPath = `/${queryAt < 0 ? relative : relative.slice(0, queryAt)}`;
  const path = safeDecode(rawPath);
  const requestId = newRequestId();
  return {
    method: item.method,
    version: outer.version,
    path,
    rawPath,
    rawQuery: queryAt < 0 ? '' : relative.slice(queryAt + 1),
    headers: { ...item.headers, authorization: outer.headers.authorization },
    body: item.body,
    baseUrl: outer.baseUrl,
    requestId,
    clientRequestId: item.headers['client-request-id'] ?? requestId,
    inBatch: true,
  };
}

function failedDependency(item: BatchItem, outer: GraphCall): BatchAnswer {
  const error = new GraphError(424, 'FailedDependency', `Request '${item.id}' was not run because a request it depends on failed.`);
  return { id: item.id, status: 424, headers: { 'Content-Type': 'application/json' }, body: graphErrorBody(error, newRequestId(), outer.clientRequestId) };
}

function runItem(state: SimState, routes: readonly Route[], outer: GraphCall, item: BatchItem): BatchAnswer {
  if (item.body !== undefined && !item.headers['content-type']) {
    const error = badRequest('Content-Type header must be specified in a batch request that has a body.');
    return { id: item.id, status: 400, headers: { 'Content-Type': 'application/json' }, body: graphErrorBody(error, newRequestId(), outer.clientRequestId) };
  }
  const response = handleGraphCall(state, routes, innerCall(outer, item));
  const answer: BatchAnswer = { id: item.id, status: response.status, headers: { ...(response.headers ?? {}) } };
  if (response.body !== undefined) answer.body = response.body;
  return answer;
}

/**
 * POST /v1.0/$batch: JSON batching. Each inner request is authorised, throttled, faulted and counted
 * like a direct one; dependents of a failed request answer 424.
 */
export function handleBatch(state: SimState, routes: readonly Route[], outer: GraphCall): GraphResponse {
  try {
    authenticate(state, outer.headers.authorization);
    if (outer.bodyIsInvalidJson) throw invalidPayload('The body is not valid JSON.');
    const answers = new Map<string, BatchAnswer>();
    for (const item of executionOrder(parseBatch(outer.body))) {
      const failed = item.dependsOn.some((dependency) => (answers.get(dependency.toLowerCase())?.status ?? 0) >= 400);
      answers.set(item.id.toLowerCase(), failed ? failedDependency(item, outer) : runItem(state, routes, outer, item));
    }
    return jsonResponse(200, { responses: [...answers.values()] });
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    return jsonResponse(error.status, graphErrorBody(error, outer.requestId, outer.clientRequestId), { ...error.headers });
  } finally {
    state.stats.record(`/${outer.version}/$batch`);
  }
}
