import type { KeyCredential, PasswordCredential } from '@microsoft/microsoft-graph-types';
import type { AppEvidence } from './evidence';

export interface AppCredential {
  kind: 'secret' | 'certificate';
  on: 'application' | 'servicePrincipal';
  keyId: string;
  name: string;
  startDateTime?: string;
  endDateTime?: string;
}

function secret(on: AppCredential['on']) {
  return (c: PasswordCredential): AppCredential => ({
    kind: 'secret',
    on,
    keyId: c.keyId as string,
    name: c.displayName ?? (c.hint ? `secret ${c.hint}…` : 'unnamed secret'),
    startDateTime: c.startDateTime ?? undefined,
    endDateTime: c.endDateTime ?? undefined,
  });
}

function certificate(on: AppCredential['on']) {
  return (c: KeyCredential): AppCredential => ({
    kind: 'certificate',
    on,
    keyId: c.keyId as string,
    name: c.displayName ?? 'unnamed certificate',
    startDateTime: c.startDateTime ?? undefined,
    endDateTime: c.endDateTime ?? undefined,
  });
}

/** Every secret and certificate on the app registration and on the service principal. */
export function credentialsOf(app: AppEvidence): AppCredential[] {
  return [
    ...(app.application?.passwordCredentials ?? []).map(secret('application')),
    ...(app.application?.keyCredentials ?? []).map(certificate('application')),
    ...(app.servicePrincipal.passwordCredentials ?? []).map(secret('servicePrincipal')),
    // Service principals of SAML apps carry signing certificates (usage Sign); only Verify keys authenticate the app.
    ...(app.servicePrincipal.keyCredentials ?? []).filter((k) => k.usage !== 'Sign').map(certificate('servicePrincipal')),
  ];
}

export function isActive(credential: AppCredential, now: Date): boolean {
  return !credential.endDateTime || new Date(credential.endDateTime) > now;
}
