import type { KnownGoodView } from '../../cards/views';
import type { RemediationRequest } from '../../services/approvals/request';
import type { Inventory } from '../../services/watch/inventory';
import { knownGoodKey, type ExpectedConnector, type KnownGoodEntry, type TrustedApp } from '../../services/watch/knownGood';
import { minute } from './exchange';

function approval(entry: ExpectedConnector | TrustedApp, request: RemediationRequest | undefined): string {
  if ('source' in entry && entry.source === 'setting') return 'Trusted by the TRUSTED_APP_IDS setting (Tenant Warden\'s own app).';
  const when = entry.at ? ` on ${minute(entry.at)} UTC` : '';
  if (!request) return `Approved${when} (request ${entry.requestId ?? 'unknown'}, no longer stored).`;
  return `Requested by ${request.requester.name}, approved by ${request.approver?.name ?? 'unknown'}${when}.`;
}

function connectorState(entry: ExpectedConnector, live: Inventory): { state: string; matches: boolean } {
  const now = live[entry.key];
  if (!now) return { state: 'It no longer exists.', matches: false };
  if (now.fingerprint !== entry.fingerprint) return { state: 'Its settings changed since the approval: the watcher alerts on it again.', matches: false };
  return { state: 'It still has the approved settings.', matches: true };
}

export function knownGoodView(
  entries: KnownGoodEntry[],
  requests: Map<string, RemediationRequest>,
  live: Inventory,
  tenantName: string,
  now: Date,
): KnownGoodView {
  const request = (entry: { requestId?: string }) => (entry.requestId ? requests.get(entry.requestId) : undefined);
  return {
    tenantName,
    generatedAt: `${minute(now)} UTC`,
    connectors: entries.flatMap((entry) =>
      entry.type === 'connector'
        ? [{
            key: knownGoodKey(entry),
            name: entry.name,
            direction: entry.kind === 'inboundConnector' ? 'inbound' : 'outbound',
            guid: entry.guid,
            fingerprint: `${entry.fingerprint.slice(0, 12)}…`,
            approval: approval(entry, request(entry)),
            ...connectorState(entry, live),
          }]
        : [],
    ),
    apps: entries.flatMap((entry) =>
      entry.type === 'app'
        ? [{ key: knownGoodKey(entry), name: entry.name, appId: entry.appId, approval: approval(entry, request(entry)), canForget: entry.source === 'approval' }]
        : [],
    ),
  };
}
