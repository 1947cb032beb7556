import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { AuditQueryOutcome } from './audit/auditLogQueries';
import { handleBatch } from './batch';
import type { CallerRoles } from './callerRoles';
import { ClientCertificates, type ClientCertificateOption } from './clientAssertion';
import { Directory } from './directory';
import { parseFaults } from './faults';
import { handleGraphCall, type GraphCall } from './graph';
import { handleAdminApi } from './exchange/adminApi';
import { delay, headerMap, parseJsonBody, readBody, safeDecode, send, sendRaw } from './http';
import { newRequestId } from './ids';
import { licensesFor, parseLicenseLevel, type LicenseLevel } from './licenses';
import { GRAPH_ROUTES } from './routes';
import { handleControl } from './routes/control';
import { entraStatsPath, handleEntra } from './routes/entra';
import { loadScenario, type ScenarioFile } from './scenario';
import { SimState } from './state';
import { ensureCa, issueServerCertificate } from './tls';

export interface SimOptions {
  /** Path to a scenario JSON file or a scenario object; default <project root>/sim/scenarios/default.json. */
  scenario?: string | ScenarioFile;
  /** Default 3979; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Folder holding ca.pem + ca-key.pem (created when missing); default path.resolve('.sim'). */
  caDir?: string;
  /** The only client secret the token endpoint accepts; default 'tenant-warden-sim-secret'. */
  clientSecret?: string;
  /**
   * Client ids that authenticate with a certificate: the token endpoint accepts a jwt-bearer client assertion signed
   * with the certificate's key (RS256 or PS256) for them, and refuses the client secret. A client id may be listed
   * more than once (several certificates). `certificatePem` may also hold the private key; the first certificate is used.
   */
  clientCertificates?: ClientCertificateOption[];
  /** Added to every response except /_sim/*. */
  latencyMs?: number;
  /** e.g. '429:0.1,503:0.05': that share of Graph requests fails with Retry-After: 1. */
  faults?: string;
  noiseServicePrincipals?: number;
  noiseGrants?: number;
  /** How long an audit log query stays running before it ends; default 3000. */
  auditQueryDelayMs?: number;
  /** How audit log queries end; default 'succeeded'. */
  auditQueryOutcome?: AuditQueryOutcome;
  /** Exchange admin audit records become searchable this long after the change; default 0 (Microsoft: typically 60–90 minutes). */
  exchangeAuditIngestionDelayMs?: number;
  /** Added to the scenario's deniedPermissions. */
  deniedPermissions?: string[];
  /** The tenant's Entra ID plan, overriding the scenario's `licenses`: 'free', 'p1' or 'p2'. */
  license?: LicenseLevel;
  /**
   * Directory roles (role template ids) of calling apps by client id, on top of the role assignments the scenario
   * gives their service principals, e.g. { '<remediation client id>': ['7be44c8a-adaf-4e2a-84d6-ab2649e08a13'] }
   * (Privileged Authentication Administrator, needed to disable or revoke the sessions of a role holder).
   */
  callerRoles?: CallerRoles;
  log?: (line: string) => void;
}

export interface RunningSim {
  url: string;
  port: number;
  caCertPath: string;
  tenantId: string;
  tenantDomain: string;
  clientSecret: string;
  stop(): Promise<void>;
}

const DEFAULT_CLIENT_SECRET = 'tenant-warden-sim-secret';

function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(__dirname, '..', '..');
    dir = parent;
  }
  return dir;
}

function nonNegativeInteger(name: string, value: number | undefined, fallback: number): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < 0) throw new Error(`${name} must be a non-negative integer (got ${String(value)})`);
  return resolved;
}

function graphHeaders(requestId: string, clientRequestId: string): Record<string, string> {
  return {
    'request-id': requestId,
    'client-request-id': clientRequestId,
    'x-ms-ags-diagnostic': JSON.stringify({ ServerInfo: { DataCenter: 'Tenant Warden Sim', Slice: 'E', Ring: '1', ScaleUnit: '000', RoleInstance: 'SIM' } }),
    'Cache-Control': 'no-cache',
    'Strict-Transport-Security': 'max-age=31536000',
  };
}

/**
 * Waits latencyMs, then writes the answer. The sim's own time (from the body read to the wait, plus the
 * write) goes to /_sim/stats, so a benchmark can tell the sim's share of a request from the latency.
 */
async function answerAfterLatency(state: SimState, workStarted: number, write: () => void): Promise<void> {
  const beforeWait = performance.now() - workStarted;
  if (state.settings.latencyMs > 0) await delay(state.settings.latencyMs);
  const writing = performance.now();
  write();
  state.stats.handled(beforeWait + performance.now() - writing);
}

