import { TurnContext } from 'botbuilder';
import { fitsInCard, type AdaptiveCard } from '../../cards/adaptiveCard';
import { investigationCard } from '../../cards/render';
import { EXCHANGE_LOOKBACK_DAYS, investigateApp, type Investigation } from '../../services/investigation/investigation';
import type { BotDeps } from '../deps';
import { answering, failureCard, sendCard } from '../reply';
import { investigationView } from '../views/investigation';
import { NO_MATCH, oneAppFor } from './showApp';

export const INVESTIGATE = /^\s*investigate\s+(?:app\s+)?(.+?)\s*$/i;
const MOST_ENTRIES = 60;

/** The timeline card with as many entries as fit under the size budget. */
export function investigationCardFor(investigation: Investigation, tenantId: string): AdaptiveCard {
  let shown = MOST_ENTRIES;
  let card = investigationCard(investigationView(investigation, tenantId, shown), { checkSize: false });
  while (!fitsInCard(card) && shown > 2) {
    shown = Math.max(2, Math.floor(shown * 0.7));
    card = investigationCard(investigationView(investigation, tenantId, shown), { checkSize: false });
  }
  return investigationCard(investigationView(investigation, tenantId, shown));
}

/**
 * "investigate APP": the app's story from registration to its latest Exchange change, and its state today.
 * A slow Exchange audit query is answered with "started" at once and the card is posted when it is ready.
 */
export async function investigate(context: TurnContext, deps: BotDeps): Promise<void> {
  const query = INVESTIGATE.exec(context.activity.text ?? '')?.[1] ?? '';
  const command = 'investigate';
  await answering(context, deps.log, command, async () => {
    const app = await oneAppFor(context, deps, query);
    if (!app) return;
    const outcome = await investigateApp({ ...deps, tenantId: deps.tenant.id }, app.id as string, deps.auditQueryWaitMs);
    if (outcome.state === 'notFound') {
      await context.sendActivity(NO_MATCH);
      return;
    }
    if (outcome.state === 'ready') {
      await sendCard(context, investigationCardFor(outcome.investigation, deps.tenant.id));
      return;
    }
    await context.sendActivity(
      `The Exchange audit log search for the last ${EXCHANGE_LOOKBACK_DAYS} days has started; Microsoft can take several minutes. ` +
        'I will post the timeline in this conversation when it is ready.',
    );
    const reference = TurnContext.getConversationReference(context.activity);
    const task = outcome
      .finish()
      .then((investigation) => deps.postLater(reference, (later) => sendCard(later, investigationCardFor(investigation, deps.tenant.id))))
      .catch((error) => deps.postLater(reference, (later) => sendCard(later, failureCard(error, deps.log, command))))
      .catch((error) => deps.log.error('command.postLaterFailed', error, { command }))
      .finally(() => deps.background.delete(task));
    deps.background.add(task);
  });
}
