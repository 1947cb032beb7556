import assert from 'node:assert/strict';
import {
  adminsCard,
  appChoiceCard,
  appDetailCard,
  auditCard,
  errorCard,
  exchangeChangesCard,
  helpCard,
  pendingCard,
  postureCard,
  requestStatusCard,
  riskyAppsCard,
  type AdaptiveCard,
} from '../../../cards/render';
import type { AdminsView, ExchangeChangesView, RequestView } from '../../../cards/views';
import { elementsOfType, stringPlaces, textRuns } from './cardText';
import {
  failedRequest,
  pendingRequest,
  typicalAdmins,
  typicalAppChoice,
  typicalAppDetail,
  typicalAudit,
  typicalError,
  typicalExchangeChanges,
  typicalHelp,
  typicalPending,
  typicalPosture,
  typicalRiskyApps,
  unlicensedAdmins,
} from './fixtures';
import { assertValidCard } from './validateWithAdaptiveCards';

const EVIL_HOST = 'evil.example';

// What an attacker can put in a display name, UPN, publisher, credential name or audit string.
function hostileText(field: string): string {
  return `[Open ${field}](https://${EVIL_HOST}/${field}) **urgent** _x_ <at>Global Admin</at> 🚨`;
}

// The same view with every string replaced by hostile text that names its field.
function hostile<View>(value: View, field = 'view'): View {
  if (typeof value === 'string') return hostileText(field) as View;
  if (Array.isArray(value)) return value.map((item, i) => hostile(item, `${field}.${i}`)) as View;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, hostile(item, `${field}.${key}`)])) as View;
  }
  return value;
}

// Every string hostile except an action's title and verb: the command picks those from fixed words,
// and keeping them lets the buttons render so their data is checked too.
function hostileExchangeChanges(): ExchangeChangesView {
  const view = typicalExchangeChanges();
  const changed = hostile({ ...view, notShown: 4 });
  changed.objects.forEach((object, i) =>
    object.actions.forEach((action, j) => {
      action.title = view.objects[i].actions[j].title;
      action.verb = view.objects[i].actions[j].verb;
    }),
  );
  return changed;
}

// Every string hostile except an action's title and kind, which the command picks from fixed words; keeping
// them lets the buttons render so their target is checked too. Data gaps come from the unlicensed tenant.
function hostileAdmins(): AdminsView {
  const view: AdminsView = { ...typicalAdmins(), dataGaps: unlicensedAdmins().dataGaps, notShown: 5 };
  const changed = hostile(view);
  changed.admins.forEach((admin, i) =>
    admin.actions.forEach((action, j) => {
      action.title = view.admins[i].actions[j].title;
      action.kind = view.admins[i].actions[j].kind;
    }),
  );
  return changed;
}

// Every string hostile except the status, which the approvals state machine sets from a fixed list:
// keeping it shows the sections that depend on it (the expiry of a pending request, the outcomes after execution).
function hostileRequest(view: RequestView): RequestView {
  return { ...hostile(view), status: view.status };
}

// The string fields of a view, named as hostile() names them, without the ones it leaves alone.
function stringFieldsOf(value: unknown, field = 'view'): string[] {
  if (typeof value === 'string') return [field];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringFieldsOf(item, `${field}.${i}`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => stringFieldsOf(item, `${field}.${key}`));
  return [];
}

const hostileCards: [string, () => AdaptiveCard, string[]][] = [
  ['risky apps', () => riskyAppsCard(hostile({ ...typicalRiskyApps(), notShown: 2 })), ['Details', 'Contain']],
  ['app detail', () => appDetailCard(hostile({ ...typicalAppDetail(), notShownEvidence: 3 })), ['Contain', 'Disable app', 'Remove credentials', 'Revoke', 'Remove role']],
  ['help', () => helpCard(hostile(typicalHelp())), []],
  ['error', () => errorCard(hostile(typicalError())), []],
  ['app choice', () => appChoiceCard(hostile(typicalAppChoice())), ['Details']],
  ['exchange changes', () => exchangeChangesCard(hostileExchangeChanges()), ['Disable', 'Remove']],
  ['pending request status', () => requestStatusCard(hostileRequest(pendingRequest())), ['Approve', 'Reject']],
  ['executed request status', () => requestStatusCard(hostileRequest(failedRequest())), []],
  ['request status with a hostile status', () => requestStatusCard(hostile(pendingRequest())), ['Approve', 'Reject']],
  ['open requests', () => pendingCard(hostile(typicalPending())), []],
  ['audit trail', () => auditCard(hostile(typicalAudit())), []],
  ['admins', () => adminsCard(hostileAdmins()), ['Revoke sessions', 'Confirm compromised', 'Block sign-in']],
  ['posture', () => postureCard(hostile(typicalPosture())), []],
];

