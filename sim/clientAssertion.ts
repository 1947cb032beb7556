import { constants, createHash, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { firstCertificatePem } from './clientCertificate';

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Entra's tolerance for clock differences on an assertion's nbf and exp (the IdentityModel default, 5 minutes). */
export const ASSERTION_CLOCK_SKEW_SECONDS = 300;

const CERTIFICATE_CREDENTIALS_DOC = 'https://learn.microsoft.com/entra/identity-platform/certificate-credentials';

export interface ClientCertificateOption {
  clientId: string;
  /** PEM; the first CERTIFICATE block is used (a PEM that also holds the private key is fine). */
  certificatePem: string;
}

interface RegisteredCertificate {
  clientId: string;
  publicKey: KeyObject;
  /** Upper-case hex, as Entra prints "Thumbprint of key used by client". */
  sha1: string;
  sha256: string;
}

/** Why Entra refuses the request: HTTP status, OAuth error, AADSTS code and text. */
export interface AssertionFailure {
  status: number;
  error: string;
  code: number;
  description: string;
}

export type AssertionCheck = { ok: true } | ({ ok: false } & AssertionFailure);

export interface AssertionContext {
  clientId: string;
  assertionType: string | null;
  assertion: string;
  /** Token endpoint URLs this tenant answers at (tenant id and default domain forms). */
  audiences: readonly string[];
  /** True when the tenant knows the client id (a registered certificate, an application or a service principal). */
  knownClient: boolean;
  tenantName: string;
  now?: number;
}

const fail = (status: number, error: string, code: number, description: string): AssertionCheck => ({ ok: false, status, error, code, description });
const invalidClient = (code: number, description: string): AssertionCheck => fail(401, 'invalid_client', code, description);

/** Entra writes times in these messages with seven fractional digits: 2025-08-29T05:47:32.1501147Z. */
function entraTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function thumbprintHex(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]+={0,2}$/.test(value)) return undefined;
  return Buffer.from(value.replace(/=+$/, ''), 'base64url').toString('hex').toUpperCase();
}

/** The certificates registered for client ids (SimOptions.clientCertificates) and the check of a jwt-bearer client assertion. */
export class ClientCertificates {
  private readonly byClient = new Map<string, RegisteredCertificate[]>();

  constructor(options: readonly ClientCertificateOption[] = []) {
    options.forEach((option, index) => {
      const where = `clientCertificates[${index}]`;
      if (typeof option?.clientId !== 'string' || option.clientId.trim() === '') throw new Error(`${where}: clientId must be a non-empty string`);
      const pem = typeof option.certificatePem === 'string' ? firstCertificatePem(option.certificatePem) : undefined;
      if (!pem) throw new Error(`${where} (client ${option.clientId}): certificatePem holds no PEM certificate`);
      let certificate: X509Certificate;
      try {
        certificate = new X509Certificate(pem);
      } catch (error) {
        throw new Error(`${where} (client ${option.clientId}): certificatePem is not a valid certificate: ${(error as Error).message}`);
      }
      if (certificate.publicKey.asymmetricKeyType !== 'rsa') {
        throw new Error(`${where} (client ${option.clientId}): only RSA certificates are supported (got ${certificate.publicKey.asymmetricKeyType})`);
      }
      const key = option.clientId.toLowerCase();
      const list = this.byClient.get(key) ?? [];
      list.push({
        clientId: option.clientId,
        publicKey: certificate.publicKey,
        sha1: createHash('sha1').update(certificate.raw).digest('hex').toUpperCase(),
        sha256: createHash('sha256').update(certificate.raw).digest('hex').toUpperCase(),
      });
      this.byClient.set(key, list);
    });
  }

  /** True when the client id has at least one certificate: it then signs in with a client assertion only. */
  has(clientId: string): boolean {
    return this.byClient.has(clientId.toLowerCase());
  }

