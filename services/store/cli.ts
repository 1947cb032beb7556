// The audit trail for an admin at a shell, beside a running bot (the file is opened read-only):
//   verify  checks the hash chain: exit 0 when it holds, 1 when it is broken
//   export  prints the trail as JSON Lines, oldest first
// Both read $DATA_DIR/tenant-warden.sqlite (DATA_DIR defaults to ./data), or with STORAGE=blob the trail in
// the configured blob container (AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT_URL). Exit 2: nothing could be read.
import fs from 'node:fs';
import { once } from 'node:events';
import { databasePath, openDatabase } from './database';
import { SqliteAuditTrail } from './sqliteAuditTrail';
import { BlobAuditTrail } from './blobAuditTrail';
import { blobContainerOf } from './openStorage';
import type { AuditTrail } from './storage';
import { storageConfig } from '../config';

const USAGE = 'usage: node dist/services/store/cli.js verify|export   (reads $DATA_DIR/tenant-warden.sqlite; DATA_DIR defaults to ./data)';

async function verify(trail: AuditTrail): Promise<number> {
  const verdict = await trail.verify();
  if (verdict.ok) {
    console.log(`audit trail OK: ${verdict.entries} entries`);
    return 0;
  }
  console.log(`audit trail BROKEN at entry ${verdict.seq}: ${verdict.reason}`);
  return 1;
}

async function exportLines(trail: AuditTrail): Promise<number> {
  for await (const entry of trail.all()) {
    if (!process.stdout.write(`${JSON.stringify(entry)}\n`)) await once(process.stdout, 'drain');
  }
  return 0;
}

const COMMANDS = new Map<string, (trail: AuditTrail) => Promise<number>>([
  ['verify', verify],
  ['export', exportLines],
]);

async function main(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const command = COMMANDS.get(args[0] ?? '');
  if (args.length !== 1 || !command) {
    console.error(USAGE);
    return 2;
  }
  const storage = storageConfig(env);
  if (storage.kind === 'blob') return command(new BlobAuditTrail(blobContainerOf(storage, env.AZURE_CLIENT_ID?.trim() || undefined)));
  const file = databasePath(env.DATA_DIR?.trim() || './data');
  if (!fs.existsSync(file)) {
    console.error(`no audit trail at ${file}: set DATA_DIR to the bot's data folder`);
    return 2;
  }
  const db = openDatabase(file, { readonly: true });
  try {
    return await command(new SqliteAuditTrail(db));
  } finally {
    db.close();
  }
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 2));

main(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`cannot read the audit trail: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
