import type { GraphRequest } from '../context';
import { notFound } from '../errors';
import { noContent, respondCollection, respondEntity } from '../odata/query';
import { plainPresenter } from '../present';
import type { Route, RouteParams } from '../router';

// Permission tables from the Microsoft Graph v1.0 API reference, least privileged first.
const READ = ['DelegatedPermissionGrant.Read.All', 'Directory.Read.All', 'DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'];
const WRITE = ['DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'];

function list(req: GraphRequest) {
  const table = req.directory.oauth2PermissionGrants;
  return respondCollection(req, {
    contextPath: 'oauth2PermissionGrants',
    items: table.all(),
    lookup: (property, value) => table.lookup(property, value),
    directory: 'entitySet',
    present: plainPresenter,
  }, 'microsoft.graph.oAuth2PermissionGrant');
}

function get(req: GraphRequest, params: RouteParams) {
  const grant = req.directory.oauth2PermissionGrants.get(params.id.value);
  if (!grant) throw notFound(params.id.value);
  return respondEntity(req, { contextPath: 'oauth2PermissionGrants', item: grant, present: plainPresenter }, 'microsoft.graph.oAuth2PermissionGrant');
}

function remove(req: GraphRequest, params: RouteParams) {
  if (!req.directory.oauth2PermissionGrants.delete(params.id.value)) throw notFound(params.id.value);
  return noContent();
}

export const oauth2PermissionGrantRoutes: Route[] = [
  { method: 'GET', pattern: '/oauth2PermissionGrants', permissions: READ, collection: true, handler: list },
  { method: 'GET', pattern: '/oauth2PermissionGrants/{id}', permissions: READ, handler: get },
  { method: 'DELETE', pattern: '/oauth2PermissionGrants/{id}', permissions: WRITE, handler: remove },
];
