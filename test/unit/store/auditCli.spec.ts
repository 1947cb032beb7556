import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { databasePath, openDatabase } from '../../../services/store/database';
import { SqliteAuditTrail } from '../../../services/store/sqliteAuditTrail';
import type { AuditEntry } from '../../../services/store/storage';
import { useTempDir } from './tempDir';
import { BlobAuditTrail } from '../../../services/store/blobAuditTrail';
import { blobContainerFrom, BlobStore } from '../../../services/store/blobStore';
import { startAzurite, type RunningAzurite } from '../../support/azurite';

const CLI = path.resolve(__dirname, '../../../services/store/cli.js');
const ADMIN = { id: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Megan Bowen' };

describe('the audit trail command line', function () {
  this.timeout(20_000);
  const dataDir = useTempDir();

  function run(command: string) {
    const result = spawnSync(process.execPath, [CLI, command], { env: { ...process.env, DATA_DIR: dataDir() }, encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  async function writeTrail(count: number): Promise<AuditEntry[]> {
    const trail = new SqliteAuditTrail(databasePath(dataDir()));
    const appended: AuditEntry[] = [];
    for (let i = 1; i <= count; i++) appended.push(await trail.append({ event: 'request.created', actor: ADMIN, requestId: `r${i}`, details: { i } }));
    trail.close();
    return appended;
  }

  it('verify reports an intact trail and exits 0', async () => {
    await writeTrail(3);
    assert.deepEqual(run('verify'), { code: 0, stdout: 'audit trail OK: 3 entries\n', stderr: '' });
  });

  it('verify reports where the trail is broken and exits 1', async () => {
    await writeTrail(3);
    const db = openDatabase(databasePath(dataDir()));
    db.prepare(`UPDATE audit_trail SET details = '{"i":7}' WHERE seq = 2`).run();
    db.close();
    assert.deepEqual(run('verify'), { code: 1, stdout: 'audit trail BROKEN at entry 2: its content no longer matches its hash\n', stderr: '' });
  });

  it('export writes one JSON entry per line, oldest first', async () => {
    const appended = await writeTrail(3);
    const { code, stdout } = run('export');
    assert.equal(code, 0);
    assert.ok(stdout.endsWith('\n'));
    assert.deepEqual(stdout.trimEnd().split('\n').map((line) => JSON.parse(line)), appended);
  });

  it('says so when there is no trail in DATA_DIR, and exits 2', () => {
    const { code, stdout, stderr } = run('verify');
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /no audit trail at .*tenant-warden\.sqlite/);
  });
});

describe('the audit trail command line with STORAGE=blob', function () {
  this.timeout(60_000);
  let azurite: RunningAzurite;
  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite?.stop();
  });

  it('verifies and exports the trail in the configured blob container', async () => {
    const container = blobContainerFrom(azurite.connectionString, 'cli-trail');
    await BlobStore.open(container);
    const trail = new BlobAuditTrail(container);
    await trail.append({ event: 'request.created', actor: ADMIN, requestId: 'r1', details: { i: 1 } });
    await trail.append({ event: 'request.approved', actor: ADMIN, requestId: 'r1', details: {} });
    const env = { ...process.env, STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: 'cli-trail' };
    const verify = spawnSync(process.execPath, [CLI, 'verify'], { env, encoding: 'utf8' });
    assert.deepEqual([verify.status, verify.stdout], [0, 'audit trail OK: 2 entries\n']);
    const exported = spawnSync(process.execPath, [CLI, 'export'], { env, encoding: 'utf8' });
    assert.deepEqual(exported.stdout.trim().split('\n').map((line) => JSON.parse(line).event), ['request.created', 'request.approved']);
  });
});
