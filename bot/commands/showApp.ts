import type { ServicePrincipal } from '@microsoft/microsoft-graph-types';
import type { TurnContext } from 'botbuilder';
import { fitsInCard, type AdaptiveCard } from '../../cards/adaptiveCard';
import { appChoiceCard, appDetailCard } from '../../cards/render';
import { findApps, profileApp } from '../../services/apps/appProfile';
import type { BotDeps } from '../deps';
import { answering, sendCard } from '../reply';
import { appChoiceView, appDetailView } from '../views/apps';

export const SHOW_APP = /^\s*show\s+app\s+(.+?)\s*$/i;
const MOST_EVIDENCE = 40;
export const NO_MATCH = 'No service principal in this tenant matches that name, appId or object id.';

/** The detail card for one service principal, with as much audit evidence as fits. */
export async function appDetailFor(deps: BotDeps, servicePrincipalId: string): Promise<AdaptiveCard | undefined> {
  const now = deps.now();
  const profile = await profileApp(deps.graph, { tenantId: deps.tenant.id, now, trustedAppIds: await deps.knownGood.trustedAppIds() }, servicePrincipalId);
  if (!profile) return undefined;
  const { assessment, resourceNames } = profile;
  let shown = Math.min(MOST_EVIDENCE, assessment.app.audits.length);
  let card = appDetailCard(appDetailView(assessment, deps.tenant.id, now, shown, resourceNames), { checkSize: false });
  while (!fitsInCard(card) && shown > 0) {
    shown = Math.floor(shown / 2);
    card = appDetailCard(appDetailView(assessment, deps.tenant.id, now, shown, resourceNames), { checkSize: false });
  }
  return appDetailCard(appDetailView(assessment, deps.tenant.id, now, shown, resourceNames));
}

/**
 * The one service principal a typed name, appId or object id means. Otherwise the user is answered here:
 * no match, or the choice card when several match (with `several`, a sentence first saying what to type).
 */
export async function oneAppFor(context: TurnContext, deps: BotDeps, query: string, several?: string): Promise<ServicePrincipal | undefined> {
  const matches = await findApps(deps.graph, query);
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    await context.sendActivity(NO_MATCH);
    return undefined;
  }
  if (several) await context.sendActivity(several);
  await sendCard(context, appChoiceCard(appChoiceView(query, matches, deps.tenant.id)));
  return undefined;
}

export async function showApp(context: TurnContext, deps: BotDeps): Promise<void> {
  const query = SHOW_APP.exec(context.activity.text ?? '')?.[1] ?? '';
  await answering(context, deps.log, 'show app', async () => {
    const app = await oneAppFor(context, deps, query);
    if (!app) return;
    const card = await appDetailFor(deps, app.id as string);
    if (card) await sendCard(context, card);
    else await context.sendActivity(NO_MATCH);
  });
}
