import type { GraphRequest } from '../context';
import type { Directory } from '../directory';
import { notFound } from '../errors';
import { pimLicenseRequired } from '../licenses';
import { noContent, respondCollection, respondEntity, type Presented } from '../odata/query';
import { plainPresenter, presentDirectoryObject } from '../present';
import type { Route, RouteParams } from '../router';
import type { Entity, EntityTable } from '../table';

// Permission tables from the Microsoft Graph v1.0 API reference, least privileged first.
const READ = ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'Directory.Read.All', 'RoleManagement.ReadWrite.Directory', 'Directory.ReadWrite.All'];
const WRITE = ['RoleManagement.ReadWrite.Directory'];
const READ_ELIGIBILITY = ['RoleEligibilitySchedule.Read.Directory', 'RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'RoleEligibilitySchedule.ReadWrite.Directory', 'RoleManagement.ReadWrite.Directory'];

/** $expand=principal gives the whole directory object with its @odata.type; roleDefinition the definition. */
function expansions(dir: Directory): Record<string, (item: Entity) => Presented | null> {
  return {
    principal: (item) => {
      const ref = dir.directoryObject(String(item.principalId));
      return ref ? presentDirectoryObject(ref, undefined, { typed: true, fullUser: true }) : null;
    },
    roleDefinition: (item) => {
      const definition = dir.roleDefinitions.get(String(item.roleDefinitionId));
      return definition ? { ...definition } : null;
    },
  };
}

function listOf(contextPath: string, table: (dir: Directory) => EntityTable, typeName: string, expandable: boolean) {
  return (req: GraphRequest) => {
    const rows = table(req.directory);
    return respondCollection(req, {
      contextPath,
      items: rows.all(),
      lookup: (property, value) => rows.lookup(property, value),
      present: plainPresenter,
      expand: expandable ? expansions(req.directory) : undefined,
    }, typeName);
  };
}

function getOf(contextPath: string, table: (dir: Directory) => EntityTable, typeName: string, expandable: boolean) {
  return (req: GraphRequest, params: RouteParams) => {
    const item = table(req.directory).get(params.id.value);
    if (!item) throw notFound(params.id.value);
    return respondEntity(req, { contextPath, item, present: plainPresenter, expand: expandable ? expansions(req.directory) : undefined }, typeName);
  };
}

/** Privileged Identity Management (eligibility) needs Entra ID P2 or ID Governance: 400 AadPremiumLicenseRequired otherwise. */
function pim<T>(handler: (req: GraphRequest, params: RouteParams) => T) {
  return (req: GraphRequest, params: RouteParams): T => {
    if (!req.directory.licenses.entraIdP2) throw pimLicenseRequired();
    return handler(req, params);
  };
}

function deleteAssignment(req: GraphRequest, params: RouteParams) {
  if (!req.directory.roleAssignments.delete(params.id.value)) throw notFound(params.id.value);
  return noContent();
}

const definitions = (dir: Directory) => dir.roleDefinitions;
const assignments = (dir: Directory) => dir.roleAssignments;
const eligibilities = (dir: Directory) => dir.roleEligibilityScheduleInstances;
const BASE = 'roleManagement/directory';

export const roleManagementRoutes: Route[] = [
  { method: 'GET', pattern: `/${BASE}/roleDefinitions`, permissions: READ, handler: listOf(`${BASE}/roleDefinitions`, definitions, 'microsoft.graph.unifiedRoleDefinition', false) },
  { method: 'GET', pattern: `/${BASE}/roleDefinitions/{id}`, permissions: READ, handler: getOf(`${BASE}/roleDefinitions`, definitions, 'microsoft.graph.unifiedRoleDefinition', false) },
  { method: 'GET', pattern: `/${BASE}/roleAssignments`, permissions: READ, handler: listOf(`${BASE}/roleAssignments`, assignments, 'microsoft.graph.unifiedRoleAssignment', true) },
  { method: 'GET', pattern: `/${BASE}/roleAssignments/{id}`, permissions: READ, handler: getOf(`${BASE}/roleAssignments`, assignments, 'microsoft.graph.unifiedRoleAssignment', true) },
  { method: 'DELETE', pattern: `/${BASE}/roleAssignments/{id}`, permissions: WRITE, handler: deleteAssignment },
  { method: 'GET', pattern: `/${BASE}/roleEligibilityScheduleInstances`, permissions: READ_ELIGIBILITY, handler: pim(listOf(`${BASE}/roleEligibilityScheduleInstances`, eligibilities, 'microsoft.graph.unifiedRoleEligibilityScheduleInstance', true)) },
  { method: 'GET', pattern: `/${BASE}/roleEligibilityScheduleInstances/{id}`, permissions: READ_ELIGIBILITY, handler: pim(getOf(`${BASE}/roleEligibilityScheduleInstances`, eligibilities, 'microsoft.graph.unifiedRoleEligibilityScheduleInstance', true)) },
];
