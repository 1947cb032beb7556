import { createHash } from 'node:crypto';
import { EXCHANGE_AUDIENCE, EXCHANGE_ONLINE_APP_ID } from '../permissions';
import type { SimState } from '../state';
import type { TokenClaims } from '../tokens';
import { bindParameters, findCmdlet, type Cmdlet } from './cmdlets';
import { appNotAuthorised, ExchangeError, requestError, throttledError, tokenRejected, unknownCmdlet, WARNINGS_ANNOTATION } from './errors';
import { toWire } from './wire';

/** One request to outlook.office365.com/adminapi/…, as the HTTP server hands it over. */
export interface AdminApiCall {
  method: string;
  url: URL;
  /** Decoded path segments: adminapi, version, tenant, operation. */
  segments: string[];
  headers: Readonly<Record<string, string | undefined>>;
  bodyText: string;
  baseUrl: string;
  requestId: string;
  clientIp: string;
}

export interface AdminApiAnswer {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  rawBody?: Buffer;
}

const MAX_PAGE_SIZE = 1000;
const ODATA_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const BACKEND_SERVER = 'SIMPR01MB0001.SIMPRD01.PROD.OUTLOOK.COM';

/** The stats path for an admin API request: tenant segments become {id}. */
function adminApiStatsPath(segments: string[]): string {
  return `/${segments.map((segment, index) => (index === 2 ? '{id}' : segment)).join('/')}`;
}

function readToken(state: SimState, call: AdminApiCall): TokenClaims {
  const match = /^Bearer\s+(.+)$/i.exec((call.headers.authorization ?? '').trim());
  if (!match) throw tokenRejected();
  const check = state.signer.check(match[1], [EXCHANGE_AUDIENCE, EXCHANGE_ONLINE_APP_ID]);
  if (check.ok) return check.claims;
  if (check.reason.includes('Invalid audience')) {
    const aud = audienceOf(match[1]);
    throw tokenRejected({ code: 2000003, reason: `The audience claim value is invalid '${aud}'.`, category: 'invalid_resource' });
  }
  throw tokenRejected();
}

function audienceOf(token: string): string {
  try {
    return String((JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { aud?: unknown }).aud ?? '');
  } catch {
    return '';
  }
}

/** The path names the organisation by tenant id or default domain; it must be the token's own tenant. */
function checkTenant(state: SimState, segment: string, claims: TokenClaims): void {
  const { id, defaultDomain } = state.directory.tenant;
  const named = segment.toLowerCase() === id.toLowerCase() || segment.toLowerCase() === defaultDomain.toLowerCase();
  if (!named || claims.tid.toLowerCase() !== id.toLowerCase()) throw tokenRejected();
}

interface CmdletInput {
  name: string;
  parameters: Record<string, unknown>;
}

function parseCmdletInput(bodyText: string): CmdletInput {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    throw requestError(400, 'BadRequest', 'The request body is not valid JSON.');
  }
  const input = (body as { CmdletInput?: { CmdletName?: unknown; Parameters?: unknown } } | null)?.CmdletInput;
  if (typeof input?.CmdletName !== 'string' || input.CmdletName.trim() === '') {
    throw requestError(400, 'BadRequest', "The request body must contain 'CmdletInput' with a 'CmdletName'.");
  }
  const parameters = input.Parameters ?? {};
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    throw requestError(400, 'BadRequest', "'CmdletInput.Parameters' must be an object.");
  }
  return { name: input.CmdletName.trim(), parameters: parameters as Record<string, unknown> };
}

/** `Prefer: odata.maxpagesize=N`, at most 1000 (the ExchangeOnlineManagement module never asks for more). */
function pageSize(prefer: string | undefined): number {
  const match = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer ?? '');
  const asked = match ? Number(match[1]) : MAX_PAGE_SIZE;
  return Math.min(Math.max(asked, 1), MAX_PAGE_SIZE);
}

/** The skip token ties a page to the command it belongs to: the client posts the same body to the next link. */
function commandFingerprint(input: CmdletInput): string {
  return createHash('sha256').update(JSON.stringify([input.name.toLowerCase(), input.parameters])).digest('base64url').slice(0, 16);
}

