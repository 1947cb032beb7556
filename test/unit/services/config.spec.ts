import assert from 'node:assert/strict';
import { ConfigError, hasTenantCredentials, loadConfig } from '../../../services/config';

const BASE = {
  TENANT_ID: '11111111-2222-4333-8444-555555555555',
  CLIENT_ID: 'client',
  CLIENT_SECRET: 'secret',
  ADMINS_GROUP_ID: 'aaaaaaaa-0000-4000-8000-000000000001',
  APPROVERS_GROUP_ID: 'aaaaaaaa-0000-4000-8000-000000000002',
  GRAPH_BASE_URL: 'https://127.0.0.1:3979',
};

describe('configuration', () => {
  it('reads a local simulator configuration without channel authentication, on loopback only', () => {
    const config = loadConfig(BASE);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.channelAuth, undefined);
    assert.equal(config.graphBaseUrl, 'https://127.0.0.1:3979');
    assert.deepEqual(config.credential, { kind: 'secret', clientId: 'client', clientSecret: 'secret' });
  });

  it('refuses a real tenant without MicrosoftAppId', () => {
    assert.throws(() => loadConfig({ ...BASE, GRAPH_BASE_URL: undefined }), /MicrosoftAppId is not set/);
  });

  it('refuses to listen beyond loopback without channel authentication', () => {
    assert.throws(() => loadConfig({ ...BASE, HOST: '0.0.0.0' }), ConfigError);
  });

  it('accepts a real tenant with channel authentication and a certificate', () => {
    const config = loadConfig({ ...BASE, GRAPH_BASE_URL: undefined, CLIENT_SECRET: undefined, CLIENT_CERTIFICATE_PATH: '/certs/tw.pem', MicrosoftAppId: 'bot-app' });
    assert.equal(config.graphBaseUrl, 'https://graph.microsoft.com');
    assert.equal(config.credential.kind, 'certificate');
    assert.equal(config.channelAuth?.appType, 'SingleTenant');
    assert.equal(config.channelAuth?.appTenantId, BASE.TENANT_ID);
  });

  it('uses a managed identity when only AZURE_CLIENT_ID is set', () => {
    const config = loadConfig({ ...BASE, CLIENT_ID: undefined, CLIENT_SECRET: undefined, AZURE_CLIENT_ID: 'mi-client', MicrosoftAppId: 'bot' });
    assert.deepEqual(config.credential, { kind: 'managedIdentity', clientId: 'mi-client' });
  });

  it('names what is missing or malformed', () => {
    assert.throws(() => loadConfig({ ...BASE, ADMINS_GROUP_ID: undefined }), /ADMINS_GROUP_ID is not set/);
    assert.throws(() => loadConfig({ ...BASE, TENANT_ID: 'contoso' }), /TENANT_ID must be a GUID/);
    assert.throws(() => loadConfig({ ...BASE, GRAPH_BASE_URL: 'http://127.0.0.1:3979' }), /must be an https/);
    assert.throws(() => loadConfig({ ...BASE, GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0' }), /root without a path/);
    assert.throws(() => loadConfig({ ...BASE, CLIENT_SECRET: undefined }), /no tenant credential/);
  });

  it('demo mode is chosen when no tenant credentials are configured', () => {
    assert.equal(hasTenantCredentials({}), false);
    assert.equal(hasTenantCredentials({ TENANT_ID: BASE.TENANT_ID, CLIENT_ID: 'x' }), true);
  });
});
