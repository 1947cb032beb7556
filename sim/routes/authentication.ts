import { authenticationMethodsFor } from '../authMethods';
import type { GraphRequest } from '../context';
import { jsonResponse, respondCollection } from '../odata/query';
import { plainPresenter } from '../present';
import type { Route, RouteParams } from '../router';
import { userByKey } from './resolve';

// Permission tables from the Microsoft Graph API reference ("acting on other users"), least privileged first.
// v1.0 List methods: UserAuthenticationMethod.Read.All, UserAuthenticationMethod.ReadWrite.All.
const READ_METHODS = ['UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All'];
// beta Get authentication states, per-user MFA state of other users: Policy.Read.All, Policy.ReadWrite.AuthenticationMethod.
const READ_REQUIREMENTS = ['Policy.Read.All', 'Policy.ReadWrite.AuthenticationMethod'];

/**
 * GET /users/{id}/authentication/methods: the methods registered to the user, derived from the scenario's
 * userRegistrationDetails (methodsRegistered). Unlike the registration report it needs no Entra ID P1/P2.
 */
function listMethods(req: GraphRequest, params: RouteParams) {
  const dir = req.directory;
  const user = userByKey(dir, params.id);
  const items = authenticationMethodsFor(user, dir.userRegistrationDetails.get(user.id));
  return respondCollection(req, { contextPath: `users('${params.id.value}')/authentication/methods`, items, present: plainPresenter }, 'microsoft.graph.authenticationMethod');
}

/** beta GET /users/{id}/authentication/requirements → strongAuthenticationRequirements {perUserMfaState}. */
function getRequirements(req: GraphRequest, params: RouteParams) {
  const dir = req.directory;
  const user = userByKey(dir, params.id);
  return jsonResponse(200, {
    '@odata.context': `${req.baseUrl}/${req.version}/$metadata#users('${params.id.value}')/authentication/requirements`,
    perUserMfaState: dir.perUserMfaStateOf(user.id),
  });
}

export const authenticationRoutes: Route[] = [
  { method: 'GET', pattern: '/users/{id}/authentication/methods', permissions: READ_METHODS, handler: listMethods },
];

/** The only beta routes the sim serves; every other /beta path answers 400. */
export const betaAuthenticationRoutes: Route[] = [
  { method: 'GET', pattern: '/users/{id}/authentication/requirements', permissions: READ_REQUIREMENTS, handler: getRequirements },
];
