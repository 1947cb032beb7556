import type { ExchangeRule } from '../rule';
import { isTrue, settingsOf } from '../settings';

export const relayCapableConnector: ExchangeRule = {
  id: 'inbound-connector-relay',
  title: 'Accepts mail that can be relayed, or trusts an IP address alone',
  why:
    'An inbound connector of type OnPremises lets mail from its senders relay through your tenant to the internet, ' +
    'under your domain\'s reputation. One that recognises senders by IP address without a certificate trusts whoever holds those addresses.',
  fix:
    'Keep OnPremises connectors only for your own mail servers, restrict them with a certificate (TlsSenderCertificateName, ' +
    'RestrictDomainsToCertificate), and disable any connector whose sender addresses you do not own.',
  kinds: ['inboundConnector'],
  evaluate(history) {
    const settings = settingsOf(history);
    const results: { severity: 'high' | 'medium'; detail: string }[] = [];
    if (/^onpremises$/i.test(settings.ConnectorType ?? '')) {
      results.push({ severity: 'high', detail: 'Type OnPremises: its senders can relay through the tenant to any recipient.' });
    }
    const ips = settings.SenderIPAddresses ?? '';
    const certificate = (settings.TlsSenderCertificateName ?? '').trim() !== '' || isTrue(settings.RestrictDomainsToCertificate);
    if (ips && !certificate) results.push({ severity: 'medium', detail: `Accepts mail from ${ips} by IP address, with no certificate restriction.` });
    return results;
  },
};
