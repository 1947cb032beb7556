import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { connect, type PeerCertificate } from 'node:tls';
import forge from 'node-forge';
import { startSim, type RunningSim } from '../../sim/server';
import { ensureCa } from '../../sim/tls';
import { CONTOSO, startTestSim } from './helpers';

function peerCertificate(port: number, host: string, ca: string): Promise<{ authorized: boolean; certificate: PeerCertificate }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host, ca, servername: host === '127.0.0.1' ? undefined : host }, () => {
      const result = { authorized: socket.authorized, certificate: socket.getPeerCertificate() };
      socket.end();
      resolve(result);
    });
    socket.on('error', reject);
  });
}

describe('sim TLS', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sim-ca-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates an RSA 2048 CA certificate with CA:true and reuses it afterwards', () => {
    const created = ensureCa(dir);
    assert.equal(created.certPath, path.join(dir, 'ca.pem'));
    assert.ok(existsSync(created.keyPath));
    const cert = forge.pki.certificateFromPem(created.certPem);
    const basicConstraints = cert.getExtension('basicConstraints') as { cA?: boolean } | null;
    assert.equal(basicConstraints?.cA, true);
    assert.equal((cert.publicKey as forge.pki.rsa.PublicKey).n.bitLength(), 2048);
    const again = ensureCa(dir);
    assert.equal(again.certPem, created.certPem);
    assert.equal(again.keyPem, readFileSync(created.keyPath, 'utf8'));
  });

  describe('the server certificate', () => {
    let sim: RunningSim;

    beforeEach(async () => {
      sim = await startTestSim({ caDir: dir });
    });

    afterEach(() => sim.stop());

    it('is signed by the CA and names 127.0.0.1 and localhost', async () => {
      const ca = readFileSync(sim.caCertPath, 'utf8');
      assert.equal(sim.caCertPath, path.join(dir, 'ca.pem'));
      const byIp = await peerCertificate(sim.port, '127.0.0.1', ca);
      assert.equal(byIp.authorized, true);
      assert.match(byIp.certificate.subjectaltname ?? '', /IP Address:127\.0\.0\.1/);
      assert.match(byIp.certificate.subjectaltname ?? '', /DNS:localhost/);
      const byName = await peerCertificate(sim.port, 'localhost', ca);
      assert.equal(byName.authorized, true);
    });
  });

  it('uses .sim in the working directory as the default CA folder, and stopping twice is harmless', async () => {
    const sim = await startSim({ scenario: CONTOSO, port: 0 });
    try {
      assert.equal(sim.caCertPath, path.resolve('.sim', 'ca.pem'));
      assert.equal(sim.url, `https://127.0.0.1:${sim.port}`);
    } finally {
      await sim.stop();
      await sim.stop();
    }
  });
});
