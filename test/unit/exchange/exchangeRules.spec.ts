import assert from 'node:assert/strict';
import { buildHistories, type ObjectHistory } from '../../../services/exchange/history';
import { findBursts } from '../../../services/exchange/bursts';
import { assessObject } from '../../../services/detection/exchange/rules';
import { auditQueryRecords } from '../../../services/exchange/auditLog';
import type { GraphApi } from '../../../services/graph/graphApi';
import { ATTACKER_APP_ID, context, inWindow, inboundConnectors, record, transportRules } from './scenarioRecords';

const byName = (histories: ObjectHistory[], name: string) => histories.find((h) => h.name === name)!;

describe('Exchange change rules', () => {
  describe('on the default scenario', () => {
    it('the attacker\'s connector was created and removed by the attacker\'s app: critical, with relay risk', () => {
      const histories = buildHistories('inboundConnector', inWindow(90), inboundConnectors);
      const attacker = histories.find((h) => h.changes.some((c) => c.actor.id === ATTACKER_APP_ID))!;
      const assessment = assessObject(attacker, context(90));
      assert.equal(assessment.riskLevel, 'critical');
      const rules = assessment.findings.map((f) => f.ruleId);
      for (const id of ['created-then-removed', 'changed-by-app', 'inbound-connector-relay']) assert.ok(rules.includes(id), `${id} in ${rules}`);
      assert.match(assessment.findings.find((f) => f.ruleId === 'changed-by-app')!.detail, /one of the risky apps/);
      assert.equal(attacker.live, undefined, 'it no longer exists today');
    });

    it('the partner connector made months ago is listed without alarm', () => {
      const histories = buildHistories('inboundConnector', inWindow(90), inboundConnectors);
      const partner = byName(histories, 'Fabrikam partner TLS');
      assert.ok(partner.live);
      assert.equal(assessObject(partner, context(90)).riskLevel, 'none');
    });

    it('finds the two twelve-rule campaigns as bursts by the app, and every rule strips a header', () => {
      const histories = buildHistories('transportRule', inWindow(30), transportRules);
      const bursts = findBursts(histories);
      assert.deepEqual(bursts.map((b) => b.histories.length), [12, 12]);
      for (const burst of bursts) {
        assert.equal(burst.actor.id, ATTACKER_APP_ID);
        for (const history of burst.histories) {
          const findings = assessObject(history, context(30)).findings.map((f) => f.ruleId);
          assert.ok(findings.includes('rule-rewrites-headers'), history.name);
          assert.ok(findings.includes('created-then-removed'), history.name);
        }
      }
    });

    it('the live header-stripping rule made two days ago is flagged; the disclaimer rule is not', () => {
      const histories = buildHistories('transportRule', inWindow(30), transportRules);
      const ongoing = histories.find((h) => h.live && h.changes.some((c) => c.actor.id === ATTACKER_APP_ID))!;
      const ongoingFindings = assessObject(ongoing, context(30)).findings.map((f) => f.ruleId);
      assert.ok(ongoingFindings.includes('rule-bypasses-filtering'));
      assert.ok(ongoingFindings.includes('changed-by-app'));
      assert.equal(assessObject(byName(histories, 'External email disclaimer'), context(30)).riskLevel, 'none');
    });
  });

  describe('on hand-written edge cases', () => {
    it('the same record returned twice counts once', () => {
      const created = record('New-InboundConnector', 'Relay', '2026-11-10T10:00:00Z', { id: 'same' });
      const [history] = buildHistories('inboundConnector', [created, created], []);
      assert.equal(history.changes.length, 1);
    });

    it('a create and a remove of the same connector in one page make the campaign pattern', () => {
      const page = [
        record('Remove-InboundConnector', 'Relay', '2026-11-12T10:00:00Z', { user: 'x@contoso.com' }),
        record('New-InboundConnector', 'Relay', '2026-11-10T10:00:00Z', { user: 'x@contoso.com', parameters: { ConnectorType: 'OnPremises' } }),
      ];
      const [history] = buildHistories('inboundConnector', page, []);
      assert.deepEqual(history.changes.map((c) => c.verb), ['New', 'Remove'], 'ordered by time, not by page order');
      const assessment = assessObject(history, context(30));
      assert.equal(assessment.findings.find((f) => f.ruleId === 'created-then-removed')?.severity, 'high');
      assert.ok(assessment.findings.some((f) => f.ruleId === 'inbound-connector-relay'), 'settings come from the removed connector\'s New- record');
    });

    it('a rule burst split across two result pages is still one burst, and a duplicate at the page boundary is dropped', async () => {
      const app = '11111111-0000-4000-8000-000000000001';
      const burst = Array.from({ length: 6 }, (_, i) => record('New-TransportRule', `Rule ${i}`, `2026-11-10T10:0${i}:00Z`, { appId: app }));
      const pages = [burst.slice(0, 4), [burst[3], ...burst.slice(4)]];
      const graph = { list: async () => pages.flat() } as unknown as GraphApi;
      const records = await auditQueryRecords(graph, 'query-1');
      assert.equal(records.length, 6);
      const bursts = findBursts(buildHistories('transportRule', records, []));
      assert.equal(bursts.length, 1);
      assert.equal(bursts[0].histories.length, 6);
    });

    it('creations more than ten minutes apart are not a burst', () => {
      const spread = [0, 15, 30, 45].map((m) => record('New-TransportRule', `R${m}`, new Date(Date.UTC(2026, 10, 10, 10, m)).toISOString(), { user: 'a@contoso.com' }));
      assert.deepEqual(findBursts(buildHistories('transportRule', spread, [])), []);
    });

    it('a change by a trusted app is named as trusted and raises no app alarm', () => {
      const trusted = '22222222-0000-4000-8000-000000000002';
      const [history] = buildHistories('inboundConnector', [record('Set-InboundConnector', 'Relay', '2026-11-10T10:00:00Z', { appId: trusted, parameters: { Enabled: 'False' } })], []);
      const findings = assessObject(history, context(30, { trustedAppIds: new Set([trusted]) })).findings;
      assert.ok(!findings.some((f) => f.ruleId === 'changed-by-app'));
    });

    it('a failed cmdlet (ResultStatus False) is not a change', () => {
      const failed = record('New-InboundConnector', 'Relay', '2026-11-10T10:00:00Z');
      failed.auditData.ResultStatus = 'False';
      assert.deepEqual(buildHistories('inboundConnector', [failed], []), []);
    });

    it('a connector that exists now with no audit record yet is "new, not yet in the audit log"', () => {
      const fresh = { Identity: 'Fresh', Name: 'Fresh', Enabled: true, ConnectorType: 'Partner', WhenCreated: '2026-11-20T08:30:00Z' };
      const [history] = buildHistories('inboundConnector', [], [fresh]);
      const assessment = assessObject(history, context(30));
      assert.equal(assessment.findings[0].ruleId, 'not-yet-audited');
      assert.equal(assessment.riskLevel, 'high');
    });
  });
});
