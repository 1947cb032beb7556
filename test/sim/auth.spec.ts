import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import type { RunningSim } from '../../sim/server';
import { graphClient, http, requestToken, startTestSim, token, type GraphJson } from './helpers';

const ATTACKER_APP_ID = '7c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5';
const ATTACKER_SP_ID = '3b0a7c2d-1e4f-4a6b-9c8d-7e6f5a4b3c2d';

function decodeJwt(jwt: string): { header: GraphJson; claims: GraphJson } {
  const [header, claims] = jwt.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
  return { header, claims };
}

describe('sim Entra token endpoint', () => {
  let sim: RunningSim;

  before(async () => {
    sim = await startTestSim({ deniedPermissions: ['User.ReadWrite.All'] });
  });

  after(() => sim.stop());

  it('issues a client-credentials token in Entra\'s response shape', async () => {
    const res = await requestToken(sim);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['access_token', 'expires_in', 'ext_expires_in', 'token_type']);
    assert.equal(res.body.token_type, 'Bearer');
    assert.equal(res.body.expires_in, 3599);
    assert.equal(res.body.ext_expires_in, 3599);
    assert.ok(res.headers.get('request-id'));
  });

  it('signs an RS256 JWT with app-only claims, roles minus denied permissions', async () => {
    const jwt = await token(sim, { client_id: ATTACKER_APP_ID });
    const { header, claims } = decodeJwt(jwt);
    assert.equal(header.alg, 'RS256');
    assert.ok(header.kid);
    assert.equal(claims.aud, 'https://graph.microsoft.com');
    assert.equal(claims.iss, `https://sts.windows.net/${sim.tenantId}/`);
    assert.equal(claims.tid, sim.tenantId);
    assert.equal(claims.appid, ATTACKER_APP_ID);
    assert.equal(claims.azp, ATTACKER_APP_ID);
    assert.equal(claims.oid, ATTACKER_SP_ID);
    assert.equal(claims.exp - claims.iat, 3599);
    assert.equal(claims.nbf, claims.iat);
    assert.ok(claims.roles.includes('Application.Read.All'));
    assert.ok(claims.roles.includes('Mail.Read'), 'app roles of the scenario\'s Microsoft Graph service principal are known');
    assert.ok(!claims.roles.includes('User.ReadWrite.All'));
  });

  it('publishes the signing key so the token signature verifies', async () => {
    const jwt = await token(sim);
    const keys = await http(`${sim.url}/${sim.tenantId}/discovery/v2.0/keys`);
    assert.equal(keys.status, 200);
    const jwk = keys.body.keys.find((k: GraphJson) => k.kid === decodeJwt(jwt).header.kid);
    const [header, payload, signature] = jwt.split('.');
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    assert.ok(verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url')));
  });

  it('serves an OpenID configuration whose endpoints point at the sim', async () => {
    const res = await http(`${sim.url}/${sim.tenantId}/v2.0/.well-known/openid-configuration`);
    assert.equal(res.status, 200);
    assert.equal(res.body.token_endpoint, `${sim.url}/${sim.tenantId}/oauth2/v2.0/token`);
    assert.equal(res.body.authorization_endpoint, `${sim.url}/${sim.tenantId}/oauth2/v2.0/authorize`);
    assert.equal(res.body.jwks_uri, `${sim.url}/${sim.tenantId}/discovery/v2.0/keys`);
    assert.equal(res.body.issuer, `${sim.url}/${sim.tenantId}/v2.0`);
  });

  it('gives an Exchange Online audience for the outlook.office365.com scope, which Graph rejects', async () => {
    const jwt = await token(sim, { scope: 'https://outlook.office365.com/.default' });
    const { claims } = decodeJwt(jwt);
    assert.equal(claims.aud, 'https://outlook.office365.com');
    assert.ok(claims.roles.includes('Exchange.ManageAsApp'));
    const res = await graphClient(sim, jwt)('/servicePrincipals');
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'InvalidAuthenticationToken');
    assert.match(res.body.error.message, /Invalid audience/);
  });

  it('accepts the tenant domain name in the token path', async () => {
    const res = await http(`${sim.url}/${sim.tenantDomain}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'x', client_secret: sim.clientSecret, scope: 'https://graph.microsoft.com/.default' }),
    });
    assert.equal(res.status, 200);
  });

  it('rejects a wrong client secret with 401 AADSTS7000215', async () => {
    const res = await requestToken(sim, { client_secret: 'wrong' });
    assert.equal(res.status, 401);
    assert.equal(res.body.error, 'invalid_client');
    assert.deepEqual(res.body.error_codes, [7000215]);
    assert.match(res.body.error_description, /^AADSTS7000215: Invalid client secret provided/);
    assert.ok(res.body.trace_id && res.body.correlation_id && res.body.timestamp);
  });

  it('rejects a missing secret with 401 AADSTS7000218', async () => {
    const res = await http(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'x', scope: 'https://graph.microsoft.com/.default' }),
    });
    assert.equal(res.status, 401);
    assert.deepEqual(res.body.error_codes, [7000218]);
  });

  it('rejects an unknown tenant with 400 AADSTS90002', async () => {
    const res = await http(`${sim.url}/00000000-1111-2222-3333-444444444444/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'x', client_secret: sim.clientSecret, scope: 'https://graph.microsoft.com/.default' }),
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'invalid_request');
    assert.deepEqual(res.body.error_codes, [90002]);
  });

  it('rejects missing parameters, other grant types and scopes without /.default', async () => {
    const missing = await requestToken(sim, { grant_type: '' });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.body.error_codes, [900144]);
    const password = await requestToken(sim, { grant_type: 'password' });
    assert.equal(password.body.error, 'unsupported_grant_type');
    const scope = await requestToken(sim, { scope: 'https://graph.microsoft.com/User.Read' });
    assert.equal(scope.body.error, 'invalid_scope');
    const resource = await requestToken(sim, { scope: 'https://example.com/.default' });
    assert.equal(resource.body.error, 'invalid_resource');
  });
});

