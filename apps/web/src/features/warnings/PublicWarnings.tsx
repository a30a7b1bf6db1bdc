import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTRPC } from '../../data/trpc';
import { formatDateTime } from '../../i18n/format';
import { useT } from '../../i18n/use-t';
import { severityColor } from '../../layers/warnings';
import { cssColor } from '../layer-panel/Legend';
import { SeverityBadge } from './SeverityBadge';
import './warnings.css';

const REFRESH_MS = 30_000;

/**
 * 生效预警: the warnings in force, most severe first as the server orders them, each in its
 * severity colour with headline, area and validity; the chosen one opens to its description and
 * what to do.
 */
export function PublicWarnings({
  selected,
  onSelect,
}: {
  selected: number | null;
  onSelect(id: number | null): void;
}) {
  const { t } = useT();
  const trpc = useTRPC();
  const warnings = useQuery({ ...trpc.publicInfo.warnings.queryOptions(), refetchInterval: REFRESH_MS });
  const openItem = useRef<HTMLLIElement>(null);

  // A warning picked on the map comes into view in the list.
  useEffect(() => {
    if (selected !== null) openItem.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

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
          <ul className="plain-list warning-list">
            {warnings.data.map((w) => {
              const open = w.id === selected;
              return (
                <li
                  key={w.id}
                  ref={open ? openItem : undefined}
                  className={`warning-item${open ? ' is-open' : ''}`}
                  data-severity={w.severity}
                  data-testid={`warning-${w.id}`}
                  style={{ borderLeftColor: cssColor(severityColor(w.severity)) }}
                >
                  <button
                    type="button"
                    className="warning-item-head"
                    aria-expanded={open}
                    onClick={() => onSelect(open ? null : w.id)}
                  >
                    <strong className="warning-headline">{w.headline}</strong>
                    <span className="warning-area">{w.areaDesc}</span>
                    <span className="warning-time muted mono">
                      {t('public.effective')} {formatDateTime(w.effective, false)}
                      {` · ${t('public.until', { time: formatDateTime(w.expires, false) })}`}
                    </span>
                  </button>
                  {open && (
                    <div className="warning-item-body">
                      <p className="warning-badges">
                        <SeverityBadge severity={w.severity} />
                        <span className="muted">
                          {w.event} · {t('public.issuedBy', { sender: w.sender })}
                        </span>
                      </p>
                      {w.description && (
                        <section className="warning-text">
                          <h4>{t('warnings.description')}</h4>
                          <p>{w.description}</p>
                        </section>
                      )}
                      {w.instruction && (
                        <section className="warning-text">
                          <h4>{t('warnings.instruction')}</h4>
                          <p>{w.instruction}</p>
                        </section>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
