import { NATIONAL_REGION, type Principal } from '@onemap/domain';
import { type RegionScope, scopeOf } from './scope.js';

/** How a principal appears in the audit trail. */
export function actorOf(principal: Principal): { actor: string; actorRole: string | null } {
  switch (principal.kind) {
    case 'user':
      return { actor: principal.username, actorRole: principal.role };
    case 'token':
      return { actor: `token:${principal.name}#${principal.tokenId}`, actorRole: principal.role };
    default:
      return { actor: 'anonymous', actorRole: null };
  }
}

/** Who is acting, as the services that change records need it. */
export interface Caller {
  /** The region whose records the caller may see and change. */
  scope: RegionScope;
  /** The caller's own region: where a record with no region of its own is filed. */
  regionCode: string;
  /** As the audit trail and timelines name them. */
  actor: string;
}

export function callerOf(principal: Principal): Caller {
  return {
    scope: scopeOf(principal),
    regionCode: principal.kind === 'anonymous' ? NATIONAL_REGION : principal.regionCode,
    actor: actorOf(principal).actor,
  };
}
