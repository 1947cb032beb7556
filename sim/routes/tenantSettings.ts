import type { GraphRequest } from '../context';
import { notFound } from '../errors';
import { respondCollection, respondEntity } from '../odata/query';
import { plainPresenter } from '../present';
import type { Route, RouteParams } from '../router';

// Permission tables from the Microsoft Graph v1.0 API reference, least privileged first.
const POLICY_READ = ['Policy.Read.All'];
const CONDITIONAL_ACCESS_READ = ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess'];
const ORGANIZATION_READ = ['Organization.Read.All', 'Directory.Read.All', 'Organization.ReadWrite.All', 'Directory.ReadWrite.All'];

function securityDefaults(req: GraphRequest) {
  return respondEntity(req, {
    contextPath: 'policies/identitySecurityDefaultsEnforcementPolicy',
    item: req.directory.securityDefaults,
    present: plainPresenter,
    singleton: true,
  }, 'microsoft.graph.identitySecurityDefaultsEnforcementPolicy');
}

function listPolicies(req: GraphRequest) {
  const table = req.directory.conditionalAccessPolicies;
  return respondCollection(req, { contextPath: 'identity/conditionalAccess/policies', items: table.all(), lookup: (p, v) => table.lookup(p, v), present: plainPresenter }, 'microsoft.graph.conditionalAccessPolicy');
}

function getPolicy(req: GraphRequest, params: RouteParams) {
  const policy = req.directory.conditionalAccessPolicies.get(params.id.value);
  if (!policy) throw notFound(params.id.value);
  return respondEntity(req, { contextPath: 'identity/conditionalAccess/policies', item: policy, present: plainPresenter }, 'microsoft.graph.conditionalAccessPolicy');
}

function listOrganization(req: GraphRequest) {
  return respondCollection(req, { contextPath: 'organization', items: [req.directory.organization], present: plainPresenter }, 'microsoft.graph.organization');
}

function getOrganization(req: GraphRequest, params: RouteParams) {
  const organization = req.directory.organization;
  if (organization.id.toLowerCase() !== params.id.value.toLowerCase()) throw notFound(params.id.value);
  return respondEntity(req, { contextPath: 'organization', item: organization, present: plainPresenter }, 'microsoft.graph.organization');
}

export const tenantSettingRoutes: Route[] = [
  { method: 'GET', pattern: '/policies/identitySecurityDefaultsEnforcementPolicy', permissions: POLICY_READ, handler: securityDefaults },
  { method: 'GET', pattern: '/identity/conditionalAccess/policies', permissions: CONDITIONAL_ACCESS_READ, handler: listPolicies },
  { method: 'GET', pattern: '/identity/conditionalAccess/policies/{id}', permissions: CONDITIONAL_ACCESS_READ, handler: getPolicy },
  { method: 'GET', pattern: '/organization', permissions: ORGANIZATION_READ, handler: listOrganization },
  { method: 'GET', pattern: '/organization/{id}', permissions: ORGANIZATION_READ, handler: getOrganization },
];
