import assert from 'node:assert/strict';
import { ClientSecretCredential } from '@azure/identity';
import { Client, PageIterator, type PageCollection } from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { RunningSim } from '../../sim/server';
import { GRAPH_SCOPE, http, startTestSim, type GraphJson } from './helpers';

describe('sim with the real @azure/identity and @microsoft/microsoft-graph-client', () => {
  let sim: RunningSim;
  let credential: ClientSecretCredential;
  let client: Client;

  before(async () => {
    sim = await startTestSim();
    credential = new ClientSecretCredential(sim.tenantId, 'any-client', sim.clientSecret, { authorityHost: sim.url, disableInstanceDiscovery: true });
    // The client compares host names without the port (GraphRequestUtil.isCustomHost).
    client = Client.initWithMiddleware({
      authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] }),
      baseUrl: sim.url,
      customHosts: new Set([new URL(sim.url).hostname]),
    });
  });

  after(() => sim.stop());

  it('ClientSecretCredential gets a Graph token from the sim authority (MSAL discovery included)', async () => {
    await http(`${sim.url}/_sim/stats/reset`, { method: 'POST' });
    const accessToken = await credential.getToken(GRAPH_SCOPE);
    assert.ok(accessToken.token.split('.').length === 3);
    assert.ok(accessToken.expiresOnTimestamp > Date.now() + 3000 * 1000);
    const stats = (await http(`${sim.url}/_sim/stats`)).body.requests.byPath;
    assert.equal(stats['/{id}/oauth2/v2.0/token'], 1);
    assert.equal(stats['/{id}/v2.0/.well-known/openid-configuration'], 1);
  });

  it('the Graph client calls the sim with that token and follows @odata.nextLink', async () => {
    const first: GraphJson = await client.api('/users').top(5).get();
    assert.equal(first.value.length, 5);
    assert.ok(first['@odata.nextLink'].startsWith(`${sim.url}/v1.0/users?`));
    const second: GraphJson = await client.api(first['@odata.nextLink']).get();
    assert.ok(second.value.length > 0);
    const ids = new Set([...first.value, ...second.value].map((u: GraphJson) => u.id));
    assert.equal(ids.size, first.value.length + second.value.length);
  });

  it('PageIterator walks every page of a collection', async () => {
    const firstPage: PageCollection = await client.api('/servicePrincipals').select('id,displayName').top(2).get();
    const names: string[] = [];
    const iterator = new PageIterator(client, firstPage, (sp: GraphJson) => {
      names.push(sp.displayName);
      return true;
    });
    await iterator.iterate();
    const all: GraphJson = await client.api('/servicePrincipals').select('id').get();
    assert.equal(names.length, all.value.length);
  });

  it('Graph errors reach the client as GraphError with Graph\'s code', async () => {
    await assert.rejects(client.api('/servicePrincipals/6d3a8a4e-0000-4000-8000-000000000000').get(), (error: GraphJson) => {
      assert.equal(error.statusCode, 404);
      assert.equal(error.code, 'Request_ResourceNotFound');
      return true;
    });
  });
});
