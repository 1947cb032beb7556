import type { TurnContext } from 'botbuilder';
import { findApps } from '../../services/apps/appProfile';
import { isGuid } from '../../services/apps/odata';
import type { BotDeps } from '../deps';
import { failureCard, sendCard } from '../reply';
import { appDetailFor, NO_MATCH } from '../commands/showApp';

export const SHOW_APP_VERB = 'showApp';

/**
 * The Details button. Its data comes back from the client and may be forged: only an appId is
 * taken from it, checked to be a GUID, and everything shown is read afresh from Graph.
 */
export async function showAppDetails(context: TurnContext, deps: BotDeps, data: unknown): Promise<string> {
  const appId = typeof data === 'object' && data !== null ? (data as { appId?: unknown }).appId : undefined;
  if (typeof appId !== 'string' || !isGuid(appId)) return 'That button carried no valid app id.';
  try {
    const match = (await findApps(deps.graph, appId)).find((m) => m.appId?.toLowerCase() === appId.toLowerCase());
    const card = match ? await appDetailFor(deps, match.id as string) : undefined;
    if (!card) return NO_MATCH;
    await sendCard(context, card);
    return 'Details are in the next message.';
  } catch (error) {
    await sendCard(context, failureCard(error, deps.log, 'showApp', context));
    return 'Could not load the details; see the next message.';
  }
}
