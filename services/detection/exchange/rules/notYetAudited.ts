import type { ExchangeRule } from '../rule';

export const NOT_YET_AUDITED = 'New, not yet in the audit log';

/** The object's own creation time, as today's configuration reports it. */
export function liveCreationTime(history: { live?: object }): Date | undefined {
  const live = history.live as { WhenCreated?: string; WhenChanged?: string } | undefined;
  const value = live?.WhenCreated ?? live?.WhenChanged;
  if (!value) return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time;
}

export const notYetAudited: ExchangeRule = {
  id: 'not-yet-audited',
  title: NOT_YET_AUDITED,
  why:
    'Exchange audit records typically become searchable 60 to 90 minutes after a change, sometimes much later. ' +
    'Today\'s configuration shows it already; who made it will follow in the audit log.',
  fix: 'Treat it as new: find out who made it. Ask again later for the audit record, or disable it now if nobody claims it.',
  kinds: ['inboundConnector', 'outboundConnector', 'transportRule'],
  evaluate(history, context) {
    const when = liveCreationTime(history);
    if (!history.live || history.changes.length > 0 || !when || when < context.windowStart) return [];
    return [{ severity: history.kind === 'transportRule' ? 'medium' : 'high', detail: `Configuration says it was created or changed at ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC.` }];
  },
};
