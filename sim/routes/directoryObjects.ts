import type { GraphRequest } from '../context';
import type { DirectoryObjectRef } from '../directory';
import { badRequest, notFound } from '../errors';
import { jsonResponse, respondEntity } from '../odata/query';
import { presentDirectoryObject } from '../present';
import type { Route, RouteParams } from '../router';
import { objectBody } from './resolve';

const READ = ['Directory.Read.All', 'Directory.ReadWrite.All'];
const MAX_IDS = 1000;

/** POST /directoryObjects/getByIds: full objects with @odata.type, optionally limited to some types. */
function getByIds(req: GraphRequest) {
  const { ids, types } = objectBody(req);
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw badRequest("Invalid value specified for property 'ids'.", 'Request_BadRequest');
  if (ids.length > MAX_IDS) throw badRequest(`At most ${MAX_IDS} ids can be requested in one getByIds call.`, 'Request_BadRequest');
  if (types !== undefined && (!Array.isArray(types) || types.some((t) => typeof t !== 'string'))) {
    throw badRequest("Invalid value specified for property 'types'.", 'Request_BadRequest');
  }
  const wanted = (types as string[] | undefined)?.map((t) => t.toLowerCase().replace(/^microsoft\.graph\./, ''));
  const found = (ids as string[])
    .map((id) => req.directory.directoryObject(id))
    .filter((ref): ref is DirectoryObjectRef => ref !== undefined)
    .filter((ref) => !wanted || wanted.includes('directoryobject') || wanted.includes(ref.kind.toLowerCase()));
  return jsonResponse(200, {
    '@odata.context': `${req.baseUrl}/${req.version}/$metadata#directoryObjects`,
    value: found.map((ref) => presentDirectoryObject(ref, undefined, { typed: true, fullUser: true })),
  });
}

function get(req: GraphRequest, params: RouteParams) {
  const ref = req.directory.directoryObject(params.id.value);
  if (!ref) throw notFound(params.id.value);
  return respondEntity(req, {
    contextPath: 'directoryObjects',
    item: ref.object,
    present: (item, select) => presentDirectoryObject({ kind: ref.kind, object: item }, select, { typed: true }),
  });
}

export const directoryObjectRoutes: Route[] = [
  { method: 'POST', pattern: '/directoryObjects/getByIds', permissions: READ, handler: getByIds },
  { method: 'GET', pattern: '/directoryObjects/{id}', permissions: READ, handler: get },
];
