import { created } from '../../../exchange/history';
import { dateWithAge } from '../../dates';
import type { ExchangeRule } from '../rule';
import { describeActor } from '../actors';

export const connectorCreatedInWindow: ExchangeRule = {
  id: 'connector-created',
  title: 'A new connector',
  why: 'A tenant rarely needs a new connector: each one changes who may send mail into or out of your organisation.',
  fix: 'Confirm the change with the person named and with your change records; disable the connector if nobody asked for it.',
  kinds: ['inboundConnector', 'outboundConnector'],
  evaluate(history, context) {
    return created(history).map((change) => ({
      severity: 'medium' as const,
      detail: `Created ${dateWithAge(change.when, context.now)} by ${describeActor(change.actor, context)}.`,
    }));
  },
};
