// Views as commands would build them: typical ones, empty ones, and the largest a command may pass.
import type {
  AppChoiceView,
  AppDetailView,
  AuditRowView,
  AuditView,
  ErrorView,
  EvidenceView,
  ExchangeBurstView,
  ExchangeChangesView,
  ExchangeEventView,
  ExchangeObjectView,
  FindingView,
  HelpView,
  PendingView,
  ReasonView,
  RequestView,
  RiskLevel,
  RiskyAppRowView,
  RiskyAppsView,
} from '../../../cards/views';

const EXCHANGE_ONLINE = 'Office 365 Exchange Online';

function appId(n: number): string {
  return `6f1c3b2a-4d5e-4f60-8a71-${String(n).padStart(12, '0')}`;
}

// Graph app role assignment ids are base64url strings; directory role assignment ids look alike.
function assignmentId(n: number): string {
  return `Kq3x9vQ2bEuY7t0W${String(n).padStart(4, '0')}Zm8aHf1LcN`;
}

const manageAsApp: ReasonView = {
  ruleId: 'exchange-manage-as-app',
  severity: 'critical',
  title: 'Holds Exchange.ManageAsApp',
  detail: 'Granted on 2025-11-18 14:02 UTC by it-admin@contoso.onmicrosoft.com; the app can run Exchange Online cmdlets without a user.',
};

const globalAdmin: ReasonView = {
  ruleId: 'privileged-directory-role',
  severity: 'critical',
  title: 'Holds Global Administrator',
  detail: 'Assigned directly on 2025-11-18 14:05 UTC.',
};

const freshSecret: ReasonView = {
  ruleId: 'fresh-credential',
  severity: 'high',
  title: 'Client secret added after privilege',
  detail: 'Secret "sync-2" added to the application on 2025-11-19 09:12 UTC, a day after the role grant.',
};

function row(n: number, riskLevel: RiskLevel, displayName: string, reasons: ReasonView[], moreReasons = 0): RiskyAppRowView {
  return { appId: appId(n), displayName, riskLevel, origin: 'Registered in this tenant', reasons, moreReasons };
}

export function typicalRiskyApps(): RiskyAppsView {
  return {
    tenantName: 'Contoso',
    generatedAt: '2025-11-20 10:00 UTC',
    summary: '4 of 212 service principals hold high-impact access.',
    apps: [
      row(1, 'critical', 'Contoso Mail Sync', [manageAsApp, globalAdmin, freshSecret], 2),
      row(2, 'high', 'Fabrikam Backup', [globalAdmin]),
      row(3, 'medium', 'HR Reports', [freshSecret]),
      row(4, 'low', 'Old Survey Tool', [freshSecret]),
    ],
    notShown: 0,
  };
}

export function emptyRiskyApps(): RiskyAppsView {
  return { ...typicalRiskyApps(), summary: 'None of 212 service principals hold high-impact access.', apps: [], notShown: 0 };
}

// 15 apps with long names and three long reasons each: the most the list command shows.
export function worstCaseRiskyApps(): RiskyAppsView {
  const longReason = (title: string, n: number): ReasonView => ({
    ruleId: `rule-${n}`,
    severity: 'critical',
    title,
    detail:
      `Exchange.ManageAsApp on Office 365 Exchange Online: lets it run Exchange Online cmdlets as the app, including ` +
      `mail-flow changes. Granted 2025-11-1${n} (${n} days ago) by delegated-admin-0${n}@contoso-holdings.onmicrosoft.com.`,
  });
  const apps = Array.from({ length: 15 }, (_, i) =>
    row(
      i + 1,
      i < 5 ? 'critical' : 'high',
      `Contoso Holdings — Mailbox Migration and Compliance Archive Connector ${String(i + 1).padStart(2, '0')}`,
      [
        longReason('Holds Exchange.ManageAsApp with an Exchange role', 1),
        longReason('Holds Global Administrator through a group', 2),
        longReason('Client secret added after access was granted', 3),
      ],
      5,
    ),
  );
  return {
    tenantName: 'Contoso Holdings International (contosoholdings.onmicrosoft.com)',
    generatedAt: '2025-11-20 10:00 UTC',
    summary: '27 of 4,812 service principals hold high-impact access; the 15 riskiest are shown.',
    apps,
    notShown: 12,
  };
}

