// A remediation plan is data: serialisable steps stored with the request, each of which the
// executor can check (has it already happened?), snapshot (for the audit trail) and execute.

export type StepSpec =
  | { type: 'disableServicePrincipal'; servicePrincipalId: string }
  | { type: 'revokeAppRoleAssignment'; servicePrincipalId: string; resourceId: string; assignmentId: string; permission: string }
  | { type: 'removeDirectoryRole'; assignmentId: string; roleName: string; principalId: string }
  | { type: 'removeGroupMember'; groupId: string; groupName: string; memberId: string }
  | { type: 'removePassword'; on: 'application' | 'servicePrincipal'; objectId: string; keyId: string; name: string }
  | { type: 'removeKeyCredential'; on: 'application' | 'servicePrincipal'; objectId: string; keyId: string; name: string }
  | { type: 'deleteFederatedCredential'; applicationId: string; credentialId: string; name: string }
  | { type: 'deleteDelegatedGrant'; grantId: string; scopes: string }
  | { type: 'disableInboundConnector' | 'removeInboundConnector' | 'disableOutboundConnector' | 'removeOutboundConnector' | 'disableTransportRule' | 'removeTransportRule'; identity: string }
  | { type: 'revokeSignInSessions'; userId: string; userPrincipalName: string }
  | { type: 'confirmCompromised'; userId: string; userPrincipalName: string }
  | { type: 'blockSignIn'; userId: string; userPrincipalName: string }
  | { type: 'expectConnector'; kind: 'inboundConnector' | 'outboundConnector'; guid: string; name: string; fingerprint: string }
  | { type: 'trustApp'; appId: string; name: string }
  | { type: 'forgetKnownGood'; key: string; name: string };

export interface PlannedStep {
  /** Stable within the plan: "1", "2", … */
  id: string;
  spec: StepSpec;
  /** What it changes, in an admin's words, shown to requester and approver before approval. */
  description: string;
}

export type RemediationKind =
  | 'contain'
  | 'revokePermission'
  | 'removeRole'
  | 'removeCredentials'
  | 'disableApp'
  | 'disableConnector'
  | 'removeConnector'
  | 'disableTransportRule'
  | 'removeTransportRule'
  | 'revokeSessions'
  | 'confirmCompromised'
  | 'blockSignIn'
  | 'expectConnector'
  | 'trustApp'
  | 'forgetKnownGood';

/** What a button asks for: only a kind and the object it concerns. Everything else is re-read. */
export interface FindingReference {
  kind: RemediationKind;
  /** appId for app actions; connector or rule identity; user object id; a known-good entry's key. */
  target: string;
  /** For single-item actions: the assignment, role assignment or key id on the card. */
  item?: string;
}

export interface RemediationPlan {
  kind: RemediationKind;
  title: string;
  /** The target as it is now, as the card shows it (names and ids). */
  targetSummary: string;
  /** Why the action is proposed: the findings that still hold. */
  evidence: string[];
  steps: PlannedStep[];
  /** Said on the cards, e.g. "Tokens already issued stay valid until they expire (60–90 minutes)." */
  caveats: string[];
}

export type StepState = 'toDo' | 'alreadyDone' | 'targetGone';

export interface StepResult {
  stepId: string;
  outcome: 'succeeded' | 'alreadyDone' | 'targetGone' | 'failed';
  message: string;
}
