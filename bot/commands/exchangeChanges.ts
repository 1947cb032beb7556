import { TurnContext } from 'botbuilder';
import { fitsInCard } from '../../cards/adaptiveCard';
import { exchangeChangesCard } from '../../cards/render';
import { changesReport, type ChangesReport, type ChangesSubject } from '../../services/exchange/changesReport';
import type { BotDeps } from '../deps';
import { answering, failureCard, sendCard } from '../reply';
import { changesView } from '../views/exchange';

export const SHOW_NEW_CONNECTORS = /^\s*show\s+(?:new\s+)?connectors\b(.*)$/i;
export const SHOW_TRANSPORT_RULES = /^\s*show\s+(?:new\s+)?(?:transport|mail\s*flow)\s+rules\b(.*)$/i;

export const DEFAULT_WINDOW_DAYS = 30;
export const MAX_WINDOW_DAYS = 180;
const MOST_OBJECTS = 25;

export type WindowParse = { days: number } | { error: string };

/** "", "90", "90 days", "90d" → days; anything else a message with the accepted form. */
export function parseWindow(text: string, command: string): WindowParse {
  const rest = text.trim();
  if (rest === '') return { days: DEFAULT_WINDOW_DAYS };
  const match = /^(\d{1,4})\s*(d|days?)?$/i.exec(rest);
  const days = match ? Number(match[1]) : NaN;
  if (!match || days < 1 || days > MAX_WINDOW_DAYS) {
    return { error: `Say "${command}" for the last ${DEFAULT_WINDOW_DAYS} days, or "${command} 90 days": a whole number of days from 1 to ${MAX_WINDOW_DAYS}.` };
  }
  return { days };
}

function cardFor(report: ChangesReport, deps: BotDeps) {
  let shown = MOST_OBJECTS;
  let card = exchangeChangesCard(changesView(report, deps.tenant.name, shown), { checkSize: false });
  while (!fitsInCard(card) && shown > 1) {
    shown = Math.floor(shown * 0.7);
    card = exchangeChangesCard(changesView(report, deps.tenant.name, shown), { checkSize: false });
  }
  return exchangeChangesCard(changesView(report, deps.tenant.name, shown));
}

/**
 * "show new connectors" / "show transport rules": the audit history merged with today's configuration.
 * A slow audit query is answered with "started" at once and the card is posted when it is ready.
 */
export async function showExchangeChanges(context: TurnContext, deps: BotDeps, subject: ChangesSubject): Promise<void> {
  const pattern = subject === 'connectors' ? SHOW_NEW_CONNECTORS : SHOW_TRANSPORT_RULES;
  const command = subject === 'connectors' ? 'show new connectors' : 'show transport rules';
  const window = parseWindow(pattern.exec(context.activity.text ?? '')?.[1] ?? '', command);
  if ('error' in window) {
    await context.sendActivity(window.error);
    return;
  }
  await answering(context, deps.log, command, async () => {
    const outcome = await changesReport({ ...deps, tenantId: deps.tenant.id, trustedAppIds: [...(await deps.knownGood.trustedAppIds())] }, subject, window.days, deps.auditQueryWaitMs);
    if (outcome.state === 'ready') {
      await sendCard(context, cardFor(outcome.report, deps));
      return;
    }
    await context.sendActivity(
      `The audit log search for the last ${window.days} days has started; Microsoft can take several minutes. ` +
        'I will post the result in this conversation when it is ready.',
    );
    const reference = TurnContext.getConversationReference(context.activity);
    const task = outcome
      .finish()
      .then((report) => deps.postLater(reference, (later) => sendCard(later, cardFor(report, deps))))
      .catch((error) => deps.postLater(reference, (later) => sendCard(later, failureCard(error, deps.log, command))))
      .catch((error) => deps.log.error('command.postLaterFailed', error, { command }))
      .finally(() => deps.background.delete(task));
    deps.background.add(task);
  });
}
