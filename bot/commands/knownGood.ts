import type { TurnContext } from 'botbuilder';
import { knownGoodCard } from '../../cards/render';
import type { RemediationRequest } from '../../services/approvals/request';
import type { FindingReference } from '../../services/remediation/types';
import { readInventory } from '../../services/watch/inventory';
import { createRequest } from '../actions/requestRemediation';
import { EXCHANGE_NAME } from '../actions/findingReference';
import type { BotDeps } from '../deps';
import { answering, sendCard } from '../reply';
import { knownGoodView } from '../views/knownGood';
import { oneAppFor } from './showApp';

export const EXPECT_CONNECTOR = /^\s*expect\s+connector\s+(.+?)\s*$/i;
export const TRUST_APP = /^\s*trust\s+app\s+(.+?)\s*$/i;
export const EXPECTED = /^\s*expected\s*$/i;

async function request(context: TurnContext, deps: BotDeps, reference: FindingReference): Promise<void> {
  const outcome = await createRequest(context, deps, reference);
  // A created request has just posted its own card, which says what happens next.
  if (!outcome.created) await context.sendActivity(outcome.message);
}

/** "expect connector NAME": asks the approvers to record the connector, as configured now, as expected. */
export async function expectConnector(context: TurnContext, deps: BotDeps): Promise<void> {
  const name = EXPECT_CONNECTOR.exec(context.activity.text ?? '')?.[1] ?? '';
  await answering(context, deps.log, 'expect connector', async () => {
    if (!EXCHANGE_NAME.test(name)) {
      await context.sendActivity('Nothing was requested: that is not a connector name Exchange accepts.');
      return;
    }
    await request(context, deps, { kind: 'expectConnector', target: name });
  });
}

/** "trust app APP": by name, appId or object id; several matches get the choice card instead. */
export async function trustApp(context: TurnContext, deps: BotDeps): Promise<void> {
  const query = TRUST_APP.exec(context.activity.text ?? '')?.[1] ?? '';
  await answering(context, deps.log, 'trust app', async () => {
    const app = await oneAppFor(context, deps, query, 'Several apps match: say "trust app" followed by the appId of the one you mean.');
    if (app) await request(context, deps, { kind: 'trustApp', target: String(app.appId).toLowerCase() });
  });
}

/** "expected": the known-good list, each entry with who asked, who approved and whether it still holds. */
export async function expected(context: TurnContext, deps: BotDeps): Promise<void> {
  await answering(context, deps.log, 'expected', async () => {
    const entries = await deps.knownGood.entries();
    const requests = new Map<string, RemediationRequest>();
    for (const id of new Set(entries.map((e) => e.requestId).filter((id): id is string => Boolean(id)))) {
      const stored = await deps.approvals.get(id);
      if (stored) requests.set(id, stored.request);
    }
    const live = entries.some((e) => e.type === 'connector') ? (await readInventory(deps.exchange)).inventory : {};
    await sendCard(context, knownGoodCard(knownGoodView(entries, requests, live, deps.tenant.name, deps.now())));
  });
}
