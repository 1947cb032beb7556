import {
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import type { Config, TenantCredential } from '../config';

const MICROSOFT_AUTHORITY = 'https://login.microsoftonline.com';

/** The production credential path; demo mode points authorityHost at the simulated tenant. */
export function createCredential(config: Pick<Config, 'tenantId' | 'credential' | 'authorityHost'>): TokenCredential {
  return credentialFor(config.credential, config);
}

export function credentialFor(credential: TenantCredential, config: Pick<Config, 'tenantId' | 'authorityHost'>): TokenCredential {
  const options = {
    authorityHost: config.authorityHost,
    // Instance discovery asks Microsoft's public cloud which authorities exist: only meaningful there.
    disableInstanceDiscovery: config.authorityHost !== MICROSOFT_AUTHORITY,
  };
  switch (credential.kind) {
    case 'secret':
      return new ClientSecretCredential(config.tenantId, credential.clientId, credential.clientSecret, options);
    case 'certificate':
      return new ClientCertificateCredential(config.tenantId, credential.clientId, credential.certificatePath, options);
    case 'managedIdentity':
      return credential.clientId ? new ManagedIdentityCredential(credential.clientId) : new ManagedIdentityCredential();
  }
}
