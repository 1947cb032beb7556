import type { GraphRequest, GraphResponse } from '../context';
import { badRequest, notFound } from '../errors';
import { notLicensedForFeature } from '../licenses';
import { noContent, respondCollection, respondEntity } from '../odata/query';
import { plainPresenter } from '../present';
import type { Route, RouteParams } from '../router';
import type { Entity } from '../table';
import { objectBody } from './resolve';

// Permission tables from the Microsoft Graph v1.0 API reference, least privileged first.
const READ = ['IdentityRiskyUser.Read.All', 'IdentityRiskyUser.ReadWrite.All'];
const WRITE = ['IdentityRiskyUser.ReadWrite.All'];

/** "Using the riskyUsers API requires a Microsoft Entra ID P2 license": without it every riskyUsers call is refused. */
function p2(handler: (req: GraphRequest, params: RouteParams) => GraphResponse) {
  return (req: GraphRequest, params: RouteParams): GraphResponse => {
    if (!req.directory.licenses.entraIdP2) throw notLicensedForFeature();
    return handler(req, params);
  };
}

function list(req: GraphRequest) {
  const table = req.directory.riskyUsers;
  return respondCollection(req, { contextPath: 'identityProtection/riskyUsers', items: table.all(), lookup: (p, v) => table.lookup(p, v), present: plainPresenter }, 'microsoft.graph.riskyUser');
}

function get(req: GraphRequest, params: RouteParams) {
  const risky = req.directory.riskyUsers.get(params.id.value);
  if (!risky) throw notFound(params.id.value);
  return respondEntity(req, { contextPath: 'identityProtection/riskyUsers', item: risky, present: plainPresenter }, 'microsoft.graph.riskyUser');
}

/** The users a confirmCompromised/dismiss body names; 400 for a malformed body, 404 for an id that is no user. */
function usersOf(req: GraphRequest): Entity[] {
  const { userIds } = objectBody(req);
  if (!Array.isArray(userIds) || userIds.length === 0 || userIds.some((id) => typeof id !== 'string')) {
    throw badRequest("Invalid value specified for property 'userIds'.", 'Request_BadRequest');
  }
  return (userIds as string[]).map((id) => {
    const user = req.directory.users.get(id);
    if (!user) throw notFound(id);
    return user;
  });
}

const stamp = (): string => new Date().toISOString();

/** POST confirmCompromised {userIds}: "sets the targeted user's risk level to high" (204). */
function confirmCompromised(req: GraphRequest) {
  const dir = req.directory;
  const change = { riskLevel: 'high', riskState: 'confirmedCompromised', riskDetail: 'adminConfirmedUserCompromised', riskLastUpdatedDateTime: stamp() };
  for (const user of usersOf(req)) {
    if (dir.riskyUsers.get(user.id)) dir.riskyUsers.update(user.id, change);
    else dir.riskyUsers.add({ id: user.id, isDeleted: false, isProcessing: false, userDisplayName: user.displayName ?? null, userPrincipalName: user.userPrincipalName ?? null, ...change });
  }
  return noContent();
}

/** POST dismiss {userIds}: "sets the targeted user's risk level to none" (204); a user who is not risky stays as is. */
function dismiss(req: GraphRequest) {
  const dir = req.directory;
  const change = { riskLevel: 'none', riskState: 'dismissed', riskDetail: 'adminDismissedAllRiskForUser', riskLastUpdatedDateTime: stamp() };
  for (const user of usersOf(req)) {
    if (dir.riskyUsers.get(user.id)) dir.riskyUsers.update(user.id, change);
  }
  return noContent();
}

export const identityProtectionRoutes: Route[] = [
  { method: 'GET', pattern: '/identityProtection/riskyUsers', permissions: READ, handler: p2(list) },
  { method: 'GET', pattern: '/identityProtection/riskyUsers/{id}', permissions: READ, handler: p2(get) },
  { method: 'POST', pattern: '/identityProtection/riskyUsers/confirmCompromised', permissions: WRITE, handler: p2(confirmCompromised) },
  { method: 'POST', pattern: '/identityProtection/riskyUsers/dismiss', permissions: WRITE, handler: p2(dismiss) },
];
