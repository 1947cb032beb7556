import type { Severity } from '../severity';
import type { ExchangeObjectKind, ObjectHistory } from '../../exchange/history';

export interface KnownApp {
  name: string;
  /** One of the apps "list risky apps" shows. */
  risky: boolean;
}

export interface ExchangeContext {
  now: Date;
  windowStart: Date;
  trustedAppIds: Set<string>;
  apps: Map<string, KnownApp>;
}

export interface ExchangeRule {
  id: string;
  title: string;
  why: string;
  fix: string;
  kinds: ExchangeObjectKind[];
  evaluate(history: ObjectHistory, context: ExchangeContext): { severity: Severity; detail: string }[];
}
