import type { GraphRequest } from '../context';
import { notFound } from '../errors';
import { noContent, respondCollection, respondEntity } from '../odata/query';
import { directoryPresenter, plainPresenter } from '../present';
import type { Route, RouteParams } from '../router';
import { EntityTable } from '../table';
import { credentialSafeChanges, removePassword } from './credentials';
import { applicationByKey, membersFromIds, mixedCollection, objectBody } from './resolve';

// Permission tables from the Microsoft Graph v1.0 API reference, least privileged first.
const READ = ['Application.Read.All', 'Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const WRITE = ['Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All', 'Directory.ReadWrite.All'];
const READ_FEDERATED = ['Application.Read.All', 'Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All'];
const WRITE_FEDERATED = ['Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All'];

function list(req: GraphRequest) {
  const table = req.directory.applications;
  return respondCollection(req, {
    contextPath: 'applications',
    items: table.all(),
    lookup: (property, value) => table.lookup(property, value),
    directory: 'entitySet',
    present: directoryPresenter('application'),
  }, 'microsoft.graph.application');
}

function get(req: GraphRequest, params: RouteParams) {
  const app = applicationByKey(req.directory, params.id);
  // Only an explicit $select=keyCredentials on a single application returns the certificates' public keys.
  const revealKeys = (req.options.select ?? []).some((p) => p.toLowerCase() === 'keycredentials');
  return respondEntity(req, { contextPath: 'applications', item: app, present: directoryPresenter('application', { revealKeys }) }, 'microsoft.graph.application');
}

function update(req: GraphRequest, params: RouteParams) {
  const app = applicationByKey(req.directory, params.id);
  req.directory.applications.update(app.id, credentialSafeChanges(objectBody(req), 'Application'));
  return noContent();
}

function owners(req: GraphRequest, params: RouteParams) {
  const app = applicationByKey(req.directory, params.id);
  const collection = mixedCollection(req, membersFromIds(req.directory, req.directory.ownersOf(app.id)));
  return respondCollection(req, { ...collection, directory: 'relationship' });
}

function federatedCredentials(req: GraphRequest, app: { id: string }): EntityTable {
  return req.directory.federatedIdentityCredentials.get(app.id.toLowerCase()) ?? new EntityTable(['id']);
}

function listFederated(req: GraphRequest, params: RouteParams) {
  const app = applicationByKey(req.directory, params.id);
  return respondCollection(req, {
    contextPath: `applications('${app.id}')/federatedIdentityCredentials`,
    items: federatedCredentials(req, app).all(),
    present: plainPresenter,
  }, 'microsoft.graph.federatedIdentityCredential');
}

function getFederated(req: GraphRequest, params: RouteParams) {
  const app = applicationByKey(req.directory, params.id);
  const credential = federatedCredentials(req, app).get(params.credentialId.value);
  if (!credential) throw notFound(params.credentialId.value);
  return respondEntity(req, { contextPath: `applications('${app.id}')/federatedIdentityCredentials`, item: credential, present: plainPresenter });
}

function deleteFederated(req: GraphRequest, params: RouteParams) {
  const app = applicationByKey(req.directory, params.id);
  if (!federatedCredentials(req, app).delete(params.credentialId.value)) throw notFound(params.credentialId.value);
  return noContent();
}

function removeSecret(req: GraphRequest, params: RouteParams) {
  const app = applicationByKey(req.directory, params.id);
  removePassword(req.directory.applications, app, objectBody(req), 'Application');
  return noContent();
}

export const applicationRoutes: Route[] = [
  { method: 'GET', pattern: '/applications', permissions: READ, collection: true, handler: list },
  { method: 'GET', pattern: '/applications/{id}', permissions: READ, handler: get },
  { method: 'PATCH', pattern: '/applications/{id}', permissions: WRITE, handler: update },
  { method: 'GET', pattern: '/applications/{id}/owners', permissions: READ, collection: true, polymorphic: true, handler: owners },
  { method: 'GET', pattern: '/applications/{id}/federatedIdentityCredentials', permissions: READ_FEDERATED, handler: listFederated },
  { method: 'GET', pattern: '/applications/{id}/federatedIdentityCredentials/{credentialId}', permissions: READ_FEDERATED, handler: getFederated },
  { method: 'DELETE', pattern: '/applications/{id}/federatedIdentityCredentials/{credentialId}', permissions: WRITE_FEDERATED, handler: deleteFederated },
  { method: 'POST', pattern: '/applications/{id}/removePassword', permissions: WRITE, handler: removeSecret },
];
