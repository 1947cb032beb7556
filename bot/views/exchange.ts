import type { ChangesReport } from '../../services/exchange/changesReport';
import type { ObjectAssessment } from '../../services/detection/exchange/rules';
import { describeActor } from '../../services/detection/exchange/actors';
import { settingsOf } from '../../services/detection/exchange/settings';
import { NOT_YET_AUDITED } from '../../services/detection/exchange/rules/notYetAudited';
import { timeOf, type ExchangeChange, type ExchangeObjectKind, type ObjectHistory } from '../../services/exchange/history';
import { highest, type Severity } from '../../services/detection/severity';
import type { Finding } from '../../services/detection/rule';
import type { ExchangeActionView, ExchangeBurstView, ExchangeChangesView, ExchangeObjectView, ReasonView } from '../../cards/views';

export const EXCHANGE_DISABLE_VERB = 'exchangeDisable';
export const EXCHANGE_REMOVE_VERB = 'exchangeRemove';
const EVENTS_PER_OBJECT = 4;

const KIND_NAMES: Record<ExchangeObjectKind, string> = {
  inboundConnector: 'Inbound connector',
  outboundConnector: 'Outbound connector',
  transportRule: 'Transport rule',
};

const SETTINGS: Record<ExchangeObjectKind, string[]> = {
  inboundConnector: ['ConnectorType', 'Enabled', 'SenderIPAddresses', 'SenderDomains', 'TlsSenderCertificateName', 'RestrictDomainsToCertificate', 'RequireTls', 'TreatMessagesAsInternal', 'Comment'],
  outboundConnector: ['ConnectorType', 'Enabled', 'SmartHosts', 'RecipientDomains', 'UseMXRecord', 'Comment'],
  transportRule: ['State', 'Mode', 'Priority', 'RemoveHeader', 'SetHeaderName', 'SetHeaderValue', 'SetSCL', 'SenderIpRanges', 'SenderDomainIs', 'Comments'],
};

export const minute = (iso: string | Date) => new Date(iso).toISOString().slice(0, 16).replace('T', ' ');

function reason(finding: Finding): ReasonView {
  return { ruleId: finding.ruleId, severity: finding.severity, title: finding.title, detail: finding.detail };
}

function settingsText(history: ObjectHistory): string {
  const settings = settingsOf(history);
  return SETTINGS[history.kind].filter((key) => settings[key]).map((key) => `${key}: ${settings[key]}`).join('; ');
}

function isEnabled(history: ObjectHistory): boolean {
  const live = history.live as { Enabled?: boolean; State?: string } | undefined;
  return history.kind === 'transportRule' ? live?.State !== 'Disabled' : live?.Enabled !== false;
}

function statusOf(assessment: ObjectAssessment, context: ChangesReport['context']): string {
  const { history } = assessment;
  if (history.live) {
    if (assessment.findings.some((f) => f.title === NOT_YET_AUDITED)) return NOT_YET_AUDITED;
    return `Exists, ${isEnabled(history) ? 'enabled' : 'disabled'}`;
  }
  const removal = history.changes.filter((c) => c.verb === 'Remove').at(-1);
  return removal ? `Removed ${minute(removal.when)} UTC by ${describeActor(removal.actor, context)}` : 'Not in today\'s configuration';
}

function actionsFor(history: ObjectHistory): ExchangeActionView[] {
  if (!history.live) return [];
  const target = history.live.Identity || history.live.Name;
  const actions: ExchangeActionView[] = [];
  if (isEnabled(history)) actions.push({ verb: EXCHANGE_DISABLE_VERB, title: 'Disable', target, kind: history.kind });
  actions.push({ verb: EXCHANGE_REMOVE_VERB, title: 'Remove', target, kind: history.kind });
  return actions;
}

function kindText(history: ObjectHistory): string {
  const settings = settingsOf(history);
  if (history.kind === 'transportRule') return settings.Priority ? `Transport rule, priority ${settings.Priority}` : 'Transport rule';
  return settings.ConnectorType ? `${KIND_NAMES[history.kind]}, ${settings.ConnectorType}` : KIND_NAMES[history.kind];
}

function eventView(change: ExchangeChange, context: ChangesReport['context']) {
  return { when: `${minute(change.when)} UTC`, operation: change.operation, actor: describeActor(change.actor, context) };
}

