// The test command: makes sure the simulator's CA exists, then runs mocha with Node trusting it
// (NODE_EXTRA_CA_CERTS is read only at process start, so it cannot be set from inside mocha).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureCa } from '../sim/tls';

const root = path.resolve(__dirname, '..', '..');
const ca = ensureCa(path.join(root, '.sim'));
const mocha = require.resolve('mocha/bin/mocha.js');
const result = spawnSync(process.execPath, [mocha, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_EXTRA_CA_CERTS: ca.certPath, SIM_CA_DIR: path.join(root, '.sim') },
});
process.exit(result.status ?? 1);
