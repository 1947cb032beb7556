import type { DirectoryObject, UnifiedRoleAssignment } from '@microsoft/microsoft-graph-types';
import { GraphApi, type BatchStep } from '../graph/graphApi';
import { PRIVILEGED_ROLES, privilegedRole } from './catalog';
import type { HeldRole } from './evidence';
import { quote } from './odata';

type ExpandedAssignment = UnifiedRoleAssignment & { principal?: DirectoryObject & { '@odata.type'?: string; displayName?: string } };

// Graph accepts a type cast on transitive memberships only as an advanced query.
const ADVANCED_QUERY = { ConsistencyLevel: 'eventual' };

const SP_TYPE = '#microsoft.graph.servicePrincipal';
const GROUP_TYPE = '#microsoft.graph.group';

function heldRole(assignment: ExpandedAssignment, viaGroup?: HeldRole['viaGroup']): HeldRole {
  const roleDefinitionId = assignment.roleDefinitionId as string;
  return {
    assignmentId: assignment.id as string,
    roleDefinitionId,
    roleName: privilegedRole(roleDefinitionId)?.name ?? roleDefinitionId,
    directoryScopeId: assignment.directoryScopeId ?? '/',
    viaGroup,
  };
}

async function allPages<T>(graph: GraphApi, first: { value: T[]; '@odata.nextLink'?: string }): Promise<T[]> {
  const rest = first['@odata.nextLink'] ? await graph.list<T>(first['@odata.nextLink']) : [];
  return [...first.value, ...rest];
}

/** The active assignments of one role, each with its principal (user, group or service principal). */
export function roleAssignmentsUrl(roleTemplateId: string): string {
  return `/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent(`roleDefinitionId eq ${quote(roleTemplateId)}`)}&$expand=principal`;
}

/** Active assignments of the privileged roles with their principals: one batch, whatever the tenant's size. */
async function privilegedAssignments(graph: GraphApi): Promise<ExpandedAssignment[]> {
  const steps: BatchStep[] = PRIVILEGED_ROLES.map((role, index) => ({
    id: String(index),
    method: 'GET',
    url: roleAssignmentsUrl(role.templateId),
  }));
  const results = await graph.batch(steps);
  const assignments: ExpandedAssignment[] = [];
  for (const step of steps) {
    const page = GraphApi.unwrap<{ value: ExpandedAssignment[]; '@odata.nextLink'?: string }>(results.get(step.id), step);
    assignments.push(...(await allPages(graph, page)));
  }
  return assignments;
}

/** Service principals that are (transitive) members of each group. */
async function servicePrincipalMembers(graph: GraphApi, groupIds: string[]): Promise<Map<string, string[]>> {
  const steps: BatchStep[] = groupIds.map((groupId) => ({
    id: groupId,
    method: 'GET',
    url: `/groups/${groupId}/transitiveMembers/microsoft.graph.servicePrincipal?$select=id&$top=999&$count=true`,
    headers: ADVANCED_QUERY,
  }));
  const results = await graph.batch(steps);
  const members = new Map<string, string[]>();
  for (const step of steps) {
    const page = GraphApi.unwrap<{ value: DirectoryObject[]; '@odata.nextLink'?: string }>(results.get(step.id), step);
    members.set(step.id, (await allPages(graph, page)).map((member) => member.id as string));
  }
  return members;
}

/** Service principals holding a privileged directory role, directly or through a role-assignable group. */
export async function privilegedRoleHolders(graph: GraphApi): Promise<Map<string, HeldRole[]>> {
  const assignments = await privilegedAssignments(graph);
  const byPrincipal = new Map<string, HeldRole[]>();
  const add = (principalId: string, role: HeldRole) => byPrincipal.set(principalId, [...(byPrincipal.get(principalId) ?? []), role]);
  for (const assignment of assignments) {
    if (assignment.principal?.['@odata.type'] === SP_TYPE) add(assignment.principalId as string, heldRole(assignment));
  }
  const groupAssignments = assignments.filter((a) => a.principal?.['@odata.type'] === GROUP_TYPE);
  if (groupAssignments.length === 0) return byPrincipal;
  const members = await servicePrincipalMembers(graph, [...new Set(groupAssignments.map((a) => a.principalId as string))]);
  for (const assignment of groupAssignments) {
    const group = { id: assignment.principalId as string, displayName: assignment.principal?.displayName ?? (assignment.principalId as string) };
    for (const memberId of members.get(group.id) ?? []) add(memberId, heldRole(assignment, group));
  }
  return byPrincipal;
}

/** Every directory role one service principal holds, directly or through its groups (any role, not just privileged). */
export async function rolesOf(graph: GraphApi, servicePrincipalId: string): Promise<HeldRole[]> {
  const groups = await graph.list<DirectoryObject & { displayName?: string }>(
    `/servicePrincipals/${servicePrincipalId}/transitiveMemberOf/microsoft.graph.group?$select=id,displayName&$top=999&$count=true`,
    { headers: ADVANCED_QUERY },
  );
  const principals = [{ id: servicePrincipalId, group: undefined as HeldRole['viaGroup'] }, ...groups.map((g) => ({ id: g.id as string, group: { id: g.id as string, displayName: g.displayName ?? (g.id as string) } }))];
  const steps: BatchStep[] = principals.map((principal) => ({
    id: principal.id,
    method: 'GET',
    url: `/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent(`principalId eq ${quote(principal.id)}`)}`,
  }));
  const results = await graph.batch(steps);
  const roles: HeldRole[] = [];
  for (const [index, step] of steps.entries()) {
    const page = GraphApi.unwrap<{ value: ExpandedAssignment[]; '@odata.nextLink'?: string }>(results.get(step.id), step);
    for (const assignment of await allPages(graph, page)) roles.push(heldRole(assignment, principals[index].group));
  }
  return roles;
}