  /** Validates a client assertion as Entra does for the client credentials grant. */
  check(context: AssertionContext): AssertionCheck {
    const { clientId } = context;
    if (!context.assertionType) {
      return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_assertion_type'.");
    }
    if (context.assertionType !== JWT_BEARER_ASSERTION_TYPE) return fail(400, 'invalid_request', 90011, 'Unexpected client assertion type.');
    const parts = context.assertion.split('.');
    const header = parts.length === 3 ? decodePart(parts[0]) : undefined;
    const claims = parts.length === 3 ? decodePart(parts[1]) : undefined;
    if (!header || !claims) return invalidClient(50027, 'JWT token is invalid or malformed.');
    if (typeof claims.iss !== 'string' || typeof claims.sub !== 'string') return invalidClient(50027, 'JWT token is invalid or malformed.');
    if (claims.sub !== claims.iss) return invalidClient(50048, 'Subject mismatches Issuer claim in the client assertion.');
    if (claims.iss.toLowerCase() !== clientId.toLowerCase()) {
      return invalidClient(700021, `Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at ${CERTIFICATE_CREDENTIALS_DOC} .`);
    }
    if (!context.knownClient && !this.has(clientId)) {
      return fail(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${context.tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
    }
    const audience = typeof claims.aud === 'string' ? claims.aud.toLowerCase() : undefined;
    if (!audience || !context.audiences.some((a) => a.toLowerCase() === audience)) {
      return invalidClient(700023, `Client assertion audience claim does not match Realm issuer. Review the documentation at ${CERTIFICATE_CREDENTIALS_DOC} .`);
    }
    const sha256 = header['x5t#S256'] === undefined ? undefined : thumbprintHex(header['x5t#S256']);
    const sha1 = header.x5t === undefined ? undefined : thumbprintHex(header.x5t);
    if ((header['x5t#S256'] !== undefined && !sha256) || (header.x5t !== undefined && !sha1)) return invalidClient(50027, 'JWT token is invalid or malformed.');
    if (!sha256 && !sha1) return invalidClient(50027, 'Invalid JWT token. No certificate thumbprint specified in token header.');
    const certificate = (this.byClient.get(clientId.toLowerCase()) ?? []).find(
      (c) => (sha256 === undefined || c.sha256 === sha256) && (sha1 === undefined || c.sha1 === sha1),
    );
    if (!certificate) {
      return invalidClient(700027, `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${sha256 ?? sha1}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments if you're not using a public cloud.]`);
    }
    if (!verifySignature(header.alg, `${parts[0]}.${parts[1]}`, parts[2], certificate.publicKey)) {
      return invalidClient(700027, 'Client assertion failed signature validation.');
    }
    if (typeof claims.exp !== 'number' || (claims.nbf !== undefined && typeof claims.nbf !== 'number')) {
      return invalidClient(50027, 'JWT token is invalid or malformed.');
    }
    const now = context.now ?? Date.now();
    const nbf = (claims.nbf as number | undefined) ?? 0;
    const seconds = now / 1000;
    if (seconds > claims.exp + ASSERTION_CLOCK_SKEW_SECONDS || seconds < nbf - ASSERTION_CLOCK_SKEW_SECONDS) {
      return invalidClient(700024, `Client assertion is not within its valid time range. Current time: ${entraTime(now)}, assertion valid from ${entraTime(nbf * 1000)}, expiry time of assertion ${entraTime(claims.exp * 1000)}. Review the documentation at ${CERTIFICATE_CREDENTIALS_DOC} .`);
    }
    return { ok: true };
  }
}

/** RS256 (PKCS#1 v1.5) or PS256 (PSS, MGF1 SHA-256, salt = digest length, as JWA requires). */
function verifySignature(alg: unknown, signingInput: string, signature: string, key: KeyObject): boolean {
  const data = Buffer.from(signingInput);
  const bytes = Buffer.from(signature, 'base64url');
  try {
    if (alg === 'RS256') return verify('sha256', data, key, bytes);
    if (alg === 'PS256') {
      return verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, bytes);
    }
  } catch {
    return false;
  }
  return false;
}
