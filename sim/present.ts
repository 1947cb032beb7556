import type { DirectoryObjectKind, DirectoryObjectRef } from './directory';
import { selectProperties, type Presented } from './odata/query';
import type { Entity } from './table';

export const ODATA_TYPES: Readonly<Record<DirectoryObjectKind, string>> = {
  user: '#microsoft.graph.user',
  group: '#microsoft.graph.group',
  application: '#microsoft.graph.application',
  servicePrincipal: '#microsoft.graph.servicePrincipal',
};

/** Graph returns only these user properties unless $select asks for others. */
const USER_DEFAULT_PROPERTIES = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];

export interface PresentOptions {
  /** Add @odata.type (collections that mix types, $expand, getByIds). */
  typed?: boolean;
  /** Return every user property (as $expand and getByIds do). */
  fullUser?: boolean;
  /** Return keyCredentials[].key: only a single application/servicePrincipal read that $selects keyCredentials. */
  revealKeys?: boolean;
}

/** Secrets never come back; certificate public keys only when asked for explicitly. */
function withCredentialsMasked(object: Entity, revealKeys: boolean): Presented {
  const out: Presented = { ...object };
  if (Array.isArray(object.passwordCredentials)) {
    out.passwordCredentials = (object.passwordCredentials as Entity[]).map((c) => ({ ...c, secretText: null }));
  }
  if (Array.isArray(object.keyCredentials) && !revealKeys) {
    out.keyCredentials = (object.keyCredentials as Entity[]).map((c) => ({ ...c, key: null }));
  }
  return out;
}

export function presentDirectoryObject(ref: DirectoryObjectRef, select: readonly string[] | undefined, options: PresentOptions = {}): Presented {
  const { kind, object } = ref;
  const base: Presented = options.typed ? { '@odata.type': ODATA_TYPES[kind] } : {};
  const full: Presented =
    kind === 'application' || kind === 'servicePrincipal'
      ? { ...base, ...withCredentialsMasked(object, options.revealKeys === true) }
      : { ...base, ...object };
  if (select) return selectProperties(full, select);
  if (kind === 'user' && !options.fullUser) return selectProperties(full, USER_DEFAULT_PROPERTIES);
  return full;
}

/** A presenter for collections whose items are all of one directory kind. */
export function directoryPresenter(kind: DirectoryObjectKind, options: PresentOptions = {}) {
  return (object: Entity, select: readonly string[] | undefined): Presented => presentDirectoryObject({ kind, object }, select, options);
}

/** A presenter for plain entities (role assignments, audits, …): the object as stored, or its $select. */
export function plainPresenter(object: Entity, select: readonly string[] | undefined): Presented {
  return select ? selectProperties(object, select) : { ...object };
}