function finding(ruleId: string, severity: RiskLevel, title: string): FindingView {
  return {
    ruleId,
    severity,
    title,
    detail: 'Granted on 2025-11-18 14:02 UTC by it-admin@contoso.onmicrosoft.com.',
    why: 'An app with this access can read and send mail as any user and change mail flow without anyone signing in.',
    fix: 'Remove the app role assignment, then review the audit evidence below for changes the app made.',
  };
}

export function typicalAppDetail(): AppDetailView {
  return {
    appId: appId(1),
    displayName: 'Contoso Mail Sync',
    servicePrincipalId: '0a1b2c3d-0000-4000-8000-000000000001',
    riskLevel: 'critical',
    origin: 'Registered in this tenant',
    publisher: 'Contoso',
    enabled: true,
    created: '2025-11-18 13:55 UTC',
    owners: ['it-admin@contoso.onmicrosoft.com'],
    findings: [finding('exchange-manage-as-app', 'critical', 'Holds Exchange.ManageAsApp')],
    permissions: [
      { resource: EXCHANGE_ONLINE, permission: 'Exchange.ManageAsApp', granted: '2025-11-18 14:02 UTC', assignmentId: assignmentId(1) },
    ],
    roles: [
      { role: 'Exchange Administrator', via: 'group Messaging Operations', assignmentId: assignmentId(6) },
      { role: 'Global Administrator', via: 'direct', assignmentId: assignmentId(2) },
    ],
    credentials: [
      { kind: 'secret', name: 'sync-2', on: 'application', added: '2025-11-19 09:12 UTC', expires: '2027-11-19' },
      { kind: 'certificate', name: 'CN=mail-sync', on: 'service principal', added: '2025-11-18 14:00 UTC', expires: '2026-11-18' },
    ],
    federatedCredentials: [
      { name: 'deploy-main', issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:contoso/mail-sync:ref:refs/heads/main' },
    ],
    delegatedGrants: [{ resource: 'Microsoft Graph', scopes: 'Mail.ReadWrite offline_access', consent: 'all users' }],
    evidence: [
      {
        when: '2025-11-18 14:02 UTC',
        activity: 'Add app role assignment to service principal',
        actor: 'it-admin@contoso.onmicrosoft.com',
        target: 'Contoso Mail Sync',
      },
    ],
    notShownEvidence: 0,
  };
}

export function emptyAppDetail(): AppDetailView {
  return {
    ...typicalAppDetail(),
    riskLevel: 'low',
    owners: [],
    findings: [],
    permissions: [],
    roles: [],
    credentials: [],
    federatedCredentials: [],
    delegatedGrants: [],
    evidence: [],
    notShownEvidence: 0,
  };
}

// Everything the detail command can pass at most: 50 audit events and a full set of findings.
export function worstCaseAppDetail(): AppDetailView {
  const view = typicalAppDetail();
  const evidence: EvidenceView[] = Array.from({ length: 50 }, (_, i) => ({
    when: `2025-11-${String(1 + (i % 28)).padStart(2, '0')} 14:${String(i % 60).padStart(2, '0')} UTC`,
    activity: 'Update application – Certificates and secrets management ',
    actor: 'delegated-admin-07@contoso-holdings.onmicrosoft.com',
    target: 'Contoso Holdings — Mailbox Migration Connector',
  }));
  return {
    ...view,
    displayName: 'Contoso Holdings International — Mailbox Migration and Compliance Archive Connector',
    owners: ['it-admin@contoso.onmicrosoft.com', 'svc-migration@contoso.onmicrosoft.com', 'former-contractor@contoso.onmicrosoft.com'],
    findings: [
      finding('exchange-manage-as-app', 'critical', 'Holds Exchange.ManageAsApp'),
      finding('privileged-directory-role', 'critical', 'Holds Global Administrator'),
      finding('exchange-admin-role', 'high', 'Holds Exchange Administrator through a group'),
      finding('fresh-credential', 'high', 'Client secret added after privilege'),
      finding('tenant-wide-grant', 'medium', 'Tenant-wide delegated grant to Microsoft Graph'),
    ],
    permissions: [
      { resource: EXCHANGE_ONLINE, permission: 'Exchange.ManageAsApp', granted: '2025-11-18 14:02 UTC', assignmentId: assignmentId(1) },
      { resource: EXCHANGE_ONLINE, permission: 'full_access_as_app', granted: '2025-11-18 14:03 UTC', assignmentId: assignmentId(3) },
      { resource: 'Microsoft Graph', permission: 'Mail.ReadWrite', granted: '2025-11-18 14:03 UTC', assignmentId: assignmentId(4) },
      { resource: 'Microsoft Graph', permission: 'Application.ReadWrite.All', granted: '2025-11-18 14:04 UTC', assignmentId: assignmentId(5) },
    ],
    credentials: [
      ...view.credentials,
      { kind: 'secret', name: 'sync-3', on: 'service principal', added: '2025-11-19 09:15 UTC', expires: '2027-11-19' },
    ],
    evidence,
    notShownEvidence: 137,
  };
}

export function typicalHelp(): HelpView {
  return {
    intro: 'I find OAuth apps that hold high-impact access in your tenant.',
    commands: [
      { command: 'list risky apps', description: 'Apps holding Exchange.ManageAsApp, admin roles or fresh secrets.' },
      { command: 'show app NAME', description: 'Everything about one app, with audit evidence.' },
      { command: 'help', description: 'This list.' },
    ],
  };
}

export function typicalError(): ErrorView {
  return { message: 'The directory did not answer in time. Try again in a minute.', correlationId: 'c0ffee00-1234-4abc-8def-000000000042' };
}

export function typicalAppChoice(): AppChoiceView {
  return {
    query: 'mail',
    matches: [
      { appId: appId(1), displayName: 'Contoso Mail Sync', origin: 'Registered in this tenant' },
      { appId: appId(7), displayName: 'Mail Archiver', origin: 'Third-party (Fabrikam)' },
    ],
  };
}

const ATTACKER = 'mail-sync@contoso.onmicrosoft.com';

const removedAfterUse: ReasonView = {
  ruleId: 'connector-removed-soon-after-creation',
  severity: 'critical',
  title: 'Removed 40 minutes after it was created',
  detail: 'Created and removed by the same app identity; mail may have been routed through it in between.',
};

const outsideSmartHost: ReasonView = {
  ruleId: 'connector-unknown-smart-host',
  severity: 'high',
  title: 'Routes mail to a host outside the tenant',
  detail: 'Smart host 203.0.113.25 is not one of the accepted domains or known partners.',
};

const createdByApp: ReasonView = {
  ruleId: 'transport-rule-created-by-app',
  severity: 'high',
  title: 'Created by an app, not a person',
  detail: 'Twelve rules were created by Contoso Mail Sync within four minutes.',
};

function event(when: string, operation: string, actor = ATTACKER): ExchangeEventView {
  return { when, operation, actor };
}

function removedAttackerConnector(): ExchangeObjectView {
  return {
    name: 'Relay-Partner-Sync',
    kind: 'Outbound connector, Partner',
    status: `Removed 2025-11-19 15:12 UTC by ${ATTACKER}`,
    riskLevel: 'critical',
    findings: [removedAfterUse, outsideSmartHost],
    settings: 'SmartHosts 203.0.113.25 · RecipientDomains * · UseMXRecord false (from the audit record)',
    events: [
      event('2025-11-19 14:32 UTC', 'New-OutboundConnector'),
      event('2025-11-19 14:35 UTC', 'Set-OutboundConnector'),
      event('2025-11-19 15:12 UTC', 'Remove-OutboundConnector'),
    ],
    moreEvents: 0,
    actions: [],
  };
}

function partnerConnector(): ExchangeObjectView {
  return {
    name: 'Fabrikam Secure Mail',
    kind: 'Inbound connector, Partner',
    status: 'Exists, enabled',
    riskLevel: 'none',
    findings: [],
    settings: 'SenderDomains fabrikam.com · RequireTls true · RestrictDomainsToCertificate true',
    events: [event('2025-11-04 09:20 UTC', 'New-InboundConnector', 'it-admin@contoso.onmicrosoft.com')],
    moreEvents: 0,
    actions: [
      { verb: 'disableConnector', title: 'Disable', target: 'Fabrikam Secure Mail', kind: 'inboundConnector' },
      { verb: 'removeConnector', title: 'Remove', target: 'Fabrikam Secure Mail', kind: 'inboundConnector' },
    ],
  };
}

function ruleBurst(): ExchangeBurstView {
  return {
    summary: '12 transport rules created within 4 minutes',
    actor: ATTACKER,
    riskLevel: 'high',
    findings: [createdByApp],
    names: Array.from({ length: 12 }, (_, i) => `Archive-Copy-${String(i + 1).padStart(2, '0')}`).join(', '),
    status: 'All 12 exist, enabled',
  };
}

export function typicalExchangeChanges(): ExchangeChangesView {
  return {
    title: 'New connectors',
    tenantName: 'Contoso',
    generatedAt: '2025-11-20 10:00 UTC',
    window: 'last 30 days',
    summary: '2 connectors changed and 12 transport rules were created in a burst; 1 connector looks like an attacker’s.',
    freshness:
      "Exchange audit records typically become searchable 60–90 minutes after a change; today's configuration, read live, covers that gap.",
    auditWarning: '',
    sourceProblems: [],
    operationCounts: [
      { operation: 'New-TransportRule', count: 12 },
      { operation: 'New-OutboundConnector', count: 1 },
      { operation: 'Set-OutboundConnector', count: 1 },
      { operation: 'Remove-OutboundConnector', count: 1 },
      { operation: 'New-InboundConnector', count: 1 },
    ],
    bursts: [ruleBurst()],
    objects: [removedAttackerConnector(), partnerConnector()],
    notShown: 0,
  };
}

export function emptyExchangeChanges(): ExchangeChangesView {
  return {
    ...typicalExchangeChanges(),
    summary: 'No connector was created, changed or removed.',
    operationCounts: [],
    bursts: [],
    objects: [],
    notShown: 0,
  };
}

// More than the command should ever pass at once: 25 objects with 3 findings and 4 events each, and 5 bursts.
export function worstCaseExchangeChanges(): ExchangeChangesView {
  const view = typicalExchangeChanges();
  const objects = Array.from({ length: 25 }, (_, i): ExchangeObjectView => {
    const name = `Contoso Holdings — Partner Relay and Journaling Connector ${String(i + 1).padStart(2, '0')}`;
    return {
      ...removedAttackerConnector(),
      name,
      riskLevel: i < 10 ? 'critical' : 'high',
      findings: [removedAfterUse, outsideSmartHost, createdByApp],
      events: [
        event('2025-11-19 14:32 UTC', 'New-OutboundConnector'),
        event('2025-11-19 14:33 UTC', 'Set-OutboundConnector'),
        event('2025-11-19 14:35 UTC', 'Set-OutboundConnector'),
        event('2025-11-19 15:12 UTC', 'Remove-OutboundConnector'),
      ],
      moreEvents: 7,
      actions: [
        { verb: 'disableConnector', title: 'Disable', target: name, kind: 'outboundConnector' },
        { verb: 'removeConnector', title: 'Remove', target: name, kind: 'outboundConnector' },
      ],
    };
  });
  return {
    ...view,
    tenantName: 'Contoso Holdings International (contosoholdings.onmicrosoft.com)',
    summary: '25 connectors and 60 transport rules changed in the last 30 days; the 25 riskiest are shown.',
    sourceProblems: ['Message trace query failed: the service did not answer in time.'],
    bursts: Array.from({ length: 5 }, () => ruleBurst()),
    objects,
    notShown: 40,
  };
}

const REQUEST_ID = 'rq-2025-11-20-0001';
const REQUESTER = 'secops-lead@contoso.onmicrosoft.com';
const APPROVER = 'it-director@contoso.onmicrosoft.com';

// A request to contain the attacker's app, waiting for the approvers group.
export function pendingRequest(): RequestView {
  return {
    requestId: REQUEST_ID,
    title: 'Contain Contoso Mail Sync',
    status: 'pending',
    statusLine: 'Awaiting approval by a member of the approvers group.',
    targetSummary: 'Contoso Mail Sync (app 6f1c3b2a-4d5e-4f60-8a71-000000000001), registered in this tenant',
    evidence: [
      'Holds Exchange.ManageAsApp, granted 2025-11-18 14:02 UTC by it-admin@contoso.onmicrosoft.com.',
      'Created 12 transport rules within 4 minutes on 2025-11-19.',
    ],
    steps: [
      { description: 'Disable sign-in for the service principal.', outcome: '', failed: false },
      { description: 'Remove client secret "sync-2" and certificate "CN=mail-sync".', outcome: '', failed: false },
      { description: 'Revoke Exchange.ManageAsApp on Office 365 Exchange Online.', outcome: '', failed: false },
    ],
    caveats: ['Tokens already issued stay valid for up to an hour.', 'Mail already relayed is not recalled.'],
    requester: REQUESTER,
    requestedAt: '2025-11-20 10:05 UTC',
    expiresAt: '2025-11-21 10:05 UTC',
    approver: '',
    decidedAt: '',
    rejectReason: '',
    note: '',
    canDecide: true,
  };
}

// The same request after execution, with one step that failed.
export function failedRequest(): RequestView {
  const view = pendingRequest();
  return {
    ...view,
    status: 'failed',
    statusLine: 'Executed with one failed step; nothing was rolled back.',
    steps: [
      { ...view.steps[0], outcome: 'Done' },
      { ...view.steps[1], outcome: 'Already done' },
      { ...view.steps[2], outcome: 'Failed: Graph answered 403, the bot lacks AppRoleAssignment.ReadWrite.All', failed: true },
    ],
    approver: APPROVER,
    decidedAt: '2025-11-20 10:12 UTC',
    canDecide: false,
  };
}

export function rejectedRequest(): RequestView {
  return {
    ...pendingRequest(),
    status: 'rejected',
    statusLine: 'Rejected; nothing was changed.',
    approver: APPROVER,
    decidedAt: '2025-11-20 10:12 UTC',
    rejectReason: 'This is the sanctioned migration tool; talk to the messaging team first.',
    canDecide: false,
  };
}

export function typicalPending(): PendingView {
  return {
    generatedAt: '2025-11-20 10:30 UTC',
    notShown: 0,
    requests: [
      {
        requestId: REQUEST_ID,
        title: 'Contain Contoso Mail Sync',
        status: 'pending',
        requester: REQUESTER,
        requestedAt: '2025-11-20 10:05 UTC',
        expiresAt: '2025-11-21 10:05 UTC',
      },
      {
        requestId: 'rq-2025-11-20-0002',
        title: 'Remove Global Administrator from Fabrikam Backup',
        status: 'executing',
        requester: REQUESTER,
        requestedAt: '2025-11-20 10:07 UTC',
        expiresAt: '',
      },
    ],
  };
}

function auditRow(seq: number, event: string, details: string): AuditRowView {
  return { seq, time: `2025-11-20 10:${String(seq % 60).padStart(2, '0')}:00 UTC`, event, actor: REQUESTER, requestId: REQUEST_ID, details };
}

export function typicalAudit(): AuditView {
  return {
    page: 1,
    entries: [
      auditRow(42, 'request.approved', `Approved by ${APPROVER}.`),
      auditRow(41, 'request.created', 'Contain Contoso Mail Sync: 3 steps.'),
    ],
    nextPageCommand: 'audit page 2',
    chainStatus: 'Hash chain intact from entry 1 to 42.',
  };
}

// A full page: 25 entries whose details are each 300 characters long.
export function worstCaseAudit(): AuditView {
  const details = 'Step "Remove client secret" answered 403 from Graph; '.padEnd(300, 'x');
  return {
    ...typicalAudit(),
    page: 12,
    entries: Array.from({ length: 25 }, (_, i) => ({
      ...auditRow(300 - i, 'remediation.step.failed', details),
      actor: 'delegated-admin-07@contoso-holdings.onmicrosoft.com',
    })),
    nextPageCommand: 'audit page 13',
  };
}
