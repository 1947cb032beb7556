// Views as commands would build them: typical ones, empty ones, and the largest a command may pass.
import type {
  AdminRowView,
  AdminsView,
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
  PostureView,
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

const noMfaRegistered: ReasonView = {
  ruleId: 'admin-without-mfa',
  severity: 'critical',
  title: 'No MFA method registered',
  detail: 'Only email is registered, and email cannot be used to sign in; a stolen password is enough.',
};

const riskyUser: ReasonView = {
  ruleId: 'risky-admin',
  severity: 'high',
  title: 'Entra ID rates the account high risk',
  detail: 'At risk since 2026-10-24 02:31 UTC and not remediated.',
};

const NESTOR_ID = 'ae1c6974-e5b1-48eb-82cb-4ae27673a387';
const MEGAN_ID = '2d4550c1-11e9-491a-a7fa-0001fc611f25';

// Nestor Wilke, a Global Administrator without MFA whom Entra ID rates high risk: every button.
function nestor(): AdminRowView {
  return {
    userId: NESTOR_ID,
    displayName: 'Nestor Wilke',
    userPrincipalName: 'NestorW@contoso.onmicrosoft.com',
    riskLevel: 'critical',
    roles: 'Global Administrator (active)',
    mfa: 'Not registered',
    enforcement: "Partly enforced: Conditional Access policy 'Require MFA for administrators' excludes group Break glass",
    userRisk: 'High (atRisk), updated 2026-10-24',
    lastSignIn: '2026-11-19 22:41 UTC',
    findings: [noMfaRegistered, riskyUser],
    actions: [
      { title: 'Revoke sessions', kind: 'revokeSessions', target: NESTOR_ID },
      { title: 'Confirm compromised', kind: 'confirmCompromised', target: NESTOR_ID },
      { title: 'Block sign-in', kind: 'blockSignIn', target: NESTOR_ID },
    ],
    guards: [],
  };
}

// Megan Bowen, the last enabled Security Administrator with MFA: no Block sign-in, and the card says why.
function megan(): AdminRowView {
  return {
    userId: MEGAN_ID,
    displayName: 'Megan Bowen',
    userPrincipalName: 'MeganB@contoso.onmicrosoft.com',
    riskLevel: 'medium',
    roles: 'Security Administrator (active); Exchange Administrator (eligible, via group Messaging Operations)',
    mfa: 'Registered: microsoftAuthenticatorPush, fido2, mobilePhone',
    enforcement: "Enforced by Conditional Access policy 'Require MFA for administrators'",
    userRisk: 'Low (atRisk), updated 2026-11-14',
    lastSignIn: '2026-11-20 08:12 UTC',
    findings: [{ ...riskyUser, severity: 'medium', title: 'Entra ID rates the account low risk', detail: 'At risk since 2026-11-14 18:03 UTC.' }],
    actions: [
      { title: 'Revoke sessions', kind: 'revokeSessions', target: MEGAN_ID },
      { title: 'Confirm compromised', kind: 'confirmCompromised', target: MEGAN_ID },
    ],
    guards: ['Block sign-in is not offered: the last enabled Security Administrator.'],
  };
}

// An admin with nothing wrong, as the risky admins card may still list for context: no badge, no button.
function lee(): AdminRowView {
  return {
    userId: 'a12c4387-f5f1-4ae8-b283-52305f11ca64',
    displayName: 'Lee Gu',
    userPrincipalName: 'LeeG@contoso.onmicrosoft.com',
    riskLevel: 'none',
    roles: 'Cloud Application Administrator (active)',
    mfa: 'Registered: microsoftAuthenticatorPush, softwareOneTimePasscode',
    enforcement: "Enforced by Conditional Access policy 'Require MFA for administrators'",
    userRisk: 'None',
    lastSignIn: '2026-11-18 16:30 UTC',
    findings: [],
    actions: [],
    guards: ['No action is offered: nothing suggests the account is at risk.'],
  };
}

export function typicalAdmins(): AdminsView {
  return {
    title: 'Risky admins',
    tenantName: 'Contoso',
    generatedAt: '2026-11-20 09:00 UTC',
    summary: '2 of 7 accounts with a privileged role need attention.',
    dataGaps: [],
    admins: [nestor(), megan(), lee()],
    notShown: 0,
  };
}

export function emptyAdmins(): AdminsView {
  return { ...typicalAdmins(), title: 'Admins without MFA', summary: 'All 7 accounts with a privileged role have MFA registered.', admins: [] };
}

// A tenant without Entra ID P1 or P2: the bot fell back to reading methods per admin and cannot see user risk.
export function unlicensedAdmins(): AdminsView {
  return {
    ...typicalAdmins(),
    title: 'Admins without MFA',
    dataGaps: [
      'Entra ID P1 is needed for the registration report; registered methods were read per admin instead.',
      'Entra ID P2 is needed for user risk; it is shown as Unknown.',
    ],
    admins: [{ ...nestor(), userRisk: 'Unknown (needs Entra ID P2)' }],
  };
}

// More than the command should pass at once: 25 admins with long roles, 3 findings, 2 guards and 3 buttons each.
export function worstCaseAdmins(): AdminsView {
  const longFinding = (title: string, n: number): ReasonView => ({
    ruleId: `admin-rule-${n}`,
    severity: 'critical',
    title,
    detail:
      `Signed in from 203.0.113.${n} (an anonymising proxy) on 2026-11-1${n} at 03:1${n} UTC without MFA; ` +
      `the sign-in reached Exchange Online and Microsoft Graph as delegated-admin-0${n}@contoso-holdings.onmicrosoft.com.`,
  });
  const admins = Array.from({ length: 25 }, (_, i): AdminRowView => {
    const userId = `9f3e1c2b-7a6d-4e5f-8b9a-${String(i + 1).padStart(12, '0')}`;
    return {
      userId,
      displayName: `Contoso Holdings — Messaging and Compliance Operations Administrator ${String(i + 1).padStart(2, '0')}`,
      userPrincipalName: `messaging-compliance-operations-admin-${String(i + 1).padStart(2, '0')}@contoso-holdings.onmicrosoft.com`,
      riskLevel: i < 10 ? 'critical' : 'high',
      roles:
        'Global Administrator (active); Exchange Administrator (eligible, via group Messaging Operations); ' +
        'Privileged Role Administrator (eligible); Security Administrator (active, via group Security Operations)',
      mfa: 'Registered: email, mobilePhone (neither satisfies phishing-resistant MFA)',
      enforcement:
        "Partly enforced: Conditional Access policy 'Require MFA for administrators' excludes group Break glass " +
        "and trusted location 'Head office'; per-user MFA disabled",
      userRisk: 'High (atRisk), updated 2026-10-24',
      lastSignIn: '2026-11-19 22:41 UTC from 203.0.113.7',
      findings: [
        longFinding('No phishing-resistant MFA method registered', 1),
        longFinding('Entra ID rates the account high risk', 2),
        longFinding('Signed in from an anonymising proxy', 3),
      ],
      actions: [
        { title: 'Revoke sessions', kind: 'revokeSessions', target: userId },
        { title: 'Confirm compromised', kind: 'confirmCompromised', target: userId },
        { title: 'Block sign-in', kind: 'blockSignIn', target: userId },
      ],
      guards: [
        'Revoke sessions is already pending approval as request rq-2026-11-20-0007.',
        'Remove role is not offered: roles held through a group are removed from the group, not from the account.',
      ],
    };
  });
  return {
    title: 'Risky admins',
    tenantName: 'Contoso Holdings International (contosoholdings.onmicrosoft.com)',
    generatedAt: '2026-11-20 09:00 UTC',
    summary: '40 of 212 accounts with a privileged role need attention; the 25 riskiest are shown.',
    dataGaps: [
      'Entra ID P1 is needed for the registration report; registered methods were read per admin instead.',
      'The sign-in log could not be read (AuditLog.Read.All is missing); last sign-in comes from signInActivity.',
    ],
    admins,
    notShown: 15,
  };
}

export function typicalPosture(): PostureView {
  return {
    tenantName: 'Contoso',
    generatedAt: '2026-11-20 09:00 UTC',
    lines: [
      { state: 'attention', topic: 'Admin MFA', text: '1 of 7 admins has no MFA method registered.', command: 'admins without mfa' },
      { state: 'warning', topic: 'Risky admins', text: '1 admin is rated low risk by Entra ID.', command: 'risky admins' },
      { state: 'ok', topic: 'Security Defaults', text: "Off, and Conditional Access 'Require MFA for administrators' is enabled.", command: '' },
      { state: 'unknown', topic: 'Risky apps', text: 'The scan did not finish: Graph answered 503 twice.', command: 'list risky apps' },
    ],
  };
}

// Every posture topic the bot may report, each with a long text and a command.
export function worstCasePosture(): PostureView {
  const states = ['attention', 'warning', 'ok', 'unknown'];
  return {
    ...typicalPosture(),
    tenantName: 'Contoso Holdings International (contosoholdings.onmicrosoft.com)',
    lines: Array.from({ length: 20 }, (_, i) => ({
      state: states[i % states.length],
      topic: `Exchange Online connectors and transport rules ${i + 1}`,
      text: 'Two outbound connectors route mail to a smart host outside the tenant; one was created by an app. '.padEnd(300, '.'),
      command: 'new connectors last 30 days',
    })),
  };
}
