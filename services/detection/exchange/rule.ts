import type { Rule } from '../rule';
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

export interface ExchangeRule extends Rule<ObjectHistory, ExchangeContext> {
  kinds: ExchangeObjectKind[];
}
