import assert from 'node:assert/strict';
import { appDetailCard } from '../../../cards/render';
import { readableLines, textRuns } from './cardText';
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
});
