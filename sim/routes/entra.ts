import { guidFromSeed } from '../ids';
import { entraErrorBody } from '../errors';
import type { SimState } from '../state';
import { TOKEN_LIFETIME_SECONDS } from '../tokens';

/** An Entra ID (login.microsoftonline.com) call as the HTTP server hands it over. */
export interface EntraCall {
  method: string;
  segments: string[];
  bodyText: string;
  authorization: string | undefined;
  baseUrl: string;
  requestId: string;
  clientRequestId: string;
}

export interface EntraAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

class EntraError {
  constructor(readonly status: number, readonly error: string, readonly code: number, readonly description: string) {}
}

const missingParameter = (name: string): EntraError =>
  new EntraError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`);

function resolveTenant(state: SimState, tenant: string): string {
  const { id, defaultDomain } = state.directory.tenant;
  if (tenant.toLowerCase() === id.toLowerCase() || tenant.toLowerCase() === defaultDomain.toLowerCase()) return id;
  throw new EntraError(400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`);
}

function clientCredentials(form: URLSearchParams, authorization: string | undefined): { clientId: string | null; secret: string | null } {
  const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '');
  if (basic) {
    const [id, ...rest] = Buffer.from(basic[1], 'base64').toString().split(':');
    return { clientId: decodeURIComponent(id), secret: decodeURIComponent(rest.join(':')) };
  }
  return { clientId: form.get('client_id'), secret: form.get('client_secret') };
}

/** The token endpoint URLs a client assertion's `aud` may name: this endpoint, by tenant id or default domain. */
function tokenEndpoints(state: SimState, baseUrl: string): string[] {
  const { id, defaultDomain } = state.directory.tenant;
  return [id, defaultDomain].map((tenant) => `${baseUrl}/${tenant}/oauth2/v2.0/token`);
}

/** Whether the tenant knows the client id: a registered certificate, an application or a service principal. */
function knownClient(state: SimState, clientId: string): boolean {
  if (state.settings.clientCertificates.has(clientId)) return true;
  const { applications, servicePrincipals } = state.directory;
  return (applications.lookup('appId', clientId)?.length ?? 0) > 0 || (servicePrincipals.lookup('appId', clientId)?.length ?? 0) > 0;
}

/**
 * POST /{tenant}/oauth2/v2.0/token with grant_type=client_credentials and a client secret, or (for client ids
 * registered with a certificate) a jwt-bearer client assertion.
 */
function token(state: SimState, call: EntraCall, tenantId: string): EntraAnswer {
  if (call.method !== 'POST') {
    throw new EntraError(400, 'invalid_request', 900561, `The endpoint only accepts POST, OPTIONS requests. Received a ${call.method} request.`);
  }
  const form = new URLSearchParams(call.bodyText);
  const grantType = form.get('grant_type');
  if (!grantType) throw missingParameter('grant_type');
  if (grantType !== 'client_credentials') {
    throw new EntraError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
  }
  const { clientId, secret } = clientCredentials(form, call.authorization);
  if (!clientId) throw missingParameter('client_id');
  const scope = form.get('scope');
  if (!scope) throw missingParameter('scope');
  const resource = scope.split(' ').find((s) => s.endsWith('/.default'));
  if (!resource) {
    throw new EntraError(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
  }
  const audience = state.audienceFor(resource);
  if (!audience) {
    throw new EntraError(400, 'invalid_resource', 500011, `The resource principal named ${resource.replace(/\/\.default$/, '')} was not found in the tenant named ${state.directory.tenant.displayName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
  }
  const assertion = form.get('client_assertion');
  let appidacr: '1' | '2' = '1';
  if (assertion) {
    const check = state.settings.clientCertificates.check({
      clientId,
      assertionType: form.get('client_assertion_type'),
      assertion,
      audiences: tokenEndpoints(state, call.baseUrl),
      knownClient: knownClient(state, clientId),
      tenantName: state.directory.tenant.displayName,
    });
    if (!check.ok) throw new EntraError(check.status, check.error, check.code, check.description);
    appidacr = '2';
  } else {
    if (!secret) throw new EntraError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    // A client registered with a certificate has no secret: every secret is wrong for it.
    if (secret !== state.settings.clientSecret || state.settings.clientCertificates.has(clientId)) {
      throw new EntraError(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`);
    }
  }
  const sp = state.directory.servicePrincipals.lookup('appId', clientId)?.[0];
  const accessToken = state.signer.issue({
    clientId,
    objectId: sp?.id ?? guidFromSeed(`client-service-principal:${tenantId}:${clientId}`),
    displayName: typeof sp?.displayName === 'string' ? sp.displayName : undefined,
    audience,
    roles: state.rolesFor(audience),
    appidacr,
  });
  return { status: 200, body: { token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token: accessToken } };
}

/** GET /{tenant}/v2.0/.well-known/openid-configuration, pointing every endpoint at the sim. */
function openIdConfiguration(call: EntraCall, tenantId: string): EntraAnswer {
  const authority = `${call.baseUrl}/${tenantId}`;
  return {
    status: 200,
    body: {
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${authority}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${authority}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${authority}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
      kerberos_endpoint: `${authority}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    },
  };
}

const ENDPOINTS: Record<string, string> = {
  'oauth2/v2.0/token': 'token',
  'v2.0/.well-known/openid-configuration': 'openid',
  'discovery/v2.0/keys': 'keys',
};

/** The stats path for an Entra endpoint, or undefined when the path is not one. */
export function entraStatsPath(segments: string[]): string | undefined {
  const endpoint = segments.slice(1).join('/');
  return segments.length > 1 && ENDPOINTS[endpoint] ? `/{id}/${endpoint}` : undefined;
}

export function handleEntra(state: SimState, call: EntraCall): EntraAnswer {
  const [tenant, ...rest] = call.segments;
  const endpoint = ENDPOINTS[rest.join('/')];
  try {
    const tenantId = resolveTenant(state, tenant);
    if (endpoint === 'token') return token(state, call, tenantId);
    if (endpoint === 'openid') return openIdConfiguration(call, tenantId);
    return { status: 200, body: state.signer.jwks(`${call.baseUrl}/${tenantId}/v2.0`) };
  } catch (error) {
    if (!(error instanceof EntraError)) throw error;
    return { status: error.status, body: entraErrorBody(error.error, error.code, error.description, call.requestId, call.clientRequestId) };
  }
}
