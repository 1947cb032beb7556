import type { GraphApi } from '../graph/graphApi';
import { isGuid } from '../apps/odata';
import { GraphRequestError } from '../errors';

interface CacheEntry {
  member: boolean;
  expires: number;
}

/**
 * Transitive group membership from Graph (checkMemberGroups), cached for a few minutes so a
 * chat does not cost a Graph call per message; a removal takes effect within the cache time.
 */
export class GroupMembership {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly graph: GraphApi,
    private readonly cacheMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  async isMember(userObjectId: string, groupId: string): Promise<boolean> {
    if (!isGuid(userObjectId)) return false;
    const key = `${userObjectId.toLowerCase()}|${groupId}`;
    const cached = this.cache.get(key);
    if (cached && cached.expires > this.clock()) return cached.member;
    const member = await this.askGraph(userObjectId, groupId);
    this.cache.set(key, { member, expires: this.clock() + this.cacheMs });
    return member;
  }

  private async askGraph(userObjectId: string, groupId: string): Promise<boolean> {
    try {
      const answer = await this.graph.send<{ value: string[] }>('POST', `/users/${userObjectId}/checkMemberGroups`, { groupIds: [groupId] });
      return answer.value.map((id) => id.toLowerCase()).includes(groupId.toLowerCase());
    } catch (error) {
      if (error instanceof GraphRequestError && error.status === 404) return false;
      throw error;
    }
  }
}
