import { privilegedRole } from '../apps/catalog';
import type { AdminRole } from './types';

/** Global Administrator, Privileged Role Administrator, Privileged Authentication Administrator: the catalog's critical roles, each enough to take the tenant. */
export function holdsTakeoverRole(roles: AdminRole[]): boolean {
  return roles.some((role) => privilegedRole(role.roleDefinitionId)?.severity === 'critical');
}

/** "Global Administrator (active), Exchange Administrator (active through group Messaging Operations)" */
export function rolesText(roles: AdminRole[]): string {
  return roles.map((role) => `${role.roleName} (${role.viaGroup ? `${role.assignment} through group ${role.viaGroup.displayName}` : role.assignment})`).join(', ');
}
