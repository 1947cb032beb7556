import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { CONTOSO, exitCode, firstLine, http } from './helpers';

const MAIN = path.resolve(__dirname, '..', '..', 'sim', 'main.js');


describe('sim CLI (sim/main.ts)', () => {
  it('prints one ready line of JSON, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, SIM_PORT: '0', SIM_SCENARIO: CONTOSO, SIM_CA_DIR: '.sim', SIM_DENY_PERMISSIONS: 'AuditLog.Read.All, Policy.Read.All' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const ready = JSON.parse(await firstLine(child));
      assert.deepEqual(Object.keys(ready), ['ready', 'url', 'caCertPath', 'tenantId', 'tenantDomain']);
      assert.equal(ready.ready, true);
      assert.match(ready.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(ready.caCertPath, path.resolve('.sim', 'ca.pem'));
      assert.equal(ready.tenantId, '927c6607-8060-4f4a-a5f8-34964ac78d70');
      assert.equal(ready.tenantDomain, 'contoso.onmicrosoft.com');
      const tokenResponse = await http(`${ready.url}/${ready.tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'cli', client_secret: 'tenant-warden-sim-secret', scope: 'https://graph.microsoft.com/.default' }),
      });
      const roles: string[] = JSON.parse(Buffer.from(tokenResponse.body.access_token.split('.')[1], 'base64url').toString()).roles;
      assert.ok(!roles.includes('AuditLog.Read.All') && !roles.includes('Policy.Read.All'));
      assert.equal((await http(`${ready.url}/_sim/stats`)).status, 200);
    } finally {
      const exited = exitCode(child);
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
    assert.equal(stdout.trim().split('\n').length, 1, 'stdout holds the ready line only');
    assert.match(stderr, /listening on/);
  });

  it('exits non-zero with the reason on stderr when the scenario is invalid', async () => {
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, SIM_PORT: '0', SIM_SCENARIO: '/nonexistent/scenario.json' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    assert.equal(await exitCode(child), 1);
    assert.match(stderr, /Cannot read scenario file/);
  });
});
