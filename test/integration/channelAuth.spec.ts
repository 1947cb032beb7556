import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startSim, type RunningSim } from '../../sim/server';
import { startReadyProcess } from '../../bot/processes';
import { DEFAULT_SCENARIO, readDemoTenant } from '../../bot/demoTenant';
import { BOT_SCRIPT, botEnv } from '../support/stack';
import { rawPost } from '../support/teams';

describe('channel authentication and start-up checks', function () {
  this.timeout(60_000);
  let sim: RunningSim;
  const tenant = readDemoTenant(DEFAULT_SCENARIO, {});

  before(async () => {
    sim = await startSim({ port: 0 });
  });
  after(async () => {
    await sim?.stop();
  });

  it('with MicrosoftAppId configured, an unsigned activity gets 401', async () => {
    const bot = await startReadyProcess<{ ready: true; url: string }>(
      'bot',
      BOT_SCRIPT,
      botEnv(sim, tenant, { MicrosoftAppId: '5f1c0a4e-2b7d-4c1a-9e3f-8a6b5c4d3e2f', MicrosoftAppPassword: 'not-used', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: sim.tenantId }),
      30_000,
      () => undefined,
    );
    try {
      const response = await rawPost(bot.ready.url, { type: 'message', text: 'list risky apps', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', from: { id: '29:x', aadObjectId: tenant.admin.id }, conversation: { id: 'c', tenantId: sim.tenantId }, recipient: { id: '28:b' } });
      assert.equal(response.status, 401);
    } finally {
      await bot.stop();
    }
  });

  it('a real tenant without MicrosoftAppId is refused at start with the reason', () => {
    const result = spawnSync(process.execPath, [BOT_SCRIPT], {
      env: { ...botEnv(sim, tenant), GRAPH_BASE_URL: 'https://graph.microsoft.com', AUTHORITY_HOST: 'https://login.microsoftonline.com' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /MicrosoftAppId is not set/);
  });

  it('a missing setting is named at start', () => {
    const env = botEnv(sim, tenant);
    delete env.ADMINS_GROUP_ID;
    const result = spawnSync(process.execPath, [BOT_SCRIPT], { env, encoding: 'utf8', timeout: 20_000 });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /ADMINS_GROUP_ID is not set/);
  });
});
