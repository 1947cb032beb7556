import type { ExchangeRule } from '../rule';
import { settingsOf } from '../settings';

export const headerStripping: ExchangeRule = {
  id: 'rule-rewrites-headers',
  title: 'Removes or rewrites message headers',
  why:
    'Removing X-headers hides where a message came from and how it was filtered. The attackers\' rules stripped ' +
    'headers so the relayed spam was harder to trace back to the tenant.',
  fix: 'Unless the rule belongs to a known mail-flow design, disable it and check what mail it touched in the message trace.',
  kinds: ['transportRule'],
  evaluate(history) {
    const settings = settingsOf(history);
    const results: { severity: 'high'; detail: string }[] = [];
    if (settings.RemoveHeader) results.push({ severity: 'high', detail: `Removes the header ${settings.RemoveHeader}.` });
    if (settings.SetHeaderName) {
      results.push({ severity: 'high', detail: `Sets the header ${settings.SetHeaderName}${settings.SetHeaderValue ? ` to ${settings.SetHeaderValue}` : ''}.` });
    }
    return results;
  },
};
