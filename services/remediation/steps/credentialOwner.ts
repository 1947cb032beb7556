import type { Application, KeyCredential, PasswordCredential, ServicePrincipal } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../../graph/graphApi';
import { readOrGone } from './graphReads';

export type CredentialOwner = { on: 'application' | 'servicePrincipal'; objectId: string };

export function ownerPath(owner: CredentialOwner): string {
  return `/${owner.on === 'application' ? 'applications' : 'servicePrincipals'}/${owner.objectId}`;
}

/** The app registration's or service principal's credentials; undefined when the object is gone. */
export async function readCredentials(graph: GraphApi, owner: CredentialOwner, property: 'passwordCredentials'): Promise<PasswordCredential[] | undefined>;
export async function readCredentials(graph: GraphApi, owner: CredentialOwner, property: 'keyCredentials'): Promise<KeyCredential[] | undefined>;
export async function readCredentials(graph: GraphApi, owner: CredentialOwner, property: 'passwordCredentials' | 'keyCredentials') {
  // A single read that $selects keyCredentials is the only one that returns each certificate's public key.
  const object = await readOrGone(graph.get<Application | ServicePrincipal>(`${ownerPath(owner)}?$select=${property}`));
  return object ? (object[property] ?? []) : undefined;
}
