import type { ExchangeObjectKind, ObjectHistory } from '../../exchange/history';
import { findingsOf, type Finding } from '../rule';
import { highest, severityRank, type Severity } from '../severity';
import type { ExchangeContext, ExchangeRule } from './rule';
import { campaignPattern } from './rules/campaignPattern';
import { changedByApp } from './rules/changedByApp';
import { relayCapableConnector } from './rules/relayCapableConnector';
import { connectorCreatedInWindow } from './rules/createdInWindow';
import { notYetAudited } from './rules/notYetAudited';
import { headerStripping } from './rules/headerStripping';
import { filteringBypass } from './rules/filteringBypass';

export const EXCHANGE_RULES: ExchangeRule[] = [
  campaignPattern,
  changedByApp,
  notYetAudited,
  relayCapableConnector,
  headerStripping,
  filteringBypass,
  connectorCreatedInWindow,
];

export interface ObjectAssessment {
  history: ObjectHistory;
  riskLevel: Severity | 'none';
  findings: Finding[];
}

export function assessObject(history: ObjectHistory, context: ExchangeContext, rules: ExchangeRule[] = EXCHANGE_RULES): ObjectAssessment {
  const findings = rules
    .filter((rule) => rule.kinds.includes(history.kind))
    .flatMap((rule) => findingsOf(rule, history, context))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return { history, riskLevel: findings.length ? highest(findings.map((f) => f.severity)) : 'none', findings };
}

export function rulesFor(kind: ExchangeObjectKind): ExchangeRule[] {
  return EXCHANGE_RULES.filter((rule) => rule.kinds.includes(kind));
}