export function objectView(assessment: ObjectAssessment, context: ChangesReport['context']): ExchangeObjectView {
  const { history } = assessment;
  const newest = [...history.changes].reverse();
  return {
    name: history.name,
    kind: kindText(history),
    status: statusOf(assessment, context),
    riskLevel: assessment.riskLevel,
    findings: assessment.findings.map(reason),
    settings: settingsText(history),
    events: newest.slice(0, EVENTS_PER_OBJECT).map((c) => eventView(c, context)),
    moreEvents: Math.max(0, newest.length - EVENTS_PER_OBJECT),
    actions: actionsFor(history),
  };
}

/** The members' findings folded into one line per rule: "12 of 12: Removes or rewrites message headers". */
function burstFindings(members: ObjectAssessment[]): ReasonView[] {
  const byRule = new Map<string, Finding[]>();
  for (const finding of members.flatMap((m) => m.findings)) byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), finding]);
  return [...byRule.values()].map((findings) => {
    const objects = members.filter((m) => m.findings.some((f) => f.ruleId === findings[0].ruleId)).length;
    const examples = [...new Set(findings.map((f) => f.detail))].slice(0, 2).join(' ');
    return {
      ruleId: findings[0].ruleId,
      severity: highest(findings.map((f) => f.severity)),
      title: findings[0].title,
      detail: `${objects} of ${members.length}. ${examples}`,
    };
  });
}

export function burstView(entry: ChangesReport['bursts'][number], context: ChangesReport['context']): ExchangeBurstView {
  const { burst, members } = entry;
  const minutes = Math.max(1, Math.round((timeOf(burst.creations.at(-1)!) - timeOf(burst.creations[0])) / 60_000));
  const kind = KIND_NAMES[members[0].history.kind].toLowerCase();
  const live = members.filter((m) => m.history.live).length;
  const findings = burstFindings(members);
  const actor = describeActor(burst.actor, context);
  const severities: Severity[] = findings.map((f) => f.severity);
  return {
    summary: `${members.length} ${kind}s created within ${minutes} minute${minutes === 1 ? '' : 's'} on ${minute(burst.creations[0].when)} UTC`,
    actor,
    riskLevel: severities.length ? highest(severities) : 'none',
    findings,
    names: members.map((m) => m.history.name).join(', '),
    status: live === 0 ? 'All removed since' : `${live} of ${members.length} still exist`,
  };
}

const RANK = { critical: 4, high: 3, medium: 2, low: 1, none: 0 } as const;

export function changesView(report: ChangesReport, tenantName: string, mostObjects: number): ExchangeChangesView {
  const objects = [...report.objects].sort((a, b) => RANK[b.riskLevel] - RANK[a.riskLevel] || a.history.name.localeCompare(b.history.name));
  const subject = report.subject === 'connectors' ? 'connectors' : 'transport rules';
  const changed = report.objects.filter((o) => o.history.changes.length > 0).length + report.bursts.reduce((n, b) => n + b.members.length, 0);
  const live = [...report.objects, ...report.bursts.flatMap((b) => b.members)].filter((o) => o.history.live).length;
  return {
    title: report.subject === 'connectors' ? 'New connectors' : 'Transport rules',
    tenantName,
    generatedAt: `${minute(report.generatedAt)} UTC`,
    window: `last ${report.windowDays} days`,
    summary: `${report.auditRecords} audit record(s) read; ${changed} ${subject} created, changed or removed in the window; ${live} exist today.`,
    freshness:
      'Exchange audit records typically become searchable 60 to 90 minutes after a change, with no guarantee; ' +
      "today's configuration, read live, covers that gap.",
    auditWarning:
      report.auditLoggingOn === false
        ? 'Audit logging is OFF in this tenant (UnifiedAuditLogIngestionEnabled is false): an empty history proves nothing. Turn it on with Set-AdminAuditLogConfig -UnifiedAuditLogIngestionEnabled $true.'
        : '',
    sourceProblems: report.problems,
    operationCounts: [...report.operationCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([operation, count]) => ({ operation, count })),
    bursts: report.bursts.map((b) => burstView(b, report.context)),
    objects: objects.slice(0, mostObjects).map((o) => objectView(o, report.context)),
    notShown: Math.max(0, objects.length - mostObjects),
  };
}
