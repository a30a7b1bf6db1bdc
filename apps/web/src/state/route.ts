import { create } from 'zustand';

export const HOME_PATH = '/';
export const LOGIN_PATH = '/login';
export const PUBLIC_PATH = '/public';
export const REPORT_PATH = '/report';

interface RouteState {
  /** The location's path: which page the app shows. */
  path: string;
  navigate(path: string, options?: { replace?: boolean }): void;
}

const currentPath = () => (typeof window === 'undefined' ? '/' : window.location.pathname);

/** The app's few pages need no router: the path lives here and follows the browser's history. */
export const useRoute = create<RouteState>()((set, get) => ({
  path: currentPath(),
  navigate(path, options) {
    if (path === get().path) return;
    if (options?.replace) window.history.replaceState(null, '', path);
    else window.history.pushState(null, '', path);
    set({ path });
  },
}));

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => useRoute.setState({ path: currentPath() }));
}
