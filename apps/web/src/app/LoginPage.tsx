import { loginInputSchema } from '@onemap/domain';
import { type FormEvent, useState } from 'react';
import { type SignInResult, signIn } from '../data/session';
import { LanguageToggle } from '../features/session/LanguageToggle';
import { useEnterSession } from '../features/session/session';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/use-t';
import { PUBLIC_PATH, useRoute } from '../state/route';
import { useSessionNotice } from '../state/session-notice';
import { useDocumentTitle } from './document-title';

type Failure = Exclude<SignInResult, { ok: true }>;

const noticeText: Readonly<Record<'expired' | 'signedOut', MessageKey>> = {
  expired: 'login.expired',
  signedOut: 'login.signedOut',
};

/** 工作人员登录: the only way into the internal shell. */
export function LoginPage() {
  const { t } = useT();
  const notice = useSessionNotice((s) => s.notice);
  const navigate = useRoute((s) => s.navigate);
  const enter = useEnterSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username: boolean; password: boolean }>({
    username: false,
    password: false,
  });
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('login.pageTitle'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = loginInputSchema.safeParse({ username, password });
    if (!input.success) {
      setMissing({ username: username.trim() === '', password: password === '' });
      return;
    }
    setMissing({ username: false, password: false });
    setBusy(true);
    const result = await signIn(input.data);
    if (result.ok) {
      setFailure(null);
      await enter().catch(() => setFailure({ ok: false, reason: 'failed', status: null }));
    } else if (
      result.reason === 'invalidInput' &&
      (result.fields.includes('username') || result.fields.includes('password'))
    ) {
      setFailure(null);
      setMissing({
        username: result.fields.includes('username'),
        password: result.fields.includes('password'),
      });
    } else {
      setFailure(result);
      // Nothing of a refused password stays in the page.
      setPassword('');
    }
    setBusy(false);
  };

  const failureText = (f: Failure): string => {
    switch (f.reason) {
      case 'invalid':
        return t('login.invalid');
      case 'locked':
        return f.retryAfterSeconds === null
          ? t('login.lockedNoTime')
          : t('login.locked', { seconds: f.retryAfterSeconds });
      case 'invalidInput':
      case 'failed':
        return t('login.failed');
    }
  };

  return (
    <div className="entry-page login-page">
      <header className="entry-bar">
        <span className="app-title">
          <span className="app-mark" aria-hidden="true" />
          {t('app.title')}
        </span>
        <LanguageToggle />
      </header>
      <main className="login-main">
        <form className="login-card card" data-testid="login-form" onSubmit={submit} noValidate>
          <h1>{t('login.heading')}</h1>
          {notice && !failure && (
            <p className={`login-notice notice-${notice}`} data-testid="login-notice" role="status">
              {t(noticeText[notice])}
            </p>
          )}
          <label className="form-field">
            <span>{t('login.username')}</span>
            <input
              name="username"
              data-testid="login-username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={64}
              // biome-ignore lint/a11y/noAutofocus: the page exists to take these two fields
              autoFocus
              aria-invalid={missing.username}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
            {missing.username && <span className="field-error">{t('login.required')}</span>}
          </label>
          <label className="form-field">
            <span>{t('login.password')}</span>
            <input
              name="password"
              type="password"
              data-testid="login-password"
              autoComplete="current-password"
              maxLength={256}
              aria-invalid={missing.password}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            {missing.password && <span className="field-error">{t('login.required')}</span>}
          </label>
          {failure && (
            <p className="form-error" data-testid="login-error" data-reason={failure.reason} role="alert">
              {failureText(failure)}
            </p>
          )}
          <button
            type="submit"
            className="primary-button login-submit"
            data-testid="login-submit"
            disabled={busy}
          >
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
          <p className="login-audited muted">{t('login.audited')}</p>
        </form>
        <a
          className="login-public-link"
          data-testid="public-link"
          href={PUBLIC_PATH}
          onClick={(e) => {
            e.preventDefault();
            navigate(PUBLIC_PATH);
          }}
        >
          {t('login.publicLink')} →
        </a>
      </main>
    </div>
  );
}
