// Expands the card templates with a view, neutralises hostile text, and refuses to return a card
// that fails checkCard: a command gets either a card Teams will render safely or an error.
import * as ACData from 'adaptivecards-templating';
import { AdaptiveCard, cardBytes, fitsInCard } from './adaptiveCard';
import { checkCard, checkCardIgnoringSize } from './checkCard';
import { neutraliseView } from './neutralise';
import { templates } from './templates';
import type {
  AdminsView,
  AppChoiceView,
  AppDetailView,
  AuditView,
  ErrorView,
  ExchangeChangesView,
  HelpView,
  InvestigationView,
  PendingView,
  PostureView,
  RequestView,
  KnownGoodView,
  RiskyAppsView,
  WatchAlertView,
} from './views';

export type { AdaptiveCard } from './adaptiveCard';
export { MAX_CARD_BYTES, cardBytes, fitsInCard } from './adaptiveCard';
export { checkCard } from './checkCard';

export interface CardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: AdaptiveCard;
}

type CardName = keyof typeof templates;

export class CardCheckError extends Error {
  constructor(
    readonly cardName: CardName,
    readonly problems: string[],
  ) {
    super(`${cardName} card failed its checks: ${problems.join('; ')}`);
    this.name = 'CardCheckError';
  }
}

export class CardTooLargeError extends CardCheckError {
  constructor(
    cardName: CardName,
    problems: string[],
    readonly bytes: number,
  ) {
    super(cardName, problems);
    this.name = 'CardTooLargeError';
  }
}

// Parsing a template's expressions is the costly part of expansion, so it is done once.
const preparedTemplates = Object.fromEntries(
  Object.entries(templates).map(([name, template]) => [name, new ACData.Template(template)]),
) as Record<CardName, ACData.Template>;

function isAdaptiveCard(value: unknown): value is AdaptiveCard {
  if (typeof value !== 'object' || value === null) return false;
  const card = value as Partial<AdaptiveCard>;
  return card.type === 'AdaptiveCard' && typeof card.version === 'string' && Array.isArray(card.body);
}

export interface RenderOptions {
  // false lets a command render, test fitsInCard, and retry with fewer items; every other check still runs.
  checkSize?: boolean;
}

function render(name: CardName, view: object, { checkSize = true }: RenderOptions): AdaptiveCard {
  const card: unknown = preparedTemplates[name].expand({ $root: neutraliseView(view) });
  if (!isAdaptiveCard(card)) throw new CardCheckError(name, ['the template did not expand to an AdaptiveCard with a body']);
  const problems = checkSize ? checkCard(card) : checkCardIgnoringSize(card);
  if (problems.length === 0) return card;
  if (problems.length === 1 && !fitsInCard(card)) throw new CardTooLargeError(name, problems, cardBytes(card));
  throw new CardCheckError(name, problems);
}

export function riskyAppsCard(view: RiskyAppsView, options: RenderOptions = {}): AdaptiveCard {
  return render('riskyApps', view, options);
}

export function appDetailCard(view: AppDetailView, options: RenderOptions = {}): AdaptiveCard {
  return render('appDetail', view, options);
}

export function helpCard(view: HelpView, options: RenderOptions = {}): AdaptiveCard {
  return render('help', view, options);
}

export function errorCard(view: ErrorView, options: RenderOptions = {}): AdaptiveCard {
  return render('error', view, options);
}

export function appChoiceCard(view: AppChoiceView, options: RenderOptions = {}): AdaptiveCard {
  return render('appChoice', view, options);
}

export function exchangeChangesCard(view: ExchangeChangesView, options: RenderOptions = {}): AdaptiveCard {
  return render('exchangeChanges', view, options);
}

export function requestStatusCard(view: RequestView, options: RenderOptions = {}): AdaptiveCard {
  return render('requestStatus', view, options);
}

export function pendingCard(view: PendingView, options: RenderOptions = {}): AdaptiveCard {
  return render('pending', view, options);
}

export function auditCard(view: AuditView, options: RenderOptions = {}): AdaptiveCard {
  return render('audit', view, options);
}

export function adminsCard(view: AdminsView, options: RenderOptions = {}): AdaptiveCard {
  return render('admins', view, options);
}

export function postureCard(view: PostureView, options: RenderOptions = {}): AdaptiveCard {
  return render('posture', view, options);
}

export function investigationCard(view: InvestigationView, options: RenderOptions = {}): AdaptiveCard {
  return render('investigation', view, options);
}

export function cardAttachment(card: AdaptiveCard): CardAttachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}

export function watchAlertCard(view: WatchAlertView, options: RenderOptions = {}): AdaptiveCard {
  return render('watchAlert', view, options);
}

export function knownGoodCard(view: KnownGoodView, options: RenderOptions = {}): AdaptiveCard {
  return render('knownGood', view, options);
}
