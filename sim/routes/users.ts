import type { GraphRequest } from '../context';
import type { Directory } from '../directory';
import { badRequest, forbidden, unsupportedQuery } from '../errors';
import { nonPremiumTenant } from '../licenses';
import type { FilterNode } from '../odata/filter';
import type { QueryOptions } from '../odata/options';
import { jsonResponse, noContent, respondCollection, respondEntity, type Presented } from '../odata/query';
import { presentDirectoryObject } from '../present';
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

// signInActivity (user resource, v1.0): returned only on $select; needs AuditLog.Read.All besides a permission that
// reads full user objects, and Entra ID P1/P2. With signInActivity selected or filtered a page holds at most 500
// users ("Requests with $top set higher than 500 return pages with up to 500 users"). $filter supports eq, ne, not,
// ge, le "but not with any other filterable properties".
const SIGN_IN_ACTIVITY = 'signInActivity';
const READ_FULL_USERS = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const SIGN_IN_ACTIVITY_PAGE_CAP = 500;
const SIGN_IN_ACTIVITY_OPERATORS = ['eq', 'ne', 'ge', 'le'];
/** The documented property order (Microsoft's List users example). */
const SIGN_IN_ACTIVITY_PROPERTIES = [
  'lastSignInDateTime', 'lastSignInRequestId', 'lastNonInteractiveSignInDateTime', 'lastNonInteractiveSignInRequestId',
  'lastSuccessfulSignInDateTime', 'lastSuccessfulSignInRequestId',
];

const selectsSignInActivity = (options: QueryOptions): boolean => (options.select ?? []).some((name) => name.toLowerCase() === 'signinactivity');

const isSignInActivityPath = (segments: readonly string[]): boolean => segments[0]?.toLowerCase() === 'signinactivity';

const unsupportedSignInActivityFilter = () =>
  unsupportedQuery("Unsupported or invalid query filter clause specified for property 'signInActivity' of resource 'User'.");

/** Whether $filter reads signInActivity; 400 when it does so in a way Graph does not support. */
function filtersOnSignInActivity(filter: FilterNode | undefined): boolean {
  if (!filter) return false;
  let activity = false;
  let other = false;
  let unsupported = false;
  const path = (node: FilterNode, allowed: boolean): void => {
    if (node.type !== 'path' && node.type !== 'count' && node.type !== 'lambda') return;
    if (!isSignInActivityPath(node.segments)) {
      other = true;
      return;
    }
    activity = true;
    const known = node.type === 'path' && node.segments.length === 2
      && SIGN_IN_ACTIVITY_PROPERTIES.some((p) => p.toLowerCase() === node.segments[1].toLowerCase());
    if (!allowed || !known) unsupported = true;
  };
  const visit = (node: FilterNode): void => {
    switch (node.type) {
      case 'logical':
        visit(node.left);
        visit(node.right);
        break;
      case 'not':
        visit(node.operand);
        break;
      case 'compare':
        path(node.left, SIGN_IN_ACTIVITY_OPERATORS.includes(node.op));
        path(node.right, SIGN_IN_ACTIVITY_OPERATORS.includes(node.op));
        break;
      case 'in':
        path(node.left, false);
        break;
      case 'call':
        node.args.forEach((arg) => path(arg, false));
        break;
      default:
        path(node, false);
    }
  };
  visit(filter);
  if (activity && (other || unsupported)) throw unsupportedSignInActivityFilter();
  return activity;
}

/** Permission first (403 Authorization_RequestDenied), then the licence (403 Authentication_RequestFromNonPremiumTenantOrB2CTenant). */
function assertMayReadSignInActivity(req: GraphRequest): void {
  const roles = req.caller.roles;
  if (!roles.has('AuditLog.Read.All') || !READ_FULL_USERS.some((p) => roles.has(p))) throw forbidden();
  if (!req.directory.licenses.entraIdP1) throw nonPremiumTenant();
}

/** signInActivity with every documented property (null when unknown); null for a user who never signed in. */
function signInActivityOf(dir: Directory, userId: string): Presented | null {
  const stored = dir.signInActivityOf(userId);
  if (!stored) return null;
  const out: Presented = {};
  for (const property of SIGN_IN_ACTIVITY_PROPERTIES) out[property] = stored[property] ?? null;
  return out;
}

function withSignInActivity(dir: Directory, user: Entity): Entity {
  return { ...user, [SIGN_IN_ACTIVITY]: signInActivityOf(dir, user.id) };
}

/** Users as Graph returns them; signInActivity only when $select names it. */
function userPresenter(dir: Directory) {
  return (object: Entity, select: readonly string[] | undefined): Presented => {
    const activity = select?.some((name) => name.toLowerCase() === 'signinactivity');
    const user = activity && !(SIGN_IN_ACTIVITY in object) ? withSignInActivity(dir, object) : object;
    return presentDirectoryObject({ kind: 'user', object: user }, select);
  };
}

/**
 * Whether sensitive actions on the user are reserved to Privileged Authentication Administrators and Global
 * Administrators: the user holds a directory role (eligibility does not count), or is a member of a role-assignable
 * group, with or without a role ("only a Privileged Authentication Administrator or a Global Administrator can change
 * the credentials or reset MFA or modify sensitive attributes for members and owners of a role-assignable group").
 */
function isProtectedUser(dir: Directory, userId: string): boolean {
  if ((dir.roleAssignments.lookup('principalId', userId) ?? []).length > 0) return true;
  return dir.directMemberOf(userId).some((groupId) => dir.groups.get(groupId)?.isAssignableToRole === true);
}

/**
 * Sensitive actions on a protected user (disable, revoke sessions) also need the calling app to hold Privileged
 * Authentication Administrator or Global Administrator ("In app-only scenarios … the app must be assigned a higher
 * privileged administrator role"): through its service principal's role assignments in the scenario, or the
 * callerRoles option (SIM_CALLER_ROLES).
 */
function assertMayActOnAdmin(req: GraphRequest, user: Entity): void {
  const dir = req.directory;
  if (!isProtectedUser(dir, user.id)) return;
  const roles = dir.rolesOfCaller(req.caller.appId);
  if (![GLOBAL_ADMINISTRATOR, PRIVILEGED_AUTHENTICATION_ADMINISTRATOR].some((role) => roles.has(role))) throw forbidden();
}

function list(req: GraphRequest) {
  const dir = req.directory;
  const table = dir.users;
  const filtered = filtersOnSignInActivity(req.options.filter);
  const selected = selectsSignInActivity(req.options);
  if (filtered || selected) assertMayReadSignInActivity(req);
  return respondCollection(req, {
    contextPath: 'users',
    items: filtered ? table.all().map((user) => withSignInActivity(dir, user)) : table.all(),
    lookup: filtered ? undefined : (property, value) => table.lookup(property, value),
    directory: 'entitySet',
    present: userPresenter(dir),
    pageCap: filtered || selected ? SIGN_IN_ACTIVITY_PAGE_CAP : undefined,
  }, 'microsoft.graph.user');
}

function get(req: GraphRequest, params: RouteParams) {
  if (selectsSignInActivity(req.options)) assertMayReadSignInActivity(req);
  return respondEntity(req, { contextPath: 'users', item: userByKey(req.directory, params.id), present: userPresenter(req.directory) }, 'microsoft.graph.user');
}

function update(req: GraphRequest, params: RouteParams) {
  const user = userByKey(req.directory, params.id);
  const changes = objectBody(req);
  for (const property of ['id', 'deletedDateTime', 'createdDateTime', SIGN_IN_ACTIVITY]) {
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
