import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../data/trpc';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';

const REFRESH_MS = 60_000;

/** 生效预警: the warnings released to the public, newest as the server orders them. */
export function PublicWarnings() {
  const { t } = useT();
  const trpc = useTRPC();
  const warnings = useQuery({ ...trpc.publicInfo.warnings.queryOptions(), refetchInterval: REFRESH_MS });
  return (
    <section
      className="public-warnings card"
      data-testid="public-warnings"
      aria-labelledby="public-warnings-title"
    >
      <header className="card-header">
        <h2 id="public-warnings-title">{t('public.warnings')}</h2>
      </header>
      <div className="public-warnings-body">
        {warnings.isPending && <p className="muted">{t('public.loading')}</p>}
        {warnings.isError && <p className="muted">{t('public.warningsError')}</p>}
        {warnings.data?.length === 0 && (
          <p className="no-warnings" data-testid="no-warnings">
            {t('public.noWarnings')}
          </p>
        )}
        {warnings.data && warnings.data.length > 0 && (
          <ul className="warning-list">
            {warnings.data.map((w) => (
              <li
                key={w.id}
                className="warning-item"
                data-severity={w.severity}
                data-testid={`warning-${w.id}`}
              >
                <strong className="warning-headline">{w.headline}</strong>
                <span className="warning-area">{w.areaDesc}</span>
                <span className="warning-time muted mono">
                  {t('public.effective')} {formatDateTime(w.effective, false)}
                  {w.expires && ` · ${t('public.until', { time: formatDateTime(w.expires, false) })}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
