import assert from 'node:assert/strict';
import {
  CardTooLargeError,
  MAX_CARD_BYTES,
  adminsCard,
  appDetailCard,
  auditCard,
  cardBytes,
  checkCard,
  exchangeChangesCard,
  fitsInCard,
  postureCard,
  riskyAppsCard,
  type AdaptiveCard,
} from '../../../cards/render';
import { elementsOfType } from './cardText';
import {
  typicalExchangeChanges,
  worstCaseAdmins,
  worstCaseAppDetail,
  worstCaseAudit,
  worstCaseExchangeChanges,
  worstCasePosture,
  worstCaseRiskyApps,
} from './fixtures';
import { adaptiveCardsProblems, assertValidCard } from './validateWithAdaptiveCards';

function cardOfBytes(bytes: number): AdaptiveCard {
  const empty: AdaptiveCard = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '' }] }] };
  const padding = 'x'.repeat(bytes - cardBytes(empty));
  return { ...empty, body: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: padding }] }] };
}

describe('card size', () => {
  it('fits 14 apps with three long reasons and two buttons each in the risky apps card', () => {
    const view = worstCaseRiskyApps();
    const card = riskyAppsCard({ ...view, apps: view.apps.slice(0, 14), notShown: view.notShown + 1 });

    assertValidCard(card);
    assert.equal(elementsOfType(card, 'Action.Execute').length, 28);
  });

  it('refuses 15 such apps, for the list command to show fewer', () => {
    assert.throws(
      () => riskyAppsCard(worstCaseRiskyApps()),
      (error: unknown) => error instanceof CardTooLargeError && error.bytes >= MAX_CARD_BYTES,
    );
  });

  it('fits 50 audit events in the app detail card with every remediation button', () => {
    const card = appDetailCard(worstCaseAppDetail());

    assertValidCard(card);
    assert.equal(elementsOfType(card, 'Action.Execute').length, 3 + 4 + 2);
  });

  it('fits a page of 25 audit trail entries with 300-character details', () => {
    const view = worstCaseAudit();
    const card = auditCard(view);

    assertValidCard(card);
    assert.ok(view.entries.every((entry) => entry.details.length === 300));
    assert.equal(elementsOfType(card, 'Container').length, 25);
  });

  it('fits the typical exchange changes card', () => {
    assert.equal(fitsInCard(exchangeChangesCard(typicalExchangeChanges())), true);
  });

  it('refuses 25 changed objects with 3 findings and 4 events each plus 5 bursts, naming the size', () => {
    assert.throws(
      () => exchangeChangesCard(worstCaseExchangeChanges()),
      (error: unknown) => error instanceof CardTooLargeError && error.bytes >= MAX_CARD_BYTES,
    );
  });

  it('returns the oversized exchange changes card when asked, valid apart from its size, for the command to shrink', () => {
    const card = exchangeChangesCard(worstCaseExchangeChanges(), { checkSize: false });

    assert.equal(fitsInCard(card), false);
    assert.deepEqual(adaptiveCardsProblems(card), []);
    assert.equal(checkCard(card).length, 1);
    assert.match(checkCard(card)[0], /^card is \d+ bytes; it must stay under 28672$/);
  });

  it('fits the exchange changes card once the command shows 5 of the 25 objects', () => {
    const view = worstCaseExchangeChanges();
    const card = exchangeChangesCard({ ...view, objects: view.objects.slice(0, 5), notShown: view.notShown + 20 });

    assertValidCard(card);
  });

  it('fits 7 admins with three long findings, two guards and three buttons each in the admins card', () => {
    const view = worstCaseAdmins();
    const card = adminsCard({ ...view, admins: view.admins.slice(0, 7), notShown: view.notShown + 18 });

    assertValidCard(card);
    assert.equal(elementsOfType(card, 'Action.Execute').length, 7 * 3);
  });

  it('refuses 8 such admins, for the admin commands to show fewer', () => {
    const view = worstCaseAdmins();

    assert.throws(
      () => adminsCard({ ...view, admins: view.admins.slice(0, 8), notShown: view.notShown + 17 }),
      (error: unknown) => error instanceof CardTooLargeError && error.bytes >= MAX_CARD_BYTES,
    );
  });

  it('returns the 25-admin card when asked, valid apart from its size, for the command to shrink', () => {
    const card = adminsCard(worstCaseAdmins(), { checkSize: false });

    assert.equal(fitsInCard(card), false);
    assert.deepEqual(adaptiveCardsProblems(card), []);
    assert.equal(checkCard(card).length, 1);
    assert.match(checkCard(card)[0], /^card is \d+ bytes; it must stay under 28672$/);
  });

  it('fits 20 posture lines with 300-character texts and a command each', () => {
    const view = worstCasePosture();
    const card = postureCard(view);

    assertValidCard(card);
    assert.equal(elementsOfType(card, 'Container').length, 20);
  });

  it('refuses to return a card over 28 KB', () => {
    const view = worstCaseRiskyApps();
    view.apps = [...view.apps, ...view.apps];

    assert.throws(
      () => riskyAppsCard(view),
      (error: unknown) => error instanceof CardTooLargeError && error.bytes >= MAX_CARD_BYTES,
    );
  });

  it('returns an oversized card when asked not to check size, so the command can shrink it', () => {
    const view = worstCaseRiskyApps();
    view.apps = [...view.apps, ...view.apps];
    const card = riskyAppsCard(view, { checkSize: false });

    assert.equal(fitsInCard(card), false);
  });

  it('fits a card below 28,672 bytes and not one at it', () => {
    assert.equal(fitsInCard(cardOfBytes(MAX_CARD_BYTES - 1)), true);
    assert.equal(fitsInCard(cardOfBytes(MAX_CARD_BYTES)), false);
  });

  it('counts the size in UTF-8 bytes, not characters', () => {
    const plain = cardOfBytes(200);
    const accented = { ...plain, body: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'é🚨' }] }] };
    const ascii = { ...plain, body: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '' }] }] };

    assert.equal(cardBytes(accented) - cardBytes(ascii), 2 + 4);
  });

  it('reports an oversized card in checkCard', () => {
    assert.match(checkCard(cardOfBytes(MAX_CARD_BYTES)).join('\n'), /card is 28672 bytes; it must stay under 28672/);
  });
});
