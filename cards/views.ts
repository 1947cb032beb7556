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
  /** The app role assignment id the Revoke button sends as its item; "" shows no button. */
  assignmentId: string;
}

export interface RoleView {
  role: string;
  via: string;
  /** The directory role assignment id (the group's, for a role held through a group) the Remove role button sends as its item; "" shows no button. */
  assignmentId: string;
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

/** A button that asks for remediation: carries only the kind of action and the object it concerns. */
export interface RemediationButtonView {
  title: 'Contain' | 'Disable app' | 'Remove credentials' | 'Revoke' | 'Remove role';
  kind: string;
  target: string;
  item: string;
}

export interface RequestStepView {
  description: string;
  /** "" before execution; then "Done", "Already done", "Target gone", "Failed: …", "In progress". */
  outcome: string;
  failed: boolean;
}

/** One remediation request, as the requester's card and the approvers' card show it. */
export interface RequestView {
  requestId: string;
  title: string;
  /** pending | approved | executing | succeeded | failed | rejected | expired */
  status: string;
  /** One sentence on where it stands: "Awaiting approval by a member of the approvers group." */
  statusLine: string;
  targetSummary: string;
  evidence: string[];
  steps: RequestStepView[];
  caveats: string[];
  requester: string;
  requestedAt: string;
  expiresAt: string;
  approver: string;
  decidedAt: string;
  rejectReason: string;
  /** Extra words for this viewer, e.g. that no approvals chat is set and how to set one. */
  note: string;
  /** Show Approve / Reject (and the reason box): only on the approvers' card while pending. */
  canDecide: boolean;
}

export interface PendingRowView {
  requestId: string;
  title: string;
  status: string;
  requester: string;
  requestedAt: string;
  expiresAt: string;
}

export interface PendingView {
  generatedAt: string;
  requests: PendingRowView[];
  notShown: number;
}

export interface AuditRowView {
  seq: number;
  time: string;
  event: string;
  actor: string;
  requestId: string;
  details: string;
}

export interface AuditView {
  page: number;
  entries: AuditRowView[];
  /** "audit page 3" when there are older entries, else "". */
  nextPageCommand: string;
  chainStatus: string;
}

/** A button on an admin row; absent buttons are explained in `guards`. */
export interface AdminActionView {
  title: 'Revoke sessions' | 'Confirm compromised' | 'Block sign-in';
  kind: 'revokeSessions' | 'confirmCompromised' | 'blockSignIn';
  target: string;
}

export interface AdminRowView {
  userId: string;
  displayName: string;
  userPrincipalName: string;
  riskLevel: RiskLevel | 'none';
  /** "Global Administrator (active); Exchange Administrator (eligible, via group Messaging Operations)". */
  roles: string;
  /** "Not registered" / "Registered: microsoftAuthenticatorPush, fido2" / "Unknown (needs Entra ID P1)". */
  mfa: string;
  /** "Not enforced" / "Enforced by Security Defaults" / "Partly enforced: …". */
  enforcement: string;
  /** "High (atRisk), updated 2026-10-24" or "Unknown (needs Entra ID P2)". */
  userRisk: string;
  lastSignIn: string;
  findings: ReasonView[];
  actions: AdminActionView[];
  /** Why a button is missing: "Block sign-in is not offered: the last enabled Global Administrator". */
  guards: string[];
}

export interface AdminsView {
  title: string;
  tenantName: string;
  generatedAt: string;
  summary: string;
  /** Licence or permission gaps, each with what the bot did instead. */
  dataGaps: string[];
  admins: AdminRowView[];
  notShown: number;
}

export interface PostureLineView {
  /** "ok" | "warning" | "attention" | "unknown" */
  state: string;
  topic: string;
  text: string;
  /** The detailed command to say, e.g. "admins without mfa"; "" when none. */
  command: string;
}

export interface PostureView {
  tenantName: string;
  generatedAt: string;
  lines: PostureLineView[];
}

/** One line of an app's story; a burst of like changes is one line naming the count. */
export interface TimelineEntryView {
  /** "2026-10-24 02:14 UTC", or "2026-10-31 01:04–01:15 UTC" for a burst. */
  when: string;
  /** Who did what, in plain words: "Nestor Wilke (from 203.0.113.77) added a client secret to the app registration". */
  text: string;
  /** The object names of a burst, "" for a single event. */
  names: string;
  /** Where the record comes from and the actor's account: "Entra ID audit · NestorW@contoso.onmicrosoft.com". */
  who: string;
  /** Shown in bold: grants of power and Exchange changes by the app. */
  alarming: boolean;
}

export interface InvestigationView {
  appId: string;
  displayName: string;
  riskLevel: RiskLevel;
  generatedAt: string;
  /** What was searched: "directory audits of the last 30 days · Exchange audit of the last 180 days". */
  sources: string;
  sourceProblems: string[];
  summary: string;
  /** The first entries (registration, grants), then a count of those not shown, then the latest ones. */
  earlier: TimelineEntryView[];
  notShown: number;
  later: TimelineEntryView[];
  enabled: boolean;
  permissions: PermissionView[];
  roles: RoleView[];
  credentials: CredentialView[];
  federatedCredentials: FederatedCredentialView[];
}

/** One change the watcher found in the directory audit log. */
export interface WatchEventView {
  headline: string;
  detail: string;
  actor: string;
  when: string;
  /** The app concerned, for its Contain button; "" when none. */
  appId: string;
}

export interface WatchAlertView {
  title: string;
  tenantName: string;
  generatedAt: string;
  events: WatchEventView[];
  notShown: number;
}

/** "expected": connectors expected and apps trusted, each with who asked and who approved. */
export interface KnownGoodView {
  tenantName: string;
  generatedAt: string;
  connectors: {
    key: string;
    name: string;
    direction: string;
    guid: string;
    /** The first characters of the settings fingerprint. */
    fingerprint: string;
    /** "Requested by A, approved by B on DATE." */
    approval: string;
    /** Whether the live connector still has the approved settings, in words. */
    state: string;
    matches: boolean;
  }[];
  apps: { key: string; name: string; appId: string; approval: string; canForget: boolean }[];
}
