import { HIGH_IMPACT_PERMISSIONS } from '../../apps/catalog';
import { dateWithAge } from '../dates';
import type { AppRule } from '../rule';

export const highImpactPermission: AppRule = {
  id: 'high-impact-app-permission',
  title: 'Holds an application permission that controls mail or the directory',
  why:
    'An application permission works without any signed-in user, around the clock, with no MFA. ' +
    'Whoever holds one of the app\'s credentials holds this power over the whole tenant.',
  fix:
    'Confirm with the app\'s owner that it needs this permission. If not, revoke the permission ' +
    '(remove the app role assignment). If nobody recognises the app, contain it.',
  evaluate(app, context) {
    return app.permissions.flatMap((granted) => {
      const known = HIGH_IMPACT_PERMISSIONS.find((p) => p.resourceAppId === granted.resourceAppId && p.value === granted.permission);
      if (!known) return [];
      return [{
        severity: known.severity,
        detail: `${granted.permission} on ${granted.resourceName}: lets it ${known.power}. Granted ${dateWithAge(granted.grantedDateTime, context.now)}.`,
      }];
    });
  },
};
