import { randomUUID } from 'node:crypto';
import { badRequest, GraphError } from '../errors';
import type { EntityTable, Entity } from '../table';
import { requireGuid } from './resolve';

const READ_ONLY = ['id', 'appId', 'deletedDateTime', 'createdDateTime', 'appOwnerOrganizationId', 'publisherDomain'];

/**
 * Checks a PATCH body for an application or service principal. A keyCredentials PATCH replaces the
 * whole collection, and every certificate kept must carry its `key` (read it with $select=keyCredentials).
 */
export function credentialSafeChanges(body: Record<string, unknown>, resource: string): Record<string, unknown> {
  for (const property of Object.keys(body)) {
    if (READ_ONLY.includes(property)) throw badRequest(`Property '${property}' is read-only and cannot be set.`, 'Request_BadRequest');
  }
  if ('passwordCredentials' in body) {
    throw badRequest(`Property 'passwordCredentials' cannot be updated with PATCH on resource '${resource}'; use addPassword and removePassword.`, 'Request_BadRequest');
  }
  if (!('keyCredentials' in body)) return body;
  if (!Array.isArray(body.keyCredentials)) throw badRequest("Invalid value specified for property 'keyCredentials'.", 'Request_BadRequest');
  const keyCredentials = body.keyCredentials.map((credential: unknown) => {
    if (typeof credential !== 'object' || credential === null) throw badRequest("Invalid value specified for property 'keyCredentials'.", 'Request_BadRequest');
    const entry = credential as Record<string, unknown>;
    if (typeof entry.key !== 'string' || entry.key === '') {
      throw badRequest(`Invalid value specified for property 'key' of resource 'KeyCredential'. Include the key of every certificate to keep.`, 'Request_BadRequest');
    }
    return { ...entry, keyId: entry.keyId ?? randomUUID() };
  });
  return { ...body, keyCredentials };
}

/** POST …/removePassword {keyId}: 400 for a missing or malformed keyId, 404 for one the object does not hold. */
export function removePassword(table: EntityTable, object: Entity, body: Record<string, unknown>, resource: string): void {
  const keyId = requireGuid(body.keyId, 'keyId', resource);
  const credentials = Array.isArray(object.passwordCredentials) ? (object.passwordCredentials as Entity[]) : [];
  const kept = credentials.filter((credential) => String(credential.keyId).toLowerCase() !== keyId.toLowerCase());
  if (kept.length === credentials.length) {
    throw new GraphError(404, 'Request_ResourceNotFound', `No password credential found with keyId '${keyId}' on ${resource} '${object.id}'.`);
  }
  table.update(object.id, { passwordCredentials: kept });
}
