import { MessageFactory, type ConversationReference } from 'botbuilder';
import { cardAttachment, exchangeChangesCard, fitsInCard, watchAlertCard, type AdaptiveCard } from '../cards/render';
import { deliverAlerts, subscriptions, watchRound, type Alert, type WatchDeps } from '../services/watch/watcher';
import { knownApps } from '../services/exchange/appNames';
import { LeaseLostError } from '../services/watch/lease';
import { resumeInterrupted } from '../services/approvals/executor';
import { stepRunner } from './actions/decideRequest';
import { refreshCards } from './requestCards';
import type { BotDeps } from './deps';
import { alertView, directoryAlertView } from './views/watch';

export function watchDepsOf(deps: BotDeps): WatchDeps {
  return { store: deps.store, audit: deps.approvals.audit, exchange: deps.exchange, graph: deps.graph, tenantId: deps.tenant.id, knownGood: deps.knownGood, fenced: deps.watchLease.fenced, now: deps.now };
}

// Teams limits a bot to about 7 messages a second per conversation: alerts owed after an outage go out at 4 a second.
const POST_SPACING_MS = 250;
let lastPost = 0;
async function paced(): Promise<void> {
  const wait = lastPost + POST_SPACING_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  lastPost = Date.now();
}

/** The card of an alert as it is stored now, with the apps its late audit records name. */
async function alertCard(deps: BotDeps, alert: Alert): Promise<AdaptiveCard> {
  if (alert.directory?.length) return watchAlertCard(directoryAlertView(alert, deps.tenant.name));
  const now = deps.now();
  // Records that arrived later name the app behind a change: say which app it is and whether it is risky.
  const appIds = [...new Set((alert.audit ?? []).filter((c) => c.actor.kind === 'app').map((c) => c.actor.id))];
  const apps = await knownApps(deps.graph, deps.tenant.id, appIds, now).catch(() => new Map());
  const context = { now, windowStart: now, trustedAppIds: await deps.knownGood.trustedAppIds(), apps };
  let most = alert.changes.length;
  while (most > 1 && !fitsInCard(exchangeChangesCard(alertView(alert, deps.tenant.name, context, most), { checkSize: false }))) most--;
  return exchangeChangesCard(alertView(alert, deps.tenant.name, context, most));
}

/** One round of the watcher and the delivery of every alert still owed to a subscribed conversation. */
export async function watchOnce(deps: BotDeps): Promise<void> {
  const watch = watchDepsOf(deps);
  const round = await watchRound(watch);
  if (round.problem) {
    for (const subscription of await subscriptions(watch)) {
      await deps.postLater(subscription.conversation as Partial<ConversationReference>, async (context) => {
        await context.sendActivity(`The watcher cannot read today's connectors and rules: ${round.problem}. It will keep trying and say nothing more until it can.`);
      });
    }
  }
  // One card per alert for this pass, however many conversations it goes to (its content does not change meanwhile).
  const cards = new Map<string, Promise<AdaptiveCard>>();
  const cardFor = (alert: Alert) => {
    if (!cards.has(alert.id)) cards.set(alert.id, alertCard(deps, alert));
    return cards.get(alert.id)!;
  };
  const posted = await deliverAlerts(
    watch,
    async (subscription, alert) => {
      const card = await cardFor(alert);
      // Only the lease holder posts: an instance that lost the lease stops before a second copy goes out.
      if (!(await deps.watchLease.tryHold())) throw new LeaseLostError();
      await paced();
      let activityId: string | undefined;
      await deps.postLater(subscription.conversation as Partial<ConversationReference>, async (turn) => {
        activityId = (await turn.sendActivity(MessageFactory.attachment(cardAttachment(card))))?.id;
      });
      return activityId;
    },
    async (post, alert) => {
      const card = await cardFor(alert);
      await deps.postLater(post.conversation as Partial<ConversationReference>, async (turn) => {
        await turn.updateActivity({ ...MessageFactory.attachment(cardAttachment(card)), id: post.activityId });
      });
    },
  );
  if (round.newAlerts.length || posted) deps.log.info('watch.round', { alerts: round.newAlerts.length, posted });
  await finishAbandonedRequests(deps);
}

/** On the watcher's instance: requests another instance left executing when it died are finished here. */
async function finishAbandonedRequests(deps: BotDeps): Promise<void> {
  if (!deps.remediation) return;
  const finished = await resumeInterrupted(deps.approvals, stepRunner(deps, deps.remediation), deps.instanceId, { afterRestart: false });
  for (const request of finished) await refreshCards(request.id, deps);
  if (finished.length) deps.log.info('requests.takenOver', { count: finished.length });
}

/**
 * Runs the watcher every interval, one round at a time, until stopped. Resolves after the first round,
 * which learns today's configuration (and resends alerts a crash left half-delivered) before the bot takes work.
 */
export async function startWatcher(deps: BotDeps, intervalMs: number): Promise<{ stop(): Promise<void> }> {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let leader = false;
  const hold = async () => {
    try {
      const held = await deps.watchLease.tryHold();
      if (held !== leader) deps.log.info(held ? 'watch.leaseTaken' : 'watch.leaseNotHeld', {});
      leader = held;
    } catch (error) {
      leader = false;
      deps.log.error('watch.leaseFailed', error);
    }
    return leader;
  };
  const round = async () => {
    if (stopped || !(await hold())) return;
    try {
      await watchOnce(deps);
    } catch (error) {
      if (error instanceof LeaseLostError) {
        leader = false;
        deps.log.info('watch.leaseLost', {});
      } else deps.log.error('watch.failed', error);
    }
  };
  const tick = () => {
    running = running.then(round);
  };
  tick();
  await running;
  const timer = setInterval(tick, intervalMs);
  // The lease is kept (or taken over from a dead holder) between rounds, within one lease period.
  const keeper = setInterval(() => {
    if (!stopped) void hold();
  }, deps.watchLease.renewEveryMs);
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      clearInterval(keeper);
      await running;
      await deps.watchLease.release();
    },
  };
}