describe('sim Graph authorisation', () => {
  let sim: RunningSim;
  let accessToken: string;

  before(async () => {
    sim = await startTestSim({ deniedPermissions: ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'Directory.Read.All', 'RoleManagement.ReadWrite.Directory', 'Directory.ReadWrite.All', 'Application.Read.All'] });
    accessToken = await token(sim);
  });

  after(() => sim.stop());

  it('answers 401 InvalidAuthenticationToken without a token, with request ids and WWW-Authenticate', async () => {
    const res = await http(`${sim.url}/v1.0/servicePrincipals`, { headers: { 'client-request-id': 'c0ffee00-0000-4000-8000-000000000001' } });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'InvalidAuthenticationToken');
    assert.equal(res.body.error.message, 'Access token is empty.');
    assert.equal(res.headers.get('client-request-id'), 'c0ffee00-0000-4000-8000-000000000001');
    assert.equal(res.body.error.innerError['client-request-id'], 'c0ffee00-0000-4000-8000-000000000001');
    assert.equal(res.body.error.innerError['request-id'], res.headers.get('request-id'));
    assert.ok(res.headers.get('www-authenticate')?.startsWith('Bearer'));
  });

  it('answers 401 for a malformed or tampered token', async () => {
    const graph = graphClient(sim, 'not-a-jwt');
    assert.equal((await graph('/users')).status, 401);
    const [header, payload] = accessToken.split('.');
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString());
    forged.roles = [...forged.roles, 'Directory.ReadWrite.All'];
    const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${accessToken.split('.')[2]}`;
    const res = await graphClient(sim, tampered)('/users');
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'InvalidAuthenticationToken');
  });

  it('answers 403 Authorization_RequestDenied when the token lacks every permission the route accepts', async () => {
    const res = await graphClient(sim, accessToken)('/roleManagement/directory/roleAssignments');
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'Authorization_RequestDenied');
    assert.equal(res.body.error.message, 'Insufficient privileges to complete the operation.');
  });

  it('allows a route when a higher permission in its table remains', async () => {
    // Application.Read.All and Directory.Read.All are denied; Application.ReadWrite.All still allows the read.
    const res = await graphClient(sim, accessToken)('/servicePrincipals');
    assert.equal(res.status, 200);
  });

  it('answers 404 Request_ResourceNotFound for an unknown id', async () => {
    const res = await graphClient(sim, accessToken)('/servicePrincipals/6d3a8a4e-0000-4000-8000-000000000000');
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'Request_ResourceNotFound');
    assert.equal(res.body.error.message, "Resource '6d3a8a4e-0000-4000-8000-000000000000' does not exist or one of its queried reference-property objects are not present.");
  });

  it('answers 400 for an unknown segment and 405 for an unsupported method', async () => {
    const graph = graphClient(sim, accessToken);
    const unknown = await graph('/servicePrincipalz');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.message, "Resource not found for the segment 'servicePrincipalz'.");
    const method = await graph('/servicePrincipals', { method: 'DELETE' });
    assert.equal(method.status, 405);
  });

  it('does not simulate /beta', async () => {
    const res = await http(`${sim.url}/beta/servicePrincipals`, { headers: { Authorization: `Bearer ${accessToken}` } });
    assert.equal(res.status, 400);
  });
});
