import type { Severity } from '../detection/severity';
import type { Finding } from '../detection/rule';

/** How a user comes to hold a privileged role. */
export interface AdminRole {
  roleDefinitionId: string;
  roleName: string;
  /** active: assigned now; eligible: can activate through PIM. */
  assignment: 'active' | 'eligible';
  /** Present when the role reaches the user through a role-assignable group. */
  viaGroup?: { id: string; displayName: string };
}

/** Is MFA required of this account at sign-in, and by what. */
export interface MfaEnforcement {
  /** full: always required; partial: only under some conditions (locations, platforms, client apps, risk); none. */
  level: 'full' | 'partial' | 'none';
  /** Plain words: "Security Defaults", "Conditional Access policy 'Require MFA for admins'", "per-user MFA (enforced)". */
  by: string[];
  /** Why a policy only partly covers the account, or why an apparently covering policy does not: "excluded by group Break glass". */
  notes: string[];
}

export interface AdminAccount {
  id: string;
  userPrincipalName: string;
  displayName: string;
  accountEnabled: boolean;
  roles: AdminRole[];
  /** undefined when the tenant's licence does not allow the registration report and no fallback was possible. */
  mfaRegistered?: boolean;
  methodsRegistered: string[];
  /** Where the registration data came from: the report, or the per-user methods fallback. */
  registrationSource: 'report' | 'methods' | 'unavailable';
  enforcement: MfaEnforcement;
  /** none, low, medium, high, hidden, unknownFutureValue; undefined without Entra ID P2. */
  riskLevel?: string;
  riskState?: string;
  riskDetail?: string;
  riskLastUpdated?: string;
  lastSignIn?: string;
}

export type AdminFinding = Finding;

export interface AdminAssessment {
  account: AdminAccount;
  riskLevel: Severity | 'none';
  findings: AdminFinding[];
}

/** What a report could not read because of licences or permissions, in an admin's words. */
export interface DataGap {
  source: string;
  reason: string;
  fallback?: string;
}
