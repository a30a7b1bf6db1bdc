import { type Health, sensorKinds } from '@onemap/domain';
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

/** The table's rows: the live paths, then the imports, which count no requests and refuse none. */
const ingestPaths = [
  ['http', 'HTTP'],
  ['mqtt', 'MQTT'],
  ['cap', 'CAP'],
  ['geojson', 'GeoJSON'],
] as const;
const ingestColumns = [
  ['requests', 'system.ingest.requests'],
  ['accepted', 'system.ingest.accepted'],
  ['rejected', 'system.ingest.rejected'],
  ['refused', 'system.ingest.refused'],
] as const;
type IngestCounts = Partial<Record<(typeof ingestColumns)[number][0], number>>;

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

  return (
    <>
      <header className="card-header">
        <h2>{t('system.title')}</h2>
      </header>
      <div className="system-body">
        <dl className="fact-rows system-facts">
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
                  {ingestColumns.map(([column, title]) => (
                    <th key={column} scope="col">
                      {t(title)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {ingestPaths.map(([path, name]) => {
                  const counts: IngestCounts = stats.data[path];
                  return (
                    <tr key={path} data-path={path}>
                      <th scope="row">{name}</th>
                      {ingestColumns.map(([column]) => (
                        <td key={column} className="num">
                          {counts[column] === undefined ? '—' : n(counts[column])}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <h3>{t('system.ingest.reasons')}</h3>
            {stats.data.topReasons.length === 0 ? (
              <p className="muted">{t('system.ingest.noReasons')}</p>
            ) : (
              <ol className="plain-list reason-list" data-testid="ingest-reasons">
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