async function handleHttp(state: SimState, baseUrl: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', baseUrl);
  const headers = headerMap(req);
  const requestId = newRequestId();
  const clientRequestId = headers['client-request-id'] ?? requestId;
  const bodyText = await readBody(req);
  const working = performance.now();
  if (url.pathname.startsWith('/_sim/')) {
    const answer = handleControl(state, method, url.pathname, bodyText);
    send(res, answer.status, { 'request-id': requestId, 'client-request-id': clientRequestId }, answer.body);
    return;
  }
  const segments = url.pathname.split('/').filter((s) => s !== '').map(safeDecode);
  let status: number;
  let responseHeaders: Record<string, string>;
  let body: unknown;
  const entraPath = entraStatsPath(segments);
  if (segments[0]?.toLowerCase() === 'adminapi') {
    const answer = handleAdminApi(state, { method, url, segments, headers, bodyText, baseUrl, requestId, clientIp: clientIpOf(req) });
    await answerAfterLatency(state, working, () => {
      if (answer.rawBody) sendRaw(res, answer.status, answer.headers, answer.rawBody);
      else send(res, answer.status, answer.headers, answer.body);
    });
    state.settings.log(`${method} ${url.pathname}${url.search} -> ${answer.status} (${Date.now() - started} ms)`);
    return;
  }
  if (entraPath) {
    state.stats.record(entraPath);
    const answer = handleEntra(state, { method, segments, bodyText, authorization: headers.authorization, baseUrl, requestId, clientRequestId });
    ({ status, body } = answer);
    responseHeaders = { 'request-id': requestId, 'client-request-id': clientRequestId, 'x-ms-request-id': requestId, 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' };
  } else {
    const version = url.pathname.split('/')[1] ?? '';
    const rawPath = url.pathname.slice(version.length + 1);
    const parsed = parseJsonBody(bodyText);
    const call: GraphCall = {
      method, version, path: safeDecode(rawPath), rawPath, rawQuery: url.search.replace(/^\?/, ''), headers,
      body: parsed.body, bodyIsInvalidJson: parsed.invalid, baseUrl, requestId, clientRequestId, inBatch: false,
    };
    // beta $batch runs its requests as beta calls (of which only the per-user MFA state is simulated).
    const isBatch = (version === 'v1.0' || version === 'beta') && method === 'POST' && rawPath === '/$batch';
    const response = isBatch ? handleBatch(state, GRAPH_ROUTES, call) : handleGraphCall(state, GRAPH_ROUTES, call);
    ({ status, body } = response);
    responseHeaders = { ...graphHeaders(requestId, clientRequestId), ...(response.headers ?? {}) };
    if (typeof body === 'object' && body !== null) responseHeaders['OData-Version'] = '4.0';
  }
  await answerAfterLatency(state, working, () => send(res, status, responseHeaders, body));
  state.settings.log(`${method} ${url.pathname}${url.search} -> ${status} (${Date.now() - started} ms)`);
}

/** The caller's address as Exchange logs it in ClientIP (IPv4-mapped IPv6 written as IPv4). */
function clientIpOf(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

function auditQueryOutcome(value: string | undefined): AuditQueryOutcome {
  if (value === undefined || value === 'succeeded' || value === 'failed') return value ?? 'succeeded';
  throw new Error(`auditQueryOutcome must be 'succeeded' or 'failed' (got '${value}')`);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Starts the simulated Microsoft 365 tenant (Entra token endpoint, Microsoft Graph v1.0, Exchange admin API) over HTTPS. */
export async function startSim(options: SimOptions = {}): Promise<RunningSim> {
  const log = options.log ?? (() => undefined);
  const host = options.host ?? '127.0.0.1';
  const clientSecret = options.clientSecret ?? DEFAULT_CLIENT_SECRET;
  const scenario = loadScenario(options.scenario ?? path.join(projectRoot(), 'sim', 'scenarios', 'default.json'));
  const noise = {
    servicePrincipals: nonNegativeInteger('noiseServicePrincipals', options.noiseServicePrincipals, 0),
    grants: nonNegativeInteger('noiseGrants', options.noiseGrants, 0),
  };
  const now = new Date();
  const license = parseLicenseLevel(options.license, 'license');
  if (license) scenario.licenses = licensesFor(license);
  const directory = new Directory(scenario, noise, now);
  directory.setCallerRoles(options.callerRoles);
  const settings = {
    clientSecret,
    clientCertificates: new ClientCertificates(options.clientCertificates ?? []),
    latencyMs: nonNegativeInteger('latencyMs', options.latencyMs, 0),
    auditQueryDelayMs: nonNegativeInteger('auditQueryDelayMs', options.auditQueryDelayMs, 3000),
    auditQueryOutcome: auditQueryOutcome(options.auditQueryOutcome),
    exchangeAuditIngestionDelayMs: nonNegativeInteger('exchangeAuditIngestionDelayMs', options.exchangeAuditIngestionDelayMs, 0),
    log,
  };
  const state = new SimState(directory, settings, parseFaults(options.faults), options.deniedPermissions ?? [], scenario, now);
  const ca = ensureCa(options.caDir ?? path.resolve('.sim'));
  const certificate = issueServerCertificate(ca);
  let baseUrl = '';
  const server = createServer({ key: certificate.keyPem, cert: certificate.certPem }, (req, res) => {
    handleHttp(state, baseUrl, req, res).catch((error: Error) => {
      log(`sim: request failed: ${error.stack ?? error.message}`);
      if (!res.headersSent) send(res, 500, {}, { error: { code: 'InternalServerError', message: error.message } });
    });
  });
  await listen(server, nonNegativeInteger('port', options.port, 3979), host);
  const port = (server.address() as AddressInfo).port;
  baseUrl = `https://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  log(`sim: ${scenario.tenant.displayName} (${scenario.tenant.id}) listening on ${baseUrl}`);
  // Stopping twice (a test that stops the sim early, then its cleanup) resolves both times.
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return stopped;
  };
  return {
    url: baseUrl,
    port,
    caCertPath: ca.certPath,
    tenantId: scenario.tenant.id,
    tenantDomain: scenario.tenant.defaultDomain,
    clientSecret,
    stop,
  };
}
