import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { constants, createHash, createPrivateKey, generateKeyPairSync, randomUUID, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ClientCertificateCredential, ClientSecretCredential } from '@azure/identity';
import { ensureClientCertificate, type ClientCertificateFiles } from '../../sim/clientCertificate';
import type { RunningSim } from '../../sim/server';
import { CONTOSO, EXCHANGE_SCOPE, GRAPH_SCOPE, graphClient, http, startTestSim, type GraphJson } from './helpers';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The contoso fixture's "Tenant Warden" app (it has a service principal); registered here with a certificate. */
const CERT_APP_ID = '5a9e7b21-4c3d-4e2f-9a1b-0c8d7e6f5a4b';
const CERT_APP_SP_ID = '0d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
/** The fixture's "Mail Sync Helper": known to the tenant, no certificate registered with the sim. */
const KNOWN_APP_WITHOUT_CERTIFICATE = '7c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5';
/** Known nowhere. */
const UNKNOWN_APP_ID = 'e4d3c2b1-0a9f-4e8d-b7c6-a5b4c3d2e1f0';
const MAIN = path.resolve(__dirname, '..', '..', 'sim', 'main.js');

function decodeJwt(jwt: string): { header: GraphJson; claims: GraphJson } {
  const [header, claims] = jwt.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
  return { header, claims };
}

function thumbprint(certificatePem: string, algorithm: 'sha1' | 'sha256'): Buffer {
  return createHash(algorithm).update(new X509Certificate(certificatePem).raw).digest();
}

interface AssertionOptions {
  key: KeyObject;
  certificatePem: string;
  clientId: string;
  audience: string;
  alg?: 'RS256' | 'PS256' | 'HS256';
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  now?: number;
}

/** A client assertion made by hand, as MSAL makes it (PS256 + x5t#S256) unless told otherwise. */
function clientAssertion(options: AssertionOptions): string {
  const alg = options.alg ?? 'PS256';
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const thumbprintHeader = alg === 'RS256'
    ? { x5t: thumbprint(options.certificatePem, 'sha1').toString('base64url') }
    : { 'x5t#S256': thumbprint(options.certificatePem, 'sha256').toString('base64url') };
  const header = { alg, typ: 'JWT', ...thumbprintHeader, ...options.header };
  const claims = { aud: options.audience, exp: now + 600, iss: options.clientId, sub: options.clientId, nbf: now, jti: randomUUID(), iat: now, ...options.claims };
  for (const [name, value] of Object.entries(header)) if (value === undefined) delete (header as Record<string, unknown>)[name];
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete (claims as Record<string, unknown>)[name];
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = alg === 'PS256'
    ? sign('sha256', Buffer.from(input), { key: options.key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST })
    : sign('sha256', Buffer.from(input), options.key);
  return `${input}.${signature.toString('base64url')}`;
}

function privateKeyOf(files: ClientCertificateFiles): KeyObject {
  return createPrivateKey(readFileSync(files.pemPath, 'utf8'));
}

