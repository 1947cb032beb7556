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
