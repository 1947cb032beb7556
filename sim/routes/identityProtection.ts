import type { GraphRequest } from '../context';
import { badRequest, notFound } from '../errors';
import { noContent, respondCollection, respondEntity } from '../odata/query';
import { plainPresenter } from '../present';
import type { Route, RouteParams } from '../router';
import { objectBody } from './resolve';

// Permission tables from the Microsoft Graph v1.0 API reference, least privileged first.
const READ = ['IdentityRiskyUser.Read.All', 'IdentityRiskyUser.ReadWrite.All'];
const WRITE = ['IdentityRiskyUser.ReadWrite.All'];

function list(req: GraphRequest) {
  const table = req.directory.riskyUsers;
  return respondCollection(req, { contextPath: 'identityProtection/riskyUsers', items: table.all(), lookup: (p, v) => table.lookup(p, v), present: plainPresenter }, 'microsoft.graph.riskyUser');
}

function get(req: GraphRequest, params: RouteParams) {
  const risky = req.directory.riskyUsers.get(params.id.value);
  if (!risky) throw notFound(params.id.value);
  return respondEntity(req, { contextPath: 'identityProtection/riskyUsers', item: risky, present: plainPresenter }, 'microsoft.graph.riskyUser');
}

/** POST confirmCompromised {userIds}: the users become high risk, confirmed compromised. */
function confirmCompromised(req: GraphRequest) {
  const { userIds } = objectBody(req);
  if (!Array.isArray(userIds) || userIds.length === 0 || userIds.some((id) => typeof id !== 'string')) {
    throw badRequest("Invalid value specified for property 'userIds'.", 'Request_BadRequest');
  }
  const dir = req.directory;
  const now = new Date().toISOString();
  for (const id of userIds as string[]) {
    const user = dir.users.get(id);
    if (!user) throw notFound(id);
    const change = { riskLevel: 'high', riskState: 'confirmedCompromised', riskDetail: 'adminConfirmedUserCompromised', riskLastUpdatedDateTime: now };
    if (dir.riskyUsers.get(id)) dir.riskyUsers.update(id, change);
    else dir.riskyUsers.add({ id: user.id, isDeleted: false, isProcessing: false, userDisplayName: user.displayName ?? null, userPrincipalName: user.userPrincipalName ?? null, ...change });
  }
  return noContent();
}

export const identityProtectionRoutes: Route[] = [
  { method: 'GET', pattern: '/identityProtection/riskyUsers', permissions: READ, handler: list },
  { method: 'GET', pattern: '/identityProtection/riskyUsers/{id}', permissions: READ, handler: get },
  { method: 'POST', pattern: '/identityProtection/riskyUsers/confirmCompromised', permissions: WRITE, handler: confirmCompromised },
];
