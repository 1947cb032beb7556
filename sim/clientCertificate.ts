import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import forge from 'node-forge';

export interface ClientCertificateFiles {
  /** PEM file holding the certificate, then its private key (PKCS#8): what ClientCertificateCredential's certificatePath wants. */
  pemPath: string;
  /** The certificate alone, as registered with the app (SimOptions.clientCertificates). */
  certificatePem: string;
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PRIVATE_KEY_BLOCK = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

/** The first certificate in a PEM text (which may also hold a key), or undefined. */
export function firstCertificatePem(pem: string): string | undefined {
  const match = CERTIFICATE_BLOCK.exec(pem);
  return match ? `${match[0].replace(/\r\n?/g, '\n')}\n` : undefined;
}

/** The existing file's certificate when it is usable: a certificate, its matching key, and valid now. */
function reusable(pem: string, now: Date): string | undefined {
  const certificatePem = firstCertificatePem(pem);
  const keyPem = PRIVATE_KEY_BLOCK.exec(pem)?.[0];
  if (!certificatePem || !keyPem) return undefined;
  try {
    const certificate = new X509Certificate(certificatePem);
    const key = createPrivateKey(keyPem);
    if (!certificate.checkPrivateKey(key)) return undefined;
    if (new Date(certificate.validFrom) > now || new Date(certificate.validTo) <= now) return undefined;
    return certificatePem;
  } catch {
    return undefined;
  }
}

function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0] & 0x7f; // positive in DER
  return bytes.toString('hex');
}

/** A file-system-safe form of `name` for the PEM file. */
function fileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\.+/, '');
  return `${safe || 'client'}.pem`;
}

/**
 * Returns `<dir>/<name>.pem` (certificate + private key), creating it when it is missing, unreadable, or its certificate
 * has expired: a self-signed RSA 2048 certificate, CN=`name`, valid for two years, signed with SHA-256 — the kind
 * `New-SelfSignedCertificate` makes for an app registration.
 */
export function ensureClientCertificate(dir: string, name: string): ClientCertificateFiles {
  const pemPath = path.resolve(dir, fileName(name));
  const now = new Date();
  if (existsSync(pemPath)) {
    const existing = reusable(readFileSync(pemPath, 'utf8'), now);
    if (existing) return { pemPath, certificatePem: existing };
  }
  // Node's RSA generation is native; forge's pure-JS one takes seconds for 2048 bits.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(pkcs1);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.rsa.setPublicKey(forgeKey.n, forgeKey.e);
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + 2);
  cert.validity.notAfter = notAfter;
  const subject = [{ name: 'commonName', value: name }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true, serverAuth: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forgeKey, forge.md.sha256.create());
  const certificatePem = forge.pki.certificateToPem(cert).replace(/\r\n?/g, '\n');
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // Sanity: the key written is the certificate's.
  if (!new X509Certificate(certificatePem).publicKey.equals(createPublicKey(privateKey))) {
    throw new Error('ensureClientCertificate: generated certificate does not match its key');
  }
  mkdirSync(path.dirname(pemPath), { recursive: true });
  writeFileSync(pemPath, `${certificatePem}${keyPem}`, { mode: 0o600 });
  return { pemPath, certificatePem };
}
