import type { GraphApi } from '../graph/graphApi';
import { isGuid } from '../apps/odata';
import { GraphRequestError } from '../errors';

interface CacheEntry {
  groups: Set<string>;
  expires: number;
}

/**
 * Transitive group membership from Graph (checkMemberGroups, which answers for several groups at once),
 * cached for a few minutes so a chat does not cost a Graph call per message; a removal takes effect
 * within the cache time.
 */
export class GroupMembership {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly graph: GraphApi,
    private readonly cacheMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Which of the groups the user belongs to, in one Graph request. */
  async memberOf(userObjectId: string, groupIds: string[]): Promise<Set<string>> {
    if (!isGuid(userObjectId)) return new Set();
    const wanted = groupIds.map((id) => id.toLowerCase());
    const key = `${userObjectId.toLowerCase()}|${[...wanted].sort().join(',')}`;
    const cached = this.cache.get(key);
    if (cached && cached.expires > this.clock()) return cached.groups;
    const groups = await this.askGraph(userObjectId, groupIds);
    this.cache.set(key, { groups, expires: this.clock() + this.cacheMs });
    return groups;
  }

  async isMember(userObjectId: string, groupId: string): Promise<boolean> {
    return (await this.memberOf(userObjectId, [groupId])).has(groupId.toLowerCase());
  }

  private async askGraph(userObjectId: string, groupIds: string[]): Promise<Set<string>> {
    try {
      const answer = await this.graph.send<{ value: string[] }>('POST', `/users/${userObjectId}/checkMemberGroups`, { groupIds });
      const wanted = new Set(groupIds.map((id) => id.toLowerCase()));
      return new Set(answer.value.map((id) => id.toLowerCase()).filter((id) => wanted.has(id)));
    } catch (error) {
      if (error instanceof GraphRequestError && error.status === 404) return new Set();
      throw error;
    }
  }
}
