import type { DirectoryObject, UnifiedRoleAssignment, UnifiedRoleEligibilityScheduleInstance, User } from '@microsoft/microsoft-graph-types';
import type { GraphApi } from '../graph/graphApi';
import { PRIVILEGED_ROLES, privilegedRole } from '../apps/catalog';
import { roleAssignmentsUrl } from '../apps/roles';
import { gapOf, orRefused, SOURCES } from './gaps';
import { ADVANCED_QUERY, get, readCollections, type Answer } from './graphReads';
import type { AdminRole, DataGap } from './types';

type Principal = DirectoryObject & { '@odata.type'?: string; displayName?: string | null; userPrincipalName?: string | null };
type Expanded = (UnifiedRoleAssignment | UnifiedRoleEligibilityScheduleInstance) & { principal?: Principal };

const USER_TYPE = '#microsoft.graph.user';
const GROUP_TYPE = '#microsoft.graph.group';
const ELIGIBILITY = 'eligible';

/** A user holding at least one privileged role, and how. */
export interface RoleHolder {
  id: string;
  displayName?: string;
  userPrincipalName?: string;
  roles: AdminRole[];
}

export interface RoleHolders {
  holders: Map<string, RoleHolder>;
  gaps: DataGap[];
}

interface Grant {
  principal: Principal;
  role: Omit<AdminRole, 'viaGroup'>;
}

function assignmentSteps() {
  const active = PRIVILEGED_ROLES.map((role, index) =>
    get(`active-${index}`, roleAssignmentsUrl(role.templateId)),
  );
  // One list read: a tenant has few eligible assignments, and they are not filtered by role here
  // so that a custom scope or a new privileged role is still seen.
  return [...active, get(ELIGIBILITY, '/roleManagement/directory/roleEligibilityScheduleInstances?$expand=principal')];
}

function grantsOf(answer: Answer<Expanded[]> | undefined, assignment: AdminRole['assignment']): Grant[] {
  if (!answer?.ok) return [];
  return answer.value
    .filter((a) => a.principal && privilegedRole(a.roleDefinitionId ?? '') !== undefined)
    .map((a) => ({
      principal: { ...a.principal, id: a.principal?.id ?? a.principalId ?? undefined } as Principal,
      role: { roleDefinitionId: a.roleDefinitionId as string, roleName: privilegedRole(a.roleDefinitionId as string)!.name, assignment },
    }));
}

function userMembersStep(groupId: string) {
  return get(groupId, `/groups/${groupId}/transitiveMembers/microsoft.graph.user?$select=id,displayName,userPrincipalName&$top=999&$count=true`, ADVANCED_QUERY);
}

function sameRole(a: AdminRole, b: AdminRole): boolean {
  return a.roleDefinitionId === b.roleDefinitionId && a.assignment === b.assignment && a.viaGroup?.id === b.viaGroup?.id;
}

function addRole(holders: Map<string, RoleHolder>, user: Principal | User, role: AdminRole): void {
  const id = user.id as string;
  const holder = holders.get(id) ?? { id, roles: [] };
  holder.displayName ??= user.displayName ?? undefined;
  holder.userPrincipalName ??= user.userPrincipalName ?? undefined;
  if (!holder.roles.some((r) => sameRole(r, role))) holder.roles.push(role);
  holders.set(id, holder);
}

/**
 * Every user holding a privileged role: active and eligible assignments (one $batch over the
 * privileged roles) and the transitive user members of role-assignable groups that hold one
 * (one more $batch). Service principals are left out.
 */
export async function privilegedUsers(graph: GraphApi): Promise<RoleHolders> {
  const steps = assignmentSteps();
  const answers = await orRefused(() => readCollections<Expanded>(graph, steps), steps.map((s) => s.id));
  const gaps: DataGap[] = [];
  const activeRefused = steps.filter((s) => s.id !== ELIGIBILITY).map((s) => answers.get(s.id)!).find((a) => !a.ok);
  if (activeRefused) gaps.push(gapOf(SOURCES.roleAssignments, activeRefused)!);
  const eligibility = answers.get(ELIGIBILITY)!;
  if (!eligibility.ok) gaps.push(gapOf(SOURCES.roleEligibility, eligibility, 'Only active assignments are listed.')!);

  const grants = [
    ...steps.filter((s) => s.id !== ELIGIBILITY).flatMap((s) => grantsOf(answers.get(s.id), 'active')),
    ...grantsOf(eligibility, 'eligible'),
  ];
  const holders = new Map<string, RoleHolder>();
  for (const grant of grants.filter((g) => g.principal['@odata.type'] === USER_TYPE)) addRole(holders, grant.principal, grant.role);

  const groupGrants = grants.filter((g) => g.principal['@odata.type'] === GROUP_TYPE);
  const groupIds = [...new Set(groupGrants.map((g) => g.principal.id as string))];
  const memberSteps = groupIds.map(userMembersStep);
  const members = await orRefused(() => readCollections<User>(graph, memberSteps, { headers: ADVANCED_QUERY }), groupIds);
  const membersRefused = [...members.values()].find((a) => !a.ok);
  if (membersRefused) gaps.push(gapOf(SOURCES.groupMembers, membersRefused, 'Admins who hold a role only through a group are missing.')!);
  for (const grant of groupGrants) {
    const group = grant.principal;
    const viaGroup = { id: group.id as string, displayName: group.displayName ?? (group.id as string) };
    const answer = members.get(viaGroup.id);
    for (const user of answer?.ok ? answer.value : []) addRole(holders, user, { ...grant.role, viaGroup });
  }
  return { holders, gaps };
}