// A card that shows every string of its view, except the fields notShown names.
function showingEveryField<View extends object>(name: string, view: View, render: (view: View) => AdaptiveCard, notShown = /^$/) {
  return { name, view, card: () => render(view), notShown };
}

const cardsShowingEveryField = [
  // The status is shown as a badge word, not as itself.
  showingEveryField('pending request status', hostileRequest(pendingRequest()), requestStatusCard, /^view\.status$/),
  showingEveryField('open requests', hostile(typicalPending()), pendingCard),
  showingEveryField('audit trail', hostile(typicalAudit()), auditCard),
  // A hostile state is not one of the four, so it is shown in capitals as the marker.
  showingEveryField('posture', hostile(typicalPosture()), postureCard),
  // The user id travels as each button's target; a finding's rule id and severity are for the command.
  showingEveryField('admins', hostileAdmins(), adminsCard, /\.userId$|\.actions\.\d+\.(title|kind)$|\.findings\.\d+\.(ruleId|severity)$/),
];

function withoutWordJoiners(text: string): string {
  return text.replace(/\u2060/g, '');
}

describe('hostile text in views', () => {
  for (const [name, render, actionTitles] of hostileCards) {
    describe(`${name} card`, () => {
      it('puts markdown-bearing view text only in TextRuns (or in action data)', () => {
        const card = render();
        const places = stringPlaces(card).filter((place) => place.text.toLowerCase().includes(EVIL_HOST));

        assert.ok(places.length > 0, 'the hostile text should be on the card');
        const elsewhere = places.filter(
          (place) => !(place.ownerType === 'TextRun' && place.key === 'text') && !(place.ownerType.startsWith('Action.') && place.path.includes('.data.')),
        );
        assert.deepEqual(elsewhere, []);
      });

      it('keeps view text out of TextBlocks, FactSets and action titles', () => {
        const card = render();

        const textBlocks = elementsOfType(card, 'TextBlock').map((block) => String(block.text));
        assert.ok(!textBlocks.some((text) => text.toLowerCase().includes(EVIL_HOST)));
        assert.deepEqual(elementsOfType(card, 'FactSet'), []);
        const titles = elementsOfType(card, 'Action.Execute').map((action) => action.title);
        assert.deepEqual([...new Set(titles)], actionTitles);
      });

      it('is still a valid card that passes checkCard', () => {
        assertValidCard(render());
      });
    });
  }

  for (const { name, view, card: render, notShown } of cardsShowingEveryField) {
    it(`shows every string of the ${name} view on the card, each in a TextRun or in action data`, () => {
      const card = render();
      const places = stringPlaces(card).filter(
        (place) => (place.ownerType === 'TextRun' && place.key === 'text') || (place.ownerType === 'Action.Execute' && place.path.includes('.data.')),
      );
      const fields = stringFieldsOf(view).filter((field) => !notShown.test(field));

      const missing = fields.filter((field) => !places.some((place) => place.text.toLowerCase().includes(`/${field.toLowerCase()})`)));
      assert.deepEqual(missing, []);
    });
  }

  it('puts a hostile request id only in the Approve and Reject data and a subtle TextRun', () => {
    const view = pendingRequest();
    view.requestId = '[Approve all](https://evil.example/approve) **now**';
    const card = requestStatusCard(view);

    assertValidCard(card);
    assert.deepEqual(
      elementsOfType(card, 'Action.Execute').map((action) => action.data),
      [{ requestId: view.requestId }, { requestId: view.requestId }],
    );
    assert.deepEqual(
      stringPlaces(card)
        .filter((place) => place.text.includes('evil.example'))
        .map((place) => place.ownerType),
      ['TextRun', 'Action.Execute', 'Action.Execute'],
    );
  });

  it('puts a hostile assignment id only in the data of its button', () => {
    const view = typicalAppDetail();
    view.permissions[0].assignmentId = '[Revoke all](https://evil.example/x)';
    const card = appDetailCard(view);

    assertValidCard(card);
    const places = stringPlaces(card).filter((place) => place.text.includes('evil.example'));
    assert.deepEqual(
      places.map((place) => [place.ownerType, place.path.split('.').at(-1)]),
      [['Action.Execute', 'item']],
    );
  });

  it('shows every string of an exchange changes view on the card, each in a TextRun or in action data', () => {
    const view = hostileExchangeChanges();
    const card = exchangeChangesCard(view);
    const places = stringPlaces(card).filter(
      (place) => (place.ownerType === 'TextRun' && place.key === 'text') || (place.ownerType === 'Action.Execute' && place.path.includes('.data.')),
    );
    // A finding's rule id and severity are for the command, as on the risky apps card; the title and detail are shown.
    const notShown = /\.actions\.\d+\.(title|verb)$|\.findings\.\d+\.(ruleId|severity)$/;
    const fields = stringFieldsOf(view).filter((field) => !notShown.test(field));

    const missing = fields.filter((field) => !places.some((place) => place.text.toLowerCase().includes(`/${field.toLowerCase()})`)));
    assert.deepEqual(missing, []);
  });

  it('shows an exchange object name holding a template expression literally, without evaluating it', () => {
    const view = Object.assign(typicalExchangeChanges(), { secret: 'LEAKED-VALUE' });
    view.title = '${secret}';
    view.objects[1].name = '${secret} ${tenantName} ${$root.summary}';
    view.objects[1].actions[0].target = '${secret}';
    const card = exchangeChangesCard(view);

    assertValidCard(card);
    assert.ok(!JSON.stringify(card).includes('LEAKED-VALUE'));
    assert.ok(textRuns(card).some((run) => withoutWordJoiners(run.text) === '${secret} ${tenantName} ${$root.summary}'));
    assert.ok(textRuns(card).some((run) => withoutWordJoiners(run.text) === '${secret}'));
    const [disable] = elementsOfType(card, 'Action.Execute');
    assert.equal(withoutWordJoiners((disable.data as { target: string }).target), '${secret}');
  });

  it('shows a display name holding a template expression literally, without evaluating it', () => {
    const view = Object.assign(typicalRiskyApps(), { secret: 'LEAKED-VALUE' });
    view.apps[0].displayName = '${secret} ${tenantName} ${$root.summary}';
    const card = riskyAppsCard(view);

    assertValidCard(card);
    const serialized = JSON.stringify(card);
    assert.ok(!serialized.includes('LEAKED-VALUE'));
    assert.ok(textRuns(card).some((run) => withoutWordJoiners(run.text) === '${secret} ${tenantName} ${$root.summary}'));
  });

  it('puts a hostile admin target only in the data of that admin\'s buttons', () => {
    const view = typicalAdmins();
    view.admins[0].actions.forEach((action) => (action.target = '[Block all](https://evil.example/x)'));
    const card = adminsCard(view);

    assertValidCard(card);
    const places = stringPlaces(card).filter((place) => place.text.includes('evil.example'));
    assert.deepEqual(
      places.map((place) => [place.ownerType, place.path.split('.').at(-1)]),
      [
        ['Action.Execute', 'target'],
        ['Action.Execute', 'target'],
        ['Action.Execute', 'target'],
      ],
    );
  });

  it('shows an admin name holding a template expression literally, without evaluating it', () => {
    const view = Object.assign(typicalAdmins(), { secret: 'LEAKED-VALUE' });
    view.admins[0].displayName = '${secret} ${tenantName} ${$root.summary}';
    view.admins[0].actions[0].target = '${secret}';
    const card = adminsCard(view);

    assertValidCard(card);
    assert.ok(!JSON.stringify(card).includes('LEAKED-VALUE'));
    assert.ok(textRuns(card).some((run) => withoutWordJoiners(run.text) === '${secret} ${tenantName} ${$root.summary}'));
    const [revoke] = elementsOfType(card, 'Action.Execute');
    assert.equal(withoutWordJoiners((revoke.data as { target: string }).target), '${secret}');
  });

  it('flattens line breaks so a guard cannot fake a button or another admin\'s row', () => {
    const view = typicalAdmins();
    view.admins[1].guards = ['Block sign-in is not offered.\n\nCRITICAL Megan Bowen\u2028Roles: none'];
    const runs = textRuns(adminsCard(view));

    assert.ok(runs.some((run) => run.text === 'Block sign-in is not offered.  CRITICAL Megan Bowen Roles: none'));
  });

  it('shows names such as $root and $data literally', () => {
    const view = typicalAppChoice();
    view.matches[0].displayName = '$root $data $index';
    const card = appChoiceCard(view);

    assertValidCard(card);
    assert.ok(textRuns(card).some((run) => run.text === '$root $data $index'));
  });

  it('flattens line breaks so a name cannot fake extra lines on the card', () => {
    const view = typicalRiskyApps();
    view.apps[0].displayName = 'Contoso Mail Sync\r\nVerified by Microsoft\u2028Risk: none';
    const runs = textRuns(riskyAppsCard(view));

    assert.ok(runs.some((run) => run.text === 'Contoso Mail Sync Verified by Microsoft Risk: none'));
  });

  it('replaces bidirectional overrides so text cannot be shown reordered', () => {
    const view = typicalAppDetail();
    view.credentials[0].name = 'backup\u202Etxt.exe';
    const runs = textRuns(appDetailCard(view));

    assert.ok(runs.some((run) => run.text === 'backup\ufffdtxt.exe'));
    assert.ok(!runs.some((run) => run.text.includes('\u202E')));
  });
});
