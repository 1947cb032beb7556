import type { TurnContext } from 'botbuilder';
import { fitsInCard } from '../../cards/adaptiveCard';
import { riskyAppsCard } from '../../cards/render';
import { scanRiskyApps } from '../../services/apps/riskyApps';
import type { BotDeps } from '../deps';
import { answering, sendCard } from '../reply';
import { riskyAppsView } from '../views/apps';

const MOST_SHOWN = 15;

export async function listRiskyApps(context: TurnContext, deps: BotDeps): Promise<void> {
  await answering(context, deps.log, 'list risky apps', async () => {
    const now = deps.now();
    const { assessments } = await scanRiskyApps(deps.graph, { tenantId: deps.tenant.id, now, trustedAppIds: await deps.knownGood.trustedAppIds() });
    let shown = Math.min(MOST_SHOWN, assessments.length);
    let card = riskyAppsCard(riskyAppsView(assessments, shown, deps.tenant, now), { checkSize: false });
    while (!fitsInCard(card) && shown > 1) {
      shown--;
      card = riskyAppsCard(riskyAppsView(assessments, shown, deps.tenant, now), { checkSize: false });
    }
    deps.log.info('command.listRiskyApps', { apps: assessments.length, shown });
    await sendCard(context, riskyAppsCard(riskyAppsView(assessments, shown, deps.tenant, now)));
  });
}
