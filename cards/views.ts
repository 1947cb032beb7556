// The data each card template is expanded with. Commands build these from findings;
// a card only shows them. Every string here may hold attacker-controlled text.

export type RiskLevel = 'critical' | 'high' | 'medium' | 'low';

export interface ReasonView {
  ruleId: string;
  severity: RiskLevel;
  title: string;
  detail: string;
}

export interface RiskyAppRowView {
  appId: string;
  displayName: string;
  riskLevel: RiskLevel;
  origin: string;
  reasons: ReasonView[];
  moreReasons: number;
}

export interface RiskyAppsView {
  tenantName: string;
  generatedAt: string;
  summary: string;
  apps: RiskyAppRowView[];
  notShown: number;
}

export interface FindingView {
  ruleId: string;
  severity: RiskLevel;
  title: string;
  detail: string;
  why: string;
  fix: string;
}

export interface PermissionView {
  resource: string;
  permission: string;
  granted: string;
}

export interface RoleView {
  role: string;
  via: string;
}

export interface CredentialView {
  kind: string;
  name: string;
  on: string;
  added: string;
  expires: string;
}

export interface FederatedCredentialView {
  name: string;
  issuer: string;
  subject: string;
}

export interface DelegatedGrantView {
  resource: string;
  scopes: string;
  consent: string;
}

export interface EvidenceView {
  when: string;
  activity: string;
  actor: string;
  target: string;
}

export interface AppDetailView {
  appId: string;
  displayName: string;
  servicePrincipalId: string;
  riskLevel: RiskLevel;
  origin: string;
  publisher: string;
  enabled: boolean;
  created: string;
  owners: string[];
  findings: FindingView[];
  permissions: PermissionView[];
  roles: RoleView[];
  credentials: CredentialView[];
  federatedCredentials: FederatedCredentialView[];
  delegatedGrants: DelegatedGrantView[];
  evidence: EvidenceView[];
  notShownEvidence: number;
}

export interface CommandView {
  command: string;
  description: string;
}

export interface HelpView {
  intro: string;
  commands: CommandView[];
}

export interface ErrorView {
  message: string;
  correlationId: string;
}

export interface AppChoiceView {
  query: string;
  matches: { appId: string; displayName: string; origin: string }[];
}

/** One change from the Exchange audit log, as the admin reads it. */
export interface ExchangeEventView {
  when: string;
  operation: string;
  actor: string;
}

/** A button on a connector or rule that still exists; the server re-reads the target before acting. */
export interface ExchangeActionView {
  verb: string;
  title: 'Disable' | 'Remove';
  target: string;
  kind: 'inboundConnector' | 'outboundConnector' | 'transportRule';
}

export interface ExchangeObjectView {
  name: string;
  /** e.g. "Inbound connector, OnPremises" or "Transport rule, priority 3". */
  kind: string;
  /** "Exists, enabled" / "Exists, disabled" / "Removed 2026-11-03 by …" / "New, not yet in the audit log". */
  status: string;
  riskLevel: RiskLevel | 'none';
  findings: ReasonView[];
  /** Key settings: from today's configuration, or from the audit record for a removed one. */
  settings: string;
  events: ExchangeEventView[];
  moreEvents: number;
  actions: ExchangeActionView[];
}

/** Several objects one identity created within minutes: one row instead of twelve. */
export interface ExchangeBurstView {
  summary: string;
  actor: string;
  riskLevel: RiskLevel | 'none';
  findings: ReasonView[];
  names: string;
  status: string;
}

export interface OperationCountView {
  operation: string;
  count: number;
}

export interface ExchangeChangesView {
  title: string;
  tenantName: string;
  generatedAt: string;
  window: string;
  summary: string;
  /** How fresh the audit data can be, and what covers the gap. */
  freshness: string;
  /** Set when audit logging is off: an empty history then proves nothing. */
  auditWarning: string;
  /** One line per source that failed: "Audit log query failed: …". */
  sourceProblems: string[];
  operationCounts: OperationCountView[];
  bursts: ExchangeBurstView[];
  objects: ExchangeObjectView[];
  notShown: number;
}
