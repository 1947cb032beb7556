import type { ExchangeAdmin } from '../../exchange/exchangeAdmin';
import type { LiveObject } from '../../exchange/history';
import type { InboundConnector, OutboundConnector } from '../../exchange/types';
import { entryOf } from '../../watch/inventory';
import { isExpected, type KnownGood } from '../../watch/knownGood';
import { readExchangeObject } from '../steps/exchangeObjects';
import type { RemediationPlan } from '../types';
import { findingsEvidence, loadApp, targetSummary, type AppPlanDeps } from './appTarget';
import { plan, refuse, type DraftStep, type Refusal } from './draft';
import { settingsEvidence } from './exchangeEvidence';
import { comment, inboundSummary, outboundSummary } from './exchangePlans';

export interface KnownGoodPlanDeps extends AppPlanDeps {
  exchange: ExchangeAdmin;
  knownGood: KnownGood;
}

const STILL_ALERTED = 'New credentials, permissions or roles on it are still alerted: trust never silences those.';

/** "expect connector NAME": pins each connector of that name or Guid, as configured now, for the approver to confirm. */
export async function expectConnectorPlan(deps: KnownGoodPlanDeps, identity: string): Promise<RemediationPlan | Refusal> {
  const [inbound, outbound] = await Promise.all([
    readExchangeObject<InboundConnector & LiveObject>(deps.exchange, 'InboundConnector', identity),
    readExchangeObject<OutboundConnector & LiveObject>(deps.exchange, 'OutboundConnector', identity),
  ]);
  const expected = await deps.knownGood.expectedConnectors();
  const found = [
    ...(inbound ? [{ kind: 'inboundConnector' as const, object: inbound, summary: inboundSummary(inbound) }] : []),
    ...(outbound ? [{ kind: 'outboundConnector' as const, object: outbound, summary: outboundSummary(outbound) }] : []),
  ];
  if (found.length === 0) return refuse(`no connector named '${identity}' exists, inbound or outbound`);
  const targets = found.filter(({ kind, object }) => {
    const entry = entryOf(kind, object);
    return !isExpected(expected, entry.key, entry.fingerprint);
  });
  if (targets.length === 0) return refuse(`the connector '${identity}' is already expected with exactly these settings`);
  const missingGuid = targets.find((t) => !t.object.Guid);
  if (missingGuid) return refuse(`Exchange returned no Guid for '${missingGuid.object.Identity}', and a name alone cannot be trusted`);
  const steps: DraftStep[] = targets.map(({ kind, object }) => {
    const entry = entryOf(kind, object);
    return {
      spec: { type: 'expectConnector', kind, guid: object.Guid as string, name: object.Identity, fingerprint: entry.fingerprint },
      description: `Record ${kind === 'inboundConnector' ? 'inbound' : 'outbound'} connector '${object.Identity}' (Guid ${object.Guid}) as expected, with the settings shown`,
    };
  });
  return plan({
    kind: 'expectConnector',
    title: `Expect connector '${identity}'`,
    targetSummary: targets.map((t) => t.summary).join('; '),
    evidence: targets.flatMap(({ kind, object }) => [
      `Settings fingerprint ${entryOf(kind, object).fingerprint.slice(0, 12)}… (sha256 of every setting)`,
      ...settingsEvidence(kind, object, deps.now),
      ...comment(object.Comment),
    ]),
    steps,
    caveats: [
      'The watcher stops alerting on this connector while its settings stay exactly as they are now; any change to them alerts again.',
      'It is known by its Guid: another connector given the same name is alerted as new.',
    ],
  });
}

/** "trust app APP": the approver sees everything the app holds before trusting it. */
export async function trustAppPlan(deps: KnownGoodPlanDeps, appId: string): Promise<RemediationPlan | Refusal> {
  if ((await deps.knownGood.trustedAppIds()).has(appId)) return refuse(`the app ${appId} is already trusted`);
  const target = await loadApp(deps, appId);
  if ('refused' in target) return target;
  return plan({
    kind: 'trustApp',
    title: `Trust app ${target.name}`,
    targetSummary: targetSummary(target),
    evidence: findingsEvidence(target).length > 0 ? findingsEvidence(target) : ['The detection rules find nothing about this app now.'],
    steps: [{ spec: { type: 'trustApp', appId, name: target.name }, description: `Record app ${target.name} (appId ${appId}) as trusted` }],
    caveats: [
      'Its risk is shown one level lower in "list risky apps" and "show app", and Exchange changes it makes are not flagged as made by an unknown app.',
      STILL_ALERTED,
    ],
  });
}

/** "Stop expecting" / "Stop trusting" on the "expected" card. */
export async function forgetPlan(deps: KnownGoodPlanDeps, key: string): Promise<RemediationPlan | Refusal> {
  const entry = await deps.knownGood.get(key);
  if (!entry) return refuse('that entry is no longer on the known-good list');
  if (entry.type === 'app' && entry.source === 'setting') return refuse(`the app ${entry.appId} is trusted by the TRUSTED_APP_IDS setting; change the setting instead`);
  const what = entry.type === 'connector' ? `connector '${entry.name}' (Guid ${entry.guid})` : `app ${entry.name} (appId ${entry.appId})`;
  return plan({
    kind: 'forgetKnownGood',
    title: entry.type === 'connector' ? `Stop expecting connector '${entry.name}'` : `Stop trusting app ${entry.name}`,
    targetSummary: what,
    evidence: [`Recorded ${entry.at?.slice(0, 16).replace('T', ' ') ?? 'earlier'} UTC by request ${entry.requestId ?? 'unknown'}.`],
    steps: [{ spec: { type: 'forgetKnownGood', key, name: entry.name }, description: `Remove ${what} from the known-good list` }],
    caveats: [entry.type === 'connector' ? 'The connector is not changed; the next change to it is alerted.' : 'The app is not changed; its risk is shown in full again.'],
  });
}
