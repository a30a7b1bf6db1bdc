import { useEffect } from 'react';
import { useSession } from '../data/session';
import { localeOf } from '../i18n/messages';
import { useT } from '../i18n/use-t';
import { useLanguage } from '../state/language';
import { useRoute } from '../state/route';
import { useUiScale } from '../state/ui-scale';
import { App } from './App';
import { LoginPage } from './LoginPage';
import { PublicPage } from './PublicPage';
import { ReportPage } from './ReportPage';
import { decideRoute, isPublicPage, pageOf, type SessionState } from './route';

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
  if (decision.page === 'public') return <PublicPage />;
  if (decision.page === 'report') return <ReportPage />;
  return <App />;
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
