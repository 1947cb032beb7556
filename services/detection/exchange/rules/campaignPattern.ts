import { created, removed } from '../../../exchange/history';
import { dateWithAge } from '../../dates';
import type { ExchangeRule } from '../rule';
import { isUntrustedApp } from '../actors';

export const campaignPattern: ExchangeRule = {
  id: 'created-then-removed',
  title: 'Created and removed again within the window',
  why:
    'In the spam-relay attack the app created its connector and rules for a campaign and deleted them afterwards, ' +
    'then recreated them for the next. Today\'s configuration alone shows nothing; the audit log keeps the trace.',
  fix:
    'Find out who made and removed it and why. If it was not your own change, treat the identity that did it as ' +
    'compromised (contain the app or revoke the user\'s sessions) and check the message trace for mail it relayed.',
  kinds: ['inboundConnector', 'outboundConnector', 'transportRule'],
  evaluate(history, context) {
    const creations = created(history);
    const removals = removed(history);
    if (creations.length === 0 || removals.length === 0) return [];
    const byApp = [...creations, ...removals].some((c) => isUntrustedApp(c.actor, context));
    const times = creations.length > 1 ? `created ${creations.length} times and removed ${removals.length} times` : 'created and removed';
    return [{
      severity: byApp || creations.length > 1 ? 'critical' : 'high',
      detail: `${times}: first created ${dateWithAge(creations[0].when, context.now)}, last removed ${dateWithAge(removals.at(-1)!.when, context.now)}.`,
    }];
  },
};
