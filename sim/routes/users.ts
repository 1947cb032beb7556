import type { GraphRequest } from '../context';
import type { Directory } from '../directory';
import { badRequest, forbidden } from '../errors';
import { jsonResponse, noContent, respondCollection, respondEntity } from '../odata/query';
import { directoryPresenter } from '../present';
import type { Route, RouteParams } from '../router';
import type { Entity } from '../table';
import { directoryRolesOf, membersFromIds, mixedCollection, objectBody, userByKey } from './resolve';

// Permission tables from the Microsoft Graph v1.0 API reference, least privileged first.
const READ = ['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const READ_MEMBERSHIP = ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const UPDATE = ['User.EnableDisableAccount.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'];
const UPDATE_ANY_PROPERTY = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];
const REVOKE_SESSIONS = ['User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'];

const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
const PRIVILEGED_AUTHENTICATION_ADMINISTRATOR = '7be44c8a-adaf-4e2a-84d6-ab2649e08a13';
const MAX_CHECKED_GROUPS = 20;

const userPresenter = directoryPresenter('user');

/**
 * Sensitive actions on a user who holds a directory role (disable, revoke sessions) also need the
 * calling app's service principal to hold Privileged Authentication Administrator or Global Administrator.
 */
function assertMayActOnAdmin(req: GraphRequest, user: Entity): void {
  const dir = req.directory;
  if ((dir.roleAssignments.lookup('principalId', user.id) ?? []).length === 0) return;
  const callerSp = dir.servicePrincipals.lookup('appId', req.caller.appId)?.[0];
  const callerRoles = callerSp ? dir.roleAssignments.lookup('principalId', callerSp.id) ?? [] : [];
  const allowed = callerRoles.some((a) => [GLOBAL_ADMINISTRATOR, PRIVILEGED_AUTHENTICATION_ADMINISTRATOR].includes(String(a.roleDefinitionId)));
  if (!allowed) throw forbidden();
}

function list(req: GraphRequest) {
  const table = req.directory.users;
  return respondCollection(req, {
    contextPath: 'users',
    items: table.all(),
    lookup: (property, value) => table.lookup(property, value),
    directory: 'entitySet',
    present: userPresenter,
  }, 'microsoft.graph.user');
}

function get(req: GraphRequest, params: RouteParams) {
  return respondEntity(req, { contextPath: 'users', item: userByKey(req.directory, params.id), present: userPresenter }, 'microsoft.graph.user');
}

function update(req: GraphRequest, params: RouteParams) {
  const user = userByKey(req.directory, params.id);
  const changes = objectBody(req);
  for (const property of ['id', 'deletedDateTime', 'createdDateTime']) {
    if (property in changes) throw badRequest(`Property '${property}' is read-only and cannot be set.`, 'Request_BadRequest');
  }
  const onlyAccountEnabled = Object.keys(changes).every((key) => key === 'accountEnabled');
  if (!onlyAccountEnabled && !UPDATE_ANY_PROPERTY.some((p) => req.caller.roles.has(p))) throw forbidden();
  if ('accountEnabled' in changes) assertMayActOnAdmin(req, user);
  req.directory.users.update(user.id, changes);
  return noContent();
}

function groupsAndRoles(dir: Directory, userId: string, transitive: boolean) {
  const groupIds = transitive ? dir.transitiveMemberOf(userId) : dir.directMemberOf(userId);
  return [...membersFromIds(dir, groupIds), ...directoryRolesOf(dir, transitive ? [userId, ...groupIds] : [userId])];
}

function memberOf(transitive: boolean) {
  return (req: GraphRequest, params: RouteParams) => {
    const user = userByKey(req.directory, params.id);
    const collection = mixedCollection(req, groupsAndRoles(req.directory, user.id, transitive));
    return respondCollection(req, { ...collection, directory: 'relationship' });
  };
}

function checkMemberGroups(req: GraphRequest, params: RouteParams) {
  const user = userByKey(req.directory, params.id);
  const { groupIds } = objectBody(req);
  if (!Array.isArray(groupIds) || groupIds.some((id) => typeof id !== 'string')) {
    throw badRequest("Invalid value specified for property 'groupIds'.", 'Request_BadRequest');
  }
  if (groupIds.length > MAX_CHECKED_GROUPS) throw badRequest(`At most ${MAX_CHECKED_GROUPS} groupIds can be checked in one request.`, 'Request_BadRequest');
  const memberOf = new Set(req.directory.transitiveMemberOf(user.id).map((id) => id.toLowerCase()));
  const value = (groupIds as string[]).filter((id) => memberOf.has(id.toLowerCase()));
  return jsonResponse(200, { '@odata.context': `${req.baseUrl}/${req.version}/$metadata#Collection(Edm.String)`, value });
}

function revokeSignInSessions(req: GraphRequest, params: RouteParams) {
  const user = userByKey(req.directory, params.id);
  assertMayActOnAdmin(req, user);
  req.directory.users.update(user.id, { signInSessionsValidFromDateTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') });
  return jsonResponse(200, { '@odata.context': `${req.baseUrl}/${req.version}/$metadata#Edm.Boolean`, value: true });
}

export const userRoutes: Route[] = [
  { method: 'GET', pattern: '/users', permissions: READ, collection: true, handler: list },
  { method: 'GET', pattern: '/users/{id}', permissions: READ, handler: get },
  { method: 'PATCH', pattern: '/users/{id}', permissions: UPDATE, handler: update },
  { method: 'GET', pattern: '/users/{id}/memberOf', permissions: READ_MEMBERSHIP, collection: true, polymorphic: true, handler: memberOf(false) },
  { method: 'GET', pattern: '/users/{id}/transitiveMemberOf', permissions: READ_MEMBERSHIP, collection: true, polymorphic: true, handler: memberOf(true) },
  { method: 'POST', pattern: '/users/{id}/checkMemberGroups', permissions: READ_MEMBERSHIP, handler: checkMemberGroups },
  { method: 'POST', pattern: '/users/{id}/revokeSignInSessions', permissions: REVOKE_SESSIONS, handler: revokeSignInSessions },
];
