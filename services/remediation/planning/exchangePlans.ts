import type { ExchangeAdmin } from '../../exchange/exchangeAdmin';
import type { InboundConnector, OutboundConnector, TransportRule } from '../../exchange/types';
import { readExchangeObject } from '../steps/exchangeObjects';
import type { RemediationPlan } from '../types';
import { day, plan, refuse, type DraftStep, type Refusal } from './draft';
import { settingsEvidence } from './exchangeEvidence';

export interface ExchangePlanDeps {
  exchange: ExchangeAdmin;
  now: Date;
}

const list = (values: string[] | null | undefined) => (values && values.length > 0 ? values.join(', ') : 'none');

export function inboundSummary(c: InboundConnector): string {
  const senders = c.SenderIPAddresses?.length ? `sender IPs ${list(c.SenderIPAddresses)}` : `sender domains ${list(c.SenderDomains)}`;
  return `Inbound connector '${c.Identity}' (${c.Enabled ? 'enabled' : 'disabled'}, type ${c.ConnectorType ?? 'unknown'}, ${senders}, created ${day(c.WhenCreated)})`;
}

export function outboundSummary(c: OutboundConnector): string {
  return `Outbound connector '${c.Identity}' (${c.Enabled ? 'enabled' : 'disabled'}, type ${c.ConnectorType ?? 'unknown'}, smart hosts ${list(c.SmartHosts)}, ` +
    `recipient domains ${list(c.RecipientDomains)}, created ${day(c.WhenCreated)})`;
}

export const comment = (text: string | null | undefined) => (text?.trim() ? [`Its comment says: "${text.trim()}"`] : []);

export async function connectorPlan(deps: ExchangePlanDeps, kind: 'disableConnector' | 'removeConnector', identity: string): Promise<RemediationPlan | Refusal> {
  const [inbound, outbound] = await Promise.all([
    readExchangeObject<InboundConnector>(deps.exchange, 'InboundConnector', identity),
    readExchangeObject<OutboundConnector>(deps.exchange, 'OutboundConnector', identity),
  ]);
  if (!inbound && !outbound) return refuse(`no connector named '${identity}' exists, inbound or outbound (it may have been removed already)`);
  const disable = kind === 'disableConnector';
  const targets = [
    ...(inbound && (!disable || inbound.Enabled) ? [{ direction: 'Inbound' as const, connector: inbound, summary: inboundSummary(inbound) }] : []),
    ...(outbound && (!disable || outbound.Enabled) ? [{ direction: 'Outbound' as const, connector: outbound, summary: outboundSummary(outbound) }] : []),
  ];
  if (targets.length === 0) return refuse(`the connector '${identity}' is already disabled`);
  const steps: DraftStep[] = targets.map(({ direction, connector }) => ({
    spec: { type: `${disable ? 'disable' : 'remove'}${direction}Connector`, identity: connector.Identity },
    description: disable
      ? `Disable ${direction.toLowerCase()} connector '${connector.Identity}' (Set-${direction}Connector -Enabled:$false)`
      : `Remove ${direction.toLowerCase()} connector '${connector.Identity}' (Remove-${direction}Connector)`,
  }));
  return plan({
    kind,
    title: `${disable ? 'Disable' : 'Remove'} connector '${identity}'`,
    targetSummary: targets.map((t) => t.summary).join('; '),
    evidence: targets.flatMap(({ direction, connector }) => [
      ...settingsEvidence(direction === 'Inbound' ? 'inboundConnector' : 'outboundConnector', connector, deps.now),
      ...comment(connector.Comment),
    ]),
    steps,
    caveats: disable
      ? ['Mail that flows through this connector stops until it is enabled again; disabling keeps all its settings.']
      : ['Removing cannot be undone from here: the audit trail keeps the connector\'s settings so it can be re-created by hand.', 'Mail that flows through this connector stops.'],
  });
}

function ruleSummary(rule: TransportRule): string {
  return `Transport rule '${rule.Identity}' (${rule.State ?? 'unknown state'}, mode ${rule.Mode ?? 'unknown'}, priority ${rule.Priority ?? 'unknown'}, last changed ${day(rule.WhenChanged)})`;
}

export async function transportRulePlan(deps: ExchangePlanDeps, kind: 'disableTransportRule' | 'removeTransportRule', identity: string): Promise<RemediationPlan | Refusal> {
  const rule = await readExchangeObject<TransportRule>(deps.exchange, 'TransportRule', identity);
  if (!rule) return refuse(`no transport rule named '${identity}' exists (it may have been removed already)`);
  const disable = kind === 'disableTransportRule';
  if (disable && /^disabled$/i.test(rule.State ?? '')) return refuse(`the transport rule '${rule.Identity}' is already disabled`);
  const what = rule.Description?.replace(/\s+/g, ' ').trim();
  return plan({
    kind,
    title: `${disable ? 'Disable' : 'Remove'} transport rule '${rule.Identity}'`,
    targetSummary: ruleSummary(rule),
    evidence: [...settingsEvidence('transportRule', rule, deps.now), ...(what ? [`What it does: ${what}`] : []), ...comment(rule.Comments)],
    steps: [{
      spec: { type: kind, identity: rule.Identity },
      description: disable ? `Disable transport rule '${rule.Identity}' (Disable-TransportRule)` : `Remove transport rule '${rule.Identity}' (Remove-TransportRule)`,
    }],
    caveats: disable
      ? ['Messages already processed by the rule stay as they are; Enable-TransportRule turns it back on.']
      : ['Removing cannot be undone from here: the audit trail keeps the rule\'s settings so it can be re-created by hand.', 'Messages already processed by the rule stay as they are.'],
  });
}