describe('sim Entra token endpoint: certificate credentials (client assertions)', () => {
  let sim: RunningSim;
  let dir: string;
  let certificate: ClientCertificateFiles;
  let impostor: ClientCertificateFiles;
  let tokenEndpoint: string;
  const credentialOptions = (): { authorityHost: string; disableInstanceDiscovery: true } => ({ authorityHost: sim.url, disableInstanceDiscovery: true });

  const postToken = (fields: Record<string, string | undefined>) => {
    const body = new URLSearchParams();
    const all: Record<string, string | undefined> = { grant_type: 'client_credentials', scope: GRAPH_SCOPE, client_assertion_type: JWT_BEARER, ...fields };
    for (const [name, value] of Object.entries(all)) if (value !== undefined) body.set(name, value);
    return http(tokenEndpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
  };
  const signed = (options: Partial<AssertionOptions> = {}): string =>
    clientAssertion({ key: privateKeyOf(certificate), certificatePem: certificate.certificatePem, clientId: CERT_APP_ID, audience: tokenEndpoint, ...options });

  function assertEntraError(res: GraphJson, status: number, error: string, code: number, text?: RegExp): void {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.equal(res.body.error, error);
    assert.deepEqual(res.body.error_codes, [code]);
    assert.match(res.body.error_description, new RegExp(`^AADSTS${code}: `));
    if (text) assert.match(res.body.error_description, text);
    assert.ok(res.body.trace_id && res.body.correlation_id && res.body.timestamp);
    assert.equal(res.body.error_uri, `https://login.microsoftonline.com/error?code=${code}`);
  }

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tw-client-cert-'));
    certificate = ensureClientCertificate(dir, 'tenant-warden-remediation');
    impostor = ensureClientCertificate(dir, 'impostor');
    sim = await startTestSim({
      clientCertificates: [{ clientId: CERT_APP_ID, certificatePem: certificate.certificatePem }],
      deniedPermissions: ['User.ReadWrite.All'],
    });
    tokenEndpoint = `${sim.url}/${sim.tenantId}/oauth2/v2.0/token`;
  });

  after(async () => {
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('ensureClientCertificate', () => {
    it('writes one PEM with the certificate and its private key: self-signed RSA 2048, CN=name, valid two years', () => {
      const pem = readFileSync(certificate.pemPath, 'utf8');
      assert.equal(path.dirname(certificate.pemPath), path.resolve(dir));
      assert.match(pem, /^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n$/);
      assert.ok(pem.startsWith(certificate.certificatePem));
      assert.doesNotMatch(certificate.certificatePem, /PRIVATE KEY/);
      const x509 = new X509Certificate(certificate.certificatePem);
      assert.equal(x509.subject, 'CN=tenant-warden-remediation');
      assert.equal(x509.issuer, x509.subject);
      assert.ok(x509.checkPrivateKey(createPrivateKey(pem)));
      assert.equal(x509.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
      const years = (new Date(x509.validTo).getTime() - new Date(x509.validFrom).getTime()) / (365.25 * 24 * 3600 * 1000);
      assert.ok(years > 1.99 && years < 2.01, `validity ${years} years`);
      assert.ok(new Date(x509.validFrom).getTime() <= Date.now());
    });

    it('reuses the file when it exists, and replaces one that holds no usable certificate and key', () => {
      const before = readFileSync(certificate.pemPath, 'utf8');
      assert.deepEqual(ensureClientCertificate(dir, 'tenant-warden-remediation'), certificate);
      assert.equal(readFileSync(certificate.pemPath, 'utf8'), before);
      const broken = ensureClientCertificate(dir, 'broken');
      writeFileSync(broken.pemPath, broken.certificatePem); // the key is gone
      const replaced = ensureClientCertificate(dir, 'broken');
      assert.notEqual(replaced.certificatePem, broken.certificatePem);
      assert.ok(new X509Certificate(replaced.certificatePem).checkPrivateKey(createPrivateKey(readFileSync(replaced.pemPath, 'utf8'))));
    });
  });

  describe('ClientCertificateCredential (@azure/identity, MSAL: PS256 + x5t#S256)', () => {
    it('gets a token for the registered client id and calls Graph with it', async () => {
      const credential = new ClientCertificateCredential(sim.tenantId, CERT_APP_ID, { certificatePath: certificate.pemPath }, credentialOptions());
      const accessToken = await credential.getToken(GRAPH_SCOPE);
      assert.ok(accessToken?.token);
      const { claims } = decodeJwt(accessToken.token);
      assert.equal(claims.aud, 'https://graph.microsoft.com');
      assert.equal(claims.appid, CERT_APP_ID);
      assert.equal(claims.azp, CERT_APP_ID);
      assert.equal(claims.oid, CERT_APP_SP_ID);
      assert.equal(claims.app_displayname, 'Tenant Warden');
      assert.equal(claims.appidacr, '2', 'appidacr 2: the client authenticated with a certificate');
      assert.equal(claims.tid, sim.tenantId);
      assert.ok(claims.roles.includes('Application.ReadWrite.All'));
      assert.ok(!claims.roles.includes('User.ReadWrite.All'), 'denied permissions are left out, as for secret-issued tokens');
      const res = await graphClient(sim, accessToken.token)(`/servicePrincipals/${CERT_APP_SP_ID}?$select=id,appId`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.appId, CERT_APP_ID);
    });

    it('sends what the sim checks: PS256, typ JWT, x5t#S256 (x5c only with sendCertificateChain), aud = token endpoint, iss = sub = client id, jti, nbf, exp = nbf + 600', async () => {
      const sent: string[] = [];
      const recorder = {
        position: 'perCall' as const,
        policy: {
          name: 'recordClientAssertion',
          sendRequest: (request: { body?: unknown }, next: (request: never) => Promise<never>) => {
            if (typeof request.body === 'string') {
              const assertion = new URLSearchParams(request.body).get('client_assertion');
              if (assertion) sent.push(assertion);
            }
            return next(request as never);
          },
        },
      };
      for (const sendCertificateChain of [false, true]) {
        const credential = new ClientCertificateCredential(sim.tenantId, CERT_APP_ID, { certificatePath: certificate.pemPath }, { ...credentialOptions(), sendCertificateChain, additionalPolicies: [recorder] });
        await credential.getToken(GRAPH_SCOPE);
      }
      assert.equal(sent.length, 2);
      const plain = decodeJwt(sent[0]);
      assert.deepEqual(plain.header, { alg: 'PS256', typ: 'JWT', 'x5t#S256': thumbprint(certificate.certificatePem, 'sha256').toString('base64url') });
      assert.deepEqual(Object.keys(plain.claims).sort(), ['aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub']);
      assert.equal(plain.claims.aud, tokenEndpoint);
      assert.equal(plain.claims.iss, CERT_APP_ID);
      assert.equal(plain.claims.sub, CERT_APP_ID);
      assert.equal(plain.claims.exp - plain.claims.nbf, 600);
      const chained = decodeJwt(sent[1]);
      assert.deepEqual(chained.header.x5c, [new X509Certificate(certificate.certificatePem).raw.toString('base64')]);
    });

    it('gets an Exchange Online token the same way', async () => {
      const credential = new ClientCertificateCredential(sim.tenantId, CERT_APP_ID, { certificatePath: certificate.pemPath }, credentialOptions());
      const { claims } = decodeJwt((await credential.getToken(EXCHANGE_SCOPE)).token);
      assert.equal(claims.aud, 'https://outlook.office365.com');
      assert.ok(claims.roles.includes('Exchange.ManageAsApp'));
    });

    it('refuses another certificate (another key) with AADSTS700027', async () => {
      const credential = new ClientCertificateCredential(sim.tenantId, CERT_APP_ID, { certificatePath: impostor.pemPath }, credentialOptions());
      await assert.rejects(credential.getToken(GRAPH_SCOPE), (error: Error) => {
        assert.match(error.message, /AADSTS700027/);
        return true;
      });
    });

    it('refuses a client id with no registered certificate with AADSTS700016', async () => {
      const credential = new ClientCertificateCredential(sim.tenantId, UNKNOWN_APP_ID, { certificatePath: certificate.pemPath }, credentialOptions());
      await assert.rejects(credential.getToken(GRAPH_SCOPE), /AADSTS700016/);
    });

    it('refuses the client secret for a certificate-registered client id (ClientSecretCredential)', async () => {
      const credential = new ClientSecretCredential(sim.tenantId, CERT_APP_ID, sim.clientSecret, credentialOptions());
      await assert.rejects(credential.getToken(GRAPH_SCOPE), /AADSTS7000215/);
    });
  });

  describe('assertions made by hand', () => {
    it('accepts RS256 with an x5t (SHA-1) thumbprint, and the tenant domain in aud', async () => {
      const rs256 = await postToken({ client_id: CERT_APP_ID, client_assertion: signed({ alg: 'RS256' }) });
      assert.equal(rs256.status, 200, JSON.stringify(rs256.body));
      assert.deepEqual(Object.keys(rs256.body).sort(), ['access_token', 'expires_in', 'ext_expires_in', 'token_type']);
      assert.equal(decodeJwt(rs256.body.access_token).claims.appidacr, '2');
      const domain = await postToken({ client_id: CERT_APP_ID, client_assertion: signed({ audience: `${sim.url}/${sim.tenantDomain}/oauth2/v2.0/token` }) });
      assert.equal(domain.status, 200, JSON.stringify(domain.body));
    });

    it('accepts a PS256 assertion that carries both thumbprints and an x5c chain', async () => {
      const x5c = [new X509Certificate(certificate.certificatePem).raw.toString('base64')];
      const res = await postToken({ client_id: CERT_APP_ID, client_assertion: signed({ header: { x5t: thumbprint(certificate.certificatePem, 'sha1').toString('base64url'), x5c } }) });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    });

    it('refuses a certificate that is not registered: 401 AADSTS700027 naming the thumbprint', async () => {
      const res = await postToken({ client_id: CERT_APP_ID, client_assertion: signed({ key: privateKeyOf(impostor), certificatePem: impostor.certificatePem }) });
      const sha256 = thumbprint(impostor.certificatePem, 'sha256').toString('hex').toUpperCase();
      assertEntraError(res, 401, 'invalid_client', 700027, new RegExp(`not registered on application\\. \\[Reason - The key was not found\\., Thumbprint of key used by client: '${sha256}'.*app Id '${CERT_APP_ID}'`));
    });

    it('refuses the registered thumbprint signed with another key: AADSTS700027 failed signature validation', async () => {
      const res = await postToken({ client_id: CERT_APP_ID, client_assertion: signed({ key: privateKeyOf(impostor) }) });
      assertEntraError(res, 401, 'invalid_client', 700027, /Client assertion failed signature validation\./);
      const rs256 = await postToken({ client_id: CERT_APP_ID, client_assertion: signed({ alg: 'RS256', key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }) });
      assertEntraError(rs256, 401, 'invalid_client', 700027, /failed signature validation/);
    });

    it('refuses other algorithms and a tampered payload', async () => {
      const hs256 = signed({ alg: 'RS256', header: { alg: 'HS256' } });
      assertEntraError(await postToken({ client_id: CERT_APP_ID, client_assertion: hs256 }), 401, 'invalid_client', 700027, /failed signature validation/);
      const [header, , signature] = signed().split('.');
      const payload = Buffer.from(JSON.stringify({ aud: tokenEndpoint, iss: CERT_APP_ID, sub: CERT_APP_ID, exp: Math.floor(Date.now() / 1000) + 86400 * 365 })).toString('base64url');
      assertEntraError(await postToken({ client_id: CERT_APP_ID, client_assertion: `${header}.${payload}.${signature}` }), 401, 'invalid_client', 700027);
    });

    it('refuses an expired assertion with 401 AADSTS700024 in Entra\'s wording', async () => {
      const now = Date.now();
      const exp = Math.floor(now / 1000) - 600;
      const res = await postToken({ client_id: CERT_APP_ID, client_assertion: signed({ claims: { nbf: exp - 600, iat: exp - 600, exp } }) });
      assertEntraError(res, 401, 'invalid_client', 700024);
      const description: string = res.body.error_description;
      const expiry = new Date(exp * 1000).toISOString().replace('.000Z', '.0000000Z');
      const from = new Date((exp - 600) * 1000).toISOString().replace('.000Z', '.0000000Z');
      assert.match(description, /^AADSTS700024: Client assertion is not within its valid time range\. Current time: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z, /);
      assert.ok(description.includes(`assertion valid from ${from}, expiry time of assertion ${expiry}. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`), description);
    });

    it('allows five minutes of clock skew on exp and nbf, not more', async () => {
      const seconds = Math.floor(Date.now() / 1000);
      const justExpired = await postToken({ client_id: CERT_APP_ID, client_assertion: signed({ claims: { nbf: seconds - 660, exp: seconds - 60 } }) });
      assert.equal(justExpired.status, 200, JSON.stringify(justExpired.body));
      const slightlyEarly = await postToken({ client_id: CERT_APP_ID, client_assertion: signed({ claims: { nbf: seconds + 120, exp: seconds + 720 } }) });
      assert.equal(slightlyEarly.status, 200, JSON.stringify(slightlyEarly.body));
      const notYet = await postToken({ client_id: CERT_APP_ID, client_assertion: signed({ claims: { nbf: seconds + 900, exp: seconds + 1500 } }) });
      assertEntraError(notYet, 401, 'invalid_client', 700024);
      const noExpiry = await postToken({ client_id: CERT_APP_ID, client_assertion: signed({ claims: { exp: undefined } }) });
      assertEntraError(noExpiry, 401, 'invalid_client', 50027);
    });

    it('accepts the same assertion more than once (MSAL reuses its assertion until it expires)', async () => {
      const assertion = signed();
      assert.equal((await postToken({ client_id: CERT_APP_ID, client_assertion: assertion })).status, 200);
      assert.equal((await postToken({ client_id: CERT_APP_ID, client_assertion: assertion })).status, 200);
    });

    it('refuses the client secret for a certificate-registered client id with 401 AADSTS7000215', async () => {
      const res = await postToken({ client_id: CERT_APP_ID, client_secret: sim.clientSecret, client_assertion_type: undefined });
      assertEntraError(res, 401, 'invalid_client', 7000215, /Invalid client secret provided/);
      const basic = await http(tokenEndpoint, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from(`${CERT_APP_ID}:${sim.clientSecret}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: GRAPH_SCOPE }),
      });
      assertEntraError(basic, 401, 'invalid_client', 7000215);
      const none = await postToken({ client_id: CERT_APP_ID, client_assertion_type: undefined });
      assertEntraError(none, 401, 'invalid_client', 7000218);
    });

    it('still accepts the secret for client ids without a certificate', async () => {
      const res = await postToken({ client_id: KNOWN_APP_WITHOUT_CERTIFICATE, client_secret: sim.clientSecret, client_assertion_type: undefined });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(decodeJwt(res.body.access_token).claims.appidacr, '1');
    });

    it('refuses a client id with no registered certificate: unknown app 400 AADSTS700016, known app 401 AADSTS700027', async () => {
      const unknown = await postToken({ client_id: UNKNOWN_APP_ID, client_assertion: signed({ clientId: UNKNOWN_APP_ID }) });
      assertEntraError(unknown, 400, 'unauthorized_client', 700016, new RegExp(`Application with identifier '${UNKNOWN_APP_ID}' was not found in the directory 'Contoso'\\.`));
      const known = await postToken({ client_id: KNOWN_APP_WITHOUT_CERTIFICATE, client_assertion: signed({ clientId: KNOWN_APP_WITHOUT_CERTIFICATE }) });
      assertEntraError(known, 401, 'invalid_client', 700027, /The key was not found/);
    });

    it('checks aud, iss and sub', async () => {
      const otherAudience = await postToken({ client_id: CERT_APP_ID, client_assertion: signed({ audience: 'https://login.microsoftonline.com/927c6607-8060-4f4a-a5f8-34964ac78d70/oauth2/v2.0/token' }) });
      assertEntraError(otherAudience, 401, 'invalid_client', 700023, /Client assertion audience claim does not match Realm issuer\./);
      const arrayAudience = await postToken({ client_id: CERT_APP_ID, client_assertion: signed({ claims: { aud: [tokenEndpoint] } }) });
      assertEntraError(arrayAudience, 401, 'invalid_client', 700023);
      const otherIssuer = await postToken({ client_id: CERT_APP_ID, client_assertion: signed({ claims: { iss: KNOWN_APP_WITHOUT_CERTIFICATE, sub: KNOWN_APP_WITHOUT_CERTIFICATE } }) });
      assertEntraError(otherIssuer, 401, 'invalid_client', 700021, /Client assertion application identifier doesn't match 'client_id' parameter\./);
      const otherSubject = await postToken({ client_id: CERT_APP_ID, client_assertion: signed({ claims: { sub: KNOWN_APP_WITHOUT_CERTIFICATE } }) });
      assertEntraError(otherSubject, 401, 'invalid_client', 50048, /Subject mismatches Issuer claim in the client assertion\./);
    });

    it('refuses malformed assertions, a missing thumbprint and a missing or unknown client_assertion_type', async () => {
      assertEntraError(await postToken({ client_id: CERT_APP_ID, client_assertion: 'not-a-jwt' }), 401, 'invalid_client', 50027, /JWT token is invalid or malformed\./);
      const noThumbprint = signed({ header: { 'x5t#S256': undefined } });
      assertEntraError(await postToken({ client_id: CERT_APP_ID, client_assertion: noThumbprint }), 401, 'invalid_client', 50027, /No certificate thumbprint specified in token header\./);
      const missingType = await postToken({ client_id: CERT_APP_ID, client_assertion: signed(), client_assertion_type: undefined });
      assertEntraError(missingType, 400, 'invalid_request', 900144, /'client_assertion_type'/);
      const wrongType = await postToken({ client_id: CERT_APP_ID, client_assertion: signed(), client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer' });
      assertEntraError(wrongType, 400, 'invalid_request', 90011);
    });
  });

  describe('configuration', () => {
    it('startSim refuses a clientCertificates entry that holds no certificate', async () => {
      await assert.rejects(startTestSim({ clientCertificates: [{ clientId: CERT_APP_ID, certificatePem: 'nope' }] }), /clientCertificates\[0\] \(client 5a9e7b21-[^)]*\): certificatePem holds no PEM certificate/);
      await assert.rejects(startTestSim({ clientCertificates: [{ clientId: '', certificatePem: certificate.certificatePem }] }), /clientCertificates\[0\]: clientId must be a non-empty string/);
    });

    it('SIM_CLIENT_CERTIFICATES (clientId=path, comma-separated) registers certificates in sim/main.js', async () => {
      const child = spawn(process.execPath, [MAIN], {
        env: { ...process.env, SIM_PORT: '0', SIM_SCENARIO: CONTOSO, SIM_CA_DIR: '.sim', SIM_CLIENT_CERTIFICATES: ` ${CERT_APP_ID}=${certificate.pemPath} , ${UNKNOWN_APP_ID}=${impostor.pemPath}` },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      try {
        const ready: GraphJson = await new Promise((resolve, reject) => {
          let buffered = '';
          child.stdout?.on('data', (chunk: Buffer) => {
            buffered += chunk.toString();
            if (buffered.includes('\n')) resolve(JSON.parse(buffered.slice(0, buffered.indexOf('\n'))));
          });
          child.once('exit', (code) => reject(new Error(`sim exited with ${code}`)));
        });
        for (const [clientId, files] of [[CERT_APP_ID, certificate], [UNKNOWN_APP_ID, impostor]] as const) {
          const credential = new ClientCertificateCredential(ready.tenantId, clientId, { certificatePath: files.pemPath }, { authorityHost: ready.url, disableInstanceDiscovery: true });
          assert.equal(decodeJwt((await credential.getToken(GRAPH_SCOPE)).token).claims.appid, clientId);
        }
        const secret = await http(`${ready.url}/${ready.tenantId}/oauth2/v2.0/token`, {
          method: 'POST',
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CERT_APP_ID, client_secret: 'tenant-warden-sim-secret', scope: GRAPH_SCOPE }),
        });
        assert.deepEqual(secret.body.error_codes, [7000215]);
      } finally {
        child.kill('SIGTERM');
        assert.equal(await exited, 0);
      }
    });

    it('sim/main.js exits 1 naming the problem when SIM_CLIENT_CERTIFICATES is malformed or the file is missing', async () => {
      for (const [value, message] of [
        [`${CERT_APP_ID}`, /SIM_CLIENT_CERTIFICATES entries must be clientId=path\/to\/cert\.pem/],
        [`${CERT_APP_ID}=${path.join(dir, 'missing.pem')}`, /SIM_CLIENT_CERTIFICATES: cannot read the certificate of 5a9e7b21-.*missing\.pem/],
      ] as const) {
        const child = spawn(process.execPath, [MAIN], { env: { ...process.env, SIM_PORT: '0', SIM_SCENARIO: CONTOSO, SIM_CA_DIR: '.sim', SIM_CLIENT_CERTIFICATES: value }, stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
        assert.equal(code, 1);
        assert.match(stderr, message);
      }
    });
  });
});
