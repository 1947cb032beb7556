import type { RemediationRequest } from '../../../services/approvals/request';

export const REQUESTER = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Megan Bowen' };
export const APPROVER = { id: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'Patti Fernandez' };
export const NOW = new Date('2026-11-20T09:00:00Z');

export function pendingRequest(overrides: Partial<RemediationRequest> = {}): RemediationRequest {
  return {
    id: 'cccccccc-0000-4000-8000-000000000003',
    tenantId: '38991727-c041-4a71-b641-b9b7a3968e55',
    reference: { kind: 'disableApp', target: 'ed79bf56-cf65-46ce-b4f3-55353fc3585a' },
    plan: {
      kind: 'disableApp',
      title: 'Disable Mail Sync',
      targetSummary: 'Mail Sync (ed79bf56-…)',
      evidence: ['Can run Exchange Online PowerShell as itself'],
      steps: [{ id: '1', spec: { type: 'disableServicePrincipal', servicePrincipalId: 'de3d7478-cc06-49b0-9216-356cc6d488ee' }, description: 'Disable the service principal' }],
      caveats: [],
    },
    requester: REQUESTER,
    createdAt: new Date(NOW.getTime() - 3_600_000).toISOString(),
    expiresAt: new Date(NOW.getTime() + 3_600_000).toISOString(),
    status: 'pending',
    steps: [{ stepId: '1' }],
    cards: {},
    ...overrides,
  };
}
