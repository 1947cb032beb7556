import { TurnContext } from 'botbuilder';
import { isSubscribed, subscribe, subscriptions, unsubscribe } from '../../services/watch/watcher';
import { personOf } from '../access';
import type { BotDeps } from '../deps';
import { answering } from '../reply';
import { watchDepsOf } from '../watch';

export const WATCH = /^\s*watch\s+(on|off|status)\s*$/i;

/** "watch on" / "watch off" / "watch status" in any chat or channel. */
export async function watch(context: TurnContext, deps: BotDeps, intervalMs: number): Promise<void> {
  const action = (WATCH.exec(context.activity.text ?? '')?.[1] ?? 'status').toLowerCase();
  await answering(context, deps.log, `watch ${action}`, async () => {
    const watchDeps = watchDepsOf(deps);
    const reference = TurnContext.getConversationReference(context.activity) as unknown as Record<string, unknown>;
    const minutes = Math.max(1, Math.round(intervalMs / 60_000));
    if (action === 'on') {
      await subscribe(watchDeps, reference, personOf(context));
      await context.sendActivity(
        `Watching: new or changed connectors and transport rules are alerted here within about ${minutes} minute(s). Say "watch off" to stop.`,
      );
    } else if (action === 'off') {
      const existed = await unsubscribe(watchDeps, reference, personOf(context));
      await context.sendActivity(existed ? 'This conversation no longer gets watch alerts.' : 'This conversation was not being watched.');
    } else {
      const list = await subscriptions(watchDeps);
      await context.sendActivity(
        `${isSubscribed(list, reference) ? 'This conversation gets watch alerts' : 'This conversation does not get watch alerts'}; ` +
          `${list.length} conversation(s) subscribed in all; the watcher checks every ${minutes} minute(s).`,
      );
    }
  });
}
