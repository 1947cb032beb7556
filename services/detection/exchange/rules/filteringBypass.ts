import type { ExchangeRule } from '../rule';
import { settingsOf } from '../settings';

export const filteringBypass: ExchangeRule = {
  id: 'rule-bypasses-filtering',
  title: 'Lets mail skip spam filtering',
  why: 'A rule that sets the spam confidence level to -1 marks matching mail as safe, so spam and phishing pass unchecked.',
  fix: 'Remove the SCL -1 action, or narrow the rule to a sender you trust and can authenticate.',
  kinds: ['transportRule'],
  evaluate(history) {
    const scl = settingsOf(history).SetSCL;
    return scl !== undefined && scl.trim() === '-1' ? [{ severity: 'high', detail: 'Sets the spam confidence level (SCL) to -1.' }] : [];
  },
};
