import assert from 'node:assert/strict';
import { CardCheckError, adminsCard } from '../../../cards/render';
import type { AdminActionView, AdminRowView, AdminsView } from '../../../cards/views';
import { elementsOfType, readableLines, textRuns } from './cardText';
import { emptyAdmins, typicalAdmins, unlicensedAdmins } from './fixtures';
import { assertValidCard } from './validateWithAdaptiveCards';

const NOTHING_MATCHES = 'No account with a privileged role matches.';

function withAdmins(admins: AdminRowView[]): AdminsView {
  return { ...typicalAdmins(), admins };
}

function withActions(actions: AdminActionView[]): AdminsView {
  const [nestor] = typicalAdmins().admins;
  return withAdmins([{ ...nestor, actions }]);
}

function buttonsOf(view: AdminsView) {
  return elementsOfType(adminsCard(view), 'Action.Execute');
}

function revokeSessions(target: string): AdminActionView {
  return { title: 'Revoke sessions', kind: 'revokeSessions', target };
}

function confirmCompromised(target: string): AdminActionView {
  return { title: 'Confirm compromised', kind: 'confirmCompromised', target };
}

function blockSignIn(target: string): AdminActionView {
  return { title: 'Block sign-in', kind: 'blockSignIn', target };
}

describe('admins card', () => {
  it('is a valid Adaptive Card 1.5 for typical data', () => {
    assertValidCard(adminsCard(typicalAdmins()));
  });

  it('shows the title, tenant, time and summary under one another', () => {
    const view = typicalAdmins();
    const lines = readableLines(adminsCard(view));

    assert.deepEqual(lines.slice(0, 3), ['Risky admins', 'Contoso · 2026-11-20 09:00 UTC', view.summary]);
  });

  it('shows the title from the view as a large bold run, so one template serves both admin commands', () => {
    const [title] = elementsOfType(adminsCard({ ...typicalAdmins(), title: 'Admins without MFA' }), 'TextRun');

    assert.deepEqual({ text: title.text, size: title.size, weight: title.weight }, { text: 'Admins without MFA', size: 'Large', weight: 'Bolder' });
  });

  it('shows each data gap in warning colour, on its own line after the summary', () => {
    const view = unlicensedAdmins();
    const card = adminsCard(view);
    const lines = readableLines(card);

    assertValidCard(card);
    assert.deepEqual(
      view.dataGaps.map((gap) => textRuns(card).find((run) => run.text === gap)?.color),
      ['Warning', 'Warning'],
    );
    assert.ok(view.dataGaps.every((gap) => lines.indexOf(gap) > lines.indexOf(view.summary)));
  });

  it('has no warning-coloured text besides the medium badge when nothing is missing', () => {
    const runs = textRuns(adminsCard(typicalAdmins()));

    assert.deepEqual(
      runs.filter((run) => run.color === 'Warning').map((run) => run.text),
      ['MEDIUM '],
    );
  });

  it('names each admin in bold with the user principal name subtle beside it', () => {
    const view = typicalAdmins();
    const card = adminsCard(view);
    const runs = elementsOfType(card, 'TextRun');

    assert.ok(readableLines(card).includes('CRITICAL Nestor Wilke · NestorW@contoso.onmicrosoft.com'));
    for (const admin of view.admins) {
      assert.equal(runs.find((run) => run.text === admin.displayName)?.weight, 'Bolder', admin.displayName);
      assert.equal(runs.find((run) => run.text === ` · ${admin.userPrincipalName}`)?.isSubtle, true, admin.displayName);
    }
  });

  it('shows roles, MFA, enforcement, user risk and last sign-in as subtle labels with the values in their own runs', () => {
    const [nestor] = typicalAdmins().admins;
    const card = adminsCard(withAdmins([nestor]));
    const lines = readableLines(card);
    const runs = elementsOfType(card, 'TextRun');
    const labelled: [string, string][] = [
      ['Roles: ', nestor.roles],
      ['MFA: ', nestor.mfa],
      ['Enforced: ', nestor.enforcement],
      ['User risk: ', nestor.userRisk],
      ['Last sign-in: ', nestor.lastSignIn],
    ];

    for (const [label, value] of labelled) {
      assert.ok(lines.includes(`${label}${value}`), `missing "${label}${value}"`);
      assert.equal(runs.find((run) => run.text === label)?.isSubtle, true, label);
      assert.ok(runs.some((run) => run.text === value), value);
    }
  });

  it('shows each finding as its bold title and its detail', () => {
    const [nestor] = typicalAdmins().admins;
    const card = adminsCard(withAdmins([nestor]));
    const runs = elementsOfType(card, 'TextRun');

    for (const finding of nestor.findings) {
      assert.ok(readableLines(card).includes(`${finding.title}: ${finding.detail}`), finding.title);
      assert.equal(runs.find((run) => run.text === finding.title)?.weight, 'Bolder', finding.title);
    }
  });

  it('shows each guard on its own subtle line', () => {
    const megan = typicalAdmins().admins[1];
    const guards = [...megan.guards, 'Confirm compromised is not offered: Entra ID P2 is needed.'];
    const card = adminsCard(withAdmins([{ ...megan, guards }]));
    const lines = readableLines(card);
    const runs = elementsOfType(card, 'TextRun');

    for (const guard of guards) {
      assert.ok(lines.includes(guard), `missing "${guard}"`);
      assert.equal(runs.find((run) => run.text === guard)?.isSubtle, true, guard);
    }
  });

  it('colours critical and high risk as attention, medium as warning and low as default', () => {
    const [nestor] = typicalAdmins().admins;
    const admins = (['critical', 'high', 'medium', 'low'] as const).map((riskLevel) => ({ ...nestor, riskLevel }));
    const runs = textRuns(adminsCard(withAdmins(admins)));

    const colours = ['CRITICAL ', 'HIGH ', 'MEDIUM ', 'LOW '].map((badge) => runs.find((run) => run.text === badge)?.color);
    assert.deepEqual(colours, ['Attention', 'Attention', 'Warning', 'Default']);
  });

  it('shows no risk badge on an admin with no risk', () => {
    const lee = typicalAdmins().admins[2];
    const card = adminsCard(withAdmins([lee]));

    assert.equal(readableLines(card)[3], `${lee.displayName} · ${lee.userPrincipalName}`);
    assert.ok(!textRuns(card).some((run) => /^(NONE|OK) $/.test(run.text) || run.color === 'Attention' || run.color === 'Warning'));
  });

  it('gives each admin the buttons the view offers, asking for remediation with only the kind and the target', () => {
    const [nestor, megan] = typicalAdmins().admins;

    assert.deepEqual(buttonsOf(typicalAdmins()), [
      { type: 'Action.Execute', title: 'Revoke sessions', verb: 'requestRemediation', data: { kind: 'revokeSessions', target: nestor.userId } },
      { type: 'Action.Execute', title: 'Confirm compromised', verb: 'requestRemediation', data: { kind: 'confirmCompromised', target: nestor.userId } },
      {
        type: 'Action.Execute',
        title: 'Block sign-in',
        verb: 'requestRemediation',
        data: { kind: 'blockSignIn', target: nestor.userId },
        style: 'destructive',
      },
      { type: 'Action.Execute', title: 'Revoke sessions', verb: 'requestRemediation', data: { kind: 'revokeSessions', target: megan.userId } },
      { type: 'Action.Execute', title: 'Confirm compromised', verb: 'requestRemediation', data: { kind: 'confirmCompromised', target: megan.userId } },
    ]);
  });

  it('puts the buttons of each admin in that admin row, and none in a row without actions', () => {
    const actionSets = elementsOfType(adminsCard(typicalAdmins()), 'ActionSet');

    assert.deepEqual(
      actionSets.map((set) => (set.actions as { title: string }[]).map((action) => action.title)),
      [['Revoke sessions', 'Confirm compromised', 'Block sign-in'], ['Revoke sessions', 'Confirm compromised']],
    );
  });

  it('shows a button only for a kind the view offers', () => {
    const target = typicalAdmins().admins[0].userId;
    const cases: [AdminActionView, string][] = [
      [revokeSessions(target), 'Revoke sessions'],
      [confirmCompromised(target), 'Confirm compromised'],
      [blockSignIn(target), 'Block sign-in'],
    ];

    for (const [action, title] of cases) {
      assert.deepEqual(
        buttonsOf(withActions([action])).map((button) => button.title),
        [title],
      );
    }
  });

  it('orders the buttons Revoke sessions, Confirm compromised, Block sign-in whatever the order in the view', () => {
    const target = typicalAdmins().admins[0].userId;

    assert.deepEqual(
      buttonsOf(withActions([blockSignIn(target), revokeSessions(target), confirmCompromised(target)])).map((button) => button.title),
      ['Revoke sessions', 'Confirm compromised', 'Block sign-in'],
    );
  });

  it('takes the button title from the kind, never from the view', () => {
    const target = typicalAdmins().admins[0].userId;
    const mislabelled: AdminActionView = { ...revokeSessions(target), title: 'Block sign-in' };

    assert.deepEqual(
      buttonsOf(withActions([mislabelled])).map((button) => ({ title: button.title, style: button.style })),
      [{ title: 'Revoke sessions', style: undefined }],
    );
  });

  it('never shows a button for a kind it does not know', () => {
    const target = typicalAdmins().admins[0].userId;
    const unknown = { title: 'Block sign-in', kind: 'deleteUser', target } as unknown as AdminActionView;
    const card = adminsCard(withActions([unknown]));

    assertValidCard(card);
    assert.deepEqual(elementsOfType(card, 'ActionSet'), []);
  });

  it('has exactly the three fixed button titles and no other action anywhere', () => {
    const titles = elementsOfType(adminsCard(typicalAdmins()), 'Action.Execute').map((action) => action.title);

    assert.deepEqual([...new Set(titles)], ['Revoke sessions', 'Confirm compromised', 'Block sign-in']);
    assert.equal(adminsCard(typicalAdmins()).actions, undefined);
  });

  it('says how many admins were not shown, only when some were left out', () => {
    assert.ok(readableLines(adminsCard({ ...typicalAdmins(), notShown: 12 })).includes('+12 more not shown'));
    assert.ok(!readableLines(adminsCard(typicalAdmins())).some((line) => line.includes('not shown')));
  });

  it('says plainly that no privileged account matches when the list is empty', () => {
    const card = adminsCard(emptyAdmins());

    assertValidCard(card);
    assert.ok(readableLines(card).includes(NOTHING_MATCHES));
    assert.deepEqual(elementsOfType(card, 'Action.Execute'), []);
  });

  it('does not claim nothing matches when admins were left out of an empty list', () => {
    const lines = readableLines(adminsCard({ ...emptyAdmins(), notShown: 3 }));

    assert.ok(!lines.includes(NOTHING_MATCHES));
    assert.ok(lines.includes('+3 more not shown'));
  });

  it('refuses to render a view with a missing field instead of showing the raw expression', () => {
    const view = typicalAdmins();
    view.admins[0] = { ...view.admins[0], enforcement: undefined } as unknown as AdminRowView;

    assert.throws(
      () => adminsCard(view),
      (error: unknown) => error instanceof CardCheckError && /\$\{enforcement\} was left unexpanded/.test(error.message),
    );
  });
});
