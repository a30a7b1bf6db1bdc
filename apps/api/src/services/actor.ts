import type { Principal } from '@onemap/domain';

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
