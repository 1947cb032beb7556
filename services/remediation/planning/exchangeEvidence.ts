import { assessObject } from '../../detection/exchange/rules';
import { filteringBypass } from '../../detection/exchange/rules/filteringBypass';
import { headerStripping } from '../../detection/exchange/rules/headerStripping';
import { relayCapableConnector } from '../../detection/exchange/rules/relayCapableConnector';
import type { ExchangeObjectKind, LiveObject } from '../../exchange/history';

// Only the rules that judge today's settings: the ones about who changed what need the audit log,
// which can lag by hours and is read by "show new connectors", not here.
const SETTINGS_RULES = [relayCapableConnector, headerStripping, filteringBypass];

/** The findings today's settings of a connector or rule support. */
export function settingsEvidence(kind: ExchangeObjectKind, live: LiveObject, now: Date): string[] {
  const history = { kind, name: live.Name || live.Identity, changes: [], live };
  const context = { now, windowStart: now, trustedAppIds: new Set<string>(), apps: new Map() };
  return assessObject(history, context, SETTINGS_RULES).findings.map((finding) => `${finding.title}: ${finding.detail}`);
}
