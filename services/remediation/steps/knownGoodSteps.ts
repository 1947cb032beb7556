import type { ServicePrincipal } from '@microsoft/microsoft-graph-types';
import { quote } from '../../apps/odata';
import type { LiveObject } from '../../exchange/history';
import type { InboundConnector, OutboundConnector } from '../../exchange/types';
import { entryOf } from '../../watch/inventory';
import { isExpected, type KnownGood } from '../../watch/knownGood';
import { readExchangeObject } from './exchangeObjects';
import { readOrGone } from './graphReads';
import type { SpecOf, StepDeps, StepImplementation } from './step';

function knownGoodOf(deps: StepDeps): NonNullable<StepDeps['knownGood']> {
  if (!deps.knownGood) throw new Error('the known-good list is not available to this step');
  return deps.knownGood;
}

const NOUN = { inboundConnector: 'InboundConnector', outboundConnector: 'OutboundConnector' } as const;

async function liveConnector(spec: SpecOf<'expectConnector'>, deps: StepDeps) {
  const object = await readExchangeObject<InboundConnector | OutboundConnector>(deps.exchange, NOUN[spec.kind], spec.guid);
  return object ? { ...entryOf(spec.kind, object), createdAt: object.WhenCreated ?? undefined } : undefined;
}

/** Records a connector, pinned to the settings the approver saw: any later change alerts again. */
export const expectConnector: StepImplementation<SpecOf<'expectConnector'>> = {
  async check(spec, deps) {
    const { list } = knownGoodOf(deps);
    const live = await liveConnector(spec, deps);
    if (!live) return 'targetGone';
    return isExpected(await list.expectedConnectors(), live.key, spec.fingerprint) ? 'alreadyDone' : 'toDo';
  },
  snapshot: (spec, deps) => readExchangeObject<LiveObject>(deps.exchange, NOUN[spec.kind], spec.guid),
  async execute(spec, deps) {
    const { list, requestId, now } = knownGoodOf(deps);
    const live = await liveConnector(spec, deps);
    if (!live) return;
    if (live.fingerprint !== spec.fingerprint) {
      throw new Error(`the connector's settings changed after the request was made, so they are not the ones the approver saw. Nothing was recorded; ask again to review the new settings`);
    }
    await list.expect({ kind: spec.kind, key: live.key, guid: spec.guid, name: spec.name, fingerprint: spec.fingerprint, createdAt: live.createdAt, requestId, at: now().toISOString() });
  },
};

async function servicePrincipal(appId: string, deps: StepDeps) {
  return readOrGone(deps.graph.get<ServicePrincipal>(`/servicePrincipals(appId=${quote(appId)})?$select=id,appId,displayName,accountEnabled,appOwnerOrganizationId`));
}

async function isTrusted(list: KnownGood, appId: string) {
  return (await list.trustedAppIds()).has(appId);
}

/** Trusts an app's ordinary activity. New credentials, grants and roles on it are alerted all the same. */
export const trustApp: StepImplementation<SpecOf<'trustApp'>> = {
  async check(spec, deps) {
    if (await isTrusted(knownGoodOf(deps).list, spec.appId)) return 'alreadyDone';
    return (await servicePrincipal(spec.appId, deps)) ? 'toDo' : 'targetGone';
  },
  snapshot: (spec, deps) => servicePrincipal(spec.appId, deps),
  async execute(spec, deps) {
    const { list, requestId, now } = knownGoodOf(deps);
    await list.trust({ appId: spec.appId, name: spec.name, requestId, at: now().toISOString(), source: 'approval' });
  },
};

/** Takes an entry off the known-good list: from then on the connector or app is judged like any other. */
export const forgetKnownGood: StepImplementation<SpecOf<'forgetKnownGood'>> = {
  check: async (spec, deps) => ((await knownGoodOf(deps).list.get(spec.key)) ? 'toDo' : 'alreadyDone'),
  snapshot: (spec, deps) => knownGoodOf(deps).list.get(spec.key),
  execute: (spec, deps) => knownGoodOf(deps).list.forget(spec.key),
};
