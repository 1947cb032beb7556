import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import { ensureCa, issueServerCertificate } from '../../sim/tls';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/** A stand-in for the Application Insights ingestion endpoint (HTTPS, the test CA) and for Graph, on loopback. */
function listen(handler: http.RequestListener, tls = false): Promise<{ url: string; close(): void }> {
  const certificate = tls ? issueServerCertificate(ensureCa(process.env.SIM_CA_DIR ?? '.sim')) : undefined;
  const server = certificate ? https.createServer({ key: certificate.keyPem, cert: certificate.certPem }, handler) : http.createServer(handler);
  const scheme = tls ? 'https' : 'http';
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `${scheme}://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() })));
}

describe('telemetry to Azure Monitor', function () {
  this.timeout(60_000);

  it('with APPLICATIONINSIGHTS_CONNECTION_STRING, each turn is a span with its command and outcome, and no URL query reaches it', async () => {
    const bodies: string[] = [];
    const ingestion = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        bodies.push(req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString() : raw.toString());
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
      });
    }, true);
    const graph = await listen((_req, res) => res.end('{"value":[]}'));
    try {
      const probe = path.resolve(__dirname, '..', 'support', 'telemetryProbe.js');
      // Asynchronously: the two servers above answer from this process's event loop.
      const result = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [probe], {
          env: {
            ...process.env,
            APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=${ingestion.url}/`,
            PROBE_TARGET: graph.url,
          },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c) => (stdout += c));
        child.stderr.on('data', (c) => (stderr += c));
        const timer = setTimeout(() => child.kill(), 45_000);
        child.on('exit', (status) => {
          clearTimeout(timer);
          resolve({ status, stdout, stderr });
        });
      });
      assert.equal(result.status, 0, String(result.stderr));
      const sent = bodies.join('\n');
      assert.match(sent, /turn list risky apps/);
      assert.match(sent, /"outcome":"ok"/);
      assert.match(sent, /11111111-2222-4333-8444-555555555555/);
      assert.match(sent, /\/v1\.0\/users/, 'the outgoing call is a dependency span');
      assert.doesNotMatch(sent, /victim@contoso\.com/, 'a Graph $filter never reaches telemetry');
      const printed = String(result.stdout).trim().split('\n');
      // Only the resource detector's probe of the Azure VM metadata address was tried, and the probe blocked it.
      assert.deepEqual(JSON.parse(printed.at(-1)!).outside.filter((host: string) => host !== '169.254.169.254'), []);
      const line = JSON.parse(printed[0]);
      assert.equal(line.event, 'turn');
      assert.equal(line.command, 'list risky apps');
      assert.equal(line.outcome, 'ok');
      assert.equal(typeof line.durationMs, 'number');
      assert.match(line.correlationId, /^[0-9a-f-]{36}$/);
    } finally {
      ingestion.close();
      graph.close();
    }
  });
});
