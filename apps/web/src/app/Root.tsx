import { lazy, Suspense, useEffect } from 'react';
import { useSession } from '../data/session';
import { localeOf } from '../i18n/messages';
import { useT } from '../i18n/use-t';
import { useLanguage } from '../state/language';
import { useRoute } from '../state/route';
import { useUiScale } from '../state/ui-scale';
import { LoginPage } from './LoginPage';
import { decideRoute, isPublicPage, pageOf, type SessionState } from './route';

// The pages with a map load its code (maplibre, deck.gl: most of the app's bytes) when first shown,
// so the sign-in page comes up without it; the report page draws with maplibre alone.
const App = lazy(() => import('./App').then((m) => ({ default: m.App })));
const PublicPage = lazy(() => import('./PublicPage').then((m) => ({ default: m.PublicPage })));
const ReportPage = lazy(() => import('./ReportPage').then((m) => ({ default: m.ReportPage })));

/** The page for the current path, behind the route guard; and what every page shares. */
export function Root() {
  const path = useRoute((s) => s.path);
  const navigate = useRoute((s) => s.navigate);
  const language = useLanguage((s) => s.language);
  const uiScale = useUiScale((s) => s.uiScale);
  const session = useSession(!isPublicPage(pageOf(path)));
  const state: SessionState = session.data ? 'signedIn' : session.data === null ? 'anonymous' : 'pending';
  const decision = decideRoute(path, state);
  const redirectTo = decision.kind === 'redirect' ? decision.to : null;

  useEffect(() => {
    if (redirectTo) navigate(redirectTo, { replace: true });
  }, [redirectTo, navigate]);

  useEffect(() => {
    document.documentElement.lang = localeOf[language];
  }, [language]);

  useEffect(() => {
    const onResize = () => useUiScale.getState().update(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  useEffect(() => {
    document.documentElement.style.setProperty('--ui-scale', String(uiScale));
  }, [uiScale]);

  if (decision.kind !== 'show') return <Waiting failing={session.failureCount > 0} />;
  if (decision.page === 'login') return <LoginPage />;
  return (
    <Suspense fallback={<Waiting failing={false} />}>
      {decision.page === 'public' ? <PublicPage /> : decision.page === 'report' ? <ReportPage /> : <App />}
    </Suspense>
  );
}

/** While the session is being asked for: nothing internal may render before the answer. */
function Waiting({ failing }: { failing: boolean }) {
  const { t } = useT();
  return (
    <div className="entry-page waiting" data-testid="session-pending" aria-busy="true">
      <p className={failing ? 'waiting-failing' : 'muted'}>
        {failing ? t('page.unreachable') : t('page.connecting')}
      </p>
    </div>
  );
}
