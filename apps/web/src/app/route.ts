import { HOME_PATH, LOGIN_PATH, PUBLIC_PATH, REPORT_PATH } from '../state/route';

export type Page = 'login' | 'public' | 'report' | 'shell';

/** The public zone: pages anyone may open, shown without asking who they are. */
export function isPublicPage(page: Page): boolean {
  return page === 'public' || page === 'report';
}

/** What is known about the visitor: still asking, nobody signed in, or a signed-in user. */
export type SessionState = 'pending' | 'anonymous' | 'signedIn';

export type RouteDecision =
  | { kind: 'show'; page: Page }
  /** Nothing to show until the session is known: an internal page must not ask for data first. */
  | { kind: 'wait' }
  | { kind: 'redirect'; to: string };

export function pageOf(path: string): Page {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (p === LOGIN_PATH) return 'login';
  if (p === PUBLIC_PATH) return 'public';
  if (p === REPORT_PATH) return 'report';
  return 'shell';
}

/**
 * The route guard. The public zone is open to everyone and never waits for the session; every
 * other page is internal and needs a signed-in user; a signed-in user has no business on the
 * sign-in page.
 */
export function decideRoute(path: string, session: SessionState): RouteDecision {
  const page = pageOf(path);
  if (isPublicPage(page)) return { kind: 'show', page };
  if (session === 'pending') return { kind: 'wait' };
  if (page === 'login')
    return session === 'signedIn' ? { kind: 'redirect', to: HOME_PATH } : { kind: 'show', page };
  return session === 'signedIn' ? { kind: 'show', page } : { kind: 'redirect', to: LOGIN_PATH };
}
