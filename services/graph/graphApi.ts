import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import { GraphRequestError, MissingPermissionError, ThrottledError } from '../errors';
import { permissionFor } from './permissions';
import { MAX_RETRY_AFTER_SECONDS } from './client';

export type GraphVersion = 'v1.0' | 'beta';

export interface RequestOptions {
  version?: GraphVersion;
  headers?: Record<string, string>;
}

export interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

export interface BatchStep {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface BatchResult {
  id: string;
  status: number;
  body: unknown;
}

const BATCH_LIMIT = 20;
const BATCH_RETRIES = 4;

function describe(path: string): string {
  return path.replace(/^https:\/\/[^/]+/, '').split('?')[0];
}

function toDomainError(error: unknown, method: string, path: string): Error {
  if (!(error instanceof GraphError)) return error instanceof Error ? error : new Error(String(error));
  const request = describe(path);
  if (error.statusCode === 403) {
    const permission = permissionFor(method, path);
    if (permission) return new MissingPermissionError(permission, request);
  }
  if (error.statusCode === 429 || error.statusCode === 503) return new ThrottledError(request);
  return new GraphRequestError(error.statusCode, error.code ?? 'unknown', request, error.message);
}

function retryAfterMs(headers: Record<string, string> | undefined, attempt: number): number {
  const header = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  const seconds = header !== undefined && !Number.isNaN(Number(header)) ? Number(header) : 2 ** attempt;
  return Math.min(seconds, MAX_RETRY_AFTER_SECONDS) * 1000 + Math.floor(Math.random() * 250);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The typed queries use this, never the raw client: errors come back as domain errors. */
export class GraphApi {
  constructor(private readonly client: Client) {}

  async get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    try {
      let request = this.client.api(path).version(options.version ?? 'v1.0');
      if (options.headers) request = request.headers(options.headers);
      return (await request.get()) as T;
    } catch (error) {
      throw toDomainError(error, 'GET', path);
    }
  }

  /** Every item of a collection, following @odata.nextLink. */
  async list<T>(path: string, options: RequestOptions = {}): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    while (next) {
      const page: Page<T> = await this.get<Page<T>>(next, options);
      items.push(...page.value);
      next = page['@odata.nextLink'];
    }
    return items;
  }

  async send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    try {
      const request = this.client.api(path).version(options.version ?? 'v1.0');
      if (method === 'POST') return (await request.post(body ?? {})) as T;
      if (method === 'PATCH') return (await request.patch(body ?? {})) as T;
      return (await request.delete()) as T;
    } catch (error) {
      throw toDomainError(error, method, path);
    }
  }

  /** JSON batching, 20 requests at a time; a step throttled inside the batch is retried on its own. */
  async batch(steps: BatchStep[], options: RequestOptions = {}): Promise<Map<string, BatchResult>> {
    const results = new Map<string, BatchResult>();
    for (let start = 0; start < steps.length; start += BATCH_LIMIT) {
      let pending = steps.slice(start, start + BATCH_LIMIT);
      for (let attempt = 0; pending.length > 0; attempt++) {
        const answer = await this.send<{ responses: (BatchResult & { headers?: Record<string, string> })[] }>(
          'POST',
          '/$batch',
          { requests: pending },
          options,
        );
        const throttled = answer.responses.filter((r) => r.status === 429 || r.status === 503);
        for (const response of answer.responses) {
          if (!throttled.includes(response)) results.set(response.id, { id: response.id, status: response.status, body: response.body });
        }
        if (throttled.length === 0) break;
        if (attempt >= BATCH_RETRIES) throw new ThrottledError(describe(pending.find((s) => s.id === throttled[0].id)?.url ?? '$batch'));
        await sleep(Math.max(...throttled.map((r) => retryAfterMs(r.headers, attempt))));
        const again = new Set(throttled.map((r) => r.id));
        pending = pending.filter((step) => again.has(step.id));
      }
    }
    return results;
  }

  /** A batch answer as a value, or the domain error Graph's status stands for. */
  static unwrap<T>(result: BatchResult | undefined, step: BatchStep): T {
    if (!result) throw new GraphRequestError(0, 'missingResponse', describe(step.url), 'no response in the batch');
    if (result.status >= 200 && result.status < 300) return result.body as T;
    const error = (result.body as { error?: { code?: string; message?: string } } | undefined)?.error;
    if (result.status === 403) {
      const permission = permissionFor(step.method, step.url);
      if (permission) throw new MissingPermissionError(permission, describe(step.url));
    }
    throw new GraphRequestError(result.status, error?.code ?? 'unknown', describe(step.url), error?.message ?? '');
  }
}
