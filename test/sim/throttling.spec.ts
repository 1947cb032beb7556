import assert from 'node:assert/strict';
import { FaultInjector, parseFaults } from '../../sim/faults';
import { SlidingWindowLimiter } from '../../sim/ratelimit';
import type { RunningSim } from '../../sim/server';
import { graphClient, requestToken, startTestSim, token } from './helpers';

describe('sim throttling of identity and access reports', () => {
  let sim: RunningSim;

  before(async () => {
    sim = await startTestSim();
  });

  after(() => sim.stop());

  it('allows 5 report requests per app and answers the sixth with 429 TooManyRequests and Retry-After', async () => {
    const graph = graphClient(sim, await token(sim, { client_id: 'report-reader-1' }));
    const paths = ['/auditLogs/directoryAudits', '/reports/authenticationMethods/userRegistrationDetails'];
    for (let i = 0; i < 5; i++) assert.equal((await graph(paths[i % 2])).status, 200);
    const throttled = await graph('/auditLogs/directoryAudits');
    assert.equal(throttled.status, 429);
    assert.equal(throttled.body.error.code, 'TooManyRequests');
    const retryAfter = Number(throttled.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 10, `Retry-After ${retryAfter}`);
    assert.equal((await graph('/servicePrincipals?$top=1')).status, 200, 'other routes are not throttled');
  });

  it('counts each app separately', async () => {
    const first = graphClient(sim, await token(sim, { client_id: 'report-reader-2' }));
    for (let i = 0; i < 5; i++) await first('/auditLogs/directoryAudits?$top=1');
    const second = graphClient(sim, await token(sim, { client_id: 'report-reader-3' }));
    assert.equal((await second('/auditLogs/directoryAudits?$top=1')).status, 200);
  });

  it('frees the window as old requests age out (sliding window)', () => {
    const limiter = new SlidingWindowLimiter(5, 10_000);
    for (let t = 0; t < 5; t++) assert.equal(limiter.check('app', 1000 + t).allowed, true);
    const refused = limiter.check('app', 2000);
    assert.deepEqual(refused, { allowed: false, retryAfterSeconds: 9 });
    assert.equal(limiter.check('app', 11_000).allowed, true);
  });
});

describe('sim injected faults and latency', () => {
  it('fails every Graph request with 429 and Retry-After: 1 at 429:1, leaving tokens alone', async () => {
    const sim = await startTestSim({ faults: '429:1' });
    try {
      assert.equal((await requestToken(sim)).status, 200);
      const res = await graphClient(sim, await token(sim))('/users');
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('retry-after'), '1');
    } finally {
      await sim.stop();
    }
  });

  it('fails every Graph request with 503 and Retry-After at 503:1', async () => {
    const sim = await startTestSim({ faults: '503:1' });
    try {
      const res = await graphClient(sim, await token(sim))('/users');
      assert.equal(res.status, 503);
      assert.ok(res.headers.get('retry-after'));
    } finally {
      await sim.stop();
    }
  });

  it('fails about the configured share of requests, reproducibly', () => {
    const draw = () => {
      const injector = new FaultInjector(parseFaults('429:0.1,503:0.05'));
      return Array.from({ length: 2000 }, () => injector.next());
    };
    const outcomes = draw();
    const throttled = outcomes.filter((o) => o === 429).length;
    const unavailable = outcomes.filter((o) => o === 503).length;
    assert.ok(throttled > 140 && throttled < 260, `429s: ${throttled}`);
    assert.ok(unavailable > 60 && unavailable < 140, `503s: ${unavailable}`);
    assert.deepEqual(draw(), outcomes);
  });

  it('rejects malformed fault specifications', () => {
    assert.throws(() => parseFaults('500:0.1'), /Invalid fault/);
    assert.throws(() => parseFaults('429:2'), /Invalid fault/);
    assert.throws(() => parseFaults('429:0.7,503:0.5'), /more than 1/);
    assert.deepEqual(parseFaults(''), []);
  });

  it('adds latencyMs to responses', async () => {
    const sim = await startTestSim({ latencyMs: 150 });
    try {
      const started = Date.now();
      await requestToken(sim);
      assert.ok(Date.now() - started >= 150);
    } finally {
      await sim.stop();
    }
  });
});