function readSkipToken(url: URL, input: CmdletInput): number {
  const token = url.searchParams.get('$skiptoken');
  if (token === null) return 0;
  const match = /^(\d+):([A-Za-z0-9_-]+)$/.exec(Buffer.from(token, 'base64url').toString());
  if (!match || match[2] !== commandFingerprint(input)) {
    throw requestError(400, 'BadRequest', 'The skip token is not valid for this request. Post the same command body to the @odata.nextLink URL.');
  }
  return Number(match[1]);
}

function nextLink(call: AdminApiCall, input: CmdletInput, offset: number): string {
  const query = new URLSearchParams(call.url.search);
  query.set('$skiptoken', Buffer.from(`${offset}:${commandFingerprint(input)}`).toString('base64url'));
  return `${call.baseUrl}${call.url.pathname}?${query.toString().replace(/%24/g, '$')}`;
}

function selectList(url: URL): string[] | undefined {
  const select = url.searchParams.get('$select');
  return select ? select.split(',').map((name) => name.trim()).filter(Boolean) : undefined;
}

function successHeaders(call: AdminApiCall): Record<string, string> {
  return {
    'Content-Type': ODATA_JSON,
    'OData-Version': '4.0',
    'Preference-Applied': 'odata.include-annotations="*"',
    'request-id': call.requestId,
    'X-CalculatedBETarget': BACKEND_SERVER,
    'Cache-Control': 'no-cache',
  };
}

function runCmdlet(state: SimState, call: AdminApiCall, cmdlet: Cmdlet, input: CmdletInput, claims: TokenClaims): AdminApiAnswer {
  const offset = readSkipToken(call.url, input);
  const parameters = bindParameters(cmdlet, input.parameters);
  const output = cmdlet.run({
    organization: state.exchange,
    auditLog: state.auditLog,
    actor: { appId: claims.appid, objectId: claims.oid, tenantId: claims.tid, clientIp: call.clientIp },
    now: new Date(),
    parameters,
  });
  const size = pageSize(call.headers.prefer);
  const page = output.value.slice(offset, offset + size);
  const tenantSegment = call.segments[2];
  const body: Record<string, unknown> = {
    '@odata.context': `${call.baseUrl}/adminapi/beta/${tenantSegment}/$metadata#Collection(Exchange.GenericHashTable)`,
    ...WARNINGS_ANNOTATION,
    '@adminapi.warnings': output.warnings,
  };
  if (offset + size < output.value.length) body['@odata.nextLink'] = nextLink(call, input, offset + size);
  const select = selectList(call.url);
  body.value = page.map((object) => toWire(object, select));
  return { status: 200, headers: successHeaders(call), body };
}

/**
 * POST /adminapi/beta/{tenant}/InvokeCommand. Gates, in order: token (401), path and method (404/405),
 * tenant (401), body (400), injected faults (429/503), Exchange.ManageAsApp (401), cmdlet (403),
 * parameters (400), then the cmdlet itself (404 for an unknown Identity). A known cmdlet is counted
 * under `…/InvokeCommand#<cmdlet>` as well, whatever the outcome.
 */
export function handleAdminApi(state: SimState, call: AdminApiCall): AdminApiAnswer {
  const statsPath = adminApiStatsPath(call.segments);
  let cmdletName: string | undefined;
  try {
    const claims = readToken(state, call);
    const [, version, tenant, operation] = call.segments;
    if (call.segments.length !== 4 || operation.toLowerCase() !== 'invokecommand') throw requestError(404, 'NotFound', 'The requested resource does not exist.');
    if (version !== 'beta' || call.method !== 'POST') throw new ExchangeError(405, undefined, { Allow: 'POST' });
    checkTenant(state, tenant, claims);
    const input = parseCmdletInput(call.bodyText);
    const cmdlet = findCmdlet(input.name);
    cmdletName = cmdlet?.name;
    const injected = state.faults.next();
    if (injected) throw throttledError(injected);
    if (!(claims.roles ?? []).includes('Exchange.ManageAsApp')) throw appNotAuthorised(claims.appid);
    if (!cmdlet) throw unknownCmdlet();
    return runCmdlet(state, call, cmdlet, input, claims);
  } catch (error) {
    if (!(error instanceof ExchangeError)) throw error;
    const headers: Record<string, string> = { 'request-id': call.requestId, 'X-CalculatedBETarget': BACKEND_SERVER, ...error.headers };
    if (error.body) headers['Content-Type'] ??= ODATA_JSON;
    return { status: error.status, headers, body: error.body, rawBody: error.rawBody };
  } finally {
    state.stats.record(statsPath, false, cmdletName);
  }
}
