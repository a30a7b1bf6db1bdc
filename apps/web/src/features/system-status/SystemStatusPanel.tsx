import { type Health, type IngestPathStats, sensorKinds } from '@onemap/domain';
import { useQuery } from '@tanstack/react-query';
import { errorCode } from '../../data/errors';
import { useTRPC } from '../../data/trpc';
import { formatDateTime, formatNumber } from '../../i18n/format';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/use-t';
import { type LiveStatus, useLive } from '../../state/live';
import { describeReason } from './ingest-reasons';

/** Often enough to watch a gateway's backlog drain; only while the popover is open. */
const STATS_POLL_MS = 3_000;

const liveTitles: Record<LiveStatus, MessageKey> = {
  open: 'system.live.open',
  connecting: 'system.live.connecting',
  off: 'system.live.off',
};

/** 系统状态: the service, the live link, and what ingest has taken and refused since it started. */
export function SystemStatusPanel({
  health,
  healthState,
}: {
  health: Health | undefined;
  healthState: string;
}) {
  const { t, language } = useT();
  const trpc = useTRPC();
  const live = useLive((s) => s.status);
  const stats = useQuery({
    ...trpc.system.ingestStats.queryOptions(),
    refetchInterval: STATS_POLL_MS,
    staleTime: 0,
  });
  const n = (v: number) => formatNumber(v, language);
  const paths: Array<[string, IngestPathStats]> = stats.data
    ? [
        ['HTTP', stats.data.http],
        ['MQTT', stats.data.mqtt],
      ]
    : [];

  return (
    <>
      <header className="card-header">
        <h2>{t('system.title')}</h2>
      </header>
      <div className="system-body">
        <dl className="system-facts">
          <div>
            <dt>{t('system.service')}</dt>
            <dd>{healthState}</dd>
          </div>
          <div>
            <dt>{t('system.db')}</dt>
            <dd className="mono" data-testid="system-db">
              {health?.db ?? '—'}
            </dd>
          </div>
          <div>
            <dt>{t('system.version')}</dt>
            <dd className="mono">{health?.version ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('system.live')}</dt>
            <dd className={`live-${live}`} data-testid="system-live" data-state={live}>
              {t(liveTitles[live])}
            </dd>
          </div>
        </dl>

        <h3>{t('system.ingest')}</h3>
        {stats.isError ? (
          <p className="form-error">
            {errorCode(stats.error) === 'FORBIDDEN'
              ? t('system.ingest.forbidden')
              : t('system.ingest.failed')}
          </p>
        ) : !stats.data ? (
          <p className="muted">{t('admin.loading')}</p>
        ) : (
          <>
            <p className="system-rate">
              <span className="num" data-testid="ingest-rate">
                {formatNumber(Math.round(stats.data.ratePerS * 10) / 10, language)}
              </span>{' '}
              {t('system.ingest.rate')}
              <span className="muted">
                {' '}
                · {t('system.ingest.since', { time: formatDateTime(stats.data.since) })}
              </span>
            </p>
            <table className="count-table ingest-table" data-testid="ingest-table">
              <thead>
                <tr>
                  <th scope="col" />
                  <th scope="col">{t('system.ingest.requests')}</th>
                  <th scope="col">{t('system.ingest.accepted')}</th>
                  <th scope="col">{t('system.ingest.rejected')}</th>
                  <th scope="col">{t('system.ingest.refused')}</th>
                </tr>
              </thead>
              <tbody>
                {paths.map(([name, p]) => (
                  <tr key={name} data-path={name.toLowerCase()}>
                    <th scope="row">{name}</th>
                    <td className="num">{n(p.requests)}</td>
                    <td className="num">{n(p.accepted)}</td>
                    <td className="num">{n(p.rejected)}</td>
                    <td className="num">{n(p.refused)}</td>
                  </tr>
                ))}
                <tr data-path="cap">
                  <th scope="row">CAP</th>
                  <td className="num">—</td>
                  <td className="num">{n(stats.data.cap.accepted)}</td>
                  <td className="num">{n(stats.data.cap.rejected)}</td>
                  <td className="num">—</td>
                </tr>
                <tr data-path="geojson">
                  <th scope="row">GeoJSON</th>
                  <td className="num">—</td>
                  <td className="num">{n(stats.data.geojson.accepted)}</td>
                  <td className="num">{n(stats.data.geojson.rejected)}</td>
                  <td className="num">—</td>
                </tr>
              </tbody>
            </table>
            <h3>{t('system.ingest.reasons')}</h3>
            {stats.data.topReasons.length === 0 ? (
              <p className="muted">{t('system.ingest.noReasons')}</p>
            ) : (
              <ol className="reason-list" data-testid="ingest-reasons">
                {stats.data.topReasons.map((r) => {
                  const d = describeReason(r.reason);
                  const kind = d.params.kind
                    ? (sensorKinds.labelOf(d.params.kind)?.[language] ?? d.params.kind)
                    : '';
                  return (
                    <li key={r.reason} title={r.reason}>
                      <span className="num reason-count">{n(r.count)}</span>
                      {d.field && <code className="reason-field">{d.field}</code>}
                      <span>{d.key ? t(d.key, { ...d.params, kind }) : d.raw}</span>
                    </li>
                  );
                })}
              </ol>
            )}
          </>
        )}
      </div>
    </>
  );
}
