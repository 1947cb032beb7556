import * as path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { startSim, type RunningSim, type SimOptions } from '../../sim/server';

/** Test fixtures live next to the sources; tests run from dist/test/sim. */
export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'sim', 'fixtures');
export const CONTOSO = path.join(FIXTURES, 'contoso.json');
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export function startTestSim(options: SimOptions = {}): Promise<RunningSim> {
  return startSim({ scenario: CONTOSO, port: 0, caDir: '.sim', ...options });
}

// Response bodies are Graph JSON whose shape each test asserts; `any` keeps those assertions readable.
export type GraphJson = any;

export interface HttpResult<T = GraphJson> {
  status: number;
  headers: Headers;
  body: T;
}

export async function http<T = GraphJson>(url: string, init: RequestInit = {}): Promise<HttpResult<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') && text !== '' ? JSON.parse(text) : text;
  return { status: response.status, headers: response.headers, body: body as T };
}

export async function requestToken(sim: RunningSim, fields: Record<string, string> = {}): Promise<HttpResult> {
  return http(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'tenant-warden-tests', client_secret: sim.clientSecret, scope: GRAPH_SCOPE, ...fields }),
  });
}

export async function token(sim: RunningSim, fields: Record<string, string> = {}): Promise<string> {
  const result = await requestToken(sim, fields);
  if (result.status !== 200) throw new Error(`token request failed: ${JSON.stringify(result.body)}`);
  return result.body.access_token as string;
}

export interface GraphOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  accessToken?: string;
}

/** Calls the sim's Graph: `path` is below /v1.0 (or an absolute URL such as an @odata.nextLink). */
export function graphClient(sim: RunningSim, defaultToken: string) {
  return <T = GraphJson>(pathOrUrl: string, options: GraphOptions = {}): Promise<HttpResult<T>> => {
    const url = pathOrUrl.startsWith('https://') ? pathOrUrl : `${sim.url}/v1.0${pathOrUrl}`;
    const headers: Record<string, string> = { Authorization: `Bearer ${options.accessToken ?? defaultToken}`, ...(options.headers ?? {}) };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    return http<T>(url, { method: options.method ?? 'GET', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  };
}

export type Graph = ReturnType<typeof graphClient>;

/** Follows @odata.nextLink until the last page and returns every item. */
export async function allPages(graph: Graph, first: string, headers?: Record<string, string>): Promise<GraphJson[]> {
  const items: GraphJson[] = [];
  let next: string | undefined = first;
  while (next) {
    const page: HttpResult = await graph(next, { headers });
    if (page.status !== 200) throw new Error(`page failed: ${page.status} ${JSON.stringify(page.body)}`);
    items.push(...page.body.value);
    next = page.body['@odata.nextLink'];
  }
  return items;
}

export const EXCHANGE_SCOPE = 'https://outlook.office365.com/.default';
export const ANCHOR_MAILBOX = 'SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}';

export interface InvokeOptions {
  /** Absolute URL to post to (an @odata.nextLink); default the tenant's InvokeCommand. */
  url?: string;
  headers?: Record<string, string>;
  accessToken?: string;
}

/** Posts {CmdletInput:{CmdletName, Parameters}} to the sim's Exchange admin endpoint as ExchangeOnlineManagement v3 does. */
export function exchangeClient(sim: RunningSim, defaultToken: string) {
  return (cmdlet: string, parameters: Record<string, unknown> = {}, options: InvokeOptions = {}): Promise<HttpResult> =>
    http(options.url ?? `${sim.url}/adminapi/beta/${sim.tenantId}/InvokeCommand`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${options.accessToken ?? defaultToken}`,
        'Content-Type': 'application/json',
        'X-AnchorMailbox': `APP:${ANCHOR_MAILBOX}@${sim.tenantId}`,
        Prefer: 'odata.maxpagesize=1000',
        ...(options.headers ?? {}),
      },
      body: JSON.stringify({ CmdletInput: { CmdletName: cmdlet, Parameters: parameters } }),
    });
}

export type Exchange = ReturnType<typeof exchangeClient>;

/** The first line a started simulator process prints (its ready line); rejects if it exits first. */
export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline >= 0) resolve(buffered.slice(0, newline));
    });
    child.once('exit', (code) => reject(new Error(`sim exited with ${code} before it was ready`)));
  });
}

export function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
