import type { GraphRequest } from '../context';
import { notFound } from '../errors';
import { noContent, respondCollection, respondEntity } from '../odata/query';
import { directoryPresenter, plainPresenter } from '../present';
import type { Route, RouteParams } from '../router';
import { credentialSafeChanges, removePassword } from './credentials';
import { directoryRolesOf, membersFromIds, mixedCollection, objectBody, servicePrincipalByKey } from './resolve';

// Permission tables from the Microsoft Graph v1.0 API reference, least privileged first.
const READ = ['Application.Read.All', 'Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const READ_ASSIGNMENTS = ['Application.Read.All', 'Directory.Read.All', 'Application.ReadWrite.All', 'Directory.ReadWrite.All'];
const WRITE = ['Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All', 'Directory.ReadWrite.All'];
const REVOKE_APP_ROLE = ['AppRoleAssignment.ReadWrite.All'];

const spPresenter = directoryPresenter('servicePrincipal');

function list(req: GraphRequest) {
  const table = req.directory.servicePrincipals;
  return respondCollection(req, {
    contextPath: 'servicePrincipals',
    items: table.all(),
    lookup: (property, value) => table.lookup(property, value),
    directory: 'entitySet',
    present: spPresenter,
  }, 'microsoft.graph.servicePrincipal');
}

function get(req: GraphRequest, params: RouteParams) {
  const sp = servicePrincipalByKey(req.directory, params.id);
  const revealKeys = (req.options.select ?? []).some((p) => p.toLowerCase() === 'keycredentials');
  return respondEntity(req, { contextPath: 'servicePrincipals', item: sp, present: directoryPresenter('servicePrincipal', { revealKeys }) }, 'microsoft.graph.servicePrincipal');
}

function update(req: GraphRequest, params: RouteParams) {
  const sp = servicePrincipalByKey(req.directory, params.id);
  req.directory.servicePrincipals.update(sp.id, credentialSafeChanges(objectBody(req), 'ServicePrincipal'));
  return noContent();
}

function appRoleAssignedTo(req: GraphRequest, params: RouteParams) {
  const sp = servicePrincipalByKey(req.directory, params.id);
  const table = req.directory.appRoleAssignments;
  return respondCollection(req, {
    contextPath: `servicePrincipals('${sp.id}')/appRoleAssignedTo`,
    items: table.lookup('resourceId', sp.id) ?? [],
    present: plainPresenter,
  }, 'microsoft.graph.appRoleAssignment');
}

function appRoleAssignments(req: GraphRequest, params: RouteParams) {
  const sp = servicePrincipalByKey(req.directory, params.id);
  return respondCollection(req, {
    contextPath: `servicePrincipals('${sp.id}')/appRoleAssignments`,
    items: req.directory.appRoleAssignments.lookup('principalId', sp.id) ?? [],
    present: plainPresenter,
  }, 'microsoft.graph.appRoleAssignment');
}

function deleteAssignment(side: 'resourceId' | 'principalId') {
  return (req: GraphRequest, params: RouteParams) => {
    const sp = servicePrincipalByKey(req.directory, params.id);
    const table = req.directory.appRoleAssignments;
    const assignment = table.get(params.assignmentId.value);
    if (!assignment || String(assignment[side]).toLowerCase() !== sp.id.toLowerCase()) throw notFound(params.assignmentId.value);
    table.delete(assignment.id);
    return noContent();
  };
}

function owners(req: GraphRequest, params: RouteParams) {
  const sp = servicePrincipalByKey(req.directory, params.id);
  const collection = mixedCollection(req, membersFromIds(req.directory, req.directory.ownersOf(sp.id)));
  return respondCollection(req, { ...collection, directory: 'relationship' });
}

function memberOf(transitive: boolean) {
  return (req: GraphRequest, params: RouteParams) => {
    const dir = req.directory;
    const sp = servicePrincipalByKey(dir, params.id);
    const groupIds = transitive ? dir.transitiveMemberOf(sp.id) : dir.directMemberOf(sp.id);
    const roleHolders = transitive ? [sp.id, ...groupIds] : [sp.id];
    const collection = mixedCollection(req, [...membersFromIds(dir, groupIds), ...directoryRolesOf(dir, roleHolders)]);
    return respondCollection(req, { ...collection, directory: 'relationship' });
  };
}

function delegatedGrants(req: GraphRequest, params: RouteParams) {
  const sp = servicePrincipalByKey(req.directory, params.id);
  return respondCollection(req, {
    contextPath: 'oauth2PermissionGrants',
    items: req.directory.oauth2PermissionGrants.lookup('clientId', sp.id) ?? [],
    present: plainPresenter,
  }, 'microsoft.graph.oAuth2PermissionGrant');
}

function removeSecret(req: GraphRequest, params: RouteParams) {
  const sp = servicePrincipalByKey(req.directory, params.id);
  removePassword(req.directory.servicePrincipals, sp, objectBody(req), 'ServicePrincipal');
  return noContent();
}

export const servicePrincipalRoutes: Route[] = [
  { method: 'GET', pattern: '/servicePrincipals', permissions: READ, collection: true, handler: list },
  { method: 'GET', pattern: '/servicePrincipals/{id}', permissions: READ, handler: get },
  { method: 'PATCH', pattern: '/servicePrincipals/{id}', permissions: WRITE, handler: update },
  { method: 'GET', pattern: '/servicePrincipals/{id}/appRoleAssignedTo', permissions: READ, handler: appRoleAssignedTo },
  { method: 'DELETE', pattern: '/servicePrincipals/{id}/appRoleAssignedTo/{assignmentId}', permissions: REVOKE_APP_ROLE, handler: deleteAssignment('resourceId') },
  { method: 'GET', pattern: '/servicePrincipals/{id}/appRoleAssignments', permissions: READ_ASSIGNMENTS, handler: appRoleAssignments },
  { method: 'DELETE', pattern: '/servicePrincipals/{id}/appRoleAssignments/{assignmentId}', permissions: REVOKE_APP_ROLE, handler: deleteAssignment('principalId') },
  { method: 'GET', pattern: '/servicePrincipals/{id}/owners', permissions: READ, collection: true, polymorphic: true, handler: owners },
  { method: 'GET', pattern: '/servicePrincipals/{id}/memberOf', permissions: READ_ASSIGNMENTS, collection: true, polymorphic: true, handler: memberOf(false) },
  { method: 'GET', pattern: '/servicePrincipals/{id}/transitiveMemberOf', permissions: READ_ASSIGNMENTS, collection: true, polymorphic: true, handler: memberOf(true) },
  { method: 'GET', pattern: '/servicePrincipals/{id}/oauth2PermissionGrants', permissions: READ_ASSIGNMENTS, handler: delegatedGrants },
  { method: 'POST', pattern: '/servicePrincipals/{id}/removePassword', permissions: WRITE, handler: removeSecret },
];
