import type { GraphApi } from '../services/graph/graphApi';
import type { GroupMembership } from '../services/access/membership';
import type { Logger } from '../services/log';
import type { ExchangeAdmin } from '../services/exchange/exchangeAdmin';
import type { ConversationReference, TurnContext } from 'botbuilder';
import type { Approvals } from '../services/approvals/approvals';
import type { ConcurrentStore } from '../services/store/storage';
import type { KnownGood } from '../services/watch/knownGood';
import type { WatchLease } from '../services/watch/lease';

/** Posts into a conversation after its turn has ended (continueConversationAsync). */
export type PostLater = (reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/** What every command and action may use; built once in the composition root. */
export interface BotDeps {
  graph: GraphApi;
  membership: GroupMembership;
  log: Logger;
  tenant: { id: string; name: string };
  adminsGroupId: string;
  approversGroupId: string;
  now: () => Date;
  exchange: ExchangeAdmin;
  trustedAppIds: string[];
  auditQueryWaitMs: number;
  postLater: PostLater;
  approvals: Approvals;
  /** The project's store, shared by approvals and the watcher. */
  store: ConcurrentStore;
  /** This instance's name in executing requests (INSTANCE_ID). */
  instanceId: string;
  /** Held by the one instance that runs the watcher; its fenced store keeps the cursors. */
  watchLease: WatchLease;
  /** Connectors expected and apps trusted, each by an approved request. */
  knownGood: KnownGood;
  /** Emergency-access accounts (object ids or UPNs) never offered for blocking. */
  breakGlassAccounts: string[];
  /** The separate identity that carries out approved requests; absent: nobody can execute. */
  remediation?: { graph: GraphApi; exchange: ExchangeAdmin };
  /** Work that outlives its turn; awaited on shutdown so nothing is cut off half-way. */
  background: Set<Promise<unknown>>;
}
