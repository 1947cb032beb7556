import { privilegedRole as catalogRole } from '../../apps/catalog';
import type { AppRule } from '../rule';

export const privilegedRole: AppRule = {
  id: 'privileged-directory-role',
  title: 'Holds a privileged directory role',
  why:
    'A directory role on a service principal gives the app an administrator\'s power without an administrator: ' +
    'no MFA, no sign-in risk checks, and it is easy to overlook because role reviews usually list people.',
  fix:
    'Remove the role assignment unless the app\'s owner can show it is needed; prefer a narrower role or an ' +
    'application permission scoped to what the app does.',
  evaluate(app) {
    return app.roles.flatMap((role) => {
      const known = catalogRole(role.roleDefinitionId);
      if (!known) return [];
      const via = role.viaGroup ? ` through the role-assignable group ${role.viaGroup.displayName}` : '';
      const scope = role.directoryScopeId !== '/' ? ` (scoped to ${role.directoryScopeId})` : '';
      return [{ severity: known.severity, detail: `${known.name}${via}${scope}.` }];
    });
  },
};
