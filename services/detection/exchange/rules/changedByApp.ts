import type { ExchangeRule } from '../rule';
import { describeActor, isUntrustedApp } from '../actors';

export const changedByApp: ExchangeRule = {
  id: 'changed-by-app',
  title: 'Changed by an application, not a person',
  why:
    'Mail flow is normally changed by an administrator. An app doing it through Exchange Online PowerShell is what ' +
    'the attackers\' OAuth app did with Exchange.ManageAsApp and the Exchange Administrator role.',
  fix:
    'Identify the app and its owner ("show app APPID"). Unless it is known automation, contain it, then disable or remove what it made.',
  kinds: ['inboundConnector', 'outboundConnector', 'transportRule'],
  evaluate(history, context) {
    const apps = new Map<string, string[]>();
    for (const change of history.changes.filter((c) => isUntrustedApp(c.actor, context))) {
      apps.set(change.actor.id, [...(apps.get(change.actor.id) ?? []), change.operation]);
    }
    return [...apps.entries()].map(([appId, operations]) => {
      const risky = context.apps.get(appId)?.risky ?? false;
      const actor = describeActor({ kind: 'app', id: appId }, context);
      return {
        severity: risky ? 'critical' : 'high',
        detail: `${[...new Set(operations)].join(', ')} by ${actor}${risky ? ', one of the risky apps' : ''}.`,
      };
    });
  },
};
