import type { GraphRequest } from '../context';
import { forbidden, notFound } from '../errors';
import { noContent, respondCollection, respondEntity } from '../odata/query';
import { directoryPresenter } from '../present';
import type { Route, RouteParams } from '../router';
import { groupByKey, membersFromIds, mixedCollection } from './resolve';

// Permission tables from the Microsoft Graph v1.0 API reference, least privileged first.
const READ = ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'];
const REMOVE_MEMBER = ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'];
const READ_MEMBERS = ['GroupMember.ReadBasic.All', 'GroupMember.Read.All', 'Group.Read.All', 'GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.Read.All'];

function list(req: GraphRequest) {
  const table = req.directory.groups;
  return respondCollection(req, {
    contextPath: 'groups',
    items: table.all(),
    lookup: (property, value) => table.lookup(property, value),
    directory: 'entitySet',
    present: directoryPresenter('group'),
  }, 'microsoft.graph.group');
}

function get(req: GraphRequest, params: RouteParams) {
  return respondEntity(req, { contextPath: 'groups', item: groupByKey(req.directory, params.id), present: directoryPresenter('group') }, 'microsoft.graph.group');
}

function members(transitive: boolean) {
  return (req: GraphRequest, params: RouteParams) => {
    const dir = req.directory;
    const group = groupByKey(dir, params.id);
    const ids = transitive ? dir.transitiveMembers(group.id) : dir.directMembers(group.id);
    const collection = mixedCollection(req, membersFromIds(dir, ids));
    return respondCollection(req, { ...collection, directory: 'relationship' });
  };
}

/** Remove member (DELETE …/members/{id}/$ref): a role-assignable group also needs RoleManagement.ReadWrite.Directory. */
function removeMember(req: GraphRequest, params: RouteParams) {
  const dir = req.directory;
  const group = groupByKey(dir, params.id);
  if (group.isAssignableToRole === true && !req.caller.roles.has('RoleManagement.ReadWrite.Directory')) throw forbidden();
  if (!dir.removeMember(group.id, params.memberId.value)) throw notFound(params.memberId.value);
  return noContent();
}

export const groupRoutes: Route[] = [
  { method: 'GET', pattern: '/groups', permissions: READ, collection: true, handler: list },
  { method: 'GET', pattern: '/groups/{id}', permissions: READ, handler: get },
  { method: 'GET', pattern: '/groups/{id}/members', permissions: READ_MEMBERS, collection: true, polymorphic: true, handler: members(false) },
  { method: 'DELETE', pattern: '/groups/{id}/members/{memberId}/$ref', permissions: REMOVE_MEMBER, handler: removeMember },
  { method: 'GET', pattern: '/groups/{id}/transitiveMembers', permissions: READ_MEMBERS, collection: true, polymorphic: true, handler: members(true) },
];
