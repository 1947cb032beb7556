import type { GraphRequest } from '../context';
import type { Directory, DirectoryObjectKind, DirectoryObjectRef } from '../directory';
import { badRequest, notFound } from '../errors';
import { guidFromSeed, isGuid } from '../ids';
import { presentDirectoryObject, type PresentOptions } from '../present';
import { selectProperties, type Presented } from '../odata/query';
import type { PathKey } from '../router';
import type { Entity } from '../table';

export function servicePrincipalByKey(directory: Directory, key: PathKey): Entity {
  const found = key.byAppId ? directory.servicePrincipals.lookup('appId', key.value)?.[0] : directory.servicePrincipals.get(key.value);
  if (!found) throw notFound(key.value);
  return found;
}

export function applicationByKey(directory: Directory, key: PathKey): Entity {
  const found = key.byAppId ? directory.applications.lookup('appId', key.value)?.[0] : directory.applications.get(key.value);
  if (!found) throw notFound(key.value);
  return found;
}

/** Users are addressed by id or userPrincipalName. */
export function userByKey(directory: Directory, key: PathKey): Entity {
  const found = directory.users.get(key.value) ?? directory.users.lookup('userPrincipalName', key.value)?.[0];
  if (!found) throw notFound(key.value);
  return found;
}

export function groupByKey(directory: Directory, key: PathKey): Entity {
  const found = directory.groups.get(key.value);
  if (!found) throw notFound(key.value);
  return found;
}

/** The JSON object body of a POST/PATCH, or 400 as Graph answers an empty or non-object payload. */
export function objectBody(req: GraphRequest): Record<string, unknown> {
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    throw badRequest('Empty Payload. JSON content expected.');
  }
  return req.body as Record<string, unknown>;
}

export function requireGuid(value: unknown, property: string, resource: string): string {
  if (!isGuid(value)) throw badRequest(`Invalid value specified for property '${property}' of resource '${resource}'.`, 'Request_BadRequest');
  return value;
}

const CAST_KINDS: Readonly<Record<string, DirectoryObjectKind | 'directoryRole'>> = {
  'microsoft.graph.user': 'user',
  'microsoft.graph.group': 'group',
  'microsoft.graph.serviceprincipal': 'servicePrincipal',
  'microsoft.graph.application': 'application',
  'microsoft.graph.directoryrole': 'directoryRole',
};

const CAST_CONTEXTS: Readonly<Record<string, string>> = {
  user: 'users',
  group: 'groups',
  servicePrincipal: 'servicePrincipals',
  application: 'applications',
  directoryRole: 'directoryRoles',
};

/** A member of a mixed directory-object collection: a directory object or an activated directory role. */
export type Member = DirectoryObjectRef | { kind: 'directoryRole'; object: Entity };

export interface MixedCollection {
  contextPath: string;
  items: Entity[];
  present: (item: Entity, select: readonly string[] | undefined) => Presented;
}

/** Builds a directoryObjects collection (memberOf, members, owners …), honouring a derived-type cast. */
export function mixedCollection(req: GraphRequest, members: readonly Member[], options: PresentOptions = {}): MixedCollection {
  let chosen = members;
  let contextPath = 'directoryObjects';
  if (req.cast) {
    const kind = CAST_KINDS[req.cast.toLowerCase()];
    if (!kind) throw badRequest(`Resource not found for the segment '${req.cast}'.`);
    chosen = members.filter((member) => member.kind === kind);
    contextPath = CAST_CONTEXTS[kind];
  }
  const kinds = new Map<Entity, Member>(chosen.map((member) => [member.object, member]));
  return {
    contextPath,
    items: chosen.map((member) => member.object),
    present: (item, select) => {
      const member = kinds.get(item) as Member;
      if (member.kind === 'directoryRole') {
        const role: Presented = { '@odata.type': '#microsoft.graph.directoryRole', ...member.object };
        return select ? selectProperties(role, select) : role;
      }
      return presentDirectoryObject(member, select, { typed: !req.cast, ...options });
    },
  };
}

export function membersFromIds(directory: Directory, ids: readonly string[]): Member[] {
  return ids.map((id) => directory.directoryObject(id)).filter((ref): ref is DirectoryObjectRef => ref !== undefined);
}

/** The directory roles (activated built-in roles) an object holds directly, as memberOf lists them. */
export function directoryRolesOf(directory: Directory, principalIds: readonly string[]): Member[] {
  const templateIds = new Set<string>();
  for (const principalId of principalIds) {
    for (const assignment of directory.roleAssignments.lookup('principalId', principalId) ?? []) {
      if ((assignment.directoryScopeId ?? '/') === '/') templateIds.add(String(assignment.roleDefinitionId));
    }
  }
  return [...templateIds].map((templateId) => {
    const definition = directory.roleDefinitions.get(templateId);
    return {
      kind: 'directoryRole' as const,
      object: {
        id: guidFromSeed(`directoryRole:${directory.tenant.id}:${templateId}`),
        deletedDateTime: null,
        description: definition?.description ?? null,
        displayName: definition?.displayName ?? null,
        roleTemplateId: templateId,
      },
    };
  });
}
