import type { GraphApi } from '../services/graph/graphApi';
import type { GroupMembership } from '../services/access/membership';
import type { Logger } from '../services/log';

/** What every command and action may use; built once in the composition root. */
export interface BotDeps {
  graph: GraphApi;
  membership: GroupMembership;
  log: Logger;
  tenant: { id: string; name: string };
  adminsGroupId: string;
  approversGroupId: string;
  now: () => Date;
}
