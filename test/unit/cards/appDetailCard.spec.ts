import assert from 'node:assert/strict';
import { appDetailCard, type AdaptiveCard } from '../../../cards/render';
import type { AppDetailView } from '../../../cards/views';
import { elementsOfType, readableLines, textRuns } from './cardText';
import { emptyAppDetail, typicalAppDetail } from './fixtures';
import { assertValidCard } from './validateWithAdaptiveCards';

const SECTION_HEADINGS = [
  'Findings',
  'Application permissions',
  'Directory roles',
  'Credentials',
  'Federated credentials',
  'Delegated grants',
  'Audit evidence',
];

function cardOf(items: unknown): AdaptiveCard {
  return { type: 'AdaptiveCard', version: '1.5', body: Array.isArray(items) ? items : [] };
}

function remediationButtons(card: AdaptiveCard) {
  return elementsOfType(card, 'Action.Execute').map(({ title, verb, data }) => ({ title, verb, data }));
}

function appButtonTitles(view: AppDetailView): unknown[] {
  return remediationButtons(appDetailCard(view))
    .filter((button) => !('item' in (button.data as object)))
    .map((button) => button.title);
}

describe('app detail card', () => {
  it('is a valid Adaptive Card 1.5 for typical data', () => {
    assertValidCard(appDetailCard(typicalAppDetail()));
  });

  it('is a valid Adaptive Card 1.5 when every list is empty', () => {
    assertValidCard(appDetailCard(emptyAppDetail()));
  });

  it('shows a section for each kind of access the app holds', () => {
    const lines = readableLines(appDetailCard(typicalAppDetail()));

    assert.deepEqual(
      SECTION_HEADINGS.filter((heading) => lines.includes(heading)),
      SECTION_HEADINGS,
    );
  });

  it('leaves out sections that have no items', () => {
    const lines = readableLines(appDetailCard(emptyAppDetail()));

    assert.deepEqual(
      SECTION_HEADINGS.filter((heading) => lines.includes(heading)),
      [],
    );
  });

  it('shows the identity facts of the app', () => {
    const lines = readableLines(appDetailCard(typicalAppDetail()));

    for (const fact of [
      'App ID 6f1c3b2a-4d5e-4f60-8a71-000000000001',
      'Service principal ID 0a1b2c3d-0000-4000-8000-000000000001',
      'Origin Registered in this tenant',
      'Publisher Contoso',
      'Sign-in enabled',
      'Created 2025-11-18 13:55 UTC',
      'it-admin@contoso.onmicrosoft.com',
    ]) {
      assert.ok(lines.includes(fact), `missing "${fact}"`);
    }
  });

  it('says "disabled" for a disabled app rather than the boolean', () => {
    const lines = readableLines(appDetailCard({ ...typicalAppDetail(), enabled: false }));

    assert.ok(lines.includes('Sign-in disabled'));
  });

  it('says the app has no owners when it has none', () => {
    assert.ok(readableLines(appDetailCard(emptyAppDetail())).includes('Owners none'));
  });

  it('shows each finding with why it matters and how to fix it', () => {
    const view = typicalAppDetail();
    const lines = readableLines(appDetailCard(view));
    const [finding] = view.findings;

    assert.ok(lines.includes(`CRITICAL ${finding.title}`));
    assert.ok(lines.includes(finding.detail));
    assert.ok(lines.includes(`Why it matters: ${finding.why}`));
    assert.ok(lines.includes(`How to fix: ${finding.fix}`));
  });

  it('shows how each directory role is held', () => {
    const lines = readableLines(appDetailCard(typicalAppDetail()));

    assert.ok(lines.includes('Exchange Administrator via group Messaging Operations'));
    assert.ok(lines.includes('Global Administrator via direct'));
  });

  it('shows each credential with where it lives, when it was added and when it expires', () => {
    const lines = readableLines(appDetailCard(typicalAppDetail()));

    assert.ok(lines.includes('secret sync-2 on application · added 2025-11-19 09:12 UTC · expires 2027-11-19'));
    assert.ok(lines.includes('certificate CN=mail-sync on service principal · added 2025-11-18 14:00 UTC · expires 2026-11-18'));
  });

  it('shows application permissions and tenant-wide delegated grants', () => {
    const lines = readableLines(appDetailCard(typicalAppDetail()));

    assert.ok(lines.includes('Exchange.ManageAsApp on Office 365 Exchange Online · granted 2025-11-18 14:02 UTC'));
    assert.ok(lines.includes('Microsoft Graph: Mail.ReadWrite offline_access · all users'));
  });

  it('shows each audit event with when, what, who and its target', () => {
    const lines = readableLines(appDetailCard(typicalAppDetail()));

    assert.ok(
      lines.includes(
        '2025-11-18 14:02 UTC Add app role assignment to service principal by it-admin@contoso.onmicrosoft.com on Contoso Mail Sync',
      ),
    );
  });

  it('leaves out "on" for an audit event without a target', () => {
    const view = typicalAppDetail();
    view.evidence[0].target = '';
    const lines = readableLines(appDetailCard(view));

    assert.ok(lines.includes('2025-11-18 14:02 UTC Add app role assignment to service principal by it-admin@contoso.onmicrosoft.com'));
  });

  it('says how many older audit events were not shown', () => {
    const lines = readableLines(appDetailCard({ ...typicalAppDetail(), notShownEvidence: 137 }));

    assert.ok(lines.includes('+137 older events not shown'));
  });

  it('has no "older events" line when all events are shown', () => {
    const lines = readableLines(appDetailCard(typicalAppDetail()));

    assert.ok(!lines.some((line) => line.includes('older event')));
  });

  it('colours the risk level of the app', () => {
    const runs = textRuns(appDetailCard({ ...typicalAppDetail(), riskLevel: 'medium' }));

    assert.equal(runs[0].text, 'MEDIUM ');
    assert.equal(runs[0].color, 'Warning');
  });

  describe('remediation buttons', () => {
    it('offers Contain, Disable app and Remove credentials for the app, carrying only the kind and its appId', () => {
      const view = typicalAppDetail();
      const buttons = remediationButtons(appDetailCard(view)).filter((button) => !('item' in (button.data as object)));

      assert.deepEqual(buttons, [
        { title: 'Contain', verb: 'requestRemediation', data: { kind: 'contain', target: view.appId } },
        { title: 'Disable app', verb: 'requestRemediation', data: { kind: 'disableApp', target: view.appId } },
        { title: 'Remove credentials', verb: 'requestRemediation', data: { kind: 'removeCredentials', target: view.appId } },
      ]);
    });

    it('marks Contain as destructive', () => {
      const [contain] = elementsOfType(appDetailCard(typicalAppDetail()), 'Action.Execute');

      assert.deepEqual({ title: contain.title, style: contain.style }, { title: 'Contain', style: 'destructive' });
    });

    it('puts the app buttons right after the findings', () => {
      const card = appDetailCard(typicalAppDetail());
      const findings = card.body.findIndex((element) => readableLines({ ...card, body: [element] })[0] === 'Findings');
      const next = card.body[findings + 1] as { type: string; actions: { title: string }[] };

      assert.equal(next.type, 'ActionSet');
      assert.equal(next.actions[0].title, 'Contain');
    });

    it('offers no Disable app button for an app whose sign-in is already disabled', () => {
      assert.deepEqual(appButtonTitles({ ...typicalAppDetail(), enabled: false }), ['Contain', 'Remove credentials']);
    });

    it('offers no Remove credentials button for an app without credentials or federated credentials', () => {
      assert.deepEqual(appButtonTitles({ ...typicalAppDetail(), credentials: [], federatedCredentials: [] }), ['Contain', 'Disable app']);
    });

    it('offers Remove credentials for an app that has only federated credentials', () => {
      assert.deepEqual(appButtonTitles({ ...typicalAppDetail(), credentials: [] }), ['Contain', 'Disable app', 'Remove credentials']);
    });

    it('still offers Contain for an app with no findings and nothing else', () => {
      assert.deepEqual(appButtonTitles({ ...emptyAppDetail(), enabled: false }), ['Contain']);
    });

    it('gives each application permission a Revoke button carrying the appId and its assignment id', () => {
      const view = typicalAppDetail();
      const revokes = remediationButtons(appDetailCard(view)).filter((button) => button.title === 'Revoke');

      assert.deepEqual(
        revokes,
        view.permissions.map((permission) => ({
          title: 'Revoke',
          verb: 'requestRemediation',
          data: { kind: 'revokePermission', target: view.appId, item: permission.assignmentId },
        })),
      );
    });

    it('puts each Revoke button under its own permission', () => {
      const view = typicalAppDetail();
      view.permissions.push({ ...view.permissions[0], permission: 'full_access_as_app', assignmentId: 'second-assignment' });
      const rows = elementsOfType(appDetailCard(view), 'Container')
        .map((row) => cardOf(row.items))
        .filter((row) => elementsOfType(cardOf(row.body.filter((item) => (item as { type: string }).type === 'ActionSet')), 'Action.Execute').some((action) => action.title === 'Revoke'));

      assert.deepEqual(
        rows.map((row) => [readableLines(row)[0], (elementsOfType(row, 'Action.Execute')[0].data as { item: string }).item]),
        view.permissions.map((permission) => [`${permission.permission} on ${permission.resource} · granted ${permission.granted}`, permission.assignmentId]),
      );
    });

    it('gives each directory role, direct or through a group, a Remove role button carrying the appId and its assignment id', () => {
      const view = typicalAppDetail();
      const removes = remediationButtons(appDetailCard(view)).filter((button) => button.title === 'Remove role');

      assert.deepEqual(
        removes,
        view.roles.map((role) => ({
          title: 'Remove role',
          verb: 'requestRemediation',
          data: { kind: 'removeRole', target: view.appId, item: role.assignmentId },
        })),
      );
    });

    it('offers no Revoke or Remove role button for a row without an assignment id', () => {
      const view = typicalAppDetail();
      view.permissions[0].assignmentId = '';
      view.roles.forEach((role) => (role.assignmentId = ''));
      const titles = remediationButtons(appDetailCard(view)).map((button) => button.title);

      assert.ok(!titles.includes('Revoke'));
      assert.ok(!titles.includes('Remove role'));
    });

    it('sends only kind, target and item: no names or other text', () => {
      const card = appDetailCard(typicalAppDetail());

      for (const action of elementsOfType(card, 'Action.Execute')) {
        assert.deepEqual(Object.keys(action).filter((key) => key !== 'style').sort(), ['data', 'title', 'type', 'verb']);
        assert.equal(action.verb, 'requestRemediation');
        const keys = Object.keys(action.data as object).sort();
        assert.ok(
          JSON.stringify(keys) === '["kind","target"]' || JSON.stringify(keys) === '["item","kind","target"]',
          `unexpected data keys ${keys.join(', ')}`,
        );
      }
    });

    it('is a valid Adaptive Card 1.5 with every button shown', () => {
      const card = appDetailCard(typicalAppDetail());

      assertValidCard(card);
      assert.deepEqual(
        [...new Set(elementsOfType(card, 'Action.Execute').map((action) => action.title))],
        ['Contain', 'Disable app', 'Remove credentials', 'Revoke', 'Remove role'],
      );
    });
  });
});
