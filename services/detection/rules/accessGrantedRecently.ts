import { activityOf, actorOf } from '../../apps/actor';
import { dateWithAge } from '../dates';
import type { AppRule } from '../rule';

const GRANT_ACTIVITIES = new Set(['Add app role assignment to service principal', 'Add member to role', 'Add eligible member to role', 'Consent to application']);

export const accessGrantedRecently: AppRule = {
  id: 'access-granted-recently',
  title: 'Was given its access recently, by a user',
  why:
    'In the attacks this tool watches for, a taken-over admin account grants the app its permissions and roles; ' +
    'the audit log is the only place that says who did it and from where.',
  fix:
    'Ask the person named whether they made this change. If they did not, treat their account as compromised: ' +
    'revoke its sessions, reset its password, require MFA, and contain the app.',
  aboutAChange: true,
  evaluate(app, context) {
    return app.audits
      .filter((event) => GRANT_ACTIVITIES.has(activityOf(event)) && event.result !== 'failure')
      .map((event) => ({
        severity: 'high' as const,
        detail: `${activityOf(event)} by ${actorOf(event)} on ${dateWithAge(event.activityDateTime, context.now)}.`,
      }));
  },
};
