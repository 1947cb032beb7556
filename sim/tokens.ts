import { createHash, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';

export const TOKEN_LIFETIME_SECONDS = 3599;

export interface TokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  app_displayname?: string;
  appid: string;
  appidacr: string;
  azp: string;
  idp: string;
  idtyp: string;
  oid: string;
  roles: string[];
  sub: string;
  tid: string;
  uti: string;
  ver: string;
}

export interface TokenSubject {
  clientId: string;
  objectId: string;
  displayName?: string;
  audience: string;
  roles: string[];
  /** How the client authenticated: '1' client secret (default), '2' certificate, as Entra's appidacr claim says. */
  appidacr?: '1' | '2';
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: string };

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs and checks the sim's access tokens: RS256 JWTs shaped like Entra's app-only v1 tokens. */
export class TokenSigner {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  readonly keyId: string;

  constructor(private readonly tenantId: string) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = createPublicKey(pair.privateKey);
    const der = this.publicKey.export({ type: 'spki', format: 'der' });
    this.keyId = createHash('sha1').update(der).digest('base64url');
  }

  get issuer(): string {
    return `https://sts.windows.net/${this.tenantId}/`;
  }

  issue(subject: TokenSubject, now = Date.now()): string {
    const iat = Math.floor(now / 1000);
    const claims: TokenClaims = {
      aud: subject.audience,
      iss: this.issuer,
      iat,
      nbf: iat,
      exp: iat + TOKEN_LIFETIME_SECONDS,
      ...(subject.displayName ? { app_displayname: subject.displayName } : {}),
      appid: subject.clientId,
      appidacr: subject.appidacr ?? '1',
      azp: subject.clientId,
      idp: this.issuer,
      idtyp: 'app',
      oid: subject.objectId,
      roles: subject.roles,
      sub: subject.objectId,
      tid: this.tenantId,
      uti: randomUUID().replace(/-/g, '').slice(0, 22),
      ver: '1.0',
    };
    const unsigned = `${encode({ typ: 'JWT', alg: 'RS256', x5t: this.keyId, kid: this.keyId })}.${encode(claims)}`;
    const signature = sign('RSA-SHA256', Buffer.from(unsigned), this.privateKey).toString('base64url');
    return `${unsigned}.${signature}`;
  }

  check(token: string, audiences: readonly string[], now = Date.now()): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'IDX14100: JWT is not well formed, there are no dots (.).' };
    const [header, payload, signature] = parts;
    const signed = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), this.publicKey, Buffer.from(signature, 'base64url'));
    if (!signed) return { ok: false, reason: 'Access token validation failure. Invalid signature.' };
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as TokenClaims;
    } catch {
      return { ok: false, reason: 'Access token validation failure.' };
    }
    const seconds = Math.floor(now / 1000);
    if (claims.exp <= seconds) return { ok: false, reason: 'Lifetime validation failed, the token is expired.' };
    if (claims.nbf > seconds + 300) return { ok: false, reason: 'Lifetime validation failed, the token is not yet valid.' };
    if (claims.iss !== this.issuer || claims.tid !== this.tenantId) return { ok: false, reason: 'Access token validation failure. Invalid issuer.' };
    if (!audiences.includes(claims.aud)) return { ok: false, reason: 'Access token validation failure. Invalid audience.' };
    return { ok: true, claims };
  }

  /** The signing key as a JSON Web Key Set, as Entra's discovery/v2.0/keys publishes it. */
  jwks(issuer: string): Record<string, unknown> {
    const jwk = this.publicKey.export({ format: 'jwk' });
    return { keys: [{ kty: 'RSA', use: 'sig', kid: this.keyId, x5t: this.keyId, n: jwk.n, e: jwk.e, issuer }] };
  }
}
